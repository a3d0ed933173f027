"""How claims about outcomes are judged: ``pareto_optimal``, ``prefers``, ``payoff_range``
and ``equal_payoffs`` (``best_outcome`` and ``worst_outcome`` are in
:mod:`gamesolve.claims.extremes`).

Ranges over outcomes are computed on the integer-scaled payoffs with numpy, so a claim over
millions of outcomes stays fast; bounds are compared exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ..model import Game, Profile
from .core import CONTRADICTED, SUPPORTED, UNTESTABLE, Context, Unavailable
from .helpers import (
    MAX_LISTED,
    Verdict,
    clamp,
    listing,
    matching,
    name,
    not_comparable,
    num,
    raw_profile,
    sid,
    span,
    unavailable,
    untested_players,
    value,
)


def pareto_optimal(ctx: Context) -> Verdict:
    game = ctx.game
    prof = ctx.profile()
    if isinstance(prof, Unavailable):
        return unavailable(ctx, [prof], f"{raw_profile(ctx)} is Pareto optimal")
    from ..solvers.welfare import pareto_dominators

    shown = game.format_profile(prof)
    statement = f"{shown} is Pareto optimal"
    pays = _payoffs(game, prof)
    better = pareto_dominators(game, prof)
    if better:
        listed = "; ".join(f"{game.format_profile(q)} = {_payoffs(game, q)}"
                           for q in better[:MAX_LISTED])
        return (CONTRADICTED, (f"{shown} = {pays} is Pareto-dominated (everyone at least as well"
                f" off, someone better) by {listed}."), statement, None)
    untested = untested_players(ctx)
    note = (f" Outcomes involving {'; '.join(untested)} are not priced and not compared."
            if untested else "")
    return (SUPPORTED, (f"No pure outcome is at least as good as {shown} = {pays} for every"
            f" player and better for one.{note}"), statement, None)


def _payoffs(game: Game, prof: Profile) -> str:
    return "(" + ", ".join(num(v) for v in game.exact_payoffs(prof)) + ")"


def prefers(ctx: Context) -> Verdict:
    game = ctx.game
    p = ctx.player(ctx.claim["player"])
    strict = ctx.flag("strictly", True)
    better, worse = ctx.profile("better"), ctx.profile("worse")
    rel = "to" if strict else "at least as much as"
    show = [raw_profile(ctx, k) if isinstance(b, Unavailable) else game.format_profile(b)
            for k, b in (("better", better), ("worse", worse))]
    statement = f"{name(game, p)} prefers {show[0]} {rel} {show[1]}"
    gone = [x for x in (better, worse) if isinstance(x, Unavailable)]
    if gone:
        return unavailable(ctx, gone, statement)
    b, w = value(game, p, better), value(game, p, worse)
    facts = f"{name(game, p)} gets {num(b)} at {show[0]} and {num(w)} at {show[1]}"
    ok = b > w if strict else b >= w
    return (SUPPORTED if ok else CONTRADICTED), facts + ".", statement, None


def payoff_range(ctx: Context) -> Verdict:
    game = ctx.game
    p = ctx.player(ctx.claim["player"])
    lo, hi = ctx.number("min"), ctx.number("max")
    if lo is None and hi is None:
        raise ctx.error("payoff_range needs 'min', 'max' or both")
    if lo is not None and hi is not None and lo > hi:
        raise ctx.error(f"payoff_range: min {num(lo)} is above max {num(hi)}")
    allowed, gone, constrained = ctx.constraints("where")
    rng = (f"[{num(lo)}, {num(hi)}]" if lo is not None and hi is not None
           else f">= {num(lo)}" if lo is not None else f"<= {num(hi)}")
    where = _where_phrase(game, allowed, constrained)
    statement = f"{name(game, p)}'s payoff is {rng} {where}"
    if gone:
        return unavailable(ctx, gone, statement)
    u, decode = matching(game, p, allowed)
    d = game.denominators[p]
    bad = np.zeros(u.shape, dtype=bool)
    if lo is not None:
        bad |= u < clamp(math.ceil(lo * d))   # integers: u < lo*d  <=>  u < ceil(lo*d)
    if hi is not None:
        bad |= u > clamp(math.floor(hi * d))
    n_out = int(bad.sum())
    holds = (u.size - n_out, u.size)
    over = (f"the {u.size} outcome{'s' if u.size != 1 else ''} {where}" if constrained
            else f"all {u.size} outcomes")
    facts = (f"{name(game, p)} gets {span(Fraction(int(u.min()), d), Fraction(int(u.max()), d))}"
             f" over {over}")
    untested = untested_players(ctx, pinned=constrained)
    note = (f" Outcomes involving {'; '.join(untested)} are not priced." if untested else "")
    if not n_out:
        return SUPPORTED, facts + "." + note, statement, holds
    eqs = _pure_equilibria(game)
    out = [(decode(i), Fraction(int(u[i]), d)) for i in np.flatnonzero(bad)[:MAX_LISTED]]
    listed = "; ".join(f"{game.format_profile(c)} = {num(v)}"
                       + (" (the equilibrium)" if c in eqs else "") for c, v in out)
    more = f" and {n_out - MAX_LISTED} more" if n_out > MAX_LISTED else ""
    evidence = f"{facts}; outside {rng}: {listed}{more}.{note}"
    return CONTRADICTED, evidence, statement, holds


def _where_phrase(game: Game, allowed: list[list[int]], constrained: list[int]) -> str:
    if not constrained:
        return "among all outcomes"
    return "where " + " and ".join(
        f"{name(game, q)} plays {' or '.join(sid(game, q, i) for i in allowed[q])}"
        for q in constrained)


def _pure_equilibria(game: Game) -> set[Profile]:
    from ..solvers.pure import pure_equilibrium_profiles

    return set(pure_equilibrium_profiles(game))


def equal_payoffs(ctx: Context) -> Verdict:
    game = ctx.game
    prof = ctx.profile()
    players = ctx.names("players")
    who = "all players" if len(players) == game.n_players else listing(
        [name(game, p) for p in players])
    if isinstance(prof, Unavailable):
        return unavailable(ctx, [prof], f"{who} get the same payoff at {raw_profile(ctx)}")
    shown = game.format_profile(prof)
    statement = f"{who} get the same payoff at {shown}"
    vals = [value(game, p, prof) for p in players]
    facts = f"{shown} pays " + ", ".join(f"{name(game, p)} {num(v)}" for p, v in zip(players, vals))
    face = SUPPORTED if len(set(vals)) == 1 else CONTRADICTED
    if not ctx.comparable:
        # equal across players means nothing unless one unit measures every player
        return (UNTESTABLE, not_comparable(ctx, "Equal payoffs across players"),
                statement, None, ("numbers at face value", face, facts + "."))
    return face, facts + " (the file declares payoffs comparable across players).", \
        statement, None


OUTCOME_JUDGES: dict[str, Callable[[Context], Verdict]] = {
    "pareto_optimal": pareto_optimal,
    "prefers": prefers,
    "payoff_range": payoff_range,
    "equal_payoffs": equal_payoffs,
}
