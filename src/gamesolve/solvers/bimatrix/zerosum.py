"""Two-player zero-sum games: value and optimal strategies by linear programming."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ...errors import GameError
from ...model import Game
from .common import _int_matrices, _require_bimatrix
from .lh import lemke_howson


@dataclass(frozen=True)
class ZeroSumSolution:
    """Value (to player 1) and optimal (max-min) mixed strategies of a zero-sum game.

    ``value_exact`` and ``exact`` are filled when exact optimality was certified:
    player 1's strategy guarantees at least the value against every column and player
    2's at most the value against every row.
    """

    value: float
    strategies: tuple[tuple[float, ...], tuple[float, ...]]
    value_exact: Fraction | None = None
    exact: tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None = None


def is_zero_sum(game: Game) -> bool:
    """Exactly ``payoff_1 + payoff_2 == 0`` in every cell (two-player games only).

    >>> is_zero_sum(Game.from_payoffs([[[1, -2]], [[-1, 2]]]))
    True
    >>> is_zero_sum(Game.from_payoffs([[["0.1", 0]], [["-0.1", "1e-30"]]]))
    False
    """
    _require_bimatrix(game)
    a, b = _int_matrices(game)
    d0, d1 = game.denominators
    return all(x * d1 + y * d0 == 0
               for ra, rb in zip(a, b, strict=True) for x, y in zip(ra, rb, strict=True))


def _solve_exact_system(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Unique solution of a (possibly over-determined, consistent) rational system.

    Row reduction of the augmented matrix in FLINT's exact rationals (``fmpq_mat.rref``):
    Python Fractions took a minute on a 150-unknown system that FLINT reduces in 10 ms.

    >>> _solve_exact_system([[1, 1], [1, -1], [2, 0]], [3, 1, 4])
    [Fraction(2, 1), Fraction(1, 1)]
    """
    import flint

    k = len(rows[0]) if rows else 0
    if not rows:
        return None
    aug = flint.fmpq_mat([[flint.fmpq(int(Fraction(v).numerator), int(Fraction(v).denominator))
                           for v in (*row, b)] for row, b in zip(rows, rhs, strict=True)])
    reduced, rank = aug.rref()
    if rank != k:
        return None  # a free variable (rank < k) or an inconsistent system (rank k + 1)
    for i in range(k):  # the reduced rows are the identity on the first k columns
        if reduced[i, i] != 1:
            return None
    return [Fraction(int(reduced[i, k].p), int(reduced[i, k].q)) for i in range(k)]


def _exact_maxmin(matrix: list[list[int]], x: np.ndarray,
                  tol: float) -> tuple[list[Fraction], Fraction] | None:
    """Exact strategy on the support of the float LP optimum ``x`` for the maximiser of
    ``x^T matrix``: solve the equalisation of the nearly-tight columns exactly."""
    values = np.asarray(matrix, dtype=float).T @ x
    low = values.min()
    scale = max(1.0, float(np.abs(np.asarray(matrix, dtype=float)).max()))
    support = [i for i, p in enumerate(x) if p > tol]
    tight = [j for j, v in enumerate(values) if v <= low + tol * scale]
    unknowns = len(support) + 1
    rows = [[Fraction(matrix[i][j]) for i in support] + [Fraction(-1)] for j in tight]
    rows.append([Fraction(1)] * len(support) + [Fraction(0)])
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    if len(rows) < unknowns:
        return None
    sol = _solve_exact_system(rows, rhs)
    if sol is None:
        return None
    full = [Fraction(0)] * len(matrix)
    for i, p in zip(support, sol[:-1], strict=True):
        full[i] = p
    if any(p < 0 for p in full):
        return None
    guaranteed = min(sum((full[i] * matrix[i][j] for i in support), Fraction(0))
                     for j in range(len(matrix[0])))
    return full, guaranteed


def solve_zero_sum(game: Game, deadline: float | None = None) -> ZeroSumSolution | None:
    """Value and optimal strategies of a two-player zero-sum game by linear programming.

    The float optimum comes from scipy's HiGHS; the exact value and strategies are then
    recovered on the optimal supports and certified (max-min = min-max, exactly), falling
    back to an exact Lemke-Howson equilibrium, which is optimal in a zero-sum game.
    ``deadline`` (a :func:`time.monotonic` time) bounds the linear programs and the
    pivoting: None is returned when it passes first.

    >>> sol = solve_zero_sum(Game.from_payoffs([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))
    >>> sol.value_exact, sol.exact[0]
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)))
    """
    _require_bimatrix(game)
    if not is_zero_sum(game):
        raise GameError("the game is not zero-sum: player 2's payoffs are not the negative"
                        " of player 1's in every cell")
    import time

    from scipy.optimize import linprog

    options = {}
    if deadline is not None:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        options = {"time_limit": left / 2}
    a_int, _ = _int_matrices(game)
    d0 = game.denominators[0]
    m, n = game.shape
    af = np.asarray(game.payoffs[0], dtype=float)
    scale = max(1.0, float(np.abs(af).max()))
    an = af / scale
    # player 1: max v  s.t.  A^T x >= v, sum x = 1, x >= 0
    res_x = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-an.T, np.ones(n)], b_ub=np.zeros(n),
                    A_eq=np.r_[np.ones(m), 0.0][None], b_eq=[1.0],
                    bounds=[(0, None)] * m + [(None, None)], method="highs", options=options)
    # player 2: min w  s.t.  A y <= w, sum y = 1, y >= 0
    res_y = linprog(np.r_[np.zeros(n), 1.0], A_ub=np.c_[an, -np.ones(m)], b_ub=np.zeros(m),
                    A_eq=np.r_[np.ones(n), 0.0][None], b_eq=[1.0],
                    bounds=[(0, None)] * n + [(None, None)], method="highs", options=options)
    if deadline is not None and time.monotonic() > deadline:
        return None
    if res_x.status == 1 or res_y.status == 1:   # HiGHS stopped at its time limit
        return None
    if res_x.status != 0 or res_y.status != 0:  # pragma: no cover - always feasible, bounded
        raise GameError(f"linear programming failed: {res_x.message} / {res_y.message}")
    x = np.clip(res_x.x[:m], 0, None)
    y = np.clip(res_y.x[:n], 0, None)
    x /= x.sum()
    y /= y.sum()
    value = float(res_x.x[m] * scale)

    exact = None
    value_exact = None
    tol = 1e-7
    ex = _exact_maxmin(a_int, x, tol)
    neg_t = [[-a_int[i][j] for i in range(m)] for j in range(n)]  # player 2 maximises -A^T
    ey = _exact_maxmin(neg_t, y, tol)
    if ex is not None and ey is not None and ex[1] == -ey[1]:
        exact = (tuple(ex[0]), tuple(ey[0]))
        value_exact = ex[1] / d0
    else:
        lh = lemke_howson(game, 0, deadline=deadline).equilibria
        if deadline is not None and not lh:
            return None
        if lh:
            exact = lh[0].exact
            value_exact = lh[0].exact_payoffs[0]
    if exact is not None:
        return ZeroSumSolution(
            value=float(value_exact),
            strategies=(tuple(float(p) for p in exact[0]), tuple(float(p) for p in exact[1])),
            value_exact=value_exact,
            exact=exact,
        )
    return ZeroSumSolution(value=value, strategies=(tuple(x.tolist()), tuple(y.tolist())))
