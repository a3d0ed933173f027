"""Two-player (bimatrix) games: every extreme Nash equilibrium, certified exactly.

Method (:func:`enumerate_equilibria`).  Payoffs are taken exactly (the game's integer
``scaled`` tensor), shifted to be positive, and the two best-response polytopes

    P = {x >= 0 : B^T x <= 1}        Q = {y >= 0 : A y <= 1}

are vertex-enumerated with exact tight sets (:mod:`.vertices`): redundant
(dominated) constraints are set aside, then a floating-point walk of the polytope's
graph is accepted only with a combinatorial completeness certificate
(:mod:`.graph`), else every basis is examined in numpy batches; floating point
is only a filter, every doubtful decision being settled in exact integer arithmetic.
The extreme equilibria are exactly the completely labelled vertex pairs
``(x, y) != (0, 0)`` (label ``i``: ``x_i = 0`` or row ``i`` is a best response to ``y``;
label ``m + j``: ``y_j = 0`` or column ``j`` is a best response to ``x``), normalised
to probabilities.  This is the method of Gambit's ``enummixed`` and of lrsnash; it is
correct for degenerate games too, where equilibria form convex components whose
extreme points are the vertex pairs.  Each equilibrium's probabilities are exact
Fractions, re-checked by :func:`~gamesolve.solvers.base.verify_exact` before it is
reported.

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

from fractions import Fraction

import numpy as np

from ...errors import GameError
from ...model import Game
from ..base import Equilibrium, EquilibriumSet, verify_exact
from .common import (
    _int_matrices,
    _make_equilibrium,
    _normalise,
    _require_bimatrix,
    _shift_positive,
)
from .lh import lemke_howson
from .vertices import Polytope, TooManyBases, enumerate_vertices
from .zerosum import ZeroSumSolution, is_zero_sum, solve_zero_sum

__all__ = [
    "ZeroSumSolution",
    "enumerate_equilibria",
    "is_degenerate",
    "is_zero_sum",
    "lemke_howson",
    "solve_zero_sum",
]

MAX_BASES = 60_000_000
"""Checking every basis is refused beyond this many (about 14 x 14); the certified graph
walk, which handles all but very degenerate polytopes, has no such limit."""

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
def _polytopes(game: Game, method: str = "auto") -> tuple[Polytope, Polytope]:
    a, b = _int_matrices(game)
    m, n = game.shape
    bp = _shift_positive(b)
    try:
        p_poly = enumerate_vertices([list(col) for col in zip(*bp, strict=True)], method,
                                    max_bases=MAX_BASES)           # P: B^T x <= 1, z = x
        q_poly = enumerate_vertices(_shift_positive(a), method,
                                    max_bases=MAX_BASES)           # Q: A y <= 1, z = y
    except TooManyBases as exc:
        raise GameError(
            f"a {m} x {n} game is too large for certified complete enumeration: its"
            f" best-response polytope is degenerate and has {exc.bases:,} bases to check;"
            " use Lemke-Howson for one equilibrium instead"
        ) from None
    return p_poly, q_poly


def _global_labels(game: Game, p_poly: Polytope, q_poly: Polytope) -> tuple[np.ndarray, np.ndarray]:
    """Label sets over 0..m+n-1 (rows first) for the vertices of P and of Q."""
    _m, n = game.shape
    lp = p_poly.labels                                    # [x_i = 0 (m) | col j tight (n)]
    lq = np.concatenate([q_poly.labels[:, n:], q_poly.labels[:, :n]], axis=1)
    return lp, lq


def is_degenerate(game: Game) -> bool:
    """Exact test: does some mixed strategy with support size k have > k pure best responses?

    >>> is_degenerate(Game.from_payoffs([[[1, 1], [1, 1]], [[1, 1], [1, 1]]]))
    True
    """
    _require_bimatrix(game)
    p_poly, q_poly = _polytopes(game)
    lp, lq = _global_labels(game, p_poly, q_poly)
    m, n = game.shape
    return bool((lp.sum(axis=1) > m).any() or (lq.sum(axis=1) > n).any())


def enumerate_equilibria(game: Game, *, vertex_method: str = "auto") -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game, each certified exactly.

    The list is complete (``complete=True``): every equilibrium of the game is a convex
    combination of listed equilibria lying in one of ``components``.

    * ``components``: the maximal convex sets of equilibria (Gambit's ``enummixed -c``
      cliques), each a tuple of equilibrium indices: with ``U`` / ``V`` the distinct
      strategies of players 1 / 2 in it, every profile in ``conv(U) x conv(V)`` is an
      equilibrium.  In a non-degenerate game each equilibrium is its own component.
    * ``Equilibrium.component``: the index of the first component containing it
      (components of a degenerate game may share an extreme equilibrium).
    * ``details["connected_components"]``: the topologically connected components
      (unions of overlapping convex components), as tuples of equilibrium indices.

    ``vertex_method`` ("auto", "graph" or "bases") picks how the polytopes' vertices are
    found (see :func:`.vertices.enumerate_vertices`); the answer is the same.
    """
    _require_bimatrix(game)
    if vertex_method not in ("auto", "graph", "bases"):
        raise GameError(f"unknown vertex method {vertex_method!r} (use auto, graph or bases)")
    m, n = game.shape
    ints = _int_matrices(game)
    p_poly, q_poly = _polytopes(game, vertex_method)
    lp, lq = _global_labels(game, p_poly, q_poly)
    degenerate = bool((lp.sum(axis=1) > m).any() or (lq.sum(axis=1) > n).any())

    pa, pb = _complementary_pairs(lp, lq, degenerate)

    candidates = []
    rejected = 0
    for a_idx, b_idx in zip(pa.tolist(), pb.tolist(), strict=True):
        x = _normalise(p_poly.point(a_idx)[0])
        y = _normalise(q_poly.point(b_idx)[0])
        payoffs = verify_exact(game, (x, y))
        if payoffs is None:
            rejected += 1
            continue
        candidates.append(((x, y), payoffs, a_idx, b_idx))
    candidates.sort(key=lambda c: _sort_key(c[0]))

    # deduplicate (distinct vertices give distinct strategies, so this is a safety net)
    unique = []
    seen = set()
    for cand in candidates:
        if cand[0] in seen:
            continue
        seen.add(cand[0])
        unique.append(cand)

    cliques, connected = _cliques([(c[2], c[3]) for c in unique])
    first_clique = {}
    for ci, clique in enumerate(cliques):
        for e in clique:
            first_clique.setdefault(e, ci)
    equilibria = []
    for e, (exact, payoffs, _, _) in enumerate(unique):
        eq = _make_equilibrium(game, exact, payoffs, ints)
        equilibria.append(_with_component(eq, first_clique.get(e)))

    warnings = []
    if degenerate:
        warnings.append(DEGENERATE_WARNING)
    if rejected:
        warnings.append(
            f"{rejected} candidate equilibrium/equilibria failed exact verification"
            " and were dropped"
        )
    details = {
        "algorithm": "vertex enumeration of the best-response polytopes (exact labels)",
        "vertices": (p_poly.labels.shape[0], q_poly.labels.shape[0]),
        "connected_components": connected,
        "stats": {"P": p_poly.stats, "Q": q_poly.stats},
    }
    return EquilibriumSet(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=rejected == 0,
        warnings=tuple(warnings),
        degenerate=degenerate,
        components=tuple(cliques),
        rejected=rejected,
        details=details,
    )


