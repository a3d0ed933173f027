"""Iterated elimination of weakly dominated strategies (``analyze --eliminate weak``).

The chairman's paradox is the textbook game solved this way (Farquharson 1969; Brams
1976): worked by hand in games/chairmans_paradox.yaml's description, the sole survivor is
(a, c, c), so c, the chair's worst candidate, wins.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamesolve.analysis import analyze
from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game
from gamesolve.solvers.base import pure_equilibrium, verify_exact
from gamesolve.solvers.dominance import iterated_weak_elimination, weak_elimination_checked

ROOT = Path(__file__).resolve().parent.parent
CHAIR = ROOT / "games" / "chairmans_paradox.yaml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_chairmans_paradox_textbook_answer():
    game = load_game(str(CHAIR))
    result = iterated_weak_elimination(game)
    assert result.surviving == (("a",), ("c",), ("c",))
    assert result.solved and result.kind == "weak" and result.order == "simultaneous"
    # round 1: the chair keeps a; voter 2 drops its worst (a), voter 3 its worst (b)
    first = {(s.player, s.strategy) for s in result.steps if s.round == 1}
    assert first == {(0, "b"), (0, "c"), (1, "a"), (2, "b")}
    second = {(s.player, s.strategy) for s in result.steps if s.round == 2}
    assert second == {(1, "b"), (2, "a")}
    # c wins: the chair's worst outcome (rank 0), voter 3's best (rank 2)
    profile = game.profile_from_ids(["a", "c", "c"])
    assert game.exact_payoffs(profile) == (0, 1, 2)
    assert verify_exact(game, pure_equilibrium(game, profile).exact) is not None


def test_strict_elimination_removes_nothing_in_the_chairmans_paradox():
    result = analyze(load_game(str(CHAIR)), method="pure")
    assert not result.elimination.steps and result.weak_elimination is None


# Row's rows 2 and 3 are dominated by row 1; the column's 1 is weakly dominated by 2 only
# while row 2 or row 3 is there.  Simultaneous: both rows and column 1 go at once -> (1; 2).
# One at a time: row 2, then row 3; against row 1 alone the columns tie -> (1; 1, 2).
ORDER_MATTERS = Game.from_payoffs([[[2, 1], [1, 0], [0, 0]], [[0, 0], [0, 2], [1, 2]]])


def test_order_dependence_is_detected_and_said():
    simultaneous = iterated_weak_elimination(ORDER_MATTERS, order="simultaneous")
    one = iterated_weak_elimination(ORDER_MATTERS, order="one-at-a-time")
    assert simultaneous.surviving == (("1",), ("2",))
    assert one.surviving == (("1",), ("1", "2"))
    checked = weak_elimination_checked(ORDER_MATTERS)
    assert any("depends on the order" in n for n in checked.notes)


def test_weak_elimination_can_remove_equilibria_and_says_so():
    game = load_game(str(CHAIR))
    result = analyze(game, method="pure", eliminate="weak")
    assert any("removed 4 of the 5 pure equilibria" in w for w in result.warnings)
    assert any("depend on the order" in w and "simultaneous" in w for w in result.warnings)
    assert any("leaves only (a, c, c)" in c for c in result.conclusion)


def test_unknown_order_and_choice_refused():
    with pytest.raises(GameError, match="unknown elimination order"):
        iterated_weak_elimination(ORDER_MATTERS, order="random")
    with pytest.raises(GameError, match="choose strict or weak"):
        analyze(ORDER_MATTERS, eliminate="sideways")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex"])
def test_every_format_states_the_order_and_the_caveat(fmt):
    result = run("analyze", CHAIR, "--method", "pure", "--eliminate", "weak", "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "weakly dominated" in text and "simultaneous" in text
    assert "depend on the order" in text


def test_json_has_the_weak_elimination():
    result = run("analyze", CHAIR, "--method", "pure", "--eliminate", "weak", "--format", "json")
    doc = json.loads(result.output)
    weak = doc["weak_elimination"]
    assert weak["kind"] == "weak" and weak["order"] == "simultaneous" and weak["solved"]
    assert weak["surviving"] == {"Chair": ["a"], "Voter 2": ["c"], "Voter 3": ["c"]}
    plain = json.loads(run("analyze", CHAIR, "--method", "pure", "--format", "json").output)
    assert "weak_elimination" not in plain


def test_weak_elimination_by_a_mixed_strategy():
    # row 3 (1, 1, 0) is weakly dominated by 1/2 row 1 + 1/2 row 2 = (1, 1, 1) and by no
    # pure strategy: rows 1 (2, 0, 1) and 2 (0, 2, 1)
    rows = [[2, 0, 1], [0, 2, 1], [1, 1, 0]]
    game = Game.from_payoffs([rows, [[0] * 3] * 3])
    result = iterated_weak_elimination(game)
    step = next(s for s in result.steps if s.player == 0)
    assert step.strategy == "3" and dict(step.by) == {"1": 0.5, "2": 0.5}


def test_weak_elimination_json_matches_the_analyze_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schemas" / "analyze.schema.json").read_text())
    doc = json.loads(run("analyze", CHAIR, "--eliminate", "weak", "--format", "json").output)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    assert not errors, [e.message[:200] for e in errors[:5]]


@pytest.mark.parametrize("seed", range(40))
def test_random_games_every_step_verified_and_a_sole_survivor_is_an_equilibrium(seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    shape = tuple(int(x) for x in rng.integers(2, 4, size=int(rng.integers(2, 4))))
    game = Game.from_payoffs(rng.integers(0, 3, size=(len(shape), *shape)))  # many ties
    for order in ("simultaneous", "one-at-a-time"):
        result = iterated_weak_elimination(game, order=order)
        keep = [list(game.players[p].ids) for p in range(game.n_players)]
        for rnd in sorted({s.round for s in result.steps}):
            sub = game.restrict({p: [game.players[p].index(i) for i in ids]
                                 for p, ids in enumerate(keep)})
            for step in (s for s in result.steps if s.round == rnd):
                # independent exact check in the sub-game the round started from
                u = np.moveaxis(sub.exact_array(step.player), step.player, 0)
                u = u.reshape(sub.shape[step.player], -1)
                ids = list(sub.players[step.player].ids)
                mix = sum((w * u[ids.index(t)] for t, w in step.by), np.zeros(u.shape[1]))
                diff = mix - u[ids.index(step.strategy)]
                assert all(d >= 0 for d in diff) and any(d > 0 for d in diff)
                keep[step.player].remove(step.strategy)
        assert tuple(tuple(k) for k in keep) == result.surviving
        if result.solved:
            profile = game.profile_from_ids([ids[0] for ids in result.surviving])
            assert verify_exact(game, pure_equilibrium(game, profile).exact) is not None
