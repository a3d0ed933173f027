"""Lexicographic reverse search for the vertices of ``{z >= 0 : M z <= 1}``, exactly.

This is the method of lrs (Avis & Fukuda, "A pivoting algorithm for convex hulls and
vertex enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8, 1992;
Avis, Rosenberg, Savani & von Stengel, "Enumeration of Nash equilibria for two-player
games", Economic Theory 42, 2010).  Variables are ``z_0..z_{d-1}`` and the slacks
``s_0..s_{r-1}`` of ``M z + s = 1``; variable ``k`` is tight (its label is present) when
it is zero.  The origin (every slack basic) is the unique optimal basis of
``max -sum(z)``; every other *lexicographically feasible* basis has a parent, the basis
one Bland-rule simplex pivot (lexicographic ratio test) closer to the origin.  Those
pivots form a spanning tree of the bases, walked depth first from the root by reversing
them: a neighbour is a child exactly when its own Bland pivot leads back.  No list of
visited bases is needed, and the lexicographic rule -- the symbolic perturbation
``b + (eps, eps^2, ...)`` that makes the polytope simple -- keeps degenerate vertices
from stalling the walk (each of their lexicographic bases is a node; the vertex is
reported once).

Arithmetic is exact: an integer dictionary (``det * B^-1 [1 | M | I]`` on the
non-basic columns, with the cost row) of Python integers, updated by fraction-free (Bareiss)
pivoting; ratios are
compared by exact cross-multiplication.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass
class SearchResult:
    """Vertices found by :func:`reverse_search`: exact tight-label masks and points.

    ``labels[v]`` is an int bitmask over the ``d + r`` labels (bit ``i < d``: ``z_i = 0``;
    bit ``d + j``: row ``j`` tight); ``points[v]`` is ``(numerators, denominator)``.
    ``complete`` is False when the deadline stopped the search.
    """

    labels: list[int] = field(default_factory=list)
    points: list[tuple[tuple[int, ...], int]] = field(default_factory=list)
    complete: bool = False
    bases: int = 0


class _Tableau:
    """Fraction-free dictionary: row 0 the reduced costs of ``max -sum z``, rows 1..r the
    basic variables; column 0 the right-hand side, column ``1 + t`` the non-basic
    variable ``nonbasic[t]`` (basic columns, ``det`` times a unit vector, are implicit,
    as in lrs).

    Rows are lists of Python ints, never changed in place: a pivot builds new rows.
    (Measured against numpy int64/object arrays: the tableaux of games up to ~20
    strategies are too small for numpy's per-call overhead to pay off.)
    """

    __slots__ = ("_slack_columns", "basis", "d", "det", "nonbasic", "rows")

    def __init__(self, matrix: Sequence[Sequence[int]]):
        d = len(matrix[0])
        self.rows = [[0] + [-1] * d] + [[1, *map(int, row)] for row in matrix]
        self.det = 1
        self.basis = list(range(d, d + len(matrix)))   # basic variable of row 1 + i
        self.nonbasic = list(range(d))
        self.d = d
        self._slack_columns = None

    def pivoted(self, row: int, t: int) -> _Tableau:
        """A new dictionary: ``nonbasic[t]`` enters the basis in row ``row``."""
        col = 1 + t
        prow = self.rows[row]
        piv = prow[col]
        det = self.det
        rows = []
        for k, old in enumerate(self.rows):
            f = old[col]
            if k == row:
                new_row = list(old)
                new_row[col] = det          # the leaving variable's column: det e_row
            elif f == 0:
                new_row = [piv * a // det for a in old] if piv != det else list(old)
            else:
                new_row = [(piv * a - f * b) // det for a, b in zip(old, prow)]
                new_row[col] = -f           # ... and -t_kj elsewhere
            rows.append(new_row)
        new = _Tableau.__new__(_Tableau)
        new.rows = rows
        new.det = piv
        new.d = self.d
        new.basis = list(self.basis)
        new.nonbasic = list(self.nonbasic)
        new.basis[row - 1], new.nonbasic[t] = self.nonbasic[t], self.basis[row - 1]
        new._slack_columns = None
        return new

    def ratio_row(self, t: int) -> int:
        """The lexicographic minimum-ratio row for entering ``nonbasic[t]``: minimise
        ``(rhs, columns of B^-1 in slack order) / column`` over rows with a positive entry."""
        col = 1 + t
        rows = self.rows
        best = 0
        b_rhs = b_col = 0
        for k in range(1, len(rows)):
            row = rows[k]
            a = row[col]
            if a <= 0:
                continue
            if not best:
                best, b_rhs, b_col = k, row[0], a
                continue
            x = row[0] * b_col - b_rhs * a
            if x < 0 or (x == 0 and self._lex_less(k, best, a, b_col)):
                best, b_rhs, b_col = k, row[0], a
        return best

    def _lex_less(self, k: int, best: int, a: int, b: int) -> bool:
        """Is row k's B^-1 row over ``a`` lexicographically below row best's over ``b``?"""
        rows, det = self.rows, self.det
        row_k, row_b = rows[k], rows[best]
        for c in self._slack_column_list():
            if c > 0:
                vk, vb = row_k[c], row_b[c]
            else:                           # slack basic in row -c: B^-1 column det e_(-c)
                vk = det if k == -c else 0
                vb = det if best == -c else 0
            x = vk * b - vb * a
            if x:
                return x < 0
        return False   # cannot happen: B^-1 has independent rows

    def _slack_column_list(self) -> list[int]:
        if self._slack_columns is None:
            self._slack_columns = _slack_column_list_of(self)
        return self._slack_columns


def _slack_column_list_of(tab: _Tableau) -> list[int]:
    """For each slack in order: its dictionary column (> 0), or minus its basic row."""
    d = tab.d
    where = [0] * len(tab.basis)
    for t, v in enumerate(tab.nonbasic):
        if v >= d:
            where[v - d] = 1 + t
    for i, v in enumerate(tab.basis):
        if v >= d:
            where[v - d] = -(i + 1)
    return where


def _children(tab: _Tableau) -> list[tuple[int, int]]:
    """Pivots ``(row, t)`` (``nonbasic[t]`` enters) to the children of this basis.

    Entering ``j`` (lexicographic ratio row ``i``, leaving ``u``) gives a child when
    Bland's rule at the new basis enters ``u``: ``u``'s new reduced cost ``-c_j`` must
    be improving and no earlier non-basic ``k`` may be, where ``k``'s new reduced cost
    is ``(piv c_k - c_j t_ik) / det`` (``piv = t_ij > 0``).
    """
    cost = tab.rows[0]
    nonbasic = tab.nonbasic
    out = []
    for t, _j in enumerate(nonbasic):
        c_j = cost[1 + t]
        if c_j >= 0:
            continue                     # the way back must be improving
        i = tab.ratio_row(t)
        u = tab.basis[i - 1]
        row = tab.rows[i]
        piv = row[1 + t]
        if all(k >= u or q == t or piv * cost[1 + q] - c_j * row[1 + q] <= 0
               for q, k in enumerate(nonbasic)):
            out.append((i, t))
    return out


def _vertex(tab: _Tableau, d: int) -> tuple[int, tuple[int, ...], int]:
    """Tight-label bitmask and exact point of the basis's vertex."""
    rows = tab.rows
    mask = 0
    for k in tab.nonbasic:
        mask |= 1 << k
    nums = [0] * d
    for i, var in enumerate(tab.basis):
        value = rows[i + 1][0]
        if value == 0:
            mask |= 1 << var
        elif var < d:
            nums[var] = value
    den = tab.det
    g = math.gcd(den, *nums)
    return mask, tuple(x // g for x in nums), den // g


def reverse_search(matrix: Sequence[Sequence[int]], deadline: float | None = None,
                   on_vertex: Callable[[int, tuple[int, ...], int], None] | None = None
                   ) -> SearchResult:
    """Every vertex of ``{z >= 0 : M z <= 1}`` (``M`` a positive integer matrix).

    ``deadline`` is a :func:`time.monotonic` time checked between pivots: when it passes,
    the vertices found so far are returned with ``complete=False``.  ``on_vertex`` is
    called with each new vertex (label mask, numerators, denominator) as it is found.

    >>> found = reverse_search([[2, 1], [1, 2]])
    >>> sorted((p, den) for p, den in found.points), found.complete
    ([((0, 0), 1), ((0, 1), 2), ((1, 0), 2), ((1, 1), 3)], True)
    >>> found = reverse_search([[1, 1], [1, 1], [2, 1]])   # degenerate: (0, 1) on 3 rows
    >>> sorted(found.points), found.bases
    ([((0, 0), 1), ((0, 1), 1), ((1, 0), 2)], 3)
    """
    d = len(matrix[0])
    result = SearchResult()
    seen: set[int] = set()

    def visit(tab: _Tableau) -> None:
        result.bases += 1
        mask, nums, den = _vertex(tab, d)
        if mask not in seen:   # a degenerate vertex is reached from several bases
            seen.add(mask)
            result.labels.append(mask)
            result.points.append((nums, den))
            if on_vertex is not None:
                on_vertex(mask, nums, den)

    root = _Tableau(matrix)
    visit(root)
    stack: list[tuple[_Tableau, Iterator[tuple[int, int]]]] = [(root, iter(_children(root)))]
    while stack:
        if deadline is not None and time.monotonic() > deadline:
            return result
        tab, todo = stack[-1]
        step = next(todo, None)
        if step is None:
            stack.pop()
            continue
        child = tab.pivoted(*step)
        visit(child)
        stack.append((child, iter(_children(child))))
    result.complete = True
    return result
