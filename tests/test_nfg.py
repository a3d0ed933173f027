"""Gambit .nfg reading and writing: both body forms, errors with lines, round trips,
and cross-checks against pygambit in both directions."""

from __future__ import annotations

import io
import itertools
import random
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.io.nfg import parse_nfg, write_nfg
from gamesolve.model import Game, Player, Strategy
from gamesolve.names import clean_name, name_key

if TYPE_CHECKING:
    import pygambit  # only the tests that importorskip it use it

F = Fraction


# ---------------------------------------------------------------------- helpers
def assert_same_game(a: Game, b: Game) -> None:
    assert [p.name for p in a.players] == [p.name for p in b.players]
    assert [p.ids for p in a.players] == [p.ids for p in b.players]
    assert a.title == b.title
    assert a.description == b.description
    assert a.shape == b.shape
    for p in range(a.n_players):
        assert np.array_equal(a.exact_array(p), b.exact_array(p))
    assert np.array_equal(a.payoffs, b.payoffs)


def random_game(rng: np.random.Generator, rational: bool) -> Game:
    n = int(rng.integers(2, 5))
    shape = tuple(int(s) for s in rng.integers(1, 5, size=n))
    if n == 4:  # keep the test fast
        shape = tuple(min(s, 3) for s in shape)
    numerators = rng.integers(-50, 51, size=(n,) + shape)
    if rational:
        denominators = rng.integers(1, 13, size=(n,) + shape)
        values = np.empty((n,) + shape, dtype=object)
        for index in np.ndindex(*values.shape):
            values[index] = F(int(numerators[index]), int(denominators[index]))
    else:
        values = numerators
    odd = ['a"b', "c\\d", "e\\", "é x", 'q\\"', "1"]
    players = [
        Player(f"P{p + 1}" if p else 'Row "player"',
               tuple(Strategy(odd[(p + i) % len(odd)] + str(i)) for i in range(s)))
        for p, s in enumerate(shape)
    ]
    return Game.from_payoffs(values, players, title=f"random {n}", description="a\nb \\ \"c\"")


def gambit_payoff(game: pygambit.Game, profile: tuple[int, ...], player: int) -> Fraction:
    outcome = game[list(profile)]
    if outcome is None:  # the null outcome
        return F(0)
    return F(outcome[list(game.players)[player]])  # Rational or Decimal: both exact


def assert_gambit_matches(ggame: pygambit.Game, game: Game) -> None:
    gplayers = list(ggame.players)
    assert [len(p.strategies) for p in gplayers] == list(game.shape)
    for profile in game.profiles():
        for p in range(game.n_players):
            assert gambit_payoff(ggame, profile, p) == game.exact_payoff(p, profile)


def fail(text: str, **kwargs) -> GameError:
    with pytest.raises(GameError) as info:
        parse_nfg(text, **kwargs)
    assert "\n" not in str(info.value)
    return info.value


# ---------------------------------------------------------------------- payoff form
PAYOFF_FORM = '''NFG 1 R "Labelled \\"game\\"" { "Alice" "Bob" }

{ { "Up" "Down" }
{ "L" "M" "R" }
}
"a comment
over two lines"

1 -1   1/2, 0.25   -3/4 1e-3
2.5E1 +7  0 0  -0.5 .5
'''


def test_payoff_form_with_labels_rationals_and_decimals():
    g = parse_nfg(PAYOFF_FORM)
    assert g.title == 'Labelled "game"'
    assert g.description == "a comment\nover two lines"
    assert [p.name for p in g.players] == ["Alice", "Bob"]
    assert g.players[0].ids == ("Up", "Down") and g.players[1].ids == ("L", "M", "R")
    # player 1 varies fastest: (Up,L) (Down,L) (Up,M) (Down,M) (Up,R) (Down,R)
    expected = {
        (0, 0): (1, -1), (1, 0): (F(1, 2), F(1, 4)), (0, 1): (F(-3, 4), F(1, 1000)),
        (1, 1): (25, 7), (0, 2): (0, 0), (1, 2): (F(-1, 2), F(1, 2)),
    }
    for profile, payoffs in expected.items():
        assert g.exact_payoffs(profile) == tuple(F(v) for v in payoffs)
    assert g.payoffs[1][0, 1] == pytest.approx(0.001)


