"""Text and JSON rendering of claim verdicts (:mod:`gamesolve.claims`).  Formatting only."""

from __future__ import annotations

import textwrap
from typing import Any

from ..claims import CONTRADICTED, HOLDS_AS_HEDGED, STATUSES, ClaimResult, ClaimsReport
from ..model import Game
from .json_report import SCHEMA_VERSION, game_header

WIDTH = 88


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ")


def status_label(r: ClaimResult) -> str:
    """'holds-as-hedged (holds in 2 of 3 cases)' and the like."""
    if r.hedged and r.holds_in is not None and r.status in (CONTRADICTED, HOLDS_AS_HEDGED):
        k, n = r.holds_in
        return (f"{r.status} (hedged claim: holds in {k} of {n} cases)"
                if r.status == HOLDS_AS_HEDGED else
                f"{r.status} (hedged claim: holds in only {k} of {n} cases)")
    return r.status


GROUPS = (("source", "stated by the source"),
          ("implicit", "added by the encoder (implicit: true)"))


def summary_lines(summary: dict) -> list[str]:
    """One line per group of claims (the source's, the encoder's), from
    ``ClaimsReport.summary``; the encoder's line only when it added claims."""
    out = []
    for group, words in GROUPS:
        counts = summary[group]
        n = counts["total"]
        if group == "implicit" and not n:
            continue
        listed = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        out.append(f"Claims {words}: {n}" + (f": {listed}." if n else "."))
    return out


def exit_rule(strict: bool) -> str:
    if strict:
        return ("With --strict, every claim decides the exit status of gamesolve check"
                " (1 when one is contradicted), the encoder's too.")
    return ("Only the source's claims decide the exit status of gamesolve check (1 when"
            " one is contradicted); --strict counts the encoder's too.")


def summary_line(report: ClaimsReport) -> str:
    return " ".join(summary_lines(report.summary))


def render_claims(report: ClaimsReport, game: Game) -> str:
    """The claims section: one block per claim, in file order, then the summary."""
    out = ["Claims", "======"]
    if not report.results:
        out.append("The game file states no claims (add a 'claims:' list to check some).")
        return "\n".join(out) + "\n"
    out.extend(_wrap(line, "") for line in summary_lines(report.summary))
    out.append(_wrap(exit_rule(report.strict), ""))
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
        if r.alternative is not None:
            reading, status, evidence = r.alternative
            out.append(_wrap(f"Other reading ({reading}): {status}. {evidence}", pad))
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
            "payoff_scale": getattr(game, "payoff_scale", "cardinal"),
            "comparable_across_players": bool(getattr(game, "comparable_across_players",
                                                      False)),
            "claims": claims_list(report), "summary": report.summary,
            "strict": report.strict, "exit_status": report.exit_status}
