"""The YAML/JSON loader: every accepted form, and every refusal with its message and line.

Bad-input fixtures live in ``tests/data/bad``; each YAML one starts with a comment
``# expect: LINE: FRAGMENT`` naming the line the error must point at and a fragment of
the message.  Inputs that cannot be kept as plain text files (binary junk, unreadable
files, huge generated documents) are built here.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.io.yaml_format import parse_game

BAD = Path(__file__).parent / "data" / "bad"
GAMES = Path(__file__).parent.parent / "games"

PD_PLAYERS = """\
players:
  - name: Row
    strategies: [C, D]
  - name: Col
    strategies: [C, D]
"""

PD_LIST = PD_PLAYERS + """\
payoffs:
  - {profile: [C, C], values: [3, 3]}
  - {profile: [C, D], values: [0, 5]}
  - {profile: [D, C], values: [5, 0]}
  - {profile: [D, D], values: [1, 1]}
"""

PD_MAPPINGS = PD_PLAYERS + """\
payoffs:
  - profile: {Row: C, Col: C}
    values: {Row: 3, Col: 3}
  - profile: {Col: D, Row: C}
    values: {Col: 5, Row: 0}
  - profile: {Row: D, Col: C}
    values: [5, 0]
  - profile: [D, D]
    values: {Row: 1, Col: 1}
"""

PD_TABLE = PD_PLAYERS + """\
payoffs:
  C:
    C: [3, 3]
    D: [0, 5]
  D:
    C: [5, 0]
    D: [1, 1]
"""

PD_TABLE_LEAVES = PD_PLAYERS + """\
payoffs:
  C:
    C: {values: [3, 3], note: both cooperate}
    D: {Row: 0, Col: 5}
  D:
    C: [5, 0]
    D: {values: {Row: 1, Col: 1}, note: both defect, assumed: true}
"""

PD_EXACT = {(0, 0): (3, 3), (0, 1): (0, 5), (1, 0): (5, 0), (1, 1): (1, 1)}


def write(tmp_path: Path, text: str | bytes, name: str = "game.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str | bytes, name: str = "game.yaml", **kwargs):
    return load_game(str(write(tmp_path, text, name)), **kwargs)


def refused(tmp_path: Path, text: str | bytes, name: str = "game.yaml", **kwargs) -> GameError:
    path = write(tmp_path, text, name)
    with pytest.raises(GameError) as info:
        load_game(str(path), **kwargs)
    error = info.value
    assert error.file == str(path)
    assert "\n" not in str(error)
    return error


def payoffs_of(game) -> dict:
    return {prof: tuple(game.exact_payoffs(prof)) for prof in game.profiles()}


# ---------------------------------------------------------------------- accepted forms
@pytest.mark.parametrize("text", [PD_LIST, PD_MAPPINGS, PD_TABLE, PD_TABLE_LEAVES],
                         ids=["list", "mappings", "table", "table-leaves"])
def test_every_payoff_form_gives_the_same_game(tmp_path, text):
    game = load_text(tmp_path, text)
    assert game.shape == (2, 2)
    assert [p.name for p in game.players] == ["Row", "Col"]
    assert [p.ids for p in game.players] == [("C", "D"), ("C", "D")]
    assert payoffs_of(game) == PD_EXACT
    assert game.origin == str(tmp_path / "game.yaml")


def test_table_leaves_keep_notes_and_assumed(tmp_path):
    game = load_text(tmp_path, PD_TABLE_LEAVES)
    assert dict(game.notes) == {(0, 0): "both cooperate", (1, 1): "both defect"}
    assert game.assumed == frozenset({(1, 1)})


def test_outcome_list_keeps_notes_and_assumed(tmp_path):
    text = PD_PLAYERS + """\
payoffs:
  - {profile: [C, C], values: [3, 3], note: "  reward  "}
  - {profile: [C, D], values: [0, 5], assumed: yes}
  - {profile: [D, C], values: [5, 0], assumed: false}
  - profile: [D, D]
    values: [1, 1]
    note: >-
      punishment,
      folded
