"""Equilibria of N-player games through pygambit, in a child process that can be stopped.

:func:`solve_with_gambit` hands the game (its exact payoffs) to one of pygambit's methods
running in a child process, streams back what the child finds, kills the child when the
time budget is spent, and verifies every profile in the parent before reporting it.

Time budget.  ``timeout`` counts the seconds of pygambit computation: the clock starts
when the child reports that pygambit is imported and the game is built (start-up is
measured and kept in ``details["startup_s"]``; it is capped separately at
:data:`STARTUP_LIMIT`).  When the budget is spent the child is killed and the result says
``complete=False`` with the warning ``"<method> stopped after <timeout> s: the list may
be incomplete"``.

``enumpoly`` streams: it is run first with ``stop_after`` = 1 and 4 (pygambit searches in
a fixed order, so these are quick looks at the start of the full search) and then without
a limit; each run's new profiles are sent back at once, so equilibria found before the
deadline are kept.  Only the unlimited run can make the list complete (with
``stop_after`` pygambit also caps the roots it looks for within a support).  The other
methods report at the end of their single run.

The child is a Python worker process (``python -c``, so the caller's ``__main__`` is
never re-imported) that imports pygambit once and then serves requests read from its
stdin, one at a time; messages come back as length-prefixed pickles on a private copy of
its stdout (pygambit's own output goes to the null device).  The worker is kept between
calls, so only the first call pays for importing pygambit (about 0.7-2 s); later calls
cost well under a millisecond.  A worker that ran out of time is killed and a new one
started at once, in the background; a call made while the shared worker is busy
(another thread) gets a worker of its own.  On Linux the worker dies with its parent
(``PR_SET_PDEATHSIG``); elsewhere it exits when its stdin closes.  This module never
imports pygambit itself.

Verification (:func:`verify_profiles`).  Each profile is checked in the parent:

* probabilities as Fractions (``enumpure``, ``enummixed``, ``lcp`` rational,
  ``simpdiv``) are checked exactly with :func:`base.verify_exact`;
* floats are rationalised (``Fraction.limit_denominator``, coarsest first) and, when the
  rational profile passes the exact check, reported exactly (``exact`` and
  ``exact_payoffs`` filled, regret 0);
* otherwise the float profile is kept when its max regret (:func:`base.max_regret`) is at
  most the tolerance ``REGRET_TOL * max(1, max |payoff|)`` (:func:`default_tolerance`,
  ``REGRET_TOL = 1e-6``).  An imprecise profile is first refined by Newton's method on
  the indifference equations of its support (pygambit's approximate methods stop at a
  regret of about 1e-4 to 1e-7 of the payoff range); the refinement is used only if it
  stays within 0.05 of the original and verifies with a smaller regret;
* everything else is dropped and counted in ``EquilibriumSet.rejected``, with a warning.

Equilibria closer than ``DEDUP_TOL`` (largest probability difference) are merged, the
exact or lower-regret one kept.  Order: by total support size, then by probabilities
(strategies listed first weigh most), so pure equilibria come first.

``complete`` is True only for ``enumpure`` (all pure equilibria), ``enummixed``
(two players: all extreme equilibria) and ``enumpoly`` (all equilibria of a game whose
equilibria are isolated, said in a warning), and only when the run finished within the
budget and no returned profile failed verification.

>>> from gamesolve.model import Game
>>> pennies = Game.from_payoffs([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> checked = verify_profiles(pennies, [[[0.5, 0.5], [0.5, 0.5]], [[1, 0], [1, 0]]])
>>> [e.exact for e in checked.equilibria], checked.rejected
([((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))], 1)
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import math
import numbers
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..errors import GameError
from ..model import Game
from .base import (
    Equilibrium,
    EquilibriumSet,
    expected_payoffs,
    max_regret,
    pure_equilibrium,
    verify_exact,
)

GAMBIT_METHODS = ("enumpoly", "gnm", "simpdiv", "ipa", "liap", "logit", "enumpure", "lcp",
                  "enummixed")
TWO_PLAYER_METHODS = ("lcp", "enummixed")
COMPLETE_METHODS = ("enumpure", "enummixed", "enumpoly")

REGRET_TOL = 1e-6
"""Relative regret tolerance: a float profile is an equilibrium when no player gains more
than ``REGRET_TOL * max(1, max |payoff|)`` by deviating."""
DEDUP_TOL = 1e-6  # profiles whose probabilities all differ by less are the same equilibrium
STARTUP_LIMIT = 60.0  # seconds the child may take to import pygambit and build the game
ENUMPOLY_STREAM = (1, 4)  # stop_after of enumpoly's short runs, before the full one
MAX_EXACT_WORK = 200_000  # exact verification is skipped beyond this many payoff terms
RATIONAL_LIMITS = (10, 100, 1000, 10**4, 10**6)
REFINE_DISTANCE = 0.05  # a refined profile must stay this close to the one pygambit gave
REFINE_THRESHOLDS = (1e-9, 1e-6, 1e-4, 1e-2)  # probabilities above these form the support

# ---------------------------------------------------------------------- options
def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise GameError(f"option {name} must be a positive integer, not {value!r}")
    return int(value)


def _real(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise GameError(f"option {name} must be a number, not {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise GameError(f"option {name} must be finite, not {value!r}")
    return result


def _positive(name: str, value: Any) -> float:
    result = _real(name, value)
    if result <= 0:
        raise GameError(f"option {name} must be positive, not {value!r}")
    return result


def _negative(name: str, value: Any) -> float:
    result = _real(name, value)
    if result >= 0:
        raise GameError(f"option {name} must be negative, not {value!r}")
    return result


def _at_least_one(name: str, value: Any) -> float:
    result = _real(name, value)
    if result < 1:
        raise GameError(f"option {name} must be at least 1, not {value!r}")
    return result


def _refine(name: str, value: Any) -> int:
    result = _positive_int(name, value)
    if result < 2:
        raise GameError(f"option {name} must be an integer of at least 2, not {value!r}")
    return result


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise GameError(f"option {name} must be true or false, not {value!r}")
    return value


def _rational_positive(name: str, value: Any) -> Fraction:
    try:
        result = Fraction(str(value)) if isinstance(value, str) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise GameError(f"option {name} must be a positive number, not {value!r}") from None
    if result <= 0:
        raise GameError(f"option {name} must be a positive number, not {value!r}")
    return result


def _vectors(game: Game, name: str, value: Any, exact: bool, mixed: bool) -> list[list]:
    """A number per strategy of each player (a mixed profile when ``mixed``)."""
    shape = game.shape
    try:
        rows = [list(row) for row in value]
    except TypeError:
        rows = None
    if rows is None or len(rows) != len(shape) or any(
            len(row) != s for row, s in zip(rows, shape, strict=True)):
        raise GameError(f"option {name} must give a number for each strategy of each player"
                        f" (shape {list(shape)})")
    out = []
    for p, row in enumerate(rows):
        try:
            numbers_ = [Fraction(str(x)) if isinstance(x, str) else Fraction(x) for x in row]
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            raise GameError(f"option {name}: player {p + 1}'s entries must be numbers") from None
        if mixed and (any(x < 0 for x in numbers_) or sum(numbers_) != 1):
            if any(x < 0 for x in numbers_) or abs(float(sum(numbers_)) - 1) > 1e-9:
                raise GameError(f"option {name}: player {p + 1}'s probabilities must be"
                                " non-negative and sum to 1")
            total = sum(numbers_)
            numbers_ = [x / total for x in numbers_]
        out.append(numbers_ if exact else [float(x) for x in numbers_])
    return out


def _profile_option(exact: bool, mixed: bool) -> Callable:
    def check(game: Game, name: str, value: Any) -> list[list]:
        return _vectors(game, name, value, exact, mixed)
    check.needs_game = True  # type: ignore[attr-defined]
    return check


_OPTIONS: dict[str, dict[str, Callable]] = {
    "enumpoly": {"stop_after": _positive_int, "maxregret": _positive},
    "gnm": {"perturbation": _profile_option(exact=False, mixed=False),
            "end_lambda": _negative, "steps": _positive_int,
            "local_newton_interval": _positive_int, "local_newton_maxits": _positive_int},
    "simpdiv": {"start": _profile_option(exact=True, mixed=True),
                "maxregret": _rational_positive, "refine": _refine, "leash": _positive_int},
    "ipa": {"perturbation": _profile_option(exact=False, mixed=False)},
    "liap": {"start": _profile_option(exact=False, mixed=True), "maxregret": _positive,
             "maxiter": _positive_int},
    "logit": {"maxregret": _positive, "first_step": _positive, "max_accel": _at_least_one},
    "enumpure": {},
    "lcp": {"rational": _flag, "stop_after": _positive_int, "max_depth": _positive_int},
    "enummixed": {"rational": _flag},
}


def _check_request(game: Game, method: str, timeout: Any, options: dict) -> tuple[float, dict]:
    if method not in GAMBIT_METHODS:
        raise GameError(f"unknown pygambit method {method!r}"
                        f" (choose from {', '.join(GAMBIT_METHODS)})")
    if isinstance(timeout, bool) or not isinstance(timeout, numbers.Real) or not (
            float(timeout) > 0 and math.isfinite(float(timeout))):
        raise GameError(f"timeout must be a positive number of seconds, not {timeout!r}")
    if method in TWO_PLAYER_METHODS and game.n_players != 2:
        count = f"{game.n_players} player{'s' if game.n_players != 1 else ''}"
        raise GameError(f"method {method} needs a two-player game; this one has {count}"
                        " (try enumpoly, gnm or simpdiv)")
    allowed = _OPTIONS[method]
    checked = {}
    for name, value in options.items():
        if name not in allowed:
            valid = ", ".join(sorted(allowed)) or "none"
            raise GameError(f"method {method} has no option {name!r} (options: {valid})")
        check = allowed[name]
        if getattr(check, "needs_game", False):
            checked[name] = check(game, name, value)
        else:
            checked[name] = check(name, value)
    return float(timeout), checked


def default_tolerance(game: Game) -> float:
    """The regret a float profile may have and still count as an equilibrium.

    >>> from gamesolve.model import Game
    >>> default_tolerance(Game.from_payoffs([[[1, -250]], [[3, 4]]]))
    0.00025
    """
    largest = float(np.abs(game.payoffs).max(initial=0.0))
    return REGRET_TOL * max(1.0, largest)


# ---------------------------------------------------------------------- pygambit game
def _game_spec(game: Game) -> dict:
    """Everything the child needs to rebuild the game, in plain picklable Python."""
    payoffs = []
    for p in range(game.n_players):
        d = game.denominators[p]
        payoffs.append([str(Fraction(int(v), d)) for v in game.scaled[p].ravel()])
    return {
        "title": game.title,
        "players": [(player.name, list(player.ids)) for player in game.players],
        "shape": list(game.shape),
        "payoffs": payoffs,
    }


def _build_pygambit(spec: dict):
    import pygambit as gbt

    g = gbt.Game.new_table(spec["shape"])
    if spec["title"]:
        g.title = spec["title"]
    players = list(g.players)
    for player, (name, ids) in zip(players, spec["players"], strict=True):
        player.label = name
        for strategy, sid in zip(player.strategies, ids, strict=True):
            strategy.label = sid
    columns = spec["payoffs"]
    for k, profile in enumerate(itertools.product(*(range(s) for s in spec["shape"]))):
        outcome = g[profile]
        for p, player in enumerate(players):
            outcome[player] = columns[p][k]
    return g


def to_pygambit(game: Game):
    """The game as a ``pygambit.Game``: exact payoffs, player names, strategy ids, title.

    Payoffs are passed as exact rationals (text ``p/q``), never as floats, so pygambit's
    rational methods work on the very game gamesolve read.
    """
    return _build_pygambit(_game_spec(game))


# ---------------------------------------------------------------------- the child
def _encode(profile, players) -> list[list]:
    """A pygambit mixed profile as lists of Fractions (rational) or floats."""
    out = []
    for player in players:
        row = []
        for strategy in player.strategies:
            x = profile[strategy]
            if isinstance(x, Fraction):
                row.append(Fraction(x.numerator, x.denominator))
            else:
                row.append(float(x))
        out.append(row)
    return out


def _mixed(g, values: list[list], rational: bool):
    profile = g.mixed_strategy_profile(rational=rational)
    for player, row in zip(g.players, values, strict=True):
        for strategy, x in zip(player.strategies, row, strict=True):
            profile[strategy] = Fraction(x) if rational else float(x)
    return profile


def _run_method(g, method: str, options: dict, send: Callable[[list], None]) -> dict:
    """Run one pygambit method, sending found profiles through ``send``."""
    import pygambit as gbt

    nash = gbt.nash
    players = list(g.players)
    runs = 0
    if method == "enumpoly":
        # Short runs first (stop_after = 1, 4) so that something is found before a
        # deadline; then the authoritative run.  Only an unlimited run can prove the list
        # complete: with stop_after, pygambit also caps the roots it looks for within
        # each support, and may skip an equilibrium after a root it rejected.
        user_limit = options.pop("stop_after", None)
        pending = [k for k in ENUMPOLY_STREAM if user_limit is None or k < user_limit]
        pending.append(user_limit)  # None: unlimited
        seen: set = set()
        while pending:
            limit = pending.pop(0)
            result = nash.enumpoly_solve(g, use_strategic=True, stop_after=limit, **options)
            runs += 1
            fresh = []
            for eq in result.equilibria:
                encoded = _encode(eq, players)
                key = tuple(tuple(row) for row in encoded)
                if key not in seen:
                    seen.add(key)
                    fresh.append(encoded)
            if fresh:
                send(fresh)
            if limit is not None and len(result.equilibria) < limit:
                pending = pending[-1:]  # the search ended early: straight to the last run
        if user_limit is not None:
            return {"exhaustive": False, "runs": runs, "stopped_after": user_limit}
        return {"exhaustive": True, "runs": runs}
    if method == "enumpure":
        result = nash.enumpure_solve(g)
    elif method == "enummixed":
        result = nash.enummixed_solve(g, **options)
    elif method == "lcp":
        result = nash.lcp_solve(g, use_strategic=True, **options)
    elif method in ("gnm", "ipa"):
        start = options.pop("perturbation", None)
        first = _mixed(g, start, rational=False) if start is not None else g
        solver = nash.gnm_solve if method == "gnm" else nash.ipa_solve
        result = solver(first, **options)
    elif method == "simpdiv":
        start = options.pop("start", None)
        if "maxregret" in options:
            options["maxregret"] = gbt.Rational(str(options["maxregret"]))
        first = (_mixed(g, start, rational=True) if start is not None
                 else g.mixed_strategy_profile(rational=True))
        result = nash.simpdiv_solve(first, **options)
    elif method == "liap":
        start = options.pop("start", None)
        first = (_mixed(g, start, rational=False) if start is not None
                 else g.mixed_strategy_profile(rational=False))
        result = nash.liap_solve(first, **options)
    elif method == "logit":
        result = nash.logit_solve(g, use_strategic=True, **options)
    else:  # pragma: no cover - checked by the parent
        raise ValueError(f"unknown method {method}")
    found = [_encode(eq, players) for eq in result.equilibria]
    if found:
        send(found)
    stopped = options.get("stop_after")
    exhaustive = not (stopped is not None and len(found) >= stopped)
    return {"exhaustive": exhaustive, "runs": 1}


def _serve(spec: dict, method: str, options: dict, send: Callable[[tuple], None]) -> None:
    """Worker side of one request: build the game, say ready, run, stream the results."""
    try:
        g = _build_pygambit(spec)
        send(("ready",))
        started = time.perf_counter()
        info = _run_method(g, method, dict(options), lambda found: send(("eq", found)))
        info["solve_s"] = time.perf_counter() - started
        send(("done", info))
    except Exception as exc:  # any failure of pygambit goes to the parent, which decides
        send(("error", type(exc).__name__, " ".join(str(exc).split())))


_HEADER = struct.Struct(">Q")


def _write_frame(stream, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream, n: int) -> bytes | None:
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream) -> Any:
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    data = _read_exactly(stream, _HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the process that started it dies
    (pygambit holds the GIL while it computes, so no watchdog thread could)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _worker_main() -> None:
    """Entry point of the worker process: import pygambit once, then serve requests
    read from stdin, one at a time, until stdin closes."""
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # stray output of pygambit must not corrupt the message stream
    sys.stdout = os.fdopen(os.dup(devnull), "w")
    _die_with_parent()
    try:
        import pygambit  # noqa: F401  (the slow part: done once per worker)
    except Exception as exc:  # reported to the parent
        _write_frame(out, ("error", type(exc).__name__, str(exc)))
        return
    _write_frame(out, ("hello", os.getpid()))
    while True:
        request = _read_frame(sys.stdin.buffer)
        if request is None:
            return
        spec, method, options = request
        _serve(spec, method, options, lambda message: _write_frame(out, message))


class _Worker:
    """A Python child process with pygambit imported, serving one request at a time."""

    def __init__(self) -> None:
        if not sys.executable:
            raise GameError("cannot start a Python child process for pygambit"
                            " (sys.executable is not set)")
        src = str(Path(__file__).resolve().parents[2])
        code = (f"import sys; sys.path.insert(0, {src!r}); "
                f"from {__name__} import _worker_main; _worker_main()")
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
                message = _read_frame(stream)
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
            _write_frame(self.process.stdin, obj)
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
    sent = worker.greeted and worker.send((_game_spec(game), method, options))
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
            if not worker.send((_game_spec(game), method, options)):
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


# ---------------------------------------------------------------------- verification
class Verification(NamedTuple):
    """Verified, deduplicated, ordered equilibria and counts of what happened on the way."""

    equilibria: tuple[Equilibrium, ...]
    rejected: int
    refined: int
    duplicates: int


def _is_exact_number(x: Any) -> bool:
    return isinstance(x, (Fraction, numbers.Integral)) and not isinstance(x, bool)


def _exact_work(game: Game, supports: Sequence[int]) -> int:
    total = 0
    for p in range(game.n_players):
        others = 1
        for q, k in enumerate(supports):
            if q != p:
                others *= k
        total += game.shape[p] * others
    return total


def _exact_record(game: Game, exact: Sequence[Sequence[Fraction]]) -> Equilibrium | None:
    """An Equilibrium when the rational profile passes the exact check, else None."""
    supports = [sum(1 for x in row if x != 0) for row in exact]
    if _exact_work(game, supports) > MAX_EXACT_WORK:
        return None
    exact_payoffs = verify_exact(game, exact)
    if exact_payoffs is None:
        return None
    exact = tuple(tuple(Fraction(x) for x in row) for row in exact)
    if all(sum(1 for x in row if x != 0) == 1 for row in exact):
        profile = tuple(row.index(Fraction(1)) for row in exact)
        return pure_equilibrium(game, profile)
    return Equilibrium(
        strategies=tuple(tuple(float(x) for x in row) for row in exact),
        payoffs=tuple(float(v) for v in exact_payoffs),
        pure=False,
        exact=exact,
        exact_payoffs=exact_payoffs,
        regret=0.0,
    )


def _rational_candidates(strategies: Sequence[np.ndarray]):
    """Rational profiles near the float one, coarsest denominators first."""
    seen = set()
    for limit in RATIONAL_LIMITS:
        rows = []
        for row in strategies:
            fracs = [Fraction(float(x)).limit_denominator(limit) for x in row]
            total = sum(fracs)
            if total <= 0:
                break
            rows.append(tuple(f / total for f in fracs))
        else:
            candidate = tuple(rows)
            close = all(abs(float(f) - float(x)) <= 1e-7
                        for row, frow in zip(strategies, candidate, strict=True)
                        for x, f in zip(row, frow, strict=True))
            if close and candidate not in seen:
                seen.add(candidate)
                yield candidate


def _contract(tensor: np.ndarray, strategies: Sequence[np.ndarray], keep: Sequence[int]):
    """Contract every player's axis except those in ``keep`` with their mixed strategy."""
    result = tensor
    for q in reversed(range(len(strategies))):
        if q not in keep:
            result = np.tensordot(result, strategies[q], axes=([q], [0]))
    return result


