"""Judging a game's claims: every claim read through a Context and handed to its kind's judge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Game
from .core import ClaimResult, ClaimsReport, Context
from .outcomes import OUTCOME_JUDGES
from .strategies import JUDGES


def evaluate(ctx: Context) -> ClaimResult:
    judge = JUDGES.get(ctx.kind) or OUTCOME_JUDGES[ctx.kind]
    status, evidence, statement, holds_in = judge(ctx)
    return ClaimResult(text=ctx.text, source=ctx.source, kind=ctx.kind, line=ctx.line,
                       status=status, evidence=evidence, statement=statement,
                       hedged=ctx.hedged, implicit=ctx.implicit, note=ctx.note,
                       holds_in=holds_in)


def check_claims(game: Game, original: Game | None = None,
                 claims: Sequence[Mapping[str, Any]] | None = None,
                 timeout: float = 10.0) -> ClaimsReport:
    """Judge every claim of ``game`` (or the ``claims`` given).

    ``original`` is the game before ``--fix`` restricted it (by default ``game.parent``):
    strategies it has and ``game`` lacks make claims about them untestable instead of
    unknown.  ``timeout`` bounds the mixed-equilibrium search of ``unique_equilibrium``
    claims.
    """
    if original is None:
        original = game.parent

    items = game.claims if claims is None else claims
    results = []
    for claim in items:
        ctx = Context(game, original, claim, timeout)
        results.append(evaluate(ctx))
    return ClaimsReport(tuple(results), game=game)
