"""Edges through a degenerate vertex of ``{z >= 0 : M z <= 1}``, in exact arithmetic.

At a vertex with more than ``d`` tight constraints an edge is named by a set of
``d - 1`` tight constraints of rank ``d - 1`` whose null direction points into the
vertex's tangent cone; :func:`degenerate_edge_names` lists them (fraction-free integer
elimination), for the edge-closure certificate of :mod:`.graph`.
"""

from __future__ import annotations

import itertools
import math


def _null_vector(rows: list[list[int]], width: int) -> list[int] | None:
    """A null vector of a (width - 1) x width integer matrix of full rank, else None.

    Fraction-free Gauss-Jordan: every pivot entry ends equal to ``det``, so
    ``w[free] = det`` and ``w[pivot_i] = -a[i][free]``.

    >>> _null_vector([[1, 1, 0], [0, 1, 1]], 3)
    [1, -1, 1]
    >>> _null_vector([[1, 1], ], 2), _null_vector([[1, 2, 3], [2, 4, 6]], 3)
    ([-1, 1], None)
    """
    if width == 1:
        return [1]
    a = [list(row) for row in rows]
    m = len(a)
    pivots: list[int] = []
    prev = 1
    r = 0
    for c in range(width):
        if r == m:
            break
        p = next((i for i in range(r, m) if a[i][c] != 0), None)
        if p is None:
            continue
        a[r], a[p] = a[p], a[r]
        pivot_row = a[r]
        piv = pivot_row[c]
        for i in range(m):
            if i != r:
                f = a[i][c]
                a[i] = [(piv * x - f * y) // prev for x, y in zip(a[i], pivot_row, strict=True)]
        prev = piv
        pivots.append(c)
        r += 1
    if r != width - 1:
        return None
    free = next(c for c in range(width) if c not in pivots)
    w = [0] * width
    w[free] = prev
    for i, c in enumerate(pivots):
        w[c] = -a[i][free]
    return w


def degenerate_edge_names(mat: list[list[int]], tight: list[int],
                          max_subsets: int = 5000) -> list[int] | None:
    """Edge names (bitmasks of d - 1 labels) at a vertex with exact tight labels ``tight``.

    Labels: ``i < d`` is ``z_i >= 0`` (outer normal ``-e_i``); ``d + j`` is row ``j`` of
    ``M z <= 1``.  None if there are too many subsets to try.
    """
    d = len(mat[0])
    if math.comb(len(tight), d - 1) > max_subsets:
        return None
    names = []
    for subset in itertools.combinations(tight, d - 1):
        zero = {i for i in subset if i < d}
        free = [i for i in range(d) if i not in zero]
        rows = [[mat[j - d][i] for i in free] for j in subset if j >= d]
        w_free = _null_vector(rows, len(free))
        if w_free is None:
            continue
        w = [0] * d
        for i, v in zip(free, w_free, strict=True):
            w[i] = v
        others = [t for t in tight if t not in subset]
        slopes = [-w[t] if t < d else sum(x * v for x, v in zip(mat[t - d], w, strict=True))
                  for t in others]
        if all(v <= 0 for v in slopes) or all(v >= 0 for v in slopes):
            names.append(sum(1 << t for t in subset))
    return names
