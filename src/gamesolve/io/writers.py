"""Writing a Game in gamesolve's own format, as YAML or as JSON.

Both are the same data model as the reader in :mod:`gamesolve.io.yaml_format` (title,
description, source, players with strategies ``{id, label, description}`` and
``unpriced``, payoffs as a list of outcomes ``{profile, values, note, assumed}``, claims),
so :func:`gamesolve.io.load_game` reads either back to an equal game.

Payoffs stay exact: an integer is written as an integer, a terminating decimal that a
float reproduces exactly (``0.5``, ``0.1``) as a number, anything else as a string
``"p/q"`` (``"1/3"``), which the reader takes as that exact fraction.

>>> from gamesolve.model import Game
>>> g = Game.from_payoffs([[[1, "1/3"]], [["0.5", -2]]], title="Tiny")
>>> print(write_yaml(g), end="")
title: Tiny
players:
- name: Player 1
  strategies:
  - id: '1'
- name: Player 2
  strategies:
  - id: '1'
  - id: '2'
payoffs:
- profile: ['1', '1']
  values: [1, 0.5]
- profile: ['1', '2']
  values: [1/3, -2]
"""

from __future__ import annotations

import json
import os
import tempfile
from fractions import Fraction
from typing import Any

import yaml

from ..errors import GameError
from ..model import Game, Strategy

__all__ = [
    "check_not_input",
    "check_writable",
    "exact_value",
    "game_to_document",
    "write_file",
    "write_json",
    "write_yaml",
]

MAX_DECIMAL_PLACES = 30


