"""Adversarial review of listing P instead of Q (``solvers/bimatrix/orientation.py``).

Every game here is one on which ``auto`` really lists P (``lists_p`` is asserted first),
and every answer is compared with an independent reference: lrsnash (lrslib, exact GMP
arithmetic) for the equilibrium set, brute-force maximal bicliques of lrsnash's extreme
equilibria (``reference_components``) for the components, hand-worked constructions for
degeneracy, and payoffs recomputed here in Fractions from the game's own payoffs.  The
enumeration listing both polytopes of the game itself (``polytopes="both"``) is used only
for the order and numbering (never as the only reference for the set).

Games probed: rectangular (14 x 16, 13 x 20, 14 x 17: the transposed game is 16 x 14,
...), degenerate games that still flip -- a support-4 strategy of player 1 with five tied
best replies of player 2 (a degenerate vertex of the listed polytope, beyond the first
walk levels that ``p_looks_smaller`` compares) and the same on player 1's side (a
degenerate partner) --, payoff ties and a column of equal payoffs, fractional payoffs
with a different denominator per player, the CLI (``--format json`` and ``jsonl``, with
distinct strategy names per player), deadlines, streaming and ``plan``.
"""

from __future__ import annotations

import json
import time
from fractions import Fraction as F

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from test_bimatrix import assert_certified, bimatrix, eq_set
from test_complement_adversarial import (
    components_of,
    lrsnash_equilibria,
    needs_lrsnash,
    reference_components,
)
from test_orientation import assert_same_answer, by_itself

from gamesolve.cli import main
from gamesolve.model import Game
from gamesolve.solvers.base import verify_exact
from gamesolve.solvers.bimatrix import enumerate_equilibria
from gamesolve.solvers.bimatrix.orientation import transposed
from gamesolve.solvers.bimatrix.plan import estimate_enumeration
from gamesolve.solvers.bimatrix.solve import _polytope_matrices, lists_p
from gamesolve.solvers.equilibria import solve


# ---------------------------------------------------------------- games that flip
def payoff_pair(kind: str, seed: int, m: int = 14, n: int = 14):
    """Integer payoff matrices (A, B) of one family; see the module docstring."""
    rng = np.random.default_rng(seed)
    a = rng.integers(-500, 501, size=(m, n))
    b = rng.integers(-500, 501, size=(m, n))
    if kind == "tie":            # an exact payoff tie of player 2
        b[0, 0] = b[1, 0]
    elif kind == "flat":         # a column on which player 2's payoff is constant
        b[:, 4] = 17
    elif kind in ("deep", "deep-both"):
        # x uniform on rows 0..3: columns 0..ties-1 all give player 2 the sum 1200 over
        # those rows, every other column less (entries below 250) -- a support-4 strategy
        # with `ties` best replies.  Rows 0..3 (and row 4 for "deep-both") give player 1
        # the sum 1200 against y uniform on columns 0..3, every other row less.
        ties = 5 if kind == "deep" else 4
        for i in range(4):
            a[i, :4] = rng.integers(100, 450, size=4)
            a[i, 3] = 1200 - a[i, :3].sum()
        for i in range(4, m):
            a[i, :4] = rng.integers(-500, 250, size=4)
        for j in range(ties):
            b[:4, j] = rng.integers(100, 450, size=4)
            b[3, j] = 1200 - b[:3, j].sum()
        b[:4, ties:] = rng.integers(-500, 250, size=(4, n - ties))
        if kind == "deep-both":
            a[4, :4] = rng.integers(100, 450, size=4)
            a[4, 3] = 1200 - a[4, :3].sum()
    elif kind == "shared":
        # two segments of equilibria sharing an end: (x*, y1)-(x*, y2) and (x*, y1)-(x**, y1)
        # with x*, x** uniform on rows {0,1,2,3}, {0,1,2,4} and y1, y2 uniform on columns
        # {0,1,2,3}, {0,1,2,4}; (x**, y2) is no equilibrium (column 4 and row 4 fall short)
        a[5:, :5] = rng.integers(-500, 250, size=(m - 5, 5))
        for i in range(5):
            a[i, :3] = rng.integers(100, 450, size=3)
            a[i, 3] = 1200 - a[i, :3].sum()
            a[i, 4] = a[i, 3] if i < 4 else a[i, 3] - rng.integers(1, 200)
        b[:5, 5:] = rng.integers(-500, 250, size=(5, n - 5))
        for j in range(5):
            b[:3, j] = rng.integers(100, 450, size=3)
            b[3, j] = 1200 - b[:3, j].sum()
            b[4, j] = b[3, j] if j < 4 else b[3, j] - rng.integers(1, 200)
    return a, b


