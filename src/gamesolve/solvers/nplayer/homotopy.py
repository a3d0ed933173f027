"""All complex roots of a batch of indifference systems by homotopy continuation.

The start system has the target's multidegree structure: equation ``e`` of player ``i``
is a product, over the other active players ``j``, of one random linear form in ``x_j``
(a linear-product system).  Its roots are exactly the root count ``B_T`` of the support
(one per assignment of equations to groups, see :func:`.supports.assignments`), and the
homotopy ``H(x, t) = (1 - t) * gamma * G(x) + t * F(x)`` with a random complex ``gamma``
(the gamma trick) carries them to every isolated root of ``F`` with probability one
(Morgan and Sommese 1987; Herings and Peeters 2005 for games).  Tracking is vectorised:
every path of every support of one shape advances together (numpy), a fourth-order
Runge-Kutta predictor and a Newton corrector per step, with a step size per path.

Nothing here is trusted: the endpoints are only candidates, certified afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .supports import assignments
from .system import BatchSystem

CORRECTOR_STEPS = 2  # Newton iterations per step (after a fourth-order predictor)
DIVERGED = 1e9  # |x| beyond which a path is taken to go to infinity (root at infinity)


class StartSystem:
    """A random linear-product start system for every support of a batch.

    Equation ``e`` is the product over the active players ``j`` other than its owner of
    ``C[j][s, e] . x_j + d[j][s, e]`` (support ``s``); the factor is 1 where ``j`` owns
    ``e``, so every group is one array operation.
    """

    def __init__(self, batch: BatchSystem, rng: np.random.Generator):
        self.batch = batch
        count, n = len(batch.systems), batch.n
        self.coeffs = {}
        for j in batch.active:
            kj = batch.k[j]
            C = rng.normal(size=(count, n, kj)) + 1j * rng.normal(size=(count, n, kj))
            d = rng.normal(size=(count, n)) + 1j * rng.normal(size=(count, n))
            own = np.array([o == j for o in batch.owners])
            C[:, own, :] = 0
            d[:, own] = 1
            self.coeffs[j] = (C, d)

    def gather(self, sidx: np.ndarray) -> dict:
        return {j: (C[sidx], d[sidx]) for j, (C, d) in self.coeffs.items()}

    def eval(self, x: np.ndarray, coeffs: dict) -> tuple[np.ndarray, np.ndarray]:
        """G (P, n) and its Jacobian at ``x`` with coefficients from :meth:`gather`."""
        off, k = self.batch.offset, self.batch.k
        linear = {j: np.einsum("pek,pk->pe", C, x[:, off[j]:off[j] + k[j]]) + d
                  for j, (C, d) in coeffs.items()}
        groups = list(linear)
        G = np.prod([linear[j] for j in groups], axis=0)
        JG = np.empty((x.shape[0], self.batch.n, self.batch.n), dtype=complex)
        for j in groups:
            others = [linear[jj] for jj in groups if jj != j]
            rest = np.prod(others, axis=0) if others else np.ones_like(G)
            JG[:, :, off[j]:off[j] + k[j]] = rest[:, :, None] * coeffs[j][0]
        return G, JG

    def roots(self) -> tuple[np.ndarray, np.ndarray]:
        """All start roots of all supports, and the support index of each."""
        batch = self.batch
        count = len(batch.systems)
        maps = assignments(batch.k, batch.owners)
        X = np.zeros((count, len(maps), batch.n), dtype=complex)
        for a, chosen in enumerate(maps):
            for j in batch.active:
                rows = [e for e, g in enumerate(chosen) if g == j]
                C, d = self.coeffs[j]
                o = batch.offset[j]
                X[:, a, o:o + batch.k[j]] = np.linalg.solve(C[:, rows, :],
                                                            -d[:, rows, None])[..., 0]
        sidx = np.repeat(np.arange(count), len(maps))
        return X.reshape(count * len(maps), batch.n), sidx


def _solve(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Batched A^-1 b; singular systems give non-finite rows instead of an exception."""
    try:
        return np.linalg.solve(A, b[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full(b.shape, np.nan, dtype=complex)
        for p in range(len(A)):
            try:
                out[p] = np.linalg.solve(A[p], b[p])
            except np.linalg.LinAlgError:
                pass
        return out


def track(batch: BatchSystem, start: StartSystem, x0: np.ndarray, sidx: np.ndarray,
          gamma: complex, *, step: float = 0.05, max_step: float = 0.25,
          tol: float = 1e-10, max_iter: int = 3000,
          should_stop: Callable[[], bool] = lambda: False) -> tuple[np.ndarray, np.ndarray]:
    """Track every path from ``x0`` (t = 0) to t = 1.

    Returns the endpoints and a status per path: 1 reached t = 1, 0 failed (step size
    underflow, iteration limit or stopped), -1 diverged.
    """
    x = x0.copy()
    t = np.zeros(len(x))
    h = np.full(len(x), step)
    status = np.full(len(x), 2)  # 2 running

    def parts(xx, tt, si):
        F, JF = batch.eval(xx, si[0])
        G, JG = start.eval(xx, si[1])
        a, b = (1 - tt)[:, None], tt[:, None]
        return a * gamma * G + b * F, a[:, :, None] * gamma * JG + b[:, :, None] * JF, \
            F - gamma * G

    def velocity(xx, tt, si):
        _, Hx, Ht = parts(xx, tt, si)
        return -_solve(Hx, Ht)

    iteration = 0
    with np.errstate(all="ignore"):
        while np.any(status == 2) and iteration < max_iter and not should_stop():
            iteration += 1
            idx = np.flatnonzero(status == 2)
            xi, ti = x[idx], t[idx]
            si = (batch.gather(sidx[idx]), start.gather(sidx[idx]))
            hi = np.minimum(h[idx], 1 - ti)
            k1 = velocity(xi, ti, si)
            k2 = velocity(xi + 0.5 * hi[:, None] * k1, ti + 0.5 * hi, si)
            k3 = velocity(xi + 0.5 * hi[:, None] * k2, ti + 0.5 * hi, si)
            k4 = velocity(xi + hi[:, None] * k3, ti + hi, si)
            xp = xi + (hi / 6)[:, None] * (k1 + 2 * k2 + 2 * k3 + k4)
            tn = ti + hi
            ok = np.all(np.isfinite(xp), axis=1)
            xp[~ok] = xi[~ok]
            norms = []
            for _ in range(CORRECTOR_STEPS):
                H, Hx, _ = parts(xp, tn, si)
                dx = -_solve(Hx, H)
                dx[~np.isfinite(dx)] = 1e300
                xp = xp + dx
                norms.append(np.linalg.norm(dx, axis=1))
            scale = 1 + np.linalg.norm(xi, axis=1)
            # accept when Newton converges fast from the predicted point (no path jumping)
            ok &= norms[0] < 0.05 * scale
            ok &= norms[-1] <= 0.2 * norms[-2] + 1e-14 * scale
            ok &= norms[-1] < 1e3 * tol * scale + 0.01 * norms[0]
            ok &= np.all(np.isfinite(xp), axis=1)
            accepted, rejected = idx[ok], idx[~ok]
            x[accepted] = xp[ok]
            t[accepted] = tn[ok]
            h[accepted] = np.minimum(h[accepted] * 1.6, max_step)
            h[rejected] *= 0.5
            status[accepted[t[accepted] >= 1.0]] = 1
            status[rejected[h[rejected] < 1e-13]] = 0
            far = np.linalg.norm(x, axis=1) > DIVERGED
            status[(status == 2) & far] = -1
    status[status == 2] = 0
    done = np.flatnonzero(status == 1)
    if len(done):
        x[done] = polish(batch, x[done], sidx[done])
    return x, status


def polish(batch: BatchSystem, x: np.ndarray, sidx: np.ndarray, rounds: int = 6) -> np.ndarray:
    """Newton's method on the target system alone (t = 1)."""
    with np.errstate(all="ignore"):
        for _ in range(rounds):
            F, J = batch.eval(x, batch.gather(sidx))
            dx = _solve(J, F)
            dx[~np.isfinite(dx)] = 0
            x = x - dx
    return x
