"""How claims about strategies and equilibria are judged (see :mod:`gamesolve.claims.core` for
the vocabulary, and :mod:`gamesolve.claims.outcomes` for claims about outcomes).

Every function reads one claim through a :class:`~gamesolve.claims.Context` and returns
``(status, evidence, statement, holds_in)``.  Comparisons are exact: they use the game's
integer-scaled payoffs, one player's at a time, and report numbers as Fractions.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ..model import Game, Profile
from .core import CONTRADICTED, SUPPORTED, UNTESTABLE, Context, Unavailable
from .helpers import (
    MAX_LISTED,
    UNIQUE_MIXED_MAX_PROFILES,
    Verdict,
    listing,
    name,
    num,
    opponents,
    others_phrase,
    own_first,
    raw_profile,
    sid,
    span,
    unavailable,
    untested_players,
    value,
)


def dominant(ctx: Context, strict: bool) -> Verdict:
    game = ctx.game
    p = ctx.player(ctx.claim["player"])
    s = ctx.strategy(p, ctx.claim["strategy"])
    word = "strictly" if strict else "weakly"
    if isinstance(s, Unavailable):
        return unavailable(ctx, [s], f"{name(game, p)}'s {s.id} is {word} dominant")
    statement = f"{name(game, p)}'s {sid(game, p, s)} is {word} dominant"
    missing = ctx.missing_alternatives(p)
    allowed = [list(range(k)) for k in game.shape]
    u, _ = own_first(game, p, allowed)
    d = game.denominators[p]
    parts, failures = [], []
    for t in range(u.shape[0]):
        if t == s:
            continue
        diff = u[s] - u[t]
        lo, hi = Fraction(min(diff), d), Fraction(max(diff), d)
        parts.append(f"{sid(game, p, t)} by {span(lo, hi)}")
        if (strict and lo <= 0) or (not strict and lo < 0):
            col = int(np.argmin(diff))
            failures.append(
                f"against {opponents(game, p, allowed, col)}, {sid(game, p, t)} pays"
                f" {name(game, p)} {num(Fraction(u[t][col], d))} and {sid(game, p, s)}"
                f" {num(Fraction(u[s][col], d))}")
        elif not strict and hi == 0:
            failures.append(f"{sid(game, p, t)} pays exactly what {sid(game, p, s)} pays"
                            " against every profile of the others")
    cols = u.shape[1]
    if failures:
        return CONTRADICTED, "Not " + word + " dominant: " + "; ".join(failures) + ".", \
            statement, None
    if not parts:
        if missing:
            return (UNTESTABLE, (f"{sid(game, p, s)} is {name(game, p)}'s only priced strategy;"
                    f" {', '.join(missing)} {'is' if len(missing) == 1 else 'are'}"
                    f" {_missing_why(ctx, p)}, so there is nothing to compare it with."),
                    statement, None)
        return (UNTESTABLE, (f"{sid(game, p, s)} is {name(game, p)}'s only strategy: nothing"
                " to compare it with."), statement, None)
    if strict:
        evidence = (f"{sid(game, p, s)} beats {listing(parts)} against"
                    f" {others_phrase(game, p, cols)}.")
    else:
        spans = [f"{x.split(' by ')[1]} over {x.split(' by ')[0]}" for x in parts]
        evidence = (f"{sid(game, p, s)} is never worse: its advantage is {listing(spans)}"
                    " across"
                    f" {others_phrase(game, p, cols)}, and positive somewhere for each.")
    if missing:
        return (UNTESTABLE, (f"Among priced strategies: {evidence[:-1]};"
                f" but {name(game, p)}'s {', '.join(missing)}"
                f" {'is' if len(missing) == 1 else 'are'}"
                f" {_missing_why(ctx, p)}, so whether {sid(game, p, s)} beats"
                f" {'it' if len(missing) == 1 else 'them'} is unknown."), statement, None)
    return SUPPORTED, evidence, statement, None


def _missing_why(ctx: Context, p: int) -> str:
    unpriced = {s.id for s in ctx.game.players[p].unpriced}
    missing = ctx.missing_alternatives(p)
    if all(m in unpriced for m in missing):
        return "not priced by the source"
    if not any(m in unpriced for m in missing):
        return "removed by --fix"
    return "not priced or removed by --fix"


def strictly_dominant(ctx: Context) -> Verdict:
    return dominant(ctx, True)


def weakly_dominant(ctx: Context) -> Verdict:
    return dominant(ctx, False)


# ---------------------------------------------------------------------- best response
def best_response(ctx: Context) -> Verdict:
    game = ctx.game
    p = ctx.player(ctx.claim["player"])
    s = ctx.strategy(p, ctx.claim["strategy"])
    strict = ctx.flag("strictly", False)
    allowed, gone, constrained = ctx.constraints("against", exclude=p)
    against = ", ".join(f"{name(game, q)} {'/'.join(sid(game, q, i) for i in allowed[q])}"
                        for q in constrained) or "anything"
    label = sid(game, p, s) if not isinstance(s, Unavailable) else s.id
    statement = (f"{label} is {name(game, p)}'s {'unique ' if strict else ''}best response"
                 f" to {against}")
    if isinstance(s, Unavailable):
        gone = [s] + gone
    if gone:
        return unavailable(ctx, gone, statement)
    missing = ctx.missing_alternatives(p)
    u, _ = own_first(game, p, allowed)
    d = game.denominators[p]
    cols = u.shape[1]
    if u.shape[0] == 1:
        why = (f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'}"
               f" {_missing_why(ctx, p)}" if missing else "there is no alternative")
        return (UNTESTABLE, (f"{label} is {name(game, p)}'s only priced strategy and {why}:"
                " nothing to compare it with."), statement, None)
    rest = np.delete(u, s, axis=0)
    best_other = rest.max(axis=0)
    margin = u[s] - best_other
    fails = [c for c in range(cols) if (margin[c] <= 0 if strict else margin[c] < 0)]
    holds = (cols - len(fails), cols)
    where = others_phrase(game, p, cols, matching=bool(constrained))
    if fails:
        shown = []
        for c in fails[:MAX_LISTED]:
            t = int(np.argmax(rest[:, c]))
            t = t if t < s else t + 1
            rel = "ties with" if margin[c] == 0 else "is beaten by"
            value = num(Fraction(u[s][c], d))
            shown.append(f"against {opponents(game, p, allowed, c)}, {label} ({value})"
                         f" {rel} {sid(game, p, t)} ({num(Fraction(u[t][c], d))})")
        more = f" and {len(fails) - MAX_LISTED} more" if len(fails) > MAX_LISTED else ""
        evidence = "; ".join(shown) + more + "."
        evidence = evidence[0].upper() + evidence[1:]
        return CONTRADICTED, evidence, statement, holds
    lo, hi = Fraction(min(margin), d), Fraction(max(margin), d)
    evidence = (f"{label} is a best response against {where}: it pays {span(lo, hi)} more than"
                f" the best alternative" if lo > 0 else
                f"{label} is a best response against {where} (tied with an alternative in"
                f" {sum(1 for m in margin if m == 0)} of them)")
    if missing:
        return (UNTESTABLE, (f"Among priced strategies, {evidence}; but {name(game, p)}'s"
                f" {', '.join(missing)} {'is' if len(missing) == 1 else 'are'}"
                f" {_missing_why(ctx, p)}, so a better reply may exist."), statement, holds)
    return SUPPORTED, evidence + ".", statement, holds


# ---------------------------------------------------------------------- equilibria
def _deviation_facts(game: Game, profile: Profile) -> tuple[list[str], list[str], Fraction | None]:
    """(profitable deviations, losses of the best alternatives, smallest loss)."""
    gains, losses = [], []
    smallest = None
    for p in range(game.n_players):
        index = list(profile)
        index[p] = slice(None)
        column = game.scaled[(p,) + tuple(index)]
        here = int(column[profile[p]])
        alts = [t for t in range(len(column)) if t != profile[p]]
        if not alts:
            continue
        t = max(alts, key=lambda a: int(column[a]))
        diff = Fraction(here - int(column[t]), game.denominators[p])
        if diff < 0:
            gains.append(f"{name(game, p)} gains {num(-diff)} by switching from"
                         f" {sid(game, p, profile[p])} to {sid(game, p, t)}"
                         f" ({num(value(game, p, profile))} -> "
                         f"{num(Fraction(int(column[t]), game.denominators[p]))})")
        else:
            losses.append(f"{name(game, p)}'s best alternative {sid(game, p, t)} pays"
                          f" {num(diff)} less")
            smallest = diff if smallest is None else min(smallest, diff)
    return gains, losses, smallest


def _scope_note(ctx: Context) -> str:
    untested = untested_players(ctx)
    if not untested:
        return ""
    return (f" Judged on the priced game: {'; '.join(untested)} have no payoffs, so"
            " deviations to them are not tested.")


def equilibrium(ctx: Context) -> Verdict:
    game = ctx.game
    prof = ctx.profile()
    if isinstance(prof, Unavailable):
        return unavailable(ctx, [prof], f"{raw_profile(ctx)} is a pure Nash equilibrium")
    shown = game.format_profile(prof)
    statement = f"{shown} is a pure Nash equilibrium"
    gains, losses, smallest = _deviation_facts(game, prof)
    if gains:
        return CONTRADICTED, "Not an equilibrium: " + "; ".join(gains) + ".", statement, None
    strict = smallest is None or smallest > 0
    body = ("No player gains by deviating alone: " + "; ".join(losses) if losses
            else "No player has an alternative")
    body += f" ({'strict' if strict else 'weak: a deviation ties'})."
    return SUPPORTED, body + _scope_note(ctx), statement, None


def unique_equilibrium(ctx: Context) -> Verdict:
    game = ctx.game
    status, evidence, _, _ = equilibrium(ctx)
    prof = ctx.profile()
    if isinstance(prof, Unavailable):
        return unavailable(ctx, [prof], f"{raw_profile(ctx)} is the only Nash equilibrium")
    shown = game.format_profile(prof)
    statement = f"{shown} is the only Nash equilibrium"
    if status != SUPPORTED:
        return status, evidence, statement, None
    from ..solvers.pure import pure_equilibrium_profiles

    others = [q for q in pure_equilibrium_profiles(game) if q != prof]
    if others:
        listed = ", ".join(game.format_profile(q) for q in others[:MAX_LISTED])
        verb = "is" if len(others) == 1 else "are"
        return (CONTRADICTED, (f"{shown} is an equilibrium, but so {verb}"
                f" {listed}."), statement, None)
    base = "It is the only pure equilibrium"
    mixed_note = _mixed_uniqueness(ctx, prof)
    if mixed_note[0] == CONTRADICTED:
        return CONTRADICTED, f"{base}, but {mixed_note[1]}.", statement, None
    if mixed_note[0] == SUPPORTED:
        return SUPPORTED, f"{base}: {mixed_note[1]}.{_scope_note(ctx)}", statement, None
    return (SUPPORTED, (f"{base}; uniqueness among mixed equilibria could not be established"
            f" ({mixed_note[1]}).{_scope_note(ctx)}"), statement, None)


def _mixed_uniqueness(ctx: Context, prof: Profile) -> tuple[str, str]:
    """Is ``prof`` also the only equilibrium when mixed strategies count?"""
    game = ctx.game
    from ..solvers.dominance import iterated_elimination

    small = game.n_profiles <= UNIQUE_MIXED_MAX_PROFILES
    el = iterated_elimination(game, mixed=small)
    if el.solved and tuple(s[0] for s in el.surviving) == game.profile_ids(prof):
        return SUPPORTED, ("iterated elimination of strictly dominated strategies leaves only"
                           f" {game.format_profile(prof)}, so no other equilibrium exists,"
                           " mixed or pure")
    if not small:
        return UNTESTABLE, f"the game has more than {UNIQUE_MIXED_MAX_PROFILES:,} profiles"
    from ..solvers.equilibria import solve

    try:
        found = solve(game, "auto", ctx.timeout)
    except Exception as exc:
        return UNTESTABLE, f"the mixed equilibrium search failed: {type(exc).__name__}: {exc}"
    extra = [e for e in found.equilibria if not (e.pure and e.profile == prof)]
    if extra:
        e = extra[0]
        mix = "; ".join(
            f"{name(game, p)} " + " + ".join(f"{x:.4g} {sid(game, p, i)}"
                                            for i, x in enumerate(e.strategies[p]) if x > 1e-12)
            for p in range(game.n_players))
        return CONTRADICTED, (f"the {found.method} search also finds the equilibrium ({mix})"
                              + (f" and {len(extra) - 1} more" if len(extra) > 1 else ""))
    if found.complete:
        return SUPPORTED, f"a complete search ({found.method}) finds no mixed equilibrium"
    return UNTESTABLE, f"the {found.method} search is not guaranteed complete"


JUDGES: dict[str, Callable[[Context], Verdict]] = {
    "strictly_dominant": strictly_dominant,
    "weakly_dominant": weakly_dominant,
    "equilibrium": equilibrium,
    "unique_equilibrium": unique_equilibrium,
    "best_response": best_response,
}
"""Judges of the claims about strategies and equilibria; claims about outcomes are judged
in :mod:`gamesolve.claims.outcomes`."""
