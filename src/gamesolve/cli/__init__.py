"""The ``gamesolve`` command line: option parsing and exit codes only.

One module per command (``*_command.py``); what they share is in :mod:`.common`.
Exit status: 0 success; 1 the answer is "no" (a claim is contradicted); 2 bad input or a
request that cannot be honoured (one line on standard error, never a traceback).
"""

from __future__ import annotations

import click

from .analyze_command import analyze
from .check_command import check
from .convert_command import convert
from .learn_command import learn
from .plot_command import plot
from .robustness_command import robustness
from .solve_command import solve
from .validate_command import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gamesolve")
def main() -> None:
    """Analyse payoff-matrix (normal-form) games written in YAML, JSON or Gambit .nfg.

    GAME is a file path, or - for standard input.
    """


main.add_command(analyze)
main.add_command(solve)
main.add_command(validate)
main.add_command(check)
main.add_command(robustness)
main.add_command(convert)
main.add_command(plot)
main.add_command(learn)
