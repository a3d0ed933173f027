"""Whole-process timing of gamesolve and its peers, measured side by side in one run.

Each measurement starts a fresh Python process (what a user or a CI script pays), waits
for it, reads its own peak resident memory from GNU time, and repeats; the median is
reported.  Ratios are gamesolve's time over the peer's, so smaller is better.
"""

from __future__ import annotations

import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parent.parent
# the checkout's code, here and in every process started from here, even where another
# gamesolve is installed (an editable install of another checkout, say)
sys.path.insert(0, str(ROOT / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
GAMESOLVE = [PYTHON, "-m", "gamesolve.cli"]


@dataclass
class Timing:
    label: str
    seconds: float
    peak_mb: float
    runs: int
    output: str = ""


def run_process(cmd: list[str], repeat: int, label: str, check_output=None) -> Timing:
    """Median wall time and largest peak RSS of ``repeat`` fresh runs of ``cmd``.

    GNU time (``/usr/bin/time``) reports each process's own peak resident memory.
    """
    import tempfile

    times, peaks = [], []
    output = ""
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as record:
            wrapped = (["/usr/bin/time", "-f", "%M", "-o", record.name] + cmd
                       if Path("/usr/bin/time").exists() else cmd)
            start = time.perf_counter()
            proc = subprocess.run(wrapped, capture_output=True, cwd=ROOT)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                raise RuntimeError(f"{label} failed ({proc.returncode}):"
                                   f" {proc.stderr.decode()[-800:]}")
            try:
                peaks.append(int(record.read().strip().splitlines()[-1]) / 1024)
            except (ValueError, IndexError):
                peaks.append(float("nan"))
        times.append(elapsed)
        output = proc.stdout.decode()
    if check_output is not None:
        check_output(output)
    return Timing(label, statistics.median(times), max(peaks), repeat, output)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()},"
            f" numpy {np.__version__}, {platform.system()} {platform.release()}")


def random_nfg(shape: tuple[int, ...], low: int, high: int, seed: int) -> str:
    """A random integer game in Gambit's payoff format (player 1's strategy fastest)."""
    rng = np.random.default_rng(seed)
    n = len(shape)
    payoffs = rng.integers(low, high + 1, size=(n,) + shape)
    players = " ".join(f'"P{i + 1}"' for i in range(n))
    counts = " ".join(str(s) for s in shape)
    body = []
    # Gambit order: the first player's strategy varies fastest
    for reversed_profile in itertools.product(*(range(k) for k in reversed(shape))):
        profile = reversed_profile[::-1]
        body.append(" ".join(str(int(payoffs[(p,) + profile])) for p in range(n)))
    return f'NFG 1 R "random {shape}" {{ {players} }} {{ {counts} }}\n\n' + "\n".join(body) + "\n"


def write_game(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text)
    return path


def ratio_line(ours: Timing, peer: Timing) -> str:
    return (f"| {ours.label} | {ours.seconds:.3f} s | {peer.label} | {peer.seconds:.3f} s |"
            f" {ours.seconds / peer.seconds:.2f} |")
