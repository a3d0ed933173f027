"""One entry point for equilibria: ``solve(game, method)`` picks and runs a solver.

``auto`` chooses the complete method for the game's size:

* players with a single strategy are fixed, and if at most two players are left with a
  choice, the two-player game is solved completely and exactly (vertex enumeration with
  certificates), then lifted back to all players;
* otherwise the certified N-player solver (:mod:`.nplayer`, method ``certified``) finds
  every equilibrium with a proof per support profile, within the time budget; what it
  cannot prove is listed.  pygambit's ``enumpoly`` stays available on request (not
  certified).

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> result = solve(pd, "pure")
>>> [e.profile for e in result.equilibria], result.complete
([(1, 1)], True)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import GameError
from ..extras import require_pygambit
from ..model import Game
from .base import Equilibrium, EquilibriumSet
from .pure import solve_pure

if TYPE_CHECKING:  # pragma: no cover - dominance is imported where auto eliminates (~3 ms)
    from .dominance import EliminationResult

TWO_PLAYER_METHODS = ("enumerate", "lemke-howson", "zero-sum")
GAMBIT_ONLY = ("enumpoly", "gnm", "simpdiv", "ipa", "liap", "logit")
METHODS = ("auto", "pure", "certified") + TWO_PLAYER_METHODS + GAMBIT_ONLY
AUTO_ENUMERATE_SHARE = 0.7  # of the time budget auto gives complete two-player enumeration
AUTO_HOPELESS = 5.0  # estimated seconds over that share beyond which auto does not start it


def active_players(game: Game) -> list[int]:
    return [p for p, s in enumerate(game.shape) if s > 1]


OnEquilibrium = Callable[[Equilibrium], None]


def solve(game: Game, method: str = "auto", timeout: float = 10.0,
          elimination: EliminationResult | None = None, progress=None,
          on_equilibrium: OnEquilibrium | None = None) -> EquilibriumSet:
    """Equilibria by ``method``; ``elimination`` passes on an iterated elimination (with
    mixed dominators) the caller already computed, so ``auto`` does not repeat it;
    ``progress(done, total)`` hears how far the certified N-player search is.

    ``timeout`` (seconds) bounds every method; two-player methods check it between
    pivots and return what they certified by then, with ``complete=False``.
    ``on_equilibrium`` is called with each equilibrium (as a profile of ``game``) as soon
    as a two-player method certifies it, before the whole set is returned; for other
    methods it is not called (the caller has the returned set)."""
    found = replace(_solve(game, method, timeout, elimination, progress, on_equilibrium),
                    game=game)
    if not found.equilibria and not found.complete:
        found = replace(found, warnings=found.warnings + (
            f"{found.method} found no equilibrium; every finite game has one, so this says"
            " only that the method failed here (try --method auto or another method)",))
    return found


def _solve(game: Game, method: str, timeout: float,
           elimination: EliminationResult | None = None, progress=None,
           on_equilibrium: OnEquilibrium | None = None) -> EquilibriumSet:
    if method not in METHODS:
        raise GameError(f"unknown method {method!r} (choose from {', '.join(METHODS)})")
    if timeout <= 0:
        raise GameError("--timeout must be a positive number of seconds")
    if method in GAMBIT_ONLY:
        require_pygambit(f"method {method}")
    if method == "pure":
        return solve_pure(game)
    if method == "certified":
        return _solve_certified(game, timeout, progress)
    if method == "auto":
        reduced = _eliminate_dominated(game, timeout, elimination, progress, on_equilibrium)
        if reduced is not None:
            return reduced
    active = active_players(game)
    if method in TWO_PLAYER_METHODS or (method == "auto" and len(active) <= 2):
        if len(active) > 2:
            raise GameError(f"method {method!r} needs a two-player game; this one has"
                            f" {len(active)} players with a choice (try certified, what auto"
                            " uses for such games)")
        # the budget starts after the (bounded, polynomial) dominance preprocessing
        deadline = time.monotonic() + timeout
        return _solve_two_player(game, active, method, deadline, on_equilibrium)
    if method == "auto":
        return _solve_certified(game, timeout, progress)
    return _solve_with_gambit(game, method, timeout)


def _solve_certified(game: Game, timeout: float, progress=None) -> EquilibriumSet:
    """The certified N-player solver, with strictness marked on pure equilibria."""
    from .nplayer import solve_certified
    from .pure import is_strict_equilibrium

    found = solve_certified(game, timeout=timeout, progress=progress)
    marked = tuple(replace(e, strict=is_strict_equilibrium(game, e.profile)) if e.pure else e
                   for e in found.equilibria)
    return replace(found, equilibria=marked)


def _solve_two_player(game: Game, active: list[int], method: str, deadline: float,
                      on_equilibrium: OnEquilibrium | None = None) -> EquilibriumSet:
    if len(active) < 2:
        # at most one player has a choice: the equilibria are that player's best strategies
        result = solve_pure(game)
        _report_all(result, on_equilibrium)
        result = replace(result, method="enumerate" if method == "auto" else method)
        return _tied_best_strategies(game, active, result)
    reduced = _reduce(game, active)
    from . import bimatrix

    report = None
    if on_equilibrium is not None:
        def report(eq: Equilibrium) -> None:
            on_equilibrium(_lift_one(game, active, eq))
    if method == "zero-sum":
        found = _zero_sum_set(reduced, deadline)
        _report_all(found, report)
    elif method == "lemke-howson":
        found = bimatrix.lemke_howson(reduced, deadline=deadline)
        _report_all(found, report)
    elif method == "enumerate":
        found = bimatrix.enumerate_equilibria(reduced, deadline=deadline, on_equilibrium=report)
    else:
        found = _auto_two_player(reduced, deadline, report)
    return _lift(game, active, found)


def _tied_best_strategies(game: Game, active: list[int],
                          result: EquilibriumSet) -> EquilibriumSet:
    """One player with a choice and several best strategies: every mixture of them is an
    equilibrium too, so the pure ones listed are the extreme points of one component."""
    if len(result.equilibria) < 2:
        return result
    player = game.players[active[0]]
    tied = ", ".join(player.strategies[e.profile[active[0]]].id for e in result.equilibria)
    return replace(
        result, degenerate=True, components=(tuple(range(len(result.equilibria))),),
        equilibria=tuple(replace(e, component=0) for e in result.equilibria),
        warnings=result.warnings + (
            f"{player.name} is the only player with a choice and is indifferent between"
            f" {tied}: every mixture of them is also an equilibrium (component 1)",))


def _report_all(found: EquilibriumSet, on_equilibrium: OnEquilibrium | None) -> None:
    for eq in found.equilibria if on_equilibrium is not None else ():
        on_equilibrium(eq)


def _auto_two_player(game: Game, deadline: float,
                     on_equilibrium: OnEquilibrium | None) -> EquilibriumSet:
    """Complete enumeration when its estimated work fits most of the time budget and it
    finishes there; else the equilibria it certified so far and one by Lemke-Howson,
    saying why plainly.  An enumeration estimated at many times the budget is not
    started at all (the estimate is Knuth's, cheap; see :mod:`.bimatrix.plan`)."""
    from . import bimatrix

    start = time.monotonic()
    budget = max(0.0, deadline - start)
    share = AUTO_ENUMERATE_SHARE * budget
    estimate = bimatrix.estimate_enumeration(game, deadline=start + 0.05 * budget)
    if estimate is not None and estimate.seconds > AUTO_HOPELESS * share:
        lh = bimatrix.lemke_howson(game, deadline=deadline)
        _report_all(lh, on_equilibrium)
        why = (f"complete enumeration of this {game.shape[0]} x {game.shape[1]} game was not"
               f" tried: an estimate (Knuth's random probes, which tend to fall short) puts"
               f" it at {estimate.describe()}, far beyond the {budget:.3g} s time budget;")
        why += (" Lemke-Howson found one equilibrium; the list is not complete" if
                lh.equilibria else " Lemke-Howson did not finish in time either")
        why += " (raise --timeout, or use --method enumerate with a larger --timeout)"
        return replace(lh, method="lemke-howson", warnings=lh.warnings + (why,),
                       details={**lh.details, "estimate": _estimate_details(estimate)})
    found = bimatrix.enumerate_equilibria(
        game, deadline=start + share, on_equilibrium=on_equilibrium)
    if found.complete:
        return found
    lh = bimatrix.lemke_howson(game, deadline=deadline)
    known = {eq.exact for eq in found.equilibria}
    extra = tuple(eq for eq in lh.equilibria if eq.exact not in known)
    _report_all(replace(lh, equilibria=extra), on_equilibrium)
    why = (f"complete enumeration of this {game.shape[0]} x {game.shape[1]} game did not"
           f" finish within {share:.3g} s ({AUTO_ENUMERATE_SHARE:.0%} of the time budget);")
    if extra:
        why += " one more equilibrium was found by Lemke-Howson; the list is not complete"
    elif lh.equilibria:
        why += " Lemke-Howson found no further equilibrium; the list is not complete"
    else:
        why += " Lemke-Howson did not finish in the time left either"
    why += " (raise --timeout, or use --method enumerate with a larger --timeout)"
    kept = tuple(w for w in found.warnings if "stopped at the time limit" not in w)
    details = {**found.details, "lemke_howson": lh.details}
    return replace(found, equilibria=found.equilibria + extra, method="enumerate+lemke-howson",
                   warnings=kept + lh.warnings + (why,), details=details)


def _estimate_details(estimate) -> dict:
    return {"bases": [round(b) for b in estimate.bases], "seconds": estimate.seconds,
            "parallel": estimate.parallel, "relative_error": estimate.relative_error}


def _zero_sum_set(game: Game, deadline: float) -> EquilibriumSet:
    from . import bimatrix

    sol = bimatrix.solve_zero_sum(game, deadline=deadline)
    if sol is None:
        return EquilibriumSet((), method="zero-sum", complete=False, warnings=(
            "the zero-sum linear programs stopped at the time limit (raise --timeout)",))
    eq = _equilibrium_from_mixture(game, sol.exact if sol.exact is not None
                                   else sol.strategies)
    return EquilibriumSet((eq,), method="zero-sum", complete=False,
                          details={"value": sol.value, "exact_value": sol.value_exact})


def _equilibrium_from_mixture(game: Game, strategies) -> Equilibrium:
    from .base import expected_payoffs, max_regret, verify_exact

    exact = None
    exact_payoffs = None
    if all(isinstance(x, Fraction) for s in strategies for x in s):
        exact_payoffs = verify_exact(game, strategies)
        exact = tuple(tuple(s) for s in strategies) if exact_payoffs else None
    floats = tuple(tuple(float(x) for x in s) for s in strategies)
    return Equilibrium(
        strategies=floats,
        payoffs=tuple(float(v) for v in expected_payoffs(game, floats)),
        pure=all(max(s) == 1.0 for s in floats),
        exact=exact,
        exact_payoffs=exact_payoffs,
        regret=max_regret(game, floats),
    )


def _reduce(game: Game, active: list[int]) -> Game:
    """The game of the active players only (the others have one strategy each)."""
    index = tuple(slice(None) if p in active else 0 for p in range(game.n_players))
    scaled = game.scaled[[*active]][(slice(None),) + index]
    players = tuple(game.players[p] for p in active)
    denominators = tuple(game.denominators[p] for p in active)
    return Game.from_scaled(scaled, denominators, players, title=game.title)


def _lift_one(game: Game, active: list[int], eq: Equilibrium) -> Equilibrium:
    """An equilibrium of the active players' game as a profile of ``game``."""
    if len(active) == game.n_players:
        return eq
    strategies = []
    exact = [] if eq.exact is not None else None
    k = 0
    for p in range(game.n_players):
        if p in active:
            strategies.append(eq.strategies[k])
            if exact is not None:
                exact.append(eq.exact[k])
            k += 1
        else:
            strategies.append((1.0,))
            if exact is not None:
                exact.append((Fraction(1),))
    # players without a choice get their (only) payoff under the same mixture
    from .base import expected_payoffs, verify_exact

    payoffs = tuple(float(v) for v in expected_payoffs(game, strategies))
    exact_payoffs = verify_exact(game, exact) if exact is not None else None
    return replace(eq, strategies=tuple(strategies), payoffs=payoffs,
                   exact=tuple(exact) if exact is not None else None,
                   exact_payoffs=exact_payoffs)


def _lift(game: Game, active: list[int], found: EquilibriumSet) -> EquilibriumSet:
    if len(active) == game.n_players:
        return found
    lifted = [_lift_one(game, active, eq) for eq in found.equilibria]
    fixed = [game.players[p].name for p in range(game.n_players) if p not in active]
    note = (f"{', '.join(fixed)} {'has' if len(fixed) == 1 else 'have'} a single strategy;"
            " equilibria were computed for the remaining two-player game")
    return replace(found, equilibria=tuple(lifted), details={**found.details, "reduced": note})


def _solve_with_gambit(game: Game, method: str, timeout: float) -> EquilibriumSet:
    from .gambit.methods import solve_with_gambit
    from .pure import is_strict_equilibrium

    found = solve_with_gambit(game, method, timeout=timeout)
    # pure equilibria are decided exactly: report them as exact records (with strictness),
    # and make sure none is missing from an enumeration stopped by the time budget
    exact_pure = {e.profile: e for e in solve_pure(game).equilibria}
    mixed = tuple(e for e in found.equilibria if not e.pure)
    seen = {e.profile for e in found.equilibria if e.pure}
    keep = [p for p in exact_pure if p in seen or method == "enumpoly"]
    pure = tuple(replace(exact_pure[p], strict=is_strict_equilibrium(game, p)) for p in keep)
    return replace(found, equilibria=pure + mixed)


MAX_ELIMINATION_PROFILES = 100_000
MIXED_ELIMINATION_MAX_PROFILES = 10_000


def _eliminate_dominated(game: Game, timeout: float,
                         elimination: EliminationResult | None = None,
                         progress=None,
                         on_equilibrium: OnEquilibrium | None = None) -> EquilibriumSet | None:
    """Solve the game left by iterated elimination of strictly dominated strategies.

    No equilibrium, pure or mixed, gives weight to a strictly dominated strategy, so the
    equilibria of the reduced game are exactly those of the game: the answer stays complete
    and the (often much) smaller game is cheaper and may become a two-player one.
    """
    if game.n_profiles > MAX_ELIMINATION_PROFILES:
        return None
    if elimination is None:
        from .dominance import iterated_elimination

        # mixed dominators cost one LP per strategy and round: beyond this size that alone
        # would exceed the time budget, so only pure dominators are used
        elimination = iterated_elimination(
            game, mixed=game.n_profiles <= MIXED_ELIMINATION_MAX_PROFILES)
    if not elimination.steps:
        return None
    keep = {p: [game.players[p].index(i) for i in ids]
            for p, ids in enumerate(elimination.surviving)}
    report = None
    if on_equilibrium is not None:
        def report(eq: Equilibrium) -> None:
            on_equilibrium(_embed(game, keep, eq))
    # _solve, not solve: the caller's solve() adds its warnings once, for the whole game
    found = _solve(game.restrict(keep), "auto", timeout, progress=progress,
                   on_equilibrium=report)
    lifted = tuple(_embed(game, keep, e) for e in found.equilibria)
    uncertified = tuple(replace(u, support=tuple(tuple(keep[p][i] for i in t)
                                                 for p, t in enumerate(u.support)),
                                sample=None if u.sample is None else _widen(game, keep,
                                                                            u.sample))
                        for u in found.uncertified_supports)
    removed = len(elimination.steps)
    note = (f"{removed} strictly dominated strateg{'y was' if removed == 1 else 'ies were'}"
            " removed first by iterated elimination (no equilibrium uses them)")
    details = {**found.details, "eliminated": note}
    if "strategy_ids" in details:
        details["strategy_ids"] = tuple(pl.ids for pl in game.players)
    return replace(found, equilibria=lifted, uncertified_supports=uncertified, details=details)


def _widen(game: Game, keep: dict[int, list[int]], strategies):
    """A profile of the restricted game as one of the full game (zeros elsewhere)."""
    out = []
    for p in range(game.n_players):
        full = [0.0] * game.shape[p]
        for k, i in enumerate(keep[p]):
            full[i] = strategies[p][k]
        out.append(tuple(full))
    return tuple(out)


def _embed(game: Game, keep: dict[int, list[int]], eq: Equilibrium) -> Equilibrium:
    """An equilibrium of the restricted game as a profile of the full game."""
    def widen(values, p, zero):
        full = [zero] * game.shape[p]
        for k, i in enumerate(keep[p]):
            full[i] = values[k]
        return tuple(full)

    strategies = tuple(widen(eq.strategies[p], p, 0.0) for p in range(game.n_players))
    exact = None
    if eq.exact is not None:
        exact = tuple(widen(eq.exact[p], p, Fraction(0)) for p in range(game.n_players))
    return replace(eq, strategies=strategies, exact=exact)
