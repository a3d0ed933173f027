"""One run of a learning dynamics: nashpy's algorithms for two players, our own
fictitious play on the payoff tensor for three or more.

Each runner returns a :class:`Run`: the sample times and, for every player, the state
at each time (empirical frequencies, population shares or mixed strategies, one row
per time).  nashpy is imported here, lazily: it is heavy, and only ``learn`` needs it.

Two nashpy functions compute the column player's payoffs as ``B @ x`` where the
bimatrix convention needs ``B.T @ x`` (``regret_minimization`` and
``imitation_dynamics`` in nashpy 0.0.43); they are given ``B.T``, which makes them
compute what their references describe.

>>> from gamesolve.model import Game
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> run = fictitious_play_n(pd, steps=10, rng=np.random.default_rng(0))
>>> [tuple(float(x) for x in s[-1]) for s in run.states]
[(0.0, 1.0), (0.0, 1.0)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import GameError
from ..model import Game
from ..solvers.base import deviation_payoffs
from ..tolerance import TOL


@dataclass
class Run:
    """Times and per-player states (``states[p]`` has one row per time)."""

    times: np.ndarray
    states: list[np.ndarray]
    state: str  # what a state is, in words
    exact_final: tuple[tuple[Fraction, ...], ...] | None = None
    time_average: list[np.ndarray] | None = None
    notes: list[str] = field(default_factory=list)
    fixation: np.ndarray | None = None
    pure_output: bool = False  # nashpy returns only a final strategy rounded to pure ones
    absorbed: bool | None = None  # Moran: one strategy has fixated (the run is over)


def matrices(game: Game) -> tuple[np.ndarray, np.ndarray]:
    return game.payoffs[0], game.payoffs[1]


def _frequencies(counts: np.ndarray) -> np.ndarray:
    """Rows of play counts as frequencies; an all-zero row (no play yet) stays uniform."""
    counts = np.asarray(counts, dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    uniform = np.full_like(counts, 1.0 / counts.shape[1])
    return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), uniform)


def _exact_frequencies(counts: list[np.ndarray]) -> tuple[tuple[Fraction, ...], ...] | None:
    out = []
    for c in counts:
        total = sum(Fraction(float(x)) for x in c)
        if total == 0:
            return None
        out.append(tuple(Fraction(float(x)) / total for x in c))
    return tuple(out)


def fictitious_play(game: Game, steps: int, initial=None) -> Run:
    """nashpy's fictitious play (Brown 1951; Fudenberg and Levine 1998, chapter 2)."""
    import nashpy

    a, b = matrices(game)
    counts = None if initial is None else [np.asarray(x, dtype=float) for x in initial]
    history = list(nashpy.Game(a, b).fictitious_play(iterations=steps, play_counts=counts))
    states = [_frequencies(np.array([h[p] for h in history])) for p in range(2)]
    return Run(np.arange(len(history), dtype=float), states, "empirical frequencies of play",
               exact_final=_exact_frequencies(history[-1]))


def stochastic_fictitious_play(game: Game, steps: int, initial=None, etha: float = 0.1,
                               epsilon_bar: float = 0.01) -> Run:
    """nashpy's stochastic fictitious play (Hofbauer and Sandholm 2002)."""
    import nashpy

    a, b = matrices(game)
    counts = None if initial is None else [np.asarray(x, dtype=float) for x in initial]
    history = list(nashpy.Game(a, b).stochastic_fictitious_play(
        iterations=steps, play_counts=counts, etha=etha, epsilon_bar=epsilon_bar))
    plays = [h[0] for h in history]
    states = [_frequencies(np.array([h[p] for h in plays])) for p in range(2)]
    return Run(np.arange(len(history), dtype=float), states, "empirical frequencies of play",
               exact_final=_exact_frequencies(plays[-1]),
               notes=[f"logit noise etha = {etha}, perturbation up to {epsilon_bar}"])


def _time_average(times: np.ndarray, states: list[np.ndarray]) -> list[np.ndarray] | None:
    span = times[-1] - times[0]
    if span <= 0:
        return None
    dt = np.diff(times)[:, None]
    return [((s[1:] + s[:-1]) / 2 * dt).sum(axis=0) / span for s in states]


