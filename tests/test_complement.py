"""Player 1's partners solved from the labels of Q's vertices (``polytopes="one"``, as
lrsnash does) instead of listing P's vertices.

References: hand-worked games with their components, and pygambit's rational
``enummixed`` (which lists both polytopes) on seeded random games, degenerate ones included.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from test_bimatrix import assert_certified, bimatrix, eq_set, fr, gambit_equilibria

from gamesolve.errors import GameError
from gamesolve.solvers.bimatrix.complement import complementary_points
from gamesolve.solvers.bimatrix.solve import DEGENERATE_WARNING, enumerate_equilibria
from gamesolve.solvers.bimatrix.vertices import enumerate_vertices


def p_method(result) -> str:
    return result.details["stats"]["P"]["method"]


def test_a_nondegenerate_game_by_hand():
    # 3x2, von Stengel's example (Handbook of Game Theory 3, ch. 45): three equilibria
    g = bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    r = enumerate_equilibria(g, polytopes="one")
    assert p_method(r) == "complementary" and r.details["vertices"][0] is None
    assert eq_set(r) == {(fr(1, 0, 0), fr(1, 0)), (fr("4/5", "1/5", 0), fr("2/3", "1/3")),
                         (fr(0, "1/3", "2/3"), fr("1/3", "2/3"))}
    assert r.complete and r.components == ((0,), (1,), (2,))
    assert r.degenerate is None          # P's other vertices were never looked at
    assert_certified(g, r)


def test_a_degenerate_partner_is_reported():
    # (1,0,0) has two best responses; Q is simple, so the partner is solved, not listed
    g = bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    r = enumerate_equilibria(g, polytopes="one")
    assert p_method(r) == "complementary"
    assert [eq.exact for eq in r.equilibria] == [
        (fr(1, 0, 0), fr(1, 0)),
        (fr(1, 0, 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    ]
    assert r.degenerate is True and DEGENERATE_WARNING in r.warnings
    assert r.components == ((0, 1), (2,))
    assert_certified(g, r)


def test_a_singular_system_falls_back_to_listing_p():
    # player 2's payoffs do not depend on player 1's choice: at y = (1/2, 1/2) the
    # complementary system has two equal rows, its face of P is an edge
    g = bimatrix([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    r = enumerate_equilibria(g, polytopes="one")
    assert p_method(r) != "complementary"
    half = fr("1/2", "1/2")
    row1, row2 = (fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1))   # (x, y) pairs
    assert eq_set(r) == {row1, (fr(1, 0), half), row2, (fr(0, 1), half)}
    # row 1 with y1 >= 1/2, row 2 with y2 >= 1/2, and any x against y = (1/2, 1/2)
    assert sorted(sorted(r.equilibria[e].exact for e in c) for c in r.components) == sorted([
        sorted([row1, (fr(1, 0), half)]), sorted([row2, (fr(0, 1), half)]),
        sorted([(fr(1, 0), half), (fr(0, 1), half)])])
    assert r.degenerate is True and r.complete
    assert_certified(g, r)


def test_degenerate_vertices_of_q_pair_with_the_vertices_of_a_face():
    g = bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]])   # every profile is an equilibrium
    q = enumerate_vertices([[1, 1], [1, 1]])
    found = complementary_points([[1, 1], [1, 1]], q)
    assert found.degenerate and found.stats["degenerate_vertices_of_Q"] == 2
    assert sorted(point for _, point in found.pairs) == [((0, 1), 1)] * 2 + [((1, 0), 1)] * 2
    r = enumerate_equilibria(g, polytopes="one")
    assert p_method(r) == "complementary" and r.degenerate is True
    assert len(r.equilibria) == 4 and r.components == ((0, 1, 2, 3),)


def test_a_face_with_dependent_constraints_falls_back_to_listing_p():
    # y = (1/2, 1/2) makes all three rows best responses (a degenerate vertex of Q), and
    # player 2's two columns pay her the same: the required rows of P are equal
    a, b = [[4, 2], [2, 4], [3, 3]], [[1, 1], [2, 2], [3, 3]]
    r = enumerate_equilibria(bimatrix(a, b), polytopes="one")
    assert p_method(r) != "complementary"
    assert eq_set(r) == gambit_equilibria(np.array(a), np.array(b)) and r.degenerate


def test_the_deadline_stops_the_solves():
    rng = np.random.default_rng(5)
    a = rng.integers(1, 1000, (6, 6))
    q = enumerate_vertices(a.tolist())
    found = complementary_points(rng.integers(1, 1000, (6, 6)).tolist(), q, deadline=0.0)
    assert found is not None and not found.complete and found.pairs == []


def test_an_unknown_choice_is_refused():
    g = bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError, match="polytopes"):
        enumerate_equilibria(g, polytopes="two")


@pytest.mark.parametrize("seed", range(12))
def test_random_games_equal_gambit(seed):
    rng = np.random.default_rng(7100 + seed)
    m, n = int(rng.integers(2, 8)), int(rng.integers(2, 8))
    high = (3, 9, 500)[seed % 3]          # small payoffs: ties and degeneracy
    a, b = rng.integers(0, high + 1, (m, n)), rng.integers(0, high + 1, (m, n))
    r = enumerate_equilibria(bimatrix(a, b), polytopes="one")
    assert r.complete and r.rejected == 0
    assert eq_set(r) == gambit_equilibria(a, b)
    both = enumerate_equilibria(bimatrix(a, b), polytopes="both")
    assert [set(map(_exact(r), c)) for c in r.components] == \
        [set(map(_exact(both), c)) for c in both.components]


def _exact(result):
    return lambda e: result.equilibria[e].exact


@pytest.mark.parametrize("n", (8, 10))
def test_auto_solves_partners_of_a_walked_polytope(n):
    rng = np.random.default_rng(4400 + n)
    a, b = rng.integers(-500, 501, (n, n)), rng.integers(-500, 501, (n, n))
    r = enumerate_equilibria(bimatrix(a, b), workers=1)
    assert r.details["stats"]["Q"]["method"] == "graph" and p_method(r) == "complementary"
    assert r.complete and eq_set(r) == gambit_equilibria(a, b)
    payoffs = {eq.exact_payoffs for eq in r.equilibria}
    assert all(isinstance(v, F) for pair in payoffs for v in pair)


def test_auto_lists_only_q_without_a_worker_when_q_is_walked():
    from gamesolve.solvers.bimatrix.parallel import parallel_possible
    from gamesolve.solvers.bimatrix.solve import _polytope_matrices, uses_worker

    rng = np.random.default_rng(12)
    many = bimatrix(rng.integers(-500, 501, (12, 12)), rng.integers(-500, 501, (12, 12)))
    few = bimatrix(rng.integers(0, 4, (12, 12)), rng.integers(0, 4, (12, 12)))
    assert not uses_worker(12, 12, _polytope_matrices(many)[1])
    assert uses_worker(12, 12, _polytope_matrices(few)[1]) == parallel_possible()
    assert uses_worker(12, 12, _polytope_matrices(many)[1], vertex_method="reverse") \
        == parallel_possible()
    assert uses_worker(12, 12, _polytope_matrices(few)[1], polytopes="one") is False
    r = enumerate_equilibria(many)
    assert p_method(r) == "complementary" and r.complete
    assert eq_set(r) == eq_set(enumerate_equilibria(many, polytopes="both", workers=1))


def test_small_games_keep_their_degeneracy_decided():
    # a 6 x 6 game with many distinct payoffs: both polytopes walked as graphs, not solved
    rng = np.random.default_rng(66)
    a, b = rng.integers(-500, 501, (6, 6)), rng.integers(-500, 501, (6, 6))
    r = enumerate_equilibria(bimatrix(a, b))
    assert r.details["stats"]["Q"]["method"] == r.details["stats"]["P"]["method"] == "graph"
    exact = enumerate_equilibria(bimatrix(a, b), vertex_method="reverse")
    assert r.degenerate is exact.degenerate is False
    assert eq_set(r) == gambit_equilibria(a, b)
