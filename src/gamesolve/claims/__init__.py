"""Claims a source makes about its game, and their verdicts against the game's numbers.

The vocabulary (kinds, statuses, the :class:`Context` a claim is read through) lives in
:mod:`.core`; the judges in :mod:`.strategies` (strategies and equilibria) and
:mod:`.outcomes` (outcomes and payoffs); :func:`check_claims` in :mod:`.check`.
"""

from .check import check_claims, evaluate
from .core import (
    COMMON_KEYS,
    CONTRADICTED,
    HEDGEABLE,
    KINDS,
    STATUSES,
    SUPPORTED,
    UNTESTABLE,
    ClaimResult,
    ClaimsReport,
    Context,
    Unavailable,
)

__all__ = ["COMMON_KEYS", "CONTRADICTED", "HEDGEABLE", "KINDS", "STATUSES", "SUPPORTED",
           "UNTESTABLE", "ClaimResult", "ClaimsReport", "Context", "Unavailable",
           "check_claims", "evaluate"]
