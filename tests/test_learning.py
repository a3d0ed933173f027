"""``gamesolve learn``: hand-checked facts about learning dynamics.

* fictitious play in matching pennies: the empirical frequencies approach (1/2, 1/2)
  (Robinson 1951: fictitious play converges in zero-sum games);
* replicator dynamics in rock-paper-scissors: closed orbits around (1/3, 1/3, 1/3)
  (x_R x_P x_S is a constant of motion), so the state does not converge while its time
  average does;
* prisoner's dilemma: Defect (Fink) strictly dominates, every dynamics ends at (Fink, Fink);
* a 3-player game with a strict pure equilibrium: our N-player fictitious play stays there;
* the same seed gives the same run.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game

pytest.importorskip("nashpy")

from gamesolve.learning import learn
from gamesolve.learning.core import is_symmetric

ROOT = Path(__file__).resolve().parent.parent
GAMES = ROOT / "games"


def game(name: str) -> Game:
    return load_game(str(GAMES / f"{name}.yaml"))


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_matching_pennies_fictitious_play_approaches_one_half():
    r = learn(game("matching_pennies"), "fictitious-play", steps=2000, seed=1)
    assert r.converged and r.matches
    for probs in r.final:
        assert abs(probs[0] - 0.5) < 0.03 and abs(probs[1] - 0.5) < 0.03
    # the frequencies get closer to 1/2 as play goes on (hand-checked by Robinson's theorem)
    early = max(abs(x[0] - 0.5) for x in r.trajectory[10])
    assert max(abs(x[0] - 0.5) for x in r.final) < early or early < 0.03
    assert not r.exact_equilibrium  # 2000 rounds of counts are not exactly (1/2, 1/2) here


def test_matching_pennies_cli_reports_convergence():
    result = run("learn", GAMES / "matching_pennies.yaml", "--dynamics", "fictitious-play",
                 "--steps", "2000", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert "Verdict: Converged" in result.output
    assert "(1/2 H + 1/2 T, 1/2 H + 1/2 T)" in result.output


def test_rock_paper_scissors_replicator_cycles():
    g = game("rock_paper_scissors")
    r = learn(g, "replicator-dynamics", steps=2000, seed=0,
              initial={"Player 1": {"R": 0.5, "P": 0.3, "S": 0.2}})
    assert r.converged is False and not r.matches
    assert r.drift > 0.2
    # x_R x_P x_S is conserved along the orbit: 0.5 * 0.3 * 0.2 = 0.03 (numerically)
    products = [float(np.prod(state[0])) for state in r.trajectory]
    assert max(abs(p - 0.03) for p in products) < 1e-3
    # the time average is near the unique equilibrium (1/3, 1/3, 1/3)
    assert max(abs(x - 1 / 3) for x in r.time_average[0]) < 0.05
    assert r.verdict.startswith("Not converged") and "cycles" in r.verdict


@pytest.mark.parametrize("dynamics", ["fictitious-play", "stochastic-fictitious-play",
                                      "replicator-dynamics", "asymmetric-replicator-dynamics",
                                      "regret-minimization", "introspection-dynamics"])
def test_prisoners_dilemma_dynamics_end_at_defection(dynamics):
    g = game("prisoners_dilemma")
    fink = g.players[0].index("Fink")
    r = learn(g, dynamics, steps=300, seed=2)
    assert r.converged, r.verdict
    assert r.matches, r.verdict
    eq = r.equilibria.equilibria[r.nearest]
    assert eq.profile == (fink, fink)
    assert r.final[0][fink] > 0.9 and r.final[1][fink] > 0.9


def test_imitation_dynamics_is_judged_not_trusted():
    # imitating the most successful individual (paired play) need not reach an equilibrium:
    # in the prisoner's dilemma a Quiet column player paired with a Quiet row player earns
    # 3, more than mutual Fink's 1; whatever nashpy returns, the verdict checks it
    g = game("prisoners_dilemma")
    r = learn(g, "imitation-dynamics", steps=50, seed=2)
    profile = tuple(int(np.argmax(x)) for x in r.final)
    fink = g.players[0].index("Fink")
    assert r.matches == (profile == (fink, fink))
    assert ("not one of the certified equilibria" in r.verdict) == (not r.matches)


def test_seed_reproducibility_and_global_state_untouched():
    g = game("matching_pennies")
    np.random.seed(123)
    before = np.random.random()
    np.random.seed(123)
    first = learn(g, "stochastic-fictitious-play", steps=300, seed=7)
    after = np.random.random()
    second = learn(g, "stochastic-fictitious-play", steps=300, seed=7)
    other = learn(g, "stochastic-fictitious-play", steps=300, seed=8)
    assert first.trajectory == second.trajectory and first.final == second.final
    assert other.trajectory != first.trajectory
    assert before == after  # the caller's numpy random state is restored


def test_seed_reproducible_on_the_command_line():
    args = ("learn", GAMES / "stag_hunt.yaml", "--dynamics", "introspection-dynamics",
            "--steps", "300", "--seed", "4", "--beta", "1", "--format", "json")
    assert run(*args).output == run(*args).output


THREE_PLAYER = Game.from_payoffs(
    # every player gets 2 when all play strategy "1", 1 when all play "2", else 0: both
    # (1, 1, 1) and (2, 2, 2) are strict pure equilibria
    [[[[2, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3, title="three-player coordination")


def test_n_player_fictitious_play_converges_to_strict_pure_equilibrium():
    r = learn(THREE_PLAYER, "fictitious-play", steps=200, seed=0)
    assert r.converged and r.matches
    assert r.exact_equilibrium  # every round after the first is (1, 1, 1): exactly (1, 0)
    assert all(p[0] > 0.99 for p in r.final)  # all play strategy 1 (index 0)
    # hand check: against uniform beliefs strategy 0 pays 2/4, strategy 1 pays 1/4
    assert r.trajectory[1] == ((1.0, 0.0),) * 3


def test_n_player_fictitious_play_from_an_initial_belief_in_the_other_equilibrium():
    r = learn(THREE_PLAYER, "fictitious-play", steps=100, seed=0,
              initial={name: {"2": 10} for name in ("Player 1", "Player 2", "Player 3")})
    assert r.converged and r.matches
    assert all(p[1] > 0.99 for p in r.final)


def test_south_caucasus_three_player_fictitious_play_exact():
    r = learn(game("south_caucasus"), "fictitious-play", steps=100, seed=0)
    assert r.exact_equilibrium and r.matches


def test_moran_and_fixation_on_stag_hunt():
    g = game("stag_hunt")
    assert is_symmetric(g)
    r = learn(g, "moran-process", seed=1, population=10,
              initial={"Hunter 1": {"Stag": 5, "Hare": 5}})
    assert r.converged  # the process ends with one strategy fixed
    assert sorted(r.final[0]) == [0.0, 1.0]
    f = learn(g, "fixation-probabilities", steps=50, seed=1, population=10,
              initial={"Hunter 1": {"Stag": 5, "Hare": 5}})
    assert abs(sum(f.fixation) - 1) < 1e-9


def test_refusals_are_one_line_errors():
    with pytest.raises(GameError, match="symmetric"):
        learn(game("battle_of_the_sexes"), "replicator-dynamics")
    with pytest.raises(GameError, match="two-player"):
        learn(game("south_caucasus"), "replicator-dynamics")
    with pytest.raises(GameError, match="non-negative"):
        learn(game("rock_paper_scissors"), "moran-process")
    with pytest.raises(GameError, match="not used by regret-minimization"):
        learn(game("prisoners_dilemma"), "regret-minimization",
              initial={"Suspect 1": {"Fink": 1}})
    with pytest.raises(GameError, match="at least two strategies"):
        learn(game("prisoners_dilemma").restrict({0: [1]}), "introspection-dynamics")
    result = run("learn", GAMES / "matching_pennies.yaml", "--initial", "Person 1=X:1")
    assert result.exit_code == 2
    assert result.output.startswith("gamesolve: error:") and "no strategy 'X'" in result.output
    result = run("learn", GAMES / "matching_pennies.yaml", "--initial", "Person 1=H")
    assert result.exit_code == 2 and "ID:WEIGHT" in result.output


def test_json_trajectory_summary():
    result = run("learn", GAMES / "rock_paper_scissors.yaml", "--dynamics",
                 "replicator-dynamics", "--steps", "1000", "--format", "json")
    doc = json.loads(result.output)
    assert doc["command"] == "learn" and doc["converged"] is False
    assert len(doc["trajectory"]["times"]) == 200  # downsampled from 1000 points
    states = doc["trajectory"]["states"]["Player 1"]
    assert len(states) == 200 and abs(sum(states[-1]) - 1) < 1e-6
    assert doc["final"]["Player 1"] == dict(zip("RPS", states[-1]))
    assert doc["equilibria"]["complete"] is True


@pytest.mark.parametrize("fmt", ["markdown", "html", "latex"])
def test_rich_formats_say_the_verdict(fmt):
    result = run("learn", GAMES / "prisoners_dilemma.yaml", "--steps", "50", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Converged" in result.output


def test_learning_figure(tmp_path):
    pytest.importorskip("matplotlib")
    for name, dynamics in [("rock_paper_scissors", "replicator-dynamics"),
                           ("matching_pennies", "fictitious-play"),
                           ("south_caucasus", "fictitious-play")]:
        out = tmp_path / f"{name}.png"
        result = run("plot", GAMES / f"{name}.yaml", "--kind", "learning", "--dynamics",
                     dynamics, "--steps", "200", "-o", out)
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("name,dynamics", [("matching_pennies", "fictitious-play"),
                                           ("rock_paper_scissors", "replicator-dynamics"),
                                           ("stag_hunt", "fixation-probabilities"),
                                           ("south_caucasus", "fictitious-play")])
def test_json_matches_its_schema(name, dynamics):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "schemas" / "learn.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    result = run("learn", GAMES / f"{name}.yaml", "--dynamics", dynamics, "--steps", "60",
                 "--population", "6", "--format", "json")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(result.output)))
    assert not errors, [e.message[:200] for e in errors[:5]]


@pytest.mark.parametrize("seed", range(5))
def test_our_fictitious_play_matches_nashpys_on_two_player_games(seed):
    # generic payoffs and a given prior leave no ties, so both implementations are
    # deterministic and must play the same rounds: nashpy is the independent reference
    from gamesolve.learning import runs

    rng = np.random.default_rng(seed)
    g = Game.from_payoffs(rng.integers(-20, 21, size=(2, 3, 4)))
    prior = [np.array([1.0, 0, 0]), np.array([0, 0, 1.0, 0])]
    theirs = runs.fictitious_play(g, 150, prior)
    ours = runs.fictitious_play_n(g, 150, np.random.default_rng(0), prior)
    for p in range(2):
        assert np.array_equal(theirs.states[p], ours.states[p])


def test_command_line_choices_are_the_librarys():
    from gamesolve.cli.learn_command import DYNAMICS_CHOICES
    from gamesolve.cli.learn_command import learn as command
    from gamesolve.learning import CONVERGENCE_TOL, DYNAMICS

    assert DYNAMICS_CHOICES == DYNAMICS
    tolerance = next(p for p in command.params if p.name == "tolerance")
    assert tolerance.default == CONVERGENCE_TOL
