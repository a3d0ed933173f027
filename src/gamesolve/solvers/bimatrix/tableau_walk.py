"""The graph walk of a simple polytope by carried basis inverses, each basis certified.

For ``P = {z >= 0 : M z <= 1}`` (``M > 0``) with slacks ``s = 1 - M z``, a basis is a set
of ``r`` basic variables among the ``d + r``, with matrix ``B`` (those columns of
``[M | I]``); its tableau is ``T = B^-1 N`` over the non-basic columns ``N`` and its
basic values are ``beta = B^-1 1``.  A breadth-first search pivots from the origin
(``B = I``) along every edge.  Unlike :mod:`.graph`, which solves every basis afresh
(one LAPACK call per basis, about 4 microseconds each at 10 x 10, most of the time on
small polytopes), each child's inverse ``X ~ B^-1`` is its parent's after one pivot (a
rank-one update) and ``T = X N`` is one batched product, so a whole level is a handful of
numpy operations.

Rounding accumulates along the pivots, so the walk proves nothing by itself; every basis
is certified *a posteriori* from its own exact matrix ``B`` (integer entries, exact in
floating point) and the carried ``X``, by the standard residual argument (Rump,
"Verification methods: Rigorous results using floating-point arithmetic", Acta Numerica
19, 2010, section 10.1):

* ``delta = || I - X B ||_inf < 1`` proves ``B`` nonsingular with
  ``|| B^-1 ||_inf <= || X ||_inf / (1 - delta)``;
* the basic values are not carried but computed, ``beta~ = X 1``, and as ``B^-1 - X =
  (I - X B) B^-1``, the exact ``beta = B^-1 1`` is within ``|| X ||_inf (delta / (1 -
  delta) + gamma)`` of ``beta~`` (``gamma`` for the rounding of ``X 1``) -- no further
  product;
* a basis that bound leaves undecided (it is some 15 times looser) gets the sharper
  ``|| B^-1 ||_inf || 1 - B beta~ ||_inf`` (plus its rounding) -- about one basis in
  20,000 on random 8 x 8 to 12 x 12 games.

The rounding of each floating-point product is at most ``gamma_k = k u / (1 - k u)``
times the product of absolute values (Higham, *Accuracy and Stability of Numerical
Algorithms*, section 3.5), bounded here through norms (``|| |X| |B| ||_inf <= ||X||_inf
||B||_inf``, and ``||B||_inf`` by the largest row sum of ``[M | I]``, as ``B >= 0``);
every computed bound is inflated by ``1 + 1e-3``, far beyond the rounding of the bounds
themselves.  A basis whose basic values all exceed that error is a *simple* vertex:
exactly its ``d`` non-basic constraints are tight.

When every basis walked is certified simple, the walk proves its own completeness, as in
:mod:`.graph` (whose docstring gives the argument): each vertex's ``d`` pivots reached
certified vertices with the expected tight sets, so the set is closed under adjacency.
The levels are then the exact distance classes from the origin, so a child is looked up
only in its parent's level and the one before (a neighbour of a vertex at distance ``k``
is at distance ``k - 1``, ``k`` or ``k + 1``); the caller still checks that no vertex is
listed twice.  Which copy of a child two parents reached is kept does not matter: both
carry an inverse of the same basis, and the one kept is certified like any other.  Nor
does the ratio test of a child found already walked: its mask names a certified vertex
``w`` tight on the parent's labels but the entering one, so ``w`` lies on the parent's
edge that drops that label, whose only vertices are the parent and its true neighbour.
Only the new children's pivots are used, and checked.  A child's pivot on the variable
that just left the basis is not even made: that edge leads back to its parent.  The
origin (``X = B = I``, ``beta = 1``, all exact) needs no certificate.
Anything else -- a basis not certified simple (degenerate, ill-conditioned, or an
infeasible child of a wrongly resolved near-tie), no pivot row, more bases than
``limit``, a level too big to hold its inverses, the deadline -- returns None, and the
caller walks the polytope with :mod:`.graph` instead, which settles degenerate and
doubtful bases exactly.
"""

from __future__ import annotations

import time

import numpy as np

_PIVOT_TOL = 1e-9            # a pivot entry must exceed this times its row's basic value
_CHUNK_ENTRIES = 1 << 18     # tableau entries expanded at once (temporaries, deadline)
_LEVEL_BYTES = 256 << 20     # inverses one level may hold; beyond, :mod:`.graph` walks
_U = 2.0 ** -53              # unit roundoff of IEEE double
_INFLATE = 1.001             # on every computed bound (covers the rounding of the bounds)


