"""The one exception type of gamesolve.

Everything that is wrong with the user's input (or with a request that cannot be
honoured) is raised as :class:`GameError` close to where it is detected.  Only the
CLI turns it into a one-line message and exit status 2.
"""

from __future__ import annotations


class GameError(Exception):
    """A problem with a game file, a game or a request, reported as one line.

    >>> str(GameError("unknown strategy id 'X'", file="g.yaml", line=12))
    "g.yaml:12: unknown strategy id 'X'"
    >>> str(GameError("no such player"))
    'no such player'
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.message = " ".join(str(message).split())  # always a single line
        self.file = file
        self.line = line
        super().__init__(self.message)

    def located(self, file: str | None = None, line: int | None = None) -> GameError:
        """Return a copy that fills in location details this error lacks."""
        return GameError(
            self.message,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message
