"""The common shape of a big game file, read without the general reader's per-node work.

Files gamesolve writes (and most big ones) list their payoffs as ``{profile: [ids...],
values: [integers...]}`` outcomes, one per profile.  :func:`integer_outcomes` reads exactly
that shape straight into an int64 tensor, or returns None at the first thing it does not
expect (a note, a fraction, a quoted number, an unknown id, a profile given twice...): the
general reader then reads the whole list again and words the error.  It never accepts what
the general reader would refuse.
"""

from __future__ import annotations

import math
import re

import numpy as np
import yaml

from ..model import Player
from .documents import IntText, RawSequenceNode
from .documents import _Pairs as JSONObject

_SMALL_INTEGER = re.compile(r"-?[0-9]{1,15}")
_INT_TAG = "tag:yaml.org,2002:int"


def _layout(items: list, players: list[Player], budget: int):
    """``(shape, profiles, players, nodes to visit, (id -> index, stride) per player)`` for
    a payoff list with one entry per profile, or None (wrong length, over budget)."""
    shape = tuple(len(p.strategies) for p in players)
    total, n = math.prod(shape), len(players)
    if len(items) != total or total == 0:
        return None
    visits = 1 + len(items) * (5 + 2 * n)
    if visits > budget:
        return None
    indices = [{s.id: i for i, s in enumerate(p.strategies)} for p in players]
    strides = [math.prod(shape[p + 1:]) for p in range(n)]
    return shape, total, n, visits, list(zip(indices, strides))


def _tensor(numbers: list[str], flat_of: list[int], shape: tuple[int, ...]) -> np.ndarray:
    """The payoff tensor ``(n, s_1, ..., s_n)`` from the entries' numbers in file order."""
    n, total = len(shape), math.prod(shape)
    rows = np.array(numbers, dtype=np.int64).reshape(total, n)
    tensor = np.empty((n, total), dtype=np.int64)
    tensor[:, flat_of] = rows.T
    return tensor.reshape((n, *shape))


def integer_outcomes(node: yaml.Node, players: list[Player], budget: int
                     ) -> tuple[np.ndarray, int] | None:
    """``(scaled tensor of shape (n, s_1, ..., s_n), nodes visited)`` or None."""
    if isinstance(node, RawSequenceNode):
        return _raw_integer_outcomes(node.raw, players, budget)
    if node.__class__ is not yaml.SequenceNode:
        return None
    items = node.value
    layout = _layout(items, players, budget)
    if layout is None:
        return None
    shape, total, n, visits, pairs = layout
    seen = bytearray(total)
    flat_of = [0] * total
    numbers: list[str] = []
    match = _SMALL_INTEGER.fullmatch
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    for k, item in enumerate(items):
        if item.__class__ is not yaml.MappingNode or len(item.value) != 2:
            return None
        (k1, v1), (k2, v2) = item.value
        if k1.value == "profile" and k2.value == "values":
            profile, values = v1, v2
        elif k1.value == "values" and k2.value == "profile":
            profile, values = v2, v1
        else:
            return None
        if (profile.__class__ is not sequence or values.__class__ is not sequence
                or len(profile.value) != n or len(values.value) != n):
            return None
        flat = 0
        for ref, (index, stride) in zip(profile.value, pairs):
            if ref.__class__ is not scalar:
                return None
            position = index.get(ref.value)
            if position is None:
                return None
            flat += position * stride
        if seen[flat]:
            return None
        seen[flat] = 1
        flat_of[k] = flat
        for value in values.value:
            if value.__class__ is not scalar or value.tag != _INT_TAG or not match(value.value):
                return None
            numbers.append(value.value)
    return _tensor(numbers, flat_of, shape), visits


def _raw_integer_outcomes(items: list, players: list[Player], budget: int
                          ) -> tuple[np.ndarray, int] | None:
    """:func:`integer_outcomes` on the raw data of a JSON payoff list."""
    layout = _layout(items, players, budget)
    if layout is None:
        return None
    shape, total, n, visits, pairs = layout
    seen = bytearray(total)
    flat_of = [0] * total
    numbers: list[str] = []
    match = _SMALL_INTEGER.fullmatch
    for k, item in enumerate(items):
        if item.__class__ is not JSONObject or len(item) != 2:  # an object: its pairs
            return None
        (k1, v1), (k2, v2) = item
        if k1 == "profile" and k2 == "values":
            profile, values = v1, v2
        elif k1 == "values" and k2 == "profile":
            profile, values = v2, v1
        else:
            return None
        if (profile.__class__ is not list or values.__class__ is not list
                or len(profile) != n or len(values) != n):
            return None
        flat = 0
        for ref, (index, stride) in zip(profile, pairs):
            position = index.get(ref) if ref.__class__ is str else None
            if position is None:
                return None
            flat += position * stride
        if seen[flat]:
            return None
        seen[flat] = 1
        flat_of[k] = flat
        for value in values:
            if value.__class__ is not IntText or not match(value):
                return None
        numbers.extend(values)
    return _tensor(numbers, flat_of, shape), visits