def test_payoff_form_counts_nfg_d_and_defaults():
    g = parse_nfg('NFG 1 D "" { "" "" } { 1 2 }\n4 5 6 7')
    assert [p.name for p in g.players] == ["Player 1", "Player 2"]
    assert g.players[1].ids == ("1", "2")
    assert g.title == "" and g.description == ""
    assert g.exact_payoffs((0, 1)) == (6, 7)
    assert g.is_integer and g.scaled.dtype == np.int64


def test_player_one_fastest_on_asymmetric_2x3():
    # payoff k (0-based) of the flat list is profile k // 2, player k % 2
    body = " ".join(str(k) for k in range(12))
    g = parse_nfg(f'NFG 1 R "t" {{ "A" "B" }} {{ 2 3 }}\n{body}')
    assert g.shape == (2, 3)
    for k, (b, a) in enumerate(itertools.product(range(3), range(2))):
        assert g.exact_payoffs((a, b)) == (2 * k, 2 * k + 1)
    assert g.scaled[0].tolist() == [[0, 4, 8], [2, 6, 10]]


def test_player_one_fastest_on_2x2x2():
    body = " ".join(str(k) for k in range(24))
    g = parse_nfg(f'NFG 1 R "t" {{ "A" "B" "C" }} {{ 2 2 2 }}\n{body}')
    for k, (c, b, a) in enumerate(itertools.product(range(2), repeat=3)):
        assert g.exact_payoffs((a, b, c)) == (3 * k, 3 * k + 1, 3 * k + 2)
    # outcome form: the same order
    outcomes = " ".join(f'{{ "o{k}" {3 * k}, {3 * k + 1}, {3 * k + 2} }}' for k in range(8))
    h = parse_nfg(f'NFG 1 R "t" {{ "A" "B" "C" }} {{ 2 2 2 }}\n{{ {outcomes} }}\n'
                  + " ".join(str(k + 1) for k in range(8)))
    assert_same_game(g, h)


def test_strings_escapes_and_label_fallbacks():
    g = parse_nfg('NFG 1 R "say \\"hi\\" a\\\\b c\\d" { "P\\"1" "" }\n'
                  '{ { "x" "x" } { "" "y" } }\n1 2 3 4 5 6 7 8')
    assert g.title == 'say "hi" a\\b c\\d'
    assert [p.name for p in g.players] == ['P"1', "Player 2"]
    # duplicated or empty labels: ids 1, 2, ... and the label kept as the label
    assert g.players[0].strategies == (Strategy("1", "x"), Strategy("2", "x"))
    assert g.players[1].strategies == (Strategy("1", ""), Strategy("2", "y"))


# ---------------------------------------------------------------------- outcome form
OUTCOME_FORM = '''NFG 1 R "Outcomes" { "Row" "Col" }
{ { "T" "B" } { "l" "r" } }

{
{ "win" 1, -1 }
{ "draw" 1/2, 1/2 }
{ "odd" 0.125 -2e2 }
}
1 0 3
2
'''


def test_outcome_form_with_null_outcome():
    g = parse_nfg(OUTCOME_FORM)
    assert g.players[0].ids == ("T", "B") and g.players[1].ids == ("l", "r")
    assert g.description == ""
    assert g.exact_payoffs((0, 0)) == (1, -1)
    assert g.exact_payoffs((1, 0)) == (0, 0)  # the null outcome
    assert g.exact_payoffs((0, 1)) == (F(1, 8), -200)
    assert g.exact_payoffs((1, 1)) == (F(1, 2), F(1, 2))
    assert g.denominators == (8, 2)


def test_outcome_form_with_no_outcomes_and_all_null():
    g = parse_nfg('NFG 1 R "z" { "A" "B" } { 1 2 } "c" { } 0 0')
    assert g.scaled.tolist() == [[[0, 0]], [[0, 0]]] and g.description == "c"


# ---------------------------------------------------------------------- errors
HEAD = 'NFG 1 R "t" { "A" "B" }\n{ 2 2 }\n'
OUT = HEAD + '{\n{ "a" 1 2 }\n{ "b" 3 4 }\n}\n'

