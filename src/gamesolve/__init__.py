"""gamesolve: analyse payoff-matrix (normal-form) games from YAML, JSON or Gambit .nfg files.

The Python API mirrors the command line; results are the same dataclasses every
reporter reads::

    >>> import gamesolve
    >>> g = gamesolve.load("games/prisoners_dilemma.yaml")
    >>> result = gamesolve.analyze(g, method="pure")
    >>> [g.format_profile(e.profile) for e in result.equilibria.equilibria]
    ['(Fink, Fink)']

Heavy modules are imported on first use, so ``import gamesolve`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Game", "GameError", "__version__", "analyze", "load", "solve"]

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import AnalysisResult
    from .errors import GameError
    from .model import Game
    from .solvers.base import EquilibriumSet


def _register_displays() -> None:
    """Notebook HTML of each result kind (see gamesolve.display): wired here, at the top,
    so that the result classes never import the report layer."""
    from . import display

    for kind, function in (("AnalysisResult", "analysis_html"),
                           ("EquilibriumSet", "equilibria_html"),
                           ("ClaimsReport", "claims_html"),
                           ("LearningResult", "learning_html")):
        display.register(kind, f"gamesolve.report.notebook:{function}")


_register_displays()


def load(path: str, max_profiles: int = 10**7) -> Game:
    """Read a game from a YAML, JSON or Gambit .nfg file (``-`` for standard input)."""
    from .io import load_game

    return load_game(str(path), max_profiles=max_profiles)


def analyze(game: Game, method: str = "auto", timeout: float = 10.0,
            eliminate: str = "strict") -> AnalysisResult:
    """Everything ``gamesolve analyze`` reports, as an :class:`AnalysisResult`."""
    from .analysis import analyze as run

    return run(game, method=method, timeout=timeout, eliminate=eliminate)


def solve(game: Game, method: str = "auto", timeout: float = 10.0) -> EquilibriumSet:
    """The Nash equilibria found by ``method`` (see ``gamesolve solve --help``)."""
    from .solvers.equilibria import solve as run

    return run(game, method=method, timeout=timeout)


def __getattr__(name: str) -> Any:
    if name == "Game":
        from .model import Game

        return Game
    if name == "GameError":
        from .errors import GameError

        return GameError
    raise AttributeError(f"module 'gamesolve' has no attribute {name!r}")
