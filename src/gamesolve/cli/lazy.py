"""A click group that imports a subcommand's module only when that subcommand is used.

``gamesolve validate FILE`` then imports ``validate_command`` and what it needs, not the
modules of the eight other commands and their options (click's lazy-loading pattern,
"Advanced Patterns: Lazily Loading Subcommands" in its documentation).  The group's
``commands`` mapping knows every name from the start, so what reads names only (``gamesolve
--help`` aside, which shows each command's help and so imports them all; shell completion
of a command name; click's "Did you mean 'solve'?") costs no import, and ``main.commands``
still lists every command.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping

import click


class LazyCommands(MutableMapping):
    """Command name -> :class:`click.Command`, each imported on first access from its
    ``"module:attribute"`` target; names are known without importing anything.

    >>> commands = LazyCommands({"main": "gamesolve.cli:main"})
    >>> sorted(commands), "main" in commands, "other" in commands
    (['main'], True, False)
    >>> commands["main"].name
    'main'
    """

    def __init__(self, targets: Mapping[str, str],
                 loaded: Mapping[str, click.Command] | None = None):
        # name -> its command once imported, its "module:attribute" until then
        self._entries: dict[str, str | click.Command] = {**targets, **(loaded or {})}

    def __getitem__(self, name: str) -> click.Command:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = self._entries[name] = getattr(importlib.import_module(module), attribute)
        return entry

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._entries[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __contains__(self, name: object) -> bool:  # without importing (Mapping's would)
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class LazyGroup(click.Group):
    """A :class:`click.Group` whose ``lazy_commands`` (name -> ``"module:attribute"``) are
    imported when first looked up; commands added with :meth:`add_command` work as usual."""

    def __init__(self, *args, lazy_commands: Mapping[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(lazy_commands, self.commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name)  # imports the command's module on demand

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)  # the names only: nothing is imported
