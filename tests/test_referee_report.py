"""What analyze says about scales, structure, timing and in plain words, in every format
(issue 9): the paper's game and the Armenia games."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gamesolve.cli import main

PAPER = "games/south_caucasus.yaml"
DETERRENCE = "games/armenia_azerbaijan_deterrence.yaml"
DILEMMA = "games/armenia_azerbaijan_security_dilemma.yaml"
FORMATS = ("text", "markdown", "latex", "html", "json")


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_paper_text_opens_with_the_plain_summary():
    out = run("analyze", PAPER)
    lines = out.splitlines()
    assert lines[3] == "In plain words"
    summary = " ".join(out.split("Payoff scale")[0].split())  # whatever the wrapping
    assert "Iran does best with ITA whatever the others do" in summary
    assert "Israel's choice is not modelled" in summary
    assert "no strategic interdependence" in summary
    assert ("Of the source's own 15 claims, 7 supported, 6 contradicted, 1 holds as hedged"
            " and 1 untestable") in summary
    assert "Iran: MP 0, SRA -1, ITA +1, plus Azerbaijan's DAI 2, BR 3, AI 4" in out
    assert ("Timing does not change the prediction: every order of moves gives"
            " (ITA, DAI, SAA)") in " ".join(out.split())
    # Israel: no best-response stars and no security level
    assert "ITA                  (3*, 6*, 4) [NE]" in out
    israel = " ".join(out.split("\nIsrael\n------\n")[1].split("\n\n")[0].split())
    assert "Security level" not in israel and "choice is not modelled" in israel


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_the_new_sections(fmt):
    out = run("analyze", PAPER, "--format", fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["game"]["payoff_scale"] == "cardinal"
        assert doc["game"]["comparable_across_players"] is True
        assert doc["structure"]["separable"] == {"Iran": True, "Azerbaijan": True,
                                                 "Israel": True}
        assert doc["structure"]["dummies"] == [{"player": "Israel", "reason": "one strategy"}]
        assert not doc["sequential"]["timing_matters"]
        assert doc["repeated"]["individually_rational"] == [
            {"Iran": "ITA", "Azerbaijan": "BR", "Israel": "SAA"}]
        assert "Nash equilibrium" in doc["glossary"] and doc["summary"]
        return
    for words in ("In plain words", "Payoff scale", "Structure", "Order of moves",
                  "Repeated play", "Glossary", "subgame perfect"):
        assert words in out, words
    assert out.index("In plain words") < out.index("Strategies")


@pytest.mark.parametrize("fmt", FORMATS)
def test_armenia_no_cross_player_comparison(fmt):
    for game in (DETERRENCE, DILEMMA):
        out = run("analyze", game, "--format", fmt)
        assert "Largest payoff" not in out and "All players get the same" not in out
        assert "by at least" not in out  # ranks: "strictly better", no differences


@pytest.mark.parametrize("fmt", FORMATS)
def test_armenia_mixed_equilibrium_flagged_as_ordinal(fmt):
    out = run("analyze", DETERRENCE, "--fix", "Armenia=AC,IB,EB", "--format", fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert any("ordinal" in w and "mixed" in w for w in doc["warnings"])
        orders = {o["order"][0]: o["outcomes"] for o in doc["sequential"]["orders"]}
        assert orders == {"Armenia": [{"Armenia": "EB", "Azerbaijan": "SQ"}],
                          "Azerbaijan": [{"Armenia": "IB", "Azerbaijan": "ES"}]}
    else:
        flat = " ".join(out.split())
        assert "meaningful only under a cardinal reading" in flat
        assert "The first mover decides: Armenia first gives (EB, SQ); Azerbaijan first" \
               " gives (IB, ES)." in flat


def test_solve_warns_too():
    doc = json.loads(run("solve", DETERRENCE, "--fix", "Armenia=AC,IB,EB", "--format", "json"))
    assert any("ordinal" in w for w in doc["warnings"])