def _newton(game: Game, strategies: Sequence[np.ndarray], threshold: float):
    """Solve the indifference equations on the support {x > threshold} by Newton's method.

    Returns the refined profile (full length, zeros off the support) or None.
    """
    n = game.n_players
    supports = [np.flatnonzero(row > threshold) for row in strategies]
    if any(len(s) == 0 for s in supports):
        return None
    scale = max(1.0, float(np.abs(game.payoffs).max(initial=0.0)))
    sub = game.payoffs[(slice(None), *np.ix_(*supports))] / scale
    y = [np.asarray(row[s], dtype=float) / float(row[s].sum())
         for row, s in zip(strategies, supports, strict=True)]
    sizes = [len(s) for s in supports]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    m = int(offsets[-1])
    residual = math.inf
    for _ in range(40):
        F = np.zeros(m)
        J = np.zeros((m, m))
        row = 0
        for p in range(n):
            k = sizes[p]
            if k > 1:
                dev = _contract(sub[p], y, (p,))
                F[row:row + k - 1] = dev[1:] - dev[0]
                for q in range(n):
                    if q == p:
                        continue
                    M = _contract(sub[p], y, (min(p, q), max(p, q)))
                    if p > q:
                        M = M.T
                    J[row:row + k - 1, offsets[q]:offsets[q + 1]] = M[1:, :] - M[0, :]
            row += k - 1
            F[row] = y[p].sum() - 1.0
            J[row, offsets[p]:offsets[p + 1]] = 1.0
            row += 1
        residual = float(np.abs(F).max())
        if residual <= 1e-14:
            break
        step = np.linalg.lstsq(J, -F, rcond=None)[0]
        if not np.all(np.isfinite(step)):
            return None
        for p in range(n):
            y[p] = y[p] + step[offsets[p]:offsets[p + 1]]
    if residual > 1e-11 or any(np.any(row < -1e-12) for row in y):
        return None
    out = []
    for p in range(n):
        full = np.zeros(game.shape[p])
        full[supports[p]] = np.clip(y[p], 0.0, None)
        out.append(full / full.sum())
    return out


