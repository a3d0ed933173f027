"""Seeded game families and the differential check of gamesolve's two-player enumeration
against lrsnash (and pygambit), for ``tests/test_differential_lrsnash.py`` and
``tools/differential_sweep.py``.

:func:`make_game` builds one game of a family (payoffs as Python ints or Fractions) from a
seed; the families stress different paths of :mod:`gamesolve.solvers.bimatrix`: ties
everywhere (reverse search, degenerate vertices, the worker process), many distinct values
(the float graph walk, partner solving, the orientation choice from 14 x 14), huge
magnitudes around the float-exactness threshold 2**53 (``graph.float_exact``), fractions,
constant or duplicated strategies (dominated rows, singular partner systems), zero-sum and
coordination games, a common scale factor, negative payoffs only, and one copied payoff
that hides a degenerate vertex in an otherwise generic game.

:func:`check` runs one layout (``vertex_method``, ``polytopes``, ``workers``) on a game
and returns every way its answer departs from the reference -- lrsnash's exact extreme
equilibria, a degeneracy decided from lrs's vertex lists, the maximal bicliques of the
reference set -- as a list of messages (empty: it agrees).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from fractions import Fraction as F

import numpy as np
from lrsnash_reference import (
    degenerate_by_brute_force,
    degenerate_by_lrs,
    enummixed_pairs,
    lrs_vertices,
    lrsnash_equilibria,
    maximal_bicliques,
    polytope_matrices,
)

from gamesolve.model import Game

FAMILIES = ("few", "many", "huge", "near_2_53", "fractions", "constant", "duplicated",
            "zero_sum", "coordination", "scaled", "negative", "hidden_tie", "sparse",
            "one_huge", "near_parallel", "mixed_fractions", "big_lcm", "beyond_int64",
            "hidden_vertex_tie", "near_int64")

# layouts: (vertex_method, polytopes, workers); "one" runs in one process whatever workers is
LAYOUTS = tuple((vm, pol, w) for vm in ("auto", "graph", "reverse")
                for pol, w in (("auto", 1), ("auto", 2), ("both", 1), ("both", 2), ("one", 1)))
DEFAULT = ("default", "default", None)   # enumerate_equilibria(game) with no options
STREAMED = "streamed (differential test)"   # details key: what on_equilibrium heard

TWO_53 = 2**53


def make_game(family: str, m: int, n: int, seed: int) -> tuple[list[list], list[list]]:
    """Payoff matrices ``(A, B)`` (ints or Fractions) of one game of ``family``."""
    rng = np.random.default_rng(seed)
    ints = lambda low, high: rng.integers(low, high + 1, (m, n)).tolist()  # noqa: E731
    if family == "few":
        return ints(0, 3), ints(0, 3)
    if family == "many":
        return ints(-500, 500), ints(-500, 500)
    if family == "huge":
        return _huge(rng, m, n), _huge(rng, m, n)
    if family == "near_2_53":
        return _near_2_53(rng, m, n), _near_2_53(rng, m, n)
    if family == "fractions":
        den = int(rng.choice([3, 7, 1000003]))
        den_b = int(rng.choice([1, 3, 7, 1000003]))
        return ([[F(v, den) for v in row] for row in ints(-60, 60)],
                [[F(v, den_b) for v in row] for row in ints(-60, 60)])
    if family == "constant":
        a, b = ints(-500, 500), ints(-500, 500)
        for _ in range(1 + int(rng.integers(0, max(1, min(m, n) // 2)))):
            if rng.random() < 0.5:      # player 1 indifferent in a column / row of A constant
                i = int(rng.integers(m))
                a[i] = [a[i][0]] * n
            else:                       # a column of B constant
                j = int(rng.integers(n))
                for i in range(m):
                    b[i][j] = b[0][j]
        return a, b
    if family == "duplicated":
        a, b = ints(-500, 500), ints(-500, 500)
        if m > 1 and rng.random() < 0.6:
            src, dst = rng.choice(m, 2, replace=False).tolist()
            a[dst] = list(a[src])
            if rng.random() < 0.7:
                b[dst] = list(b[src])
        if n > 1 and rng.random() < 0.6:
            src, dst = rng.choice(n, 2, replace=False).tolist()
            for i in range(m):
                b[i][dst] = b[i][src]
                if rng.random() < 0.7:
                    a[i][dst] = a[i][src]
        return a, b
    if family == "zero_sum":
        a = ints(-500, 500) if rng.random() < 0.6 else ints(-3, 3)
        return a, [[-v for v in row] for row in a]
    if family == "coordination":
        a = ints(0, 3) if rng.random() < 0.4 else ints(-500, 500)
        for k in range(min(m, n)):
            a[k][k] += 1000
        return a, [list(row) for row in a]
    if family == "scaled":
        a, b = ints(-500, 500), ints(-500, 500)
        fa, fb = (int(rng.choice([7, 1000, 10**6, 10**9])) for _ in range(2))
        return [[v * fa for v in row] for row in a], [[v * fb for v in row] for row in b]
    if family == "negative":
        return ints(-1000, -1), ints(-1000, -1)
    if family == "hidden_tie":
        return _hidden_tie(rng, m, n)
    if family == "sparse":
        mask = lambda: rng.random((m, n)) < 0.3  # noqa: E731
        return ((np.array(ints(1, 100)) * mask()).tolist(),
                (np.array(ints(1, 100)) * mask()).tolist())
    if family == "one_huge":        # one entry far from the rest: ill-conditioned floats
        a, b = ints(-500, 500), ints(-500, 500)
        mat = a if rng.random() < 0.5 else b
        mat[int(rng.integers(m))][int(rng.integers(n))] = int(rng.choice([-1, 1])) * int(
            rng.choice([10**6, 10**12, 2**52, 2**53 - 2]))
        return a, b
    if family == "near_parallel":   # rows of A (columns of B) almost proportional
        base_a, base_b = rng.integers(1, 1000, n), rng.integers(1, 1000, m)
        scale = 10 ** int(rng.integers(3, 9))
        a = [[int(v) * scale + int(rng.integers(-2, 3)) for v in base_a] for _ in range(m)]
        b = [[int(base_b[i]) * scale + int(rng.integers(-2, 3)) for _ in range(n)]
             for i in range(m)]
        return a, b
    if family == "mixed_fractions":     # several denominators within one player's payoffs
        dens = [1, 3, 7, 1000003]
        pick = lambda: [[F(int(rng.integers(-60, 61)), int(rng.choice(dens)))  # noqa: E731
                         for _ in range(n)] for _ in range(m)]
        return pick(), pick()
    if family == "big_lcm":     # large prime denominators: scaled integers past 2**63
        dens = [1000003, 1000033, 1000037, 1000039, 999983, 999979]
        pick = lambda: [[F(int(rng.integers(-10**6, 10**6)), int(rng.choice(dens)))  # noqa: E731
                         for _ in range(n)] for _ in range(m)]
        return pick(), pick()
    if family == "beyond_int64":    # small payoffs times 10**20 plus a constant (lrsnash gets
        fa, fb = 10**20, 7 * 10**19 + 1   # them back by lrs_input's affine normalisation)
        a, b = ints(-500, 500), ints(-3, 3) if rng.random() < 0.5 else ints(-500, 500)
        return ([[v * fa + 10**25 for v in row] for row in a],
                [[v * fb - 3 for v in row] for row in b])
    if family == "near_int64":      # shifted entries just below 2**62 (int64 paths)
        top = 2**61 - int(rng.integers(0, 3))
        pick = lambda: [[int(v) for v in row]  # noqa: E731
                        for row in rng.integers(-top, top, (m, n), dtype=np.int64)]
        return pick(), pick()
    if family == "hidden_vertex_tie":
        return _hidden_vertex_tie(rng, m, n)
    raise ValueError(f"unknown family {family!r}")


def _huge(rng, m: int, n: int) -> list[list[int]]:
    """Integers of magnitude 10**9 to 10**15, either sign (exact in a double below 2**53,
    but their products and sums are not)."""
    exps = rng.uniform(9, 15, (m, n))
    signs = rng.choice([-1, 1], (m, n))
    return [[int(s) * int(10 ** e) for s, e in zip(srow, erow)] for srow, erow in zip(signs, exps)]


def _near_2_53(rng, m: int, n: int) -> list[list[int]]:
    """A range of about 2**53: once shifted positive (``v - min + 1``) the largest entry is
    2**53 - 2 .. 2**53 + 1, on either side of ``graph.float_exact``."""
    top = TWO_53 + int(rng.integers(-3, 1))
    mat = [[int(v) for v in row] for row in rng.integers(0, top, (m, n), dtype=np.int64)]
    i, j = int(rng.integers(m)), int(rng.integers(n))
    mat[i][j] = 0
    k, ll = int(rng.integers(m)), int(rng.integers(n))
    if (k, ll) != (i, j):
        mat[k][ll] = top
    return mat


def _hidden_tie(rng, m: int, n: int) -> tuple[list[list[int]], list[list[int]]]:
    """A generic game with one payoff copied so that a pure strategy gets two pure best
    responses (a degenerate vertex), or, half the time, one payoff copied at random."""
    a = rng.integers(-500, 501, (m, n)).tolist()
    b = rng.integers(-500, 501, (m, n)).tolist()
    if rng.random() < 0.5:
        if m > 1 and rng.random() < 0.5:           # column j: a second best row for player 1
            j = int(rng.integers(n))
            col = [a[i][j] for i in range(m)]
            best = col.index(max(col))
            other = int(rng.choice([i for i in range(m) if i != best]))
            a[other][j] = a[best][j]
        elif n > 1:                                 # row i: a second best column for player 2
            i = int(rng.integers(m))
            best = b[i].index(max(b[i]))
            other = int(rng.choice([j for j in range(n) if j != best]))
            b[i][other] = b[i][best]
    else:
        mat = a if rng.random() < 0.5 else b
        i, j, k, ll = (int(rng.integers(s)) for s in (m, n, m, n))
        mat[i][j] = mat[k][ll]
    return a, b


def _hidden_vertex_tie(rng, m: int, n: int) -> tuple[list[list], list[list]]:
    """A generic game (payoffs -50..50) in which one payoff is changed (to a Fraction) so
    that a mixed strategy of a vertex of Q (or of P), chosen at random among those with the
    largest support, gets one more pure best response: a degenerate vertex deep inside an
    otherwise simple polytope, found by nothing but the walk itself."""
    a = [[F(int(v)) for v in row] for row in rng.integers(-50, 51, (m, n))]
    b = [[F(int(v)) for v in row] for row in rng.integers(-50, 51, (m, n))]
    on_q = (rng.random() < 0.5 and m > 1) or n == 1
    mat = a if on_q else [list(col) for col in zip(*b)]        # rows: the responder's
    rows, cols = len(mat), len(mat[0])
    if rows < 2:
        return a, b
    shifted = polytope_matrices(a, b)[1 if on_q else 0]     # Q's (A) or P's (B^T)
    candidates = []           # (mixed strategy, its payoffs, their best) with a worse row
    for z in lrs_vertices(shifted):
        if any(z):
            y = [v / sum(z) for v in z]
            payoff = [sum(row[j] * y[j] for j in range(cols)) for row in mat]
            if min(payoff) < max(payoff):
                candidates.append((y, payoff, max(payoff)))
    if not candidates:
        return a, b
    widest = max(sum(1 for v in y if v) for y, _, _ in candidates)
    candidates = [c for c in candidates if sum(1 for v in c[0] if v) == widest]
    y, payoff, best = candidates[int(rng.integers(len(candidates)))]
    others = [i for i in range(rows) if payoff[i] < best]
    i = others[int(rng.integers(len(others)))]
    support = [j for j in range(cols) if y[j]]
    j = support[int(rng.integers(len(support)))]
    mat[i][j] += (best - payoff[i]) / y[j]
    if on_q:
        return mat, b
    return a, [list(col) for col in zip(*mat)]


# ---------------------------------------------------------------- games and references
def to_game(a, b) -> Game:
    """The gamesolve Game of the payoffs (object arrays keep ints and Fractions exact)."""
    arr = np.empty((2, len(a), len(a[0])), dtype=object)
    arr[0], arr[1] = np.array(a, dtype=object), np.array(b, dtype=object)
    return Game.from_payoffs(arr)


def transpose(a, b):
    """The game with the players swapped: player 1 plays the columns, with payoffs B^T."""
    return [list(col) for col in zip(*b)], [list(col) for col in zip(*a)]


def swap(pairs: set) -> set:
    return {(y, x) for x, y in pairs}


def is_equilibrium(a, b, x, y) -> bool:
    """Exact Nash test in Fractions: every row in x's support is a best response to y, and
    every column in y's support a best response to x."""
    if min(x) < 0 or min(y) < 0 or sum(x) != 1 or sum(y) != 1:
        return False
    rows = [sum(F(v) * q for v, q in zip(row, y)) for row in a]
    cols = [sum(F(b[i][j]) * x[i] for i in range(len(x))) for j in range(len(y))]
    return all(rows[i] == max(rows) for i, p in enumerate(x) if p) and \
        all(cols[j] == max(cols) for j, q in enumerate(y) if q)


