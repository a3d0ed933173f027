"""Faults around a command, through the real command line in a subprocess: signals, standard
output closed or full, unreadable files, converting a file onto itself.  Each case checks
the exit status, one ``gamesolve: error:`` line on standard error, no traceback and, for
signals, that no child process survives and no temporary file is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from gamesolve.errors import GameError
from gamesolve.io.writers import write_file
from gamesolve.model import Game

ROOT = Path(__file__).resolve().parents[1]
GAME = str(ROOT / "games" / "south_caucasus.yaml")
PD = str(ROOT / "games" / "prisoners_dilemma.yaml")
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
LINUX = sys.platform.startswith("linux")


_started: list[subprocess.Popen] = []


def start(*args: str, **kwargs) -> subprocess.Popen:
    """The command in a subprocess, with SIGINT at its default action: a test runner that a
    shell without job control started in the background ignores SIGINT, and an ignored
    signal stays ignored across exec (a handler does not), so the SIGINT sent by the tests
    would never arrive."""
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([sys.executable, "-m", "gamesolve.cli", *args], env=ENV,
                                   stdout=kwargs.pop("stdout", subprocess.PIPE),
                                   stderr=subprocess.PIPE, text=True, **kwargs)
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    _started.append(process)
    return process


@pytest.fixture(autouse=True)
def _no_command_outlives_its_test():
    """A test that fails while its command runs (200 million samples) kills it: its workers
    follow (they die with their parent)."""
    yield
    while _started:
        process = _started.pop()
        if process.poll() is None:
            process.kill()
            process.communicate()


def gamesolve(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gamesolve.cli", *args], env=ENV,
                          capture_output=kwargs.pop("capture_output", True), text=True,
                          timeout=120, **kwargs)


def assert_one_error_line(stderr: str, *fragments: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("gamesolve: note:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("gamesolve: error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def children(pid: int) -> set[int]:
    """Living descendants of ``pid`` (from /proc)."""
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        parents, frontier = frontier, set()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) in parents and fields[0] != "Z":
                frontier.add(int(entry))
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_children(process: subprocess.Popen, count: int, limit: float = 60) -> set[int]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = children(process.pid)
        if len(found) >= count:
            return found
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError(f"the command did not start {count} workers")


def assert_all_gone(pids: set[int]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    assert not any(alive(p) for p in pids), [p for p in pids if alive(p)]


# ---------------------------------------------------------------------- signals
pytestmark = pytest.mark.skipif(not LINUX, reason="reads /proc")

LONG_ROBUSTNESS = ("robustness", GAME, "--samples", "200000000", "--jobs", "2")


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130),
                                            (signal.SIGTERM, 128 + signal.SIGTERM),
                                            (signal.SIGHUP, 128 + signal.SIGHUP)],
                         ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_signal_during_parallel_robustness_stops_every_worker(signum, status):
    process = start(*LONG_ROBUSTNESS)
    workers = wait_for_children(process, 2)
    time.sleep(0.3)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert_one_error_line(err, signal.Signals(signum).name)
    assert out == ""
    assert_all_gone(workers)


def pygambit_available() -> bool:
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not pygambit_available(), reason="needs pygambit")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_pygambit_solve_kills_the_worker(tmp_path, signum):
    rng = np.random.default_rng(3)
    game = Game.from_payoffs(rng.integers(-9, 10, size=(4, 5, 5, 5, 5)))
    path = tmp_path / "big.nfg"
    from gamesolve.io.nfg import write_nfg

    path.write_text(write_nfg(game))
    process = start("solve", str(path), "--method", "enumpoly", "--timeout", "600")
    workers = wait_for_children(process, 1)
    time.sleep(1.0)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert_one_error_line(err, signal.Signals(signum).name)
    assert_all_gone(workers)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_two_core_enumeration_stops_the_polytope_worker(tmp_path, signum):
    from gamesolve.io.nfg import write_nfg
    from gamesolve.solvers.bimatrix.parallel import parallel_possible

    if not parallel_possible():
        pytest.skip("needs fork and two cores")
    rng = np.random.default_rng(3016)
    path = tmp_path / "degenerate16.nfg"
    path.write_text(write_nfg(Game.from_payoffs(rng.integers(0, 4, size=(2, 16, 16)))))
    process = start("solve", str(path), "--method", "enumerate", "--timeout", "600")
    workers = wait_for_children(process, 1)
    time.sleep(0.5)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == (130 if signum == signal.SIGINT else 128 + signum), err
    assert_one_error_line(err, signal.Signals(signum).name)
    assert_all_gone(workers)


def big_game_file(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    game = Game.from_payoffs(rng.integers(-99, 100, size=(2, 200, 200)))
    from gamesolve.io.nfg import write_nfg

    path = tmp_path / "big.nfg"
    path.write_text(write_nfg(game))
    return path


@pytest.mark.parametrize("delay", [0.2, 0.5, 0.9])
def test_sigterm_during_convert_leaves_no_temporary_file(tmp_path, delay):
    source = big_game_file(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    process = start("convert", str(source), str(out_dir / "big.yaml"))
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    # -SIGTERM: the signal came before the command started (Python still importing)
    assert process.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM), err
    if process.returncode:
        if process.returncode > 0:
            assert_one_error_line(err, "SIGTERM")
        assert os.listdir(out_dir) == []
    else:
        assert os.listdir(out_dir) == ["big.yaml"]


@pytest.mark.parametrize("exception", [KeyboardInterrupt, SystemExit, OSError])
def test_write_file_removes_its_temporary_file_on_every_exit(tmp_path, monkeypatch, exception):
    def broken_fsync(fd):
        raise exception()

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises((exception, GameError)):
        write_file(str(tmp_path / "x.yaml"), "data")
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------------- standard output
def test_full_disk_is_one_line_and_status_2():
    with open("/dev/full", "w") as full:
        result = gamesolve("analyze", GAME, stdout=full, stderr=subprocess.PIPE,
                           capture_output=False)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "No space left on device")


def test_closed_standard_output_is_one_line_and_status_2():
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys, runpy; os.close(1);"
         " sys.argv = ['gamesolve', 'analyze', sys.argv[1]];"
         " runpy.run_module('gamesolve.cli', run_name='__main__')", PD],
        env=ENV, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "standard output is closed")


def test_convert_to_a_file_needs_no_standard_output(tmp_path):
    target = tmp_path / "pd.json"
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys, runpy; os.close(1);"
         " sys.argv = ['gamesolve', 'convert', sys.argv[1], sys.argv[2]];"
         " runpy.run_module('gamesolve.cli', run_name='__main__')", PD, str(target)],
        env=ENV, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert target.exists()


# ---------------------------------------------------------------------- files
def test_unreadable_file_is_one_line(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(Path(PD).read_text())
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: check the message path as nobody would
        from gamesolve.io.source import read_text

        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        import builtins

        real_open = builtins.open
        builtins.open = denied
        try:
            with pytest.raises(GameError, match="permission denied"):
                read_text(str(path))
        finally:
            builtins.open = real_open
        return
    result = gamesolve("validate", str(path))
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "permission denied")


def test_convert_refuses_to_overwrite_its_own_input(tmp_path):
    source = tmp_path / "pd.yaml"
    text = "# a comment that YAML output would drop\n" + Path(PD).read_text()
    source.write_text(text)
    link = tmp_path / "link.yaml"
    os.link(source, link)
    for target in (source, link, tmp_path / "." / "pd.yaml"):
        result = gamesolve("convert", str(source), str(target), "--force")
        assert result.returncode == 2
        assert_one_error_line(result.stderr, "is the input file")
    assert source.read_text() == text


def test_jobs_are_capped_at_the_cores_available():
    result = gamesolve("robustness", PD, "--samples", "50", "--jobs", "1000")
    assert result.returncode == 0, result.stderr
    assert "--jobs 1000 capped at the" in result.stderr
    assert "Traceback" not in result.stderr


def test_click_does_not_check_readability_before_us(monkeypatch):
    # click.Path checks os.access(R_OK) and prints its usage block; the check is ours (as
    # root everything is readable, so the refusal is simulated here)
    from click.testing import CliRunner

    from gamesolve.cli import main

    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    result = CliRunner().invoke(main, ["validate", PD])
    assert "Usage:" not in result.output
    assert result.exit_code == 0, result.output
