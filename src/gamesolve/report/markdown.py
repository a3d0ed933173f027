"""Markdown report (GitHub tables), and the format-neutral outline the rich reporters share.

The outline is a list of blocks (headings, paragraphs, bullet lists, tables whose payoff
cells know which numbers are best responses and whether the cell is an equilibrium).
It is built once from an AnalysisResult / EquilibriumSet by :func:`analysis_outline` and
:func:`equilibria_outline`; :mod:`.markdown`, :mod:`.latex` and :mod:`.html` only render
it, each escaping text its own way.  Formatting only: nothing here computes a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..analysis import AnalysisResult, CellReading
from ..model import Game
from ..solvers.base import EquilibriumSet
from .common import equilibrium_payoffs, equilibrium_profile, num, players_list

MAX_TABLE_PROFILES = 5_000
MAX_BEST_RESPONSE_ROWS = 40
MAX_PARETO_ROWS = 50

# ---------------------------------------------------------------------------- outline


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the title
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a bold lead-in such as "Source:"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str | tuple[str, str], ...]  # text, or (bold lead, text)


@dataclass(frozen=True)
class PayoffCell:
    """One pure profile's payoffs in a payoff table."""

    values: tuple[str, ...]
    best: tuple[bool, ...]  # values[p] is a best response of player p
    equilibrium: bool = False
    assumed: bool = False


Cell = str | PayoffCell


@dataclass(frozen=True)
class Legend:
    """What a payoff table's marks mean; each renderer words it for its own marks."""

    players: tuple[str, ...]
    assumed: bool
    unmarked: tuple[str, ...] = ()  # players with a single strategy: nothing to mark

    def sentence(self, best: str, equilibrium: str) -> str:
        alone = ""
        if self.unmarked:
            names = self.unmarked
            alone = (f" ({', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}"
                     f"{names[-1]} {'has' if len(names) == 1 else 'have'} a single strategy,"
                     " not marked)")
        return (f"Cells: ({', '.join(self.players)}). {best} is a best response of that"
                f" player to the others' strategies{alone}; {equilibrium} is a pure Nash"
                " equilibrium"
                + ("; (a): numbers assumed, not from the source" if self.assumed else "")
                + ".")


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: str = ""  # one of l, c, r, p (wrapped text) per column; default all l
    caption: str = ""
    key: str = ""  # a short identifier (LaTeX \label, HTML id)
    legend: Legend | None = None  # for payoff tables: printed under the table
    main: bool = False  # a principal table (payoffs, equilibria): a float in LaTeX
    wrap: tuple[float, ...] = ()  # widths of the p columns (fractions of the line)


Block = Heading | Para | Bullets | Table


@dataclass
class Outline:
    title: str
    blocks: list = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def _strategy_text(game: Game, p: int, s: int) -> str:
    st = game.players[p].strategies[s]
    return f"{st.id} ({st.label})" if st.label else st.id


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part) or "game"


def payoff_tables(game: Game, masks: Sequence[np.ndarray], equilibria: set) -> list[Block]:
    """One table per profile of the third and further players: rows = first player."""
    if game.n_profiles > MAX_TABLE_PROFILES:
        return [Para(f"(Payoff table omitted: {game.n_profiles:,} profiles.)")]
    names = [p.name for p in game.players]
    legend = Legend(tuple(names), bool(game.assumed),
                    tuple(p.name for p in game.players if len(p.strategies) == 1))
    slug = _slug(game.title)

    choosing = [s > 1 for s in game.shape]  # a player with one strategy is not marked

    def cell(prof) -> PayoffCell:
        return PayoffCell(tuple(num(v) for v in game.exact_payoffs(prof)),
                          tuple(bool(m[prof]) and c
                                for m, c in zip(masks, choosing, strict=True)),
                          prof in equilibria, prof in game.assumed)

    if game.n_players == 1:
        rows = tuple((s.id, cell((i,))) for i, s in enumerate(game.players[0].strategies))
        return [Table((names[0], "payoff"), rows, "lc", "Payoffs", f"{slug}-payoffs", legend,
                      True)]
    out: list[Block] = []
    rest = game.shape[2:]
    tails = list(np.ndindex(*rest))
    for k, tail in enumerate(tails):
        fixed = ", ".join(f"{game.players[2 + j].name} = {game.players[2 + j].strategies[i].id}"
                          for j, i in enumerate(tail))
        caption = f"Payoffs of {game.title or 'the game'}" + (f", {fixed}" if fixed else "")
        headers = (f"{names[0]} \\ {names[1]}", *tuple(game.players[1].ids))
        rows = tuple((s.id, *tuple(cell((a, b, *tuple(tail))) for b in range(game.shape[1])))
                     for a, s in enumerate(game.players[0].strategies))
        out.append(Table(headers, rows, "l" + "c" * game.shape[1], caption,
                         f"{slug}-payoffs" + (f"-{k + 1}" if len(tails) > 1 else ""),
                         legend if k == len(tails) - 1 else None, True))
    return out


