"""What every JSON document shares: the schema version, exact numbers as strings, the
game header and profiles.  Imported by :mod:`.json_report`, :mod:`.claims_report` and
:mod:`.robustness_report` (which therefore never import one another in a ring)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..model import Game, Profile

SCHEMA_VERSION = 2


def exact_str(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def number(x: Fraction | float | int) -> int | float:
    """A JSON number: integers stay integers, everything else a float."""
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else float(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def game_header(game: Game) -> dict[str, Any]:
    from ..model import restriction

    restricted = restriction(game)
    return {
        "title": game.title,
        "payoff_scale": game.payoff_scale,
        "comparable_across_players": game.comparable_across_players,
        **({"restricted": {game.players[p].name: list(ids) for p, ids in restricted.items()}}
           if restricted else {}),
        "players": [
            {"name": p.name, "strategies": list(p.ids),
             **({"unpriced": [s.id for s in p.unpriced]} if p.unpriced else {})}
            for p in game.players
        ],
    }


def profile_dict(game: Game, profile: Profile) -> dict[str, str]:
    return {p.name: p.strategies[a].id for p, a in zip(game.players, profile)}
