"""Lemke-Howson for two-player games, in exact integer arithmetic."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from ...errors import GameError
from ...model import Game
from ..base import EquilibriumSet, verify_exact
from .common import (
    _int_matrices,
    _make_equilibrium,
    _normalise,
    _require_bimatrix,
    _shift_positive,
)


class _Tableau:
    """Integer (fraction-free) simplex tableau ``[M | I] z = 1`` with lexicographic ratios.

    Variables are numbered by their labels; ``slack_labels`` are those of the identity
    columns (the initial basis).  Entries are scaled by ``det``.
    """

    def __init__(self, matrix: list[list[int]], var_labels_of_columns: list[int],
                 slack_labels: list[int], n_labels: int):
        self.n_labels = n_labels
        self.col_of = {}
        rows = []
        width = len(matrix[0]) + len(matrix)
        for i, row in enumerate(matrix):
            full = [0] * (width + 1)
            for c, v in enumerate(row):
                full[c] = v
            full[len(row) + i] = 1
            full[width] = 1
            rows.append(full)
        labels = list(var_labels_of_columns) + list(slack_labels)
        self.col_of = {lab: c for c, lab in enumerate(labels)}
        self.label_of = labels
        self.rows = rows
        self.basis = list(slack_labels)      # basic label of each row
        self.slack_cols = [self.col_of[lab] for lab in slack_labels]
        self.rhs = width
        self.det = 1

    def enter(self, label: int) -> int:
        """Pivot the variable with ``label`` into the basis; return the leaving label."""
        c = self.col_of[label]
        best = None
        for i, row in enumerate(self.rows):
            if row[c] > 0 and (best is None or self._lex_less(i, best, c)):
                best = i
        if best is None:
            raise ArithmeticError("unbounded ray in Lemke-Howson (payoffs not positive?)")
        pivot_row = self.rows[best]
        piv = pivot_row[c]
        det = self.det
        for i, row in enumerate(self.rows):
            if i == best:
                continue
            f = row[c]
            self.rows[i] = [(piv * a - f * b) // det for a, b in zip(row, pivot_row, strict=True)]
        self.det = piv
        leaving = self.basis[best]
        self.basis[best] = label
        return leaving

    def _lex_less(self, i: int, j: int, c: int) -> bool:
        ri, rj = self.rows[i], self.rows[j]
        di, dj = ri[c], rj[c]
        for col in [self.rhs, *self.slack_cols]:
            lhs, rhs = ri[col] * dj, rj[col] * di
            if lhs != rhs:
                return lhs < rhs
        return i < j  # identical rows cannot happen (B^-1 is non-singular)

    def values(self, labels: Sequence[int]) -> list[int]:
        """Numerators (over ``det``) of the variables with these labels."""
        value = {lab: row[self.rhs] for lab, row in zip(self.basis, self.rows, strict=True)}
        return [value.get(lab, 0) for lab in labels]


def lemke_howson(game: Game, initial_label: int = 0,
                 deadline: float | None = None) -> EquilibriumSet:
    """One Nash equilibrium by the Lemke-Howson path from the artificial equilibrium.

    ``initial_label`` in ``0..m+n-1`` (player 1's strategies first, then player 2's) is
    the label dropped first, as in nashpy.  Exact integer pivoting with the
    lexicographic rule, so degenerate games are handled; the result is certified with
    :func:`verify_exact`.  ``deadline`` (a :func:`time.monotonic` time) is checked
    between pivots: past it, the path is abandoned and an empty, incomplete set is
    returned with a warning saying so.

    >>> g = Game.from_payoffs([[[3, 0], [0, 2]], [[2, 0], [0, 3]]])
    >>> [s for s in lemke_howson(g, 0).equilibria[0].exact]
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))]
    """
    _require_bimatrix(game)
    m, n = game.shape
    if not 0 <= initial_label < m + n:
        raise GameError(
            f"initial label {initial_label} is out of range: use 0..{m + n - 1}"
            f" ({m} strategies of player 1, then {n} of player 2)"
        )
    ints = _int_matrices(game)
    a, b = (_shift_positive(mat) for mat in ints)
    rows_labels = list(range(m))
    cols_labels = list(range(m, m + n))
    # P: B^T x + s = 1 (n rows): x has labels 0..m-1, slacks m..m+n-1
    tab_p = _Tableau([list(col) for col in zip(*b, strict=True)], rows_labels, cols_labels, m + n)
    # Q: r + A y = 1 (m rows): y has labels m..m+n-1, slacks 0..m-1
    tab_q = _Tableau(a, cols_labels, rows_labels, m + n)
    tab = tab_p if initial_label < m else tab_q
    label = initial_label
    pivots = 0
    limit = 10 * math.comb(m + n, m) + 100
    while True:
        if deadline is not None and time.monotonic() > deadline:
            return EquilibriumSet((), method="lemke-howson", complete=False, warnings=(
                f"Lemke-Howson stopped at the time limit after {pivots:,} pivots, before"
                " reaching an equilibrium (raise --timeout)",),
                details={"initial_label": initial_label, "pivots": pivots})
        leaving = tab.enter(label)
        pivots += 1
        if leaving == initial_label:
            break
        if pivots > limit:  # pragma: no cover - the lexicographic rule prevents cycling
            raise ArithmeticError("Lemke-Howson did not terminate")
        label = leaving
        tab = tab_q if tab is tab_p else tab_p
    x = _normalise(tab_p.values(rows_labels))
    y = _normalise(tab_q.values(cols_labels))
    payoffs = verify_exact(game, (x, y))
    details = {"initial_label": initial_label, "pivots": pivots}
    if payoffs is None:  # pragma: no cover - exact arithmetic throughout
        return EquilibriumSet((), method="lemke-howson", complete=False, rejected=1,
                              warnings=("the Lemke-Howson result failed exact verification",),
                              details=details)
    eq = _make_equilibrium((x, y), payoffs, ints)
    return EquilibriumSet((eq,), method="lemke-howson", complete=False, details=details)
