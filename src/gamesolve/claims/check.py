"""Judging a game's claims: every claim read through a Context and handed to its kind's judge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..model import Game
from .collective import COLLECTIVE_JUDGES
from .core import (
    CONTRADICTED,
    HEDGE_MAJORITY,
    HOLDS_AS_HEDGED,
    SUPPORTED,
    ClaimResult,
    ClaimsReport,
    Context,
)
from .dominated import DOMINATED_JUDGES
from .extremes import EXTREME_JUDGES
from .outcomes import OUTCOME_JUDGES
from .strategies import JUDGES

ALL_JUDGES = {**JUDGES, **DOMINATED_JUDGES, **OUTCOME_JUDGES, **EXTREME_JUDGES,
              **COLLECTIVE_JUDGES}


def evaluate(ctx: Context) -> ClaimResult:
    """Judge one claim; a hedged claim's verdict is then read against "most" cases."""
    judge = ALL_JUDGES[ctx.kind]
    verdict = judge(ctx)
    status, evidence, statement, holds_in = verdict[:4]
    alternative = verdict[4] if len(verdict) > 4 else None
    if ctx.hedged and holds_in is not None:
        status, evidence = hedged_verdict(status, evidence, holds_in)
    return ClaimResult(text=ctx.text, source=ctx.source, kind=ctx.kind, line=ctx.line,
                       status=status, evidence=evidence, statement=statement,
                       hedged=ctx.hedged, implicit=ctx.implicit, note=ctx.note,
                       holds_in=holds_in, scope=ctx.scope or _quantifier(ctx),
                       alternative=alternative)


def _quantifier(ctx: Context) -> str:
    return str(ctx.claim.get("quantifier", "some")) if ctx.kind == "interdependent" else ""


def hedged_verdict(status: str, evidence: str, holds_in: tuple[int, int]) -> tuple[str, str]:
    """The verdict on a hedged claim whose firm statement holds in ``holds_in`` cases.

    >>> hedged_verdict("contradicted", "Outside: X.", (2, 3))[0]
    'holds-as-hedged'
    >>> hedged_verdict("contradicted", "Outside: X.", (1, 2))[0]
    'contradicted'
    """
    k, n = holds_in
    if status == CONTRADICTED and n and Fraction(k, n) > HEDGE_MAJORITY:
        return HOLDS_AS_HEDGED, (f"Hedged claim: the firm statement holds in {k} of {n}"
                                 " cases, more than half, as \"most\" asks (each case"
                                 f" counted once). {evidence}")
    if status == CONTRADICTED:
        return status, (f"Hedged claim: the firm statement holds in only {k} of {n} cases,"
                        f" not more than half (each case counted once). {evidence}")
    if status == SUPPORTED:
        return status, (f"Hedged claim: the firm statement holds in all {n} cases (the hedge"
                        f" is not needed). {evidence}")
    return status, evidence


def check_claims(game: Game, original: Game | None = None,
                 claims: Sequence[Mapping[str, Any]] | None = None,
                 timeout: float = 10.0, strict: bool = False) -> ClaimsReport:
    """Judge every claim of ``game`` (or the ``claims`` given).

    ``original`` is the game before ``--fix`` restricted it (by default ``game.parent``):
    strategies it has and ``game`` lacks make claims about them untestable instead of
    unknown.  ``timeout`` bounds the mixed-equilibrium search of ``unique_equilibrium``
    claims.  ``strict``: the encoder's implicit claims count for the exit status too.
    """
    if original is None:
        original = game.parent

    items = game.claims if claims is None else claims
    results = []
    for claim in items:
        ctx = Context(game, original, claim, timeout)
        results.append(evaluate(ctx))
    return ClaimsReport(tuple(results), strict, game=game)
