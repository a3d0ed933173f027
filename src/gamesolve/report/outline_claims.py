"""The outline of what ``gamesolve check`` and ``gamesolve robustness`` report.

Claim verdicts, stability margins and the sampling study, as format-neutral blocks
(:mod:`.outline_blocks`), built from the JSON-ready forms of :mod:`.claims_report` and
:mod:`.robustness_report`; ``analyze`` adds the same sections (:func:`margins_section`,
:func:`claims_section`, registered in :mod:`.sections`).  Formatting only: nothing here
computes a result.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import AnalysisResult
from ..model import Game
from .common import margin_order, percent
from .outline_blocks import Block, Bullets, Heading, Outline, Para, Section, Table
from .sections import ReportOptions


def _verdict(claim: dict, short: bool) -> str:
    """'SUPPORTED', or 'HOLDS-AS-HEDGED (hedged claim: holds in 2 of 3 cases)'."""
    text = str(claim["status"]).upper()
    held = claim.get("holds_in")
    if claim.get("hedged") and held and claim["status"] in ("contradicted", "holds-as-hedged"):
        only = "" if claim["status"] == "holds-as-hedged" else "only "
        text += (f" (holds in {only}{held['cases']} of {held['of']})" if short else
                 f" (hedged claim: holds in {only}{held['cases']} of {held['of']} cases)")
    return text


GROUPS = (("source", "stated by the source"),
          ("implicit", "added by the encoder (implicit: true)"))


def _summary(claims: Sequence[dict]) -> dict:
    """``ClaimsReport.summary`` rebuilt from the JSON form of the claims."""
    from ..claims import STATUSES

    out = {}
    for group, implicit in (("source", False), ("implicit", True)):
        mine = [c for c in claims if bool(c.get("implicit")) == implicit]
        out[group] = {**{s: sum(1 for c in mine if c["status"] == s) for s in STATUSES},
                      "total": len(mine)}
    return out


def summary_lines(summary: dict) -> list[str]:
    """One line per group of claims (the source's, the encoder's), from
    ``ClaimsReport.summary``; the encoder's line only when it added claims."""
    from ..claims import STATUSES

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
    """Which claims decide the exit status of ``gamesolve check``."""
    if strict:
        return ("With --strict, every claim decides the exit status of gamesolve check"
                " (1 when one is contradicted), the encoder's too.")
    return ("Only the source's claims decide the exit status of gamesolve check (1 when"
            " one is contradicted); --strict counts the encoder's too.")


def claim_blocks(claims: Sequence[dict], level: int = 2, strict: bool = False) -> list[Block]:
    """Verdicts on claims, from their JSON form (``claims_report.claim_dict``): the body
    of a "Claims" section at heading ``level``; ``strict`` as ``check --strict``."""
    out: list[Block] = []
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


SCALE_WORDS = {
    "cardinal": ("Payoff scale: cardinal (the numbers' differences mean something). Stability"
                 " margins measure how far the numbers may move; rank margins how many swaps"
                 " of adjacent outcomes in one player's ranking overturn a conclusion."),
    "ordinal": ("Payoff scale: ordinal (only each player's ranking of the outcomes means"
                " something), so stability margins, which depend on the numbers' spacing,"
                " are not reported: rank margins count the fewest swaps of adjacent outcomes"
                " in one player's ranking that overturn a conclusion (a tie made or broken"
                " counts as one swap). Exact; weakest first."),
}
RANK_HEADERS = ("Rank margin", "Conclusion", "Cheapest change of one ranking")

ORDINAL_SAMPLING = ("Ordinal resampling keeps every player's ranking of the outcomes, and"
                    " pure equilibria, strict dominance by pure strategies and iterated"
                    " elimination by pure strategies depend on nothing else: they hold in"
                    " every sample by construction, so the 100% below is not evidence of"
                    " robustness. How many changes of one ranking would overturn them is"
                    " the rank margin.")


def share(count: int, s, original: bool) -> str:
    """A frequency; under ordinal sampling, an original conclusion's 100% is said to hold by
    construction rather than shown as evidence."""
    text = percent(count, s.samples)
    if s.ordinal and original and count == s.samples:
        return text + " (by construction)"
    return text


def margin_text(m: dict) -> str:
    """'1/2 = 0.5': the exact margin, and its decimal when it is not an integer."""
    exact = m["exact_margin"]
    return exact if "/" not in exact else f"{exact} = {m['margin']:g}"


