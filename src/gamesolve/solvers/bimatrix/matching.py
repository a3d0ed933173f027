"""Completely labelled pairs of vertices: the extreme equilibria, found by label masks.

A vertex ``x`` of P (labels: ``i`` when ``x_i = 0``, ``m + j`` when column ``j`` is a
best response) and a vertex ``y`` of Q (``i`` when row ``i`` is a best response,
``m + j`` when ``y_j = 0``) form an extreme equilibrium when together they carry every
label, ``(x, y) != (0, 0)``.  In masks: ``mask(y)`` must contain ``need = full ^ mask(x)``.
When ``x`` is a simple vertex (exactly ``m`` labels), ``need`` has ``n`` labels, and a
simple ``y`` (exactly ``n`` labels) matches only when ``mask(y) == need``: a lookup.
Degenerate vertices (more labels) are tested for containment.

Masks of games with ``m + n <= 64`` labels are numpy ``uint64`` and a block of P's
vertices is matched at once (a sorted search among Q's simple masks); wider games use
Python ints.  Every pair is then certified against the payoffs themselves in integer
arithmetic (:func:`.common.verify_bimatrix`), never against the tableaux that found it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from ...model import Game
from ..base import Equilibrium
from .common import _make_equilibrium, _normalise, verify_bimatrix
from .polytope import Polytope

_CONTAINMENT_CELLS = 1 << 22   # bound on a (P block x degenerate Q) containment test
_SUBSETS_MAX = 4096            # label subsets (supersets) listed per degenerate vertex at most


def pack_masks(labels: np.ndarray) -> np.ndarray:
    """Label rows (V, w) as masks: ``uint64`` when ``w <= 64``, else Python ints (object).

    >>> pack_masks(np.array([[True, False, True], [False, True, False]])).tolist()
    [5, 2]
    """
    labels = np.asarray(labels, dtype=bool)
    packed = np.packbits(labels, axis=1, bitorder="little")
    if labels.shape[1] <= 64:
        wide = np.zeros((labels.shape[0], 8), dtype=np.uint8)
        wide[:, :packed.shape[1]] = packed
        return wide.view("<u8").ravel().astype(np.uint64)
    return np.array([int.from_bytes(row.tobytes(), "little") for row in packed], dtype=object)


class Matcher:
    """Pairs each vertex of P, as it is found, with the vertices of Q that complete its
    labels, and certifies every pair exactly; ``found`` holds ``(equilibrium, p, q)``."""

    def __init__(self, game: Game, q_poly: Polytope, ints,
                 on_equilibrium: Callable[[Equilibrium], None] | None):
        m, n = game.shape
        self.game, self.q_poly, self.ints = game, q_poly, ints
        self.on_equilibrium = on_equilibrium
        self.m, self.n = m, n
        self.narrow = m + n <= 64
        self.full = np.uint64((1 << (m + n)) - 1) if self.narrow else (1 << (m + n)) - 1
        self.degenerate = bool((q_poly.labels[1:].sum(axis=1) != n).any())
        self._lookup: dict[int, list[int]] | None = None    # wide games: mask -> Q vertices
        self._indexed = False       # Q's masks are indexed at the first block of P
        self.found: list[tuple[Equilibrium, int, int]] = []
        self.rejected = 0

    def _index(self) -> None:
        """Q's vertices as sorted label masks, for :meth:`add_block`'s lookups."""
        self._indexed = True
        n, q_poly = self.n, self.q_poly
        q_labels = np.concatenate([q_poly.labels[:, n:], q_poly.labels[:, :n]], axis=1)
        masks = pack_masks(q_labels)
        masks[0] = 0            # the origin of Q pairs only with the origin of P: never
        simple = q_labels.sum(axis=1) == n
        simple[0] = False
        simple_idx = np.flatnonzero(simple)
        order = np.argsort(masks[simple_idx], kind="stable")
        self.simple_idx = simple_idx[order]
        self.simple_masks = masks[self.simple_idx]
        self.deg_idx = np.flatnonzero(~simple)[1:]     # [0] is Q's origin
        self.deg_masks = masks[self.deg_idx]
        self.all_masks = masks
        # A simple P vertex needs exactly n labels: a degenerate Q vertex matches it when
        # its mask minus some of its extra labels is that need.  So its n-label subsets go
        # into one sorted lookup with the simple masks (when they are few; the others are
        # tested for containment).
        self.lookup_masks, self.lookup_idx = self.simple_masks, self.simple_idx
        self.dense_idx, self.dense_masks = self.deg_idx, self.deg_masks
        if self.narrow and self.deg_idx.size:
            self._index_degenerate_subsets()

    # ------------------------------------------------------------------ matching
    def add_block(self, start: int, labels: np.ndarray,
                  point: Callable[[int], tuple[tuple[int, ...], int]]) -> None:
        """Match P's vertices ``start, start + 1, ...`` (label rows ``labels``);
        ``point(p)`` gives vertex ``p``'s exact point, asked only for matched vertices."""
        if labels.shape[0] == 0:
            return
        if not self._indexed:
            self._index()
        masks = pack_masks(labels)
        simple = labels.sum(axis=1) == self.m      # P's origin has m labels: simple
        if not simple.all():
            self.degenerate = True
        if start == 0:
            simple[0] = False        # the origin of P: dropped below, it pairs with nothing
        need = self.full ^ masks
        pairs: list[tuple[int, int]] = []
        rows = np.flatnonzero(simple)
        if rows.size and self.lookup_masks.size:
            if self.narrow:
                pairs.extend(self._looked_up(start, rows, need[rows], self.lookup_masks,
                                             self.lookup_idx))
            else:
                lookup = self._wide_lookup()
                for r in rows.tolist():
                    pairs.extend((start + r, q) for q in lookup.get(need[r], ()))
        if rows.size and self.dense_idx.size:
            pairs.extend(self._contained(start, rows, need, self.dense_masks, self.dense_idx))
        others = np.flatnonzero(~simple)
        if start == 0:
            others = others[others != 0]
        if others.size:
            pairs.extend(self._degenerate_partners(start, others, need, labels))
        for p, q in sorted(set(pairs)):
            self.certify(p, q, point)

    def _index_degenerate_subsets(self) -> None:
        """Move degenerate Q vertices with at most :data:`_SUBSETS_MAX` n-label subsets
        from the containment test into the sorted lookup, one entry per subset."""
        n = self.n
        extra_masks, extra_idx, dense = [], [], []
        for q, mask in zip(self.deg_idx.tolist(), self.deg_masks.tolist()):
            bits = [1 << i for i in range(64) if mask >> i & 1]
            e = len(bits) - n
            if math.comb(len(bits), e) > _SUBSETS_MAX:
                dense.append(q)
                continue
            for drop in itertools.combinations(bits, e):
                extra_masks.append(mask ^ sum(drop))
                extra_idx.append(q)
        masks = np.concatenate([self.simple_masks, np.array(extra_masks, dtype=np.uint64)])
        idx = np.concatenate([self.simple_idx, np.array(extra_idx, dtype=np.intp)])
        order = np.argsort(masks, kind="stable")
        self.lookup_masks, self.lookup_idx = masks[order], idx[order]
        self.dense_idx = np.array(dense, dtype=np.intp)
        self.dense_masks = self.all_masks[self.dense_idx]

    @staticmethod
    def _looked_up(start: int, rows: np.ndarray, keys: np.ndarray, masks: np.ndarray,
                   idx: np.ndarray) -> list[tuple[int, int]]:
        """Pairs (P vertex ``start + rows[k]``, Q vertex) with ``masks == keys[k]``."""
        lo = np.searchsorted(masks, keys, side="left")
        hi = np.searchsorted(masks, keys, side="right")
        out: list[tuple[int, int]] = []
        for k in np.flatnonzero(hi > lo).tolist():
            out.extend((start + int(rows[k]), int(q)) for q in idx[lo[k]:hi[k]])
        return out

    def _degenerate_partners(self, start: int, rows: np.ndarray, need: np.ndarray,
                             labels: np.ndarray) -> list[tuple[int, int]]:
        """Partners of degenerate P vertices (``m + e`` labels, so ``n - e`` needed): a
        simple Q vertex is the need plus ``e`` of the other ``m + e`` labels -- looked up
        when those supersets are few -- and degenerate ones are tested for containment."""
        if not self.narrow:
            return self._contained(start, rows, need, self.all_masks[1:],
                                   np.arange(1, self.all_masks.size))
        width = labels.shape[1]
        out: list[tuple[int, int]] = []
        keys, key_rows, dense = [], [], []
        for r in rows.tolist():
            wanted = int(need[r])
            free = [1 << i for i in range(width) if not wanted >> i & 1]
            e = self.n - wanted.bit_count()
            if math.comb(len(free), e) > _SUBSETS_MAX:
                dense.append(r)
                continue
            for add in itertools.combinations(free, e):
                keys.append(wanted | sum(add))
                key_rows.append(r)
        if keys:
            out.extend(self._looked_up(start, np.array(key_rows, dtype=np.intp),
                                       np.array(keys, dtype=np.uint64), self.simple_masks,
                                       self.simple_idx))
        out.extend(self._contained(start, rows, need, self.deg_masks, self.deg_idx))
        if dense:
            out.extend(self._contained(start, np.array(dense, dtype=np.intp), need,
                                       self.simple_masks, self.simple_idx))
        return out

    def _contained(self, start: int, rows: np.ndarray, need: np.ndarray, masks: np.ndarray,
                   idx: np.ndarray) -> list[tuple[int, int]]:
        """Pairs (P vertex, Q vertex) whose Q mask contains the P vertex's need."""
        out: list[tuple[int, int]] = []
        if not masks.size:
            return out
        step = max(1, _CONTAINMENT_CELLS // masks.size)
        for lo in range(0, rows.size, step):
            block = rows[lo:lo + step]
            wanted = need[block][:, None]
            hit = (masks[None, :] & wanted) == wanted
            for r, c in zip(*np.nonzero(hit)):
                out.append((start + int(block[r]), int(idx[c])))
        return out

    def _wide_lookup(self) -> dict[int, list[int]]:
        if self._lookup is None:
            self._lookup = {}
            for q, mask in zip(self.simple_idx.tolist(), self.simple_masks.tolist()):
                self._lookup.setdefault(mask, []).append(q)
        return self._lookup

    def certify(self, p: int, q: int, point: Callable[[int], tuple]) -> None:
        """Certify the pair (P vertex ``p`` at ``point(p)``, Q vertex ``q``) against the
        payoffs; record it (and tell ``on_equilibrium``) or count it rejected."""
        x_num = point(p)[0]
        y_num = self.q_poly.point(q)[0]
        maxima = verify_bimatrix(self.ints, x_num, y_num)   # against the payoffs
        if maxima is None:
            self.rejected += 1
            return
        d1, d2 = self.game.denominators
        payoffs = (Fraction(maxima[0], sum(y_num) * d1), Fraction(maxima[1], sum(x_num) * d2))
        eq = _make_equilibrium((_normalise(x_num), _normalise(y_num)), payoffs, self.ints)
        self.found.append((eq, p, q))
        if self.on_equilibrium is not None:
            self.on_equilibrium(eq)
