"""Dominance by pure and mixed strategies and iterated elimination (solvers/dominance.py)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import (
    battle_of_the_sexes,
    bimatrix,
    chicken,
    matching_pennies,
    mixed_dominance_game,
    naive_pure_dominated,
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
from gamesolve.solvers import dominance as dom
from gamesolve.solvers.dominance import (
    Domination,
    EliminationStep,
    dominance,
    iterated_elimination,
    mixed_domination,
    player_dominance,
    pure_dominations,
)
from gamesolve.solvers.pure import pure_equilibrium_profiles

F = Fraction


def row_player_game(rows, ids=None) -> Game:
    """Only the row player's payoffs matter; the column player gets 0 everywhere."""
    rows = [[F(x) for x in r] for r in rows]
    zeros = [[0] * len(rows[0]) for _ in rows]
    ids = ids or [str(i + 1) for i in range(len(rows))]
    cols = [f"c{j + 1}" for j in range(len(rows[0]))]
    return named_game([rows, zeros], [("Row", ids), ("Col", cols)])


def exact_dominates(game: Game, player: int, d: Domination) -> bool:
    """Independent exact check of a Domination record against the payoffs."""
    u = np.moveaxis(game.exact_array(player), player, 0).reshape(game.shape[player], -1)
    assert sum(w for _, w in d.by) == 1 and all(w > 0 for _, w in d.by)
    mix = [sum((w * u[t][c] for t, w in d.by), F(0)) for c in range(u.shape[1])]
    diff = [m - x for m, x in zip(mix, u[d.strategy])]
    if d.strict:
        return min(diff) > 0 and min(diff) == d.gap
    return min(diff) == 0 == d.gap and max(diff) > 0


# ---------------------------------------------------------------------- textbook games
def test_prisoners_dilemma_dominance():
    for d in dominance(prisoners_dilemma()):
        assert d.strictly_dominant == 1 and d.weakly_dominant == 1
        assert d.dominant_gap == 1
        assert d.strictly_dominated == (Domination(0, ((1, F(1)),), F(1), True),)
        assert d.weakly_dominated == ()
        assert not d.strictly_dominated[0].mixed


@pytest.mark.parametrize("make", [battle_of_the_sexes, stag_hunt, chicken, matching_pennies])
def test_no_dominance_in_coordination_and_conflict_games(make):
    for d in dominance(make()):
        assert d.strictly_dominant is None and d.weakly_dominant is None
        assert d.strictly_dominated == () and d.weakly_dominated == ()
        assert d.dominant_gap is None and d.notes == ()
    result = iterated_elimination(make())
    assert result.steps == () and not result.solved
    assert result.surviving == tuple(p.ids for p in make().players)


def test_strictly_dominated_only_by_a_mixed_strategy():
    g = mixed_dominance_game()  # T=(3,0), M=(0,3), B=(1,1)
    d = player_dominance(g, 0, mixed=False)
    assert d.strictly_dominated == () and d.weakly_dominated == ()
    d = player_dominance(g, 0)
    assert d.strictly_dominated == (Domination(2, ((0, F(1, 2)), (1, F(1, 2))), F(1, 2), True),)
    assert d.strictly_dominated[0].mixed
    assert d.weakly_dominated == ()
    assert d.strictly_dominant is None


def test_mixed_domination_with_a_narrow_window_of_weights():
    # B is beaten only by mixtures with weight in (0.545, 0.555) on T: 11/20 works, but the
    # coarsest rounding of the LP answer (5/9) does not.  Regression: only that one rounding
    # was tried, so the domination was missed.
    g = row_player_game([[1000, 0], [0, 1000], [545, 445]], ["T", "M", "B"])
    d = player_dominance(g, 0)
    assert [x.strategy for x in d.strictly_dominated] == [2]
    found = d.strictly_dominated[0]
    assert exact_dominates(g, 0, found)
    assert F(545, 1000) < dict(found.by)[0] < F(555, 1000)
    steps = iterated_elimination(g).steps
    assert [(s.round, s.player, s.strategy) for s in steps] == [(1, 0, "B")]


def test_weakly_but_not_strictly_dominated():
    g = row_player_game([[1, 1], [1, 0]], ["T", "B"])
    d = player_dominance(g, 0)
    assert d.strictly_dominated == ()
    assert d.weakly_dominated == (Domination(1, ((0, F(1)),), F(0), False),)
    assert d.weakly_dominant == 0 and d.strictly_dominant is None and d.dominant_gap is None
    # iterated elimination of *strictly* dominated strategies removes nothing
    assert iterated_elimination(g).steps == ()


