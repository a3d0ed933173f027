"""The carried-inverse walk (``tableau_walk``) now against an earlier revision of it, and
the whole in-process enumeration against QuantEcon's warm vertex enumeration, all in one run.

The games are the random nondegenerate n x n games of ``enumeration_section.py`` (payoffs
uniform in [-500, 500], seed 1000 + n).  The earlier walk is read with ``git show
REV:src/gamesolve/solvers/bimatrix/tableau_walk.py`` and patched into the solver for its
turns; the turns alternate (old, new, QuantEcon) and each figure is the median over the
repetitions, after a warm-up.  Times are CPU times of this thread (``time.thread_time``),
the enumeration run with ``workers=1``: the machine is shared, and a wall clock would count
the other processes' turns too.  ``--clock wall`` times by the wall clock instead, the
enumeration as called by default (its polytope worker forked where it pays).  Only the
graph walk's calls are patched: from 14 x 14 the enumeration also walks the first levels
of both polytopes to choose one (``orientation.py``), with the current walk in every turn
(the walk of f5560a1 cannot stop after some levels).

    python benchmarks/bench_tableau_walk.py --sizes 8 10 12 --before f5560a1
    python benchmarks/bench_tableau_walk.py --sizes 10 12 --clock wall
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WALK = "src/gamesolve/solvers/bimatrix/tableau_walk.py"


def load_revision(rev: str):
    """The module ``tableau_walk`` as it was at ``rev``."""
    done = subprocess.run(["git", "show", f"{rev}:{WALK}"], cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0:  # a shallow clone, or a mistyped revision
        raise SystemExit(f"bench_tableau_walk: git has no {WALK} at {rev!r}"
                         f" ({done.stderr.strip()}); give another --before")
    text = done.stdout
    path = Path(tempfile.mkdtemp()) / "tableau_walk_before.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("tableau_walk_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def polytopes(a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """P and Q as the solver builds them (shifted positive; P from B^T, Q from A)."""
    out = []
    for m in (b.T, a):
        m = m.astype(np.int64)
        out.append(np.array((m - m.min() + 1).tolist(), dtype=float))
    return out


def median_ms(times: list[float]) -> float:
    return float(np.median(times)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 10, 12])
    parser.add_argument("--before", default="f5560a1", help="git revision of the old walk")
    parser.add_argument("--repeat", type=int, default=0, help="turns (0: by size)")
    parser.add_argument("--clock", choices=["thread", "wall"], default="thread",
                        help="thread: CPU time, enumeration with workers=1; wall: wall"
                             " clock, enumeration as called by default")
    args = parser.parse_args()
    clock = time.thread_time if args.clock == "thread" else time.perf_counter
    options = {"workers": 1} if args.clock == "thread" else {}
    sys.path.insert(0, str(ROOT / "src"))
    import quantecon.game_theory as gt

    from gamesolve.model import Game
    from gamesolve.solvers.bimatrix import enumerate_equilibria, graph, tableau_walk

    walks = {"before": load_revision(args.before).clean_tableau_walk,
             "now": tableau_walk.clean_tableau_walk}
    print(f"{'n':>3} {'walks before':>13} {'walks now':>10} {'ratio':>6} "
          f"{'enum before':>12} {'enum now':>9} {'ratio':>6} {'QuantEcon':>10} "
          f"{'now / QE':>9}  (ms, median "
          + ("CPU time)" if args.clock == "thread" else "wall time)"))
    for n in args.sizes:
        rng = np.random.default_rng(1000 + n)
        a, b = rng.integers(-500, 501, (n, n)), rng.integers(-500, 501, (n, n))
        game = Game.from_payoffs(np.stack([a, b]))
        qe = gt.NormalFormGame((gt.Player(a.astype(float)), gt.Player(b.T.astype(float))))
        mats = polytopes(a, b)
        for walk in walks.values():          # the same vertices, both certified
            assert [[lv.tolist() for lv in walk(m, 10**7)] for m in mats] == \
                [[lv.tolist() for lv in walks["now"](m, 10**7)] for m in mats]
        times: dict[str, list[float]] = {}
        turns = args.repeat or {8: 200, 10: 100, 12: 20}.get(n, 10)
        for turn in range(turns + 1):
            for name, walk in walks.items():
                start = clock()
                for m in mats:
                    walk(m, 10**7)
                walk_time = clock() - start
                graph.clean_tableau_walk = walk
                start = clock()
                found = enumerate_equilibria(game, **options)
                enum_time = clock() - start
                graph.clean_tableau_walk = walks["now"]
                # the polytopes listed (P's partners are solved from 7 x 7) were walked
                assert {stats.get("walk") for stats in found.details["stats"].values()
                        if stats.get("method") == "graph"} == {"inverses"}
                if turn:
                    times.setdefault(f"walk {name}", []).append(walk_time)
                    times.setdefault(f"enum {name}", []).append(enum_time)
            start = clock()
            gt.vertex_enumeration(qe)
            if turn:
                times.setdefault("qe", []).append(clock() - start)
        m = {k: median_ms(v) for k, v in times.items()}
        print(f"{n:>3} {m['walk before']:>13.2f} {m['walk now']:>10.2f} "
              f"{m['walk now'] / m['walk before']:>6.2f} {m['enum before']:>12.2f} "
              f"{m['enum now']:>9.2f} {m['enum now'] / m['enum before']:>6.2f} "
              f"{m['qe']:>10.2f} {m['enum now'] / m['qe']:>9.2f}")


if __name__ == "__main__":
    main()
