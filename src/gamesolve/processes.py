"""Worker processes that never outlive the command: signals and parent-death handling.

Workers ignore SIGINT (the terminal sends it to the whole process group; the parent
decides what an interrupt means), take the default action on SIGTERM and SIGHUP, and on
Linux are killed by the kernel when their parent dies, even by SIGKILL.

On Linux workers are forked (:func:`worker_context`).  Forking is safe there because at the
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
from typing import Any


def become_worker() -> None:
    """Set up the calling (child) process as a worker, as described above."""
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