def test_weakly_dominant_strategy_among_three():
    g = row_player_game([[2, 2, 1], [2, 1, 1], [1, 1, 1]], ["T", "M", "B"])
    d = player_dominance(g, 0)
    assert d.weakly_dominant == 0 and d.strictly_dominant is None
    assert [x.strategy for x in d.weakly_dominated] == [1, 2]
    assert all(not x.strict and x.gap == 0 for x in d.weakly_dominated)
    assert d.strictly_dominated == ()


def test_weakly_dominated_only_by_a_mixed_strategy():
    # B = (1, 1, 0) <= 1/2 T + 1/2 M = (1, 1, 1); no pure strategy and no strict mixture
    g = row_player_game([[2, 0, 1], [0, 2, 1], [1, 1, 0]], ["T", "M", "B"])
    d = player_dominance(g, 0)
    assert d.strictly_dominated == ()
    assert d.weakly_dominated == (Domination(2, ((0, F(1, 2)), (1, F(1, 2))), F(0), False),)
    assert player_dominance(g, 0, mixed=False).weakly_dominated == ()


def test_duplicate_strategies_do_not_dominate_each_other():
    g = row_player_game([[1, 2], [1, 2], [0, 3]])
    d = player_dominance(g, 0)
    assert d.strictly_dominated == () and d.weakly_dominated == ()
    assert d.weakly_dominant is None


def test_strict_domination_reports_the_largest_gap():
    g = row_player_game([[5, 5], [2, 9], [1, 1]])
    d = player_dominance(g, 0, mixed=False)
    assert d.strictly_dominated == (Domination(2, ((0, F(1)),), F(4), True),)
    strict, weak = pure_dominations(np.array([[5, 5], [2, 9], [1, 1]]), 2)
    assert strict[0].gap == F(2) and weak == []


def test_strictly_dominated_takes_precedence_over_weakly():
    # B is weakly dominated by M and strictly dominated by T: reported once, as strict
    g = row_player_game([[3, 3], [2, 1], [2, 0]])
    d = player_dominance(g, 0)
    assert [(x.strategy, x.strict) for x in d.strictly_dominated] == [(1, True), (2, True)]
    assert d.weakly_dominated == ()


def test_fractional_payoffs_gap_in_payoff_units():
    g = row_player_game([["1/3", "1/2"], ["1/4", "1/6"]], ["T", "B"])
    d = player_dominance(g, 0)
    assert g.denominators[0] == 12
    assert d.strictly_dominant == 0 and d.dominant_gap == F(1, 12)
    assert d.strictly_dominated[0].gap == F(1, 12)


def test_huge_integers_exact_dominance():
    big = 2**70
    g = row_player_game([[big + 1, big + 1], [big, big], [big + 2, big]])
    assert g.scaled.dtype == object
    d = player_dominance(g, 0)
    assert [(x.strategy, x.by, x.gap) for x in d.strictly_dominated] == [(1, ((0, F(1)),), F(1))]
    assert [x.strategy for x in d.weakly_dominated] == []
    assert d.strictly_dominant is None and d.weakly_dominant is None


def test_single_strategy_player_has_nothing_to_compare():
    g = named_game([[[1], [2]], [[5], [6]]], [("Row", ["T", "B"]), ("Col", ["L"])])
    d = dominance(g)
    assert d[0].strictly_dominant == 1
    assert d[1].strictly_dominant is None and d[1].weakly_dominant is None
    assert "only one strategy (L)" in d[1].notes[0]
    result = iterated_elimination(g)
    assert result.solved and result.surviving == (("B",), ("L",))


def test_one_player_game():
    g = Game.from_payoffs([[1, 4, 2, 4]])
    d = player_dominance(g, 0)
    assert [x.strategy for x in d.strictly_dominated] == [0, 2]
    assert d.strictly_dominant is None and d.weakly_dominant is None
    result = iterated_elimination(g)
    assert result.surviving == (("2", "4"),) and not result.solved


def test_three_player_dominance_over_joint_profiles():
    # player 3 (2 strategies) compares over the 2x2 profiles of players 1 and 2
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[2, :, :, 0] = [[1, 2], [3, 4]]
    payoffs[2, :, :, 1] = [[2, 2], [4, 5]]
    g = Game.from_payoffs(payoffs)
    d = player_dominance(g, 2)
    assert d.weakly_dominant == 1 and d.strictly_dominant is None
    assert d.weakly_dominated == (Domination(0, ((1, F(1)),), F(0), False),)


def test_mixed_domination_shortcuts_and_limits(monkeypatch):
    u = np.array([[3, 0], [0, 3], [1, 1]])
    assert mixed_domination(u, 2, 1, strict=True).by == ((0, F(1, 2)), (1, F(1, 2)))
    assert mixed_domination(u, 0, 1, strict=True) is None   # a best response somewhere
    assert mixed_domination(u[[0, 2]], 1, 1, strict=True) is None  # one alternative only
    monkeypatch.setattr(dom, "MAX_LP_COLUMNS", 1)
    assert mixed_domination(u, 2, 1, strict=True) is None
    g = row_player_game(u.tolist())
    assert "not checked" in player_dominance(g, 0).notes[0]


