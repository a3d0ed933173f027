"""The walk by carried basis inverses (``tableau_walk``) and its a-posteriori certificate.

References are independent of the walk: exact lexicographic reverse search
(:func:`revsearch.reverse_search`, integer arithmetic) for the vertex sets, and pygambit's
rational ``enummixed`` for the equilibria.  The certificate is tested by corrupting the
carried inverses: whatever they hold, the walk answers exactly or not at all.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from test_bimatrix import bimatrix, eq_set, gambit_equilibria

from gamesolve.solvers.bimatrix import tableau_walk
from gamesolve.solvers.bimatrix.revsearch import reverse_search
from gamesolve.solvers.bimatrix.solve import enumerate_equilibria
from gamesolve.solvers.bimatrix.tableau_walk import _Context, _Level, clean_tableau_walk


def random_matrix(rng, r: int, d: int, low: int = -500, high: int = 500) -> np.ndarray:
    m = rng.integers(low, high + 1, (r, d))
    return m - m.min() + 1


def masks_of(levels) -> list[int]:
    return [int(k) for level in levels for k in level]


@pytest.mark.parametrize("seed", range(12))
def test_vertices_equal_exact_reverse_search(seed):
    rng = np.random.default_rng(900 + seed)
    r, d = (int(x) for x in rng.integers(2, 9, 2))
    m = random_matrix(rng, r, d)
    levels = clean_tableau_walk(m.astype(float), limit=10**6)
    assert levels is not None, "a nondegenerate polytope must be certified"
    found = masks_of(levels)
    assert found[0] == (1 << d) - 1                      # the origin first
    assert len(found) == len(set(found))                 # each vertex once
    assert set(found) == set(reverse_search(m.tolist()).labels)
    assert all(np.all(level[:-1] < level[1:]) for level in levels)   # sorted levels


@pytest.mark.parametrize("m", [
    [[1, 1], [1, 1]],                       # two equal rows: every vertex degenerate
    [[5, 1, 2], [5, 2, 1], [1, 3, 3]],      # z = e_0 / 5 has two tight rows
])
def test_degenerate_polytopes_are_left_to_the_exact_walks(m):
    assert clean_tableau_walk(np.array(m, dtype=float), limit=1000) is None


@pytest.mark.parametrize("noise", [1e-13, 1e-9, 1e-5, 1e-2, 1.0])
def test_corrupted_inverses_give_the_exact_answer_or_none(monkeypatch, noise):
    """Noise on every carried inverse (the basic values are computed from it), as
    accumulated rounding would put there (and far more): a small one is certified all
    the same -- the certificate checks the bases, not the walk's arithmetic -- and a
    large one never gives a wrong vertex set."""
    rng = np.random.default_rng(31)
    pivot = _Context.pivot

    def noisy(self, level, seen):
        out = pivot(self, level, seen)
        if out is not None:
            out.inverse_t *= 1 + noise * rng.standard_normal(out.inverse_t.shape)
        return out

    monkeypatch.setattr(_Context, "pivot", noisy)
    answers = 0
    for _ in range(6):
        m = random_matrix(rng, 6, 6)
        levels = clean_tableau_walk(m.astype(float), limit=10**6)
        if levels is not None:
            answers += 1
            assert sorted(masks_of(levels)) == sorted(reverse_search(m.tolist()).labels)
    if noise <= 1e-9:
        assert answers == 6
    if noise >= 1e-2:
        assert answers == 0


def level_of(inverse_t, basic, nonbasic, mask) -> _Level:
    return _Level(np.array([mask], dtype=np.uint64), np.array(inverse_t, dtype=float)[None],
                  None, np.array([basic]), np.array([nonbasic]))


def test_the_certificate_rejects_a_wrong_inverse_and_a_zero_basic_value():
    m = np.array([[2.0, 1.0], [1.0, 3.0]])
    context = _Context(np.ascontiguousarray(np.hstack([m, np.eye(2)]).T), 2, 2)
    # the basis {z1, z2}: B = M, beta = M^-1 1 = (2, 1) / 5
    inverse_t = np.linalg.inv(m).T
    exact = level_of(inverse_t, [0, 1], [2, 3], 12)
    assert context.certified_simple(exact).tolist() == [True]
    assert np.allclose(exact.beta, [[0.4, 0.2]], rtol=0, atol=1e-15)    # beta~ = X 1
    near = level_of(inverse_t * (1 + 1e-9), [0, 1], [2, 3], 12)
    assert context.certified_simple(near).tolist() == [True]            # still proven
    wrong = level_of(inverse_t * 1.6, [0, 1], [2, 3], 12)
    assert context.certified_simple(wrong).tolist() == [False]          # delta >= 1/2
    # a zero basic value (a degenerate basis) is not certified simple, however close
    zero = np.array([[1.0, 1.0], [1.0, 1.0]])
    context = _Context(np.ascontiguousarray(np.hstack([zero, np.eye(2)]).T), 2, 2)
    basis = level_of([[1.0, -1.0], [0.0, 1.0]], [0, 3], [2, 1], 6)      # beta = (1, 0)
    assert context.certified_simple(basis).tolist() == [False]


def test_the_sharper_bound_decides_what_the_first_leaves_open():
    """An inverse off by ``E`` with ``E 1 = 0``: ``delta = || E B || = 0.3`` is too large
    for the first bound (``|| X || delta / (1 - delta) > 0.2``, the smallest basic
    value), but ``beta~ = X 1`` is exact, so the residual ``1 - B beta~`` proves it."""
    m = np.array([[2.0, 1.0], [1.0, 3.0]])
    context = _Context(np.ascontiguousarray(np.hstack([m, np.eye(2)]).T), 2, 2)
    x = np.linalg.inv(m) + 0.1 * np.array([[1.0, -1.0], [1.0, -1.0]])
    delta = np.abs(np.eye(2) - x @ m).sum(axis=1).max()
    first_bound = np.abs(x).sum(axis=1).max() * delta / (1 - delta)
    assert delta < 0.5 and first_bound > 0.2
    level = level_of(x.T, [0, 1], [2, 3], 12)
    assert context.certified_simple(level).tolist() == [True]
    assert np.allclose(level.beta, [[0.4, 0.2]], rtol=0, atol=1e-15)


def test_the_carried_inverse_is_read_transposed():
    """``inverse_t[b]`` holds ``X^T``: the inverse itself in its place (``M`` not
    symmetric, so ``X != X^T``) is no inverse of the basis and is refused."""
    m = np.array([[3.0, 1.0], [2.0, 4.0]])
    context = _Context(np.ascontiguousarray(np.hstack([m, np.eye(2)]).T), 2, 2)
    inverse = np.linalg.inv(m)
    as_carried = level_of(inverse.T, [0, 1], [2, 3], 12)
    assert context.certified_simple(as_carried).tolist() == [True]
    assert np.allclose(as_carried.beta, [[0.3, 0.1]], rtol=0, atol=1e-15)   # M^-1 1
    untransposed = level_of(inverse, [0, 1], [2, 3], 12)
    assert context.certified_simple(untransposed).tolist() == [False]   # delta = 0.6


def test_a_child_reached_from_several_parents_is_listed_once(monkeypatch):
    """``M = 3 I + J`` is a combinatorial cube: level ``k`` is the C(d, k) vertices with
    ``k`` coordinates positive, each reached from ``k`` parents; every copy but one is
    dropped, and the children leading back to the level before are not new."""
    d = 5
    m = 3 * np.eye(d) + 1
    reached = []
    first_of_each = tableau_walk._first_of_each

    def counting(keys):
        kept = first_of_each(keys)
        reached.append((keys.size, kept.size))
        return kept

    monkeypatch.setattr(tableau_walk, "_first_of_each", counting)
    levels = clean_tableau_walk(m, limit=10**6)
    assert [level.size for level in levels] == [math.comb(d, k) for k in range(d + 1)] + [0]
    assert sorted(masks_of(levels)) == sorted(reverse_search(m.astype(int).tolist()).labels)
    assert any(kept < size for size, kept in reached)        # duplicates were produced
    assert sum(level.size for level in levels) == 2 ** d


def test_deadline_limit_and_memory_bound_each_give_none(monkeypatch):
    m = random_matrix(np.random.default_rng(5), 8, 8).astype(float)
    n_vertices = len(masks_of(clean_tableau_walk(m, limit=10**6)))
    assert clean_tableau_walk(m, limit=10**6, deadline=time.monotonic() - 1) is None
    assert clean_tableau_walk(m, limit=n_vertices - 1) is None
    assert len(masks_of(clean_tableau_walk(m, limit=n_vertices))) == n_vertices
    monkeypatch.setattr(tableau_walk, "_LEVEL_BYTES", 1000)
    assert clean_tableau_walk(m, limit=10**6) is None


@pytest.mark.parametrize("n", (8, 9, 10))
def test_equilibria_through_the_walk_equal_gambit(n):
    rng = np.random.default_rng(4400 + n)
    a, b = rng.integers(-500, 501, (n, n)), rng.integers(-500, 501, (n, n))
    found = enumerate_equilibria(bimatrix(a, b), workers=1, polytopes="both")
    assert {found.details["stats"][side]["walk"] for side in "PQ"} == {"inverses"}
    assert found.complete and found.degenerate is False
    assert eq_set(found) == gambit_equilibria(a, b)
