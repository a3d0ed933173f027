"""From a file's text to a node graph the game reader walks: fast where it can be, safe always.

* JSON goes through the standard :mod:`json` module (C speed), straight into PyYAML node
  objects (so one reader serves both formats).  Its nodes carry no line numbers: when the
  reader refuses such a document, the caller reads it again through the YAML composer (JSON
  is YAML) to name the line (:func:`gamesolve.io.yaml_format.parse_game`).
* YAML goes through libyaml's C composer (``yaml.CSafeLoader``) when PyYAML has it, with a
  memoised tag resolver; errors of small files are re-read by the pure-Python composer,
  whose messages are the most precise, big ones keep libyaml's (with the line).
* The safeguards hold on every path: the file size (:mod:`.source`), nesting (libyaml
  refuses beyond 1,000 levels, the reader beyond :data:`MAX_DEPTH` where it descends), an
  alias budget in proportion to the text (:func:`node_budget`), duplicate keys (refused by
  the reader, and by the JSON hook), tabs reported with a hint, lone surrogates refused.
* Before a big YAML file is composed, :func:`prescan_players` streams libyaml's events over
  the ``players`` list only and applies the profile limit, so a file declaring billions of
  profiles is refused without composing megabytes of nodes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import yaml

from ..errors import GameError

MAX_DEPTH = 200  # nesting of lists/mappings: far beyond any game, well inside Python's stack
NODE_BUDGET_PER_CHAR = 4  # visits the reader may make per character of text
MIN_NODE_BUDGET = 200_000
PYTHON_RECHECK_CHARS = 1 << 20  # a libyaml error in a smaller text is re-read in Python
PRESCAN_CHARS = 1 << 18  # YAML texts from this size get the players prescan

MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TAB_HINT = "; YAML cannot indent with tabs: use spaces"


def node_budget(text: str) -> int:
    """Visits the reader may make: in proportion to what is written, so aliases cannot
    blow a small file up (a billion laughs, or a table of aliases to aliases)."""
    return MIN_NODE_BUDGET + NODE_BUDGET_PER_CHAR * len(text)


# ---------------------------------------------------------------------------- JSON
class JSONNeedsYAML(Exception):
    """The JSON fast path cannot decide with a good message: read the text as YAML."""


def compose_json(text: str) -> yaml.Node:
    """A JSON document as PyYAML nodes (without marks), through the :mod:`json` module.

    Raises GameError for invalid JSON (line and column from :mod:`json`), and
    :class:`JSONNeedsYAML` where the YAML path says more (duplicate keys, NaN, nesting).
    The top-level ``payoffs`` list becomes a :class:`RawSequenceNode`, converted to nodes
    only if the general reader needs them (:mod:`.fast_payoffs` reads the raw data).
    """
    try:
        data = json.loads(text, object_pairs_hook=_Pairs.checked, parse_int=IntText,
                          parse_float=FloatText, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise GameError(f"invalid JSON: {exc.msg} (column {exc.colno})",
                        line=exc.lineno) from None
    except RecursionError:
        raise JSONNeedsYAML from None
    if isinstance(data, _Pairs):
        return yaml.MappingNode(MAP, [(yaml.ScalarNode(STR, k), RawSequenceNode(v)
                                       if k == "payoffs" and isinstance(v, list) else _node(v))
                                      for k, v in data])
    return _node(data)


class IntText(str):
    """The text of a JSON integer, as written."""


class FloatText(str):
    """The text of a JSON number with a point or an exponent, as written."""


class _Pairs(list):
    """A JSON object as its list of (key, value) pairs."""

    @classmethod
    def checked(cls, pairs: list) -> _Pairs:
        if len({key for key, _ in pairs}) != len(pairs):
            raise JSONNeedsYAML  # a duplicate key: the YAML path names its line
        return cls(pairs)


class RawSequenceNode(yaml.SequenceNode):
    """A sequence node over raw JSON data, whose child nodes are made on first use."""

    def __init__(self, raw: list):
        self.raw = raw
        self._value = None
        super().__init__(SEQ, None)

    @property
    def value(self):
        if self._value is None:
            self._value = [_node(v) for v in self.raw]
        return self._value

    @value.setter
    def value(self, value) -> None:
        self._value = value


def _constant(text: str) -> yaml.Node:
    raise JSONNeedsYAML  # NaN, Infinity: not JSON; the YAML path says "not finite"


def _node(value) -> yaml.Node:
    kind = value.__class__
    if kind is str:
        return yaml.ScalarNode(STR, value)
    if kind is IntText:
        return yaml.ScalarNode(INT, str(value))
    if kind is FloatText:
        return yaml.ScalarNode(FLOAT, str(value))
    if kind is _Pairs:
        return yaml.MappingNode(MAP, [(yaml.ScalarNode(STR, k), _node(v)) for k, v in value])
    if kind is list:
        return yaml.SequenceNode(SEQ, [_node(v) for v in value])
    if value is None:
        return yaml.ScalarNode(NULL, "null")
    return yaml.ScalarNode(BOOL, "true" if value else "false")


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


# ---------------------------------------------------------------------------- YAML
class _PythonLoader(yaml.SafeLoader):
    """The safe loader with a nesting limit and, as in JSON, tabs as spaces inside [] and {}."""

    depth = 0

    def scan_to_next_token(self):
        super().scan_to_next_token()
        while self.flow_level and self.peek() == "\t":
            while self.peek() == "\t":
                self.forward()
            super().scan_to_next_token()

    def fetch_flow_collection_start(self, TokenClass):
        if self.flow_level >= MAX_DEPTH:
            raise GameError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
                            line=self.line + 1)
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent, index):
        if self.depth >= MAX_DEPTH:
            raise GameError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
                            line=self.peek_event().start_mark.line + 1)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_C_LOADER = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
_TAGS: dict[tuple[str, bool], str] = {}


if _C_LOADER is not None:
    class _CLoader(_C_LOADER):  # type: ignore[misc, valid-type]
        """libyaml's composer with a memoised tag resolver (a game repeats its scalars)."""

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode and implicit[0] and len(value) < 64:
                key = (value, implicit[1])
                tag = _TAGS.get(key)
                if tag is None:
                    tag = _TAGS[key] = super().resolve(kind, value, implicit)
                    if len(_TAGS) > 100_000:
                        _TAGS.clear()
                return tag
            return super().resolve(kind, value, implicit)


