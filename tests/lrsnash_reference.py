"""Independent references for two-player enumeration, shared by the test modules.

* :func:`lrsnash_equilibria`: the extreme equilibria by lrsnash (lrslib, exact GMP
  arithmetic), from integer or Fraction payoffs.  lrsnash reads each integer of its input
  file as a C ``long``: a numerator or denominator of 2**63 or more is silently clamped to
  2**63 - 1 (a 2 x 2 game with a payoff of 10**20 comes back with wrong equilibria), so
  such payoffs are refused here rather than answered wrongly.
* :func:`enummixed_pairs`: pygambit's rational ``enummixed``, as pairs of Fractions.
* :func:`reference_components`: the maximal complete bipartite subsets of a set of extreme
  equilibria, by brute force over subsets (:func:`maximal_bicliques`: the same by closing
  neighbourhoods under intersection, for larger sets).
* :func:`degenerate_by_lrs` / :func:`degenerate_by_brute_force`: is the game degenerate
  (some mixed strategy has more pure best responses than its support size)?  Decided
  on the vertices of the best-response polytopes, listed by lrs (lrslib's vertex
  enumeration, each vertex once) or by solving every square subsystem exactly, each
  vertex's tight constraints counted here in Fractions.  Neither uses gamesolve.
"""

from __future__ import annotations

import itertools
import math
import shutil
import subprocess
import tempfile
from fractions import Fraction as F
from pathlib import Path

import pytest

LRSNASH = shutil.which("lrsnash")
LRS = shutil.which("lrs")
needs_lrsnash = pytest.mark.skipif(LRSNASH is None, reason="lrsnash (lrslib) not installed")
needs_lrs = pytest.mark.skipif(LRS is None or LRSNASH is None,
                               reason="lrs / lrsnash (lrslib) not installed")
LRS_LIMIT = 2**63 - 1          # the largest integer lrslib reads (a C long)


def enummixed_pairs(a, b) -> set:
    """pygambit's rational ``enummixed`` on payoffs ``a``, ``b`` as given (ints, or exact
    objects such as Fractions): its equilibria as pairs of Fraction tuples."""
    import pygambit as gbt

    g = gbt.Game.from_arrays(a, b)
    p1, p2 = g.players
    return {(tuple(F(str(eq[s])) for s in p1.strategies),
             tuple(F(str(eq[s])) for s in p2.strategies))
            for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria}


