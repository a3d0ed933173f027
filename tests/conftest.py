"""Shared test helpers: textbook games, a seeded random-game factory, naive reference
implementations and a converter to pygambit (for cross-checks only).

Import the helpers with ``from conftest import ...`` (pytest puts ``tests/`` on the path)
or use the fixtures of the same names.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import settings
from hypothesis import strategies as st

from gamesolve.model import Game, Player, Strategy

# No timed assertions in tests (speed is measured by benchmarks/): hypothesis's default 200 ms
# deadline per example fails a property test whenever a loaded two-core machine stalls one
# example (seen on Python 3.12: 510 ms once, 6.5 ms on the re-run).
settings.register_profile("gamesolve", deadline=None)
settings.load_profile("gamesolve")


def pytest_configure(config):
    # Inside a pytest-xdist worker, execnet keeps an I/O thread (a bare _thread, not listed
    # by threading.enumerate), so every fork a test makes is multi-threaded and Python 3.12+
    # warns.  That fork is safe: the child works on its own pipes and ends with os._exit,
    # never touching execnet's objects.  tests/test_processes.py checks in a fresh
    # interpreter that gamesolve's own forks have one thread, so hiding this one warning here
    # (and only in xdist workers) hides nothing about gamesolve.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        config.addinivalue_line(
            "filterwarnings", r"ignore:This process \(pid=\d+\) is multi-threaded, use of"
            r" fork\(\) may lead to deadlocks in the child\.:DeprecationWarning")


# ---------------------------------------------------------------------- building games
def named_game(payoffs, names: Sequence[tuple[str, Sequence[str]]], **metadata) -> Game:
    """A game with player names and strategy ids: ``names = [("Row", ["T", "B"]), ...]``."""
    players = [Player(name, tuple(Strategy(i) for i in ids)) for name, ids in names]
    return Game.from_payoffs(payoffs, players, **metadata)


def bimatrix(rows: Sequence[Sequence[tuple]], row_ids=None, col_ids=None, **metadata) -> Game:
    """A two-player game written cell by cell: ``rows[i][j] = (row payoff, column payoff)``."""
    a = [[cell[0] for cell in row] for row in rows]
    b = [[cell[1] for cell in row] for row in rows]
    row_ids = row_ids or [str(i + 1) for i in range(len(a))]
    col_ids = col_ids or [str(j + 1) for j in range(len(a[0]))]
    return named_game([a, b], [("Row", row_ids), ("Column", col_ids)], **metadata)


def prisoners_dilemma() -> Game:
    # C = cooperate, D = defect; T=5 > R=3 > P=1 > S=0
    return bimatrix([[(3, 3), (0, 5)], [(5, 0), (1, 1)]], ["C", "D"], ["C", "D"])


def battle_of_the_sexes() -> Game:
    return bimatrix([[(3, 2), (0, 0)], [(0, 0), (2, 3)]], ["O", "F"], ["O", "F"])


def stag_hunt() -> Game:
    return bimatrix([[(4, 4), (0, 3)], [(3, 0), (3, 3)]], ["S", "H"], ["S", "H"])


def chicken() -> Game:
    # S = swerve, D = dare
    return bimatrix([[(0, 0), (-1, 1)], [(1, -1), (-10, -10)]], ["S", "D"], ["S", "D"])


def matching_pennies() -> Game:
    return bimatrix([[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]], ["H", "T"], ["H", "T"])


def mixed_dominance_game() -> Game:
    """B = (1, 1) is strictly dominated by 1/2 T + 1/2 M = (3/2, 3/2), by no pure strategy."""
    return bimatrix([[(3, 0), (0, 1)], [(0, 0), (3, 1)], [(1, 2), (1, 0)]],
                    ["T", "M", "B"], ["L", "R"])


def textbook_games() -> dict[str, Game]:
    return {
        "prisoners_dilemma": prisoners_dilemma(),
        "battle_of_the_sexes": battle_of_the_sexes(),
        "stag_hunt": stag_hunt(),
        "chicken": chicken(),
        "matching_pennies": matching_pennies(),
        "mixed_dominance": mixed_dominance_game(),
    }


def random_game(seed: int, shape: Sequence[int], low: int = 0, high: int = 4) -> Game:
    """A seeded random game with integer payoffs in [low, high] (inclusive)."""
    rng = np.random.default_rng(seed)
    shape = tuple(int(s) for s in shape)
    arr = rng.integers(low, high, size=(len(shape),) + shape, endpoint=True)
    return Game.from_payoffs(arr)


def random_shape(rng: np.random.Generator, min_players: int = 2, max_players: int = 4,
                 max_strategies: int = 4) -> tuple[int, ...]:
    n = int(rng.integers(min_players, max_players, endpoint=True))
    return tuple(int(x) for x in rng.integers(1, max_strategies, size=n, endpoint=True))


@st.composite
def small_games(draw, min_players: int = 1, max_players: int = 3, max_strategies: int = 3,
                low: int = 0, high: int = 4) -> Game:
    """Hypothesis strategy: integer games with few players and strategies (ties common)."""
    n = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.lists(st.integers(1, max_strategies), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    values = draw(st.lists(st.integers(low, high), min_size=size, max_size=size))
    return Game.from_payoffs(np.array(values, dtype=np.int64).reshape((n,) + shape))


def transform_player(game: Game, player: int, mul=1, add=0) -> Game:
    """The game with ``player``'s payoffs replaced by ``mul * payoff + add`` (exactly)."""
    arr = np.empty(game.scaled.shape, dtype=object)
    for p in range(game.n_players):
        arr[p] = game.exact_array(p)
    arr[player] = arr[player] * Fraction(mul) + Fraction(add)
    return Game.from_payoffs(arr, game.players)