# ---------------------------------------------------------------------- iterated elimination
def four_round_game() -> Game:
    """A 3x3 solved by IESDS in four rounds: R, then D, then L, then M."""
    return bimatrix([[(3, 1), (4, 2), (1, 0)],
                     [(4, 1), (2, 2), (0, 1)],
                     [(2, 3), (1, 1), (5, 0)]], ["U", "M", "D"], ["L", "C", "R"])


@pytest.mark.parametrize("mixed", [True, False])
def test_iesds_in_four_rounds(mixed):
    g = four_round_game()
    result = iterated_elimination(g, mixed=mixed)
    assert result.steps == (
        EliminationStep(1, 1, "R", (("C", F(1)),)),
        EliminationStep(2, 0, "D", (("U", F(1)),)),
        EliminationStep(3, 1, "L", (("C", F(1)),)),
        EliminationStep(4, 0, "M", (("U", F(1)),)),
    )
    assert result.surviving == (("U",), ("C",))
    assert result.solved
    assert pure_equilibrium_profiles(g) == [(0, 1)]


def test_iesds_needs_mixed_dominance():
    g = mixed_dominance_game()
    result = iterated_elimination(g)
    assert [(s.round, s.player, s.strategy) for s in result.steps] == [
        (1, 0, "B"), (2, 1, "L"), (3, 0, "T")]
    assert result.steps[0].by == (("T", F(1, 2)), ("M", F(1, 2)))
    assert result.surviving == (("M",), ("R",)) and result.solved
    pure_only = iterated_elimination(g, mixed=False)
    assert pure_only.steps == () and not pure_only.solved
    assert pure_only.surviving == (("T", "M", "B"), ("L", "R"))


def test_iesds_removes_several_strategies_of_several_players_per_round():
    result = iterated_elimination(prisoners_dilemma())
    assert [(s.round, s.player, s.strategy) for s in result.steps] == [(1, 0, "C"), (1, 1, "C")]
    assert result.surviving == (("D",), ("D",)) and result.solved
    g = row_player_game([[1, 1], [5, 5], [0, 0], [2, 3]], ["a", "b", "c", "d"])
    result = iterated_elimination(g)
    assert [(s.round, s.strategy) for s in result.steps] == [(1, "a"), (1, "c"), (1, "d")]
    assert result.surviving == (("b",), ("c1", "c2")) and not result.solved


def test_iesds_three_players():
    # player 3's strategy 1 is strictly dominated; then player 1 and then player 2 follow
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[2, :, :, 0] = 1                # player 3: strategy 2 always pays 1 more
    payoffs[2, :, :, 1] = 2
    payoffs[0, :, :, 1] = [[3, 3], [0, 0]]  # player 1 prefers 1 once player 3 plays 2
    payoffs[0, :, :, 0] = [[0, 0], [3, 3]]
    payoffs[1, 0, :, 1] = [1, 0]           # player 2 prefers 1 once 1 plays 1, 3 plays 2
    payoffs[1, 1, :, 1] = [0, 1]
    payoffs[1, :, :, 0] = [[0, 1], [1, 0]]
    g = Game.from_payoffs(payoffs)
    result = iterated_elimination(g)
    assert [(s.round, s.player, s.strategy) for s in result.steps] == [
        (1, 2, "1"), (2, 0, "2"), (3, 1, "2")]
    assert result.surviving == (("1",), ("1",), ("2",)) and result.solved
    assert pure_equilibrium_profiles(g) == [(0, 0, 1)]


def test_iesds_with_huge_and_fractional_payoffs():
    big = 2**80
    g = four_round_game()
    scaled = Game.from_payoffs(g.scaled.astype(object) * big + 7)
    assert scaled.scaled.dtype == object
    assert iterated_elimination(scaled).surviving == (("1",), ("2",))
    halves = Game.from_payoffs(np.vectorize(lambda x: F(x, 3), otypes=[object])(g.scaled))
    assert [s.strategy for s in iterated_elimination(halves).steps] == ["3", "3", "1", "2"]


# ---------------------------------------------------------------------- random games
@pytest.mark.parametrize("seed", range(40))
def test_random_games_pure_dominance_matches_naive_and_mixed_verifies(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 4))
    shape = tuple(int(x) for x in rng.integers(1, 5, size=n))
    g = random_game(seed, shape, 0, 4)
    for p in range(n):
        pure_only = player_dominance(g, p, mixed=False)
        strict = {x.strategy for x in pure_only.strictly_dominated}
        weak = {x.strategy for x in pure_only.weakly_dominated}
        assert strict == naive_pure_dominated(g, p, strict=True)
        assert strict | weak == naive_pure_dominated(g, p, strict=False)
        assert not strict & weak
        full = player_dominance(g, p)
        for x in full.strictly_dominated + full.weakly_dominated:
            assert exact_dominates(g, p, x)
        assert strict <= {x.strategy for x in full.strictly_dominated}


