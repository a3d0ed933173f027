"""pygambit's methods run in a worker process that can be stopped, every profile verified.

The 2x2x2 game of McKelvey and McLennan (1997), "The maximal number of regular totally
mixed Nash equilibria", J. Econ. Theory 72: 411-425, as distributed with Gambit
(``contrib/games/2x2x2.nfg``: "2x2x2 Example from McKelvey-McLennan, with 9 Nash
equilibria, 2 totally mixed").  Outcomes in .nfg order (player 1's strategy varies
fastest), payoffs (player 1, player 2, player 3):

    (1,1,1) 9,8,12   (2,1,1) 0,0,0   (1,2,1) 0,0,0   (2,2,1) 9,8,2
    (1,1,2) 0,0,0    (2,1,2) 3,4,6   (1,2,2) 3,4,6   (2,2,2) 0,0,0
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from fractions import Fraction as F

import numpy as np
import pytest
from conftest import battle_of_the_sexes, gambit_profile, random_game

from gamesolve.errors import GameError
from gamesolve.model import Game
from gamesolve.solvers.base import max_regret, verify_exact
from gamesolve.solvers.gambit import methods as gm
from gamesolve.solvers.gambit.methods import (
    GAMBIT_METHODS,
    ChildRun,
    build_result,
    default_tolerance,
    solve_with_gambit,
    to_pygambit,
    verify_profiles,
)

N_PLAYER_METHODS = tuple(m for m in GAMBIT_METHODS if m not in ("lcp", "enummixed"))

MM_CELLS = {
    (0, 0, 0): (9, 8, 12), (1, 0, 0): (0, 0, 0), (0, 1, 0): (0, 0, 0), (1, 1, 0): (9, 8, 2),
    (0, 0, 1): (0, 0, 0), (1, 0, 1): (3, 4, 6), (0, 1, 1): (3, 4, 6), (1, 1, 1): (0, 0, 0),
}

# the nine equilibria (each player's probabilities of strategies 1 and 2), checked by hand:
# four pure, three with two players mixing, two totally mixed
MM_EQUILIBRIA = {
    ((1, 0), (1, 0), (1, 0)),
    ((1, 0), (0, 1), (0, 1)),
    ((0, 1), (1, 0), (0, 1)),
    ((0, 1), (0, 1), (1, 0)),
    ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), (1, 0)),
    ((F(1, 3), F(2, 3)), (1, 0), (F(1, 4), F(3, 4))),
    ((0, 1), (F(1, 4), F(3, 4)), (F(1, 3), F(2, 3))),
    ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))),
    ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))),
}


def mckelvey_mclennan() -> Game:
    payoffs = [[[[MM_CELLS[(a, b, c)][p] for c in range(2)] for b in range(2)]
                for a in range(2)] for p in range(3)]
    return Game.from_payoffs(payoffs, title="2x2x2 McKelvey-McLennan")


def generic_game(seed: int, shape) -> Game:
    """Integer payoffs in [-100, 100]: ties are rare, so equilibria are isolated."""
    return random_game(seed, shape, -100, 100)


def as_exact(eq) -> tuple:
    return tuple(tuple(F(x) for x in row) for row in eq.exact)


def check_reported(game: Game, result) -> None:
    """Every reported profile is an equilibrium: exactly when exact, else within tolerance."""
    tol = default_tolerance(game)
    for eq in result.equilibria:
        assert max_regret(game, eq.strategies) <= tol
        assert eq.regret <= tol
        if eq.exact is not None:
            assert verify_exact(game, eq.exact) == eq.exact_payoffs
        for row in eq.strategies:
            assert min(row) >= 0 and abs(sum(row) - 1) <= 1e-9


pytest.importorskip("pygambit")  # every test here runs pygambit (the gambit extra)


@pytest.fixture(scope="module", autouse=True)
def warm_worker():
    """Start the worker once, so timings below measure computation, not importing pygambit."""
    result = solve_with_gambit(battle_of_the_sexes(), "enumpure", timeout=30)
    assert result.complete


# ---------------------------------------------------------------------- plumbing
def test_importing_the_module_does_not_import_pygambit():
    code = ("import sys, gamesolve.solvers.gambit.methods;"
            " sys.exit('pygambit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0


def test_to_pygambit_keeps_exact_payoffs_names_and_title():
    from conftest import named_game

    game = named_game([[["1/3", "0.1"]], [[-2, "7/3"]]], [("Ann", ["U"]), ("Bob", ["L", "R"])],
                      title="tiny")
    g = to_pygambit(game)
    assert g.title == "tiny"
    players = list(g.players)
    assert [p.label for p in players] == ["Ann", "Bob"]
    assert [s.label for s in players[1].strategies] == ["L", "R"]
    assert g[(0, 0)][players[0]] == F(1, 3)
    assert g[(0, 1)][players[0]] == F(1, 10)
    assert g[(0, 1)][players[1]] == F(7, 3)


# ---------------------------------------------------------------------- McKelvey-McLennan
def test_mckelvey_mclennan_enumpoly_finds_all_nine():
    game = mckelvey_mclennan()
    result = solve_with_gambit(game, "enumpoly", timeout=30)
    assert result.complete and result.rejected == 0
    assert len(result.equilibria) == 9
    assert all(eq.exact is not None for eq in result.equilibria)
    expected = {tuple(tuple(F(x) for x in row) for row in eq) for eq in MM_EQUILIBRIA}
    assert {as_exact(eq) for eq in result.equilibria} == expected
    check_reported(game, result)
    assert [eq.pure for eq in result.equilibria] == [True] * 4 + [False] * 5
    assert any("isolated" in w for w in result.warnings)


def test_mckelvey_mclennan_equilibria_verify_by_hand():
    game = mckelvey_mclennan()
    for eq in MM_EQUILIBRIA:
        assert verify_exact(game, [[F(x) for x in row] for row in eq]) is not None


def test_user_stop_after_is_not_complete():
    result = solve_with_gambit(mckelvey_mclennan(), "enumpoly", timeout=30, stop_after=2)
    assert len(result.equilibria) == 2 and not result.complete
    assert any("stop_after" in w for w in result.warnings)


def test_logit_answer_that_is_no_equilibrium_is_rejected():
    # pygambit 16.7's logit ends at ((.5, .5), (.5, .5), (.574, .426)) here: regret 0.2
    game = mckelvey_mclennan()
    result = solve_with_gambit(game, "logit", timeout=30)
    check_reported(game, result)
    assert result.rejected + len(result.equilibria) >= 1
    if result.rejected:
        assert any("failed verification" in w for w in result.warnings)


# ---------------------------------------------------------------------- every method
@pytest.mark.parametrize("method", N_PLAYER_METHODS)
def test_each_method_on_a_three_player_game(method):
    game = generic_game(1, (3, 3, 3))
    result = solve_with_gambit(game, method, timeout=20)
    assert result.method == method
    assert result.details["status"] == "done"
    assert len(result.equilibria) >= 1
    check_reported(game, result)
    assert result.complete == (method in ("enumpure", "enumpoly"))


@pytest.mark.parametrize("method", ["lcp", "enummixed"])
def test_two_player_methods(method):
    game = battle_of_the_sexes()
    result = solve_with_gambit(game, method, timeout=20)
    check_reported(game, result)
    found = {as_exact(eq) for eq in result.equilibria}
    assert ((F(1), F(0)), (F(1), F(0))) in found
    if method == "enummixed":
        assert result.complete and len(found) == 3
        assert ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))) in found
    else:
        assert not result.complete


def test_starting_points_and_perturbations_are_passed():
    game = mckelvey_mclennan()
    start = [[F(1, 3), F(2, 3)], [1, 0], [0.25, 0.75]]
    result = solve_with_gambit(game, "simpdiv", timeout=20, start=start)
    check_reported(game, result)
    assert len(result.equilibria) == 1
    result = solve_with_gambit(game, "liap", timeout=20, start=[[0.4, 0.6], [0.5, 0.5],
                                                                   [0.3, 0.7]], maxiter=500)
    check_reported(game, result)
    result = solve_with_gambit(game, "ipa", timeout=20,
                               perturbation=[[0, 1], [1, 0], [0, 1]])
    check_reported(game, result)
    assert len(result.equilibria) == 1


def test_pygambit_refusal_is_a_game_error_and_the_worker_survives():
    game = mckelvey_mclennan()
    with pytest.raises(GameError, match=r"pygambit's gnm refused the request: .*unique"):
        solve_with_gambit(game, "gnm", timeout=20, perturbation=[[1, 1], [1, 0], [1, 0]])
    result = solve_with_gambit(game, "enumpure", timeout=20)
    assert result.complete and not result.details["fresh_worker"]


def test_pygambit_breakdown_is_a_warning():
    # ipa divides by zero on a game where every payoff is 0
    game = Game.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int))
    result = solve_with_gambit(game, "ipa", timeout=20)
    assert result.details["status"] == "failed" and not result.complete
    assert result.equilibria == ()
    assert result.warnings[0].startswith("pygambit's ipa failed (RuntimeError: encountered")


# ---------------------------------------------------------------------- seeded random games
@pytest.mark.parametrize("seed", range(12))
def test_enumpoly_on_random_three_player_games(seed):
    import pygambit

    rng = np.random.default_rng(1000 + seed)
    shape = tuple(int(s) for s in rng.integers(2, 4, size=3))
    game = generic_game(seed, shape)
    result = solve_with_gambit(game, "enumpoly", timeout=20)
    assert result.complete and result.rejected == 0
    check_reported(game, result)
    ours = sorted(eq.profile for eq in result.equilibria if eq.pure)
    theirs = sorted(gambit_profile(eq, game)
                    for eq in pygambit.nash.enumpure_solve(to_pygambit(game)).equilibria)
    assert ours == theirs


def test_deterministic_order():
    game = generic_game(3, (3, 3, 3))
    first = solve_with_gambit(game, "enumpoly", timeout=20)
    second = solve_with_gambit(game, "enumpoly", timeout=20)
    assert [e.strategies for e in first.equilibria] == [e.strategies for e in second.equilibria]
    supports = [sum(x > 0 for row in e.strategies for x in row) for e in first.equilibria]
    assert supports == sorted(supports)


# ---------------------------------------------------------------------- timeouts
def test_timeout_stops_a_slow_enumpoly():
    game = generic_game(0, (4, 4, 4, 4))  # enumpoly needs about a minute on this one
    begin = time.monotonic()
    result = solve_with_gambit(game, "enumpoly", timeout=1)
    elapsed = time.monotonic() - begin
    assert elapsed - (result.details["startup_s"] or 0) < 3
    assert not result.complete
    assert result.details["status"] == "timeout"
    assert "enumpoly stopped after 1 s: the list may be incomplete" in result.warnings
    check_reported(game, result)
    # the killed worker is replaced
    assert solve_with_gambit(mckelvey_mclennan(), "enumpure", timeout=30).complete


def test_timeout_on_a_small_degenerate_game():
    # ties make equilibria non-isolated: pygambit's enumpoly runs on and on (> 20 s)
    # after finding the pure equilibrium
    import pygambit

    game = random_game(18, (3, 2, 2), 0, 4)
    result = solve_with_gambit(game, "enumpoly", timeout=1)
    assert not result.complete and result.details["status"] == "timeout"
    check_reported(game, result)
    ours = {eq.profile for eq in result.equilibria if eq.pure}
    theirs = {gambit_profile(eq, game)
              for eq in pygambit.nash.enumpure_solve(to_pygambit(game)).equilibria}
    assert ours <= theirs


class FakeWorker:
    """Stands in for the worker process: replays messages, then falls silent."""

    def __init__(self, messages):
        self.greeted = True
        self.started = time.monotonic()
        self.messages: queue.Queue = queue.Queue()
        for m in messages:
            self.messages.put(m)

    def send(self, obj):
        return True


def test_profiles_streamed_before_the_deadline_are_kept():
    game = mckelvey_mclennan()
    worker = FakeWorker([("ready",), ("eq", [[[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]])])
    run = gm._talk(worker, game, "enumpoly", {}, timeout=0.2)
    assert run.status == "timeout" and len(run.profiles) == 1
    result = build_result(game, "enumpoly", run, timeout=0.2)
    assert not result.complete
    assert result.warnings == ("enumpoly stopped after 0.2 s: the list may be incomplete",)
    assert [eq.profile for eq in result.equilibria] == [(0, 0, 0)]


def test_crash_is_reported_with_what_was_found():
    game = mckelvey_mclennan()
    worker = FakeWorker([("ready",), ("eq", [[[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]]), ("eof",)])
    run = gm._talk(worker, game, "enumpoly", {}, timeout=5)
    assert run.status == "crashed"
    result = build_result(game, "enumpoly", run, timeout=5)
    assert not result.complete and len(result.equilibria) == 1
    assert "stopped unexpectedly" in result.warnings[0]


def test_concurrent_calls_get_their_own_workers():
    game = mckelvey_mclennan()
    results = []

    def solve():
        results.append(solve_with_gambit(game, "enumpoly", timeout=30))

    threads = [threading.Thread(target=solve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2
    assert all(len(r.equilibria) == 9 and r.complete for r in results)


# ---------------------------------------------------------------------- verification
def test_rejection_path():
    game = mckelvey_mclennan()
    good = [[0.5, 0.5], [0.4, 0.6], [0.25, 0.75]]
    bad = [[0.5, 0.5], [0.5, 0.5], [0.574, 0.426]]  # logit's answer: regret 0.2
    checked = verify_profiles(game, [bad, good, [[1, 0], [0, 1], [1, 0]]])
    assert checked.rejected == 2
    assert [as_exact(e) for e in checked.equilibria] == [
        ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4)))]
    # through the result builder: counted, warned, and no longer complete
    run = ChildRun(profiles=[bad, good], status="done", exhaustive=True, runs=1)
    result = build_result(game, "enumpoly", run, timeout=10)
    assert result.rejected == 1 and len(result.equilibria) == 1
    assert not result.complete
    assert any("1 profile returned by enumpoly failed verification" in w
               for w in result.warnings)


def test_malformed_profiles_are_rejected():
    game = mckelvey_mclennan()
    checked = verify_profiles(game, [
        [[1, 0], [1, 0]],                      # a player missing
        [[1, 0, 0], [1, 0], [1, 0]],           # a strategy too many
        [[1.5, -0.5], [1, 0], [1, 0]],         # not probabilities
        [[float("nan"), 1], [1, 0], [1, 0]],
        [[0.7, 0.7], [1, 0], [1, 0]],          # does not sum to 1
    ])
    assert checked.rejected == 5 and checked.equilibria == ()


def test_imprecise_profiles_are_refined_and_duplicates_merged():
    game = mckelvey_mclennan()
    exact = [[0.4, 0.6], [0.5, 0.5], [1 / 3, 2 / 3]]
    rough = [[0.4 + 3e-5, 0.6 - 3e-5], [0.5 - 2e-5, 0.5 + 2e-5], [1 / 3 + 4e-5, 2 / 3 - 4e-5]]
    assert max_regret(game, rough) > default_tolerance(game)
    checked = verify_profiles(game, [rough, exact, [[1, 0], [1, 0], [1, 0]]])
    assert checked.rejected == 0 and checked.refined == 1 and checked.duplicates == 1
    assert [e.pure for e in checked.equilibria] == [True, False]
    assert as_exact(checked.equilibria[1]) == ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)),
                                               (F(1, 3), F(2, 3)))


def test_irrational_equilibria_are_kept_as_floats():
    # three-player games usually have irrational mixed equilibria: no exact form
    game = generic_game(1, (3, 3, 3))
    result = solve_with_gambit(game, "enumpoly", timeout=20)
    floats = [e for e in result.equilibria if e.exact is None]
    assert floats and all(e.regret <= default_tolerance(game) for e in floats)


def test_tolerance_scales_with_payoffs():
    small = Game.from_payoffs([[[0.5]], [[0.25]]])
    big = Game.from_payoffs([[[-3000]], [[20]]])
    assert default_tolerance(small) == pytest.approx(1e-6)
    assert default_tolerance(big) == pytest.approx(3e-3)


# ---------------------------------------------------------------------- errors
def test_unknown_method_lists_the_valid_ones():
    with pytest.raises(GameError) as err:
        solve_with_gambit(mckelvey_mclennan(), "magic")
    for method in GAMBIT_METHODS:
        assert method in str(err.value)


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), "10", True])
def test_bad_timeout(timeout):
    with pytest.raises(GameError, match="timeout"):
        solve_with_gambit(mckelvey_mclennan(), "enumpoly", timeout=timeout)


@pytest.mark.parametrize("method", ["lcp", "enummixed"])
def test_two_player_methods_refuse_three_players(method):
    with pytest.raises(GameError, match="two-player") as err:
        solve_with_gambit(mckelvey_mclennan(), method)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("method, options, match", [
    ("enumpoly", {"colour": 1}, "no option 'colour'"),
    ("enumpure", {"stop_after": 1}, "options: none"),
    ("enumpoly", {"stop_after": 0}, "positive integer"),
    ("enumpoly", {"maxregret": -1}, "positive"),
    ("gnm", {"end_lambda": 1}, "negative"),
    ("liap", {"start": [[1, 0], [1, 0]]}, "each strategy"),
    ("liap", {"start": [[0.9, 0.9], [1, 0], [1, 0]]}, "sum to 1"),
    ("simpdiv", {"refine": 1}, "at least 2"),
])
def test_bad_options(method, options, match):
    with pytest.raises(GameError, match=match):
        solve_with_gambit(mckelvey_mclennan(), method, **options)