def replicator_dynamics(game: Game, steps: int, initial, horizon: float) -> Run:
    """nashpy's (symmetric, one-population) replicator dynamics (Taylor and Jonker 1978)."""
    import nashpy

    a, _ = matrices(game)
    times = np.linspace(0, horizon, steps)
    xs = nashpy.Game(a, game.payoffs[1]).replicator_dynamics(y0=np.asarray(initial[0], float),
                                                             timepoints=times)
    states = [xs, xs]
    return Run(times, states, "population shares (one population, both roles)",
               time_average=_time_average(times, states))


def asymmetric_replicator_dynamics(game: Game, steps: int, initial, horizon: float) -> Run:
    """nashpy's two-population replicator dynamics."""
    import nashpy

    a, b = matrices(game)
    times = np.linspace(0, horizon, steps)
    xs, ys = nashpy.Game(a, b).asymmetric_replicator_dynamics(
        x0=np.asarray(initial[0], float), y0=np.asarray(initial[1], float), timepoints=times)
    states = [xs, ys]
    return Run(times, states, "population shares (one population per player)",
               time_average=_time_average(times, states))


CHECKPOINTS_NOTE = ("nashpy returns only the final strategies, not a trajectory: the run is"
                    " repeated to a quarter, half and all of the steps to measure convergence")


