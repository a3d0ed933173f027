"""How big is a reverse search?  Knuth's random-probe estimate of its tree, as lrs does.

Knuth's estimator of the size of a backtrack tree (D. E. Knuth, "Estimating the
efficiency of backtrack programs", Math. Comp. 29, 1975) walks one random path from the
root, choosing each child with equal probability; if the nodes on the path have
``c_0, c_1, ...`` children, ``1 + c_0 + c_0 c_1 + c_0 c_1 c_2 + ...`` is an unbiased
estimate of the number of nodes.  Avis & Devroye ("Estimating the number of vertices of
a polyhedron", Inf. Process. Lett. 73, 2000) apply it to the reverse-search tree of lrs,
whose nodes are the lexicographic bases: lrs's ``estimate`` option.

The probes here are run together, one basis per probe in a batch of
:mod:`.revsearch` (its exact children test and pivots, int64 or Python integers), so
their cost is one batched pass per tree level.  The same passes time the work per basis
that the search itself does, which gives the estimated seconds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .revsearch import Batch, child_pivots, pivoted, root_batch

DEFAULT_PROBES = 64


@dataclass(frozen=True)
class SearchEstimate:
    """Knuth's estimate of a reverse search of ``{z >= 0 : M z <= 1}``.

    ``bases`` is the mean of the probes' estimates of the number of bases (tree nodes);
    ``relative_error`` the standard error of that mean over it (0 when all probes agree);
    ``seconds_per_basis`` the measured time of the probes' batched pivoting per basis
    visited, and ``seconds = bases * seconds_per_basis``.  ``complete`` is False when
    the deadline cut the probes short: their sums, and so ``bases``, are then too low.
    """

    bases: float
    relative_error: float
    seconds_per_basis: float
    seconds: float
    probes: int
    complete: bool


def estimate_search(matrix: Sequence[Sequence[int]], probes: int = DEFAULT_PROBES,
                    seed: int = 0, deadline: float | None = None) -> SearchEstimate:
    """Estimate the bases and seconds of :func:`.revsearch.reverse_search` on ``matrix``.

    ``probes`` random root-to-leaf walks (seeded by ``seed``: the same seed gives the same
    estimate) are averaged.  ``deadline`` (a :func:`time.monotonic` time) is checked
    between tree levels.

    >>> simplex = estimate_search([[1, 1, 1]])    # the root and one child per vertex
    >>> simplex.bases, simplex.relative_error, simplex.complete
    (4.0, 0.0, True)
    """
    if probes < 1:
        raise ValueError("at least one probe is needed")
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    root = root_batch([[int(x) for x in row] for row in matrix])
    batch = Batch(np.repeat(root.tab, probes, axis=0), np.repeat(root.det, probes),
                  np.repeat(root.basis, probes, axis=0),
                  np.repeat(root.nonbasic, probes, axis=0))
    total = np.ones(probes)            # each probe's running estimate; the root counts 1
    weight = np.ones(probes)           # product of child counts on the path so far
    alive = np.arange(probes)          # the probe each basis of the batch walks for
    visited = probes
    complete = True
    while len(batch):
        if deadline is not None and time.monotonic() > deadline:
            complete = False
            break
        batch = batch.exact_dtype()
        node, row, col, pivot_rows = child_pivots(batch)
        counts = np.bincount(node, minlength=len(batch))
        walking = np.flatnonzero(counts)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])[walking]
        pick = first + rng.integers(0, counts[walking])   # a child uniformly at random
        alive = alive[walking]
        weight[alive] *= counts[walking]
        total[alive] += weight[alive]
        batch = pivoted(batch, node[pick], row[pick], col[pick], pivot_rows[pick])
        visited += len(batch)
    seconds_per_basis = (time.perf_counter() - start) / visited
    bases = float(total.mean())
    spread = float(total.std(ddof=1)) / math.sqrt(probes) / bases if probes > 1 else math.inf
    return SearchEstimate(bases=bases, relative_error=spread,
                          seconds_per_basis=seconds_per_basis,
                          seconds=bases * seconds_per_basis, probes=probes,
                          complete=complete)
