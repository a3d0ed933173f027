"""The indifference system of a support profile, and its evaluation.

For a support profile ``T`` the variables are, for every player ``j`` with at least two
strategies in ``T_j`` (an *active* player), the probabilities ``x_j`` of all but the last
strategy of ``T_j``; the last gets ``1 - sum(x_j)``.  Player ``i``'s equations say that
each strategy of ``T_i`` pays as much as the last one:

    F_i(x)[a] = sum over profiles s of T_-i of D_i[a, s] * prod_j sigma_j(x)[s_j] = 0,

with ``D_i[a, s] = u_i(T_i[a], s) - u_i(T_i[-1], s)``: integer coefficients (payoffs are
scaled to integers per player), multilinear, one variable group per active player.

Evaluation comes in two forms: batched floating point (numpy, many points of many
supports of one shape at once, for path tracking) and one point in ball arithmetic
(python-flint ``acb``, for certificates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .supports import SupportProfile, equation_owners


@dataclass
class SupportSystem:
    """The indifference system of one support profile (see the module docstring).

    ``tensors[i] = (D_i, axes)``: ``D_i`` has shape ``(k_i, |T_a| for a in axes)``, exact
    integers (numpy object array), ``axes`` the active players other than ``i``.
    """

    support: SupportProfile
    active: tuple[int, ...]
    k: dict[int, int]
    offset: dict[int, int]
    n: int
    owners: list[int]
    tensors: dict[int, tuple[np.ndarray, tuple[int, ...]]] = field(repr=False)
    _ball_cache: dict = field(default_factory=dict, repr=False)

    def block(self, j: int) -> slice:
        return slice(self.offset[j], self.offset[j] + self.k[j])


def build_system(payoffs, support: SupportProfile) -> SupportSystem:
    """The indifference system of ``support`` for integer payoff tensors ``payoffs``."""
    sizes = [len(t) for t in support]
    active = tuple(j for j, m in enumerate(sizes) if m > 1)
    k = {j: sizes[j] - 1 for j in active}
    offset, n = {}, 0
    for j in active:
        offset[j] = n
        n += k[j]
    tensors = {}
    for i in active:
        sub = np.moveaxis(np.asarray(payoffs[i], dtype=object)[np.ix_(*support)], i, 0)
        diff = sub[:-1] - sub[-1:]
        axes = tuple(j for j in range(len(support)) if j != i and j in k)
        tensors[i] = (diff.reshape((k[i],) + tuple(sizes[j] for j in axes)), axes)
    owners = [o for o in equation_owners(sizes) if o in k]
    return SupportSystem(support, active, k, offset, n, owners, tensors)


def _sigmas(x: np.ndarray, system) -> dict[int, np.ndarray]:
    """Each active player's full mixture over its support (last = 1 - sum)."""
    out = {}
    for j in system.active:
        xj = x[:, system.offset[j]:system.offset[j] + system.k[j]]
        out[j] = np.concatenate([xj, 1 - xj.sum(axis=1, keepdims=True)], axis=1)
    return out


_LETTERS = "abcdefghijklmnoq"


class BatchSystem:
    """Floating-point evaluation of many supports of one shape at once.

    Every point carries the index of its support (``sidx``); coefficient tensors are
    scaled per support and player by their largest entry (roots do not change).
    """

    def __init__(self, systems: list[SupportSystem]):
        first = systems[0]
        self.systems = systems
        self.active, self.k, self.offset = first.active, first.k, first.offset
        self.n, self.owners = first.n, first.owners
        self.tensors = {}
        for i in self.active:
            stacked = np.stack([np.asarray(s.tensors[i][0], dtype=float) for s in systems])
            scale = np.abs(stacked).reshape(len(systems), -1).max(axis=1)
            scale[scale == 0] = 1.0
            self.tensors[i] = (stacked / scale.reshape((-1,) + (1,) * (stacked.ndim - 1)),
                               first.tensors[i][1])

    def gather(self, sidx: np.ndarray) -> dict:
        """The coefficient tensors of the supports ``sidx`` (one per point)."""
        return {i: coeffs[sidx] for i, (coeffs, _) in self.tensors.items()}

    def eval(self, x: np.ndarray, gathered: dict) -> tuple[np.ndarray, np.ndarray]:
        """F (P, n) and its Jacobian J (P, n, n) at the points ``x`` (P, n), with the
        coefficients of :meth:`gather`.  Contractions go one axis at a time (multiply and
        sum), sharing the partial products between F and the Jacobian blocks."""
        count = x.shape[0]
        F = np.empty((count, self.n), dtype=complex)
        J = np.zeros((count, self.n, self.n), dtype=complex)
        sig = _sigmas(x, self)
        for i in self.active:
            axes = self.tensors[i][1]
            D = gathered[i]
            rows = slice(self.offset[i], self.offset[i] + self.k[i])
            if not axes:
                F[:, rows] = D
                continue
            for q, G in _leave_one_out(D, [sig[j] for j in axes]):
                j = axes[q]
                kj = self.k[j]
                J[:, rows, self.offset[j]:self.offset[j] + kj] = G[:, :, :kj] - G[:, :, kj:]
                if q == 0:
                    F[:, rows] = _contract_last(G, sig[j])
        return F, J


def _contract_last(A: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Sum over A's last axis weighted by v (one vector per point: v has shape (P, k))."""
    return (A * v.reshape((v.shape[0],) + (1,) * (A.ndim - 2) + (v.shape[1],))).sum(-1)


def _contract_axis(A: np.ndarray, v: np.ndarray, axis: int) -> np.ndarray:
    return _contract_last(np.moveaxis(A, axis, -1), v)


def _leave_one_out(D: np.ndarray, sigmas: list[np.ndarray]):
    """For each q, D contracted with every sigma but the q-th: shape (P, e, m_q).

    D has shape (P, e, m_0, ..., m_{r-1}).  Prefix and suffix contractions are shared, so
    r axes cost O(r) large contractions rather than O(r^2)."""
    r = len(sigmas)
    if r == 1:
        yield 0, D
        return
    # suffix[q] = D contracted over axes q..r-1 (the last ones first): shape (P, e, m_0..m_{q-1})
    suffix = {r: D}
    for q in range(r - 1, 0, -1):
        suffix[q] = _contract_last(suffix[q + 1], sigmas[q])
    # walk forwards, contracting the leading axes into `prefix` as we go
    prefix = D
    for q in range(r):
        if q == 0:
            yield 0, suffix[1]
            prefix = _contract_axis(D, sigmas[0], 2)  # (P, e, m_1, ..., m_{r-1})
            continue
        G = prefix
        for p in range(r - 1, q, -1):
            G = _contract_last(G, sigmas[p])
        yield q, G
        if q < r - 1:
            prefix = _contract_axis(prefix, sigmas[q], 2)
