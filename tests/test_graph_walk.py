"""The certified graph walk (``graph.certified_graph_search``) against exact reverse search.

Reference: :func:`revsearch.reverse_search` (lexicographic reverse search in exact integer
arithmetic, an independent algorithm): the vertex sets, exact tight sets and exact points
must agree whenever the walk certifies its answer; on nondegenerate polytopes it must
certify.  Shapes cover square, tall, wide and ``d + r > 64`` (masks of two words).
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from gamesolve.solvers.bimatrix import graph
from gamesolve.solvers.bimatrix.graph import certified_graph_search
from gamesolve.solvers.bimatrix.masks import Masks, sorted_unique
from gamesolve.solvers.bimatrix.polytope import Polytope
from gamesolve.solvers.bimatrix.revsearch import reverse_search


@pytest.fixture(params=["inverses", "solves"])
def either_walk(request, monkeypatch):
    """Both walks: carried inverses first (small polytopes), or basis solves alone."""
    if request.param == "solves":
        monkeypatch.setattr(graph, "_TABLEAU_UP_TO", 0)
    return request.param


@pytest.fixture
def solves_only(monkeypatch):
    """The walk by basis solves (:func:`graph._walk`), the carried-inverse walk off."""
    monkeypatch.setattr(graph, "_TABLEAU_UP_TO", 0)


def random_matrix(rng, r: int, d: int, low: int, high: int) -> list[list[int]]:
    m = rng.integers(low, high + 1, (r, d))
    return (m - m.min() + 1).tolist()


def walk(m: list[list[int]], **kwargs):
    mf = np.array(m, dtype=float)
    return certified_graph_search(mf / mf.max(), m, **kwargs)


def as_masks(labels: np.ndarray) -> list[int]:
    return [sum(1 << int(i) for i in np.flatnonzero(row)) for row in labels]


def assert_same_as_reverse_search(m: list[list[int]], found) -> None:
    labels, points, stats = found
    r, d = len(m), len(m[0])
    reference = reverse_search(m)
    assert reference.complete
    masks = as_masks(labels)
    assert len(masks) == len(set(masks)) == stats["vertices"]       # no vertex twice
    assert set(masks) == set(reference.labels)
    assert labels[0, :d].all() and not labels[0, d:].any()         # the origin first
    exact = dict(zip(reference.labels, reference.points, strict=True))
    poly = Polytope(matrix=m, d=d, r=r, labels=labels, points=list(points))
    for v in range(0, len(masks), max(1, len(masks) // 60)):
        assert poly.point(v) == exact[masks[v]]
    for v, point in enumerate(points):
        if point is not None:                                      # degenerate: exact point given
            assert point == exact[masks[v]]


@pytest.mark.parametrize(("r", "d", "seed"), [
    (6, 6, 0), (8, 8, 1), (5, 9, 2), (9, 5, 3), (3, 11, 4), (12, 3, 5), (7, 10, 6),
    (62, 3, 7), (61, 4, 8), (60, 6, 9),                          # d + r > 64: two-word masks
])
def test_nondegenerate_polytopes_agree_with_reverse_search(r, d, seed, either_walk):
    m = random_matrix(np.random.default_rng(seed), r, d, -500, 500)
    found = walk(m)
    assert found is not None, "a nondegenerate polytope must be certified"
    assert found[2]["degenerate_vertices"] == 0
    assert found[2]["walk"] == (either_walk if d + r <= 64 else "solves")
    assert_same_as_reverse_search(m, found)


def test_mildly_degenerate_polytopes_agree_when_certified(either_walk):
    rng = np.random.default_rng(11)
    certified = degenerate = 0
    for index in range(60):
        r, d = (int(x) for x in rng.integers(2, 8, 2))
        if index % 6 == 5:
            r, d = 60 + int(rng.integers(0, 5)), int(rng.integers(2, 4))   # wide masks
        m = random_matrix(rng, r, d, 1, [3, 5, 12][index % 3])
        found = walk(m)
        if found is None:          # not certified: the caller runs reverse search instead
            continue
        certified += 1
        degenerate += found[2]["degenerate_vertices"] > 0
        assert_same_as_reverse_search(m, found)
    assert certified >= 40 and degenerate >= 10


def test_tie_in_a_column_gives_an_exact_degenerate_vertex(either_walk):
    m = [[5, 1, 2], [5, 2, 1], [1, 3, 3]]   # z = e_0 / 5 has two tight rows
    found = walk(m)
    assert found is not None and found[2]["degenerate_vertices"] == 1
    assert ((1, 0, 0), 5) in found[1]
    assert_same_as_reverse_search(m, found)


def test_masks_round_trip_in_one_and_two_words():
    rng = np.random.default_rng(5)
    for width in (1, 40, 64, 65, 100, 128, 130):
        rows = rng.random((50, width)) < 0.4
        masks = Masks(width)
        keys = masks.pack(rows)
        assert (masks.unpack(keys) == rows).all()
        assert len(sorted_unique(keys)) == len({row.tobytes() for row in rows})


def test_deadline_in_the_past_stops_before_any_pivot(monkeypatch, solves_only):
    calls = []
    expand = graph._expand
    monkeypatch.setattr(graph, "_expand", lambda *a: calls.append(1) or expand(*a))
    m = random_matrix(np.random.default_rng(2), 10, 10, -500, 500)
    assert walk(m, deadline=time.monotonic() - 1.0) is None
    assert calls == []
    assert walk(m) is not None and calls      # the same polytope is certified without one


def test_limit_gives_up_instead_of_walking_on(either_walk):
    m = random_matrix(np.random.default_rng(4), 8, 8, -500, 500)
    n_vertices = len(reverse_search(m).labels)
    assert walk(m, limit=n_vertices // 2) is None
    assert walk(m, limit=n_vertices)[2]["vertices"] == n_vertices


@pytest.mark.parametrize("m", [
    [[5, 1, 2], [5, 2, 1], [1, 3, 3]],                        # one degenerate vertex
    random_matrix(np.random.default_rng(21), 5, 4, 1, 3),     # several
    random_matrix(np.random.default_rng(22), 5, 4, -500, 500),   # none
])
def test_a_walked_vertex_left_uncertified_breaks_the_certificate(monkeypatch, m, solves_only):
    # the basis of one simple vertex is reached but fails certification (as an
    # infeasible or ill-conditioned basis would): the answer must not be certified
    d = len(m[0])
    assert walk(m) is not None
    simple = [mask for mask in reverse_search(m).labels
              if mask.bit_count() == d and mask != 2**d - 1]
    expand = graph._expand
    for mask in simple:
        def failing(mf, masks, keys, record, mask=mask):
            hit = keys == np.uint64(mask)
            if not hit.any():
                return expand(mf, masks, keys, record)
            out = expand(mf, masks, keys[~hit], record)
            flags = np.zeros(keys.size, dtype=bool)
            flags[~hit] = record.clean.pop()
            record.clean.append(flags)
            record.uncertified += int(hit.sum())
            return out
        monkeypatch.setattr(graph, "_expand", failing)
        assert walk(m) is None, mask
