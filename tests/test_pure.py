"""Best responses, pure equilibria, strictness and deviations (solvers/pure.py)."""

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
    naive_best_responses,
    naive_pure_equilibria,
    named_game,
    permute_player,
    prisoners_dilemma,
    random_game,
    small_games,
    stag_hunt,
    transform_player,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from gamesolve.model import Game
from gamesolve.solvers import pure
from gamesolve.solvers.dominance import dominance
from gamesolve.solvers.pure import (
    best_response_mask,
    best_response_masks,
    best_response_table,
    deviations,
    is_strict_equilibrium,
    pure_equilibrium_profiles,
    solve_pure,
    strict_best_response_mask,
)
from gamesolve.solvers.welfare import security_levels


# ---------------------------------------------------------------------- textbook games
@pytest.mark.parametrize("make, expected, strict", [
    (prisoners_dilemma, [(1, 1)], [True]),
    (battle_of_the_sexes, [(0, 0), (1, 1)], [True, True]),
    (stag_hunt, [(0, 0), (1, 1)], [True, True]),
    (chicken, [(0, 1), (1, 0)], [True, True]),
    (matching_pennies, [], []),
])
def test_textbook_pure_equilibria(make, expected, strict):
    g = make()
    assert pure_equilibrium_profiles(g) == expected
    result = solve_pure(g)
    assert result.complete and result.method == "pure"
    assert [e.profile for e in result.equilibria] == expected
    assert [e.strict for e in result.equilibria] == strict
    assert all(e.pure and e.regret == 0.0 for e in result.equilibria)
    for e in result.equilibria:
        assert e.exact_payoffs == g.exact_payoffs(e.profile)
        assert e.payoffs == tuple(float(x) for x in e.exact_payoffs)
    assert bool(result.warnings) == (not expected)


def test_matching_pennies_warns_no_pure_equilibrium():
    result = solve_pure(matching_pennies())
    assert result.equilibria == ()
    assert "no pure-strategy equilibrium" in result.warnings[0]


def test_prisoners_dilemma_best_responses_and_deviations():
    g = prisoners_dilemma()
    table = best_response_table(g)
    assert table[0] == {(0,): (1,), (1,): (1,)}
    assert table[1] == {(0,): (1,), (1,): (1,)}
    assert deviations(g, (0, 0)) == [(0, 1, Fraction(2)), (1, 1, Fraction(2))]
    assert deviations(g, (0, 1)) == [(0, 1, Fraction(1))]
    assert deviations(g, (1, 1)) == []
    assert is_strict_equilibrium(g, (1, 1))
    assert not is_strict_equilibrium(g, (0, 0))


def test_battle_of_the_sexes_best_response_masks():
    g = battle_of_the_sexes()
    row, col = best_response_masks(g)
    assert row.tolist() == [[True, False], [False, True]]
    assert col.tolist() == [[True, False], [False, True]]


def test_ties_give_weak_equilibria():
    # Row is indifferent everywhere; Column prefers R against T, is indifferent against B
    g = bimatrix([[(1, 0), (1, 1)], [(1, 2), (1, 2)]], ["T", "B"], ["L", "R"])
    assert pure_equilibrium_profiles(g) == [(0, 1), (1, 0), (1, 1)]
    eqs = solve_pure(g).equilibria
    assert [e.strict for e in eqs] == [False, False, False]
    table = best_response_table(g)
    assert table[0] == {(0,): (0, 1), (1,): (0, 1)}
    assert table[1] == {(0,): (1,), (1,): (0, 1)}
    strict_row = strict_best_response_mask(g, 1)
    assert strict_row.tolist() == [[False, True], [False, False]]


def test_constant_game_every_profile_is_a_weak_equilibrium():
    g = Game.from_payoffs(np.full((3, 2, 2, 2), 7))
    assert pure_equilibrium_profiles(g) == list(itertools.product(range(2), repeat=3))
    assert not any(e.strict for e in solve_pure(g).equilibria)


def test_three_player_coordination():
    # everyone gets 1 when all three choose the same, else 0
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[:, 0, 0, 0] = 1
    payoffs[:, 1, 1, 1] = 1
    g = Game.from_payoffs(payoffs)
    assert pure_equilibrium_profiles(g) == [(0, 0, 0), (1, 1, 1)]
    assert all(e.strict for e in solve_pure(g).equilibria)
    table = best_response_table(g)
    # keys are the other players' strategies in player order
    assert table[1][(0, 0)] == (0,)
    assert table[1][(0, 1)] == (0, 1)
    assert table[2][(1, 1)] == (1,)
    assert deviations(g, (0, 0, 1)) == [(2, 0, Fraction(1))]


def test_three_player_asymmetric_shape_matches_naive():
    g = random_game(7, (2, 3, 4))
    assert pure_equilibrium_profiles(g) == naive_pure_equilibria(g)


