"""One basis of the lexicographic reverse search, as a fraction-free integer dictionary.

The scalar companion of :mod:`.revsearch` (which pivots whole batches of bases at once
in numpy): one basis at a time, Python integers, for walks along a single path of the
reverse-search tree -- the random probes of :mod:`.estimate` -- and as a second,
independent implementation of the same pivot rules.  Method: Avis & Fukuda, "A pivoting
algorithm for convex hulls and vertex enumeration of arrangements and polyhedra",
Discrete Comput. Geom. 8 (1992), the method of lrs.

Variables are ``z_0..z_{d-1}`` and the slacks ``s_0..s_{r-1}`` of ``M z + s = 1``; the
dictionary is ``det * B^-1 [1 | M | I]`` on the non-basic columns, with the cost row of
``max -sum z``, updated by fraction-free (Bareiss) pivoting.

>>> root = Tableau([[2, 1], [1, 2]])
>>> children(root)              # both columns enter; rows 1 and 2 win the ratio tests
[(1, 0), (2, 1)]
>>> vertex(root.pivoted(1, 0), 2)    # z_0 = 1/2, z_1 = 0 and row 0 tight: bits 1, 2
(6, (1, 0), 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence


class Tableau:
    """Fraction-free dictionary: row 0 the reduced costs of ``max -sum z``, rows 1..r the
    basic variables; column 0 the right-hand side, column ``1 + t`` the non-basic
    variable ``nonbasic[t]`` (basic columns, ``det`` times a unit vector, are implicit,
    as in lrs).

    Rows are lists of Python ints, never changed in place: a pivot builds new rows.
    (One tableau of a game up to ~20 strategies is too small for numpy's per-call
    overhead to pay off; :mod:`.revsearch` vectorises over many bases instead.)
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

    @classmethod
    def of(cls, rows: list[list[int]], det: int, basis: list[int],
           nonbasic: list[int]) -> Tableau:
        """The dictionary with these rows (Python ints, not copied), det and variables."""
        new = cls.__new__(cls)
        new.rows, new.det, new.basis, new.nonbasic = rows, det, basis, nonbasic
        new.d = len(nonbasic)
        new._slack_columns = None
        return new

    def pivoted(self, row: int, t: int) -> Tableau:
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
        new = Tableau.__new__(Tableau)
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


def _slack_column_list_of(tab: Tableau) -> list[int]:
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


def children(tab: Tableau) -> list[tuple[int, int]]:
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


def vertex(tab: Tableau, d: int) -> tuple[int, tuple[int, ...], int]:
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