def pygambit_equilibria(a, b) -> set:
    """pygambit's rational ``enummixed``, given the payoffs as Fractions (pygambit 16.7's
    integer payoffs lose every equilibrium once products of payoffs pass 64 bits: on
    ``[[2**31 - 1, 0], [0, 1]], [[1, 0], [0, 2**31 - 1]]`` it returns none; see
    ``test_differential_lrsnash.py``)."""
    exact = lambda mat: np.array([[F(v) for v in row] for row in lrs_input(mat)],  # noqa: E731
                                 dtype=object)
    return enummixed_pairs(exact(a), exact(b))


@dataclass
class Reference:
    """What an independent computation says about one game (fields filled lazily)."""
    a: list
    b: list
    pairs: set
    _degenerate: bool | None = None
    _cliques: object = field(default="unset")

    @property
    def degenerate(self) -> bool:
        if self._degenerate is None:
            small = len(self.a) + len(self.a[0]) <= 8
            self._degenerate = (degenerate_by_brute_force if small else degenerate_by_lrs)(
                lrs_input(self.a), lrs_input(self.b))
        return self._degenerate

    @property
    def cliques(self):
        if self._cliques == "unset":
            self._cliques = maximal_bicliques(self.pairs)
        return self._cliques


def lrs_input(mat: list[list]) -> list[list]:
    """The payoffs ``(v - min) / g`` (``g`` the gcd of the differences): a positive affine
    map of a player's payoffs changes no best response, and it brings payoffs past lrslib's
    2**63 (``beyond_int64``) back within its reach; other payoffs are given as they are."""
    low = min(F(v) for row in mat for v in row)
    if all(abs(F(v).numerator) < 2**62 and F(v).denominator < 2**62 for row in mat for v in row):
        return mat
    diffs = [F(v) - low for row in mat for v in row]
    g = math.gcd(*(d.numerator for d in diffs)) or 1
    den = math.lcm(*(d.denominator for d in diffs))
    return [[(F(v) - low) * den / g for v in row] for row in mat]


