"""Small helpers shared by the claim judges: number and name formatting, slices of the
payoff tensor, and the verdict for claims naming unavailable strategies."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..model import INT64_SAFE, Game, Profile
from .core import UNTESTABLE, Context, Unavailable

UNIQUE_MIXED_MAX_PROFILES = 10_000  # games up to this size get a complete mixed search
MAX_LISTED = 6  # counterexamples listed in one piece of evidence

Verdict = tuple
"""(status, evidence, statement, holds_in), optionally followed by the other reading
(reading, status, evidence): see :class:`~gamesolve.claims.ClaimResult`."""


def num(x: Fraction | int) -> str:
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def span(lo: Fraction, hi: Fraction) -> str:
    return f"{num(lo)}..{num(hi)}"


def name(game: Game, p: int) -> str:
    return game.players[p].name


def sid(game: Game, p: int, s: int) -> str:
    return game.players[p].strategies[s].id


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def own_first(game: Game, p: int, allowed: list[list[int]]) -> tuple[np.ndarray, list[int]]:
    """Player p's scaled payoffs restricted to ``allowed``: rows = p's strategies (all),
    columns = the allowed profiles of the others (C order).  Also the others' indices."""
    index = [list(range(game.shape[q])) if q == p else allowed[q] for q in range(game.n_players)]
    u = game.scaled[p][np.ix_(*index)]
    u = np.moveaxis(u, p, 0)
    return u.reshape(u.shape[0], -1).astype(object), [q for q in range(game.n_players) if q != p]


def opponents(game: Game, p: int, allowed: list[list[int]], column: int) -> str:
    """The column-th allowed profile of p's opponents, as 'Iran MP, Israel SAA'."""
    others = [q for q in range(game.n_players) if q != p]
    shape = [len(allowed[q]) for q in others]
    idx = np.unravel_index(column, shape) if shape else ()
    return ", ".join(f"{name(game, q)} {sid(game, q, allowed[q][int(i)])}"
                     for q, i in zip(others, idx))


def others_phrase(game: Game, p: int, count: int, matching: bool = False) -> str:
    others = [name(game, q) for q in range(game.n_players) if q != p]
    if not others:
        return "itself"
    if count == 1:
        return f"the {'matching ' if matching else ''}profile of {listing(others)}"
    kind = "matching " if matching else ""
    return f"every one of the {count} {kind}profiles of {listing(others)}"


def raw_profile(ctx: Context, key: str = "profile") -> str:
    """The profile as the claim wrote it: '(ITA, DAI, WS)'."""
    value = ctx.claim[key]
    if isinstance(value, dict):
        by_player = {ctx.player(k, key): v for k, v in value.items()}
        value = [by_player[p] for p in sorted(by_player)]
    return "(" + ", ".join(str(v) for v in value) + ")"


def matching(game: Game, p: int, allowed: list[list[int]]):
    """Player p's scaled payoffs at the outcomes matching ``allowed`` (flat, C order), and a
    function from a flat index to the outcome's profile."""
    u = game.scaled[p][np.ix_(*allowed)].ravel()
    shape = [len(a) for a in allowed]

    def decode(i: int) -> Profile:
        idx = np.unravel_index(int(i), shape)
        return tuple(allowed[q][int(k)] for q, k in enumerate(idx))

    return u, decode


def clamp(bound: int) -> int:
    """A bound on scaled payoffs, kept inside int64 (scaled payoffs are below INT64_SAFE)."""
    return max(-INT64_SAFE, min(INT64_SAFE, bound))


def value(game: Game, p: int, profile: Profile) -> Fraction:
    return game.exact_payoff(p, profile)


def untested_players(ctx: Context, pinned: list[int] | None = None) -> list[str]:
    """'Israel's NS, WS' for every player (not pinned by the claim) with missing strategies."""
    out = []
    for p in range(ctx.game.n_players):
        if pinned is not None and p in pinned:
            continue
        missing = ctx.missing_alternatives(p)
        if missing:
            out.append(f"{name(ctx.game, p)}'s {', '.join(missing)}")
    return out


def unavailable(ctx: Context, items: list[Unavailable], statement: str) -> Verdict:
    unique = list(dict.fromkeys(items))  # a strategy named twice is reported once
    why = "; ".join(u.describe(ctx.game) for u in unique)
    return UNTESTABLE, f"{why}: the claim needs payoffs the game does not give.", statement, None


def not_comparable(ctx: Context, what: str) -> str:
    """Why a comparison across players cannot be judged: payoffs not comparable, or (for
    sums) the scale is ordinal."""
    if not ctx.comparable:
        return (f"{what} need payoffs measured in one unit for every player, and the file"
                " does not declare them comparable (comparable_across_players: false), so"
                " the numbers cannot say this.")
    return (f"{what} need cardinal payoffs, and the file declares the payoff scale ordinal"
            " (only each player's ranking of the outcomes is meaningful).")


def profile_payoffs(game: Game, prof: Profile) -> str:
    return "(" + ", ".join(num(v) for v in game.exact_payoffs(prof)) + ")"


def common_units(game: Game) -> tuple[np.ndarray, int]:
    """Every player's payoffs on one denominator: (object array of ints shaped like
    ``game.scaled``, the denominator), for exact sums and minima across players."""
    from math import lcm

    den = lcm(*game.denominators)
    out = np.empty(game.scaled.shape, dtype=object)
    for p in range(game.n_players):
        out[p] = game.scaled[p].astype(object) * (den // game.denominators[p])
    return out, den

