"""``gamesolve check``."""

from __future__ import annotations

import sys

import click

from .common import EXIT_NO, fix_option, format_option, game_argument, guarded, load, report_module


@click.command()
@game_argument
@fix_option
@format_option("text", "json", "markdown", "latex", "html")
@click.option("--strict", is_flag=True,
              help="Exit 1 also when a claim the encoder added (implicit: true) is"
                   " contradicted.")
@guarded
def check(game: str, max_profiles: int, fix, fmt: str, strict: bool) -> None:
    """Judge the claims in the game file's 'claims:' list against its numbers.

    Each claim is supported, contradicted, holds-as-hedged or untestable, with the evidence
    in numbers; the source's claims and those the encoder added (implicit: true) are
    counted apart.  Exit status: 0 no claim of the source contradicted, 1 some claim of the
    source contradicted (with --strict: any claim), 2 bad input (including a malformed
    claim)."""
    from ..claims import check_claims

    g = load(game, max_profiles, fix)
    report = check_claims(g, strict=strict)
    click.echo(report_module(fmt).render_check(report, g), nl=False)
    if report.any_contradicted:
        sys.exit(EXIT_NO)
