"""How ``best_outcome`` and ``worst_outcome`` claims are judged, in either reading.

A claim names one player or several (``player: [Azerbaijan, Israel]``: it must hold for
each) and an outcome, and compares it with the outcomes ``where`` allows, or with those of
its ``scope`` (:data:`~gamesolve.claims.core.SCOPES`): ``row`` (its row of the printed
table) or ``table`` (every outcome).  A claim with a scope is also judged in the other
scope, and the report shows what that reading would say.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ..model import Game, Profile
from .core import CONTRADICTED, SUPPORTED, Context, Unavailable
from .helpers import (
    MAX_LISTED,
    Verdict,
    listing,
    matching,
    name,
    num,
    raw_profile,
    sid,
    unavailable,
    untested_players,
)

COLUMN_PLAYER = 1  # the printed table's columns are the second player's strategies


def scope_allowed(game: Game, prof: Profile, scope: str) -> tuple[list[list[int]], list[int]]:
    """The outcomes of ``scope`` around ``prof``: allowed strategies per player, and the
    players the scope pins."""
    allowed = [list(range(k)) for k in game.shape]
    if scope == "table":
        return allowed, []
    pinned = [q for q in range(game.n_players) if q != COLUMN_PLAYER or game.n_players == 1]
    for q in pinned:
        allowed[q] = [prof[q]]
    return allowed, pinned


def _phrase(game: Game, allowed: list[list[int]], pinned: list[int], scope: str) -> str:
    if scope == "table":
        return "in the whole table"
    if not pinned:
        return "among all outcomes"
    fixed = " and ".join(f"{name(game, q)} plays {' or '.join(sid(game, q, i) for i in allowed[q])}"
                         for q in pinned)
    return f"in its row (where {fixed})" if scope == "row" else f"where {fixed}"


def _players(ctx: Context) -> list[int]:
    value = ctx.claim["player"]
    names = value if isinstance(value, list) else [value]
    if not names:
        raise ctx.error("'player' must name a player or list players")
    out: list[int] = []
    for n in names:
        p = ctx.player(n)
        if p in out:
            raise ctx.error(f"'player' names {ctx.game.players[p].name} twice")
        out.append(p)
    return out


def _one(ctx: Context, p: int, prof: Profile, allowed: list[list[int]], pinned: list[int],
         where: str, strict: bool, best: bool) -> tuple[str, str]:
    """(status, evidence) for one player."""
    game = ctx.game
    label = game.format_profile(prof)
    u, decode = matching(game, p, allowed)
    if not best:
        u = -u  # the worst outcome is the best one for the negated payoffs
    d = game.denominators[p]
    here_scaled = int(game.scaled[(p,) + prof]) * (1 if best else -1)
    here = Fraction(int(game.scaled[(p,) + prof]), d)
    me = int(np.ravel_multi_index([allowed[q].index(prof[q]) for q in range(game.n_players)],
                                  [len(a) for a in allowed]))
    others = np.ones(u.shape, dtype=bool)
    others[me] = False
    above = others & ((u >= here_scaled) if strict else (u > here_scaled))
    def shown_value(i: int) -> str:
        return num(Fraction(int(u[i]) * (1 if best else -1), d))

    if above.any():
        top = u[above].max()
        shown = np.flatnonzero(above if int(above.sum()) <= 3 else above & (u == top))
        listed = "; ".join(f"{game.format_profile(decode(i))} = {shown_value(i)}"
                           for i in shown[:MAX_LISTED])
        verb = "beats" if best else "is below"
        rel = f"ties with or {verb}" if strict and top == here_scaled else verb
        return (CONTRADICTED, f"{name(game, p)} gets {num(here)} at {label}, but {listed}"
                f" {rel} it {where}.")
    ties = np.flatnonzero(others & (u == here_scaled))
    rest = u[others & (u < here_scaled)]
    nxt = ("" if not rest.size else
           f"; the next {'best' if best else 'worst'} is"
           f" {num(Fraction(int(rest.max()) * (1 if best else -1), d))}")
    tie = (f" (tied with {', '.join(game.format_profile(decode(i)) for i in ties[:MAX_LISTED])})"
           if ties.size else "")
    most = "most" if best else "least"
    return (SUPPORTED, f"{name(game, p)} gets {num(here)} at {label}, the {most} of the"
            f" {u.size} outcomes {where.replace('among all outcomes', 'in the game')}"
            f"{tie}{nxt}.")


def _judge(ctx: Context, players: list[int], prof: Profile, allowed, pinned, where: str,
           strict: bool, best: bool) -> tuple[str, str]:
    parts = [_one(ctx, p, prof, allowed, pinned, where, strict, best) for p in players]
    status = CONTRADICTED if any(s == CONTRADICTED for s, _ in parts) else SUPPORTED
    # contradictions first: they decide the verdict
    ordered = sorted(parts, key=lambda x: x[0] != CONTRADICTED)
    untested = untested_players(ctx, pinned=pinned)
    note = (f" Outcomes involving {'; '.join(untested)} are not priced." if untested else "")
    return status, " ".join(e for _, e in ordered) + note


def extreme_outcome(ctx: Context, best: bool) -> Verdict:
    game = ctx.game
    players = _players(ctx)
    strict = ctx.flag("strictly", False)
    prof = ctx.profile()
    label = raw_profile(ctx) if isinstance(prof, Unavailable) else game.format_profile(prof)
    whose = (f"{name(game, players[0])}'s" if len(players) == 1 else
             "the " + ("best" if best else "worst") + " outcome for each of "
             + listing([name(game, p) for p in players]))
    if ctx.scope and not isinstance(prof, Unavailable):
        allowed, pinned = scope_allowed(game, prof, ctx.scope)
        gone: list[Unavailable] = []
    else:
        allowed, gone, pinned = ctx.constraints("where")
    where = (_phrase(game, allowed, pinned, ctx.scope) if not isinstance(prof, Unavailable)
             or not ctx.scope else f"in its {ctx.scope}")
    unique = "unique " if strict else ""
    statement = (f"{label} is {whose} {unique}{'best' if best else 'worst'} outcome {where}"
                 if len(players) == 1 else f"{label} is {unique}{whose} {where}")
    gone = ([prof] if isinstance(prof, Unavailable) else []) + gone
    if gone:
        return unavailable(ctx, gone, statement)
    if any(prof[q] not in allowed[q] for q in range(game.n_players)):
        raise ctx.error(f"{ctx.kind}: {label} is not among the outcomes {where}")
    status, evidence = _judge(ctx, players, prof, allowed, pinned, where, strict, best)
    if not ctx.scope:
        return status, evidence, statement, None
    other = "table" if ctx.scope == "row" else "row"
    o_allowed, o_pinned = scope_allowed(game, prof, other)
    o_where = _phrase(game, o_allowed, o_pinned, other)
    o_status, o_evidence = _judge(ctx, players, prof, o_allowed, o_pinned, o_where, strict,
                                  best)
    return status, evidence, statement, None, (other, o_status, o_evidence)


def best_outcome(ctx: Context) -> Verdict:
    return extreme_outcome(ctx, best=True)


def worst_outcome(ctx: Context) -> Verdict:
    return extreme_outcome(ctx, best=False)


EXTREME_JUDGES: dict[str, Callable[[Context], Verdict]] = {
    "best_outcome": best_outcome,
    "worst_outcome": worst_outcome,
}
