"""Two-player enumeration with Q in a worker process, and the block matcher.

References are independent: pygambit's rational ``enummixed`` and games worked by hand.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from test_bimatrix import assert_certified, bimatrix, eq_set, gambit_equilibria

from gamesolve.solvers.bimatrix import parallel
from gamesolve.solvers.bimatrix.parallel import parallel_possible
from gamesolve.solvers.bimatrix.solve import enumerate_equilibria

needs_fork = pytest.mark.skipif(not parallel_possible(), reason="needs fork and two cores")


@pytest.fixture
def worker_pids(monkeypatch):
    """The pids of the polytope workers started during the test."""
    pids: list[int] = []

    class Recorded(parallel.ForkedTask):
        def __init__(self, task):
            super().__init__(task)
            pids.append(self.pid)

    monkeypatch.setattr(parallel, "ForkedTask", Recorded)
    return pids


def all_reaped(pids: list[int]) -> bool:
    """True when every pid is no child of ours any more (ended and reaped)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def degenerate(rng, n):
    return rng.integers(0, 4, (n, n)), rng.integers(0, 4, (n, n))


@needs_fork
@pytest.mark.parametrize("seed", range(6))
def test_worker_answer_equals_gambit_and_the_single_process_answer(seed):
    rng = np.random.default_rng(7100 + seed)
    for n in (2, 3, 4, 5):
        a, b = degenerate(rng, n)
        g = bimatrix(a, b)
        two = enumerate_equilibria(g, workers=2)
        one = enumerate_equilibria(g, workers=1)
        assert eq_set(two) == gambit_equilibria(a, b), (a.tolist(), b.tolist())
        assert [e.exact for e in two.equilibria] == [e.exact for e in one.equilibria]
        assert two.components == one.components and two.complete and one.complete
        assert_certified(g, two)


@pytest.mark.parametrize("n", (6, 7, 8))
def test_equals_gambit_on_degenerate_games_up_to_8x8(n):
    rng = np.random.default_rng(7300 + n)
    a, b = degenerate(rng, n)
    for workers in (1, 2) if parallel_possible() else (1,):
        found = enumerate_equilibria(bimatrix(a, b), workers=workers)
        assert eq_set(found) == gambit_equilibria(a, b) and found.complete
        assert_certified(bimatrix(a, b), found)


@pytest.mark.slow
@pytest.mark.parametrize("n", (6, 7, 8, 9))
def test_equals_gambit_on_more_degenerate_games(n):
    rng = np.random.default_rng(7400 + n)
    for _ in range(6):
        a, b = degenerate(rng, n)
        assert eq_set(enumerate_equilibria(bimatrix(a, b))) == gambit_equilibria(a, b)


@pytest.mark.parametrize("workers", (1, 2))
def test_wide_games_every_profile_an_equilibrium(workers):
    """33 + 32 = 65 labels (the Python-int masks).  Each player's payoff depends only on
    the other's strategy, so every profile is an equilibrium: the extreme ones are the
    33 * 32 pure profiles, all in one component (worked by hand)."""
    rng = np.random.default_rng(5)
    a = np.tile(rng.integers(0, 9, 32), (33, 1))             # A[i, j] = a_j
    b = np.tile(rng.integers(0, 9, 33)[:, None], (1, 32))    # B[i, j] = b_i
    found = enumerate_equilibria(bimatrix(a, b), workers=workers if parallel_possible() else 1)
    assert found.complete and found.degenerate
    assert len(found.equilibria) == 33 * 32 and all(e.pure for e in found.equilibria)
    assert found.components == (tuple(range(33 * 32)),)


@needs_fork
def test_a_failed_worker_is_replaced_by_the_callers_own_enumeration(monkeypatch, worker_pids):
    def broken(*args, **kwargs):
        raise MemoryError("no room")

    monkeypatch.setattr(parallel, "enumerate_vertices", broken)   # in the forked worker
    rng = np.random.default_rng(11)
    a, b = degenerate(rng, 5)
    found = enumerate_equilibria(bimatrix(a, b), workers=2)
    assert found.complete and eq_set(found) == gambit_equilibria(a, b)
    assert len(worker_pids) == 1 and all_reaped(worker_pids)


@needs_fork
def test_a_passed_deadline_stops_both_processes_and_says_incomplete(worker_pids):
    rng = np.random.default_rng(12)
    a, b = degenerate(rng, 14)
    start = time.monotonic()
    found = enumerate_equilibria(bimatrix(a, b), workers=2, deadline=start + 0.2)
    assert not found.complete and found.components == ()
    assert any("stopped at the time limit" in w for w in found.warnings)
    assert len(worker_pids) == 1 and all_reaped(worker_pids)
    assert_certified(bimatrix(a, b), found)


@pytest.mark.parametrize("workers", (1, 2))
def test_each_equilibrium_is_streamed_once(workers):
    rng = np.random.default_rng(13)
    a, b = degenerate(rng, 9)
    heard = []
    found = enumerate_equilibria(bimatrix(a, b), on_equilibrium=heard.append,
                                 workers=workers if parallel_possible() else 1)
    assert sorted(e.exact for e in heard) == sorted(e.exact for e in found.equilibria)
    assert len(heard) == len(found.equilibria) > 1


@pytest.mark.parametrize("subsets_max", (1, 4096))
def test_label_matching_equals_brute_force_containment(monkeypatch, subsets_max):
    """Every (P vertex, Q vertex) pair the matcher tries is exactly the pairs whose labels
    cover all m + n labels, found here by testing every pair; with at most one subset per
    degenerate vertex every one of them goes through the containment fallbacks."""
    from gamesolve.solvers.bimatrix import matching
    from gamesolve.solvers.bimatrix.common import _int_matrices
    from gamesolve.solvers.bimatrix.solve import _polytope_matrices
    from gamesolve.solvers.bimatrix.vertices import enumerate_vertices

    monkeypatch.setattr(matching, "_SUBSETS_MAX", subsets_max)
    rng = np.random.default_rng(77)
    for _ in range(8):
        a, b = degenerate(rng, int(rng.integers(3, 8)))
        g = bimatrix(a, b)
        n = g.shape[1]
        p_mat, q_mat = _polytope_matrices(g)
        p_poly, q_poly = enumerate_vertices(p_mat), enumerate_vertices(q_mat)
        tried: list[tuple[int, int]] = []
        matcher = matching.Matcher(g, q_poly, _int_matrices(g), None)
        matcher.certify = lambda p, q, point, tried=tried: tried.append((p, q))
        matcher.add_block(0, p_poly.labels, p_poly.point)
        q_labels = np.concatenate([q_poly.labels[:, n:], q_poly.labels[:, :n]], axis=1)
        expected = {(p, q) for p in range(1, len(p_poly.labels))
                    for q in range(1, len(q_labels)) if (p_poly.labels[p] | q_labels[q]).all()}
        assert sorted(tried) == sorted(expected)