def compose_yaml(text: str, python: bool = False) -> yaml.Node:
    """The document's node graph, through libyaml when available (``python`` forces the
    pure-Python composer)."""
    if _C_LOADER is None or python:
        return _compose(_PythonLoader, text)
    try:
        return _compose(_CLoader, text)
    except GameError:
        if len(text) < PYTHON_RECHECK_CHARS:
            return _compose(_PythonLoader, text)  # its messages are the most precise
        raise


def _compose(loader_class: Callable, text: str) -> yaml.Node:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, text) from None
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and problem.startswith("but "):  # "but found another document"
            problem = f"{exc.context}, {problem}"
        if "maximum nesting depth" in problem:  # libyaml's own limit (1,000 levels)
            problem = f"nested more than {MAX_DEPTH} levels deep"
        if "tab" in problem or "'\\t'" in problem:
            problem += TAB_HINT
        raise GameError(f"invalid YAML: {problem}",
                        line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise GameError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise GameError("invalid YAML: nesting is too deep") from None
    finally:
        loader.dispose()
    if node is None:
        raise GameError("the document is empty")
    return node


def reader_error(exc: yaml.reader.ReaderError, text: str) -> GameError:
    """PyYAML's error for a character YAML forbids (a control character, say)."""
    line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
    char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
    return GameError(f"invalid YAML: character {char} is not allowed in a YAML file", line=line)


# ---------------------------------------------------------------------------- prescan
_PLAYERS_KEY = re.compile(r"^players\s*:|^['\"]players['\"]\s*:", re.MULTILINE)


def prescan_players(text: str, check: Callable[[tuple[int, ...], int], None]) -> None:
    """Stream libyaml's events over the top-level ``players`` list and call
    ``check(strategy counts so far, line)`` as they grow, so a limit is applied before
    megabytes of nodes are composed.  Does nothing (the full read decides) where the
    document does not start with a plain ``players:`` block, or without libyaml."""
    if _C_LOADER is None or len(text) < PRESCAN_CHARS:
        return
    match = _PLAYERS_KEY.search(text)
    if match is None:
        return
    start = match.start()
    from yaml._yaml import CParser

    parser = CParser(text[start:])
    offset = text.count("\n", 0, start)
    try:
        _walk_players(parser, check, offset)
    except yaml.YAMLError:
        return  # the full read reports syntax errors with their context
    finally:
        parser.dispose()


def _walk_players(parser, check: Callable, offset: int) -> None:
    events = iter(parser.get_event, None)
    kinds = [type(next(events)) for _ in range(3)]  # stream, document, mapping start
    if kinds[2] is not yaml.MappingStartEvent:
        return
    key = next(events)
    if not isinstance(key, yaml.ScalarEvent) or key.value != "players":
        return
    if not isinstance(next(events), yaml.SequenceStartEvent):
        return
    counts: list[int] = []
    # per open collection: [is a mapping, the next node is a key, role, last key]
    stack: list[list] = [[False, False, "players", None]]
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    for event in events:
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            if not stack:
                return  # the end of the players list
            continue
        parent = stack[-1]
        role = None
        if parent[0] and parent[1]:  # a key
            parent[1] = False
            parent[3] = event.value if isinstance(event, yaml.ScalarEvent) else None
        else:
            if parent[0]:
                parent[1] = True
            if parent[2] == "players" and isinstance(event, yaml.MappingStartEvent):
                counts.append(0)
                role = "player"
            elif (parent[2] == "player" and parent[3] == "strategies"
                  and isinstance(event, yaml.SequenceStartEvent)):
                role = "strategies"
            elif parent[2] == "strategies":
                counts[-1] += 1
                check(tuple(counts), offset + event.start_mark.line + 1)
        if isinstance(event, starts):
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append([mapping, mapping, role, None])
