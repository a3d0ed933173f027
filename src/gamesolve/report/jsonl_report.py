"""JSON Lines output of ``gamesolve solve --format jsonl``: one object per line.

Each equilibrium is one line, ``{"type": "equilibrium", "index": k, ...}``, written as
soon as the solver certifies it (the fields are those of an entry of the JSON
``equilibria`` list, see :func:`.json_report.equilibrium_dict`, without the component,
which is known only at the end).  The last line is the summary, ``{"type": "summary",
...}``: the game header, method, completeness, counts, components and warnings of
the JSON document, without the equilibria already written (``"equilibria"`` is their
count; ``"components"`` lists line indices).

>>> import json
>>> from gamesolve.model import Game
>>> from gamesolve.solvers.equilibria import solve
>>> pd = Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> lines = []
>>> stream = EquilibriumStream(pd, lines.append)
>>> found = solve(pd, "enumerate", on_equilibrium=stream.add)
>>> first = json.loads(lines[0])
>>> first["type"], first["index"], first["exact"]
('equilibrium', 0, {'Player 1': {'1': '0', '2': '1'}, 'Player 2': {'1': '0', '2': '1'}})
>>> stream.finish(found)
>>> last = json.loads(lines[-1])
>>> last["type"], last["method"], last["complete"], last["equilibria"], last["components"]
('summary', 'enumerate', True, 1, [[0]])
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..model import Game
from ..solvers.base import Equilibrium, EquilibriumSet
from .json_report import SCHEMA_VERSION, equilibria_dict, equilibrium_dict, game_header


def line(document: dict[str, Any]) -> str:
    """One JSON Lines record (no newline)."""
    return json.dumps(document, ensure_ascii=False)


class EquilibriumStream:
    """Writes each equilibrium as a line when :meth:`add` is called (the solver's
    ``on_equilibrium`` callback), then the summary line in :meth:`finish`.

    ``write`` receives one line at a time (without newline) and should flush it.
    """

    def __init__(self, game: Game, write: Callable[[str], None]):
        self.game = game
        self.write = write
        self.count = 0
        self.index: dict[tuple, int] = {}   # equilibrium -> its line's index

    def add(self, eq: Equilibrium) -> None:
        self.index.setdefault(_key(eq), self.count)
        record = equilibrium_dict(self.game, eq)
        record.pop("component", None)
        self.write(line({"type": "equilibrium", "index": self.count, **record}))
        self.count += 1

    def finish(self, found: EquilibriumSet) -> None:
        """Write the equilibria the solver did not stream (methods that return the whole
        set at once), then the summary."""
        if self.count == 0:
            for eq in found.equilibria:
                self.add(eq)
        summary = equilibria_dict(self.game, found)
        summary.pop("equilibria")
        if "components" in summary:   # indices of the lines written, not of the sorted list
            where = [self.index.get(_key(eq)) for eq in found.equilibria]
            summary["components"] = [sorted(where[i] for i in c) for c in found.components]
        self.write(line({"type": "summary", "schema_version": SCHEMA_VERSION,
                         "game": game_header(self.game), "method": summary.pop("method"),
                         "complete": summary.pop("complete"), "equilibria": self.count,
                         **summary, "warnings": list(found.warnings)}))


def _key(eq: Equilibrium) -> tuple:
    return eq.exact if eq.exact is not None else eq.strategies
