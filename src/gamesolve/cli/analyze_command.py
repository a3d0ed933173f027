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
from .report_options import check_report_options, digits_option, section_option, standalone_option


@click.command()
@game_argument
@fix_option
@method_options
@click.option("--eliminate", type=click.Choice(("strict", "weak")), default="strict",
              show_default=True, help="Also eliminate weakly dominated strategies (weak):"
              " order-dependent, the order used is stated.")
@format_option("text", "json", "markdown", "latex", "html")
@section_option
@digits_option
@standalone_option
@guarded
def analyze(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
            eliminate: str, fmt: str, sections: tuple[str, ...], digits: int,
            standalone: bool) -> None:
    """Full analysis: payoff table, best responses, dominance, equilibria, Pareto optimality,
    security levels, a cell-by-cell reading and a conclusion."""
    from ..analysis import analyze as run

    check_report_options(fmt, sections, digits, standalone)
    g = load(game, max_profiles, fix)
    with progress_bar() as progress:
        result = run(g, method=method, timeout=timeout, progress=progress,
                     eliminate=eliminate)
    if fmt == "json":
        click.echo(report_module(fmt).render_analysis(result), nl=False)
        return
    from ..report.outline_analysis import analysis_outline
    from ..report.sections import render

    doc = analysis_outline(result, exact, digits, sections)
    click.echo(render(fmt, doc, standalone), nl=False)
