"""Every script in benchmarks/ still runs against the current code (marked slow).

Nothing else runs the benchmarks, so a stale one (an API renamed, a stats key the solver
stopped producing) would go unnoticed until someone wanted numbers.  Each test runs one
script at its smallest configuration in a fresh process (this interpreter, the
repository root as working directory, ``src`` on ``PYTHONPATH``), requires exit status 0,
and reads what the script printed: its table header, its result rows, and the
cross-checks it makes where it makes them (equal equilibrium sets, equal counts, the
same vertices by two walks).  No time is asserted: speed is what the benchmarks measure,
not what tests check.  Run them with:

    python -m pytest -q -m slow tests/test_benchmarks_smoke.py

A script that needs a peer (pygambit, QuantEcon, lrsnash) is skipped, with the reason,
when the peer is missing.  ``test_every_benchmark_has_a_smoke_test`` (in the default run)
fails when a new script in benchmarks/ has no smoke test here.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
TIMEOUT = 240  # seconds per script: generous, the machine may be shared
HELPERS = {"peers.py"}  # imported by the scripts, not run on its own


def missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


needs_pygambit = pytest.mark.skipif(missing("pygambit"),
                                    reason="pygambit not installed (the peer of this script)")
needs_quantecon = pytest.mark.skipif(missing("quantecon"),
                                     reason="quantecon not installed (pip install -e '.[bench]')")
# without lrsnash, enumeration_section.ensure_lrsnash would apt-get install lrslib
needs_lrsnash = pytest.mark.skipif(shutil.which("lrsnash") is None,
                                   reason="lrsnash not on the path (Debian package lrslib);"
                                          " the script would try to apt-get install it")


def run(script: str, *args: str) -> str:
    """Run ``benchmarks/SCRIPT ARGS``; its stdout (it must exit 0)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (f"{script} {' '.join(args)} exited {done.returncode}:\n"
                                  f"{done.stderr[-3000:]}")
    return done.stdout


def table_rows(out: str, first_cell: str) -> list[list[str]]:
    """The cells of the Markdown rows whose first cell starts with ``first_cell``."""
    rows = []
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith(first_cell):
            rows.append(cells)
    return rows


# --- the scripts ---------------------------------------------------------------------------

SMOKE_TESTS: dict[str, str] = {}  # script -> its test, for the completeness check below


def smoke(script: str):
    def register(test):
        SMOKE_TESTS[script] = test.__name__
        return pytest.mark.slow(test)
    return register


@smoke("bench_bimatrix_quick.py")
@needs_pygambit
def test_bimatrix_quick():
    out = run("bench_bimatrix_quick.py", "--sizes", "8", "--repeats", "1", "--timeout", "120")
    lines = out.splitlines()
    assert lines[0].split() == ["n", "gamesolve", "gambit-float", "gambit-rational", "nashpy"]
    row = next(line for line in lines if line.split()[0] == "8")
    counts = re.findall(r"\[([^\]]*)\]", row)
    assert len(counts) == 4 and all(c.isdigit() for c in counts), row
    gamesolve, _, gambit_rational, _ = counts
    assert gamesolve == gambit_rational  # both exact: the same number of equilibria


@smoke("bench_graph_walk.py")
def test_graph_walk(tmp_path):
    # an empty --games-dir: the game non8 is made as the enumeration section makes it
    out = run("bench_graph_walk.py", "--sizes", "8", "--walks", "inverses", "solves",
              "--games-dir", str(tmp_path))
    lines = out.splitlines()
    assert lines[0].split()[:6] == ["game", "side", "walk", "wall", "s", "cpu"]
    vertices = {}
    for line in lines[1:]:
        parts = line.split()
        if parts[0] == "8x8":
            side, walk, count = parts[1], parts[2], parts[5]
            assert count.isdigit(), line
            vertices[side, walk] = int(count)
    assert set(vertices) == {(s, w) for s in "PQ" for w in ("inverses", "solves")}
    for side in "PQ":  # the two walks find the same polytope
        assert vertices[side, "inverses"] == vertices[side, "solves"]
    assert out.count("inverses / solves, CPU:") == 2


