"""Is a certified real root an equilibrium?  Decided on its whole box, or exactly.

On the box of a real root (ball arithmetic, python-flint ``arb``): the root is an
equilibrium with support exactly ``T`` when every probability is certainly positive and
every strategy outside ``T_i`` certainly pays less than the strategies in ``T_i``
(the ones inside pay the same, by the equations).  It is certainly not one when some
probability is certainly negative or some outside strategy certainly pays more.

Otherwise (a probability or a payoff gap whose ball contains zero: a root on the
boundary of the support, or a tie) the root is recovered as a fraction: a rational point
of the box at which the equations vanish exactly *is* the box's unique root, and the
profile is then checked exactly with :func:`gamesolve.solvers.base.verify_exact`.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .system import SupportSystem

NE, NOT_NE, UNDECIDED = "ne", "no", "undecided"
MAX_DENOMINATOR = 10**6


def profile_balls(system: SupportSystem, shape, xs) -> list[np.ndarray]:
    """The full mixed profile (every strategy, arb balls) for real coordinates ``xs``."""
    from flint import arb

    profile = []
    for j, size in enumerate(shape):
        probs = [arb(0)] * size
        support = system.support[j]
        if j in system.k:
            own = list(xs[system.block(j)])
            for b, s in enumerate(support[:-1]):
                probs[s] = own[b]
            probs[support[-1]] = 1 - sum(own)
        else:
            probs[support[0]] = arb(1)
        profile.append(np.array(probs, dtype=object))
    return profile


def _gaps(payoff: np.ndarray, player: int, system: SupportSystem, profile) -> list:
    """Payoff of each strategy outside ``T_i`` minus that of the last strategy in ``T_i``,
    against the others' mixtures (balls; subtraction before contraction keeps them tight)."""
    support = system.support
    inside = set(support[player])
    outside = [s for s in range(payoff.shape[player]) if s not in inside]
    if not outside:
        return []
    index = [support[j] if j != player else outside + [support[player][-1]]
             for j in range(len(support))]
    sub = np.moveaxis(np.asarray(payoff, dtype=object)[np.ix_(*index)], player, 0)
    T = sub[:-1] - sub[-1:]
    for j in range(len(support)):
        if j != player:
            T = np.tensordot(T, profile[j][list(support[j])], axes=([1], [0]))
    return list(T)


def box_verdict(payoffs, system: SupportSystem, xs) -> str:
    """:data:`NE`, :data:`NOT_NE` or :data:`UNDECIDED` for the real box ``xs`` (arb)."""
    shape = payoffs[0].shape
    profile = profile_balls(system, shape, xs)
    undecided = False
    for j, support in enumerate(system.support):
        for s in support:
            p = profile[j][s]
            if p < 0:
                return NOT_NE
            if not p > 0:
                undecided = True
    for i, payoff in enumerate(payoffs):
        for gap in _gaps(payoff, i, system, profile):
            if gap > 0:
                return NOT_NE
            if not gap < 0:
                undecided = True
    return UNDECIDED if undecided else NE


def rational_root(system: SupportSystem, centre: np.ndarray, radius: float,
                  max_denominator: int = MAX_DENOMINATOR) -> list[Fraction] | None:
    """The box's root as fractions, when a nearby fraction is in the box and solves the
    equations exactly; else None."""
    q = [Fraction(float(v.real)).limit_denominator(max_denominator) for v in centre]
    r = Fraction(radius)
    if any(abs(qi - Fraction(float(c.real))) > r for qi, c in zip(q, centre)):
        return None
    return q if solves_exactly(system, q) else None


def solves_exactly(system: SupportSystem, q: list[Fraction]) -> bool:
    """Does the rational point ``q`` make every indifference equation of the support
    system vanish, in exact arithmetic?"""
    for i in system.active:
        D, axes = system.tensors[i]
        T = D
        for j in axes:
            own = q[system.block(j)]
            T = np.tensordot(T, np.array(own + [1 - sum(own)], dtype=object), axes=([1], [0]))
        if any(v != 0 for v in np.atleast_1d(T)):
            return False
    return True


def rational_profile(system: SupportSystem, shape, q) -> tuple[tuple[Fraction, ...], ...]:
    """The full mixed profile, as fractions, of the rational root ``q``."""
    profile = []
    for j, size in enumerate(shape):
        probs = [Fraction(0)] * size
        support = system.support[j]
        if j in system.k:
            own = q[system.block(j)]
            for b, s in enumerate(support[:-1]):
                probs[s] = own[b]
            probs[support[-1]] = 1 - sum(own)
        else:
            probs[support[0]] = Fraction(1)
        profile.append(tuple(probs))
    return tuple(profile)
