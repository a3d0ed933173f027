"""``gamesolve convert`` and the game writers: round trips between YAML, JSON and Gambit
.nfg (pygambit is the reference reader and writer of .nfg), exactness, what is reported
lost, overwrite refusal and atomic writing."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from gamesolve.cli import main
from gamesolve.convert import lost_information, lost_note, render, target_format
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.io.nfg import parse_nfg, write_nfg
from gamesolve.io.writers import exact_value, game_to_document, write_file, write_json, write_yaml
from gamesolve.io.yaml_format import parse_game
from gamesolve.model import Game, Player, Strategy

gbt = pytest.importorskip("pygambit")

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.yaml"))


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def exact_arrays(game: Game) -> list[np.ndarray]:
    return [game.exact_array(p) for p in range(game.n_players)]


def same_payoffs(a: Game, b: Game) -> bool:
    return a.shape == b.shape and all(
        (x == y).all() for x, y in zip(exact_arrays(a), exact_arrays(b), strict=True))


def gambit_arrays(path_or_text) -> tuple[object, list[np.ndarray]]:
    """Read a .nfg with pygambit: the game and its exact payoff arrays."""
    source = io.StringIO(path_or_text) if "\n" in str(path_or_text) else str(path_or_text)
    g = gbt.read_nfg(source)
    return g, [np.asarray(a, dtype=object) for a in g.to_arrays(dtype=Fraction)]


def assert_gambit_matches(nfg: str, game: Game) -> None:
    g, arrays = gambit_arrays(nfg)
    assert len(arrays) == game.n_players
    for p, arr in enumerate(arrays):
        assert arr.shape == game.shape
        assert (arr == game.exact_array(p)).all(), f"player {p + 1}'s payoffs differ"
    assert [p.label for p in g.players] == [p.name for p in game.players]
    assert [[s.label for s in p.strategies] for p in g.players] == [
        list(p.ids) for p in game.players]
    assert g.title == game.title


def without_lines(claims) -> list:
    return [{k: v for k, v in c.items() if k != "_line"} for c in claims]


def assert_same_game(a: Game, b: Game) -> None:
    """Everything gamesolve's own format holds."""
    assert same_payoffs(a, b)
    assert a.players == b.players
    assert (a.title, a.description, a.source) == (b.title, b.description, b.source)
    assert dict(a.notes) == dict(b.notes)
    assert a.assumed == b.assumed
    assert without_lines(a.claims) == without_lines(b.claims)


# ---------------------------------------------------------------------- random games
NAMES = ["Row", "Column", "Third", "Fourth"]
TRICKY = ['Iran "the" player', "Azerbaijan (AZ)", "R&D {x} 50%", "a b"]


def random_rational_game(seed: int) -> Game:
    """2-4 players, 1-4 strategies, rational payoffs (fractions, decimals, negatives)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    shape = tuple(int(rng.integers(1, 5 if n < 4 else 3)) for _ in range(n))
    values = np.empty((n, *shape), dtype=object)
    for index in np.ndindex(*values.shape):
        kind = rng.integers(0, 4)
        num = int(rng.integers(-40, 41))
        if kind == 0:
            values[index] = Fraction(num)
        elif kind == 1:
            values[index] = Fraction(num, int(rng.integers(1, 13)))
        elif kind == 2:
            values[index] = Fraction(num, 10 ** int(rng.integers(1, 4)))
        else:
            values[index] = Fraction(num * 10**9 + int(rng.integers(0, 7)), 7)
    names = TRICKY if seed % 2 else NAMES
    players = []
    for p in range(n):
        ids = [f"s{p + 1}.{k + 1}" if seed % 3 else f"{chr(65 + k)}{p}" for k in range(shape[p])]
        players.append(Player(names[p], tuple(Strategy(i, label=f"label {i} \u00e9 {{}}")
                                              for i in ids),
                              description=f"player {p + 1}: plays {len(ids)} strategies"
                              if seed % 2 else ""))
    return Game.from_payoffs(values, players, title=f"Random game {seed}",
                             description=f"seeded random game\nnumber {seed}: \"quoted\"")


SEEDS = list(range(24))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_game_round_trips(seed: int) -> None:
    game = random_rational_game(seed)
    # gamesolve's own formats hold everything
    assert_same_game(parse_game(write_yaml(game)), game)
    assert_same_game(parse_game(write_json(game)), game)
    for form in ("payoff", "outcome"):
        text = write_nfg(game, form=form)
        assert_gambit_matches(text, game)  # pygambit reads what we write
        back = parse_nfg(text)
        assert same_payoffs(back, game)
        assert [p.ids for p in back.players] == [p.ids for p in game.players]
        assert [p.name for p in back.players] == [p.name for p in game.players]
        assert (back.title, back.description) == (game.title, game.description)


@pytest.mark.parametrize("seed", SEEDS[:12])
def test_gambit_written_nfg_reads_back(seed: int) -> None:
    game = random_rational_game(seed)
    arrays = exact_arrays(game)
    g = gbt.Game.from_arrays(*arrays, title=game.title)
    for player, ours in zip(g.players, game.players, strict=True):
        player.label = ours.name
        for strategy, sid in zip(player.strategies, ours.ids, strict=True):
            strategy.label = sid
    back = parse_nfg(g.to_nfg())
    assert same_payoffs(back, game)
    assert [p.name for p in back.players] == [p.name for p in game.players]
    assert [p.ids for p in back.players] == [p.ids for p in game.players]


def test_gambit_default_labels_read_back() -> None:
    """pygambit's own defaults (numbered players and strategies, unnamed outcomes)."""
    a = np.array([[Fraction(1, 3), 2], [3, Fraction(-5, 7)]], dtype=object)
    g = gbt.Game.from_arrays(a, -a)
    back = parse_nfg(g.to_nfg())
    assert [p.ids for p in back.players] == [("1", "2"), ("1", "2")]
    assert back.exact_payoff(0, (0, 0)) == Fraction(1, 3)
    assert back.exact_payoff(1, (1, 1)) == Fraction(5, 7)


