"""Plain-text rendering of a format-neutral outline (:mod:`.outline_blocks`): the text
reports of every command.

Headings are underlined, paragraphs wrapped at 88 columns, tables drawn by tabulate's
``simple`` format (wrapped columns only when a table would be wider than the line).
New sections and commands render their text through :func:`render_outline`; formatting
only.

>>> from .outline_blocks import Heading, Outline, Para, Table
>>> doc = Outline("t", [Heading(2, "Moves"), Para("Iran moves first."),
...                     Table(("order", "outcome"), (("Iran, Israel", "(ITA, SAA)"),))])
>>> print(render_outline(doc), end="")
Moves
=====
Iran moves first.
<BLANKLINE>
order         outcome
------------  ----------
Iran, Israel  (ITA, SAA)
"""

from __future__ import annotations

import textwrap

from .outline_blocks import Block, Bullets, Cell, Heading, Outline, Para, Table

WIDTH = 88
TABLE_WIDTH = 110  # a wider table gets its wrapped (p) columns wrapped to fit WIDTH
LEGEND_MARKS = ("A number followed by *", "a cell marked [NE]")


def _cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    text = "(" + ", ".join(v + ("*" if b else "")
                           for v, b in zip(cell.values, cell.best, strict=True)) + ")"
    if cell.equilibrium:
        text += " [NE]"
    if cell.assumed:
        text += " (a)"
    return text


def _wrap(text: str, indent: str = "", first: str = "") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=first or indent,
                         subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def table_text(block: Table) -> str:
    """The table drawn by tabulate's ``simple`` format, every column left-aligned (as
    the text reports always were); the wrapped (``p``) columns are wrapped, to fit
    ``WIDTH``, only when the table is wider than ``TABLE_WIDTH``."""
    from tabulate import tabulate

    rows = [[_cell(c) for c in row] for row in block.rows]
    align = ["left"] * len(block.headers)
    text = tabulate(rows, headers=list(block.headers), tablefmt="simple",
                    disable_numparse=True, colalign=align)
    if max(map(len, text.splitlines()), default=0) > TABLE_WIDTH and "p" in block.align:
        shares = iter(block.wrap if len(block.wrap) == block.align.count("p")
                      else [0.5 / block.align.count("p")] * block.align.count("p"))
        widths = [max(8, int(next(shares) * WIDTH)) if a == "p" else None
                  for a in block.align]
        text = tabulate(rows, headers=list(block.headers), tablefmt="simple",
                        disable_numparse=True, colalign=align, maxcolwidths=widths)
    return text


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        rule = "=" if block.level <= 2 else "-"
        return f"{block.text}\n{rule * len(block.text)}"
    if isinstance(block, Para):
        return _wrap(f"{block.lead} {block.text}" if block.lead else block.text)
    if isinstance(block, Bullets):
        lines = []
        for item in block.items:
            text = f"{item[0]} {item[1]}" if isinstance(item, tuple) else item
            lines.append(_wrap(text, indent="  ", first="- "))
        return "\n".join(lines)
    if isinstance(block, Table):
        parts = [block.subtitle] if block.subtitle else []
        parts.append(table_text(block))
        if block.legend:
            parts.append(_wrap(block.legend.sentence(*LEGEND_MARKS)))
        return "\n".join(parts)
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover


def render_outline(doc: Outline) -> str:
    """The outline as plain text: blocks separated by a blank line, headings glued to
    what follows them (sections are flattened: their heading, then their blocks)."""
    out: list[str] = []
    previous: Block | None = None
    for block in doc.flat():
        if previous is not None and (not isinstance(previous, Heading)
                                     or isinstance(block, Heading)):
            out.append("\n")
        out.append(render_block(block) + "\n")
        previous = block
    return "".join(out)
