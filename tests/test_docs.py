"""Every command shown in the docs runs, and its shown output matches.

A documented command is a fenced block marked ``console`` whose lines starting with ``$ ``
are commands (run from the repository root with a shell) and whose other lines are the
expected output.  A line ``...`` matches any number of lines.  A command ending in
``# exit N`` must exit with status N (default 0).  Blocks whose commands need a program
that is not installed (``jq``, ``pdflatex``) are skipped with a reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), ROOT / "games" / "README.md"])
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
OPTIONAL_TOOLS = ("jq", "pdflatex", "lualatex")


def documented_examples():
    for path in DOCS:
        if not path.exists():
            continue
        text = path.read_text()
        for match in BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 1
            yield pytest.param(path, match.group(1), id=f"{path.relative_to(ROOT)}:{line}")


def split_commands(block: str) -> list[tuple[str, list[str]]]:
    commands: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    return commands


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match where a line '...' stands for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0].rstrip() == actual[0].rstrip() and matches(
        expected[1:], actual[1:])


def strip_blank_tail(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


@pytest.mark.parametrize("path,block", list(documented_examples()))
def test_documented_command(path: Path, block: str, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    env["TMPDIR"] = str(tmp_path)
    for command, expected in split_commands(block):
        for tool in OPTIONAL_TOOLS:
            if re.search(rf"(^|[|;&]\s*){tool}\b", command) and not shutil.which(tool):
                pytest.skip(f"{tool} is not installed")
        status = 0
        exit_match = re.search(r"\s+# exit (\d+)$", command)
        if exit_match:
            status = int(exit_match.group(1))
            command = command[: exit_match.start()]
        proc = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        actual = strip_blank_tail((proc.stdout + proc.stderr).splitlines())
        if _needs_missing_pygambit(proc.stdout + proc.stderr, "\n".join(expected)):
            pytest.skip("needs pygambit (the gambit extra), which is not installed")
        assert proc.returncode == status, (
            f"{command!r} exited {proc.returncode}, expected {status}:\n{proc.stderr}")
        assert matches(strip_blank_tail(expected), actual), (
            f"output of {command!r} differs from {path.name}:\n" + "\n".join(actual))


def _needs_missing_pygambit(output: str, expected: str) -> bool:
    """The command ran into the missing gambit extra: gamesolve or Python said so, or
    ``auto`` fell back to pure equilibria where the docs show pygambit's answer."""
    from gamesolve.extras import has_pygambit

    if has_pygambit():
        return False
    signs = ("pygambit, which is not installed", "reading it needs pygambit",
             "No module named 'pygambit'", "import of pygambit halted")
    return any(sign in output for sign in signs) or (
        "auto (pure only)" in output and "auto (pure only)" not in expected)


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


@pytest.mark.parametrize("path", [p for p in DOCS if p.exists()],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    """Every relative link in the docs points at a file or folder that exists."""
    broken = [target for target, _ in LINK.findall(path.read_text())
              if "://" not in target and not (path.parent / target).exists()]
    assert not broken, f"{path.relative_to(ROOT)} links to missing {broken}"
