"""Driver: every support profile, batched by shape, to one honest EquilibriumSet."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from itertools import groupby

import numpy as np

from ..base import EquilibriumSet, UncertifiedSupport, pure_equilibrium, verify_exact
from .balls import certify_root
from .homotopy import StartSystem, track
from .search import SupportVerdict, add_root, settle
from .supports import (
    iterated_pure_elimination,
    support_profiles,
    support_root_count,
    support_shape,
)
from .system import BatchSystem, build_system

PATHS_PER_SECOND = 250.0  # wall clock, 2 cores loaded by other jobs (benchmarks/bench_nplayer.py)
BATCH_PATHS = 6000  # paths tracked together (memory stays in the tens of MB)
MAX_SUPPORT_PROFILES = 200_000  # beyond this the support enumeration itself is not started
MAX_LISTED = 200  # unsearched supports listed one by one; the rest are counted
Progress = Callable[[int, int], None]


def _integer_payoffs(game) -> list[np.ndarray]:
    return [np.asarray(game.scaled[i]) for i in range(game.n_players)]


LISTED_REGARDLESS = 4096


def plan(game, deadline: float = math.inf) -> tuple[list, int, int]:
    """The support profiles to search (after dominance pruning), their total root count
    (the number of homotopy paths), and how many profiles were left unexamined because
    there are more than :data:`MAX_SUPPORT_PROFILES` or the deadline passed."""
    payoffs = _integer_payoffs(game)
    alive = iterated_pure_elimination(payoffs)
    possible = math.prod(2 ** len(a) - 1 for a in alive)
    if possible > MAX_SUPPORT_PROFILES:
        return [], 0, possible
    supports = []
    for examined, support in enumerate(support_profiles(payoffs, alive)):
        # the first LISTED_REGARDLESS profiles are always listed (milliseconds), so that a
        # small game's unsearched supports can be named however short the time budget
        if (examined >= LISTED_REGARDLESS and examined % 256 == 0
                and time.monotonic() > deadline):
            return supports, sum(support_root_count(t) for t in supports), possible
        supports.append(support)
    return supports, sum(support_root_count(t) for t in supports), 0


def solve_certified(game, timeout: float | None = None, progress: Progress | None = None,
                    seed: int = 0) -> EquilibriumSet:
    """Every Nash equilibrium of an N-player game, each certified, and a proof of
    completeness per support profile.

    Method: support enumeration after iterated strict dominance and conditional dominance;
    per support the indifference system with its multihomogeneous Bezout root count
    (McKelvey and McLennan 1997); all complex roots by a linear-product homotopy
    (Herings and Peeters 2005), batched over supports of one shape; every root certified
    by a Krawczyk test in ball arithmetic (Krawczyk 1969, Moore 1977); completeness per
    support by the root count (Bernstein 1975), an exact Groebner basis, or interval
    exclusion.  Rational equilibria are recovered and verified exactly.

    ``timeout`` (seconds) bounds the search: what is certified by then is returned with
    ``complete=False``.  ``progress(done, total)`` is called with path counts.

    >>> from gamesolve.model import Game
    >>> g = Game.from_payoffs([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)   # coordination
    >>> result = solve_certified(g)
    >>> result.complete, len(result.equilibria), [str(x) for x in result.equilibria[2].exact[0]]
    (True, 3, ['1/2', '1/2'])
    """
    started = time.monotonic()
    deadline = started + timeout if timeout else math.inf
    payoffs = _integer_payoffs(game)
    rng = np.random.default_rng(seed)
    supports, total, unexamined = plan(game, deadline)
    warnings = []
    if unexamined > MAX_SUPPORT_PROFILES:
        warnings.append(
            f"{unexamined:,} support profiles survive dominance, beyond the certified"
            f" solver's limit of {MAX_SUPPORT_PROFILES:,}: mixed equilibria were not"
            " searched (the pure equilibria listed are all the pure ones)")
    elif unexamined:
        warnings.append(
            f"the time limit ran out while listing the {unexamined:,} possible support"
            " profiles: mixed equilibria were not all searched (the pure equilibria listed"
            " are all the pure ones)")
    estimate = total / PATHS_PER_SECOND
    if timeout and estimate > timeout:
        warnings.append(
            f"the root count is {total:,} homotopy paths over {len(supports):,} support"
            f" profiles, about {estimate:,.0f} s at the measured {PATHS_PER_SECOND:.0f}"
            f" paths/s, more than --timeout {timeout:g} s allows: the search will stop"
            " early and return what is certified by then")
    verdicts: list[SupportVerdict] = []
    # pure profiles are settled exactly, all of them, whatever the time budget
    from ..pure import pure_equilibrium_profiles

    equilibria = [pure_equilibrium(game, p) for p in pure_equilibrium_profiles(game)]
    equilibria = [e for e in equilibria if verify_exact(game, e.exact) is not None]
    done = 0
    skipped = []
    mixed = sorted((s for s in supports if any(len(t) > 1 for t in s)),
                   key=lambda s: (sum(support_shape(s)), support_shape(s), s))
    for _, group in groupby(mixed, key=support_shape):
        group = list(group)
        count = support_root_count(group[0])
        per_batch = max(1, BATCH_PATHS // max(count, 1))
        for b in range(0, len(group), per_batch):
            chunk = group[b:b + per_batch]
            if time.monotonic() > deadline:
                skipped.extend(chunk)
                continue
            for verdict, extra in _search_chunk(game, payoffs, chunk, count, rng, deadline):
                verdicts.append(verdict)
                done += extra
            done += count * len(chunk)
            if progress is not None:
                progress(min(done, total), total)
    for v in verdicts:
        equilibria.extend(v.equilibria)
    uncertified = [UncertifiedSupport(v.system.support, v.reason, v.sample)
                   for v in verdicts if v.certified_by is None]
    if skipped:
        warnings.append(f"{len(skipped):,} support profiles were not searched before the time"
                        f" limit ({min(len(skipped), MAX_LISTED)} listed)")
        uncertified.extend(UncertifiedSupport(s, "not searched: the time limit ran out")
                           for s in skipped[:MAX_LISTED])
    complete = not uncertified and not unexamined
    details = {"certificate": _certificate(game, supports, verdicts, equilibria,
                                           skipped or unexamined),
               "paths": done, "root_count": total, "supports": len(supports),
               "strategy_ids": tuple(pl.ids for pl in game.players),
               "seconds": round(time.monotonic() - started, 3)}
    if any(v.continuum for v in verdicts if v.certified_by is None):
        warnings.append("some support profiles may hold a continuum of equilibria: the list"
                        " shows isolated equilibria only (see the uncertified supports)")
    return EquilibriumSet(tuple(_ordered(equilibria)), method="certified", complete=complete,
                          warnings=tuple(warnings), details=details,
                          uncertified_supports=tuple(uncertified))


def _search_chunk(game, payoffs, chunk, count, rng, deadline):
    systems = [build_system(payoffs, s) for s in chunk]
    roots = [[] for _ in chunk]
    if count > 0:
        batch = BatchSystem(systems)
        start = StartSystem(batch, rng)
        x0, sidx = start.roots()
        gamma = np.exp(2j * np.pi * rng.random())
        x, status = track(batch, start, x0, sidx, gamma,
                          should_stop=lambda: time.monotonic() > deadline)
        for p in np.flatnonzero(status == 1):
            add_root(roots[sidx[p]], certify_root(systems[sidx[p]], x[p]))
    for system, found in zip(systems, roots):
        yield settle(game, payoffs, system, count, found, rng, deadline)


def _ordered(equilibria):
    return sorted(equilibria, key=lambda e: (not e.pure, sum(len(e.support(p))
                                             for p in range(len(e.strategies))),
                                             [-x for s in e.strategies for x in s]))


def _certificate(game, supports, verdicts, equilibria, skipped) -> str:
    """One sentence: what was proven."""
    pure = sum(1 for s in supports if all(len(t) == 1 for t in s))
    by = {}
    for v in verdicts:
        if v.certified_by:
            by[v.certified_by] = by.get(v.certified_by, 0) + 1
    certified = pure + sum(by.values())
    how = ", ".join(f"{n} by {name}" for name, n in sorted(by.items()))
    count = len(equilibria)
    listed = (("the 1 equilibrium listed is" if count == 1 else
               f"each of the {count} equilibria listed is")
              + " verified (exactly, or within a certified enclosure)")
    profiles = ("the 1 support profile" if len(supports) == 1
                else f"all {len(supports)} support profiles")
    if certified == len(supports) and not skipped:
        return (f"Proven: {listed}, and {profiles} left by dominance"
                f" {'was' if len(supports) == 1 else 'were'} searched and certified complete"
                f" ({pure} pure exactly{', ' + how if how else ''}), so there is no other"
                " equilibrium.")
    return (f"Proven: {listed}; {certified} of {len(supports)} support profiles are certified"
            " complete, the others are listed as uncertified and may hold more equilibria.")
