"""Helpers shared by the two-player solvers (exact integer payoffs, certified records)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ...errors import GameError
from ...model import Game
from ..base import Equilibrium, max_regret


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


def _normalise(nums: Sequence[int]) -> tuple[Fraction, ...]:
    total = sum(nums)
    return tuple(Fraction(v, total) for v in nums)


def _make_equilibrium(game: Game, exact: tuple[tuple[Fraction, ...], ...],
                      exact_payoffs: tuple[Fraction, ...],
                      ints: tuple[list[list[int]], list[list[int]]]) -> Equilibrium:
    strategies = tuple(tuple(float(p) for p in s) for s in exact)
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
        regret=max_regret(game, strategies),
    )
