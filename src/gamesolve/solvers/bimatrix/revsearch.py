"""Lexicographic reverse search for the vertices of ``{z >= 0 : M z <= 1}``, exactly.

This is the method of lrs (Avis & Fukuda, "A pivoting algorithm for convex hulls and
vertex enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8, 1992;
Avis, Rosenberg, Savani & von Stengel, "Enumeration of Nash equilibria for two-player
games", Economic Theory 42, 2010).  Variables are ``z_0..z_{d-1}`` and the slacks
``s_0..s_{r-1}`` of ``M z + s = 1``; variable ``k`` is tight (its label is present) when
it is zero.  The origin (every slack basic) is the unique optimal basis of
``max -sum(z)``; every other *lexicographically feasible* basis has a parent, the basis
one Bland-rule simplex pivot (lexicographic ratio test) closer to the origin.  Those
pivots form a spanning tree of the bases, walked from the root by reversing them: a
neighbour is a child exactly when its own Bland pivot leads back.  No list of visited
bases is needed, and the lexicographic rule -- the symbolic perturbation
``b + (eps, eps^2, ...)`` that makes the polytope simple -- keeps degenerate vertices
from stalling the walk (each of their lexicographic bases is a node; the vertex is
reported once).

Whether a neighbour is a child depends on the basis alone, so the tree can be walked a
*batch* of bases at a time: the children of up to :data:`BATCH` bases are found and
pivoted to in a fixed number of numpy operations over a ``(bases, rows, columns)``
stack of dictionaries (one dictionary per call is too small for numpy to pay; a batch
is not).  Batches are taken from a stack (the newest first), so memory stays about
``depth x BATCH x columns`` dictionaries.  :mod:`.tableau` is the one-basis-at-a-time
version of the same rules.

Arithmetic is exact: each dictionary is ``det * B^-1 [1 | M | I]`` on the non-basic
columns, with the cost row, updated by fraction-free (Bareiss) pivoting; ratios are
compared by exact cross-multiplication.  A basis is pivoted in an int64 batch only when
every entry of its dictionary (and ``det``) is below ``2**31`` in absolute value -- then
every product of two entries and every difference of two such products is below
``2**63``, so nothing can overflow (the new entries, exact quotients, are checked again
before their own pass).  A basis past that bound, and its whole subtree, is searched
one basis at a time in Python integers by :mod:`.tableau` (numpy object arrays measured
slower).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .tableau import Tableau, children, vertex

BATCH = 1024            # bases expanded per numpy pass (measured: 256..4096 within 10%)
_INT64_SAFE = 2 ** 31   # entries below this: products and their differences fit int64
_PASS_CELLS = 1 << 22   # dictionary entries per pass at most (32 MB of int64)


@dataclass
class SearchResult:
    """Vertices found by :func:`reverse_search`: exact tight-label masks and points.

    ``labels[v]`` is an int bitmask over the ``d + r`` labels (bit ``i < d``: ``z_i = 0``;
    bit ``d + j``: row ``j`` tight); ``points[v]`` is ``(numerators, denominator)``.
    ``complete`` is False when the deadline stopped the search; ``bases`` counts the
    lexicographic bases visited.
    """

    labels: list[int] = field(default_factory=list)
    points: list[tuple[tuple[int, ...], int]] = field(default_factory=list)
    complete: bool = False
    bases: int = 0

    def label_rows(self, width: int) -> np.ndarray:
        """``labels`` as a ``(vertices, width)`` bool array, in one pass (not per mask).

        >>> SearchResult(labels=[0b101, 0b010]).label_rows(3).astype(int).tolist()
        [[1, 0, 1], [0, 1, 0]]
        """
        nbytes = (width + 7) // 8
        raw = b"".join(mask.to_bytes(nbytes, "little") for mask in self.labels)
        packed = np.frombuffer(raw, dtype=np.uint8).reshape(len(self.labels), nbytes)
        return np.unpackbits(packed, axis=1, bitorder="little")[:, :width].astype(bool)


@dataclass
class Batch:
    """The reverse-search state of ``n`` bases: dictionaries ``tab[b]`` (rows: the cost
    row, then the basic variables; columns: the rhs, then ``nonbasic[b]``), ``det[b]``,
    and the basic variable of each row.  int64 or object (Python integers) arrays."""

    tab: np.ndarray        # (n, 1 + r, 1 + d), int64 or object
    det: np.ndarray        # (n,)
    basis: np.ndarray      # (n, r) int64
    nonbasic: np.ndarray   # (n, d) int64

    def __len__(self) -> int:
        return self.tab.shape[0]

    def split(self, k: int) -> tuple[Batch, Batch]:
        return (Batch(self.tab[:k], self.det[:k], self.basis[:k], self.nonbasic[:k]),
                Batch(self.tab[k:], self.det[k:], self.basis[k:], self.nonbasic[k:]))

    @staticmethod
    def joined(parts: list[Batch]) -> Batch:
        if len(parts) == 1:
            return parts[0]
        return Batch(*(np.concatenate([getattr(p, f) for p in parts])
                       for f in ("tab", "det", "basis", "nonbasic")))

    def split_large(self) -> tuple[Batch, list[Tableau]]:
        """The bases whose entries (and ``det``) are all below ``2**31``, as an int64
        batch, and the others as one-basis Python-integer dictionaries (measured: numpy
        object arrays are slower than plain Python integers one basis at a time)."""
        if self.tab.dtype == object:
            large = np.arange(len(self))
        else:
            size = np.maximum(np.abs(self.tab).max(axis=(1, 2)), np.abs(self.det))
            large = np.flatnonzero(size >= _INT64_SAFE)
            if large.size == 0:
                return self, []
        tableaux = [Tableau.of(self.tab[b].tolist(), int(self.det[b]),
                               self.basis[b].tolist(), self.nonbasic[b].tolist())
                    for b in large.tolist()]
        small = np.setdiff1d(np.arange(len(self)), large)
        return (Batch(self.tab[small], self.det[small], self.basis[small],
                      self.nonbasic[small]), tableaux)

    def exact_dtype(self) -> Batch:
        """The same batch in int64 when that cannot overflow, else in Python integers."""
        big = max(int(np.abs(self.tab).max()), int(np.abs(self.det).max()))
        want = np.int64 if big < _INT64_SAFE else object
        if self.tab.dtype == want:
            return self
        return Batch(self.tab.astype(want), self.det.astype(want), self.basis,
                      self.nonbasic)


def root_batch(matrix: list[list[int]]) -> Batch:
    r, d = len(matrix), len(matrix[0])
    tab = [[0] + [-1] * d] + [[1, *row] for row in matrix]
    big = max(max(row) for row in matrix)
    dtype = np.int64 if big < _INT64_SAFE else object
    return Batch(np.array([tab], dtype=dtype), np.array([1], dtype=dtype),
                  np.arange(d, d + r, dtype=np.int64)[None, :],
                  np.arange(d, dtype=np.int64)[None, :])


def _ratio_rows(batch: Batch, node: np.ndarray, col: np.ndarray) -> np.ndarray:
    """For each pair (base ``node[p]``, column ``col[p]``): the lexicographic minimum-ratio
    row (0-based among rows 1..r) -- minimise ``(rhs, B^-1 row in slack order) / entry``
    over rows with a positive entry.  Rows are scanned once, all pairs at a time."""
    tab = batch.tab
    entries = tab[node, 1:, 1 + col]           # (m, r): the entering columns
    rhs = tab[node, 1:, 0]                     # (m, r)
    positive = entries > 0
    m, r = entries.shape
    best = np.full(m, -1, dtype=np.int64)
    b_rhs = np.ones(m, dtype=tab.dtype)        # the best ratio so far, b_rhs / b_ent:
    b_ent = np.zeros(m, dtype=tab.dtype)       # 1 / 0 (infinite) before any row
    places = None
    for k in range(r):
        a, x = entries[:, k], rhs[:, k]
        cross = x * b_ent - b_rhs * a          # < 0: row k's ratio is below the best's
        take = positive[:, k] & (cross < 0)
        tie = np.flatnonzero(positive[:, k] & (cross == 0))
        if tie.size:
            if places is None:
                places = _slack_places(batch)
            p = node[tie]
            diff = (_b_inverse_rows(batch, places, p, np.full(tie.size, k)) * b_ent[tie, None]
                    - _b_inverse_rows(batch, places, p, best[tie]) * a[tie, None])
            first = np.argmax(diff != 0, axis=1)   # B^-1 is nonsingular: rows differ
            take[tie[diff[np.arange(tie.size), first] < 0]] = True
        best = np.where(take, k, best)
        b_rhs = np.where(take, x, b_rhs)
        b_ent = np.where(take, a, b_ent)
    if (best < 0).any():   # a bounded polytope's every edge ends
        raise AssertionError("reverse search: an unbounded column in a polytope")
    return best


def _slack_places(batch: Batch) -> np.ndarray:
    """``(n, r)``: where slack ``s`` is -- its column ``t`` when non-basic, ``-1 - i``
    when basic in row ``i``."""
    n, d = batch.nonbasic.shape
    r = batch.basis.shape[1]
    where = np.empty((n, d + r), dtype=np.int64)
    rows = np.arange(n)[:, None]
    where[rows, batch.nonbasic] = np.arange(d)
    where[rows, batch.basis] = -1 - np.arange(r)
    return where[:, d:]


def _b_inverse_rows(batch: Batch, places: np.ndarray, node: np.ndarray,
                    row: np.ndarray) -> np.ndarray:
    """Row ``row[p]`` of ``det * B^-1`` of base ``node[p]``, columns in slack order: a
    non-basic slack's dictionary entry, or ``det`` / 0 for a slack basic in that row /
    another row."""
    where = places[node]
    column = np.maximum(where, 0)
    entries = batch.tab[node[:, None], 1 + row[:, None], 1 + column]
    unit = np.where(where == -1 - row[:, None], batch.det[node][:, None], 0)
    return np.where(where >= 0, entries, unit.astype(entries.dtype))


def child_pivots(batch: Batch) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pivots to the children of every base of the batch, grouped by base in order:
    arrays ``node, row, col, pivot_rows`` (``nonbasic[node][col]`` enters in row
    ``1 + row``; ``pivot_rows`` are those dictionary rows), as :func:`pivoted` takes them.

    Entering ``nonbasic[t]`` (ratio row ``i``, leaving ``u``) gives a child when Bland's
    rule at the new basis enters ``u``: ``u``'s new reduced cost ``-c_t`` must be
    improving and no earlier non-basic ``k`` may be, where ``k``'s new reduced cost is
    ``(piv c_k - c_t t_ik) / det`` (``piv = t_it > 0``; for ``k`` itself it is 0).
    """
    tab = batch.tab
    cost = tab[:, 0, 1:]
    node, col = np.nonzero(cost < 0)           # the way back must be improving
    if node.size == 0:
        return node, node, node, tab[:0, 0, :]
    row = _ratio_rows(batch, node, col)
    leaving = batch.basis[node, row]
    pair = np.arange(node.size)
    pivot_rows = tab[node, 1 + row, :]          # (m, 1 + d)
    piv = pivot_rows[pair, 1 + col]
    c_t = cost[node, col]
    improving = piv[:, None] * cost[node] - c_t[:, None] * pivot_rows[:, 1:] > 0
    earlier = batch.nonbasic[node] < leaving[:, None]
    child = np.flatnonzero(~(improving & earlier).any(axis=1))
    return node[child], row[child], col[child], pivot_rows[child]


