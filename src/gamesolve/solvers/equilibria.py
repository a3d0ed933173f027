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

from dataclasses import replace
from fractions import Fraction

from ..errors import GameError
from ..extras import require_pygambit
from ..model import Game
from .base import Equilibrium, EquilibriumSet
from .dominance import EliminationResult, iterated_elimination
from .pure import solve_pure

TWO_PLAYER_METHODS = ("enumerate", "lemke-howson", "zero-sum")
GAMBIT_ONLY = ("enumpoly", "gnm", "simpdiv", "ipa", "liap", "logit")
METHODS = ("auto", "pure", "certified") + TWO_PLAYER_METHODS + GAMBIT_ONLY
AUTO_ENUMERATE_MAX = 14  # smaller side beyond which enumeration may take minutes


def active_players(game: Game) -> list[int]:
    return [p for p, s in enumerate(game.shape) if s > 1]


def solve(game: Game, method: str = "auto", timeout: float = 10.0,
          elimination: EliminationResult | None = None, progress=None) -> EquilibriumSet:
    """Equilibria by ``method``; ``elimination`` passes on an iterated elimination (with
    mixed dominators) the caller already computed, so ``auto`` does not repeat it;
    ``progress(done, total)`` hears how far the certified N-player search is."""
    found = replace(_solve(game, method, timeout, elimination, progress), game=game)
    if not found.equilibria and not found.complete:
        found = replace(found, warnings=found.warnings + (
            f"{found.method} found no equilibrium; every finite game has one, so this says"
            " only that the method failed here (try --method auto or another method)",))
    return found


def _solve(game: Game, method: str, timeout: float,
           elimination: EliminationResult | None = None, progress=None) -> EquilibriumSet:
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
        reduced = _eliminate_dominated(game, timeout, elimination, progress)
        if reduced is not None:
            return reduced
    active = active_players(game)
    if method in TWO_PLAYER_METHODS or (method == "auto" and len(active) <= 2):
        if len(active) > 2:
            raise GameError(f"method {method!r} needs a two-player game; this one has"
                            f" {len(active)} players with a choice (try certified, what auto"
                            " uses for such games)")
        return _solve_two_player(game, active, method)
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


def _solve_two_player(game: Game, active: list[int], method: str) -> EquilibriumSet:
    if len(active) < 2:
        # at most one player has a choice: the equilibria are that player's best strategies
        result = solve_pure(game)
        result = replace(result, method="enumerate" if method == "auto" else method)
        return _tied_best_strategies(game, active, result)
    reduced = _reduce(game, active)
    from . import bimatrix

    if method == "zero-sum":
        return _zero_sum_set(game, reduced, active)
    if method == "lemke-howson":
        found = bimatrix.lemke_howson(reduced)
    elif method == "enumerate":
        found = bimatrix.enumerate_equilibria(reduced)
    else:
        found = _auto_two_player(reduced)
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


def _auto_two_player(game: Game) -> EquilibriumSet:
    """Complete enumeration when it is affordable, else one equilibrium, said plainly."""
    from . import bimatrix

    reason = (f"{game.shape[0]} x {game.shape[1]} is beyond auto's limit for complete"
              f" enumeration ({AUTO_ENUMERATE_MAX} strategies for the smaller side)")
    if min(game.shape) <= AUTO_ENUMERATE_MAX:
        try:
            return bimatrix.enumerate_equilibria(game)
        except GameError as exc:  # too degenerate to certify: say why, still answer
            reason = exc.message
    found = bimatrix.lemke_howson(game)
    return replace(found, warnings=found.warnings + (
        f"one equilibrium by Lemke-Howson, not the complete list: {reason}",))


def _zero_sum_set(game: Game, reduced: Game, active: list[int]) -> EquilibriumSet:
    from . import bimatrix

    sol = bimatrix.solve_zero_sum(reduced)
    eq = _equilibrium_from_mixture(reduced, sol.exact if sol.exact is not None
                                   else sol.strategies)
    result = EquilibriumSet((eq,), method="zero-sum", complete=False,
                            details={"value": sol.value, "exact_value": sol.value_exact})
    return _lift(game, active, result)


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


def _lift(game: Game, active: list[int], found: EquilibriumSet) -> EquilibriumSet:
    if len(active) == game.n_players:
        return found
    lifted = []
    for eq in found.equilibria:
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
        from .base import expected_payoffs

        payoffs = tuple(float(v) for v in expected_payoffs(game, strategies))
        exact_payoffs = None
        if exact is not None:
            from .base import verify_exact

            exact_payoffs = verify_exact(game, exact)
        lifted.append(replace(eq, strategies=tuple(strategies), payoffs=payoffs,
                              exact=tuple(exact) if exact is not None else None,
                              exact_payoffs=exact_payoffs))
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


def _eliminate_dominated(game: Game, timeout: float,
                         elimination: EliminationResult | None = None,
                         progress=None) -> EquilibriumSet | None:
    """Solve the game left by iterated elimination of strictly dominated strategies.

    No equilibrium, pure or mixed, gives weight to a strictly dominated strategy, so the
    equilibria of the reduced game are exactly those of the game: the answer stays complete
    and the (often much) smaller game is cheaper and may become a two-player one.
    """
    if game.n_profiles > MAX_ELIMINATION_PROFILES:
        return None
    if elimination is None:
        elimination = iterated_elimination(game, mixed=True)
    if not elimination.steps:
        return None
    keep = {p: [game.players[p].index(i) for i in ids]
            for p, ids in enumerate(elimination.surviving)}
    found = solve(game.restrict(keep), "auto", timeout, progress=progress)
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
