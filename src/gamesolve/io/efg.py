"""Gambit's extensive-form ``.efg`` files, read as their reduced normal form through pygambit.

gamesolve analyses normal-form games; a game tree is read by pygambit (the optional
``gambit`` extra, imported only here and only when such a file is read) and turned into
its *reduced* strategic form: one strategy per plan of play, where a plan leaves out the
moves at information sets its own earlier moves make unreachable (Gambit writes such a
move as ``*``).  Payoffs are exact: pygambit computes them as rationals, chance moves
included.  Each strategy keeps pygambit's label as its id (``1*``, ``21``, ...; the digits
are the actions chosen at the player's information sets), and gets the actions
themselves, by name, as its label (``In, Stay``).

A file is recognised by its extension or by its first line (``EFG 2 R`` or ``EFG 2 F``),
so an extensive-form file saved under another name is still called what it is.

>>> looks_like_efg("tree.EFG", ""), looks_like_efg("-", 'EFG 2 R "t" { "A" }')
(True, True)
>>> looks_like_efg("game.yaml", "players: []"), looks_like_efg("g.nfg", 'NFG 1 R "t"')
(False, False)
"""

from __future__ import annotations

import io
import re
from fractions import Fraction

from ..errors import GameError
from ..extras import GAMBIT_INSTALL, has_pygambit
from ..model import Game, Player, Strategy
from .source import check_profile_count

__all__ = ["looks_like_efg", "read_efg"]

_EFG_HEADER = re.compile(r"\s*EFG\s+2\s+[RF]\s")


def looks_like_efg(path: str, text: str) -> bool:
    """True for a file named ``*.efg`` or one whose text starts as an ``.efg`` file does."""
    return str(path).lower().endswith(".efg") or bool(_EFG_HEADER.match(text[:200] + " "))


def read_efg(text: str, name: str, max_profiles: int) -> Game:
    """The reduced normal form of the extensive-form game in ``text`` (from file ``name``).

    Raises :class:`GameError` (one line) when pygambit is not installed, when pygambit
    cannot parse the file, or when the strategic form would have more than
    ``max_profiles`` pure profiles.
    """
    if not has_pygambit():
        raise GameError(f"{name} is a Gambit extensive-form game: reading it needs pygambit"
                        f" ({GAMBIT_INSTALL})")
    import pygambit as gbt

    try:
        tree = gbt.read_efg(io.StringIO(text))
    except (ValueError, RuntimeError, OSError, UnicodeError) as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise GameError(f"not a valid Gambit extensive-form game: pygambit says: {message}",
                        file=name) from None
    tree_players = list(tree.players)
    if not tree_players:
        raise GameError("the extensive-form game has no players", file=name)
    # pygambit enumerates the reduced strategies on demand: count them before any payoff
    shape = tuple(len(player.strategies) for player in tree_players)
    check_profile_count(shape, max_profiles, file=name)
    try:
        arrays = tree.to_arrays()
    except (ValueError, RuntimeError) as exc:
        raise GameError(f"pygambit could not compute the strategic form: {exc}",
                        file=name) from None
    payoffs = [[Fraction(x.numerator, x.denominator) for x in array.ravel()]
               for array in arrays]
    tensor = [_reshape(column, shape) for column in payoffs]
    players = _players(tree_players)
    return Game.from_payoffs(tensor, players, title=tree.title or "",
                             description=tree.description or "")


def _reshape(flat: list, shape: tuple[int, ...]):
    import numpy as np

    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(shape)


def _players(tree_players: list) -> tuple[Player, ...]:
    names = [player.label for player in tree_players]
    if any(not n for n in names) or len(set(names)) != len(names):
        names = [n or f"Player {k + 1}" for k, n in enumerate(names)]
        if len(set(names)) != len(names):
            names = [f"Player {k + 1}" for k in range(len(names))]
    return tuple(Player(name, _strategies(player))
                 for name, player in zip(names, tree_players, strict=True))


def _strategies(player) -> tuple[Strategy, ...]:
    """pygambit's strategy labels as ids (numbers when not distinct), the actions as labels."""
    ids = [s.label for s in player.strategies]
    if any(not i for i in ids) or len(set(ids)) != len(ids):
        ids = [str(k + 1) for k in range(len(ids))]
    labels = [_plan(player, s) for s in player.strategies]
    if any(not label for label in labels) or len(set(labels)) != len(labels):
        labels = [""] * len(ids)
    return tuple(Strategy(i, label=label) for i, label in zip(ids, labels, strict=True))


def _plan(player, strategy) -> str:
    """The actions a reduced strategy takes at the player's information sets, ``*`` where
    its own earlier moves make the set unreachable; empty when an action has no name."""
    if not hasattr(strategy, "action"):  # pygambit before 16.4
        return ""
    moves = []
    for infoset in player.infosets:
        action = strategy.action(infoset)
        if action is None:
            moves.append("*")
        elif not action.label:
            return ""
        else:
            moves.append(action.label)
    return ", ".join(moves)
