"""pygambit as an optional extra: without it every method that needs it says how to install
it (exit 2, one line, no traceback) and the rest works; with it, games reach pygambit with
their labels intact, and ``.efg`` trees are read as their reduced normal form."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from gamesolve.errors import GameError
from gamesolve.extras import GAMBIT_INSTALL, has_pygambit
from gamesolve.io import load_game
from gamesolve.model import Game, Player, Strategy
from gamesolve.solvers.base import max_regret, verify_exact
from gamesolve.solvers.equilibria import GAMBIT_ONLY, solve

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ENTRY_EFG = ROOT / "tests" / "data" / "entry.efg"
MAIN_GAME = ROOT / "games" / "south_caucasus.yaml"
INSTALL_LINE = "install it with: pip install 'gamesolve[gambit]'"


def three_player_game(dominated_first: bool = True) -> Game:
    """A generic 2x2x2 game (seeded) in which player 1 has a third strategy, listed first
    when ``dominated_first``, that is strictly dominated: iterated elimination leaves
    player 1 the strategies "2" and "3", which collide with pygambit's default labels."""
    rng = np.random.default_rng(7)
    core = rng.integers(0, 20, size=(3, 2, 2, 2))
    bad = core[:, :1].copy()
    bad[0] = core[0].min() - 1  # below anything player 1 gets from the other two
    full = np.concatenate([bad, core] if dominated_first else [core, bad], axis=1)
    players = (Player("P1", (Strategy("1"), Strategy("2"), Strategy("3"))),
               Player("P2", (Strategy("1"), Strategy("2"))),
               Player("P3", (Strategy("1"), Strategy("2"))))
    return Game.from_payoffs(full, players, title="labels collide after elimination")


# ------------------------------------------------------------- without pygambit, in-process
@pytest.fixture
def no_pygambit(monkeypatch):
    """pygambit made unimportable for the test (``sys.modules`` entry None)."""
    monkeypatch.setitem(sys.modules, "pygambit", None)
    assert not has_pygambit()


@pytest.mark.parametrize("method", GAMBIT_ONLY)
def test_methods_needing_pygambit_say_how_to_install_it(no_pygambit, method):
    with pytest.raises(GameError) as info:
        solve(three_player_game(), method)
    assert str(info.value) == (f"method {method} needs pygambit, which is not installed"
                               f" ({INSTALL_LINE})")


def test_direct_pygambit_entry_points_check_first(no_pygambit):
    from gamesolve.solvers.gambit.methods import solve_with_gambit, to_pygambit

    with pytest.raises(GameError, match=r"method gnm needs pygambit.*gamesolve\[gambit\]"):
        solve_with_gambit(three_player_game(), "gnm")
    with pytest.raises(GameError, match=r"needs pygambit.*gamesolve\[gambit\]"):
        to_pygambit(three_player_game())


def test_auto_without_pygambit_runs_the_certified_solver(no_pygambit):
    game = three_player_game()
    found = solve(game, "auto")
    assert found.method.startswith("certified") and found.complete
    # every equilibrium listed is one (exact regret 0), and the pure ones are exactly the
    # pure equilibria found by brute force on the payoff tensor
    for eq in found.equilibria:
        if eq.exact is not None:
            assert verify_exact(game, eq.exact) is not None
        else:
            assert eq.enclosure_radius is not None and max_regret(game, eq.strategies) < 1e-9
    brute = {prof for prof in game.profiles()
             if all(game.exact_payoff(p, prof) >= game.exact_payoff(
                 p, prof[:p] + (a,) + prof[p + 1:])
                 for p in range(3) for a in range(game.shape[p]))}
    assert {e.profile for e in found.equilibria if e.pure} == brute


