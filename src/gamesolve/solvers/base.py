"""Result types shared by every equilibrium solver."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..model import Game, Profile


@dataclass(frozen=True)
class Equilibrium:
    """One Nash equilibrium: a probability vector per player (in the game's strategy order).

    ``exact`` holds the probabilities as Fractions when they were recovered and verified
    in exact arithmetic; ``exact_payoffs`` the expected payoffs likewise.
    ``enclosure_radius`` (irrational equilibria of the certified N-player solver): every
    true probability lies within this distance of the one in ``strategies``, proven in
    ball arithmetic.
    """

    strategies: tuple[tuple[float, ...], ...]
    payoffs: tuple[float, ...]
    pure: bool
    exact: tuple[tuple[Fraction, ...], ...] | None = None
    exact_payoffs: tuple[Fraction, ...] | None = None
    strict: bool | None = None
    component: int | None = None
    regret: float = 0.0
    enclosure_radius: float | None = None

    @property
    def profile(self) -> Profile | None:
        """The pure profile, for a pure equilibrium."""
        if not self.pure:
            return None
        return tuple(int(np.argmax(s)) for s in self.strategies)

    def support(self, player: int) -> tuple[int, ...]:
        probs = self.exact[player] if self.exact is not None else self.strategies[player]
        return tuple(i for i, x in enumerate(probs) if x > 0)

    def by_name(self, game: Game, exact: bool = False) -> dict[str, dict[str, float]]:
        """``{player: {strategy id: probability}}`` (Fractions when ``exact`` and known).

        >>> from gamesolve.model import Game
        >>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> pure_equilibrium(pd, (1, 1)).by_name(pd)
        {'Player 1': {'1': 0.0, '2': 1.0}, 'Player 2': {'1': 0.0, '2': 1.0}}
        """
        probs = self.exact if exact and self.exact is not None else self.strategies
        return {player.name: {s.id: x for s, x in zip(player.strategies, probs[p])}
                for p, player in enumerate(game.players)}


@dataclass(frozen=True)
class EquilibriumSet:
    """What a solver found, and how sure it is that nothing is missing.

    ``complete`` is True only when the list provably holds every extreme equilibrium
    (every equilibrium, for pure search).  ``components`` groups equilibria (by index)
    into maximal convex components for degenerate two-player games.
    ``uncertified_supports`` (certified N-player solver): the support profiles whose
    search could not be proven complete, each with the reason.
    """

    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    warnings: tuple[str, ...] = ()
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] = ()
    rejected: int = 0
    details: dict = field(default_factory=dict)
    uncertified_supports: tuple[UncertifiedSupport, ...] = ()
    game: Game | None = field(default=None, repr=False, compare=False)  # set by solve()

    def __repr__(self) -> str:
        from ..display import plural

        where = f" of {self.game.title!r}" if self.game is not None and self.game.title else ""
        status = "complete" if self.complete else "not proven complete"
        return (f"<EquilibriumSet{where} by {self.method}:"
                f" {plural(len(self.equilibria), 'equilibrium', 'equilibria')} ({status})>")

    def _repr_html_(self) -> str:
        from ..display import html

        return html("EquilibriumSet", self)

    def _game(self, game: Game | None) -> Game:
        from ..errors import GameError

        game = game if game is not None else self.game
        if game is None:
            raise GameError("this equilibrium set does not know its game: pass it, as in"
                            " to_records(game)")
        return game

    def to_records(self, game: Game | None = None) -> list[dict]:
        """One dict per equilibrium: its number, ``"player: strategy"`` probabilities,
        ``"payoff player"`` values, whether it is pure, exact (verified in rational
        arithmetic) and its regret.

        >>> from gamesolve.model import Game
        >>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> EquilibriumSet((pure_equilibrium(pd, (1, 1)),), "pure", True).to_records(pd)[0]
        ... # doctest: +NORMALIZE_WHITESPACE
        {'equilibrium': 1, 'Player 1: 1': 0.0, 'Player 1: 2': 1.0, 'Player 2: 1': 0.0,
         'Player 2: 2': 1.0, 'payoff Player 1': 1.0, 'payoff Player 2': 1.0, 'pure': True,
         'exact': True, 'regret': 0.0}
        """
        game = self._game(game)
        records = []
        for k, eq in enumerate(self.equilibria, 1):
            row: dict = {"equilibrium": k}
            for name, mix in eq.by_name(game).items():
                row.update({f"{name}: {sid}": float(x) for sid, x in mix.items()})
            row.update({f"payoff {pl.name}": float(v) for pl, v in zip(game.players, eq.payoffs)})
            row.update({"pure": eq.pure, "exact": eq.exact is not None,
                        "regret": float(eq.regret)})
            records.append(row)
        return records

    def to_dataframe(self, game: Game | None = None):
        """:meth:`to_records` as a pandas DataFrame (needs pandas)."""
        from ..display import dataframe

        return dataframe(self.to_records(game))


@dataclass(frozen=True)
class UncertifiedSupport:
    """A support profile whose equilibria could not all be certified.

    ``support[p]`` lists player ``p``'s strategy indices; ``sample`` is a profile (a
    probability vector per player) near which equilibria may lie, or None.
    """

    support: tuple[tuple[int, ...], ...]
    reason: str
    sample: tuple[tuple[float, ...], ...] | None = None


def pure_equilibrium(game: Game, profile: Profile, strict: bool | None = None) -> Equilibrium:
    """An Equilibrium record for a pure profile, with exact payoffs."""
    strategies = []
    exact = []
    for p, a in enumerate(profile):
        n = game.shape[p]
        strategies.append(tuple(1.0 if i == a else 0.0 for i in range(n)))
        exact.append(tuple(Fraction(1) if i == a else Fraction(0) for i in range(n)))
    exact_payoffs = game.exact_payoffs(profile)
    return Equilibrium(
        strategies=tuple(strategies),
        payoffs=tuple(float(x) for x in exact_payoffs),
        pure=True,
        exact=tuple(exact),
        exact_payoffs=exact_payoffs,
        strict=strict,
    )


def expected_payoffs(game: Game, strategies: Sequence[Sequence[float]]) -> np.ndarray:
    """Each player's expected payoff under independent mixed strategies (floats)."""
    result = game.payoffs
    for p in reversed(range(game.n_players)):
        result = result @ np.asarray(strategies[p], dtype=float)
    return result