def strategies_table(game: Game) -> Table:
    any_unpriced = any(p.unpriced for p in game.players)
    rows = []
    for player in game.players:
        for s in player.strategies:
            rows.append((player.name, s.id, s.label, s.description)
                        + (("yes",) if any_unpriced else ()))
        for s in player.unpriced:
            rows.append((player.name, s.id, s.label, s.description, "no"))
    headers = ("Player", "Strategy", "Label", "Description") + (("Priced",) if any_unpriced
                                                               else ())
    return Table(headers, tuple(rows), "llpp" + ("l" if any_unpriced else ""),
                 f"Strategies of {game.title or 'the game'}",
                 key=f"{_slug(game.title)}-strategies", main=True, wrap=(0.2, 0.34))


def _by(game: Game, p: int, by) -> str:
    return " + ".join(f"{num(w)} {game.players[p].strategies[t].id}" if w != 1
                      else game.players[p].strategies[t].id for t, w in by)


def player_blocks(result: AnalysisResult, p: int) -> list[Block]:
    game = result.game
    d = result.dominance[p]
    ids = game.players[p].ids
    facts: list[str | tuple[str, str]] = []
    if d.strictly_dominant is not None:
        facts.append(("Strictly dominant strategy:",
                      (f"{ids[d.strictly_dominant]} (better than every alternative by at least"
                       f" {num(d.dominant_gap)})")))
    elif d.weakly_dominant is not None:
        facts.append(("Weakly dominant strategy:", ids[d.weakly_dominant]))
    elif game.shape[p] > 1:
        facts.append("No dominant strategy.")
    for note in d.notes:
        facts.append(("Note:", note))
    for label, items in (("Strictly dominated:", d.strictly_dominated),
                         ("Weakly dominated:", d.weakly_dominated)):
        if items:
            parts = [f"{ids[x.strategy]} (by {_by(game, p, x.by)}"
                     + (f", by at least {num(x.gap)})" if x.strict else ")") for x in items]
            facts.append((label, "; ".join(parts)))
        elif game.shape[p] > 1:
            facts.append((label, "none"))
    s = result.security[p]
    line = f"{num(s.pure_level)} with the pure strategy {ids[s.pure_strategy]}"
    if s.mixed_level is not None and s.mixed_level > s.pure_level:
        mix = " + ".join(f"{num(w)} {ids[i]}" for i, w in enumerate(s.mixed_strategy) if w)
        line += f"; {num(s.mixed_level)} with the mixed strategy {mix}"
    facts.append(("Security level (maxmin):", line))
    for q, unpriced in result.unpriced:
        if q == p:
            facts.append(("Not priced by the source:",
                          f"{', '.join(unpriced)} (the analysis cannot compare them)"))
    out: list[Block] = [Heading(3, game.players[p].name), Bullets(tuple(facts))]
    out.extend(best_response_blocks(result, p))
    return out


