"""Root certificates in ball arithmetic (python-flint ``acb``): the Krawczyk test.

For a box ``X`` with centre ``c`` and any matrix ``Y`` (here a floating-point inverse of
the Jacobian at ``c``), the Krawczyk operator

    K(X) = c - Y F(c) + (I - Y J(X)) (X - c)

evaluated in ball arithmetic encloses every Newton-like image of ``X``; if ``K(X)`` lies
in the interior of ``X`` then ``X`` holds exactly one root of ``F`` (Krawczyk 1969;
Moore 1977 for the uniqueness part; Rump 2010 for the complex case).  A box centred on
the real axis is its own mirror image, and the system has real (integer) coefficients,
so the unique root it holds is real.  A certified box that does not meet the real axis
in some coordinate holds a non-real root.

Roots that fail at working precision (far from the simplex, ill-conditioned) are
refined by Newton's method at :data:`HIGH_PRECISION` bits and tested on a tiny box.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

WORKING_PRECISION = 96
HIGH_PRECISION = 320
RADII = (1e-9, 1e-7, 1e-11, 1e-5)  # relative box half-widths tried in turn
MARGIN = 1 + 1e-6  # flint rounds radii up (30-bit); compare float boxes with a margin


@contextmanager
def precision(bits: int):
    """Run flint at ``bits`` of working precision, restoring the previous setting."""
    from flint import ctx

    old = ctx.prec
    ctx.prec = bits
    try:
        yield
    finally:
        ctx.prec = old


@dataclass(frozen=True)
class CertifiedRoot:
    """A box proven to hold exactly one root.

    ``balls`` are the coordinates as ``acb`` balls; ``centre`` and ``radius`` a float box
    (per coordinate, real and imaginary half-width) containing them; ``real`` is True when
    the root is proven real, False when proven non-real.
    """

    balls: tuple
    centre: np.ndarray
    radius: float
    real: bool

    def disjoint(self, other: CertifiedRoot) -> bool:
        gap = np.maximum(np.abs(self.centre.real - other.centre.real),
                         np.abs(self.centre.imag - other.centre.imag))
        return bool(np.any(gap > (self.radius + other.radius) * MARGIN * 1.001))

    def in_torus(self) -> bool:
        """No coordinate can be zero (every coordinate's box misses the origin)."""
        size = np.maximum(np.abs(self.centre.real), np.abs(self.centre.imag))
        return bool(np.all(size > 2 * self.radius * MARGIN))


def _sigma_balls(system, X) -> dict[int, np.ndarray]:
    out = {}
    for j in system.active:
        xs = list(X[system.block(j)])
        last = 1 - sum(xs)
        out[j] = np.array(xs + [last], dtype=object)
    return out


def _contract_trailing(T: np.ndarray, vectors: list[np.ndarray], stop: int) -> np.ndarray:
    """Contract T's trailing axes, last first, with ``vectors`` (one per axis) down to
    axis ``stop`` (object arrays: np.dot on a 2-d view, no tensordot overhead)."""
    for v in reversed(vectors):
        if T.ndim <= stop:
            break
        T = T.reshape(-1, T.shape[-1]).dot(v).reshape(T.shape[:-1])
    return T


def _permuted(system, i: int, q: int) -> np.ndarray:
    """D_i with axis ``q`` (of ``axes``) moved next to the equation axis (cached)."""
    key = (i, q)
    if key not in system._ball_cache:
        D = system.tensors[i][0]
        system._ball_cache[key] = np.ascontiguousarray(np.moveaxis(D, 1 + q, 1))
    return system._ball_cache[key]


def eval_balls(system, X, jacobian: bool = True):
    """F and (optionally) its Jacobian at the ball point ``X`` (a sequence of acb)."""
    from flint import acb

    n = system.n
    sig = _sigma_balls(system, X)
    F = [None] * n
    J = [[acb(0)] * n for _ in range(n)] if jacobian else None
    for i in system.active:
        D, axes = system.tensors[i]
        r0 = system.offset[i]
        vectors = [sig[j] for j in axes]
        T = _contract_trailing(D, vectors, 1)
        for a in range(system.k[i]):
            F[r0 + a] = acb(T[a])
        if not jacobian:
            continue
        for q, j in enumerate(axes):
            others = [v for p, v in enumerate(vectors) if p != q]
            T = _contract_trailing(_permuted(system, i, q), others, 2)
            kj, c0 = system.k[j], system.offset[j]
            for a in range(system.k[i]):
                row = J[r0 + a]
                last = T[a, kj]
                for b in range(kj):
                    row[c0 + b] = acb(T[a, b] - last)
    return F, J


def krawczyk(system, centre: np.ndarray, radius: float, real: bool, Y: np.ndarray | None = None):
    """The box's coordinates (acb) if the Krawczyk test proves a unique root in the box
    of half-width ``radius`` around ``centre`` (on the real axis when ``real``), else None."""
    from flint import acb, acb_mat, arb

    n = system.n
    C = [acb(float(c.real), 0.0 if real else float(c.imag)) for c in centre]
    X = [acb(arb(float(c.real), radius), arb(0.0 if real else float(c.imag), radius))
         for c in centre]
    Fc, _ = eval_balls(system, C, jacobian=False)
    _, JX = eval_balls(system, X)
    if Y is None:
        Jmid = np.array([[complex(v.real.mid()) + 1j * float(v.imag.mid()) for v in row]
                         for row in JX])
        try:
            Y = np.linalg.inv(Jmid)
        except np.linalg.LinAlgError:
            return None
    if not np.all(np.isfinite(Y)):
        return None
    Ym = acb_mat([[acb(float(v.real), float(v.imag)) for v in row] for row in Y])
    identity = acb_mat([[acb(1) if a == b else acb(0) for b in range(n)] for a in range(n)])
    K = acb_mat([[c] for c in C]) - Ym * acb_mat([[f] for f in Fc]) \
        + (identity - Ym * acb_mat(JX)) * acb_mat([[X[i] - C[i]] for i in range(n)])
    if all(X[i].contains_interior(K[i, 0]) for i in range(n)):
        return tuple(X)
    return None


def _classify(centre: np.ndarray, radius: float) -> bool | None:
    """False when the box misses the real axis in some coordinate, else None."""
    return False if np.any(np.abs(centre.imag) > radius * MARGIN) else None


def certify_root(system, approx: np.ndarray) -> CertifiedRoot | None:
    """A certified box around the root near ``approx``, real or not proven, or None."""
    if not np.all(np.isfinite(approx)):
        return None
    scale = 1 + float(np.max(np.abs(approx)))
    with precision(WORKING_PRECISION):
        for rel in RADII:
            r = rel * scale
            if np.max(np.abs(approx.imag)) < r:
                balls = krawczyk(system, approx, r, real=True)
                if balls is not None:
                    return CertifiedRoot(balls, approx.real.astype(complex), r, True)
            balls = krawczyk(system, approx, r, real=False)
            if balls is not None and _classify(approx, r) is False:
                return CertifiedRoot(balls, approx.copy(), r, False)
    return certify_high_precision(system, approx)


def certify_high_precision(system, approx: np.ndarray, rounds: int = 12):
    """Newton refinement at :data:`HIGH_PRECISION` bits, then Krawczyk on tiny boxes."""
    from flint import acb, acb_mat, arb

    n = system.n
    with precision(HIGH_PRECISION):
        X = [acb(float(v.real), float(v.imag)) for v in approx]
        for _ in range(rounds):
            F, J = eval_balls(system, X)
            try:
                dx = acb_mat(J).solve(acb_mat([[f] for f in F]))
            except (ZeroDivisionError, ValueError):
                return None
            X = [acb((X[i] - dx[i, 0]).real.mid(), (X[i] - dx[i, 0]).imag.mid())
                 for i in range(n)]
        size = 1 + max(abs(complex(v)) for v in X)
        near_real = max(abs(float(v.imag.mid())) for v in X) < 1e-40 * size
        for rel in (1e-60, 1e-40, 1e-25):
            r = rel * size
            for real in ((True, False) if near_real else (False,)):
                C = [acb(v.real.mid(), 0 if real else v.imag.mid()) for v in X]
                box = [acb(arb(c.real.mid(), r), arb(c.imag.mid(), r)) for c in C]
                Fc, _ = eval_balls(system, C, jacobian=False)
                _, JX = eval_balls(system, box)
                _, Jc = eval_balls(system, C)
                try:
                    Yb = acb_mat(Jc).inv()
                except (ZeroDivisionError, ValueError):
                    continue
                Y = acb_mat([[acb(Yb[a, b].real.mid(), Yb[a, b].imag.mid()) for b in range(n)]
                             for a in range(n)])
                identity = acb_mat([[acb(int(a == b)) for b in range(n)] for a in range(n)])
                K = acb_mat([[c] for c in C]) - Y * acb_mat([[f] for f in Fc]) \
                    + (identity - Y * acb_mat(JX)) * acb_mat([[box[i] - C[i]] for i in range(n)])
                if not all(box[i].contains_interior(K[i, 0]) for i in range(n)):
                    continue
                centre = np.array([complex(float(c.real.mid()), float(c.imag.mid())) for c in C])
                # a float box containing the high-precision one
                slack = max(max(abs(float(c.real.mid() - centre[i].real)),
                                abs(float(c.imag.mid() - centre[i].imag)))
                            for i, c in enumerate(C))
                radius = float(r) * MARGIN + 2 * slack + 1e-300
                if real:
                    return CertifiedRoot(tuple(box), centre.real.astype(complex), radius, True)
                if _classify(centre, radius) is False:
                    return CertifiedRoot(tuple(box), centre, radius, False)
    return None