ERRORS = [
    ("\n\nNGF 1 R", "not a Gambit .nfg file: expected 'NFG' at the start, found 'NGF'", 3),
    ("NFG 2 R \"t\" { }", "unsupported NFG version '2' (only version 1)", 1),
    ("NFG 1 X \"t\"", "expected 'R' or 'D' after 'NFG 1', found 'X'", 1),
    ("NFG 1 R { \"A\" }", "expected the game title (a quoted string), found '{'", 1),
    ("NFG 1 R \"t\" { \"A\" \"B }\n{ 2 2 }\n1 2 3 4", "unterminated quoted string", 1),
    (HEAD + '"comment\n1 2 3', "unterminated quoted string", 3),
    (HEAD + '"c\\"', "unterminated quoted string", 3),
    ("NFG 1 R \"t\" { }", "the game has no players", 1),
    ("NFG 1 R \"t\" {" + ' ""' * 40 + "\n}", "the game has 40 players; at most 32", 2),
    ("NFG 1 R \"t\"\n{ \"A\"\n\"A\" }", "duplicate player name 'A'", 3),
    ("NFG 1 R \"t\" { \"A\" 7 }", "expected a player name (a quoted string) or '}', found '7'", 1),
    ("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2\n0 }", "player 'B' has no strategies", 3),
    ("NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"x\" }\n{ } }", "player 'B' has no strategies", 3),
    ("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 }", "strategies given for 1 of the 2 players", 2),
    ("NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 2 2 }", "more strategy lists than players", 2),
    ("NFG 1 R \"t\" { \"A\" }\n{ 2.5 }", "strategy count '2.5' is not a whole number", 2),
    ("NFG 1 R \"t\" { \"A\" }\n{ -2 }", "strategy count '-2' is negative", 2),
    ("NFG 1 R \"t\" { \"A\" }\n{ 1e300 }", "strategy count '1e300' is too large", 2),
    ("NFG 1 R \"t\" { \"A\" }", "unexpected end of file: expected '{' before the strategies", 1),
    (HEAD + '"comment"\n', "unexpected end of file: expected the payoffs or outcomes", 3),
    (HEAD + "1 2\n3 4\n5 6\n7", "expected 8 payoffs (4 profiles x 2 players), found 7", 6),
    (HEAD + "1 2\n3 4\n5 6\n7 8\n9", "expected 8 payoffs (4 profiles x 2 players), found 9", 7),
    (HEAD + "1 2\n3 4\nx1 6\n7 8", "payoff 'x1' is not a number", 5),
    (HEAD + "1 2\n3 nan\n5 6\n7 8", "payoff 'nan' is not finite", 4),
    (HEAD + "1 2\n3 4\n-inf 6\n7 8", "payoff '-inf' is not finite", 5),
    (HEAD + "1 2\n3 4\n5 6\n7 1/0", "payoff '1/0' has a zero denominator", 6),
    (HEAD + "1 2\n3 4\n5 6\n7 1e999", "payoff '1e999' is out of range", 6),
    (HEAD + "1 2\n3 4\n5 6\n7 8\njunk", "unexpected 'junk' after the last of the payoffs", 7),
    (HEAD + "1 2 3 4 5 6 7 8 }", "unexpected '}' after the last of the payoffs", 3),
    (OUT + "1 2 0\n5", "outcome 5 is not defined (the file defines 2)", 8),
    (OUT + "1 2 0 -1", "outcome index '-1' is not a whole number >= 0", 7),
    (OUT + "1 2 0", "expected 4 outcome indices (one per profile), found 3", 7),
    (OUT + "1 2 0 1 2", "expected 4 outcome indices (one per profile), found 5", 7),
    (OUT + "1 2 0 1\nend", "unexpected 'end' after the last of the outcome indices", 8),
    (HEAD + '{\n{ "a" 1 2 }\n{ "b" 3 }\n}\n1 2 1 2', "outcome 2 has 1 payoffs, expected 2", 5),
    (HEAD + '{\n{ "a" 1 2 }\n{ "b" 3 y }\n}\n1 2 1 2', "payoff 'y' is not a number", 5),
    (HEAD + '{\n{ "a" 1 2 }\n{ 3 4 }\n}\n1 2 1 2', "expected the name of outcome 2", 5),
    (HEAD + '{\n{ "a" 1 2 \n{ "b" 3 4 }\n}\n1 1 1 1', "expected '}' to end outcome 1", 5),
]


@pytest.mark.parametrize("text, message, line", ERRORS)
def test_errors_name_what_and_where(text, message, line):
    error = fail(text)
    assert message in error.message
    assert error.line == line
    assert str(error).startswith(f"line {line}: ")


def test_mutated_files_fail_only_with_game_errors():
    rng = random.Random(7)
    pieces = ["{", "}", '"', '"x"', "1", "0", "-1", "1/0", "nan", "NFG", "\\", "\n", ",", "2.5"]
    for base in (PAYOFF_FORM, OUTCOME_FORM):
        for _ in range(400):
            chars = list(base)
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(chars))
                if rng.random() < 0.4:
                    del chars[k]
                else:
                    chars.insert(k, rng.choice(pieces))
            try:
                parse_nfg("".join(chars))
            except GameError as exc:
                assert "\n" not in str(exc) and exc.line is not None


