"""The Game model: exact payoffs, denominators, the object-dtype path, restrict and apply_fix."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import named_game, prisoners_dilemma

from gamesolve.errors import GameError
from gamesolve.model import (
    INT64_SAFE,
    Game,
    Player,
    Strategy,
    apply_fix,
    default_players,
    scale_exact,
    to_fraction,
)


# ---------------------------------------------------------------------- reading payoffs
@pytest.mark.parametrize("value, expected", [
    (3, Fraction(3)), (-4, Fraction(-4)), (np.int64(7), Fraction(7)),
    ("2/3", Fraction(2, 3)), (" -2 / 4 ", Fraction(-1, 2)), ("0.1", Fraction(1, 10)),
    (0.1, Fraction(1, 10)), (np.float64(0.25), Fraction(1, 4)), ("1e3", Fraction(1000)),
    (Fraction(5, 7), Fraction(5, 7)), (2**80, Fraction(2**80)),
])
def test_to_fraction_reads_exactly(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize("value, message", [
    (True, "boolean"), ("abc", "not a number"), ("1/0", "zero denominator"),
    (float("nan"), "not finite"), (float("inf"), "not finite"), ("-inf", "not finite"),
    (".nan", "not finite"), (None, "not a number"), ([1], "not a number"),
])
def test_to_fraction_rejects(value, message):
    with pytest.raises(GameError, match=message):
        to_fraction(value)


def test_integer_game_is_int64_with_unit_denominators():
    g = prisoners_dilemma()
    assert g.scaled.dtype == np.int64
    assert g.denominators == (1, 1)
    assert g.is_integer
    assert g.shape == (2, 2) and g.n_players == 2 and g.n_profiles == 4
    assert g.payoffs.dtype == float
    assert g.exact_payoffs((1, 0)) == (Fraction(5), Fraction(0))


def test_numpy_integer_arrays_of_any_width():
    for dtype in (np.int8, np.uint8, np.int32, np.uint64):
        g = Game.from_payoffs(np.array([[[1, 2]], [[3, 4]]], dtype=dtype))
        assert g.scaled.dtype == np.int64
        assert g.scaled.tolist() == [[[1, 2]], [[3, 4]]]


def test_fractional_payoffs_use_per_player_lcm_denominators():
    g = Game.from_payoffs([[["1/2", "1/3"], ["0.25", 1]], [[2, 3], ["-1.5", 0]]])
    assert g.denominators == (12, 2)
    assert g.scaled.dtype == np.int64
    assert g.scaled[0].tolist() == [[6, 4], [3, 12]]
    assert g.scaled[1].tolist() == [[4, 6], [-3, 0]]
    assert g.exact_payoff(0, (0, 1)) == Fraction(1, 3)
    assert g.exact_payoff(1, (1, 0)) == Fraction(-3, 2)
    assert g.payoffs[0, 0, 1] == pytest.approx(1 / 3)
    assert not g.is_integer
    assert g.exact_array(0)[1, 0] == Fraction(1, 4)


def test_float_array_is_read_as_the_decimals_written():
    g = Game.from_payoffs(np.array([[[0.1, 0.2]], [[0.3, 1.0]]]))
    assert g.denominators == (10, 10)
    assert g.exact_payoff(0, (0, 0)) + g.exact_payoff(0, (0, 1)) == Fraction(3, 10)


@pytest.mark.parametrize("big", [INT64_SAFE, -INT64_SAFE, 2**63 - 1, -2**63, 2**70, -3**50])
def test_huge_integers_take_the_object_path_exactly(big):
    for payoffs in ([[[big, 1]], [[0, 2]]], np.array([[[big, 1]], [[0, 2]]], dtype=object)):
        g = Game.from_payoffs(payoffs)
        assert g.scaled.dtype == object
        assert g.exact_payoff(0, (0, 0)) == big
        assert g.exact_payoff(1, (0, 1)) == 2
        assert g.payoffs[0, 0, 0] == float(big)


def test_int64_arrays_at_the_edges():
    # regression: abs(int64 min) overflowed and such a game stayed int64, where
    # differences of two payoffs overflow
    g = Game.from_payoffs(np.array([[[-2**63, 1]], [[0, 0]]], dtype=np.int64))
    assert g.scaled.dtype == object and g.exact_payoff(0, (0, 0)) == -2**63
    g = Game.from_payoffs(np.array([[[2**64 - 1, 1]], [[0, 0]]], dtype=np.uint64))
    assert g.scaled.dtype == object and g.exact_payoff(0, (0, 0)) == 2**64 - 1
    g = Game.from_payoffs(np.array([[[INT64_SAFE - 1, -(INT64_SAFE - 1)]], [[0, 0]]]))
    assert g.scaled.dtype == np.int64


def test_fractions_with_huge_numerators_take_the_object_path():
    g = Game.from_payoffs([[[Fraction(2**70, 3), "1/7"]], [[0, 0]]])
    assert g.denominators == (21, 1)
    assert g.scaled.dtype == object
    assert g.exact_payoff(0, (0, 0)) == Fraction(2**70, 3)
    assert g.exact_payoff(0, (0, 1)) == Fraction(1, 7)


def test_scale_exact_directly():
    fr = np.array([[[Fraction(1, 2), Fraction(1, 3)]], [[Fraction(4), Fraction(-2, 5)]]],
                  dtype=object)
    scaled, dens = scale_exact(fr)
    assert dens == (6, 5)
    assert scaled.tolist() == [[[3, 2]], [[20, -2]]]


@pytest.mark.parametrize("payoffs", [
    [1, 2, 3],                       # one dimension: no players axis
    [[[1, 2]], [[3, 4]], [[5, 6]]],  # 3 payoff tables for a 2-player shape
    [[1, 2], [3, 4]],                # 2 "players" but 1 strategy axis
])
def test_bad_shapes(payoffs):
    with pytest.raises(GameError, match="shape"):
        Game.from_payoffs(payoffs)


def test_player_without_strategies():
    with pytest.raises(GameError, match="at least one strategy"):
        Game.from_payoffs(np.zeros((2, 0, 2), dtype=int))


def test_players_must_match_shape():
    with pytest.raises(GameError, match="does not match"):
        Game.from_payoffs([[[1, 2]], [[3, 4]]], default_players((2, 2)))


def test_one_player_game():
    g = Game.from_payoffs([[3, "1/2", 3]])
    assert g.n_players == 1 and g.shape == (3,) and g.denominators == (2,)
    assert list(g.profiles()) == [(0,), (1,), (2,)]
    assert g.exact_payoffs((1,)) == (Fraction(1, 2),)


# ---------------------------------------------------------------------- names and profiles
def test_default_players_and_names():
    g = Game.from_payoffs(np.zeros((3, 2, 1, 3), dtype=int))
    assert [p.name for p in g.players] == ["Player 1", "Player 2", "Player 3"]
    assert g.players[2].ids == ("1", "2", "3")
    assert list(g.profiles())[:4] == [(0, 0, 0), (0, 0, 1), (0, 0, 2), (1, 0, 0)]
    assert g.player_index("player 2") == 1
    assert g.profile_from_ids(["2", "1", "3"]) == (1, 0, 2)
    assert g.format_profile((1, 0, 2)) == "(2, 1, 3)"
    with pytest.raises(GameError, match="no player"):
        g.player_index("Nobody")
    with pytest.raises(GameError, match="one strategy per player"):
        g.profile_from_ids(["1", "1"])
    with pytest.raises(GameError, match="no strategy 'X'"):
        g.profile_from_ids(["1", "X", "1"])


def test_strategy_display_prefers_label():
    assert Strategy("A", "Attack").display == "Attack"
    assert Strategy("A").display == "A"


# ---------------------------------------------------------------------- restrict
def annotated_game() -> Game:
    names = [("Row", ["T", "M", "B"]), ("Col", ["L", "R"])]
    a = [[1, 2], [3, 4], [5, 6]]
    b = [["1/2", 1], [0, 2], [3, "7/3"]]
    notes = {(0, 0): "TL", (1, 1): "MR", (2, 0): "BL", (2, 1): "BR"}
    assumed = frozenset({(1, 1), (2, 0)})
    return named_game([a, b], names, notes=notes, assumed=assumed, title="annotated")


def test_restrict_keeps_order_payoffs_notes_and_assumed():
    g = annotated_game()
    sub = g.restrict({0: [2, 1]})  # B, M in that order
    assert sub.shape == (2, 2)
    assert sub.players[0].ids == ("B", "M") and sub.players[1].ids == ("L", "R")
    assert sub.exact_payoff(0, (0, 1)) == 6
    assert sub.exact_payoff(1, (1, 0)) == 0
    assert sub.exact_payoff(1, (0, 1)) == Fraction(7, 3)
    assert sub.denominators == g.denominators
    assert sub.notes == {(1, 1): "MR", (0, 0): "BL", (0, 1): "BR"}
    assert sub.assumed == frozenset({(1, 1), (0, 0)})
    assert sub.title == "annotated"
    # the original is untouched
    assert g.shape == (3, 2) and len(g.notes) == 4


def test_restrict_both_players_drops_notes_outside():
    g = annotated_game()
    sub = g.restrict({0: [0, 2], 1: [1]})
    assert sub.shape == (2, 1)
    assert sub.notes == {(1, 0): "BR"}
    assert sub.assumed == frozenset()
    assert sub.scaled.flags.c_contiguous


@pytest.mark.parametrize("keep, message", [
    ({0: []}, "at least one strategy"),
    ({0: [1, 1]}, "named twice"),
    ({0: [3]}, "no strategy number"),
    ({1: [-1]}, "no strategy number"),  # regression: -1 used to slip through, losing notes
])
def test_restrict_errors(keep, message):
    with pytest.raises(GameError, match=message):
        annotated_game().restrict(keep)


def test_restrict_keeps_object_dtype():
    g = Game.from_payoffs([[[2**70, 1], [2, 3]], [[0, 1], [2, 3]]])
    sub = g.restrict({1: [1]})
    assert sub.scaled.dtype == object
    assert sub.exact_payoff(0, (1, 0)) == 3


def test_apply_fix_by_names_and_ids():
    g = annotated_game()
    sub = apply_fix(g, [("row", ["B", "T"]), ("Col", ["R"])])
    assert sub.players[0].ids == ("B", "T") and sub.players[1].ids == ("R",)
    assert sub.notes == {(0, 0): "BR"}
    assert sub.assumed == frozenset()
    assert apply_fix(g, []).shape == g.shape


@pytest.mark.parametrize("fixes, message", [
    ([("Nobody", ["T"])], "no player"),
    ([("Row", ["X"])], "no strategy 'X'"),
    ([("Row", ["T"]), ("row", ["M"])], "fixed twice"),
    ([("Row", [])], "at least one strategy"),
    ([("Row", ["T", "T"])], "named twice"),
])
def test_apply_fix_errors(fixes, message):
    with pytest.raises(GameError, match=message):
        apply_fix(annotated_game(), fixes)


def test_with_payoffs_keeps_names_and_metadata():
    g = annotated_game()
    h = g.with_payoffs(np.ones((2, 3, 2), dtype=int))
    assert h.players == g.players and h.notes == g.notes and h.title == g.title
    assert h.denominators == (1, 1) and h.exact_payoff(1, (2, 1)) == 1


def test_unpriced_strategies_are_not_in_the_tensor():
    players = [Player("A", (Strategy("x"), Strategy("y"))),
               Player("B", (Strategy("s"),), unpriced=(Strategy("n"), Strategy("w")))]
    g = Game.from_payoffs([[[1], [2]], [[3], [4]]], players)
    assert g.shape == (2, 1)
    with pytest.raises(GameError, match="strategy 'n' is described but not priced"):
        g.profile_from_ids(["x", "n"])


def test_object_arrays_of_python_ints_fast_path():
    arr = np.array([[[1, 2]], [[3, -4]]], dtype=object)
    g = Game.from_payoffs(arr)
    assert g.scaled.dtype == np.int64 and g.denominators == (1, 1)
    big = np.array([[[2**64, 2]], [[3, -4]]], dtype=object)
    g = Game.from_payoffs(big)
    assert g.scaled.dtype == object and g.payoffs[0, 0, 0] == 2.0**64
    big[0, 0, 0] = 0  # the game does not share the caller's array
    assert g.exact_payoff(0, (0, 0)) == 2**64
    with pytest.raises(GameError, match="boolean"):
        Game.from_payoffs([[[True, 1]], [[0, 0]]])
    mixed = Game.from_payoffs([[[1, "1/2"]], [[np.int64(3), 2**70]]])
    assert mixed.denominators == (2, 1) and mixed.scaled.dtype == object
