"""Certified N-player solve against pygambit's enumpoly, whole process, in one run.

    python benchmarks/bench_nplayer.py [--cap SECONDS] [--certified-cap SECONDS]
    python benchmarks/bench_nplayer.py --shapes 3x3x3 2x2x2x2 --cap 10

For seeded random games (payoffs 0..99) of shapes 3x3x3, 2x2x2x2, 4x4x4, 3x3x3x3 and
5x5x5 (or ``--shapes``), each solver runs in a fresh process (``gamesolve solve FILE
--method certified`` and ``--method enumpoly``, which calls pygambit's ``enumpoly_solve``
in a child process and keeps what it streams before the cap).  Reported: wall time and
CPU time of each process tree, the time ratio, the equilibria each found, whether
certified said complete, and whether every enumpoly equilibrium is in the certified list.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHAPES = [(3, 3, 3), (2, 2, 2, 2), (4, 4, 4), (3, 3, 3, 3), (5, 5, 5)]


def write_nfg(shape, seed: int, path: Path) -> None:
    rng = np.random.default_rng(seed)
    payoffs = np.stack([rng.integers(0, 100, size=shape) for _ in shape])
    players = " ".join(f'"P{i + 1}"' for i in range(len(shape)))
    cells = []
    for index in np.ndindex(*reversed(shape)):  # .nfg: the first player varies fastest
        profile = tuple(reversed(index))
        cells.extend(str(int(payoffs[(p,) + profile])) for p in range(len(shape)))
    path.write_text(f'NFG 1 R "random {"x".join(map(str, shape))} seed {seed}" {{ {players} }}'
                    f' {{ {" ".join(map(str, shape))} }}\n{" ".join(cells)}\n')


def parse_shape(text: str) -> tuple[int, ...]:
    """``"3x3x3"`` is (3, 3, 3): at least two players, each with a strategy."""
    try:
        counts = tuple(int(k) for k in text.split("x"))
    except ValueError:
        counts = ()
    if len(counts) < 2 or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"not a game shape: {text!r} (write 3x3x3)")
    return counts


def run(method: str, path: Path, cap: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "gamesolve.cli", "solve", str(path),
                           "--method", method, "--timeout", str(cap), "--format", "json"],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        return {"wall": wall, "cpu": cpu, "error": proc.stderr.strip()[-200:]}
    doc = json.loads(proc.stdout)
    return {"wall": wall, "cpu": cpu, "doc": doc, "count": len(doc["equilibria"]),
            "complete": doc["complete"]}


def vectors(doc) -> list[np.ndarray]:
    return [np.concatenate([list(p.values()) for p in e["profile"].values()])
            for e in doc["equilibria"]]


def contained(small, big, tol=1e-5) -> bool:
    return all(any(np.max(np.abs(a - b)) < tol for b in big) for a in small)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=60.0, help="enumpoly time cap (s)")
    parser.add_argument("--certified-cap", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", nargs="+", type=parse_shape, default=SHAPES,
                        help="game shapes, as 3x3x3 (default: "
                             + " ".join("x".join(map(str, s)) for s in SHAPES) + ")")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, {cpu},"
          f" Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} at start;"
          f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print("| game | certified: equilibria, complete | wall s | CPU s | enumpoly (cap"
          f" {args.cap:g} s): equilibria | wall s | CPU s | time ratio (wall) | enumpoly's"
          " all in certified's |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            path = Path(tmp) / f"g{'x'.join(map(str, shape))}.nfg"
            write_nfg(shape, args.seed, path)
            ours = run("certified", path, args.certified_cap)
            theirs = run("enumpoly", path, args.cap)
            name = "x".join(map(str, shape)) + f" seed {args.seed}"
            if "error" in ours or "error" in theirs:
                print(f"| {name} | {ours.get('error', '')} | | | {theirs.get('error', '')} |"
                      " | | | |")
                continue
            inside = contained(vectors(theirs["doc"]), vectors(ours["doc"]))
            print(f"| {name} | {ours['count']}, {'yes' if ours['complete'] else 'no'} |"
                  f" {ours['wall']:.1f} | {ours['cpu']:.1f} | {theirs['count']}"
                  f"{'' if theirs['complete'] else ' (stopped)'} | {theirs['wall']:.1f} |"
                  f" {theirs['cpu']:.1f} | {ours['wall'] / theirs['wall']:.2f} |"
                  f" {'yes' if inside else 'NO'} |", flush=True)
    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
