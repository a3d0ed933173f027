"""``gamesolve analyze``."""

from __future__ import annotations

import click

from .common import (
    fix_option,
    format_option,
    game_argument,
    guarded,
    load,
    method_options,
    progress_bar,
    report_module,
)


@click.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def analyze(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
            fmt: str) -> None:
    """Full analysis: payoff table, best responses, dominance, equilibria, Pareto optimality,
    security levels, a cell-by-cell reading and a conclusion."""
    from ..analysis import analyze as run

    g = load(game, max_profiles, fix)
    with progress_bar() as progress:
        result = run(g, method=method, timeout=timeout, progress=progress)
    click.echo(report_module(fmt).render_analysis(result, exact=exact), nl=False)
