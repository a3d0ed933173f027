"""Every format says the same things: each section of every shipped game (and of a game
with tied security strategies, with assumed numbers, and with --fix) is rendered as text,
Markdown, LaTeX and HTML, each rendering is turned back into plain words, and the facts in
it (strategy ids, numbers, verdicts, best-response and equilibrium marks) are counted: the
counts must be equal in every format.

The reference for the tie game is worked by hand (tests/data/chairmans_paradox.yaml):
every voter's security level is 0, reached by all three of its votes.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from gamesolve.analysis import analyze
from gamesolve.io import load_game
from gamesolve.model import apply_fix
from gamesolve.report.outline_analysis import analysis_outline
from gamesolve.report.sections import ANALYZE_SECTIONS, FORMATS, render

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.yaml"))
TIE_GAME = ROOT / "tests" / "data" / "chairmans_paradox.yaml"
CASES = {p.stem: (p, ()) for p in GAMES}
CASES["chairmans_paradox"] = (TIE_GAME, ())
# a sub-game of the game with assumed numbers
CASES["south_caucasus_extended --fix"] = (ROOT / "games" / "south_caucasus_extended.yaml",
                                          (("Israel", ["SAA", "NS"]),))
VERDICTS = {"SUPPORTED", "CONTRADICTED", "UNTESTABLE"}
NUMBER = re.compile(r"-?\d+(?:/\d+)?(?:\.\d+)?%?")
LEGEND = re.compile(r"Cells: \(.*?(?:pure Nash equilibrium|not from the source)\.", re.S)


@cache
def result(case: str):
    path, fix = CASES[case]
    game = load_game(str(path))
    if fix:
        game = apply_fix(game, [(p, list(ids)) for p, ids in fix])
    return analyze(game, method="pure" if game.n_players > 2 else "auto")


# ------------------------------------------------------------- back to plain words
def from_text(text: str) -> str:
    return text


def from_markdown(text: str) -> str:
    text = re.sub(r"\*\*(\(.*?\))\*\* NE", r"\1 [NE]", text)  # an equilibrium cell
    text = re.sub(r"(?m)^\*(.+)\*$", r"\1", text)  # a caption in italics
    text = text.replace("**", "")
    text = re.sub(r"(?m)^\|[-:| ]+\|$", "", text)  # a table's rule
    return re.sub(r"\\(.)", r"\1", text)


def from_latex(text: str) -> str:
    text = "\n".join(line for line in text.splitlines() if not line.startswith("%"))
    text = re.sub(r"\\fbox\{\$(.*?)\$\}", r"$\1$ [NE]", text)
    text = re.sub(r"\\underline\{([^}]*)\}", r"\1*", text)
    text = re.sub(r"\\textsuperscript\{a\}", " (a)", text)
    text = re.sub(r"\\parbox\[t\]\{[^}]*\}", "", text)
    text = re.sub(r"\\(?:begin|end)\{\w+\}(?:\[[^]]*\])?(?:\{[^}]*\})*", "", text)
    text = re.sub(r"\\label\{[^}]*\}", "", text)
    for latex, plain in ((r"\textbackslash{}", "\\"), (r"\_\allowbreak{}", "_"),
                         (r"\textless{}", "<"), (r"\textgreater{}", ">"),
                         (r"\textbar{}", "|"), (r"\ldots{}", "..."), ("``", '"'),
                         ("''", '"'), (",\\ ", ", ")):
        text = text.replace(latex, plain)
    text = re.sub(r"\\([&%$#_{}])", r"\1 ", text)
    text = re.sub(r"\\[a-zA-Z]+\*?", " ", text)
    return text.replace("{", " ").replace("}", " ").replace("$", "").replace("&", " ")


def from_html(text: str) -> str:
    text = re.sub(r"<style>.*?</style>|<title>.*?</title>", "", text, flags=re.S)
    text = re.sub(r'<span class="br">([^<]*)</span><sup>\*</sup>', r"\1*", text)
    text = text.replace('<span class="tag">NE</span>', " [NE]")
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


PLAIN = {"text": from_text, "markdown": from_markdown, "latex": from_latex,
         "html": from_html}


def facts(words: str, ids: set[str], title: str) -> Counter:
    """The facts in plain words: strategy ids and numbers (with a best-response mark
    '*'), verdicts and equilibrium marks; the title and the tables' legends (which word
    the marks differently in each format) are left out."""
    words = " ".join(words.replace(title, " ").split())
    words = LEGEND.sub(" ", words)
    found: Counter = Counter()
    for token in re.findall(r"\[NE\]|[\w./%+-]+\*?", words):
        token = token.rstrip(".") if not token.endswith("*") else token
        bare = token.rstrip("*")
        if token == "[NE]" or bare in ids or bare in VERDICTS or NUMBER.fullmatch(bare):
            found[token] += 1
    return found


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("section", [s.name for s in ANALYZE_SECTIONS])
def test_every_format_carries_the_same_facts(case: str, section: str) -> None:
    res = result(case)
    game = res.game
    ids = {s.id for p in game.players for s in p.strategies + p.unpriced}
    doc = analysis_outline(res, sections=[section])
    assert all(s.name in (section, "warnings") for s in doc.sections())
    counted = {fmt: facts(PLAIN[fmt](render(fmt, doc)), ids, doc.title) for fmt in FORMATS}
    for fmt in FORMATS[1:]:
        assert counted[fmt] == counted["text"], (
            f"{fmt} differs from text: only in {fmt}: "
            f"{dict(counted[fmt] - counted['text'])}, only in text: "
            f"{dict(counted['text'] - counted[fmt])}")


def test_the_comparison_sees_a_missing_fact() -> None:
    """The check above can fail: a renderer that drops a tied strategy is caught."""
    res = result("chairmans_paradox")
    ids = {"A", "B", "C"}
    doc = analysis_outline(res, sections=["players"])
    text = render("text", doc)
    assert text.count("0 with the pure strategies A, B, C (tied)") == 3
    dropped = render("markdown", doc).replace("strategies A, B, C (tied)", "strategy A")
    assert facts(from_markdown(dropped), ids, doc.title) != facts(text, ids, doc.title)


def test_tied_security_strategies_in_every_format() -> None:
    doc = analysis_outline(result("chairmans_paradox"), sections=["players"])
    for fmt in FORMATS:
        words = " ".join(PLAIN[fmt](render(fmt, doc)).split())
        assert words.count("0 with the pure strategies A, B, C (tied)") == 3, fmt


def test_extended_game_ties_in_every_format() -> None:
    doc = analysis_outline(result("south_caucasus_extended"), sections=["players"])
    for fmt in FORMATS:
        words = " ".join(PLAIN[fmt](render(fmt, doc)).split())
        assert "2 with the pure strategies BR, AI (tied)" in words, fmt


@pytest.mark.parametrize("case", sorted(CASES))
def test_solve_check_and_robustness_documents_agree_across_formats(case: str) -> None:
    from gamesolve.claims import check_claims
    from gamesolve.report.outline_analysis import equilibria_outline
    from gamesolve.report.outline_claims import claims_outline, robustness_outline
    from gamesolve.robustness import robustness

    res = result(case)
    game = res.game
    ids = {s.id for p in game.players for s in p.strategies + p.unpriced}
    docs = [equilibria_outline(game, res.equilibria), claims_outline(check_claims(game), game),
            robustness_outline(robustness(game, samples=200, seed=1), game)]
    seen = 0
    for doc in docs:
        counted = {fmt: facts(PLAIN[fmt](render(fmt, doc)), ids, doc.title)
                   for fmt in FORMATS}
        seen += sum(counted["text"].values())
        for fmt in FORMATS[1:]:
            assert counted[fmt] == counted["text"], (doc.title, fmt)
    assert seen > 0
