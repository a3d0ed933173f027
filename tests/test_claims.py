"""Claims: every kind supported, contradicted and untestable; bad claims; ``gamesolve check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import bimatrix, declare, named_game, prisoners_dilemma

from gamesolve.claims import (
    CONTRADICTED,
    HOLDS_AS_HEDGED,
    KINDS,
    SUPPORTED,
    UNTESTABLE,
    check_claims,
)
from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game, Player, Strategy, apply_fix
from gamesolve.report.claims_report import claims_document
from gamesolve.report.text import render_check
from gamesolve.solvers.base import Equilibrium, EquilibriumSet

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "games" / "south_caucasus.yaml"


def judge(game: Game, original: Game | None = None, **claim):
    claim.setdefault("text", "a claim")
    claim.setdefault("_line", 42)
    return check_claims(game, original=original, claims=[claim]).results[0]


def status(game: Game, **claim) -> str:
    return judge(game, **claim).status


@pytest.fixture(scope="module")
def paper() -> Game:
    return load_game(str(PAPER))


@pytest.fixture
def pd() -> Game:
    return prisoners_dilemma()  # Row/Column, C/D; (3,3) (0,5) / (5,0) (1,1)


def with_unpriced(game: Game, player: int, *ids: str) -> Game:
    from dataclasses import replace

    players = list(game.players)
    players[player] = replace(players[player], unpriced=tuple(Strategy(i) for i in ids))
    return replace(game, players=tuple(players))


# ---------------------------------------------------------------------- each kind
def test_strictly_dominant(pd, paper):
    r = judge(pd, kind="strictly_dominant", player="Row", strategy="D")
    assert r.status == SUPPORTED
    assert r.evidence == "D beats C by 1..2 against every one of the 2 profiles of Column."
    r = judge(pd, kind="strictly_dominant", player="Column", strategy="C")
    assert r.status == CONTRADICTED and "against Row C, D pays Column 5 and C 3" in r.evidence
    r = judge(paper, kind="strictly_dominant", player="Israel", strategy="SAA")
    assert r.status == UNTESTABLE and "NS, WS are not priced" in r.evidence
    # priced alternatives support it, an unpriced one might not
    r = judge(with_unpriced(pd, 0, "Z"), kind="strictly_dominant", player="Row", strategy="D")
    assert r.status == UNTESTABLE and "whether D beats it is unknown" in r.evidence
    r = judge(with_unpriced(paper, 1, "X"), kind="strictly_dominant", player="Azerbaijan",
              strategy="DAI")
    assert r.status == UNTESTABLE
    assert r.evidence.startswith("Among priced strategies: DAI beats BR by 1..1")
    # priced alternatives already refute it: unpriced ones cannot rescue it
    assert status(with_unpriced(pd, 0, "Z"), kind="strictly_dominant", player="Row",
                  strategy="C") == CONTRADICTED
    # naming the unpriced strategy itself
    assert status(paper, kind="strictly_dominant", player="Israel",
                  strategy="NS") == UNTESTABLE


def test_paper_dai_evidence(paper):
    r = judge(paper, kind="strictly_dominant", player="Azerbaijan", strategy="DAI")
    assert r.status == SUPPORTED
    assert r.evidence == ("DAI beats BR by 1..1 and AI by 2..2 against every one of the 3"
                          " profiles of Iran and Israel.")


def test_weakly_dominant():
    g = bimatrix([[(1, 0), (1, 0)], [(1, 0), (0, 0)]], ["T", "B"], ["L", "R"])
    assert status(g, kind="weakly_dominant", player="Row", strategy="T") == SUPPORTED
    assert status(g, kind="strictly_dominant", player="Row", strategy="T") == CONTRADICTED
    r = judge(g, kind="weakly_dominant", player="Row", strategy="B")
    assert r.status == CONTRADICTED
    # identical strategies: neither weakly dominates the other
    r = judge(g, kind="weakly_dominant", player="Column", strategy="L")
    assert r.status == CONTRADICTED and "pays exactly what L pays" in r.evidence
    assert status(with_unpriced(g, 0, "X"), kind="weakly_dominant", player="Row",
                  strategy="X") == UNTESTABLE
    assert status(with_unpriced(g, 0, "X"), kind="weakly_dominant", player="Row",
                  strategy="T") == UNTESTABLE


def test_single_strategy_is_untestable():
    g = named_game([[[1, 2]], [[3, 4]]], [("A", ["x"]), ("B", ["l", "r"])])
    r = judge(g, kind="strictly_dominant", player="A", strategy="x")
    assert r.status == UNTESTABLE and "only strategy" in r.evidence


def test_equilibrium(pd, paper):
    r = judge(pd, kind="equilibrium", profile=["D", "D"])
    assert r.status == SUPPORTED and "(strict)" in r.evidence
    r = judge(pd, kind="equilibrium", profile={"Column": "C", "Row": "C"})
    assert r.status == CONTRADICTED
    assert "Row gains 2 by switching from C to D (3 -> 5)" in r.evidence
    r = judge(paper, kind="equilibrium", profile=["ITA", "DAI", "SAA"])
    assert r.status == SUPPORTED and "Judged on the priced game" in r.evidence
    r = judge(paper, kind="equilibrium", profile=["ITA", "DAI", "WS"])
    assert r.status == UNTESTABLE and "Israel's WS is described by the source but not priced" \
        in r.evidence
    weak = bimatrix([[(1, 1), (1, 0)]], ["T"], ["L", "R"])
    r = judge(weak, kind="equilibrium", profile=["T", "L"])
    assert r.status == SUPPORTED and "(strict)" in r.evidence
    tie = bimatrix([[(1, 1), (1, 1)]], ["T"], ["L", "R"])
    assert "weak" in judge(tie, kind="equilibrium", profile=["T", "L"]).evidence


def test_unique_equilibrium(pd, paper, games):
    r = judge(pd, kind="unique_equilibrium", profile=["D", "D"])
    assert r.status == SUPPORTED and "mixed or pure" in r.evidence
    r = judge(paper, kind="unique_equilibrium", profile=["ITA", "DAI", "SAA"])
    assert r.status == SUPPORTED and "iterated elimination" in r.evidence
    r = judge(games["battle_of_the_sexes"], kind="unique_equilibrium", profile=["O", "O"])
    assert r.status == CONTRADICTED and "(F, F)" in r.evidence
    assert status(pd, kind="unique_equilibrium", profile=["C", "C"]) == CONTRADICTED
    assert status(paper, kind="unique_equilibrium", profile=["MP", "AI", "NS"]) == UNTESTABLE


def coordination_with_pennies() -> Game:
    """Unique pure equilibrium (T, L), no dominated strategy, and a mixed equilibrium on
    the matching-pennies block {M, B} x {C, R}."""
    a = [[2, 0, 0], [0, 1, 0], [0, 0, 1]]
    b = [[2, 0, 0], [0, 0, 1], [0, 1, 0]]
    return named_game([a, b], [("Row", ["T", "M", "B"]), ("Column", ["L", "C", "R"])])


def fake_solve(result=None, error=None):
    def solve(game, method="auto", timeout=10.0):
        if error is not None:
            raise error
        return result
    return solve


def test_unique_equilibrium_mixed_search(monkeypatch):
    import gamesolve.solvers.equilibria as eq

    g = coordination_with_pennies()
    claim = {"kind": "unique_equilibrium", "profile": ["T", "L"]}
    monkeypatch.setattr(eq, "solve", fake_solve(error=RuntimeError("no solver")))
    r = judge(g, **claim)
    assert r.status == SUPPORTED
    assert "uniqueness among mixed equilibria could not be established" in r.evidence
    assert "no solver" in r.evidence
    pure = Equilibrium(((1.0, 0, 0), (1.0, 0, 0)), (2.0, 2.0), True)
    mixed = Equilibrium(((0, .5, .5), (0, .5, .5)), (.5, .5), False)
    monkeypatch.setattr(eq, "solve", fake_solve(EquilibriumSet((pure, mixed), "enumerate", True)))
    r = judge(g, **claim)
    assert r.status == CONTRADICTED and "0.5 M + 0.5 B" in r.evidence
    monkeypatch.setattr(eq, "solve", fake_solve(EquilibriumSet((pure,), "enumerate", True)))
    assert "complete search (enumerate)" in judge(g, **claim).evidence
    monkeypatch.setattr(eq, "solve", fake_solve(EquilibriumSet((pure,), "gnm", False)))
    r = judge(g, **claim)
    assert r.status == SUPPORTED and "not guaranteed complete" in r.evidence


def test_unique_equilibrium_real_solver():
    pytest.importorskip("gamesolve.solvers.bimatrix")
    r = judge(coordination_with_pennies(), kind="unique_equilibrium", profile=["T", "L"])
    assert r.status == CONTRADICTED


def test_best_response(pd, paper):
    assert status(pd, kind="best_response", player="Row", strategy="D",
                  against="any") == SUPPORTED
    r = judge(pd, kind="best_response", player="Row", strategy="C", against={"Column": "D"})
    assert r.status == CONTRADICTED and "C (0) is beaten by D (1)" in r.evidence
    assert r.holds_in == (0, 1)
    # partial: must hold for every completion (Israel's SAA here)
    r = judge(paper, kind="best_response", player="Azerbaijan", strategy="DAI",
              against={"Iran": "MP"})
    assert r.status == SUPPORTED and r.holds_in == (1, 1)
    assert status(paper, kind="best_response", player="Iran", strategy="MP",
                  against={"Azerbaijan": ["DAI", "AI"]}) == CONTRADICTED
    assert status(paper, kind="best_response", player="Israel", strategy="SAA",
                  against="any") == UNTESTABLE
    assert status(paper, kind="best_response", player="Iran", strategy="ITA",
                  against={"Israel": "NS"}) == UNTESTABLE
    # ties: a best response, but not the unique one
    tie = bimatrix([[(1, 0)], [(1, 0)]], ["T", "B"], ["L"])
    assert status(tie, kind="best_response", player="Row", strategy="T",
                  against="any") == SUPPORTED
    assert status(tie, kind="best_response", player="Row", strategy="T", against="any",
                  strictly=True) == CONTRADICTED


def test_best_response_hedged(paper):
    r = judge(paper, kind="best_response", player="Iran", strategy="MP", hedged=True,
              against={"Azerbaijan": ["DAI", "BR", "AI"]})
    assert r.status == CONTRADICTED and r.holds_in == (0, 3)
    assert r.evidence.startswith("Hedged claim: the firm statement holds in only 0 of 3 cases")


def test_pareto_optimal(pd, paper):
    assert status(pd, kind="pareto_optimal", profile=["C", "C"]) == SUPPORTED
    r = judge(pd, kind="pareto_optimal", profile=["D", "D"])
    assert r.status == CONTRADICTED and "(C, C) = (3, 3)" in r.evidence
    r = judge(paper, kind="pareto_optimal", profile=["ITA", "DAI", "SAA"])
    assert r.status == SUPPORTED and "not priced" in r.evidence
    assert status(paper, kind="pareto_optimal", profile=["ITA", "DAI", "NS"]) == UNTESTABLE


def test_prefers(paper):
    r = judge(paper, kind="prefers", player="Israel", better=["SRA", "BR", "SAA"],
              worse=["MP", "DAI", "SAA"])
    assert r.status == SUPPORTED
    assert r.evidence == "Israel gets 7 at (SRA, BR, SAA) and 5 at (MP, DAI, SAA)."
    assert status(paper, kind="prefers", player="Israel", better=["MP", "DAI", "SAA"],
                  worse=["SRA", "BR", "SAA"]) == CONTRADICTED
    # equal payoffs: not a strict preference, but a weak one
    same = {"kind": "prefers", "player": "Israel", "better": ["MP", "DAI", "SAA"],
                "worse": ["ITA", "BR", "SAA"]}
    assert status(paper, **same) == CONTRADICTED
    assert status(paper, strictly=False, **same) == SUPPORTED
    assert status(paper, kind="prefers", player="Israel", better=["MP", "DAI", "WS"],
                  worse=["MP", "DAI", "SAA"]) == UNTESTABLE


def test_payoff_range(paper):
    r = judge(paper, kind="payoff_range", player="Israel", min=5, max=7,
              where={"Israel": "SAA"})
    assert r.status == CONTRADICTED and r.holds_in == (5, 9)
    assert "Israel gets 2..7" in r.evidence and "(ITA, DAI, SAA) = 4 (the equilibrium)" \
        in r.evidence
    r = judge(paper, kind="payoff_range", player="Azerbaijan", min=5, max=6, hedged=True,
              where={"Azerbaijan": "DAI"})
    assert r.status == HOLDS_AS_HEDGED and r.holds_in == (2, 3)
    assert "Hedged claim: the firm statement holds in 2 of 3 cases, more than half" in r.evidence
    assert "(SRA, DAI, SAA) = 4" in r.evidence
    assert status(paper, kind="payoff_range", player="Israel", min=2, max=7) == SUPPORTED
    assert status(paper, kind="payoff_range", player="Iran", max="5") == SUPPORTED
    assert status(paper, kind="payoff_range", player="Iran", min="1/2",
                  where={"Iran": ["MP", "ITA"]}) == SUPPORTED
    assert status(paper, kind="payoff_range", player="Israel", min=5,
                  where={"Israel": "WS"}) == UNTESTABLE


def test_equal_payoffs(paper, pd):
    # not declared comparable (the default): untestable, with the face-value reading
    r = judge(declare(paper, comparable=False), kind="equal_payoffs",
              profile=["ITA", "BR", "SAA"])
    assert r.status == UNTESTABLE and "comparable_across_players: false" in r.evidence
    assert r.alternative == ("numbers at face value", CONTRADICTED,
                             "(ITA, BR, SAA) pays Iran 4, Azerbaijan 5, Israel 5.")
    comparable = declare(paper, comparable=True)
    r = judge(comparable, kind="equal_payoffs", profile=["ITA", "BR", "SAA"])
    assert r.status == CONTRADICTED
    assert r.evidence.startswith("(ITA, BR, SAA) pays Iran 4, Azerbaijan 5, Israel 5")
    assert status(declare(pd, comparable=True), kind="equal_payoffs",
                  profile=["C", "C"]) == SUPPORTED
    assert status(comparable, kind="equal_payoffs", profile=["ITA", "BR", "SAA"],
                  players=["Azerbaijan", "Israel"]) == SUPPORTED
    assert status(paper, kind="equal_payoffs", profile=["ITA", "BR", "NS"]) == UNTESTABLE


def test_best_outcome(paper):
    claim = {"kind": "best_outcome", "player": "Iran", "profile": ["MP", "AI", "SAA"]}
    assert status(paper, where={"Iran": "MP"}, **claim) == SUPPORTED  # A.3: 4 > 3 > 2
    r = judge(paper, **claim)  # over the whole table, (ITA, AI) pays Iran 5
    assert r.status == CONTRADICTED and "(ITA, AI, SAA) = 5" in r.evidence
    r = judge(paper, kind="best_outcome", player="Israel", profile=["SRA", "BR", "SAA"])
    assert r.status == SUPPORTED and "the next best is 6" in r.evidence
    tie = {"kind": "best_outcome", "player": "Israel", "profile": ["MP", "BR", "SAA"],
               "where": {"Azerbaijan": "BR"}}  # 6 vs 7: contradicted either way
    assert status(paper, **tie) == CONTRADICTED
    pair = {"kind": "best_outcome", "player": "Israel", "profile": ["MP", "DAI", "SAA"],
                "where": {"Iran": ["MP", "ITA"], "Azerbaijan": ["DAI", "BR"]}}
    assert status(paper, **pair) == CONTRADICTED  # (MP, BR) pays 6
    g = bimatrix([[(1, 0), (1, 0)]], ["T"], ["L", "R"])
    assert status(g, kind="best_outcome", player="Row", profile=["T", "L"]) == SUPPORTED
    assert status(g, kind="best_outcome", player="Row", profile=["T", "L"],
                  strictly=True) == CONTRADICTED
    assert status(paper, kind="best_outcome", player="Israel",
                  profile=["MP", "AI", "NS"]) == UNTESTABLE


def test_every_kind_is_tested():
    tested = {"strictly_dominant", "weakly_dominant", "equilibrium", "unique_equilibrium",
              "best_response", "pareto_optimal", "prefers", "payoff_range", "equal_payoffs",
              "best_outcome"}
    new = {"worst_outcome", "strictly_dominated", "weakly_dominated", "pareto_dominated",
           "welfare", "interdependent"}  # tests/test_claims_kinds.py
    assert tested | new == set(KINDS)


def test_fixed_away_strategies_are_untestable(paper):
    fixed = apply_fix(paper, [("Iran", ["ITA"])])
    r = judge(fixed, original=paper, kind="best_outcome", player="Iran",
              profile=["MP", "AI", "SAA"], where={"Iran": "MP"})
    assert r.status == UNTESTABLE and "removed by --fix" in r.evidence
    r = judge(fixed, original=paper, kind="strictly_dominant", player="Iran", strategy="ITA")
    assert r.status == UNTESTABLE and "removed by --fix" in r.evidence
    assert status(fixed, original=paper, kind="strictly_dominant", player="Azerbaijan",
                  strategy="DAI") == SUPPORTED


# ---------------------------------------------------------------------- bad claims
@pytest.mark.parametrize("claim,message", [
    ({"kind": "dominant", "player": "Iran", "strategy": "ITA"}, "unknown claim kind 'dominant'"),
    ({"player": "Iran", "strategy": "ITA"}, "a claim needs a 'kind'"),
    ({"kind": "strictly_dominant", "player": "Iraq", "strategy": "ITA"}, "no player 'Iraq'"),
    ({"kind": "strictly_dominant", "player": "Iran", "strategy": "XYZ"},
     "player 'Iran' has no strategy 'XYZ'"),
    ({"kind": "strictly_dominant", "player": "Iran"}, "needs 'strategy'"),
    ({"kind": "strictly_dominant", "player": "Iran", "strategy": "ITA", "stratgy": "x"},
     "has no key 'stratgy'"),
    ({"kind": "equilibrium", "profile": ["ITA", "DAI"]}, "names 2 strategies"),
    ({"kind": "equilibrium", "profile": {"Iran": "ITA"}}, "missing: Azerbaijan, Israel"),
    ({"kind": "equilibrium", "profile": "ITA"}, "must be a list"),
    ({"kind": "equilibrium", "profile": ["ITA", "DAI", "SAA"], "hedged": True}, "'hedged' applies"),
    ({"kind": "best_response", "player": "Iran", "strategy": "ITA", "against": {"Iran": "MP"}},
     "cannot constrain Iran"),
    ({"kind": "best_response", "player": "Iran", "strategy": "ITA", "against": "some"},
     "must be a mapping"),
    ({"kind": "payoff_range", "player": "Iran"}, "needs 'min', 'max' or both"),
    ({"kind": "payoff_range", "player": "Iran", "min": 3, "max": 2}, "min 3 is above max 2"),
    ({"kind": "payoff_range", "player": "Iran", "min": "lots"}, "'min': payoff 'lots'"),
    ({"kind": "prefers", "player": "Iran", "better": ["ITA", "DAI", "SAA"],
          "worse": ["ITA", "DAI", "SAA"], "strictly": "yes"}, "'strictly' must be true or false"),
    ({"kind": "best_outcome", "player": "Iran", "profile": ["ITA", "DAI", "SAA"],
          "where": {"Iran": "MP"}}, "is not among the outcomes where Iran plays MP"),
    ({"kind": "equal_payoffs", "profile": ["ITA", "DAI", "SAA"], "players": ["Iran"]},
     "at least two players"),
])
def test_bad_claims_are_game_errors_with_line(paper, claim, message):
    claim = dict(claim, text="t", _line=99)
    with pytest.raises(GameError) as info:
        check_claims(paper, claims=[claim])
    assert message in str(info.value)
    assert info.value.line == 99
    assert str(info.value).startswith("games/south_caucasus.yaml:99: claim:") or \
        ":99: claim:" in str(info.value)


def test_claim_without_text(paper):
    with pytest.raises(GameError, match="a claim needs 'text'"):
        check_claims(paper, claims=[{"kind": "equilibrium", "profile": ["ITA", "DAI", "SAA"],
                                     "_line": 3}])


# ---------------------------------------------------------------------- the paper
def test_paper_claims(paper):
    report = check_claims(paper)
    by_kind = [(r.kind, r.status) for r in report.results]
    assert ("strictly_dominant", SUPPORTED) in by_kind
    results = {r.text.split("(")[0][:40]: r for r in report.results}
    dai = next(r for r in report.results if r.kind == "strictly_dominant"
               and "Azerbaijan's DAI" in r.statement)
    assert dai.status == SUPPORTED
    israel = next(r for r in report.results if "Israel's SAA" in r.statement)
    assert israel.status == UNTESTABLE
    rng = [r for r in report.results if r.kind == "payoff_range"]
    assert [r.status for r in rng] == [HOLDS_AS_HEDGED, CONTRADICTED]
    assert rng[0].hedged and rng[0].holds_in == (2, 3)
    equal = [r for r in report.results if r.kind == "equal_payoffs"]
    # the file declares comparable payoffs: (SRA, BR) = Azerbaijan 3, Israel 7, and
    # (ITA, BR) = (4, 5, 5) are not equal
    assert [r.status for r in equal] == [CONTRADICTED, CONTRADICTED]
    implicit = [r for r in report.results if r.implicit]
    assert [r.status for r in implicit] == [SUPPORTED] * 4
    assert report.any_contradicted and results


def test_render_claims(paper):
    report = check_claims(paper)
    text = render_check(report, paper)
    assert ("\nClaims\n======\nClaims stated by the source: 15: 7 supported, 6 contradicted,"
            " 1 holds-as-hedged, 1\nuntestable.\n\nClaims added by the encoder (implicit:"
            " true): 4: 4 supported.\n" in text)
    assert "HOLDS-AS-HEDGED (hedged claim: holds in 2 of 3 cases)" in text
    assert "Other reading (table): contradicted." in text
    assert "[implicit: not stated by the source]" in text
    empty = render_check(check_claims(prisoners_dilemma()), prisoners_dilemma())
    assert "states no claims" in empty


# ---------------------------------------------------------------------- CLI
def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_check_paper_exits_1():
    result = run("check", str(PAPER))
    assert result.exit_code == 1
    assert "Claims stated by the source: 15: 7 supported, 6 contradicted" in result.output


def test_cli_check_json_shape():
    result = run("check", str(PAPER), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["schema_version"] == 2
    assert doc["game"]["title"].startswith("Iran, Azerbaijan and Israel")
    assert doc["summary"] == {
        "source": {"supported": 7, "contradicted": 6, "holds-as-hedged": 1, "untestable": 1,
                   "total": 15},
        "implicit": {"supported": 4, "contradicted": 0, "holds-as-hedged": 0,
                     "untestable": 0, "total": 4}}
    assert (doc["strict"], doc["exit_status"]) == (False, 1)
    for claim in doc["claims"]:
        assert {"text", "source", "status", "evidence", "kind", "line"} <= set(claim)
        assert claim["status"] in (SUPPORTED, CONTRADICTED, HOLDS_AS_HEDGED, UNTESTABLE)
        assert isinstance(claim["line"], int)
    dai = [c for c in doc["claims"] if c["kind"] == "strictly_dominant"
           and "DAI" in c["statement"]]
    assert dai[0]["status"] == SUPPORTED


def write(tmp_path: Path, claims: str) -> str:
    text = (PAPER.read_text().split("\nclaims:")[0] + "\nclaims:\n" + claims)
    path = tmp_path / "game.yaml"
    path.write_text(text)
    return str(path)


def test_cli_check_exit_0_when_nothing_contradicted(tmp_path):
    path = write(tmp_path, "  - {text: t, kind: strictly_dominant, player: Iran, strategy: ITA}\n"
                           "  - {text: u, kind: strictly_dominant, player: Israel,"
                           " strategy: SAA}\n")
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert "Claims stated by the source: 2: 1 supported, 1 untestable." in result.output


def test_cli_check_no_claims_exit_0(tmp_path):
    path = tmp_path / "pd.yaml"
    path.write_text((ROOT / "games" / "prisoners_dilemma.yaml").read_text())
    result = run("check", str(path))
    assert result.exit_code == 0 and "states no claims" in result.output


def test_cli_check_bad_claim_exit_2(tmp_path):
    path = write(tmp_path, "  - text: t\n    kind: strictly_dominant\n    player: Iran\n"
                           "    strategy: NOPE\n")
    result = run("check", path)
    assert result.exit_code == 2
    line = PAPER.read_text().split("\nclaims:")[0].count("\n") + 3
    assert f"game.yaml:{line}: claim: player 'Iran' has no strategy 'NOPE'" in result.output
    assert "Traceback" not in result.output


def test_cli_check_with_fix():
    result = run("check", str(PAPER), "--fix", "Iran=ITA", "--format", "json")
    doc = json.loads(result.output)
    a3 = next(c for c in doc["claims"] if c["source"] == "Analysis, A.3")
    assert a3["status"] == UNTESTABLE and "removed by --fix" in a3["evidence"]


def test_claims_document_matches_report(paper):
    report = check_claims(paper)
    doc = claims_document(report, paper)
    assert [c["status"] for c in doc["claims"]] == [r.status for r in report.results]
    assert json.dumps(doc)  # serialisable


def test_implicit_and_note_fields_are_kept():
    g = prisoners_dilemma()
    r = check_claims(g, claims=[{"text": "t", "kind": "pareto_optimal", "profile": ["C", "C"],
                                 "implicit": True, "note": "n  two", "source": "s"}]).results[0]
    assert (r.implicit, r.note, r.source, r.line) == (True, "n two", "s", None)


def test_player_objects_with_unpriced_from_model():
    players = (Player("A", (Strategy("x"), Strategy("y")), unpriced=(Strategy("z"),)),
               Player("B", (Strategy("l"),)))
    g = Game.from_payoffs([[[2], [1]], [[0], [0]]], players)
    r = judge(g, kind="best_response", player="A", strategy="x", against="any")
    assert r.status == UNTESTABLE and "a better reply may exist" in r.evidence


def test_payoff_range_fractional_bounds_are_exact(paper):
    # Israel's payoffs are 2..7: 5/2 excludes the 2, 13/2 excludes the 7
    r = judge(paper, kind="payoff_range", player="Israel", min="5/2")
    assert r.status == CONTRADICTED and r.holds_in == (8, 9)
    assert judge(paper, kind="payoff_range", player="Israel", max="13/2").holds_in == (8, 9)
    g = bimatrix([[("5/2", 0), ("0.1", 0)]], ["T"], ["L", "R"])
    assert status(g, kind="payoff_range", player="Row", min="1/10", max=2.5) == SUPPORTED
    assert status(g, kind="payoff_range", player="Row", min="0.11") == CONTRADICTED