def permute_player(game: Game, player: int, perm: Sequence[int]) -> Game:
    """The game where ``player``'s new strategy i is its old strategy ``perm[i]``."""
    arr = np.empty(game.scaled.shape, dtype=object)
    for p in range(game.n_players):
        arr[p] = np.take(game.exact_array(p), list(perm), axis=player)
    players = list(game.players)
    old = players[player]
    players[player] = replace(old, strategies=tuple(old.strategies[i] for i in perm))
    return Game.from_payoffs(arr, players)


# ---------------------------------------------------------------------- naive references
def naive_payoff(game: Game, player: int, profile: Sequence[int]) -> Fraction:
    return Fraction(int(game.scaled[(player,) + tuple(profile)]), game.denominators[player])


def naive_best_responses(game: Game, player: int, profile: Sequence[int]) -> tuple[int, ...]:
    """Player's best replies to the others' strategies in ``profile`` (pure Python)."""
    values = []
    for a in range(game.shape[player]):
        alt = list(profile)
        alt[player] = a
        values.append(naive_payoff(game, player, alt))
    top = max(values)
    return tuple(a for a, v in enumerate(values) if v == top)


def naive_pure_equilibria(game: Game) -> list[tuple[int, ...]]:
    return [prof for prof in itertools.product(*(range(s) for s in game.shape))
            if all(prof[p] in naive_best_responses(game, p, prof)
                   for p in range(game.n_players))]


def naive_pure_dominated(game: Game, player: int, strict: bool) -> set[int]:
    """Strategies dominated by another pure strategy (weakly: >= everywhere, > somewhere)."""
    others = [range(s) for q, s in enumerate(game.shape) if q != player]
    columns = []
    for opp in itertools.product(*others):
        opp = list(opp)
        columns.append([naive_payoff(game, player, opp[:player] + [a] + opp[player:])
                        for a in range(game.shape[player])])
    out = set()
    for s in range(game.shape[player]):
        for t in range(game.shape[player]):
            if s == t:
                continue
            if strict and all(c[t] > c[s] for c in columns):
                out.add(s)
            if not strict and all(c[t] >= c[s] for c in columns) and any(
                    c[t] > c[s] for c in columns):
                out.add(s)
    return out


def naive_pure_security(game: Game, player: int) -> Fraction:
    others = [range(s) for q, s in enumerate(game.shape) if q != player]
    best = None
    for a in range(game.shape[player]):
        worst = min(naive_payoff(game, player, list(opp[:player]) + [a] + list(opp[player:]))
                    for opp in itertools.product(*others))
        best = worst if best is None else max(best, worst)
    return best


# ---------------------------------------------------------------------- pygambit
def to_pygambit(game: Game):
    """The same game in pygambit, from the exact payoffs (players and strategies in order)."""
    import pygambit as gbt

    arrays = []
    for p in range(game.n_players):
        d = game.denominators[p]
        arr = np.empty(game.shape, dtype=object)
        for prof in np.ndindex(*game.shape):
            arr[prof] = Fraction(int(game.scaled[(p,) + prof]), d)
        arrays.append(arr)
    g = gbt.Game.from_arrays(*arrays, title=game.title or "gamesolve test game")
    for player, ours in zip(g.players, game.players):
        player.label = ours.name
        for strategy, sid in zip(player.strategies, ours.ids):
            strategy.label = sid
    return g


def gambit_profile(equilibrium, game: Game) -> tuple[int, ...]:
    """A pure pygambit profile (MixedStrategyProfileRational) as strategy indices."""
    out = []
    for player in equilibrium.game.players:
        probs = [equilibrium[s] for s in player.strategies]
        assert sorted(probs) == [0] * (len(probs) - 1) + [1], probs
        out.append(probs.index(1))
    return tuple(out)


# ---------------------------------------------------------------------- fixtures
@pytest.fixture
def games() -> dict[str, Game]:
    return textbook_games()


@pytest.fixture(scope="session")
def make_random_game():
    return random_game


def declare(game: Game, scale: str | None = None, comparable: bool | None = None) -> Game:
    """``game`` with a declared payoff scale and cross-player comparability."""
    import dataclasses

    changes = {k: v for k, v in (("payoff_scale", scale),
                                 ("comparable_across_players", comparable)) if v is not None}
    return dataclasses.replace(game, **changes)
