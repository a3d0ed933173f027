"""Faults around a command: signals, standard output closed or full.

* SIGTERM and SIGHUP become an :class:`Interrupted` exception in the main thread, so every
  ``finally`` runs: the temporary file of an output is removed
  (:func:`gamesolve.io.writers.write_file`), sampling workers are terminated
  (:mod:`gamesolve.robustness.pool`), the pygambit worker is killed at exit
  (:mod:`gamesolve.solvers.gambit.worker`); the command then exits ``128 + signal``.
  SIGINT is Python's KeyboardInterrupt, handled the same way, exit 130.
* Standard output closed at start (``>&-``): the first write fails (instead of click
  silently writing nothing), and so does a full disk (``> /dev/full``): one line, exit 2.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

CAUGHT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                       if hasattr(signal, name))
WRITE_ERRNOS = {errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS,
                errno.EINVAL}


class Interrupted(BaseException):
    """A terminating signal arrived (a BaseException: nothing may swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:  # pragma: no cover
            return f"signal {self.signum}"


def _raise(signum: int, frame) -> None:
    raise Interrupted(signum)


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGTERM/SIGHUP raise :class:`Interrupted` (main thread only);
    the previous handlers come back after it (the test suite runs commands in-process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in CAUGHT_SIGNALS:
        try:
            previous[signum] = signal.signal(signum, _raise)
        except (OSError, ValueError):  # pragma: no cover
            pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class ClosedOutput(io.TextIOBase):
    """Stands for a standard output that was closed before we started: writing fails."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def guard_closed_stdout() -> None:
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


def flush_stdout() -> None:
    """Flush now, so a full disk is reported while we can still say so."""
    if sys.stdout is not None and not isinstance(sys.stdout, ClosedOutput):
        sys.stdout.flush()


def is_write_error(exc: OSError) -> bool:
    return exc.errno in WRITE_ERRNOS


def discard_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of what could
    not be written does not print a second error."""
    if sys.stdout is sys.__stdout__ or isinstance(sys.stdout, ClosedOutput):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.close(devnull)
        except OSError:  # pragma: no cover
            pass
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:  # pragma: no cover
        pass
