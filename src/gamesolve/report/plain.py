"""Plain-text rendering of a format-neutral outline (:mod:`.outline_blocks`).

Headings are underlined, paragraphs wrapped at 92 columns, tables drawn by tabulate's
``simple`` format.  New sections and commands render their text through
:func:`render_outline`; formatting only.

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

WIDTH = 92


def _cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    text = "(" + ", ".join(v + ("*" if b else "") for v, b in zip(cell.values, cell.best)) + ")"
    if cell.equilibrium:
        text = f"[{text}]"
    if cell.assumed:
        text += " (a)"
    return text


def _wrap(text: str, indent: str = "", first: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first or indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


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
        from tabulate import tabulate

        rows = [[_cell(c) for c in row] for row in block.rows]
        text = tabulate(rows, headers=list(block.headers), tablefmt="simple",
                        disable_numparse=True)
        parts = [block.caption] if block.caption and block.main else []
        parts.append(text)
        if block.legend:
            parts.append(_wrap(block.legend.sentence("A number followed by *",
                                                     "a cell in [brackets]")))
        return "\n".join(parts)
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover


def render_outline(doc: Outline) -> str:
    """The outline as plain text: blocks separated by a blank line, headings glued to
    what follows them."""
    out: list[str] = []
    previous: Block | None = None
    for block in doc.blocks:
        if previous is not None and not isinstance(previous, Heading):
            out.append("\n")
        out.append(render_block(block) + "\n")
        previous = block
    return "".join(out)
