"""Notebook niceties: short reprs, HTML display, names on equilibria, records and
DataFrames (pandas is optional)."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import pytest

import gamesolve
from gamesolve.claims import STATUSES
from gamesolve.errors import GameError
from gamesolve.solvers.base import EquilibriumSet, pure_equilibrium

ROOT = Path(__file__).resolve().parent.parent
GAMES = ROOT / "games"


@pytest.fixture(scope="module")
def bos():
    return gamesolve.load(GAMES / "battle_of_the_sexes.yaml")


@pytest.fixture(scope="module")
def bos_result(bos):
    return gamesolve.analyze(bos)


def test_short_reprs(bos_result):
    assert repr(bos_result) == ("<AnalysisResult 'Bach or Stravinsky? (Battle of the Sexes)':"
                                " 2 players, 3 equilibria (complete)>")
    assert repr(bos_result.equilibria) == ("<EquilibriumSet of 'Bach or Stravinsky? (Battle"
                                           " of the Sexes)' by enumerate: 3 equilibria"
                                           " (complete)>")
    paper = gamesolve.analyze(gamesolve.load(GAMES / "south_caucasus.yaml"))
    assert repr(paper).endswith("3 players, 1 equilibrium (complete)>")
    assert repr(paper.claims).startswith("<ClaimsReport: ")
    assert len(repr(paper)) < 120 and len(repr(paper.claims)) < 120


def test_html_display_is_the_reports_html(bos_result):
    page = bos_result._repr_html_()
    assert page.startswith('<div class="gamesolve">') and "<html" not in page
    assert "<table" in page and "Bach or Stravinsky?" in page
    assert "<table" in bos_result.equilibria._repr_html_()
    paper = gamesolve.analyze(gamesolve.load(GAMES / "south_caucasus.yaml"))
    assert "contradicted" in paper.claims._repr_html_().lower()


def test_equilibria_by_name(bos, bos_result):
    named = {tuple(sorted((p, tuple(sorted(m.items()))) for p, m in e.by_name(bos, exact=True)
                          .items())) for e in bos_result.equilibria.equilibria}
    players = [p.name for p in bos.players]
    third, two_thirds = Fraction(1, 3), Fraction(2, 3)
    # Osborne (2004) section 4.3: player 1 plays B with 2/3, player 2 with 1/3
    mixed = tuple(sorted([(players[0], (("B", two_thirds), ("S", third))),
                          (players[1], (("B", third), ("S", two_thirds)))]))
    assert mixed in named
    assert len(named) == 3


def test_records(bos, bos_result):
    records = bos_result.equilibria.to_records()
    assert [r["equilibrium"] for r in records] == [1, 2, 3]
    assert sum(r["pure"] for r in records) == 2
    mixed = next(r for r in records if not r["pure"])
    p1, p2 = (p.name for p in bos.players)
    assert mixed[f"{p1}: B"] == pytest.approx(2 / 3) and mixed[f"{p2}: B"] == pytest.approx(1 / 3)
    assert mixed[f"payoff {p1}"] == pytest.approx(2 / 3) and mixed["exact"]


def test_records_need_the_game_when_the_set_does_not_know_it(bos):
    bare = EquilibriumSet((pure_equilibrium(bos, (0, 0)),), "pure", True)
    with pytest.raises(GameError, match="does not know its game"):
        bare.to_records()
    assert bare.to_records(bos)[0]["pure"] is True


def test_claims_records():
    paper = gamesolve.analyze(gamesolve.load(GAMES / "south_caucasus.yaml"))
    records = paper.claims.to_records()
    assert len(records) == len(paper.claims.results)
    counts = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    assert counts == {s: paper.claims.count(s) for s in STATUSES if paper.claims.count(s)}
    implicit = [r for r in records if r["implicit"]]
    assert len(implicit) == paper.claims.summary["implicit"]["total"] > 0
    alternative = next(r for r in records if r["alternative_scope"])
    assert alternative["scope"] in ("row", "table") and alternative["alternative_status"]
    hedged = next(r for r in records if r["status"] == "holds-as-hedged")
    assert hedged["holds_in"] / hedged["cases"] > 1 / 2


def test_dataframes_with_pandas(bos_result):
    pandas = pytest.importorskip("pandas")
    frame = bos_result.equilibria.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 3
    paper = gamesolve.analyze(gamesolve.load(GAMES / "south_caucasus.yaml"))
    assert list(paper.claims.to_dataframe().columns)[:3] == ["claim", "kind", "status"]


def test_dataframe_without_pandas_says_so(bos_result, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(GameError, match="needs pandas"):
        bos_result.equilibria.to_dataframe()


def test_learning_result_in_a_notebook():
    pytest.importorskip("nashpy")
    from gamesolve.learning import learn

    result = learn(gamesolve.load(GAMES / "matching_pennies.yaml"), steps=100, seed=1)
    assert repr(result).startswith("<LearningResult 'Matching Pennies': fictitious-play,")
    assert "Verdict" in result._repr_html_()
    records = result.to_records()
    assert records[-1]["time"] == 100 and records[-1]["Person 1: H"] == result.final[0][0]