# ---------------------------------------------------------------------- the games/ files
@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_yaml_nfg_yaml_round_trip(path: Path, tmp_path: Path) -> None:
    original = load_game(str(path))
    nfg = tmp_path / "game.nfg"
    result = run("convert", path, nfg)
    assert result.exit_code == 0, result.output
    assert_gambit_matches(nfg.read_text(), original)
    yaml_back = tmp_path / "back.yaml"
    result = run("convert", nfg, yaml_back)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # YAML holds everything a .nfg has
    back = load_game(str(yaml_back))
    assert same_payoffs(back, original)
    assert [p.name for p in back.players] == [p.name for p in original.players]
    assert [p.ids for p in back.players] == [p.ids for p in original.players]
    assert back.title == original.title
    assert back.description == original.description


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_yaml_json_yaml_round_trip_is_lossless(path: Path, tmp_path: Path) -> None:
    original = load_game(str(path))
    js = tmp_path / "game.json"
    result = run("convert", path, js)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    json.loads(js.read_text())  # real JSON
    back_yaml = tmp_path / "back.yml"
    assert run("convert", js, back_yaml).exit_code == 0
    for copy in (js, back_yaml):
        assert_same_game(load_game(str(copy)), original)


@pytest.mark.parametrize("path", GAMES, ids=lambda p: p.name)
def test_nfg_payoff_to_outcome_form(path: Path, tmp_path: Path) -> None:
    original = load_game(str(path))
    payoff, outcome = tmp_path / "payoff.nfg", tmp_path / "outcome.nfg"
    assert run("convert", path, payoff, "--nfg-form", "payoff").exit_code == 0
    result = run("convert", payoff, outcome, "--nfg-form", "outcome")
    assert result.exit_code == 0, result.output
    text = outcome.read_text()
    assert text.startswith("NFG 1 R")
    assert re.search(r'^\{ "\(', text, re.MULTILINE), "the outcome form lists named outcomes"
    assert not re.search(r'^\{ "\(', payoff.read_text(), re.MULTILINE)
    _, a = gambit_arrays(payoff.read_text())
    _, b = gambit_arrays(text)
    assert all((x == y).all() for x, y in zip(a, b, strict=True))
    assert same_payoffs(load_game(str(outcome)), original)


def test_gambit_written_file_converts(tmp_path: Path) -> None:
    game = load_game(str(ROOT / "games" / "battle_of_the_sexes.yaml"))
    g = gbt.Game.from_arrays(*exact_arrays(game), title="From Gambit")
    path = tmp_path / "gambit.nfg"
    path.write_text(g.to_nfg())
    out = tmp_path / "from_gambit.yaml"
    result = run("convert", path, out)
    assert result.exit_code == 0, result.output
    assert same_payoffs(load_game(str(out)), game)
    assert load_game(str(out)).title == "From Gambit"


