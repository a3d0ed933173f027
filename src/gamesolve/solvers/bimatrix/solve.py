"""Two-player (bimatrix) games: every extreme Nash equilibrium, certified exactly.

Method (:func:`enumerate_equilibria`).  Payoffs are taken exactly (the game's integer
``scaled`` tensor), shifted to be positive, and the two best-response polytopes

    P = {x >= 0 : B^T x <= 1}        Q = {y >= 0 : A y <= 1}

are vertex-enumerated with exact tight sets (:mod:`.vertices`): redundant
(dominated) constraints are set aside, then a floating-point walk of the polytope's
graph is accepted only with a combinatorial completeness certificate
(:mod:`.graph`), else the vertices are listed by lexicographic reverse search in
exact integer arithmetic (:mod:`.revsearch`, the method of lrs); floating point is
only a filter, every doubtful decision being settled exactly.
The extreme equilibria are exactly the completely labelled vertex pairs
``(x, y) != (0, 0)`` (label ``i``: ``x_i = 0`` or row ``i`` is a best response to ``y``;
label ``m + j``: ``y_j = 0`` or column ``j`` is a best response to ``x``), normalised
to probabilities.  This is the method of Gambit's ``enummixed`` and of lrsnash; it is
correct for degenerate games too, where equilibria form convex components whose
extreme points are the vertex pairs.  Each equilibrium's probabilities are exact
Fractions, re-checked against the payoffs in integer arithmetic before it is reported
(:func:`.common.verify_bimatrix`, the test of :func:`~gamesolve.solvers.base.verify_exact`
without Fractions).

Also here: :func:`lemke_howson` (:mod:`.lh`, one equilibrium, exact pivoting)
and :func:`solve_zero_sum` / :func:`is_zero_sum` (:mod:`.zerosum`).

Components follow Gambit's ``enummixed -c`` (von Stengel's clique algorithm): extreme
equilibria are the edges of a bipartite graph between player 1's and player 2's
extreme strategies; a maximal complete bipartite subgraph ``U x V`` is a maximal
convex set ``conv(U) x conv(V)`` of equilibria.

>>> g = Game.from_payoffs([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> eqs = enumerate_equilibria(g)
>>> [eq.exact for eq in eqs.equilibria]
[((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
>>> eqs.complete, eqs.degenerate
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ...errors import GameError
from ...model import Game
from ..base import Equilibrium, EquilibriumSet
from .common import (
    _int_matrices,
    _make_equilibrium,
    _normalise,
    _require_bimatrix,
    _shift_positive,
    verify_bimatrix,
)
from .lh import lemke_howson
from .polytope import Polytope
from .vertices import VERTEX_METHODS, enumerate_vertices
from .zerosum import ZeroSumSolution, is_zero_sum, solve_zero_sum

__all__ = [
    "ZeroSumSolution",
    "enumerate_equilibria",
    "is_degenerate",
    "is_zero_sum",
    "lemke_howson",
    "solve_zero_sum",
]

DEGENERATE_WARNING = (
    "The game is degenerate (some mixed strategy has more pure best responses than"
    " strategies in its support), so equilibria need not be isolated: the list gives"
    " the extreme equilibria, and every mixture within one listed component"
    " (conv(player 1's strategies) x conv(player 2's)) is also an equilibrium."
)


# ---------------------------------------------------------------------------- helpers
def _sort_key(exact: tuple[tuple[Fraction, ...], ...]) -> tuple:
    pure = all(sum(1 for p in s if p) == 1 for s in exact)
    return (not pure, *tuple(-p for s in exact for p in s))


# ---------------------------------------------------------------------------- enumeration
def _polytope_matrices(game: Game) -> tuple[list[list[int]], list[list[int]]]:
    """``B^T`` (for P, whose points are player 1's x) and ``A`` (for Q), made positive."""
    a, b = _int_matrices(game)
    return [list(col) for col in zip(*_shift_positive(b), strict=True)], _shift_positive(a)


def is_degenerate(game: Game) -> bool:
    """Exact test: does some mixed strategy with support size k have > k pure best responses?

    >>> is_degenerate(Game.from_payoffs([[[1, 1], [1, 1]], [[1, 1], [1, 1]]]))
    True
    """
    _require_bimatrix(game)
    m, n = game.shape
    p_mat, q_mat = _polytope_matrices(game)
    p_poly, q_poly = enumerate_vertices(p_mat), enumerate_vertices(q_mat)
    return bool((p_poly.labels.sum(axis=1) > m).any() or (q_poly.labels.sum(axis=1) > n).any())


def enumerate_equilibria(game: Game, *, vertex_method: str = "auto",
                         deadline: float | None = None,
                         on_equilibrium: Callable[[Equilibrium], None] | None = None
                         ) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game, each certified exactly.

    The vertices of Q are listed first; then the vertices of P, each matched as it is
    found against Q's by labels (:class:`_Matcher`), so ``on_equilibrium`` is called
    with every certified extreme equilibrium as soon as it is known (in the order
    found; the returned list is sorted, pure ones first).

    The list is complete (``complete=True``) unless ``deadline`` (a
    :func:`time.monotonic` time, checked between pivots) passed first: then the
    equilibria certified by then are returned with ``complete=False`` and a warning.
    When complete, every equilibrium of the game is a convex combination of listed
    equilibria lying in one of ``components``.

    * ``components``: the maximal convex sets of equilibria (Gambit's ``enummixed -c``
      cliques), each a tuple of equilibrium indices: with ``U`` / ``V`` the distinct
      strategies of players 1 / 2 in it, every profile in ``conv(U) x conv(V)`` is an
      equilibrium.  In a non-degenerate game each equilibrium is its own component.
    * ``Equilibrium.component``: the index of the first component containing it
      (components of a degenerate game may share an extreme equilibrium).
    * ``details["connected_components"]``: the topologically connected components
      (unions of overlapping convex components), as tuples of equilibrium indices.

    ``vertex_method`` (one of :data:`.vertices.VERTEX_METHODS`) picks how the polytopes'
    vertices are found; the answer is the same.
    """
    _require_bimatrix(game)
    if vertex_method not in VERTEX_METHODS:
        raise GameError(f"unknown vertex method {vertex_method!r}"
                        f" (use {', '.join(VERTEX_METHODS)})")
    m, _n = game.shape
    ints = _int_matrices(game)
    p_mat, q_mat = _polytope_matrices(game)
    q_poly = enumerate_vertices(q_mat, vertex_method, deadline)
    matcher = _Matcher(game, q_poly, ints, on_equilibrium)
    p_poly = None
    if q_poly.complete:
        p_poly = enumerate_vertices(p_mat, vertex_method, deadline, on_vertex=matcher.add)
    complete = q_poly.complete and p_poly is not None and p_poly.complete

    found = sorted(matcher.found, key=lambda c: _sort_key(c[0].exact))
    cliques, connected = _cliques([(pi, qi) for _, pi, qi in found])
    first_clique: dict[int, int] = {}
    for ci, clique in enumerate(cliques):
        for e in clique:
            first_clique.setdefault(e, ci)
    equilibria = [_with_component(eq, first_clique.get(e)) for e, (eq, _, _) in enumerate(found)]

    degenerate = matcher.degenerate or (p_poly is not None and p_poly.labels.size > 0
                                        and bool((p_poly.labels.sum(axis=1) > m).any()))
    warnings = []
    if degenerate:
        warnings.append(DEGENERATE_WARNING)
    if matcher.rejected:
        warnings.append(
            f"{matcher.rejected} candidate equilibrium/equilibria failed exact verification"
            " and were dropped"
        )
    n_p = 0 if p_poly is None else p_poly.labels.shape[0]
    if not complete:
        warnings.append(
            f"enumeration stopped at the time limit after {q_poly.labels.shape[0]:,} vertices"
            f" of player 2's best-response polytope and {n_p:,} of player 1's:"
            f" the {len(equilibria)} equilibria listed are certified, but the list is"
            " not complete (raise --timeout for the complete list)")
    details = {
        "algorithm": "vertex enumeration of the best-response polytopes (exact labels)",
        "vertices": (n_p, q_poly.labels.shape[0]),
        "connected_components": connected,
        "stats": {"P": None if p_poly is None else p_poly.stats, "Q": q_poly.stats},
    }
    return EquilibriumSet(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=complete and matcher.rejected == 0,
        warnings=tuple(warnings),
        degenerate=degenerate if complete or degenerate else None,
        components=tuple(cliques) if complete else (),
        rejected=matcher.rejected,
        details=details,
    )


class _Matcher:
    """Pairs each vertex x of P, as it is found, with the vertices y of Q that complete
    its labels (label ``i``: ``x_i = 0`` or row ``i`` tight at y; ``m + j``: ``y_j = 0``
    or column ``j`` tight at x); every pair is certified by :func:`.common.verify_bimatrix`."""

    def __init__(self, game: Game, q_poly: Polytope, ints, on_equilibrium):
        m, n = game.shape
        self.game, self.q_poly, self.ints = game, q_poly, ints
        self.on_equilibrium = on_equilibrium
        self.m, self.n = m, n
        self.full = (1 << (m + n)) - 1
        lq = np.concatenate([q_poly.labels[:, n:], q_poly.labels[:, :n]], axis=1)
        masks = [_mask(row) for row in lq]
        self.simple: dict[int, list[int]] = {}
        degenerate = []
        for qi, (mask, row) in enumerate(zip(masks, lq, strict=True)):
            if qi == 0:
                continue   # the origin pairs only with the origin
            if int(row.sum()) == n:
                self.simple.setdefault(mask, []).append(qi)
            else:
                degenerate.append(qi)
        self.degenerate = bool(degenerate)
        dtype = np.uint64 if m + n <= 64 else object
        self.all_masks = np.array(masks, dtype=dtype)
        self.all_masks[0] = 0
        self.deg_idx = np.array(degenerate, dtype=np.intp)
        self.deg_masks = self.all_masks[self.deg_idx]
        self.found: list[tuple[Equilibrium, int, int]] = []
        self.rejected = 0
        self.dtype = dtype

    def add(self, pi: int, labels: np.ndarray, point: Callable[[], tuple]) -> None:
        if pi == 0:
            return
        mask = _mask(labels)
        need = self.full ^ mask
        key = self.dtype(need) if self.dtype is np.uint64 else need
        if int(labels.sum()) == self.m:
            partners = list(self.simple.get(need, ()))
            if self.deg_idx.size:
                hits = (self.deg_masks & key) == key
                partners += self.deg_idx[hits].tolist()
        else:
            self.degenerate = True
            partners = np.flatnonzero((self.all_masks & key) == key).tolist()
            partners = [q for q in partners if q != 0]
        if not partners:
            return
        x_num = point()[0]
        x = _normalise(x_num)
        sx = sum(x_num)
        for qi in partners:
            y_num = self.q_poly.point(qi)[0]
            # exact check against the payoffs themselves (not the tableaux)
            maxima = verify_bimatrix(self.ints, x_num, y_num)
            if maxima is None:
                self.rejected += 1
                continue
            y = _normalise(y_num)
            sy = sum(y_num)
            d1, d2 = self.game.denominators
            payoffs = (Fraction(maxima[0], sy * d1), Fraction(maxima[1], sx * d2))
            eq = _make_equilibrium(self.game, (x, y), payoffs, self.ints)
            self.found.append((eq, pi, qi))
            if self.on_equilibrium is not None:
                self.on_equilibrium(eq)


def _mask(row: np.ndarray) -> int:
    return int.from_bytes(np.packbits(row, bitorder="little").tobytes(), "little")


def _with_component(eq: Equilibrium, component: int | None) -> Equilibrium:
    from dataclasses import replace

    return replace(eq, component=component)


def _cliques(edges: list[tuple[int, int]]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Maximal complete bipartite subgraphs and connected components of an edge list.

    ``edges[e] = (u, v)``; returns both as sorted tuples of edge indices.

    >>> _cliques([(1, 1), (1, 2), (2, 1)])
    ([(0, 1), (0, 2)], [(0, 1, 2)])
    """
    left = sorted({u for u, _ in edges})
    right = sorted({v for _, v in edges})
    li = {u: i for i, u in enumerate(left)}
    ri = {v: i for i, v in enumerate(right)}
    edge_of = {(li[u], ri[v]): e for e, (u, v) in enumerate(edges)}
    nbr = [0] * len(left)
    for (u, v) in edge_of:
        nbr[u] |= 1 << v

    # connected components by union-find over edges sharing an endpoint
    parent = list(range(len(edges)))

    def find(e: int) -> int:
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    first_at: dict[tuple[str, int], int] = {}
    for e, (u, v) in enumerate(edges):
        for key in (("u", u), ("v", v)):
            if key in first_at:
                ra, rb = find(first_at[key]), find(e)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                first_at[key] = e
    groups: dict[int, list[int]] = {}
    for e in range(len(edges)):
        groups.setdefault(find(e), []).append(e)
    connected = sorted(tuple(g) for g in groups.values())

    # maximal bicliques = closed neighbourhood intersections (formal concepts)
    intents: set[int] = set()
    for u in range(len(left)):
        new = {nbr[u]} | {f & nbr[u] for f in intents}
        intents |= {f for f in new if f}
    cliques = set()
    for intent in intents:
        us = [u for u in range(len(left)) if nbr[u] & intent == intent]
        vs = [v for v in range(len(right)) if intent >> v & 1]
        cliques.add(tuple(sorted(edge_of[(u, v)] for u in us for v in vs)))
    return sorted(cliques), connected
