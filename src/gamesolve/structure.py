"""Structure diagnostics: what kind of game this is, before any equilibrium is computed.

Each property is decided exactly (integers / Fractions, no tolerance):

- **dummy players**: a player with one strategy, or whose payoff never depends on its own
  choice; the model does not model that player's choice at all.
- **no strategic interdependence**: a player ranks its own strategies the same way
  whatever the others do (an ordinal property), and, stronger and cardinal, **additive
  separability**: ``u_i(s) = sum_j f_ij(s_j)`` exactly.
- **dominance solvability** by iterated elimination of strictly dominated pure strategies
  (pure dominators only, so the answer depends only on each player's order of outcomes).
- **constant-sum / zero-sum** (cardinal, across players) and, for two players, **strictly
  competitive** (ordinal: what one player prefers, the other dis-prefers).
- **symmetry**: every permutation of the players (strategies matched by position) maps
  the game to itself, exactly (cardinal) or in every player's order of outcomes (ordinal).
- **potential games**: an exact potential (Monderer and Shapley 1996, "Potential games",
  Games and Economic Behavior 14, Theorem 2.8: it exists iff the payoff changes around
  every 4-cycle of unilateral deviations sum to zero; we build the only candidate and
  verify every unilateral deviation, which is the same test), and the finite improvement
  property (no cycle of strict unilateral improvements; Monderer and Shapley, Lemma 2.5:
  equivalent to a generalized ordinal potential).

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[2, 0], [3, 1]], [[2, 3], [0, 1]]])
>>> s = analyse_structure(pd)
>>> s.symmetric, s.exact_potential is not None, s.improvement_cycle_free, s.dominance_solvable
(True, True, True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .model import Game, Profile

MAX_STRUCTURE_PROFILES = 200_000
MAX_CYCLE_PROFILES = 5_000  # the improvement-cycle search walks profiles in Python


@dataclass(frozen=True)
class Dummy:
    player: int
    reason: str  # "one strategy" or "payoffs independent of own choice"


@dataclass(frozen=True)
class Structure:
    """The structure diagnostics of one game (see the module docstring).

    ``separable_terms[i][j][s]`` is the term of player ``j``'s strategy ``s`` in player
    ``i``'s payoff, normalised so that every term of a player's first strategy is 0 except
    in one player's terms (the first *other* player, or the player itself when alone),
    which absorb the constant.  None for a player whose payoff is not separable.
    ``None`` for a property means "not computed"; ``notes`` say why.
    """

    dummies: tuple[Dummy, ...]
    independent: tuple[bool, ...]  # player's ranking of own strategies ignores the others
    separable: tuple[bool, ...]
    separable_terms: tuple[tuple[tuple[Fraction, ...], ...] | None, ...]
    dominance_solvable: bool
    solution: Profile | None  # the surviving profile when dominance-solvable
    constant_sum: Fraction | None  # the constant, when every cell sums to it
    strictly_competitive: bool | None  # two players only
    symmetric: bool | None  # exactly, strategies matched by position
    ordinally_symmetric: bool | None
    exact_potential: tuple[Fraction, ...] | None  # flat in C order, 0 at the first profile
    improvement_cycle_free: bool | None
    notes: tuple[str, ...] = ()

    @property
    def no_interdependence(self) -> bool:
        return all(self.independent)

    @property
    def zero_sum(self) -> bool:
        return self.constant_sum == 0


def _own_first(game: Game, p: int) -> np.ndarray:
    """Player p's scaled payoffs: rows = own strategies, columns = opponents' profiles."""
    u = np.moveaxis(game.scaled[p], p, 0)
    return u.reshape(u.shape[0], -1).astype(object)


def dummy_players(game: Game) -> tuple[Dummy, ...]:
    """Players with one strategy, or whose payoff does not depend on their own choice.

    >>> g = Game.from_payoffs([[[1, 2], [3, 4]], [[5, 5], [7, 7]]])
    >>> dummy_players(g)
    (Dummy(player=1, reason='payoffs independent of own choice'),)
    """
    out = []
    for p in range(game.n_players):
        if game.shape[p] == 1:
            out.append(Dummy(p, "one strategy"))
        elif (_own_first(game, p) == _own_first(game, p)[0]).all():
            out.append(Dummy(p, "payoffs independent of own choice"))
    return tuple(out)


def independent_ranking(game: Game, p: int) -> bool:
    """True when player p orders its own strategies the same against every opponent
    profile (strict preferences and ties alike), so its best choice ignores the others."""
    u = np.moveaxis(game.scaled[p], p, 0).reshape(game.shape[p], -1)
    for s in range(u.shape[0] - 1):
        signs = np.sign(u[s + 1:] - u[s])  # every later strategy against s
        if not (signs == signs[:, :1]).all():
            return False
    return True


def separable_terms(game: Game, p: int) -> tuple[tuple[Fraction, ...], ...] | None:
    """The additive decomposition of player p's payoff, or None when there is none.

    >>> g = Game.from_payoffs([[[2, 3], [3, 4]], [[0, 1], [0, 1]]])
    >>> separable_terms(g, 0)
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(3, 1)))
    """
    u = game.scaled[p].astype(object)
    base = (0,) * game.n_players
    const = u[base]
    terms = []
    for j in range(game.n_players):
        idx = [0] * game.n_players
        row = []
        for s in range(game.shape[j]):
            idx[j] = s
            row.append(u[tuple(idx)] - const)
        terms.append(row)
    # rebuild every payoff from the terms and compare exactly
    total = np.full(game.shape, const, dtype=object)
    for j, row in enumerate(terms):
        shape = [1] * game.n_players
        shape[j] = game.shape[j]
        total = total + np.array(row, dtype=object).reshape(shape)
    if not (total == u).all():
        return None
    absorb = next((j for j in range(game.n_players) if j != p), p)
    terms[absorb] = [x + const for x in terms[absorb]]
    d = game.denominators[p]
    return tuple(tuple(Fraction(int(x), d) for x in row) for row in terms)


def _pure_elimination(game: Game) -> tuple[bool, Profile | None]:
    """Iterated elimination of strictly dominated strategies by pure strategies only."""
    alive = [list(range(s)) for s in game.shape]
    changed = True
    while changed:
        changed = False
        for p in range(game.n_players):
            sub = np.moveaxis(game.scaled[p][np.ix_(*alive)], p, 0)
            sub = sub.reshape(sub.shape[0], -1)
            dominated = {a for a in range(sub.shape[0]) for b in range(sub.shape[0])
                         if a != b and (sub[b] > sub[a]).all()}
            if dominated:
                alive[p] = [s for k, s in enumerate(alive[p]) if k not in dominated]
                changed = True
    solved = all(len(a) == 1 for a in alive)
    return solved, tuple(a[0] for a in alive) if solved else None


def _ranks(game: Game) -> np.ndarray:
    """Each player's payoffs replaced by dense ranks (0 = worst): the ordinal content."""
    out = np.empty(game.scaled.shape, dtype=np.int64)
    for p in range(game.n_players):
        _, inverse = np.unique(game.scaled[p].ravel(), return_inverse=True)
        out[p] = inverse.reshape(game.shape)
    return out


