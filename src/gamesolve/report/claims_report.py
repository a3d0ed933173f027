"""JSON rendering of claim verdicts (:mod:`gamesolve.claims`): the "claims" array that
``check`` prints and ``analyze`` embeds.  The readable renderings are built from it by
:mod:`.outline_claims`.  Formatting only."""

from __future__ import annotations

from typing import Any

from ..claims import ClaimResult, ClaimsReport
from ..model import Game
from .json_base import SCHEMA_VERSION, game_header


def claim_dict(r: ClaimResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": r.text, "source": r.source, "status": r.status, "evidence": r.evidence,
        "kind": r.kind, "line": r.line, "statement": r.statement, "hedged": r.hedged,
        "implicit": r.implicit, "scope": r.scope or None,
    }
    if r.alternative is not None:
        out["alternative"] = dict(zip(("reading", "status", "evidence"), r.alternative))
    if r.note:
        out["note"] = r.note
    if r.holds_in is not None:
        out["holds_in"] = {"cases": r.holds_in[0], "of": r.holds_in[1]}
    return out


def claims_list(report: ClaimsReport) -> list[dict[str, Any]]:
    """The "claims" array (also what ``analyze`` puts in its JSON ``extras``)."""
    return [claim_dict(r) for r in report.results]


def claims_document(report: ClaimsReport, game: Game) -> dict[str, Any]:
    """The JSON document of ``gamesolve check --format json``: verdicts, counts per group
    (``summary.source``, ``summary.implicit``) and the exit status they give."""
    return {"schema_version": SCHEMA_VERSION, "game": game_header(game),
            # how the payoffs may be read: decides whether cross-player claims are testable
            "payoff_scale": game.payoff_scale,
            "comparable_across_players": game.comparable_across_players,
            "claims": claims_list(report), "summary": report.summary,
            "strict": report.strict, "exit_status": report.exit_status}
