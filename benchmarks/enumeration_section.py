"""All extreme equilibria of n x n games: gamesolve against lrsnash, pygambit and QuantEcon.

A section of ``run_benchmarks.py`` (``--sections enumeration``).  Two families of seeded
random games: *degenerate* (payoffs 0..3, ties everywhere) and *nondegenerate*
(payoffs -500..500).  Every solver runs as a fresh process on the same game, one after
the other (so machine noise hits them alike), stopped at the per-call budget:

* gamesolve ``solve --method enumerate --format json`` (exact, certified);
* lrsnash (lrslib, lexicographic reverse search, exact): Debian's ``lrslib`` package,
  installed with apt-get when missing and possible, else the column is skipped and
  the reason printed;
* pygambit ``enummixed_solve(rational=True)`` (exact);
* QuantEcon ``vertex_enumeration`` (floating point, assumes a nondegenerate game;
  whole process includes its numba compilation).

The exact extreme-equilibrium sets of gamesolve, lrsnash and pygambit are compared and
the table says whether they are equal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
from peers import GAMESOLVE, PYTHON, ROOT

ExactSet = set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]


def ensure_lrsnash() -> tuple[str | None, str]:
    """The lrsnash executable, installing Debian's lrslib when apt is available."""
    found = shutil.which("lrsnash")
    if found:
        return found, ""
    if shutil.which("apt-get") is None:
        return None, "lrsnash not installed and apt-get not available"
    if os.geteuid() != 0:
        return None, "lrsnash not installed and apt-get needs root"
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "lrslib"]):
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"installing lrslib failed: {done.stderr.strip()[-200:]}"
    found = shutil.which("lrsnash")
    return (found, "") if found else (None, "lrslib installed but lrsnash not found")


def game(kind: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng((3000 if kind == "degenerate" else 1000) + n)
    low, high = (0, 3) if kind == "degenerate" else (-500, 500)
    return rng.integers(low, high + 1, (n, n)), rng.integers(low, high + 1, (n, n))


def write_inputs(work: Path, name: str, a: np.ndarray, b: np.ndarray) -> dict[str, Path]:
    m, n = a.shape
    paths = {"nfg": work / f"{name}.nfg", "lrs": work / f"{name}.game",
             "a": work / f"{name}_A.npy", "b": work / f"{name}_B.npy"}
    body = " ".join(f"{a[i, j]} {b[i, j]}" for j in range(n) for i in range(m))
    paths["nfg"].write_text(f'NFG 1 R "{name}" {{ "1" "2" }} {{ {m} {n} }}\n\n{body}\n')
    rows = lambda mat: "\n".join(" ".join(str(int(v)) for v in row) for row in mat)  # noqa: E731
    paths["lrs"].write_text(f"{m} {n}\n\n{rows(a)}\n\n{rows(b)}\n")
    np.save(paths["a"], a)
    np.save(paths["b"], b)
    return paths


def parse_gamesolve(out: str) -> ExactSet:
    doc = json.loads(out)
    return {tuple(tuple(Fraction(p) for p in mix.values()) for mix in e["exact"].values())
            for e in doc["equilibria"]}


def parse_lrsnash(out: str) -> ExactSet:
    """lrsnash prints blocks: lines ``1 x... v`` (player 1) and ``2 y... u`` (player 2);
    every x of a block is in equilibrium with every y of it."""
    found: ExactSet = set()
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []

    def flush() -> None:
        found.update((x, y) for x in xs for y in ys)
        xs.clear()
        ys.clear()

    for raw in out.splitlines():
        parts = raw.split()
        if not parts or parts[0] not in ("1", "2") or raw.startswith("*"):
            flush()
            continue
        mix = tuple(Fraction(p) for p in parts[1:-1])
        (xs if parts[0] == "1" else ys).append(mix)
    flush()
    return found


GAMBIT = """
import json, numpy as np, pygambit
A, B = np.load({a!r}), np.load({b!r})
g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
p1, p2 = g.players
print(json.dumps([[[str(eq[s]) for s in p1.strategies], [str(eq[s]) for s in p2.strategies]]
                  for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria]))
"""

QUANTECON = """
import numpy as np, quantecon.game_theory as gt
A, B = np.load({a!r}), np.load({b!r})
print(len(gt.vertex_enumeration(gt.NormalFormGame((gt.Player(A), gt.Player(B.T))))))
"""


def parse_gambit(out: str) -> ExactSet:
    return {tuple(tuple(Fraction(p) for p in mix) for mix in eq) for eq in json.loads(out)}


@dataclass
class Measured:
    """One fresh process: wall seconds, CPU seconds (user + system, its reaped children
    included: gamesolve's worker process), peak resident memory of the largest process."""

    wall: float
    cpu: float
    peak_mb: float
    stdout: str


GNU_TIME = "/usr/bin/time"


def run(cmd: list[str], budget: float) -> tuple[Measured | None, str]:
    """One fresh process, stopped after ``budget`` s: its measures (None when over budget
    or failed) and its stdout (or "timeout" / "failed").

    The peak memory is read from GNU time when there: Linux carries a process's peak over
    ``exec``, so the ``ru_maxrss`` of a child started from this process is at least this
    process's own peak (hundreds of MB once pygambit and QuantEcon are imported, as by the
    in-process section of run_benchmarks.py), whatever the child used.  GNU time's child
    is started from GNU time, a few MB."""
    timed = os.path.exists(GNU_TIME)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as record:
        wrapped = [GNU_TIME, "-f", "%M", "-o", record.name, *cmd] if timed else cmd
        start = time.perf_counter()
        # a session of its own: stopped at the budget with all it started (gamesolve's
        # worker, GNU time's child)
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err, text=True, cwd=ROOT,
                                start_new_session=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > budget:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                return None, "timeout"
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            print(f"  ! {cmd[0]} failed: {err.read().strip()[-300:]}", file=sys.stderr)
            return None, "failed"
        text = out.read()
        peak_kb = int(record.read().split()[-1]) if timed else usage.ru_maxrss
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024, text), text


