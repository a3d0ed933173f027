"""The Game: player and strategy names plus a payoff tensor, kept both as floats and exactly.

Payoffs live in a tensor of shape ``(n_players, s_1, ..., s_n)``: ``payoffs[p][a_1, ..., a_n]``
is player ``p``'s payoff when player ``i`` plays strategy ``a_i``.

Exactness: every payoff is a rational number (YAML and .nfg files are text, so a decimal
``0.1`` means exactly 1/10).  The game keeps, for each player ``p``, a positive integer
``denominators[p]`` and an integer tensor ``scaled`` with ``scaled[p] = payoff[p] *
denominators[p]``.  Scaling one player's payoffs by a positive constant changes none of
that player's comparisons, so best responses, dominance by pure strategies, pure
equilibria and Pareto comparisons are all decided exactly on ``scaled``, with no tolerance.

>>> g = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], title="Prisoner's dilemma")
>>> g.shape, g.n_players
((2, 2), 2)
>>> g.exact_payoff(0, (1, 0))
Fraction(5, 1)
>>> Game.from_payoffs([[["1/2", "0.25"]], [[1, 2]]]).denominators
(4, 1)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import GameError
from .names import clean_name, first_clash, listed
from .numbers import check_magnitude, parse_number, quote

Profile = tuple[int, ...]

INT64_SAFE = 2**62  # keep sums of two scaled payoffs inside int64

PAYOFF_SCALES = ("ordinal", "cardinal")
DEFAULT_PAYOFF_SCALE = "cardinal"
DEFAULT_COMPARABLE = False


@dataclass(frozen=True)
class Strategy:
    """One strategy: a short id used in files and output, a label and a description."""

    id: str
    label: str = ""
    description: str = ""

    @property
    def display(self) -> str:
        return self.label or self.id


@dataclass(frozen=True)
class Player:
    """A player, the strategies the payoff tensor prices and those only described.

    ``unpriced`` strategies are ones the source describes but gives no payoffs for
    (the paper's Israel: only SAA is priced).  They are not part of the tensor.
    """

    name: str
    strategies: tuple[Strategy, ...]
    unpriced: tuple[Strategy, ...] = ()
    description: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.strategies)

    def index(self, strategy_id: str) -> int:
        for i, s in enumerate(self.strategies):
            if s.id == strategy_id:
                return i
        if any(s.id == strategy_id for s in self.unpriced):
            raise GameError(
                f"player {self.name!r}: strategy {strategy_id!r} is described but not priced"
                f" (priced strategies: {listed(self.ids)})"
            )
        raise GameError(
            f"player {self.name!r} has no strategy {strategy_id!r}"
            f" (strategies: {listed(self.ids)})"
        )


def check_names(players: Sequence[Player]) -> None:
    """Refuse what the readers refuse, so a game gamesolve writes is one it reads: names that
    :func:`clean_name` would change or refuse, and names that clash (:func:`name_key`)."""
    for player in players:
        if clean_name(player.name, "player name") != player.name:
            raise GameError(f"player name {quote(player.name)} is not in Unicode NFC form")
        for s in (*player.strategies, *player.unpriced):
            if clean_name(s.id, f"player {player.name!r}: strategy id") != s.id:
                raise GameError(f"player {player.name!r}: strategy id {quote(s.id)} is not in"
                                " Unicode NFC form")
        clash = first_clash((s.id, None) for s in (*player.strategies, *player.unpriced))
        if clash:
            raise GameError(f"player {player.name!r}: strategy ids {clash[0][0]!r} and"
                            f" {clash[1][0]!r} are the same apart from case or Unicode form")
    clash = first_clash((p.name, None) for p in players)
    if clash:
        raise GameError(f"player names {clash[0][0]!r} and {clash[1][0]!r} are the same"
                        " apart from case or Unicode form")


def to_fraction(value: Any, what: str = "payoff") -> Fraction:
    """Read a payoff exactly: int, Fraction, decimal or ``p/q`` string, or float.

    >>> to_fraction("2/3"), to_fraction("0.1"), to_fraction(0.1), to_fraction(-4)
    (Fraction(2, 3), Fraction(1, 10), Fraction(1, 10), Fraction(-4, 1))
    >>> to_fraction("abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    gamesolve.errors.GameError: payoff 'abc' is not a number (use an integer, a decimal or a ...
    """
    if isinstance(value, bool):
        raise GameError(f"{what} {value!r} is a boolean, not a number")
    if isinstance(value, (int, np.integer)):
        return Fraction(check_magnitude(int(value), _digits_of(int(value)), what))
    if isinstance(value, Fraction):
        return Fraction(check_magnitude(value, _digits_of(value), what))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise GameError(f"{what} {value!r} is not finite")
        # the shortest decimal that reads back as this float: what the user wrote
        return Fraction(parse_number(repr(float(value)), what))
    if isinstance(value, str):
        return Fraction(parse_number(value, what))
    raise GameError(f"{what} {quote(repr(value))} is not a number")


def _digits_of(value: int | Fraction) -> str:
    """Text of a number for an error message, without printing thousands of digits."""
    if isinstance(value, int) and value.bit_length() > 300:
        return f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
    if isinstance(value, Fraction) and max(value.numerator.bit_length(),
                                           value.denominator.bit_length()) > 300:
        return "a fraction with hundreds of digits"
    return str(value)


def _lcm(values: Iterable[int]) -> int:
    result = 1
    for v in values:
        result = result * v // math.gcd(result, v)
    return result


@dataclass(frozen=True, eq=False)
class Game:
    """A finite normal-form game.  Build one with :meth:`from_payoffs` or a loader."""

    players: tuple[Player, ...]
    payoffs: np.ndarray
    scaled: np.ndarray
    denominators: tuple[int, ...]
    title: str = ""
    description: str = ""
    source: str = ""
    notes: Mapping[Profile, str] = field(default_factory=dict)
    assumed: frozenset = frozenset()
    claims: tuple = ()
    origin: str = ""
    # what the numbers mean (docs/explanation/scales.md): "ordinal" = only each player's
    # order of outcomes matters; "cardinal" = differences and expectations matter too.
    # comparable_across_players: one player's 5 may be set against another's 4.
    payoff_scale: str = DEFAULT_PAYOFF_SCALE
    comparable_across_players: bool = DEFAULT_COMPARABLE
    parent: Game | None = field(default=None, repr=False)  # the game before restrict()

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_payoffs(
        cls,
        payoffs: Any,
        players: Sequence[Player] | None = None,
        **metadata: Any,
    ) -> Game:
        """Build a game from a nested sequence / array of shape (n, s_1, ..., s_n).

        Entries may be ints, Fractions, decimal strings, ``p/q`` strings or floats.
        """
        arr = np.asarray(payoffs, dtype=object) if not isinstance(payoffs, np.ndarray) else payoffs
        if arr.ndim < 2 or arr.shape[0] != arr.ndim - 1:
            raise GameError(
                f"payoff tensor has shape {arr.shape}; expected (n_players, s_1, ..., s_n)"
            )
        n = arr.shape[0]
        if players is None:
            players = default_players(arr.shape[1:])
        if arr.dtype.kind in "iu":
            denominators = (1,) * n
            # range check on the original dtype: casting uint64 to int64 could wrap, and
            # abs() of int64's minimum overflows
            if arr.size and (arr.max() >= INT64_SAFE or arr.min() <= -INT64_SAFE):
                scaled = arr.astype(object)
            else:
                scaled = arr.astype(np.int64) if arr.dtype != np.int64 else arr
        elif arr.dtype == object and arr.size and all(type(x) is int for x in arr.flat):
            # plain Python integers (typically beyond int64): exact as they are, and much
            # faster than going through a Fraction per payoff
            denominators = (1,) * n
            if max(arr.flat) >= INT64_SAFE or min(arr.flat) <= -INT64_SAFE:
                scaled = np.array(arr, dtype=object)
            else:
                scaled = arr.astype(np.int64)
        else:
            fractions = np.vectorize(to_fraction, otypes=[object])(arr)
            scaled, denominators = scale_exact(fractions)
        return cls.from_scaled(scaled, denominators, tuple(players), **metadata)

    @classmethod
    def from_scaled(
        cls,
        scaled: np.ndarray,
        denominators: Sequence[int],
        players: Sequence[Player],
        **metadata: Any,
    ) -> Game:
        denominators = tuple(int(d) for d in denominators)
        if scaled.dtype == object:
            payoffs = np.empty(scaled.shape, dtype=float)
            for p, d in enumerate(denominators):
                if d == 1:
                    payoffs[p] = scaled[p].astype(float)
                else:
                    payoffs[p] = np.vectorize(lambda x, d=d: float(Fraction(int(x), d)))(
                        scaled[p])
        else:
            payoffs = scaled.astype(float) / np.asarray(denominators, dtype=float).reshape(
                (-1,) + (1,) * (scaled.ndim - 1)
            )
        game = cls(
            players=tuple(players),
            payoffs=payoffs,
            scaled=scaled,
            denominators=denominators,
            **metadata,
        )
        game.check_consistent()
        return game

    def check_consistent(self) -> None:
        if self.payoff_scale not in PAYOFF_SCALES:
            raise GameError(f"payoff_scale must be one of {', '.join(PAYOFF_SCALES)},"
                            f" not {self.payoff_scale!r}")
        shape = tuple(len(p.strategies) for p in self.players)
        if self.payoffs.shape != (len(self.players),) + shape:
            raise GameError(
                f"payoff tensor shape {self.payoffs.shape} does not match the players'"
                f" strategy counts {shape}"
            )
        if any(s == 0 for s in shape):
            raise GameError("every player needs at least one strategy")
        check_names(self.players)
        if not np.all(np.isfinite(self.payoffs)):
            raise GameError("payoffs must be finite numbers")

    # ------------------------------------------------------------------ basic facts
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.payoffs.shape[1:])

    @property
    def n_profiles(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def profiles(self) -> Iterator[Profile]:
        """All pure profiles in C order (the last player varies fastest)."""
        return iter(np.ndindex(*self.shape))

    def exact_payoff(self, player: int, profile: Profile) -> Fraction:
        return Fraction(int(self.scaled[(player,) + tuple(profile)]), self.denominators[player])

    def exact_payoffs(self, profile: Profile) -> tuple[Fraction, ...]:
        return tuple(self.exact_payoff(p, profile) for p in range(self.n_players))

    def exact_array(self, player: int) -> np.ndarray:
        """Player's payoffs as an object array of Fractions (for small games)."""
        d = self.denominators[player]
        return np.vectorize(lambda x: Fraction(int(x), d), otypes=[object])(self.scaled[player])

    @property
    def ordinal(self) -> bool:
        """True when only each player's order of outcomes is meaningful."""
        return self.payoff_scale == "ordinal"

    @property
    def is_integer(self) -> bool:
        return all(d == 1 for d in self.denominators)

    # ------------------------------------------------------------------ names
    def player_index(self, name: str) -> int:
        for i, p in enumerate(self.players):
            if p.name == name:
                return i
        for i, p in enumerate(self.players):
            if p.name.lower() == str(name).lower():
                return i
        raise GameError(
            f"no player {name!r} (players: {', '.join(p.name for p in self.players)})"
        )

    def profile_ids(self, profile: Profile) -> tuple[str, ...]:
        return tuple(self.players[p].strategies[a].id for p, a in enumerate(profile))

    def profile_from_ids(self, ids: Sequence[str]) -> Profile:
        if len(ids) != self.n_players:
            raise GameError(
                f"a profile names one strategy per player ({self.n_players}), got {len(ids)}"
            )
        return tuple(self.players[p].index(str(s)) for p, s in enumerate(ids))

    def format_profile(self, profile: Profile) -> str:
        return "(" + ", ".join(self.profile_ids(profile)) + ")"

    # ------------------------------------------------------------------ sub-games
    def restrict(self, keep: Mapping[int, Sequence[int]]) -> Game:
        """The sub-game where player ``p`` may only use the strategies ``keep[p]``.

        >>> g = Game.from_payoffs([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        >>> sub = g.restrict({0: [1]})
        >>> sub.shape, sub.players[0].ids, float(sub.payoffs[1][0, 1])
        ((1, 2), ('2',), 8.0)
        """
        index: list[Any] = [slice(None)]
        players = list(self.players)
        new_index_of: list[dict[int, int]] = []
        for p, player in enumerate(self.players):
            chosen = list(keep.get(p, range(len(player.strategies))))
            if not chosen:
                raise GameError(f"player {player.name!r} must keep at least one strategy")
            if len(set(chosen)) != len(chosen):
                raise GameError(f"player {player.name!r}: a strategy is named twice")
            if any(not 0 <= i < len(player.strategies) for i in chosen):
                raise GameError(f"player {player.name!r} has no strategy number among"
                                f" {chosen} (0 to {len(player.strategies) - 1})")
            index.append(chosen)
            new_index_of.append({old: new for new, old in enumerate(chosen)})
            players[p] = replace(player, strategies=tuple(player.strategies[i] for i in chosen))
        grid = np.ix_(*index[1:])
        scaled = self.scaled[(slice(None),) + grid]
        payoffs = self.payoffs[(slice(None),) + grid]

        def remap(profile: Profile) -> Profile | None:
            try:
                return tuple(new_index_of[p][a] for p, a in enumerate(profile))
            except KeyError:
                return None

        notes = {remap(k): v for k, v in self.notes.items() if remap(k) is not None}
        assumed = frozenset(remap(k) for k in self.assumed if remap(k) is not None)
        return replace(
            self,
            players=tuple(players),
            payoffs=np.ascontiguousarray(payoffs),
            scaled=np.ascontiguousarray(scaled),
            notes=notes,
            assumed=assumed,
            parent=self.parent or self,
        )

    def with_payoffs(self, payoffs: Any) -> Game:
        """Same players and names, new payoffs (used by robustness sampling)."""
        other = Game.from_payoffs(payoffs, self.players)
        return replace(self, payoffs=other.payoffs, scaled=other.scaled,
                       denominators=other.denominators)


def default_players(shape: Sequence[int]) -> tuple[Player, ...]:
    """Gambit's defaults: "Player 1", ... with strategies "1", "2", ..."""
    return tuple(
        Player(f"Player {p + 1}", tuple(Strategy(str(i + 1)) for i in range(s)))
        for p, s in enumerate(shape)
    )


def scale_exact(fractions: np.ndarray) -> tuple[np.ndarray, tuple[int, ...]]:
    """Split an object array of Fractions into per-player integer tensors and denominators."""
    n = fractions.shape[0]
    denominators = []
    rows = []
    fits = True
    for p in range(n):
        flat = fractions[p].ravel()
        d = _lcm(f.denominator for f in flat)
        ints = [f.numerator * (d // f.denominator) for f in flat]
        if ints and max(abs(i) for i in ints) >= INT64_SAFE:
            fits = False
        denominators.append(d)
        rows.append(ints)
    dtype = np.int64 if fits else object
    scaled = np.empty(fractions.shape, dtype=dtype)
    for p in range(n):
        scaled[p] = np.array(rows[p], dtype=dtype).reshape(fractions.shape[1:])
    return scaled, tuple(denominators)


def apply_fix(game: Game, fixes: Sequence[tuple[str, Sequence[str]]]) -> Game:
    """Restrict players (by name) to strategies (by id): the ``--fix PLAYER=ID,...`` option.

    >>> g = Game.from_payoffs([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    >>> apply_fix(g, [("Player 2", ["2"])]).shape
    (2, 1)
    """
    keep: dict[int, list[int]] = {}
    for name, ids in fixes:
        p = game.player_index(name)
        if p in keep:
            raise GameError(f"player {game.players[p].name!r} is fixed twice")
        keep[p] = [game.players[p].index(i) for i in ids]
    return game.restrict(keep)


def restriction(game: Game) -> dict[int, tuple[str, ...]]:
    """Which players a restricted game (``--fix``) limits, to which strategy ids."""
    if game.parent is None:
        return {}
    return {p: player.ids for p, player in enumerate(game.players)
            if player.ids != game.parent.players[p].ids}
