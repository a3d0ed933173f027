"""``gamesolve solve``."""

from __future__ import annotations

import sys

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
@format_option("text", "json", "jsonl", "markdown", "latex", "html")
@digits_option
@standalone_option
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str, digits: int, standalone: bool) -> None:
    """Only the Nash equilibria."""
    from dataclasses import replace

    from ..solvers.equilibria import solve as run
    from ..structure import scale_warnings

    check_report_options(fmt, (), digits, standalone)
    g = load(game, max_profiles, fix)
    if fmt == "jsonl":   # one line per equilibrium as it is found, then a summary line
        from ..report.jsonl_report import EquilibriumStream

        stream = EquilibriumStream(g, lambda text: click.echo(text) or sys.stdout.flush())
        with progress_bar() as progress:
            stream.finish(run(g, method=method, timeout=timeout, progress=progress,
                              on_equilibrium=stream.add))
        return
    with progress_bar() as progress:
        found = run(g, method=method, timeout=timeout, progress=progress)
    # the declared scale: mixed equilibria of ordinal games are flagged
    found = replace(found, warnings=found.warnings + scale_warnings(g, found))
    if fmt == "json":
        click.echo(report_module(fmt).render_equilibria(g, found), nl=False)
        return
    from ..report.outline_analysis import equilibria_outline
    from ..report.sections import render

    click.echo(render(fmt, equilibria_outline(g, found, exact, digits), standalone), nl=False)