def flipped(a, b) -> Game:
    game = bimatrix(a, b)
    m, n = game.shape
    assert lists_p(m, n, *_polytope_matrices(game)), "the game must be one that lists P"
    return game


_LRS: dict[tuple, set] = {}


def lrs(game: Game) -> set:
    """lrsnash's extreme equilibria, run once per game in this module."""
    key = (game.shape, tuple(game.scaled.ravel().tolist()))
    if key not in _LRS:
        _LRS[key] = lrsnash_equilibria(game.scaled[0].tolist(), game.scaled[1].tolist())
    return _LRS[key]


def exact_payoffs_by_hand(game: Game, profile) -> tuple[F, F]:
    """x^T A y and x^T B y in Fractions, from the game's exact payoffs."""
    x, y = profile
    m, n = game.shape
    total = [F(0), F(0)]
    for i in range(m):
        for j in range(n):
            if x[i] and y[j]:
                pay = game.exact_payoffs((i, j))
                for p in (0, 1):
                    total[p] += x[i] * y[j] * pay[p]
    return tuple(total)


def assert_components(components: set, reference: set) -> None:
    """The maximal bicliques of lrsnash's extreme equilibria (by brute force); when both
    sides are too many for that, at least each component is a biclique of them."""
    expected = reference_components(reference)
    if expected is not None:
        assert components == expected
    for clique in components:
        xs, ys = {x for x, _ in clique}, {y for _, y in clique}
        assert {(x, y) for x in xs for y in ys} == set(clique) <= reference
    assert set().union(*components) == reference


def is_strict(game: Game, i: int, j: int) -> bool:
    """Is the pure profile (i, j) a strict equilibrium (unique best replies)?"""
    m, n = game.shape
    here = game.exact_payoffs((i, j))
    return (all(game.exact_payoffs((k, j))[0] < here[0] for k in range(m) if k != i)
            and all(game.exact_payoffs((i, k))[1] < here[1] for k in range(n) if k != j))


def check_flipped_answer(game: Game, found, reference: set, *, solved: bool = True) -> None:
    """The whole contract on a game where P was listed, against lrsnash's set (``solved``:
    Q's partners solved; else the fallback that lists both)."""
    n_p, n_q = found.details["vertices"]
    if solved:
        assert found.details["algorithm"].startswith("vertex enumeration of player 1's")
        assert n_q is None and n_p > 0
        assert found.details["stats"]["Q"]["method"] == "complementary"
    else:
        assert found.details["algorithm"].startswith("vertex enumeration of the best-resp")
        assert n_p > 0 and n_q > 0
        assert found.degenerate is True     # listing both decides it
    assert found.complete and found.rejected == 0
    assert_certified(game, found)
    assert eq_set(found) == reference
    m, n = game.shape
    for eq in found.equilibria:
        x, y = eq.exact
        assert (len(x), len(y)) == (m, n)
        assert eq.exact_payoffs == exact_payoffs_by_hand(game, eq.exact)
        assert eq.pure == all(max(s) == 1 for s in eq.exact)
        assert eq.strict == (eq.pure and is_strict(game, x.index(1), y.index(1)))
    assert_components(components_of(found), reference)
    # each equilibrium's component is the first clique holding it; every one is covered
    for e, eq in enumerate(found.equilibria):
        assert eq.component == min(c for c, clique in enumerate(found.components)
                                   if e in clique)
    # connected components: a partition into unions of overlapping components
    connected = found.details["connected_components"]
    assert sorted(e for group in connected for e in group) == list(range(len(found.equilibria)))
    for clique in found.components:
        assert sum(1 for group in connected if set(clique) <= set(group)) == 1


