"""Two-player solver: textbook answers, degenerate games, exact cross-validation.

The reference for "every extreme equilibrium" is pygambit's ``enummixed_solve`` in
rational arithmetic: on hundreds of seeded random games (many degenerate) the exact
sets must be equal.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lrsnash_reference import enummixed_pairs

from gamesolve.errors import GameError
from gamesolve.model import Game
from gamesolve.solvers.base import verify_exact
from gamesolve.solvers.bimatrix.polytope import int_solve
from gamesolve.solvers.bimatrix.solve import (
    DEGENERATE_WARNING,
    _cliques,
    enumerate_equilibria,
    is_degenerate,
    is_zero_sum,
    lemke_howson,
    solve_zero_sum,
)
from gamesolve.solvers.bimatrix.vertices import _reverse, enumerate_vertices


def bimatrix(a, b) -> Game:
    return Game.from_payoffs(np.stack([np.asarray(a), np.asarray(b)]))


def eq_set(result) -> set:
    return {eq.exact for eq in result.equilibria}


def fr(*values) -> tuple:
    return tuple(F(v) for v in values)


def assert_certified(game: Game, result) -> None:
    assert result.rejected == 0
    for eq in result.equilibria:
        assert eq.exact is not None
        assert verify_exact(game, eq.exact) == eq.exact_payoffs
        assert eq.regret < 1e-9
        assert eq.strategies == tuple(tuple(float(p) for p in s) for s in eq.exact)
    assert len(eq_set(result)) == len(result.equilibria)  # no duplicates


# ---------------------------------------------------------------- textbook games
def test_matching_pennies():
    g = bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    r = enumerate_equilibria(g)
    assert eq_set(r) == {(fr("1/2", "1/2"), fr("1/2", "1/2"))}
    assert r.complete and r.method == "enumerate" and r.degenerate is False
    assert r.equilibria[0].exact_payoffs == (0, 0)
    assert not r.equilibria[0].pure and r.equilibria[0].strict is False
    assert r.warnings == ()
    assert_certified(g, r)


def test_battle_of_the_sexes():
    g = bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    r = enumerate_equilibria(g)
    assert [eq.exact for eq in r.equilibria] == [
        (fr(1, 0), fr(1, 0)),
        (fr(0, 1), fr(0, 1)),
        (fr("2/3", "1/3"), fr("1/3", "2/3")),
    ]
    assert [eq.pure for eq in r.equilibria] == [True, True, False]
    assert [eq.strict for eq in r.equilibria] == [True, True, False]
    assert r.equilibria[2].exact_payoffs == (F(2, 3), F(2, 3))
    assert r.components == ((0,), (1,), (2,))
    assert [eq.component for eq in r.equilibria] == [0, 1, 2]
    assert_certified(g, r)


def test_prisoners_dilemma():
    g = bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    r = enumerate_equilibria(g)
    assert eq_set(r) == {(fr(0, 1), fr(0, 1))}
    (eq,) = r.equilibria
    assert eq.pure and eq.strict and eq.profile == (1, 1)
    assert eq.exact_payoffs == (1, 1) and eq.payoffs == (1.0, 1.0)


def test_von_stengel_nondegenerate_example():
    # von Stengel, "Computing equilibria for two-person games" (2002), 3 x 2 example
    g = bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    r = enumerate_equilibria(g)
    assert eq_set(r) == {
        (fr(1, 0, 0), fr(1, 0)),
        (fr("4/5", "1/5", 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    }
    assert r.degenerate is False and not is_degenerate(g)
    assert_certified(g, r)


def test_degenerate_game_with_a_continuum():
    # the same game made degenerate: (1,0,0) has two best responses
    g = bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    r = enumerate_equilibria(g)
    assert [eq.exact for eq in r.equilibria] == [
        (fr(1, 0, 0), fr(1, 0)),
        (fr(1, 0, 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    ]
    assert r.degenerate is True and is_degenerate(g)
    assert DEGENERATE_WARNING in r.warnings
    # x = (1,0,0) with any y in conv{(1,0), (2/3,1/3)} is an equilibrium
    assert r.components == ((0, 1), (2,))
    assert [eq.component for eq in r.equilibria] == [0, 0, 1]
    assert r.details["connected_components"] == [(0, 1), (2,)]
    mid = (fr(1, 0, 0), fr("5/6", "1/6"))
    assert verify_exact(g, mid) is not None
    assert r.complete
    assert_certified(g, r)


def test_constant_game_every_profile_is_an_equilibrium():
    g = bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    r = enumerate_equilibria(g)
    assert eq_set(r) == {(fr(*(i == a for i in range(2))), fr(*(j == b for j in range(2))))
                         for a in range(2) for b in range(2)}
    assert r.degenerate
    assert r.components == ((0, 1, 2, 3),)
    assert all(eq.strict is False for eq in r.equilibria)


def test_all_zero_rectangular_game():
    g = bimatrix(np.zeros((3, 2), dtype=int), np.zeros((3, 2), dtype=int))
    r = enumerate_equilibria(g)
    assert len(r.equilibria) == 6 and all(eq.pure for eq in r.equilibria)
    assert r.components == (tuple(range(6)),)
    assert [eq.profile for eq in r.equilibria] == [(i, j) for i in range(3) for j in range(2)]


def test_duplicate_strategies():
    # strategy 3 duplicates strategy 1 for both players: a segment of equilibria
    a = [[2, 0, 2], [0, 1, 0], [2, 0, 2]]
    b = [[1, 0, 1], [0, 2, 0], [1, 0, 1]]
    g = bimatrix(a, b)
    r = enumerate_equilibria(g)
    assert r.degenerate
    pures = {eq.profile for eq in r.equilibria if eq.pure}
    assert pures == {(0, 0), (0, 2), (2, 0), (2, 2), (1, 1)}
    # the four pure profiles on {1,3} x {1,3} form one convex component
    square = tuple(sorted(i for i, eq in enumerate(r.equilibria)
                          if eq.pure and eq.profile in {(0, 0), (0, 2), (2, 0), (2, 2)}))
    assert square in r.components
    assert_certified(g, r)


def test_one_strategy_player():
    g = bimatrix([[1, 5, 5, 0]], [[3, 7, 7, 2]])
    r = enumerate_equilibria(g)
    assert eq_set(r) == {(fr(1), fr(0, 1, 0, 0)), (fr(1), fr(0, 0, 1, 0))}
    assert r.components == ((0, 1),)


def test_rational_and_decimal_payoffs():
    g = Game.from_payoffs([[["1/2", "0"], ["0", "0.25"]], [["0.25", 0], [0, "1/2"]]])
    r = enumerate_equilibria(g)
    assert (fr("2/3", "1/3"), fr("1/3", "2/3")) in eq_set(r)
    mixed = next(eq for eq in r.equilibria if not eq.pure)
    assert mixed.exact_payoffs == (F(1, 6), F(1, 6))


def test_huge_payoffs_exact_beyond_int64():
    big = 10**30
    g = Game.from_payoffs([[[big + 1, big], [big, big + 1]], [[big, big + 1], [big + 1, big]]])
    assert g.scaled.dtype == object
    r = enumerate_equilibria(g)
    assert eq_set(r) == {(fr("1/2", "1/2"), fr("1/2", "1/2"))}
    assert r.equilibria[0].exact_payoffs == (F(2 * big + 1, 2), F(2 * big + 1, 2))


def test_tiny_differences_are_not_lost_to_rounding():
    # payoffs differing by 1e-12 relative: floats can't see the ties, exact arithmetic can
    a = [[10**12 + 1, 10**12], [10**12, 10**12 + 1]]
    r = enumerate_equilibria(bimatrix(a, a))
    assert eq_set(r) == {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)),
                         (fr("1/2", "1/2"), fr("1/2", "1/2"))}


def test_von_stengel_6x6_game_with_75_equilibria():
    # von Stengel (1997/1999), "New maximal numbers of equilibria in bimatrix games",
    # Discrete Comput. Geom. 21; payoffs as in Gambit's catalog
    # (journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg).
    a = [[9504, -660, 19976, -20526, 1776, -8976],
         [-111771, 31680, -130944, 168124, -8514, 52764],
         [397584, -113850, 451176, -586476, 29216, -178761],
         [171204, -45936, 208626, -263076, 14124, -84436],
         [1303104, -453420, 1227336, -1718376, 72336, -461736],
         [737154, -227040, 774576, -1039236, 48081, -300036]]
    b = [[72336, 48081, 29216, 14124, 1776, -8514],
         [-461736, -300036, -178761, -84436, -8976, 52764],
         [1227336, 774576, 451176, 208626, 19976, -130944],
         [-1718376, -1039236, -586476, -263076, -20526, 168124],
         [1303104, 737154, 397584, 171204, 9504, -111771],
         [-453420, -227040, -113850, -45936, -660, 31680]]
    g = bimatrix(a, b)
    r = enumerate_equilibria(g)
    assert len(r.equilibria) == 75
    assert r.degenerate is False and r.complete
    assert sum(eq.pure for eq in r.equilibria) == 2
    assert_certified(g, r)


def test_order_is_deterministic_pure_first():
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 3, (4, 4)), rng.integers(0, 3, (4, 4))
    first = enumerate_equilibria(bimatrix(a, b))
    again = enumerate_equilibria(bimatrix(a, b))
    assert [e.exact for e in first.equilibria] == [e.exact for e in again.equilibria]
    pure_flags = [e.pure for e in first.equilibria]
    assert pure_flags == sorted(pure_flags, reverse=True)


def test_rejects_games_that_are_not_two_player():
    g3 = Game.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int))
    for call in (enumerate_equilibria, lemke_howson, solve_zero_sum, is_zero_sum):
        with pytest.raises(GameError, match="two-player"):
            call(g3)


# ---------------------------------------------------------------- building blocks
def test_int_solve_and_vertices():
    assert int_solve([[3]], [1]) == ([1], 3)
    assert int_solve([[0, 1], [1, 0]], [2, 3]) == ([3, 2], 1)
    assert int_solve([[1, 1], [1, 1]], [1, 1]) is None
    poly = enumerate_vertices([[1, 1], [1, 1]])   # x + y <= 1 twice: a triangle
    assert poly.labels.shape[0] == 3
    assert sorted(poly.point(v) for v in range(3)) == [((0, 0), 1), ((0, 1), 1), ((1, 0), 1)]
    assert sorted(int(s) for s in poly.labels.sum(axis=1)) == [2, 3, 3]


def test_cliques_of_bipartite_graph():
    # edges: a path x1-y1-x2-y2 plus x1-y2: cliques {x1}x{y1,y2}, {x1,x2}x{y2}, ...
    edges = [(1, 1), (2, 1), (2, 2), (1, 2), (3, 3)]
    cliques, connected = _cliques(edges)
    assert cliques == [(0, 1, 2, 3), (4,)]
    assert connected == [(0, 1, 2, 3), (4,)]
    cliques, connected = _cliques([(1, 1), (1, 2), (2, 1)])
    assert cliques == [(0, 1), (0, 2)]
    assert connected == [(0, 1, 2)]


def label_set(poly) -> set:
    return {row.tobytes() for row in np.packbits(poly.labels, axis=1)}


def test_graph_search_agrees_with_reverse_search():
    rng = np.random.default_rng(17)
    methods = []
    for index in range(12):
        n = int(rng.integers(5, 10))
        lo, hi = (0, 2) if index % 4 == 3 else (-500, 500)
        m = rng.integers(lo, hi + 1, (n, n + index % 3))
        m = (m - m.min() + 1).tolist()
        graph = enumerate_vertices(m, method="graph")
        bases = enumerate_vertices(m, method="reverse")
        methods.append(graph.stats["method"])
        assert label_set(graph) == label_set(bases)
        assert graph.labels[0, : len(m[0])].all()        # the origin comes first
        for v in range(0, len(graph.points), 37):          # exact points agree
            assert graph.point(v) in {bases.point(w) for w in range(len(bases.points))}
    assert methods.count("graph") >= 10                    # certified (ties included)


def test_graph_search_certifies_degenerate_vertices():
    # a tie in a column: the vertex z = e_0 / 5 has two tight rows (4 labels in 3-space)
    m = [[5, 1, 2], [5, 2, 1], [1, 3, 3]]
    poly = enumerate_vertices(m, method="graph")
    assert poly.stats["method"] == "graph" and poly.stats["degenerate_vertices"] == 1
    assert label_set(poly) == label_set(enumerate_vertices(m, method="reverse"))
    assert ((1, 0, 0), 5) in {poly.point(v) for v in range(len(poly.points))}


def test_graph_search_agrees_on_random_degenerate_polytopes():
    rng = np.random.default_rng(3)
    for index in range(120):
        r, d = rng.integers(1, 8, 2)
        m = rng.integers(1, [2, 3, 4, 11, 1001][index % 5] + 1, (r, d)).tolist()
        graph = enumerate_vertices(m, method="graph")
        bases = enumerate_vertices(m, method="reverse")
        assert label_set(graph) == label_set(bases), m
        assert ({graph.point(v) for v in range(len(graph.points))}
                == {bases.point(v) for v in range(len(bases.points))})


def test_graph_search_gives_up_on_very_degenerate_polytopes():
    m = np.random.default_rng(1).integers(1, 4, (10, 10)).tolist()   # no dominated rows
    poly = enumerate_vertices(m, method="graph")
    assert poly.stats["method"] == "reverse" and "dominated_rows" not in poly.stats
    assert label_set(poly) == label_set(enumerate_vertices(m, method="reverse"))


def test_dominated_rows_are_dropped_and_their_labels_restored():
    rng = np.random.default_rng(8)
    for _ in range(40):
        m = rng.integers(1, 4, (int(rng.integers(2, 6)), int(rng.integers(1, 5))))
        m = np.vstack([m, m[:1], np.maximum(m[-1] - 1, 1)]).tolist()  # a copy, a dominated row
        reduced = enumerate_vertices(m)
        assert reduced.stats["dominated_rows"] >= 1
        direct = _reverse(m, None, None)             # every row kept
        assert label_set(reduced) == label_set(direct)
        assert ({reduced.point(v) for v in range(len(reduced.points))}
                == {direct.point(v) for v in range(len(direct.points))})


def test_constant_12x12_game_is_fast():
    g = bimatrix(np.zeros((12, 12), dtype=int), np.zeros((12, 12), dtype=int))
    r = enumerate_equilibria(g)
    assert len(r.equilibria) == 144 and r.components == (tuple(range(144)),)


def test_a_passed_deadline_gives_an_incomplete_certified_answer():
    rng = np.random.default_rng(1)
    g = bimatrix(rng.integers(0, 3, (9, 9)), rng.integers(0, 3, (9, 9)))
    r = enumerate_equilibria(g, deadline=0.0)           # time.monotonic() is past it
    assert not r.complete and r.components == ()
    assert any("time limit" in w and "not complete" in w for w in r.warnings)
    assert_certified(g, r)


def test_equilibria_do_not_depend_on_the_vertex_method():
    rng = np.random.default_rng(99)
    for n in (7, 9):
        a, b = rng.integers(-500, 501, (n, n)), rng.integers(-500, 501, (n, n))
        g = bimatrix(a, b)
        graph = enumerate_equilibria(g, vertex_method="graph")
        bases = enumerate_equilibria(g, vertex_method="reverse")
        assert [e.exact for e in graph.equilibria] == [e.exact for e in bases.equilibria]
        assert graph.components == bases.components
    with pytest.raises(GameError, match="vertex method"):
        enumerate_equilibria(g, vertex_method="magic")


# ---------------------------------------------------------------- cross-validation
def gambit_equilibria(a: np.ndarray, b: np.ndarray) -> set:
    pytest.importorskip("pygambit")
    return enummixed_pairs([[int(v) for v in row] for row in a],
                           [[int(v) for v in row] for row in b])


def random_game(rng: np.random.Generator, index: int) -> tuple[np.ndarray, np.ndarray]:
    if index % 2 == 0:   # small payoffs: ties and degeneracy are common
        m, n = rng.integers(2, 6, 2)
        return rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n))
    m, n = rng.integers(2, 7, 2)
    return rng.integers(-1000, 1001, (m, n)), rng.integers(-1000, 1001, (m, n))


@pytest.mark.parametrize("batch", range(12))
def test_equals_gambit_enummixed_on_random_games(batch):
    rng = np.random.default_rng(1000 + batch)
    for index in range(25):
        a, b = random_game(rng, index)
        g = bimatrix(a, b)
        # both vertex enumeration paths (these games are small enough for "bases" in auto)
        r = enumerate_equilibria(g, vertex_method="graph" if batch % 2 else "auto")
        assert eq_set(r) == gambit_equilibria(a, b), (a.tolist(), b.tolist())
        assert r.complete
        assert_certified(g, r)


def degenerate_game(rng: np.random.Generator, index: int) -> tuple[np.ndarray, np.ndarray]:
    m, n = rng.integers(1, 7, 2)
    kind = index % 4
    if kind == 0:
        return rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
    if kind == 1:
        a = rng.integers(-2, 3, (m, n))
        return a, -a
    if kind == 2:   # duplicated first row and column
        a, b = rng.integers(0, 5, (m, n)), rng.integers(0, 5, (m, n))
        a[-1], b[-1] = a[0], b[0]
        a[:, -1], b[:, -1] = a[:, 0], b[:, 0]
        return a, b
    return np.zeros((m, n), dtype=int), rng.integers(0, 2, (m, n))


@pytest.mark.parametrize("batch", range(4))
def test_equals_gambit_on_highly_degenerate_games(batch):
    rng = np.random.default_rng(2000 + batch)
    for index in range(25):
        a, b = degenerate_game(rng, index)
        g = bimatrix(a, b)
        r = enumerate_equilibria(g, vertex_method="graph" if batch % 2 else "reverse")
        assert eq_set(r) == gambit_equilibria(a, b), (a.tolist(), b.tolist())
        assert_certified(g, r)
        # components: every pair inside a listed component is an equilibrium
        for comp in r.components:
            xs = {r.equilibria[i].exact[0] for i in comp}
            ys = {r.equilibria[i].exact[1] for i in comp}
            assert {(x, y) for x in xs for y in ys} <= eq_set(r)


def test_degeneracy_flag_matches_definition_on_small_games():
    """Brute-force check of 'some pure strategy has more than one best response' plus
    the vertex test, on games where pure strategies suffice to show degeneracy."""
    rng = np.random.default_rng(5)
    for _ in range(40):
        a, b = rng.integers(0, 3, (3, 3)), rng.integers(0, 3, (3, 3))
        g = bimatrix(a, b)
        pure_ties = any((a[:, j] == a[:, j].max()).sum() > 1 for j in range(3)) or any(
            (b[i] == b[i].max()).sum() > 1 for i in range(3))
        if pure_ties:
            assert enumerate_equilibria(g).degenerate


# ---------------------------------------------------------------- property test
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_equilibria_move_with_relabelling_and_affine_payoff_changes(data):
    m = data.draw(st.integers(1, 4))
    n = data.draw(st.integers(1, 4))
    cells = st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=m, max_size=m)
    a = np.array(data.draw(cells))
    b = np.array(data.draw(cells))
    rows = data.draw(st.permutations(range(m)))
    cols = data.draw(st.permutations(range(n)))
    shift = data.draw(st.integers(-5, 5))
    factor = data.draw(st.integers(1, 4))
    base = eq_set(enumerate_equilibria(bimatrix(a, b)))
    a2 = (a * factor + shift)[np.ix_(rows, cols)]
    b2 = (b + shift)[np.ix_(rows, cols)]
    moved = eq_set(enumerate_equilibria(bimatrix(a2, b2)))
    expected = {(tuple(x[i] for i in rows), tuple(y[j] for j in cols)) for x, y in base}
    assert moved == expected


# ---------------------------------------------------------------- Lemke-Howson
def test_lemke_howson_finds_one_of_the_equilibria_for_every_label():
    rng = np.random.default_rng(11)
    for index in range(30):
        a, b = random_game(rng, index) if index % 3 else degenerate_game(rng, index)
        g = bimatrix(a, b)
        everything = eq_set(enumerate_equilibria(g))
        m, n = a.shape
        for label in range(m + n):
            r = lemke_howson(g, label)
            assert r.method == "lemke-howson" and r.complete is False
            (eq,) = r.equilibria
            assert eq.exact in everything
            assert verify_exact(g, eq.exact) == eq.exact_payoffs


def test_lemke_howson_follows_the_same_path_as_nashpy():
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(3)
    compared = 0
    for _ in range(15):
        n = int(rng.integers(2, 6))
        a, b = rng.integers(-100, 101, (n, n)), rng.integers(-100, 101, (n, n))
        g = bimatrix(a, b)
        if is_degenerate(g):
            continue
        for label in range(2 * n):
            with np.errstate(all="ignore"):
                x, y = nashpy.Game(a, b).lemke_howson(initial_dropped_label=label)
            if not (np.isfinite(x).all() and np.isfinite(y).all()):
                continue  # nashpy's float tableau overflowed
            ours = lemke_howson(g, label).equilibria[0].strategies
            assert np.allclose(x, ours[0]) and np.allclose(y, ours[1])
            compared += 1
    assert compared > 50


def test_lemke_howson_label_out_of_range():
    g = bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError, match=r"0\.\.3"):
        lemke_howson(g, 4)


# ---------------------------------------------------------------- zero-sum
def test_zero_sum_rock_paper_scissors():
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = bimatrix(a, -np.array(a))
    assert is_zero_sum(g)
    sol = solve_zero_sum(g)
    third = fr("1/3", "1/3", "1/3")
    assert sol.value_exact == 0 and sol.value == 0.0
    assert sol.exact == (third, third)
    assert sol.strategies[0] == pytest.approx((1 / 3,) * 3)


def test_zero_sum_with_saddle_point_and_fractions():
    g = Game.from_payoffs([[["1/2", 2], ["1/4", "-1"]], [["-1/2", -2], ["-1/4", 1]]])
    sol = solve_zero_sum(g)
    assert sol.value_exact == F(1, 2)
    assert sol.exact[0] == fr(1, 0)


def test_zero_sum_value_agrees_with_every_equilibrium():
    rng = np.random.default_rng(21)
    for index in range(20):
        m, n = rng.integers(1, 6, 2)
        a = rng.integers(-2, 3, (m, n)) if index % 2 else rng.integers(-1000, 1001, (m, n))
        g = bimatrix(a, -a)
        sol = solve_zero_sum(g)
        assert sol.exact is not None
        assert verify_exact(g, sol.exact) is not None
        assert all(eq.exact_payoffs[0] == sol.value_exact
                   for eq in enumerate_equilibria(g).equilibria)
        assert sol.value == pytest.approx(float(sol.value_exact))


def test_not_zero_sum_is_refused():
    g = bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert not is_zero_sum(g)
    with pytest.raises(GameError, match="not zero-sum"):
        solve_zero_sum(g)
    # exactness: differs only by 1e-30
    g = Game.from_payoffs([[["0.1", 0]], [["-0.1", "1e-30"]]])
    assert not is_zero_sum(g)


@pytest.mark.slow
def test_equals_gambit_on_larger_games():
    rng = np.random.default_rng(4242)
    for index in range(24):
        n = int(rng.integers(6, 10))
        if index % 2:
            a, b = rng.integers(-1000, 1001, (n, n)), rng.integers(-1000, 1001, (n, n))
        else:
            a, b = rng.integers(0, 3, (n, n)), rng.integers(0, 3, (n, n))
        g = bimatrix(a, b)
        r = enumerate_equilibria(g)
        assert eq_set(r) == gambit_equilibria(a, b), (a.tolist(), b.tolist())
        assert_certified(g, r)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 7).flatmap(lambda k: st.tuples(
    st.lists(st.lists(st.integers(-30, 30), min_size=k, max_size=k), min_size=k, max_size=k),
    st.lists(st.integers(-30, 30), min_size=k, max_size=k))))
def test_int_solve_equals_fraction_elimination(system):
    matrix, rhs = system
    k = len(matrix)
    work = [[F(v) for v in row] + [F(b)] for row, b in zip(matrix, rhs)]
    singular = False
    for c in range(k):          # Gauss-Jordan in Fractions, the reference
        p = next((r for r in range(c, k) if work[r][c]), None)
        if p is None:
            singular = True
            break
        work[c], work[p] = work[p], work[c]
        work[c] = [v / work[c][c] for v in work[c]]
        for r in range(k):
            if r != c and work[r][c]:
                work[r] = [a - work[r][c] * b for a, b in zip(work[r], work[c])]
    found = int_solve(matrix, rhs)
    if singular:
        assert found is None
    else:
        nums, den = found
        assert den > 0 and [F(v, den) for v in nums] == [row[k] for row in work]
