"""Claims hygiene (issue 9): the newer claim kinds on hand-worked games, each supported,
contradicted and untestable; hedged claims (holds-as-hedged); readings (scope); source
versus implicit counts and ``check``'s exit status with and without ``--strict``; the
paper's verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    battle_of_the_sexes,
    bimatrix,
    declare,
    mixed_dominance_game,
    named_game,
    prisoners_dilemma,
)

from gamesolve.claims import CONTRADICTED, HOLDS_AS_HEDGED, SUPPORTED, UNTESTABLE, check_claims
from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game, Strategy

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "games" / "south_caucasus.yaml"


def judge(game: Game, **claim):
    claim.setdefault("text", "a claim")
    claim.setdefault("_line", 7)
    return check_claims(game, claims=[claim]).results[0]


def status(game: Game, **claim) -> str:
    return judge(game, **claim).status


def with_unpriced(game: Game, player: int, *ids: str) -> Game:
    from dataclasses import replace

    players = list(game.players)
    players[player] = replace(players[player], unpriced=tuple(Strategy(i) for i in ids))
    return replace(game, players=tuple(players))


@pytest.fixture(scope="module")
def paper() -> Game:
    return load_game(str(PAPER))


PD = prisoners_dilemma()  # (C,C)=(3,3) (C,D)=(0,5) / (D,C)=(5,0) (D,D)=(1,1)
# Row: T = (1, 0), B = (1, 1): B weakly (not strictly) dominates T
WEAK = bimatrix([[(1, 0), (0, 0)], [(1, 0), (1, 0)]], ["T", "B"], ["L", "R"])
# Row: T = (1, 0), M = (0, 1), B = (1/2, 1/2): B is a best response only to the belief
# (1/2, 1/2), never to a pure column, and equals 1/2 T + 1/2 M: not weakly dominated
FLAT = bimatrix([[(1, 0), (0, 0)], [(0, 0), (1, 0)], [("1/2", 0), ("1/2", 0)]],
                ["T", "M", "B"], ["L", "R"])


# ---------------------------------------------------------------------- dominated
def test_strictly_dominated_pure():
    r = judge(PD, kind="strictly_dominated", player="Row", strategy="C")
    assert r.status == SUPPORTED
    assert r.evidence == ("D pays Row 1..2 more than C against every one of the 2 profiles"
                          " of Column.")
    assert status(PD, kind="strictly_dominated", player="Row", strategy="C", by="D") == SUPPORTED
    r = judge(PD, kind="strictly_dominated", player="Row", strategy="D")
    assert r.status == CONTRADICTED
    assert "against Column C, D pays 5 and no alternative pays more" in r.evidence


def test_strictly_dominated_mixed():
    g = mixed_dominance_game()  # B = (1, 1) < 1/2 T + 1/2 M = (3/2, 3/2)
    r = judge(g, kind="strictly_dominated", player="Row", strategy="B")
    assert r.status == SUPPORTED and r.evidence.startswith("1/2 T + 1/2 M pays Row 1/2..1/2")
    r = judge(g, kind="strictly_dominated", player="Row", strategy="B", by={"T": "1/2", "M": 0.5})
    assert r.status == SUPPORTED and r.statement == "Row's B is strictly dominated by 1/2 T + 1/2 M"
    r = judge(g, kind="strictly_dominated", player="Row", strategy="B", by="T")
    assert r.status == CONTRADICTED
    assert "against Column R, T pays 0 and B 1" in r.evidence
    assert "strictly dominated by 1/2 T + 1/2 M instead" in r.evidence


def test_weakly_dominated():
    r = judge(WEAK, kind="weakly_dominated", player="Row", strategy="T")
    assert r.status == SUPPORTED and "equal against 1 of them" in r.evidence
    # weak but not strict: the strict claim is refuted by T's tie against L
    r = judge(WEAK, kind="strictly_dominated", player="Row", strategy="T")
    assert r.status == CONTRADICTED and "against Column L, T pays 1" in r.evidence
    r = judge(WEAK, kind="weakly_dominated", player="Row", strategy="B")
    assert r.status == CONTRADICTED
    assert "against Column R, B pays 1 and every alternative pays less" in r.evidence
    # a strict dominator dominates weakly too
    assert status(PD, kind="weakly_dominated", player="Row", strategy="C") == SUPPORTED


def test_not_dominated_certified_by_a_mixed_belief():
    # B is never a best response to a pure column: the certificate is a belief (1/2, 1/2)
    r = judge(FLAT, kind="strictly_dominated", player="Row", strategy="B")
    assert r.status == CONTRADICTED and "1/2 Column L, 1/2 Column R" in r.evidence
    r = judge(FLAT, kind="weakly_dominated", player="Row", strategy="B")
    assert r.status == CONTRADICTED and "weights every profile of the others" in r.evidence
    r = judge(FLAT, kind="weakly_dominated", player="Row", strategy="B",
              by={"T": "1/2", "M": "1/2"})
    assert r.status == CONTRADICTED and "pays exactly what B pays" in r.evidence


def test_dominated_untestable(paper):
    # Israel's NS is unpriced; Iran's MP is not dominated among priced strategies
    # when an unpriced alternative exists
    assert status(paper, kind="strictly_dominated", player="Israel", strategy="NS") == UNTESTABLE
    g = with_unpriced(PD, 0, "X")
    r = judge(g, kind="strictly_dominated", player="Row", strategy="D")
    assert r.status == UNTESTABLE and "X is not priced" in r.evidence
    # but a dominance among the priced strategies stands whatever X pays
    assert status(g, kind="strictly_dominated", player="Row", strategy="C") == SUPPORTED


def test_dominated_bad_by():
    with pytest.raises(GameError, match="weights must sum to 1"):
        judge(FLAT, kind="strictly_dominated", player="Row", strategy="B", by={"T": "1/3"})
    with pytest.raises(GameError, match="cannot use B itself"):
        judge(FLAT, kind="strictly_dominated", player="Row", strategy="B", by="B")


# ---------------------------------------------------------------------- Pareto dominated
def test_pareto_dominated(paper):
    r = judge(PD, kind="pareto_dominated", profile=["D", "D"])
    assert r.status == SUPPORTED and "(C, C) = (3, 3)" in r.evidence
    assert status(PD, kind="pareto_dominated", profile=["D", "D"], by=["C", "C"]) == SUPPORTED
    r = judge(PD, kind="pareto_dominated", profile=["D", "D"], by=["C", "D"])
    assert r.status == CONTRADICTED and "Row less (0 < 1)" in r.evidence
    r = judge(PD, kind="pareto_dominated", profile=["C", "C"])
    assert r.status == CONTRADICTED and "it is Pareto optimal" in r.evidence
    # the paper: (ITA, BR) = (4, 5, 5) does not Pareto-dominate the equilibrium (3, 6, 4)
    r = judge(paper, kind="pareto_dominated", profile=["ITA", "DAI", "SAA"],
              by=["ITA", "BR", "SAA"])
    assert r.status == CONTRADICTED and "Azerbaijan less (5 < 6)" in r.evidence
    assert status(paper, kind="pareto_dominated", profile=["ITA", "DAI", "NS"]) == UNTESTABLE


# ---------------------------------------------------------------------- welfare
def test_welfare_needs_comparable_payoffs():
    r = judge(PD, kind="welfare", measure="sum", profile=["C", "C"])
    assert r.status == UNTESTABLE and "comparable_across_players: false" in r.evidence
    assert r.alternative[:2] == ("numbers at face value", SUPPORTED)
    # comparable but ordinal: a sum means nothing, a minimum still does
    ordinal = declare(PD, scale="ordinal", comparable=True)
    r = judge(ordinal, kind="welfare", measure="sum", profile=["C", "C"])
    assert r.status == UNTESTABLE and "ordinal" in r.evidence
    assert status(ordinal, kind="welfare", measure="minimum", profile=["C", "C"]) == SUPPORTED


def test_welfare_sum_and_minimum():
    g = declare(PD, scale="cardinal", comparable=True)
    r = judge(g, kind="welfare", measure="sum", profile=["C", "C"])
    assert r.status == SUPPORTED
    assert r.evidence == ("Sum of payoffs: (C, C) = (3, 3): 6, the highest of the 4 outcomes"
                          " in the game.")
    r = judge(g, kind="welfare", measure="sum", profile=["D", "D"])
    assert r.status == CONTRADICTED and "(C, C) = (3, 3): 6" in r.evidence
    # sums: (C, D) 5 > (D, D) 2; minima: (C, D) 0 < (D, D) 1
    assert status(g, kind="welfare", measure="sum", profile=["C", "D"],
                  than=["D", "D"]) == SUPPORTED
    assert status(g, kind="welfare", measure="minimum", profile=["C", "D"],
                  than=["D", "D"]) == CONTRADICTED
    # a row: Row plays D; (D, D) has min 1 > min 0 of (D, C)
    r = judge(g, kind="welfare", measure="minimum", profile=["D", "D"], scope="row")
    assert r.status == SUPPORTED and r.alternative[:2] == ("table", CONTRADICTED)
    assert status(g, kind="welfare", measure="sum", profile=["C", "C"],
                  strictly=True) == SUPPORTED  # 6: no other outcome ties
    with pytest.raises(GameError, match="not both"):
        judge(g, kind="welfare", measure="sum", profile=["C", "C"], than=["D", "D"],
              scope="row")
    with pytest.raises(GameError, match="'measure' must be sum or minimum"):
        judge(g, kind="welfare", measure="mean", profile=["C", "C"])


def test_welfare_untestable_unpriced(paper):
    g = declare(paper, comparable=True)
    assert status(g, kind="welfare", measure="sum", profile=["ITA", "BR", "NS"]) == UNTESTABLE
    r = judge(g, kind="welfare", measure="sum", profile=["ITA", "BR", "SAA"],
              than=["ITA", "DAI", "SAA"])
    assert r.status == SUPPORTED and "(ITA, BR, SAA) = (4, 5, 5): 14" in r.evidence


# ---------------------------------------------------------------------- interdependence
def test_interdependent():
    # prisoner's dilemma: D is best whatever the other does, for both
    r = judge(PD, kind="interdependent")
    assert r.status == CONTRADICTED
    assert "Row: D is a best choice against every one of the 2 profiles" in r.evidence
    bos = battle_of_the_sexes()
    r = judge(bos, kind="interdependent", quantifier="each")
    assert r.status == SUPPORTED
    assert "Row: its best choice depends on the others: O against Column O, but F" \
        in r.evidence
    # one player's choice depends on the other's, the other's does not
    mixed = bimatrix([[(1, 1), (0, 0)], [(0, 1), (1, 0)]], ["T", "B"], ["L", "R"])
    assert status(mixed, kind="interdependent") == SUPPORTED
    r = judge(mixed, kind="interdependent", quantifier="each")
    assert r.status == CONTRADICTED and r.alternative[:2] == ("some player", SUPPORTED)
    assert status(mixed, kind="interdependent", players="Column") == CONTRADICTED


def test_interdependent_dummy_player():
    # a player with one strategy and nothing unpriced has nothing to choose: independent
    g = named_game([[[1], [0]], [[0], [0]]], [("Row", ["T", "B"]), ("Dummy", ["x"])])
    r = judge(g, kind="interdependent", players="Dummy")
    assert r.status == CONTRADICTED and "Dummy has one strategy (x)" in r.evidence


def test_interdependent_separable():
    # u_row = f(row) + g(column): additively separable, so independent
    g = bimatrix([[(1, 0), (3, 1)], [(2, 0), (4, 1)]], ["T", "B"], ["L", "R"])
    r = judge(g, kind="interdependent")
    assert r.status == CONTRADICTED and "additively separable" in r.evidence


def test_interdependent_untestable(paper):
    # Iran and Azerbaijan choose independently; Israel's alternatives are unpriced
    r = judge(paper, kind="interdependent")
    assert r.status == UNTESTABLE and "Israel: unknown" in r.evidence
    assert status(paper, kind="interdependent", quantifier="each") == CONTRADICTED
    with pytest.raises(GameError, match="'quantifier' must be some or each"):
        judge(paper, kind="interdependent", quantifier="all")


# ---------------------------------------------------------------------- worst, scope
def test_worst_outcome_and_scope(paper):
    claim = dict(kind="worst_outcome", player=["Azerbaijan", "Israel"],
                 profile=["MP", "AI", "SAA"])
    r = judge(paper, scope="row", **claim)
    assert r.status == SUPPORTED and r.scope == "row"
    assert "Azerbaijan gets 3 at (MP, AI, SAA), the least of the 3 outcomes" in r.evidence
    reading, other, evidence = r.alternative
    assert (reading, other) == ("table", CONTRADICTED)
    assert "Azerbaijan gets 3 at (MP, AI, SAA), but (SRA, AI, SAA) = 2 is below it" in evidence
    assert status(paper, scope="table", **claim) == CONTRADICTED
    assert status(paper, kind="worst_outcome", player="Israel",
                  profile=["ITA", "AI", "SAA"]) == SUPPORTED  # 2, the table's least
    assert status(paper, kind="worst_outcome", player="Israel",
                  profile=["ITA", "AI", "NS"]) == UNTESTABLE


def test_best_outcome_readings(paper):
    # A.2 within its row; B.2 over the whole table; each report shows the other reading
    a2 = judge(paper, kind="best_outcome", player="Israel", profile=["MP", "BR", "SAA"],
               scope="row")
    assert a2.status == SUPPORTED and a2.alternative[:2] == ("table", CONTRADICTED)
    b2 = judge(paper, kind="best_outcome", player="Israel", profile=["SRA", "BR", "SAA"],
               scope="table")
    assert b2.status == SUPPORTED and b2.alternative[:2] == ("row", SUPPORTED)
    with pytest.raises(GameError, match="'scope' or 'where', not both"):
        judge(paper, kind="best_outcome", player="Israel", profile=["SRA", "BR", "SAA"],
              scope="row", where={"Iran": "SRA"})
    with pytest.raises(GameError, match="'scope' must be row or table"):
        judge(paper, kind="best_outcome", player="Israel", profile=["SRA", "BR", "SAA"],
              scope="column")


def test_row_scope_keeps_every_player_but_the_column_player():
    # three players: a row of the printed tables fixes players 1 and 3
    g = named_game([[[[1, 0], [0, 0]], [[0, 0], [0, 9]]]] * 3,
                   [("A", ["a1", "a2"]), ("B", ["b1", "b2"]), ("C", ["c1", "c2"])])
    # A's payoffs: (a1, *, c1) = 1, 0; (a2, b2, c2) = 9
    r = judge(g, kind="best_outcome", player="A", profile=["a1", "b1", "c1"], scope="row")
    assert r.status == SUPPORTED and "the most of the 2 outcomes in its row" in r.evidence
    assert r.alternative[:2] == ("table", CONTRADICTED)


# ---------------------------------------------------------------------- hedged claims
def test_hedged_majority_threshold():
    # Row's payoffs: T = (1, 2, 3); hedged "Row gets at least 2": holds in 2 of 3
    g = bimatrix([[(1, 0), (2, 0), (3, 0)]], ["T"], ["a", "b", "c"])
    r = judge(g, kind="payoff_range", player="Row", min=2, hedged=True)
    assert r.status == HOLDS_AS_HEDGED and r.holds_in == (2, 3)
    # exactly half is not "most"
    g2 = bimatrix([[(1, 0), (2, 0)]], ["T"], ["a", "b"])
    r = judge(g2, kind="payoff_range", player="Row", min=2, hedged=True)
    assert r.status == CONTRADICTED and "not more than half" in r.evidence
    # in every case: supported, and the evidence says the hedge was not needed
    r = judge(g, kind="payoff_range", player="Row", min=1, hedged=True)
    assert r.status == SUPPORTED and "the hedge is not needed" in r.evidence
    # unhedged, 2 of 3 is a contradiction
    assert status(g, kind="payoff_range", player="Row", min=2) == CONTRADICTED


def test_hedged_best_response():
    # T is Row's best response against L and M but not R
    g = bimatrix([[(2, 0), (2, 0), (0, 0)], [(1, 0), (1, 0), (1, 0)]], ["T", "B"],
                 ["L", "M", "R"])
    r = judge(g, kind="best_response", player="Row", strategy="T", against="any", hedged=True)
    assert r.status == HOLDS_AS_HEDGED and r.holds_in == (2, 3)


# ---------------------------------------------------------------------- counting, exit
def write(tmp_path: Path, claims: str) -> str:
    text = PAPER.read_text().split("\nclaims:")[0] + "\nclaims:\n" + claims
    path = tmp_path / "game.yaml"
    path.write_text(text)
    return str(path)


IMPLICIT_WRONG = ("  - {text: t, kind: strictly_dominant, player: Iran, strategy: ITA}\n"
                  "  - {text: u, kind: equilibrium, profile: [ITA, BR, SAA], implicit: true}\n")


def test_implicit_contradiction_exits_1_only_with_strict(tmp_path):
    path = write(tmp_path, IMPLICIT_WRONG)
    runner = CliRunner()
    plain = runner.invoke(main, ["check", path])
    assert plain.exit_code == 0, plain.output
    assert "Claims stated by the source: 1: 1 supported." in plain.output
    assert "Claims added by the encoder (implicit: true): 1: 1 contradicted." in plain.output
    strict = runner.invoke(main, ["check", path, "--strict"])
    assert strict.exit_code == 1
    assert "With --strict, every claim decides the exit status" in strict.output
    doc = json.loads(runner.invoke(main, ["check", path, "--strict", "--format", "json"]).output)
    assert (doc["strict"], doc["exit_status"]) == (True, 1)
    assert doc["summary"]["implicit"] == {"supported": 0, "contradicted": 1,
                                          "holds-as-hedged": 0, "untestable": 0, "total": 1}


def test_holds_as_hedged_does_not_exit_1(tmp_path):
    path = write(tmp_path, "  - {text: t, kind: payoff_range, player: Azerbaijan, min: 5,"
                           " max: 6, where: {Azerbaijan: DAI}, hedged: true}\n")
    result = CliRunner().invoke(main, ["check", path, "--strict"])
    assert result.exit_code == 0 and "1 holds-as-hedged" in result.output


def test_counts_kept_apart(paper):
    report = check_claims(paper)
    # the file declares its payoffs comparable across players (see its comments), so
    # "equally" and "balanced" are judged on the numbers
    assert report.counts(implicit=False) == {SUPPORTED: 7, CONTRADICTED: 6,
                                             HOLDS_AS_HEDGED: 1, UNTESTABLE: 1}
    assert report.counts(implicit=True) == {SUPPORTED: 4, CONTRADICTED: 0,
                                            HOLDS_AS_HEDGED: 0, UNTESTABLE: 0}
    assert report.exit_status == 1


# ---------------------------------------------------------------------- the paper
PAPER_VERDICTS = [
    # (source, kind, status, other reading's status or None)
    ("Theoretical framework", "best_outcome", CONTRADICTED, CONTRADICTED),
    ("Game-theory section", "interdependent", CONTRADICTED, UNTESTABLE),
    ("Analysis, A.2", "best_outcome", SUPPORTED, CONTRADICTED),
    ("Analysis, A.3", "best_outcome", SUPPORTED, CONTRADICTED),
    ("Analysis, A.3", "worst_outcome", SUPPORTED, CONTRADICTED),
    ("Analysis, B.2", "best_outcome", SUPPORTED, SUPPORTED),
    ("Analysis, B.2", "equal_payoffs", CONTRADICTED, None),  # Azerbaijan 3, Israel 7
    ("Analysis, C.2", "equilibrium", CONTRADICTED, None),
    ("Analysis, C.2", "equal_payoffs", CONTRADICTED, None),  # 4, 5, 5
    ("Analysis, C.3", "best_outcome", SUPPORTED, SUPPORTED),
    ("Paragraph after the Analysis", "strictly_dominant", SUPPORTED, None),
    ("Paragraph after the Analysis", "payoff_range", HOLDS_AS_HEDGED, None),
    ("Paragraph after the Analysis", "strictly_dominant", UNTESTABLE, None),
    ("Paragraph after the Analysis", "payoff_range", CONTRADICTED, None),
    ("Final paragraph", "prefers", SUPPORTED, None),
]


def test_paper_verdicts(paper):
    report = check_claims(paper)
    own = report.group(implicit=False)
    got = [(r.source.split(" (")[0].split(",")[0] if not r.source.startswith("Analysis")
            else r.source, r.kind, r.status, r.alternative[1] if r.alternative else None)
           for r in own]
    want = [(s.split(",")[0] if not s.startswith("Analysis") else s, k, v, a)
            for s, k, v, a in PAPER_VERDICTS]
    assert got == want
    definition = own[0]
    assert "Iran gets 3 at (ITA, DAI, SAA), but" in definition.evidence
    assert "Israel gets 4 at (ITA, DAI, SAA), but (SRA, BR, SAA) = 7" in definition.evidence
    welfare = report.group(implicit=True)[-1]
    assert welfare.status == SUPPORTED and "14" in welfare.evidence and "13" in welfare.evidence
