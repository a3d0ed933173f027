"""Which support profiles can carry an equilibrium, and how many roots each may have.

A support profile ``T`` gives each player a non-empty set of strategies.  Only profiles
that survive two exact, integer-arithmetic tests are searched:

* iterated elimination of strategies strictly dominated by a pure strategy (no
  equilibrium plays them);
* conditional dominance: a strategy of ``T_i`` strictly dominated by a pure strategy
  against every profile of ``T_-i`` is never a best response to a mixture over ``T_-i``
  (Herings and Peeters 2005 use the same test to prune supports).

The root count of a support is the multihomogeneous Bezout number of its indifference
system with one variable group per player: the number of ways to hand each equation of
player ``i`` to another player's group so that group ``j`` receives ``k_j`` equations
(McKelvey and McLennan 1997 count the totally mixed equilibria the same way).

>>> import numpy as np
>>> root_count({0: 1, 1: 1, 2: 1}, [0, 1, 2])   # 2x2x2: two totally mixed roots
2
>>> root_count({0: 2, 1: 2, 2: 2}, [0, 0, 1, 1, 2, 2])   # 3x3x3
10
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np

SupportProfile = tuple[tuple[int, ...], ...]


def _slab(payoff: np.ndarray, player: int, index: Sequence[Sequence[int]]) -> np.ndarray:
    """``payoff`` restricted to ``index``, as one row per strategy of ``player``."""
    sub = payoff[np.ix_(*index)]
    return np.moveaxis(sub, player, 0).reshape(len(index[player]), -1)


def iterated_pure_elimination(payoffs: Sequence[np.ndarray]) -> list[list[int]]:
    """Strategies left after iterated elimination of pure-strictly-dominated strategies.

    ``payoffs[i]`` is player ``i``'s integer payoff tensor.  Exact (integer comparisons).

    >>> a = np.array([[3, 0], [5, 1]]); b = a.T
    >>> iterated_pure_elimination([a, b])
    [[1], [1]]
    """
    alive = [list(range(m)) for m in payoffs[0].shape]
    changed = True
    while changed:
        changed = False
        for i, payoff in enumerate(payoffs):
            rows = _slab(payoff, i, alive)
            keep = [a for a in range(len(alive[i]))
                    if not np.any(np.all(rows > rows[a], axis=1))]
            if len(keep) < len(alive[i]):
                alive[i] = [alive[i][a] for a in keep]
                changed = True
    return alive


def dominated_against(payoff: np.ndarray, player: int, alive: Sequence[Sequence[int]],
                      others: SupportProfile) -> frozenset[int]:
    """Strategies of ``alive[player]`` strictly dominated by a pure one of ``alive[player]``
    against every profile of the others' supports ``others`` (``others[player]`` unused)."""
    if len(alive[player]) == 1:
        return frozenset()
    index = [others[j] if j != player else alive[player] for j in range(len(others))]
    rows = _slab(payoff, player, index)
    beaten = np.all(rows[:, None, :] > rows[None, :, :], axis=2).any(axis=0)
    return frozenset(s for s, b in zip(alive[player], beaten) if b)


def conditionally_dominated(payoffs: Sequence[np.ndarray], alive: Sequence[Sequence[int]],
                            support: SupportProfile) -> bool:
    """True when some strategy in ``support[i]`` is strictly dominated by a pure strategy
    of ``alive[i]`` against every profile of the others' supports."""
    return any(dominated_against(payoff, i, alive, support) & set(support[i])
               for i, payoff in enumerate(payoffs))


def support_profiles(payoffs: Sequence[np.ndarray],
                     alive: Sequence[Sequence[int]]) -> Iterator[SupportProfile]:
    """Every support profile over ``alive`` that conditional dominance does not rule out,
    smallest first (the dominated sets are computed once per profile of the others)."""
    subsets = [[c for r in range(1, len(a) + 1) for c in itertools.combinations(a, r)]
               for a in alive]
    profiles = sorted(itertools.product(*subsets), key=lambda t: (sum(map(len, t)), t))
    cache: dict = {}
    for support in profiles:
        pruned = False
        for i, payoff in enumerate(payoffs):
            key = (i,) + support[:i] + support[i + 1:]
            if key not in cache:
                cache[key] = dominated_against(payoff, i, alive, support)
            if cache[key] & set(support[i]):
                pruned = True
                break
        if not pruned:
            yield support


def equation_owners(sizes: Sequence[int]) -> list[int]:
    """The owner of each indifference equation: player ``i`` owns ``sizes[i] - 1``."""
    return [i for i, m in enumerate(sizes) for _ in range(m - 1)]


def assignments(k: dict[int, int], owners: Sequence[int]) -> list[tuple[int, ...]]:
    """Every map equation -> variable group (not its owner's) using group ``j`` exactly
    ``k[j]`` times: the start-system roots of the linear-product homotopy."""
    out: list[tuple[int, ...]] = []
    caps = dict(k)
    current: list[int] = []

    def extend(e: int) -> None:
        if e == len(owners):
            out.append(tuple(current))
            return
        for j in caps:
            if j != owners[e] and caps[j] > 0:
                caps[j] -= 1
                current.append(j)
                extend(e + 1)
                current.pop()
                caps[j] += 1

    extend(0)
    return out


def root_count(k: dict[int, int], owners: Sequence[int]) -> int:
    """Multihomogeneous Bezout number (counted without listing the assignments)."""
    groups = tuple(sorted(k))
    return _count(tuple(k[j] for j in groups), groups, tuple(owners))


@lru_cache(maxsize=4096)
def _count(caps: tuple[int, ...], groups: tuple[int, ...], owners: tuple[int, ...]) -> int:
    if not owners:
        return 1 if not any(caps) else 0
    total = 0
    for g, (j, c) in enumerate(zip(groups, caps)):
        if j != owners[0] and c > 0:
            total += _count(caps[:g] + (c - 1,) + caps[g + 1:], groups, owners[1:])
    return total


def support_shape(support: SupportProfile) -> tuple[int, ...]:
    return tuple(len(t) for t in support)


def support_root_count(support: SupportProfile) -> int:
    """Root count of a support's indifference system (0 for pure profiles)."""
    sizes = support_shape(support)
    k = {j: m - 1 for j, m in enumerate(sizes) if m > 1}
    if not k:
        return 0
    return root_count(k, equation_owners(sizes))
