"""Listing P instead of Q (``solvers/bimatrix/orientation.py``): the transposed game, the
answer mapped back, and auto's choice on games where P's first walk levels are smaller.

References: pygambit's rational ``enummixed`` and lrsnash (exact, independent), hand-worked
games; the order and components must be those of an enumeration of the game itself.
"""

from __future__ import annotations

import time
from fractions import Fraction as F
from types import SimpleNamespace

import numpy as np
import pytest
from test_bimatrix import assert_certified, bimatrix, eq_set, gambit_equilibria
from test_complement_adversarial import (
    components_of,
    lrsnash_equilibria,
    needs_lrsnash,
    reference_components,
)

from gamesolve.model import Game
from gamesolve.solvers.base import verify_exact
from gamesolve.solvers.bimatrix import enumerate_equilibria
from gamesolve.solvers.bimatrix.orientation import (
    p_looks_smaller,
    transposed,
    untransposed,
)
from gamesolve.solvers.bimatrix.solve import _polytope_matrices, lists_p


def random_game(seed: int, n: int, low: int = -500, high: int = 500) -> Game:
    rng = np.random.default_rng(seed)
    return bimatrix(rng.integers(low, high + 1, size=(n, n)), rng.integers(low, high + 1,
                                                                            size=(n, n)))


def test_transposed_swaps_the_players_exactly():
    g = Game.from_payoffs([[["1/2", 2, 3], [4, "5/3", 6]], [[0, 1, "7/4"], [1, 0, 1]]])
    t = transposed(g)
    assert t.shape == (3, 2)
    assert [p.name for p in t.players] == [p.name for p in reversed(g.players)]
    for i in range(2):
        for j in range(3):
            assert t.exact_payoffs((j, i)) == tuple(reversed(g.exact_payoffs((i, j))))
    assert t.exact_payoffs((0, 0)) == (F(0), F(1, 2))
    assert _polytope_matrices(t) == tuple(reversed(_polytope_matrices(g)))


def by_itself(game: Game):
    """The reference layout: both polytopes listed, in this process."""
    return enumerate_equilibria(game, polytopes="both", workers=1)


def assert_same_answer(found, reference) -> None:
    """Same equilibria in the same order, same components and connected components."""
    assert [eq.exact for eq in found.equilibria] == [eq.exact for eq in reference.equilibria]
    assert [(eq.strategies, eq.payoffs, eq.exact_payoffs, eq.pure, eq.strict, eq.component)
            for eq in found.equilibria] == [
        (eq.strategies, eq.payoffs, eq.exact_payoffs, eq.pure, eq.strict, eq.component)
        for eq in reference.equilibria]
    assert found.components == reference.components
    assert found.details["connected_components"] == reference.details["connected_components"]
    assert found.complete == reference.complete


@pytest.mark.parametrize("seed", range(12))
def test_the_transposed_answer_mapped_back_is_the_games_own(seed):
    """Small games, half of them with payoffs 0..2 (degenerate, with components), against
    pygambit and brute-force components."""
    n = 3 + seed % 5
    game = random_game(seed, n, *((0, 2) if seed % 2 else (-9, 9)))
    found = untransposed(enumerate_equilibria(transposed(game), polytopes="both", workers=1))
    assert_certified(game, found)
    assert eq_set(found) == gambit_equilibria(game.scaled[0], game.scaled[1])
    assert components_of(found) == reference_components(eq_set(found))
    assert_same_answer(found, by_itself(game))
    assert found.details["vertices"] == tuple(reversed(
        enumerate_equilibria(transposed(game), polytopes="both", workers=1).details["vertices"]))


def test_a_degenerate_game_keeps_its_component_mapped_back():
    """(T, L) and (T, R) form one component (hand-worked): so after the swap."""
    game = bimatrix([[1, 1], [1, 0]], [[1, 1], [0, 1]])
    found = untransposed(enumerate_equilibria(transposed(game), workers=1))
    assert found.degenerate is True
    pure = {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(0), F(1)))}
    assert pure <= eq_set(found)
    assert any({found.equilibria[e].exact for e in c} >= pure for c in found.components)
    assert_same_answer(found, by_itself(game))