def test_empty_text():
    assert fail("  \n ").message == "file is empty"


def test_profile_limit_refuses_a_huge_header_at_once():
    names = " ".join(f'"P{i}"' for i in range(12))
    text = f'NFG 1 R "huge" {{ {names} }}\n{{ {" ".join(["10"] * 12)} }}\n1 2 3'
    error = fail(text)  # refused from the header: 10**12 profiles are never allocated
    assert "1,000,000,000,000 pure profiles" in error.message and error.line == 2
    # a label list can be refused too, and a small limit applies to small games
    assert "4 pure profiles" in fail(HEAD + "1 2 3 4 5 6 7 8", max_profiles=3).message
    assert parse_nfg(HEAD + "1 2 3 4 5 6 7 8", max_profiles=4).shape == (2, 2)


def test_load_game_names_the_file(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text(PAYOFF_FORM)
    assert load_game(str(path)).players[0].ids == ("Up", "Down")
    path.write_text(HEAD + "1 2\n3 4\n5 x\n7 8")
    with pytest.raises(GameError) as info:
        load_game(str(path))
    assert str(info.value) == f"{path}:5: payoff 'x' is not a number" \
        " (use an integer, a decimal or a fraction like 2/3)"


def test_big_payoff_file_reads_every_cell_exactly():
    """The bulk reader of large integer payoff lists (its speed is measured in
    benchmarks/bench_loading.py, not here) puts every number in its cell: the first
    player's strategy varies fastest in Gambit's profile order."""
    rng = np.random.default_rng(6)
    values = rng.integers(-99, 100, size=(5**6, 6))
    body = "\n".join(" ".join(map(str, row)) for row in values.tolist())
    text = 'NFG 1 R "big" { "1" "2" "3" "4" "5" "6" } { 5 5 5 5 5 5 }\n' + body
    g = parse_nfg(text)
    assert g.shape == (5,) * 6 and g.scaled.dtype == np.int64
    for k in [0, 1, 4, 5, 777, 5**6 - 1, *rng.integers(0, 5**6, 50).tolist()]:
        profile = tuple((k // 5**p) % 5 for p in range(6))
        assert [g.exact_payoff(p, profile) for p in range(6)] == values[k].tolist()


# ---------------------------------------------------------------------- writing
def test_write_forms_exact_text():
    g = Game.from_payoffs([[[1, F(-1, 3)]], [[F(5, 2), 0]]],
                          (Player("R", (Strategy("u"),)), Player("C", (Strategy("l"),
                                                                       Strategy('m"')))),
                          title="T", description="d")
    assert write_nfg(g) == (
        'NFG 1 R "T" { "R" "C" }\n\n{ { "u" }\n{ "l" "m\\"" }\n}\n"d"\n\n1 5/2\n-1/3 0\n')
    assert write_nfg(g, "outcome").endswith(
        '{\n{ "(u, l)" 1, 5/2 }\n{ "(u, m\\")" -1/3, 0 }\n}\n1 2\n')
    with pytest.raises(GameError, match=r"unknown \.nfg form 'table'"):
        write_nfg(g, "table")


@pytest.mark.parametrize("form", ["payoff", "outcome"])
@pytest.mark.parametrize("seed", range(12))
def test_round_trip_random_games(seed, form):
    g = random_game(np.random.default_rng(seed), rational=seed % 2 == 1)
    assert_same_game(parse_nfg(write_nfg(g, form)), g)


def test_round_trip_big_integers_and_parsed_files():
    edge = parse_nfg('NFG 1 R "" { "A" } { 2 } -9223372036854775808 9223372036854775807')
    assert edge.exact_array(0).tolist() == [-2**63, 2**63 - 1]
    big = 2**70 + 1
    g = Game.from_payoffs([[[big, -big]], [[F(1, 3 * big), 0]]])
    assert g.scaled.dtype == object
    for form in ("payoff", "outcome"):
        assert_same_game(parse_nfg(write_nfg(g, form)), g)
        for text in (PAYOFF_FORM, OUTCOME_FORM):
            once = parse_nfg(text)
            assert_same_game(parse_nfg(write_nfg(once, form)), once)


fractions_st = st.one_of(
    st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**4),
    st.integers(-2**70, 2**70),
)


def valid_name(text: str) -> bool:
    """Names gamesolve accepts (NFC, visible, no surrounding spaces): others are refused."""
    try:
        return clean_name(text, "name") == text
    except GameError:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), form=st.sampled_from(["payoff", "outcome"]))
