"""Player 1's side of the equilibria by solving, not enumerating: the partner of each vertex
of Q is found from its labels, as lrsnash does.

lrsnash (Avis, Rosenberg, Savani and von Stengel, "Enumeration of Nash equilibria for
two-player games", *Economic Theory* 42, 2010) lists the vertices of one best-response
polytope only and finds, for each, the vertices of the other that complete its labels.
When a vertex ``y`` of Q is simple (exactly ``n`` labels), a partner ``x`` in
``P = {x >= 0 : M x <= 1}`` (``M = B^T``) must carry the ``m`` other labels:
``x_i = 0`` for every row ``i`` that is not a best response to ``y``, and
``(M x)_j = 1`` for every column ``j`` in the support of ``y``.  These are as many
equations (``k``) as unknowns (the ``k`` rows that are best responses), so when the
``k x k`` system is nonsingular ``x`` is unique, and it is a partner exactly when it
lies in P.  One batched solve per support size thus replaces the walk of P.

Each system is first solved in floating point with the error bound of
:func:`.polytope.classify`: certainly outside P -- no partner; anything else (inside,
close to a further constraint, nearly singular) is settled by an exact integer solve
(:func:`.polytope.int_solve`).  An exactly singular system means
the face of P with those labels is empty or more than a point (P is degenerate there);
it cannot be settled by one solve, and :func:`complementary_points` returns None so
that the caller lists P's vertices instead.  So does a degenerate vertex of Q (fewer
labels required of ``x``: a face again).

Every extreme equilibrium ``(x, y)`` has ``y`` among Q's vertices, hence is found, and
each pair is certified against the payoffs by the caller; but P's other vertices are
never seen, so whether *P* is degenerate is not decided (unless a partner found is).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from .graph import float_exact
from .polytope import _EPS, _LOG_KAPPA_MAX, _SAFETY, Polytope, int_solve

_CHUNK = 16384     # systems solved in one batch (temporaries, deadline checks)


@dataclass
class Partners:
    """The vertices of P that complete the labels of Q's vertices.

    ``pairs`` holds ``(q, point)``: Q's vertex ``q`` and its partner's exact point
    ``(numerators, denominator)`` (lowest terms); ``degenerate`` whether some partner
    has more than ``m`` labels; ``complete`` False when the deadline stopped the solves;
    ``stats`` counts the systems solved.
    """

    pairs: list[tuple[int, tuple[tuple[int, ...], int]]]
    degenerate: bool
    complete: bool
    stats: dict


def complementary_points(p_mat: list[list[int]], q_poly: Polytope,
                         deadline: float | None = None) -> Partners | None:
    """For every vertex of Q, its partner in ``P = {x >= 0 : M x <= 1}``, if any.

    ``p_mat`` is P's positive integer matrix ``M`` (shape ``(n, m)``: row ``j`` is
    column ``j``'s constraint); ``q_poly`` Q's complete vertex list (shape ``(m, n)``,
    labels ``j < n`` for ``y_j = 0`` and ``n + i`` for row ``i`` tight).  Returns None
    when some vertex of Q is degenerate or some complementary system is singular (see
    the module docstring), or when P's entries are not exact as floats
    (:func:`.graph.float_exact`): then P must be enumerated.

    >>> from gamesolve.solvers.bimatrix.vertices import enumerate_vertices
    >>> q = enumerate_vertices([[3, 1], [1, 3]])       # A: a coordination game
    >>> found = complementary_points([[3, 1], [1, 3]], q)
    >>> sorted(point for _, point in found.pairs)
    [((0, 1), 3), ((1, 0), 3), ((1, 1), 4)]
    """
    start = time.perf_counter()
    n, m = q_poly.d, q_poly.r
    labels = q_poly.labels
    if labels.shape[0] < 2:
        return Partners([], False, True, {"method": "complementary", "systems": 0})
    if not (labels.sum(axis=1) == n).all() or not float_exact(p_mat):
        return None                 # (entries beyond float: the bound would not hold)
    scale = max(max(row) for row in p_mat)
    mf = np.array(p_mat, dtype=float) / scale
    best = labels[1:, n:]            # row i a best response to y: x_i may be positive
    positive = ~labels[1:, :n]       # y_j > 0: column j must be tight at x
    sizes = best.sum(axis=1)
    pending: list[int] = []          # Q's vertices (less the origin) to settle exactly
    stopped = False
    for lo in range(0, sizes.size, _CHUNK):
        if deadline is not None and time.monotonic() > deadline:
            stopped = True
            break
        hi = lo + _CHUNK
        pending.extend((lo + _candidates(mf, best[lo:hi], positive[lo:hi],
                                         sizes[lo:hi])).tolist())
    pairs = []
    degenerate = False
    for t in pending:
        settled = _settle(p_mat, m, np.flatnonzero(best[t]).tolist(),
                          np.flatnonzero(positive[t]).tolist())
        if settled is None:
            return None                               # singular: P must be enumerated
        if settled is not False:
            point, extra = settled
            pairs.append((t + 1, point))
            degenerate |= extra
    stats = {"method": "complementary", "systems": int(sizes.size), "exact_solves": len(pending),
             "seconds": round(time.perf_counter() - start, 3)}
    return Partners(pairs, degenerate, not stopped, stats)


def _candidates(mf: np.ndarray, best: np.ndarray, positive: np.ndarray,
                sizes: np.ndarray) -> np.ndarray:
    """Which complementary systems may have a solution in P: all but those certainly
    outside it, by the float solve and error bound of :func:`.polytope.classify` (the
    same bound, without sorting the rest into clean and near: each is solved exactly).

    System ``t`` is ``M[J, S] x_S = 1`` with ``S`` the ``sizes[t]`` columns ``best[t]``
    marks and ``J`` the rows ``positive[t]`` marks.  Systems of one size are solved
    together; the bound is then computed for all at once.  Nearly singular systems are
    candidates.
    """
    q, width = best.shape
    x = np.zeros((q, width))          # the solutions, zero off their supports
    logdet = np.empty(q)
    frobenius = np.empty(q)           # squared
    singular = np.zeros(q, dtype=bool)
    for k in np.unique(sizes).tolist():
        chosen = np.flatnonzero(sizes == k)
        supports = np.nonzero(best[chosen])[1].reshape(-1, k)
        rows = np.nonzero(positive[chosen])[1].reshape(-1, k)
        mats = mf[rows[:, :, None], supports[:, None, :]]
        sign, logdet[chosen] = np.linalg.slogdet(mats)
        if (sign == 0).any():
            singular[chosen] = sign == 0
            mats[sign == 0] = np.eye(k)
        frobenius[chosen] = np.square(mats).sum(axis=(1, 2))
        x[chosen[:, None], supports] = np.linalg.solve(mats, np.ones((chosen.size, k, 1)))[..., 0]
    # Guggenheimer: cond_2(A) <= 2/|det A| * (||A||_F / sqrt(k))^k, as in classify
    log_kappa = math.log(2.0) - logdet + sizes * (0.5 * np.log(frobenius)
                                                  - 0.5 * np.log(sizes))
    doubtful = singular | ~(log_kappa < _LOG_KAPPA_MAX)
    err_x = (_SAFETY * _EPS) * sizes * np.exp(np.minimum(log_kappa, _LOG_KAPPA_MAX)) \
        * np.abs(x).max(axis=1)
    slack = 1.0 - x @ mf.T                          # zeros add nothing, exactly
    slack[positive] = np.inf                        # the rows that are tight by construction
    inside = (x.min(axis=1) >= -err_x) & (slack.min(axis=1)
                                          >= -sizes * (err_x + 4 * _EPS))
    return np.flatnonzero(inside | doubtful)


def _settle(mat: list[list[int]], m: int, support: list[int], rows: list[int]):
    """The exact solution of one complementary system: None if singular, False if
    outside P, else ``(point, degenerate)`` (``degenerate``: further labels tight)."""
    solved = int_solve([[mat[j][i] for i in support] for j in rows], [1] * len(rows))
    if solved is None:
        return None
    nums, den = solved
    if min(nums) < 0:
        return False
    x = [0] * m
    for i, v in zip(support, nums, strict=True):
        x[i] = v
    values = [sum(a * v for a, v in zip(row, x, strict=True)) for row in mat]
    if max(values) > den:
        return False
    extra = nums.count(0) + values.count(den) > len(rows)
    g = math.gcd(den, *x)
    return (tuple(v // g for v in x), den // g), extra
