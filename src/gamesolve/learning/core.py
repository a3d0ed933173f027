"""``learn``: run a learning dynamics and say where play goes, and whether that is one of
the game's certified equilibria.

A run is *settled* when its state moves less than the convergence tolerance (sup norm,
default :data:`CONVERGENCE_TOL`) over the last half of the run; it *matches* a certified
equilibrium when every probability is within the tolerance of that equilibrium's.  When
the final state is rational (frequencies of play are ratios of counts) it is also checked
exactly: an exact equilibrium is said to be one.  A run that does not settle is reported
as "not converged", with its drift; when the time average of a cycling run sits near an
equilibrium, that is said too.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> r = learn(pd, "fictitious-play", steps=200, seed=1)
>>> r.converged, r.matches, [round(x, 3) for x in r.final[0]]
(True, True, [0.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameError
from ..model import Game
from ..solvers.base import EquilibriumSet, max_regret, verify_exact

CONVERGENCE_TOL = 0.05
"""Default tolerance (sup norm on probabilities) for "settled" and "matches an equilibrium".

Learning dynamics approach equilibria slowly (fictitious play in matching pennies is
about 0.02 from (1/2, 1/2) after 2,000 rounds), so this is far looser than
:data:`gamesolve.tolerance.TOL`, which is for numerical error, not for convergence."""

TWO_PLAYER = ("fictitious-play", "stochastic-fictitious-play", "asymmetric-replicator-dynamics",
              "regret-minimization", "imitation-dynamics", "introspection-dynamics")
SYMMETRIC = ("replicator-dynamics", "moran-process", "fixation-probabilities")
DYNAMICS = TWO_PLAYER[:2] + SYMMETRIC[:1] + TWO_PLAYER[2:] + SYMMETRIC[1:]
DEFAULT_STEPS = {"fictitious-play": 1000, "stochastic-fictitious-play": 1000,
                 "replicator-dynamics": 1000, "asymmetric-replicator-dynamics": 1000,
                 "regret-minimization": 1000, "imitation-dynamics": 200,
                 "introspection-dynamics": 2000, "moran-process": 10_000,
                 "fixation-probabilities": 200}
MAX_SAMPLES = 200


@dataclass(frozen=True)
class LearningResult:
    """What ``gamesolve learn`` reports.  ``trajectory[k][p]`` is player ``p``'s state at
    ``times[k]`` (a downsampled trajectory, the last state included)."""

    game: Game
    dynamics: str
    steps: int
    seed: int
    parameters: Mapping[str, float]
    state: str
    times: tuple[float, ...]
    trajectory: tuple[tuple[tuple[float, ...], ...], ...]
    final: tuple[tuple[float, ...], ...]
    tolerance: float
    drift: float | None             # sup-norm movement over the last half; None: not measurable
    regret: float                   # largest gain of a unilateral deviation from ``final``
    converged: bool | None
    equilibria: EquilibriumSet
    nearest: int | None = None      # index into equilibria.equilibria
    distance: float | None = None
    matches: bool = False
    exact_final: tuple[tuple[Fraction, ...], ...] | None = None
    exact_equilibrium: bool = False
    time_average: tuple[tuple[float, ...], ...] | None = None
    average_distance: float | None = None
    fixation: tuple[float, ...] | None = None
    symmetric: bool = False
    verdict: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __repr__(self) -> str:
        title = self.game.title or "untitled game"
        return f"<LearningResult {title!r}: {self.dynamics}, {self.verdict_short}>"

    def _repr_html_(self) -> str:
        from ..display import html

        return html("LearningResult", self)

    def to_records(self) -> list[dict]:
        """The downsampled trajectory: one dict per sample, ``time`` and every
        ``"player: strategy"`` probability."""
        names = [(p, f"{pl.name}: {s.id}") for p, pl in enumerate(self.game.players)
                 for s in pl.strategies]
        records = []
        for t, state in zip(self.times, self.trajectory):
            flat = [x for probs in state for x in probs]
            records.append({"time": t, **{name: x for (_, name), x in zip(names, flat)}})
        return records

    def to_dataframe(self):
        """:meth:`to_records` as a pandas DataFrame (needs pandas)."""
        from ..display import dataframe

        return dataframe(self.to_records())

    @property
    def verdict_short(self) -> str:
        if self.fixation is not None:
            return "fixation probabilities"
        if self.converged is None:
            return "convergence not measurable"
        if not self.converged:
            return "not converged"
        return "converged to an equilibrium" if self.matches else "converged, not to an equilibrium"


def is_symmetric(game: Game) -> bool:
    """Square two-player game with B = A transposed (exactly)."""
    if game.n_players != 2 or game.shape[0] != game.shape[1]:
        return False
    a, b = game.scaled[0], game.scaled[1]
    d0, d1 = game.denominators
    return bool(np.array_equal(a.T * d1, b * d0))


def parse_initial(game: Game, specs: Mapping[str, Mapping[str, float]]) -> list | None:
    """``{player: {strategy id: weight}}`` as one probability vector per player (players
    not named: uniform)."""
    if not specs:
        return None
    vectors: list = [None] * game.n_players
    for name, weights in specs.items():
        p = game.player_index(name)
        vec = np.zeros(game.shape[p])
        for sid, w in weights.items():
            if not (w >= 0 and np.isfinite(w)):
                raise GameError(f"--initial {name}: weight {w} of {sid!r} must be a"
                                " non-negative number")
            vec[game.players[p].index(sid)] += w
        if vec.sum() <= 0:
            raise GameError(f"--initial {name}: the weights add up to 0")
        vectors[p] = vec / vec.sum()
    return [v if v is not None else np.full(s, 1 / s) for v, s in zip(vectors, game.shape)]


def learn(game: Game, dynamics: str = "fictitious-play", steps: int | None = None,
          seed: int = 0, initial: Mapping[str, Mapping[str, float]] | None = None,
          tolerance: float = CONVERGENCE_TOL, horizon: float = 100.0, population: int = 20,
          beta: float = 10.0, learning_rate: float = 0.1, etha: float = 0.1,
          epsilon_bar: float = 0.01, timeout: float = 10.0) -> LearningResult:
    """Run ``dynamics`` on ``game`` and compare where it goes with the certified equilibria.

    Parameters
    ----------
    game : Game
        Two players for nashpy's dynamics; any number for ``fictitious-play`` (our own
        N-player version runs for three or more).
    dynamics : str
        One of :data:`DYNAMICS`.
    steps : int, optional
        Rounds, time points (replicator dynamics over ``horizon``), generations (Moran)
        or repetitions (fixation probabilities); default per dynamics.
    seed : int
        Seeds numpy's global generator for nashpy (restored afterwards) and the draw of
        default initial states: the same seed gives the same answer.
    initial : mapping, optional
        ``{player: {strategy: weight}}``: prior play counts (fictitious play), initial
        shares (replicator, Moran), initial actions (introspection: the heaviest strategy).
    tolerance : float
        Convergence tolerance, see the module docstring.

    Returns
    -------
    LearningResult
    """
    from ..solvers.equilibria import solve
    from ..solvers.pure import solve_pure

    if dynamics not in DYNAMICS:
        raise GameError(f"unknown dynamics {dynamics!r} (choose from {', '.join(DYNAMICS)})")
    if not 0 < tolerance < 1:
        raise GameError(f"--tolerance must be between 0 and 1, got {tolerance}")
    steps = DEFAULT_STEPS[dynamics] if steps is None else int(steps)
    if steps < 1:
        raise GameError("--steps must be at least 1")
    n_player_fp = dynamics == "fictitious-play" and game.n_players > 2
    if game.n_players != 2 and not n_player_fp:
        raise GameError(f"{dynamics} (nashpy) needs a two-player game; this one has"
                        f" {game.n_players} players (fictitious-play works for any number)")
    symmetric = dynamics in SYMMETRIC
    if symmetric and not is_symmetric(game):
        raise GameError(f"{dynamics} needs a symmetric game (same strategies, player 2's"
                        " payoffs the transpose of player 1's); this one is not"
                        + (" (try asymmetric-replicator-dynamics)"
                           if dynamics == "replicator-dynamics" else ""))
    if dynamics in ("moran-process", "fixation-probabilities") and game.payoffs[0].min() < 0:
        raise GameError(f"{dynamics} (nashpy) needs non-negative payoffs (fitness is"
                        f" proportional to payoff); the smallest is {game.payoffs[0].min():g}")
    if dynamics == "introspection-dynamics" and min(game.shape) < 2:
        raise GameError("introspection-dynamics (nashpy) needs every player to have at least"
                        f" two strategies; this game is {' x '.join(map(str, game.shape))}")
    start = parse_initial(game, initial or {})
    if start is not None and dynamics in ("regret-minimization", "imitation-dynamics"):
        raise GameError(f"--initial is not used by {dynamics}: nashpy starts it from"
                        " uniform strategies (regret) or random ones (imitation)")
    if symmetric and initial and len(initial) > 1:
        raise GameError(f"{dynamics} has one population: give --initial for one player only")
    if symmetric and initial:
        start = [start[game.player_index(next(iter(initial)))]] * 2
    rng = np.random.default_rng(seed)
    saved = np.random.get_state()
    np.random.seed(seed)
    try:
        run, parameters = _run(game, dynamics, steps, seed, start, rng, horizon, population,
                               beta, learning_rate, etha, epsilon_bar)
    finally:
        np.random.set_state(saved)
    try:
        equilibria = solve(game, "auto", timeout)
    except (GameError, ImportError) as exc:  # e.g. N players without pygambit
        equilibria = solve_pure(game)  # pure equilibria are still exact and complete
        reason = exc.message if isinstance(exc, GameError) else f"{exc}"
        run.notes.append(f"only pure equilibria compared (the mixed search failed: {reason})")
    return summarise(game, dynamics, steps, seed, parameters, run, equilibria, tolerance,
                     symmetric)


def _default_start(game: Game, rng: np.random.Generator, symmetric: bool, population: int,
                   moran: bool) -> list:
    """A seeded interior starting point (the uniform one is an equilibrium of many games,
    where the dynamics would never move)."""
    if moran:
        counts = np.bincount(rng.integers(0, game.shape[0], population), minlength=game.shape[0])
        x = counts / population
        return [x, x]
    draws = [rng.dirichlet(np.ones(s)) for s in game.shape]
    return [draws[0], draws[0]] if symmetric else draws


def _run(game, dynamics, steps, seed, start, rng, horizon, population, beta, learning_rate,
         etha, epsilon_bar):
    from . import runs

    if dynamics == "fictitious-play":
        if game.n_players > 2:
            return runs.fictitious_play_n(game, steps, rng, start), {}
        return runs.fictitious_play(game, steps, start), {}
    if dynamics == "stochastic-fictitious-play":
        return (runs.stochastic_fictitious_play(game, steps, start, etha, epsilon_bar),
                {"etha": etha, "epsilon_bar": epsilon_bar})
    if dynamics == "regret-minimization":
        return (runs.regret_minimization(game, steps, learning_rate),
                {"learning_rate": learning_rate})
    if dynamics == "imitation-dynamics":
        return runs.imitation_dynamics(game, steps, seed, population), {"population": population}
    moran = dynamics in ("moran-process", "fixation-probabilities")
    if start is None and dynamics != "introspection-dynamics":
        start = _default_start(game, rng, dynamics in SYMMETRIC, population, moran)
    if dynamics == "introspection-dynamics":
        return runs.introspection_dynamics(game, steps, start, beta), {"beta": beta}
    if dynamics == "replicator-dynamics":
        return runs.replicator_dynamics(game, steps, start, horizon), {"horizon": horizon}
    if dynamics == "asymmetric-replicator-dynamics":
        return (runs.asymmetric_replicator_dynamics(game, steps, start, horizon),
                {"horizon": horizon})
    if dynamics == "moran-process":
        return runs.moran_process(game, steps, start, population), {"population": population}
    return runs.fixation_probabilities(game, steps, start, population), {"population": population}


def _sup(a: Sequence[np.ndarray], b: Sequence[Sequence[float]]) -> float:
    return max(float(np.abs(np.asarray(x, float) - np.asarray(y, float)).max())
               for x, y in zip(a, b))


def summarise(game: Game, dynamics: str, steps: int, seed: int, parameters, run,
              equilibria: EquilibriumSet, tolerance: float, symmetric: bool) -> LearningResult:
    """Measure convergence and compare the final state with the certified equilibria."""
    final = [s[-1] for s in run.states]
    n = len(run.times)
    drift = None
    if n > 2 and run.fixation is None:
        tail = [s[n // 2:] for s in run.states]
        drift = max(float(np.abs(t - f).max()) for t, f in zip(tail, final))
    converged = None if drift is None else drift <= tolerance
    if run.absorbed is not None:  # a Moran process ends when one strategy is left
        converged = run.absorbed
    eqs = equilibria.equilibria
    nearest = distance = None
    if eqs:
        distances = [_sup(final, e.strategies) for e in eqs]
        nearest = int(np.argmin(distances))
        distance = distances[nearest]
    matches = bool(converged) and distance is not None and distance <= tolerance
    exact_eq = run.exact_final is not None and verify_exact(game, run.exact_final) is not None
    average = average_distance = None
    if run.time_average is not None:
        average = tuple(tuple(float(x) for x in s) for s in run.time_average)
        if eqs:
            average_distance = min(_sup(run.time_average, e.strategies) for e in eqs)
    index = sorted(set(np.linspace(0, n - 1, min(n, MAX_SAMPLES)).round().astype(int)))
    trajectory = tuple(tuple(tuple(float(x) for x in s[k]) for s in run.states) for k in index)
    result = LearningResult(
        game=game, dynamics=dynamics, steps=steps, seed=seed, parameters=dict(parameters),
        state=run.state, times=tuple(float(run.times[k]) for k in index), trajectory=trajectory,
        final=tuple(tuple(float(x) for x in s) for s in final), tolerance=tolerance,
        drift=drift, regret=max_regret(game, final), converged=converged,
        equilibria=equilibria, nearest=nearest, distance=distance, matches=matches,
        exact_final=run.exact_final, exact_equilibrium=exact_eq, time_average=average,
        average_distance=average_distance,
        fixation=None if run.fixation is None else tuple(float(x) for x in run.fixation),
        symmetric=symmetric, notes=tuple(run.notes))
    from dataclasses import replace

    return replace(result, verdict=verdict(result))


def describe_mixture(game: Game, p: int, probs: Sequence[float], digits: int = 3) -> str:
    """``H 0.502, T 0.498`` (strategies with weight, rounded)."""
    parts = [f"{s.id} {x:.{digits}f}" for s, x in zip(game.players[p].strategies, probs)
             if round(x, digits) != 0]
    return ", ".join(parts) or "0"


def _fraction(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def equilibrium_text(game: Game, eq) -> str:
    probs = eq.exact if eq.exact is not None else eq.strategies
    parts = []
    for p, player in enumerate(game.players):
        terms = [(_fraction(x) if isinstance(x, Fraction) else f"{x:.4g}") + f" {s.id}"
                 for s, x in zip(player.strategies, probs[p]) if x > 0]
        parts.append(terms[0].split(" ", 1)[1] if len(terms) == 1 else " + ".join(terms))
    return "(" + ", ".join(parts) + ")"


def verdict(r: LearningResult) -> str:
    """One honest sentence on where play went."""
    game = r.game
    if r.fixation is not None:
        best = int(np.argmax(r.fixation))
        return (f"Strategy {game.players[0].strategies[best].id} fixates most often"
                f" (in {r.fixation[best]:.0%} of {r.steps} Moran processes); fixation"
                " probabilities are estimates, not equilibria.")
    near = None
    if r.nearest is not None:
        near = equilibrium_text(game, r.equilibria.equilibria[r.nearest])
    if r.converged is None:
        return "Convergence cannot be measured on a run this short."
    if not r.converged and r.dynamics == "moran-process":
        return (f"Not converged: no strategy fixated within {r.steps} generations (shares"
                f" still move by up to {r.drift:.3f} over the last half).")
    if not r.converged:
        text = (f"Not converged: the {r.state} still move by up to {r.drift:.3f} over the"
                f" last half of the run (tolerance {r.tolerance:g}).")
        if r.average_distance is not None and r.average_distance <= r.tolerance and near:
            text += (f" Play cycles: its time average is within {r.average_distance:.3f} of"
                     f" the equilibrium {near}.")
        return text
    where = "; ".join(describe_mixture(game, p, x) for p, x in enumerate(r.final))
    how = f"the {r.state} settle within {r.drift:.3f}"
    if r.dynamics == "moran-process":
        how = f"one strategy fixated after {r.times[-1]:.0f} generations"
    lead = f"Converged ({how}) at ({where})"
    if r.exact_equilibrium:
        return lead + ", exactly a Nash equilibrium" + (f": {near}." if near and r.distance == 0
                                                         else ".")
    if r.matches and r.distance == 0:
        return lead + f", the certified equilibrium {near}."
    if r.matches:
        return (lead + f", within {r.distance:.3f} of the certified equilibrium {near}"
                f" (tolerance {r.tolerance:g}).")
    if near is None:
        return lead + ", but no certified equilibrium is known to compare it with."
    complete = "" if r.equilibria.complete else " found (the list may be incomplete)"
    return (lead + f": not one of the certified equilibria{complete}; the nearest, {near},"
            f" is {r.distance:.3f} away.")