def best_response_blocks(result: AnalysisResult, p: int) -> list[Block]:
    game = result.game
    others = [q for q in range(game.n_players) if q != p]
    if not others or game.shape[p] == 1:
        return []
    mask = np.moveaxis(result.best_responses[p], p, -1)
    opp_shape = mask.shape[:-1]
    if int(np.prod(opp_shape)) > MAX_BEST_RESPONSE_ROWS:
        return [Para("Best responses: omitted (too many opponent profiles; see --format"
                     " json).")]
    rows = []
    for opp in np.ndindex(*opp_shape):
        opp_ids = ", ".join(game.players[q].strategies[i].id
                            for q, i in zip(others, opp, strict=True))
        best = ", ".join(game.players[p].strategies[i].id for i in np.flatnonzero(mask[opp]))
        rows.append((f"({opp_ids})", best))
    header = "(" + ", ".join(game.players[q].name for q in others) + ") play"
    return [Table((header, f"{game.players[p].name}'s best response"), tuple(rows), "ll",
                  key=f"{_slug(game.title)}-br-{p + 1}")]


def equilibria_blocks(game: Game, eqs: EquilibriumSet, exact: bool) -> list[Block]:
    done = "complete" if eqs.complete else "NOT guaranteed complete"
    count = len(eqs.equilibria)
    out: list[Block] = [Heading(2, "Nash equilibria"),
                        Para(f"Method: {eqs.method} ({done}). {count} equilibri"
                             f"{'um' if count == 1 else 'a'} found.")]
    for key in ("eliminated", "reduced"):  # how the solver simplified the game first
        note = eqs.details.get(key)
        if isinstance(note, str) and note:
            out.append(Para(note[0].upper() + note[1:] + "."))
    if eqs.equilibria:
        rows = []
        for i, e in enumerate(eqs.equilibria, 1):
            kind = "pure" + (", strict" if e.strict else "") if e.pure else "mixed"
            if e.component is not None and eqs.components:
                kind += f", component {e.component + 1}"
            cert = "exact" if e.exact is not None else f"regret {e.regret:.1e}"
            rows.append((str(i), equilibrium_profile(game, e, exact),
                         equilibrium_payoffs(e, exact), kind, cert))
        headers = ("#", "(" + ", ".join(p.name for p in game.players) + ")", "Payoffs", "Type",
                   "Verified")
        out.append(Table(headers, tuple(rows), "rpppl",
                         f"Nash equilibria of {game.title or 'the game'}",
                         f"{_slug(game.title)}-equilibria", main=True, wrap=(0.36, 0.16, 0.16)))
    if "value" in eqs.details:
        value = eqs.details.get("exact_value") or eqs.details["value"]
        out.append(Para(f"Value of the zero-sum game: {num(value)}."))
    return out


def cell_facts(game: Game, cell: CellReading) -> str:
    facts = []
    if cell.gains_most:
        facts.append(f"{players_list(game, cell.gains_most)}"
                     f" gain{'s' if len(cell.gains_most) == 1 else ''} most here,"
                     f" {players_list(game, cell.gains_least)} least.")
    else:
        facts.append("All players get the same payoff here.")
    if cell.best_for:
        facts.append(f"Best outcome in the game for {players_list(game, cell.best_for)}.")
    if cell.worst_for:
        facts.append(f"Worst outcome in the game for {players_list(game, cell.worst_for)}.")
    if cell.equilibrium:
        facts.append("No player gains by deviating alone: a Nash equilibrium.")
    for dev in cell.deviations:
        facts.append(f"{game.players[dev.player].name} would deviate to"
                     f" {game.players[dev.player].strategies[dev.to].id} (+{num(dev.gain)}).")
    if cell.pareto_optimal is False:
        facts.append("Pareto-dominated.")
    elif cell.pareto_optimal:
        facts.append("Pareto optimal.")
    return " ".join(facts)


