"""Sampling study of a game's conclusions: perturb every payoff, recount, repeat.

Two ways to perturb (both vectorised over samples with numpy):

* noise ``D``: add independent uniform noise in ``[-D, D]`` to every payoff;
* ordinal: draw fresh random payoffs that keep each player's ranking of the outcomes
  (ties stay ties): for each player, sorted uniform draws, one per distinct payoff
  level, assigned by rank.

For every sample, pure equilibria, strictly dominant strategies and the outcome of
iterated elimination of strictly dominated strategies (by *pure* strategies: an LP per
sample would be too slow) are decided on the perturbed floats with the project
tolerance (``TOL`` scaled by the payoffs' magnitude); perturbed payoffs are generic, so
a comparison within the tolerance has probability zero, and counts as a tie.

Determinism: samples are drawn in chunks whose size depends only on the game, each
chunk from its own ``SeedSequence(seed).spawn(...)`` child, and counts are summed in
chunk order, so the result depends on the seed and not on ``jobs``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import GameError
from ..model import Game, Profile
from ..tolerance import TOL

CHUNK_SAMPLES = 2000        # samples per chunk (fewer for big games)
CHUNK_ELEMENTS = 1 << 21    # payoff floats per chunk: 16 MB


@dataclass(frozen=True)
class ProfileFrequency:
    """How often ``profile`` was a pure equilibrium (or the elimination's solution).

    ``unique_count``: samples where it was the *only* pure equilibrium.
    ``original``: it is one in the unperturbed game.
    """

    profile: Profile
    count: int
    frequency: float
    original: bool
    unique_count: int | None = None


@dataclass(frozen=True)
class DominanceFrequency:
    player: int
    strategy: int
    count: int
    frequency: float
    original: bool
    kind: str = "strictly_dominant"


@dataclass(frozen=True)
class SamplingResult:
    samples: int
    noise: float | None   # None for ordinal sampling
    seed: int
    ordinal: bool
    chunk: int
    tolerance: float
    equilibria: tuple[ProfileFrequency, ...]
    no_pure_equilibrium: int
    dominance: tuple[DominanceFrequency, ...]
    elimination: tuple[ProfileFrequency, ...]
    not_solvable: int

    @property
    def no_pure_frequency(self) -> float:
        return self.no_pure_equilibrium / self.samples


@dataclass(frozen=True)
class _Spec:
    base: np.ndarray               # (n, s_1, ..., s_n) float payoffs
    noise: float
    ordinal: bool
    ranks: tuple[np.ndarray, ...]  # per player: rank of each outcome among its levels
    levels: tuple[int, ...]        # per player: number of distinct payoff levels
    tol: float


def chunk_size(game: Game) -> int:
    """Samples per chunk: a function of the game only (never of ``jobs``)."""
    per_sample = game.n_players * game.n_profiles
    return max(1, min(CHUNK_SAMPLES, CHUNK_ELEMENTS // max(1, per_sample)))


def sample_conclusions(game: Game, samples: int = 1000, noise: float = 0.5, seed: int = 0,
                       ordinal: bool = False, jobs: int = 1,
                       progress: Callable[[int], None] | None = None) -> SamplingResult:
    """Perturb the game ``samples`` times and count which conclusions survive.

    ``progress``, if given, is called with the number of samples just finished.
    """
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise GameError(f"--samples must be a positive whole number, not {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise GameError(f"--seed must be a non-negative whole number, not {seed!r}")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise GameError(f"--jobs must be at least 1, not {jobs!r}")
    noise = float(noise)
    if not ordinal and (not math.isfinite(noise) or noise < 0):
        raise GameError(f"--noise must be a non-negative number, not {noise!r}")
    spec = _make_spec(game, noise, ordinal)
    size = chunk_size(game)
    n_chunks = -(-samples // size)
    # lazily: 10**9 samples must not mean a list of 10**6 seed sequences up front;
    # spawning one child at a time gives the same children as spawn(n_chunks)
    root = np.random.SeedSequence(seed)
    sizes = (min(size, samples - start) for start in range(0, samples, size))
    seeds = (root.spawn(1)[0] for _ in range(n_chunks))
    total = None
    if jobs > 1 and n_chunks > 1:
        from .pool import parallel_chunks

        sizes = list(itertools.islice(sizes, n_chunks))
        for m, counts in parallel_chunks(spec, sizes, seeds, min(jobs, n_chunks),
                                         _init_worker, _worker_chunk):
            total = _add(total, counts)
            if progress is not None:
                progress(m)
    else:
        for m, ss in zip(sizes, seeds):
            total = _add(total, run_chunk(spec, m, ss))
            if progress is not None:
                progress(m)
    return _result(game, spec, total, samples, noise, seed, ordinal, size)


# ---------------------------------------------------------------------- drawing
def _make_spec(game: Game, noise: float, ordinal: bool) -> _Spec:
    base = np.ascontiguousarray(game.payoffs, dtype=float)
    ranks, levels = [], []
    for p in range(game.n_players):
        # exact levels: rank on the integer-scaled payoffs, so equal payoffs share a rank
        flat = game.scaled[p].ravel()
        uniq, inverse = np.unique(flat, return_inverse=True)
        ranks.append(inverse.reshape(game.shape).astype(np.intp))
        levels.append(len(uniq))
    if ordinal:
        tol = TOL
    else:
        tol = TOL * max(1.0, float(np.abs(base).max(initial=0.0)) + noise)
    return _Spec(base, noise, ordinal, tuple(ranks), tuple(levels), tol)


def draw(spec: _Spec, m: int, rng: np.random.Generator) -> np.ndarray:
    """``m`` perturbed payoff tensors, shape (m, n, s_1, ..., s_n)."""
    if not spec.ordinal:
        return spec.base[None] + rng.uniform(-spec.noise, spec.noise,
                                             size=(m,) + spec.base.shape)
    out = np.empty((m,) + spec.base.shape)
    for p, (rank, k) in enumerate(zip(spec.ranks, spec.levels)):
        values = np.sort(rng.random((m, k)), axis=1)
        out[:, p] = values[:, rank]
    return out


# ---------------------------------------------------------------------- counting
def run_chunk(spec: _Spec, m: int, seed: np.random.SeedSequence) -> dict:
    return count(draw(spec, m, np.random.default_rng(seed)), spec.tol)


_WORKER_SPEC: _Spec | None = None


def _init_worker(spec: _Spec) -> None:
    global _WORKER_SPEC
    _WORKER_SPEC = spec


def _worker_chunk(m: int, seed: np.random.SeedSequence) -> dict:
    assert _WORKER_SPEC is not None
    return run_chunk(_WORKER_SPEC, m, seed)


def _add(total: dict | None, counts: dict) -> dict:
    if total is None:
        return counts
    return {k: ([a + b for a, b in zip(total[k], counts[k])] if isinstance(total[k], list)
                else total[k] + counts[k]) for k in total}


def count(u: np.ndarray, tol: float) -> dict:
    """Counts over the samples ``u`` (shape (m, n, s_1, ..., s_n)).

    ``eq``/``eq_unique``: per profile (C order), samples where it is a pure equilibrium /
    the only one; ``none``: samples without one; ``dom``: per player and strategy, samples
    where it is strictly dominant; ``elim``: per profile, samples where iterated
    elimination leaves only it; ``unsolved``: samples where it leaves more.
    """
    m, n = u.shape[:2]
    shape = u.shape[2:]
    eq = np.ones((m,) + shape, dtype=bool)
    for p in range(n):
        up = u[:, p]
        eq &= up >= up.max(axis=1 + p, keepdims=True) - tol
    eq = eq.reshape(m, -1)
    per = eq.sum(axis=1)
    mats = [_own_first(u, p) for p in range(n)]
    dom = []
    for v in mats:
        k = v.shape[1]
        counts = np.zeros(k, dtype=np.int64)
        if k > 1:
            for s in range(k):
                rest = np.delete(v, s, axis=1)
                counts[s] = int(((v[:, s:s + 1] - rest) > tol).all(axis=(1, 2)).sum())
        dom.append(counts)
    solved = eliminate(mats, shape, tol)
    elim = np.bincount(solved[solved >= 0], minlength=int(np.prod(shape)))
    return {"eq": eq.sum(axis=0).astype(np.int64),
            "eq_unique": eq[per == 1].sum(axis=0).astype(np.int64),
            "none": int((per == 0).sum()), "dom": dom,
            "elim": elim.astype(np.int64), "unsolved": int((solved < 0).sum())}


def _own_first(u: np.ndarray, p: int) -> np.ndarray:
    """Player p's payoffs as (m, own strategies, opponents' profiles in C order)."""
    v = np.moveaxis(u[:, p], 1 + p, 1)
    return v.reshape(v.shape[0], v.shape[1], -1)


def eliminate(mats: list[np.ndarray], shape: tuple[int, ...], tol: float) -> np.ndarray:
    """Iterated elimination of strategies strictly dominated by pure strategies, for all
    samples at once (each round removes every dominated strategy of every player, as
    ``solvers.dominance.iterated_elimination`` does).  Returns, per sample, the flat index
    of the surviving profile, or -1 when more than one profile survives."""
    m = mats[0].shape[0]
    n = len(shape)
    alive = [np.ones((m, k), dtype=bool) for k in shape]
    while True:
        new = [a.copy() for a in alive]
        for p in range(n):
            k = shape[p]
            if k == 1:
                continue
            opp = np.ones((m, 1), dtype=bool)
            for q in range(n):
                if q != p:
                    opp = (opp[:, :, None] & alive[q][:, None, :]).reshape(m, -1)
            v = mats[p]
            for s in range(k):
                for t in range(k):
                    if s == t:
                        continue
                    beats = np.where(opp, (v[:, t] - v[:, s]) > tol, True).all(axis=1)
                    new[p][:, s] &= ~(beats & alive[p][:, t] & alive[p][:, s])
        if all((a == b).all() for a, b in zip(alive, new)):
            break
        alive = new
    one = np.ones(m, dtype=bool)
    for a in alive:
        one &= a.sum(axis=1) == 1
    index = np.zeros(m, dtype=np.int64)
    for p, a in enumerate(alive):
        index = index * shape[p] + a.argmax(axis=1)
    return np.where(one, index, -1)


# ---------------------------------------------------------------------- the result
def _result(game: Game, spec: _Spec, total: dict, samples: int, noise: float, seed: int,
            ordinal: bool, chunk: int) -> SamplingResult:
    from ..solvers.dominance import iterated_elimination, player_dominance
    from ..solvers.pure import pure_equilibrium_profiles

    def profile(flat: int) -> Profile:
        return tuple(int(i) for i in np.unravel_index(flat, game.shape))

    def flat(prof: Profile) -> int:
        return int(np.ravel_multi_index(prof, game.shape))

    original_eq = pure_equilibrium_profiles(game)
    eq_rows = [ProfileFrequency(q, int(total["eq"][flat(q)]), float(total["eq"][flat(q)] / samples),
                                True, int(total["eq_unique"][flat(q)])) for q in original_eq]
    others = [i for i in np.argsort(-total["eq"], kind="stable")
              if total["eq"][i] > 0 and profile(int(i)) not in original_eq]
    eq_rows += [ProfileFrequency(profile(int(i)), int(total["eq"][i]),
                                 float(total["eq"][i] / samples), False, int(total["eq_unique"][i]))
                for i in others]
    dom_rows, extra = [], []
    for p in range(game.n_players):
        orig = player_dominance(game, p, mixed=False).strictly_dominant
        for s, c in enumerate(total["dom"][p]):
            row = DominanceFrequency(p, s, int(c), float(c / samples), s == orig)
            if s == orig:
                dom_rows.append(row)
            elif c > 0:
                extra.append(row)
    dom_rows += sorted(extra, key=lambda r: (-r.count, r.player, r.strategy))
    el = iterated_elimination(game, mixed=False)
    solution = None
    if el.solved:
        solution = tuple(game.players[p].index(ids[0]) for p, ids in enumerate(el.surviving))
    elim_rows = []
    if solution is not None:
        c = int(total["elim"][flat(solution)])
        elim_rows.append(ProfileFrequency(solution, c, float(c / samples), True))
    for i in np.argsort(-total["elim"], kind="stable"):
        if total["elim"][i] > 0 and profile(int(i)) != solution:
            elim_rows.append(ProfileFrequency(profile(int(i)), int(total["elim"][i]),
                                              float(total["elim"][i] / samples), False))
    return SamplingResult(samples, None if ordinal else noise, seed, ordinal, chunk, spec.tol,
                          tuple(eq_rows), total["none"], tuple(dom_rows), tuple(elim_rows),
                          total["unsolved"])
