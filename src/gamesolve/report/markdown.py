"""Markdown report (GitHub-flavoured: pipe tables with alignment, drawn by tabulate).

Renders the format-neutral outline (:mod:`.outline_blocks`) that
:mod:`.outline_analysis` and :mod:`.outline_claims` build; every piece of text is
escaped here before tabulate lays it out.  The outline's names are re-exported here,
where the LaTeX and HTML reporters import them.  Formatting only.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import AnalysisResult
from ..model import Game
from ..solvers.base import EquilibriumSet
from .outline_analysis import analysis_outline, equilibria_outline
from .outline_blocks import (
    Block,
    Bullets,
    Cell,
    Heading,
    Outline,
    Para,
    PayoffCell,
    Section,
    Table,
)
from .outline_claims import claims_outline, robustness_outline

_MD_SPECIAL = set("\\`*_[]<>|#~")


def escape(text: str) -> str:
    """Text that Markdown shows literally (one line: newlines become spaces).

    >>> escape("a_b | *c* <d>")
    'a\\\\_b \\\\| \\\\*c\\\\* \\\\<d\\\\>'
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in " ".join(text.split()))


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return escape(cell)
    parts = [escape(v) + ("\\*" if b else "") for v, b in zip(cell.values, cell.best, strict=True)]
    text = "(" + ", ".join(parts) + ")"
    if cell.equilibrium:
        text = f"**{text}** NE"
    if cell.assumed:
        text += " (a)"
    return text


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + escape(block.text)
    if isinstance(block, Para):
        lead = f"**{escape(block.lead)}** " if block.lead else ""
        return lead + escape(block.text)
    if isinstance(block, Bullets):
        lines = []
        for item in block.items:
            if isinstance(item, tuple):
                lines.append(f"- **{escape(item[0])}** {escape(item[1])}")
            else:
                lines.append(f"- {escape(item)}")
        return "\n".join(lines)
    if isinstance(block, Table):
        from tabulate import tabulate

        align = block.align or "l" * len(block.headers)
        lines = []
        if block.caption and block.main:
            lines.append(f"*{escape(block.caption)}*\n")
        lines.append(tabulate([[_md_cell(c) for c in row] for row in block.rows],
                              headers=[escape(h) for h in block.headers], tablefmt="pipe",
                              disable_numparse=True, colalign=[ALIGN[a] for a in align]))
        if block.legend:
            lines.append("\n" + escape(block.legend.sentence(
                "A number followed by *", "a bold cell marked NE")))
        return "\n".join(lines)
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover


ALIGN = {"l": "left", "c": "center", "r": "right", "p": "left"}  # tabulate's colalign


def render_outline(doc: Outline) -> str:
    return "\n\n".join(_md_block(b) for b in doc.flat()) + "\n"


def render_analysis(result: AnalysisResult, exact: bool = False, digits: int = 4,
                    sections: Sequence[str] | None = None) -> str:
    """The analysis (or the ``sections`` named) as a GitHub-flavoured Markdown document."""
    return render_outline(analysis_outline(result, exact, digits, sections))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False,
                      digits: int = 4) -> str:
    """The equilibria as GitHub-flavoured Markdown."""
    return render_outline(equilibria_outline(game, eqs, exact, digits))


def render_check(report, game: Game) -> str:
    """Claim verdicts (``gamesolve check``) as GitHub-flavoured Markdown."""
    return render_outline(claims_outline(report, game))


def render_robustness(report, game: Game) -> str:
    """Robustness results (``gamesolve robustness``) as GitHub-flavoured Markdown."""
    return render_outline(robustness_outline(report, game))


__all__ = [
    "Block",
    "Bullets",
    "Cell",
    "Heading",
    "Outline",
    "Para",
    "PayoffCell",
    "Section",
    "Table",
    "analysis_outline",
    "claims_outline",
    "equilibria_outline",
    "escape",
    "render_analysis",
    "render_check",
    "render_equilibria",
    "render_outline",
    "render_robustness",
    "robustness_outline",
]