def _float_record(game: Game, strategies: Sequence[np.ndarray], regret: float) -> Equilibrium:
    floats = tuple(tuple(float(x) for x in row) for row in strategies)
    return Equilibrium(
        strategies=floats,
        payoffs=tuple(float(v) for v in expected_payoffs(game, floats)),
        pure=all(all(x in (0.0, 1.0) for x in row) for row in floats),
        regret=regret,
    )


def _exact_from_floats(game: Game, strategies: Sequence[np.ndarray]) -> Equilibrium | None:
    for candidate in _rational_candidates(strategies):
        record = _exact_record(game, candidate)
        if record is not None:
            return record
    return None


def verify_one(game: Game, profile: Sequence[Sequence[Any]],
               tol: float | None = None) -> tuple[Equilibrium | None, bool]:
    """Check one profile (a probability list per player, Fractions or floats).

    Returns ``(equilibrium or None, refined)``: None when it is not an equilibrium within
    ``tol`` (default :func:`default_tolerance`); ``refined`` when Newton refinement was
    needed to make it one.
    """
    tol = default_tolerance(game) if tol is None else tol
    try:
        rows = [list(row) for row in profile]
    except TypeError:
        return None, False
    if len(rows) != game.n_players or any(
            len(r) != s for r, s in zip(rows, game.shape, strict=True)):
        return None, False
    if all(_is_exact_number(x) for row in rows for x in row):
        record = _exact_record(game, [[Fraction(x) for x in row] for row in rows])
        if record is not None:
            return record, False
    try:
        strategies = [np.asarray([float(x) for x in row], dtype=float) for row in rows]
    except (TypeError, ValueError, OverflowError):
        return None, False
    for row in strategies:
        if not np.all(np.isfinite(row)) or row.min() < -1e-6 or abs(row.sum() - 1) > 1e-6:
            return None, False
    strategies = [np.clip(row, 0.0, None) / np.clip(row, 0.0, None).sum() for row in strategies]
    record = _exact_from_floats(game, strategies)
    if record is not None:
        return record, False
    regret = max_regret(game, strategies)
    best, best_regret, refined = strategies, regret, False
    if regret > tol * 1e-3:
        for threshold in REFINE_THRESHOLDS:
            candidate = _newton(game, strategies, threshold)
            if candidate is None:
                continue
            distance = max(float(np.abs(a - b).max())
                           for a, b in zip(candidate, strategies, strict=True))
            if distance > REFINE_DISTANCE:
                continue
            candidate_regret = max_regret(game, candidate)
            if candidate_regret < best_regret:
                best, best_regret, refined = candidate, candidate_regret, True
        if refined:
            record = _exact_from_floats(game, best)
            if record is not None:
                return record, True
    if best_regret <= tol:
        return _float_record(game, best, best_regret), refined
    return None, False


