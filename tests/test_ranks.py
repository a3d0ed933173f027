"""Rank margins (robustness/ranks.py): hand-worked 2x2 games, a brute-force reference over
every weak order of small games, and how ordinal games are reported."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import bimatrix, declare, prisoners_dilemma, random_game

from gamesolve.model import Game
from gamesolve.robustness import robustness, stability_margins
from gamesolve.robustness.ranks import (
    rank_margin_dominance,
    rank_margin_dominant,
    rank_margin_equilibrium,
)


def by_conclusion(game: Game) -> dict[str, int | None]:
    return {m.conclusion: m.rank_margin for m in stability_margins(game)}


# ---------------------------------------------------------------------- by hand
def test_prisoners_dilemma_by_hand():
    # Row ranks (D,C) 5 > (C,C) 3 > (D,D) 1 > (C,D) 0.  D over C rests on 5 > 3 and 1 > 0,
    # both adjacent pairs: one swap (rank (C,C) level with (D,C)) overturns dominance.
    pd = prisoners_dilemma()
    m = rank_margin_dominant(pd, 0, 1)
    assert m.swaps == 1 and m.between == () and m.passed == 0
    assert m.describe(pd) in ("Row: (C, C) (3) level with (D, C) (5)",
                              "Row: (C, D) (0) level with (D, D) (1)")
    # the equilibrium (D, D): (C, D) pays Row 0, just below 1: one swap puts it above
    e = rank_margin_equilibrium(pd, (1, 1))
    assert e.swaps == 1 and not e.strict
    assert by_conclusion(pd) == {"Row: D is strictly dominant": 1,
                                 "Column: D is strictly dominant": 1,
                                 "(D, D) is a strict pure equilibrium": 1,
                                 "Row: C is strictly dominated by D": 1,
                                 "Column: C is strictly dominated by D": 1}


def test_two_swaps_needed():
    # Row: (T,L)=3 (T,R)=4 (B,L)=1 (B,R)=2; ranking TR 4 > TL 3 > BR 2 > BL 1.
    # T over B against L: 3 vs 1 with BR (2) between; against R: 4 vs 2 with TL (3)
    # between: two swaps either way.  Column is indifferent everywhere.
    g = bimatrix([[(3, 0), (4, 0)], [(1, 0), (2, 0)]], ["T", "B"], ["L", "R"])
    m = rank_margin_dominance(g, 0, 0, 1)
    assert m.swaps == 2 and m.passed == 1 and m.between == ((1, 1),)
    assert m.describe(g) == "Row: (B, L) (1) level with (T, L) (3), past (B, R)"


def test_one_swap_overturns_an_equilibrium():
    # stag hunt: (S,S) = (4,4); Row's deviation (H,S) pays 3, next below 4 in its ranking
    # 4 > 3 = 3 > 0: (H,S) and (H,H) are tied at 3, so raising (H,S) above (S,S) passes
    # nothing else ranked from 3 to 4 except its tie-mate (H,H): 2 swaps.  (H,H) = (3,3):
    # Row's deviation (S,H) pays 0, with (H,S) tied with (H,H) at 3 between: 0..3 holds
    # (S,H), (H,S), (H,H): 2 swaps.
    stag = bimatrix([[(4, 4), (0, 3)], [(3, 0), (3, 3)]], ["S", "H"], ["S", "H"])
    assert rank_margin_equilibrium(stag, (0, 0)).swaps == 2
    assert rank_margin_equilibrium(stag, (1, 1)).swaps == 2
    # a coordination game with distinct payoffs: (A,A) = (2,2), deviation (B,A) pays 1,
    # adjacent below: one swap overturns the equilibrium
    coord = bimatrix([[(2, 2), (0, 0)], [(1, 1), (3, 3)]], ["A", "B"], ["A", "B"])
    e = rank_margin_equilibrium(coord, (0, 0))
    assert e.swaps == 1 and e.describe(coord) == "Row: (B, A) (1) above (A, A) (2)"


def test_weak_equilibrium_tie_counts_one_swap():
    # (T,L): Row gets 1, and its deviation (B,L) also 1: a weak equilibrium.  Breaking
    # the tie the wrong way is one swap; a third outcome tied at 1 makes it two.
    g = bimatrix([[(1, 1), (0, 0)], [(1, 0), (0, 0)]], ["T", "B"], ["L", "R"])
    assert rank_margin_equilibrium(g, (0, 0)).swaps == 1
    g3 = bimatrix([[(1, 1), (1, 0)], [(1, 0), (0, 0)]], ["T", "B"], ["L", "R"])
    assert rank_margin_equilibrium(g3, (0, 0)).swaps == 2
    assert by_conclusion(g)["(T, L) is a weak pure equilibrium"] == 1


def test_mixed_dominance_has_no_rank_margin():
    from conftest import mixed_dominance_game

    margins = {m.conclusion: m for m in stability_margins(mixed_dominance_game())}
    m = margins["Row: B is strictly dominated by 1/2 T + 1/2 M"]
    assert m.rank_margin is None and "cardinal" in m.rank_binding


# ---------------------------------------------------------------------- brute force
def _weak_orders(n: int):
    """Every weak order of n items, as a tuple of levels (higher = better)."""
    seen = set()
    for levels in itertools.product(range(n), repeat=n):
        ranks = tuple(sorted(set(levels)).index(x) for x in levels)
        if ranks not in seen:
            seen.add(ranks)
            yield ranks


def _distance(a, b) -> int:
    n = len(a)
    return sum(1 for i in range(n) for j in range(i + 1, n)
               if np.sign(a[i] - a[j]) != np.sign(b[i] - b[j]))


def _brute_force(game: Game, p: int, holds) -> int:
    """Fewest changed pairs in player p's ranking after which ``holds(levels)`` fails."""
    flat = game.scaled[p].ravel()
    original = tuple(int(x) for x in flat)
    best = None
    for order in _weak_orders(len(flat)):
        levels = np.array(order).reshape(game.shape)
        if not holds(levels):
            d = _distance(original, order)
            best = d if best is None else min(best, d)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_rank_margins_match_brute_force(seed: int):
    game = random_game(seed, (2, 2), low=0, high=3)  # ties common
    for m in stability_margins(game):
        if m.rank_margin is None:
            continue
        if m.kind == "strictly_dominant":
            p, s = m.player, m.strategy

            def holds(u, p=p, s=s):
                v = np.moveaxis(u, p, 0)
                return all((v[s] > v[t]).all() for t in range(v.shape[0]) if t != s)
            want = _brute_force(game, p, holds)
        elif m.kind == "strictly_dominated":
            p, s, t = m.player, m.strategy, m.by[0][0]

            def holds(u, p=p, s=s, t=t):
                v = np.moveaxis(u, p, 0)
                return bool((v[t] > v[s]).all())
            want = _brute_force(game, p, holds)
        else:
            prof = m.profile
            want = None
            for p in range(game.n_players):
                def holds(u, p=p, prof=prof):
                    idx = list(prof)
                    idx[p] = slice(None)
                    column = u[tuple(idx)]
                    return column[prof[p]] >= column.max()
                d = _brute_force(game, p, holds)
                want = d if want is None else min(want, d)
        assert m.rank_margin == want, (seed, m.conclusion, game.payoffs.tolist())


