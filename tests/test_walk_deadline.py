"""A graph walk the deadline stops: the answer says so (``vertices._walk_stopped``).

The walk's vertices are used only once the whole walk is certified, so a walk cut short
gives no vertex beyond the origin; the warning must say that the walk was under way, not
that one vertex was listed.  Games: random nondegenerate ones (payoffs -500..500, many
distinct values, so ``auto`` walks their polytopes as graphs).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

from gamesolve.model import Game
from gamesolve.solvers.bimatrix import enumerate_equilibria, vertices


def random_game(seed: int, n: int) -> Game:
    rng = np.random.default_rng(seed)
    return Game.from_payoffs(np.stack([rng.integers(-500, 501, size=(n, n)),
                                       rng.integers(-500, 501, size=(n, n))]))


def test_a_walk_stopped_by_the_deadline_says_so():
    found = enumerate_equilibria(random_game(3, 12), deadline=time.monotonic() - 1)
    assert found.complete is False and found.equilibria == ()
    stats = found.details["stats"]["Q"]
    assert stats["method"] == "graph" and stats["walk_stopped"] is True   # no reverse search
    (warning,) = [w for w in found.warnings if "stopped at the time limit" in w]
    assert warning.startswith("enumeration stopped at the time limit during the graph walk"
                              " of player 2's best-response polytope (whose vertices are"
                              " used only once the whole walk is certified)")
    assert "after 1 vertex" not in warning


def test_p_walk_stopped_after_q_was_listed(monkeypatch):
    """Both polytopes listed: Q's walk completes, the deadline stops P's."""
    walk = vertices.certified_graph_search
    calls = []

    def second_walk_runs_late(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:        # P's walk: the deadline passes during it
            monkeypatch.setattr(vertices, "time", SimpleNamespace(
                monotonic=lambda: float("inf"), perf_counter=time.perf_counter))
            return None
        return walk(*args, **kwargs)

    monkeypatch.setattr(vertices, "certified_graph_search", second_walk_runs_late)
    game = random_game(4, 9)
    found = enumerate_equilibria(game, polytopes="both", workers=1,
                                 deadline=time.monotonic() + 60)
    assert len(calls) == 2 and found.complete is False
    q_vertices = found.details["vertices"][1]
    p_stats = found.details["stats"]["P"]
    assert p_stats["method"] == "graph" and p_stats["walk_stopped"] is True
    assert found.details["stats"]["Q"]["walk"] == "inverses"
    (warning,) = [w for w in found.warnings if "stopped at the time limit" in w]
    assert (f"after {q_vertices:,} vertices of player 2's best-response polytope and during"
            " the graph walk of player 1's (whose vertices are used only once the whole"
            " walk is certified)") in warning
