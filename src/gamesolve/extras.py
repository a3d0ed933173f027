"""Optional dependencies: is one installed, and the one line that says how to get it.

pygambit is an extra (``pip install 'gamesolve[gambit]'``): it ships no Linux wheel, so pip
compiles Gambit's C++ for many minutes, and only a few methods (gnm, simpdiv, ipa, liap,
logit, enumpoly) and ``.efg`` input need it.  Whether it is installed is decided without
importing it (:func:`importlib.util.find_spec`), so checking costs nothing at start-up.

>>> message = pygambit_missing("method gnm")
>>> message.startswith("method gnm needs pygambit"), "pip install 'gamesolve[gambit]'" in message
(True, True)
"""

from __future__ import annotations

import importlib.util

from .errors import GameError

GAMBIT_INSTALL = "pip install 'gamesolve[gambit]'"


def has_pygambit() -> bool:
    """True when pygambit can be found (it is not imported)."""
    try:
        return importlib.util.find_spec("pygambit") is not None
    except (ImportError, ValueError):  # a blocked or half-imported module
        return False


def pygambit_missing(what: str) -> str:
    """The one-line message for ``what`` (e.g. ``"method gnm"``) when pygambit is absent."""
    return f"{what} needs pygambit, which is not installed (install it with: {GAMBIT_INSTALL})"


def require_pygambit(what: str) -> None:
    """Raise :class:`GameError` saying how to install pygambit, unless it is installed."""
    if not has_pygambit():
        raise GameError(pygambit_missing(what))
