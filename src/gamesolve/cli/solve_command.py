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
    report_module,
)


@click.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str) -> None:
    """Only the Nash equilibria."""
    from dataclasses import replace

    from ..solvers.equilibria import solve as run
    from ..structure import scale_warnings

    g = load(game, max_profiles, fix)
    found = run(g, method=method, timeout=timeout)
    # the declared scale: mixed equilibria of ordinal games are flagged
    found = replace(found, warnings=found.warnings + scale_warnings(g, found))
    click.echo(report_module(fmt).render_equilibria(g, found, exact=exact), nl=False)