# ---------------------------------------------------------------------- exactness
def test_exact_values_survive_every_format() -> None:
    values = [[["1/3", "0.1"], ["-2.5", "123456789.123456789"]],
              [["1e-5", 7], ["-22/7", "1/1099511627776"]]]
    game = Game.from_payoffs(values, title="Exact")
    for text in (write_yaml(game), write_json(game)):
        assert same_payoffs(parse_game(text), game)
    for form in ("payoff", "outcome"):
        assert same_payoffs(parse_nfg(write_nfg(game, form=form)), game)
        assert_gambit_matches(write_nfg(game, form=form), game)


def test_exact_value_forms() -> None:
    assert exact_value(Fraction(5)) == 5 and isinstance(exact_value(Fraction(5)), int)
    assert exact_value(Fraction(1, 4)) == 0.25
    assert exact_value(Fraction(2, 3)) == "2/3"
    assert exact_value(Fraction(-1, 3)) == "-1/3"
    assert exact_value(Fraction("0.1000000000000000055")) == "0.1000000000000000055"


def test_document_shape() -> None:
    game = load_game(str(ROOT / "games" / "south_caucasus.yaml"))
    doc = game_to_document(game)
    assert list(doc)[:3] == ["title", "description", "source"]
    israel = doc["players"][2]
    assert [s["id"] for s in israel["unpriced"]] == ["NS", "WS"]
    first = doc["payoffs"][0]
    assert first["profile"] == ["MP", "DAI", "SAA"] and first["values"] == [2, 5, 5]
    assert first["note"].startswith("A.1")
    assert all("_line" not in c for c in doc.get("claims", []))


def test_yaml_output_is_readable() -> None:
    text = write_yaml(load_game(str(ROOT / "games" / "battle_of_the_sexes.yaml")))
    assert "- profile: [B, B]\n  values: [2, 1]\n" in text
    assert "description: |" in text  # multi-line text as a literal block


def test_assumed_and_notes_survive_yaml() -> None:
    game = Game.from_payoffs([[[1, 2]], [[3, 4]]], notes={(0, 1): "a note: with colon"},
                             assumed=frozenset({(0, 0)}), source="somewhere")
    back = parse_game(write_yaml(game))
    assert dict(back.notes) == {(0, 1): "a note: with colon"}
    assert back.assumed == frozenset({(0, 0)})
    assert back.source == "somewhere"


# ---------------------------------------------------------------------- lost information
def test_lost_information_note_for_nfg(tmp_path: Path) -> None:
    result = run("convert", ROOT / "games" / "south_caucasus.yaml", tmp_path / "sc.nfg")
    assert result.exit_code == 0
    game = load_game(str(ROOT / "games" / "south_caucasus.yaml"))
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("gamesolve: note: .nfg cannot hold: 9 cell notes, 1 source, ")
    assert "2 unpriced strategies" in line
    assert line.endswith("; they were not written")
    if game.claims:
        assert f"{len(game.claims)} claim" in line


def test_lost_information_counts() -> None:
    game = Game.from_payoffs(
        [[[1, 2]], [[3, 4]]],
        players=[Player("A", (Strategy("x", "X", "the x"),), (Strategy("u"), Strategy("v")),
                        "player A"),
                 Player("B", (Strategy("y"), Strategy("z", "Zed")))],
        notes={(0, 0): "n"}, assumed=frozenset({(0, 0), (0, 1)}), claims=({"kind": "k"},))
    assert lost_information(game, "nfg") == [
        "1 cell note", "2 assumed-numbers flags", "2 strategy labels",
        "1 player description", "1 strategy description", "2 unpriced strategies", "1 claim"]
    assert lost_information(game, "yaml") == lost_information(game, "json") == []
    assert lost_note(game, "json") is None
    plain = Game.from_payoffs([[[1, 2]], [[3, 4]]])
    assert lost_note(plain, "nfg") is None


def test_note_when_gambit_would_refuse_labels(tmp_path: Path) -> None:
    game = Game.from_payoffs([[[1, 2]], [[3, 4]]], players=[
        Player("Azərbaycan", (Strategy("x"),)), Player("B", (Strategy("a  b"), Strategy("c")))])
    src = tmp_path / "g.yaml"
    src.write_text(write_yaml(game))
    out = tmp_path / "g.nfg"
    result = run("convert", src, out)
    assert result.exit_code == 0
    assert "gamesolve: note: Gambit needs plain ASCII here: player 'Azərbaycan'" in result.stderr
    assert "'Azərbaycan'" in result.stderr
    with pytest.raises(ValueError):  # the note is true ...
        gambit_arrays(out.read_text())
    assert same_payoffs(load_game(str(out)), game)  # ... and gamesolve reads it