def test_one_player_game():
    g = Game.from_payoffs([[3, 1, 3, 2]])
    assert pure_equilibrium_profiles(g) == [(0,), (2,)]
    assert best_response_table(g) == [{(): (0, 2)}]
    assert [e.strict for e in solve_pure(g).equilibria] == [False, False]
    assert deviations(g, (1,)) == [(0, 0, Fraction(2))]
    g = Game.from_payoffs([["1/2", "2/3"]])
    eqs = solve_pure(g).equilibria
    assert [e.profile for e in eqs] == [(1,)] and eqs[0].strict
    assert eqs[0].exact_payoffs == (Fraction(2, 3),)


def test_single_strategy_players():
    # Column has one strategy: Row simply picks its best row; Column's choice is trivially strict
    g = named_game([[[2], [5], [5]], [[9], [0], [1]]], [("Row", "TMB"), ("Col", "L")])
    assert pure_equilibrium_profiles(g) == [(1, 0), (2, 0)]
    assert [e.strict for e in solve_pure(g).equilibria] == [False, False]
    g = named_game([[[2], [5], [4]], [[9], [0], [1]]], [("Row", "TMB"), ("Col", "L")])
    assert [(e.profile, e.strict) for e in solve_pure(g).equilibria] == [((1, 0), True)]
    # everyone has a single strategy
    g = Game.from_payoffs(np.array([[[4]], [[-1]]]))
    assert pure_equilibrium_profiles(g) == [(0, 0)]
    assert solve_pure(g).equilibria[0].strict


def test_fractional_payoffs_are_exact():
    # the prisoner's dilemma in thirds and decimals: same answers, exact payoffs and gains
    g = bimatrix([[("1", "0.3"), ("0", "5/3")], [("5/3", "0"), ("1/3", "0.1")]])
    assert g.denominators == (3, 30)
    assert pure_equilibrium_profiles(g) == [(1, 1)]
    e = solve_pure(g).equilibria[0]
    assert e.exact_payoffs == (Fraction(1, 3), Fraction(1, 10))
    assert deviations(g, (0, 0)) == [(0, 1, Fraction(2, 3)), (1, 1, Fraction(41, 30))]


def test_tiny_differences_are_not_lost_to_floating_point():
    # 1/3 + 10**-12 and 1/3 are different numbers; in floats 0.1 + 0.2 == 0.30000000000000004
    g = bimatrix([[("0.1", 0), ("0.3", 0)], [("0.30000000000000001", 0), ("0.2", 0)]])
    assert pure_equilibrium_profiles(g) == [(0, 1), (1, 0)]
    assert deviations(g, (0, 0)) == [(0, 1, Fraction(20000000000000001, 10**17))]


def test_huge_integers_object_dtype():
    big = 2**70  # big and big + 1 are the same float
    g = bimatrix([[(big, 1), (0, 0)], [(big + 1, 1), (1, 1)]])
    assert g.scaled.dtype == object
    assert float(big) == float(big + 1)
    assert pure_equilibrium_profiles(g) == [(1, 0), (1, 1)]
    assert best_response_table(g)[0] == {(0,): (1,), (1,): (1,)}
    assert [e.strict for e in solve_pure(g).equilibria] == [False, False]
    assert deviations(g, (0, 0)) == [(0, 1, Fraction(1))]
    assert solve_pure(g).equilibria[0].exact_payoffs == (big + 1, 1)


def test_huge_integers_many_players_match_naive():
    rng = np.random.default_rng(3)
    base = rng.integers(0, 4, size=(3, 2, 3, 2))
    arr = base.astype(object) * 2**63 + 5  # ties survive scaling; values beyond int64
    g = Game.from_payoffs(arr)
    assert g.scaled.dtype == object
    assert pure_equilibrium_profiles(g) == naive_pure_equilibria(g)
    assert pure_equilibrium_profiles(g) == pure_equilibrium_profiles(Game.from_payoffs(base))


