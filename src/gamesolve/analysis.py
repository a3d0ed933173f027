"""Assemble one AnalysisResult from the solvers: what ``gamesolve analyze`` reports.

This module decides *what* is said (including the cell-by-cell reading and the
conclusion's sentences); the reporters in ``report/`` only format it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import GameError
from .model import Game, Profile
from .solvers.base import EquilibriumSet
from .solvers.dominance import (
    WEAK_ORDERS,
    EliminationResult,
    PlayerDominance,
    dominance,
    iterated_elimination,
    weak_elimination_checked,
)
from .solvers.equilibria import solve
from .solvers.pure import best_response_masks, deviations, solve_pure
from .solvers.welfare import Security, pareto_optimal_profiles, security_levels

MAX_CELLS_DISCUSSED = 200
MIXED_DOMINANCE_MAX_PROFILES = 100_000


@dataclass(frozen=True)
class Deviation:
    player: int
    to: int
    gain: Fraction


@dataclass(frozen=True)
class CellReading:
    """The numbers' reading of one pure profile, like the paper's A.1 to C.3."""

    profile: Profile
    payoffs: tuple[Fraction, ...]
    note: str | None
    assumed: bool
    gains_most: tuple[int, ...]
    gains_least: tuple[int, ...]
    best_for: tuple[int, ...]   # players for whom this is their best outcome in the game
    worst_for: tuple[int, ...]
    deviations: tuple[Deviation, ...]
    equilibrium: bool
    pareto_optimal: bool | None


@dataclass(frozen=True)
class AnalysisResult:
    game: Game
    equilibria: EquilibriumSet
    pure: EquilibriumSet
    dominance: tuple[PlayerDominance, ...]
    elimination: EliminationResult
    best_responses: tuple[Any, ...]  # boolean masks, one per player
    pareto_optimal: tuple[Profile, ...] | None
    security: tuple[Security, ...]
    cells: tuple[CellReading, ...] | None
    conclusion: tuple[str, ...]
    warnings: tuple[str, ...]
    unpriced: tuple[tuple[int, tuple[str, ...]], ...]
    margins: tuple[Any, ...] = ()       # robustness.Margin, weakest first
    claims: Any = None                  # claims.ClaimsReport when the file has claims
    weak_elimination: EliminationResult | None = None  # analyze --eliminate weak

    def __repr__(self) -> str:
        from .display import plural

        eqs = self.equilibria
        status = "complete" if eqs.complete else "not proven complete"
        return (f"<AnalysisResult {self.game.title or 'untitled game'!r}:"
                f" {plural(self.game.n_players, 'player')},"
                f" {plural(len(eqs.equilibria), 'equilibrium', 'equilibria')} ({status})>")

    def _repr_html_(self) -> str:
        from .display import html

        return html("AnalysisResult", self)


def analyze(game: Game, method: str = "auto", timeout: float = 10.0,
            progress=None, eliminate: str = "strict") -> AnalysisResult:
    """Everything ``gamesolve analyze`` reports, for one game (``progress`` as in
    :func:`gamesolve.solvers.equilibria.solve`); ``eliminate="weak"`` adds iterated
    elimination of weakly dominated strategies (the strict one is always done)."""
    if eliminate not in ("strict", "weak"):
        raise GameError(f"--eliminate {eliminate!r}: choose strict or weak")
    warnings: list[str] = []
    pure = solve_pure(game)
    mixed = game.n_profiles <= MIXED_DOMINANCE_MAX_PROFILES
    if not mixed:
        warnings.append("dominance by mixed strategies and mixed security levels skipped:"
                        f" more than {MIXED_DOMINANCE_MAX_PROFILES:,} profiles")
    elimination = iterated_elimination(game, mixed=mixed)
    equilibria = pure if method == "pure" else solve(
        game, method, timeout, elimination=elimination if mixed else None, progress=progress)
    dom = tuple(dominance(game, mixed=mixed))
    pareto = pareto_optimal_profiles(game)
    if pareto is None:
        warnings.append("Pareto optimality not computed: too many profiles")
    security = tuple(security_levels(game, mixed=mixed))
    masks = tuple(best_response_masks(game))
    unpriced = tuple((p, tuple(s.id for s in pl.unpriced))
                     for p, pl in enumerate(game.players) if pl.unpriced)
    cells = None
    if game.n_profiles <= MAX_CELLS_DISCUSSED:
        cells = tuple(read_cell(game, prof, pure, pareto) for prof in game.profiles())
    warnings.extend(equilibria.warnings)
    conclusion = tuple(write_conclusion(game, equilibria, pure, dom, elimination, pareto,
                                        unpriced))
    from .robustness import stability_margins

    margins = tuple(stability_margins(game))
    claims = None
    if game.claims:
        from .claims import check_claims

        claims = check_claims(game, timeout=timeout)
    weak = None
    if eliminate == "weak":
        weak = weak_elimination_checked(game, mixed=mixed)
        sentences, cautions = weak_elimination_findings(game, weak, pure)
        conclusion += sentences
        warnings.extend(cautions)
    return AnalysisResult(game, equilibria, pure, dom, elimination, masks,
                          tuple(pareto) if pareto is not None else None, security, cells,
                          conclusion, tuple(warnings), unpriced, margins, claims, weak)


def weak_elimination_findings(game: Game, weak: EliminationResult,
                              pure: EquilibriumSet) -> tuple[tuple[str, ...], list[str]]:
    """Conclusion sentences and warnings about iterated weak elimination."""
    warnings = ["iterated elimination of weakly dominated strategies can remove Nash"
                " equilibria and its result can depend on the order of elimination; the"
                f" order used: {weak.order} ({WEAK_ORDERS[weak.order]})"]
    surviving = [set(ids) for ids in weak.surviving]
    lost = [e for e in pure.equilibria
            if not all(pid in keep for pid, keep in zip(game.profile_ids(e.profile), surviving))]
    if lost:
        shown = ", ".join(game.format_profile(e.profile) for e in lost[:5])
        warnings.append(f"weak elimination removed {len(lost)} of the"
                        f" {len(pure.equilibria)} pure equilibria: {shown}"
                        + (" and others" if len(lost) > 5 else ""))
    if not weak.steps:
        return ("No strategy is weakly dominated: weak elimination removes nothing.",), warnings
    if weak.solved:
        ids = ", ".join(s[0] for s in weak.surviving)
        return (f"Iterated elimination of weakly dominated strategies ({weak.order}) leaves"
                f" only ({ids}), a Nash equilibrium (a sole survivor always is).",), warnings
    return (), warnings


def read_cell(game: Game, profile: Profile, pure: EquilibriumSet,
              pareto: list[Profile] | None) -> CellReading:
    values = game.exact_payoffs(profile)
    top, bottom = max(values), min(values)
    best_for = []
    worst_for = []
    for p in range(game.n_players):
        here = game.scaled[(p,) + profile]
        if here == game.scaled[p].max():
            best_for.append(p)
        if here == game.scaled[p].min():
            worst_for.append(p)
    devs = tuple(Deviation(p, to, gain) for p, to, gain in deviations(game, profile))
    equilibrium = any(e.profile == profile for e in pure.equilibria)
    return CellReading(
        profile=profile,
        payoffs=values,
        note=game.notes.get(profile),
        assumed=profile in game.assumed,
        gains_most=tuple(p for p, v in enumerate(values) if v == top) if top != bottom else (),
        gains_least=tuple(p for p, v in enumerate(values) if v == bottom) if top != bottom else (),
        best_for=tuple(best_for),
        worst_for=tuple(worst_for),
        deviations=devs,
        equilibrium=equilibrium,
        pareto_optimal=(profile in pareto) if pareto is not None else None,
    )


def _name(game: Game, p: int) -> str:
    return game.players[p].name


def _strategy(game: Game, p: int, s: int) -> str:
    st = game.players[p].strategies[s]
    return f"{st.id} ({st.label})" if st.label else st.id


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def write_conclusion(game: Game, equilibria: EquilibriumSet, pure: EquilibriumSet,
                     dom: tuple[PlayerDominance, ...], elimination: EliminationResult,
                     pareto: list[Profile] | None, unpriced) -> list[str]:
    """The conclusion in sentences, drawn only from computed results."""
    out: list[str] = []
    for d in dom:
        if d.strictly_dominant is not None:
            out.append(
                f"{_name(game, d.player)} has a strictly dominant strategy,"
                f" {_strategy(game, d.player, d.strictly_dominant)}: whatever the others do,"
                f" it pays at least {_num(d.dominant_gap)} more than any alternative.")
        elif d.weakly_dominant is not None:
            out.append(f"{_name(game, d.player)}'s strategy"
                       f" {_strategy(game, d.player, d.weakly_dominant)} is weakly dominant:"
                       " never worse, sometimes better, than any alternative.")
        elif game.shape[d.player] > 1:
            out.append(f"{_name(game, d.player)} has no dominant strategy: its best choice"
                       " depends on what the others do.")
    if elimination.steps and elimination.solved:
        ids = ", ".join(s[0] for s in elimination.surviving)
        out.append(f"The game is dominance-solvable: iterated elimination of strictly"
                   f" dominated strategies leaves only ({ids}).")
    n_pure = len(pure.equilibria)
    if n_pure == 0:
        out.append("There is no equilibrium in pure strategies.")
    else:
        for e in pure.equilibria:
            prof = game.format_profile(e.profile)
            pays = ", ".join(_num(v) for v in e.exact_payoffs)
            kind = "strict " if e.strict else ""
            if n_pure == 1:
                out.append(f"The unique {kind}pure-strategy equilibrium is {prof} with payoffs"
                           f" ({pays}).")
            else:
                out.append(f"{prof} is a {kind}pure-strategy equilibrium (one of {n_pure}),"
                           f" with payoffs ({pays}).")
            if pareto is not None and e.profile not in pareto:
                from .solvers.welfare import pareto_dominators

                better = pareto_dominators(game, e.profile)
                out.append(f"{prof} is Pareto-dominated (by {game.format_profile(better[0])}"
                           f"{' and others' if len(better) > 1 else ''}): every player could"
                           " be at least as well off, yet no one can get there alone.")
            elif pareto is not None:
                out.append(f"{prof} is Pareto optimal: no outcome makes a player better off"
                           " without making another worse off.")
    if n_pure == 1:
        eq = pure.equilibria[0]
        for p in range(game.n_players):
            best = game.scaled[p].max()
            here = game.scaled[(p,) + eq.profile]
            if here < best and game.n_players > 1:
                places = [tuple(int(i) for i in idx)
                          for idx in np.argwhere(game.scaled[p] == best)]
                shown = " and ".join(game.format_profile(w) for w in places[:3])
                more = f" (and {len(places) - 3} more)" if len(places) > 3 else ""
                out.append(f"At the equilibrium {_name(game, p)} gets {_num(eq.exact_payoffs[p])},"
                           f" less than its best outcome in the game,"
                           f" {_num(game.exact_payoff(p, places[0]))} at {shown}{more}.")
    mixed = [e for e in equilibria.equilibria if not e.pure]
    if equilibria.method != "pure":
        total = len(equilibria.equilibria)
        if equilibria.complete and not mixed and n_pure == 1 and total == 1:
            out.append("No mixed-strategy equilibrium exists: the equilibrium above is the"
                       " game's only Nash equilibrium.")
        elif mixed:
            out.append(mixed_sentence(game, mixed, n_pure, equilibria.complete))
        if not equilibria.complete:
            out.append(f"The equilibrium search ({equilibria.method}) is not guaranteed"
                       " complete: other equilibria may exist.")
    for p, ids in unpriced:
        priced = ", ".join(game.players[p].ids)
        out.append(f"{_name(game, p)}'s strategies {', '.join(ids)} are described but not"
                   f" priced: the analysis holds {_name(game, p)} at {priced} and cannot say"
                   f" whether {_name(game, p)} prefers {priced} to them.")
    if game.assumed:
        out.append(f"{len(game.assumed)} of {game.n_profiles} outcomes use assumed numbers,"
                   " not the source's: conclusions resting on them are only as good as the"
                   " assumptions.")
    return out


def mixed_sentence(game: Game, mixed: list, n_pure: int, complete: bool) -> str:
    """One sentence on the equilibria in properly mixed strategies, naming a few."""
    count = len(mixed)
    kind = "equilibrium" if count == 1 else "equilibria"
    if n_pure == 0 and count == 1 and complete:
        lead = "The game's only equilibrium is in mixed strategies"
    elif n_pure == 0:
        lead = f"{'All ' if complete else ''}{count} {kind} found {'are' if count > 1 else 'is'}"
        lead += " in mixed strategies"
    else:
        lead = f"There {'is' if count == 1 else 'are'} also {count} {kind} in properly mixed"
        lead += " strategies"
    if count > 3:
        return lead + " (see Nash equilibria)."
    shown = "; ".join(_mixed_profile(game, e) for e in mixed)
    return f"{lead}: {shown}."


def _mixed_profile(game: Game, eq) -> str:
    parts = []
    for p, player in enumerate(game.players):
        probs = eq.exact[p] if eq.exact is not None else eq.strategies[p]
        terms = [(_num(x) if isinstance(x, Fraction) else f"{x:.4g}") + f" {s.id}"
                 for s, x in zip(player.strategies, probs) if x > 0]
        parts.append(terms[0].split(" ", 1)[1] if len(terms) == 1 else " + ".join(terms))
    pays = eq.exact_payoffs if eq.exact_payoffs is not None else eq.payoffs
    shown = ", ".join(_num(v) if isinstance(v, Fraction) else f"{v:.4g}" for v in pays)
    return f"({', '.join(parts)}) with payoffs ({shown})"
