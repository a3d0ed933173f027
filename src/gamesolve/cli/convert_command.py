"""``gamesolve convert``."""

from __future__ import annotations

import click

from ..errors import GameError
from .common import DEFAULT_MAX_PROFILES, guarded, load
from .numeric import MAX_PROFILES_LIMIT, Number


@click.command()
@click.argument("source", metavar="IN", type=str)
@click.argument("target", metavar="OUT", type=str)
@click.option("--to", "to", type=click.Choice(("yaml", "json", "nfg")), default=None,
              help="Output format (default: from OUT's extension; required when OUT is -).")
@click.option("--nfg-form", type=click.Choice(("payoff", "outcome")), default=None,
              help="Body of a .nfg file: a payoff list or outcomes.  [default: payoff]")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.option("--max-profiles", type=Number(1, MAX_PROFILES_LIMIT, integer=True),
              default=DEFAULT_MAX_PROFILES,
              show_default=True, help="Refuse games with more pure profiles than this.")
@guarded
def convert(source: str, target: str, to: str | None, nfg_form: str | None, force: bool,
            max_profiles: int) -> None:
    """Convert a game between YAML, JSON and Gambit .nfg (IN or OUT may be -).

    Payoffs stay exact.  What OUT's format cannot hold (for .nfg: notes, claims, source,
    labels, descriptions, unpriced strategies, assumed flags) is listed on standard
    error.  OUT is written whole or not at all, and never overwritten without --force."""
    from ..convert import gambit_note, lost_note, render, target_format

    fmt = target_format(target, to)
    if nfg_form is not None and fmt != "nfg":
        raise GameError(f"--nfg-form applies to .nfg output only (the output is {fmt})")
    if target != "-":
        from ..io.writers import check_not_input, check_writable

        check_writable(target, force)
        check_not_input(source, target)
    g = load(source, max_profiles)
    text = render(g, fmt, nfg_form or "payoff")
    if target == "-":
        click.echo(text, nl=False)
    else:
        from ..io.writers import write_file

        write_file(target, text, force=force)
    for note in (lost_note(g, fmt), gambit_note(g, fmt)):
        if note:
            click.echo(f"gamesolve: note: {note}", err=True)