def _complementary_pairs(lp: np.ndarray, lq: np.ndarray,
                         degenerate: bool) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into P's and Q's vertices) of the completely labelled pairs, origin excluded."""
    if not degenerate:
        # every vertex has exactly m (resp. n) labels: y's label set is x's complement
        want: dict[bytes, list[int]] = {}
        for a, key in enumerate(np.packbits(~lp[1:], axis=1)):
            want.setdefault(key.tobytes(), []).append(a + 1)
        pa, pb = [], []
        for b, key in enumerate(np.packbits(lq[1:], axis=1)):
            for a in want.get(key.tobytes(), ()):
                pa.append(a)
                pb.append(b + 1)
        return np.array(pa, dtype=np.intp), np.array(pb, dtype=np.intp)
    # every label missing from x's set must be in y's: count them with a matrix product
    present = lq[1:].astype(np.float32).T
    pa_parts, pb_parts = [], []
    for start in range(1, lp.shape[0], 1024):
        missing = (~lp[start:start + 1024]).astype(np.float32)
        hits = missing @ present
        a, b = np.nonzero(hits == missing.sum(axis=1)[:, None])
        pa_parts.append(a + start)
        pb_parts.append(b + 1)
    if not pa_parts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(pa_parts), np.concatenate(pb_parts)


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


# ---------------------------------------------------------------------------- Lemke-Howson
