"""Outline blocks of the plain-words summary (top of ``analyze``) and the glossary.
Formatting only: the sentences come from :mod:`gamesolve.summary`."""

from __future__ import annotations

from typing import Any

from ..summary import glossary, plain_summary
from .outline_blocks import Block, Bullets, Heading, Para


def summary_blocks(result: Any) -> list[Block]:
    """The ``summary`` section: one paragraph in plain language."""
    sentences = plain_summary(result)
    if not sentences:
        return []
    return [Heading(2, "In plain words"), Para(" ".join(sentences))]


def glossary_blocks() -> list[Block]:
    """The ``glossary`` section: every term the report uses."""
    return [Heading(2, "Glossary"), Bullets(tuple((f"{term}:", text)
                                                  for term, text in glossary()))]
