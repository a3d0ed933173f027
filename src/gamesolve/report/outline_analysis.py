"""The outline of what ``gamesolve analyze`` and ``gamesolve solve`` report.

Built once from an AnalysisResult / EquilibriumSet by :func:`analysis_outline` and
:func:`equilibria_outline` as format-neutral blocks (:mod:`.outline_blocks`) grouped in
named sections (the registry is :mod:`.sections`; the ``*_blocks`` functions here are
its builders), which the text, Markdown, LaTeX and HTML reporters render.  Formatting
only: nothing here computes a result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..analysis import AnalysisResult
from ..model import Game, restriction
from ..solvers.base import EquilibriumSet
from .common import (
    CROSS_PLAYER_CAVEAT,
    NOT_COMPARABLE_NOTE,
    cell_facts,
    cell_label,
    dominant_text,
    dominated_texts,
    dummy_players,
    dummy_sentence,
    equilibrium_rows,
    method_line,
    num,
    payoff_tuple,
    solver_notes,
)
from .outline_blocks import (
    Block,
    Bullets,
    Heading,
    Legend,
    Outline,
    Para,
    PayoffCell,
    Section,
    Table,
)
from .sections import ReportOptions, SectionSpec, selected

MAX_TABLE_PROFILES = 5_000
MAX_BEST_RESPONSE_ROWS = 40
MAX_PARETO_ROWS = 50


def _strategy_text(game: Game, p: int, s: int) -> str:
    st = game.players[p].strategies[s]
    return f"{st.id} ({st.label})" if st.label else st.id


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part) or "game"


def payoff_tables(game: Game, masks: Sequence[np.ndarray], equilibria: set,
                  unmarked: set[int] | None = None) -> list[Block]:
    """One table per profile of the third and further players: rows = first player."""
    if game.n_profiles > MAX_TABLE_PROFILES:
        return [Para(f"(Payoff table omitted: {game.n_profiles:,} profiles.)")]
    names = [p.name for p in game.players]
    if unmarked is None:
        unmarked = {p for p, s in enumerate(game.shape) if s == 1}
    legend = Legend(tuple(names), bool(game.assumed),
                    tuple(game.players[p].name for p in sorted(unmarked)))
    slug = _slug(game.title)

    # a player whose choice is not modelled (one strategy, or a dummy) is not marked
    choosing = [p not in unmarked for p in range(game.n_players)]

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
                         legend if k == len(tails) - 1 else None, True, subtitle=fixed))
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


def player_blocks(result: AnalysisResult, p: int) -> list[Block]:
    game = result.game
    d = result.dominance[p]
    ids = game.players[p].ids
    dummy = p in dummy_players(result)
    facts: list[str | tuple[str, str]] = []
    if d.strictly_dominant is not None:
        facts.append(("Strictly dominant strategy:", dominant_text(game, d)))
    elif d.weakly_dominant is not None:
        facts.append(("Weakly dominant strategy:", ids[d.weakly_dominant]))
    elif game.shape[p] > 1 and not dummy:
        facts.append("No dominant strategy.")
    for note in d.notes:
        facts.append(("Note:", note))
    if game.shape[p] > 1:
        strict, weak = dominated_texts(game, d)
        facts.append(("Strictly dominated:", strict))
        facts.append(("Weakly dominated:", weak))
    if dummy:
        facts.append(("Not a decision-maker here:", dummy_sentence(game, p)))
    else:
        s = result.security[p]
        ties = s.pure_ties or (s.pure_strategy,)
        line = (f"{num(s.pure_level)} with the pure strateg"
                + (f"y {ids[ties[0]]}" if len(ties) == 1
                   else f"ies {', '.join(ids[t] for t in ties)} (tied)"))
        if s.mixed_level is not None and s.mixed_level > s.pure_level:
            mix = " + ".join(f"{num(w)} {ids[i]}" for i, w in enumerate(s.mixed_strategy) if w)
            line += f"; {num(s.mixed_level)} with the mixed strategy {mix}"
            if game.ordinal:
                line += " (a mixed level needs a cardinal reading of the payoffs)"
        facts.append(("Security level (maxmin):", line))
    for q, unpriced in result.unpriced:
        if q == p:
            facts.append(("Not priced by the source:",
                          f"{', '.join(unpriced)} (the analysis cannot compare them)"))
    out: list[Block] = [Heading(3, game.players[p].name), Bullets(tuple(facts))]
    if not dummy:
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


def equilibria_blocks(game: Game, eqs: EquilibriumSet, exact: bool,
                      digits: int = 4) -> list[Block]:
    """The body of the "Nash equilibria" section (its heading comes from the Section)."""
    out: list[Block] = [Para(method_line(eqs))]
    out.extend(Para(note) for note in solver_notes(eqs))
    if eqs.equilibria:
        rows = equilibrium_rows(game, eqs, exact, digits)
        headers = ("#", "(" + ", ".join(p.name for p in game.players) + ")", "Payoffs", "Type",
                   "Verified")
        out.append(Table(headers, tuple(rows), "rpppl",
                         f"Nash equilibria of {game.title or 'the game'}",
                         f"{_slug(game.title)}-equilibria", main=True, wrap=(0.36, 0.16, 0.16)))
    if "value" in eqs.details:
        value = eqs.details.get("exact_value") or eqs.details["value"]
        out.append(Para(f"Value of the zero-sum game: {num(value)}."))
    return out


def cells_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    game = result.game
    if result.cells is None:
        return []
    # cells compare players with one another only when their payoffs share a scale
    out: list[Block] = [Para(CROSS_PLAYER_CAVEAT if game.comparable_across_players
                             else NOT_COMPARABLE_NOTE)]
    first = game.players[0]
    for a, _s in enumerate(first.strategies):
        prefix = chr(ord("A") + a) if a < 26 else str(a + 1)
        out.append(Heading(3, f"{prefix}. {first.name} plays {_strategy_text(game, 0, a)}"))
        items: list[tuple[str, str]] = []
        for cell in (c for c in result.cells if c.profile[0] == a):
            pays = ", ".join(f"{p.name} {num(v)}"
                             for p, v in zip(game.players, cell.payoffs, strict=True))
            text = pays + (" [assumed numbers]" if cell.assumed else "") + "."
            if cell.note:
                text += " Source: " + " ".join(cell.note.split())
            text += " Numbers: " + cell_facts(game, cell)
            label = cell_label(game, cell.profile, prefix)
            items.append((f"{label} {game.format_profile(cell.profile)}:", text))
        out.append(Bullets(tuple(items)))
    return out


def overview_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    game = result.game
    out: list[Block] = []
    if game.source:
        out.append(Para(" ".join(game.source.split()), "Source:"))
    dims = " x ".join(str(s) for s in game.shape)
    out.append(Para(f"{game.n_players} players, {dims} strategies, {game.n_profiles:,}"
                    " profiles."))
    restricted = restriction(game)
    if restricted:
        fixed = "; ".join(f"{game.players[p].name} to {', '.join(ids)}"
                          for p, ids in restricted.items())
        out.append(Para(f"{fixed}. Everything below is about this restricted game, not the"
                        " whole game.", "Sub-game (--fix):"))
    out.extend(Para(p) for p in _paragraphs(game.description))
    return out


def strategies_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    game = result.game
    out: list[Block] = []
    described = tuple((f"{p.name}:", " ".join(p.description.split()))
                      for p in game.players if p.description)
    if described:
        out.append(Bullets(described))
    out.append(strategies_table(game))
    if any(p.unpriced for p in game.players):
        out.append(Para('Strategies marked "no" under Priced are described by the source but'
                        " given no payoffs: they are not part of the game analysed here."))
    return out


def payoff_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    return payoff_tables(result.game, result.best_responses,
                         {e.profile for e in result.pure.equilibria}, dummy_players(result))


def players_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    out: list[Block] = []
    for p in range(result.game.n_players):
        out.extend(player_blocks(result, p))
    return out


def equilibria_section(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    return equilibria_blocks(result.game, result.equilibria, options.exact, options.digits)


def pareto_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    game = result.game
    if result.pareto_optimal is None:
        return [Para("(Not computed: too many profiles.)")]
    rows = tuple((game.format_profile(p), payoff_tuple(game, p)) for p in result.pareto_optimal)
    out: list[Block] = [Para(f"{len(rows)} of {game.n_profiles:,} pure outcomes are Pareto"
                             " optimal" + (f"; the first {MAX_PARETO_ROWS} are listed."
                                           if len(rows) > MAX_PARETO_ROWS else "."))]
    if rows:
        out.append(Table(("Profile", "Payoffs"), rows[:MAX_PARETO_ROWS], "ll",
                         key=f"{_slug(game.title)}-pareto"))
    return out


def elimination_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    game = result.game
    el = result.elimination
    if not el.steps:
        return [Para("No strategy is strictly dominated: nothing is eliminated.")]
    steps = []
    for step in el.steps:
        by = " + ".join(f"{num(w)} {t}" if w != 1 else t for t, w in step.by)
        steps.append((f"Round {step.round}:",
                      (f"{game.players[step.player].name} drops {step.strategy}"
                       f" (strictly dominated by {by})")))
    surviving = "; ".join(f"{game.players[p].name}: {', '.join(ids)}"
                          for p, ids in enumerate(el.surviving))
    return [Bullets(tuple(steps)),
            Para(surviving + (" (the game is dominance-solvable)." if el.solved else "."),
                 "Surviving strategies:")]


def weak_elimination_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    """``analyze --eliminate weak``: the steps, the order used and its caveat (nothing
    without --eliminate weak, so the section is left out)."""
    el = result.weak_elimination
    if el is None:
        return []
    from ..solvers.dominance import WEAK_ORDERS

    game = result.game
    out: list[Block] = [Para(f"the result can depend on the order of elimination, and weak"
                             f" elimination can remove Nash equilibria. Order used:"
                             f" {el.order} ({WEAK_ORDERS[el.order]}).", "Caution:")]
    if not el.steps:
        out.append(Para("No strategy is weakly dominated: nothing is eliminated."))
        return out
    steps = []
    for step in el.steps:
        by = " + ".join(f"{num(w)} {t}" if w != 1 else t for t, w in step.by)
        steps.append((f"Round {step.round}:", f"{game.players[step.player].name} drops"
                      f" {step.strategy} (weakly dominated by {by})"))
    out.append(Bullets(tuple(steps)))
    surviving = "; ".join(f"{game.players[p].name}: {', '.join(ids)}"
                          for p, ids in enumerate(el.surviving))
    out.append(Para(surviving + (" (solved by weak dominance)." if el.solved else "."),
                    "Surviving strategies:"))
    out.extend(Para(note[0].upper() + note[1:] + ".", "Order check:") for note in el.notes)
    return out


def conclusion_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    return [Bullets(tuple(result.conclusion))] if result.conclusion else []


def warnings_blocks(result: AnalysisResult, options: ReportOptions) -> list[Block]:
    return [Bullets(tuple(result.warnings))] if result.warnings else []


def build_sections(specs: Sequence[SectionSpec], *args) -> list[Section]:
    """The sections that have something to say, each built by its registered builder."""
    out = []
    for spec in specs:
        blocks = spec.build()(*args)
        if blocks:
            out.append(Section(spec.name, spec.title, tuple(blocks)))
    return out


def analysis_outline(result: AnalysisResult, exact: bool = False, digits: int = 4,
                     sections: Sequence[str] | None = None) -> Outline:
    """Everything ``gamesolve analyze`` reports (or the ``sections`` named), as one
    document of format-neutral blocks."""
    doc = Outline(result.game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    doc.add(*build_sections(selected(sections), result, ReportOptions(exact, digits)))
    return doc


def game_outline_head(game: Game) -> Outline:
    """A command's outline opened with the game's title, the --fix sub-game line (when the
    game is one) and its payoff scale: the head ``solve`` and ``sequential`` share."""
    from ..summary import scale_sentence

    doc = Outline(game.title or "Untitled game")
    doc.add(Heading(1, doc.title))
    restricted = restriction(game)
    if restricted:
        fixed = "; ".join(f"{game.players[p].name} to {', '.join(ids)}"
                          for p, ids in restricted.items())
        doc.add(Para(fixed + ".", "Sub-game (--fix):"))
    doc.add(Para(scale_sentence(game)))
    return doc


def equilibria_outline(game: Game, eqs: EquilibriumSet, exact: bool = False,
                       digits: int = 4) -> Outline:
    """What ``gamesolve solve`` reports, as format-neutral blocks."""
    doc = game_outline_head(game)
    doc.add(Section("equilibria", "Nash equilibria",
                    tuple(equilibria_blocks(game, eqs, exact, digits))))
    if eqs.warnings:
        doc.add(Section("warnings", "Warnings", (Bullets(tuple(eqs.warnings)),)))
    return doc
