"""The format-neutral outline of a report: the blocks every rich reporter renders.

An :class:`Outline` is a list of blocks: headings, paragraphs, bullet lists and tables
whose payoff cells know which numbers are best responses and whether the cell is an
equilibrium.  :mod:`.outline_analysis` and :mod:`.outline_claims` build outlines from
results; :mod:`.markdown`, :mod:`.latex` and :mod:`.html` only render them, each escaping
text its own way.  Formatting only: nothing here computes a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the title
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a bold lead-in such as "Source:"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str | tuple[str, str], ...]  # text, or (bold lead, text)


@dataclass(frozen=True)
class PayoffCell:
    """One pure profile's payoffs in a payoff table."""

    values: tuple[str, ...]
    best: tuple[bool, ...]  # values[p] is a best response of player p
    equilibrium: bool = False
    assumed: bool = False


Cell = str | PayoffCell


@dataclass(frozen=True)
class Legend:
    """What a payoff table's marks mean; each renderer words it for its own marks."""

    players: tuple[str, ...]
    assumed: bool
    unmarked: tuple[str, ...] = ()  # dummy players (one strategy...): nothing to mark

    def sentence(self, best: str, equilibrium: str) -> str:
        alone = ""
        if self.unmarked:
            names = self.unmarked
            alone = (f" ({', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}"
                     f"{names[-1]}: choice not modelled, not marked)")
        return (f"Cells: ({', '.join(self.players)}). {best} is a best response of that"
                f" player to the others' strategies{alone}; {equilibrium} is a pure Nash"
                " equilibrium"
                + ("; (a): numbers assumed, not from the source" if self.assumed else "")
                + ".")


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: str = ""  # one of l, c, r, p (wrapped text) per column; default all l
    caption: str = ""
    key: str = ""  # a short identifier (LaTeX \label, HTML id)
    legend: Legend | None = None  # for payoff tables: printed under the table
    main: bool = False  # a principal table (payoffs, equilibria): a float in LaTeX
    wrap: tuple[float, ...] = ()  # widths of the p columns (fractions of the line)


Block = Heading | Para | Bullets | Table


@dataclass
class Outline:
    title: str
    blocks: list = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
