"""Reading and writing games: YAML/JSON (gamesolve's own format) and Gambit .nfg; Gambit
.efg game trees are read (as their reduced normal form) when pygambit is installed."""

from __future__ import annotations

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
    return "yaml"  # JSON is read by the YAML reader: same data model


def load_game(path: str, max_profiles: int = DEFAULT_MAX_PROFILES) -> Game:
    """Read a game from a YAML, JSON or .nfg file (``-`` for standard input).

    Every problem is a GameError that names the file and, where known, the line.
    """
    name = display_name(path)
    text = read_text(path)
    if looks_like_efg(path, text):  # a game tree: read by pygambit (the gambit extra)
        return _with_origin(read_efg(text, name, max_profiles), name)
    fmt = detect_format(path, text)
    try:
        if fmt == "nfg":
            from .nfg import parse_nfg

            game = parse_nfg(text, max_profiles=max_profiles)
        else:
            from .yaml_format import parse_game

            game = parse_game(text, max_profiles=max_profiles)
    except GameError as exc:
        raise exc.located(file=name) from None
    return game if game.origin else _with_origin(game, name)


def _with_origin(game: Game, name: str) -> Game:
    from dataclasses import replace

    return replace(game, origin=name)