def _sort_key(eq: Equilibrium):
    flat = [x for row in eq.strategies for x in row]
    support = sum(1 for x in flat if x > 1e-9)
    return (support, tuple(-round(x, 9) for x in flat))


def _same(a: Equilibrium, b: Equilibrium) -> bool:
    return all(abs(x - y) <= DEDUP_TOL
               for ra, rb in zip(a.strategies, b.strategies, strict=True)
               for x, y in zip(ra, rb, strict=True))


def _better(a: Equilibrium, b: Equilibrium) -> bool:
    """Is ``a`` the better record of the same equilibrium (exact first, then regret)?"""
    if (a.exact is not None) != (b.exact is not None):
        return a.exact is not None
    return a.regret < b.regret


def verify_profiles(game: Game, profiles: Sequence[Sequence[Sequence[Any]]],
                    tol: float | None = None) -> Verification:
    """Verify, deduplicate and order candidate equilibria (see the module docstring)."""
    kept: list[Equilibrium] = []
    rejected = refined = duplicates = 0
    for profile in profiles:
        record, was_refined = verify_one(game, profile, tol)
        if record is None:
            rejected += 1
            continue
        refined += was_refined
        for i, other in enumerate(kept):
            if _same(record, other):
                duplicates += 1
                if _better(record, other):
                    kept[i] = record
                break
        else:
            kept.append(record)
    kept.sort(key=_sort_key)
    return Verification(tuple(kept), rejected, refined, duplicates)


