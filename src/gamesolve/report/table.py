"""Plain-text tables in the layout of tabulate's "simple" format.

Kept in-house because importing tabulate costs about 20 ms (it loads importlib.metadata),
a tenth of gamesolve's whole start-up on a small game.

>>> print(simple_table([["MP", "(2, 5, 5)"], ["SRA", "(1, 4, 6)"]], ["Iran", "payoffs"]))
Iran    payoffs
------  ---------
MP      (2, 5, 5)
SRA     (1, 4, 6)
"""

from __future__ import annotations

from collections.abc import Sequence

HEADER_PADDING = 2


def simple_table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    """Left-aligned columns two spaces apart, a dashed rule under the headers."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h) + HEADER_PADDING] + [len(row[i]) for row in cells if i < len(row)])
              for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths)]
                     + [line(row) for row in cells])
