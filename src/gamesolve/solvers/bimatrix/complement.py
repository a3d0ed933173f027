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
(:func:`.polytope.basic_solution`).  An exactly singular system means
the face of P with those labels may be empty, a point or more (P is degenerate there):
one solve cannot tell, and :func:`complementary_points` returns None so
that the caller lists P's vertices instead.  A degenerate vertex of Q (``n + e``
labels) requires fewer labels of ``x``: its partners are the vertices of a face of P of
dimension ``e``, found by exact solves over the ``e`` further tight constraints that
complete a basis (:func:`_face_partners`), when they are few and the required
constraints independent; else P is listed.

Every extreme equilibrium ``(x, y)`` has ``y`` among Q's vertices, hence is found, and
each pair is certified against the payoffs by the caller; but P's other vertices are
never seen, so whether *P* is degenerate is not decided (unless a partner found is).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np

from ..exact import spans
from .graph import float_exact
from .polytope import Polytope, basic_solution, slack_error, solution_error

_CHUNK = 16384     # systems solved in one batch (temporaries, deadline checks)
_FACE_SOLVES = 20_000   # exact solves for the faces of degenerate vertices of Q at most


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
    when some complementary system is singular or the faces of degenerate vertices of Q
    cannot be listed (see the module docstring), or when P's entries are not exact as
    floats (:func:`.graph.float_exact`): then P must be enumerated.

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
    if not float_exact(p_mat):
        return None                 # entries beyond float: the error bound would not hold
    best = labels[:, n:]             # row i a best response to y: x_i may be positive
    positive = ~labels[:, :n]        # y_j > 0: column j must be tight at x
    sizes = best.sum(axis=1)
    is_simple = labels.sum(axis=1) == n
    simple = np.flatnonzero(is_simple)[1:]       # less the origin
    others = np.flatnonzero(~is_simple)
    pairs: list[tuple[int, tuple[tuple[int, ...], int]]] = []
    if others.size:                  # degenerate vertices of Q: their faces of P
        if _face_solves(n, sizes[others] - positive[others].sum(axis=1)) > _FACE_SOLVES:
            return None
        for t in others.tolist():
            found = _face_partners(p_mat, np.flatnonzero(best[t]).tolist(),
                                   np.flatnonzero(positive[t]).tolist())
            if found is None:
                return None
            pairs.extend((t, point) for point in found)
    scale = max(max(row) for row in p_mat)
    mf = np.array(p_mat, dtype=float) / scale
    pending: list[int] = []          # simple vertices of Q to settle exactly
    stopped = False
    for lo in range(0, simple.size, _CHUNK):
        if deadline is not None and time.monotonic() > deadline:
            stopped = True
            break
        part = simple[lo:lo + _CHUNK]
        pending.extend(part[_candidates(mf, best[part], positive[part], sizes[part])].tolist())
    degenerate = bool(others.size)
    for t in pending:
        settled = _settle(p_mat, m, np.flatnonzero(best[t]).tolist(),
                          np.flatnonzero(positive[t]).tolist())
        if settled is None:
            return None                               # singular: P must be enumerated
        if settled is not False:
            point, extra = settled
            pairs.append((t, point))
            degenerate |= extra
    pairs.sort()
    stats = {"method": "complementary", "systems": int(simple.size),
             "exact_solves": len(pending), "degenerate_vertices_of_Q": int(others.size),
             "seconds": round(time.perf_counter() - start, 3)}
    return Partners(pairs, degenerate, not stopped, stats)


def _face_solves(n: int, extras: np.ndarray) -> int:
    """Exact solves :func:`_face_partners` makes for degenerate vertices of Q with
    ``extras`` labels beyond ``n`` each."""
    return sum(math.comb(n + int(e), int(e)) for e in extras)


def _face_partners(mat: list[list[int]], support: list[int],
                   rows: list[int]) -> list[tuple[tuple[int, ...], int]] | None:
    """The partners in P of a degenerate vertex of Q: the vertices of P's face where
    ``x`` is zero off ``support`` and the ``rows`` are tight -- or None when those
    constraints are linearly dependent (the face is then not reached this way).

    With ``e = |support| - |rows|`` extra labels at ``y``, the face has dimension ``e``
    when the ``|rows|`` constraints ``M[rows, support]`` are independent.  Then every
    vertex of it has ``e`` further tight constraints that complete them to a basis, so
    trying every choice of ``e`` (a coordinate of the support set to zero, or another
    row made tight) and solving exactly finds each vertex; singular choices are no
    basis and feasible solutions are the vertices.
    """
    if not spans([[mat[j][i] for i in support] for j in rows], len(rows)):
        return None
    m = len(mat[0])
    e = len(support) - len(rows)
    choices = [("zero", i) for i in support] + [
        ("tight", j) for j in range(len(mat)) if j not in rows]
    found: dict[tuple[tuple[int, ...], int], None] = {}
    for extra in itertools.combinations(choices, e):
        zeros = {i for kind, i in extra if kind == "zero"}
        settled = _settle(mat, m, [i for i in support if i not in zeros],
                          rows + [j for kind, j in extra if kind == "tight"])
        if settled:                  # None: singular, no basis; False: outside P
            found.setdefault(settled[0])
    return list(found)


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
    err_x, doubtful = solution_error(logdet, frobenius, sizes, np.abs(x).max(axis=1), singular)
    slack = 1.0 - x @ mf.T                          # zeros add nothing, exactly
    slack[positive] = np.inf                        # the rows that are tight by construction
    inside = (x.min(axis=1) >= -err_x) & (slack.min(axis=1) >= -slack_error(sizes, err_x))
    return np.flatnonzero(inside | doubtful)


def _settle(mat: list[list[int]], m: int, support: list[int], rows: list[int]):
    """The exact solution of one complementary system: None if singular, False if
    outside P, else ``(point, degenerate)`` (``degenerate``: further labels tight)."""
    solved = basic_solution(mat, m, support, rows)
    if solved is None:
        return None
    x, den, values = solved
    if min(x) < 0 or max(values) > den:
        return False
    extra = sum(1 for i in support if not x[i]) + values.count(den) > len(rows)
    g = math.gcd(den, *x)
    return (tuple(v // g for v in x), den // g), extra
