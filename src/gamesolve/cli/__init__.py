"""The ``gamesolve`` command line: option parsing and exit codes only.

One module per command (``*_command.py``), imported only when its command runs
(:mod:`.lazy`); what they share is in :mod:`.common`.
Exit status: 0 success; 1 the answer is "no" (a claim is contradicted); 2 bad input or a
request that cannot be honoured (one line on standard error, never a traceback).
"""

from __future__ import annotations

import click

from .lazy import LazyGroup

# each command is the function of its name in ``<name>_command.py``, imported when the command
# runs: a new command is a new module and one name here (tests/test_startup.py checks both)
COMMANDS = ("analyze", "solve", "validate", "check", "robustness", "convert", "plot", "learn",
            "sequential")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             lazy_commands={name: f"gamesolve.cli.{name}_command:{name}" for name in COMMANDS})
@click.version_option(package_name="gamesolve")
def main() -> None:
    """Analyse payoff-matrix (normal-form) games written in YAML, JSON or Gambit .nfg.

    GAME is a file path, or - for standard input.
    """
