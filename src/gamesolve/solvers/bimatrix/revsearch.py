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

Arithmetic is exact: an integer tableau ``det * B^-1 [1 | M | I]`` updated by
fraction-free (Bareiss) pivoting, held in numpy ``int64`` while every entry is below
``2**31`` (so products cannot overflow) and in Python integers (numpy object arrays)
beyond.  Floating point only shortlists the minimum-ratio rows; the choice among them
is made with exact cross-multiplication.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

_INT64_SAFE = 2**31 - 1   # |entries| below this: products and their differences fit int64
_SHORTLIST = 1e-9         # relative slack of the float shortlist of minimum ratios


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
    big_integers: bool = False


class _Tableau:
    """Fraction-free tableau: row 0 the reduced costs of ``max -sum z``, rows 1..r the
    constraints; column 0 the right-hand side, column ``1 + k`` variable ``k``."""

    __slots__ = ("t", "det", "basis", "nonbasic", "small")

    def __init__(self, matrix: Sequence[Sequence[int]]):
        r, d = len(matrix), len(matrix[0])
        t = np.zeros((r + 1, 1 + d + r), dtype=np.int64)
        t[0, 1:1 + d] = -1
        t[1:, 0] = 1
        t[1:, 1:1 + d] = np.asarray(matrix, dtype=np.int64)
        t[1:, 1 + d:] = np.eye(r, dtype=np.int64)
        self.t = t
        self.det = 1
        self.basis = list(range(d, d + r))       # basic variable of constraint row 1 + i
        self.nonbasic = list(range(d))
        self.small = True

    def copy(self) -> _Tableau:
        new = _Tableau.__new__(_Tableau)
        new.t = self.t.copy()
        new.det = self.det
        new.basis = list(self.basis)
        new.nonbasic = list(self.nonbasic)
        new.small = self.small
        return new

    def pivot(self, row: int, var: int) -> None:
        """Variable ``var`` enters the basis in constraint row ``row`` (1-based)."""
        t = self.t
        col = 1 + var
        piv = t[row, col]
        pivot_row = t[row].copy()
        column = t[:, col].copy()
        t *= piv
        t -= np.outer(column, pivot_row)
        t //= self.det
        t[row] = pivot_row
        self.det = int(piv)
        if self.small and int(np.abs(t).max()) > _INT64_SAFE:
            self.small = False   # every product of two entries must stay inside int64
            self.t = t.astype(object)
        leaving = self.basis[row - 1]
        self.basis[row - 1] = var
        self.nonbasic[self.nonbasic.index(var)] = leaving

    def ratio_rows(self, columns: list[int]) -> list[int]:
        """The lexicographic minimum-ratio row for each entering variable in ``columns``."""
        t = self.t
        sub = t[1:, [1 + c for c in columns]]
        positive = sub > 0
        rhs = t[1:, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(positive, rhs.astype(float)[:, None] / sub.astype(float), np.inf)
        low = ratio.min(axis=0)
        shortlist = positive & (ratio <= low * (1 + _SHORTLIST))
        counts = shortlist.sum(axis=0)
        first = shortlist.argmax(axis=0)
        rows = []
        d1 = t.shape[1] - len(self.basis)          # 1 + d: first slack column
        for k, c in enumerate(columns):
            if counts[k] == 1:
                rows.append(int(first[k]) + 1)
                continue
            cands = (np.flatnonzero(shortlist[:, k]) + 1).tolist()
            rows.append(_lex_min(t, cands, 1 + c, d1))
        return rows


def _lex_min(t: np.ndarray, rows: list[int], col: int, first_slack: int) -> int:
    """Row minimising ``(t[i, 0], t[i, slack columns...]) / t[i, col]`` lexicographically."""
    keys = [0, *range(first_slack, t.shape[1])]
    best = rows[0]
    for i in rows[1:]:
        a, b = int(t[i, col]), int(t[best, col])
        for k in keys:
            lhs, rhs = int(t[i, k]) * b, int(t[best, k]) * a
            if lhs != rhs:
                if lhs < rhs:
                    best = i
                break
    return best


def _children(tab: _Tableau) -> list[tuple[int, int]]:
    """Pivots ``(row, entering variable)`` to the children of this basis in the tree.

    Entering ``j`` (lexicographic ratio row ``i``, leaving ``u``) gives a child when
    Bland's rule at the new basis enters ``u``: ``u``'s new reduced cost ``-c_j`` must
    be improving and no earlier non-basic ``k`` may be, where ``k``'s new reduced cost
    is ``(piv c_k - c_j t_ik) / det`` (``piv = t_ij > 0``).
    """
    t = tab.t
    c = t[0]
    nb = np.array(tab.nonbasic)
    c_nb = c[1 + nb]
    cols = nb[c_nb < 0]                     # the way back must be improving
    if cols.size == 0:
        return []
    rows = np.array(tab.ratio_rows(cols.tolist()))
    leaving = np.array(tab.basis)[rows - 1]
    t_rows = t[rows][:, 1 + nb]                                     # (J, d)
    piv = t[rows, 1 + cols]
    new_costs = piv[:, None] * c_nb[None, :] - c[1 + cols][:, None] * t_rows
    earlier = (nb[None, :] < leaving[:, None]) & (nb[None, :] != cols[:, None])
    child = ~((new_costs > 0) & earlier).any(axis=1)
    return list(zip(rows[child].tolist(), cols[child].tolist(), strict=True))


def _vertex(tab: _Tableau, d: int) -> tuple[int, tuple[int, ...], int]:
    """Tight-label bitmask and exact point of the basis's vertex."""
    t = tab.t
    mask = 0
    for k in tab.nonbasic:
        mask |= 1 << k
    nums = [0] * d
    for i, var in enumerate(tab.basis):
        value = int(t[i + 1, 0])
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
        child = tab.copy()
        child.pivot(*step)
        result.big_integers |= not child.small
        visit(child)
        stack.append((child, iter(_children(child))))
    result.complete = True
    return result
