"""The JSON Schemas in docs/schemas/ describe the real JSON output.

Every schema is a valid draft 2020-12 schema, and the output of ``analyze``, ``solve``,
``check``, ``robustness`` (``--format json``) and ``convert --to json`` on the games in
games/ validates against its schema.  The schemas are strict (no undocumented keys), so a
new or renamed key in the output fails here until the schema documents it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamesolve.cli import main

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
GAMES = sorted((ROOT / "games").glob("*.yaml"))
COMMANDS = ("analyze", "solve", "check", "robustness")


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text())


def validator(name: str):
    s = schema(name)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.FormatChecker())


def output(*args: str) -> dict:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if isinstance(result.exception, ImportError):  # a solver not written yet
        pytest.skip(f"not available yet: {result.exception}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), result.output  # check exits 1 on a contradiction
    return json.loads(result.stdout)


def assert_valid(name: str, document: dict) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}"
                                 for e in errors[:10])


@pytest.mark.parametrize("name", ["analyze", "solve", "check", "robustness", "game"])
def test_schema_is_valid(name: str) -> None:
    s = schema(name)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(s)


def test_every_command_with_json_has_a_schema() -> None:
    for command in COMMANDS:
        if command in main.commands:
            assert (SCHEMAS / f"{command}.schema.json").exists(), command


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["analyze", "solve"])
def test_analyze_and_solve_pure(command: str, path: Path) -> None:
    assert_valid(command, output(command, path, "--format", "json", "--method", "pure"))


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["analyze", "solve"])
def test_analyze_and_solve_default_method(command: str, path: Path) -> None:
    assert_valid(command, output(command, path, "--format", "json"))


@pytest.mark.parametrize("method", ["enumerate", "lemke-howson", "zero-sum", "gnm"])
def test_solve_other_methods(method: str) -> None:
    if method == "gnm":
        pytest.importorskip("pygambit")
    path = ROOT / "games" / "matching_pennies.yaml"
    assert_valid("solve", output("solve", path, "--format", "json", "--method", method))


def test_analyze_with_fix() -> None:
    path = ROOT / "games" / "south_caucasus.yaml"
    doc = output("analyze", path, "--format", "json", "--method", "pure", "--fix", "Iran=ITA")
    assert_valid("analyze", doc)


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_check(path: Path) -> None:
    if "check" not in main.commands:
        pytest.skip("no check command yet")
    assert_valid("check", output("check", path, "--format", "json"))


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_robustness(path: Path) -> None:
    if "robustness" not in main.commands:
        pytest.skip("no robustness command yet")
    assert_valid("robustness", output("robustness", path, "--format", "json",
                                      "--samples", "60", "--seed", "2"))


def test_robustness_variants() -> None:
    if "robustness" not in main.commands:
        pytest.skip("no robustness command yet")
    path = ROOT / "games" / "south_caucasus.yaml"
    assert_valid("robustness", output("robustness", path, "--format", "json", "--samples", "0"))
    assert_valid("robustness", output("robustness", path, "--format", "json", "--samples", "40",
                                      "--ordinal"))


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_game_documents(path: Path) -> None:
    assert_valid("game", output("convert", path, "-", "--to", "json"))


def test_schemas_are_strict() -> None:
    """A key the schema does not document is an error, so drift cannot go unnoticed."""
    path = ROOT / "games" / "prisoners_dilemma.yaml"
    doc = output("solve", path, "--format", "json", "--method", "pure")
    doc["surprise"] = 1
    assert list(validator("solve").iter_errors(doc))
    doc = output("convert", path, "-", "--to", "json")
    doc["payoffs"][0]["values"][0] = "three"
    assert list(validator("game").iter_errors(doc))