def reference(a, b, timeout: float = 120) -> Reference:
    """lrsnash's extreme equilibria of the game; the degeneracy and the bicliques on demand."""
    return Reference(a, b, lrsnash_equilibria(lrs_input(a), lrs_input(b), timeout=timeout))


# ---------------------------------------------------------------- one comparison
def _forcings() -> dict[str, list[tuple[object, str, object]]]:
    """Module constants set so that small games (where lrsnash is instant) take the paths
    that large ones take, or the fallbacks that are otherwise rare: each a list of
    ``(module, name, value)``."""
    from gamesolve.solvers.bimatrix import (
        complement,
        graph,
        matching,
        revsearch,
        solve,
        tableau_walk,
        vertices,
    )
    auto_small = [(vertices, "_GRAPH_FROM", 0), (vertices, "_FEW_VALUES", 0),
                  (solve, "SOLVE_PARTNERS_FROM", 0)]
    return {
        # "auto" walks every float-exact polytope as a graph and solves P's partners
        "auto_small": auto_small,
        # ... and lists P of the transposed game whenever both are walked (orientation.py)
        # (square games by the first levels' guess, rectangular ones by shape: both forced)
        "flip": auto_small + [(solve, "CHOOSE_FROM", 0),
                              (solve, "p_looks_smaller", lambda *args, **kwargs: True),
                              (solve, "by_shape", lambda *args, **kwargs: True)],
        # the graph walk that re-solves each basis, not the carried inverses (13 x 13 up)
        "resolve_walk": auto_small + [(graph, "_TABLEAU_UP_TO", 0)],
        # the carried-inverse walk gives up at once (its level is "too big")
        "tableau_full": auto_small + [(tableau_walk, "_LEVEL_BYTES", 0)],
        # every batch, chunk and block of one element: the seams between them
        "tiny_batches": auto_small + [
            (graph, "_CHUNK_ENTRIES", 1), (graph, "_COMPACT_AT", 1),
            (tableau_walk, "_CHUNK_ENTRIES", 1), (complement, "_CHUNK", 1),
            (revsearch, "BATCH", 2), (revsearch, "_PASS_CELLS", 1), (vertices, "_BLOCK", 1)],
        # degenerate vertices: the walk, the subset matching and the face solves give up
        "degenerate_caps": auto_small + [
            (graph, "_DEGENERATE_BASES", 0), (matching, "_SUBSETS_MAX", 0),
            (matching, "_CONTAINMENT_CELLS", 1), (complement, "_FACE_SOLVES", 0)],
        # a worker process for Q whenever Q is not walked (default workers=None)
        "worker_small": [(solve, "_PARALLEL_FROM", 0)],
    }


