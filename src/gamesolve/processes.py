"""Worker processes that never outlive the command: signals and parent-death handling.

Workers ignore SIGINT (the terminal sends it to the whole process group; the parent
decides what an interrupt means), take the default action on SIGTERM and SIGHUP, and on
Linux are killed by the kernel when their parent dies, even by SIGKILL.
"""

from __future__ import annotations

import os
import signal


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
