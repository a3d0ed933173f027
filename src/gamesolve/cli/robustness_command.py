"""``gamesolve robustness``."""

from __future__ import annotations

import sys

import click

from .common import (
    fix_option,
    format_option,
    game_argument,
    guarded,
    load,
    report_module,
    sampling_options,
)
from .numeric import MAX_JOBS, Number, cap_jobs

LONG_RUN_ELEMENTS = 50_000_000  # sampled payoffs beyond which a terminal gets a progress bar


@click.command()
@game_argument
@fix_option
@sampling_options(min_samples=0, context="",
                  samples_help="Random perturbations of the game to draw (0: exact margins"
                               " only).",
                  seed_help="Random seed: the same seed gives the same result, whatever --jobs.")
@click.option("--jobs", type=Number(1, MAX_JOBS, integer=True), default=1, show_default=True,
              help="Worker processes for sampling (at most the cores available).")
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def robustness(game: str, max_profiles: int, fix, samples: int, noise: float, seed: int,
               ordinal: bool, jobs: int, fmt: str) -> None:
    """How robust the conclusions are: exact stability margins of every strict dominance
    and pure equilibrium, and how often they survive random perturbations."""
    from ..robustness import robustness as run

    g = load(game, max_profiles, fix)
    jobs = cap_jobs(jobs)
    long_run = samples * g.n_players * g.n_profiles >= LONG_RUN_ELEMENTS
    if samples and long_run and sys.stderr.isatty():
        with click.progressbar(length=samples, label="sampling", file=sys.stderr) as bar:
            report = run(g, samples=samples, noise=noise, seed=seed, ordinal=ordinal,
                         jobs=jobs, progress=bar.update)
    else:
        report = run(g, samples=samples, noise=noise, seed=seed, ordinal=ordinal, jobs=jobs)
    click.echo(report_module(fmt).render_robustness(report, g), nl=False)
