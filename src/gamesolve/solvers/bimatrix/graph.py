"""Fast path for vertex enumeration: walk the polytope's graph, then certify the result.

Small polytopes (``C(d + r, d)`` up to :data:`_TABLEAU_UP_TO`) are walked first by
carried basis inverses (:mod:`.tableau_walk`), which needs no solve per basis and
certifies each basis a posteriori; whatever it cannot certify as simple is walked here.

For ``P = {z >= 0 : M z <= 1}`` (``M > 0``, so ``P`` is a polytope) a breadth-first
search pivots from the origin along every edge (a floating-point simplex tableau,
vectorised over the whole frontier).  A basis is stored as the bitmask of its ``d``
non-basic variables, i.e. of the labels it makes tight (one ``uint64`` when
``d + r <= 64``, else several words as one byte string); each BFS level is a sorted array of
masks.  The pivots from level ``k`` land in levels ``k - 1``, ``k``, ``k + 1`` when
they are symmetric (nondegenerate), so each chunk of them is deduplicated against the
two current levels with sorted searches, and the survivors once more against all older
levels (degenerate pivots need not be symmetric).  The tableau of
a basis with support ``S`` (basic ``z``) and tight rows ``R`` (``|S| = |R| = k``) comes
from the inverse of the ``k x k`` block ``M[R, S]`` alone (the rest of the basis matrix
is slack columns).

The search itself proves nothing; the answer is accepted only with a certificate:

1. every basis found is solved from scratch in floating point with an error bound: one
   LU solve (partial pivoting, LAPACK ``gesv``) of ``M[R, S] [z | X] = [1 | I]`` from
   the basis's own matrix -- never updated from its parent -- whose ``z`` column is
   judged by the bound of :func:`.polytope.classify` (:func:`.polytope.certify_solved`;
   solving the columns of ``X`` alongside does not change the backward error of the
   ``z`` column).  ``X`` only steers the walk.  A *simple* vertex (feasible, exactly its
   ``d`` basis constraints tight, beyond the error bound) is accepted as is; a basis
   with other constraints near tight is solved exactly, which gives a vertex with its
   exact tight set (a *degenerate* vertex when more than ``d`` constraints are tight);
2. every edge through a found vertex has its other end among the found vertices.  An
   edge through ``v`` is a ray of ``v``'s tangent cone; it is named by a set ``K`` of
   ``d - 1`` tight constraints of rank ``d - 1`` whose null direction points into the
   cone (for a simple vertex: ``T - {e}`` for each tight ``e``; for a degenerate one,
   all such subsets, found in exact arithmetic).  The line ``K`` defines meets ``P`` in
   that edge, whose two endpoints are the only vertices naming it.

   When *every* basis walked is certified simple (step 1), the walk itself proves
   step 2: from each found ``v`` and each tight ``e`` it reached a found basis ``c``
   with tight set ``T(v) - {e} + {f}``, ``f`` not in ``T(v)``.  ``c`` is a certified
   vertex whose exact tight set contains ``K = T(v) - {e}``, so it lies on ``K``'s edge
   and is a vertex other than ``v`` (different exact tight set): the other endpoint.
   (Masks are checked to be distinct, so no vertex is listed twice.)  Otherwise (some
   basis degenerate, ill-conditioned or infeasible) the same argument closes every name
   of a simple vertex whose pivot reached a certified simple vertex, and the names left
   -- those of the degenerate vertices, and ``T(b) - {f}`` for every uncertified basis
   ``b`` (the names whose pivot may have reached ``b``) -- are counted: each must be
   produced by none or exactly two found vertices (:func:`_edges_closed`).

Then the found set is closed under adjacency, and since the graph of a polytope is
connected, it holds every vertex.  If a check fails (numerical trouble, or a vertex
too degenerate to list its edges cheaply), the caller falls back to the exact
lexicographic reverse search of :mod:`.revsearch`.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .edges import degenerate_edge_names
from .masks import Masks, member, sorted_unique
from .polytope import _Batches, _ExactResolver, certify_solved
from .tableau_walk import clean_tableau_walk

_PIVOT_TOL = 1e-9
_CHUNK_ENTRIES = 1 << 18   # bound on a chunk's tableau entries (memory, deadline checks)
_COMPACT_AT = 1 << 22      # pending masks of the next level deduplicated beyond this many
_DEGENERATE_BASES = 1_000
_TABLEAU_UP_TO = math.comb(24, 12)   # C(d + r, d) up to which carried inverses walk first
                                     # (measured faster up to 12 x 12; slower from 14 x 14)
_MAX_WALK = 8_000_000   # bases walked (20 x 20 has ~2M; a mask costs 8 bytes per level)


class _Walk:
    """What the walk learns about the bases it expands: certified or not, near bases."""

    def __init__(self) -> None:
        self.clean: list[np.ndarray] = []     # per chunk: bool per basis, in level order
        self.near = _Batches()
        self.uncertified = 0                  # near, doubtful or infeasible bases
        self.degenerate = 0                   # bases with a (nearly) zero basic variable


def _walk(mf: np.ndarray, limit: int, deadline: float | None = None):
    """Tight-label masks of the bases reached from the origin, level by level (origin
    first), and the :class:`_Walk` record; None when the walk is too big, too
    degenerate, numerically stuck or past the deadline."""
    r, d = mf.shape
    masks = Masks(d + r)
    origin = np.zeros((1, d + r), dtype=bool)
    origin[0, :d] = True
    prev, cur = masks.empty(), masks.pack(origin)
    older = masks.empty()   # levels before prev, merged (degenerate pivots need not be symmetric)
    levels = [cur]
    record = _Walk()
    total = 1
    chunk = max(1, _CHUNK_ENTRIES // (r * d))
    while cur.size:
        pending: list[np.ndarray] = []
        n_pending = 0
        for lo in range(0, cur.size, chunk):
            if deadline is not None and time.monotonic() > deadline:
                return None
            children = _expand(mf, masks, cur[lo:lo + chunk], record)
            if children is None:
                return None
            children = sorted_unique(children)
            fresh = children[~(member(prev, children) | member(cur, children))]
            pending.append(fresh)
            n_pending += fresh.size
            if total + n_pending > limit or n_pending > _COMPACT_AT:
                pending = [sorted_unique(np.concatenate(pending))]
                n_pending = pending[0].size
            if total + n_pending > limit or (record.degenerate > _DEGENERATE_BASES
                                             and record.degenerate * 5 > total + n_pending):
                return None   # too big, or too degenerate to certify: reverse search instead
        nxt = sorted_unique(np.concatenate(pending)) if pending else masks.empty()
        nxt = nxt[~member(older, nxt)]
        older = np.sort(np.concatenate([older, prev]), kind="stable")   # two sorted runs
        total += nxt.size
        prev, cur = cur, nxt
        levels.append(nxt)
    return masks, levels, record


def _expand(mf: np.ndarray, masks: Masks, keys: np.ndarray,
            record: _Walk) -> np.ndarray | None:
    """Certify the bases ``keys`` (into ``record``) and return the masks of the bases
    reached from them by each entering variable (only bases feasible up to the error
    bound are expanded)."""
    r, d = mf.shape
    tight = masks.unpack(keys)
    sizes = tight[:, d:].sum(axis=1)
    clean = np.zeros(keys.shape[0], dtype=bool)
    out = []
    for k in np.unique(sizes).tolist():
        group = np.flatnonzero(sizes == k)
        sub = tight[group]
        q = group.size
        support = np.nonzero(~sub[:, :d])[1].reshape(q, k)
        zeros = np.nonzero(sub[:, :d])[1].reshape(q, d - k)
        rows = np.nonzero(sub[:, d:])[1].reshape(q, k)
        slack = np.nonzero(~sub[:, d:])[1].reshape(q, r - k)
        order_r = np.concatenate([rows, slack], axis=1)
        order_c = np.concatenate([support, zeros], axis=1)
        blocks = mf[order_r[:, :, None], order_c[:, None, :]]       # (q, r, d), [[A, G], [C, N]]
        if k:
            ok, near, points, x, beta = _solve_and_certify(blocks, k, support, d)
            clean[group[ok]] = True
            record.uncertified += q - ok.size
            if near.size:
                record.near.add(support[near], rows[near], points)
            live = np.sort(np.concatenate([ok, near]))   # feasible up to the error bound
            if live.size < q:
                group, sub, blocks = group[live], sub[live], blocks[live]
                support, zeros, rows, slack = support[live], zeros[live], rows[live], slack[live]
                x, beta = x[live], beta[live]
        else:   # the origin: z = 0, every row slack (M > 0)
            clean[group] = True
            x, beta = None, np.ones((q, r))
        if group.size == 0:
            continue
        step = _pivots(blocks, k, x, beta)
        if step is None:
            return None
        leave, n_degenerate = step
        record.degenerate += n_degenerate
        entering = np.concatenate([zeros, d + rows], axis=1)      # tight labels, column order
        basic = np.concatenate([support, d + slack], axis=1)      # basic labels, row order
        leaving = np.take_along_axis(basic, leave, axis=1)
        out.append(_children(masks, keys[group], sub, entering, leaving))
    record.clean.append(clean)
    return np.concatenate(out) if out else masks.empty()


def _solve_and_certify(blocks: np.ndarray, k: int, support: np.ndarray, d: int):
    """One LU solve of ``A [z | X] = [1 | I]`` per basis, certified by
    :func:`.polytope.certify_solved` (the bound of :func:`.polytope.classify`, applied to
    the same kind of solve).  Returns the clean and near indices, the near points,
    ``X = A^-1`` and the basic values ``(z_S, slacks of R^c)``."""
    q = blocks.shape[0]
    mats = np.array(blocks[:, :k, :k])
    sign, logdet = np.linalg.slogdet(mats)
    singular = sign == 0
    if singular.any():
        mats[singular] = np.eye(k)
    rhs = np.broadcast_to(np.hstack([np.ones((k, 1)), np.eye(k)]), (q, k, k + 1))
    sol = np.linalg.solve(mats, rhs)
    beta = np.empty((q, blocks.shape[1]))
    beta[:, :k] = sol[:, :, 0]                                    # z_S
    beta[:, k:] = 1.0 - (blocks[:, k:, :k] @ sol[:, :, :1])[:, :, 0]   # slacks of R^c
    ok, near, points, _ = certify_solved(mats, logdet, singular, beta[:, :k], beta[:, k:],
                                         support, d)
    return ok, near, points, sol[:, :, 1:], beta


def _pivots(blocks: np.ndarray, k: int, x: np.ndarray | None,
            beta: np.ndarray) -> tuple[np.ndarray, int] | None:
    """The leaving row (q, d) of every pivot from the bases, and how many of them are
    (nearly) degenerate; None on numerical trouble.

    Rows ordered ``R, R^c`` and columns ``S, S^c``, ``M = [[A, G], [C, N]]``; the basis
    inverse is ``[[X, 0], [-C X, I]]`` with ``X = A^-1``, so the tableau column of an
    entering ``z_j`` (``j`` not in ``S``) is ``[X G_j ; N_j - C X G_j]`` and that of an
    entering slack of row ``R_i`` is ``[X_i ; -C X_i]``.  Held transposed (q, d, r), so
    the ratio test reduces along contiguous memory.  Where every basic value is positive
    the ratio test ``argmin beta_i / t_i`` over ``t_i > tol`` is ``argmax t_i / beta_i``
    as long as the winner has ``t_i > tol``; other bases take the direct test.
    """
    q, r, d = blocks.shape
    tableau = np.empty((q, d, r))
    if k:
        cross_t = blocks[:, k:, :k].transpose(0, 2, 1)            # C^T, (q, k, r - k)
        top = tableau[:, :, :k]                                   # [X G | X]^T, (q, d, k)
        top[:, :d - k] = blocks[:, :k, k:].transpose(0, 2, 1) @ x.transpose(0, 2, 1)
        top[:, d - k:] = x.transpose(0, 2, 1)
        np.negative(top @ cross_t, out=tableau[:, :, k:])
        tableau[:, :d - k, k:] += blocks[:, k:, k:].transpose(0, 2, 1)
    else:
        tableau[:] = blocks.transpose(0, 2, 1)
    degenerate = beta.min(axis=1) < _PIVOT_TOL
    with np.errstate(divide="ignore", invalid="ignore"):
        leave = np.divide(tableau, beta[:, None, :]).argmax(axis=2)
    chosen = np.take_along_axis(tableau, leave[:, :, None], axis=2)[:, :, 0]
    redo = np.flatnonzero(degenerate | (chosen <= _PIVOT_TOL).any(axis=1))
    if redo.size:
        part = tableau[redo]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(part > _PIVOT_TOL, beta[redo, None, :] / part, np.inf)
        again = ratio.argmin(axis=2)
        if not np.isfinite(np.take_along_axis(ratio, again[:, :, None], axis=2)).all():
            return None
        leave[redo] = again
    return leave, int(degenerate.sum())


def _children(masks: Masks, keys: np.ndarray, tight: np.ndarray, entering: np.ndarray,
              leaving: np.ndarray) -> np.ndarray:
    """Masks ``T - {entering} + {leaving}`` for every pivot (flattened, q * d)."""
    if masks.words == 1:
        one = np.uint64(1)
        flip = (one << entering.astype(np.uint64)) | (one << leaving.astype(np.uint64))
        return (keys[:, None] ^ flip).ravel()
    q, d = entering.shape
    rows = np.repeat(tight[:, None, :], d, axis=1)
    np.put_along_axis(rows, entering[:, :, None], False, axis=2)
    np.put_along_axis(rows, leaving[:, :, None], True, axis=2)
    return masks.pack(rows.reshape(q * d, -1))


def _words(masks: Masks, keys: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(keys).view("<u8").reshape(keys.shape[0], masks.words).copy()


def _keys(masks: Masks, words: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(words).view(masks.dtype).reshape(-1)


def _edges_closed(masks: Masks, keys: np.ndarray, clean: np.ndarray,
                  degenerate_names: list[int], d: int) -> bool:
    """Step 2 of the certificate when some walked bases are not certified simple.

    A name ``T(v) - {e}`` of a simple vertex ``v`` whose pivot on ``e`` reached a
    certified simple vertex is closed (see the module docstring).  Every other name that
    matters is in ``Q``: the names of the degenerate vertices, and ``T(b) - {f}`` for
    every uncertified basis ``b`` and tight ``f`` (a pivot of ``v`` on ``e`` that reached
    ``b`` left ``f``, so ``T(v) - {e} = T(b) - {f}``).  Each name in ``Q`` must be
    produced by none or exactly two found vertices: simple vertices containing it
    (looked up among the sorted simple masks) and degenerate vertices listing it.
    """
    one = np.uint64(1)
    simple = np.sort(keys[clean])
    loose = _words(masks, keys[~clean])
    names = []
    for label in range(masks.n):
        w, bit = divmod(label, 64)
        named = loose[((loose[:, w] >> np.uint64(bit)) & one).astype(bool)]
        named[:, w] ^= one << np.uint64(bit)
        names.append(named)
    listed = np.array([[(key >> (64 * w)) & (2**64 - 1) for w in range(masks.words)]
                       for key in degenerate_names], dtype=np.uint64).reshape(-1, masks.words)
    query = sorted_unique(_keys(masks, np.concatenate(names + [listed])))
    if query.size == 0:
        return True
    listed_keys = np.sort(_keys(masks, listed))
    counts = (np.searchsorted(listed_keys, query, side="right")
              - np.searchsorted(listed_keys, query, side="left"))
    base = _words(masks, query)
    for label in range(masks.n):      # a simple vertex containing K is K + one label
        w, bit = divmod(label, 64)
        grown = base.copy()
        grown[:, w] |= one << np.uint64(bit)
        counts += member(simple, _keys(masks, grown)) & ~(base[:, w] >> np.uint64(bit) & one
                                                             ).astype(bool)
    return bool(np.isin(counts, (0, 2)).all())


FLOAT_EXACT_BELOW = 2 ** 53   # integer matrices whose entries are all below this are exact
                              # as floats, their scaled entries (>= 2**-53) and squares normal


def float_exact(mat: list[list[int]]) -> bool:
    """May ``mat`` (positive integers) be walked in floating point at all?  Beyond
    :data:`FLOAT_EXACT_BELOW` the float entries are rounded (or overflow), and the error
    bounds, which assume exact entries and squares that do not underflow, fail.

    >>> float_exact([[1, 2**53 - 1]]), float_exact([[1, 2**53]]), float_exact([[1, 10**400]])
    (True, False, False)
    """
    return max(max(row) for row in mat) < FLOAT_EXACT_BELOW


def certified_graph_search(mf: np.ndarray, mat: list[list[int]],
                           limit: int | None = None, deadline: float | None = None):
    """All vertices as ``(labels, points, stats)`` -- or None if not certified.

    ``mf`` is ``M`` scaled to floats (entries at most 1), ``mat`` the integer ``M``.
    ``labels`` (V, d + r) are exact tight sets, origin first; ``points[v]`` is the exact
    point for degenerate vertices and None for simple ones.  None also when the walk
    exceeds ``limit`` bases or runs past ``deadline`` (a :func:`time.monotonic` time),
    and when some entry of ``M`` is not exact in floating point (:data:`FLOAT_EXACT_BELOW`).
    """
    r, d = mf.shape
    if not float_exact(mat):
        return None
    if limit is None:
        limit = max(10_000, min(math.comb(d + r, d) // 4, _MAX_WALK))
    if math.comb(d + r, d) <= _TABLEAU_UP_TO:
        found = _by_carried_inverses(mat, d, r, limit, deadline)
        if found is not None:
            return found
    walked = _walk(mf, limit, deadline)
    if walked is None:
        return None
    masks, levels, record = walked
    keys = np.concatenate(levels)
    stats = {"method": "graph", "walk": "solves", "bases_walked": int(keys.shape[0])}
    if sorted_unique(keys).size != keys.size:
        return None   # a basis walked twice: cannot happen, but the count relies on it
    if record.uncertified == 0:
        labels = masks.unpack(keys)
        points: list = [None] * keys.shape[0]
        points[0] = ((0,) * d, 1)
        stats.update(degenerate_vertices=0, exact_solves=0, vertices=keys.shape[0])
        return labels, points, stats
    clean = np.concatenate(record.clean)
    clean_keys = keys[clean]
    resolver = _ExactResolver(mat, d, r)
    resolver.resolve_groups(record.near)
    budget = max(2_000, math.comb(d + r, d) // 100)
    if sum(math.comb(int(lab.sum()), d - 1) for lab in resolver.labels) > budget:
        return None   # very degenerate: listing edges costs more than reverse search
    names: list[int] = []
    for lab in resolver.labels:
        found = degenerate_edge_names(mat, np.flatnonzero(lab).tolist())
        if found is None:
            return None
        names.extend(found)
    if not _edges_closed(masks, keys, clean, names, d):
        return None
    labels = masks.unpack(clean_keys)
    points = [None] * clean_keys.shape[0]
    points[0] = ((0,) * d, 1)
    if resolver.labels:
        labels = np.concatenate([labels, np.array(resolver.labels, dtype=bool)], axis=0)
        points.extend(resolver.points)
    stats.update(degenerate_vertices=len(resolver.labels), exact_solves=resolver.n_exact,
                 vertices=labels.shape[0])
    return labels, points, stats


def _by_carried_inverses(mat: list[list[int]], d: int, r: int, limit: int,
                         deadline: float | None):
    """The answer of :func:`certified_graph_search` from :mod:`.tableau_walk`, or None
    when that walk did not certify every basis simple (or listed a vertex twice)."""
    levels = clean_tableau_walk(np.array(mat, dtype=float), limit, deadline)
    if levels is None:
        return None
    keys = np.concatenate(levels)
    if sorted_unique(keys).size != keys.size:
        return None
    points: list = [None] * keys.shape[0]
    points[0] = ((0,) * d, 1)
    return Masks(d + r).unpack(keys), points, {
        "method": "graph", "walk": "inverses", "bases_walked": int(keys.shape[0]),
        "degenerate_vertices": 0, "exact_solves": 0, "vertices": int(keys.shape[0])}
