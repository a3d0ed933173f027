"""The registry of report sections and the dispatch to the renderers.

``gamesolve analyze`` builds one document (an :class:`.outline_blocks.Outline`) whose
sections are listed, in reading order, in :data:`ANALYZE_SECTIONS`; ``--section NAME``
keeps only some of them.  Adding a section is one line here, naming a builder
``"module:function"`` inside ``gamesolve.report``, imported only when the section is
built (so that ``--help`` and start-up stay cheap)::

    SectionSpec("summary", "Summary", "outline_summary:summary_blocks",
                "the findings in a few sentences"),

A builder is ``function(result: AnalysisResult, options: ReportOptions) -> list[Block]``:
the section's blocks without its heading (the :class:`~.outline_blocks.Section` gets
``title`` as heading).  An empty list leaves the section out (nothing to say).  Every
format renders the same blocks, so a new section appears in text, Markdown, LaTeX and
HTML at once (``tests/test_report_facts.py`` checks that they carry the same facts);
the JSON report is a dump of the result and is extended separately.  Document the new
name with one row in the sections table of ``docs/reference/cli.md`` (a test compares
the two lists).

This module imports nothing heavy: the command line reads the names from it.

>>> names = [s.name for s in ANALYZE_SECTIONS]
>>> names[:4]
['overview', 'strategies', 'payoffs', 'players']
>>> section_spec("claims").title
'Claims'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

FORMATS = ("text", "markdown", "latex", "html")  # the renderers of an outline


@dataclass(frozen=True)
class ReportOptions:
    """How numbers are written: ``exact`` fractions for probabilities, ``digits``
    decimals for probabilities and payoffs that are not exact (exact fractions stay
    fractions)."""

    exact: bool = False
    digits: int = 4


@dataclass(frozen=True)
class SectionSpec:
    name: str  # stable: --section NAME, HTML ids, tests
    title: str  # the heading ("" for none)
    builder: str  # "module:function" in gamesolve.report
    help: str  # one line for the docs
    default: bool = True  # shown without --section
    always: bool = False  # shown even when --section selects others (warnings)

    def build(self) -> Callable:
        import importlib

        module, _, function = self.builder.partition(":")
        return getattr(importlib.import_module(f"gamesolve.report.{module}"), function)


# Reading order of ``gamesolve analyze``.  One line per section (see the module docstring).
ANALYZE_SECTIONS: list[SectionSpec] = [
    SectionSpec("overview", "", "outline_analysis:overview_blocks",
                "source, size, sub-game and description of the game"),
    SectionSpec("strategies", "Strategies", "outline_analysis:strategies_blocks",
                "every player's strategies, labels and descriptions"),
    SectionSpec("payoffs", "Payoff table", "outline_analysis:payoff_blocks",
                "the payoff table with best responses and pure equilibria marked"),
    SectionSpec("players", "Players", "outline_analysis:players_blocks",
                "per player: dominance, best responses, security level"),
    SectionSpec("equilibria", "Nash equilibria", "outline_analysis:equilibria_section",
                "the Nash equilibria, how they were found and verified"),
    SectionSpec("pareto", "Pareto-optimal outcomes", "outline_analysis:pareto_blocks",
                "the Pareto-optimal pure outcomes"),
    SectionSpec("elimination", "Iterated elimination of strictly dominated strategies",
                "outline_analysis:elimination_blocks",
                "iterated elimination of strictly dominated strategies, round by round"),
    SectionSpec("weak-elimination", "Iterated elimination of weakly dominated strategies",
                "outline_analysis:weak_elimination_blocks",
                "with --eliminate weak: weakly dominated strategies, round by round, and"
                " the order used"),
    SectionSpec("margins", "Stability margins", "outline_claims:margins_section",
                "exact stability margins of the conclusions"),
    SectionSpec("claims", "Claims", "outline_claims:claims_section",
                "verdicts on the claims stated in the game file"),
    SectionSpec("cells", "Cell by cell", "outline_analysis:cells_blocks",
                "a reading of every cell, with the source's notes"),
    SectionSpec("conclusion", "Conclusion", "outline_analysis:conclusion_blocks",
                "the conclusions in sentences"),
    SectionSpec("warnings", "Warnings", "outline_analysis:warnings_blocks",
                "what could not be decided, and why (always shown)", always=True),
]


def section_names(specs: Sequence[SectionSpec] = ANALYZE_SECTIONS) -> tuple[str, ...]:
    return tuple(s.name for s in specs)


def section_spec(name: str, specs: Sequence[SectionSpec] = ANALYZE_SECTIONS) -> SectionSpec:
    for spec in specs:
        if spec.name == name:
            return spec
    raise KeyError(name)


def selected(names: Sequence[str] | None,
             specs: Sequence[SectionSpec] = ANALYZE_SECTIONS) -> list[SectionSpec]:
    """The sections to build, in reading order: the default ones, or those named (plus
    the ones always shown)."""
    if not names:
        return [s for s in specs if s.default or s.always]
    unknown = [n for n in names if n not in section_names(specs)]
    if unknown:
        from ..errors import GameError

        raise GameError(f"unknown section {unknown[0]!r} (known: "
                        f"{', '.join(section_names(specs))})")
    return [s for s in specs if s.name in names or s.always]


def render(fmt: str, doc, standalone: bool = False) -> str:
    """An outline in one of :data:`FORMATS` (``standalone``: a whole LaTeX document)."""
    import importlib

    module = importlib.import_module(f"gamesolve.report.{'plain' if fmt == 'text' else fmt}")
    if fmt == "latex":
        return module.render_outline(doc, standalone=standalone)
    return module.render_outline(doc)
