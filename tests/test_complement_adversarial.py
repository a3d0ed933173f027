"""Adversarial review of the partner-solving path (``polytopes="one"``, :mod:`.complement`).

Every test compares against an independent reference: hand-worked answers, pygambit's
rational ``enummixed`` (``gambit_equilibria``; given integers, pygambit 16.7 loses
equilibria from payoffs of about 10**9 on -- none at all for a 2 x 2 game with 2**31 - 1,
see test_differential_lrsnash.py -- so it is used for small payoffs only) or lrsnash
(lrslib, GMP arithmetic, :mod:`lrsnash_reference`: the
reference for huge payoffs; checked against pygambit here first).  Components are
checked against the maximal bicliques of the reference's extreme equilibria, found by
brute force over subsets (not by gamesolve's algorithm).

The games are built to reach: the singular fallback (empty face and edge face), a
degenerate partner, duplicated strategies of either player, dominated rows of A (Q's
labels restored), 1 x n / m x 1 / 1 x 1 games, large and rational payoffs,
nearly parallel rows, and deadlines.  The two defects it found (huge payoff ranges)
are fixed; their games stay as regression tests.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from lrsnash_reference import (
    lrsnash_equilibria,
    needs_lrsnash,
    reference_components,
)
from test_bimatrix import assert_certified, bimatrix, eq_set, fr, gambit_equilibria

from gamesolve.model import Game
from gamesolve.solvers.base import verify_exact
from gamesolve.solvers.bimatrix import solve as solve_module
from gamesolve.solvers.bimatrix.complement import complementary_points
from gamesolve.solvers.bimatrix.polytope import int_solve
from gamesolve.solvers.bimatrix.solve import DEGENERATE_WARNING, enumerate_equilibria
from gamesolve.solvers.bimatrix.vertices import enumerate_vertices


# ---------------------------------------------------------------- references and helpers
def components_of(result) -> set:
    return {frozenset(result.equilibria[e].exact for e in c) for c in result.components}


def witness_of_degeneracy(game: Game, pairs: set) -> bool:
    """Does some listed strategy have more pure best responses than its support size?"""
    a, b = (np.array(game.scaled[p].tolist(), dtype=object) for p in (0, 1))
    for x, y in pairs:
        ay = [sum(F(int(v)) * w for v, w in zip(row, y, strict=True)) for row in a]
        xb = [sum(F(int(b[i][j])) * x[i] for i in range(len(x))) for j in range(len(y))]
        if ay.count(max(ay)) > sum(1 for w in y if w) or \
                xb.count(max(xb)) > sum(1 for w in x if w):
            return True
    return False


def p_method(result) -> str:
    return result.details["stats"]["P"]["method"]


def solved(game: Game, **kwargs):
    """``polytopes="one"`` on a game; the deliberate payoff ranges of some tests make
    floating point underflow harmlessly (numpy warns): silenced here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return enumerate_equilibria(game, polytopes="one", **kwargs)


def check_against(game: Game, reference: set, result, *, path: bool | None = True) -> None:
    """The whole contract of the result against a reference set of extreme equilibria."""
    if path is not None:
        assert (p_method(result) == "complementary") is path
    assert result.complete and result.rejected == 0
    assert eq_set(result) == reference
    cliques = reference_components(reference)
    if cliques is not None:
        assert components_of(result) == cliques
    assert_certified(game, result)
    if p_method(result) == "complementary":
        # degeneracy is reported exactly when Q has a degenerate vertex or a partner shows
        # it, else None (undecided)
        q_degenerate = result.details["stats"]["P"]["degenerate_vertices_of_Q"] > 0
        shown = q_degenerate or witness_of_degeneracy(game, reference)
        assert result.degenerate is (True if shown else None)
        assert (DEGENERATE_WARNING in result.warnings) is bool(result.degenerate)


# ---------------------------------------------------------------- the reference itself
@needs_lrsnash
def test_lrsnash_reference_agrees_with_pygambit():
    rng = np.random.default_rng(9100)
    for index in range(6):
        m, n = (int(v) for v in rng.integers(2, 5, 2))
        high = 3 if index % 2 else 200
        a, b = rng.integers(0, high + 1, (m, n)), rng.integers(0, high + 1, (m, n))
        assert lrsnash_equilibria(a.tolist(), b.tolist()) == gambit_equilibria(a, b)


