"""The report-control options (``--section``, ``--digits``, ``--standalone``) and the
rendering of a command's document in the chosen format."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..errors import GameError

DEFAULT_DIGITS = 4


def section_option(func: Callable) -> Callable:
    # here, not at the top: only analyze has --section (the registry costs solve ~3 ms)
    from ..report.sections import section_names

    names = ", ".join(section_names())
    return click.option(
        "--section", "sections", multiple=True, type=click.Choice(section_names()),
        metavar="NAME",
        help=f"Show only this section (repeatable; warnings are always shown): {names}.",
    )(func)


def digits_option(func: Callable) -> Callable:
    return click.option(
        "--digits", type=click.IntRange(min=0, max=17), default=DEFAULT_DIGITS,
        show_default=True,
        help="Decimals for probabilities and payoffs that are not exact (exact fractions"
             " stay fractions; see --exact).")(func)


def standalone_option(func: Callable) -> Callable:
    return click.option(
        "--standalone", is_flag=True,
        help="With --format latex: a whole document that compiles in one run (default:"
             " a fragment to \\input).")(func)


def check_report_options(fmt: str, sections=(), digits: int = DEFAULT_DIGITS,
                         standalone: bool = False) -> None:
    """Refuse report options that the format cannot honour (rather than ignoring them)."""
    if standalone and fmt != "latex":
        raise GameError(f"--standalone applies to --format latex only (the format is {fmt})")
    if fmt == "json" and sections:
        raise GameError("--section does not apply to --format json (JSON is the whole"
                        " result; select parts with jq)")
    if fmt == "json" and digits != DEFAULT_DIGITS:
        raise GameError("--digits does not apply to --format json (JSON keeps full"
                        " precision)")


__all__ = ["check_report_options", "digits_option", "section_option",
           "standalone_option"]
