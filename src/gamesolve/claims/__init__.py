"""Claims a source makes about its game, and their verdicts against the game's numbers.

The vocabulary (kinds, statuses, the :class:`Context` a claim is read through) lives in
:mod:`.core`; the judges in :mod:`.strategies` (strategies and equilibria) and
:mod:`.outcomes` (outcomes and payoffs), :mod:`.extremes` (best and worst outcomes, in
a row or the whole table), :mod:`.dominated` (dominated strategies) and :mod:`.collective`
(Pareto dominance, welfare, interdependence); :func:`check_claims` in :mod:`.check`.
"""

from .check import check_claims, evaluate
from .core import (
    COMMON_KEYS,
    CONTRADICTED,
    HEDGE_MAJORITY,
    HEDGEABLE,
    HOLDS_AS_HEDGED,
    KINDS,
    SCOPES,
    STATUSES,
    SUPPORTED,
    UNTESTABLE,
    ClaimResult,
    ClaimsReport,
    Context,
    Unavailable,
)

__all__ = [
    "COMMON_KEYS",
    "CONTRADICTED",
    "HEDGEABLE",
    "HEDGE_MAJORITY",
    "HOLDS_AS_HEDGED",
    "KINDS",
    "SCOPES",
    "STATUSES",
    "SUPPORTED",
    "UNTESTABLE",
    "ClaimResult",
    "ClaimsReport",
    "Context",
    "Unavailable",
    "check_claims",
    "evaluate",
]
