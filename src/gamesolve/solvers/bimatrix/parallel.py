"""One polytope's vertex enumeration in a worker process, beside the caller's own.

The two best-response polytopes are independent until their vertices are matched, so on
a machine with two or more cores the enumeration of Q runs in a forked worker while the
caller enumerates P: the wall time is the slower polytope's, not the sum.  The worker
(:class:`~gamesolve.processes.ForkedTask`) sends back the whole
:class:`~.polytope.Polytope` as one pickle through a pipe; it honours the same deadline
(``time.monotonic`` is one clock for all processes of the machine).  Elsewhere than on
Linux the caller enumerates both polytopes itself (:func:`parallel_possible`); if the
worker fails for any reason (memory, a signal), :meth:`VertexWorker.result` says so with
None and the caller enumerates Q in-process.  The worker is terminated and reaped on
every exit path of the caller (:meth:`VertexWorker.stop`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from ...processes import ForkedTask, in_worker, usable_cores
from .polytope import Polytope
from .vertices import enumerate_vertices

_WAIT_GRACE = 5.0    # seconds past the deadline to wait for a worker's (partial) answer


def parallel_possible() -> bool:
    """Linux, two cores at least, and not inside a worker process already.

    Only ``fork`` starts a worker cheaply enough (a fresh interpreter costs more than the
    games worth a worker take), and only on Linux is forking a process that has used its
    BLAS safe (macOS's Accelerate is not fork-safe; Windows has no fork)."""
    return sys.platform.startswith("linux") and usable_cores() >= 2 and not in_worker()


class VertexWorker:
    """``enumerate_vertices(matrix, method, deadline)`` running in a worker process."""

    def __init__(self, matrix: Sequence[Sequence[int]], method: str, deadline: float | None):
        self._deadline = deadline
        self._answer: Polytope | None = None
        self._done = False
        # the name is looked up in the child, so a test can make the worker fail
        self._task = ForkedTask(lambda: enumerate_vertices(matrix, method, deadline))

    def ready(self) -> bool:
        """Has the worker's answer arrived (without waiting)?"""
        if not self._done and self._task.ready(0.0):
            self._receive()
        return self._done

    def result(self) -> Polytope | None:
        """The worker's polytope (waiting for it), or None if the worker failed."""
        if not self._done:
            wait = None if self._deadline is None else max(
                0.0, self._deadline + _WAIT_GRACE - time.monotonic())
            if self._task.ready(wait):
                self._receive()
            self._done = True     # answered, died, or silent long past the deadline
        self.stop()
        return self._answer

    def _receive(self) -> None:
        ok, answer = self._task.result()
        self._answer = answer if ok and isinstance(answer, Polytope) else None
        self._done = True

    def stop(self) -> None:
        """Terminate (if still running) and reap the worker."""
        self._task.stop()
