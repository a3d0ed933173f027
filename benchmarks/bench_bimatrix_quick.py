"""Quick whole-process timing: gamesolve's bimatrix enumeration against its peers.

Every run is a fresh Python process (imports included, as a user would see it) solving
one random n x n game with integer payoffs in [-500, 500] for all equilibria:

* ``gamesolve``       -- ``gamesolve.solvers.bimatrix.enumerate_equilibria`` (exact, certified)
* ``gambit-float``    -- ``pygambit.nash.enummixed_solve(g, rational=False)``
* ``gambit-rational`` -- ``pygambit.nash.enummixed_solve(g, rational=True)``
* ``nashpy``          -- ``nashpy.Game(A, B).support_enumeration()`` (all found)

Solvers are interleaved per game, so machine noise hits them alike; the table shows the
median wall time over the repeats (a different seeded game per repeat) and the number
of equilibria found.  Runs over ``--timeout`` seconds are killed and shown as ``>T``.

    python benchmarks/bench_bimatrix_quick.py --sizes 4 6 8 9 --repeats 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# the workers import the checkout's code, not another installed gamesolve
SRC = str(Path(__file__).resolve().parent.parent / "src")
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(
    [SRC] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))

GAME = """
import sys
import numpy as np
n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(seed)
A = rng.integers(-500, 501, (n, n))
B = rng.integers(-500, 501, (n, n))
"""

WORKERS = {
    "gamesolve": GAME + """
from gamesolve.model import Game
from gamesolve.solvers.bimatrix import enumerate_equilibria
print(len(enumerate_equilibria(Game.from_payoffs(np.stack([A, B]))).equilibria))
""",
    "gambit-float": GAME + """
import pygambit
g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
print(len(pygambit.nash.enummixed_solve(g, rational=False).equilibria))
""",
    "gambit-rational": GAME + """
import pygambit
g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
print(len(pygambit.nash.enummixed_solve(g, rational=True).equilibria))
""",
    "nashpy": GAME + """
import warnings
import nashpy
warnings.simplefilter("ignore")
print(sum(1 for _ in nashpy.Game(A, B).support_enumeration()))
""",
}


def run(worker: str, n: int, seed: int, timeout: float) -> tuple[float | None, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", WORKERS[worker], str(n), str(seed)],
                              capture_output=True, text=True, timeout=timeout, env=ENV)
    except subprocess.TimeoutExpired:
        return None, "-"
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        return None, "error: " + done.stderr.strip().splitlines()[-1]
    return elapsed, done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 6, 8, 9, 10, 12])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--solvers", nargs="+", default=list(WORKERS), choices=list(WORKERS))
    args = parser.parse_args(argv)

    header = f"{'n':>3} " + " ".join(f"{s:>17}" for s in args.solvers)
    print(header)
    for n in args.sizes:
        times: dict[str, list[float | None]] = {s: [] for s in args.solvers}
        counts: dict[str, list[str]] = {s: [] for s in args.solvers}
        skip: set[str] = set()
        for r in range(args.repeats):
            for solver in args.solvers:
                if solver in skip:  # timed out on a smaller repeat: don't wait again
                    times[solver].append(None)
                    counts[solver].append("-")
                    continue
                t, out = run(solver, n, args.seed + r, args.timeout)
                times[solver].append(t)
                counts[solver].append(out)
                if t is None:
                    skip.add(solver)
        cells = []
        for solver in args.solvers:
            done = [t for t in times[solver] if t is not None]
            if len(done) < len(times[solver]):
                cell = f">{args.timeout:g}s"
            else:
                cell = f"{statistics.median(done):.2f}s"
            cells.append(f"{cell} [{'/'.join(counts[solver])}]")
        print(f"{n:>3} " + " ".join(f"{c:>17}" for c in cells), flush=True)
        ours = counts.get("gamesolve")
        for solver in args.solvers:
            theirs = counts[solver]
            if ours and all(c != "-" for c in theirs) and theirs != ours:
                print(f"    note: {solver} found {theirs}, gamesolve {ours}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