def assert_listed_like_both(game: Game, found) -> None:
    """Order, numbering, flags and payoffs as when the game itself lists both."""
    both = by_itself(game)
    assert_same_answer(found, both)
    # P was listed on both sides of the comparison: the same vertex count
    assert found.details["vertices"][0] == both.details["vertices"][0]


# ---------------------------------------------------------------- equilibria and components
@needs_lrsnash
@pytest.mark.parametrize("kind, seed", [("tie", 2), ("flat", 2)])
def test_ties_and_a_flat_column_on_a_flipped_game(kind, seed):
    game = flipped(*payoff_pair(kind, seed))
    found = enumerate_equilibria(game)
    check_flipped_answer(game, found, lrs(game))
    assert found.degenerate in (None, True)
    assert_listed_like_both(game, found)


@needs_lrsnash
@pytest.mark.parametrize("kind, seed", [("deep", 20), ("deep", 17), ("deep-both", 1),
                                        ("deep-both", 27)])
def test_a_degenerate_flipped_game_keeps_its_equilibria_components_and_flag(kind, seed):
    """By construction player 1's uniform mix of rows 0..3 has five best replies (or row
    4 ties for player 1): the game is degenerate, beyond the walk levels compared, so
    auto still lists P; the flag must then say True (found), never False."""
    game = flipped(*payoff_pair(kind, seed))
    found = enumerate_equilibria(game)
    check_flipped_answer(game, found, lrs(game))
    assert found.degenerate is True
    assert_listed_like_both(game, found)


def shared_ends(reference: set) -> set:
    """The hand-built shared end (x*, y1): uniform on rows 0..3 and on columns 0..3."""
    x = tuple(F(1, 4) if i < 4 else F(0) for i in range(14))
    return {(x, y) for xx, y in reference if xx == x and y[:4] == (y[0],) * 4 and y[0]
            and not any(y[4:])}


@needs_lrsnash
@pytest.mark.parametrize("seed, solved", [(41, True), (1, False)])
def test_components_sharing_an_extreme_equilibrium_on_a_flipped_game(seed, solved):
    """Two maximal convex components share an extreme equilibrium (built by hand); with
    Q's partners solved (seed 41) or after the fallback to listing both (seed 1, a
    degenerate partner face): the sharing, ``component`` (the first clique holding it)
    and the connected component that joins them must survive the renumbering."""
    game = flipped(*payoff_pair("shared", seed))
    found = enumerate_equilibria(game)
    reference = lrs(game)
    check_flipped_answer(game, found, reference, solved=solved)
    assert found.degenerate is True
    index = {eq.exact: e for e, eq in enumerate(found.equilibria)}
    (end,) = shared_ends(reference)
    holding = [c for c, clique in enumerate(found.components) if index[end] in clique]
    assert len(holding) == 2
    assert found.equilibria[index[end]].component == holding[0]
    joined = set(found.components[holding[0]]) | set(found.components[holding[1]])
    assert any(joined <= set(group) for group in found.details["connected_components"])
    assert_listed_like_both(game, found)


@needs_lrsnash
def test_a_rectangular_14_x_16_game_listing_p():
    """P of a 14 x 16 game has 16 facets in dimension 14: listed by enumerating the
    16 x 14 transposed game."""
    game = flipped(*payoff_pair("random", 1, 14, 16))
    assert transposed(game).shape == (16, 14)
    found = enumerate_equilibria(game)
    check_flipped_answer(game, found, lrs(game))
    assert_listed_like_both(game, found)