def cell_blocks(result: AnalysisResult) -> list[Block]:
    game = result.game
    out: list[Block] = [Heading(2, "Cell by cell")]
    first = game.players[0]
    for a, _s in enumerate(first.strategies):
        prefix = chr(ord("A") + a) if a < 26 else str(a + 1)
        out.append(Heading(3, f"{prefix}. {first.name} plays {_strategy_text(game, 0, a)}"))
        items: list[tuple[str, str]] = []
        for k, cell in enumerate((c for c in result.cells if c.profile[0] == a), 1):
            pays = ", ".join(f"{p.name} {num(v)}"
                             for p, v in zip(game.players, cell.payoffs, strict=True))
            text = pays + (" [assumed numbers]" if cell.assumed else "") + "."
            if cell.note:
                text += " Source: " + " ".join(cell.note.split())
            text += " Numbers: " + cell_facts(game, cell)
            items.append((f"{prefix}.{k} {game.format_profile(cell.profile)}:", text))
        out.append(Bullets(tuple(items)))
    return out


def analysis_outline(result: AnalysisResult, exact: bool = False) -> Outline:
    """Everything ``gamesolve analyze`` reports, as format-neutral blocks."""
    game = result.game
    doc = Outline(game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    if game.source:
        doc.add(Para(" ".join(game.source.split()), "Source:"))
    dims = " x ".join(str(s) for s in game.shape)
    doc.add(Para(f"{game.n_players} players, {dims} strategies, {game.n_profiles:,} profiles."))
    doc.add(*(Para(p) for p in _paragraphs(game.description)))
    doc.add(Heading(2, "Strategies"))
    described = tuple((f"{p.name}:", " ".join(p.description.split()))
                      for p in game.players if p.description)
    if described:
        doc.add(Bullets(described))
    doc.add(strategies_table(game))
    if any(p.unpriced for p in game.players):
        doc.add(Para('Strategies marked "no" under Priced are described by the source but'
                     " given no payoffs: they are not part of the game analysed here."))
    doc.add(Heading(2, "Payoff table"))
    doc.add(*payoff_tables(game, result.best_responses,
                           {e.profile for e in result.pure.equilibria}))
    doc.add(Heading(2, "Players"))
    for p in range(game.n_players):
        doc.add(*player_blocks(result, p))
    doc.add(*equilibria_blocks(game, result.equilibria, exact))
    doc.add(Heading(2, "Pareto-optimal outcomes"))
    if result.pareto_optimal is None:
        doc.add(Para("(Not computed: too many profiles.)"))
    else:
        rows = tuple((game.format_profile(p), "(" + ", ".join(num(v) for v in
                                                               game.exact_payoffs(p)) + ")")
                     for p in result.pareto_optimal)
        doc.add(Para(f"{len(rows)} of {game.n_profiles:,} pure outcomes are Pareto optimal"
                     + (f"; the first {MAX_PARETO_ROWS} are listed." if len(rows) >
                        MAX_PARETO_ROWS else ".")))
        if rows:
            doc.add(Table(("Profile", "Payoffs"), rows[:MAX_PARETO_ROWS], "ll",
                          key=f"{_slug(game.title)}-pareto"))
    doc.add(Heading(2, "Iterated elimination of strictly dominated strategies"))
    el = result.elimination
    if not el.steps:
        doc.add(Para("No strategy is strictly dominated: nothing is eliminated."))
    else:
        steps = []
        for step in el.steps:
            by = " + ".join(f"{num(w)} {t}" if w != 1 else t for t, w in step.by)
            steps.append((f"Round {step.round}:",
                          (f"{game.players[step.player].name} drops {step.strategy}"
                           f" (strictly dominated by {by})")))
        doc.add(Bullets(tuple(steps)))
        surviving = "; ".join(f"{game.players[p].name}: {', '.join(ids)}"
                              for p, ids in enumerate(el.surviving))
        doc.add(Para(surviving + (" (the game is dominance-solvable)." if el.solved else "."),
                     "Surviving strategies:"))
    doc.add(*extra_blocks(result))
    if result.cells is not None:
        doc.add(*cell_blocks(result))
    doc.add(Heading(2, "Conclusion"), Bullets(tuple(result.conclusion)))
    if result.warnings:
        doc.add(Heading(2, "Warnings"), Bullets(tuple(result.warnings)))
    return doc


def _verdict(claim: dict, short: bool) -> str:
    """'SUPPORTED', or 'CONTRADICTED (hedged claim: holds in 2 of 3 cases)'."""
    text = str(claim["status"]).upper()
    held = claim.get("holds_in")
    if claim["status"] == "contradicted" and claim.get("hedged") and held:
        text += (f" (holds in {held['cases']} of {held['of']})" if short else
                 f" (hedged claim: holds in {held['cases']} of {held['of']} cases)")
    return text


def claim_blocks(claims: Sequence[dict], level: int = 2) -> list[Block]:
    """Verdicts on claims, from their JSON form (``claims_report.claim_dict``)."""
    counts = {s: sum(1 for c in claims if c["status"] == s)
              for s in ("supported", "contradicted", "untestable")}
    n = len(claims)
    out: list[Block] = [Heading(level, "Claims")]
    if not claims:
        out.append(Para("The game file states no claims (add a 'claims:' list to check"
                        " some)."))
        return out
    out.append(Para(f"{n} claim{'s' if n != 1 else ''}: "
                    + ", ".join(f"{v} {k}" for k, v in counts.items()) + "."))
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
        out.append(Heading(level + 1, f"{i}. {_verdict(c, short=False)}"))
        out.append(Bullets(tuple(items)))
    return out


def margin_blocks(margins: Sequence[dict], level: int = 2) -> list[Block]:
    """Stability margins, from their JSON form (``robustness_report.margin_dict``)."""
    out: list[Block] = [Heading(level, "Stability margins")]
    if not margins:
        out.append(Para("No strict dominance and no pure equilibrium: no margin to report."))
        return out
    out.append(Para("Changing every payoff by less than the margin cannot overturn the"
                    " conclusion; changing them by exactly the margin, in opposite"
                    " directions, can create a tie. Exact; weakest first. Margin = half the"
                    " smallest payoff gap the conclusion rests on."))
    rows = tuple((m["exact_margin"], m["conclusion"], m["binding"]) for m in margins)
    out.append(Table(("Margin", "Conclusion", "Smallest gap"), rows, "lpp", key="margins",
                     wrap=(0.4, 0.35)))
    return out


def sampling_blocks(s, game: Game, level: int = 2) -> list[Block]:
    """The sampling study (a ``robustness_sampling.SamplingResult``)."""
    from .robustness_report import percent

    if s.ordinal:
        how = "random payoffs that keep each player's ranking of the outcomes (ties kept)"
    else:
        how = f"every payoff plus independent uniform noise in [-{s.noise:g}, {s.noise:g}]"
    out: list[Block] = [Heading(level, "Sampling"),
                        Para(f"{s.samples:,} samples: {how}; seed {s.seed}. [original] marks"
                             " a conclusion of the unperturbed game.")]
    fmt = game.format_profile
    rows = [(fmt(e.profile) + (" [original]" if e.original else ""),
             percent(e.count, s.samples), percent(e.unique_count or 0, s.samples))
            for e in s.equilibria]
    rows.append(("no pure equilibrium", percent(s.no_pure_equilibrium, s.samples), ""))
    out.append(Table(("Pure equilibrium", "In samples", "As the only one"), tuple(rows),
                     "lrr", key="sampling-equilibria"))
    rows = [(f"{game.players[d.player].name}: {game.players[d.player].ids[d.strategy]}"
             + (" [original]" if d.original else ""), percent(d.count, s.samples))
            for d in s.dominance]
    if rows:
        out.append(Table(("Strictly dominant strategy", "In samples"), tuple(rows), "lr",
                         key="sampling-dominance"))
    else:
        out.append(Para("No strictly dominant strategy, in the game or in any sample."))
    rows = [(fmt(e.profile) + (" [original]" if e.original else ""),
             percent(e.count, s.samples)) for e in s.elimination]
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
    doc.add(*claim_blocks(claims_list(report)))
    return doc


def robustness_outline(report, game: Game) -> Outline:
    """What ``gamesolve robustness`` reports (a ``robustness.RobustnessReport``)."""
    from .robustness_report import margins_list

    doc = Outline(f"Robustness: {game.title or 'Untitled game'}")
    doc.add(Heading(1, doc.title))
    doc.add(*margin_blocks(margins_list(report.margins, game)))
    if report.sampling is not None:
        doc.add(*sampling_blocks(report.sampling, game))
    return doc


def extra_blocks(result: AnalysisResult) -> list[Block]:
    """The stability-margins and claims sections ``analyze`` adds (as the text report)."""
    out: list[Block] = []
    game = result.game
    if result.margins:
        from .robustness_report import margins_list

        out.extend(margin_blocks(margins_list(result.margins, game)))
    if result.claims is not None:
        from .claims_report import claims_list

        out.extend(claim_blocks(claims_list(result.claims)))
    return out


def equilibria_outline(game: Game, eqs: EquilibriumSet, exact: bool = False) -> Outline:
    """What ``gamesolve solve`` reports, as format-neutral blocks."""
    doc = Outline(game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    doc.add(*equilibria_blocks(game, eqs, exact))
    if eqs.warnings:
        doc.add(Heading(2, "Warnings"), Bullets(tuple(eqs.warnings)))
    return doc


# ---------------------------------------------------------------------------- Markdown

_MD_SPECIAL = set("\\`*_[]<>|#~")


def escape(text: str) -> str:
    """Text that Markdown shows literally (one line: newlines become spaces).

    >>> escape("a_b | *c* <d>")
    'a\\\\_b \\\\| \\\\*c\\\\* \\\\<d\\\\>'
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in " ".join(text.split()))


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return escape(cell)
    parts = [escape(v) + ("\\*" if b else "") for v, b in zip(cell.values, cell.best, strict=True)]
    text = "(" + ", ".join(parts) + ")"
    if cell.equilibrium:
        text = f"**{text}** NE"
    if cell.assumed:
        text += " (a)"
    return text


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + escape(block.text)
    if isinstance(block, Para):
        lead = f"**{escape(block.lead)}** " if block.lead else ""
        return lead + escape(block.text)
    if isinstance(block, Bullets):
        lines = []
        for item in block.items:
            if isinstance(item, tuple):
                lines.append(f"- **{escape(item[0])}** {escape(item[1])}")
            else:
                lines.append(f"- {escape(item)}")
        return "\n".join(lines)
    if isinstance(block, Table):
        align = block.align or "l" * len(block.headers)
        rule = {"l": ":--", "c": ":-:", "r": "--:", "p": ":--"}
        lines = []
        if block.caption and block.main:
            lines.append(f"*{escape(block.caption)}*\n")
        lines.append("| " + " | ".join(escape(h) for h in block.headers) + " |")
        lines.append("|" + "|".join(rule[a] for a in align) + "|")
        for row in block.rows:
            lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        if block.legend:
            lines.append("\n" + escape(block.legend.sentence(
                "A number followed by *", "a bold cell marked NE")))
        return "\n".join(lines)
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover


def render_outline(doc: Outline) -> str:
    return "\n\n".join(_md_block(b) for b in doc.blocks) + "\n"


def render_analysis(result: AnalysisResult, exact: bool = False) -> str:
    """The analysis as a GitHub-flavoured Markdown document."""
    return render_outline(analysis_outline(result, exact))


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False) -> str:
    """The equilibria as GitHub-flavoured Markdown."""
    return render_outline(equilibria_outline(game, eqs, exact))


def render_check(report, game: Game) -> str:
    """Claim verdicts (``gamesolve check``) as GitHub-flavoured Markdown."""
    return render_outline(claims_outline(report, game))


def render_robustness(report, game: Game) -> str:
    """Robustness results (``gamesolve robustness``) as GitHub-flavoured Markdown."""
    return render_outline(robustness_outline(report, game))


__all__ = [
    "analysis_outline",
    "claims_outline",
    "equilibria_outline",
    "escape",
    "render_analysis",
    "render_check",
    "render_equilibria",
    "render_outline",
    "render_robustness",
    "robustness_outline",
]
