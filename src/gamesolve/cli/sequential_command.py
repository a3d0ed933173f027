"""``gamesolve sequential``."""

from __future__ import annotations

import click

from .common import fix_option, format_option, game_argument, guarded, load


@click.command()
@game_argument
@fix_option
@click.option("--order", "order", metavar="P1,P2,...", default=None,
              help="One order of moves (player names, first mover first); default: every"
                   " order.")
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def sequential(game: str, max_profiles: int, fix, order: str | None, fmt: str) -> None:
    """Subgame-perfect outcomes when the players move in turn, and repeated-play minmax
    values."""
    from ..errors import GameError
    from ..io.source import display_name
    from ..sequential import repetition, timing

    g = load(game, max_profiles, fix)
    try:
        chosen = None
        if order is not None:
            chosen = tuple(g.player_index(name.strip()) for name in order.split(",")
                           if name.strip())
        t = timing(g, chosen)
        if t.skipped:
            raise GameError(f"orders of moves not computed: {t.skipped}")
    except GameError as exc:
        raise exc.located(file=display_name(game)) from None
    r = repetition(g)
    if fmt == "json":
        from ..report.json_report import dumps, sequential_document

        click.echo(dumps(sequential_document(g, t, r)), nl=False)
        return
    from ..report.outline_sequential import sequential_outline
    from ..report.sections import render

    click.echo(render(fmt, sequential_outline(g, t, r)), nl=False)
