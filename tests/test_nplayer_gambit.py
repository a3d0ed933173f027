"""Cross-validation of the certified N-player solver against pygambit (the reference).

On seeded random games every equilibrium that Gambit's enumpoly, gnm and simpdiv find
must be in gamesolve's list, and gamesolve finds strictly more than enumpoly on some.
Every N-player game of pygambit's catalog is solved: Nau et al. (2004) sec. 4 has one
irrational equilibrium, sec. 5 a continuum (never "complete"), Selten (1975) fig. 3 the
exact equilibrium (25/49, 24/49, 0; 5/8, 3/8; 3/4, 1/4).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

gbt = pytest.importorskip("pygambit")

from gamesolve.model import Game  # noqa: E402
from gamesolve.solvers.base import max_regret, verify_exact  # noqa: E402
from gamesolve.solvers.nplayer import solve_certified  # noqa: E402

MATCH = 1e-5  # probabilities: Gambit's floating-point answers against our certified ones
DEFAULT = [((2, 2, 2), 3), ((3, 3, 3), 1), ((2, 2, 2, 2), 1), ((3, 2, 2), 4), ((3, 3, 3), 3)]
SLOW = [((2, 2, 2), s) for s in range(4, 10)] + [((3, 3, 3), s) for s in range(4, 8)] + \
    [((2, 2, 2, 2), s) for s in range(2, 5)] + [((3, 2, 2), s) for s in range(5, 9)] + \
    [((4, 4, 4), s) for s in range(1, 4)]


# the long sample runs on request (the default run deselects slow tests, pyproject.toml):
#   python -m pytest -m slow tests/test_nplayer_gambit.py


def random_game(shape, seed):
    rng = np.random.default_rng(seed)
    return Game.from_payoffs(np.stack([rng.integers(0, 100, size=shape) for _ in shape]))


def gambit_game(game: Game):
    g = gbt.Game.new_table(list(game.shape))
    for profile in itertools.product(*[range(m) for m in game.shape]):
        for p, player in enumerate(g.players):
            g[profile][player] = gbt.Rational(str(game.exact_payoff(p, profile)))
    return g


def gambit_profiles(method: str, game: Game, timeout: float = 20.0):
    from gamesolve.solvers.gambit.methods import solve_with_gambit

    found = solve_with_gambit(game, method, timeout=timeout)
    return [e.strategies for e in found.equilibria]


def contains(found, profile) -> bool:
    flat = np.concatenate([np.asarray(s, dtype=float) for s in profile])
    return any(np.max(np.abs(np.concatenate([np.asarray(s) for s in e.strategies]) - flat))
               < MATCH for e in found.equilibria)


def assert_verified(game, found):
    for e in found.equilibria:
        if e.exact is not None:
            assert verify_exact(game, e.exact) is not None
        else:
            assert e.enclosure_radius < 1e-6
            assert max_regret(game, e.strategies) < 1e-6 * float(np.abs(game.payoffs).max())


def on_flagged_support(found, profile) -> bool:
    """The profile's support lies in a support the solver flagged (a continuum there)."""
    support = [tuple(i for i, x in enumerate(s) if x > MATCH) for s in profile]
    return any(all(set(a) <= set(b) for a, b in zip(support, u.support))
               for u in found.uncertified_supports)


def check_random(shape, seed):
    game = random_game(shape, seed)
    found = solve_certified(game)
    assert_verified(game, found)
    if found.complete:
        assert len(found.equilibria) % 2 == 1  # generic games: an odd number (Wilson 1971)
    else:
        # payoffs 0..99 tie now and then: only a true continuum may stay uncertified
        for u in found.uncertified_supports:
            assert "may form a continuum" in u.reason
            assert u.sample is not None and max_regret(game, u.sample) < 1e-9
    enumpoly = gambit_profiles("enumpoly", game)
    for method, profiles in (("enumpoly", enumpoly), ("gnm", gambit_profiles("gnm", game)),
                             ("simpdiv", gambit_profiles("simpdiv", game))):
        for profile in profiles:
            assert contains(found, profile) or on_flagged_support(found, profile), \
                (method, profile)
    return len(found.equilibria), len(enumpoly)


@pytest.mark.parametrize(("shape", "seed"), DEFAULT)
def test_random_games_contain_every_gambit_equilibrium(shape, seed):
    check_random(shape, seed)


def test_certified_finds_strictly_more_than_enumpoly_somewhere():
    # 2x2x2x2 seed 1: Gambit 16's enumpoly reports 0 of the 3 equilibria
    ours, theirs = check_random((2, 2, 2, 2), 1)
    assert ours > theirs


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "seed"), SLOW)
def test_random_games_contain_every_gambit_equilibrium_slow(shape, seed):
    check_random(shape, seed)


# ---------------------------------------------------------------------- the catalog
def catalog_game(name: str) -> Game:
    g = gbt.catalog.load(name)
    strategies = [list(p.strategies) for p in g.players]
    shape = tuple(len(s) for s in strategies)
    payoffs = np.empty((len(shape),) + shape, dtype=object)
    for profile in itertools.product(*[range(m) for m in shape]):
        outcome = g[[strategies[j][a] for j, a in enumerate(profile)]]
        for i, player in enumerate(g.players):
            payoffs[(i,) + profile] = Fraction(str(outcome[player]))
    return Game.from_payoffs(payoffs, title=g.title)


def n_player_catalog() -> list[str]:
    names = []
    for name in gbt.catalog.games()["Game"]:
        try:
            g = gbt.catalog.load(name)
        except Exception:
            continue
        if sum(len(p.strategies) > 1 for p in g.players) >= 3:
            names.append(name)
    return names


@pytest.mark.parametrize("name", n_player_catalog())
def test_catalog_game(name):
    game = catalog_game(name)
    found = solve_certified(game, timeout=60)
    assert_verified(game, found)
    for method in ("gnm", "simpdiv"):
        for profile in gambit_profiles(method, game):
            # a profile on a flagged support may be one point of a continuum
            assert contains(found, profile) or not found.complete, (method, profile)
    if found.complete:
        for profile in gambit_profiles("enumpoly", game):
            assert contains(found, profile), profile


def test_nau_sec4_irrational_and_complete():
    found = solve_certified(catalog_game("journals/ijgt/nau2004/sec4"))
    assert found.complete and len(found.equilibria) == 1
    assert found.equilibria[0].exact is None and found.equilibria[0].enclosure_radius < 1e-6


def test_nau_sec5_continuum_is_not_complete():
    found = solve_certified(catalog_game("journals/ijgt/nau2004/sec5"), timeout=60)
    assert not found.complete
    assert any("may form a continuum" in u.reason for u in found.uncertified_supports)


def test_selten_fig3_exact_equilibrium():
    found = solve_certified(catalog_game("journals/ijgt/selten1975/fig3"), timeout=60)
    F = Fraction
    target = ((F(25, 49), F(24, 49), F(0)), (F(5, 8), F(3, 8)), (F(3, 4), F(1, 4)))
    assert target in [e.exact for e in found.equilibria]


def test_selten_fig1_continuum_is_not_complete():
    found = solve_certified(catalog_game("journals/ijgt/selten1975/fig1"), timeout=60)
    assert not found.complete and found.uncertified_supports
