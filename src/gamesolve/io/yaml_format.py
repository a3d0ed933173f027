"""The YAML (and JSON) game format: parsing with line numbers and validation.

The file is composed into PyYAML's node graph with the *safe* loader (no Python
objects), then walked by hand so that every error can name the line of the node at
fault.  Aliases are followed under a budget of visited nodes, so a "billion laughs"
document is refused after a bounded amount of work.  The reference of the format is
``docs/reference/yaml-format.md``.  This module composes the document and sizes it;
:mod:`.yaml_nodes` walks nodes (the alias budget, line numbers, number and text checks);
:mod:`.yaml_reader` reads them into a :class:`~gamesolve.model.Game`.
"""

from __future__ import annotations

import yaml

from ..errors import GameError
from ..model import Game
from .documents import (
    JSONNeedsYAML,
    compose_json,
    compose_yaml,
    looks_like_json,
    node_budget,
    prescan_players,
)
from .source import DEFAULT_MAX_PROFILES
from .yaml_nodes import Walker
from .yaml_reader import GameReader, check_partial_counts


def parse_game(text: str, max_profiles: int = DEFAULT_MAX_PROFILES, fmt: str = "yaml") -> Game:
    """Parse a YAML or JSON game document (errors carry line numbers, not the file name).

    ``fmt`` is "json" (read by the json module), "yaml", or "auto" (JSON when the text
    looks like it, else YAML: standard input).  A JSON document the reader refuses is read
    again as YAML, whose nodes know their lines, to name the line in the message.
    """
    if fmt == "json" or (fmt == "auto" and looks_like_json(text)):
        root = None
        try:
            root = compose_json(text)
        except JSONNeedsYAML:
            pass
        except GameError:
            if fmt == "json":
                raise
        if root is not None:
            try:
                return read_document(root, text, max_profiles)
            except GameError as exc:
                if exc.message.startswith(SIZE_ERRORS):  # no need to compose it again
                    raise exc.located(line=players_line(text)) from None
            except RecursionError:
                pass
    else:
        prescan_players(text, lambda counts, line: check_partial_counts(counts, max_profiles,
                                                                         line))
    return read_document(compose_yaml(text), text, max_profiles)


SIZE_ERRORS = ("game has ",)


def players_line(text: str) -> int | None:
    """The line of the first ``"players"`` key of a JSON text (for a size error)."""
    at = text.find('"players"')
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def read_document(root: yaml.Node, text: str, max_profiles: int) -> Game:
    walker = Walker(node_budget(text))
    try:
        return GameReader(walker, max_profiles).read(root)
    except RecursionError:
        raise GameError("the document is nested too deeply") from None
