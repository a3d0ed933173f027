"""pygambit's worker process, seen from gamesolve: starting it, timing it, killing it.

:func:`run_in_child` sends one request to a worker (see :mod:`.child` for what
runs inside it and the messages it exchanges), collects what comes back and kills the
worker when the time budget is spent.  The clock starts when the worker reports that
the game is built; start-up (importing pygambit, building the game) is capped on its own
by :data:`STARTUP_LIMIT`.

The worker is kept between calls, so only the first call pays for importing pygambit
(about 0.7-2 s); later calls cost well under a millisecond.  A worker that ran out of
time is killed and a new one started at once, in the background; a call made while the
shared worker is busy (another thread) gets a worker of its own.  On Linux the worker
dies with its parent (``PR_SET_PDEATHSIG``); elsewhere it exits when its stdin closes.
This module never imports pygambit itself.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import GameError
from ...extras import GAMBIT_INSTALL
from ...model import Game
from . import child as gambit_child
from .child import game_spec, read_frame, write_frame

STARTUP_LIMIT = 60.0  # seconds the child may take to import pygambit and build the game


class _Worker:
    """A Python child process with pygambit imported, serving one request at a time."""

    def __init__(self) -> None:
        if not sys.executable:
            raise GameError("cannot start a Python child process for pygambit"
                            " (sys.executable is not set)")
        src = str(Path(__file__).resolve().parents[3])
        code = (f"import sys; sys.path.insert(0, {src!r}); "
                f"from {gambit_child.__name__} import worker_main; worker_main()")
        self.owner = os.getpid()
        self.started = time.monotonic()
        self.greeted = False
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="gamesolve-pygambit-reader",
                                       daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            try:
                message = read_frame(stream)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                message = None
            if message is None:
                self.messages.put(("eof",))
                return
            self.messages.put(message)

    def usable(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def send(self, obj: Any) -> bool:
        try:
            write_frame(self.process.stdin, obj)
            return True
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        if self.owner != os.getpid():
            return
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:  # pragma: no cover
                pass


_SHARED: _Worker | None = None
_SHARED_LOCK = threading.Lock()


def _shutdown() -> None:
    global _SHARED
    if _SHARED is not None:
        _SHARED.kill()
        _SHARED = None


atexit.register(_shutdown)


@dataclass
class ChildRun:
    """What the child process produced and how it ended."""

    profiles: list = field(default_factory=list)
    status: str = "done"  # done | timeout | startup-timeout | crashed | failed
    exhaustive: bool = False
    runs: int = 0
    exit_code: int | None = None
    startup_s: float | None = None
    solve_s: float | None = None
    total_s: float = 0.0
    fresh_worker: bool = False
    info: dict = field(default_factory=dict)


def run_in_child(game: Game, method: str, options: dict, timeout: float) -> ChildRun:
    """Run ``method`` on ``game`` in the worker process, killed after ``timeout`` seconds
    of computation (start-up is capped by :data:`STARTUP_LIMIT` on its own).

    One worker is kept between calls (pygambit is imported once); a call made while it is
    busy (from another thread) gets a worker of its own.  A worker killed at the deadline
    is replaced at once (the new one starts while the caller goes on); one that crashed
    is replaced at the next call.
    """
    global _SHARED
    shared = _SHARED_LOCK.acquire(blocking=False)
    try:
        fresh = True
        if not shared:
            worker = _Worker()
        elif _SHARED is not None and _SHARED.usable():
            worker, fresh = _SHARED, False
        else:
            if _SHARED is not None:
                _SHARED.kill()
            worker = _SHARED = _Worker()
        keep = False
        try:
            run = _talk(worker, game, method, options, timeout)
            keep = shared and run.status in ("done", "failed")
        except GameError:  # pygambit refused the request: the worker itself is fine
            keep = shared and worker.usable()
            raise
        finally:
            if not keep:
                worker.kill()
                if shared:
                    _SHARED = None
        if shared and run.status == "timeout":
            # start the replacement now: it imports pygambit while the caller goes on
            _SHARED = _Worker()
        run.fresh_worker = fresh
        run.exit_code = worker.process.returncode
        return run
    finally:
        if shared:
            _SHARED_LOCK.release()


def _talk(worker: _Worker, game: Game, method: str, options: dict, timeout: float) -> ChildRun:
    run = ChildRun()
    begin = time.monotonic()
    deadline = begin + STARTUP_LIMIT
    if not worker.greeted:
        deadline = worker.started + STARTUP_LIMIT
    sent = worker.greeted and worker.send((game_spec(game, labels=False), method, options))
    ready = None
    while True:
        remaining = deadline - time.monotonic()
        try:
            message = worker.messages.get(timeout=max(remaining, 0.0)) if remaining > 0 else None
        except queue.Empty:
            message = None
        if message is None:
            run.status = "timeout" if ready is not None else "startup-timeout"
            break
        kind = message[0]
        if kind == "hello":
            worker.greeted = True
            if not worker.send((game_spec(game, labels=False), method, options)):
                run.status = "crashed"
                break
            sent = True
        elif kind == "ready" and sent:
            ready = time.monotonic()
            run.startup_s = ready - begin
            deadline = ready + timeout
        elif kind == "eq":
            run.profiles.extend(message[1])
        elif kind == "done":
            info = message[1]
            run.exhaustive = bool(info.get("exhaustive"))
            run.runs = int(info.get("runs", 1))
            run.solve_s = info.get("solve_s")
            run.info = info
            run.status = "done"
            break
        elif kind == "error":
            _, name, text = message
            if not worker.greeted and name in ("ModuleNotFoundError", "ImportError"):
                # pygambit is found but cannot be imported (a broken or partial install)
                raise GameError(f"method {method} needs pygambit, which is installed but fails"
                                f" to import ({text or name}); reinstall it with:"
                                f" {GAMBIT_INSTALL}")
            if name in ("ValueError", "TypeError"):  # pygambit's checks of the arguments
                raise GameError(f"pygambit's {method} refused the request: {text or name}")
            run.status = "failed"  # the method itself broke down (RuntimeError, ...)
            run.info = {"error": f"{name}: {text}" if text else name}
            break
        elif kind == "eof":
            run.status = "crashed"
            break
    if run.status == "timeout" and ready is not None:
        run.solve_s = time.monotonic() - ready
    run.total_s = time.monotonic() - begin
    return run
