"""Benchmark of loading (not a test): how long does ``gamesolve validate`` take on a 1 MB game,
and what does a command cost on a small game, where start-up is all there is?

Run from the repository root:

    python benchmarks/bench_loading.py               # both parts, 5 fresh processes each
    python benchmarks/bench_loading.py --repeat 3 --size 150
    python benchmarks/bench_loading.py --part startup --repeat 9 --before 694c9ab

Start-up part: ``gamesolve --help``, ``validate`` and ``solve --format json`` in fresh
processes on a small game (the prisoner's dilemma of games/) and on a degenerate 12 x 12
game (payoffs 0..3, seeded as ``enumeration_section.game("degenerate", 12)``: 65
equilibria, 88 KB of JSON; its JSON text is also timed in process, by ``json.dumps`` and by
gamesolve's writer), ``solve`` by ``--method enumerate``; the floor is ``python -c
"import numpy"`` (every command but ``--help`` needs numpy), and the peer on the 12 x 12
game ``lrsnash`` when it is on the path, both measured in the same rounds.
Each round runs every command once, in an order that alternates between rounds; medians
of wall time and of CPU time (user + system, less disturbed by other jobs on a shared
machine) are shown.  ``--before REV`` runs the same commands on the sources of git
revision REV beside the checkout's, alternating, for a before/after in one run.
``--instructions`` adds the instructions each command's own process executes, counted by
valgrind's callgrind (one run each, ~50x slower): the same from run to run within about 1 %
whatever else the machine is doing.

Loading part: writes one random 150x150 game (integer payoffs in [-99, 99]) as compact JSON
(about 1 MB), as gamesolve's YAML (about 1 MB) and as .nfg, then times ``gamesolve validate
FILE`` in fresh processes (whole process: start-up, reading, checks) and, in this process,
``json.loads`` of the same JSON text: the reference each time is compared with, measured in
the same run because the machine is shared.  Also times the refusal of a file declaring 2 x 125,000
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
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gamesolve.io.nfg import write_nfg  # noqa: E402
from gamesolve.io.writers import game_to_document, write_yaml  # noqa: E402
from gamesolve.model import Game  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its .pyc files
TARGET_RATIOS = {"json": 10.0, "yaml": 60.0}
# what the console script does (python -m would add runpy's few milliseconds)
GAMESOLVE = [sys.executable, "-c",
             "import sys; from gamesolve.cli import main; sys.exit(main(prog_name='gamesolve'))"]
SMALL_GAME = ROOT / "games" / "prisoners_dilemma.yaml"


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


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh process; it must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.returncode == 0, f"{cmd} failed: {stderr[-500:]}"
    return wall, usage.ru_utime + usage.ru_stime


def sources_at(revision: str, folder: Path) -> Path:
    """The ``src`` folder of git revision ``revision``, extracted into ``folder``."""
    archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12 and later
            tar.extractall(folder, filter="data")
        else:  # pragma: no cover - our own git archive
            tar.extractall(folder)
    return folder / "src"


def startup_part(folder: Path, repeat: int, before: str | None, instructions: bool) -> None:
    from enumeration_section import game as random_bimatrix
    from enumeration_section import write_inputs

    inputs = write_inputs(folder, "deg12", *random_bimatrix("degenerate", 12))
    deg12 = inputs["nfg"]
    commands = {
        "`gamesolve --help`": ["--help"],
        "`gamesolve validate` small .yaml": ["validate", str(SMALL_GAME)],
        "`gamesolve validate` 12x12 .nfg": ["validate", str(deg12)],
        "`gamesolve solve --format json` small .yaml": ["solve", str(SMALL_GAME), "--format",
                                                        "json"],
        "`gamesolve solve --method enumerate --format json` 12x12 .nfg":
            ["solve", str(deg12), "--method", "enumerate", "--format", "json"],
    }
    trees = {"now": ENV}
    if before:
        trees[before] = dict(ENV, PYTHONPATH=str(sources_at(before, folder / "before")))
    runs = [("floor", [sys.executable, "-c", "import numpy"], ENV)]
    lrsnash = shutil.which("lrsnash")
    if lrsnash:  # the peer on the 12x12 game (a C program: no interpreter to start)
        runs.append(("lrsnash", [lrsnash, str(inputs["lrs"])], ENV))
    runs += [((label, tree), GAMESOLVE + args, env)
             for label, args in commands.items() for tree, env in trees.items()]
    for _, cmd, env in runs:  # warm-up: .pyc files written, caches filled
        run_once(cmd, env)
    walls: dict = {key: [] for key, _, _ in runs}
    cpus: dict = {key: [] for key, _, _ in runs}
    for round_ in range(repeat):
        for key, cmd, env in (runs if round_ % 2 == 0 else runs[::-1]):
            wall, cpu = run_once(cmd, env)
            walls[key].append(wall)
            cpus[key].append(cpu)
    median = statistics.median
    floor = median(walls["floor"])
    print(f"# Start-up: {time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores,"
          f" Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f};"
          f" median of {repeat} fresh processes each")
    print(f"Floor `python -c \"import numpy\"`: {floor * 1e3:.0f} ms wall,"
          f" {median(cpus['floor']) * 1e3:.0f} ms CPU")
    if lrsnash:
        print(f"Peer `lrsnash` on the 12x12 game: {median(walls['lrsnash']) * 1e3:.0f} ms wall")
    head = " | ".join(f"{tree} wall | {tree} CPU" for tree in trees)
    print(f"| command | {head} | ratio to the floor (wall) |")
    print("| --- |" + " --- |" * (2 * len(trees) + 1))
    for label in commands:
        cells = " | ".join(f"{median(walls[label, tree]) * 1e3:.0f} ms |"
                           f" {median(cpus[label, tree]) * 1e3:.0f} ms" for tree in trees)
        ratios = " / ".join(f"{median(walls[label, tree]) / floor:.2f}" for tree in trees)
        print(f"| {label} | {cells} | {ratios} |")
    if lrsnash:
        solve = list(commands)[-1]
        ratios = ", ".join(f"{tree} {median(walls[solve, tree]) / median(walls['lrsnash']):.2f}"
                           for tree in trees)
        print(f"12x12 solve / lrsnash (wall): {ratios}")
    json_text_line(deg12)
    if instructions:
        floor_count = instruction_count(runs[0][1], ENV)
        print(f"\nInstructions (callgrind), floor `import numpy`: {floor_count / 1e6:.0f} M")
        print(f"| command | {' | '.join(trees)} | ratio to the floor |")
        print("| --- |" + " --- |" * (len(trees) + 1))
        for label, args in commands.items():
            counts = [instruction_count(GAMESOLVE + args, env) for env in trees.values()]
            ratios = " / ".join(f"{count / floor_count:.2f}" for count in counts)
            print(f"| {label} | {' | '.join(f'{c / 1e6:.0f} M' for c in counts)} | {ratios} |")


def json_text_line(path: Path) -> None:
    """In this process: the JSON text of the 12x12 result, by json.dumps and as written."""
    import gamesolve
    from gamesolve.report.json_report import solve_document
    from gamesolve.report.json_text import dumps_indented

    game = gamesolve.load(str(path))
    document = solve_document(game, gamesolve.solve(game, method="enumerate"))
    text = json.dumps(document, indent=2, ensure_ascii=False)
    assert dumps_indented(document) == text

    def best(function) -> float:  # CPU time, best of 25
        times = []
        for _ in range(25):
            start = time.process_time()
            function(document)
            times.append(time.process_time() - start)
        return min(times)

    stdlib = best(lambda d: json.dumps(d, indent=2, ensure_ascii=False))
    ours = best(dumps_indented)
    print(f"\nJSON text of the 12x12 result ({len(document['equilibria'])} equilibria,"
          f" {len(text.encode()) / 1e3:.0f} KB), in process, best of 25: json.dumps(indent=2)"
          f" {stdlib * 1e3:.2f} ms, gamesolve's writer (same text) {ours * 1e3:.2f} ms"
          f" ({stdlib / ours:.1f}x)")


def instruction_count(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions executed by ``cmd``'s own process (not by workers it forks)."""
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(["valgrind", "--tool=callgrind",
                                    f"--callgrind-out-file={folder}/out.%p", *cmd], env=env,
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        report = process.communicate()[1]
    assert process.returncode == 0, f"{cmd} failed under valgrind: {report[-500:]}"
    counts = dict(re.findall(r"==(\d+)== Collected : (\d+)", report))
    return int(counts[str(process.pid)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-python-yaml", action="store_true",
                        help="skip timing the old pure-Python composer (about 20 s)")
    parser.add_argument("--part", choices=("all", "loading", "startup"), default="all")
    parser.add_argument("--before", metavar="REV",
                        help="start-up part: also time the sources of this git revision")
    parser.add_argument("--instructions", action="store_true",
                        help="start-up part: also count instructions with valgrind")
    args = parser.parse_args()
    if args.part != "loading":
        with tempfile.TemporaryDirectory() as folder:
            startup_part(Path(folder), args.repeat, args.before, args.instructions)
        if args.part == "startup":
            return
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
