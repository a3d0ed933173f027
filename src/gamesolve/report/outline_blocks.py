"""The format-neutral outline of a report: the blocks every rich reporter renders.

An :class:`Outline` is a list of blocks: headings, paragraphs, bullet lists and tables
whose payoff cells know which numbers are best responses and whether the cell is an
equilibrium, grouped in :class:`Section` blocks that carry a stable name (what
``--section NAME`` selects; the registry is :mod:`.sections`).  :mod:`.outline_analysis`
and :mod:`.outline_claims` build outlines from results; :mod:`.plain` (text),
:mod:`.markdown`, :mod:`.latex` and :mod:`.html` only render them, each escaping text its
own way and drawing every table with tabulate.  Formatting only: nothing here computes a
result.
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
    unmarked: tuple[str, ...] = ()  # players with a single strategy: nothing to mark

    def sentence(self, best: str, equilibrium: str) -> str:
        alone = ""
        if self.unmarked:
            names = self.unmarked
            alone = (f" ({', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}"
                     f"{names[-1]} {'has' if len(names) == 1 else 'have'} a single strategy,"
                     " not marked)")
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
    subtitle: str = ""  # a short line over the table in plain text ("Israel = SAA")


@dataclass(frozen=True)
class Section:
    """A named part of a report: its heading (none when ``title`` is empty) and blocks.

    ``name`` is stable (``--section NAME``, HTML ids, tests); ``title`` is for readers.
    """

    name: str
    title: str
    blocks: tuple = ()  # of Block (no nested Section)
    level: int = 2


Block = Heading | Para | Bullets | Table


@dataclass
class Outline:
    title: str
    blocks: list = field(default_factory=list)  # of Block and Section

    def add(self, *blocks: Block | Section) -> None:
        self.blocks.extend(blocks)

    def sections(self) -> list[Section]:
        """The named sections, in order."""
        return [b for b in self.blocks if isinstance(b, Section)]

    def flat(self) -> list[Block]:
        """Every block in reading order, each section's heading first.

        >>> doc = Outline("t", [Heading(1, "t"), Section("a", "A", (Para("x"),))])
        >>> [type(b).__name__ for b in doc.flat()]
        ['Heading', 'Heading', 'Para']
        """
        out: list[Block] = []
        for b in self.blocks:
            if isinstance(b, Section):
                if b.title:
                    out.append(Heading(b.level, b.title))
                out.extend(b.blocks)
            else:
                out.append(b)
        return out