def test_no_note_when_nothing_is_lost(tmp_path: Path) -> None:
    nfg = tmp_path / "plain.nfg"
    nfg.write_text(write_nfg(Game.from_payoffs([[[1, 2]], [[3, 4]]], title="t")))
    result = run("convert", nfg, tmp_path / "again.nfg")
    assert result.exit_code == 0 and result.stderr == ""


# ---------------------------------------------------------------------- files and options
def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("precious")
    result = run("convert", ROOT / "games" / "stag_hunt.yaml", out)
    assert result.exit_code == 2
    assert "already exists; use --force to overwrite it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert out.read_text() == "precious"
    result = run("convert", ROOT / "games" / "stag_hunt.yaml", out, "--force")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["title"]


def test_overwrite_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert run("convert", ROOT / "games" / "stag_hunt.yaml", out, "--force").exit_code == 0
    assert (os.stat(out).st_mode & 0o777) == 0o640


def test_never_writes_a_partial_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("old contents")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(GameError, match="No space left on device"):
        write_file(str(out), "new contents", force=True)
    assert out.read_text() == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]  # no temp file left


def test_write_file_new_and_existing(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    write_file(str(path), "hello")
    assert path.read_text() == "hello"
    with pytest.raises(GameError, match="already exists"):
        write_file(str(path), "again")
    with pytest.raises(GameError, match="is a directory"):
        write_file(str(tmp_path), "x")
    with pytest.raises(GameError, match="does not exist"):
        write_file(str(tmp_path / "no" / "such.txt"), "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt"]


def test_standard_output_needs_to(tmp_path: Path) -> None:
    path = ROOT / "games" / "prisoners_dilemma.yaml"
    result = run("convert", path, "-")
    assert result.exit_code == 2
    assert "needs --to" in result.stderr
    result = run("convert", path, "-", "--to", "nfg")
    assert result.exit_code == 0
    assert result.stdout.startswith("NFG 1 R ")
    assert_gambit_matches(result.stdout, load_game(str(path)))
    result = run("convert", path, "-", "--to", "json")
    assert json.loads(result.stdout)["players"][0]["name"]


def test_standard_input(tmp_path: Path) -> None:
    text = write_nfg(load_game(str(ROOT / "games" / "chicken.yaml")))
    result = run("convert", "-", "-", "--to", "yaml", input=text)
    assert result.exit_code == 0, result.output
    assert same_payoffs(parse_game(result.stdout), parse_nfg(text))


@pytest.mark.parametrize("args,message", [
    (["x.txt"], "cannot tell the output format"),
    (["x.yaml", "--to", "nfg"], "--to nfg but"),
    (["x.yaml", "--nfg-form", "outcome"], "--nfg-form applies to .nfg output only"),
])
def test_bad_requests(tmp_path: Path, args, message) -> None:
    args = [str(tmp_path / args[0]), *args[1:]]
    result = run("convert", ROOT / "games" / "chicken.yaml", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list(tmp_path.iterdir())


def test_unknown_extension_with_to(tmp_path: Path) -> None:
    out = tmp_path / "game.txt"
    assert run("convert", ROOT / "games" / "chicken.yaml", out, "--to", "json").exit_code == 0
    assert json.loads(out.read_text())["title"]


def test_bad_input_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nfg"
    bad.write_text("NFG 1 R \"x\" { \"A\" } { 2 }\n1\n")
    result = run("convert", bad, tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("gamesolve: error: ")
    assert not (tmp_path / "out.yaml").exists()


def test_yml_extension_and_helpers() -> None:
    assert target_format("a.YML") == "yaml"
    assert target_format("a.nfg", "nfg") == "nfg"
    with pytest.raises(GameError):
        render(Game.from_payoffs([[[1]], [[2]]]), "csv")
    with pytest.raises(GameError):
        render(Game.from_payoffs([[[1]], [[2]]]), "nfg", "table")


def test_claims_round_trip_without_line_numbers() -> None:
    game = load_game(str(ROOT / "games" / "south_caucasus.yaml"))
    if not game.claims:
        pytest.skip("the game file states no claims")
    back = parse_game(write_yaml(game))
    assert without_lines(back.claims) == without_lines(game.claims)
    fixed = replace(game, claims=())
    assert "claims" not in game_to_document(fixed)
