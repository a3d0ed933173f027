"""``gamesolve learn``."""

from __future__ import annotations

import click

from ..errors import GameError
from .common import fix_option, format_option, game_argument, guarded, load

DYNAMICS_CHOICES = ("fictitious-play", "stochastic-fictitious-play", "replicator-dynamics",
                    "asymmetric-replicator-dynamics", "regret-minimization",
                    "imitation-dynamics", "introspection-dynamics", "moran-process",
                    "fixation-probabilities")  # = gamesolve.learning.DYNAMICS, kept light


def parse_initial(specs: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """``PLAYER=ID:WEIGHT,ID:WEIGHT`` (repeatable) as ``{player: {id: weight}}``.

    >>> parse_initial(("Person 1=H:3,T:1",))
    {'Person 1': {'H': 3.0, 'T': 1.0}}
    """
    out: dict[str, dict[str, float]] = {}
    for spec in specs:
        player, sep, rest = spec.partition("=")
        player = player.strip()
        if not sep or not player or not rest.strip():
            raise GameError(f"--initial {spec!r}: expected PLAYER=ID:WEIGHT[,ID:WEIGHT...]")
        if player in out:
            raise GameError(f"--initial: player {player!r} is given twice")
        weights: dict[str, float] = {}
        for item in rest.split(","):
            sid, colon, value = item.strip().rpartition(":")
            if not colon or not sid.strip():
                raise GameError(f"--initial {spec!r}: {item.strip()!r} is not ID:WEIGHT")
            try:
                from fractions import Fraction

                weights[sid.strip()] = float(Fraction(value.strip()))
            except (ValueError, ZeroDivisionError):
                raise GameError(f"--initial {spec!r}: weight {value.strip()!r} of"
                                f" {sid.strip()!r} is not a number") from None
        out[player] = weights
    return out


@click.command()
@game_argument
@fix_option
@click.option("--dynamics", type=click.Choice(DYNAMICS_CHOICES), default="fictitious-play",
              show_default=True, help="Learning dynamics (nashpy's; fictitious-play also for"
              " three or more players).")
@click.option("--steps", type=click.IntRange(min=1), default=None,
              help="Rounds, time points, generations or repetitions (default per dynamics).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Random seed: the same seed gives the same run.")
@click.option("--initial", multiple=True, metavar="PLAYER=ID:W[,ID:W...]",
              help="Initial state of a player (repeatable): prior play counts, population"
              " shares or initial action, by dynamics.")
@click.option("--tolerance", type=click.FloatRange(min=0, max=1, min_open=True, max_open=True),
              default=0.05, show_default=True,
              help="Convergence tolerance on probabilities (settled, and equal to an equilibrium).")
@click.option("--horizon", type=click.FloatRange(min=0, min_open=True), default=100.0,
              show_default=True, help="Replicator dynamics: time span integrated.")
@click.option("--population", type=click.IntRange(min=2), default=20, show_default=True,
              help="Moran process, fixation probabilities, imitation: population size.")
@click.option("--beta", type=click.FloatRange(min=0), default=10.0, show_default=True,
              help="Introspection dynamics: learning intensity.")
@click.option("--learning-rate", type=click.FloatRange(min=0, min_open=True), default=0.1,
              show_default=True, help="Regret minimization: learning rate.")
@click.option("--etha", type=click.FloatRange(min=0, min_open=True), default=0.1,
              show_default=True, help="Stochastic fictitious play: logit noise (nashpy's etha).")
@click.option("--epsilon-bar", type=click.FloatRange(min=0), default=0.01, show_default=True,
              help="Stochastic fictitious play: largest random payoff perturbation.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
              show_default=True, help="Seconds allowed for the equilibria compared with.")
@format_option("text", "json", "markdown", "html", "latex")
@guarded
def learn(game: str, max_profiles: int, fix, dynamics: str, steps: int | None, seed: int,
          initial: tuple[str, ...], tolerance: float, horizon: float, population: int,
          beta: float, learning_rate: float, etha: float, epsilon_bar: float, timeout: float,
          fmt: str) -> None:
    """Run learning dynamics and say where play converges, and whether that is one of the
    game's certified Nash equilibria."""
    from ..learning import learn as run
    from ..report.learning_report import render_learning

    g = load(game, max_profiles, fix)
    result = run(g, dynamics, steps=steps, seed=seed, initial=parse_initial(initial),
                 tolerance=tolerance, horizon=horizon, population=population, beta=beta,
                 learning_rate=learning_rate, etha=etha, epsilon_bar=epsilon_bar,
                 timeout=timeout)
    click.echo(render_learning(result, fmt), nl=False)