"""
    game = load_text(tmp_path, text)
    assert dict(game.notes) == {(0, 0): "reward", (1, 1): "punishment, folded"}
    assert game.assumed == frozenset({(0, 1)})


def test_metadata_and_strategy_shorthand(tmp_path):
    text = """\
title: "  A title "
description: |
  Two lines
  of description.
source: somewhere
players:
  - name: Row
    description: the row player
    strategies:
      - T
      - id: B
        label: Bottom
        description: the lower row
  - name: Col
    strategies: [L]
payoffs:
  - {profile: [T, L], values: [1, 2]}
  - {profile: [B, L], values: [3, 4]}
"""
    game = load_text(tmp_path, text)
    assert game.title == "A title"
    assert game.description == "Two lines\nof description."
    assert game.source == "somewhere"
    row = game.players[0]
    assert row.strategies[0].id == "T" and row.strategies[0].label == ""
    assert row.strategies[0].display == "T"
    assert (row.strategies[1].id, row.strategies[1].label) == ("B", "Bottom")
    assert row.strategies[1].description == "the lower row"
    assert row.description == "the row player"


def test_ids_stay_the_text_the_user_typed(tmp_path):
    text = """\
players:
  - name: 1
    strategies: [NO, 1.0, "yes", 007]
payoffs:
  - {profile: [NO], values: [1]}
  - {profile: ["1.0"], values: [2]}
  - {profile: ["yes"], values: [3]}
  - {profile: ["007"], values: [4]}
"""
    game = load_text(tmp_path, text)
    assert game.players[0].name == "1"
    assert game.players[0].ids == ("NO", "1.0", "yes", "007")


def test_unpriced_strategies_are_kept_outside_the_tensor(tmp_path):
    game = load_game(str(GAMES / "south_caucasus.yaml"))
    israel = game.players[2]
    assert israel.ids == ("SAA",)
    assert [s.id for s in israel.unpriced] == ["NS", "WS"]
    assert israel.unpriced[0].label == "Neutral Stance"
    assert game.shape == (3, 3, 1)
    text = PD_LIST.replace("strategies: [C, D]\n",
                           "strategies: [C, D]\n    unpriced: [X, {id: Y, label: Why}]\n", 1)
    game = load_text(tmp_path, text)
    assert game.shape == (2, 2)
    assert [s.id for s in game.players[0].unpriced] == ["X", "Y"]
    assert game.players[1].unpriced == ()


@pytest.mark.parametrize("written, exact", [
    ("3", Fraction(3)),
    ("-4", Fraction(-4)),
    ("0", Fraction(0)),
    ("0.1", Fraction(1, 10)),
    ("-0.25", Fraction(-1, 4)),
    ("2/3", Fraction(2, 3)),
    ("-7/14", Fraction(-1, 2)),
    ('"2/3"', Fraction(2, 3)),
    ("1e3", Fraction(1000)),
    ("1.5e3", Fraction(1500)),
    ("2.5E-1", Fraction(1, 4)),
    ("1_000", Fraction(1000)),
    ("+5", Fraction(5)),
    ("123456789012345678901234567890", Fraction(123456789012345678901234567890)),
    ("0.333333333333333333", Fraction(333333333333333333, 10**18)),
])
def test_numbers_are_read_exactly(tmp_path, written, exact):
    text = ("players:\n  - name: A\n    strategies: [x]\n"
            f"payoffs:\n  - {{profile: [x], values: [{written}]}}\n")
    game = load_text(tmp_path, text)
    assert game.exact_payoff(0, (0,)) == exact
    assert game.payoffs[0][(0,)] == pytest.approx(float(exact))


def test_decimals_do_not_go_through_floats(tmp_path):
    text = PD_LIST.replace("[3, 3]", "[0.1, 0.2]").replace("[1, 1]", "[0.3, 0.7]")
    game = load_text(tmp_path, text)
    assert game.exact_payoff(0, (0, 0)) == Fraction(1, 10)
    assert game.exact_payoff(1, (0, 0)) == Fraction(1, 5)
    assert game.exact_payoff(0, (0, 0)) + game.exact_payoff(1, (0, 0)) == game.exact_payoff(
        0, (1, 1))
    assert game.denominators == (10, 10)


def test_claims_are_kept_raw_with_their_line(tmp_path):
    text = PD_LIST + """\