FORCINGS = ("auto_small", "flip", "resolve_walk", "tableau_full", "tiny_batches",
            "degenerate_caps", "worker_small")


def run(game: Game, layout, forcing: str | None = None):
    """gamesolve's answer under one layout (:data:`LAYOUTS` or :data:`DEFAULT`), with the
    module constants of ``forcing`` (one of :data:`FORCINGS`) set for the call.  Under a
    layout other than the default, what ``on_equilibrium`` heard is kept in
    ``details[STREAMED]`` for :func:`check`: each extreme equilibrium once."""
    from gamesolve.solvers.bimatrix import enumerate_equilibria

    vm, pol, workers = layout
    saved = []
    try:
        for module, name, value in _forcings()[forcing] if forcing else ():
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, value)
        with warnings.catch_warnings():         # huge ranges underflow harmlessly in the walk
            warnings.simplefilter("ignore", RuntimeWarning)
            if layout == DEFAULT:
                return enumerate_equilibria(game)
            streamed: list = []         # the equilibria as they are found, checked too
            result = enumerate_equilibria(game, vertex_method=vm, polytopes=pol,
                                          workers=workers, on_equilibrium=streamed.append)
            result.details[STREAMED] = streamed
            return result
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)


def path_of(result) -> str:
    """The path the answer took, for the sweep's log: Q's method / P's method."""
    stats = result.details["stats"]
    return f"Q:{(stats['Q'] or {}).get('method')}/P:{(stats['P'] or {}).get('method')}"


