"""YAML node helpers of the game format: the node walker (alias budget, line numbers),
number and text checks shared by the readers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import yaml

from ..errors import GameError
from ..names import clean_name
from ..numbers import parse_number, quote
from .documents import (
    BOOL,
    FLOAT,
    INT,
    MAX_DEPTH,
    NULL,
    STR,
)

SURROGATE = re.compile("[\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})"
                          r"(?:[eE][-+]?[0-9]{1,2})?")

TOP_KEYS = {"title", "description", "source", "players", "payoffs", "claims", "notes",
            "gamesolve", "payoff_scale", "comparable_across_players"}


def line_of(node: yaml.Node) -> int | None:
    mark = node.start_mark
    return None if mark is None else mark.line + 1


class Walker:
    """Reads the node graph, counting visits so aliases cannot explode."""

    def __init__(self, budget: int):
        self.budget = budget

    def visit(self, node: yaml.Node) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise GameError(
                "document expands to too many nodes (aliases or anchors nested too deep)",
                line=line_of(node),
            )

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            raise GameError(f"{what} must be a mapping (key: value), not {kind(node)}",
                            line=line_of(node))
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if (key_node.tag == STR and key_node.__class__ is yaml.ScalarNode and key
                    and key.isascii() and key.isprintable() and key[0] != " " != key[-1]):
                self.visit(key_node)  # the common case, without text()'s checks
            elif key_node.tag == "tag:yaml.org,2002:merge":
                raise GameError("merge keys (<<) are not supported", line=line_of(key_node))
            else:
                key = self.text(key_node, f"a key in {what}")
            if key in result:
                raise GameError(f"{what}: key {quote(key)} appears twice", line=line_of(key_node))
            result[key] = (key_node, value_node)
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            raise GameError(f"{what} must be a list, not {kind(node)}", line=line_of(node))
        return list(node.value)

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False) -> str:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or (node.tag == NULL and not allow_empty):
            raise GameError(f"{what} must be a single value, not {kind(node)}",
                            line=line_of(node))
        # raw text on purpose: an id written NO or 1.0 stays the string the user typed
        value = "" if node.tag == NULL else str(node.value)
        if not value.isascii():
            value = unicodedata.normalize("NFC", valid_text(value, what, node))
        if not allow_empty and CONTROL.search(value.strip()):
            raise GameError(f"{what} {quote(value)} contains a control character (tab, newline...)",
                            line=line_of(node))
        if not value.strip() and not allow_empty:
            raise GameError(f"{what} is empty", line=line_of(node))
        return value.strip() if not allow_empty else value

    def name(self, node: yaml.Node, what: str) -> str:
        """A player name or strategy id: NFC, visible characters, no surrounding spaces."""
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
            raise GameError(f"{what} must be a single value, not {kind(node)}",
                            line=line_of(node))
        value = node.value
        if not (value.isascii() and value.isprintable()):
            value = valid_text(value, what, node)
        try:
            return clean_name(value, what)
        except GameError as exc:
            raise exc.located(line=line_of(node)) from None

    def number(self, node: yaml.Node, what: str | Callable[[], str]) -> int | Fraction:
        """A payoff; ``what`` (or ``what()``, formatted only for an error) names it."""
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag in (NULL, BOOL):
            what = what if isinstance(what, str) else what()
            raise GameError(f"{what} must be a number, not {kind(node)}", line=line_of(node))
        text = node.value
        if "_" in text and node.tag != STR:  # YAML 1.1 digit grouping: 1_000
            text = text.replace("_", "")
        try:
            return parse_number(text)
        except GameError as exc:
            what = what if isinstance(what, str) else what()
            raise GameError(f"{what}: {exc.message}", line=line_of(node)) from None

    def plain(self, node: yaml.Node, depth: int = 0) -> Any:
        """Convert a subtree to plain Python data (for claims and metadata)."""
        self.visit(node)
        if depth >= MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            raise GameError(f"the document is nested too deeply (beyond {MAX_DEPTH} levels,"
                            " or an alias inside itself)",
                            line=line_of(node))
        if isinstance(node, yaml.MappingNode):
            return {k: self.plain(v, depth + 1)
                    for k, (_, v) in self.mapping(node, "a mapping").items()}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(v, depth + 1) for v in node.value]
        if node.tag == STR:
            return valid_text(node.value, "a value", node)
        if node.tag in (INT, FLOAT) and not plain_number(node.value):
            return node.value  # the number reader says what is wrong with it, in context
        try:
            return yaml.constructor.SafeConstructor().construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
            # an explicit tag that does not fit its text (!!int abc, a date 2024-13-45)
            return valid_text(str(node.value), "a value", node)


def plain_number(text: str) -> bool:
    """Whether PyYAML may convert this int or float text itself: short, and a finite float
    far from overflow and underflow (anything else is read by :mod:`gamesolve.numbers`)."""
    return bool(PLAIN_NUMBER.fullmatch(text))


def kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "empty"
    return f"{node.value!r}"


def valid_text(value: str, what: str, node: yaml.Node) -> str:
    """Join the UTF-16 surrogate pairs of \\u escapes (JSON writes emoji so); refuse lone ones."""
    if not SURROGATE.search(value):
        return value
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise GameError(f"{what} contains an invalid \\u escape (a lone UTF-16 surrogate)",
                        line=line_of(node)) from None