def test_reference_components_by_hand():
    e = [(fr(1, 0), fr(1, 0)), (fr(1, 0), fr(0, 1)), (fr(0, 1), fr(0, 1))]
    assert reference_components(set(e)) == {frozenset(e[:2]), frozenset(e[1:])}


# ---------------------------------------------------------------- the singular fallback
def test_singular_system_with_an_empty_face_falls_back():
    # B's second column is twice its first: at Q's mixed vertex y = (1/3, 1/3) the
    # complementary system  x1 + 2 x2 = 1, 2 x1 + 4 x2 = 1  is singular and inconsistent
    # (an empty face).  Column 2 strictly dominates, so the only equilibrium is (2, 2).
    a, b = [[2, 1], [1, 2]], [[1, 2], [2, 4]]
    q = enumerate_vertices(a)
    assert (q.labels.sum(axis=1) == 2).all()              # Q is simple
    assert complementary_points([list(c) for c in zip(*b, strict=True)], q) is None
    g = bimatrix(a, b)
    r = solved(g)
    assert p_method(r) != "complementary"
    check_against(g, {(fr(0, 1), fr(0, 1))}, r, path=False)
    assert r.degenerate is False        # P was listed after all: decided, not None
    assert r.details["vertices"][0] is not None


def test_singular_system_with_an_edge_face_gives_the_components():
    # player 2 indifferent between her columns whatever player 1 does: every y goes with
    # the pure best responses of player 1; the face of P at y = (1/2, 1/2) is an edge
    a, b = [[3, 0], [0, 3]], [[5, 5], [1, 1]]
    g = bimatrix(a, b)
    r = solved(g)
    check_against(g, gambit_equilibria(np.array(a), np.array(b)), r, path=False)
    assert r.degenerate is True


def test_singular_system_whose_face_is_one_point_falls_back():
    # At Q's vertex y = (1/4, 1/4, 1/4) (all rows tight) the system is M x = 1 with
    # M = B^T = [[4, 1, 3], [4, 3, 5], [4, 2, 4]]: row 3 is the mean of rows 1 and 2,
    # so it is singular; its solutions form the line (1/4, 0, 0) + t (1/2, 1, -1), which
    # meets x >= 0 only at t = 0: the face is the single point x = e_1 (a degenerate
    # vertex of P, not "empty or more than a point" as complement's docstring says).
    # Falling back on every singular system keeps the answer right.
    a = [[2, 1, 1], [1, 2, 1], [1, 1, 2]]
    b = [[4, 4, 4], [1, 3, 2], [3, 5, 4]]
    assert int_solve([list(c) for c in zip(*b, strict=True)], [1, 1, 1]) is None
    q = enumerate_vertices(a)
    assert (q.labels.sum(axis=1) == 3).all()
    assert complementary_points([list(c) for c in zip(*b, strict=True)], q) is None
    g = bimatrix(a, b)
    r = solved(g)
    reference = gambit_equilibria(np.array(a), np.array(b))
    assert (fr(1, 0, 0), fr("1/3", "1/3", "1/3")) in reference
    check_against(g, reference, r, path=False)


# ---------------------------------------------------------------- degenerate partners
def test_a_duplicated_strategy_of_player_2_is_a_degenerate_partner():
    # columns 2 and 3 are the same strategy; Q stays simple, the partner of every y using
    # column 2 has column 3 tight as well.  Hand-worked: the pure profiles (1, 1) and
    # (2, c) for c in {2, 3}, one component {2} x conv{2, 3}, and the mixed equilibria
    # x = (1/2, 1/2) against y with y1 = 1/3 and y2 + y3 = 2/3.
    a = [[2, 0, 0], [0, 1, 1]]
    b = [[1, 0, 0], [0, 1, 1]]
    g = bimatrix(a, b)
    r = solved(g)
    half = fr("1/2", "1/2")
    by_hand = {(fr(1, 0), fr(1, 0, 0)), (fr(0, 1), fr(0, 1, 0)), (fr(0, 1), fr(0, 0, 1)),
               (half, fr("1/3", "2/3", 0)), (half, fr("1/3", 0, "2/3"))}
    assert by_hand == gambit_equilibria(np.array(a), np.array(b))
    check_against(g, by_hand, r)
    assert r.degenerate is True


