"""Report control: --section, --digits and --format latex --standalone.

The standalone LaTeX document is compiled (one run, where pdflatex or lualatex is
installed) and must need no second run: no undefined references, no "Rerun" request.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamesolve.cli import main
from gamesolve.report.outline_blocks import Outline, Para, Section
from gamesolve.report.plain import render_outline
from gamesolve.report.sections import ANALYZE_SECTIONS, section_names, selected

ROOT = Path(__file__).resolve().parent.parent
PAPER = str(ROOT / "games" / "south_caucasus.yaml")
BOS = str(ROOT / "games" / "battle_of_the_sexes.yaml")
RPS = str(ROOT / "games" / "rock_paper_scissors.yaml")
ENGINE = shutil.which("pdflatex") or shutil.which("lualatex")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def headings(text: str) -> list[str]:
    lines = text.splitlines()
    return [a for a, b in itertools.pairwise(lines)
            if b and set(b) == {"="} and len(b) == len(a)]


# ---------------------------------------------------------------------- --section
def test_registry_names_are_unique_and_builders_exist() -> None:
    names = section_names()
    assert len(set(names)) == len(names)
    for spec in ANALYZE_SECTIONS:
        assert callable(spec.build()), spec.name


def test_section_keeps_only_the_named_sections_in_reading_order() -> None:
    result = run("analyze", PAPER, "--section", "equilibria", "--section", "payoffs")
    assert result.exit_code == 0, result.output
    assert headings(result.output) == ["Iran, Azerbaijan and Israel in the South Caucasus",
                                       "Payoff table", "Nash equilibria"]
    assert "Claims" not in result.output and "Cell by cell" not in result.output


def test_every_section_alone_in_every_format() -> None:
    for name in section_names():
        for fmt in ("text", "markdown", "latex", "html"):
            result = run("analyze", BOS, "--section", name, "--format", fmt)
            assert result.exit_code == 0, (name, fmt, result.output)
    html = run("analyze", BOS, "--section", "players", "--format", "html").output
    assert '<section id="section-players">' in html
    assert '<section id="section-equilibria">' not in html


def test_reference_lists_every_section() -> None:
    """docs/reference/cli.md has one row per registered section (a new section is
    documented where users look for it)."""
    reference = (ROOT / "docs" / "reference" / "cli.md").read_text()
    table = reference.split("Sections (`--section NAME`)", 1)[1].split("\n\n", 2)[1]
    documented = re.findall(r"^\| `([a-z-]+)` \|", table, re.M)
    assert documented == list(section_names())


def test_html_ids_are_unique() -> None:
    page = run("analyze", PAPER, "--format", "html").output
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) > 10 and len(ids) == len(set(ids))


def test_warnings_are_always_shown() -> None:
    assert [s.name for s in selected(["payoffs"])] == ["payoffs", "warnings"]
    spec = ANALYZE_SECTIONS[-1]
    assert spec.name == "warnings" and spec.always


def test_unknown_section_is_refused() -> None:
    result = run("analyze", PAPER, "--section", "nonsense")
    assert result.exit_code == 2 and "nonsense" in result.output
    with pytest.raises(Exception, match="unknown section 'nonsense'"):
        selected(["nonsense"])


def test_help_lists_the_section_names() -> None:
    text = " ".join(run("analyze", "--help").output.split())
    for name in section_names():
        assert name in text


def test_options_the_format_cannot_honour_are_refused() -> None:
    for args in (("--format", "json", "--section", "payoffs"),
                 ("--format", "json", "--digits", "2"),
                 ("--format", "markdown", "--standalone")):
        result = run("analyze", PAPER, *args)
        assert result.exit_code == 2, args
        assert result.output.startswith("gamesolve: error: --"), result.output


def test_plain_render_outline_keeps_working_for_new_sections() -> None:
    doc = Outline("t", [Section("summary", "Summary", (Para("One line."),))])
    assert render_outline(doc) == "Summary\n=======\nOne line.\n"


# ---------------------------------------------------------------------- --digits
def mixed_row(output: str) -> str:
    return next(line for line in output.splitlines() if "mixed" in line and "+" in line)


def test_digits_rounds_decimals_only() -> None:
    four = mixed_row(run("solve", BOS).output)
    two = mixed_row(run("solve", BOS, "--digits", "2").output)
    assert "0.6667 B + 0.3333 S" in four, four
    assert "0.67 B + 0.33 S" in two, two
    exact = mixed_row(run("solve", BOS, "--exact", "--digits", "2").output)
    assert "2/3 B + 1/3 S" in exact  # exact fractions are not rounded


def test_digits_reaches_every_format() -> None:
    for fmt in ("markdown", "latex", "html"):
        out = run("analyze", BOS, "--digits", "1",
                  "--section", "equilibria", "--format", fmt).output
        assert "0.7 B + 0.3 S" in out, fmt


# ---------------------------------------------------------------------- --standalone
def test_fragment_is_the_default_and_has_no_reference() -> None:
    fragment = run("analyze", PAPER, "--format", "latex").output
    assert "\\documentclass" not in fragment and "\\ref{" not in fragment
    document = run("analyze", PAPER, "--format", "latex", "--standalone").output
    assert document.count("\\documentclass{article}") == 1
    assert document.rstrip().endswith("\\end{document}") and "\\ref{" not in document


@pytest.mark.skipif(ENGINE is None, reason="no pdflatex or lualatex installed")
@pytest.mark.parametrize("args", [("analyze", PAPER), ("analyze", RPS, "--exact"),
                                  ("solve", BOS, "--exact")], ids=["paper", "rps", "solve"])
def test_standalone_compiles_in_one_run(args, tmp_path: Path) -> None:
    result = run(*args, "--format", "latex", "--standalone")
    assert result.exit_code == 0, result.output
    (tmp_path / "report.tex").write_text(result.output)
    proc = subprocess.run([ENGINE, "-interaction=nonstopmode", "-halt-on-error", "report.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          check=False)
    log = (tmp_path / "report.log").read_text(errors="replace")
    assert proc.returncode == 0, log[-3000:]
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert not re.search(r"undefined references|Rerun to get|There were undefined", log)
