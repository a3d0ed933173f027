"""HTML report: one self-contained page (inline CSS, no scripts, no external resources).

Every piece of text is escaped here; tabulate's ``unsafehtml`` format lays out the
tables (it would escape our markup otherwise).  Each named section of the outline is a
``<section id="section-NAME">`` (prefixed: tables have ids too).  In payoff tables a
player's best-response payoff is underlined and followed by a raised *, and a pure Nash
equilibrium cell has a thick border, bold type and the tag NE, so nothing depends on
colour alone.  Formatting only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape as _escape

from ..analysis import AnalysisResult
from ..model import Game
from ..solvers.base import EquilibriumSet
from .markdown import (
    Block,
    Bullets,
    Cell,
    Heading,
    Outline,
    Para,
    PayoffCell,
    Section,
    Table,
    analysis_outline,
    claims_outline,
    equilibria_outline,
    robustness_outline,
)

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5;
       color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .8rem 0; }
caption { caption-side: top; text-align: left; font-style: italic; padding-bottom: .3rem; }
th, td { padding: .3rem .7rem; text-align: left; vertical-align: top;
         border-bottom: 1px solid #ddd; }
thead th { border-top: 2px solid #1a1a1a; border-bottom: 1px solid #1a1a1a; }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 2px solid #1a1a1a; }
td.c, th.c { text-align: center; }
td.r, th.r { text-align: right; }
span.payoff { font-variant-numeric: tabular-nums; white-space: nowrap; }
span.ne { display: inline-block; outline: 3px solid #0072b2; outline-offset: 2px;
          font-weight: bold; background: #e8f1f8; }
span.br { text-decoration: underline; text-underline-offset: 2px; }
span.tag { font-size: .75em; font-weight: bold; color: #0072b2; margin-left: .3em; }
p.legend { font-size: .9em; color: #444; margin-top: 0; }
li { margin: .25rem 0; }
@media print { body { margin: 0; max-width: none; } }
"""


def escape(text: str) -> str:
    """Text escaped for HTML (quotes too, so it is safe in attributes).

    >>> escape('<b>"R&D"</b>')
    '&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;'
    """
    return _escape(text, quote=True)


def payoff_cell(cell: PayoffCell) -> str:
    parts = [f'<span class="br">{escape(v)}</span><sup>*</sup>' if b else escape(v)
             for v, b in zip(cell.values, cell.best, strict=True)]
    inner = "(" + ", ".join(parts) + ")"
    if cell.equilibrium:
        inner += '<span class="tag">NE</span>'
    if cell.assumed:
        inner += '<sup title="numbers assumed, not from the source">(a)</sup>'
    return f'<span class="payoff{" ne" if cell.equilibrium else ""}">{inner}</span>'


def _cell(cell: Cell) -> str:
    return payoff_cell(cell) if isinstance(cell, PayoffCell) else escape(cell)


_PADDING_AFTER = re.compile(r"(<t[hd][^>]*>) +")
_PADDING_BEFORE = re.compile(r" +(</t[hd]>)")
ALIGN = {"l": "left", "c": "center", "r": "right", "p": "left"}  # tabulate's colalign


def table(b: Table) -> str:
    from tabulate import tabulate

    align = b.align or "l" * len(b.headers)
    text = tabulate([[_cell(c) for c in row] for row in b.rows],
                    headers=[escape(h) for h in b.headers], tablefmt="unsafehtml",
                    disable_numparse=True, colalign=[ALIGN[a] for a in align])
    opening = f'<table id="{escape(b.key)}">' if b.key else "<table>"
    if b.caption:
        opening += f"\n<caption>{escape(b.caption)}</caption>"
    # tabulate pads cells to the width of their markup: whitespace HTML does not need
    text = _PADDING_AFTER.sub(r"\1", _PADDING_BEFORE.sub(r"\1", text))
    out = [text.replace("<table>", opening, 1)]
    if b.legend:
        out.append('<p class="legend">' + escape(b.legend.sentence(
            "An underlined number with a raised *", "a framed bold cell tagged NE")) + "</p>")
    return "\n".join(out)


def block(b: Block) -> str:
    if isinstance(b, Heading):
        level = min(b.level, 6)
        return f"<h{level}>{escape(b.text)}</h{level}>"
    if isinstance(b, Para):
        lead = f"<strong>{escape(b.lead)}</strong> " if b.lead else ""
        return f"<p>{lead}{escape(b.text)}</p>"
    if isinstance(b, Bullets):
        items = []
        for item in b.items:
            if isinstance(item, tuple):
                items.append(f"<li><strong>{escape(item[0])}</strong> {escape(item[1])}</li>")
            else:
                items.append(f"<li>{escape(item)}</li>")
        return "<ul>\n" + "\n".join(items) + "\n</ul>"
    if isinstance(b, Table):
        return table(b)
    raise TypeError(f"unknown block {b!r}")  # pragma: no cover


def _section(s: Section) -> str:
    inner = ([block(Heading(s.level, s.title))] if s.title else []) + [block(b)
                                                                       for b in s.blocks]
    return f'<section id="section-{escape(s.name)}">\n' + "\n".join(inner) + "\n</section>"


def render_outline(doc: Outline) -> str:
    body = "\n".join(_section(b) if isinstance(b, Section) else block(b) for b in doc.blocks)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"gamesolve\">\n"
            f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<main>\n{body}\n</main>\n</body>\n</html>\n")


def render_analysis(result: AnalysisResult, exact: bool = False, digits: int = 4,
                    sections: Sequence[str] | None = None) -> str:
    """The analysis (or the ``sections`` named) as one self-contained HTML page."""
    return render_outline(analysis_outline(result, exact, digits, sections))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False,
                      digits: int = 4) -> str:
    """The equilibria as one self-contained HTML page."""
    return render_outline(equilibria_outline(game, eqs, exact, digits))


def render_check(report, game: Game) -> str:
    """Claim verdicts (``gamesolve check``) as one self-contained HTML page."""
    return render_outline(claims_outline(report, game))


def render_robustness(report, game: Game) -> str:
    """Robustness results (``gamesolve robustness``) as one self-contained HTML page."""
    return render_outline(robustness_outline(report, game))


__all__ = [
    "escape",
    "render_analysis",
    "render_check",
    "render_equilibria",
    "render_outline",
    "render_robustness",
]