def test_two_player_games_never_need_pygambit(no_pygambit):
    game = Game.from_payoffs([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    found = solve(game, "auto")
    assert found.complete and len(found.equilibria) == 3


def test_efg_without_pygambit_is_named_as_extensive_form(no_pygambit, tmp_path):
    expected = (f"{ENTRY_EFG} is a Gambit extensive-form game: reading it needs pygambit"
                f" ({GAMBIT_INSTALL})")
    with pytest.raises(GameError) as info:
        load_game(str(ENTRY_EFG))
    assert str(info.value) == expected
    # renamed: recognised by its first line, not called "not a mapping"
    for name in ("tree.yaml", "tree.nfg", "tree.json"):
        renamed = tmp_path / name
        renamed.write_text(ENTRY_EFG.read_text())
        with pytest.raises(GameError, match=r"is a Gambit extensive-form game"):
            load_game(str(renamed))


# ------------------------------------------------------------ without pygambit, whole CLI
def _run_blocked(tmp_path: Path, *args: str, stdin: str | None = None):
    """Run the CLI in a fresh interpreter (and any worker it starts) where importing
    pygambit fails, as on an install without the gambit extra."""
    site = tmp_path / "blocked-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text("import sys\nsys.modules['pygambit'] = None\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(SRC)])}
    return subprocess.run([sys.executable, "-m", "gamesolve.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("method", ["gnm", "enumpoly"])
def test_cli_method_without_pygambit_exits_2_with_one_line(tmp_path, method):
    game = tmp_path / "three.nfg"
    from gamesolve.io.nfg import write_nfg

    game.write_text(write_nfg(three_player_game()))
    done = _run_blocked(tmp_path, "solve", str(game), "--method", method)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (f"gamesolve: error: method {method} needs pygambit, which is not"
                           f" installed ({INSTALL_LINE})\n")


def test_cli_efg_without_pygambit_exits_2_with_one_line(tmp_path):
    done = _run_blocked(tmp_path, "validate", "-", stdin=ENTRY_EFG.read_text())
    assert done.returncode == 2
    assert done.stderr == ("gamesolve: error: <stdin> is a Gambit extensive-form game:"
                           f" reading it needs pygambit ({GAMBIT_INSTALL})\n")


def test_main_job_runs_without_pygambit(tmp_path):
    done = _run_blocked(tmp_path, "analyze", str(MAIN_GAME.relative_to(ROOT)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Nash equilibria" in done.stdout and "Traceback" not in done.stdout


def test_main_job_does_not_import_pygambit():
    code = ("import sys\nfrom gamesolve.cli import main\n"
            "sys.argv = ['gamesolve', 'analyze', 'games/south_caucasus.yaml']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('pygambit imported: %s' % ('pygambit' in sys.modules))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.stderr.endswith("pygambit imported: False"), done.stderr


# ------------------------------------------------------------------- with pygambit
def _same_profiles(ours, theirs, tol=1e-6) -> bool:
    return all(abs(float(a) - float(b)) <= tol
               for row_a, row_b in zip(ours, theirs, strict=True)
               for a, b in zip(row_a, row_b, strict=True))


@pytest.mark.parametrize("dominated_first", [True, False])
def test_labels_left_by_elimination_reach_pygambit(dominated_first):
    """The label collision of contrib/games/8x2x2: survivors "2", "3" of player 1 used to
    be set one by one onto pygambit's default labels "1", "2"."""
    gbt = pytest.importorskip("pygambit")
    from conftest import to_pygambit as reference_game

    game = three_player_game(dominated_first)
    found = solve(game, "auto", timeout=60)
    assert found.complete
    assert "eliminated" in found.details
    # reference: pygambit's enumpoly on the whole game, built independently
    reference = gbt.nash.enumpoly_solve(reference_game(game), use_strategic=True)
    theirs = [[[eq[s] for s in player.strategies] for player in eq.game.players]
              for eq in reference.equilibria]
    ours = [e.strategies for e in found.equilibria]
    assert len(ours) == len(theirs)
    for profile in theirs:
        assert any(_same_profiles(mine, profile) for mine in ours), profile


def test_build_pygambit_takes_labels_in_use_by_its_defaults():
    pytest.importorskip("pygambit")
    from gamesolve.solvers.gambit.child import build_pygambit, game_spec

    players = (Player("2", (Strategy("2"), Strategy("1"), Strategy("~0"))),
               Player("1", (Strategy("3"), Strategy("2"))))
    game = Game.from_payoffs(np.zeros((2, 3, 2), dtype=int), players)
    g = build_pygambit(game_spec(game))
    assert [p.label for p in g.players] == ["2", "1"]
    assert [[s.label for s in p.strategies] for p in g.players] == [["2", "1", "~0"],
                                                                     ["3", "2"]]


# Hand-worked reduced normal form of tests/data/entry.efg.  Chance: weak 1/3, strong 2/3.
# Entrant plans: 1* = Out (the second move is never reached), 21 = In then Stay,
# 22 = In then Leave.  Incumbent: 1 = Fight, 2 = Yield.  E.g. (21, Fight): Entrant gets
# 1/3 * (-1) + 2/3 * 3/2 = 2/3 and Incumbent 1/3 * 1/2 + 2/3 * (-1) = -1/2.
ENTRY_PAYOFFS = {
    ("1*", "1"): (0, 2), ("1*", "2"): (0, 2),
    ("21", "1"): (Fraction(2, 3), Fraction(-1, 2)), ("21", "2"): (1, 1),
    ("22", "1"): (Fraction(1, 6), Fraction(1, 3)), ("22", "2"): (1, 1),
}


def test_efg_reads_as_its_reduced_normal_form():
    gbt = pytest.importorskip("pygambit")
    game = load_game(str(ENTRY_EFG))
    assert game.title == "Entry with a second look"
    assert [p.name for p in game.players] == ["Entrant", "Incumbent"]
    assert game.players[0].ids == ("1*", "21", "22")
    assert [s.label for s in game.players[0].strategies] == ["Out, *", "In, Stay",
                                                             "In, Leave"]
    for (row, col), payoffs in ENTRY_PAYOFFS.items():
        profile = game.profile_from_ids((row, col))
        assert game.exact_payoffs(profile) == tuple(Fraction(v) for v in payoffs)
    # and exactly pygambit's own reduced normal form of the tree
    tree = gbt.read_efg(str(ENTRY_EFG))
    assert [[s.label for s in p.strategies] for p in tree.players] == [
        list(p.ids) for p in game.players]
    for p, array in enumerate(tree.to_arrays()):
        for index in np.ndindex(*array.shape):
            assert game.exact_payoff(p, index) == Fraction(array[index])


def test_efg_renamed_reads_the_same(tmp_path):
    pytest.importorskip("pygambit")
    original = load_game(str(ENTRY_EFG))
    renamed = tmp_path / "tree.yaml"
    renamed.write_text(ENTRY_EFG.read_text())
    again = load_game(str(renamed))
    assert again.players == original.players
    assert np.array_equal(again.scaled, original.scaled)


def test_efg_that_pygambit_cannot_parse_is_one_line_naming_the_file(tmp_path):
    pytest.importorskip("pygambit")
    broken = tmp_path / "broken.efg"
    broken.write_text('EFG 2 R "broken" { "A" "B" }\n""\n\nq "" 1 1 "" { "x" } 0\n')
    with pytest.raises(GameError) as info:
        load_game(str(broken))
    text = str(info.value)
    assert text.startswith(f"{broken}: not a valid Gambit extensive-form game: pygambit says:")
    assert "\n" not in text


def test_efg_solved_through_the_cli():
    pytest.importorskip("pygambit")
    from click.testing import CliRunner

    from gamesolve.cli import main

    result = CliRunner().invoke(main, ["solve", str(ENTRY_EFG), "--exact"])
    assert result.exit_code == 0, result.output
    # by hand: Out is strictly dominated by (In, Stay); then Yield is the Incumbent's
    # strict best reply, and the Entrant is indifferent between Stay and Leave against it
    assert "(21, 2)" in result.output and "(22, 2)" in result.output


def test_one_player_with_tied_best_strategies_is_one_component():
    """As in the reduced form of tests/data/entry.efg after elimination: the Entrant
    alone chooses, and Stay and Leave pay the same, so every mixture is an equilibrium."""
    players = (Player("Row", (Strategy("a"), Strategy("b"), Strategy("c"))),
               Player("Col", (Strategy("x"),)))
    game = Game.from_payoffs([[[1], [1], [0]], [[0], [5], [2]]], players)
    found = solve(game, "auto")
    assert [e.profile for e in found.equilibria] == [(0, 0), (1, 0)]
    assert found.complete and found.degenerate
    assert found.components == ((0, 1),)
    assert [e.component for e in found.equilibria] == [0, 0]
    assert any("indifferent between a, b: every mixture" in w for w in found.warnings)


def test_cli_with_a_broken_pygambit_says_so_in_one_line(tmp_path):
    """pygambit is found but fails to import (a half-finished build): the worker's import
    error becomes the one line, not a 'method failed' warning."""
    broken = tmp_path / "broken-site" / "pygambit"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('gambit.so: undefined symbol')\n")
    game = tmp_path / "three.nfg"
    from gamesolve.io.nfg import write_nfg

    game.write_text(write_nfg(three_player_game()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken.parent), str(SRC)])}
    done = subprocess.run([sys.executable, "-m", "gamesolve.cli", "solve", str(game),
                           "--method", "simpdiv"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr == ("gamesolve: error: method simpdiv needs pygambit, which is installed"
                           " but fails to import (gambit.so: undefined symbol); reinstall it"
                           f" with: {GAMBIT_INSTALL}\n")


def test_names_gambit_refuses_do_not_stop_a_solve():
    """Gambit labels must be printable ASCII without double spaces; the solver hands
    pygambit positional labels, so an Azerbaijani name solves like any other."""
    gbt = pytest.importorskip("pygambit")
    from conftest import to_pygambit as reference_game

    from gamesolve.solvers.gambit.methods import to_pygambit

    plain = three_player_game()
    players = (Player("Azərbaycan", tuple(Strategy(s) for s in ("bir", "iki  x", "üç"))),
               Player("P2", (Strategy(" a"), Strategy("b"))),
               Player("P3", (Strategy("c"), Strategy("d"))))
    named = Game.from_payoffs(np.stack([plain.exact_array(p) for p in range(3)]), players,
                              title="Qarabağ")
    found = solve(named, "enumpoly", timeout=60)
    assert found.complete and not any("failed" in w for w in found.warnings)
    reference = gbt.nash.enumpoly_solve(reference_game(plain), use_strategic=True)
    assert len(found.equilibria) == len(reference.equilibria)
    for eq in reference.equilibria:
        profile = [[eq[s] for s in player.strategies] for player in eq.game.players]
        assert any(_same_profiles(e.strategies, profile) for e in found.equilibria)
    with pytest.raises(GameError, match="pygambit cannot take this game's names"):
        to_pygambit(named)
