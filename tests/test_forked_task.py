"""The forked task behind the two-core enumeration (processes.ForkedTask): answers, failures,
no child left behind."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from gamesolve.processes import ForkedTask, in_worker

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork")


def reaped(pid: int) -> bool:
    """True when ``pid`` is no child of ours any more (ended and reaped)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_answer_comes_back_whole_and_the_child_is_reaped():
    big = list(range(300_000))   # several pipe buffers: the parent reads while the child writes
    task = ForkedTask(lambda: (in_worker(), os.getpid(), big))
    assert task.ready(None)
    ok, (worker_flag, child_pid, value) = task.result()
    assert ok and worker_flag and child_pid == task.pid != os.getpid() and value == big
    assert not in_worker() and reaped(task.pid)


def test_an_exception_in_the_task_is_reported_not_raised():
    def broken():
        raise MemoryError("no room")

    task = ForkedTask(broken)
    assert task.ready(None)
    assert task.result() == (False, "MemoryError: no room")
    assert reaped(task.pid)


def test_a_killed_child_gives_no_answer():
    task = ForkedTask(lambda: time.sleep(60))
    os.kill(task.pid, signal.SIGKILL)
    assert task.ready(10.0)
    ok, why = task.result()
    assert not ok and "without an answer" in why
    assert reaped(task.pid)


def test_stop_ends_a_running_child_and_may_be_repeated():
    task = ForkedTask(lambda: time.sleep(60))
    assert not task.ready(0.05)
    start = time.monotonic()
    task.stop()
    task.stop()
    assert time.monotonic() - start < 5 and reaped(task.pid)


def test_the_child_leaves_the_parents_buffered_output_alone(capfd):
    print("written once", end="")   # still in the parent's buffer at the fork
    task = ForkedTask(lambda: 1)
    assert task.ready(None) and task.result() == (True, 1)
    sys.stdout.flush()
    assert capfd.readouterr().out == "written once"


def test_a_worker_starts_no_polytope_worker_of_its_own():
    from gamesolve.solvers.bimatrix.parallel import parallel_possible

    task = ForkedTask(parallel_possible)
    assert task.ready(None) and task.result() == (True, False)
