"""The YAML (and JSON) game format: parsing with line numbers and validation.

The file is composed into PyYAML's node graph with the *safe* loader (no Python
objects), then walked by hand so that every error can name the line of the node at
fault.  Aliases are followed under a budget of visited nodes, so a "billion laughs"
document is refused after a bounded amount of work.  The reference of the format is
``docs/reference/yaml-format.md``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

import numpy as np
import yaml

from ..errors import GameError
from ..model import Game, Player, Strategy, to_fraction, scale_exact
from .source import DEFAULT_MAX_PROFILES, check_profile_count

NODE_BUDGET_PER_PROFILE = 16
MIN_NODE_BUDGET = 200_000

MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"

TOP_KEYS = {"title", "description", "source", "players", "payoffs", "claims", "notes",
            "gamesolve"}


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


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
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise GameError("merge keys (<<) are not supported", line=line_of(key_node))
            key = self.text(key_node, f"a key in {what}")
            if key in result:
                raise GameError(f"{what}: key {key!r} appears twice", line=line_of(key_node))
            result[key] = (key_node, value_node)
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            raise GameError(f"{what} must be a list, not {kind(node)}", line=line_of(node))
        return list(node.value)

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False) -> str:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL and not allow_empty:
            raise GameError(f"{what} must be a single value, not {kind(node)}",
                            line=line_of(node))
        # raw text on purpose: an id written NO or 1.0 stays the string the user typed
        value = "" if node.tag == NULL else str(node.value)
        if not value.strip() and not allow_empty:
            raise GameError(f"{what} is empty", line=line_of(node))
        return value.strip() if not allow_empty else value

    def number(self, node: yaml.Node, what: str) -> Fraction:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag in (NULL, BOOL):
            raise GameError(f"{what} must be a number, not {kind(node)}", line=line_of(node))
        try:
            return to_fraction(str(node.value).replace("_", ""))
        except GameError as exc:
            raise GameError(f"{what}: {exc.message}", line=line_of(node)) from None

    def plain(self, node: yaml.Node) -> Any:
        """Convert a subtree to plain Python data (for claims and metadata)."""
        self.visit(node)
        if isinstance(node, yaml.MappingNode):
            return {k: self.plain(v) for k, (_, v) in self.mapping(node, "a mapping").items()}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(v) for v in node.value]
        if node.tag == STR:
            return node.value
        try:
            return yaml.constructor.SafeConstructor().construct_object(node)
        except yaml.YAMLError:
            return node.value


def kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "empty"
    return f"{node.value!r}"


def compose(text: str) -> yaml.Node:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
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


def parse_game(text: str, max_profiles: int = DEFAULT_MAX_PROFILES) -> Game:
    """Parse a YAML or JSON game document (errors carry line numbers, not the file name)."""
    root = compose(text)
    walker = Walker(MIN_NODE_BUDGET)
    try:
        return GameReader(walker, max_profiles).read(root)
    except RecursionError:
        raise GameError("the document is nested too deeply") from None


class GameReader:
    def __init__(self, walker: Walker, max_profiles: int):
        self.w = walker
        self.max_profiles = max_profiles

    def read(self, root: yaml.Node) -> Game:
        w = self.w
        top = w.mapping(root, "the game file")
        unknown = sorted(set(top) - TOP_KEYS)
        if unknown:
            raise GameError(
                f"unknown top-level key {unknown[0]!r}"
                f" (expected: {', '.join(sorted(TOP_KEYS - {'gamesolve'}))})",
                line=line_of(top[unknown[0]][0]),
            )
        if "players" not in top:
            raise GameError("the game has no 'players'", line=line_of(root))
        if "payoffs" not in top:
            raise GameError("the game has no 'payoffs'", line=line_of(root))
        meta = {}
        for key in ("title", "description", "source"):
            if key in top:
                meta[key] = w.text(top[key][1], f"'{key}'", allow_empty=True).strip()
        players, player_lines = self.players(top["players"][1])
        shape = tuple(len(p.strategies) for p in players)
        check_profile_count(shape, self.max_profiles, line=line_of(top["players"][1]))
        w.budget = max(w.budget, MIN_NODE_BUDGET + NODE_BUDGET_PER_PROFILE * int(np.prod(shape)))
        values, notes, assumed = self.payoffs(top["payoffs"][1], players)
        claims: tuple = ()
        if "claims" in top:
            claims = tuple(self.claims(top["claims"][1]))
        scaled, denominators = scale_exact(values)
        return Game.from_scaled(scaled, denominators, players, notes=notes,
                                assumed=frozenset(assumed), claims=claims, **meta)

    # ------------------------------------------------------------------ players
    def players(self, node: yaml.Node) -> tuple[list[Player], list[int]]:
        w = self.w
        items = w.sequence(node, "'players'")
        if not items:
            raise GameError("'players' is empty: a game needs at least one player",
                            line=line_of(node))
        players: list[Player] = []
        lines: list[int] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            where = f"players[{i + 1}]"
            fields = w.mapping(item, where)
            for key in fields:
                if key not in ("name", "strategies", "unpriced", "description"):
                    raise GameError(f"{where}: unknown key {key!r}"
                                    " (expected name, strategies, unpriced, description)",
                                    line=line_of(fields[key][0]))
            if "name" not in fields:
                raise GameError(f"{where} has no 'name'", line=line_of(item))
            name = w.text(fields["name"][1], f"{where} name")
            if name in seen:
                raise GameError(f"player name {name!r} is used twice",
                                line=line_of(fields["name"][1]))
            seen.add(name)
            where = f"player {name!r}"
            if "strategies" not in fields:
                raise GameError(f"{where} has no 'strategies'", line=line_of(item))
            strategies = self.strategies(fields["strategies"][1], where)
            if not strategies:
                raise GameError(f"{where} has no strategies: every player needs at least one",
                                line=line_of(fields["strategies"][1]))
            unpriced: list[Strategy] = []
            if "unpriced" in fields:
                unpriced = self.strategies(fields["unpriced"][1], where + " (unpriced)")
            ids = [s.id for s in strategies] + [s.id for s in unpriced]
            for s in ids:
                if ids.count(s) > 1:
                    raise GameError(f"{where}: duplicate strategy id {s!r}",
                                    line=line_of(fields["strategies"][1]))
            players.append(Player(name, tuple(strategies), tuple(unpriced)))
            lines.append(line_of(item))
        return players, lines

    def strategies(self, node: yaml.Node, where: str) -> list[Strategy]:
        w = self.w
        result = []
        for j, item in enumerate(w.sequence(node, f"{where} strategies")):
            if isinstance(item, yaml.ScalarNode):
                result.append(Strategy(w.text(item, f"{where} strategy {j + 1}")))
                continue
            fields = w.mapping(item, f"{where} strategy {j + 1}")
            for key in fields:
                if key not in ("id", "label", "description"):
                    raise GameError(f"{where} strategy {j + 1}: unknown key {key!r}"
                                    " (expected id, label, description)",
                                    line=line_of(fields[key][0]))
            if "id" not in fields:
                raise GameError(f"{where} strategy {j + 1} has no 'id'", line=line_of(item))
            sid = w.text(fields["id"][1], f"{where} strategy id")
            label = w.text(fields["label"][1], "label", True).strip() if "label" in fields else ""
            desc = (w.text(fields["description"][1], "description", True).strip()
                    if "description" in fields else "")
            result.append(Strategy(sid, label, desc))
        return result

    # ------------------------------------------------------------------ payoffs
    def payoffs(self, node: yaml.Node, players: list[Player]):
        shape = tuple(len(p.strategies) for p in players)
        values = np.empty((len(players),) + shape, dtype=object)
        filled = np.zeros(shape, dtype=bool)
        notes: dict[tuple[int, ...], str] = {}
        assumed: set[tuple[int, ...]] = set()

        def store(profile, vals_node, owner_node, note=None, is_assumed=False):
            if filled[profile]:
                raise GameError(f"profile {fmt(players, profile)} is given twice",
                                line=line_of(owner_node))
            filled[profile] = True
            vals = self.outcome_values(vals_node, players, profile)
            for p, v in enumerate(vals):
                values[(p,) + profile] = v
            if note:
                notes[profile] = note
            if is_assumed:
                assumed.add(profile)

        if isinstance(node, yaml.SequenceNode):
            for k, item in enumerate(self.w.sequence(node, "'payoffs'")):
                self.outcome(item, k, players, store)
        elif isinstance(node, yaml.MappingNode):
            self.table(node, players, (), store)
        else:
            raise GameError("'payoffs' must be a list of outcomes or nested tables keyed by"
                            " strategy ids", line=line_of(node))
        if not filled.all():
            missing = tuple(int(i) for i in np.argwhere(~filled)[0])
            count = int((~filled).sum())
            raise GameError(f"no payoffs for profile {fmt(players, missing)}"
                            + (f" (and {count - 1} more missing)" if count > 1 else ""),
                            line=line_of(node))
        return values, notes, assumed

    def outcome(self, item: yaml.Node, k: int, players: list[Player], store: Callable) -> None:
        w = self.w
        where = f"payoffs[{k + 1}]"
        fields = w.mapping(item, where)
        for key in fields:
            if key not in ("profile", "values", "payoffs", "note", "assumed"):
                raise GameError(f"{where}: unknown key {key!r}"
                                " (expected profile, values, note, assumed)",
                                line=line_of(fields[key][0]))
        if "profile" not in fields:
            raise GameError(f"{where} has no 'profile'", line=line_of(item))
        vkey = "values" if "values" in fields else "payoffs"
        if vkey not in fields:
            raise GameError(f"{where} has no 'values'", line=line_of(item))
        profile = self.profile(fields["profile"][1], players, where)
        note = w.text(fields["note"][1], "note", True).strip() if "note" in fields else None
        is_assumed = False
        if "assumed" in fields:
            is_assumed = self.flag(fields["assumed"][1], f"{where} assumed")
        store(profile, fields[vkey][1], fields["profile"][1], note, is_assumed)

    def flag(self, node: yaml.Node, what: str) -> bool:
        self.w.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL:
            raise GameError(f"{what} must be true or false", line=line_of(node))
        return node.value.lower() in ("true", "yes", "on", "y")

    def profile(self, node: yaml.Node, players: list[Player], where: str) -> tuple[int, ...]:
        w = self.w
        if isinstance(node, yaml.MappingNode):
            fields = w.mapping(node, f"{where} profile")
            names = [p.name for p in players]
            for key in fields:
                if key not in names:
                    raise GameError(f"{where} profile: no player {key!r}",
                                    line=line_of(fields[key][0]))
            ids_nodes = []
            for p in players:
                if p.name not in fields:
                    raise GameError(f"{where} profile has no strategy for player {p.name!r}",
                                    line=line_of(node))
                ids_nodes.append(fields[p.name][1])
        else:
            ids_nodes = w.sequence(node, f"{where} profile")
            if len(ids_nodes) != len(players):
                raise GameError(f"{where} profile names {len(ids_nodes)} strategies; the game"
                                f" has {len(players)} players", line=line_of(node))
        return tuple(self.strategy_ref(n, player, where) for n, player in zip(ids_nodes, players))

    def strategy_ref(self, node: yaml.Node, player: Player, where: str) -> int:
        sid = self.w.text(node, f"{where} strategy of {player.name!r}")
        for i, s in enumerate(player.strategies):
            if s.id == sid:
                return i
        if any(s.id == sid for s in player.unpriced):
            raise GameError(f"{where}: strategy {sid!r} of player {player.name!r} is declared"
                            " unpriced; move it to 'strategies' to give it payoffs",
                            line=line_of(node))
        raise GameError(f"{where}: unknown strategy id {sid!r} for player {player.name!r}"
                        f" (known: {', '.join(player.ids)})", line=line_of(node))

    def outcome_values(self, node: yaml.Node, players: list[Player], profile) -> list[Fraction]:
        w = self.w
        where = f"payoffs of {fmt(players, profile)}"
        if isinstance(node, yaml.MappingNode):
            fields = w.mapping(node, where)
            names = [p.name for p in players]
            for key in fields:
                if key not in names:
                    raise GameError(f"{where}: no player {key!r}", line=line_of(fields[key][0]))
            result = []
            for p in players:
                if p.name not in fields:
                    raise GameError(f"{where}: no value for player {p.name!r}",
                                    line=line_of(node))
                result.append(w.number(fields[p.name][1], f"{where}, player {p.name!r}"))
            return result
        items = w.sequence(node, where)
        if len(items) != len(players):
            raise GameError(f"{where}: {len(items)} values for {len(players)} players",
                            line=line_of(node))
        return [w.number(v, f"{where}, player {p.name!r}") for v, p in zip(items, players)]

    def table(self, node: yaml.Node, players: list[Player], prefix: tuple[int, ...],
              store: Callable) -> None:
        depth = len(prefix)
        player = players[depth]
        fields = self.w.mapping(node, f"payoff table for player {player.name!r}")
        for key, (key_node, value_node) in fields.items():
            index = self.strategy_ref(key_node, player, "payoff table")
            profile = prefix + (index,)
            if depth + 1 < len(players):
                self.table(value_node, players, profile, store)
                continue
            note = None
            is_assumed = False
            vals_node = value_node
            if isinstance(value_node, yaml.MappingNode):
                leaf = self.w.mapping(value_node, f"payoffs of {fmt(players, profile)}")
                if "values" in leaf:
                    for k in leaf:
                        if k not in ("values", "note", "assumed"):
                            raise GameError(f"payoffs of {fmt(players, profile)}: unknown key"
                                            f" {k!r}", line=line_of(leaf[k][0]))
                    vals_node = leaf["values"][1]
                    if "note" in leaf:
                        note = self.w.text(leaf["note"][1], "note", True).strip()
                    if "assumed" in leaf:
                        is_assumed = self.flag(leaf["assumed"][1], "assumed")
            store(profile, vals_node, key_node, note, is_assumed)

    # ------------------------------------------------------------------ claims
    def claims(self, node: yaml.Node) -> list[dict]:
        result = []
        for item in self.w.sequence(node, "'claims'"):
            if not isinstance(item, yaml.MappingNode):
                raise GameError("each claim must be a mapping", line=line_of(item))
            claim = self.w.plain(item)
            claim["_line"] = line_of(item)
            result.append(claim)
        return result


def fmt(players: list[Player], profile: tuple[int, ...]) -> str:
    return "(" + ", ".join(p.strategies[a].id for p, a in zip(players, profile)) + ")"
