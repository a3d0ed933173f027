"""Outline blocks of the plain-words summary (top of ``analyze``) and the glossary: the
builders of the ``summary`` and ``glossary`` sections (registry: :mod:`.sections`).
Formatting only: the sentences come from :mod:`gamesolve.summary`."""

from __future__ import annotations

from ..analysis import AnalysisResult
from ..summary import glossary, plain_summary
from .outline_blocks import Block, Bullets, Para
from .sections import ReportOptions


def summary_blocks(result: AnalysisResult, options: ReportOptions | None = None) -> list[Block]:
    """The ``summary`` section: one paragraph in plain language (none when there is
    nothing to say)."""
    sentences = plain_summary(result)
    if not sentences:
        return []
    return [Para(" ".join(sentences))]


def glossary_blocks(result: AnalysisResult | None = None,
                   options: ReportOptions | None = None) -> list[Block]:
    """The ``glossary`` section: every term the report uses."""
    return [Bullets(tuple((f"{term}:", text) for term, text in glossary()))]