def clean_tableau_walk(mat: np.ndarray, limit: int, deadline: float | None = None,
                       levels: int | None = None) -> list[np.ndarray] | None:
    """Tight-label masks (``uint64``, label ``i`` is bit ``i``), level by level from the
    origin, of every vertex of ``{z >= 0 : M z <= 1}`` -- or None unless every basis
    walked was certified simple (see the module docstring).  With ``levels``, only the
    bases at distance ``levels`` or less from the origin: the first levels of the walk, a
    sample for estimates that proves nothing (the last level is not even certified).

    ``mat`` is the positive integer matrix ``M`` (shape ``(r, d)``, ``d + r <= 64``) as
    floats, exact (entries below ``2**53``).

    >>> levels = clean_tableau_walk(np.array([[2.0, 1.0], [1.0, 2.0]]), limit=100)
    >>> sorted(int(k) for level in levels for k in level)   # bits: z1, z2, row 1, row 2
    [3, 6, 9, 12]
    >>> clean_tableau_walk(np.array([[1.0, 1.0], [1.0, 1.0]]), limit=100) is None  # degenerate
    True
    >>> [level.tolist() for level in clean_tableau_walk(np.array([[2.0, 1.0], [1.0, 2.0]]),
    ...                                                 limit=100, levels=1)]
    [[3], [6, 9]]
    """
    r, d = mat.shape
    if d + r > 64 or not np.all(mat < 2.0 ** 53):
        return None
    columns = np.ascontiguousarray(np.hstack([mat, np.eye(r)]).T)   # row v: variable v's
    # overflow, 0 / 0 and the like only make a bound fail (NaN compares false)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return _walk(_Context(columns, r, d), limit, deadline, levels)


