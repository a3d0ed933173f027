"""Text and JSON rendering of claim verdicts (:mod:`gamesolve.claims`).  Formatting only."""

from __future__ import annotations

import textwrap
from typing import Any

from ..claims import CONTRADICTED, STATUSES, ClaimResult, ClaimsReport
from ..model import Game
from .json_report import SCHEMA_VERSION, game_header

WIDTH = 88


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ")


def status_label(r: ClaimResult) -> str:
    """'contradicted (hedged claim: holds in 2 of 3 cases)' and the like."""
    if r.status == CONTRADICTED and r.hedged and r.holds_in is not None:
        return f"contradicted (hedged claim: holds in {r.holds_in[0]} of {r.holds_in[1]} cases)"
    return r.status


def summary_line(report: ClaimsReport) -> str:
    n = len(report.results)
    counts = ", ".join(f"{report.count(s)} {s}" for s in STATUSES)
    return f"{n} claim{'s' if n != 1 else ''}: {counts}."


def render_claims(report: ClaimsReport, game: Game) -> str:
    """The claims section: one block per claim, in file order, then the summary."""
    out = ["Claims", "======"]
    if not report.results:
        out.append("The game file states no claims (add a 'claims:' list to check some).")
        return "\n".join(out) + "\n"
    out.append(summary_line(report))
    for i, r in enumerate(report.results, 1):
        out.append("")
        tag = " [implicit: not stated by the source]" if r.implicit else ""
        label = status_label(r)
        head, _, rest = label.partition(" ")
        out.append(f"{i}. {head.upper()}{' ' + rest if rest else ''}{tag}")
        pad = " " * len(f"{i}. ")
        out.append(_wrap(f'"{r.text}"', pad))
        where = r.source or "(not given)"
        if r.line is not None:
            where += f" [claim at line {r.line}]"
        out.append(_wrap(f"Source: {where}", pad))
        out.append(_wrap(f"Read as: {r.statement} [{r.kind}]", pad))
        if r.note:
            out.append(_wrap(f"Note: {r.note}", pad))
        out.append(_wrap(f"Evidence: {r.evidence}", pad))
    return "\n".join(out) + "\n"


def render_check(report: ClaimsReport, game: Game) -> str:
    """The output of ``gamesolve check``: a title line, then the claims section."""
    title = game.title or "Untitled game"
    origin = f" ({game.origin})" if game.origin else ""
    return f"{title}{origin}\n\n" + render_claims(report, game)


def claim_dict(r: ClaimResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": r.text, "source": r.source, "status": r.status, "evidence": r.evidence,
        "kind": r.kind, "line": r.line, "statement": r.statement, "hedged": r.hedged,
        "implicit": r.implicit,
    }
    if r.note:
        out["note"] = r.note
    if r.holds_in is not None:
        out["holds_in"] = {"cases": r.holds_in[0], "of": r.holds_in[1]}
    return out


def claims_list(report: ClaimsReport) -> list[dict[str, Any]]:
    """The "claims" array (also what ``analyze`` puts in its JSON ``extras``)."""
    return [claim_dict(r) for r in report.results]


def claims_document(report: ClaimsReport, game: Game) -> dict[str, Any]:
    """The JSON document of ``gamesolve check --format json``."""
    return {"schema_version": SCHEMA_VERSION, "game": game_header(game),
            "claims": claims_list(report), "summary": report.summary}
