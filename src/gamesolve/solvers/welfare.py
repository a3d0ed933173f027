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

import math
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
    it suffices to compare with the non-dominated ones kept so far.  Given "all >=", "one >"
    is the same as "a larger sum" (exact integers), which the tests below use.
    """
    n = game.n_profiles
    if n > MAX_PARETO_PROFILES:
        return None
    points = game.scaled.reshape(game.n_players, -1).T  # profiles x players
    sums = points.sum(axis=1) if _sum_fits_int64(game) else points.astype(object).sum(axis=1)
    order = np.argsort(-sums, kind="stable")
    kept_idx: list[int] = []
    kept = points[:0]
    kept_sums = sums[:0]
    for start in range(0, n, PARETO_BLOCK):
        block_idx = order[start:start + PARETO_BLOCK]
        block, block_sums = points[block_idx], sums[block_idx]
        alive = np.flatnonzero(~_dominated_by_any(block, block_sums, kept, kept_sums))
        if len(alive) > 1:
            # within the block: pairwise among the candidates that are left
            dominated = _dominates(block[alive], block_sums[alive],
                                   block[alive], block_sums[alive]).any(axis=0)
            alive = alive[~dominated]
        kept = np.concatenate([kept, block[alive]])
        kept_sums = np.concatenate([kept_sums, block_sums[alive]])
        kept_idx.extend(int(k) for k in block_idx[alive])
    shape = game.shape
    return sorted(tuple(int(x) for x in np.unravel_index(k, shape)) for k in kept_idx)


def _sum_fits_int64(game: Game) -> bool:
    """Can the players' scaled payoffs of one profile be summed in int64 without overflow?"""
    if game.scaled.dtype == object:
        return False
    largest = int(np.abs(game.scaled).max(initial=0))  # < 2**62 for int64 games
    return game.n_players * largest < 2**63


def _dominates(ref: np.ndarray, ref_sums: np.ndarray, pts: np.ndarray,
               pts_sums: np.ndarray) -> np.ndarray:
    """Boolean matrix: ``[i, j]`` is True when ``ref[i]`` Pareto-dominates ``pts[j]``."""
    result = ref_sums[:, None] > pts_sums[None, :]
    for q in range(ref.shape[1]):
        result &= ref[:, q, None] >= pts[None, :, q]
    return result


def _dominated_by_any(block: np.ndarray, block_sums: np.ndarray, kept: np.ndarray,
                      kept_sums: np.ndarray) -> np.ndarray:
    """Which points of the block some kept point dominates.  The kept points come in
    decreasing order of sum, and the first few usually dominate most of the block: test
    them first and go on with the points still undecided only."""
    result = np.zeros(len(block), dtype=bool)
    undecided = np.arange(len(block))
    start, size = 0, 64
    while start < len(kept) and len(undecided):
        ref = slice(start, start + size)
        hit = _dominates(kept[ref], kept_sums[ref], block[undecided],
                         block_sums[undecided]).any(axis=0)
        result[undecided[hit]] = True
        undecided = undecided[~hit]
        start, size = start + size, min(size * 4, PARETO_BLOCK)
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
    verified exactly); None when the LP was skipped or its answer could not be certified
    exactly (very large supports, or numerically hopeless payoffs).
    """

    player: int
    pure_strategy: int
    pure_level: Fraction
    mixed_strategy: tuple[Fraction, ...] | None
    mixed_level: Fraction | None
    pure_ties: tuple[int, ...] = ()  # every pure strategy that attains pure_level


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
        ties = tuple(int(i) for i in np.flatnonzero(worst == worst[best]))
        result.append(Security(p, best, level, mixed_strategy, mixed_level, ties))
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

    # shift (maxmin moves with it) and scale the LP's data for floating point
    shifted = u - u.min()
    scale = float(max(1, shifted.max()))
    c = np.zeros(m + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-shifted.T.astype(float) / scale, np.ones((cols, 1))])
    a_eq = np.zeros((1, m + 1))
    a_eq[0, :m] = 1
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(cols), A_eq=a_eq, b_eq=[1],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        return None
    from .dominance import _rational_candidates

    exact = u.astype(object)
    duals = np.asarray(getattr(getattr(res, "ineqlin", None), "marginals", np.zeros(0)))
    duals = -duals if duals.shape == (cols,) else None
    # Certificate of optimality: a distribution y over the opponents' profiles (the LP's
    # dual) holds the player to at most max_s (u y)_s; a mix w that guarantees exactly that
    # much, min_t (w u)_t, is an exact maxmin strategy.  First solve exactly for the vertex
    # the LP found (its supports), then try roundings of the LP's floats.  Without a
    # certificate no mixed level is reported: "within LP precision" is not exact.
    if duals is not None:
        found = _vertex_certificate(exact, res.x[:m], duals)
        if found is not None:
            return found[0], found[1] / denominator
    upper = set()
    if duals is not None:
        for y in _rational_candidates(duals):
            upper.add(_value(exact, y, rows=False))
    for weights in _rational_candidates(res.x[:m]):
        level = _value(exact, weights, rows=True)
        if level in upper:
            return tuple(weights), level / denominator
    return None


SUPPORT_TOL = 1e-9
MAX_EXACT_SUPPORT = 100  # exact elimination is cubic in the support size, on big integers


def _vertex_certificate(exact: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Exact maxmin mix and level from the supports of the LP's primal and dual solutions.

    On the supports the optimal mixes solve square (or nearly) linear systems: every
    column t in y's support pays the level against w, every row in w's support pays the
    level against y.  Solved in Fractions and verified on the whole matrix.
    """
    m, cols = exact.shape
    rows_s = [i for i in range(m) if x[i] > SUPPORT_TOL]
    cols_t = [t for t in range(cols) if y[t] > SUPPORT_TOL]
    if not rows_s or not cols_t or max(len(rows_s), len(cols_t)) > MAX_EXACT_SUPPORT:
        return None
    # unknowns (w_S, v): sum_i w_i u[i, t] - v = 0 for t in T, sum_i w_i = 1
    w_sol = _exact_solution([[exact[i, t] for i in rows_s] + [-1] for t in cols_t]
                            + [[1] * len(rows_s) + [0]], [0] * len(cols_t) + [1])
    # unknowns (y_T, v): sum_t y_t u[i, t] - v = 0 for i in S, sum_t y_t = 1
    y_sol = _exact_solution([[exact[i, t] for t in cols_t] + [-1] for i in rows_s]
                            + [[1] * len(cols_t) + [0]], [0] * len(rows_s) + [1])
    if w_sol is None or y_sol is None:
        return None
    w = [Fraction(0)] * m
    for i, value in zip(rows_s, w_sol):
        w[i] = value
    yy = [Fraction(0)] * cols
    for t, value in zip(cols_t, y_sol):
        yy[t] = value
    if min(w) < 0 or min(yy) < 0:
        return None
    level = _value(exact, w, rows=True)
    if level != _value(exact, yy, rows=False):
        return None
    return tuple(w), level


