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
    report_module,
)


@click.command()
@game_argument
@fix_option
@method_options
@click.option("--eliminate", type=click.Choice(("strict", "weak")), default="strict",
              show_default=True, help="Also eliminate weakly dominated strategies (weak):"
              " order-dependent, the order used is stated.")
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def analyze(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
            eliminate: str, fmt: str) -> None:
    """Full analysis: payoff table, best responses, dominance, equilibria, Pareto optimality,
    security levels, a cell-by-cell reading and a conclusion."""
    from ..analysis import analyze as run

    g = load(game, max_profiles, fix)
    result = run(g, method=method, timeout=timeout, eliminate=eliminate)
    click.echo(report_module(fmt).render_analysis(result, exact=exact), nl=False)
