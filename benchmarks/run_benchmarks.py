"""gamesolve against its peers (nashpy, pygambit, QuantEcon), measured in the same run.

    pip install -e '.[bench]'
    python benchmarks/run_benchmarks.py                 # full run, writes docs/performance.md
    python benchmarks/run_benchmarks.py --quick         # small sizes, fewer repeats
    python benchmarks/run_benchmarks.py --no-write      # print only

Every row is a ratio gamesolve / peer (below 1: gamesolve is faster), both sides measured
as whole processes (start-up included: what a user or a CI script pays) and, for the
two-player solvers, in-process as well (imports and JIT warm-up excluded).
Peers that exceed the per-call budget are reported as "> budget".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import GAMESOLVE, PYTHON, ROOT, Timing, machine, random_nfg, run_process

BUDGET = 120.0  # seconds per peer call before it is stopped


def peer_script(body: str) -> list[str]:
    return [PYTHON, "-c", textwrap.dedent(body)]


def timed(cmd, repeat, label, check=None) -> Timing | None:
    try:
        return run_process(cmd, repeat, label, check)
    except RuntimeError as exc:
        print(f"  ! {label}: {exc}", file=sys.stderr)
        return None


def guarded_peer(cmd: list[str], label: str) -> Timing | None:
    """A slow peer: one run, stopped at the budget."""
    start = time.perf_counter()
    try:
        subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=BUDGET, check=True)
    except subprocess.TimeoutExpired:
        return Timing(label, float("inf"), float("nan"), 1, "timeout")
    except subprocess.CalledProcessError as exc:
        print(f"  ! {label}: {exc.stderr.decode()[-300:]}", file=sys.stderr)
        return None
    return Timing(label, time.perf_counter() - start, float("nan"), 1)


def fmt_time(t: Timing | None) -> str:
    if t is None:
        return "failed"
    if t.seconds == float("inf"):
        return f"> {BUDGET:.0f} s"
    return f"{t.seconds:.3f} s"


def fmt_ratio(ours: Timing | None, peer: Timing | None) -> str:
    if ours is None or peer is None:
        return "n/a"
    if peer.seconds == float("inf"):
        return f"< {ours.seconds / BUDGET:.3f}"
    return f"{ours.seconds / peer.seconds:.2f}"


def startup_section(repeat: int) -> list[str]:
    ours = timed(GAMESOLVE + ["analyze", "games/south_caucasus.yaml"], repeat,
                 "gamesolve analyze south_caucasus.yaml")
    nashpy = timed(peer_script("import nashpy"), repeat, "python -c 'import nashpy'")
    numpy_only = timed(peer_script("import numpy"), repeat, "python -c 'import numpy'")
    return [
        "## Start-up: the paper's game, whole process",
        "",
        "| command | median | peak RSS |",
        "| --- | --- | --- |",
        *(f"| `{t.label}` | {fmt_time(t)} | {t.peak_mb:.0f} MB |"
          for t in (ours, nashpy, numpy_only) if t is not None),
        "",
        f"Ratio gamesolve analyze / import nashpy: **{fmt_ratio(ours, nashpy)}**"
        " (target: below 0.5).",
        "",
    ]


def pure_section(work: Path, repeat: int, quick: bool) -> list[str]:
    cases = [(5,) * 6, (10,) * 5, (7,) * 7]
    if quick:
        cases = [(5,) * 6]
    rows = ["## Pure equilibria of N-player games from .nfg files, whole process", "",
            "| game | profiles | gamesolve | peak | pygambit enumpure | peak | ratio |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for shape in cases:
        name = "x".join(map(str, shape))
        path = work / f"pure_{name}.nfg"
        path.write_text(random_nfg(shape, 0, 9, seed=len(shape)))
        count = {}

        def check_ours(out, count=count):
            count["ours"] = len(json.loads(out)["equilibria"])

        ours = timed(GAMESOLVE + ["solve", str(path), "--method", "pure", "--format", "json"],
                     repeat, f"gamesolve {name}", check_ours)
        total = 1
        for s in shape:
            total *= s
        peer_cmd = peer_script(f"""
            import pygambit
            g = pygambit.read_nfg({str(path)!r})
            print(len(pygambit.nash.enumpure_solve(g).equilibria))
            """)
        if total > 200_000:  # pygambit needs minutes here: one run, stopped at the budget
            peer = guarded_peer(peer_cmd, f"pygambit {name}")
        else:
            peer = timed(peer_cmd, repeat, f"pygambit {name}",
                         lambda out, c=count: c.update(peer=int(out)))
        agree = ("" if "peer" not in count or count["ours"] == count["peer"]
                 else " (counts differ!)")
        rows.append(f"| {name} ({count.get('ours', '?')} eq.{agree}) | {total:,} |"
                    f" {fmt_time(ours)} | {ours.peak_mb if ours else float('nan'):.0f} MB |"
                    f" {fmt_time(peer)} | {peer.peak_mb if peer else float('nan'):.0f} MB |"
                    f" {fmt_ratio(ours, peer)} |")
    rows += ["", "Targets: 6 players x 5 strategies at most 1/4 of pygambit; 7x7 (823,543"
             " profiles) under 2 GB peak.", ""]
    return rows


BIMATRIX_PEERS = {
    "pygambit enummixed (float)": """
        import pygambit, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
        print(len(pygambit.nash.enummixed_solve(g, rational=False).equilibria))
        """,
    "pygambit enummixed (rational)": """
        import pygambit, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
        print(len(pygambit.nash.enummixed_solve(g, rational=True).equilibria))
        """,
    "pygambit lcp": """
        import pygambit, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
        print(len(pygambit.nash.lcp_solve(g, rational=False).equilibria))
        """,
    "nashpy support_enumeration": """
        import nashpy, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        print(len(list(nashpy.Game(A, B).support_enumeration())))
        """,
    "nashpy vertex_enumeration": """
        import nashpy, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        print(len(list(nashpy.Game(A, B).vertex_enumeration())))
        """,
    "nashpy lemke_howson": """
        import nashpy, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        print(len([nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)]))
        """,
    "quantecon vertex_enumeration": """
        import quantecon.game_theory as gt, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        g = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
        print(len(gt.vertex_enumeration(g)))
        """,
    "quantecon support_enumeration": """
        import quantecon.game_theory as gt, numpy as np
        A, B = np.load({a!r}), np.load({b!r})
        g = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
        print(len(gt.support_enumeration(g)))
        """,
}
SLOW_PEERS = {"nashpy support_enumeration", "nashpy vertex_enumeration",
              "quantecon support_enumeration"}


def bimatrix_section(work: Path, sizes: list[int], repeat: int) -> list[str]:
    import numpy as np

    rows = ["## All equilibria of random n x n games (payoffs in [-500, 500]), whole process",
            "", "Each cell: peer time, then the ratio gamesolve / peer; `eq` = equilibria found"
            " (gamesolve's count is checked against pygambit's rational enummixed).", ""]
    header = ["n", "gamesolve (eq)"] + list(BIMATRIX_PEERS)
    rows += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for n in sizes:
        rng = np.random.default_rng(1000 + n)
        a_path, b_path = work / f"A{n}.npy", work / f"B{n}.npy"
        A = rng.integers(-500, 501, size=(n, n))
        B = rng.integers(-500, 501, size=(n, n))
        np.save(a_path, A)
        np.save(b_path, B)
        nfg = work / f"bimatrix_{n}.nfg"
        nfg.write_text(random_nfg_from(A, B))
        found = {}
        ours = timed(GAMESOLVE + ["solve", str(nfg), "--method", "enumerate", "--format",
                                  "json"], repeat, f"gamesolve {n}x{n}",
                     lambda out, f=found: f.update(ours=len(json.loads(out)["equilibria"])))
        cells = [str(n), f"{fmt_time(ours)} ({found.get('ours', '?')})"]
        for label, body in BIMATRIX_PEERS.items():
            cmd = peer_script(body.format(a=str(a_path), b=str(b_path)))
            if label in SLOW_PEERS or n >= 10:
                peer = guarded_peer(cmd, label)
            else:
                peer = timed(cmd, repeat, label,
                             lambda out, f=found, k=label: f.update({k: out.strip()}))
            cells.append(f"{fmt_time(peer)} ({fmt_ratio(ours, peer)})")
        # the check the section's preamble promises (counts of exact enumerations)
        reference = found.get("pygambit enummixed (rational)")
        if reference is not None and "ours" in found and int(reference) != found["ours"]:
            cells[1] += f" (pygambit rational: {reference}: counts differ!)"
        rows.append("| " + " | ".join(cells) + " |")
        print(f"  n={n}: {cells}", file=sys.stderr)
    rows.append("")
    return rows


def random_nfg_from(A, B) -> str:
    m, n = A.shape
    body = []
    for j in range(n):
        for i in range(m):
            body.append(f"{int(A[i, j])} {int(B[i, j])}")
    return f'NFG 1 R "bimatrix" {{ "1" "2" }} {{ {m} {n} }}\n\n' + "\n".join(body) + "\n"


def in_process_section(sizes: list[int]) -> list[str]:
    """Solver calls in one process, after imports and a warm-up call (JIT compiled)."""
    import numpy as np

    from gamesolve.model import Game
    from gamesolve.solvers import bimatrix

    rows = ["## In-process (imports and JIT warm-up excluded), median of 3", "",
            "| n | gamesolve enumerate | pygambit enummixed float | ratio |"
            " quantecon vertex_enumeration (warm) | ratio |",
            "| --- | --- | --- | --- | --- | --- |"]
    import pygambit
    import quantecon.game_theory as gt

    for n in sizes:
        rng = np.random.default_rng(1000 + n)
        A = rng.integers(-500, 501, size=(n, n))
        B = rng.integers(-500, 501, size=(n, n))
        game = Game.from_payoffs(np.stack([A, B]))
        g = pygambit.Game.from_arrays(A.tolist(), B.tolist())
        qe = gt.NormalFormGame((gt.Player(A.astype(float)), gt.Player(B.T.astype(float))))
        gt.vertex_enumeration(qe)  # JIT warm-up
        t_ours = _median(lambda game=game: bimatrix.enumerate_equilibria(game))
        t_gambit = _median(lambda g=g: pygambit.nash.enummixed_solve(g, rational=False))
        t_qe = _median(lambda qe=qe: gt.vertex_enumeration(qe))
        rows.append(f"| {n} | {t_ours * 1000:.1f} ms | {t_gambit * 1000:.1f} ms |"
                    f" {t_ours / t_gambit:.2f} | {t_qe * 1000:.1f} ms | {t_ours / t_qe:.2f} |")
    rows.append("")
    return rows


def _median(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


READING_NOTES = [
    "## Reading the numbers", "",
    "- Whole-process times include Python start-up and imports: what a user or a CI script"
    " pays per call. gamesolve's start-up stays small because scipy, pygambit and"
    " matplotlib are imported only when a computation needs them; pygambit imports pandas"
    " and scipy, nashpy imports scipy, QuantEcon compiles with numba on first use.",
    "- In-process, after warm-up, QuantEcon's numba-compiled `vertex_enumeration` is faster"
    " than gamesolve's enumeration on random games up to about 11 x 11 (slower at 12 x 12),"
    " and pygambit's C++ `enummixed` is faster up to 7 x 7. gamesolve spends that time on"
    " what they skip: it certifies"
    " completeness (every vertex certified with an error bound, every edge of the polytope"
    " graph accounted for, with exact lexicographic reverse search for degenerate games) and"
    " recovers every"
    " equilibrium in exact rational arithmetic before reporting it. QuantEcon's"
    " vertex enumeration assumes a nondegenerate game and returns floats.",
    "- nashpy's support and vertex enumeration return fewer equilibria than exist on many of"
    " these games (float `==` on payoffs, exact-zero tests); their times are for whatever"
    " they return. gamesolve's counts equal pygambit's rational `enummixed` wherever the"
    " latter finished (see tests/test_bimatrix.py for the exact set comparison).",
    "- Lemke-Howson (nashpy, pygambit `lcp`) finds one equilibrium, not all: its column is"
    " a reference point for speed, not a like-for-like comparison.",
    "- Sampling speed of `gamesolve robustness` is measured by"
    " `python benchmarks/bench_robustness.py` (10,000 samples of the paper's game take"
    " well under a second).",
    "",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, fewer repeats")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--sections", default="startup,pure,bimatrix,inprocess,enumeration")
    parser.add_argument("--degenerate", type=int, nargs="*", default=list(range(6, 17)),
                        help="sizes n of the degenerate n x n games (enumeration section)")
    parser.add_argument("--nondegenerate", type=int, nargs="*", default=list(range(8, 25)),
                        help="sizes n of the nondegenerate n x n games (enumeration section)")
    parser.add_argument("--budget", type=float, default=BUDGET,
                        help="seconds per call in the enumeration section")
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="sizes n of the bimatrix and in-process sections"
                             " (default: 4 to 12; 4 6 9 with --quick)")
    parser.add_argument("--search-sizes", type=int, nargs="*", default=[12, 14],
                        help="enumeration section: degenerate n x n searched against lrsnash")
    parser.add_argument("--warm-sizes", type=int, nargs="*", default=[8, 10, 12],
                        help="enumeration section: nondegenerate n x n in-process")
    parser.add_argument("--warm-degenerate-sizes", type=int, nargs="*", default=[8, 10],
                        help="enumeration section: degenerate n x n in-process")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 5)
    sizes = args.sizes or ([4, 6, 9] if args.quick else [4, 5, 6, 7, 8, 9, 10, 11, 12])
    wanted = set(args.sections.split(","))
    lines = ["# Performance", "",
             f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine()}.", "",
             # the options as given: the sizes and sections they chose are part of the record
             "Produced by `" + " ".join(["python benchmarks/run_benchmarks.py", *sys.argv[1:]])
             + "`. Times are medians of"
             f" {repeat} fresh processes unless marked; shared machines are noisy, so compare"
             " the ratios (measured side by side in the same run), not absolute times.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "startup" in wanted:
            lines += startup_section(repeat)
        if "pure" in wanted:
            lines += pure_section(work, max(1, repeat // 2), args.quick)
        if "bimatrix" in wanted:
            lines += bimatrix_section(work, sizes, max(1, repeat // 2))
        if "inprocess" in wanted:
            lines += in_process_section(sizes)
        if "enumeration" in wanted:
            from enumeration_section import (
                enumeration_section,
                floor_rows,
                in_process_rows,
                search_rows,
            )

            lines += enumeration_section(work, args.degenerate, args.nondegenerate, args.budget)
            if args.search_sizes:
                lines += search_rows(args.search_sizes) + floor_rows(min(args.search_sizes))
            if args.warm_sizes:
                lines += in_process_rows(args.warm_sizes)
            if args.warm_degenerate_sizes:
                lines += in_process_rows(args.warm_degenerate_sizes, "degenerate")
    lines += READING_NOTES
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (ROOT / "docs" / "performance.md").write_text(text)


if __name__ == "__main__":
    main()