def _value(exact: np.ndarray, weights, rows: bool) -> Fraction:
    """min over columns of the rows mixed by ``weights`` (rows=True), or max over rows of
    the columns mixed by ``weights`` (rows=False), exactly."""
    nums, den = _common_denominator(weights)
    if rows:
        return Fraction(int(min(nums.dot(exact))), den)
    return Fraction(int(max(exact.dot(nums))), den)


def _exact_solution(matrix: list[list], rhs: list) -> list[Fraction] | None:
    """An exact solution of ``matrix @ x = rhs`` from a square, nonsingular part of it.

    Floating point (QR with pivoting) only *chooses* the part: as many independent
    equations as unknowns (more equations than unknowns) or as many independent unknowns
    as equations (the others set to 0).  The square system is solved exactly by
    fraction-free (Bareiss) elimination; the caller verifies the answer against everything.
    """
    from scipy.linalg import qr

    rows, n = len(matrix), len(matrix[0])
    a = np.array([[float(v) for v in row] for row in matrix])
    if rows >= n:
        order = qr(a.T, mode="r", pivoting=True)[1]
        keep_rows, keep_cols = sorted(order[:n]), list(range(n))
    else:
        order = qr(a, mode="r", pivoting=True)[1]
        keep_rows, keep_cols = list(range(rows)), sorted(order[:rows])
    square = [[int(matrix[i][j]) for j in keep_cols] + [int(rhs[i])] for i in keep_rows]
    solved = _bareiss_solve(square)
    if solved is None:
        return None
    x = [Fraction(0)] * n
    for j, value in zip(keep_cols, solved):
        x[j] = value
    return x


def _bareiss_solve(aug: list[list[int]]) -> list[Fraction] | None:
    """Solve a square integer system given as an augmented matrix, exactly; None if singular."""
    n = len(aug)
    m = [row[:] for row in aug]
    prev = 1
    for k in range(n):
        pivot = next((i for i in range(k, n) if m[i][k] != 0), None)
        if pivot is None:
            return None
        m[k], m[pivot] = m[pivot], m[k]
        mkk = m[k][k]
        row_k = m[k]
        for i in range(k + 1, n):
            row_i = m[i]
            mik = row_i[k]
            for j in range(k + 1, n + 1):
                row_i[j] = (mkk * row_i[j] - mik * row_k[j]) // prev
            row_i[k] = 0
        prev = mkk
    x: list[Fraction] = [Fraction(0)] * n
    for i in reversed(range(n)):
        total = Fraction(m[i][n]) - sum((m[i][j] * x[j] for j in range(i + 1, n)), Fraction(0))
        x[i] = total / m[i][i]
    return x


def _common_denominator(weights) -> tuple[np.ndarray, int]:
    """Fractions as integer numerators (object array) over one common denominator."""
    den = 1
    for w in weights:
        den = den * w.denominator // math.gcd(den, w.denominator)
    nums = np.array([int(w * den) for w in weights], dtype=object)
    return nums, den
