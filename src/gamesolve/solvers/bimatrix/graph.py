"""Fast path for vertex enumeration: walk the polytope's graph, then certify the result.

For ``P = {z >= 0 : M z <= 1}`` (``M > 0``, so ``P`` is a polytope) a breadth-first
search pivots from the origin along every edge (a floating-point simplex tableau,
vectorised over the whole frontier).  The search itself proves nothing; the answer is
accepted only with a certificate:

1. every basis found is re-solved from scratch by :func:`.polytope.classify`:
   a *simple* vertex (feasible, exactly its ``d`` basis constraints tight, beyond the
   error bound) is accepted as is; a basis with other constraints near tight is solved
   exactly, which gives a vertex with its exact tight set (a *degenerate* vertex when
   more than ``d`` constraints are tight);
2. every edge through a found vertex has its other end among the found vertices.  An
   edge through ``v`` is a ray of ``v``'s tangent cone; it is named by a set ``K`` of
   ``d - 1`` tight constraints of rank ``d - 1`` whose null direction points into the
   cone (for a simple vertex: ``T - {e}`` for each tight ``e``; for a degenerate one,
   all such subsets, found in exact arithmetic).  The line ``K`` defines meets ``P`` in
   that edge, whose two endpoints are the only vertices naming it, so every name must
   be produced by exactly two found vertices.

Then the found set is closed under adjacency, and since the graph of a polytope is
connected, it holds every vertex.  If a check fails (numerical trouble, or a vertex
too degenerate to list its edges cheaply), the caller falls back to the exact
lexicographic reverse search of :mod:`.revsearch`.
"""

from __future__ import annotations

import itertools
import math
import time

import numpy as np

from .polytope import _basis_masks, _Batches, _ExactResolver, classify

_PIVOT_TOL = 1e-9
_FRONTIER_CHUNK = 1024
_CHUNK_ENTRIES = 1 << 20   # bound on a chunk's stacked basis matrices (memory, deadline checks)
_DEGENERATE_BASES = 1_000
_MAX_WALK = 8_000_000   # bases held in memory by the breadth-first walk (20 x 20 has ~2M)