def _symmetric(values: np.ndarray, n: int) -> bool:
    """values[p][profile] maps to itself under every swap of adjacent players (the
    adjacent transpositions generate all permutations)."""
    for k in range(n - 1):
        axes = list(range(n))
        axes[k], axes[k + 1] = axes[k + 1], axes[k]
        players = list(range(n))
        players[k], players[k + 1] = players[k + 1], players[k]
        swapped = np.stack([np.transpose(values[q], axes) for q in players])
        if not (swapped == values).all():
            return False
    return True


def _common_scale(game: Game) -> tuple[np.ndarray, int]:
    """Integer payoffs on one common denominator L: ``payoff = common / L`` exactly."""
    lcm = 1
    for d in game.denominators:
        lcm = lcm * d // math.gcd(lcm, d)
    common = np.empty(game.scaled.shape, dtype=object)
    for p, d in enumerate(game.denominators):
        common[p] = game.scaled[p].astype(object) * (lcm // d)
    return common, lcm


def _exact_potential(game: Game, common: np.ndarray, lcm: int) -> tuple[Fraction, ...] | None:
    """The exact potential P with P(s'_i, s_-i) - P(s) = u_i(s'_i, s_-i) - u_i(s), if any.

    Built along the path that changes players' strategies one at a time from the first
    profile (the only candidate up to a constant), then verified on every pair of
    adjacent strategies of every player (the other pairs follow by telescoping).
    """
    n = game.n_players
    pot = np.zeros(game.shape, dtype=object)
    for i in range(n):
        # u_i(s_1..s_i, first strategies after) - u_i(s_1..s_{i-1}, first from i on)
        index = tuple(slice(None) if k <= i else slice(0, 1) for k in range(n))
        part = common[i][index]
        pot = pot + (part - part.take([0], axis=i))
    for i in range(n):
        if not (np.diff(pot, axis=i) == np.diff(common[i], axis=i)).all():
            return None
    return tuple(Fraction(int(v), lcm) for v in pot.ravel())


def _improvement_cycle_free(game: Game) -> bool:
    """No cycle of strict unilateral improvements (depth-first search, iterative)."""
    shape = game.shape
    n = game.n_players
    total = game.n_profiles
    scaled = game.scaled
    state = np.zeros(total, dtype=np.int8)  # 0 new, 1 on the stack, 2 done

    def successors(k: int) -> list[int]:
        prof = np.unravel_index(k, shape)
        out = []
        for i in range(n):
            here = scaled[(i,) + tuple(prof)]
            for s in range(shape[i]):
                if s != prof[i]:
                    other = list(prof)
                    other[i] = s
                    if scaled[(i,) + tuple(other)] > here:
                        out.append(int(np.ravel_multi_index(other, shape)))
        return out

    for start in range(total):
        if state[start]:
            continue
        stack = [(start, iter(successors(start)))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state[nxt] == 1:
                return False
            elif state[nxt] == 0:
                state[nxt] = 1
                stack.append((nxt, iter(successors(nxt))))
    return True


def analyse_structure(game: Game) -> Structure:
    """Every structure diagnostic of ``game`` (see the module docstring)."""
    notes: list[str] = []
    dummies = dummy_players(game)
    independent = tuple(independent_ranking(game, p) for p in range(game.n_players))
    terms = tuple(separable_terms(game, p) for p in range(game.n_players))
    solvable, solution = _pure_elimination(game)
    big = game.n_profiles > MAX_STRUCTURE_PROFILES
    constant = competitive = symmetric = ordinal_sym = potential = cycle_free = None
    if big:
        notes.append(f"constant-sum, symmetry and potential not checked: more than"
                     f" {MAX_STRUCTURE_PROFILES:,} profiles")
    else:
        common, lcm = _common_scale(game)
        sums = common.sum(axis=0)
        first = sums.flat[0]
        constant = Fraction(int(first), lcm) if (sums == first).all() else None
        if game.n_players == 2:
            a, b = game.scaled[0].ravel(), game.scaled[1].ravel()
            competitive = bool((np.sign(a[:, None] - a[None, :])
                                == -np.sign(b[:, None] - b[None, :])).all()) \
                if a.size <= 2_000 else None
            if competitive is None:
                notes.append("strict competition not checked: too many profiles")
        same_shape = len(set(game.shape)) == 1
        symmetric = same_shape and _symmetric(common, game.n_players)
        ordinal_sym = same_shape and _symmetric(_ranks(game), game.n_players)
        potential = _exact_potential(game, common, lcm)
        if game.n_profiles <= MAX_CYCLE_PROFILES:
            cycle_free = _improvement_cycle_free(game)
        else:
            notes.append(f"improvement cycles not searched: more than"
                         f" {MAX_CYCLE_PROFILES:,} profiles")
    return Structure(dummies, independent, tuple(t is not None for t in terms), terms,
                     solvable, solution, constant, competitive, symmetric, ordinal_sym,
                     potential, cycle_free, tuple(notes))


def scale_warnings(game: Game, equilibria=None, dominance=()) -> tuple[str, ...]:
    """What the declared payoff scale says about results that read the numbers as more.

    For an ordinal game: a properly mixed equilibrium (its probabilities and expected
    payoffs) and dominance by a mixed strategy are meaningful only under a cardinal
    reading of the numbers.

    >>> from gamesolve.model import Game
    >>> from gamesolve.solvers.equilibria import solve
    >>> bos = Game.from_payoffs([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], payoff_scale="ordinal")
    >>> scale_warnings(bos, solve(bos))[0][:60]
    'the payoffs are declared ordinal (ranks): the 1 equilibrium '
    """
    if not game.ordinal:
        return ()
    out = []
    mixed = [e for e in getattr(equilibria, "equilibria", ()) if not e.pure]
    if mixed:
        count = len(mixed)
        out.append(f"the payoffs are declared ordinal (ranks): the {count} equilibri"
                   f"{'um' if count == 1 else 'a'} in properly mixed strategies (their"
                   f" probabilities and expected payoffs) {'is' if count == 1 else 'are'}"
                   " meaningful only under a cardinal"
                   " reading of the numbers; a different order-preserving choice of numbers"
                   " moves them, while the pure equilibria stay")
    for d in dominance:
        by_mix = [x for x in d.strictly_dominated + d.weakly_dominated if x.mixed]
        if by_mix:
            ids = game.players[d.player].ids
            out.append(f"the payoffs are declared ordinal: {game.players[d.player].name}'s"
                       f" {', '.join(ids[x.strategy] for x in by_mix)} dominated only by a"
                       " mixed strategy is a cardinal conclusion")
    return tuple(out)
