"""How long would a complete two-player enumeration take?  An estimate before the work.

Each best-response polytope's reverse-search tree is sized by Knuth's random probes
(:mod:`.estimate`, lrs's ``estimate`` option), which also time the work per basis on this
machine, now.  Polytopes that :func:`.vertices.enumerate_vertices` will walk as a graph
instead cost :data:`GRAPH_COST_RATIO` of that per vertex (measured, see
docs/performance.md).  With a worker process the wall time is the slower polytope's,
else the sum; when one polytope is listed and the other's partners solved, the listed
one's (Q, or P when :func:`.solve.lists_p` would list it) and the solves.  Knuth's
estimator is unbiased but can miss a large subtree, so the estimate is a guide for
``auto`` (skip a hopeless enumeration, say why), never a bound the answer depends on:
every enumeration still runs under its deadline.  On large random
polytopes the estimator's distribution is heavy-tailed and a 64-probe mean is usually far
*below* the true size (docs/performance.md): so when it says hopeless, it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...model import Game
from .common import _require_bimatrix
from .estimate import estimate_search
from .solve import _polytope_matrices, lists_p, uses_worker
from .vertices import _undominated_rows, walks_graph

GRAPH_COST_RATIO = 0.15   # graph-walk seconds per vertex over reverse-search seconds per basis
                          # on nondegenerate games (measured 7-13 us against 60-90 us)
COMPLEMENT_COST_RATIO = 0.5  # solving P's partners of Q's vertices over walking Q (measured
                             # 0.5 at 10 x 10, 0.25 at 12 x 12, less beyond)
ESTIMATE_FROM = 10 ** 8   # C(m + n, n) below which (15 x 15) enumeration takes about a second
                          # at most: cheaper to run than to estimate


@dataclass(frozen=True)
class EnumerationEstimate:
    """Estimated bases (vertices, if nondegenerate) of P and Q to visit, and wall seconds
    of a complete enumeration."""

    bases: tuple[float, float]
    seconds: float
    parallel: bool
    relative_error: float

    def describe(self) -> str:
        """One phrase for a warning.

        >>> EnumerationEstimate((2.1e6, 1.9e6), 95.0, True, 0.2).describe()
        'about 2.1e+06 and 1.9e+06 vertices of the best-response polytopes to visit, ~95 s here'
        """
        p, q = self.bases
        return (f"about {p:.2g} and {q:.2g} vertices of the best-response polytopes to visit,"
                f" ~{self.seconds:.2g} s here")


def estimate_enumeration(game: Game, deadline: float | None = None,
                         workers: int | None = None) -> EnumerationEstimate | None:
    """Estimate :func:`.solve.enumerate_equilibria` on ``game`` (None when it is small
    enough that the estimate would cost about as much as the work).

    ``workers`` as in :func:`.solve.enumerate_equilibria`.
    """
    _require_bimatrix(game)
    m, n = game.shape
    if math.comb(m + n, n) < ESTIMATE_FROM:
        return None
    p_mat, q_mat = _polytope_matrices(game)
    if workers is None:
        workers = 2 if uses_worker(m, n, q_mat) else 1
    one = workers == 1 and walks_graph(q_mat)   # one listed, the other's partners solved:
    listed = 0 if one and lists_p(m, n, p_mat, q_mat, deadline=deadline) else 1   # P or Q
    sizes, seconds, errors = [], [], []
    for matrix in (p_mat, q_mat):
        keep, _ = _undominated_rows(matrix)
        rows = [matrix[j] for j in keep]
        found = estimate_search(rows, deadline=deadline)
        graph = walks_graph(rows)
        sizes.append(max(found.bases, found.visited))   # visited: a proven lower bound
        seconds.append(found.seconds * (GRAPH_COST_RATIO if graph else 1.0))
        errors.append(found.relative_error)
    if one:
        wall = seconds[listed] * (1 + COMPLEMENT_COST_RATIO)
    else:
        wall = max(seconds) if workers >= 2 else sum(seconds)
    return EnumerationEstimate(bases=(sizes[0], sizes[1]), seconds=wall,
                               parallel=workers >= 2, relative_error=max(errors))
