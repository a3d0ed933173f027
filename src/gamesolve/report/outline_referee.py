"""The referee's sections of ``analyze`` by name, as outline blocks: one place for the
rich reporters (:mod:`.outline_analysis`) and the text reporter to take them from.

>>> SECTIONS_TOP, SECTIONS_MIDDLE, SECTIONS_END
(('summary', 'scale'), ('structure', 'sequential', 'repeated'), ('glossary',))
"""

from __future__ import annotations

from typing import Any

from .outline_blocks import Block
from .outline_sequential import repetition_blocks, timing_blocks
from .outline_structure import scale_blocks, structure_blocks
from .outline_summary import glossary_blocks, summary_blocks

SECTIONS_TOP = ("summary", "scale")                       # right after the title
SECTIONS_MIDDLE = ("structure", "sequential", "repeated")  # after iterated elimination
SECTIONS_END = ("glossary",)                               # after the conclusion


def referee_section(result: Any, name: str) -> list[Block]:
    """The blocks of one named section for an AnalysisResult."""
    game = result.game
    if name == "summary":
        return summary_blocks(result)
    if name == "scale":
        return scale_blocks(game)
    if name == "structure":
        return structure_blocks(game, result.structure)
    if name == "sequential":
        return timing_blocks(game, result.timing)
    if name == "repeated":
        return repetition_blocks(game, result.repetition)
    if name == "glossary":
        return glossary_blocks()
    raise KeyError(name)


def referee_blocks(result: Any, names: tuple[str, ...]) -> list[Block]:
    out: list[Block] = []
    for name in names:
        out.extend(referee_section(result, name))
    return out
