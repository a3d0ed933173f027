"""One support profile, from tracked endpoints to a verdict: certified or not, and why.

A support is *certified* (its equilibria are all found) by one of

* the root count: ``B_T`` pairwise-disjoint certified roots, all in the torus (no
  coordinate zero).  By Bernstein's theorem the isolated roots in the torus number at
  most the mixed volume, which is at most ``B_T``; meeting the bound leaves no room for
  another root or a positive-dimensional component (Bernstein 1975, theorem B);
* an exact Groebner basis: no complex root, or ``D`` roots with multiplicity and ``D``
  certified (see :mod:`.fallback`);
* a rigorous interval exclusion of the rest of the equilibrium region.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..base import Equilibrium, expected_payoffs, max_regret, verify_exact
from .balls import MARGIN, CertifiedRoot, certify_root
from .fallback import EMPTY, POSITIVE_DIMENSIONAL, ZERO_DIMENSIONAL, classify, exclude
from .homotopy import StartSystem, track
from .system import BatchSystem, SupportSystem
from .verdicts import NE, NOT_NE, box_verdict, rational_profile, rational_root, solves_exactly

MAX_TRIES = 3  # homotopy runs per support (fresh gamma, smaller steps) before the fallback
SAMPLE_BOXES = 50  # boxes left by the exclusion among which a sample point is chosen


@dataclass
class SupportVerdict:
    """What one support yielded: its equilibria, whether the search is certified complete
    (and by which argument), else the reason and a sample profile."""

    system: SupportSystem
    equilibria: list[Equilibrium] = field(default_factory=list)
    certified_by: str | None = None
    reason: str | None = None
    sample: tuple[tuple[float, ...], ...] | None = None
    continuum: bool = False


def add_root(roots: list[CertifiedRoot], root: CertifiedRoot | None) -> None:
    """Keep ``root`` when its box is disjoint from every kept one (so roots are distinct)."""
    if root is None:
        return
    if roots:
        centres = np.array([r.centre for r in roots])
        radii = np.array([r.radius for r in roots])
        gap = np.maximum(np.abs(centres.real - root.centre.real),
                         np.abs(centres.imag - root.centre.imag))
        apart = np.any(gap > ((radii + root.radius) * MARGIN * 1.001)[:, None], axis=1)
        if not np.all(apart):
            return
    roots.append(root)


def retrack(system: SupportSystem, roots: list[CertifiedRoot], rng, tries: int,
            should_stop) -> int:
    """One more homotopy run for a single support; returns the paths tracked."""
    batch = BatchSystem([system])
    start = StartSystem(batch, rng)
    x0, sidx = start.roots()
    gamma = np.exp(2j * np.pi * rng.random())
    x, status = track(batch, start, x0, sidx, gamma, step=0.02 / tries, max_step=0.1 / tries,
                      should_stop=should_stop)
    for p in np.flatnonzero(status == 1):
        add_root(roots, certify_root(system, x[p]))
    return len(x0)


def _exact_equilibrium(game, profile) -> Equilibrium | None:
    exact_payoffs = verify_exact(game, profile)
    if exact_payoffs is None:
        return None
    floats = tuple(tuple(float(x) for x in s) for s in profile)
    return Equilibrium(strategies=floats, payoffs=tuple(float(v) for v in exact_payoffs),
                       pure=all(max(s) == 1 for s in profile), exact=profile,
                       exact_payoffs=exact_payoffs, regret=0.0)


def _enclosed_equilibrium(game, system: SupportSystem, xs) -> Equilibrium:
    from .verdicts import profile_balls

    balls = profile_balls(system, game.shape, xs)
    floats = tuple(tuple(float(b.mid()) for b in player) for player in balls)
    radius = max(float(b.rad()) for player in balls for b in player)
    return Equilibrium(strategies=floats,
                       payoffs=tuple(float(v) for v in expected_payoffs(game, floats)),
                       pure=False, regret=max_regret(game, floats),
                       enclosure_radius=radius * (1 + 1e-6))


def root_equilibrium(game, payoffs, system: SupportSystem, root: CertifiedRoot):
    """(equilibrium or None, decided): what a certified real root says.  A root that is an
    equilibrium, or might be, is first tried as a fraction (then verified exactly)."""
    xs = [b.real for b in root.balls]
    verdict = box_verdict(payoffs, system, xs)
    if verdict == NOT_NE:
        return None, True
    q = rational_root(system, root.centre, root.radius)
    if q is not None:
        profile = rational_profile(system, game.shape, q)
        if any(profile[j][s] <= 0 for j, t in enumerate(system.support) for s in t):
            return None, True  # on a face: an equilibrium of a smaller support, found there
        return _exact_equilibrium(game, profile), True
    if verdict == NE:
        return _enclosed_equilibrium(game, system, xs), True
    return None, False


def _profile_from_point(game, system: SupportSystem, x: np.ndarray):
    profile = []
    for j, size in enumerate(game.shape):
        probs = np.zeros(size)
        support = system.support[j]
        if j in system.k:
            own = np.clip(x[system.block(j)], 0, 1)
            probs[list(support[:-1])] = own
            probs[support[-1]] = max(0.0, 1 - own.sum())
            probs = probs / probs.sum() if probs.sum() > 0 else probs
        else:
            probs[support[0]] = 1.0
        profile.append(tuple(float(p) for p in probs))
    return tuple(profile)


def describe(game, profile) -> str:
    parts = []
    for p, probs in enumerate(profile):
        ids = game.players[p].ids
        terms = [f"{v:.4g} {ids[s]}" if v < 1 else ids[s] for s, v in enumerate(probs) if v > 0]
        parts.append(" + ".join(terms))
    return "(" + "; ".join(parts) + ")"


def settle(game, payoffs, system: SupportSystem, count: int, roots: list[CertifiedRoot],
           rng, deadline: float) -> tuple[SupportVerdict, int]:
    """Retries, certificates and equilibrium verdicts for one support (see module doc).
    Returns the verdict and the number of extra paths tracked."""
    def should_stop() -> bool:
        return time.monotonic() > deadline

    verdict = SupportVerdict(system)
    extra, tries = 0, 1
    kind = degree = None
    if len(roots) < count and not should_stop():
        # an exact look first: it may settle the support, or show that more paths cannot
        kind, degree = classify(system)
    while (0 < count and len(roots) < count and tries < MAX_TRIES and not should_stop()
           and kind not in (EMPTY, POSITIVE_DIMENSIONAL)
           and not (kind == ZERO_DIMENSIONAL and degree == len(roots))):
        tries += 1
        extra += retrack(system, roots, rng, tries, should_stop)
    if count > 0 and len(roots) == count and all(r.in_torus() for r in roots):
        verdict.certified_by = "root count"
    if verdict.certified_by is None and not should_stop():
        if kind is None:
            kind, degree = classify(system)
        if kind == EMPTY or (kind == ZERO_DIMENSIONAL and degree == len(roots)):
            verdict.certified_by = "Groebner basis"
    undecided = 0
    for root in roots:
        if not root.real:
            continue
        eq, decided = root_equilibrium(game, payoffs, system, root)
        if eq is not None:
            verdict.equilibria.append(eq)
        undecided += not decided
    if verdict.certified_by is None:
        if should_stop():
            verdict.reason = "the time limit ran out before this support was certified"
            return verdict, extra
        boxes = [(r.centre.real, r.radius * (1 - 1e-6)) for r in roots if r.real]
        left, finished, point = exclude(payoffs, system, boxes, deadline,
                                        witness=lambda x: not _in_boxes(x, boxes)
                                        and _exact_point(game, system, x))
        if finished and not left:
            verdict.certified_by = "interval exclusion"
        else:
            _explain(game, payoffs, system, verdict, left, finished, kind, point)
    if undecided:
        verdict.certified_by = None
        verdict.reason = (f"{undecided} root{'s' if undecided > 1 else ''} on the boundary of"
                          " the support (a probability or payoff gap that may be zero) could"
                          " not be decided exactly")
    return verdict, extra


def _in_boxes(x: np.ndarray, boxes) -> bool:
    return any(np.all(np.abs(x - c) <= 2 * r) for c, r in boxes)


def _exact_point(game, system: SupportSystem, x: np.ndarray) -> bool:
    """Is the (dyadic) point ``x`` exactly an equilibrium whose support lies in T?"""
    from fractions import Fraction

    q = [Fraction(float(v)) for v in x]
    if not solves_exactly(system, q):
        return False
    profile = rational_profile(system, game.shape, q)
    return verify_exact(game, profile) is not None


def _explain(game, payoffs, system, verdict: SupportVerdict, left, finished, kind,
             point=None) -> None:
    if point is not None:
        verdict.sample = _profile_from_point(game, system, point)
        where = f" {describe(game, verdict.sample)}"
        verdict.continuum = kind != ZERO_DIMENSIONAL
        if verdict.continuum:
            verdict.reason = (f"equilibria on this support may form a continuum; sample point"
                              f"{where} is an exact equilibrium that is not an isolated"
                              " certified root")
        else:
            verdict.reason = (f"isolated roots may be missing: sample point{where} is an exact"
                              " equilibrium that is not among the certified roots")
        return
    points = [(lo + hi) / 2 for lo, hi in left[:SAMPLE_BOXES]]
    samples = [_profile_from_point(game, system, x) for x in points]
    if samples:
        verdict.sample = min(samples, key=lambda s: max_regret(game, s))
    where = f" near {describe(game, verdict.sample)}" if verdict.sample else ""
    regret = f" (regret {max_regret(game, verdict.sample):.1e})" if verdict.sample else ""
    left_text = (f"{len(left)} boxes of the equilibrium region could not be excluded"
                 if finished else "the interval search stopped at its box limit")
    if kind != ZERO_DIMENSIONAL:
        verdict.continuum = True
        verdict.reason = (f"equilibria on this support may form a continuum; sample point"
                          f"{where}{regret}; {left_text}")
    else:
        verdict.reason = f"isolated roots may be missing: {left_text}{where}{regret}"
