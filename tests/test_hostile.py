"""Hostile input through the command line: numbers, names, sizes and option values.

Every case must end with exit status 2 and exactly one short line on standard error starting
``gamesolve: error:``, naming the place, never a traceback (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamesolve.cli import main

ROOT = Path(__file__).resolve().parents[1]
PD = str(ROOT / "games" / "prisoners_dilemma.yaml")
MAX_LINE = 400  # the offending text is quoted on at most ~60 characters


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    return result


def refused(*args: str, fragments: tuple[str, ...] = (), input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gamesolve: error: "), lines[0]
    assert len(lines[0]) < MAX_LINE, lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def nfg(payoff: str) -> str:
    return ('NFG 1 R "t" { "A" "B" } { { "x" "y" } { "u" } }\n'
            f"1 2\n{payoff} 4\n")


def yaml_game(payoff: str) -> str:
    return ("players:\n  - {name: A, strategies: [x, y]}\n  - {name: B, strategies: [u]}\n"
            f"payoffs:\n  - {{profile: [x, u], values: [1, 2]}}\n"
            f"  - {{profile: [y, u], values: [{payoff}, 4]}}\n")


# ---------------------------------------------------------------------- numbers
NUMBER_CASES = [
    ("1e-310", "too small to hold as a float"),
    ("1e-400", "too small to hold as a float"),
    ("1e308", "too large (beyond 1e150"),
    ("-1e308", "too large (beyond 1e150"),
    ("1" + "0" * 400, "too long"),
    ("9" * 5000, "too long"),
    ("1/" + "7" * 5000, "too long"),
    ("1e400", "too large"),
    ("1e999999999", "out of range"),
    ("1e99999", "out of range"),
    ("\u0661\u0662", "non-ASCII digits"),
    ("\uff11\uff12", "non-ASCII digits"),
    ("nan", "not finite"),
    ("3/0", "zero denominator"),
]


@pytest.mark.parametrize("payoff, fragment", NUMBER_CASES, ids=[c[0][:12] for c in NUMBER_CASES])
def test_nfg_payoffs(tmp_path, payoff, fragment):
    path = tmp_path / "g.nfg"
    path.write_text(nfg(payoff), encoding="utf-8")
    line = refused("validate", str(path), fragments=(f"{path}:3: ", fragment))
    assert payoff not in line or len(payoff) < 60


@pytest.mark.parametrize("payoff, fragment", NUMBER_CASES, ids=[c[0][:12] for c in NUMBER_CASES])
def test_yaml_payoffs(tmp_path, payoff, fragment):
    path = tmp_path / "g.yaml"
    path.write_text(yaml_game(f'"{payoff}"'), encoding="utf-8")
    refused("validate", str(path), fragments=(f"{path}:6: ", fragment))


@pytest.mark.parametrize("payoff, fragment", [c for c in NUMBER_CASES if c[0] != "nan"],
                         ids=[c[0][:12] for c in NUMBER_CASES if c[0] != "nan"])
def test_json_payoffs(tmp_path, payoff, fragment):
    document = {"players": [{"name": "A", "strategies": ["x", "y"]},
                            {"name": "B", "strategies": ["u"]}],
                "payoffs": [{"profile": ["x", "u"], "values": [1, 2]},
                            {"profile": ["y", "u"], "values": [payoff, 4]}]}
    text = json.dumps(document, indent=1, ensure_ascii=False)
    if payoff.isascii() and "/" not in payoff:  # also as a bare JSON number
        text = text.replace(f'"{payoff}"', payoff)
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    refused("validate", str(path), fragments=(fragment,))


@pytest.mark.parametrize("bound, fragment", [
    ("1e99999", "out of range"), ("1e999999999", "out of range"),
    ("1.0e+99999", "out of range"), ("9" * 5000, "too long"), ("-0.5e-350", "too small"),
    ("\u0663", "non-ASCII digits")])
def test_claim_bounds(tmp_path, bound, fragment):
    path = tmp_path / "g.yaml"
    path.write_text(yaml_game("3") + "claims:\n"
                    f"  - {{text: t, kind: payoff_range, player: A, min: {bound}}}\n",
                    encoding="utf-8")
    refused("check", str(path), fragments=(f"{path}:8: ", fragment))


# ---------------------------------------------------------------------- names
def two_strategies(a: str, b: str) -> str:
    return (f'players:\n  - name: A\n    strategies: ["{a}", "{b}"]\n'
            "  - {name: B, strategies: [u]}\npayoffs: []\n")


@pytest.mark.parametrize("a, b, fragment", [
    ("Caf\u00e9", "Cafe\u0301", "duplicate strategy id"),
    ("Row", "row", "apart from case"),
    ("\uff32ow", "Row", "apart from case"),
    ("A\u200bB", "AB", "invisible formatting character (U+200B)"),
    ("A\u200dB", "AB", "invisible formatting character (U+200D)"),
    ("\u202eAB", "AB", "invisible formatting character (U+202E)"),
    ("AB ", "AB", "begins or ends with white space"),
    (" AB", "AB", "begins or ends with white space"),
    ("A\\tB", "AB", "control character"),
    ("A\\nB", "AB", "control character"),
], ids=["nfc-nfd", "case", "full-width", "zwsp", "zwj", "bidi", "trailing", "leading", "tab",
        "newline"])
def test_strategy_ids(tmp_path, a, b, fragment):
    path = tmp_path / "g.yaml"
    path.write_text(two_strategies(a, b), encoding="utf-8")
    refused("validate", str(path), fragments=(f"{path}:3: ", fragment))


def test_player_names_equal_after_folding_name_both_lines(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("players:\n  - {name: Row, strategies: [x]}\n"
                    "  - {name: ROW, strategies: [y]}\npayoffs: []\n", encoding="utf-8")
    refused("validate", str(path), fragments=(f"{path}:3: ", "'ROW'", "'Row'",
                                              "first at line 2"))


def test_nfg_names(tmp_path):
    path = tmp_path / "g.nfg"
    path.write_text('NFG 1 R "t" { "Row" "row" } { 1 1 }\n1 2\n', encoding="utf-8")
    refused("validate", str(path), fragments=("duplicate player name 'row'",))
    path.write_text('NFG 1 R "t" { "A\u200b" "B" } { 1 1 }\n1 2\n', encoding="utf-8")
    refused("validate", str(path), fragments=("invisible formatting character",))


def test_names_are_kept_in_nfc(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("players:\n  - {name: A, strategies: [\"Cafe\u0301\"]}\n"
                    "payoffs:\n  - {profile: [\"Caf\u00e9\"], values: [1]}\n", encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0


# ---------------------------------------------------------------------- size
def many_strategies(n: int) -> str:
    ids = "\n".join(f"      - s{i}" for i in range(n))
    return (f"players:\n  - name: A\n    strategies:\n{ids}\n  - name: B\n    strategies:\n{ids}\n"
            "payoffs: []\n")


def test_huge_strategy_lists_are_refused_by_the_profile_limit(tmp_path):
    # 2 x 125,000 strategies (about 2.5 MB): refused while the players are streamed,
    # before the file is composed (benchmarks/bench_loading.py times it)
    path = tmp_path / "big.yaml"
    path.write_text(many_strategies(125_000))
    refused("validate", str(path), fragments=("more than 10,000,000 pure profiles",
                                              "--max-profiles"))
    data = {"players": [{"name": "A", "strategies": [f"s{i}" for i in range(125_000)]},
                        {"name": "B", "strategies": [f"s{i}" for i in range(125_000)]}],
            "payoffs": []}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    refused("validate", str(path), fragments=(f"{path}:1: ", "pure profiles"))


def test_the_prescan_is_not_fooled_by_nesting(tmp_path):
    # strategies given as mappings, extra keys before them: still counted right
    ids = "\n".join(f"      - {{id: s{i}, label: 'S {i}'}}" for i in range(5000))
    text = (f"players:\n  - name: A\n    description: d\n    strategies:\n{ids}\n"
            f"  - name: B\n    strategies:\n{ids}\npayoffs: []\n")
    path = tmp_path / "big.yaml"
    path.write_text(text)
    refused("validate", str(path), "--max-profiles", "1000",
            fragments=("more than 1,000 pure profiles",))


# ---------------------------------------------------------------------- options
@pytest.mark.parametrize("args, fragment", [
    (("robustness", "--noise", "1e308"), "--noise '1e308' is too large"),
    (("robustness", "--noise", "nan"), "not finite"),
    (("robustness", "--noise", "inf"), "not finite"),
    (("robustness", "--noise", "-1"), "too small"),
    (("solve", "--timeout", "1e15"), "--timeout '1e15' is too large"),
    (("solve", "--timeout", "0"), "too small"),
    (("robustness", "--samples", "1000000000000"), "--samples"),
    (("robustness", "--samples", "\u0661\u0660"), "non-ASCII digits"),
    (("robustness", "--samples", "2.5"), "not a whole number"),
    (("robustness", "--seed", "1e999999999"), "out of range"),
    (("robustness", "--jobs", "0"), "--jobs"),
    (("analyze", "--max-profiles", "-5"), "--max-profiles"),
])
def test_numeric_options(args, fragment):
    refused(*args, PD, fragments=(fragment,))


def test_negative_zero_noise_is_zero():
    result = run("robustness", "--noise", "-0", "--samples", "20", PD)
    assert result.exit_code == 0, result.output


def test_the_bulk_reader_accepts_only_what_the_general_reader_accepts(tmp_path):
    # outcomes as arrays of pairs, not objects: refused although they spell the right words
    outcomes = [[["profile", [x, "u"]], ["values", [1, 2]]] for x in ("x", "y")]
    document = {"players": [{"name": "A", "strategies": ["x", "y"]},
                            {"name": "B", "strategies": ["u"]}], "payoffs": outcomes}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(document, indent=1))
    refused("validate", str(path), fragments=("must be a mapping",))
    for bad, fragment in ((True, "must be a number"), ("1e999", "out of range")):
        document["payoffs"] = [{"profile": [x, "u"], "values": [1, bad]} for x in ("x", "y")]
        path.write_text(json.dumps(document, indent=1))
        refused("validate", str(path), fragments=(fragment,))
    document["payoffs"] = [{"profile": ["x", "u"], "values": [1, 2]}] * 2
    path.write_text(json.dumps(document, indent=1))
    refused("validate", str(path), fragments=("given twice",))


def test_long_names_and_long_lists_stay_short_in_messages(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(two_strategies("x" * 5000, "y"), encoding="utf-8")
    refused("validate", str(path), fragments=("is too long: at most 200 characters",))
    ids = ", ".join(f"s{i}" for i in range(3000))
    path.write_text(f"players:\n  - {{name: A, strategies: [{ids}]}}\n"
                    "payoffs:\n  - {profile: [zz], values: [1]}\n")
    refused("validate", str(path), fragments=("unknown strategy id 'zz'", "and 2,988 more"))
