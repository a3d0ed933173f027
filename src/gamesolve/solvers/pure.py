"""Best responses and pure Nash equilibria, exact and vectorised over the payoff tensor.

All comparisons are made on the game's integer-scaled payoffs (``Game.scaled``), so
ties are ties and no equilibrium is lost to floating point.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> pure_equilibrium_profiles(pd)
[(1, 1)]
>>> best_response_table(pd)[0][(0,)]  # Row's best responses when Column plays C
(1,)
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..model import Game, Profile
from .base import EquilibriumSet, pure_equilibrium

BLOCK_PROFILES = 1 << 22  # bound on a temporary's size: ~4M entries per block


def best_response_mask(game: Game, player: int) -> np.ndarray:
    """Boolean tensor of the game's shape: True where ``player``'s strategy is a best response
    to the other players' strategies in that profile."""
    u = game.scaled[player]
    best = u.max(axis=player, keepdims=True)
    return u == best


def best_response_masks(game: Game) -> list[np.ndarray]:
    return [best_response_mask(game, p) for p in range(game.n_players)]


def best_response_table(game: Game) -> list[dict[Profile, tuple[int, ...]]]:
    """For each player: opponents' profile (others' indices in player order) -> best replies."""
    result = []
    for p in range(game.n_players):
        mask = np.moveaxis(best_response_mask(game, p), p, -1)
        others = mask.shape[:-1]
        table = {}
        for opp in np.ndindex(*others):
            table[tuple(int(i) for i in opp)] = tuple(int(i) for i in np.flatnonzero(mask[opp]))
        result.append(table)
    return result


def strict_best_response_mask(game: Game, player: int) -> np.ndarray:
    """True where the strategy is the *unique* best response."""
    mask = best_response_mask(game, player)
    unique = mask.sum(axis=player, keepdims=True) == 1
    return mask & unique


def pure_equilibrium_profiles(game: Game) -> list[Profile]:
    """Every pure Nash equilibrium, in C order of profiles (last player fastest)."""
    if game.n_profiles <= BLOCK_PROFILES:
        mask = np.ones(game.shape, dtype=bool)
        for p in range(game.n_players):
            mask &= best_response_mask(game, p)
        return [tuple(int(i) for i in idx) for idx in np.argwhere(mask)]
    return _pure_equilibria_blocked(game)


def _pure_equilibria_blocked(game: Game) -> list[Profile]:
    # Split along the first player's axis only when the others' best responses do not
    # depend on it being whole: each player q > 0 maximises along its own axis, which
    # a slice of axis 0 keeps intact; player 0's mask is computed on the full tensor once.
    mask0 = best_response_mask(game, 0)
    found: list[Profile] = []
    for a in range(game.shape[0]):
        mask = mask0[a].copy()
        for q in range(1, game.n_players):
            u = game.scaled[q][a]
            mask &= u == u.max(axis=q - 1, keepdims=True)
        found.extend((a,) + tuple(int(i) for i in idx) for idx in np.argwhere(mask))
    return found


def is_strict_equilibrium(game: Game, profile: Profile) -> bool:
    """Every player's strategy is the unique best response to the others'."""
    for p in range(game.n_players):
        index = list(profile)
        index[p] = slice(None)
        column = game.scaled[(p,) + tuple(index)]
        if int((column == column[profile[p]]).sum()) != 1 or column[profile[p]] != column.max():
            return False
    return True


def solve_pure(game: Game) -> EquilibriumSet:
    """All pure Nash equilibria (complete by construction), with exact payoffs."""
    profiles = pure_equilibrium_profiles(game)
    equilibria = tuple(
        pure_equilibrium(game, prof, strict=is_strict_equilibrium(game, prof)) for prof in profiles
    )
    warnings = ()
    if not equilibria:
        warnings = ("the game has no pure-strategy equilibrium; every finite game has one in"
                    " mixed strategies"),
    return EquilibriumSet(equilibria=equilibria, method="pure", complete=True, warnings=warnings)


def deviations(game: Game, profile: Profile) -> list[tuple[int, int, object]]:
    """Profitable unilateral deviations from a profile: (player, best alternative, exact gain).

    Only the best alternative of each player who can gain is listed.
    """
    result = []
    for p in range(game.n_players):
        index = list(profile)
        index[p] = slice(None)
        column = game.scaled[(p,) + tuple(index)]
        best = int(np.argmax(column))
        gain = int(column[best]) - int(column[profile[p]])
        if gain > 0:
            result.append((p, best, Fraction(gain, game.denominators[p])))
    return result
