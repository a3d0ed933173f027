"""Benchmark of loading (not a test): how long does ``gamesolve validate`` take on a 1 MB game?

Run from the repository root:

    python benchmarks/bench_loading.py               # 150x150 game, 5 fresh processes each
    python benchmarks/bench_loading.py --repeat 3 --size 150

Writes one random 150x150 game (integer payoffs in [-99, 99]) as compact JSON (about 1 MB),
as gamesolve's YAML (about 1 MB) and as .nfg, then times ``gamesolve validate FILE`` in fresh
processes (whole process: start-up, reading, checks) and, in this process, ``json.loads`` of
the same JSON text: the reference each time is compared with, measured in the same run
because the machine is shared.  Also times the refusal of a file declaring 2 x 125,000
strategies (the profile limit, applied while the players are streamed) and, for context,
the pure-Python YAML composer the loader used before.

Targets (issue 10, machine of the issue: ``json.loads`` 0.05 s): JSON under 0.5 s and YAML
under 3 s, i.e. ratios to ``json.loads`` under 10 and 60.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gamesolve.io.nfg import write_nfg  # noqa: E402
from gamesolve.io.writers import game_to_document, write_yaml  # noqa: E402
from gamesolve.model import Game  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
TARGET_RATIOS = {"json": 10.0, "yaml": 60.0}


def validate_time(path: Path, repeat: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "gamesolve.cli", "validate", str(path)],
                              env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        status = done.returncode
    return statistics.median(times), status


def in_process(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-python-yaml", action="store_true",
                        help="skip timing the old pure-Python composer (about 20 s)")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    n = args.size
    game = Game.from_payoffs(rng.integers(-99, 100, size=(2, n, n)))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = {"json": folder / "game.json", "yaml": folder / "game.yaml",
                 "nfg": folder / "game.nfg"}
        files["json"].write_text(json.dumps(game_to_document(game), separators=(",", ":")))
        files["yaml"].write_text(write_yaml(game))
        files["nfg"].write_text(write_nfg(game))
        json_text = files["json"].read_text()
        reference = in_process(lambda: json.loads(json_text), max(5, args.repeat))
        print(f"# Loading a {n}x{n} game: {time.strftime('%Y-%m-%d %H:%M')} on"
              f" {platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
              f" Python {platform.python_version()}")
        print(f"json.loads of the JSON file ({files['json'].stat().st_size / 1e6:.2f} MB):"
              f" {reference:.3f} s (median)")
        print("| file | size | validate (whole process, median) | ratio to json.loads |"
              " target |")
        print("| --- | --- | --- | --- | --- |")
        for fmt, path in files.items():
            seconds, status = validate_time(path, args.repeat)
            assert status == 0, f"validate {fmt} failed"
            ratio = seconds / reference
            target = TARGET_RATIOS.get(fmt)
            met = "met" if target is not None and ratio < target else "NOT met"
            verdict = "" if target is None else f"< {target:g}: {met}"
            print(f"| {fmt} | {path.stat().st_size / 1e6:.2f} MB | {seconds:.3f} s |"
                  f" {ratio:.1f} | {verdict} |")
        big = folder / "big.yaml"
        ids = "\n".join(f"      - strategy_{i}" for i in range(125_000))
        big.write_text(f"players:\n  - name: A\n    strategies:\n{ids}\n  - name: B\n"
                       f"    strategies:\n{ids}\npayoffs: []\n")
        seconds, status = validate_time(big, args.repeat)
        print(f"| 2 x 125,000 strategies, refused (exit {status}) |"
              f" {big.stat().st_size / 1e6:.1f} MB | {seconds:.3f} s |"
              f" {seconds / reference:.1f} | |")
        if not args.no_python_yaml:
            from gamesolve.io.documents import compose_yaml

            text = files["yaml"].read_text()
            seconds = in_process(lambda: compose_yaml(text, python=True), 1)
            print(f"For context: the pure-Python YAML composer alone, in process:"
                  f" {seconds:.2f} s (ratio {seconds / reference:.0f})")


if __name__ == "__main__":
    main()