@pytest.mark.parametrize("seed", range(6))
def test_random_games_with_a_duplicated_column(seed):
    rng = np.random.default_rng(9200 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    a, b = rng.integers(0, 50, (m, n)), rng.integers(0, 50, (m, n))
    a, b = np.hstack([a, a[:, :1]]), np.hstack([b, b[:, :1]])
    g = bimatrix(a, b)
    check_against(g, gambit_equilibria(a, b), solved(g), path=None)


@pytest.mark.parametrize("seed", range(4))
def test_a_duplicated_strategy_of_player_1_pairs_through_a_face(seed):
    # equal rows of A are dropped from Q and restored: where they are tight Q is
    # degenerate, and the partners are the vertices of a face of P (or P is listed)
    rng = np.random.default_rng(9300 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    a, b = rng.integers(0, 50, (m, n)), rng.integers(0, 50, (m, n))
    best = int(np.argmax(a[:, 0]))
    a, b = np.vstack([a, a[best:best + 1]]), np.vstack([b, b[best:best + 1]])
    g = bimatrix(a, b)
    r = solved(g)
    check_against(g, gambit_equilibria(a, b), r, path=None)
    assert r.degenerate is True                # the copy of row `best` is tight at e_1


# ---------------------------------------------------------------- dominated rows of A
@pytest.mark.parametrize("seed", range(6))
def test_q_restored_from_dominated_rows(seed):
    # an extra row of A strictly below row 0 everywhere (never tight) and one equal to
    # row 1 on the last column only, below it elsewhere (tight only where row 1 is, on
    # vertices supported on the last column): Q is still listed without them
    rng = np.random.default_rng(9400 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    a, b = rng.integers(10, 60, (m, n)), rng.integers(0, 60, (m, n))
    below = a[0] - rng.integers(1, 5, n)
    partly = np.append(a[1, :-1] - rng.integers(1, 5, n - 1), a[1, -1])
    a = np.vstack([a, below, partly])
    b = np.vstack([b, rng.integers(0, 60, (2, n))])
    q = enumerate_vertices((a - a.min() + 1).tolist())
    assert q.stats["dominated_rows"] >= 2
    g = bimatrix(a, b)
    r = solved(g)
    check_against(g, gambit_equilibria(a, b), r, path=None)
    for eq in r.equilibria:
        assert eq.exact[0][m] == 0       # the strictly dominated row is never played


def test_a_weakly_dominated_row_never_tight_keeps_the_partner_path():
    # row 3 equals row 1 on column 1, is below it on column 2; row 1 is not a best
    # response to e_1 (row 2 is), so row 3 is never tight and Q stays simple
    a = [[1, 4], [3, 1], [1, 0]]
    b = [[2, 1], [0, 3], [5, 5]]
    g = bimatrix(a, b)
    r = solved(g)
    assert r.details["stats"]["Q"]["dominated_rows"] == 1
    check_against(g, gambit_equilibria(np.array(a), np.array(b)), r)


# ---------------------------------------------------------------- thin games
def test_one_row_game_with_tied_best_responses():
    # player 1 has one strategy; player 2's best columns are 2 and 4 (payoff 7): both
    # pure profiles, one component (Q is a simplex: simple; the partner is degenerate)
    g = bimatrix([[1, 5, 2, 0]], [[3, 7, 1, 7]])
    r = solved(g)
    by_hand = {(fr(1), fr(0, 1, 0, 0)), (fr(1), fr(0, 0, 0, 1))}
    check_against(g, by_hand, r)
    assert r.degenerate is True and len(r.components) == 1


def test_one_row_game_with_a_unique_best_response():
    g = bimatrix([[4, 5, 2]], [[3, 1, 8]])
    check_against(g, {(fr(1), fr(0, 0, 1))}, solved(g))


def test_one_column_game():
    # player 2 has one strategy; player 1's unique best row is row 3
    g = bimatrix([[1], [4], [6], [2]], [[9], [0], [3], [3]])
    check_against(g, {(fr(0, 0, 1, 0), fr(1))}, solved(g))


def test_one_column_game_with_tied_rows():
    g = bimatrix([[6], [4], [6]], [[9], [0], [3]])
    r = solved(g)
    by_hand = {(fr(1, 0, 0), fr(1)), (fr(0, 0, 1), fr(1))}
    check_against(g, by_hand, r, path=None)
    assert r.components == ((0, 1),)


def test_one_by_one_game():
    g = bimatrix([[-3]], [[7]])
    check_against(g, {(fr(1), fr(1))}, solved(g))


@pytest.mark.parametrize("seed", range(4))
def test_rectangular_random_games(seed):
    rng = np.random.default_rng(9500 + seed)
    m, n = ((1, 6), (6, 1), (2, 7), (7, 3))[seed]
    high = 4 if seed % 2 else 300
    a, b = rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))
    g = bimatrix(a, b)
    check_against(g, gambit_equilibria(a, b), solved(g), path=None)


# ---------------------------------------------------------------- large and exact payoffs
@needs_lrsnash
@pytest.mark.parametrize("seed", range(4))
def test_payoffs_up_to_10_to_the_15(seed):
    # random payoffs of full magnitude 10**15 and the same game squeezed into a band of
    # width 300 at 10**15 (player 2) -- beyond pygambit's precision, so lrsnash
    rng = np.random.default_rng(9600 + seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    big = 10**15
    a = [[int(v) for v in row] for row in rng.integers(-big, big, (m, n))]
    b = [[big - int(v) for v in row] for row in rng.integers(0, 300, (m, n))]
    b[0][0] = -big              # one low payoff: after the shift the range stays 2 * 10**15
    g = Game.from_payoffs(np.array([a, b], dtype=object))
    check_against(g, lrsnash_equilibria(a, b), solved(g), path=None)


def test_rational_and_decimal_payoffs_given_as_strings():
    # the same game as integers (each player's payoffs times 12, then 20): pygambit on those
    a_str = [["1/3", "0.25", "0"], ["1/4", "1/3", "1/6"]]
    b_str = [["0.1", "0.05", "0.1"], ["0", "0.15", "0.05"]]
    g = Game.from_payoffs([a_str, b_str])
    a = np.array([[F(v) * 12 for v in row] for row in a_str], dtype=object).astype(int)
    b = np.array([[F(v) * 20 for v in row] for row in b_str], dtype=object).astype(int)
    check_against(g, gambit_equilibria(a, b), solved(g), path=None)


@pytest.mark.parametrize("seed", range(4))
def test_random_rational_payoffs(seed):
    rng = np.random.default_rng(9700 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    dens = (1, 2, 3, 7)
    num = rng.integers(-6, 7, (2, m, n))
    den = rng.choice(dens, (2, m, n))
    g = Game.from_payoffs([[[f"{num[p, i, j]}/{den[p, i, j]}" for j in range(n)]
                            for i in range(m)] for p in range(2)])
    ints = [(np.vectorize(F, otypes=[object])(num[p], den[p]) * 42).astype(int) for p in (0, 1)]
    check_against(g, gambit_equilibria(*ints), solved(g), path=None)


@pytest.mark.parametrize("exponent", (7, 15, 100))
def test_a_dominated_row_with_a_huge_payoff_for_player_2(exponent):
    # player 1's row 3 is strictly dominated whatever H is, so the equilibria do not
    # depend on H; H only stretches P's matrix.  By hand: (1, 1), and player 1 playing
    # row 2 (player 2 indifferent) against y with y1 <= 1/3: extreme y = e_2, (1/3, 2/3).
    huge = 10**exponent
    g = Game.from_payoffs(np.array([[[2, 0], [0, 1], [-1, -1]],
                                    [[2, 0], [0, 0], [huge, 0]]], dtype=object))
    by_hand = {(fr(1, 0, 0), fr(1, 0)), (fr(0, 1, 0), fr(0, 1)),
               (fr(0, 1, 0), fr("1/3", "2/3"))}
    # beyond 2**53 P's matrix is not exact in floating point: P is listed exactly instead
    check_against(g, by_hand, solved(g), path=huge < 2**53)


# ------------------------------------- the defects this review found (fixed: regressions)
# Found by this review, fixed by float_exact (no float walk or filter for entries from
# 2**53): the Frobenius norm of blocks of M / max(M) underflowed at payoffs of 1e200, so an
# error bound was 0 and a degenerate partner dropped; beyond 1.8e308 the conversion to
# floats raised OverflowError.


def test_defect_huge_payoff_range_loses_a_degenerate_partner():
    # the game of the test above with H = 10**200 (Game accepts it: it is below float's
    # range); the equilibrium (row 2, (1/3, 2/3)) is missed and the components are wrong
    huge = 10**200
    g = Game.from_payoffs(np.array([[[2, 0], [0, 1], [-1, -1]],
                                    [[2, 0], [0, 0], [huge, 0]]], dtype=object))
    by_hand = {(fr(1, 0, 0), fr(1, 0)), (fr(0, 1, 0), fr(0, 1)),
               (fr(0, 1, 0), fr("1/3", "2/3"))}
    check_against(g, by_hand, solved(g), path=False)


@needs_lrsnash
def test_defect_auto_on_a_9x8_game_with_a_huge_payoff():
    rng = np.random.default_rng(2)
    a = rng.integers(-500, 501, (8, 8)).tolist() + [[-1000] * 8]
    b = rng.integers(-500, 501, (8, 8)).tolist() + [[10**200] + [0] * 7]
    g = Game.from_payoffs(np.array([a, b], dtype=object))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r = enumerate_equilibria(g, workers=1)
    assert r.details["stats"]["Q"]["method"] == "graph"
    # lrsnash cannot read 10**200 (it clamps it to 2**63 - 1): the reference is the 8 x 8
    # game without row 9, which pays player 1 less than any other row whatever player 2
    # does (strictly dominated), so x_9 = 0 in every equilibrium
    reference = {(x + (F(0),), y) for x, y in lrsnash_equilibria(a[:8], b[:8])}
    check_against(g, reference, r, path=False)


def test_defect_scaled_payoffs_beyond_float_range():
    # player 2: 0, 1 - 1/d1, 1 - 1/d2 with d1 < d2 ~ 10**160: common denominator ~10**320;
    # by hand her best column is the third (1 - 1/d2 is the largest)
    d1, d2 = 10**160 + 1, 10**160 + 3
    g = Game.from_payoffs(np.array([[[1, 0, 2]], [[F(0), 1 - F(1, d1), 1 - F(1, d2)]]],
                                   dtype=object))
    assert max(abs(int(v)) for v in g.scaled[1].ravel()) > 10**310
    check_against(g, {(fr(1), fr(0, 0, 1))}, solved(g), path=False)


# ---------------------------------------------------------------- ill-conditioned systems
@pytest.mark.parametrize("seed", range(8))
def test_nearly_parallel_rows(seed):
    # B = K * u v^T + small noise: every block of P's matrix is close to rank one, the
    # complementary systems nearly singular (condition up to ~K^2) yet mostly nonsingular
    rng = np.random.default_rng(9800 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    k = (10**3, 10**4, 10**5, 10**6)[seed % 4]
    u, v = rng.integers(1, 4, m), rng.integers(1, 4, n)
    b = k * np.outer(u, v) + rng.integers(0, 3, (m, n))
    b[0, 0] = 0
    a = rng.integers(0, 1000, (m, n))          # distinct payoffs: Q simple, the path taken
    g = bimatrix(a, b)
    check_against(g, gambit_equilibria(a, b), solved(g), path=None)


@pytest.mark.parametrize("k", (10**4, 10**6))
def test_nearly_singular_but_nonsingular_system_by_hand(k):
    # at Q's vertex y = (1/5, 1/5, 0) (A shifted: [[3, 2, 1], [2, 3, 2]]) the system is
    #   (K+1) x1 + (K+2) x2 = 1,  (K+2) x1 + (K+3) x2 = 1   (det -1, condition ~ 4 K^2:
    # decided with the error bound for K = 10**4, past the trusted bound for K = 10**6),
    # solution x = (-1, 1): no partner.  Column 2 strictly dominates for player 2, row 2
    # is then player 1's best reply: the one equilibrium, by hand
    a = [[2, 1, 0], [1, 2, 1]]
    b = [[k, k + 1, 0], [k + 1, k + 2, 0]]
    q = enumerate_vertices([[3, 2, 1], [2, 3, 2]])
    assert (q.labels.sum(axis=1) == 3).all()
    g = bimatrix(a, b)
    r = solved(g)
    check_against(g, {(fr(0, 1), fr(0, 1, 0))}, r)
    if k == 10**6:
        assert r.details["stats"]["P"]["exact_solves"] >= 1     # doubtful: settled exactly


# ---------------------------------------------------------------- "auto" on walked polytopes
@pytest.mark.parametrize("seed", (3, 5))
@pytest.mark.parametrize(("polytopes", "walked", "solved_side"),
                         [("one", "Q", "P"), ("auto", "P", "Q")])
def test_a_wide_game_with_a_duplicated_column(seed, polytopes, walked, solved_side):
    # 5 x 12: both polytopes are walked as graphs, so one is listed and the other side's
    # partners solved: Q under "one", and under "auto" P, the polytope of the player with
    # fewer strategies; player 2's last strategy repeats her first, so the game is
    # degenerate (reported True) either way
    rng = np.random.default_rng(seed)
    a, b = rng.integers(-500, 501, (5, 11)), rng.integers(-500, 501, (5, 11))
    a, b = np.hstack([a, a[:, :1]]), np.hstack([b, b[:, :1]])
    g = bimatrix(a, b)
    r = enumerate_equilibria(g, workers=1, polytopes=polytopes)
    assert r.details["stats"][walked]["method"] == "graph"
    assert r.details["stats"][solved_side]["method"] == "complementary"
    check_against(g, gambit_equilibria(a, b), r, path=solved_side == "P")
    assert r.degenerate is True


def test_on_equilibrium_hears_every_partner():
    rng = np.random.default_rng(9870)
    a, b = rng.integers(0, 30, (4, 5)), rng.integers(0, 30, (4, 5))
    g = bimatrix(a, b)
    heard = []
    r = solved(g, on_equilibrium=heard.append)
    assert p_method(r) == "complementary"
    assert {eq.exact for eq in heard} == eq_set(r) == gambit_equilibria(a, b)
    assert len(heard) == len(r.equilibria)


# ---------------------------------------------------------------- deadlines
def test_a_passed_deadline_gives_a_certified_incomplete_answer():
    rng = np.random.default_rng(9900)
    a, b = rng.integers(0, 100, (5, 5)), rng.integers(0, 100, (5, 5))
    g = bimatrix(a, b)
    r = solved(g, deadline=0.0)
    assert not r.complete and r.components == () and r.degenerate is None
    assert any("time limit" in w for w in r.warnings)
    assert eq_set(r) <= gambit_equilibria(a, b)
    for eq in r.equilibria:
        assert verify_exact(g, eq.exact) == eq.exact_payoffs


def test_a_deadline_passing_during_the_solves(monkeypatch):
    # Q is listed in time, then the deadline stops the partner solves at once
    real = complementary_points
    monkeypatch.setattr(solve_module, "complementary_points",
                        lambda p_mat, q_poly, deadline: real(p_mat, q_poly, 0.0))
    a, b = [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]
    g = bimatrix(a, b)
    r = solved(g, deadline=None)
    assert p_method(r) == "complementary"
    assert not r.complete and r.components == () and r.degenerate is None
    assert any("part of player 1's partners solved" in w for w in r.warnings)
    assert eq_set(r) <= gambit_equilibria(np.array(a), np.array(b))


# ---------------------------------------------------------------- random cross-validation
def _random_game(rng: np.random.Generator, index: int):
    m, n = int(rng.integers(1, 7)), int(rng.integers(1, 7))
    high = (2, 4, 1000)[index % 3]
    return rng.integers(0, high + 1, (m, n)), rng.integers(0, high + 1, (m, n))


def _cross_validate(seed: int, games: int) -> int:
    rng = np.random.default_rng(seed)
    partner_path = 0
    for index in range(games):
        a, b = _random_game(rng, index)
        g = bimatrix(a, b)
        r = solved(g)
        check_against(g, gambit_equilibria(a, b), r, path=None)
        partner_path += p_method(r) == "complementary"
    return partner_path


@pytest.mark.parametrize("batch", range(3))
def test_random_games_against_gambit(batch):
    assert _cross_validate(9950 + batch, 15) > 0


@pytest.mark.slow
@pytest.mark.parametrize("batch", range(20))
def test_random_games_against_gambit_many(batch):
    assert _cross_validate(19950 + batch, 60) > 0
