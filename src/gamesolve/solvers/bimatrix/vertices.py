"""Vertex enumeration of the best-response polytopes of a two-player game, with exact labels.

A polytope here is ``{z in R^d : z >= 0, M z <= 1}`` for a positive integer matrix ``M``
of shape ``(r, d)``.  It has ``d + r`` constraints ("labels"): label ``i < d`` is
``z_i = 0`` and label ``d + j`` is ``(M z)_j = 1``.  A vertex is a point of the polytope
where ``d`` linearly independent constraints are tight; it is given by a *basis*: a
support ``S`` (the coordinates allowed to be non-zero) and as many rows ``R`` that are
tight, with ``M[R, S] z_S = 1``.

Redundant rows (entrywise dominated by another row, duplicates included) are dropped
first -- the polytope is the same -- and their labels restored exactly afterwards.
Then either the certified graph walk of :mod:`.graph` finds the vertices, or
every basis is examined: grouped by size ``k = |S| = |R|`` and solved in batches with
numpy.  Floating point is only a filter: every float decision carries an error bound
(backward-stable solve, with the condition number bounded from the determinant by
Guggenheimer's inequality), and a basis is settled in floating point only when the
decision is clear by more than that bound:

* *clean*: feasible with margin and no constraint besides the basis anywhere near tight.
  Then the vertex is exactly feasible and its exact tight set is the basis itself.
* *infeasible*: some constraint violated by more than the bound.
* everything else is settled exactly: near-singular systems are first tested for
  singularity modulo primes whose product exceeds the Hadamard bound on the
  determinant (so a zero residue means a zero determinant), and the rest -- near-tight
  extra constraints, the signature of a degenerate game, and near-infeasible points --
  are solved in integer arithmetic (fraction-free Gauss-Jordan on Python ints), one
  solve per vertex.

So the tight sets ("labels") of all vertices are exact, which makes the equilibrium
matching, the degeneracy test and the component structure exact too.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

_EPS = float(np.finfo(float).eps)
_SAFETY = 64.0          # slack on the textbook error bound (growth factor, norms)
_LOG_KAPPA_MAX = math.log(1e11)   # beyond this the float solution is not trusted at all
_CHUNK = 1 << 13        # linear systems per numpy batch (small: stays in cache)
_GRAPH_FROM = 20_000     # walk the polytope graph first above this many bases


def int_solve(matrix: Sequence[Sequence[int]], rhs: Sequence[int]) -> tuple[list[int], int] | None:
    """Solve ``matrix @ z = rhs`` exactly for a square integer matrix.

    Returns ``(numerators, denominator)`` with ``denominator > 0`` and
    ``z = numerators / denominator``, or None if the matrix is singular.
    Fraction-free Gauss-Jordan elimination (every intermediate is a minor).

    >>> int_solve([[2, 1], [1, 3]], [1, 1])
    ([2, 1], 5)
    >>> int_solve([[1, 2], [2, 4]], [1, 1]) is None
    True
    """
    k = len(matrix)
    rows = [[*list(map(int, row)), int(b)] for row, b in zip(matrix, rhs, strict=True)]
    prev = 1
    for c in range(k):
        p = c
        while p < k and rows[p][c] == 0:
            p += 1
        if p == k:
            return None
        if p != c:
            rows[c], rows[p] = rows[p], rows[c]
        pivot_row = rows[c]
        piv = pivot_row[c]
        for i in range(k):
            if i == c:
                continue
            row = rows[i]
            f = row[c]
            if f == 0:
                if piv != prev:
                    rows[i] = [(piv * a) // prev for a in row]
                continue
            rows[i] = [(piv * a - f * b) // prev for a, b in zip(row, pivot_row, strict=True)]
        prev = piv
    det = rows[0][0]  # every diagonal entry now equals the (signed) determinant
    nums = [row[k] for row in rows]
    if det < 0:
        det = -det
        nums = [-x for x in nums]
    return nums, det


@dataclass
class Polytope:
    """The vertices of ``{z >= 0 : M z <= 1}`` with their exact tight sets.

    ``labels[v]`` is a bool row of length ``d + r`` (see the module docstring); vertex 0
    is the origin.  ``points[v]`` is ``(numerators over all d coordinates, denominator)``
    when the vertex was computed exactly, else None (it is then recomputed on demand
    from its basis, which for such a "clean" vertex is exactly its tight set).
    """

    matrix: list[list[int]]
    d: int
    r: int
    labels: np.ndarray
    points: list[tuple[tuple[int, ...], int] | None]
    stats: dict = field(default_factory=dict)
    basis_rows: frozenset[int] | None = None   # rows a clean vertex's basis is drawn from

    def point(self, v: int) -> tuple[tuple[int, ...], int]:
        """Exact coordinates of vertex ``v``: (numerators, least common denominator)."""
        known = self.points[v]
        if known is not None:
            return known
        lab = self.labels[v]
        support = [i for i in range(self.d) if not lab[i]]
        rows = [j for j in range(self.r) if lab[self.d + j]
                and (self.basis_rows is None or j in self.basis_rows)]
        if not support:
            result: tuple[tuple[int, ...], int] = ((0,) * self.d, 1)
        else:
            solved = int_solve([[self.matrix[j][i] for i in support] for j in rows],
                               [1] * len(rows))
            if solved is None:  # cannot happen for a clean vertex
                raise ArithmeticError("singular basis for a clean vertex")
            nums, den = solved
            g = math.gcd(den, *nums)
            full = [0] * self.d
            for i, x in zip(support, nums, strict=True):
                full[i] = x // g
            result = (tuple(full), den // g)
        self.points[v] = result
        return result


def _combinations(n: int, k: int) -> np.ndarray:
    return np.fromiter(itertools.chain.from_iterable(itertools.combinations(range(n), k)),
                       dtype=np.intp).reshape(-1, k)


def _basis_masks(d: int, r: int, supports: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Bool masks (q, d + r) of the constraints a basis makes tight."""
    q = supports.shape[0]
    mask = np.zeros((q, d + r), dtype=bool)
    mask[:, :d] = True
    if q:
        np.put_along_axis(mask[:, :d], supports, False, axis=1)
        np.put_along_axis(mask[:, d:], rows, True, axis=1)
    return mask