def _walk(context: _Context, limit: int, deadline: float | None,
          depth: int | None = None) -> list[np.ndarray] | None:
    """The breadth-first search of :func:`clean_tableau_walk`; a child is new unless it
    is in its parent's level or the one before (see the module docstring)."""
    r, d = context.r, context.d
    level = _Level(masks=np.array([(1 << d) - 1], dtype=np.uint64), inverse_t=np.eye(r)[None],
                   beta=np.ones((1, r)), basic=np.arange(d, d + r)[None, :],
                   nonbasic=np.arange(d)[None, :], back=False)
    prev = np.empty(0, dtype=np.uint64)
    levels = [level.masks]
    total = 1
    chunk = max(1, _CHUNK_ENTRIES // (r * d))
    while level.masks.size and (depth is None or len(levels) <= depth):
        children: list[_Level] = []
        held = 0
        seen = np.concatenate([prev, level.masks])
        seen.sort()
        for lo in range(0, level.masks.size, chunk):
            if deadline is not None and time.monotonic() > deadline:
                return None
            part = level if level.masks.size <= chunk else level.slice(lo, lo + chunk)
            if part.back and not context.certified_simple(part).all():   # not the origin
                return None
            found = context.pivot(part, seen)
            if found is None:
                return None
            children.append(found)
            held += found.masks.size
            if held * r * r * 8 > _LEVEL_BYTES or total + held > limit:
                return None   # too big (duplicates across chunks counted: a bound)
        nxt = _Level.merge(children, r, d)
        total += nxt.masks.size
        if total > limit:
            return None
        prev, level = level.masks, nxt
        levels.append(nxt.masks)
    return levels


class _Level:
    """Bases of one BFS level: sorted masks of their non-basic (tight) labels, and per
    basis the carried inverse *transposed* (``inverse_t[b, k, i] ~ B_b^-1[i, k]``: the
    products below then read contiguous operands, about twice as fast), the basic values
    ``beta = X 1`` (set by :meth:`_Context.certified_simple`; given for the origin) and
    the basic and non-basic variables (in row and column order)."""

    def __init__(self, masks, inverse_t, beta, basic, nonbasic, back=True):
        self.masks, self.inverse_t, self.beta = masks, inverse_t, beta
        self.basic, self.nonbasic = basic, nonbasic
        self.back = back   # the last non-basic variable leads back to the parent

    def slice(self, lo: int, hi: int) -> _Level:
        return _Level(self.masks[lo:hi], self.inverse_t[lo:hi],
                      None if self.beta is None else self.beta[lo:hi],
                      self.basic[lo:hi], self.nonbasic[lo:hi], self.back)

    @staticmethod
    def merge(parts: list[_Level], r: int, d: int) -> _Level:
        """One sorted level from the chunks' children (a child two chunks reached once)."""
        if not parts:
            return _Level(np.empty(0, dtype=np.uint64), np.empty((0, r, r)), np.empty((0, r)),
                          np.empty((0, r), dtype=np.intp), np.empty((0, d), dtype=np.intp))
        if len(parts) == 1:
            return parts[0]
        masks = np.concatenate([p.masks for p in parts])
        keep = _first_of_each(masks)
        pick = lambda name: np.concatenate([getattr(p, name) for p in parts])[keep]  # noqa: E731
        return _Level(masks[keep], pick("inverse_t"), None, pick("basic"), pick("nonbasic"))


def _first_of_each(keys: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct key, in sorted key order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.empty(order.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return order[first]


class _Context:
    """The polytope's fixed data: the columns of ``[M | I]`` (one row per variable) and
    the constant factors of the bounds."""

    def __init__(self, columns: np.ndarray, r: int, d: int):
        self.columns, self.r, self.d = columns, r, d
        self.ones = np.ones(r)
        self.bits = np.left_shift(np.uint64(1), np.arange(d + r, dtype=np.uint64))
        b_norm = float(columns.sum(axis=0).max())   # >= ||B||_inf for every basis
        gamma = (r + 1) * _U / (1 - (r + 1) * _U)
        self.delta_rounding = _INFLATE * gamma * b_norm          # times ||X||_inf
        self.fit_rounding = (_INFLATE * gamma, _INFLATE * gamma * b_norm)

    def certified_simple(self, level: _Level) -> np.ndarray:
        """Per basis: is it proven a simple vertex (``B`` nonsingular, the exact ``beta``
        positive)?  The residual bounds of the module docstring; sets ``level.beta`` to
        ``X 1``.  (Row sums are products with a vector of ones: numpy's reductions over
        short rows are slow.)"""
        y = level.inverse_t
        q, r = y.shape[:2]
        beta = level.beta = self.ones @ y                            # beta~ = X 1
        b_t = self.columns.take(level.basic, axis=0)                 # (q, r, r): B^T
        residual = np.abs(y, out=np.empty(y.shape))   # C order (the diagonal view below)
        x_norm = (self.ones @ residual).max(axis=1)                  # ||X||_inf
        np.matmul(b_t, y, out=residual)           # reused: [j, i] = (X B)_ij
        residual.reshape(q, r * r)[:, ::r + 1] -= 1.0                # X B - I
        np.abs(residual, out=residual)
        delta = (self.ones @ residual).max(axis=1)                   # ||I - X B||_inf
        delta *= _INFLATE
        delta += self.delta_rounding * x_norm
        lowest = beta.min(axis=1)
        error = delta / (1.0 - delta)                   # >= || B^-1 - X || / || X ||,
        error += self.fit_rounding[0]                   # + the rounding of X 1
        error *= (_INFLATE * _INFLATE) * x_norm
        simple = (delta < 0.5) & (lowest > error)
        if simple.all():
            return simple
        doubtful = np.flatnonzero((delta < 0.5) & ~simple)
        if doubtful.size:                               # the sharper bound, for these
            beta, b_t = beta[doubtful], b_t[doubtful]
            fit = 1.0 - (beta[:, None, :] @ b_t)[:, 0, :]            # 1 - B beta~
            fit_norm = np.abs(fit, out=fit).max(axis=1)
            fit_norm *= _INFLATE
            fit_norm += self.fit_rounding[0]
            fit_norm += self.fit_rounding[1] * np.abs(beta).max(axis=1)
            error = ((_INFLATE * _INFLATE) * x_norm[doubtful] * fit_norm
                     / (1.0 - delta[doubtful]))
            simple[doubtful] = lowest[doubtful] > error
        return simple

    def pivot(self, level: _Level, seen: np.ndarray) -> _Level | None:
        """The bases reached from ``level`` by one pivot on each non-basic variable and
        not in the sorted mask array ``seen``; None if some pivot has no row."""
        y, beta = level.inverse_t, level.beta
        d = self.d
        # the ratio test argmin beta_i / T_ic over T_ic > 0 is argmax T_ic / beta_i, every
        # beta_i being positive (certified just before); a non-positive winner: no row,
        # checked for the new children only (the module docstring says why that is enough)
        # the last non-basic variable of a child leads back to its parent: not pivoted
        e = d - 1 if level.back else d
        entering = level.nonbasic[:, :e]
        tableau_t = self.columns.take(entering, axis=0) @ y          # (q, e, r): T^T
        weight = tableau_t * (1.0 / beta)[:, None, :]                # T_ic / beta_i
        leave = weight.argmax(axis=2)                                # (q, e): a row
        q = leave.shape[0]
        leaving = level.basic[np.arange(q)[:, None], leave]          # a variable
        children = (level.masks[:, None] ^ self.bits.take(entering)
                    ^ self.bits.take(leaving)).ravel()
        pick = _first_of_each(children)
        unique = children[pick]
        pick = pick[seen.take(np.searchsorted(seen, unique), mode="clip") != unique]
        parent, col = np.divmod(pick, e)
        f = pick.size
        row = leave[parent, col]
        each = np.arange(f)
        column = tableau_t[parent, col]                              # (f, r): T[:, c]
        pivot = column[each, row]
        if not (pivot > _PIVOT_TOL * beta[parent, row]).all():
            return None
        inverse_t = y.take(parent, axis=0)                           # copies
        pivot_row = inverse_t[each, :, row] / pivot[:, None]         # row of X, / pivot
        inverse_t -= pivot_row[:, :, None] * column[:, None, :]
        inverse_t[each, :, row] = pivot_row
        basic = level.basic.take(parent, axis=0)
        nonbasic = level.nonbasic.take(parent, axis=0)
        basic[each, row] = nonbasic[each, col]
        nonbasic[each, col] = nonbasic[each, d - 1]
        nonbasic[each, d - 1] = leaving[parent, col]                 # the way back, last
        return _Level(children[pick], inverse_t, None, basic, nonbasic)
