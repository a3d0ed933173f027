"""Benchmark of robustness sampling (not a test): how long do N samples take?

Run from the repository root:

    python benchmarks/bench_robustness.py              # the paper's game, 10,000 samples
    python benchmarks/bench_robustness.py --samples 100000 --jobs 1 2 4

Reports the best of ``--repeat`` wall-clock times for noise and ordinal sampling, for each
``--jobs`` value, on games/south_caucasus.yaml and on a random 3-player 8x8x8 game, and
checks that every ``--jobs`` value gives the same result.  The target: the paper's game
does 10,000 samples in a few seconds (in practice, well under one).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

# the checkout's code, not another installed gamesolve (an editable install elsewhere)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gamesolve.io import load_game  # noqa: E402
from gamesolve.model import Game  # noqa: E402
from gamesolve.robustness.sampling import sample_conclusions  # noqa: E402


def best_time(game: Game, repeat: int, **kwargs) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = sample_conclusions(game, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    games = {
        "south_caucasus (3x3x1)": load_game(str(ROOT / "games" / "south_caucasus.yaml")),
        "random 8x8x8": Game.from_payoffs(rng.integers(0, 10, size=(3, 8, 8, 8))),
    }
    print(f"{'game':24} {'mode':8} {'jobs':>4} {'samples':>9} {'seconds':>8} {'samples/s':>10}")
    for name, game in games.items():
        for mode, extra in (("noise", {"noise": 0.5}), ("ordinal", {"ordinal": True})):
            results = []
            for jobs in args.jobs:
                seconds, result = best_time(game, args.repeat, samples=args.samples, seed=0,
                                            jobs=jobs, **extra)
                results.append(result)
                print(f"{name:24} {mode:8} {jobs:>4} {args.samples:>9,} {seconds:>8.3f}"
                      f" {args.samples / seconds:>10,.0f}")
            assert all(r == results[0] for r in results), "--jobs changed the result"


if __name__ == "__main__":
    main()
