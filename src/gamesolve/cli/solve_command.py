"""``gamesolve solve``."""

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
from .report_options import check_report_options, digits_option, standalone_option


@click.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json", "markdown", "latex", "html")
@digits_option
@standalone_option
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str, digits: int, standalone: bool) -> None:
    """Only the Nash equilibria."""
    from ..solvers.equilibria import solve as run

    check_report_options(fmt, (), digits, standalone)
    g = load(game, max_profiles, fix)
    with progress_bar() as progress:
        found = run(g, method=method, timeout=timeout, progress=progress)
    if fmt == "json":
        click.echo(report_module(fmt).render_equilibria(g, found), nl=False)
        return
    from ..report.outline_analysis import equilibria_outline
    from ..report.sections import render

    click.echo(render(fmt, equilibria_outline(g, found, exact, digits), standalone), nl=False)
