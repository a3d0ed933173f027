"""Exact linear algebra on integer vectors, light to import (no numpy): for the solvers and
for the analyses above them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction


def spans(rows: Iterable[Sequence[int]], target: int) -> bool:
    """Do the integer vectors ``rows`` span a space of dimension ``target``?  Exact: an
    incremental echelon basis in Fractions, stopping as soon as it is full.

    >>> spans([[1, 2, 3], [2, 4, 6]], 2), spans([[1, 2, 3], [2, 4, 7]], 2), spans([], 0)
    (False, True, True)
    """
    if target <= 0:
        return True
    basis: list[tuple[int, list[Fraction]]] = []  # (pivot column, row with 1 there)
    for row in rows:
        v = [Fraction(x) for x in row]
        for col, b in basis:
            if v[col]:
                f = v[col]
                v = [x - f * y for x, y in zip(v, b, strict=True)]
        pivot = next((c for c, x in enumerate(v) if x), None)
        if pivot is None:
            continue
        v = [x / v[pivot] for x in v]
        basis.append((pivot, v))
        if len(basis) == target:
            return True
    return False
