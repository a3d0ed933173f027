"""Dominance: dominant and dominated strategies, by pure and by mixed strategies, and
iterated elimination of strictly (and, on request, weakly) dominated strategies.

Pure dominance is decided exactly on integer-scaled payoffs.  Dominance by a mixed
strategy is found by a linear program (scipy, imported lazily) and then *verified* in
exact arithmetic: the LP's weights are rounded to nearby fractions and the dominance
inequalities are checked with Fractions; an LP answer that does not verify is not reported.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> d = player_dominance(pd, 0)
>>> d.strictly_dominant, [x.strategy for x in d.strictly_dominated]
(1, [0])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameError
from ..model import Game

MAX_LP_COLUMNS = 200_000  # opponents' profiles beyond which mixed dominance is skipped


@dataclass(frozen=True)
class Domination:
    """``strategy`` is dominated by the mixture ``by`` (strategy index -> exact weight).

    ``gap`` is the smallest payoff advantage of ``by`` over ``strategy`` across the
    opponents' profiles (exact): positive for strict dominance, zero for weak.
    """

    strategy: int
    by: tuple[tuple[int, Fraction], ...]
    gap: Fraction
    strict: bool

    @property
    def mixed(self) -> bool:
        return len(self.by) > 1


@dataclass(frozen=True)
class PlayerDominance:
    player: int
    strictly_dominant: int | None
    weakly_dominant: int | None
    strictly_dominated: tuple[Domination, ...]
    weakly_dominated: tuple[Domination, ...]
    dominant_gap: Fraction | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EliminationStep:
    round: int
    player: int
    strategy: str
    by: tuple[tuple[str, Fraction], ...]


@dataclass(frozen=True)
class EliminationResult:
    """``kind`` is "strict" or "weak"; ``order`` says, for weak elimination, which order
    was used (strict elimination's result does not depend on it)."""

    steps: tuple[EliminationStep, ...]
    surviving: tuple[tuple[str, ...], ...]
    solved: bool  # one strategy left for every player
    notes: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "strict"
    order: str = ""


def _own_axis_first(game: Game, player: int) -> np.ndarray:
    """Player's scaled payoffs as a matrix: rows = own strategies, columns = opponents' profiles."""
    u = np.moveaxis(game.scaled[player], player, 0)
    return u.reshape(u.shape[0], -1)


def pure_dominations(u: np.ndarray, denominator: int) -> tuple[list[Domination], list[Domination]]:
    """Strict and weak (but not strict) dominations of rows of ``u`` by other single rows."""
    strict: dict[int, Domination] = {}
    weak: dict[int, Domination] = {}
    m = u.shape[0]
    for s in range(m):
        for t in range(m):
            if s == t:
                continue
            diff = u[t] - u[s]
            low = int(diff.min())
            if low > 0:
                gap = Fraction(low, denominator)
                if s not in strict or gap > strict[s].gap:
                    strict[s] = Domination(s, ((t, Fraction(1)),), gap, True)
            elif low == 0 and bool((diff > 0).any()) and s not in weak:
                weak[s] = Domination(s, ((t, Fraction(1)),), Fraction(0), False)
    weak = {s: d for s, d in weak.items() if s not in strict}
    return [strict[s] for s in sorted(strict)], [weak[s] for s in sorted(weak)]


def mixed_domination(u: np.ndarray, s: int, denominator: int, strict: bool) -> Domination | None:
    """Is row ``s`` dominated by a mixture of the other rows?  Verified exactly."""
    others = [t for t in range(u.shape[0]) if t != s]
    if len(others) < 2 or u.shape[1] > MAX_LP_COLUMNS:
        return None
    # exact shortcuts that avoid the LP: a best response to some opponents' profile cannot
    # be strictly dominated, and a *unique* best response cannot even be weakly dominated
    rest = u[others].max(axis=0)
    if strict and bool((u[s] >= rest).any()):
        return None
    if not strict and bool((u[s] > rest).any()):
        return None
    from scipy.optimize import linprog

    # dominance is unchanged by adding a constant: shift to 0 before going to floats, so
    # that huge payoffs with small differences keep those differences
    shifted = u - u.min()
    scale = float(max(1, shifted.max()))
    rows = shifted[others].astype(float).T / scale  # columns x others
    target = shifted[s].astype(float) / scale
    k = len(others)
    ncols = u.shape[1]
    if strict:
        # maximise eps: sum_i w_i u_i(t) - eps >= u_s(t), sum w = 1, w >= 0
        c = np.zeros(k + 1)
        c[-1] = -1.0
        a_ub = np.hstack([-rows, np.ones((ncols, 1))])
        bounds = [(0, None)] * k + [(None, 1.0)]
    else:
        # maximise total slack: sum_i w_i u_i(t) - z_t = u_s(t), z_t >= 0
        c = np.concatenate([np.zeros(k), -np.ones(ncols)])
        a_ub = np.hstack([-rows, np.eye(ncols)])
        bounds = [(0, None)] * (k + ncols)
    a_eq = np.zeros((1, a_ub.shape[1]))
    a_eq[0, :k] = 1.0
    res = linprog(c, A_ub=a_ub, b_ub=-target, A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                  method="highs")
    if res.status != 0 or -res.fun <= 1e-9:
        return None
    target_row = u[s].astype(object)
    for weights in _rational_candidates(res.x[:k]):
        # try ever finer roundings of the LP's weights until one verifies exactly
        mix = {others[i]: w for i, w in enumerate(weights) if w != 0}
        combo = sum((w * u[t].astype(object) for t, w in mix.items()),
                    np.zeros(ncols, dtype=object))
        diff = combo - target_row
        low = min(diff)
        if strict and not low > 0:
            continue
        if not strict and not (low >= 0 and max(diff) > 0):
            continue
        return Domination(s, tuple(sorted(mix.items())), Fraction(low) / denominator, strict)
    return None


RATIONAL_LIMITS = (10, 100, 1000, 10**4, 10**6)


def _rational_candidates(weights: np.ndarray):
    """Probability vectors of Fractions near ``weights``, coarsest denominators first."""
    clipped = np.clip(np.asarray(weights, dtype=float), 0, None)
    if not clipped.sum() > 0:
        return
    seen = set()
    for limit in RATIONAL_LIMITS:
        fracs = [Fraction(float(x)).limit_denominator(limit) for x in clipped / clipped.sum()]
        total = sum(fracs)
        if total > 0:
            candidate = tuple(f / total for f in fracs)
            if candidate not in seen:
                seen.add(candidate)
                yield list(candidate)


rational_candidates = _rational_candidates  # public name for exact certificates elsewhere


def _rationalise(weights: np.ndarray) -> list[Fraction] | None:
    """The coarsest rational probability vector near ``weights`` (see _rational_candidates)."""
    return next(_rational_candidates(weights), None)


def player_dominance(game: Game, player: int, mixed: bool = True) -> PlayerDominance:
    """Everything about dominance for one player."""
    u = _own_axis_first(game, player)
    d = game.denominators[player]
    strict, weak = pure_dominations(u, d)
    notes: list[str] = []
    m = u.shape[0]
    if mixed and m >= 3:
        pure_strict = {x.strategy for x in strict}
        pure_weak = {x.strategy for x in weak}
        for s in range(m):
            if s in pure_strict:
                continue
            found = mixed_domination(u, s, d, strict=True)
            if found:
                strict.append(found)
                weak = [w for w in weak if w.strategy != s]
                continue
            if s not in pure_weak:
                found = mixed_domination(u, s, d, strict=False)
                if found:
                    weak.append(found)
        if u.shape[1] > MAX_LP_COLUMNS:
            notes.append("dominance by mixed strategies not checked: too many opponent profiles")
    strict.sort(key=lambda x: x.strategy)
    weak.sort(key=lambda x: x.strategy)
    strictly_dominant = weakly_dominant = None
    dominant_gap = None
    if m == 1:
        notes.append(f"only one strategy ({game.players[player].strategies[0].id}):"
                     " nothing to compare it with")
    else:
        for t in range(m):
            diffs = u[t] - np.delete(u, t, axis=0)
            low = int(diffs.min())
            if low > 0:
                strictly_dominant = t
                dominant_gap = Fraction(low, d)
            if (diffs >= 0).all() and (diffs > 0).any(axis=1).all():
                weakly_dominant = t
    return PlayerDominance(player, strictly_dominant, weakly_dominant, tuple(strict), tuple(weak),
                           dominant_gap, tuple(notes))


def dominance(game: Game, mixed: bool = True) -> list[PlayerDominance]:
    return [player_dominance(game, p, mixed) for p in range(game.n_players)]


def iterated_elimination(game: Game, mixed: bool = True) -> EliminationResult:
    """Iterated elimination of strictly dominated strategies (by pure or mixed strategies).

    Each round removes, for every player at once, every strategy strictly dominated in the
    current sub-game; strict dominance makes the order irrelevant.
    """
    keep = [list(range(s)) for s in game.shape]
    steps: list[EliminationStep] = []
    round_no = 0
    while True:
        round_no += 1
        sub = game.restrict(dict(enumerate(keep)))
        removed_any = False
        new_keep = [list(k) for k in keep]
        for p in range(game.n_players):
            if len(keep[p]) < 2:
                continue
            u = _own_axis_first(sub, p)
            strict, _ = pure_dominations(u, sub.denominators[p])
            dominated = {x.strategy: x for x in strict}
            if mixed and len(keep[p]) >= 3:
                for s in range(len(keep[p])):
                    if s not in dominated:
                        found = mixed_domination(u, s, sub.denominators[p], strict=True)
                        if found:
                            dominated[s] = found
            for s, dom in sorted(dominated.items()):
                ids = sub.players[p].ids
                steps.append(EliminationStep(round_no, p, ids[s],
                                             tuple((ids[t], w) for t, w in dom.by)))
                new_keep[p].remove(keep[p][s])
                removed_any = True
        keep = new_keep
        if not removed_any:
            break
    surviving = tuple(tuple(game.players[p].strategies[i].id for i in keep[p])
                      for p in range(game.n_players))
    return EliminationResult(tuple(steps), surviving, all(len(k) == 1 for k in keep))


WEAK_ORDERS = {
    "simultaneous": "every round removes at once, for every player, each strategy weakly"
                    " dominated in the game left by the previous round",
    "one-at-a-time": "each step removes one weakly dominated strategy: the first player's"
                     " first one in the file's order, then the game is re-examined",
}


def _weakly_dominated(sub: Game, p: int, mixed: bool) -> dict[int, Domination]:
    """Player p's strategies weakly (or strictly) dominated in ``sub``, verified exactly."""
    u = _own_axis_first(sub, p)
    d = sub.denominators[p]
    strict, weak = pure_dominations(u, d)
    found = {x.strategy: x for x in strict + weak}
    if mixed and u.shape[0] >= 3:
        for s in range(u.shape[0]):
            if s not in found:
                dom = mixed_domination(u, s, d, strict=True) or mixed_domination(
                    u, s, d, strict=False)
                if dom:
                    found[s] = dom
    return found


def iterated_weak_elimination(game: Game, mixed: bool = True,
                              order: str = "simultaneous") -> EliminationResult:
    """Iterated elimination of weakly dominated strategies (by pure or mixed strategies).

    Unlike strict dominance, the result can depend on the order of elimination and can
    remove Nash equilibria (Samuelson 1992, "Dominated strategies and common knowledge";
    Osborne 2004, section 2.9.7); ``order`` (a key of :data:`WEAK_ORDERS`) fixes it.  A
    profile that survives alone is a Nash equilibrium.  Every domination is verified in
    exact arithmetic.

    >>> from gamesolve.model import Game
    >>> g = Game.from_payoffs([[[1, 1], [0, 1]], [[1, 1], [1, 0]]])  # row 2, col 2 weak
    >>> r = iterated_weak_elimination(g)
    >>> r.surviving, r.solved, r.kind
    ((('1',), ('1',)), True, 'weak')
    """
    if order not in WEAK_ORDERS:
        raise GameError(f"unknown elimination order {order!r} (choose from"
                        f" {', '.join(WEAK_ORDERS)})")
    keep = [list(range(s)) for s in game.shape]
    steps: list[EliminationStep] = []
    round_no = 0
    while True:
        round_no += 1
        sub = game.restrict(dict(enumerate(keep)))
        new_keep = [list(k) for k in keep]
        removed_any = False
        for p in range(game.n_players):
            if len(keep[p]) < 2:
                continue
            dominated = _weakly_dominated(sub, p, mixed)
            chosen = sorted(dominated.items())
            if order == "one-at-a-time":
                chosen = chosen[:1]
            ids = sub.players[p].ids
            for s, dom in chosen:
                steps.append(EliminationStep(round_no, p, ids[s],
                                             tuple((ids[t], w) for t, w in dom.by)))
                new_keep[p].remove(keep[p][s])
                removed_any = True
            if removed_any and order == "one-at-a-time":
                break
        keep = new_keep
        if not removed_any:
            break
    surviving = tuple(tuple(game.players[p].strategies[i].id for i in keep[p])
                      for p in range(game.n_players))
    return EliminationResult(tuple(steps), surviving, all(len(k) == 1 for k in keep),
                             kind="weak", order=order)


def weak_elimination_checked(game: Game, mixed: bool = True) -> EliminationResult:
    """Simultaneous iterated weak elimination, with a note on whether the one-at-a-time
    order leaves the same strategies (when it does not, the result depends on the order,
    and that is said)."""
    result = iterated_weak_elimination(game, mixed, "simultaneous")
    other = iterated_weak_elimination(game, mixed, "one-at-a-time")
    if other.surviving == result.surviving:
        note = ("eliminating one strategy at a time (first player first) leaves the same"
                " strategies")
    else:
        left = "; ".join(f"{game.players[p].name}: {', '.join(ids)}"
                         for p, ids in enumerate(other.surviving))
        note = (f"eliminating one strategy at a time (first player first) leaves {left}"
                " instead: here the result depends on the order")
    from dataclasses import replace

    return replace(result, notes=result.notes + (note,))
