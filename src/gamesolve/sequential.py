"""Timing and repetition: what changes if the players move in turn, or play again and again.

**Orders of moves.**  For an order of the players, the game is played as a perfect-
information game: the first player picks a strategy, the second sees it and picks, and
so on.  Backward induction on the pure strategies gives its subgame-perfect equilibria
(Selten 1965; Osborne 2004, ch. 5).  With ties a player may break them either way, and
different tie-breaks give different equilibria: :func:`spe_outcomes` returns every
outcome of some subgame-perfect equilibrium.  At a node of player ``k`` where each
action ``a`` leads to the set ``O_a`` of equilibrium outcomes of its subgame, ``o`` in
``O_a`` is an equilibrium outcome of the node iff ``u_k(o) >= min u_k(O_b)`` for every
other action ``b`` (the continuation after ``b`` can be chosen as bad for ``k`` as its
subgame allows).  Only each player's order of outcomes is used: the answer is ordinal.

**Repeated play.**  A player's minmax value is the least payoff the others can hold it
to when it best-responds: ``min over the others' strategies of max over its own``.  The
pure value punishes with pure strategies; for two players the mixed value is computed
exactly by linear programming over the opponent's mixed strategies.  By the folk
theorem (Fudenberg and Maskin 1986, Econometrica 54) every feasible payoff vector that
gives each player strictly more than its minmax value is the average payoff of a
subgame-perfect equilibrium of the infinitely repeated game when players are patient
enough (for three or more players, provided the feasible payoffs have full dimension).

>>> from gamesolve.model import Game
>>> bos = Game.from_payoffs([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
>>> [tuple(bos.format_profile(o) for o in spe_outcomes(bos, order)) for order in [(0, 1), (1, 0)]]
[('(1, 1)',), ('(2, 2)',)]
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .errors import GameError
from .model import Game, Profile
from .solvers.exact import spans

MAX_ORDERS = 720          # 6 players
MAX_TREE_WORK = 2_000_000  # nodes visited over all orders (the sequential command)
ANALYZE_TREE_WORK = 50_000  # analyze's section: keep analyze quick
MAX_REPETITION_PROFILES = 100_000
MAX_MINMAX_LP_PROFILES = 2_500  # two exact LP certificates per game; keep them small


@dataclass(frozen=True)
class OrderOutcome:
    """The subgame-perfect outcomes when the players move in ``order`` (player indices)."""

    order: tuple[int, ...]
    outcomes: tuple[Profile, ...]  # every outcome of some SPE, over all tie-breaks
    same_as_simultaneous: bool     # equal to the set of pure Nash equilibria


@dataclass(frozen=True)
class Timing:
    orders: tuple[OrderOutcome, ...]
    simultaneous: tuple[Profile, ...]  # the pure Nash equilibria
    all_orders: bool                   # every order was computed (else one given order)
    skipped: str = ""                  # why nothing was computed ("" when computed)

    @property
    def timing_matters(self) -> bool:
        return any(not o.same_as_simultaneous for o in self.orders)

    @property
    def order_matters(self) -> bool:
        return len({o.outcomes for o in self.orders}) > 1


def tree_nodes(shape: tuple[int, ...], order: tuple[int, ...]) -> int:
    """Decision nodes plus leaves of the game tree for one order of moves."""
    total, width = 1, 1
    for p in order:
        width *= shape[p]
        total += width
    return total


def spe_outcomes(game: Game, order: tuple[int, ...]) -> tuple[Profile, ...]:
    """Every outcome of a subgame-perfect equilibrium when players move in ``order``."""
    scaled = game.scaled
    n = game.n_players

    def solve(depth: int, partial: list[int]) -> frozenset[Profile]:
        k = order[depth]
        if depth == n - 1:  # the last mover: its best replies, all ties
            index = list(partial)
            index[k] = slice(None)
            values = scaled[(k, *index)]
            out = []
            for a in np.flatnonzero(values == values.max()):
                partial[k] = int(a)
                out.append(tuple(partial))
            partial[k] = 0
            return frozenset(out)
        subsets = []
        for a in range(game.shape[k]):
            partial[k] = a
            subsets.append(solve(depth + 1, partial))
        partial[k] = 0
        worst = [min(int(scaled[(k,) + o]) for o in sub) for sub in subsets]
        out: set[Profile] = set()
        for a, sub in enumerate(subsets):
            threshold = max((w for b, w in enumerate(worst) if b != a), default=None)
            out.update(o for o in sub if threshold is None or scaled[(k,) + o] >= threshold)
        return frozenset(out)

    return tuple(sorted(solve(0, [0] * n)))


def timing(game: Game, order: tuple[int, ...] | None = None,
           max_work: int = MAX_TREE_WORK) -> Timing:
    """Subgame-perfect outcomes of every order of moves (or of ``order``), compared with
    the pure equilibria of the simultaneous game.  Too big a game is skipped with the
    reason in ``skipped``; an ``order`` that is not a permutation is a GameError."""
    from .solvers.pure import pure_equilibrium_profiles

    n = game.n_players
    if order is not None:
        if sorted(order) != list(range(n)):
            given = ", ".join(game.players[p].name for p in order)
            raise GameError(f"the order of moves {given!r} must name every player exactly"
                            f" once (players: {', '.join(p.name for p in game.players)})")
        orders = [tuple(order)]
    else:
        if math.factorial(n) > MAX_ORDERS:
            return Timing((), (), True, f"{n} players have {math.factorial(n):,} orders of"
                          f" moves, more than the limit of {MAX_ORDERS}; give one with"
                          " --order")
        orders = list(itertools.permutations(range(n)))
    work = sum(tree_nodes(game.shape, o) for o in orders)
    if work > max_work:
        return Timing((), (), order is None,
                      f"the game trees have {work:,} nodes in all, more than the limit of"
                      f" {max_work:,}")
    simultaneous = tuple(sorted(pure_equilibrium_profiles(game)))
    results = []
    for o in orders:
        outcomes = spe_outcomes(game, o)
        results.append(OrderOutcome(o, outcomes, outcomes == simultaneous))
    return Timing(tuple(results), simultaneous, order is None)


# ---------------------------------------------------------------------- repetition
@dataclass(frozen=True)
class Minmax:
    """Player's punishment values.  ``pure_punishment``: the others' pure profile (their
    strategy indices, in player order without ``player``) that attains ``pure``."""

    player: int
    pure: Fraction
    pure_punishment: tuple[int, ...]
    mixed: Fraction | None = None              # two players only
    mixed_punishment: tuple[Fraction, ...] | None = None


@dataclass(frozen=True)
class Repetition:
    minmax: tuple[Minmax, ...]
    individually_rational: tuple[Profile, ...]  # pure outcomes strictly above every minmax
    full_dimensional: bool | None               # for the folk theorem with 3+ players
    notes: tuple[str, ...] = ()


def minmax_values(game: Game) -> tuple[Minmax, ...]:
    """Each player's pure minmax and, for two players, its exact mixed minmax.

    >>> pd = Game.from_payoffs([[[2, 0], [3, 1]], [[2, 3], [0, 1]]])
    >>> [(m.pure, m.mixed) for m in minmax_values(pd)]
    [(Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(1, 1))]
    """
    from .solvers.welfare import _mixed_security

    out = []
    for p in range(game.n_players):
        u = np.moveaxis(game.scaled[p], p, -1)  # others' profile..., own strategy
        best = u.max(axis=-1)
        k = int(np.argmin(best))
        punish = tuple(int(i) for i in np.unravel_index(k, best.shape))
        pure = Fraction(int(best.flat[k]), game.denominators[p])
        mixed = mixed_mix = None
        if game.n_players == 2 and game.n_profiles <= MAX_MINMAX_LP_PROFILES:
            # min over y of max over x of x'Ay = -(max over y of min over x of -y'A'x):
            # the opponent's security problem in the zero-sum game against p
            matrix = -np.asarray(u, dtype=object).reshape(best.size, game.shape[p])
            found = _mixed_security(matrix.astype(game.scaled.dtype), game.denominators[p])
            if found is not None:
                mixed_mix, level = found
                mixed = -level
        out.append(Minmax(p, pure, punish, mixed, mixed_mix))
    return tuple(out)


def repetition(game: Game) -> Repetition:
    """Minmax values and the pure outcomes that are strictly individually rational (above
    the mixed minmax for two-player cardinal games, the pure one otherwise)."""
    notes: list[str] = []
    if game.n_players == 1:
        return Repetition((), (), None, ("not computed: a one-player game has no one to"
                                         " punish a deviation",))
    if game.n_profiles > MAX_REPETITION_PROFILES:
        return Repetition((), (), None, (f"not computed: more than"
                                         f" {MAX_REPETITION_PROFILES:,} profiles",))
    values = minmax_values(game)
    if game.n_players == 2:
        if game.n_profiles > MAX_MINMAX_LP_PROFILES:
            notes.append(f"mixed minmax values not computed: more than"
                         f" {MAX_MINMAX_LP_PROFILES:,} profiles; the pure values are used,"
                         " so every outcome listed is sustainable and a few more may be")
        elif any(m.mixed is None for m in values):
            notes.append("a mixed minmax could not be certified exactly: the pure value is"
                         " used for that player")
    else:
        notes.append("mixed minmax values not computed for more than two players (the"
                     " punishers would mix independently, a non-linear problem): pure"
                     " minmax values are used, an upper bound on the mixed ones, so every"
                     " outcome listed is sustainable and a few more may be")
    # ranks cannot be averaged: an ordinal game is judged against pure punishments only
    threshold = [m.mixed if m.mixed is not None and not game.ordinal else m.pure
                 for m in values]
    above = np.ones(game.shape, dtype=bool)
    for p, t in enumerate(threshold):
        # payoff > t  <=>  scaled * t.denominator > t.numerator * d (exact integers)
        scaled = game.scaled[p].astype(object)
        above &= scaled * t.denominator > t.numerator * game.denominators[p]
    rational = tuple(tuple(int(i) for i in idx) for idx in np.argwhere(above))
    full = None
    if game.n_players >= 3:
        # rank of the payoff vectors' differences: one common scale per player does not
        # change it, so the scaled integers serve; distinct points only
        flat = game.scaled.reshape(game.n_players, -1).T
        base = [int(x) for x in flat[0]]
        full = spans(([int(x) - b for x, b in zip(row, base)] for row in flat[1:]),
                          game.n_players)
    return Repetition(values, rational, full, tuple(notes))
