"""HTML report: one self-contained page (inline CSS, no scripts, no external resources).

Every piece of text is escaped.  In payoff tables a player's best-response payoff is
underlined and followed by a raised *, and a pure Nash equilibrium cell has a thick
border, bold type and the tag NE, so nothing depends on colour alone.  Formatting only.
"""

from __future__ import annotations

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
td.payoff { font-variant-numeric: tabular-nums; white-space: nowrap; text-align: center; }
td.ne { outline: 3px solid #0072b2; outline-offset: -3px; font-weight: bold;
        background: #e8f1f8; }
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
    return f'<td class="payoff{" ne" if cell.equilibrium else ""}">{inner}</td>'


def _class(align: str) -> str:
    return f' class="{align}"' if align in ("c", "r") else ""


def _td(cell: Cell, align: str, first: bool) -> str:
    if isinstance(cell, PayoffCell):
        return payoff_cell(cell)
    if first:
        return f'<th scope="row"{_class(align)}>{escape(cell)}</th>'
    return f"<td{_class(align)}>{escape(cell)}</td>"


def table(b: Table) -> str:
    align = b.align or "l" * len(b.headers)
    row_headers = b.main and b.legend is not None  # payoff tables: first column labels rows
    out = [f'<table id="{escape(b.key)}">' if b.key else "<table>"]
    if b.caption:
        out.append(f"<caption>{escape(b.caption)}</caption>")
    heads = "".join(f'<th scope="col"{_class(a)}>{escape(h)}</th>'
                    for h, a in zip(b.headers, align, strict=True))
    out.append(f"<thead><tr>{heads}</tr></thead>")
    out.append("<tbody>")
    for row in b.rows:
        cells = "".join(_td(c, a, row_headers and k == 0)
                        for k, (c, a) in enumerate(zip(row, align, strict=True)))
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
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


def render_outline(doc: Outline) -> str:
    body = "\n".join(block(b) for b in doc.blocks)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"gamesolve\">\n"
            f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<main>\n{body}\n</main>\n</body>\n</html>\n")


def render_analysis(result: AnalysisResult, exact: bool = False) -> str:
    """The analysis as one self-contained HTML page."""
    return render_outline(analysis_outline(result, exact))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False) -> str:
    """The equilibria as one self-contained HTML page."""
    return render_outline(equilibria_outline(game, eqs, exact))



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
