"""Numeric command-line options, read by :func:`gamesolve.numbers.parse_option`: ASCII digits,
finite, within a range, one clear line when not (click's own FloatRange takes ``1e308``,
``nan`` and Arabic-Indic digits, and a traceback follows further down)."""

from __future__ import annotations

import click

from ..errors import GameError
from ..numbers import parse_option
from ..processes import usable_cores

MAX_TIMEOUT = 10**6        # seconds (11.6 days): beyond, clocks overflow
MAX_NOISE = 10**12         # payoffs are below 1e300 but the noise must stay far from overflow
MAX_SAMPLES = 10**9
MAX_SEED = 2**63 - 1
MAX_JOBS = 4096
MAX_PROFILES_LIMIT = 10**12


class Number(click.ParamType):
    """A number option with limits, refused as a GameError (exit 2, one line)."""

    name = "number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None,
                 min_open: bool = False, integer: bool = False):
        self.minimum, self.maximum = minimum, maximum
        self.min_open, self.integer = min_open, integer
        self.name = "integer" if integer else "number"

    def convert(self, value, param, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = repr(value)  # a default
        name = param.opts[0] if param is not None and param.opts else "option"
        try:
            return parse_option(str(value), name, minimum=self.minimum, maximum=self.maximum,
                                min_open=self.min_open, integer=self.integer)
        except GameError as exc:
            raise OptionError(exc.message) from None


class OptionError(click.UsageError):
    """A bad option value: click shows it (:meth:`show`) as one ``gamesolve: error:`` line
    with exit status 2, without its usage block (noise here)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"gamesolve: error: {self.format_message()}", err=True)


def available_cores() -> int:
    """Cores this process may run on (its affinity mask, else the machine's count)."""
    return max(1, usable_cores())


def cap_jobs(jobs: int) -> int:
    """``--jobs`` capped at the cores available, saying so on standard error."""
    cores = available_cores()
    if jobs > cores:
        click.echo(f"gamesolve: note: --jobs {jobs} capped at the {cores} core"
                   f"{'s' if cores != 1 else ''} available", err=True)
        return cores
    return jobs
