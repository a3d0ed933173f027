"""JSON of the referee's sections: payoff scale, summary, structure, orders of moves,
repeated play and glossary (objects ``payoff_scale``, ``summary``, ``structure``,
``sequential``, ``repeated``, ``glossary`` of the analyze document; shapes in
docs/reference/json.md).  A faithful dump of :mod:`gamesolve.structure` and
:mod:`gamesolve.sequential` results; exact numbers as strings "p/q" or integers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..model import Game, Profile


def _exact(x: Fraction) -> int | str:
    return x.numerator if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _profile(game: Game, prof: Profile) -> dict[str, str]:
    return {p.name: p.strategies[a].id for p, a in zip(game.players, prof)}


def scale_dict(game: Game) -> dict[str, Any]:
    return {"payoff_scale": game.payoff_scale,
            "comparable_across_players": game.comparable_across_players}


def structure_dict(game: Game, s) -> dict[str, Any] | None:
    if s is None:
        return None
    names = [p.name for p in game.players]
    separable = {}
    for p, terms in enumerate(s.separable_terms):
        separable[names[p]] = None if terms is None else {
            names[j]: {st.id: _exact(v) for st, v in zip(game.players[j].strategies, row)}
            for j, row in enumerate(terms)}
    return {
        "dummies": [{"player": names[d.player], "reason": d.reason} for d in s.dummies],
        "independent": {names[p]: v for p, v in enumerate(s.independent)},
        "no_interdependence": s.no_interdependence,
        "separable": {names[p]: v for p, v in enumerate(s.separable)},
        "separable_terms": separable,
        "dominance_solvable": s.dominance_solvable,
        "solution": None if s.solution is None else _profile(game, s.solution),
        "constant_sum": None if s.constant_sum is None else _exact(s.constant_sum),
        "zero_sum": s.zero_sum,
        "strictly_competitive": s.strictly_competitive,
        "symmetric": s.symmetric,
        "ordinally_symmetric": s.ordinally_symmetric,
        "exact_potential": None if s.exact_potential is None
        else [_exact(v) for v in s.exact_potential],
        "improvement_cycle_free": s.improvement_cycle_free,
        "notes": list(s.notes),
    }


def timing_dict(game: Game, t) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "computed": not t.skipped,
        "skipped": t.skipped or None,
        "all_orders": t.all_orders,
        "simultaneous": [_profile(game, p) for p in t.simultaneous],
        "orders": [{"order": [game.players[p].name for p in o.order],
                    "outcomes": [_profile(game, x) for x in o.outcomes],
                    "same_as_simultaneous": o.same_as_simultaneous} for o in t.orders],
        "timing_matters": t.timing_matters if not t.skipped else None,
        "order_matters": t.order_matters if not t.skipped else None,
    }


def repetition_dict(game: Game, r) -> dict[str, Any] | None:
    if r is None:
        return None
    names = [p.name for p in game.players]
    minmax = {}
    for m in r.minmax:
        others = [q for q in range(game.n_players) if q != m.player]
        entry: dict[str, Any] = {
            "pure": _exact(m.pure),
            "pure_punishment": {names[q]: game.players[q].strategies[i].id
                                for q, i in zip(others, m.pure_punishment)},
            "mixed": None if m.mixed is None else _exact(m.mixed),
            "mixed_punishment": None,
        }
        if m.mixed_punishment is not None:
            q = others[0]
            entry["mixed_punishment"] = {names[q]: {
                s.id: _exact(w) for s, w in zip(game.players[q].strategies, m.mixed_punishment)}}
        minmax[names[m.player]] = entry
    return {
        "minmax": minmax,
        "individually_rational": [_profile(game, p) for p in r.individually_rational],
        "folk_theorem_applies": (None if game.ordinal else
                                 bool(r.individually_rational) and r.full_dimensional
                                 is not False),
        "needs_cardinal_reading": game.ordinal,
        "full_dimensional": r.full_dimensional,
        "notes": list(r.notes),
    }


def referee_dict(result: Any) -> dict[str, Any]:
    """Every referee section of an AnalysisResult, keyed as in the analyze document."""
    from ..summary import glossary, plain_summary

    game = result.game
    return {
        "payoff_scale": scale_dict(game),
        "summary": list(plain_summary(result)),
        "structure": structure_dict(game, result.structure),
        "sequential": timing_dict(game, result.timing),
        "repeated": repetition_dict(game, result.repetition),
        "glossary": {term: text for term, text in glossary()},
    }

