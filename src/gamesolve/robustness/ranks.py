"""Rank margins: how many changes to one player's *ranking* of the outcomes overturn a
conclusion.  The ordinal counterpart of the stability margin (docs/explanation/robustness.md).

Each player ranks the outcomes (profiles) by its payoff: a weak order, equal payoffs tied.
A *swap* changes the order of one pair of outcomes that are next to each other in that
ranking (no outcome strictly between them): it puts one above the other, makes them tied,
or breaks their tie.  Ties therefore count like any other order: making two adjacent
outcomes tied is one swap, and so is breaking a tie.  The distance between two rankings is
the number of pairs of outcomes whose order differs (the Kendall distance, extended to
ties by counting every changed pair once).

The *rank margin* of a conclusion is the fewest swaps in one player's ranking after which
it fails.  Every conclusion measured here (a strict dominance by a pure strategy, a pure
equilibrium) rests on comparisons "outcome ``a`` is ranked above (or, for an equilibrium,
at least level with) outcome ``b``" within one player's ranking, and fails as soon as one
of them does.  For one comparison the count is exact:

    swaps(a over b) = 1 + #{outcomes w other than a and b with  u(b) <= u(w) <= u(a)},

where ``u`` is the player's payoff (``0`` when a strict comparison is already a tie).
*At least* that many: the pair (a, b) must change, and for every such ``w`` so must one of
(a, w) or (w, b), since leaving both would keep ``a`` ranked above ``b`` (``a`` level with
or above ``w``, ``w`` level with or above ``b``, one of the two strict, or ``w`` tied with
both).  *At most*: move ``b`` up past each ``w`` and then level with or above ``a``, one
changed pair each.  Overturning needs only one comparison to fail, so the rank margin is
the smallest count over the comparisons; for a strict comparison a tie and a reversal cost
the same.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> rank_margin_dominance(pd, 0, 1, 0).swaps   # Row's D (1) over C (0): 5 > 3 and 1 > 0
1
>>> rank_margin_equilibrium(pd, (1, 1)).swaps
1
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import Game, Profile

MAX_LISTED = 3  # outcomes named in a rank margin's description


@dataclass(frozen=True)
class RankMargin:
    """The fewest swaps in ``player``'s ranking that overturn a conclusion, and where.

    The cheapest way: rank ``lower`` level with or above ``higher`` (``strict``: the
    conclusion needs ``higher`` strictly above, so a tie suffices), passing the ``passed``
    other outcomes ranked from ``lower``'s payoff to ``higher``'s (``swaps - 1`` of them;
    ``between`` names the first few, nearest to ``lower`` first).
    """

    swaps: int
    player: int
    higher: Profile
    lower: Profile
    strict: bool
    between: tuple[Profile, ...]
    passed: int = 0

    def describe(self, game: Game) -> str:
        """'Iran: (MP, AI, SAA) (4) level with (ITA, AI, SAA) (5), past (ITA, BR, SAA)':
        the outcome to move, where to, and the outcomes it passes (one swap each)."""
        who = game.players[self.player].name
        fmt = game.format_profile
        a, b = fmt(self.higher), fmt(self.lower)
        ua = game.exact_payoff(self.player, self.higher)
        ub = game.exact_payoff(self.player, self.lower)
        goal = "level with" if self.strict else "above"
        text = f"{who}: {b} ({_num(ub)}) {goal} {a} ({_num(ua)})"
        if not self.passed:
            return text
        shown = ", ".join(fmt(w) for w in self.between[:MAX_LISTED])
        more = (f" and {self.passed - len(self.between)} more"
                if self.passed > len(self.between) else "")
        return text + f", past {shown}{more}"


def _num(x) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


class _Ranking:
    """One player's payoffs, sorted once, to count the outcomes in a payoff interval."""

    def __init__(self, game: Game, p: int):
        self.u = game.scaled[p]
        self.sorted = np.sort(self.u.ravel())

    def count(self, low: int, high: int) -> int:
        """Outcomes with ``low <= u <= high``."""
        return int(np.searchsorted(self.sorted, high, side="right")
                   - np.searchsorted(self.sorted, low, side="left"))

    def swaps(self, a: Profile, b: Profile, strict: bool) -> int:
        ua, ub = int(self.u[a]), int(self.u[b])
        if ub > ua or (strict and ub == ua):
            return 0  # the comparison already fails
        return 1 + self.count(ub, ua) - 2

    def between(self, a: Profile, b: Profile) -> tuple[int, tuple[Profile, ...]]:
        """How many other outcomes are ranked from b's payoff to a's, and the first few of
        them, nearest to b first (the order in which b passes them)."""
        ua, ub = int(self.u[a]), int(self.u[b])
        flat = self.u.ravel()
        skip = {int(np.ravel_multi_index(a, self.u.shape)),
                int(np.ravel_multi_index(b, self.u.shape))}
        where = np.flatnonzero((flat >= ub) & (flat <= ua))
        where = where[~np.isin(where, list(skip))]
        first = where[np.argsort(flat[where], kind="stable")[:MAX_LISTED]]
        return len(where), tuple(tuple(int(i) for i in np.unravel_index(int(x), self.u.shape))
                                 for x in first)


