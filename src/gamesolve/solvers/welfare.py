"""Pareto optimality of pure profiles and each player's security (maxmin) level.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> pareto_optimal_profiles(pd)
[(0, 0), (0, 1), (1, 0)]
>>> s = security_levels(pd)[0]
>>> s.pure_strategy, s.pure_level, s.mixed_level
(1, Fraction(1, 1), Fraction(1, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..model import Game, Profile

PARETO_BLOCK = 2048
MAX_PARETO_PROFILES = 2_000_000
MAX_SECURITY_LP_COLUMNS = 200_000


def pareto_optimal_profiles(game: Game) -> list[Profile] | None:
    """Pure profiles that no other pure profile Pareto-dominates (all >=, one >).

    Returns None when the game has more profiles than MAX_PARETO_PROFILES.
    Exact: compares integer-scaled payoffs.  Candidates are visited in decreasing order of
    their scaled payoff sum, so a profile can only be dominated by one visited earlier, and
    it suffices to compare with the non-dominated ones kept so far.
    """
    n = game.n_profiles
    if n > MAX_PARETO_PROFILES:
        return None
    points = game.scaled.reshape(game.n_players, -1).T  # profiles x players
    order = np.argsort(-points.sum(axis=1), kind="stable")
    kept_idx: list[int] = []
    kept = points[:0]
    for start in range(0, n, PARETO_BLOCK):
        block_idx = order[start:start + PARETO_BLOCK]
        block = points[block_idx]
        alive = np.ones(len(block_idx), dtype=bool)
        if len(kept):
            alive &= ~_dominated_by_any(block, kept)
        # within the block: a point can only be dominated by one earlier in the order
        for i in range(len(block_idx)):
            if not alive[i]:
                continue
            later = block[i + 1:]
            ge = (block[i] >= later).all(axis=1) & (block[i] > later).any(axis=1)
            alive[i + 1:] &= ~ge
        kept = np.concatenate([kept, block[alive]]) if len(kept) else block[alive]
        kept_idx.extend(int(k) for k in block_idx[alive])
    shape = game.shape
    return sorted(tuple(int(x) for x in np.unravel_index(k, shape)) for k in kept_idx)


def _dominated_by_any(block: np.ndarray, kept: np.ndarray) -> np.ndarray:
    result = np.zeros(len(block), dtype=bool)
    for start in range(0, len(kept), PARETO_BLOCK):
        ref = kept[start:start + PARETO_BLOCK]
        ge = (ref[None, :, :] >= block[:, None, :]).all(axis=2)
        gt = (ref[None, :, :] > block[:, None, :]).any(axis=2)
        result |= (ge & gt).any(axis=1)
    return result


def pareto_dominators(game: Game, profile: Profile) -> list[Profile]:
    """Pure profiles that Pareto-dominate ``profile`` (for reports on a single cell)."""
    points = game.scaled.reshape(game.n_players, -1).T
    here = game.scaled[(slice(None),) + tuple(profile)]
    better = (points >= here).all(axis=1) & (points > here).any(axis=1)
    return [tuple(int(x) for x in np.unravel_index(k, game.shape)) for k in np.flatnonzero(better)]


@dataclass(frozen=True)
class Security:
    """A player's maxmin: the payoff it can guarantee whatever the others do.

    ``pure_strategy``/``pure_level``: the best worst case over pure strategies.
    ``mixed_strategy``/``mixed_level``: the same over mixed strategies (linear program,
    verified exactly); None when the LP was skipped.
    """

    player: int
    pure_strategy: int
    pure_level: Fraction
    mixed_strategy: tuple[Fraction, ...] | None
    mixed_level: Fraction | None


def security_levels(game: Game, mixed: bool = True) -> list[Security]:
    result = []
    for p in range(game.n_players):
        u = np.moveaxis(game.scaled[p], p, 0).reshape(game.shape[p], -1)
        worst = u.min(axis=1)
        best = int(np.argmax(worst))
        level = Fraction(int(worst[best]), game.denominators[p])
        mixed_strategy = mixed_level = None
        if mixed:
            found = _mixed_security(u, game.denominators[p])
            if found is not None:
                mixed_strategy, mixed_level = found
                if mixed_level < level:  # a verified pure answer is never worse
                    mixed_strategy, mixed_level = None, None
            if mixed_level is None and game.shape[p] == 1:
                mixed_strategy, mixed_level = (Fraction(1),), level
        result.append(Security(p, best, level, mixed_strategy, mixed_level))
    return result


def _mixed_security(u: np.ndarray, denominator: int):
    m, cols = u.shape
    if m == 1:
        return (Fraction(1),), Fraction(int(u.min()), denominator)
    pure_level = int(u.min(axis=1).max())
    if pure_level == int(u.max(axis=0).min()):
        # saddle point: the pure maxmin already equals the upper bound min_t max_s u(s, t)
        best = int(np.argmax(u.min(axis=1)))
        return tuple(Fraction(int(i == best)) for i in range(m)), Fraction(pure_level, denominator)
    if cols > MAX_SECURITY_LP_COLUMNS:
        return None
    from scipy.optimize import linprog

    scale = float(max(1, np.abs(u).max()))
    c = np.zeros(m + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-u.T.astype(float) / scale, np.ones((cols, 1))])
    a_eq = np.zeros((1, m + 1))
    a_eq[0, :m] = 1
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(cols), A_eq=a_eq, b_eq=[1],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        return None
    from .dominance import _rationalise

    weights = _rationalise(res.x[:m])
    if weights is None:
        return None
    values = [sum(w * int(u[i, t]) for i, w in enumerate(weights)) for t in range(cols)]
    level = min(values) / denominator
    # accept only if within LP precision of the LP optimum: the rounded mix must be optimal
    if abs(float(level) - res.x[-1] * scale / denominator) > 1e-7 * max(1.0, scale):
        return None
    return tuple(weights), Fraction(level)