# ---------------------------------------------------------------------- reports
def test_ordinal_game_reports_rank_margins_only():
    from gamesolve.report import outline_claims, plain
    from gamesolve.report.robustness_report import robustness_document
    from gamesolve.report.text import render_robustness

    game = declare(prisoners_dilemma(), scale="ordinal")
    report = robustness(game, samples=50, seed=3, ordinal=True)
    assert report.payoff_scale == "ordinal"
    text = render_robustness(report, game)
    assert "Payoff scale: ordinal" in text and "1/2" not in text
    assert "rank margin" in text
    doc = robustness_document(report, game)
    assert doc["payoff_scale"] == "ordinal"
    assert all(m["margin"] is None and m["exact_margin"] is None for m in doc["margins"])
    assert [m["rank_margin"] for m in doc["margins"]] == [1] * 5
    assert doc["sampling"]["by_construction"] is True
    rendered = plain.render_outline(outline_claims.robustness_outline(report, game))
    assert "by construction" in rendered and "Payoff scale: ordinal" in rendered
    json.dumps(doc)


def test_cardinal_game_reports_both():
    from gamesolve.report.robustness_report import robustness_document
    from gamesolve.report.text import render_robustness

    game = prisoners_dilemma()
    report = robustness(game, samples=0)
    text = render_robustness(report, game)
    assert "Payoff scale: cardinal" in text and "1/2 = 0.5" in text and "rank margin" in text
    doc = robustness_document(report, game)
    assert doc["payoff_scale"] == "cardinal"
    assert doc["margins"][0]["exact_margin"] == "1/2" and doc["margins"][0]["rank_margin"] == 1


def test_ordinal_sampling_says_by_construction():
    from gamesolve.cli import main

    result = CliRunner().invoke(main, ["robustness", "games/prisoners_dilemma.yaml",
                                       "--ordinal", "--samples", "100"])
    assert result.exit_code == 0, result.output
    assert "hold in every sample by construction" in result.output
    assert "100% (by construction)" in result.output
    noisy = CliRunner().invoke(main, ["robustness", "games/prisoners_dilemma.yaml",
                                      "--samples", "100"])
    assert "by construction" not in noisy.output
