"""Two-player (bimatrix) games: every extreme Nash equilibrium, certified exactly.

Method (:func:`enumerate_equilibria`).  Payoffs are taken exactly (the game's integer
``scaled`` tensor), shifted to be positive, and the two best-response polytopes

    P = {x >= 0 : B^T x <= 1}        Q = {y >= 0 : A y <= 1}

are vertex-enumerated with exact tight sets (:mod:`.vertices`): redundant
(dominated) constraints are set aside, then a floating-point walk of the polytope's
graph is accepted only with a combinatorial completeness certificate
(:mod:`.graph`), else the vertices are listed by lexicographic reverse search in
exact integer arithmetic (:mod:`.revsearch`, the method of lrs); floating point is
only a filter, every doubtful decision being settled exactly.  When Q is a large simple
polytope walked in this process, P is not listed: each vertex of Q has at most one partner
in P, found by one exact linear solve (:mod:`.complement`, as lrsnash does).
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

Components (:mod:`.components`) follow Gambit's ``enummixed -c`` (von Stengel's clique
algorithm): extreme equilibria are the edges of a bipartite graph between player 1's and
player 2's extreme strategies; a maximal complete bipartite subgraph ``U x V`` is a
maximal convex set ``conv(U) x conv(V)`` of equilibria.

>>> g = Game.from_payoffs([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> eqs = enumerate_equilibria(g)
>>> [eq.exact for eq in eqs.equilibria]
[((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
>>> eqs.complete, eqs.degenerate
(True, False)
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ...errors import GameError
from ...model import Game
from ..base import Equilibrium, EquilibriumSet
from .common import (
    _int_matrices,
    _require_bimatrix,
    _shift_positive,
)
from .complement import Partners, complementary_points
from .components import _cliques, equilibrium_order, with_components
from .lh import lemke_howson
from .matching import Matcher
from .orientation import (
    CHOOSE_FROM,
    by_shape,
    p_looks_smaller,
    swapped,
    transposed,
    untransposed,
)
from .parallel import VertexWorker, parallel_possible
from .polytope import Polytope
from .vertices import VERTEX_METHODS, enumerate_vertices, walks_graph
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


# ---------------------------------------------------------------------------- enumeration
def _polytope_matrices(game: Game, ints=None) -> tuple[list[list[int]], list[list[int]]]:
    """``B^T`` (for P, whose points are player 1's x) and ``A`` (for Q), made positive
    (from ``ints``, the game's :func:`.common._int_matrices`, when the caller has them)."""
    a, b = ints if ints is not None else _int_matrices(game)
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
                         on_equilibrium: Callable[[Equilibrium], None] | None = None,
                         workers: int | None = None,
                         polytopes: str = "auto") -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game, each certified exactly.

    The vertices of P and Q are listed (on two cores when ``workers`` allows: Q in a
    worker process, :mod:`.parallel`), and P's vertices are matched against Q's by
    labels (:class:`.matching.Matcher`) as they are found once Q's are known, so
    ``on_equilibrium`` is called with every certified extreme equilibrium as soon as it
    is known (in the order found; the returned list is sorted, pure ones first).

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
    vertices are found; the answer is the same.  ``workers``: 1 enumerates both
    polytopes in this process, 2 puts Q in a worker process; None (the default) uses a
    worker when the machine has two cores and the game is big enough to repay it, unless
    only Q is to be listed (:func:`uses_worker`).

    ``polytopes`` (one of :data:`POLYTOPE_CHOICES`): ``"both"`` lists the vertices of P
    and Q; ``"one"`` lists Q's only and finds each vertex's partner in P by one exact
    linear solve (:mod:`.complement`, as lrsnash does), in one process, falling back to
    listing P when Q or a partner's face is degenerate.  The equilibria and components are
    the same; with ``"one"`` the game's degeneracy is decided only when found (``True``),
    else left undecided (``None``; :func:`is_degenerate` decides it).  ``"auto"`` takes
    ``"one"`` when Q was walked as a graph (a large simple polytope), the game is larger
    than :data:`SOLVE_PARTNERS_FROM` and no worker process is used (:func:`uses_worker`),
    else ``"both"``; and it lists P instead of Q (solving player 2's partners) when
    player 1 has fewer strategies, or, in a square game from
    :data:`.orientation.CHOOSE_FROM`, when the first levels of P's walk are the smaller
    (:func:`lists_p`, :mod:`.orientation`): the same answer, usually sooner.
    """
    _require_bimatrix(game)
    if vertex_method not in VERTEX_METHODS:
        raise GameError(f"unknown vertex method {vertex_method!r}"
                        f" (use {', '.join(VERTEX_METHODS)})")
    if polytopes not in POLYTOPE_CHOICES:
        raise GameError(f"unknown polytopes choice {polytopes!r}"
                        f" (use {', '.join(POLYTOPE_CHOICES)})")
    m, n = game.shape
    ints = _int_matrices(game)
    p_mat, q_mat = _polytope_matrices(game, ints)
    if polytopes == "one":
        workers = 1
    elif workers is None:
        workers = 2 if uses_worker(m, n, q_mat, polytopes, vertex_method) else 1
    if workers == 1 and lists_p(m, n, p_mat, q_mat, polytopes, vertex_method, deadline):
        flipped = transposed(game)     # its Q is P; the answer is mapped back
        tell = None if on_equilibrium is None else (lambda eq: on_equilibrium(swapped(eq)))
        return untransposed(_enumerate(flipped, _int_matrices(flipped), q_mat, p_mat,
                                       vertex_method, deadline, tell, 1, polytopes,
                                       roles=("player 2", "player 1")))
    return _enumerate(game, ints, p_mat, q_mat, vertex_method, deadline, on_equilibrium,
                      workers, polytopes)


def _enumerate(game: Game, ints, p_mat: list[list[int]], q_mat: list[list[int]],
               vertex_method: str, deadline: float | None,
               on_equilibrium: Callable[[Equilibrium], None] | None, workers: int,
               polytopes: str, roles: tuple[str, str] = ("player 1", "player 2"),
               ) -> EquilibriumSet:
    """:func:`enumerate_equilibria` with the layout chosen; ``roles`` name the players
    whose polytopes are P and Q in the messages (swapped for a transposed game)."""
    m, n = game.shape
    stream = _Stream(game, ints, on_equilibrium, roles)
    worker = VertexWorker(q_mat, vertex_method, deadline) if workers >= 2 else None
    try:
        if worker is None:
            stream.q_known(enumerate_vertices(q_mat, vertex_method, deadline))
            q_poly = stream.q_poly
            partners = None
            if q_poly.complete and _solves_partners(m, n, q_poly, polytopes):
                partners = complementary_points(p_mat, q_poly, deadline)
            if partners is not None:
                stream.partners_known(partners)
            elif q_poly.complete:
                stream.p_known(enumerate_vertices(p_mat, vertex_method, deadline,
                                                  on_block=stream.p_block))
        else:
            stream.worker = worker
            p_poly = enumerate_vertices(p_mat, vertex_method, deadline, on_block=stream.p_block)
            q_poly = worker.result()
            if q_poly is None:       # the worker failed: enumerate Q here instead
                q_poly = enumerate_vertices(q_mat, vertex_method, deadline)
            if stream.matcher is None:
                stream.q_known(q_poly)     # matches the blocks of P held so far
            stream.p_known(p_poly)
    finally:
        if worker is not None:
            worker.stop()
    return _assemble(game, stream)


POLYTOPE_CHOICES = ("auto", "both", "one")
SOLVE_PARTNERS_FROM = 5_000   # C(m + n, n) above which "auto" may solve P's partners (7 x 7):
                              # smaller games keep the game's degeneracy decided, at a cost
                              # of a millisecond or less


def _solves_partners(m: int, n: int, q_poly: Polytope, polytopes: str) -> bool:
    """Are P's partners of Q's vertices solved (:mod:`.complement`) rather than P listed?
    Under ``"auto"`` when Q was walked as a graph (so simple almost surely) and the game
    is larger than :data:`SOLVE_PARTNERS_FROM`."""
    return polytopes == "one" or (polytopes == "auto" and q_poly.stats.get("method") == "graph"
                                  and math.comb(m + n, n) > SOLVE_PARTNERS_FROM)


def lists_p(m: int, n: int, p_mat: list[list[int]], q_mat: list[list[int]],
            polytopes: str = "auto", vertex_method: str = "auto",
            deadline: float | None = None) -> bool:
    """Under ``"auto"`` in one process, is P listed (and Q's partners solved) rather than
    Q?  Only when both polytopes will be walked as graphs, so that each side lists one
    polytope only (:func:`_solves_partners`).  Then a rectangular game lists the polytope
    of the player with fewer strategies (P when ``m < n``, :func:`.orientation.by_shape`),
    and a square one from :data:`.orientation.CHOOSE_FROM` the polytope whose first walk
    levels are the smaller (:func:`.orientation.p_looks_smaller`).
    :func:`uses_worker` is asked first."""
    if polytopes != "auto" or vertex_method == "reverse":
        return False
    bases = math.comb(m + n, n)
    if bases <= SOLVE_PARTNERS_FROM or (m == n and bases < CHOOSE_FROM):
        return False
    if not (walks_graph(q_mat) and walks_graph(p_mat)):
        return False
    return by_shape(m, n) if m != n else p_looks_smaller(p_mat, q_mat, deadline)


def uses_worker(m: int, n: int, q_mat: list[list[int]], polytopes: str = "auto",
                vertex_method: str = "auto") -> bool:
    """Does :func:`enumerate_equilibria` (``workers=None``) put Q in a worker process?

    Not when one polytope only is listed: under ``"auto"``, a Q that will be walked as a
    graph (large, many distinct payoffs: simple almost surely) is listed here and P's
    partners solved (or the reverse, :func:`lists_p`), which measured faster than listing
    both polytopes on two cores from 11 x 11 to 16 x 16 whenever the listed polytope was
    not the larger, with half the CPU and memory.
    Else from :data:`_PARALLEL_FROM` when the machine allows it.
    """
    if polytopes == "one" or (polytopes == "auto" and vertex_method != "reverse"
                              and walks_graph(q_mat)):   # Q walked, then _solves_partners
        return False
    return math.comb(m + n, n) >= _PARALLEL_FROM and parallel_possible()


_PARALLEL_FROM = 700_000  # C(m + n, n) from which a worker process repays its start (about
                          # 11 x 11: measured a loss up to 10 x 10, a gain from 12 x 12)


class _Stream:
    """Matches P's vertices against Q's as both become known, in either order.

    P's vertices arrive in blocks; those that arrive before Q is known are held (the
    blocks are views of arrays the enumeration keeps anyway) and matched the moment Q
    arrives -- checked for at every block -- or once P is complete."""

    def __init__(self, game: Game, ints, on_equilibrium, roles: tuple[str, str]):
        self.game, self.ints, self.on_equilibrium = game, ints, on_equilibrium
        self.roles = roles
        self.q_poly: Polytope | None = None
        self.matcher: Matcher | None = None
        self.worker: VertexWorker | None = None
        self.held: list[tuple] = []
        self.p_complete = False          # P's side: as listed (p_known) or solved
        self.p_vertices: int | None = 0  # (partners_known, which lists no vertex count)
        self.p_stats: dict | None = None
        self.p_degenerate: bool | None = False

    def q_known(self, q_poly: Polytope) -> None:
        self.q_poly = q_poly
        self.matcher = Matcher(self.game, q_poly, self.ints, self.on_equilibrium)
        for block in self.held:
            self.matcher.add_block(*block)
        self.held = []

    def p_block(self, start: int, labels, point) -> None:
        if self.matcher is None and self.worker is not None and self.worker.ready():
            q_poly = self.worker.result()
            if q_poly is not None:
                self.q_known(q_poly)
        if self.matcher is None:
            self.held.append((start, labels, point))
        else:
            self.matcher.add_block(start, labels, point)

    def p_known(self, p_poly: Polytope) -> None:
        self.p_complete = p_poly.complete
        self.p_vertices = p_poly.labels.shape[0]
        self.p_stats = p_poly.stats
        self.p_degenerate = bool(p_poly.labels.size
                                 and (p_poly.labels.sum(axis=1) > p_poly.d).any())

    def partners_known(self, partners: Partners) -> None:
        """Q's vertices paired by solving (:mod:`.complement`): P's partners, numbered by
        distinct point, are certified as matched pairs are."""
        index: dict[tuple, int] = {}
        points: list[tuple[tuple[int, ...], int]] = []
        for q, point in partners.pairs:
            p = index.setdefault(point, len(points))
            if p == len(points):
                points.append(point)
            self.matcher.certify(p, q, points.__getitem__)
        self.p_complete = partners.complete
        self.p_vertices = None
        self.p_stats = partners.stats
        self.p_degenerate = True if partners.degenerate else None


_WALK_NOTE = " (whose vertices are used only once the whole walk is certified)"


def _assemble(game: Game, stream: _Stream) -> EquilibriumSet:
    q_poly, matcher = stream.q_poly, stream.matcher
    complete = q_poly.complete and stream.p_complete
    found = [matcher.found[e] for e in equilibrium_order([eq for eq, _, _ in matcher.found])]
    cliques, connected = _cliques([(pi, qi) for _, pi, qi in found])
    equilibria = with_components([eq for eq, _, _ in found], cliques)

    degenerate = True if matcher.degenerate else stream.p_degenerate
    warnings = []
    if degenerate:
        warnings.append(DEGENERATE_WARNING)
    if matcher.rejected:
        warnings.append(
            f"{matcher.rejected} candidate equilibrium/equilibria failed exact verification"
            " and were dropped"
        )
    n_p = stream.p_vertices
    p_role, q_role = stream.roles
    if not complete:
        walked = q_poly.labels.shape[0]
        if q_poly.stats.get("walk_stopped"):
            progress = f"during the graph walk of {q_role}'s best-response polytope{_WALK_NOTE}"
        else:
            if (stream.p_stats or {}).get("walk_stopped"):
                p_part = f"during the graph walk of {p_role}'s{_WALK_NOTE}"
            elif n_p is not None:
                p_part = f"{n_p:,} of {p_role}'s"
            else:
                p_part = f"part of {p_role}'s partners solved"
            progress = (f"after {walked:,} {'vertex' if walked == 1 else 'vertices'} of"
                        f" {q_role}'s best-response polytope and {p_part}")
        listed = f"the {len(equilibria)} equilibria listed are" if len(equilibria) != 1 \
            else "the 1 equilibrium listed is"
        warnings.append(
            f"enumeration stopped at the time limit {progress}: {listed} certified, but the"
            " list is not complete (raise --timeout for the complete list)")
    details = {
        "algorithm": "vertex enumeration of the best-response polytopes (exact labels)"
        if n_p is not None else f"vertex enumeration of {q_role}'s best-response polytope,"
        " each vertex's partner solved exactly (exact labels)",
        "vertices": (n_p, q_poly.labels.shape[0]),
        "connected_components": connected,
        "stats": {"P": stream.p_stats, "Q": q_poly.stats},
    }
    return EquilibriumSet(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=complete and matcher.rejected == 0,
        warnings=tuple(warnings),
        degenerate=degenerate if complete or degenerate else None,   # None: undecided
        components=tuple(cliques) if complete else (),
        rejected=matcher.rejected,
        details=details,
    )