@needs_lrsnash
def test_fractional_payoffs_with_a_denominator_per_player():
    """A / 3 + 1/6 and B / 7 - 2/5: the transposed game must carry each player's own
    denominator (payoffs checked in Fractions by hand)."""
    a, b = payoff_pair("deep", 20)
    m, n = a.shape
    game = Game.from_payoffs(
        [[[str(F(int(a[i, j]), 3) + F(1, 6)) for j in range(n)] for i in range(m)],
         [[str(F(int(b[i, j]), 7) - F(2, 5)) for j in range(n)] for i in range(m)]])
    assert game.exact_payoffs((0, 0)) == (F(int(a[0, 0]), 3) + F(1, 6),
                                          F(int(b[0, 0]), 7) - F(2, 5))
    assert lists_p(m, n, *_polytope_matrices(game))
    t = transposed(game)
    assert t.exact_payoffs((3, 2)) == tuple(reversed(game.exact_payoffs((2, 3))))
    found = enumerate_equilibria(game)
    # the equilibria of a positive affine transform per player are the integer game's
    check_flipped_answer(game, found, lrs(bimatrix(a, b)))
    assert found.degenerate is True


# ---------------------------------------------------------------- streaming and deadlines
@needs_lrsnash
def test_the_stream_hears_the_games_own_certified_equilibria():
    game = flipped(*payoff_pair("deep-both", 1))
    heard = []
    found = enumerate_equilibria(game, on_equilibrium=heard.append)
    reference = lrs(game)
    assert {eq.exact for eq in heard} == reference == eq_set(found)
    assert len(heard) == len(reference)
    for eq in heard:
        assert verify_exact(game, eq.exact) == eq.exact_payoffs
        assert eq.exact_payoffs == exact_payoffs_by_hand(game, eq.exact)
        assert eq.component is None   # components are known only at the end


@needs_lrsnash
@pytest.mark.parametrize("fraction", [0.1, 0.5])
def test_a_deadline_midway_gives_certified_partial_answers_naming_the_listed_player(fraction):
    """Whatever stops first (the comparison, the walk of P or the partner solves), the
    answer is certified, a subset of lrsnash's, says complete: false, has no components,
    an undecided or True degeneracy, and its warning names the polytope listed."""
    game = flipped(*payoff_pair("random", 1, 14, 16))
    reference = lrs(game)
    start = time.monotonic()
    enumerate_equilibria(game)
    full = time.monotonic() - start
    found = enumerate_equilibria(game, deadline=time.monotonic() + fraction * full)
    assert_certified(game, found)
    assert eq_set(found) <= reference
    if found.complete:        # a fast machine: then the whole answer
        assert eq_set(found) == reference
        return
    assert found.components == () and found.degenerate in (None, True)
    assert all(eq.component is None for eq in found.equilibria)
    # the listed polytope is the one whose stats are a polytope's, not the partners'
    stats = found.details["stats"]
    other = stats["Q"] if stats["Q"] is None or stats["Q"].get("method") == "complementary" \
        else None
    p_listed = stats["Q"] is other
    listed, unlisted = ("player 1", "player 2") if p_listed else ("player 2", "player 1")
    count = found.details["vertices"][0 if p_listed else 1]
    stopped = [w for w in found.warnings if "stopped at the time limit" in w]
    assert len(stopped) == 1
    if stats["P" if p_listed else "Q"].get("walk_stopped"):   # before its walk was certified
        assert count == 1 and not found.equilibria
        assert f"during the graph walk of {listed}'s best-response polytope" in stopped[0]
    else:
        vertices = "vertex" if count == 1 else "vertices"
        assert (f"after {count:,} {vertices} of {listed}'s best-response polytope and"
                in stopped[0])
        assert f" of {unlisted}'s" in stopped[0]
    equilibria = ("the 1 equilibrium listed is" if len(found.equilibria) == 1
                  else f"the {len(found.equilibria)} equilibria listed are")
    assert f"{equilibria} certified" in stopped[0]