def test_the_guess_is_made_once_per_game_unless_a_deadline_cut_it(monkeypatch):
    """auto's estimate and its solve ask for the same guess: the second is not walked
    again; a guess the deadline cut short (False, not a prediction) is not kept."""
    from gamesolve.solvers.bimatrix import orientation
    monkeypatch.setattr(orientation, "_GUESSES", {})
    walk = orientation.clean_tableau_walk
    walks = []

    def counted(*args, **kwargs):
        walks.append(1)
        return walk(*args, **kwargs)

    monkeypatch.setattr(orientation, "clean_tableau_walk", counted)
    p_mat, q_mat = _polytope_matrices(random_game(7, 8))
    assert p_looks_smaller(q_mat, p_mat, deadline=time.monotonic() - 1) is False
    assert not walks                           # a deadline past: no walk, no guess
    first = p_looks_smaller(q_mat, p_mat)
    assert len(walks) == 2                     # the first levels of both polytopes
    assert p_looks_smaller(q_mat, p_mat) is first and len(walks) == 2     # kept
    sizes = [sum(level.size for level in walk(np.array(mat, dtype=float), 1 << 30, levels=3))
             for mat in (q_mat, p_mat)]
    assert first == (sizes[0] < sizes[1])      # what is kept is the levels' comparison

    clock = iter([0.0, 10.0])                  # the deadline passes during the walks
    monkeypatch.setattr(orientation, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    assert p_looks_smaller(p_mat, q_mat, deadline=5.0) is False
    monkeypatch.setattr(orientation, "time", time)
    walks.clear()
    p_looks_smaller(p_mat, q_mat)
    assert len(walks) == 2                     # the cut guess was not kept


def test_degenerate_and_ill_posed_walks_predict_nothing():
    """A walk that cannot start (a degenerate polytope) gives no prediction: Q is listed."""
    flat = [[1] * 4 for _ in range(4)]
    varied = _polytope_matrices(random_game(1, 4))[1]
    assert p_looks_smaller(flat, varied) is False
    assert p_looks_smaller(varied, flat) is False


# seeds whose 14 x 14 games have P's first levels the smaller (checked below)
FLIPPED = [505, 508]


@pytest.fixture(scope="module", params=FLIPPED)
def flipped_game(request):
    game = random_game(request.param, 14)
    assert lists_p(14, 14, *_polytope_matrices(game))
    return game


@needs_lrsnash
def test_auto_lists_p_and_answers_as_lrsnash(flipped_game):
    streamed = []
    found = enumerate_equilibria(flipped_game, on_equilibrium=streamed.append)
    assert found.details["algorithm"].startswith("vertex enumeration of player 1's")
    assert found.details["vertices"][1] is None and found.details["vertices"][0] > 0
    assert_certified(flipped_game, found)
    reference = lrsnash_equilibria(flipped_game.scaled[0], flipped_game.scaled[1])
    assert eq_set(found) == reference
    assert found.complete and found.degenerate in (None, True)
    # the stream hears the game's own equilibria (not the transposed game's), each certified
    assert {eq.exact for eq in streamed} == reference
    for eq in streamed:
        assert verify_exact(flipped_game, eq.exact) == eq.exact_payoffs


def test_auto_lists_p_with_the_order_and_components_of_listing_both(flipped_game):
    assert_same_answer(enumerate_equilibria(flipped_game), by_itself(flipped_game))


def test_a_timed_out_run_on_p_names_player_1s_polytope(flipped_game, monkeypatch):
    """The messages name the game's players, not the transposed game's.  (A deadline
    already past also stops the comparison, which then keeps Q: so it is fixed here.)"""
    # the module enumerate_equilibria runs in (a doctest run may import solve.py twice)
    monkeypatch.setitem(enumerate_equilibria.__globals__, "p_looks_smaller",
                        lambda *args: True)
    found = enumerate_equilibria(flipped_game, deadline=time.monotonic())
    assert found.complete is False
    assert any("during the graph walk of player 1's best-response polytope" in w
               for w in found.warnings), found.warnings


def test_a_deadline_past_keeps_q():
    game = random_game(FLIPPED[0], 14)
    found = enumerate_equilibria(game, deadline=time.monotonic())
    assert found.complete is False
    assert any("of player 2's best-response polytope" in w for w in found.warnings)


def test_explicit_layouts_are_kept():
    """``polytopes="one"`` lists Q as documented, ``"both"`` both; ``reverse`` never
    chooses."""
    game = random_game(FLIPPED[0], 14)
    assert enumerate_equilibria(game, polytopes="one").details["algorithm"].startswith(
        "vertex enumeration of player 2's")
    p_mat, q_mat = _polytope_matrices(game)
    assert lists_p(14, 14, p_mat, q_mat)
    assert not lists_p(14, 14, p_mat, q_mat, polytopes="one")
    assert not lists_p(14, 14, p_mat, q_mat, vertex_method="reverse")
    assert not lists_p(13, 13, p_mat, q_mat)   # below CHOOSE_FROM: not worth a comparison


def rectangular_game(seed: int, m: int, n: int) -> Game:
    rng = np.random.default_rng(seed)
    return bimatrix(rng.integers(-500, 501, size=(m, n)), rng.integers(-500, 501, size=(m, n)))


def test_a_rectangular_game_lists_the_polytope_of_the_player_with_fewer_strategies():
    """No comparison of walks: by shape, at any size where one polytope is listed (both
    walked as graphs, above SOLVE_PARTNERS_FROM); not where both are listed anyway."""
    wide, tall = rectangular_game(2, 8, 12), rectangular_game(2, 12, 8)
    assert lists_p(8, 12, *_polytope_matrices(wide))
    assert not lists_p(12, 8, *_polytope_matrices(tall))
    assert not lists_p(8, 12, *_polytope_matrices(wide), polytopes="one")
    assert not lists_p(8, 12, *_polytope_matrices(wide), vertex_method="reverse")
    small = rectangular_game(2, 3, 5)                  # C(8, 5) = 56: both listed
    assert not lists_p(3, 5, *_polytope_matrices(small))
    ties = bimatrix(np.arange(96).reshape(8, 12) % 4, np.arange(96).reshape(8, 12) % 3)
    assert not lists_p(8, 12, *_polytope_matrices(ties))   # few values: reverse search
    found = enumerate_equilibria(wide)
    assert found.details["stats"]["P"]["method"] == "graph"        # P listed ...
    assert found.details["stats"]["Q"]["method"] == "complementary"   # ... Q's side solved
    assert found.details["vertices"][1] is None


@pytest.mark.parametrize(("seed", "m", "n"), [(0, 7, 9), (1, 8, 12), (2, 5, 13), (3, 10, 11)])
@needs_lrsnash
def test_rectangular_games_listing_p_answer_as_lrsnash(seed, m, n):
    game = rectangular_game(seed, m, n)
    assert lists_p(m, n, *_polytope_matrices(game))
    found = enumerate_equilibria(game)
    assert_certified(game, found)
    assert eq_set(found) == lrsnash_equilibria(game.scaled[0].tolist(), game.scaled[1].tolist())
    assert_same_answer(found, by_itself(game))
    tall = transposed(game)                             # Q listed, as before: the same
    assert not lists_p(n, m, *_polytope_matrices(tall))
    assert_same_answer(untransposed(enumerate_equilibria(tall)), found)
