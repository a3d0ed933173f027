"""Knuth's random-probe estimate of the reverse-search tree (estimate.py).

The reference is the exact count of bases of :func:`reverse_search` (itself checked
against a brute-force enumeration in test_revsearch_speed_paths.py).  Knuth's estimator
is unbiased, so the mean of many probes must approach the count; on a tree whose nodes
at each depth have equal numbers of children every probe is exact.  Seeds are fixed, so
every assertion here is deterministic.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from gamesolve.solvers.bimatrix.estimate import SearchEstimate, estimate_search
from gamesolve.solvers.bimatrix.revsearch import reverse_search


def seeded(seed: int, shape: tuple[int, int], high: int) -> list[list[int]]:
    return np.random.default_rng(seed).integers(1, high + 1, shape).tolist()


CASES = [(1, (4, 4), 3), (2, (5, 5), 100), (3, (6, 5), 3), (4, (6, 6), 100),
         (5, (5, 6), 2), (6, (6, 6), 3)]


@pytest.mark.parametrize("seed, shape, high", CASES)
def test_mean_of_many_probes_is_near_the_count(seed, shape, high):
    m = seeded(seed, shape, high)
    bases = reverse_search(m).bases
    est = estimate_search(m, probes=400, seed=0, sample_seconds=0)
    assert est.probes == 400 and est.complete and not est.exact
    assert est.relative_error > 0            # probes differ: the tree is not uniform
    assert abs(est.bases / bases - 1) < 0.25, (est.bases, bases)
    many = estimate_search(m, probes=20_000, seed=0, sample_seconds=0)
    assert abs(many.bases / bases - 1) < 0.05, (many.bases, bases)   # unbiased: converges


def test_entries_past_int64_estimate_in_python_integers():
    m = [[x * 2 ** 40 + 7 * i + j for j, x in enumerate(row)]
         for i, row in enumerate(seeded(7, (4, 4), 3))]
    bases = reverse_search(m).bases
    many = estimate_search(m, probes=4_000, seed=7, sample_seconds=0)
    assert many.relative_error > 0 and abs(many.bases / bases - 1) < 0.1, (many.bases, bases)


@pytest.mark.parametrize("d", [1, 2, 5, 9])
def test_a_simplex_is_estimated_exactly_by_every_probe(d):
    # {z >= 0 : z_0 + ... + z_{d-1} <= 1}: the root and one leaf per vertex z = e_i
    m = [[1] * d]
    assert reverse_search(m).bases == 1 + d
    for seed in range(3):
        est = estimate_search(m, probes=5, seed=seed, sample_seconds=0)
        assert (est.bases, est.relative_error) == (1 + d, 0.0)


def test_the_same_seed_gives_the_same_estimate():
    m = seeded(8, (7, 7), 3)
    runs = [estimate_search(m, probes=50, seed=s, sample_seconds=0).bases for s in (0, 0, 1)]
    assert runs[0] == runs[1] != runs[2]


def test_a_search_finished_by_the_timing_sample_is_exact():
    m = seeded(9, (4, 4), 3)
    est = estimate_search(m, sample_seconds=5)
    assert est.exact and est.complete and est.probes == 0
    assert est.bases == est.visited == reverse_search(m).bases
    assert est.seconds > 0 and est.seconds_per_basis > 0


def test_an_unfinished_sample_gives_a_lower_bound_and_the_seconds():
    m = seeded(10, (12, 12), 3)
    est = estimate_search(m, sample_seconds=1e-4)
    assert not est.exact and est.probes > 0
    assert 1 <= est.visited < reverse_search(m).bases
    assert est.seconds == max(est.bases, est.visited) * est.seconds_per_basis > 0


def test_a_passed_deadline_says_the_estimate_is_cut_short():
    est = estimate_search(seeded(11, (8, 8), 3), deadline=time.monotonic() - 1)
    assert isinstance(est, SearchEstimate) and not est.complete
    assert est.bases == 1.0                  # only the root was counted


def test_no_probes_is_refused():
    with pytest.raises(ValueError, match="probe"):
        estimate_search([[1]], probes=0)
