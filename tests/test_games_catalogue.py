"""The example games in games/: they load, games/README.md lists exactly them, every
assumed cell explains itself, and the classic games have their textbook pure equilibria.

The pure equilibria are computed here with a few lines of numpy, independently of
gamesolve's solvers, so this test checks the files (and the textbook answers stated in
their descriptions), not the solver.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from gamesolve.io import load_game

GAMES = Path(__file__).resolve().parent.parent / "games"
README = GAMES / "README.md"
GAME_SUFFIXES = (".yaml", ".yml", ".json", ".nfg")


def game_files() -> list[Path]:
    return sorted(p for p in GAMES.iterdir() if p.suffix in GAME_SUFFIXES)


def ids(paths) -> list[str]:
    return [p.name for p in paths]


def pure_equilibria(game) -> set[tuple[str, ...]]:
    """Profiles (as strategy ids) where each player's payoff is maximal along its own axis."""
    u = np.asarray(game.payoffs, dtype=float)
    best = np.ones(game.shape, dtype=bool)
    for p in range(game.n_players):
        best &= u[p] >= u[p].max(axis=p, keepdims=True)
    return {
        tuple(game.players[p].strategies[a].id for p, a in enumerate(profile))
        for profile in zip(*np.nonzero(best))
    }


def cell(game, **choice: str) -> tuple[int, ...]:
    """Profile index from {player name: strategy id}."""
    return tuple(game.players[p].index(choice[game.players[p].name])
                 for p in range(game.n_players))


def values(game, profile) -> tuple:
    return tuple(game.exact_payoff(p, profile) for p in range(game.n_players))


# ---------------------------------------------------------------------- every file
def test_games_folder_is_not_empty():
    assert len(game_files()) >= 10


@pytest.mark.parametrize("path", game_files(), ids=ids(game_files()))
def test_every_game_loads(path):
    game = load_game(str(path))
    assert game.n_players >= 2
    assert all(s >= 1 for s in game.shape)
    assert game.title, f"{path.name} has no title"
    assert game.source, f"{path.name} has no source"
    assert game.description, f"{path.name} has no description"


@pytest.mark.parametrize("path", game_files(), ids=ids(game_files()))
def test_every_assumed_cell_has_a_note(path):
    game = load_game(str(path))
    missing = [p for p in game.assumed if not game.notes.get(p, "").strip()]
    assert not missing, f"{path.name}: assumed cells without a note: {missing}"


def test_readme_lists_exactly_the_game_files():
    listed = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("|"):
            listed.update(re.findall(r"`([A-Za-z0-9_.-]+\.(?:yaml|yml|json|nfg))`", line))
    present = {p.name for p in game_files()}
    assert listed - present == set(), "listed in games/README.md but missing"
    assert present - listed == set(), "in games/ but not listed in games/README.md"


# ---------------------------------------------------------------------- classic games
TEXTBOOK_PURE = {
    "prisoners_dilemma.yaml": {("Fink", "Fink")},
    "battle_of_the_sexes.yaml": {("B", "B"), ("S", "S")},
    "stag_hunt.yaml": {("Stag", "Stag"), ("Hare", "Hare")},
    "chicken.yaml": {("Swerve", "Straight"), ("Straight", "Swerve")},
    "matching_pennies.yaml": set(),
    "rock_paper_scissors.yaml": set(),
    "reporting_a_crime.yaml": {("R", "N", "N"), ("N", "R", "N"), ("N", "N", "R")},
}


@pytest.mark.parametrize("name", sorted(TEXTBOOK_PURE))
def test_classic_games_have_the_textbook_pure_equilibria(name):
    game = load_game(str(GAMES / name))
    assert pure_equilibria(game) == TEXTBOOK_PURE[name]
    assert not game.assumed, "classic games take every number from the textbook"


def test_pure_equilibrium_helper_on_small_games():
    from gamesolve.model import Game

    pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    assert pure_equilibria(pd) == {("2", "2")}
    coordination = Game.from_payoffs([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    assert pure_equilibria(coordination) == {("1", "1"), ("2", "2")}
    # three players: only player 3 cares, and prefers its second strategy
    three = Game.from_payoffs(np.stack([np.zeros((2, 2, 2)), np.zeros((2, 2, 2)),
                                        np.tile([0, 1], (2, 2, 1))]).astype(int))
    assert pure_equilibria(three) == {(a, b, "2") for a in "12" for b in "12"}


# ---------------------------------------------------------------------- sourced games
# The paper's table, (PI, PA, PIs), Israel at SAA: rows Iran, columns Azerbaijan.
PAPER_SAA = {
    ("MP", "DAI"): (2, 5, 5), ("MP", "BR"): (3, 4, 6), ("MP", "AI"): (4, 3, 3),
    ("SRA", "DAI"): (1, 4, 6), ("SRA", "BR"): (2, 3, 7), ("SRA", "AI"): (3, 2, 4),
    ("ITA", "DAI"): (3, 6, 4), ("ITA", "BR"): (4, 5, 5), ("ITA", "AI"): (5, 4, 2),
}


@pytest.mark.parametrize("name", ["south_caucasus.yaml", "south_caucasus_extended.yaml"])
def test_paper_cells_are_verbatim_and_not_assumed(name):
    game = load_game(str(GAMES / name))
    for (iran, az), expected in PAPER_SAA.items():
        profile = cell(game, Iran=iran, Azerbaijan=az, Israel="SAA")
        assert values(game, profile) == expected, (iran, az)
        assert profile not in game.assumed, (iran, az)
        assert game.notes.get(profile), f"paper cell {(iran, az)} has no note"


def test_extended_game_assumptions_are_marked_and_keep_the_papers_claims():
    game = load_game(str(GAMES / "south_caucasus_extended.yaml"))
    assert game.shape == (3, 3, 3)
    israel = game.player_index("Israel")
    iran = game.player_index("Iran")
    az = game.player_index("Azerbaijan")
    for i, a in PAPER_SAA:
        saa = values(game, cell(game, Iran=i, Azerbaijan=a, Israel="SAA"))
        for stance in ("NS", "WS"):
            profile = cell(game, Iran=i, Azerbaijan=a, Israel=stance)
            assert profile in game.assumed, (i, a, stance)
            v = values(game, profile)
            assert all(1 <= x <= 7 and x.denominator == 1 for x in v), (i, a, stance, v)
            # the paper: Israel gains more from SAA whatever Iran does
            assert v[israel] < saa[israel], (i, a, stance)
            # Iran benefits when Israel steps back
            assert v[iran] >= saa[iran], (i, a, stance)
        ws = values(game, cell(game, Iran=i, Azerbaijan=a, Israel="WS"))
        if a == "DAI":  # Azerbaijan loses Israeli support under WS
            assert ws[az] < saa[az]
    assert len(game.assumed) == 18
    assert pure_equilibria(game) == {("ITA", "DAI", "SAA")}


@pytest.mark.parametrize("name, equilibria", [
    ("armenia_azerbaijan_security_dilemma.yaml", {("Q", "A")}),
    ("armenia_azerbaijan_deterrence.yaml", {("IE", "SQ")}),
])
def test_armenia_games_are_ordinal_and_wholly_assumed(name, equilibria):
    game = load_game(str(GAMES / name))
    assert len(game.assumed) == game.n_profiles, "the article gives no payoffs"
    for p in range(game.n_players):
        ranks = sorted(int(x) for x in np.asarray(game.payoffs[p]).ravel())
        assert ranks == list(range(1, game.n_profiles + 1)), "strict ranks 1..n"
    assert pure_equilibria(game) == equilibria
