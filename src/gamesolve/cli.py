"""The ``gamesolve`` command line: option parsing and exit codes only.

Exit status: 0 success; 1 the answer is "no" (a claim is contradicted); 2 bad input or a
request that cannot be honoured (one line on standard error, never a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from .errors import GameError

EXIT_OK, EXIT_NO, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_MAX_PROFILES = 10**7
METHOD_CHOICES = ("auto", "pure", "enumerate", "lemke-howson", "zero-sum", "enumpoly", "gnm",
                  "simpdiv", "ipa", "liap", "logit")


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
    from .io import load_game
    from .model import apply_fix

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

    return importlib.import_module(f".report.{REPORT_MODULES.get(fmt, fmt)}", __package__)


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
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def analyze(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
            fmt: str) -> None:
    """Full analysis: payoff table, best responses, dominance, equilibria, Pareto optimality,
    security levels, a cell-by-cell reading and a conclusion."""
    from .analysis import analyze as run

    g = load(game, max_profiles, fix)
    result = run(g, method=method, timeout=timeout)
    click.echo(report_module(fmt).render_analysis(result, exact=exact), nl=False)


@main.command()
@game_argument
@fix_option
@method_options
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def solve(game: str, max_profiles: int, fix, method: str, timeout: float, exact: bool,
          fmt: str) -> None:
    """Only the Nash equilibria."""
    from .solvers.equilibria import solve as run

    g = load(game, max_profiles, fix)
    found = run(g, method=method, timeout=timeout)
    click.echo(report_module(fmt).render_equilibria(g, found, exact=exact), nl=False)


@main.command()
@game_argument
@guarded
def validate(game: str, max_profiles: int) -> None:
    """Check a game file; print a one-line summary of a valid game."""
    g = load(game, max_profiles)
    if g.claims:
        from .claims import check_claims

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


@main.command()
@game_argument
@fix_option
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def check(game: str, max_profiles: int, fix, fmt: str) -> None:
    """Judge the claims in the game file's 'claims:' list against its numbers.

    Each claim is supported, contradicted or untestable, with the evidence in numbers.
    Exit status: 0 no claim contradicted, 1 some claim contradicted, 2 bad input
    (including a malformed claim)."""
    from .claims import check_claims

    g = load(game, max_profiles, fix)
    report = check_claims(g)
    click.echo(report_module(fmt).render_check(report, g), nl=False)
    if report.any_contradicted:
        sys.exit(EXIT_NO)


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


LONG_RUN_ELEMENTS = 50_000_000  # sampled payoffs beyond which a terminal gets a progress bar


@main.command()
@game_argument
@fix_option
@sampling_options(min_samples=0, context="",
                  samples_help="Random perturbations of the game to draw (0: exact margins"
                               " only).",
                  seed_help="Random seed: the same seed gives the same result, whatever --jobs.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for sampling.")
@format_option("text", "json", "markdown", "latex", "html")
@guarded
def robustness(game: str, max_profiles: int, fix, samples: int, noise: float, seed: int,
               ordinal: bool, jobs: int, fmt: str) -> None:
    """How robust the conclusions are: exact stability margins of every strict dominance
    and pure equilibrium, and how often they survive random perturbations."""
    from .robustness import robustness as run

    g = load(game, max_profiles, fix)
    long_run = samples * g.n_players * g.n_profiles >= LONG_RUN_ELEMENTS
    if samples and long_run and sys.stderr.isatty():
        with click.progressbar(length=samples, label="sampling", file=sys.stderr) as bar:
            report = run(g, samples=samples, noise=noise, seed=seed, ordinal=ordinal,
                         jobs=jobs, progress=bar.update)
    else:
        report = run(g, samples=samples, noise=noise, seed=seed, ordinal=ordinal, jobs=jobs)
    click.echo(report_module(fmt).render_robustness(report, g), nl=False)


@main.command()
@click.argument("source", metavar="IN", type=str)
@click.argument("target", metavar="OUT", type=str)
@click.option("--to", "to", type=click.Choice(("yaml", "json", "nfg")), default=None,
              help="Output format (default: from OUT's extension; required when OUT is -).")
@click.option("--nfg-form", type=click.Choice(("payoff", "outcome")), default=None,
              help="Body of a .nfg file: a payoff list or outcomes.  [default: payoff]")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.option("--max-profiles", type=click.IntRange(min=1), default=DEFAULT_MAX_PROFILES,
              show_default=True, help="Refuse games with more pure profiles than this.")
@guarded
def convert(source: str, target: str, to: str | None, nfg_form: str | None, force: bool,
            max_profiles: int) -> None:
    """Convert a game between YAML, JSON and Gambit .nfg (IN or OUT may be -).

    Payoffs stay exact.  What OUT's format cannot hold (for .nfg: notes, claims, source,
    labels, descriptions, unpriced strategies, assumed flags) is listed on standard
    error.  OUT is written whole or not at all, and never overwritten without --force."""
    from .convert import gambit_note, lost_note, render, target_format

    fmt = target_format(target, to)
    if nfg_form is not None and fmt != "nfg":
        raise GameError(f"--nfg-form applies to .nfg output only (the output is {fmt})")
    if target != "-":
        from .io.writers import check_writable

        check_writable(target, force)
    g = load(source, max_profiles)
    text = render(g, fmt, nfg_form or "payoff")
    if target == "-":
        click.echo(text, nl=False)
    else:
        from .io.writers import write_file

        write_file(target, text, force=force)
    for note in (lost_note(g, fmt), gambit_note(g, fmt)):
        if note:
            click.echo(f"gamesolve: note: {note}", err=True)


@main.command()
@game_argument
@fix_option
@click.option("-o", "--output", required=True, metavar="FILE",
              help="The figure file: .png, .svg or .pdf.")
@click.option("--kind", type=click.Choice(("heatmap", "best-response", "robustness")),
              default="heatmap", show_default=True,
              help="Payoff heatmaps, the 2x2 best-response diagram, or robustness bars.")
@sampling_options(min_samples=1, context="--kind robustness: ",
                  samples_help="random perturbations to draw.", seed_help="random seed.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@guarded
def plot(game: str, max_profiles: int, fix, output: str, kind: str, samples: int,
         noise: float, seed: int, ordinal: bool, force: bool) -> None:
    """Draw a figure of the game (needs matplotlib: pip install 'gamesolve[plot]')."""
    from .io.writers import check_writable
    from .plot import file_type, make_figure, require_matplotlib, save_figure

    require_matplotlib()
    file_type(output)
    check_writable(output, force)
    g = load(game, max_profiles, fix)
    options = {}
    if kind == "robustness":
        options = {"samples": samples, "noise": noise, "seed": seed, "ordinal": ordinal}
    save_figure(make_figure(g, kind, **options), output, force=force)


if __name__ == "__main__":  # pragma: no cover
    main()
