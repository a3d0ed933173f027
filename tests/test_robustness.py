"""Robustness: exact stability margins and the vectorised sampling study."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import bimatrix, mixed_dominance_game, prisoners_dilemma, random_game, small_games
from hypothesis import given, settings
from hypothesis import strategies as st

from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game
from gamesolve.report.outline_blocks import Outline
from gamesolve.report.outline_claims import margin_blocks
from gamesolve.report.plain import render_outline
from gamesolve.report.robustness_report import robustness_document
from gamesolve.report.text import render_robustness
from gamesolve.robustness import robustness, stability_margins
from gamesolve.robustness.sampling import _make_spec, chunk_size, count, draw, sample_conclusions
from gamesolve.solvers.dominance import iterated_elimination, player_dominance
from gamesolve.solvers.pure import is_strict_equilibrium, pure_equilibrium_profiles

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "games" / "south_caucasus.yaml"
HALF = Fraction(1, 2)


@pytest.fixture(scope="module")
def paper() -> Game:
    return load_game(str(PAPER))


# ---------------------------------------------------------------------- margins
def test_pd_margins():
    # weakest first across players: only on a shared scale
    margins = stability_margins(replace(prisoners_dilemma(), comparable_across_players=True))
    assert [(m.kind, m.margin) for m in margins] == [
        ("strictly_dominant", HALF), ("strictly_dominant", HALF),
        ("strict_equilibrium", HALF), ("strictly_dominated", HALF),
        ("strictly_dominated", HALF)]
    assert margins[0].conclusion == "Row: D is strictly dominant"
    assert margins[0].gap == 1
    assert margins[0].binding == "D vs C against (D): gap 1"
    assert margins[2].profile == (1, 1)


def test_gap_three_gives_one_and_a_half():
    g = bimatrix([[(4, 0), (3, 0)], [(1, 0), (0, 0)]], ["T", "B"], ["L", "R"])
    dominant = [m for m in stability_margins(g) if m.kind == "strictly_dominant"]
    assert [(m.conclusion, m.margin) for m in dominant] == [("Row: T is strictly dominant",
                                                             Fraction(3, 2))]


def test_fractional_gap():
    g = bimatrix([[("1/3", 1), ("1/3", 0)], [(0, 1), ("-1/6", 0)]], ["T", "B"], ["L", "R"])
    margins = {m.conclusion: m.margin for m in stability_margins(g)}
    assert margins["Row: T is strictly dominant"] == Fraction(1, 6)  # gap min(1/3, 1/2)
    assert margins["Column: L is strictly dominant"] == HALF
    assert margins["(T, L) is a strict pure equilibrium"] == Fraction(1, 6)


def test_mixed_domination_margin():
    m = [m for m in stability_margins(mixed_dominance_game()) if m.kind == "strictly_dominated"]
    assert len(m) == 1 and len(m[0].by) == 2
    assert m[0].gap == HALF and m[0].margin == Fraction(1, 4)
    assert m[0].conclusion == "Row: B is strictly dominated by 1/2 T + 1/2 M"


def test_weak_equilibrium_has_margin_zero():
    g = bimatrix([[(1, 1), (1, 1)], [(0, 0), (0, 2)]], ["T", "B"], ["L", "R"])
    weak = [m for m in stability_margins(g) if m.kind == "weak_equilibrium"]
    assert weak and all(m.margin == 0 for m in weak)
    comparable = replace(g, comparable_across_players=True)
    assert stability_margins(comparable)[0].margin == 0  # weakest first


def test_margins_not_comparable_are_ordered_player_by_player():
    g = bimatrix([[(3, 0), (1, 5)], [(0, 1), (0, 0)]], ["T", "B"], ["L", "R"])
    margins = stability_margins(g)  # the default: not comparable across players
    players = [m.player for m in margins]
    assert players == sorted(players, key=lambda p: (p is None, p or 0))
    for p in (0, 1):
        own = [m.margin for m in margins if m.player == p]
        assert own == sorted(own)
    # on a shared scale the same margins are ordered weakest first, across players
    shared = stability_margins(replace(g, comparable_across_players=True))
    assert [m.margin for m in shared] == sorted(m.margin for m in margins)


def test_paper_margins(paper):
    margins = stability_margins(paper)
    assert [(m.conclusion, m.margin) for m in margins[:3]] == [
        ("Iran: ITA is strictly dominant", HALF),
        ("Azerbaijan: DAI is strictly dominant", HALF),
        ("(ITA, DAI, SAA) is a strict pure equilibrium", HALF)]
    assert all(a.margin <= b.margin for a, b in itertools.pairwise(margins))
    assert max(m.margin for m in margins) == 1  # SRA and AI are dominated by a gap of 2


def perturbed(game: Game, delta: np.ndarray) -> Game:
    arr = np.empty(game.scaled.shape, dtype=object)
    for p in range(game.n_players):
        arr[p] = game.exact_array(p)
    return Game.from_payoffs(arr + delta, game.players)


def test_margin_is_tight_for_dominance():
    g = prisoners_dilemma()
    m = stability_margins(g)[0]  # Row: D dominant, binding against Column's D
    delta = np.zeros(g.scaled.shape, dtype=object)
    delta[0, 1, 1] = -m.margin  # D pays less...
    delta[0, 0, 1] = m.margin   # ...C pays more: a tie
    assert player_dominance(perturbed(g, delta), 0).strictly_dominant is None


def test_margin_is_tight_for_equilibrium(paper):
    m = next(m for m in stability_margins(paper) if m.kind == "strict_equilibrium")
    delta = np.zeros(paper.scaled.shape, dtype=object)
    delta[0, 2, 0, 0] = -m.margin  # Iran at ITA against (DAI, SAA)
    delta[0, 0, 0, 0] = m.margin   # Iran at MP against (DAI, SAA)
    g = perturbed(paper, delta)
    assert (2, 0, 0) in pure_equilibrium_profiles(g)
    assert not is_strict_equilibrium(g, (2, 0, 0))  # exactly the margin: a tie


@settings(max_examples=60, deadline=None, derandomize=True)
@given(small_games(min_players=2, max_strategies=3), st.integers(0, 2**31 - 1))
def test_perturbations_below_the_margin_overturn_nothing(game, seed):
    rng = np.random.default_rng(seed)
    for m in stability_margins(game):
        if m.margin == 0:
            continue
        # every payoff moves by strictly less than the margin, exactly (as fractions)
        steps = rng.integers(-99, 100, size=game.scaled.shape)
        delta = np.vectorize(lambda k, size=m.margin: size * Fraction(int(k), 100),
                             otypes=[object])(steps)
        g = perturbed(game, delta)
        if m.kind == "strictly_dominant":
            assert player_dominance(g, m.player, mixed=False).strictly_dominant == m.strategy
        elif m.kind == "strict_equilibrium":
            assert is_strict_equilibrium(g, m.profile)
        elif m.kind == "strictly_dominated" and len(m.by) == 1:
            t = m.by[0][0]
            u = np.moveaxis(g.scaled[m.player], m.player, 0).reshape(g.shape[m.player], -1)
            assert (u[t] > u[m.strategy]).all()


# ---------------------------------------------------------------------- sampling
def equilibrium_frequency(result, profile):
    return next(e.frequency for e in result.equilibria if e.profile == profile)


def test_noise_below_margin_keeps_the_equilibrium(paper):
    s = sample_conclusions(paper, samples=3000, noise=0.4, seed=1)
    assert equilibrium_frequency(s, (2, 0, 0)) == 1.0
    assert [e.profile for e in s.equilibria] == [(2, 0, 0)]
    assert s.equilibria[0].original and s.equilibria[0].unique_count == 3000
    assert [(d.player, d.strategy, d.frequency) for d in s.dominance] == [(0, 2, 1.0),
                                                                          (1, 0, 1.0)]
    assert s.elimination[0].profile == (2, 0, 0) and s.elimination[0].frequency == 1.0
    assert s.no_pure_equilibrium == 0 and s.not_solvable == 0


def test_large_noise_overturns_it(paper):
    s = sample_conclusions(paper, samples=3000, noise=2.5, seed=1)
    assert 0 < equilibrium_frequency(s, (2, 0, 0)) < 1.0
    assert len(s.equilibria) > 1 and not s.equilibria[1].original
    assert s.no_pure_equilibrium > 0
    assert s.dominance[0].frequency < 1.0


def test_ordinal_keeps_the_equilibrium(paper):
    s = sample_conclusions(paper, samples=2000, seed=3, ordinal=True)
    assert s.noise is None and s.ordinal
    assert equilibrium_frequency(s, (2, 0, 0)) == 1.0
    assert all(d.frequency == 1.0 for d in s.dominance)


def test_ordinal_draws_keep_every_ranking_and_tie():
    g = random_game(7, (3, 2, 2), 0, 3)  # small range: many ties
    spec = _make_spec(g, 0.0, True)
    u = draw(spec, 50, np.random.default_rng(0))
    for p in range(g.n_players):
        exact = g.scaled[p].ravel()
        for sample in u[:, p].reshape(50, -1):
            assert (np.sign(exact[:, None] - exact[None, :])
                    == np.sign(sample[:, None] - sample[None, :])).all()


def test_reproducible_with_a_seed(paper):
    a = sample_conclusions(paper, samples=2500, noise=2.5, seed=11)
    b = sample_conclusions(paper, samples=2500, noise=2.5, seed=11)
    c = sample_conclusions(paper, samples=2500, noise=2.5, seed=12)
    assert a == b
    assert a != c


def test_identical_for_one_and_two_jobs(paper):
    assert chunk_size(paper) < 5000  # several chunks, so two workers really share them
    one = sample_conclusions(paper, samples=5000, noise=2.0, seed=5, jobs=1)
    two = sample_conclusions(paper, samples=5000, noise=2.0, seed=5, jobs=2)
    assert one == two
    ordinal_one = sample_conclusions(paper, samples=4100, seed=5, ordinal=True, jobs=1)
    ordinal_two = sample_conclusions(paper, samples=4100, seed=5, ordinal=True, jobs=3)
    assert ordinal_one == ordinal_two


def test_progress_callback_sums_to_samples(paper):
    seen: list[int] = []
    sample_conclusions(paper, samples=4500, seed=0, progress=seen.append)
    assert sum(seen) == 4500 and len(seen) == 3


@pytest.mark.parametrize("seed,shape", [(1, (2, 3)), (2, (3, 3)), (3, (2, 2, 2)),
                                        (4, (3, 2, 2)), (5, (1, 3, 2)), (6, (2, 2, 2, 2))])
def test_vectorised_counts_match_the_exact_solvers(seed, shape):
    """Each sample, solved one at a time by the exact solvers, gives the same counts."""
    g = random_game(seed, shape, 0, 3)
    spec = _make_spec(g, 1.0, False)
    u = draw(spec, 40, np.random.default_rng(seed))
    counts = count(u, spec.tol)
    eq = np.zeros(g.n_profiles, dtype=int)
    dom = [np.zeros(k, dtype=int) for k in g.shape]
    elim = np.zeros(g.n_profiles, dtype=int)
    for sample in u:
        h = Game.from_payoffs(sample, g.players)
        for prof in pure_equilibrium_profiles(h):
            eq[np.ravel_multi_index(prof, g.shape)] += 1
        for p in range(g.n_players):
            s = player_dominance(h, p, mixed=False).strictly_dominant
            if s is not None:
                dom[p][s] += 1
        el = iterated_elimination(h, mixed=False)
        if el.solved:
            prof = tuple(h.players[p].index(ids[0]) for p, ids in enumerate(el.surviving))
            elim[np.ravel_multi_index(prof, g.shape)] += 1
    assert counts["eq"].tolist() == eq.tolist()
    assert [c.tolist() for c in counts["dom"]] == [d.tolist() for d in dom]
    assert counts["elim"].tolist() == elim.tolist()
    assert counts["unsolved"] == 40 - elim.sum()


def test_ties_in_the_game_are_ties_with_zero_noise():
    g = bimatrix([[(1, 1), (1, 1)]], ["T"], ["L", "R"])
    s = sample_conclusions(g, samples=10, noise=0.0)
    assert [(e.profile, e.frequency, e.unique_count) for e in s.equilibria] == [
        ((0, 0), 1.0, 0), ((0, 1), 1.0, 0)]


@pytest.mark.parametrize("kwargs,message", [
    ({"samples": 0}, "--samples"), ({"samples": 10, "noise": -1}, "--noise"),
    ({"samples": 10, "noise": float("inf")}, "--noise"), ({"samples": 10, "seed": -1}, "--seed"),
    ({"samples": 10, "jobs": 0}, "--jobs")])
def test_bad_sampling_parameters(kwargs, message):
    with pytest.raises(GameError, match=message):
        sample_conclusions(prisoners_dilemma(), **kwargs)


def test_robustness_without_samples(paper):
    report = robustness(paper, samples=0)
    assert report.sampling is None and report.margins


# ---------------------------------------------------------------------- rendering and CLI
def test_render(paper):
    report = robustness(paper, samples=1000, noise=0.5, seed=0)
    text = render_robustness(report, paper)
    assert text.startswith("Robustness: Iran, Azerbaijan and Israel in the South Caucasus")
    assert "1/2 = 0.5" in text and "(ITA, DAI, SAA) [original]" in text
    assert "Noise 0.5 cannot overturn" in text
    assert render_outline(Outline("", margin_blocks([]))).endswith("no margin to report.\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_json_shape():
    result = run("robustness", str(PAPER), "--samples", "500", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["schema_version"] == 2 and doc["game"]["players"][0]["name"] == "Iran"
    first = doc["margins"][0]
    assert {"conclusion", "kind", "margin", "exact_margin"} <= set(first)
    assert (first["margin"], first["exact_margin"]) == (0.5, "1/2")
    s = doc["sampling"]
    assert (s["samples"], s["noise"], s["seed"], s["ordinal"]) == (500, 0.5, 0, False)
    assert s["equilibria"][0] == {"profile": {"Iran": "ITA", "Azerbaijan": "DAI",
                                              "Israel": "SAA"},
                                  "frequency": 1.0, "count": 500, "unique_frequency": 1.0,
                                  "original": True}
    assert {"player", "strategy", "kind", "frequency"} <= set(s["dominance"][0])
    assert s["no_pure_equilibrium"] == 0.0


def test_cli_samples_zero_gives_null_sampling():
    doc = json.loads(run("robustness", str(PAPER), "--samples", "0", "--format", "json").output)
    assert doc["sampling"] is None and len(doc["margins"]) == 7


def test_cli_jobs_do_not_change_the_output():
    args = ["robustness", str(PAPER), "--samples", "4500", "--noise", "2.5", "--seed", "9",
            "--format", "json"]
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.output == two.output


def test_cli_ordinal_and_fix():
    result = run("robustness", str(PAPER), "--ordinal", "--samples", "200", "--fix",
                 "Iran=MP,ITA")
    assert result.exit_code == 0, result.output
    assert "keep each player's ranking" in result.output
    assert "(ITA, DAI, SAA) [original]" in result.output


@pytest.mark.parametrize("args", [["--noise", "-1"], ["--jobs", "0"], ["--samples", "-5"],
                                  ["--seed", "-1"], ["--noise", "nan"], ["--fix", "Iran=XX"]])
def test_cli_bad_options_exit_2(args):
    result = run("robustness", str(PAPER), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_document_without_sampling(paper):
    doc = robustness_document(robustness(paper, samples=0), paper)
    assert doc["sampling"] is None and json.dumps(doc)
