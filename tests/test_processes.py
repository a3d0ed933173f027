"""Workers are forked from a process that has one thread at the fork.

That is what makes ``fork`` safe (no other thread can hold a lock the child needs), and on
Python 3.12+ it is also why gamesolve's users never see "This process is multi-threaded, use
of fork() may lead to deadlocks in the child" (a DeprecationWarning that CPython raises
when it counts more than one thread right after a fork).  numpy's and scipy's OpenBLAS keep
idle threads, but stop them in a ``pthread_atfork`` handler: the child script below starts
them first, as a solve does, so the test fails if a BLAS, a library or gamesolve itself
leaves a thread running across the fork.

The commands run in a fresh interpreter: inside pytest-xdist's workers execnet keeps an I/O
thread of its own, so a fork there is multi-threaded whatever gamesolve does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gamesolve.processes import usable_cores

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or usable_cores() < 2,
                                reason="workers are forked on Linux with two cores or more")

GAMES = Path(__file__).resolve().parent.parent / "games"

CHILD = r"""
import json, os, sys
threads = lambda: len(os.listdir("/proc/self/task"))
after_fork = {}
os.register_at_fork(after_in_parent=lambda: after_fork[command].append(threads()))
import numpy as np, scipy.linalg
np.ones((300, 300)) @ np.ones((300, 300))          # start both BLAS thread pools
scipy.linalg.solve(np.eye(300) + 1, np.ones(300))
before = threads()
from gamesolve.cli import main
for args in json.loads(sys.argv[1]):
    command = args[0]
    after_fork[command] = []
    try:
        main(args)
    except SystemExit as exit:
        assert exit.code in (0, None), (args, exit.code)
print(json.dumps({"before": before, "after_fork": after_fork}), file=sys.stderr)
"""


def run_child(tmp_path, commands):
    done = subprocess.run([sys.executable, "-W", "always", "-c", CHILD, json.dumps(commands)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    *warnings, last = done.stderr.strip().splitlines()
    return json.loads(last), "\n".join(warnings)


def test_solve_worker_and_robustness_pool_fork_a_single_threaded_process(tmp_path):
    rng = np.random.default_rng(2026)
    n = 12     # C(24, 12) = 2,704,156: big enough for the solver's worker process (and
    a, b = rng.integers(0, 4, (n, n)), rng.integers(0, 4, (n, n))   # this seed: nothing dominated)
    cells = " ".join(f"{a[i, j]} {b[i, j]}" for j in range(n) for i in range(n))
    game = tmp_path / "random12.nfg"
    game.write_text(f'NFG 1 R "random 12 x 12" {{ "1" "2" }} {{ {n} {n} }}\n{cells}\n')
    facts, warnings = run_child(tmp_path, [
        ["solve", str(game)],
        ["robustness", str(GAMES / "south_caucasus.yaml"), "--jobs", "2", "--samples", "5000"]])
    assert facts["before"] >= 2, "the BLAS pools did not start: the test proves nothing"
    # one fork for the solver's worker, two for the robustness pool's workers, each with
    # one thread in the parent right after it
    assert facts["after_fork"] == {"solve": [1], "robustness": [1, 1]}, facts
    assert "multi-threaded" not in warnings, warnings
