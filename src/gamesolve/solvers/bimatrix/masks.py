"""Sets of labels as sortable keys, and the sorted-array lookups the graph walks use.

A vertex's tight labels are a bit mask: one ``uint64`` when there are at most 64 labels
(label ``i`` is bit ``i``), else several such words as one byte string ordered by memcmp.
A BFS level of a walk is a sorted array of such keys, deduplicated and searched with
:func:`sorted_unique` and :func:`member`.
"""

from __future__ import annotations

import numpy as np


class Masks:
    """Label sets (bool rows of width ``n``) as sortable keys: ``uint64`` when
    ``n <= 64`` (label ``i`` is bit ``i``), else ``ceil(n / 64)`` such words as bytes."""

    def __init__(self, n: int):
        self.n = n
        self.words = (n + 63) // 64
        # past one word: raw bytes, ordered by memcmp (several times faster than records)
        self.dtype = np.dtype("<u8") if self.words == 1 else np.dtype((np.void, 8 * self.words))

    def pack(self, rows: np.ndarray) -> np.ndarray:
        q = rows.shape[0]
        padded = np.zeros((q, self.words * 64), dtype=bool)
        padded[:, :self.n] = rows
        packed = np.packbits(padded.reshape(q, self.words, 64), axis=2, bitorder="little")
        return np.ascontiguousarray(packed.reshape(q, 8 * self.words)).view(self.dtype).reshape(q)

    def unpack(self, keys: np.ndarray) -> np.ndarray:
        raw = np.ascontiguousarray(keys).view(np.uint8).reshape(keys.shape[0], 8 * self.words)
        return np.unpackbits(raw, axis=1, count=self.n, bitorder="little").view(bool)

    def empty(self) -> np.ndarray:
        return np.empty(0, dtype=self.dtype)


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct keys (``np.unique`` is several times slower on numpy 2.4)."""
    keys = np.sort(keys)
    if keys.size < 2:
        return keys
    first = np.empty(keys.size, dtype=bool)
    first[0] = True
    first[1:] = keys[1:] != keys[:-1]
    return keys[first]


def member(sorted_keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Which ``queries`` occur in the sorted array ``sorted_keys``."""
    if sorted_keys.size == 0:
        return np.zeros(queries.shape[0], dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, queries), sorted_keys.size - 1)
    return sorted_keys[at] == queries