def margin_blocks(margins: Sequence[dict], scale: str = "cardinal",
                  comparable: bool = True) -> list[Block]:
    """Stability and rank margins, from their JSON form (``robustness_report.margin_dict``):
    the body of a "Stability margins" section; for an ordinal game (``scale``), rank
    margins only; ``comparable`` says whether the payoffs are comparable across players
    (else the list is ordered player by player)."""
    out: list[Block] = []
    if not margins:
        out.append(Para("No strict dominance and no pure equilibrium: no margin to report."))
        return out
    out.append(Para(SCALE_WORDS[scale]))
    if scale != "ordinal":
        out.append(Para("Changing every payoff by less than the margin cannot overturn the"
                        " conclusion; changing them by exactly the margin, in opposite"
                        " directions, can create a tie. " + margin_order(comparable)
                        + " Margin = half the smallest payoff gap the conclusion rests on."))
        rows = tuple((margin_text(m), m["conclusion"], m["binding"]) for m in margins)
        out.append(Table(("Margin", "Conclusion", "Smallest gap"), rows, "lpp", key="margins",
                         wrap=(0.4, 0.35)))
    rows = tuple(("-" if m["rank_margin"] is None else str(m["rank_margin"]), m["conclusion"],
                  m["rank_binding"] or "") for m in margins)
    out.append(Table(RANK_HEADERS, rows, "rpp", key="rank-margins", wrap=(0.35, 0.45)))
    return out


def sampling_blocks(s, game: Game, margins: Sequence = (),
                    scale: str = "cardinal") -> list[Block]:
    """The sampling study (a ``robustness.sampling.SamplingResult``), and which of the
    ``margins`` (``robustness.Margin``) the noise cannot reach (none said for an ordinal
    game, ``scale``, which has no stability margins): the body of a "Sampling" section."""
    if s.ordinal:
        how = "random payoffs that keep each player's ranking of the outcomes (ties kept)"
    else:
        how = f"every payoff plus independent uniform noise in [-{s.noise:g}, {s.noise:g}]"
    out: list[Block] = [Para(f"{s.samples:,} samples: {how}; seed {s.seed}. [original] marks"
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
    if not s.ordinal and margins and scale != "ordinal":
        safe = sum(1 for m in margins if m.margin >= s.noise)
        out.append(Para(
            f"Noise {s.noise:g} cannot overturn a conclusion whose margin is at least"
            f" {s.noise:g} (a perturbation of exactly the margin has probability zero):"
            f" {safe} of the {len(margins)} conclusions above"
            f" {'is' if safe == 1 else 'are'} safe by their margin."))
    return out


def claims_outline(report, game: Game) -> Outline:
    """What ``gamesolve check`` reports (a ``claims.ClaimsReport``), as blocks."""
    from .claims_report import claims_list

    doc = Outline(game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    if game.origin:
        doc.add(Para(game.origin, "File:"))
    doc.add(Section("claims", "Claims",
                    tuple(claim_blocks(claims_list(report), strict=report.strict))))
    return doc


def robustness_outline(report, game: Game) -> Outline:
    """What ``gamesolve robustness`` reports (a ``robustness.RobustnessReport``)."""
    from .robustness_report import margins_list

    doc = Outline(f"Robustness: {game.title or 'Untitled game'}")
    doc.add(Heading(1, doc.title))
    doc.add(Section("margins", "Stability margins",
                    tuple(margin_blocks(margins_list(report.margins, game),
                                        scale=report.payoff_scale,
                                        comparable=game.comparable_across_players))))
    if report.sampling is not None:
        doc.add(Section("sampling", "Sampling",
                        tuple(sampling_blocks(report.sampling, game, report.margins,
                                              report.payoff_scale))))
    return doc


def margins_section(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    """``analyze``'s stability and rank margins (none when there is nothing to report)."""
    if not result.margins:
        return []
    from .robustness_report import margins_list

    return margin_blocks(margins_list(result.margins, result.game),
                         scale=result.game.payoff_scale,
                         comparable=result.game.comparable_across_players)


def claims_section(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    """``analyze``'s verdicts on the game file's claims (none without claims)."""
    if result.claims is None:
        return []
    from .claims_report import claims_list

    return claim_blocks(claims_list(result.claims))
