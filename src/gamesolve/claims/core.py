"""Claims: what a source says about a game, checked against the game's own numbers.

A game file may carry a ``claims:`` list.  Each claim quotes or paraphrases the source
(``text``, ``source``) and states it in a small vocabulary (``kind`` and its keys; see
docs/how-to/check-claims.md and :data:`KINDS`).  :func:`check_claims` judges each one
``supported``, ``contradicted``, ``holds-as-hedged`` (a hedged claim that holds in most of
its cases: see :data:`HEDGE_MAJORITY`) or ``untestable`` and gives the evidence in exact
numbers.  Claims the encoder added (``implicit: true``) are counted apart from the
source's own (:meth:`ClaimsReport.counts`).

Everything is decided exactly on the game's integer-scaled payoffs.  Claims are judged on
the *priced* game, the table the source gives.  A claim is untestable when it needs
payoffs the source does not give: it names a strategy the file marks ``unpriced`` (or
one removed by ``--fix``), or it compares a player's strategy with that player's
alternatives (dominance, best response) and some alternatives are unpriced while the
priced ones do not already refute it.  When unpriced strategies only limit a claim's
scope (an equilibrium, a Pareto comparison, a range over outcomes), the claim is judged
on the priced game and the evidence says what was not tested.

A claim that names an unknown kind, player or strategy, or has a malformed key, is bad
input: :class:`~gamesolve.errors.GameError` with the claim's line.

>>> from gamesolve.claims import check_claims
>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> claim = {"text": "Row should play 2", "kind": "strictly_dominant",
...          "player": "Player 1", "strategy": "2", "_line": 7}
>>> r = check_claims(pd, claims=[claim]).results[0]
>>> r.status, r.evidence
('supported', '2 beats 1 by 1..2 against every one of the 2 profiles of Player 2.')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import GameError
from ..model import Game

SUPPORTED, CONTRADICTED, UNTESTABLE = "supported", "contradicted", "untestable"
HOLDS_AS_HEDGED = "holds-as-hedged"
STATUSES = (SUPPORTED, CONTRADICTED, HOLDS_AS_HEDGED, UNTESTABLE)

HEDGE_MAJORITY = Fraction(1, 2)
"""A hedged claim ("under most circumstances") holds as hedged when its firm statement
holds in *more than* this share of its cases: "most" read as "a majority", the standard
truth condition of "most A are B" (more A are B than are not).  Every case counts once:
the source states no probabilities over them."""

SCOPES = ("row", "table")
"""Readings of "best"/"worst" claims: ``row``, the row of the printed table that holds the
outcome (every player but the second, the column player, kept at the claim's profile);
``table``, every outcome of the game."""

COMMON_KEYS = frozenset({"text", "source", "kind", "hedged", "implicit", "note", "_line"})
KINDS: dict[str, tuple[frozenset, frozenset]] = {
    # kind: (required keys, optional keys)
    "strictly_dominant": (frozenset({"player", "strategy"}), frozenset()),
    "weakly_dominant": (frozenset({"player", "strategy"}), frozenset()),
    "equilibrium": (frozenset({"profile"}), frozenset()),
    "unique_equilibrium": (frozenset({"profile"}), frozenset()),
    "best_response": (frozenset({"player", "strategy", "against"}), frozenset({"strictly"})),
    "pareto_optimal": (frozenset({"profile"}), frozenset()),
    "prefers": (frozenset({"player", "better", "worse"}), frozenset({"strictly"})),
    "payoff_range": (frozenset({"player"}), frozenset({"min", "max", "where"})),
    "equal_payoffs": (frozenset({"profile"}), frozenset({"players"})),
    "best_outcome": (frozenset({"player", "profile"}),
                     frozenset({"where", "strictly", "scope"})),
    "worst_outcome": (frozenset({"player", "profile"}),
                      frozenset({"where", "strictly", "scope"})),
    "strictly_dominated": (frozenset({"player", "strategy"}), frozenset({"by"})),
    "weakly_dominated": (frozenset({"player", "strategy"}), frozenset({"by"})),
    "pareto_dominated": (frozenset({"profile"}), frozenset({"by"})),
    "welfare": (frozenset({"measure", "profile"}),
                frozenset({"than", "where", "scope", "strictly"})),
    "interdependent": (frozenset(), frozenset({"players", "quantifier"})),
}
HEDGEABLE = frozenset({"payoff_range", "best_response"})
"""Kinds that quantify over several cases, where ``hedged: true`` ("under most
circumstances") makes the report count the cases in which the claim holds."""


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim.

    ``statement`` is the claim as the tool read it (e.g. "Azerbaijan's DAI is strictly
    dominant"); ``holds_in`` is (cases where it holds, cases) for claims over several cases.
    ``scope`` is the reading the claim states (``row`` or ``table``, or a quantifier
    ``each``/``some``), and ``alternative`` what the other reading would say:
    (reading, status, evidence), or None.
    """

    text: str
    source: str
    kind: str
    line: int | None
    status: str
    evidence: str
    statement: str = ""
    hedged: bool = False
    implicit: bool = False
    note: str = ""
    holds_in: tuple[int, int] | None = None
    scope: str = ""
    alternative: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class ClaimsReport:
    """Verdicts in file order.  The source's own claims and the encoder's implicit ones
    are counted apart: only the source's decide the exit status, unless ``strict``."""

    results: tuple[ClaimResult, ...]
    strict: bool = False  # the implicit claims count for the exit status too
    game: Game | None = field(default=None, repr=False, compare=False)

    def group(self, implicit: bool) -> tuple[ClaimResult, ...]:
        return tuple(r for r in self.results if r.implicit == implicit)

    def counts(self, implicit: bool) -> dict[str, int]:
        """Verdicts of the source's claims (``implicit=False``) or the encoder's."""
        mine = self.group(implicit)
        return {s: sum(1 for r in mine if r.status == s) for s in STATUSES}

    def __repr__(self) -> str:
        # short: the source's verdicts in full, the encoder's implicit claims only counted
        counts = ", ".join(f"{n} {s}" for s, n in self.counts(False).items() if n)
        implicit = len(self.group(True))
        return (f"<ClaimsReport: {len(self.group(False))} source claims ({counts or 'none'})"
                + (f", {implicit} implicit" if implicit else "") + ">")

    def _repr_html_(self) -> str:
        from ..display import html

        return html("ClaimsReport", self)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per claim: its text, kind, verdict (status), evidence, where the
        source makes it, whether the encoder added it (``implicit``), the reading it
        states (``scope``) and what the other reading would say (``alternative_*``), and
        for claims over several cases how many hold (``holds_in``, ``cases``)."""
        records = []
        for r in self.results:
            alt = r.alternative or ("", "", "")
            k, n = r.holds_in if r.holds_in is not None else (None, None)
            records.append({
                "claim": r.text, "kind": r.kind, "status": r.status, "evidence": r.evidence,
                "statement": r.statement, "source": r.source, "line": r.line,
                "hedged": r.hedged, "implicit": r.implicit, "note": r.note,
                "scope": r.scope, "holds_in": k, "cases": n,
                "alternative_scope": alt[0] or None, "alternative_status": alt[1] or None,
                "alternative_evidence": alt[2] or None})
        return records

    def to_dataframe(self):
        """:meth:`to_records` as a pandas DataFrame (needs pandas)."""
        from ..display import dataframe

        return dataframe(self.to_records())

    def count(self, status: str) -> int:
        """Claims of either group with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        """``{"source": {status: n, ..., "total": n}, "implicit": {...}}``."""
        return {group: {**self.counts(implicit), "total": len(self.group(implicit))}
                for group, implicit in (("source", False), ("implicit", True))}

    def contradicted(self) -> tuple[ClaimResult, ...]:
        """The contradicted claims that make ``check`` exit 1: the source's, and when
        ``strict`` the implicit ones too."""
        return tuple(r for r in self.results
                     if r.status == CONTRADICTED and (self.strict or not r.implicit))

    @property
    def any_contradicted(self) -> bool:
        """Some claim that counts is contradicted (what ``check`` exits 1 on)."""
        return bool(self.contradicted())

    @property
    def exit_status(self) -> int:
        return 1 if self.any_contradicted else 0


# ---------------------------------------------------------------------- reading claims
@dataclass(frozen=True)
class Unavailable:
    """A strategy the claim names that has no payoffs in this game."""

    player: int
    id: str
    reason: str  # "unpriced" or "fixed"

    def describe(self, game: Game) -> str:
        why = ("described by the source but not priced" if self.reason == "unpriced"
               else "removed by --fix")
        return f"{game.players[self.player].name}'s {self.id} is {why}"


class Context:
    """One claim being read: typed access to its keys, errors located at its line."""

    def __init__(self, game: Game, original: Game | None, claim: Mapping[str, Any],
                 timeout: float = 10.0):
        self.game = game
        self.original = original
        self.timeout = timeout
        if not isinstance(claim, Mapping):
            raise GameError("each claim must be a mapping")
        self.claim = claim
        self.line = claim.get("_line")
        self.file = game.origin or None
        kind = claim.get("kind")
        if kind is None:
            raise self.error("a claim needs a 'kind'"
                             f" (one of: {', '.join(KINDS)})")
        if not isinstance(kind, str) or kind not in KINDS:
            raise self.error(f"unknown claim kind {kind!r} (kinds: {', '.join(KINDS)})")
        self.kind = kind
        required, optional = KINDS[kind]
        for key in claim:
            if key not in required and key not in optional and key not in COMMON_KEYS:
                allowed = sorted(required | optional)
                raise self.error(f"claim kind {kind!r} has no key {key!r}"
                                 f" (its keys: {', '.join(allowed)})")
        for key in sorted(required):
            if key not in claim:
                raise self.error(f"claim kind {kind!r} needs {key!r}")
        self.text = self.string("text", required=True)
        self.source = self.string("source")
        self.note = self.string("note")
        self.hedged = self.flag("hedged", False)
        self.implicit = self.flag("implicit", False)
        if self.hedged and kind not in HEDGEABLE:
            raise self.error(f"'hedged' applies to {' and '.join(sorted(HEDGEABLE))} claims,"
                             f" not {kind!r}")
        self.scope = ""
        if "scope" in claim:
            if claim["scope"] not in SCOPES:
                raise self.error(f"'scope' must be {' or '.join(SCOPES)},"
                                 f" not {claim['scope']!r}")
            if "where" in claim:
                raise self.error("give 'scope' or 'where', not both")
            self.scope = claim["scope"]

    # -- how the game's payoffs may be read (declared in the game file)
    @property
    def payoff_scale(self) -> str:
        return self.game.payoff_scale

    @property
    def comparable(self) -> bool:
        return self.game.comparable_across_players

    # -- errors
    def error(self, message: str) -> GameError:
        return GameError(f"claim: {message}", file=self.file, line=self.line)

    def locate(self, exc: GameError) -> GameError:
        return GameError(f"claim: {exc.message}", file=self.file, line=self.line)

    # -- scalars
    def string(self, key: str, required: bool = False) -> str:
        value = self.claim.get(key)
        if value is None:
            if required:
                raise self.error(f"a claim needs {key!r}")
            return ""
        if isinstance(value, (dict, list)):
            raise self.error(f"{key!r} must be text")
        return " ".join(str(value).split())

    def flag(self, key: str, default: bool) -> bool:
        value = self.claim.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{key!r} must be true or false, not {value!r}")
        return value

    def number(self, key: str) -> Fraction | None:
        if key not in self.claim or self.claim[key] is None:
            return None
        from ..model import to_fraction

        try:
            return to_fraction(self.claim[key])
        except GameError as exc:
            raise self.error(f"{key!r}: {exc.message}") from None

    # -- names
    def player(self, name: Any, key: str = "player") -> int:
        if isinstance(name, (dict, list)) or name is None:
            raise self.error(f"{key!r} must name one player")
        try:
            return self.game.player_index(str(name))
        except GameError as exc:
            raise self.locate(exc) from None

    def strategy(self, p: int, sid: Any) -> int | Unavailable:
        if isinstance(sid, (dict, list)) or sid is None:
            raise self.error(f"a strategy of {self.game.players[p].name} must be one id")
        sid = str(sid)
        player = self.game.players[p]
        if sid in player.ids:
            return player.index(sid)
        if sid in {s.id for s in player.unpriced}:
            return Unavailable(p, sid, "unpriced")
        if self.original is not None:
            orig = self.original.players[self.original.player_index(player.name)]
            if sid in orig.ids:
                return Unavailable(p, sid, "fixed")
        known = list(player.ids) + [s.id for s in player.unpriced]
        raise self.error(f"player {player.name!r} has no strategy {sid!r}"
                         f" (strategies: {', '.join(known)})")

    def missing_alternatives(self, p: int) -> list[str]:
        """Strategies of player ``p`` without payoffs here: unpriced or removed by --fix."""
        player = self.game.players[p]
        missing = [s.id for s in player.unpriced]
        if self.original is not None:
            orig = self.original.players[self.original.player_index(player.name)]
            missing = [i for i in orig.ids if i not in player.ids] + missing
        return missing

    def profile(self, key: str = "profile") -> tuple[int, ...] | Unavailable:
        """A profile: a list of ids in player order, or a mapping naming every player."""
        value = self.claim[key]
        n = self.game.n_players
        if isinstance(value, Mapping):
            chosen: dict[int, Any] = {}
            for name, sid in value.items():
                p = self.player(name, key)
                if p in chosen:
                    raise self.error(f"{key!r} names {self.game.players[p].name} twice")
                chosen[p] = sid
            if len(chosen) != n:
                absent = [pl.name for q, pl in enumerate(self.game.players) if q not in chosen]
                raise self.error(f"{key!r} must name a strategy for every player"
                                 f" (missing: {', '.join(absent)})")
            ids = [chosen[p] for p in range(n)]
        elif isinstance(value, list):
            if len(value) != n:
                raise self.error(f"{key!r} names {len(value)} strategies; the game has"
                                 f" {n} players")
            ids = value
        else:
            raise self.error(f"{key!r} must be a list of strategy ids (one per player) or a"
                             " mapping player: id")
        result = []
        for p, sid in enumerate(ids):
            s = self.strategy(p, sid)
            if isinstance(s, Unavailable):
                return s
            result.append(s)
        return tuple(result)

    def constraints(self, key: str, exclude: int | None = None
                    ) -> tuple[list[list[int]], list[Unavailable], list[int]]:
        """A partial profile ``{player: id or [ids]}``: allowed indices per player,
        the unavailable strategies it names, and the players it constrains.
        A missing key or ``any`` allows everything."""
        value = self.claim.get(key)
        allowed = [list(range(s)) for s in self.game.shape]
        unavailable: list[Unavailable] = []
        constrained: list[int] = []
        if value is None or value == "any":
            return allowed, unavailable, constrained
        if not isinstance(value, Mapping):
            raise self.error(f"{key!r} must be a mapping player: id (or a list of ids),"
                             " or 'any'")
        for name, ids in value.items():
            p = self.player(name, key)
            if p == exclude:
                raise self.error(f"{key!r} cannot constrain {self.game.players[p].name},"
                                 " the player the claim is about")
            if p in constrained:
                raise self.error(f"{key!r} names {self.game.players[p].name} twice")
            constrained.append(p)
            id_list = ids if isinstance(ids, list) else [ids]
            if not id_list:
                raise self.error(f"{key!r}: no strategy given for {self.game.players[p].name}")
            chosen = []
            for sid in id_list:
                s = self.strategy(p, sid)
                if isinstance(s, Unavailable):
                    unavailable.append(s)
                elif s not in chosen:
                    chosen.append(s)
            allowed[p] = chosen
        return allowed, unavailable, constrained

    def names(self, key: str) -> list[int]:
        value = self.claim.get(key)
        if value is None:
            return list(range(self.game.n_players))
        if not isinstance(value, list) or len(value) < 2:
            raise self.error(f"{key!r} must be a list of at least two players")
        result = []
        for name in value:
            p = self.player(name, key)
            if p in result:
                raise self.error(f"{key!r} names {self.game.players[p].name} twice")
            result.append(p)
        return sorted(result)
