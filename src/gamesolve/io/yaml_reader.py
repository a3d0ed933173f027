"""The reader of a game document's nodes (players, payoffs, claims) into a :class:`Game`,
with the size checks it applies as it goes; :mod:`.yaml_format` composes the nodes."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import yaml

from ..errors import GameError
from ..model import Game, Player, Strategy, scale_exact
from ..names import clean_name, first_clash, listed
from ..numbers import quote
from .documents import (
    BOOL,
    NULL,
)
from .fast_payoffs import integer_outcomes
from .source import MAX_PLAYERS, check_denominators, check_profile_count
from .yaml_nodes import TOP_KEYS, Walker, line_of


def check_declared_size(node: yaml.Node, max_profiles: int) -> None:
    """The profile limit on the lengths of the strategy lists as written, before a single
    strategy is read (the full checks follow)."""
    if not isinstance(node, yaml.SequenceNode):
        return
    counts = []
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == "strategies" and isinstance(value, yaml.SequenceNode):
                    counts.append(max(1, len(value.value)))
                    break
    if counts and len(counts) == len(node.value):
        check_profile_count(tuple(counts), max_profiles, line=line_of(node))
    elif counts:
        check_partial_counts(tuple(counts), max_profiles, line_of(node))


def only_known_keys(fields: dict, where: str, expected: tuple[str, ...],
                    also: tuple[str, ...] = ()) -> None:
    """Refuse a key of the mapping ``fields`` (key -> (key node, value node)) that is not
    ``expected`` (named in the message) or ``also`` accepted."""
    for key in fields:
        if key not in expected and key not in also:
            raise GameError(f"{where}: unknown key {quote(key)} (expected {', '.join(expected)})",
                            line=line_of(fields[key][0]))


def check_partial_counts(counts: tuple[int, ...], max_profiles: int, line: int) -> None:
    """The profile limit on the strategies read so far (each player has at least one)."""
    if len(counts) > MAX_PLAYERS:
        raise GameError(f"game has more than {MAX_PLAYERS} players; at most {MAX_PLAYERS} are"
                        " supported", line=line)
    total = math.prod(counts)
    if total > max_profiles:
        raise GameError(f"game has more than {max_profiles:,} pure profiles (the first"
                        f" {len(counts)} players' strategies already make {total:,}); raise"
                        " the limit with --max-profiles if you mean it", line=line)


class GameReader:
    def __init__(self, walker: Walker, max_profiles: int):
        self.w = walker
        self.max_profiles = max_profiles
        self.indices: dict[str, dict[str, int]] = {}

    def read(self, root: yaml.Node) -> Game:
        w = self.w
        top = w.mapping(root, "the game file")
        unknown = sorted(set(top) - TOP_KEYS)
        if unknown:
            raise GameError(
                f"unknown top-level key {quote(unknown[0])}"
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
        check_declared_size(top["players"][1], self.max_profiles)
        meta.update(self.scale(top))
        players, _ = self.players(top["players"][1])
        shape = tuple(len(p.strategies) for p in players)
        check_profile_count(shape, self.max_profiles, line=line_of(top["players"][1]))
        fast = integer_outcomes(top["payoffs"][1], players, w.budget)
        if fast is not None:  # the common shape of a big file, read in bulk
            scaled, visits = fast
            w.budget -= visits
            denominators: tuple[int, ...] = (1,) * len(players)
            notes, assumed = {}, set()
        else:
            values, notes, assumed = self.payoffs(top["payoffs"][1], players)
            for p, player in enumerate(players):
                check_denominators(values[p], player, line_of(top["payoffs"][1]))
            scaled, denominators = scale_exact(values)
        claims: tuple = ()
        if "claims" in top:
            claims = tuple(self.claims(top["claims"][1]))
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
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            where = f"players[{i + 1}]"
            fields = w.mapping(item, where)
            only_known_keys(fields, where, ("name", "strategies", "unpriced", "description"))
            if "name" not in fields:
                raise GameError(f"{where} has no 'name'", line=line_of(item))
            name = w.name(fields["name"][1], f"{where} name")
            clash = first_clash([*seen.items(), (name, line_of(fields["name"][1]))])
            if clash:
                (first, at), (second, _) = clash
                same = "is used twice" if first == second else (
                    f"is the same name as {first!r} apart from case or Unicode form")
                raise GameError(f"player name {second!r} {same} (first at line {at})",
                                line=line_of(fields["name"][1]))
            seen[name] = line_of(fields["name"][1])
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
            nodes = list(fields["strategies"][1].value)
            if "unpriced" in fields:
                nodes += list(fields["unpriced"][1].value)
            clash = first_clash(zip(ids, nodes, strict=True))
            if clash:
                (first, node_a), (second, node_b) = clash
                same = "" if first == second else (
                    f" (the same as {first!r} apart from case or Unicode form)")
                raise GameError(f"{where}: duplicate strategy id {second!r}{same} (first at"
                                f" line {line_of(node_a)})", line=line_of(node_b))
            description = (w.text(fields["description"][1], f"{where} description", True).strip()
                           if "description" in fields else "")
            players.append(Player(name, tuple(strategies), tuple(unpriced), description))
            lines.append(line_of(item))
        return players, lines

    def strategies(self, node: yaml.Node, where: str) -> list[Strategy]:
        w = self.w
        result = []
        for j, item in enumerate(w.sequence(node, f"{where} strategies")):
            if isinstance(item, yaml.ScalarNode):
                result.append(Strategy(w.name(item, f"{where} strategy {j + 1}")))
                continue
            fields = w.mapping(item, f"{where} strategy {j + 1}")
            only_known_keys(fields, f"{where} strategy {j + 1}", ("id", "label", "description"))
            if "id" not in fields:
                raise GameError(f"{where} strategy {j + 1} has no 'id'", line=line_of(item))
            sid = w.name(fields["id"][1], f"{where} strategy id")
            label = w.text(fields["label"][1], "label", True).strip() if "label" in fields else ""
            if label:
                try:
                    label = clean_name(label, f"{where} label")
                except GameError as exc:
                    raise exc.located(line=line_of(fields["label"][1])) from None
            desc = (w.text(fields["description"][1], "description", True).strip()
                    if "description" in fields else "")
            result.append(Strategy(sid, label, desc))
        return result

    # ------------------------------------------------------------------ payoffs
    def payoffs(self, node: yaml.Node, players: list[Player]):
        shape = tuple(len(p.strategies) for p in players)
        given: dict[tuple[int, ...], list[Fraction]] = {}  # the tensor is built once complete
        try:
            filled = np.zeros(shape, dtype=bool)
        except (MemoryError, ValueError):  # only with a --max-profiles far beyond the default
            raise GameError(f"game has {math.prod(shape):,} pure profiles: too many to hold in"
                            " memory", line=line_of(node)) from None
        notes: dict[tuple[int, ...], str] = {}
        assumed: set[tuple[int, ...]] = set()

        def store(profile, vals_node, owner_node, note=None, is_assumed=False):
            if filled[profile]:
                raise GameError(f"profile {fmt(players, profile)} is given twice",
                                line=line_of(owner_node))
            filled[profile] = True
            given[profile] = self.outcome_values(vals_node, players, profile)
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
            missing = tuple(int(i) for i in np.unravel_index(int(np.argmin(filled)), shape))
            count = filled.size - int(np.count_nonzero(filled))
            raise GameError(f"no payoffs for profile {fmt(players, missing)}"
                            + (f" (and {count - 1} more missing)" if count > 1 else ""),
                            line=line_of(node))
        values = np.empty((len(players), *shape), dtype=object)
        for profile, vals in given.items():
            for p, v in enumerate(vals):
                values[(p, *profile)] = v
        return values, notes, assumed

    def outcome(self, item: yaml.Node, k: int, players: list[Player], store: Callable) -> None:
        w = self.w
        where = f"payoffs[{k + 1}]"
        fields = w.mapping(item, where)
        # "payoffs" is an older spelling of "values", accepted but not advertised
        only_known_keys(fields, where, ("profile", "values", "note", "assumed"),
                        also=("payoffs",))
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

    def scale(self, top: dict) -> dict[str, Any]:
        """``payoff_scale`` and ``comparable_across_players``, validated (defaults: model)."""
        from ..model import PAYOFF_SCALES

        out: dict[str, Any] = {}
        if "payoff_scale" in top:
            node = top["payoff_scale"][1]
            value = self.w.text(node, "'payoff_scale'")
            if value not in PAYOFF_SCALES:
                raise GameError(f"'payoff_scale' must be {' or '.join(PAYOFF_SCALES)},"
                                f" not {value!r}", line=line_of(node))
            out["payoff_scale"] = value
        if "comparable_across_players" in top:
            out["comparable_across_players"] = self.flag(
                top["comparable_across_players"][1], "'comparable_across_players'")
        return out

    def flag(self, node: yaml.Node, what: str) -> bool:
        self.w.visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL:
            raise GameError(f"{what} must be true or false", line=line_of(node))
        return node.value.lower() in ("true", "yes", "on", "y")

    def profile(self, node: yaml.Node, players: list[Player], where: str) -> tuple[int, ...]:
        w = self.w
        if isinstance(node, yaml.MappingNode):
            ids_nodes = self.per_player(node, players, f"{where} profile",
                                        f"{where} profile has no strategy for player")
        else:
            ids_nodes = w.sequence(node, f"{where} profile")
            if len(ids_nodes) != len(players):
                raise GameError(f"{where} profile names {len(ids_nodes)} strategies; the game"
                                f" has {len(players)} players", line=line_of(node))
        return tuple(self.strategy_ref(n, player, where)
                     for n, player in zip(ids_nodes, players, strict=True))

    def per_player(self, node: yaml.Node, players: list[Player], where: str,
                   missing: str) -> list[yaml.Node]:
        """The value nodes of a mapping keyed by player name, in the players' order; a key
        that is no player, or a player without a key (``missing`` names it), is refused."""
        fields = self.w.mapping(node, where)
        names = {p.name for p in players}
        for key in fields:
            if key not in names:
                raise GameError(f"{where}: no player {quote(key)}", line=line_of(fields[key][0]))
        for p in players:
            if p.name not in fields:
                raise GameError(f"{missing} {p.name!r}", line=line_of(node))
        return [fields[p.name][1] for p in players]

    def strategy_ref(self, node: yaml.Node, player: Player, where: str) -> int:
        index = self.indices.get(player.name)
        if index is None:
            index = self.indices[player.name] = {s.id: i for i, s in enumerate(player.strategies)}
        if node.__class__ is yaml.ScalarNode and node.tag != NULL and node.value in index:
            self.w.visit(node)  # the common case: an id exactly as declared (hence clean)
            return index[node.value]
        sid = self.w.name(node, f"{where} strategy of {player.name!r}")
        if sid in index:
            return index[sid]
        if any(s.id == sid for s in player.unpriced):
            raise GameError(f"{where}: strategy {quote(sid)} of player {player.name!r} is"
                            " declared unpriced; move it to 'strategies' to give it payoffs",
                            line=line_of(node))
        raise GameError(f"{where}: unknown strategy id {quote(sid)} for player {player.name!r}"
                        f" (known: {listed(player.ids)})", line=line_of(node))

    def outcome_values(self, node: yaml.Node, players: list[Player], profile) -> list[Fraction]:
        w = self.w
        if isinstance(node, yaml.SequenceNode) and len(node.value) == len(players):
            w.visit(node)  # the common case: a list of numbers, named only on an error
            return [w.number(v, lambda p=p: f"payoffs of {fmt(players, profile)}, player"
                                            f" {p.name!r}")
                    for v, p in zip(node.value, players, strict=True)]
        where = f"payoffs of {fmt(players, profile)}"
        if isinstance(node, yaml.MappingNode):
            values = self.per_player(node, players, where, f"{where}: no value for player")
            return [w.number(v, f"{where}, player {p.name!r}")
                    for v, p in zip(values, players, strict=True)]
        items = w.sequence(node, where)
        if len(items) != len(players):
            raise GameError(f"{where}: {len(items)} values for {len(players)} players",
                            line=line_of(node))
        return [w.number(v, f"{where}, player {p.name!r}")
                for v, p in zip(items, players, strict=True)]

    def table(self, node: yaml.Node, players: list[Player], prefix: tuple[int, ...],
              store: Callable) -> None:
        depth = len(prefix)
        player = players[depth]
        fields = self.w.mapping(node, f"payoff table for player {player.name!r}")
        for key_node, value_node in fields.values():
            index = self.strategy_ref(key_node, player, "payoff table")
            profile = (*prefix, index)
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
                                            f" {quote(k)}", line=line_of(leaf[k][0]))
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
    return "(" + ", ".join(p.strategies[a].id for p, a in zip(players, profile, strict=True)) + ")"