# ---------------------------------------------------------------------- the result
def _plain(value: Any) -> Any:
    """Options as JSON-friendly values (Fractions as text)."""
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def build_result(game: Game, method: str, run: ChildRun, timeout: float,
                 tol: float | None = None, options: dict | None = None) -> EquilibriumSet:
    """Turn what the child produced into a verified :class:`EquilibriumSet`."""
    tol = default_tolerance(game) if tol is None else tol
    checked = verify_profiles(game, run.profiles, tol)
    warnings = []
    finished = run.status == "done"
    if run.status == "timeout":
        warnings.append(f"{method} stopped after {timeout:g} s: the list may be incomplete")
    elif run.status == "startup-timeout":
        warnings.append(f"pygambit did not start within {STARTUP_LIMIT:g} s; no equilibria"
                        " were computed")
    elif run.status == "failed":
        warnings.append(f"pygambit's {method} failed ({run.info.get('error')}): the list may"
                        " be incomplete")
    elif run.status == "crashed":
        warnings.append(f"pygambit's {method} stopped unexpectedly (exit code"
                        f" {run.exit_code}): the list may be incomplete")
    elif not run.exhaustive and "stopped_after" in run.info:
        warnings.append(f"{method} was limited to {run.info['stopped_after']} equilibria"
                        " (stop_after): the list may be incomplete")
    if checked.rejected:
        plural = "s" if checked.rejected != 1 else ""
        text = (f"{checked.rejected} profile{plural} returned by {method} failed verification"
                f" (max regret above {tol:.3g}) and {'were' if plural else 'was'} dropped")
        if method in COMPLETE_METHODS:
            text += ": the list may be incomplete"
        warnings.append(text)
    complete = (method in COMPLETE_METHODS and finished and run.exhaustive
                and checked.rejected == 0)
    if complete and method == "enumpoly":
        warnings.append("enumpoly's list is complete only if the game's equilibria are"
                        " isolated (true for generic payoffs); a continuum of equilibria"
                        " may be missed or represented by a few of its points")
    details = {
        "engine": "pygambit",
        "status": run.status,
        "timeout": timeout,
        "tolerance": tol,
        "returned": len(run.profiles),
        "refined": checked.refined,
        "duplicates": checked.duplicates,
        "runs": run.runs,
        "fresh_worker": run.fresh_worker,
        "startup_s": run.startup_s,
        "solve_s": run.solve_s,
        "total_s": run.total_s,
    }
    if options:
        details["options"] = {k: _plain(v) for k, v in options.items()}
    return EquilibriumSet(
        equilibria=checked.equilibria,
        method=method,
        complete=complete,
        warnings=tuple(warnings),
        rejected=checked.rejected,
        details=details,
    )


def solve_with_gambit(game: Game, method: str, timeout: float = 10.0, *,
                      regret_tolerance: float | None = None, **options: Any) -> EquilibriumSet:
    """Equilibria of ``game`` by pygambit's ``method``, stopped after ``timeout`` seconds.

    ``options`` go to the pygambit function (checked first; see ``_OPTIONS`` for the
    names each method takes, e.g. ``stop_after`` and ``maxregret`` for enumpoly, ``start``
    for simpdiv and liap, ``perturbation`` for gnm and ipa).  ``regret_tolerance``
    overrides :func:`default_tolerance`.  Raises :class:`GameError` for an unknown method
    or option, a timeout that is not positive, a two-player method on another game, or a
    pygambit failure.
    """
    timeout, checked = _check_request(game, method, timeout, options)
    if regret_tolerance is not None:
        regret_tolerance = _positive("regret_tolerance", regret_tolerance)
    run = run_in_child(game, method, checked, timeout)
    return build_result(game, method, run, timeout, regret_tolerance, checked)
