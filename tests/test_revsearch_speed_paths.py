"""The batched reverse search against a brute-force exact enumeration of every basis.

The reference is independent of :mod:`gamesolve.solvers.bimatrix.revsearch`: for each
choice of ``r`` basic columns of ``[M | I]`` it solves ``B x = 1`` in exact fractions,
keeps the feasible ones (their points are the vertices, their zero coordinates the tight
labels) and counts the lexicographically feasible ones (each row of ``[B^-1 1 | B^-1]``
lexicographically positive, columns of ``B^-1`` in slack order) -- the bases the
reverse search must visit, one each.  Polytopes are seeded: degenerate (payoffs 1..3),
nondegenerate (1..1000), entries over ``2**31`` (the Python-integer path from the root)
and entries whose minors outgrow ``2**31`` mid-search (the move from int64 batches).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from math import lcm

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gamesolve.solvers.bimatrix import revsearch
from gamesolve.solvers.bimatrix.revsearch import reverse_search


def inverse(b: list[list[int]]) -> list[list[F]] | None:
    """Exact inverse by Gauss-Jordan elimination, None when singular."""
    n = len(b)
    a = [[F(x) for x in row] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(b)]
    for c in range(n):
        p = next((i for i in range(c, n) if a[i][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        pivot = a[c][c]
        a[c] = [x / pivot for x in a[c]]
        for i in range(n):
            if i != c and a[i][c] != 0:
                f = a[i][c]
                a[i] = [x - f * y for x, y in zip(a[i], a[c], strict=True)]
    return [row[n:] for row in a]


def brute_force(m: list[list[int]]) -> tuple[set, int]:
    """(set of (label mask, point) over all vertices, number of lexicographic bases)."""
    r, d = len(m), len(m[0])
    columns = [[m[j][i] for j in range(r)] for i in range(d)]
    columns += [[int(j == s) for j in range(r)] for s in range(r)]   # slack s
    vertices, lex_bases = set(), 0
    for basic in itertools.combinations(range(d + r), r):
        b = [[columns[v][j] for v in basic] for j in range(r)]
        inv = inverse(b)
        if inv is None:
            continue
        x = [sum(row, F(0)) for row in inv]          # B^-1 times the all-ones vector
        if min(x) < 0:
            continue
        z = [F(0)] * d
        for v, value in zip(basic, x, strict=True):
            if v < d:
                z[v] = value
        tight = [zi == 0 for zi in z]
        tight += [sum(F(mj) * zi for mj, zi in zip(row, z, strict=True)) == 1 for row in m]
        den = lcm(*(zi.denominator for zi in z))
        point = (tuple(int(zi * den) for zi in z), den)
        vertices.add((sum(1 << i for i, t in enumerate(tight) if t), point))
        # lexicographically positive rows of [x | B^-1]: the perturbed basis is feasible
        lex_bases += all(next(v for v in [xi, *row] if v != 0) > 0
                         for xi, row in zip(x, inv, strict=True))
    return vertices, lex_bases


def check(m: list[list[int]]) -> None:
    found = reverse_search(m)
    assert found.complete
    got = list(zip(found.labels, found.points, strict=True))
    assert len(set(found.labels)) == len(got)                 # each vertex once
    vertices, lex_bases = brute_force(m)
    assert set(got) == vertices, m
    assert found.bases == lex_bases, m


def polytopes(seed: int, high: int, count: int, sizes=((3, 3), (4, 3), (3, 5), (4, 4), (5, 4))):
    rng = np.random.default_rng(seed)
    for k in range(count):
        r, d = sizes[k % len(sizes)]
        yield rng.integers(1, high + 1, (r, d)).tolist()


@pytest.mark.parametrize("high", [2, 3])
def test_degenerate_polytopes_equal_brute_force(high):
    for m in polytopes(10 + high, high, 10):
        check(m)


def test_nondegenerate_polytopes_equal_brute_force():
    for m in polytopes(20, 1000, 10):
        check(m)


def test_entries_over_int64_equal_brute_force():
    for m in polytopes(30, 2 ** 62, 5):
        check(m)
    for m in polytopes(31, 3, 3):                   # degenerate, huge: ties in object arrays
        check([[x * 2 ** 40 + 1 for x in row] for row in m])


def test_search_moves_exactly_from_int64_batches_to_python_integers(monkeypatch):
    paths = set()
    original = revsearch.Batch.split_large

    def spy(batch):
        small, large = original(batch)
        paths.update(["int64"] * (len(small) > 0) + ["python"] * (len(large) > 0))
        return small, large

    monkeypatch.setattr(revsearch.Batch, "split_large", spy)
    for m in polytopes(40, 2 ** 16, 5, sizes=((5, 4), (4, 5))):   # minors pass 2**31
        check(m)
    assert paths == {"int64", "python"}


def test_small_batches_split_and_still_agree(monkeypatch):
    monkeypatch.setattr(revsearch, "BATCH", 2)
    for m in polytopes(50, 3, 6):
        check(m)


def test_each_vertex_is_streamed_once_as_found():
    m = np.random.default_rng(60).integers(1, 4, (6, 6)).tolist()
    streamed = []
    found = reverse_search(m, on_vertex=lambda *v: streamed.append(v))
    assert streamed == [(mask, *p) for mask, p in zip(found.labels, found.points, strict=True)]


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4).flatmap(lambda d: st.lists(
    st.lists(st.integers(1, 4), min_size=d, max_size=d), min_size=1, max_size=4)))
def test_any_small_polytope_equals_brute_force(m):
    check(m)


@pytest.mark.parametrize("shape", [(4, 3), (60, 5)])      # one label byte, and nine
def test_label_rows_are_the_label_masks(shape):
    m = np.random.default_rng(70).integers(1, 4, shape).tolist()
    found = reverse_search(m)
    rows = found.label_rows(sum(shape))
    assert rows.shape == (len(found.labels), sum(shape))
    for mask, row in zip(found.labels, rows, strict=True):
        assert mask == sum(1 << i for i in np.flatnonzero(row).tolist())
