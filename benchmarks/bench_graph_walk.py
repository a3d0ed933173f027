"""Time the certified graph walk (``certified_graph_search``) on one best-response polytope.

Each (game, polytope) runs in a fresh Python process, so the peak resident set size
(``resource.getrusage``, imports included) belongs to that polytope alone.  The games are
random nondegenerate n x n bimatrix games, payoffs uniform in [-500, 500], seeded; their
polytopes are built as the solver builds them (payoffs shifted to be positive; P from
the column player's payoffs transposed, Q from the row player's).  With ``--games-dir``,
the games ``nonN`` of the enumeration section are walked instead: read from
``nonN_A.npy`` / ``nonN_B.npy`` there, or, where not saved there, made as
``enumeration_section.game("nondegenerate", N)`` makes them (seed 1000 + N: the games
saved in the ``/work/bench`` folder of the numbers in docs/performance.md).

    python benchmarks/bench_graph_walk.py --sizes 16 18 20
    python benchmarks/bench_graph_walk.py --sizes 16 --games-dir /work/bench   # non16_A.npy...
    python benchmarks/bench_graph_walk.py --sizes 8 10 12 14 --walks inverses solves

``--walks``: ``auto`` (as the solver runs), ``inverses`` (the carried-inverse walk of
:mod:`.tableau_walk` at any size) or ``solves`` (every basis solved afresh); with both of
the last two, each row pair ends with the ratio of their CPU times, measured in the same
run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = r"""
import json, resource, sys, time
import numpy as np
from gamesolve.solvers.bimatrix import graph
from gamesolve.solvers.bimatrix.graph import certified_graph_search
n, seed, side, games_dir, walk = (int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4],
                                  sys.argv[5])
graph._TABLEAU_UP_TO = {"auto": graph._TABLEAU_UP_TO, "inverses": 10**300, "solves": 0}[walk]
if games_dir:
    a = np.load(f"{games_dir}/non{n}_A.npy"); b = np.load(f"{games_dir}/non{n}_B.npy")
else:
    rng = np.random.default_rng(seed)
    a = rng.integers(-500, 501, (n, n)); b = rng.integers(-500, 501, (n, n))
m = (b.T if side == "P" else a).astype(np.int64)
m = m - m.min() + 1
mat = m.tolist()
mf = m / float(m.max())
start, cpu = time.perf_counter(), time.process_time()
found = certified_graph_search(mf, mat)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb,
                  "vertices": None if found is None else int(found[0].shape[0]),
                  "stats": None if found is None else found[2]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 18, 20])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sides", nargs="+", default=["P", "Q"], choices=["P", "Q"])
    parser.add_argument("--games-dir", default="",
                        help="the games nonN: read nonN_A.npy / nonN_B.npy here, or made")
    parser.add_argument("--walks", nargs="+", default=["auto"],
                        choices=["auto", "inverses", "solves"])
    args = parser.parse_args()
    src = str(Path(__file__).resolve().parent.parent / "src")
    made = tempfile.TemporaryDirectory()
    folders = {n: games_folder(n, args.games_dir, Path(made.name)) for n in args.sizes}
    print(f"{'game':>8} {'side':>4} {'walk':>8} {'wall s':>8} {'cpu s':>8} {'vertices':>9} "
          f"{'cpu us/v':>9} {'peak MB':>8}  stats")
    for n in args.sizes:
        for side in args.sides:
            cpu = {}
            for walk in args.walks:
                cpu[walk] = _run(src, n, args.seed, side, folders[n], walk)
            if "inverses" in cpu and "solves" in cpu:
                print(f"{'':>14} inverses / solves, CPU: {cpu['inverses'] / cpu['solves']:.2f}")
    made.cleanup()


def games_folder(n: int, games_dir: str, made: Path) -> str:
    """Where the worker reads the game nonN: ``games_dir`` when saved there, else ``made``,
    where it is written as the enumeration section makes it ("" without ``--games-dir``:
    the worker draws its own from ``--seed``)."""
    if not games_dir:
        return ""
    if all((Path(games_dir) / f"non{n}_{p}.npy").exists() for p in "AB"):
        return games_dir
    # imported here: the workers' peak memory counts this process's (Linux carries it over
    # exec), so it stays small unless games are made
    import numpy as np
    from enumeration_section import game

    a, b = game("nondegenerate", n)
    np.save(made / f"non{n}_A.npy", a)
    np.save(made / f"non{n}_B.npy", b)
    print(f"non{n} is not in {games_dir}: made as enumeration_section.game makes it",
          file=sys.stderr)
    return str(made)


def _run(src: str, n: int, seed: int, side: str, games_dir: str, walk: str) -> float:
    """One polytope in a fresh process; prints its row, returns its CPU time."""
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(n), str(seed), side, games_dir, walk],
        capture_output=True, text=True, check=True,
        env={"PYTHONPATH": src, "PATH": "", "OPENBLAS_NUM_THREADS": "1",
             "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    res = json.loads(out.stdout.strip().splitlines()[-1])
    per = f"{1e6 * res['cpu'] / res['vertices']:9.2f}" if res["vertices"] else f"{'-':>9}"
    print(f"{n:>5}x{n:<2} {side:>4} {walk:>8} {res['seconds']:8.3f} {res['cpu']:8.3f} "
          f"{res['vertices'] or '-':>9} {per} {res['peak_mb']:8.0f}  {res['stats']}",
          flush=True)
    return res["cpu"]

if __name__ == "__main__":
    main()