class TooManyBases(ValueError):
    """Raised when checking every basis would exceed the caller's limit."""

    def __init__(self, bases: int):
        super().__init__(f"{bases} bases")
        self.bases = bases


def classify(mf: np.ndarray, supports: np.ndarray, rows: np.ndarray):
    """Solve the bases ``(supports[q], rows[q])`` (all of one size k) in floating point.

    Returns index arrays ``clean``, ``near``, ``doubtful`` into the batch and, for
    ``near``, the float points (q_near, d).  ``clean`` bases are certified vertices whose
    exact tight set is the basis; ``near`` ones are feasible up to the error bound with
    some other constraint possibly tight; ``doubtful`` ones are (nearly) singular.  The
    rest are certainly infeasible.
    """
    d = mf.shape[1]
    q, k = supports.shape
    mats = mf[rows[:, :, None], supports[:, None, :]]
    sign, logdet = np.linalg.slogdet(mats)
    singular = sign == 0
    if singular.any():
        mats[singular] = np.eye(k)
    z = np.linalg.solve(mats, np.ones((q, k, 1)))[..., 0]
    # Guggenheimer: cond_2(A) <= 2/|det A| * (||A||_F / sqrt(k))^k
    log_fro = 0.5 * np.log(np.einsum("pij,pij->p", mats, mats))
    log_kappa = math.log(2.0) - logdet + k * (log_fro - 0.5 * math.log(k))
    doubtful = singular | ~(log_kappa < _LOG_KAPPA_MAX)
    zmax = np.abs(z).max(axis=1)
    err_z = _SAFETY * k * _EPS * np.exp(np.minimum(log_kappa, _LOG_KAPPA_MAX)) * zmax
    idx = np.flatnonzero(~doubtful & (z.min(axis=1) >= -err_z))
    zs = z[idx]
    ez = err_z[idx]
    sup = supports[idx]
    slack = 1.0 - np.einsum("rqk,qk->qr", mf[:, sup], zs)
    np.put_along_axis(slack, rows[idx], 0.0, axis=1)   # basis rows are tight exactly
    es = (k * ez + 4 * k * _EPS)[:, None]               # entries of M are <= 1
    feasible = (slack >= -es).all(axis=1)
    extra = (np.abs(slack) <= es).sum(axis=1) - k + (np.abs(zs) <= ez[:, None]).sum(axis=1)
    clean = feasible & (extra == 0)
    near = feasible & (extra > 0)
    points = np.zeros((int(near.sum()), d))
    np.put_along_axis(points, sup[near], zs[near], axis=1)
    return idx[clean], idx[near], points, np.flatnonzero(doubtful)


def _origin_labels(d: int, r: int) -> np.ndarray:
    return np.concatenate([np.ones(d, dtype=bool), np.zeros(r, dtype=bool)])[None]


