"""Reading and writing games: YAML/JSON (gamesolve's own format) and Gambit .nfg; Gambit
.efg game trees are read (as their reduced normal form) when pygambit is installed."""

from __future__ import annotations

import gc

from ..errors import GameError
from ..model import Game
from .efg import looks_like_efg, read_efg
from .source import DEFAULT_MAX_PROFILES, display_name, read_text


def detect_format(path: str, text: str) -> str:
    lower = str(path).lower()
    if lower.endswith(".nfg"):
        return "nfg"
    if path == "-" and text.lstrip().startswith("NFG"):
        return "nfg"
    if lower.endswith(".json"):
        return "json"
    return "auto" if path == "-" else "yaml"  # standard input: JSON if it looks like it


def load_game(path: str, max_profiles: int = DEFAULT_MAX_PROFILES) -> Game:
    """Read a game from a YAML, JSON or .nfg file (``-`` for standard input).

    Every problem is a GameError that names the file and, where known, the line.
    """
    name = display_name(path)
    text = read_text(path)
    if looks_like_efg(path, text):  # a game tree: read by pygambit (the gambit extra)
        return _with_origin(read_efg(text, name, max_profiles), name)
    fmt = detect_format(path, text)
    collecting = gc.isenabled()
    gc.disable()  # parsing makes ~10^5 objects none of which is garbage: cycles slow it
    try:
        if fmt == "nfg":
            from .nfg import parse_nfg

            game = parse_nfg(text, max_profiles=max_profiles)
        else:
            from .yaml_format import parse_game

            game = parse_game(text, max_profiles=max_profiles, fmt=fmt)
    except GameError as exc:
        raise exc.located(file=name) from None
    finally:
        if collecting:
            gc.enable()
    return game if game.origin else _with_origin(game, name)


def _with_origin(game: Game, name: str) -> Game:
    from dataclasses import replace

    return replace(game, origin=name)
