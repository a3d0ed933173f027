"""Learning dynamics on a game (``gamesolve learn``): nashpy's algorithms for two players,
our own fictitious play for more, compared with the certified equilibria."""

from .core import CONVERGENCE_TOL, DYNAMICS, LearningResult, learn

__all__ = ["CONVERGENCE_TOL", "DYNAMICS", "LearningResult", "learn"]
