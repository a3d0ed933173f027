"""Converting a game between gamesolve's YAML, its JSON and Gambit's ``.nfg``.

Payoffs (exactly), players, strategy ids and the title always survive.  What a target
format cannot hold is counted by :func:`lost_information` so the CLI can say what was
not written instead of dropping it silently.

>>> from gamesolve.model import Game, Player, Strategy
>>> g = Game.from_payoffs([[[1, 2]], [[3, 4]]], source="a book",
...                       notes={(0, 0): "first cell"})
>>> lost_information(g, "nfg")
['1 cell note', '1 source']
>>> lost_information(g, "json")
[]
>>> target_format("out.nfg"), target_format("-", "json")
('nfg', 'json')
"""

from __future__ import annotations

import os

from .errors import GameError
from .model import Game

FORMATS = ("yaml", "json", "nfg")
EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".nfg": "nfg"}
NFG_FORMS = ("payoff", "outcome")


def format_of_path(path: str) -> str | None:
    """The format a file name's extension implies, or None."""
    return EXTENSIONS.get(os.path.splitext(str(path))[1].lower())


def target_format(out: str, to: str | None = None) -> str:
    """The output format: ``--to`` if given, else OUT's extension.

    ``--to`` and an extension that says otherwise is refused (it is almost certainly a
    mistake: ``game.yaml`` holding .nfg text would not read back).
    """
    if to is not None and to not in FORMATS:
        raise GameError(f"unknown output format {to!r} (choose from {', '.join(FORMATS)})")
    if out == "-":
        if to is None:
            raise GameError("writing to standard output (-) needs --to yaml, --to json or"
                            " --to nfg")
        return to
    implied = format_of_path(out)
    if to is not None:
        if implied is not None and implied != to:
            raise GameError(f"--to {to} but {out!r} has the extension of a {implied} file;"
                            " change one of them")
        return to
    if implied is None:
        raise GameError(f"cannot tell the output format from {out!r}: name it .yaml, .yml,"
                        " .json or .nfg, or give --to yaml|json|nfg")
    return implied


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def lost_information(game: Game, fmt: str) -> list[str]:
    """What the game holds that format ``fmt`` cannot, as counted phrases.

    gamesolve's YAML and JSON hold everything a Game holds.  A Gambit .nfg holds the
    title, the game's description (as its comment), player names, one label per strategy
    (we write the strategy id) and the payoffs; nothing else.
    """
    if fmt in ("yaml", "json"):
        return []
    if fmt != "nfg":
        raise GameError(f"unknown format {fmt!r}")
    lost = []
    labels = sum(1 for p in game.players for s in p.strategies if s.label)
    descriptions = sum(1 for p in game.players for s in p.strategies if s.description)
    unpriced = sum(len(p.unpriced) for p in game.players)
    player_descriptions = sum(1 for p in game.players if p.description)
    notes = sum(1 for v in game.notes.values() if v)
    if notes:
        lost.append(_count(notes, "cell note"))
    if game.assumed:
        lost.append(_count(len(game.assumed), "assumed-numbers flag"))
    if game.source:
        lost.append("1 source")
    if labels:
        lost.append(_count(labels, "strategy label"))
    if player_descriptions:
        lost.append(_count(player_descriptions, "player description"))
    if descriptions:
        lost.append(_count(descriptions, "strategy description"))
    if unpriced:
        lost.append(_count(unpriced, "unpriced strategy", "unpriced strategies"))
    if game.claims:
        lost.append(_count(len(game.claims), "claim"))
    from .model import DEFAULT_COMPARABLE, DEFAULT_PAYOFF_SCALE

    # .nfg has no field for the scale: a reader gets the defaults back
    if game.payoff_scale != DEFAULT_PAYOFF_SCALE:
        lost.append(f"the payoff scale ({game.payoff_scale})")
    if game.comparable_across_players != DEFAULT_COMPARABLE:
        lost.append("the cross-player comparability flag")
    return lost


def gambit_label_problems(game: Game) -> list[str]:
    """What in the game Gambit (16.x) cannot take from a .nfg, described for a note.

    Gambit reads a player or strategy label (and an outcome name, which we build from
    strategy ids) only if it is printable ASCII, neither starts nor ends with a space and
    has no two consecutive spaces; pygambit reads a non-ASCII title or comment but cannot
    decode it.  gamesolve reads all of these.

    >>> from gamesolve.model import Player, Strategy
    >>> g = Game.from_payoffs([[[1, 2]], [[3, 4]]], title="Azərbaycan", players=[
    ...     Player("Azərbaycan", (Strategy("x"),)), Player("B", (Strategy("a  b"), Strategy("c")))])
    >>> gambit_label_problems(g)
    ["player 'Azərbaycan'", "strategy 'a  b' of 'B'", 'the title']
    """
    problems = []
    for player in game.players:
        if not _gambit_label_ok(player.name):
            problems.append(f"player {player.name!r}")
        for s in player.strategies:
            if not _gambit_label_ok(s.id):
                problems.append(f"strategy {s.id!r} of {player.name!r}")
    if not game.title.isascii():
        problems.append("the title")
    if not game.description.isascii():
        problems.append("the description")
    return problems


def _gambit_label_ok(text: str) -> bool:
    return (text == "" or (all(" " <= ch <= "~" for ch in text)
            and text == text.strip(" ") and "  " not in text))


def gambit_note(game: Game, fmt: str) -> str | None:
    """One line for standard error when Gambit cannot take all of the .nfg we write."""
    if fmt != "nfg":
        return None
    problems = gambit_label_problems(game)
    if not problems:
        return None
    shown = ", ".join(problems[:4]) + (f" and {len(problems) - 4} more" if len(problems) > 4
                                       else "")
    return (f"Gambit needs plain ASCII here: {shown} (Gambit refuses labels that are not"
            " printable ASCII or have double spaces, and pygambit cannot decode a non-ASCII"
            " title or comment); gamesolve reads the file as written")


def lost_note(game: Game, fmt: str) -> str | None:
    """One line for standard error, or None when nothing is lost."""
    lost = lost_information(game, fmt)
    if not lost:
        return None
    return f".{fmt} cannot hold: {', '.join(lost)}; they were not written"


def render(game: Game, fmt: str, nfg_form: str = "payoff") -> str:
    """The game as text in format ``fmt``."""
    if fmt == "yaml":
        from .io.writers import write_yaml

        return write_yaml(game)
    if fmt == "json":
        from .io.writers import write_json

        return write_json(game)
    if fmt == "nfg":
        if nfg_form not in NFG_FORMS:
            raise GameError(f"unknown .nfg form {nfg_form!r} (use payoff or outcome)")
        from .io.nfg import write_nfg

        return write_nfg(game, form=nfg_form)
    raise GameError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "NFG_FORMS",
    "format_of_path",
    "gambit_label_problems",
    "gambit_note",
    "lost_information",
    "lost_note",
    "render",
    "target_format",
]
