"""Worker processes that never outlive the command: signals and parent-death handling.

Workers ignore SIGINT (the terminal sends it to the whole process group; the parent
decides what an interrupt means), take the default action on SIGTERM and SIGHUP, and on
Linux are killed by the kernel when their parent dies, even by SIGKILL.

On Linux workers are forked (the robustness pool through :func:`worker_context`, the
two-player solver's polytope worker by :class:`ForkedTask`).  Forking is safe there because at the
instant of the fork the process has one thread: gamesolve starts no threads of its own, and
the OpenBLAS of numpy's and scipy's wheels stops its thread pool in a ``pthread_atfork``
handler and starts it again when next needed.  (Measured on CPython 3.12.1 and 3.13.0: 2 or 3
threads just before ``os.fork``, 1 right after it in the parent and in the child, so their
"This process is multi-threaded, use of fork() may lead to deadlocks" DeprecationWarning,
which counts the threads after the fork, never fires for ``gamesolve solve`` or
``gamesolve robustness --jobs 2``; ``tests/test_processes.py`` keeps it so.  A program that
calls gamesolve while threads of its own run does get the warning, and rightly.)
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

_IN_WORKER = False   # set in a worker by become_worker()


def become_worker() -> None:
    """Set up the calling (child) process as a worker, as described above."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    die_with_parent()


def die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_context() -> Any:
    """The :mod:`multiprocessing` context workers start in: ``fork`` on Linux, else None
    (the platform's default: ``spawn`` on macOS and Windows, where forking a process that has
    used its BLAS is not safe).

    Named rather than left to the default because Python 3.14 makes ``forkserver`` the
    default on Linux: a fork costs far less than a fresh interpreter importing numpy, and
    the worker inherits the game already loaded."""
    if not sys.platform.startswith("linux"):
        return None
    import multiprocessing  # here, not at import: a small game never needs it

    return multiprocessing.get_context("fork")


def in_worker() -> bool:
    """Is this process a worker (set up by :func:`become_worker`)?  Workers start no
    workers of their own: their parent already keeps the cores busy."""
    return _IN_WORKER


class ForkedTask:
    """``task()`` computed in a forked child process; its result comes back pickled
    through a pipe.

    Plain ``os.fork`` and ``os.pipe``: importing :mod:`multiprocessing` and its
    connection machinery costs about 25 ms, more than the games worth a worker save.
    The child is a worker (:func:`become_worker`), writes one pickle and leaves with
    ``os._exit``, so none of the parent's exit handlers or buffered output run twice.
    :meth:`result` gives ``(True, value)``, or ``(False, why)`` when the task raised, the
    child died or sent nothing readable; :meth:`stop` terminates (if still running) and
    reaps the child, and is safe to call more than once.
    """

    def __init__(self, task: Callable[[], Any]):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:   # the child: never returns
            _serve(task, read_fd, write_fd)
        os.close(write_fd)
        self.pid = pid
        self._fd: int | None = read_fd
        self._reaped = False

    def ready(self, timeout: float | None = 0.0) -> bool:
        """Has the child started sending its answer (or ended) within ``timeout`` seconds
        (None: wait as long as it takes)?"""
        import select

        if self._fd is None:
            return True
        readable, _, _ = select.select([self._fd], [], [], timeout)
        return bool(readable)

    def result(self) -> tuple[bool, Any]:
        """The child's answer, reading it to the end (call once :meth:`ready` says so)."""
        import pickle

        chunks = []
        if self._fd is not None:
            try:
                while chunk := os.read(self._fd, 1 << 20):
                    chunks.append(chunk)
            finally:
                self.stop()
        try:
            ok, value = pickle.loads(b"".join(chunks))
        except Exception:   # nothing sent (the child died) or cut short
            return False, "the worker process ended without an answer"
        return bool(ok), value

    def stop(self) -> None:
        """Terminate the child if it still runs, reap it, close the pipe."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._reaped:
            return
        self._reaped = True
        if _reap(self.pid, 0.0):
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        if not _reap(self.pid, 5.0):   # pragma: no cover - SIGTERM ignored
            os.kill(self.pid, signal.SIGKILL)
            _reap(self.pid, None)


def _reap(pid: int, within: float | None) -> bool:
    """Reap child ``pid`` if it ends within ``within`` seconds (None: wait for it)."""
    import time

    if within is None:
        os.waitpid(pid, 0)
        return True
    end = time.monotonic() + within
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.005)


def _serve(task: Callable[[], Any], read_fd: int, write_fd: int) -> None:
    try:
        os.close(read_fd)
        become_worker()
        import pickle

        try:
            answer: tuple[bool, Any] = (True, task())
        except BaseException as exc:   # the parent decides what a failure means
            answer = (False, f"{type(exc).__name__}: {exc}")
        view = memoryview(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(write_fd, view):]
    finally:
        os._exit(0)
