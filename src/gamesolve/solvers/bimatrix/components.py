"""The order and the convex components of a two-player game's extreme equilibria
(:func:`.solve.enumerate_equilibria` assembles its answer with them).

Components follow Gambit's ``enummixed -c`` (von Stengel's clique algorithm): extreme
equilibria are the edges of a bipartite graph between player 1's and player 2's
extreme strategies; a maximal complete bipartite subgraph ``U x V`` is a maximal convex
set ``conv(U) x conv(V)`` of equilibria.
"""

from __future__ import annotations

from dataclasses import replace

from ..base import Equilibrium


def equilibrium_order(equilibria: list[Equilibrium]) -> list[int]:
    """Indices of ``equilibria`` in the order they are listed: pure ones first, each group
    by decreasing exact probabilities (player 1's first).  Two stable sorts: no negated
    Fractions to make.

    >>> from fractions import Fraction as F
    >>> half, one, zero = F(1, 2), F(1), F(0)
    >>> mixed = Equilibrium(((.5, .5), (.5, .5)), (0, 0), False, ((half, half), (half, half)))
    >>> pure = Equilibrium(((0, 1), (1, 0)), (1, 1), True, ((zero, one), (one, zero)))
    >>> equilibrium_order([mixed, pure])
    [1, 0]
    """
    order = sorted(range(len(equilibria)), key=lambda e: equilibria[e].exact, reverse=True)
    order.sort(key=lambda e: not equilibria[e].pure)
    return order


def with_components(equilibria: list[Equilibrium],
                    cliques: list[tuple[int, ...]]) -> tuple[Equilibrium, ...]:
    """Each equilibrium with ``component`` set to the first clique containing it (None
    when none does: the list is incomplete)."""
    first: dict[int, int] = {}
    for ci, clique in enumerate(cliques):
        for e in clique:
            first.setdefault(e, ci)
    return tuple(replace(eq, component=first.get(e)) for e, eq in enumerate(equilibria))


def _cliques(edges: list[tuple[int, int]]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Maximal complete bipartite subgraphs and connected components of an edge list.

    ``edges[e] = (u, v)``; returns both as sorted tuples of edge indices.

    >>> _cliques([(1, 1), (1, 2), (2, 1)])
    ([(0, 1), (0, 2)], [(0, 1, 2)])
    """
    left = sorted({u for u, _ in edges})
    right = sorted({v for _, v in edges})
    li = {u: i for i, u in enumerate(left)}
    ri = {v: i for i, v in enumerate(right)}
    edge_of = {(li[u], ri[v]): e for e, (u, v) in enumerate(edges)}
    nbr = [0] * len(left)
    for (u, v) in edge_of:
        nbr[u] |= 1 << v

    # connected components by union-find over edges sharing an endpoint
    parent = list(range(len(edges)))

    def find(e: int) -> int:
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    first_at: dict[tuple[str, int], int] = {}
    for e, (u, v) in enumerate(edges):
        for key in (("u", u), ("v", v)):
            if key in first_at:
                ra, rb = find(first_at[key]), find(e)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                first_at[key] = e
    groups: dict[int, list[int]] = {}
    for e in range(len(edges)):
        groups.setdefault(find(e), []).append(e)
    connected = sorted(tuple(g) for g in groups.values())

    # maximal bicliques = closed neighbourhood intersections (formal concepts)
    intents: set[int] = set()
    for u in range(len(left)):
        new = {nbr[u]} | {f & nbr[u] for f in intents}
        intents |= {f for f in new if f}
    cliques = set()
    for intent in intents:
        us = [u for u in range(len(left)) if nbr[u] & intent == intent]
        vs = [v for v in range(len(right)) if intent >> v & 1]
        cliques.add(tuple(sorted(edge_of[(u, v)] for u in us for v in vs)))
    return sorted(cliques), connected
