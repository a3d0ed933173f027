"""Verification of the profiles pygambit returns, and the EquilibriumSet built from them.

Each profile is checked in the parent (:func:`verify_profiles`):

* probabilities as Fractions (``enumpure``, ``enummixed``, ``lcp`` rational,
  ``simpdiv``) are checked exactly with :func:`base.verify_exact`;
* floats are rationalised (``Fraction.limit_denominator``, coarsest first) and, when the
  rational profile passes the exact check, reported exactly (``exact`` and
  ``exact_payoffs`` filled, regret 0);
* otherwise the float profile is kept when its max regret (:func:`base.max_regret`) is at
  most the tolerance ``REGRET_TOL * max(1, max |payoff|)`` (:func:`default_tolerance`,
  ``REGRET_TOL = 1e-6``).  An imprecise profile is first refined by Newton's method on
  the indifference equations of its support (pygambit's approximate methods stop at a
  regret of about 1e-4 to 1e-7 of the payoff range); the refinement is used only if it
  stays within 0.05 of the original and verifies with a smaller regret;
* everything else is dropped and counted in ``EquilibriumSet.rejected``, with a warning.

Equilibria closer than ``DEDUP_TOL`` (largest probability difference) are merged, the
exact or lower-regret one kept.  Order: by total support size, then by probabilities
(strategies listed first weigh most), so pure equilibria come first.

:func:`build_result` says ``complete`` only for ``enumpure`` (all pure equilibria),
``enummixed`` (two players: all extreme equilibria) and ``enumpoly`` (all equilibria of a
game whose equilibria are isolated, said in a warning), and only when the run finished
within the budget and no returned profile failed verification.

>>> from gamesolve.model import Game
>>> pennies = Game.from_payoffs([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> checked = verify_profiles(pennies, [[[0.5, 0.5], [0.5, 0.5]], [[1, 0], [1, 0]]])
>>> [e.exact for e in checked.equilibria], checked.rejected
([((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))], 1)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from ...model import Game
from ..base import (
    Equilibrium,
    EquilibriumSet,
    expected_payoffs,
    max_regret,
    pure_equilibrium,
    verify_exact,
)
from .worker import STARTUP_LIMIT, ChildRun

COMPLETE_METHODS = ("enumpure", "enummixed", "enumpoly")

REGRET_TOL = 1e-6
"""Relative regret tolerance: a float profile is an equilibrium when no player gains more
than ``REGRET_TOL * max(1, max |payoff|)`` by deviating."""
DEDUP_TOL = 1e-6  # profiles whose probabilities all differ by less are the same equilibrium
MAX_EXACT_WORK = 200_000  # exact verification is skipped beyond this many payoff terms
RATIONAL_LIMITS = (10, 100, 1000, 10**4, 10**6)
REFINE_DISTANCE = 0.05  # a refined profile must stay this close to the one pygambit gave
REFINE_THRESHOLDS = (1e-9, 1e-6, 1e-4, 1e-2)  # probabilities above these form the support


def default_tolerance(game: Game) -> float:
    """The regret a float profile may have and still count as an equilibrium.

    >>> from gamesolve.model import Game
    >>> default_tolerance(Game.from_payoffs([[[1, -250]], [[3, 4]]]))
    0.00025
    """
    largest = float(np.abs(game.payoffs).max(initial=0.0))
    return REGRET_TOL * max(1.0, largest)


class Verification(NamedTuple):
    """Verified, deduplicated, ordered equilibria and counts of what happened on the way."""

    equilibria: tuple[Equilibrium, ...]
    rejected: int
    refined: int
    duplicates: int


def _is_exact_number(x: Any) -> bool:
    return isinstance(x, (Fraction, numbers.Integral)) and not isinstance(x, bool)


def _exact_work(game: Game, supports: Sequence[int]) -> int:
    total = 0
    for p in range(game.n_players):
        others = 1
        for q, k in enumerate(supports):
            if q != p:
                others *= k
        total += game.shape[p] * others
    return total


def _exact_record(game: Game, exact: Sequence[Sequence[Fraction]]) -> Equilibrium | None:
    """An Equilibrium when the rational profile passes the exact check, else None."""
    supports = [sum(1 for x in row if x != 0) for row in exact]
    if _exact_work(game, supports) > MAX_EXACT_WORK:
        return None
    exact_payoffs = verify_exact(game, exact)
    if exact_payoffs is None:
        return None
    exact = tuple(tuple(Fraction(x) for x in row) for row in exact)
    if all(sum(1 for x in row if x != 0) == 1 for row in exact):
        profile = tuple(row.index(Fraction(1)) for row in exact)
        return pure_equilibrium(game, profile)
    return Equilibrium(
        strategies=tuple(tuple(float(x) for x in row) for row in exact),
        payoffs=tuple(float(v) for v in exact_payoffs),
        pure=False,
        exact=exact,
        exact_payoffs=exact_payoffs,
        regret=0.0,
    )


def _rational_candidates(strategies: Sequence[np.ndarray]):
    """Rational profiles near the float one, coarsest denominators first."""
    seen = set()
    for limit in RATIONAL_LIMITS:
        rows = []
        for row in strategies:
            fracs = [Fraction(float(x)).limit_denominator(limit) for x in row]
            total = sum(fracs)
            if total <= 0:
                break
            rows.append(tuple(f / total for f in fracs))
        else:
            candidate = tuple(rows)
            close = all(abs(float(f) - float(x)) <= 1e-7
                        for row, frow in zip(strategies, candidate, strict=True)
                        for x, f in zip(row, frow, strict=True))
            if close and candidate not in seen:
                seen.add(candidate)
                yield candidate


def _contract(tensor: np.ndarray, strategies: Sequence[np.ndarray], keep: Sequence[int]):
    """Contract every player's axis except those in ``keep`` with their mixed strategy."""
    result = tensor
    for q in reversed(range(len(strategies))):
        if q not in keep:
            result = np.tensordot(result, strategies[q], axes=([q], [0]))
    return result


