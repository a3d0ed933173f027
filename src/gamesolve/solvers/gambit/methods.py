"""Equilibria of N-player games through pygambit, in a child process that can be stopped.

:func:`solve_with_gambit` hands the game (its exact payoffs) to one of pygambit's methods
running in a child process, streams back what the child finds, kills the child when the
time budget is spent, and verifies every profile in the parent before reporting it.
This module checks the request and holds the public names; the work is done by

* :mod:`.child`: what runs inside the child (building the pygambit game, running
  the method, the message format);
* :mod:`.worker`: starting, timing, killing and restarting the child;
* :mod:`.verify`: verifying, refining and deduplicating the profiles, and building
  the :class:`EquilibriumSet`.

Time budget.  ``timeout`` counts the seconds of pygambit computation: the clock starts
when the child reports that pygambit is imported and the game is built (start-up is
measured and kept in ``details["startup_s"]``; it is capped separately at
:data:`STARTUP_LIMIT`).  When the budget is spent the child is killed and the result says
``complete=False`` with the warning ``"<method> stopped after <timeout> s: the list may
be incomplete"``.  ``enumpoly`` sends back what it finds as it goes, so equilibria found
before the deadline are kept; the other methods report at the end of their run.

``complete`` is True only for ``enumpure`` (all pure equilibria), ``enummixed``
(two players: all extreme equilibria) and ``enumpoly`` (all equilibria of a game whose
equilibria are isolated, said in a warning), and only when the run finished within the
budget and no returned profile failed verification.  Importing this module does not
import pygambit.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ...errors import GameError
from ...extras import require_pygambit
from ...model import Game
from ..base import EquilibriumSet
from .child import ENUMPOLY_STREAM, build_pygambit, game_spec
from .verify import (
    COMPLETE_METHODS,
    DEDUP_TOL,
    MAX_EXACT_WORK,
    RATIONAL_LIMITS,
    REFINE_DISTANCE,
    REFINE_THRESHOLDS,
    REGRET_TOL,
    Verification,
    build_result,
    default_tolerance,
    verify_one,
    verify_profiles,
)
from .worker import STARTUP_LIMIT, ChildRun, run_in_child
from .worker import _talk as _talk  # re-exported: tests drive it with a fake worker

GAMBIT_METHODS = ("enumpoly", "gnm", "simpdiv", "ipa", "liap", "logit", "enumpure", "lcp",
                  "enummixed")
TWO_PLAYER_METHODS = ("lcp", "enummixed")


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
        result = Fraction(value)
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
            numbers_ = [Fraction(x) for x in row]
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


def to_pygambit(game: Game):
    """The game as a ``pygambit.Game``: exact payoffs, player names, strategy ids, title.

    Payoffs are passed as exact rationals (text ``p/q``), never as floats, so pygambit's
    rational methods work on the very game gamesolve read.  Raises :class:`GameError`
    when pygambit is not installed or refuses a name (Gambit labels are printable ASCII).
    The solvers do not go through here: they hand pygambit positional labels.
    """
    require_pygambit("converting a game to pygambit")
    try:
        return build_pygambit(game_spec(game))
    except (ValueError, UnicodeError) as exc:  # Gambit's rules for labels and titles
        raise GameError(f"pygambit cannot take this game's names: {exc} (Gambit needs"
                        " printable ASCII labels without leading, trailing or double"
                        " spaces)") from None


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
    require_pygambit(f"method {method}")
    if regret_tolerance is not None:
        regret_tolerance = _positive("regret_tolerance", regret_tolerance)
    run = run_in_child(game, method, checked, timeout)
    return build_result(game, method, run, timeout, regret_tolerance, checked)


__all__ = [
    "COMPLETE_METHODS",
    "DEDUP_TOL",
    "ENUMPOLY_STREAM",
    "GAMBIT_METHODS",
    "MAX_EXACT_WORK",
    "RATIONAL_LIMITS",
    "REFINE_DISTANCE",
    "REFINE_THRESHOLDS",
    "REGRET_TOL",
    "STARTUP_LIMIT",
    "TWO_PLAYER_METHODS",
    "ChildRun",
    "Verification",
    "build_result",
    "default_tolerance",
    "run_in_child",
    "solve_with_gambit",
    "to_pygambit",
    "verify_one",
    "verify_profiles",
]
