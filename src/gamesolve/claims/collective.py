"""How claims about all players together are judged: ``pareto_dominated``, ``welfare``
(sum or minimum of the players' payoffs) and ``interdependent`` (some or each player's
best choice depends on what the others do).

Welfare compares payoffs across players, so it is judged only when the game file
declares them comparable (``comparable_across_players: true``); a sum also needs a
cardinal scale.  Otherwise the claim is untestable, and the report shows what the
numbers would say read at face value.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ..model import Game, Profile
from .core import CONTRADICTED, SUPPORTED, UNTESTABLE, Context, Unavailable
from .extremes import scope_allowed
from .helpers import (
    MAX_LISTED,
    Verdict,
    common_units,
    listing,
    name,
    not_comparable,
    num,
    profile_payoffs,
    raw_profile,
    sid,
    unavailable,
    untested_players,
)

MEASURES = ("sum", "minimum")
QUANTIFIERS = ("some", "each")


# ---------------------------------------------------------------------- Pareto
def pareto_dominated(ctx: Context) -> Verdict:
    game = ctx.game
    prof = ctx.profile()
    by = ctx.profile("by") if "by" in ctx.claim else None
    label = raw_profile(ctx) if isinstance(prof, Unavailable) else game.format_profile(prof)
    statement = f"{label} is Pareto-dominated"
    if by is not None:
        statement += " by " + (raw_profile(ctx, "by") if isinstance(by, Unavailable)
                               else game.format_profile(by))
    gone = [x for x in (prof, by) if isinstance(x, Unavailable)]
    if gone:
        return unavailable(ctx, gone, statement)
    untested = untested_players(ctx)
    note = (f" Outcomes involving {'; '.join(untested)} are not priced and not compared."
            if untested else "")
    pays = profile_payoffs(game, prof)
    if by is not None:
        mine, theirs = game.exact_payoffs(prof), game.exact_payoffs(by)
        worse = [p for p in range(game.n_players) if theirs[p] < mine[p]]
        if not worse and theirs != mine:
            return (SUPPORTED, (f"{game.format_profile(by)} = {profile_payoffs(game, by)} gives"
                    f" every player at least {label} = {pays} and someone more."), statement,
                    None)
        why = ("pays every player the same" if not worse else
               "pays " + listing([f"{name(game, p)} less ({num(theirs[p])} < {num(mine[p])})"
                                  for p in worse]))
        return (CONTRADICTED, (f"{game.format_profile(by)} = {profile_payoffs(game, by)} {why}"
                f" than {label} = {pays}.{note}"), statement, None)
    from ..solvers.welfare import pareto_dominators

    better = pareto_dominators(game, prof)
    if better:
        listed = "; ".join(f"{game.format_profile(q)} = {profile_payoffs(game, q)}"
                           for q in better[:MAX_LISTED])
        return (SUPPORTED, (f"{label} = {pays} is Pareto-dominated (everyone at least as well"
                f" off, someone better) by {listed}."), statement, None)
    return (CONTRADICTED, (f"No pure outcome gives every player at least {label} = {pays} and"
            f" someone more: it is Pareto optimal.{note}"), statement, None)


# ---------------------------------------------------------------------- welfare
def _welfare(game: Game, measure: str) -> tuple[np.ndarray, int]:
    """Welfare of every outcome (object ints on one denominator) and that denominator."""
    units, den = common_units(game)
    return (units.sum(axis=0) if measure == "sum" else units.min(axis=0)), den


def welfare(ctx: Context) -> Verdict:
    game = ctx.game
    measure = ctx.claim["measure"]
    if measure not in MEASURES:
        raise ctx.error(f"'measure' must be {' or '.join(MEASURES)}, not {measure!r}")
    strict = ctx.flag("strictly", "than" in ctx.claim)
    if "than" in ctx.claim and ("scope" in ctx.claim or "where" in ctx.claim):
        raise ctx.error("welfare: give 'than' (one comparison) or 'where'/'scope' (the"
                        " highest among outcomes), not both")
    prof = ctx.profile()
    than = ctx.profile("than") if "than" in ctx.claim else None
    what = "sum of payoffs" if measure == "sum" else "smallest payoff"
    label = raw_profile(ctx) if isinstance(prof, Unavailable) else game.format_profile(prof)
    if than is not None:
        other = (raw_profile(ctx, "than") if isinstance(than, Unavailable)
                 else game.format_profile(than))
        statement = (f"{label} has a {'higher' if strict else 'no lower'} {what} than {other}")
        allowed, gone, pinned = None, [], []
    else:
        if ctx.scope and not isinstance(prof, Unavailable):
            allowed, pinned = scope_allowed(game, prof, ctx.scope)
            gone = []
        else:
            allowed, gone, pinned = ctx.constraints("where")
        scope = {"row": " in its row", "table": " in the whole table"}.get(ctx.scope, "")
        statement = f"{label} has the {'unique ' if strict else ''}highest {what}{scope}"
    gone = [x for x in (prof, than) if isinstance(x, Unavailable)] + gone
    if gone:
        return unavailable(ctx, gone, statement)
    values, den = _welfare(game, measure)

    def show(q: Profile) -> str:
        return (f"{game.format_profile(q)} = {profile_payoffs(game, q)}:"
                f" {num(Fraction(values[q], den))}")

    if than is not None:
        a, b = values[prof], values[than]
        ok = a > b if strict else a >= b
        face = (SUPPORTED if ok else CONTRADICTED,
                f"{what.capitalize()}: {show(prof)}; {show(than)}.")
    else:
        if any(prof[q] not in allowed[q] for q in range(game.n_players)):
            raise ctx.error(f"welfare: {label} is not among the outcomes it is compared with")
        face = _highest(game, values, prof, allowed, strict, what, scope, show)
    other = None
    if ctx.scope and than is None:
        o_scope = "table" if ctx.scope == "row" else "row"
        o_allowed, _ = scope_allowed(game, prof, o_scope)
        o_phrase = {"row": " in its row", "table": " in the whole table"}[o_scope]
        other = (o_scope, *_highest(game, values, prof, o_allowed, strict, what, o_phrase,
                                    show))
    untested = [] if than is not None else untested_players(ctx, pinned=pinned)
    note = (f" Outcomes involving {'; '.join(untested)} are not priced." if untested else "")
    if not ctx.comparable or (measure == "sum" and ctx.payoff_scale == "ordinal"):
        what_ = "Sums of payoffs" if measure == "sum" else "Minima of payoffs across players"
        return (UNTESTABLE, not_comparable(ctx, what_), statement, None,
                ("numbers at face value", face[0], face[1] + note))
    return face[0], face[1] + note, statement, None, other


def _highest(game: Game, values: np.ndarray, prof: Profile, allowed: list[list[int]],
             strict: bool, what: str, scope: str, show) -> tuple[str, str]:
    """(status, evidence) of "``prof`` has the highest welfare among ``allowed``"."""
    sub = values[np.ix_(*allowed)]
    here = values[prof]
    rivals = [tuple(allowed[q][int(i)] for q, i in enumerate(idx))
              for idx in np.ndindex(*sub.shape)]
    rivals = [q for q in rivals if q != prof]
    beat = [q for q in rivals if (values[q] >= here if strict else values[q] > here)]
    count = f"the {len(rivals) + 1} outcomes{scope or ' in the game'}"
    if beat:
        return (CONTRADICTED, f"{what.capitalize()}: {show(prof)}, but "
                + "; ".join(show(q) for q in beat[:MAX_LISTED])
                + (f" and {len(beat) - MAX_LISTED} more" if len(beat) > MAX_LISTED else "")
                + f" (of {count}).")
    return SUPPORTED, f"{what.capitalize()}: {show(prof)}, the highest of {count}."


# ---------------------------------------------------------------------- interdependence
def _player_independence(ctx: Context, p: int) -> tuple[bool | None, str]:
    """(True: p's best choice does not depend on the others; False: it does; None:
    unknown), with the evidence."""
    game = ctx.game
    who = name(game, p)
    missing = ctx.missing_alternatives(p)
    u = np.moveaxis(game.scaled[p], p, 0).reshape(game.shape[p], -1)
    if missing:
        unpriced = {x.id for x in game.players[p].unpriced}
        why = ("not priced by the source" if all(m in unpriced for m in missing) else
               "removed by --fix" if not any(m in unpriced for m in missing) else
               "not priced or removed by --fix")
        gone = f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} {why}"
        return None, (f"{who}: unknown, since its {gone}, and which of its choices is best"
                      " against what cannot be compared.")
    if u.shape[0] == 1:
        return True, (f"{who} has one strategy ({sid(game, p, 0)}): nothing to choose, so"
                      " nothing the others do changes its choice.")
    best = u.max(axis=0)
    always = [t for t in range(u.shape[0]) if bool((u[t] == best).all())]
    if always:
        separable = bool(((u - u[0]) == (u - u[0])[:, :1]).all())
        extra = (" Its payoffs are additively separable: switching strategies changes its"
                 " payoff by the same amount whatever the others do." if separable else "")
        return True, (f"{who}: {' and '.join(sid(game, p, t) for t in always)}"
                      f" {'is a best choice' if len(always) == 1 else 'are best choices'}"
                      f" against {_every(u.shape[1])} of the others.{extra}")
    # two profiles of the others with different best replies: a concrete dependence
    from .helpers import opponents

    allowed = [list(range(k)) for k in game.shape]
    first = u[:, 0] == best[0]
    c = next(c for c in range(u.shape[1]) if not bool((u[:, c] == best[c])[first].any()))
    b0 = "/".join(sid(game, p, t) for t in np.flatnonzero(first))
    bc = "/".join(sid(game, p, t) for t in np.flatnonzero(u[:, c] == best[c]))
    return False, (f"{who}: its best choice depends on the others: {b0} against"
                   f" {opponents(game, p, allowed, 0)}, but {bc} against"
                   f" {opponents(game, p, allowed, c)}.")


def _every(count: int) -> str:
    return "the one profile" if count == 1 else f"every one of the {count} profiles"


def _quantified(facts: list[tuple[bool | None, str]], quantifier: str) -> str:
    dep = [f for f, _ in facts]
    if quantifier == "each":
        if any(f is True for f in dep):
            return CONTRADICTED
        return SUPPORTED if all(f is False for f in dep) else UNTESTABLE
    if any(f is False for f in dep):
        return SUPPORTED
    return CONTRADICTED if all(f is True for f in dep) else UNTESTABLE


def interdependent(ctx: Context) -> Verdict:
    game = ctx.game
    quantifier = ctx.claim.get("quantifier", "some")
    if quantifier not in QUANTIFIERS:
        raise ctx.error(f"'quantifier' must be {' or '.join(QUANTIFIERS)}, not {quantifier!r}")
    value = ctx.claim.get("players")
    if value is None:
        players = list(range(game.n_players))
    else:
        names = value if isinstance(value, list) else [value]
        players = sorted({ctx.player(n, "players") for n in names})
        if not players:
            raise ctx.error("'players' must name at least one player")
    who = listing([name(game, p) for p in players])
    statement = (f"{'each' if quantifier == 'each' else 'some'} player's best choice"
                 f" ({who}) depends on what the others do")
    facts = [_player_independence(ctx, p) for p in players]
    evidence = " ".join(e for _, e in facts)
    status = _quantified(facts, quantifier)
    other = "some" if quantifier == "each" else "each"
    o_status = _quantified(facts, other)
    return (status, evidence, statement, None,
            (f"{other} player", o_status, f"The same facts, read as \"{other} player's best"
             " choice depends on the others\"."))


COLLECTIVE_JUDGES: dict[str, Callable[[Context], Verdict]] = {
    "pareto_dominated": pareto_dominated,
    "welfare": welfare,
    "interdependent": interdependent,
}