@smoke("bench_loading.py")
def test_loading():
    out = run("bench_loading.py", "--size", "20", "--repeat", "1", "--no-python-yaml")
    assert "# Start-up:" in out and "Floor `python -c \"import numpy\"`" in out
    startup = table_rows(out, "`gamesolve")
    assert len(startup) == 5 and all(re.fullmatch(r"\d+ ms", row[1]) for row in startup)
    assert "JSON text of the 12x12 result (65 equilibria" in out
    assert "# Loading a 20x20 game" in out
    loading = {row[0]: row for row in table_rows(out, "") if row[0] in ("json", "yaml", "nfg")}
    assert set(loading) == {"json", "yaml", "nfg"}
    assert all(re.fullmatch(r"\d+\.\d+ s", row[2]) for row in loading.values())
    # the file declaring too many strategies is refused with gamesolve's usage-error status
    assert "| 2 x 125,000 strategies, refused (exit 2) |" in out


@smoke("bench_nplayer.py")
@needs_pygambit
def test_nplayer():
    out = run("bench_nplayer.py", "--shapes", "3x3x3", "2x2x2x2", "--cap", "30",
              "--certified-cap", "120")
    assert "| game | certified: equilibria, complete |" in out
    for name in ("3x3x3 seed 1", "2x2x2x2 seed 1"):
        (row,) = table_rows(out, name)
        assert re.fullmatch(r"\d+, yes", row[1]), row  # certified finished, complete
        assert row[-1] == "yes", row  # every equilibrium enumpoly found is in ours


@smoke("bench_polytope_choice.py")
def test_polytope_choice():
    # the script asserts that both sides and auto give the same equilibria
    out = run("bench_polytope_choice.py", "--sizes", "8", "7x9", "--seeds", "2", "--repeat",
              "1", "--prefixes", "1", "--profiles", "2")
    assert "| game | seed | Q side | P side | auto |" in out
    assert len(table_rows(out, "8 x 8")) == 2 and len(table_rows(out, "7 x 9")) == 2
    assert "**8 x 8, 2 games**" in out and "**7 x 9, 2 games**" in out
    assert "**8 x 8, level profiles of 2 games**" in out


@smoke("bench_revsearch.py")
def test_revsearch():
    # no --dir: the games are made; the script asserts the search at --before (when git has
    # it) walks the same bases and vertices as now
    out = run("bench_revsearch.py", "--games", "deg8", "non8")
    lines = out.splitlines()
    assert lines[1].split()[:5] == ["game", "poly", "size", "bases", "vertices"]
    rows = [line.split() for line in lines[2:]]
    assert [(r[0], r[1]) for r in rows] == [("deg8", "P"), ("deg8", "Q"), ("non8", "P"),
                                           ("non8", "Q")]
    assert all(r[3].isdigit() and r[4].isdigit() and int(r[3]) >= int(r[4]) > 0
               for r in rows)
    if shutil.which("lrsnash"):  # the peer's time on each game's first row
        column = 9 if "before = n/a" not in lines[0] else 8  # no speed-up column without git
        assert all(re.fullmatch(r"\d+\.\d{3}", rows[k][column]) for k in (0, 2)), rows


@smoke("bench_robustness.py")
def test_robustness():
    # the script asserts that every --jobs value gives the same result
    out = run("bench_robustness.py", "--samples", "200", "--jobs", "1", "2", "--repeat", "1")
    assert out.splitlines()[0].split() == ["game", "mode", "jobs", "samples", "seconds",
                                           "samples/s"]
    rows = [line for line in out.splitlines()[1:] if line.strip()]
    assert len(rows) == 8  # 2 games x 2 modes x 2 job counts
    assert all(line.split()[-3] == "200" for line in rows)


@smoke("bench_tableau_walk.py")
@needs_quantecon
def test_tableau_walk():
    # the script asserts that the walk before and now give the same vertices, and that the
    # enumeration walked the polytopes it listed (from 7 x 7 P's partners are solved, P is
    # not walked: sizes below 7 would not see it; the stale assertion it once had did not)
    out = run("bench_tableau_walk.py", "--sizes", "8", "12", "--repeat", "1")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["n", "walks", "before"]
    rows = [line.split() for line in lines[1:]]
    assert [row[0] for row in rows] == ["8", "12"] and all(len(row) == 9 for row in rows)
    assert all(re.fullmatch(r"\d+\.\d\d", cell) for row in rows for cell in row[1:])


