"""Worker processes for sampling chunks, and their end on every exit path.

:func:`parallel_chunks` keeps a bounded number of chunks in flight (10**9 samples must not
mean 500,000 futures at once) and yields results in chunk order, so the counts do not
depend on the number of workers.  If anything interrupts the caller (Ctrl-C, SIGTERM turned
into an exception by the command line, an error), every worker is terminated and reaped
before the exception goes on: no worker outlives the command.  Workers ignore SIGINT (the
terminal sends it to the whole process group; the parent decides), take the default action
on SIGTERM and SIGHUP, and on Linux are killed when their parent dies.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..processes import become_worker, worker_context


def parallel_chunks(spec: Any, sizes: Iterable[int], seeds: Iterable[Any], workers: int,
                    initializer: Callable[[Any], None], function: Callable[[int, Any], dict]
                    ) -> Iterator[tuple[int, dict]]:
    """``(size, function(size, seed))`` for each chunk, in order, computed by ``workers``
    processes (each started with ``initializer(spec)``)."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
                               initializer=_start_worker, initargs=(initializer, spec))
    try:
        chunks = zip(sizes, seeds)
        pending: collections.deque = collections.deque(
            (m, pool.submit(function, m, ss)) for m, ss in itertools.islice(chunks, 2 * workers))
        while pending:
            m, future = pending.popleft()
            counts = future.result()
            for m_next, ss in itertools.islice(chunks, 1):
                pending.append((m_next, pool.submit(function, m_next, ss)))
            yield m, counts
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def stop_workers(pool: Any) -> None:
    """Terminate and reap every worker process of a ProcessPoolExecutor, at once."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):  # already gone
            pass
    for process in processes:
        try:
            process.join(timeout=5)
            if process.is_alive():  # pragma: no cover - ignored SIGTERM
                process.kill()
                process.join(timeout=5)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:
        pass


def _start_worker(initializer: Callable[[Any], None], spec: Any) -> None:
    become_worker()
    initializer(spec)
