"""``gamesolve check``."""

from __future__ import annotations

import sys

import click

from .common import EXIT_NO, fix_option, format_option, game_argument, guarded, load, report_module


@click.command()
@game_argument
@fix_option
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def check(game: str, max_profiles: int, fix, fmt: str) -> None:
    """Judge the claims in the game file's 'claims:' list against its numbers.

    Each claim is supported, contradicted or untestable, with the evidence in numbers.
    Exit status: 0 no claim contradicted, 1 some claim contradicted, 2 bad input
    (including a malformed claim)."""
    from ..claims import check_claims

    g = load(game, max_profiles, fix)
    report = check_claims(g)
    click.echo(report_module(fmt).render_check(report, g), nl=False)
    if report.any_contradicted:
        sys.exit(EXIT_NO)
