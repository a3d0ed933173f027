"""The certified N-player solver against hand-worked and published references.

References (never our own output): McKelvey and McLennan (1997) root counts and their
2x2x2 game with 9 equilibria; a coordination game solved by hand; games whose
equilibria form a continuum (never "complete"); exact checks of every listed
equilibrium with Fractions (``verify_exact``) or, for irrational ones, a regret check
inside the certified enclosure.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from click.testing import CliRunner

from gamesolve.model import Game
from gamesolve.solvers.base import max_regret, verify_exact
from gamesolve.solvers.equilibria import solve
from gamesolve.solvers.nplayer import solve_certified
from gamesolve.solvers.nplayer.supports import (
    iterated_pure_elimination,
    support_root_count,
)


def random_game(shape, seed):
    rng = np.random.default_rng(seed)
    return Game.from_payoffs(np.stack([rng.integers(0, 100, size=shape) for _ in shape]))


def mckelvey_mclennan_222() -> Game:
    """The 2x2x2 game with the maximal 9 equilibria (2 totally mixed), as in Gambit's
    contrib/games/2x2x2.nfg."""
    p = np.zeros((3, 2, 2, 2), dtype=np.int64)
    cells = {(0, 0, 0): (9, 8, 12), (1, 1, 0): (9, 8, 2), (0, 1, 1): (3, 4, 6),
             (1, 0, 1): (3, 4, 6)}
    for cell, values in cells.items():
        p[(slice(None),) + cell] = values
    return Game.from_payoffs(p)


def assert_all_verified(game: Game, found) -> None:
    for e in found.equilibria:
        if e.exact is not None:
            assert verify_exact(game, e.exact) is not None
        else:
            assert e.enclosure_radius is not None and e.enclosure_radius < 1e-6
            assert max_regret(game, e.strategies) < 1e-6 * float(np.abs(game.payoffs).max())


@pytest.mark.parametrize(("shape", "count"), [
    ((2, 2, 2), 2), ((3, 3, 3), 10), ((2, 2, 2, 2), 9), ((4, 4, 4), 56),
    ((3, 3, 3, 3), 297), ((5, 5, 5), 346)])
def test_root_count_is_the_mckelvey_mclennan_number(shape, count):
    assert support_root_count(tuple(tuple(range(m)) for m in shape)) == count


def test_mckelvey_mclennan_game_has_nine_certified_equilibria():
    game = mckelvey_mclennan_222()
    found = solve_certified(game)
    assert found.complete and not found.uncertified_supports
    assert len(found.equilibria) == 9
    assert sum(e.pure for e in found.equilibria) == 4
    assert_all_verified(game, found)


def test_coordination_game_by_hand():
    # everyone gets 1 when all play the same strategy: (0,0,0), (1,1,1), and all 1/2
    payoff = np.zeros((2, 2, 2), dtype=int)
    payoff[0, 0, 0] = payoff[1, 1, 1] = 1
    game = Game.from_payoffs(np.stack([payoff] * 3))
    found = solve_certified(game)
    assert found.complete
    exact = sorted(e.exact for e in found.equilibria)
    half = (Fraction(1, 2), Fraction(1, 2))
    assert exact == sorted([((1, 0),) * 3, ((0, 1),) * 3, (half,) * 3])


def test_a_continuum_is_never_complete():
    # a third player who is indifferent everywhere, over a coordination game: every mix of
    # the third player with (T, L) is an equilibrium
    payoff = np.zeros((3, 2, 2, 2), dtype=int)
    for c in range(2):
        payoff[0, :, :, c] = [[2, 0], [0, 1]]
        payoff[1, :, :, c] = [[2, 0], [0, 1]]
    game = Game.from_payoffs(payoff)
    found = solve_certified(game, timeout=20)
    assert not found.complete
    assert any("may form a continuum" in u.reason for u in found.uncertified_supports)
    assert_all_verified(game, found)
    sample = next(u.sample for u in found.uncertified_supports if u.sample is not None)
    assert max_regret(game, sample) < 0.05


def test_all_zero_game_is_a_continuum_not_complete():
    game = Game.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int))
    found = solve(game, "certified", timeout=20)
    assert not found.complete and found.uncertified_supports
    assert len(found.equilibria) == 8  # the pure profiles, decided exactly


@pytest.mark.parametrize(("shape", "seed", "count"), [
    ((3, 3, 3), 1, 13), ((3, 3, 3), 2, 1), ((2, 2, 2, 2), 1, 3), ((2, 2, 2, 2), 2, 7)])
def test_random_games_are_certified_and_odd(shape, seed, count):
    # counts as found by an independent run of the research prototype and by
    # Gambit's enumpoly with PHCpack (shared/research/nplayer-certified/README.md)
    game = random_game(shape, seed)
    found = solve_certified(game)
    assert found.complete
    assert len(found.equilibria) == count  # generic games have an odd number
    assert_all_verified(game, found)


def test_rational_payoffs_are_scaled_and_exact_equilibria_recovered():
    payoff = np.zeros((2, 2, 2), dtype=object)
    payoff[0, 0, 0] = payoff[1, 1, 1] = Fraction(1, 3)
    game = Game.from_payoffs(np.stack([payoff] * 3))
    found = solve_certified(game)
    assert found.complete and len(found.equilibria) == 3
    assert all(e.exact is not None for e in found.equilibria)


def test_timeout_returns_what_is_certified_with_a_warning():
    game = random_game((3, 3, 3), 1)
    found = solve_certified(game, timeout=1e-3)
    assert not found.complete
    assert any("time" in w for w in found.warnings)
    assert found.uncertified_supports
    assert_all_verified(game, found)


def test_progress_callback_reaches_the_total():
    seen = []
    solve_certified(mckelvey_mclennan_222(), progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_auto_uses_the_certified_solver_for_three_players():
    found = solve(mckelvey_mclennan_222(), "auto")
    assert found.method == "certified" and found.complete and len(found.equilibria) == 9
    assert "Proven:" in found.details["certificate"]


def test_iterated_pure_elimination_is_exact():
    a = np.array([[3, 0], [5, 1]])
    assert iterated_pure_elimination([a, a.T]) == [[1], [1]]


NAU_2004_SEC4 = """NFG 1 R "Nau, Gomez Canovas and Hansen (2004) sec. 4" { "1" "2" "3" }
{ { "Top" "Bottom" } { "Left" "Right" } { "1" "2" } }
""
{ { "" 3, 0, 2 } { "" 0, 1, 0 } { "" 0, 2, 0 } { "" 1, 0, 0 }
  { "" 1, 0, 0 } { "" 0, 3, 0 } { "" 0, 1, 0 } { "" 2, 0, 3 } }
