"""JSON output: a faithful dump of the result dataclasses, with a schema version.

The shapes are documented in docs/reference/json.md and as JSON Schemas in docs/schemas/.
Exact numbers are strings "p/q" (or integers) under "exact"; floats elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Game
from ..solvers.base import Equilibrium, EquilibriumSet

# the shared pieces live in json_base so that claims_report and robustness_report can use
# them without importing this module (which imports them: no cycle)
from .json_base import SCHEMA_VERSION, exact_str, game_header, number, profile_dict
from .json_text import dumps_indented

if TYPE_CHECKING:  # pragma: no cover - importing the analyses costs `solve --format json` ~5 ms
    from ..analysis import AnalysisResult

__all__ = ["SCHEMA_VERSION", "exact_str", "game_header", "number", "profile_dict"]


def equilibrium_dict(game: Game, eq: Equilibrium) -> dict[str, Any]:
    out: dict[str, Any] = {
        "profile": {
            player.name: {s.id: number(x) for s, x in zip(player.strategies, probs)}
            for player, probs in zip(game.players, eq.strategies)
        },
        "payoffs": {player.name: number(v) for player, v in zip(game.players, eq.payoffs)},
        "pure": eq.pure,
    }
    if eq.exact is not None:
        out["exact"] = {
            player.name: {s.id: exact_str(x) for s, x in zip(player.strategies, probs)}
            for player, probs in zip(game.players, eq.exact)
        }
        out["exact_payoffs"] = {player.name: exact_str(v)
                                for player, v in zip(game.players, eq.exact_payoffs)}
    if eq.pure:
        out["strict"] = eq.strict
    if eq.component is not None:
        out["component"] = eq.component
    if eq.exact is None:
        out["regret"] = eq.regret
    if eq.enclosure_radius is not None:
        out["enclosure_radius"] = eq.enclosure_radius
    return out


def support_dict(game: Game, support) -> dict[str, list[str]]:
    return {pl.name: [pl.strategies[i].id for i in ids] for pl, ids in zip(game.players, support)}


def uncertified_list(game: Game, eqs: EquilibriumSet) -> list[dict[str, Any]]:
    return [{"support": support_dict(game, u.support), "reason": u.reason,
             "sample": None if u.sample is None else {
                 pl.name: {s.id: number(x) for s, x in zip(pl.strategies, probs)}
                 for pl, probs in zip(game.players, u.sample)}}
            for u in eqs.uncertified_supports]


def equilibria_dict(game: Game, eqs: EquilibriumSet) -> dict[str, Any]:
    out: dict[str, Any] = {
        "equilibria": [equilibrium_dict(game, e) for e in eqs.equilibria],
        "method": eqs.method,
        "complete": eqs.complete,
    }
    if eqs.degenerate is not None:
        out["degenerate"] = eqs.degenerate
    if eqs.components:
        out["components"] = [list(c) for c in eqs.components]
    if eqs.rejected:
        out["rejected"] = eqs.rejected
    if eqs.method == "certified" or eqs.uncertified_supports:
        out["uncertified_supports"] = uncertified_list(game, eqs)
    if "value" in eqs.details:
        out["value"] = number(eqs.details["value"])
        if eqs.details.get("exact_value") is not None:
            out["exact_value"] = exact_str(eqs.details["exact_value"])
    return out


def solve_document(game: Game, eqs: EquilibriumSet) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "game": game_header(game),
            **equilibria_dict(game, eqs), "warnings": list(eqs.warnings)}


def _mix(game: Game, p: int, by) -> dict[str, str]:
    return {game.players[p].strategies[t].id: exact_str(w) for t, w in by}


def dominance_dict(result: AnalysisResult) -> dict[str, Any]:
    game = result.game
    out = {}
    for d in result.dominance:
        ids = game.players[d.player].ids
        out[game.players[d.player].name] = {
            "strictly_dominant": ids[d.strictly_dominant] if d.strictly_dominant is not None
            else None,
            "weakly_dominant": ids[d.weakly_dominant] if d.weakly_dominant is not None else None,
            "strictly_dominated": [ids[x.strategy] for x in d.strictly_dominated],
            "weakly_dominated": [ids[x.strategy] for x in d.weakly_dominated],
            "dominated_by": {ids[x.strategy]: {"by": _mix(game, d.player, x.by),
                                               "gap": exact_str(x.gap), "strict": x.strict}
                             for x in d.strictly_dominated + d.weakly_dominated},
            "notes": list(d.notes),
        }
    return out


def best_responses_dict(result: AnalysisResult) -> dict[str, list]:
    """For each player: a list of {"against": {other: id}, "best": [ids]}."""
    import numpy as np

    game = result.game
    out = {}
    for p, mask in enumerate(result.best_responses):
        moved = np.moveaxis(mask, p, -1)
        others = [q for q in range(game.n_players) if q != p]
        rows = []
        for opp in np.ndindex(*moved.shape[:-1]):
            rows.append({
                "against": {game.players[q].name: game.players[q].strategies[i].id
                            for q, i in zip(others, opp)},
                "best": [game.players[p].strategies[int(i)].id
                         for i in np.flatnonzero(moved[opp])],
            })
        out[game.players[p].name] = rows
    return out


def elimination_dict(game: Game, el) -> dict[str, Any]:
    """An iterated elimination (strict or weak, with its order and notes) as JSON."""
    return {"kind": el.kind, "order": el.order,
            "steps": [{"round": s.round, "player": game.players[s.player].name,
                       "strategy": s.strategy, "by": {t: exact_str(w) for t, w in s.by}}
                      for s in el.steps],
            "surviving": {game.players[p].name: list(ids) for p, ids in enumerate(el.surviving)},
            "solved": el.solved, "notes": list(el.notes)}


def analysis_document(result: AnalysisResult) -> dict[str, Any]:
    game = result.game
    el = result.elimination
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "game": game_header(game),
        **equilibria_dict(game, result.equilibria),
        "dominance": dominance_dict(result),
        "iterated_elimination": {
            "steps": [{"round": s.round, "player": game.players[s.player].name,
                       "strategy": s.strategy, "by": {t: exact_str(w) for t, w in s.by}}
                      for s in el.steps],
            "surviving": {game.players[p].name: list(ids) for p, ids in enumerate(el.surviving)},
            "solved": el.solved,
        },
        **({"weak_elimination": elimination_dict(game, result.weak_elimination)}
           if result.weak_elimination is not None else {}),
        "best_responses": best_responses_dict(result)
        if game.n_profiles <= 100_000 else None,
        "pareto_optimal": None if result.pareto_optimal is None else [
            {"profile": profile_dict(game, p),
             "payoffs": {pl.name: number(v) for pl, v in zip(game.players,
                                                              game.exact_payoffs(p))}}
            for p in result.pareto_optimal],
        "security": {
            game.players[s.player].name: {
                "pure_strategy": game.players[s.player].ids[s.pure_strategy],
                "pure_strategies": [game.players[s.player].ids[t]
                                    for t in (s.pure_ties or (s.pure_strategy,))],
                "pure_level": number(s.pure_level),
                "mixed_strategy": None if s.mixed_strategy is None else {
                    sid: exact_str(w) for sid, w in zip(game.players[s.player].ids,
                                                        s.mixed_strategy)},
                "mixed_level": None if s.mixed_level is None else number(s.mixed_level),
            } for s in result.security},
        "cells": None if result.cells is None else [
            {"profile": profile_dict(game, c.profile),
             "payoffs": {pl.name: number(v) for pl, v in zip(game.players, c.payoffs)},
             "note": c.note, "assumed": c.assumed, "equilibrium": c.equilibrium,
             "pareto_optimal": c.pareto_optimal,
             "deviations": [{"player": game.players[d.player].name,
                             "to": game.players[d.player].strategies[d.to].id,
                             "gain": number(d.gain)} for d in c.deviations]}
            for c in result.cells],
        "conclusion": list(result.conclusion),
        "warnings": list(result.warnings),
    }
    from .json_referee import referee_dict
    from .robustness_report import margins_list

    doc.update(referee_dict(result))
    doc["margins"] = margins_list(result.margins, game)
    if result.claims is not None:
        from .claims_report import claims_list

        doc["claims"] = claims_list(result.claims)
        doc["claims_summary"] = result.claims.summary  # the source's and the encoder's apart
    return doc


def sequential_document(game: Game, timing, repetition) -> dict[str, Any]:
    """The ``gamesolve sequential --format json`` document."""
    from .json_referee import repetition_dict, timing_dict

    return {"schema_version": SCHEMA_VERSION, "game": game_header(game),
            "sequential": timing_dict(game, timing),
            "repeated": repetition_dict(game, repetition)}


def dumps(document: dict[str, Any]) -> str:
    # the text of json.dumps(document, indent=2, ensure_ascii=False), written faster
    return dumps_indented(document) + "\n"


# One entry point per command, as in every other reporter (the CLI picks the module by --format)
def render_analysis(result: AnalysisResult, exact: bool = False) -> str:
    return dumps(analysis_document(result))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False) -> str:
    return dumps(solve_document(game, eqs))


def render_check(report, game: Game) -> str:
    from .claims_report import claims_document

    return dumps(claims_document(report, game))


def render_robustness(report, game: Game) -> str:
    from .robustness_report import robustness_document

    return dumps(robustness_document(report, game))
