"""Every command and every user-facing option is documented in docs/reference/cli.md,
with at least one example command using it somewhere in the docs."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from gamesolve.cli import main

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference" / "cli.md"


def all_docs_text() -> str:
    texts = [p.read_text() for p in (ROOT / "docs").rglob("*.md")]
    return "\n".join(texts + [(ROOT / "README.md").read_text()])


def options():
    for name, command in sorted(main.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option):
                yield pytest.param(name, param.opts[0], id=f"{name} {param.opts[0]}")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_command_documented(command: str) -> None:
    assert f"gamesolve {command}" in REFERENCE.read_text()


@pytest.mark.parametrize("command,option", list(options()))
def test_option_documented_with_example(command: str, option: str) -> None:
    reference = REFERENCE.read_text()
    section = reference.split(f"## gamesolve {command}", 1)
    assert len(section) == 2, f"docs/reference/cli.md has no section '## gamesolve {command}'"
    body = section[1].split("\n## ", 1)[0]
    assert option in body, f"{option} of {command} is not in its reference section"
    examples = [line for line in all_docs_text().splitlines()
                if line.lstrip("$ ").startswith(f"gamesolve {command}") and option in line]
    assert examples, f"no example in the docs runs 'gamesolve {command} ... {option}'"
