"""Which player's best-response polytope to list, and the game with the players swapped.

When one polytope is listed and the other player's partners of its vertices are solved
(:mod:`.complement`, as lrsnash does), the cost is about the listed polytope's walk, and
the two polytopes of one random game often differ in size several times over, either way:
on random 13 x 13 to 15 x 15 games (payoffs -500..500) listing the smaller one would take
0.67-0.78 of the time of always listing Q (``benchmarks/bench_polytope_choice.py``,
docs/performance.md).  In a rectangular game the polytope of the player with fewer
strategies (the one of lower dimension) is nearly always the smaller (:func:`by_shape`);
in a square game which one cannot be read off the payoffs, but the first levels of each
polytope's breadth-first walk are cheap (levels 0 to 3: 3-8 % of the walk) and their sizes
name the smaller polytope in about four games of five (:func:`p_looks_smaller`).  P is
then listed by enumerating the :func:`transposed` game (its Q is the game's P) and mapping
the answer back (:func:`untransposed`).  Over many square games this lists 0.86-0.91 of the
vertices that always listing Q does, from 14 x 14; a wrong guess costs up to about 1.5
times on one game.  Games with fewer rows than columns gain most: P is then usually much
the smaller (13 x 18: 0.18 of Q's vertices).  Both orientations list every extreme
equilibrium and certify each against the payoffs exactly, so the answer is the same; only
the time differs.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from ...model import Game
from ..base import Equilibrium, EquilibriumSet
from .components import equilibrium_order, with_components
from .tableau_walk import clean_tableau_walk

PREFIX_LEVELS = 3   # levels of each walk compared (0 to 3: 4-8 % of a 13 x 13 or 14 x 14 walk)
CHOOSE_FROM = 40_000_000   # C(m + n, n) from which the orientation is chosen (14 x 14): on the
                           # vertex counts of 22-40 random games per size, listing by the first
                           # levels costs 0.91 of always listing Q at 14 x 14, 0.86 at 15 x 15,
                           # but 1.00 at 13 x 13, where the comparison eats the gain


def by_shape(m: int, n: int) -> bool:
    """Is P the smaller polytope of an ``m x n`` game, by its shape alone?  Yes when player
    1 has fewer strategies (P has dimension ``m``): P was the smaller in 26 to 30 of 30
    random games per shape from 8 x 12 to 15 x 17 (payoffs -500..500), listing it 0.18-0.51
    of the vertices that listing Q does (``benchmarks/bench_polytope_choice.py --shapes``).

    >>> by_shape(13, 18), by_shape(18, 13)
    (True, False)
    """
    return m < n


def p_looks_smaller(p_mat: list[list[int]], q_mat: list[list[int]],
                    deadline: float | None = None) -> bool:
    """Do the first :data:`PREFIX_LEVELS` levels of P's walk hold fewer bases than Q's?
    A guess for the faster orientation, never a decision the answer depends on: False
    when either walk cannot start (a degenerate or ill-conditioned basis) or ``deadline``
    passes, so Q is listed as by default.  A guess made to its end is kept for the next
    call on the same matrices (:data:`_GUESSES`).

    >>> p_looks_smaller([[1, 1, 1], [1, 1, 1], [1, 1, 1]], [[3, 1, 2], [1, 3, 2], [2, 1, 3]])
    False
    """
    if deadline is not None and time.monotonic() > deadline:
        return False
    key = (tuple(map(tuple, p_mat)), tuple(map(tuple, q_mat)))
    if key in _GUESSES:
        return _GUESSES[key]
    guess = _p_prefix_smaller(p_mat, q_mat, deadline)
    if deadline is None or time.monotonic() < deadline:   # not cut short: it stands
        if len(_GUESSES) >= _GUESSES_KEPT:
            _GUESSES.pop(next(iter(_GUESSES)), None)
        _GUESSES[key] = guess
    return guess


# auto's estimate (:mod:`.plan`) and then the solve ask for the same game's guess, 10-30 ms
# each from 15 x 15: the last few are kept, by the polytopes' matrices
_GUESSES: dict[tuple, bool] = {}
_GUESSES_KEPT = 4


def _p_prefix_smaller(p_mat: list[list[int]], q_mat: list[list[int]],
                      deadline: float | None) -> bool:
    sizes = []
    for mat in (p_mat, q_mat):
        levels = clean_tableau_walk(np.array(mat, dtype=float), limit=1 << 30,
                                    deadline=deadline, levels=PREFIX_LEVELS)
        if levels is None:
            return False
        sizes.append(sum(level.size for level in levels))
    return sizes[0] < sizes[1]


def transposed(game: Game) -> Game:
    """The game with the players' roles swapped: player 1 of the result is the game's
    player 2, so the result's polytope Q is the game's P.

    >>> g = Game.from_payoffs([[[1, 2, 3], [4, 5, 6]], [[0, 1, 0], [1, 0, 1]]])
    >>> t = transposed(g)
    >>> t.shape, t.exact_payoffs((2, 1)) == tuple(reversed(g.exact_payoffs((1, 2))))
    ((3, 2), True)
    """
    scaled = np.stack([game.scaled[1].T, game.scaled[0].T])
    return Game.from_scaled(scaled, tuple(reversed(game.denominators)),
                            tuple(reversed(game.players)))


def swapped(eq: Equilibrium) -> Equilibrium:
    """An equilibrium of the :func:`transposed` game as one of the game (its component is
    left to :func:`untransposed`)."""
    return replace(eq, strategies=eq.strategies[::-1], payoffs=eq.payoffs[::-1],
                   exact=eq.exact[::-1], exact_payoffs=eq.exact_payoffs[::-1],
                   component=None)


def untransposed(found: EquilibriumSet) -> EquilibriumSet:
    """An enumeration of the :func:`transposed` game as the game's own: the equilibria
    swapped, in the order and with the components an enumeration of the game itself gives
    (the same sets: a maximal biclique stays one when its sides swap), the vertex counts
    and statistics of P and Q swapped."""
    equilibria = [swapped(eq) for eq in found.equilibria]
    order = equilibrium_order(equilibria)
    new = {old: e for e, old in enumerate(order)}

    def renumbered(groups) -> list[tuple[int, ...]]:
        return sorted(tuple(sorted(new[e] for e in group)) for group in groups)

    cliques = renumbered(found.components)
    details = dict(found.details)
    if "vertices" in details:
        details["vertices"] = tuple(details["vertices"][::-1])
    if "stats" in details:
        details["stats"] = {"P": details["stats"].get("Q"), "Q": details["stats"].get("P")}
    if "connected_components" in details:
        details["connected_components"] = renumbered(details["connected_components"])
    return replace(found, equilibria=with_components([equilibria[e] for e in order], cliques),
                   components=tuple(cliques), details=details)
