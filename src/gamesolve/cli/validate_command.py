"""``gamesolve validate``."""

from __future__ import annotations

import click

from .common import game_argument, guarded, load


@click.command()
@game_argument
@guarded
def validate(game: str, max_profiles: int) -> None:
    """Check a game file; print a one-line summary of a valid game."""
    g = load(game, max_profiles)
    if g.claims:
        from ..claims import check_claims

        check_claims(g)  # a malformed claim is bad input here too; verdicts are check's job
    dims = "x".join(str(s) for s in g.shape)
    players = ", ".join(f"{p.name} ({len(p.strategies)})" for p in g.players)
    extras = []
    if g.claims:
        extras.append(f"{len(g.claims)} claim{'s' if len(g.claims) != 1 else ''}")
    if g.assumed:
        extras.append(f"{len(g.assumed)} assumed outcomes")
    unpriced = sum(len(p.unpriced) for p in g.players)
    if unpriced:
        extras.append(f"{unpriced} unpriced strategies")
    title = f"{g.title!r}: " if g.title else ""
    tail = f"; {', '.join(extras)}" if extras else ""
    click.echo(f"{g.origin}: valid: {title}{g.n_players} players, {dims} = {g.n_profiles:,}"
               f" profiles; players {players}{tail}")
