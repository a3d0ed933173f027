"""The ``gamesolve`` command line: option parsing and exit codes only.

Exit status: 0 success; 1 the answer is "no" (a claim is contradicted); 2 bad input or a
request that cannot be honoured (one line on standard error, never a traceback).
"""

from __future__ import annotations

import sys
from typing import Callable

import click

from .errors import GameError

EXIT_OK, EXIT_NO, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_MAX_PROFILES = 10**7
METHOD_CHOICES = ("auto", "pure", "enumerate", "lemke-howson", "zero-sum", "enumpoly", "gnm",
                  "simpdiv", "ipa", "liap", "logit")


def fail(error: GameError) -> None:
    click.echo(f"gamesolve: error: {error}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def guarded(func: Callable) -> Callable:
    """Turn GameError (and resource exhaustion on hostile input) into exit status 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GameError as exc:
            fail(exc)
        except RecursionError:
            fail(GameError("input is nested too deeply"))
        except MemoryError:
            fail(GameError("not enough memory for this game (try --max-profiles or --fix)"))
        except BrokenPipeError:  # `gamesolve ... | head`: the reader went away
            sys.stderr.close()
            sys.exit(EXIT_OK)

    return wrapper


def parse_fix(specs: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    result = []
    for spec in specs:
        player, sep, ids = spec.partition("=")
        if not sep or not player.strip() or not ids.strip():
            raise GameError(f"--fix {spec!r}: expected PLAYER=ID[,ID...]")
        result.append((player.strip(), [i.strip() for i in ids.split(",") if i.strip()]))
    return result


def load(path: str, max_profiles: int, fix: tuple[str, ...] = ()):
    from .io import load_game
    from .model import apply_fix

    game = load_game(path, max_profiles=max_profiles)
    if fix:
        game = apply_fix(game, parse_fix(fix))
    return game


def game_argument(func: Callable) -> Callable:
    func = click.argument("game", metavar="GAME", type=str)(func)
    func = click.option("--max-profiles", type=click.IntRange(min=1),
                        default=DEFAULT_MAX_PROFILES, show_default=True,
                        help="Refuse games with more pure profiles than this.")(func)
    return func


def fix_option(func: Callable) -> Callable:
    return click.option("--fix", "fix", multiple=True, metavar="PLAYER=ID[,ID...]",
                        help="Restrict a player to these strategies (repeatable).")(func)


def format_option(*choices: str) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(choices), default="text",
                        show_default=True, help="Output format.")


def method_options(func: Callable) -> Callable:
    func = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
                        show_default=True,
                        help="Seconds allowed for N-player mixed equilibrium search.")(func)
    func = click.option("--method", type=click.Choice(METHOD_CHOICES), default="auto",
                        show_default=True, help="Equilibrium method (see docs: choose a method).")(func)
    func = click.option("--exact", is_flag=True,
                        help="Print exact probabilities and payoffs as fractions.")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gamesolve")
def main() -> None:
    """Analyse payoff-matrix (normal-form) games written in YAML, JSON or Gambit .nfg.

    GAME is a file path, or - for standard input.
    """


@main.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json")
@guarded
def analyze(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
            fmt: str) -> None:
    """Full analysis: payoff table, best responses, dominance, equilibria, Pareto optimality,
    security levels, a cell-by-cell reading and a conclusion."""
    from .analysis import analyze as run

    g = load(game, max_profiles, fix)
    result = run(g, method=method, timeout=timeout)
    if fmt == "json":
        from .report.json_report import analysis_document, dumps

        click.echo(dumps(analysis_document(result)), nl=False)
    else:
        from .report.text import render_analysis

        click.echo(render_analysis(result, exact=exact), nl=False)


@main.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json")
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str) -> None:
    """Only the Nash equilibria."""
    from .solvers.equilibria import solve as run

    g = load(game, max_profiles, fix)
    found = run(g, method=method, timeout=timeout)
    if fmt == "json":
        from .report.json_report import dumps, solve_document

        click.echo(dumps(solve_document(g, found)), nl=False)
    else:
        from .report.text import render_equilibria

        click.echo(render_equilibria(g, found, exact=exact), nl=False)


@main.command()
@game_argument
@guarded
def validate(game: str, max_profiles: int) -> None:
    """Check a game file; print a one-line summary of a valid game."""
    g = load(game, max_profiles)
    dims = "x".join(str(s) for s in g.shape)
    players = ", ".join(f"{p.name} ({len(p.strategies)})" for p in g.players)
    extras = []
    if g.claims:
        extras.append(f"{len(g.claims)} claims")
    if g.assumed:
        extras.append(f"{len(g.assumed)} assumed outcomes")
    unpriced = sum(len(p.unpriced) for p in g.players)
    if unpriced:
        extras.append(f"{unpriced} unpriced strategies")
    title = f"{g.title!r}: " if g.title else ""
    tail = f"; {', '.join(extras)}" if extras else ""
    click.echo(f"{g.origin}: valid: {title}{g.n_players} players, {dims} = {g.n_profiles:,}"
               f" profiles; players {players}{tail}")


if __name__ == "__main__":  # pragma: no cover
    main()