def pivoted(batch: Batch, node: np.ndarray, row: np.ndarray, col: np.ndarray,
             pivot_rows: np.ndarray) -> Batch:
    """New dictionaries: ``nonbasic[node][col]`` enters in row ``1 + row`` (rank-one
    fraction-free update; the leaving variable's column becomes ``det e_row`` / ``-t``)."""
    c = node.size
    pair = np.arange(c)
    old = batch.tab[node]
    det = batch.det[node]
    column = old[pair, :, 1 + col]             # (c, 1 + r)
    piv = pivot_rows[pair, 1 + col]
    new = (piv[:, None, None] * old - column[:, :, None] * pivot_rows[:, None, :]) \
        // det[:, None, None]
    new[pair, :, 1 + col] = -column
    new[pair, 1 + row, :] = pivot_rows
    new[pair, 1 + row, 1 + col] = det
    basis, nonbasic = batch.basis[node], batch.nonbasic[node]
    entering = nonbasic[pair, col]
    nonbasic[pair, col] = basis[pair, row]
    basis[pair, row] = entering
    return Batch(new, piv, basis, nonbasic)


class _Visitor:
    """Counts bases and records each vertex once (a degenerate vertex has several)."""

    def __init__(self, result: SearchResult, d: int, r: int, on_vertex):
        self.result, self.d, self.r, self.on_vertex = result, d, r, on_vertex
        self.seen: set[int] = set()

    def visit(self, batch: Batch) -> None:
        n = len(batch)
        if n == 0:
            return
        d, r = self.d, self.r
        result = self.result
        result.bases += n
        rhs = batch.tab[:, 1:, 0]
        tight = np.zeros((n, d + r), dtype=bool)
        rows = np.arange(n)[:, None]
        tight[rows, batch.nonbasic] = True
        tight[rows, batch.basis] = rhs == 0
        seen = self.seen
        fresh = [b for b, mask in enumerate(_masks(tight)) if mask not in seen
                 and not seen.add(mask)]   # set.add returns None: a mask new here is kept
        if not fresh:
            return
        values = np.zeros((len(fresh), d + r), dtype=batch.tab.dtype)
        values[np.arange(len(fresh))[:, None], batch.basis[fresh]] = rhs[fresh]
        nums, den = values[:, :d], batch.det[fresh]
        g = np.gcd.reduce(np.concatenate([den[:, None], nums], axis=1), axis=1)
        masks = _masks(tight[fresh])
        for mask, point, q in zip(masks, (nums // g[:, None]).tolist(), (den // g).tolist()):
            point = tuple(point)
            result.labels.append(mask)
            result.points.append((point, q))
            if self.on_vertex is not None:
                self.on_vertex(mask, point, q)

    def visit_one(self, tab: Tableau) -> None:
        self.result.bases += 1
        mask, nums, den = vertex(tab, self.d)
        if mask not in self.seen:
            self.seen.add(mask)
            self.result.labels.append(mask)
            self.result.points.append((nums, den))
            if self.on_vertex is not None:
                self.on_vertex(mask, nums, den)


def _search_below(tab: Tableau, visitor: _Visitor, deadline: float | None) -> bool:
    """Depth first through the subtree under ``tab`` (not visiting ``tab`` itself), one
    basis at a time in Python integers; False when the deadline stopped it."""
    stack = [(tab, iter(children(tab)))]
    while stack:
        if deadline is not None and time.monotonic() > deadline:
            return False
        tab, todo = stack[-1]
        step = next(todo, None)
        if step is None:
            stack.pop()
            continue
        child = tab.pivoted(*step)
        visitor.visit_one(child)
        stack.append((child, iter(children(child))))
    return True


def _masks(tight: np.ndarray) -> list[int]:
    """Each bool row as an int bitmask (bit ``i`` for column ``i``)."""
    packed = np.packbits(tight, axis=1, bitorder="little")
    width = packed.shape[1]
    if width <= 8:
        padded = np.zeros((packed.shape[0], 8), dtype=np.uint8)
        padded[:, :width] = packed
        return padded.view("<u8")[:, 0].tolist()
    return [int.from_bytes(row, "little") for row in map(bytes, packed)]


def reverse_search(matrix: Sequence[Sequence[int]], deadline: float | None = None,
                   on_vertex: Callable[[int, tuple[int, ...], int], None] | None = None
                   ) -> SearchResult:
    """Every vertex of ``{z >= 0 : M z <= 1}`` (``M`` a positive integer matrix).

    ``deadline`` is a :func:`time.monotonic` time checked between pivoting passes (each
    at most :data:`BATCH` bases, and fewer for big tableaux): when it passes, the
    vertices found so far are returned with ``complete=False``.  ``on_vertex`` is called
    with each new vertex (label mask, numerators, denominator) as it is found.

    >>> found = reverse_search([[2, 1], [1, 2]])
    >>> sorted((p, den) for p, den in found.points), found.complete
    ([((0, 0), 1), ((0, 1), 2), ((1, 0), 2), ((1, 1), 3)], True)
    >>> found = reverse_search([[1, 1], [1, 1], [2, 1]])   # degenerate: (0, 1) on 3 rows
    >>> sorted(found.points), found.bases
    ([((0, 0), 1), ((0, 1), 1), ((1, 0), 2)], 3)
    """
    mat = [[int(x) for x in row] for row in matrix]
    r, d = len(mat), len(mat[0])
    result = SearchResult()
    visitor = _Visitor(result, d, r, on_vertex)
    root = root_batch(mat)
    visitor.visit(root)
    stack = [root]
    # bases per pass: BATCH, fewer for big tableaux, so a pass stays short (the deadline
    # is checked between passes) and its arrays small
    limit = max(1, min(BATCH, _PASS_CELLS // ((1 + r) * (1 + d))))
    while stack:
        if deadline is not None and time.monotonic() > deadline:
            return result
        parts = [stack.pop()]                   # the top batches, up to `limit` bases
        size = len(parts[0])
        while (stack and size + len(stack[-1]) <= limit
               and stack[-1].tab.dtype == parts[0].tab.dtype):
            parts.append(stack.pop())
            size += len(parts[-1])
        batch = Batch.joined(parts)
        if len(batch) > limit:
            batch, rest = batch.split(limit)
            stack.append(rest)
        batch, large = batch.split_large()
        for tab in large:
            if not _search_below(tab, visitor, deadline):
                return result
        node, row, col, pivot_rows = child_pivots(batch)
        for lo in range(0, node.size, limit):   # a big tableau's children: several passes
            if lo and deadline is not None and time.monotonic() > deadline:
                return result
            part = slice(lo, lo + limit)
            kids = pivoted(batch, node[part], row[part], col[part], pivot_rows[part])
            visitor.visit(kids)
            stack.append(kids)
    result.complete = True
    return result