@smoke("enumeration_section.py")
@needs_pygambit
@needs_quantecon
@needs_lrsnash
def test_enumeration_section():
    out = run("enumeration_section.py", "--degenerate", "--nondegenerate", "8", "--budget",
              "120", "--search-sizes", "--warm-sizes", "8")
    (row,) = table_rows(out, "nondegenerate 8x8")
    assert row[-1] == "lrsnash equal, gambit equal", row  # the exact sets of all three
    assert len(table_rows(out, "8")) == 1  # the in-process row


@smoke("run_benchmarks.py")
@pytest.mark.parametrize("section", [
    "startup",
    pytest.param("pure", marks=needs_pygambit),
    pytest.param("bimatrix", marks=[needs_pygambit, needs_quantecon]),
    pytest.param("inprocess", marks=[needs_pygambit, needs_quantecon]),
    pytest.param("enumeration", marks=[needs_pygambit, needs_quantecon, needs_lrsnash]),
])
def test_run_benchmarks(section):
    performance = ROOT / "docs" / "performance.md"
    before = performance.read_bytes()
    out = run("run_benchmarks.py", "--no-write", "--quick", "--repeat", "1", "--sections",
              section, "--sizes", "8" if section == "inprocess" else "4",
              "--degenerate", "8", "--nondegenerate", "--search-sizes", "12",
              "--warm-sizes", "8", "--warm-degenerate-sizes", "8", "--budget", "120")
    assert performance.read_bytes() == before  # --no-write
    assert out.startswith("# Performance") and "## Reading the numbers" in out
    assert "| failed |" not in out and "counts differ" not in out
    if section == "startup":
        assert len(table_rows(out, "`")) == 3
        assert re.search(r"Ratio gamesolve analyze / import nashpy: \*\*\d+\.\d\d\*\*", out)
    elif section == "pure":
        (row,) = table_rows(out, "5x5x5x5x5x5")
        assert re.fullmatch(r"5x5x5x5x5x5 \(\d+ eq\.\)", row[0]) and row[1] == "15,625"
        assert "failed" not in " ".join(row) and row[-1] != "n/a"
    elif section == "bimatrix":
        (row,) = table_rows(out, "4")
        assert re.fullmatch(r"\d+\.\d{3} s \(\d+\)", row[1]), row
        assert len(row) == 10 and not re.search("failed|n/a", " ".join(row)), row
    elif section == "inprocess":
        (row,) = table_rows(out, "8")
        assert len(row) == 6 and all(re.fullmatch(r"\d+\.\d+( ms)?", c) for c in row[1:]), row
    else:
        (row,) = table_rows(out, "degenerate 8x8")
        assert row[-1] == "lrsnash equal, gambit equal", row
        assert re.fullmatch(r"\d+ MB", row[2]), row
        assert len(table_rows(out, "12")) == 1  # the search alone
        assert len(table_rows(out, "8")) == 2  # in-process, both families
        floor = {label: row for label in ("lrsnash, degenerate 12x12", "gamesolve, a 2x2 game",
                                          "gamesolve, degenerate 12x12")
                 for row in table_rows(out, label)}
        assert len(floor) == 3 and all(re.fullmatch(r"\d+ ms", row[1]) for row in floor.values())
        assert floor["lrsnash, degenerate 12x12"][2] == "1.00"
        assert re.search(r"2 x lrsnash is \d+ ms; gamesolve on a 2x2 game takes \d+\.\d\d x", out)


def test_every_benchmark_has_a_smoke_test():
    scripts = {p.name for p in BENCHMARKS.glob("*.py")} - HELPERS
    assert scripts == set(SMOKE_TESTS), (
        "every script in benchmarks/ needs a smoke test in tests/test_benchmarks_smoke.py"
        f" (missing: {sorted(scripts - set(SMOKE_TESTS))},"
        f" gone: {sorted(set(SMOKE_TESTS) - scripts)})")