1 2 3 4 5 6 7 8
"""


def test_cli_json_has_uncertified_supports_and_enclosures(tmp_path):
    from gamesolve.cli import main

    path = tmp_path / "nau2004_sec4.nfg"  # a unique equilibrium, in irrational strategies
    path.write_text(NAU_2004_SEC4)
    result = CliRunner().invoke(main, ["solve", str(path), "--method", "certified",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["method"] == "certified" and doc["complete"]
    assert doc["uncertified_supports"] == []
    (eq,) = doc["equilibria"]
    assert "exact" not in eq and 0 < eq["enclosure_radius"] < 1e-6
    # the published equilibrium: player 1 plays Top with probability about 0.6192
    assert abs(eq["profile"]["1"]["Top"] - 0.61923) < 1e-4
    validate_solve_document(doc)
    text = CliRunner().invoke(main, ["solve", str(path), "--method", "certified"]).output
    assert "Proven:" in text


def test_cli_json_lists_a_continuum(tmp_path):
    from gamesolve.cli import main

    path = tmp_path / "zero.nfg"
    path.write_text('NFG 1 R "zero" { "1" "2" "3" } { 2 2 2 }\n' + " 0" * 24 + "\n")
    doc = json.loads(CliRunner().invoke(main, ["solve", str(path), "--format", "json"]).output)
    assert doc["complete"] is False
    entry = doc["uncertified_supports"][0]
    assert set(entry) == {"support", "reason", "sample"}
    assert set(entry["support"]) == {"1", "2", "3"}
    validate_solve_document(doc)


def validate_solve_document(doc):
    import pathlib

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((pathlib.Path(__file__).parent.parent / "docs" / "schemas"
                         / "solve.schema.json").read_text())
    jsonschema.validate(doc, schema)


def test_the_certified_path_never_imports_pygambit():
    import subprocess
    import sys

    code = ("import sys, numpy as np\n"
            "from gamesolve.model import Game\n"
            "from gamesolve.solvers.equilibria import solve\n"
            "g = Game.from_payoffs(np.random.default_rng(1).integers(0, 9, size=(3, 2, 2, 2)))\n"
            "solve(g, 'auto'); solve(g, 'certified')\n"
            "assert 'pygambit' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=24, max_size=24))
def test_every_listed_equilibrium_verifies_and_pure_ones_are_all_there(values):
    from gamesolve.solvers.pure import pure_equilibrium_profiles

    game = Game.from_payoffs(np.array(values).reshape(3, 2, 2, 2))
    found = solve_certified(game, timeout=3)
    assert_all_verified(game, found)
    pure = sorted(e.profile for e in found.equilibria if e.pure)
    assert pure == sorted(pure_equilibrium_profiles(game))
    assert found.complete == (not found.uncertified_supports and not any(
        "not searched" in w or "time limit" in w for w in found.warnings))