def check(result, ref: Reference) -> list[str]:
    """Every departure of ``result`` from the reference (empty list: it agrees)."""
    problems = []
    found = {eq.exact for eq in result.equilibria}
    if not result.complete:
        problems.append("complete is not True without a deadline")
    if result.rejected:
        problems.append(f"{result.rejected} candidates rejected")
    if len(found) != len(result.equilibria):
        problems.append("duplicate equilibria")
    if found != ref.pairs:
        missing, extra = ref.pairs - found, found - ref.pairs
        problems.append(f"equilibria differ: {len(missing)} missing {sorted(missing)[:3]},"
                        f" {len(extra)} extra {sorted(extra)[:3]}")
    streamed = result.details.get(STREAMED)
    if streamed is not None and sorted(eq.exact for eq in streamed) != sorted(ref.pairs):
        problems.append(f"on_equilibrium heard {len(streamed)} equilibria"
                        f" ({len({eq.exact for eq in streamed})} distinct),"
                        f" not the {len(ref.pairs)} of the game")
    for x, y in found - ref.pairs:
        if not is_equilibrium(ref.a, ref.b, x, y):
            problems.append(f"reported profile is no equilibrium: {(x, y)}")
    if result.degenerate is not None and result.degenerate != ref.degenerate:
        problems.append(f"degenerate={result.degenerate}, but the game is"
                        f" {'' if ref.degenerate else 'not '}degenerate")
    problems += _component_problems(result, ref)
    return problems


def _component_problems(result, ref: Reference) -> list[str]:
    problems = []
    exact = [eq.exact for eq in result.equilibria]
    covered = set()
    listed = set()
    for c in result.components:
        covered.update(c)
        xs = {exact[e][0] for e in c}
        ys = {exact[e][1] for e in c}
        outside = [(x, y) for x in xs for y in ys if (x, y) not in ref.pairs]
        if outside:
            problems.append(f"component {c} holds non-equilibrium corners {outside[:2]}")
        listed.add(frozenset(exact[e] for e in c))
    if covered != set(range(len(exact))):
        problems.append("some equilibrium lies in no component")
    for e, eq in enumerate(result.equilibria):
        first = next((k for k, c in enumerate(result.components) if e in c), None)
        if eq.component != first:
            problems.append(f"equilibrium {e} names component {eq.component}, first is {first}")
    if not problems and ref.cliques is not None and listed != ref.cliques:
        problems.append(f"components are not the maximal bicliques: {len(listed)} listed,"
                        f" {len(ref.cliques)} expected")
    return problems


def check_transposed(a, b, ref: Reference, layout=DEFAULT, forcing=None) -> list[str]:
    """The transposed game's answer must be the swapped reference."""
    ta, tb = transpose(a, b)
    swapped = Reference(ta, tb, swap(ref.pairs), ref._degenerate)
    return check(run(to_game(ta, tb), layout, forcing), swapped)
