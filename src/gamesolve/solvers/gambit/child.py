"""The code that runs inside pygambit's worker process, and the messages it exchanges.

The worker is a Python process started with ``python -c`` (so the caller's ``__main__``
is never re-imported) that runs :func:`worker_main`: it imports pygambit once and then
serves requests read from its stdin, one at a time.  It says ``("hello", pid)`` once
pygambit is imported.  A request is ``(spec, method, options)``, where ``spec`` is
:func:`game_spec` of the game; the answers are ``("ready",)`` once the game is built,
``("eq", profiles)`` as profiles are found, then ``("done", info)`` or ``("error", name,
text)``.  Messages go both ways as length-prefixed pickles;
the answers travel on a private copy of the worker's stdout, because pygambit's own
output goes to the null device.  This module imports pygambit only inside the functions
the worker runs, and nothing of gamesolve, so the worker starts quickly.

``enumpoly`` streams: it is run first with ``stop_after`` = 1 and 4 (pygambit searches in
a fixed order, so these are quick looks at the start of the full search) and then without
a limit; each run's new profiles are sent back at once, so equilibria found before the
deadline are kept.  Only the unlimited run can make the list complete (with
``stop_after`` pygambit also caps the roots it looks for within a support).  The other
methods report at the end of their single run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import struct
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...model import Game

ENUMPOLY_STREAM = (1, 4)  # stop_after of enumpoly's short runs, before the full one


def game_spec(game: Game, labels: bool = True) -> dict:
    """Everything the child needs to rebuild the game, in plain picklable Python.

    Without ``labels`` the pygambit game keeps its own labels ("1", "2", ...) and no
    title: what the solver sends, since answers come back by position and Gambit refuses
    names that are not plain ASCII (an Azerbaijani player name must not stop a solve).
    """
    payoffs = []
    for p in range(game.n_players):
        d = game.denominators[p]
        payoffs.append([str(Fraction(int(v), d)) for v in game.scaled[p].ravel()])
    return {
        "title": game.title if labels else "",
        "players": ([(player.name, list(player.ids)) for player in game.players]
                    if labels else None),
        "shape": list(game.shape),
        "payoffs": payoffs,
    }


def build_pygambit(spec: dict):
    """The ``pygambit.Game`` described by a :func:`game_spec`."""
    import pygambit as gbt

    g = gbt.Game.new_table(spec["shape"])
    if spec["title"]:
        g.title = spec["title"]
    players = list(g.players)
    if spec["players"] is not None:
        _relabel(players, [name for name, _ in spec["players"]])
        for player, (_, ids) in zip(players, spec["players"], strict=True):
            _relabel(list(player.strategies), ids)
    columns = spec["payoffs"]
    for k, profile in enumerate(itertools.product(*(range(s) for s in spec["shape"]))):
        outcome = g[profile]
        for p, player in enumerate(players):
            outcome[player] = columns[p][k]
    return g


def _relabel(items: list, labels: list[str]) -> None:
    """Give pygambit's players (or one player's strategies) these distinct labels.

    pygambit refuses a label another item still has, and a new table is labelled "1",
    "2", ...: setting the labels one by one fails as soon as a wanted label is a default
    one further on (strategies "2", "5" left by iterated elimination: the first would
    become "2" while the second is still "2").  So every item first gets a placeholder
    that is none of the wanted labels, then its label.
    """
    wanted = set(labels)
    stem = "~"
    while any(label.startswith(stem) for label in wanted):
        stem += "~"
    for k, item in enumerate(items):
        item.label = f"{stem}{k}"
    for item, label in zip(items, labels, strict=True):
        item.label = label


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
        g = build_pygambit(spec)
        send(("ready",))
        started = time.perf_counter()
        info = _run_method(g, method, dict(options), lambda found: send(("eq", found)))
        info["solve_s"] = time.perf_counter() - started
        send(("done", info))
    except Exception as exc:  # any failure of pygambit goes to the parent, which decides
        send(("error", type(exc).__name__, " ".join(str(exc).split())))


_HEADER = struct.Struct(">Q")


def write_frame(stream, obj: Any) -> None:
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


def read_frame(stream) -> Any:
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


def worker_main() -> None:
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
        write_frame(out, ("error", type(exc).__name__, str(exc)))
        return
    write_frame(out, ("hello", os.getpid()))
    while True:
        request = read_frame(sys.stdin.buffer)
        if request is None:
            return
        spec, method, options = request
        _serve(spec, method, options, lambda message: write_frame(out, message))
