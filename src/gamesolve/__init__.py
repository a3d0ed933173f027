"""gamesolve: analyse payoff-matrix (normal-form) games from YAML, JSON or Gambit .nfg files."""

__version__ = "0.1.0"
