"""Notebook display and table export for result objects, without upward imports.

Results live in the solver and analysis layers, their HTML in ``report/``, which those
layers may not import.  So results call :func:`html`, and the top of the package
(``gamesolve/__init__.py``) registers which report function renders which kind of result,
as ``"module:function"`` strings resolved on first display.  :func:`dataframe` turns
records into a pandas DataFrame when pandas is installed (it is not a dependency).

>>> register("demo", "html:escape")
>>> html("demo", "<b>")
'&lt;b&gt;'
>>> html("unregistered", 3 < 4)
'<pre>True</pre>'
"""

from __future__ import annotations

import importlib
from html import escape
from typing import Any

from .errors import GameError

_RENDERERS: dict[str, str] = {}


def register(kind: str, target: str) -> None:
    """Render results of ``kind`` with ``target``, a ``"module:function"`` string."""
    _RENDERERS[kind] = target


def html(kind: str, obj: Any) -> str:
    """The HTML of ``obj`` by its registered renderer, or its escaped repr."""
    target = _RENDERERS.get(kind)
    if target is None:
        return f"<pre>{escape(repr(obj))}</pre>"
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)(obj)


def dataframe(records: list[dict[str, Any]]):
    """``records`` as a pandas DataFrame; a GameError naming pandas when it is missing."""
    try:
        import pandas
    except ImportError:
        raise GameError("to_dataframe() needs pandas, which is not installed (pip install"
                        " pandas); to_records() gives the same rows as a list of dicts") from None
    return pandas.DataFrame.from_records(records)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 equilibrium``, ``3 equilibria``.

    >>> plural(1, "equilibrium", "equilibria"), plural(2, "player")
    ('1 equilibrium', '2 players')
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"