claims:
  - kind: equilibrium
    profile: [D, D]
    text: "Both defect"
  - {kind: strictly_dominant, player: Row, strategy: D, weight: 0.5, when: 2024-13-45,
     n: !!int abc, flag: !!bool maybe}
"""
    game = load_text(tmp_path, text)
    assert len(game.claims) == 2
    first, second = game.claims
    assert first == {"kind": "equilibrium", "profile": ["D", "D"], "text": "Both defect",
                     "_line": 12}
    assert second["_line"] == 15
    assert second["weight"] == 0.5
    # values whose tag does not fit their text stay the text the user wrote
    assert second["when"] == "2024-13-45"
    assert second["n"] == "abc"
    assert second["flag"] == "maybe"


def test_json_is_read_by_the_same_loader(tmp_path):
    document = {
        "title": "Prisoner's dilemma",
        "players": [{"name": "Row", "strategies": ["C", {"id": "D", "label": "Defect"}]},
                    {"name": "Col", "strategies": ["C", "D"]}],
        "payoffs": [
            {"profile": ["C", "C"], "values": [3, "3"]},
            {"profile": {"Row": "C", "Col": "D"}, "values": {"Row": 0, "Col": 5}},
            {"profile": ["D", "C"], "values": [5, 0], "note": "temptation", "assumed": True},
            {"profile": ["D", "D"], "values": [1.0, "1/1"]},
        ],
        "claims": [{"kind": "equilibrium", "profile": ["D", "D"]}],
    }
    for indent, name in [(None, "one-line.json"), (2, "spaces.json"), ("\t", "tabs.json")]:
        game = load_text(tmp_path, json.dumps(document, indent=indent), name)
        assert payoffs_of(game) == PD_EXACT, name
        assert game.title == "Prisoner's dilemma"
        assert game.players[0].strategies[1].label == "Defect"
        assert dict(game.notes) == {(1, 0): "temptation"}
        assert game.assumed == frozenset({(1, 0)})
        assert game.claims[0]["kind"] == "equilibrium"
    # JSON's \\u escapes of a character beyond the BMP are a surrogate pair: one character
    document["title"] = "Smile \U0001F600"
    document["players"][0]["strategies"][0] = "\U0001F600"
    document["payoffs"][0]["profile"][0] = "\U0001F600"
    document["payoffs"][1]["profile"]["Row"] = "\U0001F600"
    game = load_text(tmp_path, json.dumps(document), "emoji.json")
    assert game.title == "Smile \U0001F600"
    assert game.players[0].ids == ("\U0001F600", "D")


def test_json_errors_have_lines(tmp_path):
    error = refused(tmp_path, (BAD / "unknown_strategy.json").read_text(), "bad.json")
    assert error.line == 9
    assert "unknown strategy id 'Z' for player 'Col'" in error.message


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(PD_LIST.encode()))
    game = load_game("-")
    assert payoffs_of(game) == PD_EXACT
    assert game.origin == "<stdin>"


def test_standard_input_errors_name_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(PD_LIST.replace("[D, D]", "[D, X]").encode()))
    with pytest.raises(GameError) as info:
        load_game("-")
    assert str(info.value).startswith("<stdin>:10: ")
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    with pytest.raises(GameError, match="file is empty"):
        load_game("-")
    monkeypatch.setattr(sys, "stdin", None)  # started with standard input closed
    with pytest.raises(GameError, match="standard input is closed"):
        load_game("-")


def test_byte_order_mark_is_accepted(tmp_path):
    game = load_text(tmp_path, b"\xef\xbb\xbf" + PD_LIST.encode())
    assert payoffs_of(game) == PD_EXACT


# ---------------------------------------------------------------------- refusals: fixtures
def expectations() -> list[tuple[Path, int, str]]:
    cases = []
    for path in sorted(BAD.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# expect: (\d+): (.+)", first)
        assert match, f"{path.name}: first line must be '# expect: LINE: FRAGMENT'"
        cases.append((path, int(match.group(1)), match.group(2)))
    cases.append((BAD / "unknown_strategy.json", 9, "unknown strategy id 'Z' for player 'Col'"))
    return cases


@pytest.mark.parametrize("path, line, fragment", expectations(),
                         ids=lambda v: getattr(v, "name", ""))
def test_bad_fixture_is_refused_with_message_and_line(path, line, fragment):
    before = path.read_bytes()
    with pytest.raises(GameError) as info:
        load_game(str(path))
    error = info.value
    assert fragment in error.message
    assert error.line == line, str(error)
    assert error.file == str(path)
    assert str(error).startswith(f"{path}:{line}: ")
    assert "\n" not in str(error)
    assert path.read_bytes() == before  # nothing the user gave is touched


def test_fixture_header_comment_is_harmless(tmp_path):
    """The fixtures are valid games but for their one fault: the header is just a comment."""
    assert payoffs_of(load_text(tmp_path, "# expect: 1: nothing\n" + PD_LIST)) == PD_EXACT


# ---------------------------------------------------------------------- refusals: files
def test_missing_file(tmp_path):
    with pytest.raises(GameError) as info:
        load_game(str(tmp_path / "nope.yaml"))
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_directory(tmp_path):
    with pytest.raises(GameError) as info:
        load_game(str(tmp_path))
    assert str(info.value) == f"{tmp_path}: is a directory, not a game file"


def test_unreadable_file(tmp_path):
    path = write(tmp_path, PD_LIST)
    path.chmod(0)
    try:
        try:
            path.open("rb").close()
        except PermissionError:
            pass
        else:
            pytest.skip("running as a user (root) who can read a chmod 000 file")
        with pytest.raises(GameError) as info:
            load_game(str(path))
        assert str(info.value) == f"{path}: permission denied"
    finally:
        path.chmod(0o644)


def test_binary_junk(tmp_path):
    junk = bytes(range(256)) * 4 + os.urandom(512)
    error = refused(tmp_path, junk, "junk.yaml")
    assert "binary data (NUL bytes)" in error.message


def test_not_utf8(tmp_path):
    error = refused(tmp_path, PD_LIST.replace("Col", "C\xf6l").encode("latin-1"))
    assert error.message == "not UTF-8 text"
    assert error.line == 4


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(64 * 1024 * 1024 + 10)
    with pytest.raises(GameError) as info:
        load_game(str(path))
    assert str(info.value) == f"{path}: file is larger than 64 MiB"


def test_utf16(tmp_path):
    error = refused(tmp_path, PD_LIST.encode("utf-16"))
    assert error.message == "UTF-16 text: save the file as UTF-8"


def test_odd_paths():
    with pytest.raises(GameError, match=r"^no game file given \(the path is empty\)$"):
        load_game("")
    with pytest.raises(GameError, match="not a valid file name"):
        load_game("game\x00.yaml")


@pytest.mark.parametrize("text, message", [
    ("", "file is empty"),
    ("  \n\n\t\n", "file is empty"),
    ("# only a comment\n", "the document is empty"),
    ("---\n...\n", "the game file must be a mapping (key: value), not empty"),
])
def test_empty(tmp_path, text, message):
    assert refused(tmp_path, text).message == message


@pytest.mark.parametrize("name", ['"Row\\nTwo"', '"Row\\u2028Two"', '"\\e[31mRed"', '"Ro\\x85w"'])
def test_names_with_control_characters(tmp_path, name):
    error = refused(tmp_path, PD_LIST.replace("name: Row", f"name: {name}"))
    assert "contains a control character" in error.message
    assert error.line == 2


def test_control_character_in_the_file(tmp_path):
    error = refused(tmp_path, PD_LIST.replace("name: Col", "name: C\x01ol"))
    assert error.line == 4
    assert "character #x0001 is not allowed" in error.message


@pytest.mark.parametrize("text", [
    "[" * 10000 + "]" * 10000,
    "{a: " * 10000 + "1" + "}" * 10000,
    "".join("  " * i + "- \n" for i in range(3000)),
    PD_LIST + "claims: [" + "[" * 5000 + "]" * 5000 + "]\n",
], ids=["lists", "mappings", "block", "claims"])
def test_deep_nesting(tmp_path, text):
    error = refused(tmp_path, text)
    assert "nested more than 200 levels deep" in error.message
    assert error.line is not None


def test_recursive_alias(tmp_path):
    error = refused(tmp_path, PD_LIST + "claims: &c [{kind: x, again: *c}]\n")
    assert "nested too deeply" in error.message


def billion_laughs(where: str) -> str:
    lines = ['  - &l0 {k: ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]}']
    for i in range(1, 10):
        lines.append(f"  - &l{i} {{k: [" + ", ".join([f"*l{i - 1}"] * 10) + "]}")
    return where + ":\n" + "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_by_the_node_budget(tmp_path):
    error = refused(tmp_path, PD_LIST + billion_laughs("claims"))
    assert "too many nodes" in error.message
    assert "aliases" in error.message
    assert 12 <= error.line <= 22


def test_billion_laughs_in_payoffs(tmp_path):
    text = """\
