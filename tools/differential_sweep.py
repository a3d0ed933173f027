"""A long seeded sweep of gamesolve's two-player enumeration against lrsnash (and pygambit).

    PYTHONPATH=src:tests python tools/differential_sweep.py --minutes 25 --out /tmp/sweep

Games come from ``tests/differential_games.py`` (every family, shapes from 1 x n to
15 x 15 and 13 x 18); each is solved under every layout (vertex method x polytopes x
workers) while small, under the default, its transposed game and a few sampled layouts
when large, and every answer is compared with lrsnash's exact extreme equilibria
(:func:`differential_games.check`).  Small games are solved once more under each
forcing (:data:`differential_games.FORCINGS`: module constants set so that they take the
paths of large games or rare fallbacks).  pygambit's rational ``enummixed`` is compared with
lrsnash too on games up to 7 x 7.  Writes ``OUT/summary.txt`` (counts per family, shape,
layout and path actually taken) and ``OUT/disagreements.json`` (every game where some
answer departed, with the departures).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import signal
import time
from collections import Counter
from pathlib import Path

from differential_games import (
    DEFAULT,
    FAMILIES,
    FORCINGS,
    LAYOUTS,
    check,
    check_transposed,
    is_equilibrium,
    make_game,
    path_of,
    pygambit_equilibria,
    reference,
    run,
    to_game,
)

SMALL = [(1, 1), (1, 2), (1, 5), (1, 9), (2, 1), (5, 1), (9, 1), (2, 2), (2, 3), (3, 2),
         (2, 7), (7, 2), (3, 3), (3, 4), (4, 3), (4, 4), (3, 15), (15, 3), (5, 5), (5, 6),
         (6, 6), (4, 9), (9, 4)]
MEDIUM = [(7, 7), (7, 8), (8, 8), (8, 9), (9, 9), (10, 10), (6, 12), (12, 6), (11, 11),
          (12, 12)]
LARGE = [(13, 18), (18, 13), (14, 14), (15, 15)]
LARGE_FAMILIES = ("many", "fractions", "huge", "hidden_tie", "scaled", "negative")
ALL_LAYOUTS_UP_TO = math.comb(16, 8)       # every layout up to 8 x 8
GAMBIT_UP_TO = math.comb(14, 7)            # pygambit up to 7 x 7


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def layouts_for(m: int, n: int, rng: random.Random) -> list:
    if math.comb(m + n, n) <= ALL_LAYOUTS_UP_TO:
        return [DEFAULT, *LAYOUTS]
    sample = rng.sample(LAYOUTS, 4 if m * n <= 150 else 2)
    if m * n > 150:     # 13 x 18 .. 15 x 15: exact reverse search of both polytopes is slow
        sample = [lay for lay in sample if lay[0] != "reverse" or lay[1] == "one"]
    return [DEFAULT, *sample]


def flipped(a, b) -> bool:
    from gamesolve.solvers.bimatrix.solve import _polytope_matrices, lists_p
    game = to_game(a, b)
    m, n = game.shape
    return lists_p(m, n, *_polytope_matrices(game))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=25)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--out", default="/tmp/differential_sweep")
    parser.add_argument("--large", type=int, default=24, help="games from 13 x 18 up")
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help="comma-separated families (default: all)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    families = args.families.split(",")
    signal.signal(signal.SIGALRM, _alarm)
    counts: dict[str, Counter] = {k: Counter() for k in
                                  ("family", "shape", "layout", "forcing", "path", "gambit",
                                   "events")}
    disagreements = []
    start = time.monotonic()
    stop = start + 60 * args.minutes
    plan = [("large", f, s) for f, s in zip(
        (rng.choice(LARGE_FAMILIES) for _ in range(args.large)),
        (rng.choice(LARGE) for _ in range(args.large)))]
    index = 0
    while time.monotonic() < stop:
        if plan and index % 40 == 39:
            _, family, (m, n) = plan.pop()
        else:
            family = families[index % len(families)]
            m, n = rng.choice(SMALL if rng.random() < 0.6 else MEDIUM)
        seed = rng.randrange(2**32)
        index += 1
        a, b = make_game(family, m, n, seed)
        record = {"family": family, "shape": [m, n], "seed": seed, "problems": []}
        signal.alarm(300)
        try:
            ref = reference(a, b, timeout=240)
            game = to_game(a, b)
            for layout in layouts_for(m, n, rng):
                result = run(game, layout)
                counts["layout"]["/".join(map(str, layout))] += 1
                counts["path"][path_of(result) + ("" if layout[2] != 2 or layout[1] == "one"
                                                   else " +worker")] += 1
                problems = check(result, ref)
                if problems:
                    record["problems"].append({"layout": layout, "problems": problems})
            small = math.comb(m + n, n) <= ALL_LAYOUTS_UP_TO
            forcings = FORCINGS if small else [rng.choice(FORCINGS)] if m * n <= 150 else []
            for forcing in forcings:
                for layout in (DEFAULT, rng.choice(LAYOUTS)) if small else (DEFAULT,):
                    result = run(game, layout, forcing)
                    counts["forcing"][f"{forcing} {'/'.join(map(str, layout))}"] += 1
                    counts["path"][f"{path_of(result)} ({forcing})"] += 1
                    problems = check(result, ref)
                    if problems:
                        record["problems"].append({"layout": (forcing, layout),
                                                   "problems": problems})
            if math.comb(m + n, n) >= 40_000_000 and flipped(a, b):
                counts["events"]["default listed P (flipped)"] += 1
            for layout, forcing in ((DEFAULT, None), (rng.choice(LAYOUTS), None),
                                    (DEFAULT, rng.choice(forcings) if forcings else None)):
                problems = check_transposed(a, b, ref, layout, forcing)
                counts["layout"][f"transposed {'/'.join(map(str, layout))} {forcing}"] += 1
                if problems:
                    record["problems"].append({"layout": ("transposed", layout),
                                               "problems": problems})
            if math.comb(m + n, n) <= GAMBIT_UP_TO:
                gambit = pygambit_equilibria(a, b)     # (given Fractions)
                counts["gambit"]["compared"] += 1
                if gambit != ref.pairs:
                    counts["gambit"]["differs from lrsnash"] += 1
                    wrong = [p for p in gambit if not is_equilibrium(a, b, *p)]
                    record["gambit"] = {"missing": len(ref.pairs - gambit),
                                        "extra": len(gambit - ref.pairs),
                                        "extra_not_equilibria": len(wrong)}
            counts["events"]["degenerate" if ref.degenerate else "nondegenerate"] += 1
        except Timeout:
            counts["events"]["timed out (300 s, skipped)"] += 1
            record["problems"].append({"layout": "any", "problems": ["timeout"]})
        except Exception as exc:   # a crash is a finding: logged, not fatal
            record["problems"].append({"layout": "any", "problems": [f"{type(exc).__name__}:"
                                                                       f" {exc}"]})
        finally:
            signal.alarm(0)
        counts["family"][family] += 1
        counts["shape"][f"{m}x{n}"] += 1
        if record["problems"] or "gambit" in record:
            record["a"] = [[str(v) for v in row] for row in a]
            record["b"] = [[str(v) for v in row] for row in b]
            disagreements.append(record)
            (out / "disagreements.json").write_text(json.dumps(disagreements, indent=1,
                                                               default=str))
    seconds = time.monotonic() - start
    departed = sum(1 for r in disagreements if r["problems"])
    lines = [f"games: {index}  seconds: {seconds:.0f}  seed: {args.seed}",
             f"games with a gamesolve departure: {departed}",
             "games where pygambit differs from lrsnash:"
             f" {counts['gambit']['differs from lrsnash']}"]
    for key, counter in counts.items():
        lines.append(f"\n[{key}]")
        lines += [f"  {name}: {count}" for name, count in sorted(counter.items())]
    (out / "summary.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