# ---------------------------------------------------------------- the command line
def game_file(tmp_path, a, b) -> str:
    m, n = a.shape
    doc = {"title": "flipped", "players": [
        {"name": "Row", "strategies": [{"id": f"r{i}"} for i in range(m)]},
        {"name": "Col", "strategies": [{"id": f"c{j}"} for j in range(n)]}],
        "payoffs": [{"profile": [f"r{i}", f"c{j}"], "values": [int(a[i, j]), int(b[i, j])]}
                    for i in range(m) for j in range(n)]}
    path = tmp_path / "game.yaml"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def profile_of(record: dict, m: int, n: int) -> tuple:
    exact = record["exact"]
    assert list(exact) == ["Row", "Col"]
    assert list(exact["Row"]) == [f"r{i}" for i in range(m)]
    assert list(exact["Col"]) == [f"c{j}" for j in range(n)]
    return (tuple(F(exact["Row"][f"r{i}"]) for i in range(m)),
            tuple(F(exact["Col"][f"c{j}"]) for j in range(n)))


@needs_lrsnash
def test_cli_json_and_jsonl_on_a_rectangular_flipped_game(tmp_path):
    """14 strategies named r* for Row, 16 named c* for Col: a swap would misname or
    mis-size them; payoffs per player recomputed by hand."""
    a, b = payoff_pair("deep-both", 5, 14, 14)
    a, b = np.hstack([a, a[:, :2] - 7]), np.hstack([b, b[:, :2] + 3])   # 14 x 16
    b[:, 14:] = np.random.default_rng(5).integers(-500, 250, size=(14, 2))
    b[:4, 14:] = -400   # keep the tied best replies of rows 0..3 the best
    game = flipped(a, b)
    m, n = game.shape
    reference = lrs(game)
    path = game_file(tmp_path, a, b)
    out = CliRunner().invoke(main, ["solve", path, "--method", "enumerate", "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["complete"] is True
    found = [profile_of(r, m, n) for r in doc["equilibria"]]
    assert set(found) == reference and len(found) == len(reference)
    for record, prof in zip(doc["equilibria"], found, strict=True):
        row, col = exact_payoffs_by_hand(game, prof)
        assert {k: F(v) for k, v in record["exact_payoffs"].items()} == {"Row": row, "Col": col}
    assert_components({frozenset(found[e] for e in c) for c in doc["components"]}, reference)

    out = CliRunner().invoke(main, ["solve", path, "--method", "enumerate", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(text) for text in out.output.splitlines()]
    eqs = [r for r in lines if r["type"] == "equilibrium"]
    summary = lines[-1]
    assert summary["complete"] is True and summary["equilibria"] == len(reference)
    streamed = [profile_of(r, m, n) for r in eqs]
    assert set(streamed) == reference and len(streamed) == len(reference)
    assert [r["index"] for r in eqs] == list(range(len(eqs)))
    assert_components({frozenset(streamed[e] for e in c) for c in summary["components"]},
                      reference)


# ---------------------------------------------------------------- plan
def test_plan_estimates_a_flipped_15_x_15_game():
    """From 15 x 15 ``plan`` estimates; with P listed it must run, be finite and count
    the listed polytope's walk (P's bases at least the vertices P really has, within the
    estimator's documented shortfall, is not asserted: Knuth's estimate falls short)."""
    rng = np.random.default_rng(0)
    game = flipped(rng.integers(-500, 501, size=(15, 15)), rng.integers(-500, 501, size=(15, 15)))
    estimate = estimate_enumeration(game, workers=1)
    assert estimate is not None and not estimate.parallel
    assert all(b > 0 for b in estimate.bases)
    assert 0 < estimate.seconds < float("inf")


# ---------------------------------------------------------------- larger sweeps
@pytest.mark.slow
@needs_lrsnash
@pytest.mark.parametrize("kind, seed, m, n", [
    *[("random", s, 13, 20) for s in (0, 1)],
    *[("random", s, 14, 17) for s in (0, 1)],
    *[("random", s, 14, 16) for s in (0, 4)],
    *[("deep", s, 14, 14) for s in (5, 27, 33)],
    *[("deep-both", s, 14, 14) for s in (5, 19, 20)],
    *[("tie", s, 14, 14) for s in (1, 4, 5)],
    *[("flat", s, 14, 14) for s in (1, 4)],
])
def test_sweep_of_flipped_games_against_lrsnash(kind, seed, m, n):
    game = flipped(*payoff_pair(kind, seed, m, n))
    found = enumerate_equilibria(game)
    check_flipped_answer(game, found, lrs(game))
    if kind.startswith("deep"):
        assert found.degenerate is True
    assert_listed_like_both(game, found)


def test_plan_charges_the_listed_polytope_when_p_is_listed(monkeypatch):
    """With P listed the wall time is P's walk and the partner solves, not Q's: the two
    searches are replaced by fixed, different estimates so the arithmetic of
    ``plan`` (GRAPH_COST_RATIO, COMPLEMENT_COST_RATIO) can be done by hand."""
    from gamesolve.solvers.bimatrix import plan
    from gamesolve.solvers.bimatrix.estimate import SearchEstimate

    rng = np.random.default_rng(0)
    game = flipped(rng.integers(-500, 501, size=(15, 15)), rng.integers(-500, 501, size=(15, 15)))
    p_mat, _ = _polytope_matrices(game)
    p_rows = set(map(tuple, p_mat))

    def fake(matrix, deadline=None, **kwargs):   # P's undominated rows, or Q's
        seconds = 2.0 if set(map(tuple, matrix)) <= p_rows else 10.0
        fields = {f: 0 for f in SearchEstimate.__dataclass_fields__}
        return SearchEstimate(**{**fields, "bases": 100.0, "visited": 1, "seconds": seconds,
                                 "relative_error": 0.0, "exact": False})

    monkeypatch.setattr(plan, "estimate_search", fake)
    listed_p = plan.estimate_enumeration(game, workers=1)
    expected = 2.0 * plan.GRAPH_COST_RATIO * (1 + plan.COMPLEMENT_COST_RATIO)
    assert listed_p.seconds == pytest.approx(expected)
    monkeypatch.setattr(plan, "lists_p", lambda *args, **kwargs: False)
    listed_q = plan.estimate_enumeration(game, workers=1)
    assert listed_q.seconds == pytest.approx(10.0 * plan.GRAPH_COST_RATIO
                                             * (1 + plan.COMPLEMENT_COST_RATIO))


@needs_lrsnash
@pytest.mark.parametrize("timeout", ["0.05", "0.3"])
def test_cli_timeout_on_a_flipped_game_is_certified_and_says_incomplete(tmp_path, timeout):
    """``--timeout`` short of the whole enumeration: exit 0, every listed equilibrium one
    of lrsnash's, ``complete: false`` with the time-limit message (or, on a fast machine,
    the whole list)."""
    a, b = payoff_pair("random", 1, 14, 16)
    game = flipped(a, b)
    m, n = game.shape
    reference = lrs(game)
    path = game_file(tmp_path, a, b)
    for fmt in ("json", "jsonl"):
        out = CliRunner().invoke(main, ["solve", path, "--method", "enumerate", "--timeout",
                                        timeout, "--format", fmt])
        assert out.exit_code == 0, out.output
        if fmt == "json":
            doc = json.loads(out.output)
            records = doc["equilibria"]
        else:
            lines = [json.loads(text) for text in out.output.splitlines()]
            doc, records = lines[-1], [r for r in lines if r["type"] == "equilibrium"]
        found = {profile_of(r, m, n) for r in records}
        assert found <= reference and len(found) == len(records)
        if doc["complete"]:
            assert found == reference
        else:
            assert any("stopped at the time limit" in w and "certified" in w
                       for w in doc["warnings"]), doc["warnings"]
            assert not doc.get("components")


@needs_lrsnash
def test_vertex_method_graph_also_lists_p():
    """``vertex_method="graph"`` may choose too (only ``"reverse"`` never does)."""
    game = flipped(*payoff_pair("deep", 20))
    found = enumerate_equilibria(game, vertex_method="graph")
    check_flipped_answer(game, found, lrs(game))
    assert found.degenerate is True
    assert_listed_like_both(game, found)


@pytest.mark.slow
@needs_lrsnash
@pytest.mark.parametrize("seed", [5, 8, 16, 22, 54])
def test_sweep_of_shared_components_on_flipped_games(seed):
    game = flipped(*payoff_pair("shared", seed))
    found = enumerate_equilibria(game)
    reference = lrs(game)
    solved = found.details["stats"]["Q"]["method"] == "complementary"
    check_flipped_answer(game, found, reference, solved=solved)
    (end,) = shared_ends(reference)
    assert sum(1 for c in components_of(found) if end in c) == 2
    assert_listed_like_both(game, found)


# ---------------------------------------------------------------- found on the way
def test_an_empty_timed_out_answer_after_dominance_warns_once(monkeypatch):
    """Row 3 is strictly dominated by row 1 for player 1 (3 > 1, 0 > -1, 1 > 0, by hand),
    so auto solves the reduced game first; the warning "found no equilibrium" was added
    by a nested ``solve`` and again by the outer one (review defect, fixed); the two-player stage is
    made to time out with nothing certified (what a tiny --timeout does, here without
    timing)."""
    from gamesolve.solvers import equilibria
    from gamesolve.solvers.base import EquilibriumSet

    game = bimatrix([[3, 0, 1], [0, 3, 1], [1, -1, 0]], [[0, 3, 1], [3, 0, 1], [1, 1, 1]])
    monkeypatch.setattr(equilibria, "_auto_two_player", lambda *args: EquilibriumSet(
        (), "enumerate+lemke-howson", False, ("stopped at the time limit",)))
    found = equilibria.solve(game, "auto", 1.0)
    assert found.complete is False and not found.equilibria
    assert "eliminated" in found.details
    assert sum("found no equilibrium" in w for w in found.warnings) == 1, found.warnings


@needs_lrsnash
def test_cli_auto_lists_p_on_the_game_left_by_dominance(tmp_path):
    """Default ``--method auto``: a 15th row strictly dominated for player 1 (its payoffs
    are row 0's minus 2000) is eliminated first, the 14 x 16 game left lists P, and the
    answer is lifted back with that row at probability 0.  Reference: lrsnash on the
    14 x 16 game, padded (no equilibrium uses a strictly dominated strategy)."""
    a, b = payoff_pair("random", 1, 14, 16)
    core = flipped(a, b)
    reference = {((*x[:3], F(0), *x[3:]), y) for x, y in lrs(core)}   # new row r3
    a15 = np.vstack([a[:3], a[:1] - 2000, a[3:]])
    b15 = np.vstack([b[:3], np.random.default_rng(9).integers(-500, 501, size=(1, 16)), b[3:]])
    path = game_file(tmp_path, a15, b15)
    out = CliRunner().invoke(main, ["solve", path, "--format", "json", "--timeout", "60"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["complete"] is True and doc["method"] == "enumerate"
    found = [profile_of(r, 15, 16) for r in doc["equilibria"]]
    assert set(found) == reference and len(found) == len(reference)
    game = bimatrix(a15, b15)
    for record, prof in zip(doc["equilibria"], found, strict=True):
        row, col = exact_payoffs_by_hand(game, prof)
        assert {k: F(v) for k, v in record["exact_payoffs"].items()} == {"Row": row, "Col": col}
    assert_components({frozenset(found[e] for e in c) for c in doc["components"]}, reference)
    layout = solve(game, "auto", 60).details   # the same call, to see its layout
    assert "1 strictly dominated strategy was removed" in layout["eliminated"]
    assert layout["algorithm"].startswith("vertex enumeration of player 1's")
