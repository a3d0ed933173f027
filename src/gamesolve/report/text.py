"""Plain-text reports: the documents of :mod:`.outline_analysis` and
:mod:`.outline_claims` rendered by :mod:`.plain` (tables by tabulate).  Formatting only."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import AnalysisResult
from ..model import Game
from ..solvers.base import EquilibriumSet
from .common import decimal
from .plain import render_outline


def render_analysis(result: AnalysisResult, exact: bool = False, digits: int = 4,
                    sections: Sequence[str] | None = None) -> str:
    """The analysis (or the ``sections`` named) as plain text."""
    from .outline_analysis import analysis_outline

    return render_outline(analysis_outline(result, exact, digits, sections))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False,
                      digits: int = 4) -> str:
    """The equilibria (``gamesolve solve``) as plain text."""
    from .outline_analysis import equilibria_outline

    return render_outline(equilibria_outline(game, eqs, exact, digits))


def render_check(report, game: Game) -> str:
    """Claim verdicts (``gamesolve check``) as plain text."""
    from .outline_claims import claims_outline

    return render_outline(claims_outline(report, game))


def render_robustness(report, game: Game) -> str:
    """Robustness results (``gamesolve robustness``) as plain text."""
    from .outline_claims import robustness_outline

    return render_outline(robustness_outline(report, game))


__all__ = ["decimal", "render_analysis", "render_check", "render_equilibria",
           "render_outline", "render_robustness"]
