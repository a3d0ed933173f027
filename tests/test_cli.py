"""The command line: summaries, JSON documents, --fix, and one-line errors with exit status 2.

Commands run in-process through click's CliRunner; one test runs the installed console
script in a subprocess to prove the real exit code and that no traceback escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamesolve.cli import main

ROOT = Path(__file__).parent.parent
SOUTH_CAUCASUS = ROOT / "games" / "south_caucasus.yaml"
BAD = Path(__file__).parent / "data" / "bad"
BAD_FILES = sorted(BAD.glob("*.yaml")) + sorted(BAD.glob("*.json"))

STRATEGIES = {"Iran": ["MP", "SRA", "ITA"], "Azerbaijan": ["DAI", "BR", "AI"],
              "Israel": ["SAA"]}


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    return result


def assert_one_line_error(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gamesolve: error: ")
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def expected_line(path: Path) -> int:
    if path.suffix == ".json":
        return 9
    return int(path.read_text(encoding="utf-8").split(":", 2)[1])


# ---------------------------------------------------------------------- validate
def test_validate_valid_game():
    result = run("validate", str(SOUTH_CAUCASUS))
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{SOUTH_CAUCASUS}: valid: ")
    assert "3 players, 3x3x1 = 9 profiles" in lines[0]
    assert "Iran (3), Azerbaijan (3), Israel (1)" in lines[0]
    assert "2 unpriced strategies" in lines[0]


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_validate_bad_game_is_one_line(path):
    before = path.read_bytes()
    result = run("validate", str(path))
    line = assert_one_line_error(result, f"{path}:{expected_line(path)}: ")
    assert line.startswith(f"gamesolve: error: {path}:")
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", [["analyze", "--method", "pure"], ["solve"],
                                     ["solve", "--format", "json"]])
def test_analyze_and_solve_refuse_bad_games_the_same_way(command):
    path = BAD / "unknown_strategy.yaml"
    assert_one_line_error(run(*command, str(path)), f"{path}:10: ",
                          "unknown strategy id 'X'")


@pytest.mark.parametrize("args, fragment", [
    (["validate", "no/such/game.yaml"], "no/such/game.yaml: no such file"),
    (["validate", str(BAD)], "is a directory"),
    (["analyze", "--max-profiles", "5", str(ROOT / "games" / "rock_paper_scissors.yaml")],
     "more than the limit of 5"),
])
def test_other_refusals(args, fragment):
    if "rock_paper_scissors" in args[-1] and not Path(args[-1]).exists():
        pytest.skip("rock_paper_scissors.yaml is not there")
    assert_one_line_error(run(*args), fragment)


def test_max_profiles(tmp_path):
    game = tmp_path / "rps.yaml"
    lines = ["players:", "  - {name: A, strategies: [R, P, S]}",
             "  - {name: B, strategies: [R, P, S]}", "payoffs:"]
    lines += [f"  - {{profile: [{a}, {b}], values: [0, 0]}}" for a in "RPS" for b in "RPS"]
    game.write_text("\n".join(lines) + "\n")
    assert run("validate", str(game)).exit_code == 0
    assert_one_line_error(run("validate", "--max-profiles", "5", str(game)),
                          f"{game}:2: ", "9 pure profiles (3x3), more than the limit of 5")
    assert run("validate", "--max-profiles", "9", str(game)).exit_code == 0
    assert_one_line_error(run("validate", "--max-profiles", "0", str(game)),
                          "--max-profiles '0' is too small (it must be at least 1)")


def test_file_name_with_a_newline_stays_on_one_line(tmp_path):
    assert_one_line_error(run("validate", str(tmp_path / "two\nlines.yaml")), "two\\nlines.yaml")


COMMAND_ARGS = {  # what each command needs besides GAME (an output file for some)
    "analyze": ["--method", "pure"], "solve": [], "validate": [], "check": [],
    "robustness": ["--samples", "10"], "convert": ["{out}.json"], "plot": ["-o", "{out}.png"],
    "learn": [], "sequential": [],
}


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_refuses_a_bad_game_in_one_line(tmp_path, command):
    if command not in COMMAND_ARGS:
        pytest.skip(f"no arguments known for the new command {command!r}")
    bad = BAD / "nan.yaml"
    extra = [a.format(out=tmp_path / "out") for a in COMMAND_ARGS[command]]
    args = [command, str(bad), *extra] if command == "convert" else [command, *extra, str(bad)]
    assert_one_line_error(run(*args), f"{bad}:12: ", "payoff '.nan' is not finite")
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("command, args", [("convert", ["{game}", "{out}"]),
                                           ("plot", ["{game}", "-o", "{out}"])])
def test_outputs_are_not_overwritten(tmp_path, command, args):
    if command not in main.commands:
        pytest.skip(f"no {command} command")
    out = tmp_path / ("kept.json" if command == "convert" else "kept.png")
    out.write_text("keep me")
    game = tmp_path / "game.yaml"
    shutil.copy(SOUTH_CAUCASUS, game)
    result = run(command, *[a.format(game=game, out=out) for a in args])
    assert_one_line_error(result, str(out), "already exists")
    assert out.read_text() == "keep me"
    assert game.read_bytes() == SOUTH_CAUCASUS.read_bytes()


# ---------------------------------------------------------------------- analyze / solve
def check_equilibria(document: dict) -> None:
    assert document["schema_version"] == 2
    equilibria = document["equilibria"]
    assert len(equilibria) == 1
    (eq,) = equilibria
    assert eq["pure"] is True
    assert eq["payoffs"] == {"Iran": 3, "Azerbaijan": 6, "Israel": 4}
    chosen = {"Iran": "ITA", "Azerbaijan": "DAI", "Israel": "SAA"}
    for player, strategies in STRATEGIES.items():
        # every strategy of every player appears, with probability 1 on the chosen one
        assert list(eq["profile"][player]) == strategies
        assert eq["profile"][player] == {s: int(s == chosen[player]) for s in strategies}


def test_analyze_json():
    result = run("analyze", "--method", "pure", "--format", "json", str(SOUTH_CAUCASUS))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    check_equilibria(document)
    assert document["dominance"]["Iran"]["strictly_dominant"] == "ITA"
    assert document["dominance"]["Azerbaijan"]["strictly_dominant"] == "DAI"
    assert [p["name"] for p in document["game"]["players"]] == list(STRATEGIES)


def test_solve_json():
    result = run("solve", "--method", "pure", "--format", "json", str(SOUTH_CAUCASUS))
    assert result.exit_code == 0, result.output
    check_equilibria(json.loads(result.stdout))


def test_analyze_and_solve_text():
    analysis = run("analyze", "--method", "pure", str(SOUTH_CAUCASUS))
    assert analysis.exit_code == 0, analysis.output
    assert "Iran, Azerbaijan and Israel in the South Caucasus" in analysis.stdout
    assert "(ITA, DAI, SAA)" in analysis.stdout
    solved = run("solve", "--method", "pure", str(SOUTH_CAUCASUS))
    assert solved.exit_code == 0, solved.output
    assert "(ITA, DAI, SAA)" in solved.stdout
    assert "(3, 6, 4)" in solved.stdout
    assert "1 equilibrium found" in solved.stdout


def test_standard_input():
    text = SOUTH_CAUCASUS.read_text(encoding="utf-8")
    result = run("solve", "--method", "pure", "--format", "json", "-", input=text)
    assert result.exit_code == 0, result.output
    check_equilibria(json.loads(result.stdout))
    result = run("validate", "-", input=text)
    assert result.exit_code == 0
    assert result.stdout.startswith("<stdin>: valid: ")
    bad = text.replace("profile: [ITA, AI, SAA]", "profile: [ITA, XX, SAA]")
    assert_one_line_error(run("validate", "-", input=bad), "<stdin>:", "unknown strategy id 'XX'")
    assert_one_line_error(run("validate", "-", input=""), "<stdin>: file is empty")


# ---------------------------------------------------------------------- --fix
def test_fix_single_strategy_keeps_the_game():
    result = run("solve", "--method", "pure", "--format", "json", "--fix", "Israel=SAA",
                 str(SOUTH_CAUCASUS))
    assert result.exit_code == 0, result.output
    check_equilibria(json.loads(result.stdout))


def test_fix_restricts_to_a_sub_game():
    result = run("analyze", "--method", "pure", "--format", "json", "--fix", "Iran=MP,ITA",
                 str(SOUTH_CAUCASUS))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    players = {p["name"]: p["strategies"] for p in document["game"]["players"]}
    assert players == {"Iran": ["MP", "ITA"], "Azerbaijan": ["DAI", "BR", "AI"],
                       "Israel": ["SAA"]}
    (eq,) = document["equilibria"]
    assert eq["profile"]["Iran"] == {"MP": 0, "ITA": 1}
    assert eq["payoffs"] == {"Iran": 3, "Azerbaijan": 6, "Israel": 4}


@pytest.mark.parametrize("fix, fragment", [
    ("Iraq=MP", "no player 'Iraq'"),
    ("Iran=XX", "player 'Iran' has no strategy 'XX'"),
    ("Iran", "--fix 'Iran': expected PLAYER=ID[,ID...]"),
    ("Iran=", "expected PLAYER=ID[,ID...]"),
    ("=MP", "expected PLAYER=ID[,ID...]"),
    ("Israel=NS", "strategy 'NS' is described but not priced"),
])
@pytest.mark.parametrize("command", ["analyze", "solve"])
def test_bad_fix(command, fix, fragment):
    assert_one_line_error(run(command, "--method", "pure", "--fix", fix, str(SOUTH_CAUCASUS)),
                          fragment)


def test_fix_twice_and_twice_the_same_strategy():
    assert_one_line_error(run("solve", "--fix", "Iran=MP", "--fix", "Iran=ITA",
                              str(SOUTH_CAUCASUS)), "fixed twice")
    assert_one_line_error(run("solve", "--fix", "Iran=MP,MP", str(SOUTH_CAUCASUS)),
                          "named twice")


# ---------------------------------------------------------------------- usage errors, help
@pytest.mark.parametrize("args, option", [
    (["analyze", "--format", "xml"], "--format"),
    (["solve", "--format", "yaml"], "--format"),
    (["analyze", "--method", "magic"], "--method"),
    (["solve", "--method", "guess"], "--method"),
])
def test_unknown_choice_is_a_usage_error(args, option):
    result = run(*args, str(SOUTH_CAUCASUS))
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert result.stdout == ""


def test_unknown_command_and_missing_argument():
    assert run("frobnicate").exit_code == 2
    assert run("validate").exit_code == 2


@pytest.mark.parametrize("command", [None, *sorted(main.commands)])
def test_help(command):
    args = ["--help"] if command is None else [command, "--help"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout


# ---------------------------------------------------------------------- the real script
def test_console_script_exit_codes_without_traceback():
    script = shutil.which("gamesolve", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("the gamesolve console script is not installed next to this Python")
    bad = BAD / "unknown_strategy.yaml"
    done = subprocess.run([script, "validate", str(bad)], check=False, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        (f"gamesolve: error: {bad}:10: payoffs[2]: unknown strategy id 'X' for player 'Col'"
         " (known: L, R)")]
    good = subprocess.run([script, "validate", str(SOUTH_CAUCASUS)], check=False,
                          capture_output=True, text=True, timeout=60)
    assert good.returncode == 0
    assert good.stderr == ""
    assert len(good.stdout.splitlines()) == 1
    closed = subprocess.run([script, "validate", "-"], stdin=subprocess.DEVNULL,
                            check=False, capture_output=True, text=True, timeout=60)
    assert closed.returncode == 2
    assert "Traceback" not in closed.stderr
    assert closed.stderr.splitlines() == ["gamesolve: error: <stdin>: file is empty"]
    really_closed = subprocess.run([script, "validate", "-"], preexec_fn=lambda: os.close(0),
                                   check=False, capture_output=True, text=True, timeout=60)
    assert really_closed.returncode == 2
    assert really_closed.stderr.splitlines() == [
        "gamesolve: error: <stdin>: standard input is closed"]