def deviation_payoffs(game: Game, strategies: Sequence[Sequence[float]], player: int) -> np.ndarray:
    """Player's expected payoff of each pure strategy against the others' mixtures."""
    tensor = game.payoffs[player]
    for q in reversed(range(game.n_players)):
        if q == player:
            continue
        tensor = np.tensordot(tensor, np.asarray(strategies[q], dtype=float), axes=([q], [0]))
    return tensor


def max_regret(game: Game, strategies: Sequence[Sequence[float]]) -> float:
    """Largest gain any player could get by a unilateral pure deviation (0 at equilibrium)."""
    worst = 0.0
    for p in range(game.n_players):
        dev = deviation_payoffs(game, strategies, p)
        current = float(np.dot(dev, np.asarray(strategies[p], dtype=float)))
        worst = max(worst, float(dev.max()) - current)
    return worst


def exact_deviation_payoffs(game: Game, strategies: Sequence[Sequence[Fraction]],
                            player: int) -> list[Fraction]:
    """Exact version of :func:`deviation_payoffs` for rational mixed strategies."""
    supports = [[(i, x) for i, x in enumerate(s) if x != 0] for s in strategies]
    d = game.denominators[player]
    result = []
    for a in range(game.shape[player]):
        total = Fraction(0)
        for profile, weight in _weighted_profiles(supports, player, a):
            total += weight * int(game.scaled[(player,) + profile])
        result.append(total / d)
    return result


def _weighted_profiles(supports, player, action):
    profiles = [((), Fraction(1))]
    for q, support in enumerate(supports):
        if q == player:
            profiles = [(prof + (action,), w) for prof, w in profiles]
        else:
            profiles = [(prof + (i,), w * x) for prof, w in profiles for i, x in support]
    return profiles


def verify_exact(game: Game,
                 strategies: Sequence[Sequence[Fraction]]) -> tuple[Fraction, ...] | None:
    """Exact check that no player gains by a pure deviation.

    Returns each player's exact expected payoff when the profile is an equilibrium, else None.
    """
    payoffs = []
    for p in range(game.n_players):
        probs = strategies[p]
        if any(x < 0 for x in probs) or sum(probs) != 1:
            return None
        dev = exact_deviation_payoffs(game, strategies, p)
        value = sum((x * v for x, v in zip(probs, dev)), Fraction(0))
        if max(dev) > value:
            return None
        payoffs.append(value)
    return tuple(payoffs)
