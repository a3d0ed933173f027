"""Text and JSON rendering of robustness results (:mod:`gamesolve.robustness`).
Formatting only."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..model import Game
from ..robustness import Margin, RobustnessReport, payoff_scale
from .json_report import SCHEMA_VERSION, exact_str, game_header, number, profile_dict
from .table import simple_table

if TYPE_CHECKING:
    from ..robustness.sampling import SamplingResult

WIDTH = 88


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH)


def _num(x: Fraction) -> str:
    return exact_str(x) + ("" if x.denominator == 1 else f" = {float(x):g}")


def percent(count: int, total: int) -> str:
    """A share as a percentage that never rounds a 'some' to 'all' or 'none'."""
    if count == total:
        return "100%"
    if count == 0:
        return "0%"
    value = 100 * count / total
    if value >= 99.95:
        return ">99.9%"
    if value < 0.05:
        return "<0.1%"
    return f"{value:.1f}%"


# ---------------------------------------------------------------------- text
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


def rank_cell(m: Margin) -> str:
    return "-" if m.rank_margin is None else str(m.rank_margin)


def render_margins(margins: Sequence[Margin], game: Game, heading: bool = True) -> str:
    """The stability-margins table (also ``analyze``'s short robustness section), with
    rank margins; for an ordinal game, rank margins only."""
    out = ["Stability margins", "================="] if heading else []
    if not margins:
        out.append("No strict dominance and no pure equilibrium: no margin to report.")
        return "\n".join(out) + "\n"
    scale = payoff_scale(game)
    out.append(_wrap(SCALE_WORDS[scale]))
    out.append("")
    if scale != "ordinal":
        out.append(_wrap("Changing every payoff by less than the margin cannot overturn the"
                         " conclusion; changing them by exactly the margin, in opposite"
                         " directions, can create a tie. Exact; weakest first. Margin = half"
                         " the smallest payoff gap the conclusion rests on."))
        out.append("")
        rows = [[_num(m.margin), m.conclusion, m.binding] for m in margins]
        out.append(simple_table(rows, ["margin", "conclusion", "smallest gap"]))
        out.append("")
    rows = [[rank_cell(m), m.conclusion, m.rank_binding] for m in margins]
    out.append(simple_table(rows, [h.lower() for h in RANK_HEADERS]))
    return "\n".join(out) + "\n"


ORDINAL_SAMPLING = ("Ordinal resampling keeps every player's ranking of the outcomes, and"
                    " pure equilibria, strict dominance by pure strategies and iterated"
                    " elimination by pure strategies depend on nothing else: they hold in"
                    " every sample by construction, so the 100% below is not evidence of"
                    " robustness. How many changes of one ranking would overturn them is"
                    " the rank margin.")


def share(count: int, s: SamplingResult, original: bool) -> str:
    """A frequency; under ordinal sampling, an original conclusion's 100% is said to hold by
    construction rather than shown as evidence."""
    text = percent(count, s.samples)
    if s.ordinal and original and count == s.samples:
        return text + " (by construction)"
    return text


def render_sampling(s: SamplingResult, game: Game) -> str:
    out = ["Sampling", "========"]
    if s.ordinal:
        how = ("random payoffs that keep each player's ranking of the outcomes (ties kept)")
    else:
        how = f"every payoff plus independent uniform noise in [-{s.noise:g}, {s.noise:g}]"
    out.append(_wrap(f"{s.samples:,} samples: {how}; seed {s.seed}. [original] marks a"
                     " conclusion of the unperturbed game."))
    if s.ordinal:
        out.append(_wrap(ORDINAL_SAMPLING))
    out.append("")
    rows = [[game.format_profile(e.profile) + (" [original]" if e.original else ""),
             share(e.count, s, e.original), share(e.unique_count or 0, s, e.original)]
            for e in s.equilibria]
    rows.append(["no pure equilibrium", percent(s.no_pure_equilibrium, s.samples), ""])
    out.append(simple_table(rows, ["pure equilibrium", "in samples", "as the only one"]))
    out.append("")
    rows = [[f"{game.players[d.player].name}: {game.players[d.player].ids[d.strategy]}"
             + (" [original]" if d.original else ""), share(d.count, s, d.original)]
            for d in s.dominance]
    if rows:
        out.append(simple_table(rows, ["strictly dominant strategy", "in samples"]))
    else:
        out.append("No strictly dominant strategy, in the game or in any sample.")
    out.append("")
    rows = [[game.format_profile(e.profile) + (" [original]" if e.original else ""),
             share(e.count, s, e.original)] for e in s.elimination]
    rows.append(["more than one profile survives", percent(s.not_solvable, s.samples)])
    out.append(simple_table(rows, ["iterated elimination leaves only", "in samples"]))
    out.append(_wrap("(Elimination in samples uses dominance by pure strategies only.)"))
    return "\n".join(out) + "\n"


def render_robustness(report: RobustnessReport, game: Game) -> str:
    """The output of ``gamesolve robustness``."""
    title = game.title or "Untitled game"
    parts = [f"Robustness: {title}", "", render_margins(report.margins, game)]
    s = report.sampling
    if s is not None:
        parts += ["", render_sampling(s, game)]
        if not s.ordinal and report.margins and report.payoff_scale != "ordinal":
            safe = sum(1 for m in report.margins if m.margin >= s.noise)
            parts.append("")
            parts.append(_wrap(
                f"Noise {s.noise:g} cannot overturn a conclusion whose margin is at least"
                f" {s.noise:g} (a perturbation of exactly the margin has probability zero):"
                f" {safe} of the {len(report.margins)} conclusions above"
                f" {'is' if safe == 1 else 'are'} safe by their margin.") + "\n")
    return "\n".join(p.rstrip("\n") if i < len(parts) - 1 else p
                     for i, p in enumerate(parts))


# ---------------------------------------------------------------------- JSON
def margin_dict(m: Margin, game: Game) -> dict[str, Any]:
    """One conclusion's margins; the stability margin is null for an ordinal game."""
    cardinal = payoff_scale(game) != "ordinal"
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
