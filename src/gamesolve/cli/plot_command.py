"""``gamesolve plot``."""

from __future__ import annotations

import click

from .common import fix_option, game_argument, guarded, load, sampling_options
from .learn_command import DYNAMICS_CHOICES, parse_initial


@click.command()
@game_argument
@fix_option
@click.option("-o", "--output", required=True, metavar="FILE",
              help="The figure file: .png, .svg or .pdf.")
@click.option("--kind", type=click.Choice(("heatmap", "best-response", "robustness",
                                           "learning")),
              default="heatmap", show_default=True,
              help="Payoff heatmaps, the 2x2 best-response diagram, robustness bars, or"
              " learning trajectories.")
@sampling_options(min_samples=1, context="--kind robustness: ",
                  samples_help="random perturbations to draw.",
                  seed_help="random seed (also of --kind learning).")
@click.option("--dynamics", type=click.Choice(DYNAMICS_CHOICES), default="fictitious-play",
              show_default=True, help="--kind learning: the learning dynamics.")
@click.option("--steps", type=click.IntRange(min=1), default=None,
              help="--kind learning: steps of the dynamics (default per dynamics).")
@click.option("--initial", multiple=True, metavar="PLAYER=ID:W[,ID:W...]",
              help="--kind learning: a player's initial state (repeatable).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@guarded
def plot(game: str, max_profiles: int, fix, output: str, kind: str, samples: int,
         noise: float, seed: int, ordinal: bool, dynamics: str, steps: int | None,
         initial: tuple[str, ...], force: bool) -> None:
    """Draw a figure of the game (needs matplotlib: pip install 'gamesolve[plot]')."""
    from ..io.writers import check_writable
    from ..plot import file_type, make_figure, require_matplotlib, save_figure

    require_matplotlib()
    file_type(output)
    check_writable(output, force)
    g = load(game, max_profiles, fix)
    if kind == "learning":
        from ..learning import learn
        from ..plot_learning import learning_figure

        result = learn(g, dynamics, steps=steps, seed=seed, initial=parse_initial(initial))
        save_figure(learning_figure(result), output, force=force)
        return
    options = {}
    if kind == "robustness":
        options = {"samples": samples, "noise": noise, "seed": seed, "ordinal": ordinal}
    save_figure(make_figure(g, kind, **options), output, force=force)
