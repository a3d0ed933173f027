"""One polytope's vertex enumeration in a worker process, beside the caller's own.

The two best-response polytopes are independent until their vertices are matched, so on
a machine with two or more cores the enumeration of Q runs in a forked worker while the
caller enumerates P: the wall time is the slower polytope's, not the sum.  The worker
sends back the whole :class:`~.polytope.Polytope` (one pickle through a pipe); it honours
the same deadline (``time.monotonic`` is one clock for all processes of the machine).
Elsewhere than on Linux the caller enumerates both polytopes itself
(:func:`parallel_possible`); if the worker fails for any reason (memory, a signal),
:meth:`VertexWorker.result` says so with None and the caller enumerates Q in-process.
The worker is terminated and reaped on every exit path of the caller (:meth:`stop`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from ...processes import become_worker, usable_cores, worker_context
from .polytope import Polytope
from .vertices import enumerate_vertices

_WAIT_GRACE = 5.0    # seconds past the deadline to wait for a worker's (partial) answer


def parallel_possible() -> bool:
    """Linux, two cores at least, and not inside a daemonic worker (which may not fork).

    Only ``fork`` starts a worker cheaply enough (a fresh interpreter costs more than the
    games worth a worker take), and only on Linux is forking a process that has used its
    BLAS safe (macOS's Accelerate is not fork-safe; Windows has no fork)."""
    import multiprocessing  # here, not at import: a small game never needs it

    return (sys.platform.startswith("linux") and usable_cores() >= 2
            and not multiprocessing.current_process().daemon)


class VertexWorker:
    """``enumerate_vertices(matrix, method, deadline)`` running in a worker process."""

    def __init__(self, matrix: Sequence[Sequence[int]], method: str, deadline: float | None):
        import multiprocessing

        # fork even off Linux when a caller asks for workers=2 (parallel_possible() is
        # where the default choice is made), as before worker_context() existed
        context = worker_context() or multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe(duplex=False)
        self._deadline = deadline
        self._answer: Any = None
        self._done = False
        self._process = context.Process(target=_serve, args=(child_end, matrix, method, deadline),
                                        daemon=True)
        self._process.start()
        child_end.close()

    def ready(self) -> bool:
        """Has the worker's answer arrived (without waiting)?"""
        if not self._done and self._conn.poll():
            self._receive()
        return self._done

    def result(self) -> Polytope | None:
        """The worker's polytope (waiting for it), or None if the worker failed."""
        while not self._done:
            wait = None if self._deadline is None else max(
                0.0, self._deadline + _WAIT_GRACE - time.monotonic())
            if self._conn.poll(wait):
                self._receive()
            elif not self._process.is_alive() or wait is not None:
                self._done = True     # died, or silent long past the deadline
        self.stop()
        return self._answer if isinstance(self._answer, Polytope) else None

    def _receive(self) -> None:
        try:
            self._answer = self._conn.recv()
        except (EOFError, OSError):
            self._answer = None
        self._done = True

    def stop(self) -> None:
        """Terminate (if still running) and reap the worker."""
        process = self._process
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        if process.is_alive():     # pragma: no cover - ignored SIGTERM
            process.kill()
            process.join(timeout=5)
        self._conn.close()


def _serve(conn, matrix, method: str, deadline: float | None) -> None:
    become_worker()
    try:
        answer: Any = enumerate_vertices(matrix, method, deadline)
    except BaseException as exc:   # the caller falls back to its own enumeration
        answer = f"{type(exc).__name__}: {exc}"
    try:
        conn.send(answer)
    finally:
        conn.close()
