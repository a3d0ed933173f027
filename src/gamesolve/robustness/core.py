"""How robust are a game's conclusions to its numbers?  Exact margins and sampling.

*Stability margins* (:func:`stability_margins`) are exact: for each strict dominance and
each pure equilibrium, the largest ``delta`` such that changing every payoff by less
than ``delta`` (in any direction, independently) cannot overturn it.  A conclusion that
rests on comparisons whose smallest gap is ``g`` has margin ``g/2``: each side of a
comparison can move by ``delta`` toward the other, so the gap shrinks by at most
``2*delta``, and a perturbation of exactly ``g/2`` in opposite directions creates a tie
(docs/explanation/robustness.md).

*Rank margins* (:mod:`gamesolve.robustness.ranks`) are the ordinal counterpart: the fewest
swaps of adjacent outcomes in one player's ranking that overturn a conclusion.  Every
:class:`Margin` carries both; for a game whose file declares ``payoff_scale: ordinal`` the
reports show only the rank margin (the stability margin depends on the numbers' spacing,
which an ordinal scale does not give) and list the conclusions by rank margin.

*Sampling* (:mod:`gamesolve.robustness.sampling`) perturbs every payoff at random and
counts how often each conclusion survives and what replaces it.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...                        comparable_across_players=True)  # weakest first across players
>>> for m in stability_margins(pd)[:3]:
...     print(m.conclusion, m.margin, m.rank_margin)
Player 1: 2 is strictly dominant 1/2 1
Player 2: 2 is strictly dominant 1/2 1
(2, 2) is a strict pure equilibrium 1/2 1
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..model import Game, Profile
from .ranks import rank_margin_dominance, rank_margin_dominant, rank_margin_equilibrium

if TYPE_CHECKING:  # the sampling module is loaded only when sampling is asked for
    from .sampling import SamplingResult

MIXED_DOMINANCE_MAX_PROFILES = 100_000  # same bound as analysis.py
KIND_ORDER = {"strictly_dominant": 0, "strict_equilibrium": 1, "weak_equilibrium": 1,
              "strictly_dominated": 2}


@dataclass(frozen=True)
class Margin:
    """One conclusion and how far every payoff may move before it can be overturned.

    ``kind``: ``strictly_dominant``, ``strictly_dominated`` (``strategy`` by the mixture
    ``by``), ``strict_equilibrium`` or ``weak_equilibrium`` (margin 0: a tie already).
    ``gap`` is the smallest payoff difference the conclusion rests on; ``margin = gap/2``.
    ``binding`` says where that smallest difference is.  ``rank_margin`` is the fewest
    swaps of adjacent outcomes in one player's ranking that overturn the conclusion
    (:mod:`.ranks`), ``rank_binding`` the cheapest such change; None for a dominance by a
    mixture, which rests on cardinal payoffs.
    """

    conclusion: str
    kind: str
    margin: Fraction
    gap: Fraction
    player: int | None = None
    strategy: int | None = None
    by: tuple[tuple[int, Fraction], ...] = ()
    profile: Profile | None = None
    binding: str = ""
    rank_margin: int | None = None
    rank_binding: str = ""


@dataclass(frozen=True)
class RobustnessReport:
    margins: tuple[Margin, ...]
    sampling: SamplingResult | None
    payoff_scale: str = "cardinal"  # as the game file declares it


def robustness(game: Game, samples: int = 1000, noise: float = 0.5, seed: int = 0,
               ordinal: bool = False, jobs: int = 1,
               progress: Callable[[int], None] | None = None) -> RobustnessReport:
    """Exact margins, and (when ``samples > 0``) the sampling study."""
    margins = tuple(stability_margins(game))
    sampling = None
    if samples:
        from .sampling import sample_conclusions

        sampling = sample_conclusions(game, samples=samples, noise=noise, seed=seed,
                                      ordinal=ordinal, jobs=jobs, progress=progress)
    return RobustnessReport(margins, sampling, game.payoff_scale)


def _own_first(game: Game, p: int) -> np.ndarray:
    u = np.moveaxis(game.scaled[p], p, 0)
    return u.reshape(u.shape[0], -1)


def _opponents(game: Game, p: int, column: int) -> str:
    others = [q for q in range(game.n_players) if q != p]
    idx = np.unravel_index(column, [game.shape[q] for q in others]) if others else ()
    return "(" + ", ".join(game.players[q].strategies[int(i)].id
                           for q, i in zip(others, idx)) + ")"


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _ids(game: Game, p: int) -> tuple[str, ...]:
    return game.players[p].ids


def _mix(game: Game, p: int, by) -> str:
    return " + ".join(_ids(game, p)[t] if w == 1 else f"{_num(w)} {_ids(game, p)[t]}"
                      for t, w in by)


def stability_margins(game: Game) -> list[Margin]:
    """Every strict dominance and every pure equilibrium with its exact stability and rank
    margins, weakest first (by stability margin; by rank margin for an ordinal game; ties:
    dominant strategies, then equilibria, then dominated strategies); when the payoffs are
    not comparable across players, player by player (equilibria last)."""
    from ..solvers.dominance import dominance
    from ..solvers.pure import is_strict_equilibrium, pure_equilibrium_profiles

    mixed = game.n_profiles <= MIXED_DOMINANCE_MAX_PROFILES
    out: list[Margin] = []
    for d in dominance(game, mixed=mixed):
        p = d.player
        name = game.players[p].name
        u = _own_first(game, p).astype(object)
        den = game.denominators[p]
        if d.strictly_dominant is not None:
            s = d.strictly_dominant
            diffs = [(int(min(u[s] - u[t])), t) for t in range(u.shape[0]) if t != s]
            low, t = min(diffs)
            col = int(np.argmin(u[s] - u[t]))
            gap = Fraction(low, den)
            rank = rank_margin_dominant(game, p, s)
            out.append(Margin(
                f"{name}: {_ids(game, p)[s]} is strictly dominant", "strictly_dominant",
                gap / 2, gap, p, s,
                binding=f"{_ids(game, p)[s]} vs {_ids(game, p)[t]} against"
                        f" {_opponents(game, p, col)}: gap {_num(gap)}",
                rank_margin=rank.swaps, rank_binding=rank.describe(game)))
        for x in d.strictly_dominated:
            binding = f"gap {_num(x.gap)}"
            rank_margin, rank_binding = None, ("a dominance by a mixture rests on cardinal"
                                               " payoffs: no rank margin")
            if not x.mixed:
                rank = rank_margin_dominance(game, p, x.by[0][0], x.strategy)
                rank_margin, rank_binding = rank.swaps, rank.describe(game)
                t = x.by[0][0]
                col = int(np.argmin(u[t] - u[x.strategy]))
                binding = (f"{_ids(game, p)[t]} vs {_ids(game, p)[x.strategy]} against"
                           f" {_opponents(game, p, col)}: gap {_num(x.gap)}")
            out.append(Margin(
                f"{name}: {_ids(game, p)[x.strategy]} is strictly dominated by"
                f" {_mix(game, p, x.by)}", "strictly_dominated", x.gap / 2, x.gap, p,
                x.strategy, x.by, binding=binding, rank_margin=rank_margin,
                rank_binding=rank_binding))
    for prof in pure_equilibrium_profiles(game):
        gap, binding = _equilibrium_gap(game, prof)
        if gap is None:
            continue  # nobody has an alternative: nothing can overturn it
        strict = is_strict_equilibrium(game, prof)
        kind = "strict_equilibrium" if strict else "weak_equilibrium"
        rank = rank_margin_equilibrium(game, prof)
        out.append(Margin(f"{game.format_profile(prof)} is a"
                          f" {'strict' if strict else 'weak'} pure equilibrium", kind,
                          gap / 2, gap, profile=prof, binding=binding,
                          rank_margin=None if rank is None else rank.swaps,
                          rank_binding="" if rank is None else rank.describe(game)))
    if game.payoff_scale == "ordinal":
        # only rankings mean something: weakest by rank margin first
        out.sort(key=lambda m: (m.rank_margin is None, m.rank_margin or 0,
                                KIND_ORDER[m.kind]))
    elif game.comparable_across_players:
        out.sort(key=lambda m: (m.margin, KIND_ORDER[m.kind]))
    else:  # margins in different players' units are not ordered against each other
        out.sort(key=lambda m: (m.player is None, m.player or 0, m.margin,
                                KIND_ORDER[m.kind]))
    return out


def _equilibrium_gap(game: Game, prof: Profile) -> tuple[Fraction | None, str]:
    """Smallest (equilibrium payoff - best deviation payoff) over players, and where."""
    best: tuple[Fraction, str] | None = None
    for p in range(game.n_players):
        index = list(prof)
        index[p] = slice(None)
        column = game.scaled[(p,) + tuple(index)]
        alts = [t for t in range(len(column)) if t != prof[p]]
        if not alts:
            continue
        t = max(alts, key=lambda a: int(column[a]))
        gap = Fraction(int(column[prof[p]]) - int(column[t]), game.denominators[p])
        where = (f"{game.players[p].name}: {_ids(game, p)[prof[p]]} vs {_ids(game, p)[t]},"
                 f" gap {_num(gap)}")
        if best is None or gap < best[0]:
            best = (gap, where)
    return (None, "") if best is None else best
