"""Differential test of the two-player enumeration against lrsnash, across its code paths.

Every answer of ``enumerate_equilibria`` -- under each vertex method (auto, graph,
reverse), polytope choice (auto, both, one) and worker count (1, 2), on the game and on its
transposed game -- is compared with independent references (:mod:`differential_games`):
the exact set of extreme equilibria by lrsnash (lrslib, GMP arithmetic), ``complete``
True (no deadline is given), the ``degenerate`` flag (when decided) against the vertices of
the best-response polytopes listed by lrs or by brute force, and every component's
``conv(U) x conv(V)`` made of equilibria (its corners are in lrsnash's set) and the
components equal to the maximal bicliques of lrsnash's set.  The game families are those of
:func:`differential_games.make_game` (ties, huge magnitudes around 2**53, fractions,
constant and duplicated strategies, zero-sum, coordination, hidden degenerate vertices...).
The references are checked first: lrsnash against pygambit and against hand-worked games,
the two degeneracy criteria against hand-made games and against each other.

A larger sample is marked slow (``python -m pytest -m slow``); the long sweep is
``tools/differential_sweep.py``.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import replace
from fractions import Fraction as F

import numpy as np
import pytest
from differential_games import (
    DEFAULT,
    FAMILIES,
    FORCINGS,
    LAYOUTS,
    STREAMED,
    Reference,
    check,
    check_transposed,
    lrs_input,
    make_game,
    path_of,
    pygambit_equilibria,
    reference,
    run,
    to_game,
    transpose,
)
from lrsnash_reference import (
    degenerate_by_brute_force,
    degenerate_by_lrs,
    lrsnash_equilibria,
    maximal_bicliques,
    needs_lrs,
    reference_components,
)

pytestmark = needs_lrs

fr = lambda *values: tuple(F(v) for v in values)  # noqa: E731


def assert_agrees(a, b, layouts=(DEFAULT, *LAYOUTS), transposed=(DEFAULT,)) -> set[str]:
    """Every layout's answer on the game, and ``transposed`` layouts' on its transposed
    game, agree with lrsnash; returns the paths taken."""
    ref = reference(a, b)
    game = to_game(a, b)
    paths = set()
    for layout in layouts:
        result = run(game, layout)
        paths.add(path_of(result) + (" +worker" if layout[2] == 2 and layout[1] != "one"
                                     else ""))
        assert check(result, ref) == [], (layout, a, b)
    for layout in transposed:
        assert check_transposed(a, b, ref, layout) == [], ("transposed", layout, a, b)
    return paths


# ---------------------------------------------------------------- the references themselves
def test_lrsnash_reads_fractions_exactly():
    # battle of the sexes with player 1's payoffs divided by 3: in the mixed equilibrium
    # x = (2/3, 1/3) makes player 2 indifferent (x1 = 2 x2) and y = (1/3, 2/3) player 1
    # (2/3 y1 = 1/3 y2)
    a = [[F(2, 3), F(0)], [F(0), F(1, 3)]]
    b = [[1, 0], [0, 2]]
    assert lrsnash_equilibria(a, b) == {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)),
                                        (fr("2/3", "1/3"), fr("1/3", "2/3"))}


def test_lrsnash_refuses_payoffs_it_would_clamp():
    # lrslib reads a C long: 10**20 comes back as 2**63 - 1 and a wrong mixed equilibrium
    with pytest.raises(ValueError, match="2\\*\\*63"):
        lrsnash_equilibria([[1, 0], [0, 1]], [[1, 0], [0, 10**20]])
    big = 2**63 - 1
    x = (F(big, big + 1), F(1, big + 1))
    assert (x, fr("1/2", "1/2")) in lrsnash_equilibria([[1, 0], [0, 1]], [[1, 0], [0, big]])


def test_lrsnash_agrees_with_pygambit_on_every_small_family():
    for index, family in enumerate(FAMILIES):
        if family in ("huge", "near_2_53", "scaled", "one_huge", "near_parallel", "near_int64"):
            continue            # pygambit loses equilibria of payoffs from about 10**9
        a, b = make_game(family, 3 + index % 2, 4 - index % 3, 600 + index)
        assert reference(a, b).pairs == pygambit_equilibria(a, b), family


def test_a_game_pygambit_gets_wrong_by_hand():
    # pygambit 16.7's rational enummixed returns no equilibrium at all for this game (with
    # 10**9 in place of 2**31 - 1 it returns all three): lrsnash and every layout are right.
    # Pure (1, 1) and (2, 2); mixed: x1 = big x2 makes player 2 indifferent, big y1 = y2
    # player 1.
    big = 2**31 - 1
    a, b = [[big, 0], [0, 1]], [[1, 0], [0, big]]
    mixed = ((F(big, big + 1), F(1, big + 1)), (F(1, big + 1), F(big, big + 1)))
    assert lrsnash_equilibria(a, b) == {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)), mixed}
    assert_agrees(a, b)


DEGENERATE_BY_HAND = [
    # (A, B, degenerate?) -- each checked by hand
    ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], False),           # matching pennies
    ([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]], False),  # von Stengel's 3 x 2
    ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]], True),   # row 1: two best columns
    ([[1, 1], [1, 1]], [[1, 1], [1, 1]], True),                 # all ties
    ([[1, 0], [0, 1]], [[1, 1], [0, 0]], True),                 # player 2 indifferent
    ([[5, 1, 0]], [[0, 2, 1]], False),                          # 1 x 3, distinct payoffs
    ([[5, 1, 0]], [[2, 2, 1]], True),                           # 1 x 3, two best columns
    ([[2, 0], [0, 2], [1, 1]], [[1, 0], [0, 1], [3, 3]], True),  # y = (1/2, 1/2): 3 best rows
    ([[2, 0], [0, 2], [1, 0]], [[1, 0], [0, 1], [3, 3]], True),  # row 3 pays player 2 equally
    ([[2, 0], [0, 2], [1, 0]], [[1, 0], [0, 1], [3, 2]], False),
]


@pytest.mark.parametrize(("a", "b", "expected"), DEGENERATE_BY_HAND)
def test_degeneracy_criteria_on_hand_made_games(a, b, expected):
    assert degenerate_by_brute_force(a, b) is expected
    assert degenerate_by_lrs(a, b) is expected


def test_the_two_degeneracy_criteria_agree_on_every_family():
    for family, seed in itertools.product(FAMILIES, range(3)):
        a, b = make_game(family, 3 + seed % 2, 3 + seed // 2, 700 + seed)
        a, b = lrs_input(a), lrs_input(b)
        assert degenerate_by_lrs(a, b) == degenerate_by_brute_force(a, b), (family, seed)


@pytest.mark.parametrize("family", FAMILIES)
def test_is_degenerate_agrees_with_the_vertex_lists(family):
    # gamesolve's own public test, against lrs's / brute force's vertices
    from gamesolve.solvers.bimatrix import is_degenerate

    index = FAMILIES.index(family)
    for k, (m, n) in enumerate(((2, 3), (4, 4), (6, 7), (1, 5))):
        a, b = make_game(family, m, n, 9900 + 10 * index + k)
        assert is_degenerate(to_game(a, b)) is reference(a, b).degenerate, (family, m, n)


def test_maximal_bicliques_equal_brute_force_subsets():
    rng = np.random.default_rng(800)
    for _ in range(60):
        nx, ny = (int(v) for v in rng.integers(1, 7, 2))
        pairs = {(x, y) for x in range(nx) for y in range(ny) if rng.random() < 0.5}
        if pairs:
            assert maximal_bicliques(pairs) == reference_components(pairs)


def test_the_checker_catches_wrong_answers():
    # the departures check() must report, on a game it agrees with: a lost equilibrium, a
    # wrong degenerate flag, a false component, complete=False
    a, b = [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]
    ref = reference(a, b)
    good = run(to_game(a, b), DEFAULT)
    assert check(good, ref) == []
    assert ref.degenerate and good.degenerate is True
    lost = replace(good, equilibria=good.equilibria[1:], components=((0,), (1,)))
    assert any("equilibria differ" in p for p in check(lost, ref))
    assert any("degenerate" in p for p in check(replace(good, degenerate=False), ref))
    assert any("complete is not True" in p for p in check(replace(good, complete=False), ref))
    merged = replace(good, components=(tuple(range(len(good.equilibria))),))
    assert any("non-equilibrium corners" in p for p in check(merged, ref))
    heard = replace(good, details={**good.details, STREAMED: list(good.equilibria[:1])})
    assert any("on_equilibrium heard 1" in p for p in check(heard, ref))
    other = Reference(a, b, ref.pairs, _degenerate=False)
    assert any("degenerate" in p for p in check(good, other))


# ---------------------------------------------------------------- the default sample
SMALL_SHAPES = [(1, 4), (4, 1), (2, 5), (3, 3), (4, 4), (3, 15), (15, 3), (5, 6)]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_layout_agrees_with_lrsnash(family):
    index = FAMILIES.index(family)
    m, n = SMALL_SHAPES[index % len(SMALL_SHAPES)]
    a, b = make_game(family, m, n, 9000 + 10 * index)
    assert_agrees(a, b, transposed=(DEFAULT, LAYOUTS[index % len(LAYOUTS)]))
    m, n = SMALL_SHAPES[(index + 3) % len(SMALL_SHAPES)]
    a, b = make_game(family, m, n, 9001 + 10 * index)
    assert_agrees(a, b, [DEFAULT] + [LAYOUTS[(index + k) % len(LAYOUTS)] for k in (1, 6, 11)])


@pytest.mark.parametrize("forcing", FORCINGS)
def test_forced_paths_agree_with_lrsnash(forcing):
    # module constants set so that small games take the paths of large ones (partner
    # solving, listing P, the re-solving walk, the worker) or rare fallbacks
    index = FORCINGS.index(forcing)
    for k, family in enumerate(("many", "hidden_vertex_tie", "few", "duplicated")):
        m, n = ((7, 7), (6, 5), (5, 6), (4, 8))[(index + k) % 4]
        a, b = make_game(family, m, n, 9300 + 10 * index + k)
        ref = reference(a, b)
        for layout in (DEFAULT, LAYOUTS[(3 * index + k) % len(LAYOUTS)]):
            assert check(run(to_game(a, b), layout, forcing), ref) == [], (family, layout)
        assert check_transposed(a, b, ref, DEFAULT, forcing) == [], family


def test_the_flip_forcing_really_lists_p():
    a, b = make_game("many", 7, 7, 9400)
    result = run(to_game(a, b), DEFAULT, "flip")
    assert path_of(result) == "Q:complementary/P:graph"     # P walked, Q's partners solved
    assert check(result, reference(a, b)) == []


@pytest.mark.parametrize(("family", "m", "n", "seed", "path"), [
    ("many", 8, 8, 11, "Q:graph/P:complementary"),         # auto solves P's partners
    ("hidden_tie", 7, 7, 4, None),
    ("few", 11, 11, 5, "Q:reverse/P:reverse +worker"),      # degenerate: reverse search
    ("fractions", 8, 8, 6, "Q:graph/P:complementary"),
    ("near_2_53", 7, 7, 7, None),
    ("constant", 7, 8, 8, None),
])
def test_medium_games_on_their_paths(family, m, n, seed, path):
    a, b = make_game(family, m, n, seed)
    layouts = [DEFAULT, ("auto", "auto", 2), ("graph", "one", 1), ("reverse", "both", 1)]
    paths = assert_agrees(a, b, layouts)
    if path is not None:
        assert path in paths


@pytest.mark.parametrize("top_shift", [-3, -2, -1, 0, 1])
def test_a_range_on_either_side_of_2_53(top_shift):
    # shifted positive, the largest entry of A is 2**53 + top_shift - 1: walked in floats
    # below 2**53 (float_exact), by exact reverse search from 2**53 on
    rng = np.random.default_rng(1200 + top_shift)
    top = 2**53 + top_shift
    a = [[int(v) for v in row] for row in rng.integers(0, top, (6, 6), dtype=np.int64)]
    a[0][0], a[5][5] = 0, top
    b = [[int(v) for v in row] for row in rng.integers(-500, 501, (6, 6))]
    assert_agrees(a, b, [DEFAULT, ("graph", "both", 1), ("graph", "one", 1),
                         ("auto", "auto", 2)])


@pytest.mark.parametrize("layout", LAYOUTS[::2])
def test_a_distant_deadline_changes_nothing(layout):
    # the deadline checks between pivots, batches and solves must not cut a run short
    from gamesolve.solvers.bimatrix import enumerate_equilibria

    for k, family in enumerate(("few", "many", "hidden_vertex_tie")):
        a, b = make_game(family, 7, 6 + k, 9800 + k)
        vm, pol, workers = layout
        result = enumerate_equilibria(to_game(a, b), vertex_method=vm, polytopes=pol,
                                      workers=workers, deadline=time.monotonic() + 3600)
        assert check(result, reference(a, b)) == [], family


# ---------------------------------------------------------------- the slow sample
MEDIUM_SHAPES = [(7, 7), (8, 9), (9, 8), (10, 10), (6, 12), (12, 6), (11, 11), (12, 12)]


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES)
def test_medium_games_of_every_family(family):
    index = FAMILIES.index(family)
    for k in range(3):
        m, n = MEDIUM_SHAPES[(3 * index + k) % len(MEDIUM_SHAPES)]
        if family == "hidden_vertex_tie":       # its generator lists a polytope by lrs
            m, n = min(m, 9), min(n, 9)
        a, b = make_game(family, m, n, 9500 + 10 * index + k)
        layouts = [DEFAULT] + [LAYOUTS[(5 * k + index + j) % len(LAYOUTS)] for j in (0, 7)]
        if math.comb(m + n, n) > 200_000:      # reverse search of both polytopes: slow
            layouts = [lay for lay in layouts if lay[0] != "reverse" or lay[1] == "one"]
        assert_agrees(a, b, layouts)


@pytest.mark.slow
@pytest.mark.parametrize(("family", "m", "n", "seed", "flips"), [
    ("many", 14, 14, 21, None), ("many", 13, 18, 22, "game"), ("many", 14, 14, 33, "game"),
    ("fractions", 14, 14, 24, None), ("hidden_tie", 14, 14, 25, "transposed"),
])      # (18 x 13: the transposed game of 13 x 18)
def test_large_games_by_default_and_transposed(family, m, n, seed, flips):
    # from 14 x 14 "auto" may list P on the transposed game (orientation.py); ``flips``
    # says whether the game or its transposed game does (lists_p: coverage, not the answer)
    from gamesolve.solvers.bimatrix.solve import _polytope_matrices, lists_p

    a, b = make_game(family, m, n, seed)
    listed_p = {name: lists_p(len(x), len(x[0]), *_polytope_matrices(to_game(x, y)))
                for name, (x, y) in (("game", (a, b)), ("transposed", transpose(a, b)))}
    assert [name for name, yes in listed_p.items() if yes] == ([flips] if flips else [])
    assert_agrees(a, b, [DEFAULT, ("graph", "one", 1)])


@pytest.mark.slow
@pytest.mark.parametrize("forcing", FORCINGS)
def test_forced_paths_on_medium_games(forcing):
    index = FORCINGS.index(forcing)
    for k, family in enumerate(("many", "few", "hidden_vertex_tie", "fractions", "sparse")):
        m, n = ((8, 8), (9, 7), (7, 9), (10, 10))[(index + k) % 4]
        a, b = make_game(family, m, n, 9700 + 10 * index + k)
        ref = reference(a, b)
        layout = LAYOUTS[(2 * index + k) % len(LAYOUTS)]
        if layout[0] == "reverse" and layout[1] != "one" and m * n > 80:
            layout = DEFAULT
        for lay in (DEFAULT, layout):
            assert check(run(to_game(a, b), lay, forcing), ref) == [], (family, lay)
        assert check_transposed(a, b, ref, DEFAULT, forcing) == [], family
