"""How ``strictly_dominated`` and ``weakly_dominated`` claims are judged.

A claim may name the dominator (``by``: a strategy id, or a mixture ``{id: weight}``
whose weights sum to 1); without one, the judge looks for one, pure first, then mixed
(:func:`gamesolve.solvers.dominance.mixed_domination`, verified exactly).  A claim that a
strategy is dominated is contradicted only with an exact certificate that it is not: a
belief about the others (a distribution over their profiles) against which it does as
well as every alternative.  For weak dominance that belief must give every profile
positive weight (Pearce 1984, "Rationalizable strategic behavior and the problem of
perfection", Econometrica 52, lemma 4: in a finite game a strategy is not weakly
dominated iff it is a best response to such a belief).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ..model import Game
from .core import CONTRADICTED, SUPPORTED, UNTESTABLE, Context, Unavailable
from .helpers import (
    MAX_LISTED,
    Verdict,
    name,
    num,
    opponents,
    others_phrase,
    sid,
    span,
    unavailable,
    untested_players,
)

MAX_CERTIFICATE_COLUMNS = 200_000  # opponents' profiles beyond which no LP is tried


def _matrix(game: Game, p: int) -> np.ndarray:
    u = np.moveaxis(game.scaled[p], p, 0)
    return u.reshape(u.shape[0], -1)


def _mix_label(game: Game, p: int, by: dict[int, Fraction]) -> str:
    return " + ".join(sid(game, p, t) if w == 1 else f"{num(w)} {sid(game, p, t)}"
                      for t, w in sorted(by.items()))


def _parse_by(ctx: Context, p: int, s: int) -> dict[int, Fraction] | Unavailable | None:
    value = ctx.claim.get("by")
    if value is None:
        return None
    items = value.items() if isinstance(value, dict) else [(value, 1)]
    out: dict[int, Fraction] = {}
    for key, weight in items:
        t = ctx.strategy(p, key)
        if isinstance(t, Unavailable):
            return t
        if t == s:
            raise ctx.error(f"'by' cannot use {sid(ctx.game, p, s)} itself")
        from ..model import to_fraction

        try:
            w = to_fraction(weight)
        except Exception:
            raise ctx.error(f"'by': weight of {key!r} must be a number") from None
        if w < 0:
            raise ctx.error(f"'by': weight of {key!r} is negative")
        if w:
            out[t] = out.get(t, Fraction(0)) + w
    if sum(out.values()) != 1:
        raise ctx.error("'by': the mixture's weights must sum to 1")
    return out


def _holds(diff: np.ndarray, strict: bool) -> bool:
    return bool(min(diff) > 0) if strict else bool(min(diff) >= 0 and max(diff) > 0)


def find_dominator(game: Game, p: int, s: int, strict: bool) -> dict[int, Fraction] | None:
    """A pure or mixed strategy that (strictly or weakly) dominates ``s``, verified exactly."""
    from ..solvers.dominance import mixed_domination

    u = _matrix(game, p)
    for t in range(u.shape[0]):  # pure first: strict dominators also dominate weakly
        if t != s and _holds(u[t] - u[s], True):
            return {t: Fraction(1)}
    if not strict:
        for t in range(u.shape[0]):
            if t != s and _holds(u[t] - u[s], False):
                return {t: Fraction(1)}
    for kind in ((True,) if strict else (True, False)):
        found = mixed_domination(u, s, game.denominators[p], strict=kind)
        if found is not None:
            return dict(found.by)
    return None


def best_response_belief(game: Game, p: int, s: int, full_support: bool
                         ) -> tuple[list[Fraction], str] | None:
    """An exact belief over the others' profiles against which ``s`` is a best response
    (with every profile weighted, if ``full_support``), and how it was found; or None."""
    u = _matrix(game, p)
    k, cols = u.shape
    rest = np.delete(u, s, axis=0)
    best_other = rest.max(axis=0) if k > 1 else np.full(cols, np.iinfo(np.int64).min)
    # a (unique, for weak dominance) best response to one profile of the others is not
    # dominated: every mixture of the alternatives pays less there
    hit = np.flatnonzero(u[s] > best_other if full_support else u[s] >= best_other)
    if hit.size:
        y = [Fraction(0)] * cols
        y[int(hit[0])] = Fraction(1)
        return y, "pure"
    if cols > MAX_CERTIFICATE_COLUMNS:
        return None
    from scipy.optimize import linprog

    from ..solvers.dominance import rational_candidates

    # maximise eps: y_c >= eps (full support) ; (u_t - u_s) . y <= 0 ; sum y = 1
    shifted = (u - u.min()).astype(float)
    scale = float(max(1.0, shifted.max()))
    a_ub = (shifted[[t for t in range(k) if t != s]] - shifted[s]) / scale
    c = np.zeros(cols + 1)
    c[-1] = -1.0
    a_ub = np.hstack([a_ub, np.zeros((a_ub.shape[0], 1))])
    if full_support:
        a_ub = np.vstack([a_ub, np.hstack([-np.eye(cols), np.ones((cols, 1))])])
    b_ub = np.zeros(a_ub.shape[0])
    a_eq = np.concatenate([np.ones(cols), [0.0]])[None]
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0],
                  bounds=[(0, None)] * cols + [(None, 1.0)], method="highs")
    if res.status != 0 or (full_support and -res.fun <= 1e-12):
        return None
    exact = u.astype(object)
    for y in rational_candidates(res.x[:cols]):
        if full_support and min(y) <= 0:
            continue
        mine = sum(w * x for w, x in zip(y, exact[s]))
        if all(sum(w * x for w, x in zip(y, exact[t])) <= mine for t in range(k) if t != s):
            return list(y), "lp"
    return None


def dominated(ctx: Context, strict: bool) -> Verdict:
    game = ctx.game
    p = ctx.player(ctx.claim["player"])
    s = ctx.strategy(p, ctx.claim["strategy"])
    word = "strictly" if strict else "weakly"
    label = s.id if isinstance(s, Unavailable) else sid(game, p, s)
    statement = f"{name(game, p)}'s {label} is {word} dominated"
    if isinstance(s, Unavailable):
        return unavailable(ctx, [s], statement)
    by = _parse_by(ctx, p, s)
    if isinstance(by, Unavailable):
        return unavailable(ctx, [by], statement + f" by {ctx.claim['by']}")
    if by is not None:
        statement += f" by {_mix_label(game, p, by)}"
    untested = untested_players(ctx, pinned=[p])
    note = (f" Judged on the priced game: {'; '.join(untested)} have no payoffs."
            if untested else "")
    u = _matrix(game, p).astype(object)
    d = game.denominators[p]
    cols = u.shape[1]
    where = others_phrase(game, p, cols)
    allowed = [list(range(k)) for k in game.shape]

    def advantage(mix: dict[int, Fraction]) -> np.ndarray:
        combo = sum((w * u[t] for t, w in mix.items()), np.zeros(cols, dtype=object))
        return combo - u[s]

    def support_text(mix: dict[int, Fraction]) -> str:
        diff = advantage(mix)
        lo, hi = Fraction(min(diff)) / d, Fraction(max(diff)) / d
        if strict or lo > 0:
            return (f"{_mix_label(game, p, mix)} pays {name(game, p)} {span(lo, hi)} more than"
                    f" {label} against {where}")
        ties = sum(1 for x in diff if x == 0)
        return (f"{_mix_label(game, p, mix)} pays {name(game, p)} at least as much as {label}"
                f" against {where} ({span(lo, hi)} more; equal against {ties} of them)")

    if by is not None:
        diff = advantage(by)
        if _holds(diff, strict):
            return SUPPORTED, support_text(by) + "." + note, statement, None
        c = int(np.argmin(diff))
        if strict or min(diff) < 0:
            why = (f"against {opponents(game, p, allowed, c)}, {_mix_label(game, p, by)} pays"
                   f" {num(Fraction(sum(w * u[t][c] for t, w in by.items())) / d)} and {label}"
                   f" {num(Fraction(u[s][c], d))}")
        else:
            why = f"{_mix_label(game, p, by)} pays exactly what {label} pays everywhere"
        other = find_dominator(game, p, s, strict)
        also = (f" ({label} is {word} dominated by {_mix_label(game, p, other)} instead.)"
                if other else "")
        return CONTRADICTED, f"Not {word} dominated by it: {why}.{also}{note}", statement, None
    found = find_dominator(game, p, s, strict)
    if found is not None:
        return SUPPORTED, support_text(found) + "." + note, statement, None
    missing = ctx.missing_alternatives(p)
    belief = best_response_belief(game, p, s, full_support=not strict)
    if belief is None:
        return (UNTESTABLE, (f"No dominator of {label} was found, but that {label} is not"
                f" {word} dominated could not be certified exactly.{note}"), statement, None)
    y, how = belief
    if how == "pure":
        c = next(i for i, w in enumerate(y) if w)
        cert = (f"against {opponents(game, p, allowed, c)}, {label} pays"
                f" {num(Fraction(u[s][c], d))} and"
                f" {'no alternative pays more' if strict else 'every alternative pays less'}")
    else:
        support = [i for i, w in enumerate(y) if w]
        shown = ", ".join(f"{num(y[i])} {opponents(game, p, allowed, i)}"
                          for i in support[:MAX_LISTED])
        more = f" and {len(support) - MAX_LISTED} more" if len(support) > MAX_LISTED else ""
        cert = (f"{label} does as well as every alternative of {name(game, p)} against the"
                f" belief ({shown}{more})"
                + (", which weights every profile of the others" if not strict else ""))
    if missing:
        return (UNTESTABLE, (f"Among priced strategies {label} is not {word} dominated: {cert};"
                f" but {name(game, p)}'s {', '.join(missing)}"
                f" {'is' if len(missing) == 1 else 'are'} not priced or removed by --fix, and"
                f" could dominate it.{note}"), statement, None)
    return (CONTRADICTED, f"Not {word} dominated: {cert} (an exact certificate).{note}",
            statement, None)


def strictly_dominated(ctx: Context) -> Verdict:
    return dominated(ctx, strict=True)


def weakly_dominated(ctx: Context) -> Verdict:
    return dominated(ctx, strict=False)


DOMINATED_JUDGES: dict[str, Callable[[Context], Verdict]] = {
    "strictly_dominated": strictly_dominated,
    "weakly_dominated": weakly_dominated,
}