def _newton(game: Game, strategies: Sequence[np.ndarray], threshold: float):
    """Solve the indifference equations on the support {x > threshold} by Newton's method.

    Returns the refined profile (full length, zeros off the support) or None.
    """
    n = game.n_players
    supports = [np.flatnonzero(row > threshold) for row in strategies]
    if any(len(s) == 0 for s in supports):
        return None
    scale = max(1.0, float(np.abs(game.payoffs).max(initial=0.0)))
    sub = game.payoffs[(slice(None), *np.ix_(*supports))] / scale
    y = [np.asarray(row[s], dtype=float) / float(row[s].sum())
         for row, s in zip(strategies, supports, strict=True)]
    sizes = [len(s) for s in supports]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    m = int(offsets[-1])
    residual = math.inf
    for _ in range(40):
        F = np.zeros(m)
        J = np.zeros((m, m))
        row = 0
        for p in range(n):
            k = sizes[p]
            if k > 1:
                dev = _contract(sub[p], y, (p,))
                F[row:row + k - 1] = dev[1:] - dev[0]
                for q in range(n):
                    if q == p:
                        continue
                    M = _contract(sub[p], y, (min(p, q), max(p, q)))
                    if p > q:
                        M = M.T
                    J[row:row + k - 1, offsets[q]:offsets[q + 1]] = M[1:, :] - M[0, :]
            row += k - 1
            F[row] = y[p].sum() - 1.0
            J[row, offsets[p]:offsets[p + 1]] = 1.0
            row += 1
        residual = float(np.abs(F).max())
        if residual <= 1e-14:
            break
        step = np.linalg.lstsq(J, -F, rcond=None)[0]
        if not np.all(np.isfinite(step)):
            return None
        for p in range(n):
            y[p] = y[p] + step[offsets[p]:offsets[p + 1]]
    if residual > 1e-11 or any(np.any(row < -1e-12) for row in y):
        return None
    out = []
    for p in range(n):
        full = np.zeros(game.shape[p])
        full[supports[p]] = np.clip(y[p], 0.0, None)
        out.append(full / full.sum())
    return out


def _float_record(game: Game, strategies: Sequence[np.ndarray], regret: float) -> Equilibrium:
    floats = tuple(tuple(float(x) for x in row) for row in strategies)
    return Equilibrium(
        strategies=floats,
        payoffs=tuple(float(v) for v in expected_payoffs(game, floats)),
        pure=all(all(x in (0.0, 1.0) for x in row) for row in floats),
        regret=regret,
    )


def _exact_from_floats(game: Game, strategies: Sequence[np.ndarray]) -> Equilibrium | None:
    for candidate in _rational_candidates(strategies):
        record = _exact_record(game, candidate)
        if record is not None:
            return record
    return None


def verify_one(game: Game, profile: Sequence[Sequence[Any]],
               tol: float | None = None) -> tuple[Equilibrium | None, bool]:
    """Check one profile (a probability list per player, Fractions or floats).

    Returns ``(equilibrium or None, refined)``: None when it is not an equilibrium within
    ``tol`` (default :func:`default_tolerance`); ``refined`` when Newton refinement was
    needed to make it one.
    """
    tol = default_tolerance(game) if tol is None else tol
    try:
        rows = [list(row) for row in profile]
    except TypeError:
        return None, False
    if len(rows) != game.n_players or any(
            len(r) != s for r, s in zip(rows, game.shape, strict=True)):
        return None, False
    if all(_is_exact_number(x) for row in rows for x in row):
        record = _exact_record(game, [[Fraction(x) for x in row] for row in rows])
        if record is not None:
            return record, False
    try:
        strategies = [np.asarray([float(x) for x in row], dtype=float) for row in rows]
    except (TypeError, ValueError, OverflowError):
        return None, False
    for row in strategies:
        if not np.all(np.isfinite(row)) or row.min() < -1e-6 or abs(row.sum() - 1) > 1e-6:
            return None, False
    strategies = [np.clip(row, 0.0, None) / np.clip(row, 0.0, None).sum() for row in strategies]
    record = _exact_from_floats(game, strategies)
    if record is not None:
        return record, False
    regret = max_regret(game, strategies)
    best, best_regret, refined = strategies, regret, False
    if regret > tol * 1e-3:
        for threshold in REFINE_THRESHOLDS:
            candidate = _newton(game, strategies, threshold)
            if candidate is None:
                continue
            distance = max(float(np.abs(a - b).max())
                           for a, b in zip(candidate, strategies, strict=True))
            if distance > REFINE_DISTANCE:
                continue
            candidate_regret = max_regret(game, candidate)
            if candidate_regret < best_regret:
                best, best_regret, refined = candidate, candidate_regret, True
        if refined:
            record = _exact_from_floats(game, best)
            if record is not None:
                return record, True
    if best_regret <= tol:
        return _float_record(game, best, best_regret), refined
    return None, False


