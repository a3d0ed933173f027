"""Fuzzing the command line with hostile and broken game files.

Whatever the input, ``gamesolve validate`` and ``gamesolve analyze --method pure`` must end
with exit status 0, 1 or 2, never a traceback, and a refusal (status 2) is exactly one
line on standard error starting with ``gamesolve: error:``.  Deterministic (derandomized)
so that a failure is reproducible; kept to a few seconds.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamesolve.cli import main

ROOT = Path(__file__).parent.parent
GAME_FILES = sorted((ROOT / "games").glob("*.yaml"))
assert ROOT / "games" / "south_caucasus.yaml" in GAME_FILES
GAME_TEXTS = {path.name: path.read_bytes() for path in GAME_FILES}

COMMANDS = (["validate", "-"], ["analyze", "--method", "pure", "-"])

def fuzz(examples: int) -> settings:
    return settings(derandomize=True, database=None, deadline=None, max_examples=examples,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(args: list[str], data: str | bytes) -> None:
    result = CliRunner().invoke(main, args, input=data)
    context = f"{args} on input {data[:300]!r}...\n{result.output[-2000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}: {context}")
    assert result.exit_code in (0, 1, 2), context
    assert "Traceback" not in result.output, context
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, context
        assert lines[0].startswith("gamesolve: error: "), context
        assert result.stdout == "", context
    elif args[0] == "validate" and result.exit_code == 0:
        assert len(result.stdout.splitlines()) == 1, context


def check_all(data: str | bytes) -> None:
    for args in COMMANDS:
        check(list(args), data)


# ---------------------------------------------------------------------- (a) random documents
KEYS = ["players", "payoffs", "strategies", "unpriced", "profile", "values", "name", "id",
        "label", "description", "note", "assumed", "claims", "title", "source", "notes",
        "gamesolve", "kind", "player", "strategy"]
WORDS = ["x", "y", "C", "D", "A", "B", "Row", "Col", "1/2", "0.1", "-3", "1e3", "2/0",
         ".nan", "-.inf", "yes", "null", "", " ", "<<", "&a", "*a", "NFG", "1e999999"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.integers(),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(WORDS),
    st.fractions(max_denominator=50).map(str), st.text(max_size=6),
)
keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(WORDS), st.integers(-2, 2),
                 st.text(max_size=4))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=4)),
    max_leaves=20,
)
players_like = st.lists(
    st.dictionaries(st.sampled_from(["name", "strategies", "unpriced", "description", "id"]),
                    structures, max_size=4),
    max_size=3,
)
documents = st.one_of(
    st.dictionaries(st.sampled_from([*KEYS, "extra"]), structures, max_size=5),
    structures,
    st.fixed_dictionaries({"players": players_like, "payoffs": structures},
                          optional={"claims": structures, "title": scalars}),
)


@st.composite
def game_like(draw) -> dict:
    """Nearly valid games: right shape, with random slips in names, profiles and values."""
    n = draw(st.integers(1, 3))
    slip = st.integers(0, 12).map(lambda k: k == 0)  # True about one time in 13
    names = draw(st.lists(st.sampled_from(["A", "B", "C", "Row", "Col", "1"]), min_size=n,
                          max_size=n, unique=not draw(slip)))
    ids = st.sampled_from(["x", "y", "z", "T", "B", "1", "yes"])
    strategies = [draw(st.lists(ids, min_size=0 if draw(slip) else 1, max_size=3,
                                unique=not draw(slip))) for _ in range(n)]
    players = []
    for name, own in zip(names, strategies, strict=True):
        player: dict = {"name": name, "strategies": own}
        if draw(st.integers(0, 5)) == 0:
            player["unpriced"] = draw(st.lists(ids, max_size=2))
        players.append(player)
    number = st.one_of(st.integers(-10, 10), st.integers(-10, 10).map(str),
                       st.fractions(max_denominator=12).map(str),
                       st.decimals(allow_nan=True, places=2).map(str),
                       st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(WORDS),
                       st.none(), st.booleans())
    profiles = list(itertools.product(*strategies))[:30]
    outcomes = []
    for profile in profiles:
        if draw(st.integers(0, 15)) == 0:
            continue  # a missing profile
        count = n if draw(st.integers(0, 10)) else draw(st.integers(0, 4))
        values = [draw(number) if draw(st.integers(0, 6)) == 0 else draw(st.integers(-9, 9))
                  for _ in range(count)]
        outcome: dict = {"profile": list(profile), "values": values}
        if draw(st.integers(0, 8)) == 0:
            outcome["profile"] = dict(zip(names, profile, strict=True))
        if draw(st.integers(0, 8)) == 0:
            outcome["values"] = dict(zip(names, values, strict=False))  # a slip: wrong count
        if draw(st.integers(0, 8)) == 0:
            outcome["note"] = draw(st.text(max_size=10))
        if draw(st.integers(0, 8)) == 0:
            outcome["assumed"] = draw(scalars)
        outcomes.append(outcome)
        if draw(st.integers(0, 20)) == 0:
            outcomes.append(outcome)  # a doubled profile
    document: dict = {"title": draw(st.text(max_size=10)), "players": players,
                      "payoffs": outcomes}
    if draw(st.booleans()):
        document["claims"] = draw(st.lists(st.dictionaries(keys, structures, max_size=3),
                                           max_size=2))
    return document


@fuzz(200)
@given(documents)
def test_random_documents(document):
    check_all(yaml.safe_dump(document, allow_unicode=True))


@fuzz(150)
@given(game_like(), st.sampled_from(["yaml", "json", "flow"]))
def test_nearly_valid_games(document, style):
    if style == "json":
        text = json.dumps(document)
    else:
        text = yaml.safe_dump(document, default_flow_style=style == "flow", sort_keys=False)
    check_all(text)


# ---------------------------------------------------------------------- (b) byte mutations
mutations = st.lists(
    st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "junk"]),
              st.floats(0, 1), st.integers(0, 255), st.integers(1, 40)),
    min_size=1, max_size=4,
)


def mutate_bytes(data: bytes, steps) -> bytes:
    for kind, where, byte, length in steps:
        i = min(int(where * len(data)), max(len(data) - 1, 0))
        if kind == "flip":
            # mostly low bits: the text stays ASCII more often than not
            bit = 1 << (byte % 7 if byte % 5 else 7)
            data = data[:i] + bytes([data[i] ^ bit]) + data[i + 1:] if data else data
        elif kind == "insert":  # mostly printable ASCII, now and then any byte
            data = data[:i] + bytes([byte if byte >= 224 else 32 + byte % 95]) + data[i:]
        elif kind == "delete":
            data = data[:i] + data[i + length:]
        elif kind == "truncate":
            data = data[:i]
        else:
            data = data[:i] + bytes((byte * k + 7) % 256 for k in range(length)) + data[i:]
    return data


@fuzz(150)
@given(st.sampled_from(sorted(GAME_TEXTS)), mutations)
def test_byte_mutations_of_shipped_games(name, steps):
    check_all(mutate_bytes(GAME_TEXTS[name], steps))


# ---------------------------------------------------------------------- (c) text mutations
NUMBER = re.compile(r"(?<![\w.\-/])-?\d+(?:\.\d+)?(?:/\d+)?(?![\w./])")
REPLACEMENTS = ['"seven"', "'3'", "abc", "~", "yes", ".nan", "-.inf", "1e999999999", "[1]",
                "{a: 1}", "0.1", "2/3", "-0", "1e400"]

edits = st.lists(
    st.tuples(st.sampled_from(["number", "drop_outcome", "duplicate_line", "delete_line",
                               "swap_lines"]),
              st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(REPLACEMENTS)),
    min_size=1, max_size=3,
)


def drop_outcome(lines: list[str], pick: int) -> list[str]:
    """Delete one '- profile:' entry (a flow one-liner or a block with its indented lines)."""
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- profile")
              or line.lstrip().startswith("- {profile")]
    if not starts:
        return lines
    start = starts[pick % len(starts)]
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return lines[:start] + lines[end:]


def mutate_text(text: str, steps) -> str:
    for kind, a, b, replacement in steps:
        lines = text.split("\n")
        if kind == "number":
            found = list(NUMBER.finditer(text))
            if found:
                m = found[a % len(found)]
                text = text[:m.start()] + replacement + text[m.end():]
            continue
        if kind == "drop_outcome":
            lines = drop_outcome(lines, a)
        elif kind == "duplicate_line":
            i = a % len(lines)
            lines.insert(i, lines[i])
        elif kind == "delete_line":
            del lines[a % len(lines)]
        else:
            i, j = a % len(lines), b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        text = "\n".join(lines)
    return text


@fuzz(150)
@given(st.sampled_from(sorted(GAME_TEXTS)), edits)
def test_text_mutations_of_shipped_games(name, steps):
    check_all(mutate_text(GAME_TEXTS[name].decode("utf-8"), steps))


def test_mutators_do_what_they_say():
    text = GAME_TEXTS["south_caucasus.yaml"].decode("utf-8")
    assert "values: [2, 5, 5]" in text
    dropped = mutate_text(text, [("drop_outcome", 0, 0, "")])
    assert "values: [2, 5, 5]" not in dropped
    assert "values: [3, 4, 6]" in dropped
    changed = mutate_text("values: [2, 5, 5]", [("number", 1, 0, '"seven"')])
    assert changed == 'values: [2, "seven", 5]'
    assert mutate_bytes(b"abc", [("truncate", 0.5, 0, 1)]) == b"a"
    assert mutate_bytes(b"abc", [("delete", 0.0, 0, 2)]) == b"c"


# ---------------------------------------------------------------------- (c) numbers and names
# Numbers as a hostile user writes them: huge or tiny exponents, thousands of digits,
# fractions with long denominators, non-ASCII digits, signs and points in odd places.
DIGITS = "0123456789\u0660\u0661\u06f1\u0967\uff11\U0001d7ce"  # with Arabic-Indic, full-width...
number_texts = st.one_of(
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-10**6, 10**6),
              st.integers(-10**12, 10**12)),
    st.builds(lambda a, b: f"{a}/{b}", st.integers(-10**80, 10**80), st.integers(-10**80, 10**80)),
    st.builds(lambda n: "9" * n, st.integers(1, 6000)),
    st.builds(lambda n: "0." + "0" * n + "1", st.integers(0, 700)),
    st.text(alphabet=DIGITS + "+-.eE/_ ", min_size=1, max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=8),
)
# Names: random Unicode with the characters that make two names look alike
TRICKY = ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u0301", " ", "\t",
          "\u00a0", "\u2028", "e\u0301", "\u00e9", "\uff32", "R", "r"]
name_texts = st.one_of(
    st.text(max_size=6),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join),
    st.builds(lambda a, b: a + b, st.sampled_from(["Row", "row", "ROW", "Caf\u00e9"]),
              st.sampled_from(TRICKY + [""])),
)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@fuzz(250)
@given(number_texts, st.sampled_from(["yaml-plain", "yaml-quoted", "json", "nfg", "claim"]))
def test_numbers_never_crash(number, place):
    if place == "nfg":
        if any(c in number for c in '{}"\n\r \t,'):
            number = "".join(c for c in number if c not in '{}"\n\r \t,') or "x"
        text = f'NFG 1 R "t" {{ "A" "B" }} {{ 2 1 }}\n1 2 {number} 4\n'
    elif place == "json":
        text = json.dumps({"players": [{"name": "A", "strategies": ["x", "y"]},
                                       {"name": "B", "strategies": ["u"]}],
                           "payoffs": [{"profile": ["x", "u"], "values": [1, 2]},
                                       {"profile": ["y", "u"], "values": [number, 4]}]})
    else:
        value = quoted(number) if place in ("yaml-quoted", "claim") or "\n" in number else number
        payoff = "3" if place == "claim" else value
        text = ("players:\n  - {name: A, strategies: [x, y]}\n  - {name: B, strategies: [u]}\n"
                f"payoffs:\n  - {{profile: [x, u], values: [1, 2]}}\n"
                f"  - {{profile: [y, u], values: [{payoff}, 4]}}\n")
        if place == "claim":
            text += f"claims:\n  - {{text: t, kind: payoff_range, player: A, min: {value}}}\n"
    check_all(text)
    if place != "nfg":
        check(["check", "-"], text)


@fuzz(250)
@given(name_texts, name_texts, st.sampled_from(["strategies", "players", "nfg"]))
def test_names_never_crash(a, b, place):
    if place == "strategies":
        text = (f"players:\n  - name: A\n    strategies: [{quoted(a)}, {quoted(b)}]\n"
                f"  - {{name: B, strategies: [u]}}\npayoffs:\n"
                f"  - {{profile: [{quoted(a)}, u], values: [1, 2]}}\n"
                f"  - {{profile: [{quoted(b)}, u], values: [3, 4]}}\n")
    elif place == "players":
        text = (f"players:\n  - {{name: {quoted(a)}, strategies: [x]}}\n"
                f"  - {{name: {quoted(b)}, strategies: [u]}}\n"
                "payoffs:\n  - {profile: [x, u], values: [1, 2]}\n")
    else:
        clean = [s.replace("\\", "").replace('"', "") for s in (a, b)]
        text = f'NFG 1 R "t" {{ "{clean[0]}" "{clean[1]}" }} {{ 1 1 }}\n1 2\n'
    check_all(text)
