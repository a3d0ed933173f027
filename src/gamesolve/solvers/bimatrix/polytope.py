"""Exact pieces shared by the vertex enumerations: the :class:`Polytope` result, exact
integer solves, and the floating-point basis filter with its error bound.

A polytope here is ``{z in R^d : z >= 0, M z <= 1}`` for a positive integer matrix ``M``
of shape ``(r, d)``.  It has ``d + r`` constraints ("labels"): label ``i < d`` is
``z_i = 0`` and label ``d + j`` is ``(M z)_j = 1``.  A vertex is a point of the polytope
where ``d`` linearly independent constraints are tight; it is given by a *basis*: a
support ``S`` (the coordinates allowed to be non-zero) and as many rows ``R`` that are
tight, with ``M[R, S] z_S = 1``.

:func:`classify` solves bases in floating point with an error bound (backward-stable
solve, the condition number bounded from the determinant by Guggenheimer's
inequality) and settles a basis only when the decision is clear by more than that
bound; :class:`_ExactResolver` settles the rest in integer arithmetic (fraction-free
Gauss-Jordan on Python ints), one solve per degenerate vertex.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

_EPS = float(np.finfo(float).eps)
_SAFETY = 64.0          # slack on the textbook error bound (growth factor, norms)
_LOG_KAPPA_MAX = math.log(1e11)   # beyond this the float solution is not trusted at all


def int_solve(matrix: Sequence[Sequence[int]], rhs: Sequence[int]) -> tuple[list[int], int] | None:
    """Solve ``matrix @ z = rhs`` exactly for a square integer matrix.

    Returns ``(numerators, denominator)`` with ``denominator > 0`` and
    ``z = numerators / denominator``, or None if the matrix is singular.
    Bareiss's fraction-free elimination (every intermediate is a minor, so every
    division is exact; "Sylvester's identity and multistep integer-preserving Gaussian
    elimination", Math. Comp. 22, 1968), then back substitution of ``det * z``, an
    integer vector by Cramer's rule: about half the work of Gauss-Jordan from 5 x 5.

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
        piv = rows[c][c]
        tail = rows[c][c + 1:]
        for i in range(c + 1, k):
            row = rows[i]
            f = row[c]
            if f:
                rows[i] = row[:c + 1] + [(piv * a - f * b) // prev
                                         for a, b in zip(row[c + 1:], tail, strict=True)]
            elif piv != prev:
                rows[i] = row[:c + 1] + [(piv * a) // prev for a in row[c + 1:]]
        prev = piv
    det = prev       # the determinant of the row-permuted matrix
    nums = [0] * k   # det * z, by back substitution: each division exact
    for i in range(k - 1, -1, -1):
        row = rows[i]
        nums[i] = (det * row[k] - sum(row[j] * nums[j] for j in range(i + 1, k))) // row[i]
    if det < 0:
        det = -det
        nums = [-x for x in nums]
    return nums, det


def basic_solution(mat: Sequence[Sequence[int]], d: int, support: Sequence[int],
                   rows: Sequence[int]) -> tuple[list[int], int, list[int]] | None:
    """The basic point of ``M[rows, support] z = 1`` (``z`` zero off ``support``), exactly:
    ``(numerators over all d coordinates, denominator, numerators of M z)``, or None if
    singular.

    >>> basic_solution([[2, 1], [1, 3]], 2, [0, 1], [0, 1])
    ([2, 1], 5, [5, 5])
    """
    solved = int_solve([[mat[j][i] for i in support] for j in rows], [1] * len(rows))
    if solved is None:
        return None
    nums, den = solved
    full = [0] * d
    for i, v in zip(support, nums, strict=True):
        full[i] = v
    terms = list(zip(support, nums, strict=True))
    return full, den, [sum(row[i] * v for i, v in terms) for row in mat]   # 0 off support


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
    complete: bool = True                       # False: a deadline stopped the search

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



def _basis_masks(d: int, r: int, supports: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Bool masks (q, d + r) of the constraints a basis makes tight."""
    q = supports.shape[0]
    mask = np.zeros((q, d + r), dtype=bool)
    mask[:, :d] = True
    if q:
        np.put_along_axis(mask[:, :d], supports, False, axis=1)
        np.put_along_axis(mask[:, d:], rows, True, axis=1)
    return mask



def classify(mf: np.ndarray, supports: np.ndarray, rows: np.ndarray):
    """Solve the bases ``(supports[q], rows[q])`` (all of one size k) in floating point.

    Returns index arrays ``clean``, ``near``, ``doubtful`` into the batch and, for
    ``near``, the float points (q_near, d).  ``clean`` bases are certified vertices whose
    exact tight set is the basis; ``near`` ones are feasible up to the error bound with
    some other constraint possibly tight; ``doubtful`` ones are (nearly) singular.  The
    rest are certainly infeasible.
    """
    q, k = supports.shape
    mats = mf[rows[:, :, None], supports[:, None, :]]
    sign, logdet = np.linalg.slogdet(mats)
    singular = sign == 0
    if singular.any():
        mats[singular] = np.eye(k)
    z = np.linalg.solve(mats, np.ones((q, k, 1)))[..., 0]
    others = np.ones((q, mf.shape[0]), dtype=bool)
    np.put_along_axis(others, rows, False, axis=1)
    slack = (1.0 - np.einsum("rqk,qk->qr", mf[:, supports], z))[others].reshape(q, -1)
    return certify_solved(mats, logdet, singular, z, slack, supports, mf.shape[1])


def solution_error(logdet: np.ndarray, frobenius_sq: np.ndarray, k, zmax: np.ndarray,
                   singular: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Error bound of LU solutions ``z`` of ``A z = 1`` (``k x k``, entries at most 1),
    and which systems are *doubtful* (singular, or too ill-conditioned to trust).

    ``logdet``: ``log|det A|`` (``slogdet``), ``frobenius_sq``: ``||A||_F^2``, ``zmax``:
    ``max |z_i|``; ``k`` a size or an array of sizes.  Backward-stable LU with the
    condition number bounded by Guggenheimer's inequality, ``cond_2(A) <= 2/|det A|
    (||A||_F / sqrt(k))^k``, with slack :data:`_SAFETY`.  A non-finite bound (an
    underflowed norm, say) is doubtful, never zero.
    """
    log_kappa = math.log(2.0) - logdet + k * (0.5 * np.log(frobenius_sq) - 0.5 * np.log(k))
    doubtful = singular | ~(np.isfinite(log_kappa) & (log_kappa < _LOG_KAPPA_MAX))
    err = _SAFETY * k * _EPS * np.exp(np.minimum(log_kappa, _LOG_KAPPA_MAX)) * zmax
    return err, doubtful


def slack_error(k, err):
    """Error bound of a slack ``1 - M[j, S] z`` computed in floating point (any order)
    from a solution ``z`` within ``err`` (entries of ``M`` at most 1, ``|S| = k``)."""
    return k * err + 4 * k * _EPS


def certify_solved(mats: np.ndarray, logdet: np.ndarray, singular: np.ndarray, z: np.ndarray,
                   slack: np.ndarray, supports: np.ndarray, d: int):
    """The decision of :func:`classify` for bases already solved in floating point.

    ``mats`` (q, k, k) are the blocks ``M[R, S]`` (identity where ``singular``),
    ``logdet`` their ``log|det|`` (``slogdet``), ``z`` (q, k) the solutions of
    ``mats z = 1`` by LU with partial pivoting (LAPACK ``gesv``; other right-hand sides
    solved alongside leave each column's backward error bound unchanged), ``slack``
    (q, r - k) the values ``1 - M[j, S] z`` of the rows ``j`` not in ``R``, in floating
    point in any summation order.  Returns what :func:`classify` returns.
    """
    k = mats.shape[1]
    err_z, doubtful = solution_error(logdet, np.einsum("pij,pij->p", mats, mats), k,
                                     np.abs(z).max(axis=1), singular)
    idx = np.flatnonzero(~doubtful & (z.min(axis=1) >= -err_z))
    zs = z[idx]
    ez = err_z[idx]
    slack = slack[idx]
    es = slack_error(k, ez)[:, None]
    feasible = (slack >= -es).all(axis=1)
    extra = (np.abs(slack) <= es).sum(axis=1) + (np.abs(zs) <= ez[:, None]).sum(axis=1)
    clean = feasible & (extra == 0)
    near = feasible & (extra > 0)
    points = np.zeros((int(near.sum()), d))
    np.put_along_axis(points, supports[idx][near], zs[near], axis=1)
    return idx[clean], idx[near], points, np.flatnonzero(doubtful)



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
        self.seen: set[tuple[tuple[int, ...], int]] = set()
        self.n_exact = 0

    def solve(self, support: list[int], rows: list[int]) -> np.ndarray | None:
        """Exact basic point of a basis; records it if feasible; returns its packed tight set."""
        self.n_exact += 1
        solved = basic_solution(self.mat, self.d, support, rows)
        if solved is None:
            return None
        full, den, row_vals = solved
        tight = np.array([x == 0 for x in full] + [v == den for v in row_vals], dtype=bool)
        packed = _pack(tight[None])[0]
        if min(full) >= 0 and max(row_vals) <= den:
            g = math.gcd(den, *full)
            key = (tuple(x // g for x in full), den // g)
            if key not in self.seen:
                self.seen.add(key)
                self.labels.append(tight)
                self.points.append(key)
        return packed

    def _settle(self, supports: list[list[int]], rows: list[list[int]],
                masks: np.ndarray) -> None:
        """Solve bases one by one, each solve retiring the ones it covers."""
        alive = np.ones(len(supports), dtype=bool)
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
                             masks[members])