def _checkpoints(steps: int) -> list[int]:
    return sorted({max(1, steps // 4), max(1, steps // 2), steps})


def regret_minimization(game: Game, steps: int, learning_rate: float = 0.1) -> Run:
    """nashpy's regret minimisation (Nisan et al. 2007, algorithm 4.3), run to a few
    checkpoints: it returns only its final strategies, rounded to the most likely ones."""
    from nashpy.learning.regret_minimization import regret_minimization as run

    a, b = matrices(game)
    finals = []
    for k in _checkpoints(steps):
        x, y = next(run(a, b.T, learning_rate=learning_rate, iterations=k))
        finals.append((np.asarray(x, float), np.asarray(y, float)))
    states = [np.array([f[p] for f in finals]) for p in range(2)]
    return Run(np.array(_checkpoints(steps), dtype=float), states,
               "final strategies, rounded by nashpy to the most likely strategies",
               notes=[f"learning rate {learning_rate}", CHECKPOINTS_NOTE], pure_output=True)


def imitation_dynamics(game: Game, steps: int, seed: int, population: int) -> Run:
    """nashpy's imitation dynamics (copy the most successful individual), run to a few
    checkpoints from the same seeded initial population."""
    from nashpy.learning.imitation_dynamics import imitation_dynamics as run

    a, b = matrices(game)
    if a.shape[0] != a.shape[1]:
        raise GameError("imitation-dynamics (nashpy) needs both players to have the same"
                        f" number of strategies; this game is {a.shape[0]} x {a.shape[1]}")
    finals = []
    for k in _checkpoints(steps):
        np.random.seed(seed)  # nashpy ignores random_seed=0, so seed here
        x, y = next(run(a, b.T, population_size=population, iterations=k))
        finals.append((np.asarray(x, float), np.asarray(y, float)))
    states = [np.array([f[p] for f in finals]) for p in range(2)]
    for s in states:  # nashpy thresholds at 1/2 without renormalising: say so if it shows
        if not np.allclose(s.sum(axis=1), 1):
            raise GameError("imitation-dynamics: nashpy's thresholded result is not a"
                            " probability vector here (no strategy has weight 1/2 or more)")
    return Run(np.array(_checkpoints(steps), dtype=float), states,
               "final population strategies, thresholded by nashpy at 1/2",
               notes=[f"population of {population}", CHECKPOINTS_NOTE], pure_output=True)


def introspection_dynamics(game: Game, steps: int, initial, beta: float) -> Run:
    """nashpy's introspection dynamics (Couto, Giaimo and Hilbe 2022): the state is the
    empirical frequency of the actions played so far."""
    import nashpy

    a, b = matrices(game)
    start = None if initial is None else np.array([int(np.argmax(x)) for x in initial])
    actions = np.array(list(nashpy.Game(a, b).introspection_dynamics(
        number_of_iterations=steps, beta=beta, initial_actions=start)))
    states = []
    counts = []
    for p in range(2):
        onehot = np.eye(game.shape[p])[actions[:, p]]
        cumulative = np.cumsum(onehot, axis=0)
        counts.append(cumulative[-1])
        states.append(cumulative / cumulative.sum(axis=1, keepdims=True))
    last = game.format_profile(tuple(int(x) for x in actions[-1]))
    return Run(np.arange(len(actions), dtype=float), states,
               "empirical frequencies of the actions played",
               exact_final=_exact_frequencies(counts),
               notes=[f"learning intensity beta = {beta}", f"last actions {last}"])


def _population(initial_shares: np.ndarray, size: int) -> np.ndarray:
    counts = initial_shares * size
    if not np.allclose(counts, np.round(counts)):
        raise GameError(f"--initial: shares {list(initial_shares)} are not whole numbers of"
                        f" individuals in a population of {size} (see --population)")
    return np.repeat(np.arange(len(counts)), np.round(counts).astype(int))


def moran_process(game: Game, steps: int, initial, population: int) -> Run:
    """nashpy's Moran process (Moran 1958; Nowak 2006, chapter 6) until one strategy
    fixates or ``steps`` generations have passed."""
    import nashpy

    a, _ = matrices(game)
    start = _population(np.asarray(initial[0], float), population)
    shares = []
    for generation in nashpy.Game(a, game.payoffs[1]).moran_process(start):
        shares.append(np.bincount(generation, minlength=a.shape[0]) / len(generation))
        if len(shares) > steps:
            break
    xs = np.array(shares)
    fixed = int(np.count_nonzero(xs[-1])) == 1
    notes = [f"population of {population}"]
    notes.append(f"fixation after {len(xs) - 1} generations" if fixed else
                 f"no fixation within {steps} generations")
    return Run(np.arange(len(xs), dtype=float), [xs, xs],
               "population shares (one population, both roles)", notes=notes, absorbed=fixed)


def fixation_probabilities(game: Game, steps: int, initial, population: int) -> Run:
    """nashpy's estimate of each strategy's fixation probability over ``steps`` Moran
    processes from the same initial population."""
    import nashpy

    a, _ = matrices(game)
    start = _population(np.asarray(initial[0], float), population)
    found = nashpy.Game(a, game.payoffs[1]).fixation_probabilities(start, repetitions=steps)
    probs = np.zeros(a.shape[0])
    for fixed_population, share in found.items():  # {final population: frequency}
        probs[int(fixed_population[0])] += float(share)
    shares = np.bincount(start, minlength=a.shape[0]) / len(start)
    return Run(np.array([0.0]), [shares[None, :], shares[None, :]],
               "initial population shares (one population, both roles)",
               notes=[f"population of {population}", f"{steps} Moran processes"],
               fixation=probs)


def fictitious_play_n(game: Game, steps: int, rng: np.random.Generator,
                      initial=None) -> Run:
    """Fictitious play for any number of players, on the payoff tensor.

    Every round each player plays a best response to the product of the others'
    empirical frequencies (uniform before any play), ties broken uniformly at random;
    simultaneous updating, as in Brown (1951) and nashpy's two-player version.
    """
    counts = [np.zeros(s) if initial is None else np.asarray(initial[p], float)
              for p, s in enumerate(game.shape)]
    history = [[c.copy() for c in counts]]
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    for _ in range(steps):
        beliefs = [c / c.sum() if c.sum() > 0 else np.full(len(c), 1 / len(c)) for c in counts]
        plays = []
        for p in range(game.n_players):
            values = deviation_payoffs(game, beliefs, p)
            best = np.flatnonzero(values >= values.max() - TOL * scale)
            plays.append(int(rng.choice(best)))
        for p, a in enumerate(plays):
            counts[p][a] += 1
        history.append([c.copy() for c in counts])
    states = [_frequencies(np.array([h[p] for h in history])) for p in range(game.n_players)]
    return Run(np.arange(len(history), dtype=float), states, "empirical frequencies of play",
               exact_final=_exact_frequencies(history[-1]))