players:
  - {name: A, strategies: [x]}
payoffs:
  - &o {profile: [x], values: [1]}
  - *o
""" + "  - *o\n" * 100
    error = refused(tmp_path, text)
    assert error.message == "profile (x) is given twice"
    assert error.line == 4  # the node an alias refers to is where it was written


def alias_tables(n: int, k: int) -> str:
    """n players with k strategies each, every payoff table an alias of the next one."""
    ids = ", ".join(f"s{j}" for j in range(k))
    lines = ["players:"] + [f"  - {{name: P{p}, strategies: [{ids}]}}" for p in range(n)]
    lines.append("gamesolve:")
    values = "[" + ", ".join(["1"] * n) + "]"
    leaf = ", ".join(f"s{j}: {values}" for j in range(k))
    lines.append(f"  t{n - 1}: &t{n - 1} {{{leaf}}}")
    for d in range(n - 2, -1, -1):
        lines.append(f"  t{d}: &t{d} {{" + ", ".join(f"s{j}: *t{d + 1}" for j in range(k)) + "}")
    lines.append("payoffs: *t0")
    return "\n".join(lines) + "\n"


def test_alias_tables_cannot_blow_a_small_file_up_into_a_big_game(tmp_path):
    # 100,000 profiles, within the profile limit, written in about a kilobyte.  The work
    # allowed is in proportion to the nodes written, so this is refused like any
    # billion laughs...
    text = alias_tables(5, 10)
    assert len(text) < 1200
    error = refused(tmp_path, text)
    assert "too many nodes" in error.message
    # ... while aliases in an ordinary game are fine
    game = load_text(tmp_path, alias_tables(3, 3))
    assert game.shape == (3, 3, 3)
    assert game.exact_payoff(2, (2, 1, 0)) == 1


# ---------------------------------------------------------------------- refusals: size
def declared_game(n_players: int, n_strategies: int, payoffs: str = "not read") -> str:
    lines = ["players:"]
    for p in range(n_players):
        ids = ", ".join(f"s{j}" for j in range(n_strategies))
        lines.append(f"  - {{name: P{p}, strategies: [{ids}]}}")
    return "\n".join(lines) + f"\npayoffs: {payoffs}\n"


def test_profile_limit_refuses_before_payoffs_are_read(tmp_path):
    # the payoffs are not even a list: the limit must be the first thing that is wrong
    error = refused(tmp_path, declared_game(12, 10))
    assert "1,000,000,000,000 pure profiles" in error.message
    assert "limit of 10,000,000" in error.message
    assert "--max-profiles" in error.message
    assert error.line == 2


def test_profile_limit_applies_to_json(tmp_path):
    document = {"players": [{"name": f"P{p}", "strategies": [str(j) for j in range(10)]}
                            for p in range(12)], "payoffs": []}
    error = refused(tmp_path, json.dumps(document, indent=1), "big.json")
    assert "more than the limit of 10,000,000" in error.message
    assert error.line == 2


def rps_text() -> str:
    beats = {("R", "S"), ("S", "P"), ("P", "R")}
    lines = ["players:", "  - {name: A, strategies: [R, P, S]}",
             "  - {name: B, strategies: [R, P, S]}", "payoffs:"]
    for a in "RPS":
        for b in "RPS":
            v = 1 if (a, b) in beats else -1 if (b, a) in beats else 0
            lines.append(f"  - {{profile: [{a}, {b}], values: [{v}, {-v}]}}")
    return "\n".join(lines) + "\n"


def test_max_profiles_is_honoured(tmp_path):
    assert load_text(tmp_path, rps_text()).shape == (3, 3)
    error = refused(tmp_path, rps_text(), max_profiles=5)
    assert "9 pure profiles (3x3), more than the limit of 5" in error.message
    assert load_text(tmp_path, rps_text(), max_profiles=9).shape == (3, 3)


def test_large_declared_game_without_payoffs(tmp_path):
    # 10^7 profiles is within the default limit: refused for its missing payoffs without
    # allocating the payoff tensor first
    error = refused(tmp_path, declared_game(7, 10, "[]"))
    assert error.message == ("no payoffs for profile (s0, s0, s0, s0, s0, s0, s0)"
                             " (and 9999999 more missing)")
    assert error.line == 9


def test_game_beyond_memory_with_a_raised_limit(tmp_path):
    error = refused(tmp_path, declared_game(30, 10, "[]"), max_profiles=10**40)
    assert "too many to hold in memory" in error.message


def test_too_many_players(tmp_path):
    error = refused(tmp_path, declared_game(70, 1, "[]"))
    assert "game has 70 players" in error.message


def test_exponent_and_size_limits(tmp_path):
    for value, fragment in [("1e999999999", "out of range"), ("-1e-99999", "out of range"),
                            ("1e400", "too large"), ("-9" * 1 + "9" * 400, "too long")]:
        text = ("players: [{name: A, strategies: [x]}]\n"
                f"payoffs: [{{profile: [x], values: [{value}]}}]\n")
        error = refused(tmp_path, text)
        assert fragment in error.message, value
        assert error.line == 2


def test_too_many_distinct_denominators(tmp_path):
    primes = [p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p ** 0.5) + 1, 2))]
    ids = ", ".join(f"s{i}" for i in range(len(primes)))
    lines = ["players:", f"  - {{name: A, strategies: [{ids}]}}", "payoffs:"]
    lines += [f"  - {{profile: [s{i}], values: [1/{p}]}}" for i, p in enumerate(primes)]
    error = refused(tmp_path, "\n".join(lines) + "\n")
    assert "no common denominator below 2^256" in error.message
    assert error.line == 4


def test_huge_payoffs_over_a_fraction(tmp_path):
    # refused by the magnitude limit (1e150: products of two payoffs stay finite doubles)
    # before the scaled integers could outgrow floats
    text = "players: [{name: A, strategies: [x, y]}]\npayoffs: {x: [1e300], y: [1/1024]}\n"
    error = refused(tmp_path, text)
    assert "too large (beyond 1e150 in magnitude)" in error.message


def test_parse_game_errors_carry_no_file_name():
    with pytest.raises(GameError) as info:
        parse_game(PD_LIST.replace("[D, D]", "[D, X]"))
    assert info.value.file is None
    assert str(info.value).startswith("line 10: ")