def exact_value(x: Fraction) -> int | float | str:
    """A payoff as an int, a float whose shortest text is exactly ``x``, or a string:
    an exact decimal (``"0.1000000000000000055"``) or ``"p/q"``.

    >>> exact_value(Fraction(3)), exact_value(Fraction(1, 10)), exact_value(Fraction(1, 3))
    (3, 0.1, '1/3')
    >>> exact_value(Fraction("123456789.123456789"))
    '123456789.123456789'
    """
    if x.denominator == 1:
        return int(x.numerator)
    twos = fives = 0
    d = x.denominator
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d == 1:  # a terminating decimal
        try:
            as_float = float(x)
            if Fraction(repr(as_float)) == x:
                return as_float
        except OverflowError:  # pragma: no cover - astronomically large payoffs
            pass
        places = max(twos, fives)
        if places <= MAX_DECIMAL_PLACES:
            digits = str(abs(x.numerator) * (10**places // x.denominator)).rjust(places + 1, "0")
            sign = "-" if x < 0 else ""
            return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return f"{x.numerator}/{x.denominator}"


def _strategy(s: Strategy) -> dict[str, str]:
    out = {"id": s.id}
    if s.label:
        out["label"] = s.label
    if s.description:
        out["description"] = s.description
    return out


def _claim(claim: Any) -> Any:
    """A claim as written, without the reader's bookkeeping (``_line``)."""
    if isinstance(claim, dict):
        return {k: v for k, v in claim.items() if not str(k).startswith("_")}
    return claim


def game_to_document(game: Game) -> dict[str, Any]:
    """The game as plain data in gamesolve's format (the YAML/JSON document)."""
    doc: dict[str, Any] = {}
    if game.title:
        doc["title"] = game.title
    if game.description:
        doc["description"] = game.description
    if game.source:
        doc["source"] = game.source
    from ..model import DEFAULT_COMPARABLE, DEFAULT_PAYOFF_SCALE

    # written when not the default, so the reader gives back an equal game
    if game.payoff_scale != DEFAULT_PAYOFF_SCALE:
        doc["payoff_scale"] = game.payoff_scale
    if game.comparable_across_players != DEFAULT_COMPARABLE:
        doc["comparable_across_players"] = game.comparable_across_players
    players = []
    for player in game.players:
        entry: dict[str, Any] = {"name": player.name}
        if player.description:
            entry["description"] = player.description
        entry["strategies"] = [_strategy(s) for s in player.strategies]
        if player.unpriced:
            entry["unpriced"] = [_strategy(s) for s in player.unpriced]
        players.append(entry)
    doc["players"] = players
    outcomes = []
    exact = [game.exact_array(p) for p in range(game.n_players)]
    for profile in game.profiles():
        outcome: dict[str, Any] = {
            "profile": list(game.profile_ids(profile)),
            "values": [exact_value(exact[p][profile]) for p in range(game.n_players)],
        }
        note = game.notes.get(profile)
        if note:
            outcome["note"] = note
        if profile in game.assumed:
            outcome["assumed"] = True
        outcomes.append(outcome)
    doc["payoffs"] = outcomes
    if game.claims:
        doc["claims"] = [_claim(c) for c in game.claims]
    return doc


# ---------------------------------------------------------------------------- YAML


class _Flow(list):
    """A list written on one line: ``[MP, DAI, SAA]``."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper: flow style for profiles and values, ``|`` for multi-line text."""


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # a literal block for multi-line text; the emitter falls back to a quoted string
    # where a block cannot hold the text exactly (trailing spaces, control characters)
    style = "|" if "\n" in data.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(str, _text)


def _float(dumper: yaml.SafeDumper, data: float) -> yaml.Node:
    # the shortest positional text that reads back as this float: 0.00001, not 1e-05
    # (YAML 1.1 would read 1e-05 as a string); exact_value made sure it is exact
    import numpy as np

    return dumper.represent_scalar("tag:yaml.org,2002:float",
                                   np.format_float_positional(data, trim="-"))


_Dumper.add_representer(float, _float)


def write_yaml(game: Game) -> str:
    """The game as a YAML document in gamesolve's format."""
    doc = game_to_document(game)
    for outcome in doc["payoffs"]:
        outcome["profile"] = _Flow(outcome["profile"])
        outcome["values"] = _Flow(outcome["values"])
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88,
                     default_flow_style=False)


# ---------------------------------------------------------------------------- JSON


def write_json(game: Game) -> str:
    """The game as a JSON document in gamesolve's format (read back by the YAML reader)."""
    return json.dumps(game_to_document(game), indent=2, ensure_ascii=False, default=str) + "\n"


# ---------------------------------------------------------------------------- files


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_writable(path: str, force: bool = False) -> str:
    """Refuse early what :func:`write_file` would refuse; return the file's directory."""
    name = str(path)
    if os.path.isdir(name):
        raise GameError("is a directory; give a file name", file=name)
    directory = os.path.dirname(os.path.abspath(name))
    if not os.path.isdir(directory):
        raise GameError(f"directory {directory} does not exist", file=name)
    if not force and os.path.lexists(name):
        raise GameError("already exists; use --force to overwrite it", file=name)
    return directory


def check_not_input(source: str, target: str) -> None:
    """Refuse to write onto the file being read (the same file by inode, not only by name):
    even with --force, converting in place would lose what the output cannot hold (YAML
    comments, for one) with no copy left."""
    if source == "-" or target == "-":
        return
    try:
        same = os.path.samefile(source, target)
    except OSError:  # the output does not exist yet (or the input does not: said later)
        return
    if same:
        raise GameError(f"is the input file {source}: converting a file onto itself would"
                        " replace it and lose what the output cannot hold (comments, for"
                        " one); write to another file", file=str(target))


def write_file(path: str, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` all at once, or not at all.

    The data goes to a temporary file in the same directory, which then replaces
    ``path`` (an atomic rename), so a reader never sees a partial file and an error
    leaves any old file untouched.  Without ``force`` an existing file is never
    overwritten (GameError), even one that appears while we write.
    """
    name = str(path)
    directory = check_writable(name, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = os.stat(name).st_mode & 0o7777 if os.path.exists(name) else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(name) + ".", suffix=".tmp",
                                   dir=directory)
    except PermissionError:
        raise GameError("cannot write: permission denied", file=name) from None
    except OSError as exc:
        raise GameError(f"cannot write: {exc.strerror or exc}", file=name) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, name)
        else:
            _link_new(tmp, name)
    except GameError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise GameError(f"cannot write: {exc.strerror or exc}", file=name) from None
    except BaseException:
        _remove(tmp)
        raise


def _link_new(tmp: str, name: str) -> None:
    """Move ``tmp`` to ``name`` unless ``name`` exists (checked atomically where possible)."""
    try:
        os.link(tmp, name)  # fails if name exists, even if it appeared a moment ago
    except FileExistsError:
        raise GameError("already exists; use --force to overwrite it", file=name) from None
    except OSError:  # no hard links here (some file systems): check, then rename
        if os.path.lexists(name):
            raise GameError("already exists; use --force to overwrite it", file=name) from None
        os.replace(tmp, name)
        return
    _remove(tmp)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
