"""Helpers shared by the two-player solvers (exact integer payoffs, certified records)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ...errors import GameError
from ...model import Game
from ..base import Equilibrium


def _require_bimatrix(game: Game) -> None:
    if game.n_players != 2:
        raise GameError(
            f"this solver is for two-player games; the game has {game.n_players} players"
        )


def _int_matrices(game: Game) -> tuple[list[list[int]], list[list[int]]]:
    """Both players' exact payoffs as lists of Python ints (each player's own scale)."""
    return ([[int(v) for v in row] for row in game.scaled[0].tolist()],
            [[int(v) for v in row] for row in game.scaled[1].tolist()])


def _shift_positive(matrix: list[list[int]]) -> list[list[int]]:
    low = min(min(row) for row in matrix)
    return [[v - low + 1 for v in row] for row in matrix]


_ZERO = Fraction(0)


def _normalise(nums: Sequence[int]) -> tuple[Fraction, ...]:
    total = sum(nums)
    return tuple(Fraction(v, total) if v else _ZERO for v in nums)


def verify_bimatrix(ints: tuple[list[list[int]], list[list[int]]], x: Sequence[int],
                    y: Sequence[int]) -> tuple[int, int] | None:
    """Exact equilibrium check of unnormalised non-negative integer weights ``x``, ``y``.

    With ``A``, ``B`` the integer (scaled) payoffs, ``(x, y)`` (each normalised) is an
    equilibrium iff every row in the support of ``x`` attains ``max_i (A y)_i`` and every
    column in the support of ``y`` attains ``max_j (x B)_j``.  Returns those maxima (the
    payoffs times ``sum x`` and ``sum y``), or None.  Integer arithmetic only: the same
    decision as :func:`~gamesolve.solvers.base.verify_exact`, without Fractions.

    >>> verify_bimatrix(([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), [1, 1], [1, 1])
    (0, 0)
    >>> verify_bimatrix(([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), [1, 0], [1, 1]) is None
    True
    """
    a, b = ints
    if min(x) < 0 or min(y) < 0 or not any(x) or not any(y):
        return None
    ys = [(j, v) for j, v in enumerate(y) if v]
    xs = [(i, v) for i, v in enumerate(x) if v]
    rows = [sum(row[j] * v for j, v in ys) for row in a]
    cols = [sum(b[i][j] * v for i, v in xs) for j in range(len(y))]
    best_row, best_col = max(rows), max(cols)
    if any(rows[i] != best_row for i, _ in xs) or any(cols[j] != best_col for j, _ in ys):
        return None
    return best_row, best_col


def _make_equilibrium(exact: tuple[tuple[Fraction, ...], ...],
                      exact_payoffs: tuple[Fraction, ...],
                      ints: tuple[list[list[int]], list[list[int]]]) -> Equilibrium:
    """The record of an equilibrium its caller has verified exactly (so no player gains
    anything by deviating: its regret is 0, not a float evaluation of it)."""
    # int / int is the correctly rounded float of the fraction, as float(p) is (cheaper)
    strategies = tuple(tuple(p.numerator / p.denominator for p in s) for s in exact)
    pure = all(sum(1 for p in s if p) == 1 for s in exact)
    strict = False
    if pure:
        i = exact[0].index(Fraction(1))
        j = exact[1].index(Fraction(1))
        a, b = ints
        strict = (all(a[i][j] > a[k][j] for k in range(len(a)) if k != i)
                  and all(b[i][j] > b[i][k] for k in range(len(b[i])) if k != j))
    return Equilibrium(
        strategies=strategies,
        payoffs=tuple(float(v) for v in exact_payoffs),
        pure=pure,
        exact=exact,
        exact_payoffs=exact_payoffs,
        strict=strict,
        regret=0.0,
    )
