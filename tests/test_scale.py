"""The payoff scale: read, validated, kept by writers, noted as lost by .nfg, shown."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gamesolve.cli import main
from gamesolve.convert import lost_information
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.io.writers import write_json, write_yaml
from gamesolve.io.yaml_format import parse_game
from gamesolve.model import Game

BODY = ("players:\n  - name: A\n    strategies: [x, y]\npayoffs:\n"
        "  - {profile: [x], values: [1]}\n  - {profile: [y], values: [2]}\n")


def test_defaults_are_cardinal_and_not_comparable():
    g = parse_game(BODY)
    assert (g.payoff_scale, g.comparable_across_players, g.ordinal) == ("cardinal", False,
                                                                        False)


def test_declared_scale_is_read():
    g = parse_game("payoff_scale: ordinal\ncomparable_across_players: true\n" + BODY)
    assert g.ordinal and g.comparable_across_players


@pytest.mark.parametrize("head,message", [
    ("payoff_scale: ranks\n", "'payoff_scale' must be ordinal or cardinal, not 'ranks'"),
    ("payoff_scale: [ordinal]\n", "'payoff_scale'"),
    ("comparable_across_players: maybe\n", "'comparable_across_players' must be true or"),
])
def test_bad_scale_names_the_line(head, message):
    with pytest.raises(GameError, match=message) as info:
        parse_game(head + BODY)
    assert info.value.line == 1


def test_model_refuses_unknown_scale():
    with pytest.raises(GameError, match="payoff_scale"):
        Game.from_payoffs([[[1, 2]], [[3, 4]]], payoff_scale="interval")


@pytest.mark.parametrize("writer", [write_yaml, write_json])
def test_writers_round_trip_the_scale(writer, tmp_path):
    g = load_game("games/armenia_azerbaijan_deterrence.yaml")
    path = tmp_path / ("g.json" if writer is write_json else "g.yaml")
    path.write_text(writer(g))
    back = load_game(str(path))
    assert (back.payoff_scale, back.comparable_across_players) == ("ordinal", False)
    paper = load_game("games/south_caucasus.yaml")
    path.write_text(writer(paper))
    assert load_game(str(path)).comparable_across_players is True
    # defaults are not written: the document stays as before for undeclared games
    assert "payoff_scale" not in writer(parse_game(BODY))


def test_nfg_says_the_scale_is_lost():
    lost = lost_information(load_game("games/armenia_azerbaijan_deterrence.yaml"), "nfg")
    assert "the payoff scale (ordinal)" in lost
    assert "the cross-player comparability flag" in lost_information(
        load_game("games/south_caucasus.yaml"), "nfg")
    assert not any("scale" in x for x in lost_information(parse_game(BODY), "nfg"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html"])
def test_every_report_states_the_scale(fmt):
    for command in ("analyze", "solve"):
        out = CliRunner().invoke(main, [command, "games/armenia_azerbaijan_deterrence.yaml",
                                        "--format", fmt]).stdout
        assert "Payoffs are ordinal" in " ".join(out.split())