def _cheapest(game: Game, p: int, pairs, strict: bool) -> RankMargin | None:
    ranking = _Ranking(game, p)
    best = None
    for a, b in pairs:
        s = ranking.swaps(a, b, strict)
        if best is None or s < best[0]:
            best = (s, a, b)
    if best is None:
        return None
    s, a, b = best
    passed, shown = ranking.between(a, b) if s else (0, ())
    return RankMargin(s, p, a, b, strict, shown, passed)


def _with(profile: Profile, p: int, t: int) -> Profile:
    return tuple(t if q == p else x for q, x in enumerate(profile))


def rank_margin_dominance(game: Game, p: int, better: int, worse: int) -> RankMargin:
    """Fewest swaps in ``p``'s ranking after which ``better`` no longer strictly dominates
    ``worse`` (pure strategies): some outcome of ``worse`` ranked level with or above the
    matching outcome of ``better``.  Vectorised over the others' profiles."""
    ranking = _Ranking(game, p)
    u = np.moveaxis(ranking.u, p, 0).reshape(game.shape[p], -1)
    ua, ub = u[better], u[worse]
    inside = (np.searchsorted(ranking.sorted, ua, side="right")
              - np.searchsorted(ranking.sorted, ub, side="left"))
    swaps = np.where(ub >= ua, 0, inside - 1)  # 1 + (outcomes in [ub, ua]) - a - b
    column = int(np.argmin(swaps))
    others = [k for q, k in enumerate(game.shape) if q != p]
    idx = [int(i) for i in np.unravel_index(column, others)] if others else []
    a = tuple(better if q == p else idx.pop(0) for q in range(game.n_players))
    b = _with(a, p, worse)
    n = int(swaps[column])
    passed, shown = ranking.between(a, b) if n else (0, ())
    return RankMargin(n, p, a, b, True, shown, passed)


def rank_margin_dominant(game: Game, p: int, s: int) -> RankMargin:
    """Fewest swaps in ``p``'s ranking after which ``s`` is no longer strictly dominant."""
    margins = [rank_margin_dominance(game, p, s, t) for t in range(game.shape[p]) if t != s]
    return min(margins, key=lambda m: m.swaps)


def rank_margin_equilibrium(game: Game, profile: Profile) -> RankMargin | None:
    """Fewest swaps in one player's ranking after which ``profile`` is no longer a pure
    equilibrium (a deviation ranked strictly above it); None when no player has an
    alternative.  For a strict equilibrium the same count first makes it weak."""
    found = []
    for p in range(game.n_players):
        pairs = [(profile, _with(profile, p, t)) for t in range(game.shape[p])
                 if t != profile[p]]
        m = _cheapest(game, p, pairs, strict=False)
        if m is not None:
            found.append(m)
    return min(found, key=lambda m: m.swaps) if found else None
