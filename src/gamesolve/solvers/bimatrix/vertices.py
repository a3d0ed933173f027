"""Vertex enumeration of the best-response polytopes of a two-player game, with exact labels.

A polytope here is ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M`` of shape
``(r, d)``; its labels are described in :mod:`.polytope`.  Redundant rows (entrywise
dominated by another row, duplicates included) are dropped first -- the polytope is the
same -- and their labels restored exactly afterwards.  Then one of two methods lists
the vertices, each with its exact tight set:

* ``graph`` (:mod:`.graph`): a vectorised floating-point walk of the polytope's graph,
  accepted only with a combinatorial completeness certificate, every vertex certified
  with an error bound (from its carried inverse, :mod:`.tableau_walk`, on small
  polytopes; re-solved otherwise) and settled exactly when in doubt.  Fast on nondegenerate
  polytopes; it gives up (returns nothing) on degenerate ones it cannot certify.
* ``reverse`` (:mod:`.revsearch`): lexicographic reverse search in exact integer
  arithmetic, as lrs does; complete for every polytope, degenerate ones included.

``auto`` walks the graph first (polytopes from 5 x 5 with many distinct entries) and falls back
to reverse search; a matrix of a few small values goes to reverse search at once.

So the tight sets ("labels") of all vertices are exact, which makes the equilibrium
matching, the degeneracy test and the component structure exact too.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from .graph import certified_graph_search, float_exact
from .polytope import Polytope
from .revsearch import SearchResult, reverse_search

VERTEX_METHODS = ("auto", "graph", "reverse")
_GRAPH_FROM = 100        # auto walks the polytope graph first above this many bases (5 x 5;
                         # at 5 to 7 x 7 it measured 1.7-2.3 ms against 2.6-7.9 by reverse search)
_FEW_VALUES = 16         # ... and its matrix has more distinct entries than this
_GRAPH_MAX_SIDE = 48     # ... and below this many rows and columns (beyond, its batches of
                         # k x k block solves and its deadline checks grow too coarse)


OnBlock = Callable[[int, np.ndarray, Callable[[int], tuple[tuple[int, ...], int]]], None]
_BLOCK = 256            # reverse search reports vertices in blocks of at most this many ...
_BLOCK_SECONDS = 0.05   # ... or whatever it found in this long, so a pipe hears at once


def enumerate_vertices(matrix: Sequence[Sequence[int]], method: str = "auto",
                       deadline: float | None = None,
                       on_block: OnBlock | None = None) -> Polytope:
    """All vertices of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.

    ``method`` is one of :data:`VERTEX_METHODS` (the answer is the same); ``"graph"``
    falls back to reverse search when its certificate fails.  ``deadline`` (a
    :func:`time.monotonic` time) stops the search: the vertices found by then are
    returned with ``complete=False`` (by a graph walk, the origin only, with
    ``stats["walk_stopped"]``: its vertices count once the whole walk is certified).
    ``on_block(start, labels, point)`` hears the
    vertices as they are found, in blocks: vertices ``start, start + 1, ...`` with their
    exact label rows ``labels`` and ``point(v)`` giving vertex ``v``'s exact point
    (reverse search reports every few hundred vertices or hundredths of a second; the
    graph walk reports all its vertices at once, when certified).  The vertex indices
    are those of the returned :class:`Polytope`.

    >>> poly = enumerate_vertices([[2, 1], [1, 2]])
    >>> sorted(tuple(poly.point(v)[0]) + (poly.point(v)[1],) for v in range(len(poly.points)))
    [(0, 0, 1), (0, 1, 2), (1, 0, 2), (1, 1, 3)]
    >>> enumerate_vertices([[2, 1], [1, 2]], "reverse").stats["method"], poly.complete
    ('reverse', True)
    """
    if method not in VERTEX_METHODS:
        raise ValueError(f"unknown vertex method {method!r}")
    mat = [list(map(int, row)) for row in matrix]
    r, d = len(mat), len(mat[0])
    if any(x <= 0 for row in mat for x in row):
        raise ValueError("the polytope matrix must be positive")
    keep, rep = _undominated_rows(mat)
    if len(keep) < r:
        inner_report = None
        if on_block is not None:
            def inner_report(start, labels, point):
                on_block(start, _expand_labels(mat, labels, keep, rep), point)
        inner = enumerate_vertices([mat[j] for j in keep], method, deadline, inner_report)
        return _expand_rows(mat, inner, keep, rep)
    if method == "graph" or (method == "auto" and walks_graph(mat)):   # (checks float_exact)
        scale = max(max(row) for row in mat)
        mf = np.array([[x / scale for x in row] for row in mat], dtype=float)
        found = certified_graph_search(mf, mat, deadline=deadline)
        if found is not None:
            labels, points, stats = found
            poly = Polytope(matrix=mat, d=d, r=r, labels=labels, points=points, stats=stats)
            if on_block is not None:
                on_block(0, labels, poly.point)
            return poly
        if deadline is not None and time.monotonic() > deadline:
            return _walk_stopped(mat)       # any other method would stop at once too
    return _reverse(mat, deadline, on_block)


def _walk_stopped(mat: list[list[int]]) -> Polytope:
    """The answer of a graph walk the deadline stopped: the origin only, incomplete.  The
    walk's vertices are not kept: they are used only once the whole walk is certified
    (its completeness proof is what makes a vertex list of it trustworthy as a list)."""
    r, d = len(mat), len(mat[0])
    origin = np.zeros((1, d + r), dtype=bool)
    origin[0, :d] = True
    return Polytope(matrix=mat, d=d, r=r, labels=origin, points=[((0,) * d, 1)],
                    stats={"method": "graph", "walk_stopped": True}, complete=False)


def walks_graph(mat: list[list[int]]) -> bool:
    """Does ``auto`` try the graph walk first on this polytope?  Only when it is big, not
    too wide, and its entries are many distinct numbers: a matrix of a few small values
    (hand-written payoffs, 0..3) is degenerate almost surely -- the walk would give up
    -- and keeps reverse search in fast int64 arithmetic.

    >>> walks_graph([[1, 2], [2, 1]]), walks_graph([[v % 4 + 1 for v in range(20)]] * 20)
    (False, False)
    """
    r, d = len(mat), len(mat[0])
    if math.comb(d + r, d) <= _GRAPH_FROM or max(d, r) > _GRAPH_MAX_SIDE:
        return False
    if not float_exact(mat):
        return False
    return len({v for row in mat for v in row}) > _FEW_VALUES


def _reverse(mat: list[list[int]], deadline: float | None,
             on_block: OnBlock | None) -> Polytope:
    r, d = len(mat), len(mat[0])
    start = time.perf_counter()
    points: list[tuple[tuple[int, ...], int]] = []
    report = None
    block = _Block(d + r, points, on_block) if on_block is not None else None
    if block is not None:
        def report(mask: int, nums: tuple[int, ...], den: int) -> None:
            points.append((nums, den))
            block.add(mask)
    found = reverse_search(mat, deadline, report)
    if block is not None:
        block.flush()
    labels = found.label_rows(d + r)
    stats = {"method": "reverse", "bases": found.bases, "vertices": len(found.labels),
             "seconds": round(time.perf_counter() - start, 3)}
    return Polytope(matrix=mat, d=d, r=r, labels=labels, points=list(found.points),
                    stats=stats, complete=found.complete)


class _Block:
    """Vertices of the reverse search gathered into blocks for ``on_block``."""

    def __init__(self, width: int, points: list, on_block: OnBlock):
        self.width, self.points, self.on_block = width, points, on_block
        self.masks: list[int] = []
        self.start = 0
        self.since = time.monotonic()

    def add(self, mask: int) -> None:
        self.masks.append(mask)
        if len(self.masks) >= _BLOCK or time.monotonic() - self.since > _BLOCK_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.masks:
            labels = SearchResult(labels=self.masks).label_rows(self.width)
            self.on_block(self.start, labels, lambda v: self.points[v])
            self.start += len(self.masks)
            self.masks = []
        self.since = time.monotonic()


def _undominated_rows(mat: list[list[int]]) -> tuple[list[int], dict[int, int]]:
    """Rows to keep, and for each dropped row a kept row that dominates it entrywise.

    A row ``j`` with ``M[j] <= M[j']`` (and not equal, or equal with ``j' < j``) is a
    redundant constraint: the polytope is the same without it.

    >>> _undominated_rows([[1, 2], [1, 2], [1, 1], [2, 1]])
    ([0, 3], {1: 0, 2: 0})
    """
    a = np.array(mat, dtype=object if max(max(abs(v) for v in row) for row in mat) >= 2**62
                 else np.int64)
    r = a.shape[0]
    le = (a[:, None, :] <= a[None, :, :]).all(axis=2)      # le[j, k]: M[j] <= M[k]
    equal = le & le.T
    order = np.arange(r)
    dominated = (le & ~equal).any(axis=1) | (equal & (order[None, :] < order[:, None])).any(axis=1)
    keep = np.flatnonzero(~dominated).tolist()
    rep = {}
    for j in np.flatnonzero(dominated).tolist():
        rep[j] = next(k for k in keep if le[j, k])
    return keep, rep


def _expand_labels(mat: list[list[int]], inner: np.ndarray, keep: list[int],
                   rep: dict[int, int]) -> np.ndarray:
    """Labels of the full polytope from those of the polytope without dominated rows.

    A dropped row ``j`` (dominated by the kept row ``j*``) is tight at a vertex exactly
    when ``j*`` is tight and ``M[j]`` equals ``M[j*]`` on the vertex's support.
    """
    r, d = len(mat), len(mat[0])
    labels = np.zeros((inner.shape[0], d + r), dtype=bool)
    labels[:, :d] = inner[:, :d]
    labels[:, [d + j for j in keep]] = inner[:, d:]
    support = ~inner[:, :d]
    for j, k in rep.items():
        differ = np.array([x != y for x, y in zip(mat[j], mat[k], strict=True)], dtype=bool)
        agree_on_support = ~(support & differ[None, :]).any(axis=1)
        labels[:, d + j] = labels[:, d + k] & agree_on_support
    return labels


def _expand_rows(mat: list[list[int]], inner: Polytope, keep: list[int],
                 rep: dict[int, int]) -> Polytope:
    """The full polytope's record from that of the polytope without dominated rows."""
    r, d = len(mat), len(mat[0])
    labels = _expand_labels(mat, inner.labels, keep, rep)
    stats = dict(inner.stats, dominated_rows=len(rep))
    return Polytope(matrix=mat, d=d, r=r, labels=labels, points=inner.points, stats=stats,
                    basis_rows=frozenset(keep), complete=inner.complete)


