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
    report_module,
)


@click.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json", "jsonl", "markdown", "latex", "html")
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str) -> None:
    """Only the Nash equilibria."""
    from ..solvers.equilibria import solve as run

    g = load(game, max_profiles, fix)
    if fmt == "jsonl":   # one line per equilibrium as it is found, then a summary line
        from ..report.jsonl_report import EquilibriumStream

        stream = EquilibriumStream(g, lambda text: click.echo(text) or sys.stdout.flush())
        stream.finish(run(g, method=method, timeout=timeout, on_equilibrium=stream.add))
        return
    found = run(g, method=method, timeout=timeout)
    click.echo(report_module(fmt).render_equilibria(g, found, exact=exact), nl=False)
