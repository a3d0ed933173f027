"""When the root count is not met: exact algebra, then rigorous interval exclusion.

Two certificates that do not rely on the homotopy having found every root:

* an exact Groebner basis of the indifference system over the rationals (FLINT's
  Buchberger algorithm, with limits).  A basis ``{1}`` proves there is no complex root
  at all; a zero-dimensional basis gives the number ``D`` of complex roots counted with
  multiplicity (the standard monomials), so ``D`` distinct certified roots are all of
  them.  A basis in which some variable has no pure power among the leading monomials
  means the complex solution set is positive-dimensional.
* a branch and bound over the region where an equilibrium of the support could lie
  (probabilities in [0, 1]) in ball arithmetic: a box is discarded when, on the whole
  box, some equation cannot vanish, some probability is negative, or some strategy
  outside the support pays more than one inside (Moore 1966; Kearfott 1996).  No box
  left means no equilibrium there besides the certified roots; boxes left are reported
  (they may hold a continuum of equilibria).
"""

from __future__ import annotations

import itertools
import time

import numpy as np

from .balls import eval_balls
from .system import SupportSystem

EMPTY, ZERO_DIMENSIONAL, POSITIVE_DIMENSIONAL, UNKNOWN = "empty", "zero-dim", "positive-dim", \
    "unknown"
GROEBNER_LIMITS = (400, 4000, 4096)  # FLINT's (ideal length, polynomial length, degree) caps
MAX_BOXES = 4000
MIN_WIDTH = 1 / 64


def _polynomials(system: SupportSystem):
    from flint import fmpz_mpoly_ctx

    n = system.n
    ctx = fmpz_mpoly_ctx.get(tuple(f"x{v}" for v in range(n)), "degrevlex")
    gens = ctx.gens()
    one = ctx.from_dict({(0,) * n: 1})
    polys = []
    for i in system.active:
        D, axes = system.tensors[i]
        sig = {}
        for j in axes:
            xs = list(gens[system.block(j)])
            last = one
            for v in xs:
                last = last - v
            sig[j] = xs + [last]
        for a in range(system.k[i]):
            p = ctx.from_dict({})
            for idx in itertools.product(*[range(len(sig[j])) for j in axes]):
                coef = int(D[(a,) + idx])
                if coef:
                    term = ctx.from_dict({(0,) * n: coef})
                    for q, j in enumerate(axes):
                        term = term * sig[j][idx[q]]
                    p = p + term
            polys.append(p)
    return ctx, [p for p in polys if not p.is_zero()]


def classify(system: SupportSystem, time_limit: float = 10.0) -> tuple[str, int | None]:
    """(kind, D): :data:`EMPTY`, :data:`ZERO_DIMENSIONAL` with ``D`` roots counted with
    multiplicity, :data:`POSITIVE_DIMENSIONAL`, or :data:`UNKNOWN` (limits reached)."""
    from flint import fmpz_mpoly_vec

    n = system.n
    ctx, polys = _polynomials(system)
    if not polys:
        return POSITIVE_DIMENSIONAL, None
    start = time.monotonic()
    basis, finished = fmpz_mpoly_vec(polys, ctx).buchberger_naive(limits=GROEBNER_LIMITS)
    if not finished or time.monotonic() - start > time_limit:
        return UNKNOWN, None
    basis = basis.autoreduction()
    leading = []
    for g in basis:
        if g.is_zero():
            continue
        if g.is_constant():
            return EMPTY, 0
        leading.append(tuple(g.monoms()[0]))
    bounds = []
    for v in range(n):
        powers = [m[v] for m in leading
                  if m[v] > 0 and all(m[w] == 0 for w in range(n) if w != v)]
        if not powers:
            return POSITIVE_DIMENSIONAL, None
        bounds.append(min(powers))
    count = sum(1 for mono in itertools.product(*[range(b) for b in bounds])
                if not any(all(mono[w] >= lm[w] for w in range(n)) for lm in leading))
    return ZERO_DIMENSIONAL, count


def _box_excluded(payoffs, system: SupportSystem, lo: np.ndarray, hi: np.ndarray) -> bool:
    """True when no equilibrium of the support can lie in the box [lo, hi]."""
    from flint import acb, arb

    from .verdicts import _gaps, profile_balls

    mid, rad = (lo + hi) / 2, (hi - lo) / 2
    X = [arb(float(m), float(r) * (1 + 1e-9)) for m, r in zip(mid, rad)]
    F, _ = eval_balls(system, [acb(x) for x in X], jacobian=False)
    if any(not f.contains(0) for f in F):
        return True
    profile = profile_balls(system, payoffs[0].shape, X)
    for j, support in enumerate(system.support):
        if any(profile[j][s] < 0 for s in support):
            return True
    for i, payoff in enumerate(payoffs):
        if any(gap > 0 for gap in _gaps(payoff, i, system, profile)):
            return True
    return False


def _covered_by_known_root(system: SupportSystem, lo: np.ndarray, hi: np.ndarray,
                           certified_boxes) -> bool:
    """True when a Krawczyk test proves the box around [lo, hi] holds exactly one root and
    a certified root's whole box lies inside it: that root is then the box's only one."""
    from .balls import WORKING_PRECISION, krawczyk, precision

    mid = (lo + hi) / 2
    half = float(np.max(hi - lo)) / 2
    for c, r in certified_boxes:
        if np.all(np.abs(c - mid) + 2 * r < half):
            with precision(WORKING_PRECISION):
                return krawczyk(system, mid.astype(complex), half, real=True) is not None
    return False


def exclude(payoffs, system: SupportSystem, certified_boxes, deadline: float,
            max_boxes: int = MAX_BOXES, min_width: float = MIN_WIDTH, witness=None):
    """Branch and bound over [0, 1]^n.  Returns (boxes left, finished, point): ``point``
    is a box midpoint at which ``witness(point)`` holds (an exact equilibrium: such a box
    can never be excluded, so the search stops there), else None."""
    n = system.n
    stack = [(np.zeros(n), np.ones(n))]
    left = []
    processed = 0
    if witness is not None and witness(np.full(n, 0.5)):
        return stack, True, np.full(n, 0.5)
    while stack:
        lo, hi = stack.pop()
        processed += 1
        if processed > max_boxes or time.monotonic() > deadline:
            return left + [(lo, hi)] + stack, False, None
        if any(np.all(lo >= c - r) and np.all(hi <= c + r) for c, r in certified_boxes):
            continue
        if _box_excluded(payoffs, system, lo, hi):
            continue
        if float(np.max(hi - lo)) < min_width:
            if _covered_by_known_root(system, lo, hi, certified_boxes):
                continue
            left.append((lo, hi))
            if witness is not None and witness((lo + hi) / 2):
                return left + stack, True, (lo + hi) / 2
            continue
        v = int(np.argmax(hi - lo))
        m = (lo[v] + hi[v]) / 2
        upper, lower = hi.copy(), lo.copy()
        upper[v], lower[v] = m, m
        stack.append((lo, upper))
        stack.append((lower, hi))
    return left, True, None
