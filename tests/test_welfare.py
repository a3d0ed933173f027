"""Pareto optimality and security levels (solvers/welfare.py)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from conftest import (
    battle_of_the_sexes,
    bimatrix,
    chicken,
    matching_pennies,
    naive_pure_security,
    named_game,
    prisoners_dilemma,
    random_game,
    small_games,
    stag_hunt,
    transform_player,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from gamesolve.model import Game
from gamesolve.solvers import welfare
from gamesolve.solvers.welfare import (
    Security,
    pareto_dominators,
    pareto_optimal_profiles,
    security_levels,
)

F = Fraction


def naive_pareto(game: Game) -> list[tuple[int, ...]]:
    profiles = list(itertools.product(*(range(s) for s in game.shape)))
    pays = {x: game.exact_payoffs(x) for x in profiles}

    def dominates(a, b):
        return all(x >= y for x, y in zip(pays[a], pays[b])) and pays[a] != pays[b]

    return [x for x in profiles if not any(dominates(y, x) for y in profiles)]


# ---------------------------------------------------------------------- Pareto
@pytest.mark.parametrize("make, expected", [
    (prisoners_dilemma, [(0, 0), (0, 1), (1, 0)]),
    (battle_of_the_sexes, [(0, 0), (1, 1)]),
    (stag_hunt, [(0, 0)]),
    (chicken, [(0, 0), (0, 1), (1, 0)]),
    (matching_pennies, [(0, 0), (0, 1), (1, 0), (1, 1)]),  # zero-sum: everything optimal
])
def test_textbook_pareto_sets(make, expected):
    g = make()
    assert pareto_optimal_profiles(g) == expected == naive_pareto(g)


def test_pareto_ties_and_duplicates():
    # (1,1) twice: both kept; (1,0) is beaten by (1,1) with a tie in the first coordinate
    g = bimatrix([[(1, 1), (1, 1)], [(1, 0), (0, 1)]])
    assert pareto_optimal_profiles(g) == [(0, 0), (0, 1)]
    assert pareto_dominators(g, (1, 0)) == [(0, 0), (0, 1)]
    assert pareto_dominators(g, (1, 1)) == [(0, 0), (0, 1)]
    assert pareto_dominators(g, (0, 0)) == []
    # a constant game: every profile is Pareto optimal, none dominates another
    g = Game.from_payoffs(np.full((3, 2, 2, 2), 5))
    assert pareto_optimal_profiles(g) == list(itertools.product(range(2), repeat=3))


def test_pareto_with_fractions_compares_exactly():
    # 1/3 vs 0.333...: differ in the 17th digit; different denominators per player
    g = bimatrix([[("1/3", "1/7"), ("0.33333333333333333", "1/7")]])
    assert pareto_optimal_profiles(g) == [(0, 0)]
    assert pareto_dominators(g, (0, 1)) == [(0, 0)]


def test_pareto_one_player_and_single_profile():
    assert pareto_optimal_profiles(Game.from_payoffs([[2, 5, 5, 1]])) == [(1,), (2,)]
    assert pareto_optimal_profiles(Game.from_payoffs(np.array([[[3]], [[4]]]))) == [(0, 0)]


def test_pareto_huge_integers_object_dtype():
    big = 2**70
    g = bimatrix([[(big, big), (big + 1, big)], [(big, big + 1), (big - 1, big + 2)]])
    assert g.scaled.dtype == object
    assert pareto_optimal_profiles(g) == [(0, 1), (1, 0), (1, 1)] == naive_pareto(g)


def test_pareto_sum_overflow_regression():
    # int64 payoffs just below 2**62 whose sums over three players overflow int64: the
    # dominating profile's sum wrapped around and it was visited last, so the dominated
    # profile (0, 0, 0) was reported Pareto optimal
    big = 2**62 - 1
    payoffs = np.zeros((3, 2, 1, 1), dtype=np.int64)
    payoffs[:, 0, 0, 0] = [big, big, 0]
    payoffs[:, 1, 0, 0] = [big, big, big]
    g = Game.from_payoffs(payoffs)
    assert g.scaled.dtype == np.int64
    assert pareto_optimal_profiles(g) == [(1, 0, 0)] == naive_pareto(g)


@pytest.mark.parametrize("seed", range(25))
def test_pareto_random_games_across_blocks(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 5))
    shape = tuple(int(x) for x in rng.integers(1, 5, size=n))
    g = random_game(seed, shape, 0, 3)
    expected = naive_pareto(g)
    assert pareto_optimal_profiles(g) == expected
    monkeypatch.setattr(welfare, "PARETO_BLOCK", 3)
    assert pareto_optimal_profiles(g) == expected
    for prof in g.profiles():
        assert (pareto_dominators(g, prof) == []) == (prof in expected)


def test_pareto_too_many_profiles(monkeypatch):
    monkeypatch.setattr(welfare, "MAX_PARETO_PROFILES", 3)
    assert pareto_optimal_profiles(prisoners_dilemma()) is None


# ---------------------------------------------------------------------- security levels
def test_prisoners_dilemma_security():
    levels = security_levels(prisoners_dilemma())
    assert levels == [Security(0, 1, F(1), (F(0), F(1)), F(1), (1,)),
                      Security(1, 1, F(1), (F(0), F(1)), F(1), (1,))]


def test_matching_pennies_mixed_beats_pure():
    for s in security_levels(matching_pennies()):
        assert s.pure_level == -1 and s.pure_strategy == 0
        assert s.mixed_level == 0
        assert s.mixed_strategy == (F(1, 2), F(1, 2))


def test_rock_paper_scissors_security():
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = Game.from_payoffs([a, (-np.array(a)).tolist()])
    for s in security_levels(g):
        assert s.pure_level == -1
        assert s.mixed_level == 0 and s.mixed_strategy == (F(1, 3),) * 3


def test_mixed_security_with_awkward_weights():
    # maxmin of [[8, 0], [0, 3]] is 24/11 with (3/11, 8/11): regression, the mix was rounded
    # only to denominators <= 10, failed the check and no mixed level was reported
    g = Game.from_payoffs([[[8, 0], [0, 3]], [[0, 0], [0, 0]]])
    s = security_levels(g)[0]
    assert (s.pure_level, s.mixed_strategy, s.mixed_level) == (F(0), (F(3, 11), F(8, 11)),
                                                                F(24, 11))
    g = Game.from_payoffs([[[80, 0], [0, 31]], [[0, 0], [0, 0]]])
    s = security_levels(g)[0]
    assert (s.mixed_strategy, s.mixed_level) == ((F(31, 111), F(80, 111)), F(2480, 111))


def test_security_three_strategies_with_an_unused_one():
    g = Game.from_payoffs([[[3, 0, 1], [0, 2, 5], [1, 1, 1]], np.zeros((3, 3), dtype=int)])
    s = security_levels(g)[0]
    assert (s.pure_strategy, s.pure_level) == (2, F(1))
    assert s.mixed_strategy == (F(2, 5), F(3, 5), F(0)) and s.mixed_level == F(6, 5)


def test_saddle_point_needs_no_lp(monkeypatch):
    import scipy.optimize

    def boom(*args, **kwargs):
        raise AssertionError("no LP expected")

    monkeypatch.setattr(scipy.optimize, "linprog", boom)
    g = Game.from_payoffs([[[4, 2], [3, 1]], [[0, 0], [0, 0]]])
    s = security_levels(g)[0]
    assert (s.pure_strategy, s.pure_level, s.mixed_strategy, s.mixed_level) == (
        0, F(2), (F(1), F(0)), F(2))


def test_security_fractions_and_denominators():
    g = Game.from_payoffs([[["1/2", "-1/2"], ["-1/3", "1/3"]], [[0, 0], [0, 0]]])
    s = security_levels(g)[0]
    assert (s.pure_level == F(-1, 2) and s.pure_strategy == 0) or s.pure_level == F(-1, 3)
    assert s.pure_level == F(-1, 3) and s.pure_strategy == 1
    # x/2 - (1-x)/3 = -x/2 + (1-x)/3  =>  x = 2/5, level 0
    assert s.mixed_strategy == (F(2, 5), F(3, 5)) and s.mixed_level == 0


def test_security_one_player_single_strategy_and_three_players():
    s = security_levels(Game.from_payoffs([[2, 7, 7]]))[0]
    assert (s.pure_strategy, s.pure_level, s.mixed_level) == (1, F(7), F(7))
    g = named_game([[[1], [4]], [[6], [2]]], [("Row", "TB"), ("Col", "L")])
    col = security_levels(g)[1]
    assert (col.pure_strategy, col.pure_level, col.mixed_strategy, col.mixed_level) == (
        0, F(2), (F(1),), F(2))
    # three players: the opponents' joint profiles are the columns (worst case, correlated)
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[0] = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]
    s = security_levels(Game.from_payoffs(payoffs))[0]
    assert s.pure_level == -1 and s.mixed_level == 0 and s.mixed_strategy == (F(1, 2),) * 2


def test_security_huge_integers():
    big = 2**70
    g = Game.from_payoffs([[[big + 2, big], [big, big + 2]], [[0, 0], [0, 0]]])
    s = security_levels(g)[0]
    assert s.pure_level == big
    assert s.mixed_level == big + 1 and s.mixed_strategy == (F(1, 2), F(1, 2))


def test_security_without_mixed():
    s = security_levels(matching_pennies(), mixed=False)[0]
    assert s.mixed_level is None and s.mixed_strategy is None and s.pure_level == -1


def opponents_value(u: np.ndarray) -> float:
    """Independent float check: min over distributions y on the columns of max_s (u y)_s."""
    from scipy.optimize import linprog

    m, cols = u.shape
    c = np.zeros(cols + 1)
    c[-1] = 1.0
    a_ub = np.hstack([u.astype(float), -np.ones((m, 1))])
    a_eq = np.zeros((1, cols + 1))
    a_eq[0, :cols] = 1
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(m), A_eq=a_eq, b_eq=[1],
                  bounds=[(0, None)] * cols + [(None, None)], method="highs")
    assert res.status == 0
    return float(res.fun)


@pytest.mark.parametrize("seed", range(40))
def test_security_random_games(seed):
    rng = np.random.default_rng(500 + seed)
    n = int(rng.integers(1, 4))
    shape = tuple(int(x) for x in rng.integers(1, 6, size=n))
    wide = seed % 4 == 0  # wide payoffs: optimal mixes with large denominators
    g = random_game(seed, shape, -10**6 if wide else -3, 10**6 if wide else 3)
    for s in security_levels(g):
        p = s.player
        assert s.pure_level == naive_pure_security(g, p)
        u = np.moveaxis(g.exact_array(p), p, 0).reshape(g.shape[p], -1)
        assert min(u[s.pure_strategy]) == s.pure_level
        assert s.mixed_level is not None
        # the mix guarantees exactly its level, and no more than min over columns of the max
        assert sum(s.mixed_strategy) == 1 and min(s.mixed_strategy) >= 0
        guaranteed = min(sum(w * u[i][t] for i, w in enumerate(s.mixed_strategy))
                         for t in range(u.shape[1]))
        assert guaranteed == s.mixed_level
        assert s.pure_level <= s.mixed_level <= min(max(u[:, t]) for t in range(u.shape[1]))
        # optimal: nothing guarantees more (the opponents' side of the LP, solved separately)
        value = opponents_value(np.moveaxis(g.scaled[p], p, 0).reshape(len(u), -1))
        assert float(s.mixed_level) == pytest.approx(value / g.denominators[p], rel=1e-9,
                                                     abs=1e-9)


# ---------------------------------------------------------------------- properties
@settings(derandomize=True, database=None, max_examples=60, deadline=None)
@given(data=st.data())
def test_security_and_pareto_follow_affine_changes(data):
    g = data.draw(small_games(low=-2, high=3))
    p = data.draw(st.integers(0, g.n_players - 1))
    mul = data.draw(st.sampled_from([1, 4, Fraction(2, 3)]))
    add = data.draw(st.sampled_from([0, -9, Fraction(1, 5)]))
    h = transform_player(g, p, mul, add)
    assert pareto_optimal_profiles(g) == pareto_optimal_profiles(h)
    for a, b in zip(security_levels(g), security_levels(h)):
        k, c = (mul, add) if a.player == p else (1, 0)
        assert b.pure_level == k * a.pure_level + c
        assert b.mixed_level == k * a.mixed_level + c