def lrs_number(value) -> str:
    """An int or Fraction as lrslib reads it (``p`` or ``p/q``); refuses what it clamps."""
    v = F(value)
    if abs(v.numerator) > LRS_LIMIT or v.denominator > LRS_LIMIT:
        raise ValueError(f"{v} has a numerator or denominator past 2**63 - 1, which lrslib"
                         " reads wrongly")
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def lrsnash_equilibria(a, b, timeout: float = 60) -> set:
    """Extreme equilibria by lrsnash (exact GMP arithmetic).  Its output groups lines
    ``1 x... v`` and ``2 y... u``; every x of a group pairs with every y of it."""
    m, n = len(a), len(a[0])
    rows = lambda mat: "\n".join(" ".join(lrs_number(v) for v in row) for row in mat)  # noqa: E731
    text = f"{m} {n}\n\n{rows(a)}\n\n{rows(b)}\n"
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "game.txt"
        path.write_text(text)
        out = subprocess.run([LRSNASH, str(path)], capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    found: set = set()
    xs: list = []
    ys: list = []
    for raw in [*out.splitlines(), ""]:
        parts = raw.split()
        if not parts or parts[0] not in ("1", "2") or raw.startswith("*"):
            found.update((x, y) for x, y in itertools.product(xs, ys))
            xs, ys = [], []
            continue
        (xs if parts[0] == "1" else ys).append(tuple(F(p) for p in parts[1:-1]))
    return found


def reference_components(pairs: set) -> set | None:
    """Maximal complete bipartite subsets of the extreme equilibria, by brute force over
    subsets of the smaller side's extreme strategies: each as a frozenset of (x, y)
    pairs.  None when both sides have more than 16 strategies (too many subsets)."""
    flip = len({y for _, y in pairs}) < len({x for x, _ in pairs})
    edges = {(y, x) for x, y in pairs} if flip else set(pairs)
    us = sorted({u for u, _ in edges})
    vs = sorted({v for _, v in edges})
    if len(us) > 16:
        return None
    found = set()
    for size in range(1, len(us) + 1):
        for chosen in itertools.combinations(us, size):
            common = [v for v in vs if all((u, v) in edges for u in chosen)]
            if not common:
                continue
            closed = [u for u in us if all((u, v) in edges for v in common)]
            found.add(frozenset((v, u) if flip else (u, v) for u in closed for v in common))
    return found


def maximal_bicliques(pairs: set) -> set:
    """The same sets as :func:`reference_components`, for any size: the maximal complete
    bipartite subsets are ``N(S) x S`` for the sets ``S`` of y's that are intersections of
    neighbourhoods ``N(x)`` (closed under intersection, a fixpoint), ``N(S)`` the x's
    joined to all of ``S``."""
    ys_of: dict = {}
    for x, y in pairs:
        ys_of.setdefault(x, set()).add(y)
    family = {frozenset(v) for v in ys_of.values()}
    fresh = set(family)
    while fresh:
        new = {s & t for s in fresh for t in family} - family - {frozenset()}
        family |= new
        fresh = new
    return {frozenset((x, y) for x, ys in ys_of.items() if common <= ys for y in common)
            for common in family}


# ---------------------------------------------------------------- degeneracy
def polytope_matrices(a, b) -> tuple[list[list[F]], list[list[F]]]:
    """``B^T`` and ``A`` shifted to be positive (Fractions): P = {x >= 0 : B^T x <= 1},
    Q = {y >= 0 : A y <= 1}.  Adding a constant to a player's payoffs changes no best
    response, so degeneracy is that of the game."""
    def shifted(mat):
        low = min(F(v) for row in mat for v in row)
        return [[F(v) - low + 1 for v in row] for row in mat]
    return [list(col) for col in zip(*shifted(b))], shifted(a)


def lrs_vertices(mat: list[list[F]], timeout: float = 120) -> list[tuple[F, ...]]:
    """The vertices of ``{z >= 0 : M z <= 1}`` (``M`` positive, so a polytope), by lrs."""
    r, d = len(mat), len(mat[0])
    lines = [" ".join(["0"] + ["1" if k == i else "0" for k in range(d)]) for i in range(d)]
    lines += [" ".join(["1"] + [lrs_number(-v) for v in row]) for row in mat]
    text = f"H-representation\nbegin\n{d + r} {d + 1} rational\n" + "\n".join(lines) + "\nend\n"
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "poly.ine"
        path.write_text(text)
        out = subprocess.run([LRS, str(path)], capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    # lrs's hybrid arithmetic restarts in 128 bits or GMP on a possible overflow, after
    # printing part of a listing: the last listing is the whole one
    body = out.rsplit("begin", 1)[1].split("end", 1)[0].splitlines()
    vertices = []
    for line in body:
        parts = line.split()
        if not parts or parts[0].startswith("*"):
            continue
        assert parts[0] == "1", f"lrs printed a ray of a bounded polytope: {line!r}"
        vertices.append(tuple(F(p) for p in parts[1:]))
    return vertices


def tight_counts(mat: list[list[F]], points) -> list[int]:
    """How many of the constraints ``z >= 0``, ``M z <= 1`` hold with equality at each
    point ``z`` (in integers: ``M`` and ``z`` over their common denominators)."""
    m_den = math.lcm(*(v.denominator for row in mat for v in row))
    ms = [[int(v * m_den) for v in row] for row in mat]
    counts = []
    for z in points:
        z_den = math.lcm(*(v.denominator for v in z))
        zs = [int(v * z_den) for v in z]
        support = [k for k, v in enumerate(zs) if v]
        counts.append(len(zs) - len(support) + sum(
            1 for row in ms if sum(row[k] * zs[k] for k in support) == m_den * z_den))
    return counts


def degenerate_by_lrs(a, b) -> bool:
    """Some vertex of P has more than m tight constraints, or one of Q more than n: a mixed
    strategy with more pure best responses than its support size (a point of P with more
    than m labels lies in a face whose vertices keep all of them)."""
    p_mat, q_mat = polytope_matrices(a, b)
    return any(max(tight_counts(mat, lrs_vertices(mat))) > len(mat[0])
               for mat in (p_mat, q_mat))


def _solve(rows: list[list[F]], rhs: list[F]) -> tuple[F, ...] | None:
    """The unique solution of a square system by exact Gauss-Jordan, or None if singular."""
    k = len(rows)
    aug = [list(r) + [v] for r, v in zip(rows, rhs)]
    for col in range(k):
        pivot = next((i for i in range(col, k) if aug[i][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for i in range(k):
            if i != col and aug[i][col] != 0:
                f = aug[i][col] / aug[col][col]
                aug[i] = [u - f * w for u, w in zip(aug[i], aug[col])]
    return tuple(aug[i][k] / aug[i][i] for i in range(k))


def brute_force_vertices(mat: list[list[F]]) -> set[tuple[F, ...]]:
    """Every vertex of ``{z >= 0 : M z <= 1}``: the feasible unique solutions of each choice
    of ``d`` of its constraints taken as equalities (small polytopes only)."""
    d = len(mat[0])
    constraints = [([F(int(k == i)) for k in range(d)], F(0)) for i in range(d)]
    constraints += [(list(row), F(1)) for row in mat]
    found = set()
    for chosen in itertools.combinations(constraints, d):
        z = _solve([c for c, _ in chosen], [v for _, v in chosen])
        if z is not None and min(z) >= 0 and all(
                sum(c * v for c, v in zip(row, z)) <= 1 for row in mat):
            found.add(z)
    return found


def degenerate_by_brute_force(a, b) -> bool:
    p_mat, q_mat = polytope_matrices(a, b)
    return any(max(tight_counts(mat, brute_force_vertices(mat))) > len(mat[0])
               for mat in (p_mat, q_mat))
