"""Orders of moves (backward induction with every tie-break) and repeated-play minmax
values, on hand-worked games; the ``sequential`` command."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import battle_of_the_sexes, bimatrix, matching_pennies, prisoners_dilemma

from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game
from gamesolve.sequential import minmax_values, repetition, spe_outcomes, timing

F = Fraction


def fmt(game, outcomes):
    return [game.format_profile(o) for o in outcomes]


def test_battle_of_the_sexes_first_mover_decides():
    g = battle_of_the_sexes()  # (O,O) = (3,2), (F,F) = (2,3)
    t = timing(g)
    assert [(o.order, fmt(g, o.outcomes)) for o in t.orders] == [
        ((0, 1), ["(O, O)"]), ((1, 0), ["(F, F)"])]
    assert t.timing_matters and t.order_matters
    assert fmt(g, t.simultaneous) == ["(O, O)", "(F, F)"]


def test_stackelberg_like_leader_gains_by_committing():
    # simultaneous: unique equilibrium (B, R) = (2, 1); Row leading commits to T, Column
    # answers L: (T, L) = (3, 2).  Column leading: R then B, (B, R) again.
    g = bimatrix([[(3, 2), (1, 0)], [(4, 0), (2, 1)]], ["T", "B"], ["L", "R"])
    t = timing(g)
    assert fmt(g, t.simultaneous) == ["(B, R)"]
    assert fmt(g, spe_outcomes(g, (0, 1))) == ["(T, L)"]
    assert fmt(g, spe_outcomes(g, (1, 0))) == ["(B, R)"]
    assert [o.same_as_simultaneous for o in t.orders] == [False, True]


def test_every_tie_break_is_listed():
    # Column is indifferent everywhere.  If it answers T with L, Row plays T: (T, L);
    # if it answers T with R, Row gets 0 there and plays B, then (B, L) or (B, R).
    g = bimatrix([[(2, 0), (0, 0)], [(1, 0), (1, 0)]], ["T", "B"], ["L", "R"])
    assert fmt(g, spe_outcomes(g, (0, 1))) == ["(T, L)", "(B, L)", "(B, R)"]


def test_paper_game_no_order_changes_the_outcome():
    g = load_game("games/south_caucasus.yaml")
    t = timing(g)
    assert len(t.orders) == 6
    assert all(fmt(g, o.outcomes) == ["(ITA, DAI, SAA)"] for o in t.orders)
    assert not t.timing_matters


def test_armenia_without_both_tracks_first_mover_matters():
    g = load_game("games/armenia_azerbaijan_deterrence.yaml").restrict({0: [0, 1, 2]})
    t = timing(g)
    assert [(o.order, fmt(g, o.outcomes)) for o in t.orders] == [
        ((0, 1), ["(EB, SQ)"]), ((1, 0), ["(IB, ES)"])]


def test_size_limits_are_explained():
    big = Game.from_payoffs(np.zeros((7,) + (1,) * 7, dtype=np.int64))  # 5040 orders
    assert "5,040 orders" in timing(big).skipped
    wide = Game.from_payoffs(np.zeros((2, 40, 40), dtype=np.int64))
    assert "nodes in all" in timing(wide, max_work=1000).skipped
    with pytest.raises(GameError, match="every player exactly once"):
        timing(battle_of_the_sexes(), (0, 0))


def test_repeated_prisoners_dilemma_minmax():
    # (C,C) (3,3), (C,D) (0,5), (D,C) (5,0), (D,D) (1,1): D holds the other to 1
    pd = prisoners_dilemma()
    values = minmax_values(pd)
    assert [(m.pure, m.pure_punishment, m.mixed, m.mixed_punishment) for m in values] == [
        (F(1), (1,), F(1), (F(0), F(1))), (F(1), (1,), F(1), (F(0), F(1)))]
    r = repetition(pd)
    assert fmt(pd, r.individually_rational) == ["(C, C)"]  # (3, 3) > (1, 1)


def test_mixed_minmax_below_pure():
    r = repetition(matching_pennies())
    assert [(m.pure, m.mixed, m.mixed_punishment) for m in r.minmax] == [
        (F(1), F(0), (F(1, 2), F(1, 2))), (F(1), F(0), (F(1, 2), F(1, 2)))]
    assert r.individually_rational == ()  # a zero-sum game: nothing beats both minmaxes


def test_ordinal_games_use_pure_punishment_only():
    g = load_game("games/armenia_azerbaijan_deterrence.yaml").restrict({0: [0, 1, 2]})
    # Armenia's minmax is 3 (ES); Azerbaijan's pure minmax is 5 (EB; its best reply SQ)
    # and its mixed one 22/5 (Armenia 3/5 IB + 2/5 EB).  For ranks only the pure counts:
    # (EB, SQ) = (7, 5) does not give Azerbaijan more than 5.
    assert [(m.pure, m.mixed) for m in minmax_values(g)] == [(F(3), F(3)), (F(5), F(22, 5))]
    assert fmt(g, repetition(g).individually_rational) == ["(AC, SQ)"]
    cardinal = replace(g, payoff_scale="cardinal")
    assert fmt(cardinal, repetition(cardinal).individually_rational) == [
        "(AC, SQ)", "(EB, SQ)"]


def test_three_players_pure_minmax_and_dimension():
    g = load_game("games/south_caucasus.yaml")
    r = repetition(g)
    assert [m.pure for m in r.minmax] == [F(3), F(4), F(2)]
    assert fmt(g, r.individually_rational) == ["(ITA, BR, SAA)"]  # (4, 5, 5)
    assert r.full_dimensional and "not computed for more than two players" in r.notes[0]


def test_sequential_command_text_json_and_errors():
    runner = CliRunner()
    out = runner.invoke(main, ["sequential", "games/battle_of_the_sexes.yaml"])
    assert out.exit_code == 0, out.output
    assert "The first mover decides" in out.output
    doc = json.loads(runner.invoke(main, ["sequential", "games/south_caucasus.yaml",
                                          "--order", "Israel,Azerbaijan,Iran",
                                          "--format", "json"]).stdout)
    assert doc["sequential"]["orders"] == [{
        "order": ["Israel", "Azerbaijan", "Iran"],
        "outcomes": [{"Iran": "ITA", "Azerbaijan": "DAI", "Israel": "SAA"}],
        "same_as_simultaneous": True}]
    bad = runner.invoke(main, ["sequential", "games/south_caucasus.yaml", "--order", "Iran"])
    assert bad.exit_code == 2 and "every player exactly once" in bad.stderr