def _walk(mf: np.ndarray, limit: int, deadline: float | None = None) -> np.ndarray | None:
    """Bases (sorted basic-variable lists, shape (V, r)) reached from the origin; None when
    the walk is too big, too degenerate, numerically stuck or past the deadline."""
    r, d = mf.shape
    full = np.hstack([mf, np.eye(r)])          # variables: z_0..z_{d-1}, slacks s_0..s_{r-1}
    n_var = d + r
    origin = np.arange(d, n_var)[None]
    first = np.ascontiguousarray(np.packbits(_basic_mask(origin, n_var), axis=1))
    seen = set(first.view(np.dtype((np.void, first.shape[1]))).ravel().tolist())
    found = [origin]
    frontier = origin
    total = 1
    degenerate = 0
    while frontier.shape[0]:
        fresh_blocks = []
        chunk = max(1, min(_FRONTIER_CHUNK, _CHUNK_ENTRIES // (r * r)))
        for lo in range(0, frontier.shape[0], chunk):
            if deadline is not None and time.monotonic() > deadline:
                return None
            step = _neighbours(full, frontier[lo:lo + chunk], d)
            if step is None:
                return None
            new, n_degenerate = step
            degenerate += n_degenerate
            packed = np.ascontiguousarray(np.packbits(_basic_mask(new, n_var), axis=1))
            keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel().tolist()
            fresh = []
            for i, key in enumerate(keys):
                if key not in seen:
                    seen.add(key)
                    fresh.append(i)
            fresh_blocks.append(new[fresh])
            total += len(fresh)
            if total > limit or (degenerate > _DEGENERATE_BASES and degenerate * 5 > total):
                return None   # too big, or too degenerate to certify: reverse search instead
        frontier = np.concatenate(fresh_blocks, axis=0)
        found.append(frontier)
    return np.concatenate(found, axis=0)


def _neighbours(full: np.ndarray, frontier: np.ndarray,
                d: int) -> tuple[np.ndarray, int] | None:
    """The basis reached from each frontier basis by each entering variable (F * d, r),
    and how many frontier bases are (nearly) degenerate."""
    f, r = frontier.shape
    n_var = full.shape[1]
    basis = full[:, frontier].transpose(1, 0, 2)            # (F, r, r)
    try:
        inv = np.linalg.inv(basis)
    except np.linalg.LinAlgError:
        return None
    beta = inv.sum(axis=2)                                   # basic values, B^-1 1
    n_degenerate = int((beta.min(axis=1) < _PIVOT_TOL).sum())
    nonbasic = np.nonzero(~_basic_mask(frontier, n_var))[1].reshape(f, d)
    direction = inv @ full[:, nonbasic].transpose(1, 0, 2)   # (F, r, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(direction > _PIVOT_TOL, beta[:, :, None] / direction, np.inf)
    leave = ratio.argmin(axis=1)                             # (F, d): row that leaves
    if not np.isfinite(np.take_along_axis(ratio, leave[:, None, :], axis=1)).all():
        return None
    new = np.repeat(frontier[:, None, :], d, axis=1)
    np.put_along_axis(new, leave[:, :, None], nonbasic[:, :, None], axis=2)
    return np.sort(new.reshape(-1, r), axis=1), n_degenerate


def _basic_mask(bases: np.ndarray, n_var: int) -> np.ndarray:
    mask = np.zeros((bases.shape[0], n_var), dtype=bool)
    np.put_along_axis(mask, bases, True, axis=1)
    return mask


def _edge_names_closed(clean: np.ndarray, degenerate_names: list[int]) -> bool:
    """Every edge name (a label bitmask) is produced by exactly two vertices."""
    n_var = clean.shape[1]
    if n_var <= 63:
        weights = np.left_shift(np.uint64(1), np.arange(n_var, dtype=np.uint64))
        masks = (clean.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
        keys = (masks[:, None] ^ weights[None, :])[clean]
        if degenerate_names:
            keys = np.concatenate([keys, np.array(degenerate_names, dtype=np.uint64)])
        _, counts = np.unique(keys, return_counts=True)
        return bool((counts == 2).all())
    counts: dict[int, int] = {}
    for row in clean:
        bits = np.flatnonzero(row).tolist()
        mask = sum(1 << i for i in bits)
        for i in bits:
            counts[mask ^ (1 << i)] = counts.get(mask ^ (1 << i), 0) + 1
    for key in degenerate_names:
        counts[key] = counts.get(key, 0) + 1
    return all(c == 2 for c in counts.values())


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


def certified_graph_search(mf: np.ndarray, mat: list[list[int]],
                           limit: int | None = None, deadline: float | None = None):
    """All vertices as ``(labels, points, stats)`` -- or None if not certified.

    ``labels`` (V, d + r) are exact tight sets, origin first; ``points[v]`` is the exact
    point for degenerate vertices and None for simple ones.
    """
    r, d = mf.shape
    if limit is None:
        limit = max(10_000, min(math.comb(d + r, d) // 4, _MAX_WALK))
    bases = _walk(mf, limit, deadline)
    if bases is None:
        return None
    tight = ~_basic_mask(bases, d + r)          # tight = non-basic
    sizes = tight[:, d:].sum(axis=1)            # k = number of tight rows = support size
    clean_blocks = [tight[:1]]                  # the origin: z = 0, every row slack (M > 0)
    near = _Batches()
    for k in np.unique(sizes).tolist():
        if k == 0:
            continue
        group = np.flatnonzero(sizes == k)
        supports = np.nonzero(~tight[group, :d])[1].reshape(-1, k)
        rows = np.nonzero(tight[group, d:])[1].reshape(-1, k)
        for start in range(0, group.size, 8192):
            part = slice(start, start + 8192)
            clean, close, points, _ = classify(mf, supports[part], rows[part])
            if clean.size:
                clean_blocks.append(_basis_masks(d, r, supports[part][clean], rows[part][clean]))
            if close.size:
                near.add(supports[part][close], rows[part][close], points)
    clean_labels = np.concatenate(clean_blocks, axis=0)
    resolver = _ExactResolver(mat, d, r)
    resolver.resolve_groups(near)
    budget = max(2_000, math.comb(d + r, d) // 100)
    if sum(math.comb(int(lab.sum()), d - 1) for lab in resolver.labels) > budget:
        return None   # very degenerate: listing edges costs more than reverse search
    names: list[int] = []
    for lab in resolver.labels:
        found = degenerate_edge_names(mat, np.flatnonzero(lab).tolist())
        if found is None:
            return None
        names.extend(found)
    if not _edge_names_closed(clean_labels, names):
        return None
    labels = clean_labels
    points: list = [None] * clean_labels.shape[0]
    points[0] = ((0,) * d, 1)
    if resolver.labels:
        labels = np.concatenate([clean_labels, np.array(resolver.labels, dtype=bool)], axis=0)
        points.extend(resolver.points)
    stats = {"method": "graph", "bases_walked": int(bases.shape[0]),
             "degenerate_vertices": len(resolver.labels), "exact_solves": resolver.n_exact,
             "vertices": labels.shape[0]}
    return labels, points, stats
