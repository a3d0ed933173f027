"""analyze(): the South Caucasus game of the paper, and the reading of smaller games."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from conftest import matching_pennies, mixed_dominance_game, prisoners_dilemma

from gamesolve.analysis import Deviation, analyze
from gamesolve.io import load_game
from gamesolve.model import Game

GAMES = Path(__file__).resolve().parent.parent / "games"


@pytest.fixture(scope="module")
def caucasus():
    game = load_game(str(GAMES / "south_caucasus.yaml"))
    return game, analyze(game, method="pure")


def cell(game, *ids):
    return game.profile_from_ids(ids)


def test_caucasus_shape_and_players(caucasus):
    game, _ = caucasus
    assert [p.name for p in game.players] == ["Iran", "Azerbaijan", "Israel"]
    assert game.shape == (3, 3, 1)
    assert [s.id for s in game.players[2].unpriced] == ["NS", "WS"]


def test_caucasus_dominance(caucasus):
    game, result = caucasus
    iran, azerbaijan, israel = result.dominance
    assert game.players[0].ids[iran.strictly_dominant] == "ITA"
    assert game.players[1].ids[azerbaijan.strictly_dominant] == "DAI"
    assert iran.dominant_gap == 1 and azerbaijan.dominant_gap == 1
    assert {game.players[0].ids[x.strategy] for x in iran.strictly_dominated} == {"MP", "SRA"}
    assert {game.players[1].ids[x.strategy] for x in azerbaijan.strictly_dominated} == {
        "BR", "AI"}
    assert israel.strictly_dominant is None and "only one strategy (SAA)" in israel.notes[0]


def test_caucasus_unique_equilibrium(caucasus):
    game, result = caucasus
    assert result.equilibria is result.pure
    assert result.pure.complete
    (eq,) = result.pure.equilibria
    assert game.profile_ids(eq.profile) == ("ITA", "DAI", "SAA")
    assert eq.exact_payoffs == (3, 6, 4)
    assert eq.strict


def test_caucasus_iesds(caucasus):
    _, result = caucasus
    elim = result.elimination
    assert elim.solved and elim.surviving == (("ITA",), ("DAI",), ("SAA",))
    assert {(s.round, s.player, s.strategy) for s in elim.steps} == {
        (1, 0, "MP"), (1, 0, "SRA"), (1, 1, "BR"), (1, 1, "AI")}


def test_caucasus_cells(caucasus):
    game, result = caucasus
    assert result.cells is not None and len(result.cells) == 9
    assert all(c.note for c in result.cells)
    assert not any(c.assumed for c in result.cells)
    by_profile = {c.profile: c for c in result.cells}
    a1 = by_profile[cell(game, "MP", "DAI", "SAA")]
    assert a1.note.startswith("A.1")
    assert a1.payoffs == (2, 5, 5)
    assert a1.deviations == (Deviation(0, game.players[0].index("ITA"), Fraction(1)),)
    assert not a1.equilibrium
    assert a1.gains_most == (1, 2) and a1.gains_least == (0,)
    c1 = by_profile[cell(game, "ITA", "DAI", "SAA")]
    assert c1.equilibrium and c1.deviations == () and c1.pareto_optimal
    assert c1.best_for == (1,)  # 6 is Azerbaijan's best outcome in the game
    b2 = by_profile[cell(game, "SRA", "BR", "SAA")]
    assert b2.best_for == (2,) and b2.worst_for == ()
    b1 = by_profile[cell(game, "SRA", "DAI", "SAA")]
    assert b1.worst_for == (0,)
    assert {d.player for d in b1.deviations} == {0}
    c2 = by_profile[cell(game, "ITA", "BR", "SAA")]
    assert c2.payoffs == (4, 5, 5) and c2.pareto_optimal
    assert c2.deviations == (Deviation(1, 0, Fraction(1)),)
    # exactly one cell is an equilibrium and Israel never deviates (one priced strategy)
    assert sum(c.equilibrium for c in result.cells) == 1
    assert all(d.player != 2 for c in result.cells for d in c.deviations)


def test_caucasus_pareto_and_security(caucasus):
    game, result = caucasus
    assert {game.profile_ids(p)[:2] for p in result.pareto_optimal} == {
        ("MP", "BR"), ("SRA", "BR"), ("ITA", "DAI"), ("ITA", "BR"), ("ITA", "AI")}
    iran, azerbaijan, israel = result.security
    assert (iran.pure_level, iran.mixed_level) == (3, 3)
    assert (azerbaijan.pure_level, azerbaijan.mixed_level) == (4, 4)
    assert israel.pure_level == 2


def test_caucasus_conclusion(caucasus):
    _, result = caucasus
    text = "\n".join(result.conclusion)
    assert "Iran has a strictly dominant strategy, ITA" in text
    assert "Azerbaijan has a strictly dominant strategy, DAI" in text
    assert "dominance-solvable" in text and "(ITA, DAI, SAA)" in text
    assert "The unique strict pure-strategy equilibrium is (ITA, DAI, SAA) with payoffs" \
        " (3, 6, 4)" in text
    assert "NS, WS" in text and "not priced" in text
    unpriced = [s for s in result.conclusion if "not priced" in s]
    assert len(unpriced) == 1 and "Israel" in unpriced[0]
    assert result.unpriced == ((2, ("NS", "WS")),)
    assert "No mixed-strategy equilibrium" not in text  # method="pure" claims nothing mixed
    assert result.warnings == ()


def test_analyze_matching_pennies_pure():
    result = analyze(matching_pennies(), method="pure")
    assert result.pure.equilibria == ()
    assert "There is no equilibrium in pure strategies." in result.conclusion
    assert any("no pure-strategy equilibrium" in w for w in result.warnings)
    assert all(c.deviations for c in result.cells)
    assert result.security[0].mixed_level == 0


def test_analyze_prisoners_dilemma_pareto_dominated_equilibrium():
    result = analyze(prisoners_dilemma(), method="pure")
    text = "\n".join(result.conclusion)
    assert "(D, D) is Pareto-dominated (by (C, C))" in text
    assert result.elimination.solved


def test_analyze_mixed_dominance_solvable():
    result = analyze(mixed_dominance_game(), method="pure")
    assert result.elimination.surviving == (("M",), ("R",))
    assert any("dominance-solvable" in s for s in result.conclusion)


def test_analyze_large_game_skips_cells_and_mixed(monkeypatch):
    from gamesolve import analysis

    monkeypatch.setattr(analysis, "MIXED_DOMINANCE_MAX_PROFILES", 10)
    g = Game.from_payoffs(np.random.default_rng(0).integers(0, 4, size=(3, 6, 6, 6)))
    result = analyze(g, method="pure")
    assert result.cells is None  # 216 profiles > MAX_CELLS_DISCUSSED
    assert any("skipped" in w for w in result.warnings)
    assert all(s.mixed_level is None for s in result.security)


def test_conclusion_names_the_only_mixed_equilibrium():
    from gamesolve.io import load_game

    result = analyze(load_game(str(GAMES / "matching_pennies.yaml")))
    assert any(s.startswith("The game's only equilibrium is in mixed strategies:"
                            " (1/2 H + 1/2 T, 1/2 H + 1/2 T) with payoffs (0, 0)")
               for s in result.conclusion), result.conclusion


def test_auto_on_a_large_n_player_game_stops_at_the_budget_and_says_so():
    import numpy as np

    from gamesolve.model import Game
    from gamesolve.solvers.equilibria import solve
    from gamesolve.solvers.pure import pure_equilibrium_profiles

    game = Game.from_payoffs(np.random.default_rng(5).integers(0, 9, size=(6,) + (3,) * 6))
    found = solve(game, "auto", timeout=1.0)
    assert found.method == "certified" and not found.complete
    assert any("time" in w for w in found.warnings), found.warnings
    pure = sorted(e.profile for e in found.equilibria if e.pure)
    assert pure == sorted(pure_equilibrium_profiles(game))