def cell(m: Measured | None, ours: Measured | None, budget: float, count: str) -> str:
    """``wall s (count, ours / this)``; CPU seconds shown when they differ from the wall
    time by more than a tenth (several cores at work)."""
    if m is None:
        return f"> {budget:g} s" if count == "timeout" else count
    ratio = f", {ours.wall / m.wall:.2f}" if ours is not None else ""
    cpu = f" [cpu {m.cpu:.2f} s]" if abs(m.cpu - m.wall) > 0.1 * m.wall else ""
    return f"{m.wall:.2f} s{cpu} ({count}{ratio})"


def enumeration_section(work: Path, degenerate: list[int], nondegenerate: list[int],
                        budget: float) -> list[str]:
    lrsnash, why = ensure_lrsnash()
    rows = ["## All extreme equilibria of n x n games: gamesolve, lrsnash, pygambit, QuantEcon",
            "", "Whole process, one run each, stopped after"
            f" {budget:g} s. Cells: wall time [CPU time, user + system, when it differs by a"
            " tenth: gamesolve enumerates the two polytopes on two cores, or the machine was"
            " busy] (equilibria, gamesolve"
            " wall time / peer wall time). Once a solver runs past the budget, larger games"
            " of the family are not tried with it. `peak`: gamesolve's peak resident memory"
            " (largest process). `sets`: whether gamesolve's exact set equals lrsnash's and"
            " pygambit's rational enummixed (`-` when the peer did not finish). QuantEcon is"
            " floating point and assumes a nondegenerate game; its count is what it"
            " returned.", ""]
    if lrsnash is None:
        rows += [f"lrsnash skipped: {why}.", ""]
    rows += ["| game | gamesolve | peak | lrsnash | pygambit enummixed (rational) |"
             " QuantEcon vertex_enumeration | sets |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for kind, sizes in (("degenerate", degenerate), ("nondegenerate", nondegenerate)):
        gave_up: set[str] = set()
        for n in sizes:
            a, b = game(kind, n)
            paths = write_inputs(work, f"{kind}{n}", a, b)
            ours, out, found = None, "timeout", None
            if "gamesolve" not in gave_up:
                ours, out = run(GAMESOLVE + ["solve", str(paths["nfg"]), "--method",
                                             "enumerate", "--timeout", str(budget),
                                             "--format", "json"], budget + 30)
                found = parse_gamesolve(out) if ours is not None else None
                if found is not None and not json.loads(out)["complete"]:
                    ours, found, out = None, None, "timeout"
                if ours is None:
                    gave_up.add("gamesolve")
            cells = [f"{kind} {n}x{n}",
                     cell(ours, None, budget, str(len(found)) if found is not None else out),
                     f"{ours.peak_mb:.0f} MB" if ours is not None else "-"]
            verdicts = []
            peers = []
            if lrsnash is not None:
                peers.append(("lrsnash", [lrsnash, str(paths["lrs"])], parse_lrsnash))
            else:
                cells.append("skipped")
            peers.append(("gambit", [PYTHON, "-c", GAMBIT.format(a=str(paths["a"]),
                                                               b=str(paths["b"]))],
                          parse_gambit))
            peers.append(("quantecon", [PYTHON, "-c", QUANTECON.format(a=str(paths["a"]),
                                                                     b=str(paths["b"]))],
                          None))
            for label, cmd, parse in peers:
                if label in gave_up:
                    cells.append(f"> {budget:g} s (not tried)")
                    continue
                measured, text = run(cmd, budget)
                if measured is None:
                    gave_up.add(label)
                if parse is None:
                    cells.append(cell(measured, ours, budget,
                                      text.strip() if measured is not None else text))
                    continue
                theirs = parse(text) if measured is not None else None
                cells.append(cell(measured, ours, budget,
                                  str(len(theirs)) if theirs is not None else text))
                if found is not None and theirs is not None:
                    verdicts.append(f"{label} {'equal' if found == theirs else 'DIFFER'}")
            cells.append(", ".join(verdicts) or "-")
            rows.append("| " + " | ".join(cells) + " |")
            print("  " + rows[-1], file=sys.stderr, flush=True)
    rows.append("")
    return rows


def search_rows(lrsnash_sizes: list[int]) -> list[str]:
    """The search alone: gamesolve in-process (imports and start-up excluded) against
    lrsnash's whole process (a C program: its start-up is a few milliseconds)."""
    from gamesolve.model import Game
    from gamesolve.solvers.bimatrix import enumerate_equilibria

    lrsnash, why = ensure_lrsnash()
    if lrsnash is None:
        return [f"Search alone: lrsnash skipped: {why}.", ""]
    rows = ["The search alone, degenerate games: gamesolve in-process (median of 3; start-up"
            " and imports excluded) against lrsnash's whole process (median of 3):", "",
            "| n | gamesolve enumerate, in-process | lrsnash | ratio |",
            "| --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in lrsnash_sizes:
            a, b = game("degenerate", n)
            paths = write_inputs(Path(tmp), f"degenerate{n}", a, b)
            g = Game.from_payoffs(np.stack([a, b]))
            ours, theirs = [], []
            for _ in range(3):
                start = time.perf_counter()
                enumerate_equilibria(g)
                ours.append(time.perf_counter() - start)
                measured, _ = run([lrsnash, str(paths["lrs"])], 600)
                theirs.append(measured.wall if measured is not None else float("nan"))
            o, t = sorted(ours)[1], sorted(theirs)[1]
            rows.append(f"| {n} | {o:.3f} s | {t:.3f} s | {o / t:.2f} |")
    rows.append("")
    return rows


def floor_rows(n: int = 12, repeat: int = 15) -> list[str]:
    """What a whole gamesolve process costs before any search, against lrsnash's whole run
    on degenerate n x n: interleaved medians of the interpreter, its imports of numpy and
    click, gamesolve on a 2 x 2 game (the floor every whole-process run pays) and on the
    n x n game."""
    lrsnash, why = ensure_lrsnash()
    if lrsnash is None:
        return [f"Start-up floor: lrsnash skipped: {why}.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        a, b = game("degenerate", n)
        paths = write_inputs(Path(tmp), f"degenerate{n}", a, b)
        tiny = write_inputs(Path(tmp), "coordination2", np.array([[1, 0], [0, 1]]),
                            np.array([[1, 0], [0, 1]]))
        commands = {
            f"lrsnash, degenerate {n}x{n}": [lrsnash, str(paths["lrs"])],
            "`python -c pass`": [PYTHON, "-c", "pass"],
            "`python -c 'import numpy, click'`": [PYTHON, "-c", "import numpy, click"],
            "gamesolve, a 2x2 game": GAMESOLVE + ["solve", str(tiny["nfg"]), "--method",
                                                  "enumerate", "--format", "json"],
            f"gamesolve, degenerate {n}x{n}": GAMESOLVE + ["solve", str(paths["nfg"]),
                                                           "--method", "enumerate",
                                                           "--format", "json"],
        }
        times: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(repeat):        # interleaved: the machine's drift hits them all
            for label, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               check=True)
                times[label].append(time.perf_counter() - start)
    median = {label: sorted(v)[repeat // 2] for label, v in times.items()}
    reference = median[f"lrsnash, degenerate {n}x{n}"]
    rows = [f"What a whole process costs before any search (wall time, interleaved medians of"
            f" {repeat}; ratio to lrsnash's run on degenerate {n}x{n}):", "",
            "| command | median | / lrsnash |", "| --- | --- | --- |"]
    rows += [f"| {label} | {t * 1000:.0f} ms | {t / reference:.2f} |"
             for label, t in median.items()]
    rows += ["", f"2 x lrsnash is {2 * reference * 1000:.0f} ms; gamesolve on a 2x2 game takes"
             f" {median['gamesolve, a 2x2 game'] / reference:.2f} x lrsnash's {n}x{n} run.", ""]
    return rows


def in_process_rows(sizes: list[int], kind: str = "nondegenerate", repeat: int = 15) -> list[str]:
    """gamesolve's certified enumeration vs QuantEcon's warm (JIT-compiled) one, in-process."""
    import quantecon.game_theory as gt

    from gamesolve.model import Game
    from gamesolve.solvers.bimatrix import enumerate_equilibria

    rows = [f"In-process, {kind} games (median of {repeat}; QuantEcon after a warm-up call;"
            " `both`: `polytopes=\"both\"`, listing both polytopes):", "",
            "| n | gamesolve enumerate (certified, exact) | QuantEcon vertex_enumeration |"
            " ratio | gamesolve, both polytopes | ratio |", "| --- | --- | --- | --- | --- | --- |"]
    for n in sizes:
        a, b = game(kind, n)
        g = Game.from_payoffs(np.stack([a, b]))
        qe = gt.NormalFormGame((gt.Player(a.astype(float)), gt.Player(b.T.astype(float))))
        gt.vertex_enumeration(qe)
        enumerate_equilibria(g)
        calls = {"ours": lambda g=g: enumerate_equilibria(g),
                 "qe": lambda qe=qe: gt.vertex_enumeration(qe),
                 "both": lambda g=g: enumerate_equilibria(g, polytopes="both")}
        times: dict[str, list[float]] = {key: [] for key in calls}
        for _ in range(repeat):          # interleaved: the machine's drift hits all three
            for key, call in calls.items():
                start = time.perf_counter()
                call()
                times[key].append(time.perf_counter() - start)
        ours, theirs, both = (sorted(v)[repeat // 2] for v in times.values())
        rows.append(f"| {n} | {ours * 1000:.1f} ms | {theirs * 1000:.1f} ms |"
                    f" {ours / theirs:.2f} | {both * 1000:.1f} ms | {both / theirs:.2f} |")
    rows.append("")
    return rows


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--degenerate", type=int, nargs="*", default=list(range(6, 17)))
    parser.add_argument("--nondegenerate", type=int, nargs="*", default=list(range(8, 25)))
    parser.add_argument("--budget", type=float, default=200.0)
    parser.add_argument("--search-sizes", type=int, nargs="*", default=[12, 14],
                        help="degenerate n x n searched in-process against lrsnash")
    parser.add_argument("--warm-sizes", type=int, nargs="*", default=[8, 10, 12],
                        help="nondegenerate n x n in-process against QuantEcon")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lines = enumeration_section(Path(tmp), args.degenerate, args.nondegenerate, args.budget)
    if args.search_sizes:
        lines += search_rows(args.search_sizes) + floor_rows(min(args.search_sizes))
    if args.warm_sizes:
        lines += in_process_rows(args.warm_sizes)
    print("\n".join(textwrap.dedent(x) for x in lines))


if __name__ == "__main__":
    main()
