"""Structure diagnostics on hand-worked games, and their invariance under order-preserving
rescaling of each player's payoffs (the ordinal ones)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
from conftest import bimatrix, matching_pennies, named_game, prisoners_dilemma, stag_hunt
from hypothesis import given, settings
from hypothesis import strategies as st

from gamesolve.io import load_game
from gamesolve.model import Game
from gamesolve.report.common import dominated_texts
from gamesolve.solvers.dominance import player_dominance
from gamesolve.structure import analyse_structure, dummy_players, scale_warnings

F = Fraction


def test_separable_for_one_player_only():
    # Row: T 0, B 2, plus Column's L 1, R 3 -> [[1, 3], [3, 5]]; Column's payoff interacts
    g = bimatrix([[(1, 1), (3, 0)], [(3, 0), (5, 1)]], ["T", "B"], ["L", "R"])
    s = analyse_structure(g)
    assert s.separable == (True, False)
    assert s.separable_terms[0] == ((F(0), F(2)), (F(1), F(3)))
    assert s.separable_terms[1] is None
    assert s.independent == (True, False)  # B is always better for Row; Column's depends
    assert not s.no_interdependence


def test_paper_game_is_additively_separable_and_israel_a_dummy():
    g = load_game("games/south_caucasus.yaml")
    s = analyse_structure(g)
    assert s.dummies == (dummy_players(g)[0],) and s.dummies[0].player == 2
    assert s.dummies[0].reason == "one strategy"
    assert all(s.separable) and s.no_interdependence
    iran = s.separable_terms[0]
    assert iran[0] == (F(0), F(-1), F(1))        # MP 0, SRA -1, ITA +1
    assert iran[1] == (F(2), F(3), F(4))         # plus DAI 2, BR 3, AI 4
    assert s.dominance_solvable and g.format_profile(s.solution) == "(ITA, DAI, SAA)"


def test_dummy_by_payoffs_independent_of_own_choice():
    g = bimatrix([[(1, 5), (2, 5)], [(3, 7), (0, 7)]], ["T", "B"], ["L", "R"])
    (d,) = dummy_players(g)
    assert (d.player, d.reason) == (1, "payoffs independent of own choice")


def test_dominance_solvable_only_by_iteration():
    # Gibbons (1992) figure 1.1.1: R is dominated by M, then D by U, then L by M
    g = bimatrix([[(1, 0), (1, 2), (0, 1)], [(0, 3), (0, 1), (2, 0)]], ["U", "D"],
                 ["L", "M", "R"])
    s = analyse_structure(g)
    assert s.dominance_solvable and g.format_profile(s.solution) == "(U, M)"
    assert not analyse_structure(bimatrix([[(2, 1), (0, 0)], [(0, 0), (1, 2)]])).dominance_solvable


def test_zero_sum_and_strictly_competitive():
    s = analyse_structure(matching_pennies())
    assert s.zero_sum and s.constant_sum == 0 and s.strictly_competitive
    shifted = bimatrix([[(2, 0), (0, 2)], [(0, 2), (2, 0)]])
    assert analyse_structure(shifted).constant_sum == 2
    assert analyse_structure(prisoners_dilemma()).constant_sum is None
    assert analyse_structure(prisoners_dilemma()).strictly_competitive is False


def test_symmetry():
    assert analyse_structure(prisoners_dilemma()).symmetric
    assert analyse_structure(stag_hunt()).symmetric
    bos = bimatrix([[(3, 2), (0, 0)], [(0, 0), (2, 3)]])  # not symmetric by position
    assert analyse_structure(bos).symmetric is False
    # ordinal symmetry survives different rescalings of the two players; exact does not
    rescaled = bimatrix([[(3, 30), (0, 50)], [(5, 0), (1, 10)]])
    s = analyse_structure(rescaled)
    assert s.symmetric is False and s.ordinally_symmetric
    # three-player volunteer's dilemma: symmetric in every permutation of the players
    assert analyse_structure(load_game("games/reporting_a_crime.yaml")).symmetric


def test_exact_potential_by_hand():
    # prisoner's dilemma (3,3) (0,5) (5,0) (1,1): P(C,C)=0, P(D,C)=2, P(C,D)=2, P(D,D)=3
    s = analyse_structure(prisoners_dilemma())
    assert s.exact_potential == (F(0), F(2), F(2), F(3))
    assert s.improvement_cycle_free
    mp = analyse_structure(matching_pennies())
    assert mp.exact_potential is None and mp.improvement_cycle_free is False


def test_weakly_dominated_line_lists_strict_ones_and_dominators():
    g = bimatrix([[(1, 0), (1, 0)], [(1, 0), (0, 0)], [(0, 0), (0, 0)]], ["T", "B", "M"],
                 ["L", "R"])
    strict, weak = dominated_texts(g, player_dominance(g, 0))
    assert strict == "M (by T, by at least 1)"
    assert weak == "B (by T: never better, sometimes worse); M (strictly, see above)"
    ordinal = replace(g, payoff_scale="ordinal")
    assert dominated_texts(ordinal, player_dominance(ordinal, 0))[0] == "M (by T)"


def test_ordinal_mixed_equilibria_are_flagged():
    from gamesolve.solvers.equilibria import solve

    g = load_game("games/armenia_azerbaijan_deterrence.yaml")
    sub = g.restrict({0: [0, 1, 2]})
    (warning,) = scale_warnings(sub, solve(sub))
    assert "ordinal" in warning and "1 equilibrium" in warning
    assert scale_warnings(replace(sub, payoff_scale="cardinal"), solve(sub)) == ()


# ---------------------------------------------------------------------- invariance
@st.composite
def games_and_rescalings(draw):
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    values = np.array(draw(st.lists(st.integers(0, 4), min_size=size, max_size=size)),
                      dtype=np.int64).reshape((n,) + shape)
    game = Game.from_payoffs(values, payoff_scale="ordinal")
    rescaled = np.empty(values.shape, dtype=object)
    for p in range(n):
        levels = sorted(set(values[p].ravel().tolist()))
        # a random strictly increasing map of this player's levels (steps of 1 to 50,
        # sometimes fractional): order kept, every difference changed
        steps = draw(st.lists(st.integers(1, 50), min_size=len(levels), max_size=len(levels)))
        den = draw(st.integers(1, 3))
        image = {v: F(sum(steps[:k + 1]) - 20, den) for k, v in enumerate(levels)}
        rescaled[p] = np.vectorize(lambda x, m=image: m[x], otypes=[object])(values[p])
    return game, Game.from_payoffs(rescaled, payoff_scale="ordinal")


def ordinal_facts(game: Game):
    from gamesolve.sequential import repetition, timing
    from gamesolve.solvers.dominance import pure_dominations
    from gamesolve.solvers.pure import pure_equilibrium_profiles

    s = analyse_structure(game)
    dom = []
    for p in range(game.n_players):
        d = player_dominance(game, p, mixed=False)
        u = np.moveaxis(game.scaled[p], p, 0).reshape(game.shape[p], -1)
        strict, weak = pure_dominations(u, 1)
        dom.append((d.strictly_dominant, d.weakly_dominant,
                    tuple(x.strategy for x in strict), tuple(x.strategy for x in weak)))
    r = repetition(game)
    return (s.dummies, s.independent, s.dominance_solvable, s.solution,
            s.strictly_competitive, s.ordinally_symmetric, s.improvement_cycle_free,
            tuple(o.outcomes for o in timing(game).orders),
            tuple(sorted(pure_equilibrium_profiles(game))), tuple(dom),
            r.individually_rational, tuple(m.pure_punishment for m in r.minmax))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(games_and_rescalings())
def test_ordinal_conclusions_survive_order_preserving_rescaling(pair):
    game, rescaled = pair
    assert ordinal_facts(game) == ordinal_facts(rescaled)


def test_named_game_keeps_the_scale():
    g = named_game([[[1, 2]], [[3, 4]]], [("A", ["x"]), ("B", ["l", "r"])],
                   payoff_scale="ordinal", comparable_across_players=True)
    assert g.ordinal and g.comparable_across_players
