"""Which best-response polytope to list?  The sides measured, a race of both, and a predictor.

`enumerate_equilibria` (auto) lists Q and solves P's partners of its vertices
(`solvers/bimatrix/complement.py`).  Issue 12 asks for "the polytope with fewer vertices";
this measures, on random m x n games (payoffs -500..500, seeded), in one run:

* **Q side**: ``enumerate_equilibria(game, polytopes="one")`` (Q listed, P's partners
  solved: what auto did before it chose);
* **P side**: the same on the transposed game (P listed, Q's partners solved);
* **auto**: ``enumerate_equilibria(game)``, which lists the polytope of the player with
  fewer strategies, or in a square game the one whose first walk levels are smaller
  (`solvers/bimatrix/orientation.py`), the comparison included;
* **oracle**: the faster of the two sides, as if the smaller polytope were known beforehand;
* **race**: both sides at once in two forked workers, timed to the first answer (what a
  two-core race would cost, forks and pickles included);
* **predictor**: whether the vertex counts of the first ``k`` levels of each polytope's
  breadth-first walk (`tableau_walk.clean_tableau_walk`) name the smaller polytope, and what
  fraction of the walk those levels are;
* **shape model** (``--shapes N``): on N games per (rectangular) size, the vertex counts of
  both polytopes, and what listing the polytope of the player with fewer strategies
  (``orientation.by_shape``, what auto does in rectangular games) costs over always listing
  Q, beside listing by the first levels and the oracle;
* **model** (``--profiles N``): on N more games per size, the whole level profile of both
  walks, and what listing by the first ``k`` levels would cost in vertices walked (the
  chosen polytope's, plus both prefixes, as ``orientation.p_looks_smaller`` walks them
  apart) over always listing Q, beside the oracle's.

Both sides' and auto's equilibria are checked equal (players swapped back) before anything
is timed; the three in-process calls are interleaved, in alternating order.

    python benchmarks/bench_polytope_choice.py --sizes 13 14 15 14x16 --seeds 10 --profiles 30
    python benchmarks/bench_polytope_choice.py --sizes 8x12 13x18 16x14 --shapes 30 --no-timing
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

# the checkout's code, not another installed gamesolve (an editable install elsewhere)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gamesolve.model import Game  # noqa: E402
from gamesolve.processes import ForkedTask  # noqa: E402
from gamesolve.solvers.bimatrix import enumerate_equilibria  # noqa: E402
from gamesolve.solvers.bimatrix.orientation import _p_prefix_smaller, transposed  # noqa: E402
from gamesolve.solvers.bimatrix.solve import _polytope_matrices  # noqa: E402
from gamesolve.solvers.bimatrix.tableau_walk import clean_tableau_walk  # noqa: E402
from gamesolve.solvers.bimatrix.vertices import enumerate_vertices  # noqa: E402


def interleaved(calls: list, repeat: int) -> list[float]:
    """Best seconds of each call, the calls interleaved in alternating order."""
    times: list[list[float]] = [[] for _ in calls]
    for turn in range(repeat):
        for k in (range(len(calls)) if turn % 2 == 0 else reversed(range(len(calls)))):
            start = time.perf_counter()
            calls[k]()
            times[k].append(time.perf_counter() - start)
    return [min(t) for t in times]


def race(game: Game) -> float:
    """Wall seconds until the first of the two forked sides has answered."""
    start = time.perf_counter()
    flipped = transposed(game)
    tasks = [ForkedTask(lambda: enumerate_equilibria(game, polytopes="one")),
             ForkedTask(lambda: enumerate_equilibria(flipped, polytopes="one"))]
    try:
        while True:
            for task in tasks:
                if task.ready(0.001):
                    ok, _ = task.result()
                    assert ok
                    return time.perf_counter() - start
    finally:
        for task in tasks:
            task.stop()


def level_sizes(matrix: list[list[int]]) -> list[int] | None:
    mat = np.array(matrix, dtype=float)
    levels = clean_tableau_walk(mat / mat.max(), limit=10 ** 8)
    return None if levels is None else [level.size for level in levels]


def shape_of(size: str) -> tuple[int, int]:
    """``"14"`` is 14 x 14, ``"14x16"`` 14 rows and 16 columns."""
    m, _, n = size.partition("x")
    return int(m), int(n or m)


def random_game(m: int, n: int, seed: int) -> Game:
    rng = np.random.default_rng(seed)
    return Game.from_payoffs(np.stack([rng.integers(-500, 501, size=(m, n)),
                                       rng.integers(-500, 501, size=(m, n))]))


def measure(size: str, seeds: int, repeat: int, prefixes: list[int]) -> list[str]:
    rows, q_side, p_side, chosen, raced = [], [], [], [], []
    agree: dict[int, list[bool]] = {k: [] for k in prefixes}
    cost: dict[int, list[float]] = {k: [] for k in prefixes}
    m, n = shape_of(size)
    for seed in range(seeds):
        game = random_game(m, n, 500 + seed)
        flipped = transposed(game)
        calls = [lambda g=game: enumerate_equilibria(g, polytopes="one"),
                 lambda g=flipped: enumerate_equilibria(g, polytopes="one"),
                 lambda g=game: enumerate_equilibria(g)]
        mine = sorted(eq.exact for eq in calls[0]().equilibria)
        theirs = sorted(eq.exact[::-1] for eq in calls[1]().equilibria)
        auto = sorted(eq.exact for eq in calls[2]().equilibria)
        assert mine == theirs == auto, f"{m} x {n} seed={seed}: the answers disagree"
        tq, tp, ta = interleaved(calls, repeat)
        tr = min(race(game) for _ in range(repeat))
        q_side.append(tq)
        p_side.append(tp)
        chosen.append(ta)
        raced.append(tr)
        p_mat, q_mat = _polytope_matrices(game)
        sizes = level_sizes(q_mat), level_sizes(p_mat)
        note = ""
        if None not in sizes:
            lq, lp = sizes
            note = f"{sum(lq):,} / {sum(lp):,}"
            for k in prefixes:
                agree[k].append((sum(lq[:k + 1]) < sum(lp[:k + 1])) == (sum(lq) < sum(lp)))
                cost[k].append(sum(lq[:k + 1]) / sum(lq))
        rows.append(f"| {m} x {n} | {seed} | {tq:.3f} | {tp:.3f} | {ta:.3f} | {ta / tq:.2f} |"
                    f" {tr:.3f} | {tr / tq:.2f} | {note} |")
    total_q = sum(q_side)
    ratio = {name: sum(times) / total_q for name, times in
             (("oracle", map(min, q_side, p_side)), ("auto", chosen), ("race", raced))}
    median = {name: statistics.median(t / q for t, q in zip(times, q_side))
              for name, times in (("auto", chosen), ("race", raced))}
    summary = (f"**{m} x {n}, {seeds} games** (total seconds over Q side's): oracle"
               f" {ratio['oracle']:.2f}, auto {ratio['auto']:.2f}, race {ratio['race']:.2f};"
               f" median game: auto {median['auto']:.2f}, race {median['race']:.2f}; P side"
               f" faster in {sum(p < q for p, q in zip(p_side, q_side))}.")
    for k in prefixes:
        if agree[k]:
            summary += (f" Levels 0..{k} name the smaller polytope in {sum(agree[k])} of"
                        f" {len(agree[k])} (they are {statistics.mean(cost[k]):.0%} of Q's walk).")
    return rows, summary


def profile_model(size: str, games: int, prefixes: list[int]) -> str:
    """Vertices walked when listing by the first levels, over always listing Q."""
    m, n = shape_of(size)
    profiles = []
    for seed in range(games):
        game = random_game(m, n, 7000 + 100 * n + seed if m == n else 9000 + 100 * m + seed)
        p_mat, q_mat = _polytope_matrices(game)
        sizes = level_sizes(q_mat), level_sizes(p_mat)
        if None not in sizes:
            profiles.append(sizes)
    always_q = sum(sum(lq) for lq, _ in profiles)
    oracle = sum(min(sum(lq), sum(lp)) for lq, lp in profiles) / always_q
    line = (f"**{m} x {n}, level profiles of {len(profiles)} games** (vertices walked over"
            f" always listing Q): oracle {oracle:.2f}")
    for k in prefixes:
        walked, right, worst = 0, 0, 0.0
        for lq, lp in profiles:
            prefix_q, prefix_p = sum(lq[:k + 1]), sum(lp[:k + 1])
            chosen = sum(lp) if prefix_p < prefix_q else sum(lq)
            walked += chosen + prefix_q + prefix_p
            right += chosen == min(sum(lq), sum(lp))
            worst = max(worst, (chosen + prefix_q + prefix_p) / sum(lq))
        line += (f"; levels 0..{k}: {walked / always_q:.2f} ({right} of {len(profiles)} right,"
                 f" worst game {worst:.2f})")
    return line + "."


def shape_model(size: str, games: int) -> str:
    """Vertices listed when a rectangular game lists the polytope of the player with fewer
    strategies (``orientation.by_shape``), over always listing Q, beside listing by the
    first levels (Q when a prefix walk cannot start) and the oracle.  Vertex counts from
    ``enumerate_vertices``, so games whose walk meets a degenerate basis count too."""
    m, n = shape_of(size)
    counts, guesses = [], []
    for seed in range(games):
        game = random_game(m, n, seed)
        p_mat, q_mat = _polytope_matrices(game)
        counts.append(tuple(len(enumerate_vertices(mat).labels) for mat in (p_mat, q_mat)))
        guesses.append(_p_prefix_smaller(p_mat, q_mat, None))
    always_q = sum(q for _, q in counts)
    by_shape_ = sum(p if m < n else q for p, q in counts) / always_q
    by_levels = sum(p if guess else q for (p, q), guess in zip(counts, guesses)) / always_q
    oracle = sum(min(p, q) for p, q in counts) / always_q
    return (f"**{m} x {n}, vertex counts of {games} games** (vertices listed over always"
            f" listing Q): P smaller in {sum(p < q for p, q in counts)}; by shape"
            f" {by_shape_:.2f}, by the first levels {by_levels:.2f}, oracle {oracle:.2f}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["13", "14"],
                        help="n for n x n games, or m x n as 14x16")
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--prefixes", type=int, nargs="*", default=[3, 4, 5])
    parser.add_argument("--profiles", type=int, default=0,
                        help="games per size for the vertex-count model (0: none)")
    parser.add_argument("--shapes", type=int, default=0,
                        help="games per size for the by-shape vertex-count model (0: none)")
    parser.add_argument("--no-timing", action="store_true",
                        help="models only: no timed runs")
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; seconds, best of {args.repeat}\n")
    print("| game | seed | Q side | P side | auto | auto / Q side | race | race / Q side |"
          " vertices of Q / P |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    summaries = []
    for size in args.sizes if not args.no_timing else ():
        rows, summary = measure(size, args.seeds, args.repeat, args.prefixes)
        print("\n".join(rows))
        summaries.append(summary)
    if args.profiles:
        summaries += [profile_model(size, args.profiles, args.prefixes) for size in args.sizes]
    if args.shapes:
        summaries += [shape_model(size, args.shapes) for size in args.sizes]
    print()
    print("\n\n".join(summaries))


if __name__ == "__main__":
    main()