def enumerate_vertices(matrix: Sequence[Sequence[int]], method: str = "auto",
                       max_bases: int | None = None) -> Polytope:
    """All vertices of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.

    ``method``: ``"bases"`` examines every basis; ``"graph"`` first walks the polytope's
    graph and certifies the result (every vertex simple, every edge's far end found),
    falling back to ``"bases"`` when the certificate fails (degenerate polytopes);
    ``"auto"`` walks the graph when there are many bases.  Raises :class:`TooManyBases`
    if every basis would have to be checked and there are more than ``max_bases``.

    >>> poly = enumerate_vertices([[2, 1], [1, 2]])
    >>> sorted(tuple(poly.point(v)[0]) + (poly.point(v)[1],) for v in range(len(poly.points)))
    [(0, 0, 1), (0, 1, 2), (1, 0, 2), (1, 1, 3)]
    """
    mat = [list(map(int, row)) for row in matrix]
    r, d = len(mat), len(mat[0])
    if any(x <= 0 for row in mat for x in row):
        raise ValueError("the polytope matrix must be positive")
    keep, rep = _undominated_rows(mat)
    if len(keep) < r:
        inner = enumerate_vertices([mat[j] for j in keep], method, max_bases)
        return _expand_rows(mat, inner, keep, rep)
    scale = max(max(row) for row in mat)
    mf = np.array([[x / scale for x in row] for row in mat], dtype=float)
    if method == "graph" or (method == "auto" and math.comb(d + r, d) > _GRAPH_FROM):
        from .graph import certified_graph_search

        found = certified_graph_search(mf, mat)
        if found is not None:
            labels, points, stats = found
            return Polytope(matrix=mat, d=d, r=r, labels=labels, points=points, stats=stats)
    if max_bases is not None and math.comb(d + r, d) > max_bases:
        raise TooManyBases(math.comb(d + r, d))
    return _enumerate_bases(mat, mf)


def _undominated_rows(mat: list[list[int]]) -> tuple[list[int], dict[int, int]]:
    """Rows to keep, and for each dropped row a kept row that dominates it entrywise.

    A row ``j`` with ``M[j] <= M[j']`` (and not equal, or equal with ``j' < j``) is a
    redundant constraint: the polytope is the same without it.

    >>> _undominated_rows([[1, 2], [1, 2], [1, 1], [2, 1]])
    ([0, 3], {1: 0, 2: 0})
    """
    a = np.array(mat, dtype=object if max(max(abs(v) for v in row) for row in mat) >= 2**62
                 else np.int64)
    r = a.shape[0]
    le = (a[:, None, :] <= a[None, :, :]).all(axis=2)      # le[j, k]: M[j] <= M[k]
    equal = le & le.T
    order = np.arange(r)
    dominated = (le & ~equal).any(axis=1) | (equal & (order[None, :] < order[:, None])).any(axis=1)
    keep = np.flatnonzero(~dominated).tolist()
    rep = {}
    for j in np.flatnonzero(dominated).tolist():
        rep[j] = next(k for k in keep if le[j, k])
    return keep, rep


def _expand_rows(mat: list[list[int]], inner: Polytope, keep: list[int],
                 rep: dict[int, int]) -> Polytope:
    """Labels of the full polytope from those of the polytope without dominated rows.

    A dropped row ``j`` (dominated by the kept row ``j*``) is tight at a vertex exactly
    when ``j*`` is tight and ``M[j]`` equals ``M[j*]`` on the vertex's support.
    """
    r, d = len(mat), len(mat[0])
    labels = np.zeros((inner.labels.shape[0], d + r), dtype=bool)
    labels[:, :d] = inner.labels[:, :d]
    column = {j: i for i, j in enumerate(keep)}
    for j in keep:
        labels[:, d + j] = inner.labels[:, d + column[j]]
    support = ~inner.labels[:, :d]
    for j, k in rep.items():
        differ = np.array([x != y for x, y in zip(mat[j], mat[k], strict=True)], dtype=bool)
        agree_on_support = ~(support & differ[None, :]).any(axis=1)
        labels[:, d + j] = labels[:, d + k] & agree_on_support
    stats = dict(inner.stats, dominated_rows=len(rep))
    return Polytope(matrix=mat, d=d, r=r, labels=labels, points=inner.points, stats=stats,
                    basis_rows=frozenset(keep))