def test_property_rational_tensors_round_trip_exactly(data, form):
    shape = tuple(data.draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    values = data.draw(st.lists(fractions_st, min_size=len(shape) * int(np.prod(shape)),
                                max_size=len(shape) * int(np.prod(shape))))
    tensor = np.empty((len(shape),) + shape, dtype=object)
    tensor.ravel()[:] = values
    labels = st.text(min_size=1, max_size=6).filter(valid_name)
    players = [Player(data.draw(labels) + f"#{p}",
                      tuple(Strategy(s) for s in data.draw(
                          st.lists(labels, min_size=k, max_size=k, unique_by=name_key))))
               for p, k in enumerate(shape)]
    g = Game.from_payoffs(tensor, players, title=data.draw(st.text(max_size=8)),
                          description=data.draw(st.text(max_size=8)))
    back = parse_nfg(write_nfg(g, form))
    assert_same_game(back, g)
    for index in np.ndindex(*tensor.shape):
        assert back.exact_payoff(index[0], index[1:]) == tensor[index]


# ---------------------------------------------------------------------- pygambit
def test_pygambit_files_read_by_gamesolve():
    pygambit = pytest.importorskip("pygambit")
    rng = np.random.default_rng(42)
    for shape in [(2, 3), (2, 2, 2), (3, 1, 2)]:
        arrays = [np.array([F(int(a), int(b)) for a, b in zip(
            rng.integers(-9, 10, size=shape).ravel(), rng.integers(1, 5, size=shape).ravel())],
            dtype=object).reshape(shape) for _ in shape]
        ggame = pygambit.Game.from_arrays(*arrays, title="from gambit")
        for p, player in enumerate(ggame.players):
            player.label = f"Player {chr(65 + p)}"
            for j, strategy in enumerate(player.strategies):
                strategy.label = f"s{p}{j}"
        ggame.description = 'described "here"'
        g = parse_nfg(ggame.to_nfg())
        assert g.title == "from gambit" and g.description == 'described "here"'
        assert [p.name for p in g.players] == [p.label for p in ggame.players]
        assert [p.ids for p in g.players] == [
            tuple(s.label for s in p.strategies) for p in ggame.players]
        for p in range(len(shape)):
            assert np.array_equal(g.exact_array(p), arrays[p])
        assert_gambit_matches(ggame, g)


@pytest.mark.parametrize("form", ["payoff", "outcome"])
def test_gamesolve_files_read_by_pygambit(tmp_path, form):
    pygambit = pytest.importorskip("pygambit")
    for seed in range(6):
        # plain labels: pygambit reads backslashes in labels its own way
        odd = random_game(np.random.default_rng(100 + seed), rational=seed % 2 == 0)
        g = Game.from_payoffs(
            np.stack([odd.exact_array(p) for p in range(odd.n_players)]),
            [Player(f"Q{p}", tuple(Strategy(f"x{p}{j}") for j in range(s)))
             for p, s in enumerate(odd.shape)], title=f"seed {seed}", description="desc")
        path = tmp_path / f"g{seed}.nfg"
        path.write_text(write_nfg(g, form))
        ggame = pygambit.read_nfg(str(path))
        assert ggame.title == g.title and ggame.description == "desc"
        assert [p.label for p in ggame.players] == [p.name for p in g.players]
        assert [tuple(s.label for s in p.strategies) for p in ggame.players] == [
            p.ids for p in g.players]
        assert_gambit_matches(ggame, g)
        assert_gambit_matches(pygambit.read_nfg(io.StringIO(write_nfg(g, form))), g)


@pytest.mark.parametrize("text", [
    PAYOFF_FORM.replace(",", "").replace("+7", "7"),  # gambit: no commas here, no '+'
    OUTCOME_FORM,
    ('NFG 1 R "gambit style" { "1" "2" }\n\n{ { "a\\b" "q\\"x" }\n{ "1" }\n}\n""\n\n'
     '{\n{ "" 1/3, 1 }\n{ "_2" -5/7, 3 }\n}\n1 2\n'),
])
def test_both_readers_agree_on_the_same_text(text):
    pygambit = pytest.importorskip("pygambit")
    g = parse_nfg(text)
    ggame = pygambit.read_nfg(io.StringIO(text))
    assert_gambit_matches(ggame, g)
    assert g.title == ggame.title