def _sort_key(eq: Equilibrium):
    flat = [x for row in eq.strategies for x in row]
    support = sum(1 for x in flat if x > 1e-9)
    return (support, tuple(-round(x, 9) for x in flat))


def _same(a: Equilibrium, b: Equilibrium) -> bool:
    return all(abs(x - y) <= DEDUP_TOL
               for ra, rb in zip(a.strategies, b.strategies, strict=True)
               for x, y in zip(ra, rb, strict=True))


def _better(a: Equilibrium, b: Equilibrium) -> bool:
    """Is ``a`` the better record of the same equilibrium (exact first, then regret)?"""
    if (a.exact is not None) != (b.exact is not None):
        return a.exact is not None
    return a.regret < b.regret


def verify_profiles(game: Game, profiles: Sequence[Sequence[Sequence[Any]]],
                    tol: float | None = None) -> Verification:
    """Verify, deduplicate and order candidate equilibria (see the module docstring)."""
    kept: list[Equilibrium] = []
    rejected = refined = duplicates = 0
    for profile in profiles:
        record, was_refined = verify_one(game, profile, tol)
        if record is None:
            rejected += 1
            continue
        refined += was_refined
        for i, other in enumerate(kept):
            if _same(record, other):
                duplicates += 1
                if _better(record, other):
                    kept[i] = record
                break
        else:
            kept.append(record)
    kept.sort(key=_sort_key)
    return Verification(tuple(kept), rejected, refined, duplicates)


# ---------------------------------------------------------------------- the result
def _plain(value: Any) -> Any:
    """Options as JSON-friendly values (Fractions as text)."""
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def build_result(game: Game, method: str, run: ChildRun, timeout: float,
                 tol: float | None = None, options: dict | None = None) -> EquilibriumSet:
    """Turn what the child produced into a verified :class:`EquilibriumSet`."""
    tol = default_tolerance(game) if tol is None else tol
    checked = verify_profiles(game, run.profiles, tol)
    warnings = []
    finished = run.status == "done"
    if run.status == "timeout":
        warnings.append(f"{method} stopped after {timeout:g} s: the list may be incomplete")
    elif run.status == "startup-timeout":
        warnings.append(f"pygambit did not start within {STARTUP_LIMIT:g} s; no equilibria"
                        " were computed")
    elif run.status == "failed":
        warnings.append(f"pygambit's {method} failed ({run.info.get('error')}): the list may"
                        " be incomplete")
    elif run.status == "crashed":
        warnings.append(f"pygambit's {method} stopped unexpectedly (exit code"
                        f" {run.exit_code}): the list may be incomplete")
    elif not run.exhaustive and "stopped_after" in run.info:
        warnings.append(f"{method} was limited to {run.info['stopped_after']} equilibria"
                        " (stop_after): the list may be incomplete")
    if checked.rejected:
        plural = "s" if checked.rejected != 1 else ""
        text = (f"{checked.rejected} profile{plural} returned by {method} failed verification"
                f" (max regret above {tol:.3g}) and {'were' if plural else 'was'} dropped")
        if method in COMPLETE_METHODS:
            text += ": the list may be incomplete"
        warnings.append(text)
    complete = (method in COMPLETE_METHODS and finished and run.exhaustive
                and checked.rejected == 0)
    if complete and method == "enumpoly":
        warnings.append("enumpoly's list is complete only if the game's equilibria are"
                        " isolated (true for generic payoffs); a continuum of equilibria"
                        " may be missed or represented by a few of its points")
    details = {
        "engine": "pygambit",
        "status": run.status,
        "timeout": timeout,
        "tolerance": tol,
        "returned": len(run.profiles),
        "refined": checked.refined,
        "duplicates": checked.duplicates,
        "runs": run.runs,
        "fresh_worker": run.fresh_worker,
        "startup_s": run.startup_s,
        "solve_s": run.solve_s,
        "total_s": run.total_s,
    }
    if options:
        details["options"] = {k: _plain(v) for k, v in options.items()}
    return EquilibriumSet(
        equilibria=checked.equilibria,
        method=method,
        complete=complete,
        warnings=tuple(warnings),
        rejected=checked.rejected,
        details=details,
    )