def _enumerate_bases(mat: list[list[int]], mf: np.ndarray) -> Polytope:
    r, d = mf.shape
    label_blocks = [_origin_labels(d, r)]
    dirty = _Batches()
    suspect = _Batches()
    n_systems = 0
    for k in range(1, min(d, r) + 1):
        s_comb = _combinations(d, k)
        r_comb = _combinations(r, k)
        c_s = s_comb.shape[0]
        per_chunk = max(1, _CHUNK // c_s)
        for start in range(0, r_comb.shape[0], per_chunk):
            r_chunk = r_comb[start:start + per_chunk]
            supports = np.tile(s_comb, (r_chunk.shape[0], 1))
            rows = np.repeat(r_chunk, c_s, axis=0)
            n_systems += supports.shape[0]
            clean, near, points, doubtful = classify(mf, supports, rows)
            if clean.size:
                label_blocks.append(_basis_masks(d, r, supports[clean], rows[clean]))
            if near.size:
                dirty.add(supports[near], rows[near], points)
            if doubtful.size:
                suspect.add(supports[doubtful], rows[doubtful])

    n_clean = sum(b.shape[0] for b in label_blocks)
    points: list[tuple[tuple[int, ...], int] | None] = [((0,) * d, 1)] + [None] * (n_clean - 1)
    resolver = _ExactResolver(mat, d, r)
    resolver.resolve_groups(dirty)
    resolver.resolve_doubtful(suspect)
    if resolver.labels:
        label_blocks.append(np.array(resolver.labels, dtype=bool).reshape(-1, d + r))
        points.extend(resolver.points)
    labels = np.concatenate(label_blocks, axis=0)
    stats = {"method": "bases", "systems": n_systems, "doubtful": suspect.size,
             "near_tight": dirty.size, "singular_mod_p": resolver.n_singular_mod_p,
             "exact_solves": resolver.n_exact, "vertices": labels.shape[0]}
    return Polytope(matrix=mat, d=d, r=r, labels=labels, points=points, stats=stats)


class _Batches:
    """Bases (support, rows) collected in numpy blocks of equal size k."""

    def __init__(self) -> None:
        self.blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]] = []

    def add(self, supports: np.ndarray, rows: np.ndarray, points: np.ndarray | None = None):
        self.blocks.append((supports, rows, points))

    @property
    def size(self) -> int:
        return sum(b[0].shape[0] for b in self.blocks)


def _pack(masks: np.ndarray) -> np.ndarray:
    """Pack bool rows into uint64 words (q, W) for fast subset tests."""
    q, width = masks.shape
    words = (width + 63) // 64
    padded = np.zeros((q, words * 64), dtype=bool)
    padded[:, :width] = masks
    return np.packbits(padded.reshape(q, words, 64), axis=2, bitorder="little") \
        .view(np.uint64).reshape(q, words)


# primes just below 2**31: products of two residues stay inside int64
_PRIMES = (2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549,
           2147483543, 2147483497)


def singular_mod(mats: np.ndarray, p: int) -> np.ndarray:
    """Batched test ``det(mats[i]) == 0 (mod p)`` for integer matrices (q, k, k).

    Fraction-free elimination modulo ``p`` (rows are scaled by non-zero pivots, which
    keeps the determinant's zero-ness), batch index innermost for speed.

    >>> singular_mod(np.array([[[1, 2], [2, 4]], [[1, 2], [3, 4]]]), 2147483647).tolist()
    [True, False]
    """
    a = np.ascontiguousarray(np.asarray(mats, dtype=np.int64).transpose(1, 2, 0)) % p
    k, _, q = a.shape
    singular = np.zeros(q, dtype=bool)
    for c in range(k):
        nz = a[c:, c, :] != 0
        singular |= ~nz.any(axis=0)
        piv = nz.argmax(axis=0) + c
        swap = np.flatnonzero(piv != c)
        if swap.size:
            pc = piv[swap]
            tmp = a[c, :, swap].copy()
            a[c, :, swap] = a[pc, :, swap]
            a[pc, :, swap] = tmp
        if c == k - 1:
            break
        block = a[c + 1:, c + 1:]
        block *= a[c, c]
        block -= a[c + 1:, c, None, :] * a[None, c, c + 1:, :]
        block %= p
    return singular


