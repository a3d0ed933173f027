"""Start-up stays cheap: a command imports its own module and what it uses, nothing more
(checked on the modules a fresh interpreter has loaded, not on timings), and the lazy
command table stays complete."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from gamesolve.cli import COMMANDS, main
from gamesolve.cli.lazy import LazyCommands

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "src" / "gamesolve" / "cli"
YAML_GAME = ROOT / "games" / "prisoners_dilemma.yaml"


def test_every_command_module_is_in_the_table() -> None:
    modules = sorted(p.stem.removesuffix("_command") for p in CLI.glob("*_command.py"))
    assert sorted(COMMANDS) == modules
    assert sorted(main.commands) == modules


@pytest.mark.parametrize("name", COMMANDS)
def test_each_name_gives_its_command(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert isinstance(command, click.Command)
    assert command.name == name


def loaded_modules(*args: str) -> set[str]:
    """The gamesolve modules a fresh interpreter has imported after ``gamesolve ARGS``."""
    code = ("import contextlib, io, json, sys\n"
            "from gamesolve.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            "        main(sys.argv[1:], standalone_mode=False)\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('gamesolve'))))\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True, timeout=120)
    return set(json.loads(done.stdout))


def command_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.endswith("_command")}


@pytest.fixture
def nfg_game(tmp_path: Path) -> Path:
    from conftest import random_game

    from gamesolve.io.nfg import write_nfg

    path = tmp_path / "game.nfg"
    path.write_text(write_nfg(random_game(0, (4, 4))))
    return path


@pytest.mark.parametrize("kind", ["yaml", "yaml with claims", "nfg"])
def test_validate_imports_only_what_it_uses(kind: str, nfg_game: Path) -> None:
    path = {"yaml": YAML_GAME, "yaml with claims": ROOT / "tests" / "data" /
            "chairmans_paradox.yaml", "nfg": nfg_game}[kind]
    modules = loaded_modules("validate", str(path))
    assert "gamesolve.model" in modules
    assert command_modules(modules) == {"gamesolve.cli.validate_command"}
    assert not modules & {"gamesolve.report.sections", "gamesolve.analysis",
                          "gamesolve.solvers.equilibria", "gamesolve.cli.report_options"}


@pytest.mark.parametrize("kind", ["yaml", "nfg"])
def test_solve_json_imports_no_analysis_and_no_report_sections(kind: str, nfg_game) -> None:
    path = YAML_GAME if kind == "yaml" else nfg_game
    modules = loaded_modules("solve", str(path), "--method", "enumerate", "--format", "json")
    assert command_modules(modules) == {"gamesolve.cli.solve_command"}
    assert "gamesolve.report.json_report" in modules
    assert not modules & {"gamesolve.analysis", "gamesolve.solvers.welfare",
                          "gamesolve.report.sections", "gamesolve.solvers.dominance"}


def test_help_lists_every_command_in_order() -> None:
    # the listing reads each command's help, so --help imports them all
    text = main.get_help(click.Context(main, info_name="gamesolve"))
    listed = [line.split()[0] for line in text.split("Commands:\n", 1)[1].splitlines()]
    assert listed == sorted(COMMANDS)


def test_unknown_command_suggests_a_close_name() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["solv", "x.yaml"])
    assert result.exit_code == 2
    assert "No such command 'solv'" in result.output


# ---------------------------------------------------------------------- the mapping
def test_names_are_known_without_importing(monkeypatch) -> None:
    imported = []
    monkeypatch.setattr("importlib.import_module", lambda name: imported.append(name))
    commands = LazyCommands({"a": "pkg.a_command:a", "b": "pkg.b_command:b"})
    assert "a" in commands and "c" not in commands
    assert list(commands) == ["a", "b"] and len(commands) == 2
    assert imported == []


def test_lookup_imports_once_and_added_commands_join() -> None:
    commands = LazyCommands({"main": "gamesolve.cli:main"})
    assert commands["main"] is main
    assert commands.get("missing") is None
    extra = click.Command("extra")
    commands["extra"] = extra
    assert dict(commands.items()) == {"main": main, "extra": extra}
    del commands["main"]
    assert list(commands) == ["extra"]
    with pytest.raises(KeyError):
        del commands["main"]