@pytest.mark.parametrize("seed", range(12))
def test_blocked_search_matches_the_direct_one(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    shape = tuple(int(x) for x in rng.integers(1, 5, size=n))
    g = random_game(seed, shape, 0, 2)
    if seed % 3 == 0:
        g = Game.from_payoffs(g.scaled.astype(object) * 2**64)
    direct = pure_equilibrium_profiles(g)
    monkeypatch.setattr(pure, "BLOCK_PROFILES", 1)
    assert pure_equilibrium_profiles(g) == direct == naive_pure_equilibria(g)


@pytest.mark.parametrize("seed", range(30))
def test_best_responses_match_naive(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(1, 5))
    shape = tuple(int(x) for x in rng.integers(1, 4, size=n))
    g = random_game(seed, shape, -2, 2)
    tables = best_response_table(g)
    for p in range(n):
        mask = best_response_mask(g, p)
        strict = strict_best_response_mask(g, p)
        for prof in g.profiles():
            br = naive_best_responses(g, p, prof)
            assert mask[prof] == (prof[p] in br)
            assert strict[prof] == (br == (prof[p],))
            assert tables[p][prof[:p] + prof[p + 1:]] == br
    for prof in g.profiles():
        devs = deviations(g, prof)
        for p in range(n):
            br = naive_best_responses(g, p, prof)
            mine = [d for d in devs if d[0] == p]
            if prof[p] in br:
                assert mine == []
            else:
                alt = list(prof)
                alt[p] = br[0]
                gain = g.exact_payoff(p, tuple(alt)) - g.exact_payoff(p, prof)
                assert mine == [(p, br[0], gain)]
        assert is_strict_equilibrium(g, prof) == all(
            naive_best_responses(g, p, prof) == (prof[p],) for p in range(n))


# ---------------------------------------------------------------------- properties
PROPERTY_SETTINGS = settings(derandomize=True, database=None, max_examples=80, deadline=None)


def _players(game):
    return st.integers(0, game.n_players - 1)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_affine_change_of_one_player_changes_nothing(data):
    g = data.draw(small_games())
    p = data.draw(_players(g))
    mul = data.draw(st.sampled_from([1, 2, 7, Fraction(1, 3), Fraction(5, 2)]))
    add = data.draw(st.sampled_from([0, -3, 11, Fraction(-7, 4)]))
    h = transform_player(g, p, mul, add)
    for q in range(g.n_players):
        assert (best_response_mask(g, q) == best_response_mask(h, q)).all()
        assert (strict_best_response_mask(g, q) == strict_best_response_mask(h, q)).all()
    assert pure_equilibrium_profiles(g) == pure_equilibrium_profiles(h)
    assert [e.strict for e in solve_pure(g).equilibria] == [
        e.strict for e in solve_pure(h).equilibria]
    for prof in g.profiles():
        dg, dh = deviations(g, prof), deviations(h, prof)
        assert [d[:2] for d in dg] == [d[:2] for d in dh]
        assert [d[2] * (mul if d[0] == p else 1) for d in dg] == [d[2] for d in dh]


@PROPERTY_SETTINGS
@given(data=st.data())
def test_permuting_a_players_strategies_permutes_the_answers(data):
    g = data.draw(small_games())
    p = data.draw(_players(g))
    perm = data.draw(st.permutations(range(g.shape[p])))
    h = permute_player(g, p, perm)
    for q in range(g.n_players):
        assert (np.take(best_response_mask(g, q), perm, axis=p) == best_response_mask(h, q)).all()
    inverse = {old: new for new, old in enumerate(perm)}
    mapped = sorted(prof[:p] + (inverse[prof[p]],) + prof[p + 1:]
                    for prof in pure_equilibrium_profiles(g))
    assert pure_equilibrium_profiles(h) == mapped
    assert {h.format_profile(x) for x in pure_equilibrium_profiles(h)} == {
        g.format_profile(x) for x in pure_equilibrium_profiles(g)}


@PROPERTY_SETTINGS
@given(g=small_games(max_players=3, max_strategies=3))
def test_equilibria_agree_with_naive_and_dominance(g):
    eqs = pure_equilibrium_profiles(g)
    assert eqs == naive_pure_equilibria(g)
    for d in dominance(g, mixed=False):
        if d.strictly_dominant is not None:
            assert all(prof[d.player] == d.strictly_dominant for prof in eqs)
            # and there is an equilibrium when everyone has a strictly dominant strategy
    if all(d.strictly_dominant is not None or g.shape[d.player] == 1
           for d in dominance(g, mixed=False)):
        assert len(eqs) >= 1


@PROPERTY_SETTINGS
@given(g=small_games(max_players=3, max_strategies=3, low=-3, high=3))
def test_equilibrium_payoffs_reach_security_levels(g):
    levels = security_levels(g)
    for prof in pure_equilibrium_profiles(g):
        for s in levels:
            here = g.exact_payoff(s.player, prof)
            assert here >= s.pure_level
            if s.mixed_level is not None:
                assert here >= s.mixed_level


# Performance sanity note (measured by hand, not a timed test).  Random integer games,
# numpy 2.4, one core; times for pure_equilibrium_profiles alone, peak = tracemalloc
# during the call, RSS = whole process (/usr/bin/time -v):
#   7 players x 7 strategies (823,543 profiles), int64: ~11 ms, peak 2.5 MiB, RSS 165 MiB
#   the same with payoffs beyond int64 (object dtype): ~0.5 s, peak 3 MiB, RSS 383 MiB
#   6 players x 5 strategies (15,625 profiles): < 1 ms, peak 0.1 MiB, RSS 35 MiB
#   8 players x 7 strategies (5,764,801 profiles, blocked path): ~80 ms, peak 12 MiB,
#   RSS 1.1 GiB (the game's own float and int64 tensors)
# Building the game (Game.from_payoffs) costs more than solving it.
