"""Names of players and strategies as gamesolve keeps them: normalised, visible, bounded,
and distinct beyond case and Unicode form; and how error messages list them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import GameError
from .numbers import quote

MAX_NAME_CHARS = 200  # a name is a label, not a document: and errors quote names whole


def listed(names: Sequence[str], limit: int = 12) -> str:
    """``a, b, c`` for an error message, cut after ``limit`` names.

    >>> listed([str(i) for i in range(20)], 3)
    '0, 1, 2 and 17 more'
    """
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


_FORBIDDEN_IN_NAMES = {"Cc": "a control character", "Cf": "an invisible formatting character",
                       "Cs": "a lone surrogate", "Co": "a private-use character",
                       "Zl": "a control character (line separator)",
                       "Zp": "a control character (paragraph separator)"}


def clean_name(text: str, what: str) -> str:
    """A player name or strategy id as gamesolve keeps it: NFC-normalised, refused (GameError)
    if it holds a control or invisible formatting character (zero-width space or joiner, bidi
    override, ...) or begins or ends with white space, which would make two names that look
    the same differ.

    >>> clean_name("Cafe\u0301", "strategy id") == "Caf\u00e9"
    True
    >>> clean_name("A\u200bB", "strategy id")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    gamesolve.errors.GameError: strategy id 'A\u200bB' contains an invisible formatting ...
    """
    if not (text.isascii() and text.isprintable()):
        text = unicodedata.normalize("NFC", text)
        for ch in text:
            problem = _FORBIDDEN_IN_NAMES.get(unicodedata.category(ch))
            if problem:
                raise GameError(f"{what} {quote(text)} contains {problem}"
                                f" (U+{ord(ch):04X}); names must be visible text")
    if text != text.strip():
        raise GameError(f"{what} {quote(text)} begins or ends with white space")
    if len(text) > MAX_NAME_CHARS:
        raise GameError(f"{what} {quote(text)} is too long: at most {MAX_NAME_CHARS}"
                        " characters")
    if not text:
        raise GameError(f"{what} is empty")
    return text


def name_key(text: str) -> str:
    """What two names must not share: equal after Unicode compatibility normalisation and
    case folding ('Row', 'ROW' and the full-width 'Ｒｏｗ' are one name).

    >>> name_key("Ｒｏｗ") == name_key("row")
    True
    """
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def first_clash(names: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], tuple[str, Any]] | None:
    """The first two ``(name, where)`` pairs whose names share a :func:`name_key`, or None."""
    seen: dict[str, tuple[str, Any]] = {}
    for name, where in names:
        key = name_key(name)
        if key in seen:
            return seen[key], (name, where)
        seen[key] = (name, where)
    return None