class _ExactResolver:
    """Settle doubtful bases in exact integer arithmetic.

    A basis whose constraints are all tight at an exactly computed basic point ``p`` is
    either singular or has solution ``p``: either way it adds nothing, so each exact
    solve retires every pending basis it covers (one solve per degenerate vertex).
    """

    def __init__(self, mat: list[list[int]], d: int, r: int):
        self.mat = mat
        self.d = d
        self.r = r
        self.labels: list[np.ndarray] = []
        self.points: list[tuple[tuple[int, ...], int]] = []
        self.tight_packed: list[np.ndarray] = []   # every exact basic point, feasible or not
        self.seen: set[tuple[tuple[int, ...], int]] = set()
        self.n_exact = 0
        self.n_singular_mod_p = 0

    def solve(self, support: list[int], rows: list[int]) -> np.ndarray | None:
        """Exact basic point of a basis; records it if feasible; returns its packed tight set."""
        self.n_exact += 1
        mat = self.mat
        solved = int_solve([[mat[j][c] for c in support] for j in rows], [1] * len(rows))
        if solved is None:
            return None
        nums, den = solved
        full = [0] * self.d
        for c, x in zip(support, nums, strict=True):
            full[c] = x
        row_vals = [sum(a * x for a, x in zip(row, full, strict=True)) for row in mat]
        tight = np.array([x == 0 for x in full] + [v == den for v in row_vals], dtype=bool)
        packed = _pack(tight[None])[0]
        self.tight_packed.append(packed)
        if min(full) >= 0 and max(row_vals) <= den:
            g = math.gcd(den, *full)
            key = (tuple(x // g for x in full), den // g)
            if key not in self.seen:
                self.seen.add(key)
                self.labels.append(tight)
                self.points.append(key)
        return packed

    def _settle(self, supports: list[list[int]], rows: list[list[int]], masks: np.ndarray,
                check_known: bool) -> None:
        """Solve bases one by one, each solve retiring the ones it covers."""
        alive = np.ones(len(supports), dtype=bool)
        if check_known and self.tight_packed:
            loose = ~np.array(self.tight_packed)                    # (K, W)
            for lo in range(0, len(supports), 256):
                part = masks[lo:lo + 256]
                covered = ((part[:, None, :] & loose[None, :, :]) == 0).all(axis=2).any(axis=1)
                alive[lo:lo + 256] &= ~covered
        i = 0
        while True:
            nxt = np.flatnonzero(alive[i:])
            if nxt.size == 0:
                return
            i += int(nxt[0])
            alive[i] = False
            tight = self.solve(supports[i], rows[i])
            if tight is not None:
                alive[i + 1:] &= (masks[i + 1:] & ~tight).any(axis=1)

    def resolve_groups(self, batches: _Batches) -> None:
        """Near-tight bases: grouped by their (rounded) float point, settled per group."""
        for supports, rows, points in batches.blocks:
            masks = _pack(_basis_masks(self.d, self.r, supports, rows))
            assert points is not None
            scale = max(1.0, float(np.abs(points).max()))
            rounded = np.round(points / scale, 7)
            order = np.lexsort(rounded.T[::-1])
            bounds = np.flatnonzero((np.diff(rounded[order], axis=0) != 0).any(axis=1)) + 1
            s_list, r_list = supports.tolist(), rows.tolist()
            for members in np.split(order, bounds):
                self._settle([s_list[i] for i in members], [r_list[i] for i in members],
                             masks[members], check_known=False)

    def resolve_doubtful(self, batches: _Batches) -> None:
        """Near-singular bases: exact singularity test modulo primes, then exact solves."""
        big = max(max(row) for row in self.mat)
        ints = np.array(self.mat, dtype=np.int64) if big < 2**62 else None
        for supports, rows, _ in batches.blocks:
            k = supports.shape[1]
            keep = np.ones(supports.shape[0], dtype=bool)
            bits = k * math.log2(big * math.sqrt(k)) + 1   # Hadamard bound on |det|
            n_primes = int(bits // 30.9) + 1               # their product exceeds it
            if ints is not None and n_primes <= len(_PRIMES):
                singular = np.zeros(supports.shape[0], dtype=bool)
                for start in range(0, supports.shape[0], _CHUNK):
                    part = slice(start, start + _CHUNK)
                    mats = ints[rows[part, :, None], supports[part, None, :]]
                    sing = singular_mod(mats, _PRIMES[0])
                    for p in _PRIMES[1:n_primes]:
                        idx = np.flatnonzero(sing)
                        if idx.size == 0:
                            break
                        sing[idx] = singular_mod(mats[idx], p)
                    singular[part] = sing
                keep = ~singular
                self.n_singular_mod_p += int(singular.sum())
            if keep.any():
                sup, rw = supports[keep], rows[keep]
                masks = _pack(_basis_masks(self.d, self.r, sup, rw))
                self._settle(sup.tolist(), rw.tolist(), masks, check_known=True)
