"""How claims about strategies and equilibria are judged (see :mod:`gamesolve.claims` for
the vocabulary, and :mod:`gamesolve.claims_outcomes` for claims about outcomes).

Every function reads one claim through a :class:`~gamesolve.claims.Context` and returns
``(status, evidence, statement, holds_in)``.  Comparisons are exact: they use the game's
integer-scaled payoffs, one player's at a time, and report numbers as Fractions.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from .claims import CONTRADICTED, SUPPORTED, UNTESTABLE, ClaimResult, Context, Unavailable
from .model import INT64_SAFE, Game, Profile

UNIQUE_MIXED_MAX_PROFILES = 10_000  # games up to this size get a complete mixed search
MAX_LISTED = 6  # counterexamples listed in one piece of evidence

Verdict = tuple[str, str, str, "tuple[int, int] | None"]


def evaluate(ctx: Context) -> ClaimResult:
    from .claims_outcomes import OUTCOME_JUDGES

    judge = JUDGES.get(ctx.kind) or OUTCOME_JUDGES[ctx.kind]
    status, evidence, statement, holds_in = judge(ctx)
    return ClaimResult(text=ctx.text, source=ctx.source, kind=ctx.kind, line=ctx.line,
                       status=status, evidence=evidence, statement=statement,
                       hedged=ctx.hedged, implicit=ctx.implicit, note=ctx.note,
                       holds_in=holds_in)


# ---------------------------------------------------------------------- helpers
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


# ---------------------------------------------------------------------- dominance
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
        if ctx.hedged:
            evidence = f"Hedged claim: holds in {holds[0]} of {holds[1]} cases. " + evidence
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
    from .solvers.pure import pure_equilibrium_profiles

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
    from .solvers.dominance import iterated_elimination

    small = game.n_profiles <= UNIQUE_MIXED_MAX_PROFILES
    el = iterated_elimination(game, mixed=small)
    if el.solved and tuple(s[0] for s in el.surviving) == game.profile_ids(prof):
        return SUPPORTED, ("iterated elimination of strictly dominated strategies leaves only"
                           f" {game.format_profile(prof)}, so no other equilibrium exists,"
                           " mixed or pure")
    if not small:
        return UNTESTABLE, f"the game has more than {UNIQUE_MIXED_MAX_PROFILES:,} profiles"
    from .solvers.equilibria import solve

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
in :mod:`gamesolve.claims_outcomes`."""
