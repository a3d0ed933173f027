"""What every command shares: loading a game, the common options, and turning a
GameError into one line on standard error and exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from ..errors import GameError

EXIT_OK, EXIT_NO, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_MAX_PROFILES = 10**7
METHOD_CHOICES = ("auto", "pure", "certified", "enumerate", "lemke-howson", "zero-sum",
                  "enumpoly", "gnm", "simpdiv", "ipa", "liap", "logit")


def fail(error: GameError) -> None:
    # one line even when a file name holds a newline
    text = str(error).replace("\r", "\\r").replace("\n", "\\n")
    click.echo(f"gamesolve: error: {text}", err=True)
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
    from ..io import load_game
    from ..model import apply_fix

    game = load_game(path, max_profiles=max_profiles)
    if fix:
        game = apply_fix(game, parse_fix(fix))
    return game


def game_argument(func: Callable) -> Callable:
    func = click.argument("game", metavar="GAME",
                          type=click.Path(allow_dash=True))(func)  # no checks: ours say more
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


def report_module(fmt: str):
    """The reporter module for a --format: each has render_analysis, render_equilibria,
    render_check and render_robustness."""
    import importlib

    return importlib.import_module(f"gamesolve.report.{REPORT_MODULES.get(fmt, fmt)}")


REPORT_MODULES = {"json": "json_report"}  # a module named json would shadow the stdlib's


def method_options(func: Callable) -> Callable:
    func = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
                        show_default=True,
                        help="Seconds allowed for N-player mixed equilibrium search.")(func)
    func = click.option("--method", type=click.Choice(METHOD_CHOICES), default="auto",
                        show_default=True,
                        help="Equilibrium method (see docs: choose a method).")(func)
    func = click.option("--exact", is_flag=True,
                        help="Print exact probabilities and payoffs as fractions.")(func)
    return func


class progress_bar:
    """A callback ``progress(done, total)`` drawing a bar on standard error when it is a
    terminal (the certified N-player search reports homotopy paths); None otherwise."""

    def __enter__(self):
        self.bar = None
        if not sys.stderr.isatty():
            return None

        def update(done: int, total: int) -> None:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="certifying supports",
                                             file=sys.stderr)
                self.bar.__enter__()
            self.bar.update(done - self.bar.pos)

        return update

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def sampling_options(min_samples: int, context: str, samples_help: str,
                     seed_help: str) -> Callable:
    """--samples, --noise, --seed and --ordinal, shared by robustness and plot."""
    def decorate(func: Callable) -> Callable:
        func = click.option("--ordinal", is_flag=True,
                            help=context + ("random payoffs keeping each player's ranking."
                                            if context else "Instead of noise, draw random"
                                            " payoffs keeping each player's ranking."))(func)
        func = click.option("--seed", type=click.IntRange(min=0), default=0,
                            show_default=True, help=context + seed_help)(func)
        func = click.option("--noise", type=click.FloatRange(min=0), default=0.5,
                            show_default=True,
                            help=context + ("uniform noise in [-D, D] on every payoff."
                                            if context else "Add uniform noise in [-D, D]"
                                            " to every payoff."))(func)
        return click.option("--samples", type=click.IntRange(min=min_samples), default=1000,
                            show_default=True, help=context + samples_help)(func)
    return decorate
