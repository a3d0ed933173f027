"""JSON rendering of robustness results (:mod:`gamesolve.robustness`): margins and the
sampling study.  The readable renderings are built from it by :mod:`.outline_claims`.
Formatting only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Game
from ..robustness import Margin, RobustnessReport
from .common import percent
from .json_base import SCHEMA_VERSION, exact_str, game_header, number, profile_dict

if TYPE_CHECKING:
    from ..robustness.sampling import SamplingResult

__all__ = ["margin_dict", "margins_list", "percent", "robustness_document", "sampling_dict"]


def margin_dict(m: Margin, game: Game) -> dict[str, Any]:
    """One conclusion's margins; the stability margin is null for an ordinal game."""
    cardinal = game.payoff_scale != "ordinal"
    return {
        "conclusion": m.conclusion,
        "kind": m.kind,
        "margin": number(m.margin) if cardinal else None,
        "exact_margin": exact_str(m.margin) if cardinal else None,
        "gap": exact_str(m.gap) if cardinal else None,
        "binding": m.binding if cardinal else None,
        "rank_margin": m.rank_margin,
        "rank_binding": m.rank_binding or None,
        "player": None if m.player is None else game.players[m.player].name,
        "strategy": None if m.strategy is None
        else game.players[m.player].ids[m.strategy],
        "by": None if not m.by else {game.players[m.player].ids[t]: exact_str(w)
                                     for t, w in m.by},
        "profile": None if m.profile is None else profile_dict(game, m.profile),
    }


def margins_list(margins: Sequence[Margin], game: Game) -> list[dict[str, Any]]:
    """The "margins" array (also what ``analyze`` puts in its JSON ``extras``)."""
    return [margin_dict(m, game) for m in margins]


def sampling_dict(s: SamplingResult, game: Game) -> dict[str, Any]:
    n = s.samples
    return {
        "samples": n,
        "noise": s.noise,
        "seed": s.seed,
        "ordinal": s.ordinal,
        "by_construction": s.ordinal,
        "chunk": s.chunk,
        "tolerance": s.tolerance,
        "equilibria": [{"profile": profile_dict(game, e.profile), "frequency": e.frequency,
                        "count": e.count, "unique_frequency": (e.unique_count or 0) / n,
                        "original": e.original} for e in s.equilibria],
        "no_pure_equilibrium": s.no_pure_frequency,
        "no_pure_equilibrium_count": s.no_pure_equilibrium,
        "dominance": [{"player": game.players[d.player].name,
                       "strategy": game.players[d.player].ids[d.strategy], "kind": d.kind,
                       "frequency": d.frequency, "count": d.count, "original": d.original}
                      for d in s.dominance],
        "elimination": {
            "solutions": [{"profile": profile_dict(game, e.profile), "frequency": e.frequency,
                           "count": e.count, "original": e.original} for e in s.elimination],
            "not_solvable": s.not_solvable / n,
            "not_solvable_count": s.not_solvable,
        },
    }


def robustness_document(report: RobustnessReport, game: Game) -> dict[str, Any]:
    """The JSON document of ``gamesolve robustness --format json``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "game": game_header(game),
        "payoff_scale": report.payoff_scale,
        "margins": margins_list(report.margins, game),
        "sampling": None if report.sampling is None else sampling_dict(report.sampling, game),
    }