# ---------------------------------------------------------------------- properties
PROPERTY_SETTINGS = settings(derandomize=True, database=None, max_examples=60, deadline=None)


def summary(game: Game, mixed: bool = True):
    """Dominance and IESDS facts that must not depend on payoff units or strategy order."""
    facts = []
    for d in dominance(game, mixed=mixed):
        ids = game.players[d.player].ids
        facts.append((
            None if d.strictly_dominant is None else ids[d.strictly_dominant],
            None if d.weakly_dominant is None else ids[d.weakly_dominant],
            frozenset(ids[x.strategy] for x in d.strictly_dominated),
            frozenset(ids[x.strategy] for x in d.weakly_dominated),
            frozenset((ids[x.strategy], frozenset(ids[t] for t, _ in x.by))
                      for x in d.strictly_dominated + d.weakly_dominated if not x.mixed),
        ))
    result = iterated_elimination(game, mixed=mixed)
    steps = frozenset((s.round, s.player, s.strategy) for s in result.steps)
    surviving = tuple(frozenset(ids) for ids in result.surviving)
    return facts, steps, surviving, result.solved


@PROPERTY_SETTINGS
@given(data=st.data())
def test_affine_change_of_one_player_keeps_dominance(data):
    g = data.draw(small_games())
    p = data.draw(st.integers(0, g.n_players - 1))
    mul = data.draw(st.sampled_from([1, 3, Fraction(1, 7), Fraction(9, 2)]))
    add = data.draw(st.sampled_from([0, 5, -100, Fraction(2, 3)]))
    h = transform_player(g, p, mul, add)
    assert summary(g) == summary(h)
    gaps_g = [d.dominant_gap for d in dominance(g, mixed=False)]
    gaps_h = [d.dominant_gap for d in dominance(h, mixed=False)]
    assert [None if x is None else x * (mul if q == p else 1) for q, x in enumerate(gaps_g)] \
        == gaps_h


@PROPERTY_SETTINGS
@given(data=st.data())
def test_permuting_strategies_keeps_dominance(data):
    g = data.draw(small_games())
    p = data.draw(st.integers(0, g.n_players - 1))
    perm = data.draw(st.permutations(range(g.shape[p])))
    h = permute_player(g, p, perm)
    for mixed in (False, True):
        facts_g, steps_g, surv_g, solved_g = summary(g, mixed)
        facts_h, steps_h, surv_h, solved_h = summary(h, mixed)
        # which of several equally good dominators is reported may follow the order
        assert [f[:4] for f in facts_g] == [f[:4] for f in facts_h]
        assert (steps_g, surv_g, solved_g) == (steps_h, surv_h, solved_h)


@PROPERTY_SETTINGS
@given(g=small_games(max_players=3, max_strategies=4))
def test_equilibria_survive_iesds_and_are_kept(g):
    eqs = pure_equilibrium_profiles(g)
    for mixed in (False, True):
        result = iterated_elimination(g, mixed=mixed)
        keep = {p: [g.players[p].index(i) for i in ids] for p, ids in enumerate(result.surviving)}
        for prof in eqs:
            assert all(prof[p] in keep[p] for p in range(g.n_players))
        # IESDS loses no equilibrium and creates none
        sub = g.restrict(keep)
        lifted = sorted(tuple(keep[p][a] for p, a in enumerate(prof))
                        for prof in pure_equilibrium_profiles(sub))
        assert lifted == eqs
        # the survivors are a fixed point: nothing left is strictly dominated
        for d in dominance(sub, mixed=mixed):
            assert d.strictly_dominated == ()
    for d in dominance(g):
        if d.strictly_dominant is not None:
            assert all(prof[d.player] == d.strictly_dominant for prof in eqs)
            assert iterated_elimination(g).surviving[d.player] == (
                g.players[d.player].ids[d.strictly_dominant],)


def test_mixed_dominance_with_huge_payoffs():
    # the same mixed domination on top of 2**70: visible only if the LP sees differences
    g = mixed_dominance_game()
    big = Game.from_payoffs(g.scaled.astype(object) + 2**70, g.players)
    assert big.scaled.dtype == object
    d = player_dominance(big, 0)
    assert d.strictly_dominated == (Domination(2, ((0, F(1, 2)), (1, F(1, 2))), F(1, 2), True),)
    assert iterated_elimination(big).surviving == (("M",), ("R",))
