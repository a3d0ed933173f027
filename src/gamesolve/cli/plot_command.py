"""``gamesolve plot``."""

from __future__ import annotations

import click

from .common import fix_option, game_argument, guarded, load, sampling_options


@click.command()
@game_argument
@fix_option
@click.option("-o", "--output", required=True, metavar="FILE",
              help="The figure file: .png, .svg or .pdf.")
@click.option("--kind", type=click.Choice(("heatmap", "best-response", "robustness")),
              default="heatmap", show_default=True,
              help="Payoff heatmaps, the 2x2 best-response diagram, or robustness bars.")
@sampling_options(min_samples=1, context="--kind robustness: ",
                  samples_help="random perturbations to draw.", seed_help="random seed.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@guarded
def plot(game: str, max_profiles: int, fix, output: str, kind: str, samples: int,
         noise: float, seed: int, ordinal: bool, force: bool) -> None:
    """Draw a figure of the game (needs matplotlib: pip install 'gamesolve[plot]')."""
    from ..io.writers import check_writable
    from ..plot import file_type, make_figure, require_matplotlib, save_figure

    require_matplotlib()
    file_type(output)
    check_writable(output, force)
    g = load(game, max_profiles, fix)
    options = {}
    if kind == "robustness":
        options = {"samples": samples, "noise": noise, "seed": seed, "ordinal": ordinal}
    save_figure(make_figure(g, kind, **options), output, force=force)
