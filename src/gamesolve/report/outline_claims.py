"""The outline of what ``gamesolve check`` and ``gamesolve robustness`` report.

Claim verdicts, stability margins and the sampling study, as format-neutral blocks
(:mod:`.outline_blocks`), built from the JSON-ready forms of :mod:`.claims_report` and
:mod:`.robustness_report`; ``analyze`` adds the same sections (:func:`extra_blocks`).
Formatting only: nothing here computes a result.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import AnalysisResult
from ..model import Game
from .outline_blocks import Block, Bullets, Heading, Outline, Para, Table


def _verdict(claim: dict, short: bool) -> str:
    """'SUPPORTED', or 'HOLDS-AS-HEDGED (hedged claim: holds in 2 of 3 cases)'."""
    text = str(claim["status"]).upper()
    held = claim.get("holds_in")
    if claim.get("hedged") and held and claim["status"] in ("contradicted", "holds-as-hedged"):
        only = "" if claim["status"] == "holds-as-hedged" else "only "
        text += (f" (holds in {only}{held['cases']} of {held['of']})" if short else
                 f" (hedged claim: holds in {only}{held['cases']} of {held['of']} cases)")
    return text


def _summary(claims: Sequence[dict]) -> dict:
    """``ClaimsReport.summary`` rebuilt from the JSON form of the claims."""
    from ..claims import STATUSES

    out = {}
    for group, implicit in (("source", False), ("implicit", True)):
        mine = [c for c in claims if bool(c.get("implicit")) == implicit]
        out[group] = {**{s: sum(1 for c in mine if c["status"] == s) for s in STATUSES},
                      "total": len(mine)}
    return out


def claim_blocks(claims: Sequence[dict], level: int = 2, strict: bool = False) -> list[Block]:
    """Verdicts on claims, from their JSON form (``claims_report.claim_dict``)."""
    from .claims_report import exit_rule, summary_lines

    out: list[Block] = [Heading(level, "Claims")]
    if not claims:
        out.append(Para("The game file states no claims (add a 'claims:' list to check"
                        " some)."))
        return out
    out.extend(Para(line) for line in summary_lines(_summary(claims)))
    out.append(Para(exit_rule(strict)))
    rows = []
    for i, c in enumerate(claims, 1):
        rows.append((str(i), _verdict(c, short=True),
                     c["text"] + (" [implicit: not stated by the source]"
                                  if c.get("implicit") else "")))
    out.append(Table(("#", "Verdict", "Claim"), tuple(rows), "rpp", key="claims",
                     wrap=(0.25, 0.6)))
    for i, c in enumerate(claims, 1):
        where = c.get("source") or "(not given)"
        if c.get("line") is not None:
            where += f" [claim at line {c['line']}]"
        items: list[tuple[str, str]] = [("Claim:", c["text"]), ("Source:", where),
                                        ("Read as:", f"{c['statement']} [{c['kind']}]")]
        if c.get("note"):
            items.append(("Note:", c["note"]))
        items.append(("Evidence:", c["evidence"]))
        alt = c.get("alternative")
        if alt:
            items.append((f"Other reading ({alt['reading']}):",
                          f"{alt['status']}. {alt['evidence']}"))
        out.append(Heading(level + 1, f"{i}. {_verdict(c, short=False)}"))
        out.append(Bullets(tuple(items)))
    return out


def margin_blocks(margins: Sequence[dict], level: int = 2,
                  scale: str = "cardinal") -> list[Block]:
    """Stability and rank margins, from their JSON form (``robustness_report.margin_dict``);
    for an ordinal game (``scale``), rank margins only."""
    from .robustness_report import RANK_HEADERS, SCALE_WORDS

    out: list[Block] = [Heading(level, "Stability margins")]
    if not margins:
        out.append(Para("No strict dominance and no pure equilibrium: no margin to report."))
        return out
    out.append(Para(SCALE_WORDS[scale]))
    if scale != "ordinal":
        out.append(Para("Changing every payoff by less than the margin cannot overturn the"
                        " conclusion; changing them by exactly the margin, in opposite"
                        " directions, can create a tie. Exact; weakest first. Margin = half"
                        " the smallest payoff gap the conclusion rests on."))
        rows = tuple((m["exact_margin"], m["conclusion"], m["binding"]) for m in margins)
        out.append(Table(("Margin", "Conclusion", "Smallest gap"), rows, "lpp", key="margins",
                         wrap=(0.4, 0.35)))
    rows = tuple(("-" if m["rank_margin"] is None else str(m["rank_margin"]), m["conclusion"],
                  m["rank_binding"] or "") for m in margins)
    out.append(Table(RANK_HEADERS, rows, "rpp", key="rank-margins", wrap=(0.35, 0.45)))
    return out


def sampling_blocks(s, game: Game, level: int = 2) -> list[Block]:
    """The sampling study (a ``robustness.sampling.SamplingResult``)."""
    from .robustness_report import ORDINAL_SAMPLING, percent, share

    if s.ordinal:
        how = "random payoffs that keep each player's ranking of the outcomes (ties kept)"
    else:
        how = f"every payoff plus independent uniform noise in [-{s.noise:g}, {s.noise:g}]"
    out: list[Block] = [Heading(level, "Sampling"),
                        Para(f"{s.samples:,} samples: {how}; seed {s.seed}. [original] marks"
                             " a conclusion of the unperturbed game.")]
    if s.ordinal:
        out.append(Para(ORDINAL_SAMPLING))
    fmt = game.format_profile
    rows = [(fmt(e.profile) + (" [original]" if e.original else ""),
             share(e.count, s, e.original), share(e.unique_count or 0, s, e.original))
            for e in s.equilibria]
    rows.append(("no pure equilibrium", percent(s.no_pure_equilibrium, s.samples), ""))
    out.append(Table(("Pure equilibrium", "In samples", "As the only one"), tuple(rows),
                     "lrr", key="sampling-equilibria"))
    rows = [(f"{game.players[d.player].name}: {game.players[d.player].ids[d.strategy]}"
             + (" [original]" if d.original else ""), share(d.count, s, d.original))
            for d in s.dominance]
    if rows:
        out.append(Table(("Strictly dominant strategy", "In samples"), tuple(rows), "lr",
                         key="sampling-dominance"))
    else:
        out.append(Para("No strictly dominant strategy, in the game or in any sample."))
    rows = [(fmt(e.profile) + (" [original]" if e.original else ""),
             share(e.count, s, e.original)) for e in s.elimination]
    rows.append(("more than one profile survives", percent(s.not_solvable, s.samples)))
    out.append(Table(("Iterated elimination leaves only", "In samples"), tuple(rows), "lr",
                     key="sampling-elimination"))
    out.append(Para("(Elimination in samples uses dominance by pure strategies only.)"))
    return out


def claims_outline(report, game: Game) -> Outline:
    """What ``gamesolve check`` reports (a ``claims.ClaimsReport``), as blocks."""
    from .claims_report import claims_list

    doc = Outline(game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    if game.origin:
        doc.add(Para(game.origin, "File:"))
    doc.add(*claim_blocks(claims_list(report), strict=report.strict))
    return doc


def robustness_outline(report, game: Game) -> Outline:
    """What ``gamesolve robustness`` reports (a ``robustness.RobustnessReport``)."""
    from .robustness_report import margins_list

    doc = Outline(f"Robustness: {game.title or 'Untitled game'}")
    doc.add(Heading(1, doc.title))
    doc.add(*margin_blocks(margins_list(report.margins, game), scale=report.payoff_scale))
    if report.sampling is not None:
        doc.add(*sampling_blocks(report.sampling, game))
    return doc


def extra_blocks(result: AnalysisResult) -> list[Block]:
    """The stability-margins and claims sections ``analyze`` adds (as the text report)."""
    out: list[Block] = []
    game = result.game
    if result.margins:
        from ..robustness import payoff_scale
        from .robustness_report import margins_list

        out.extend(margin_blocks(margins_list(result.margins, game),
                                 scale=payoff_scale(game)))
    if result.claims is not None:
        from .claims_report import claims_list

        out.extend(claim_blocks(claims_list(result.claims)))
    return out
