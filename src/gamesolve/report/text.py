"""Plain-text report in the paper's layout (tabulate-style tables).  Formatting only."""

from __future__ import annotations

import string
import textwrap

import numpy as np

from ..analysis import AnalysisResult, CellReading
from ..model import Game, restriction
from ..solvers.base import EquilibriumSet
from .common import (
    CROSS_PLAYER_CAVEAT,
    NOT_COMPARABLE_NOTE,
    cell_facts,
    decimal,
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
from .outline_referee import SECTIONS_END, SECTIONS_MIDDLE, SECTIONS_TOP
from .table import simple_table

MAX_TABLE_PROFILES = 5_000
MAX_BEST_RESPONSE_ROWS = 40
WIDTH = 88


def heading(title: str, char: str = "=") -> str:
    return f"{title}\n{char * len(title)}"


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH,
                         initial_indent=indent if first is None else first,
                         subsequent_indent=indent)


def payoff_tables(game: Game, masks, equilibria: set, unmarked: frozenset = frozenset()
                  ) -> list[str]:
    """One table per profile of the third and further players: rows = first player."""
    if game.n_profiles > MAX_TABLE_PROFILES:
        return [f"(payoff table omitted: {game.n_profiles:,} profiles)"]
    names = [p.name for p in game.players]
    legend = ("Cells: (" + ", ".join(names) + "); * marks a best response of that player"
              " to the others' strategies"
              + (f" ({', '.join(game.players[p].name for p in sorted(unmarked))}: choice not"
                 " modelled, not marked)" if unmarked else "")
              + "; [NE] a pure Nash equilibrium"
              + ("; (a) numbers assumed, not from the source" if game.assumed else "") + ".")
    out = [wrap(legend)]
    if game.n_players == 1:
        rows = [[s.id, payoff_tuple(game, (i,), [masks[0][i]])]
                for i, s in enumerate(game.players[0].strategies)]
        out.append(simple_table(rows, [names[0], "payoff"]))
        return out
    rest = game.shape[2:]
    for tail in np.ndindex(*rest):
        if rest:
            fixed = ", ".join(f"{game.players[2 + k].name} = {game.players[2 + k].strategies[i].id}"
                              for k, i in enumerate(tail))
            out.append(f"\n{fixed}")
        headers = [f"{names[0]} \\ {names[1]}"] + list(game.players[1].ids)
        rows = []
        for a, s in enumerate(game.players[0].strategies):
            row = [s.id]
            for b in range(game.shape[1]):
                prof = (a, b) + tuple(tail)
                marks = [bool(m[prof]) and q not in unmarked for q, m in enumerate(masks)]
                cell = payoff_tuple(game, prof, marks)
                if prof in equilibria:
                    cell += " [NE]"
                if prof in game.assumed:
                    cell += " (a)"
                row.append(cell)
            rows.append(row)
        out.append(simple_table(rows, headers))
    return out


def paragraph(text: str) -> str:
    """Wrap one paragraph; lines that start a list item keep their own line."""
    lines = text.strip().splitlines()
    if any(line.lstrip().startswith(("- ", "* ", "(")) for line in lines[1:]):
        return "\n".join(textwrap.fill(line.strip(), WIDTH, subsequent_indent="  ")
                         if line.strip() else "" for line in lines)
    return wrap(text)


def strategies_section(game: Game) -> list[str]:
    out = []
    for player in game.players:
        out.append(f"{player.name}:" + (f" {player.description}" if player.description else ""))
        for s in player.strategies:
            out.append(wrap(f"{s.id}  {s.label}" + (f": {s.description}" if s.description
                                                     else ""), "  ")
                       if s.label or s.description else f"  {s.id}")
        for s in player.unpriced:
            text = f"{s.id}  {s.label}" + (f": {s.description}" if s.description else "")
            out.append(wrap(text + "  [described, not priced]", "  "))
    return out


def player_section(result: AnalysisResult, p: int) -> list[str]:
    game = result.game
    d = result.dominance[p]
    ids = game.players[p].ids
    dummy = p in dummy_players(result)
    out = [heading(game.players[p].name, "-")]
    if d.strictly_dominant is not None:
        out.append(f"Strictly dominant strategy: {dominant_text(game, d)}")
    elif d.weakly_dominant is not None:
        out.append(f"Weakly dominant strategy: {ids[d.weakly_dominant]}")
    elif game.shape[p] > 1 and not dummy:
        out.append("No dominant strategy.")
    for note in d.notes:
        out.append(f"Note: {note}")
    if game.shape[p] > 1:
        strict, weak = dominated_texts(game, d)
        out.append(wrap(f"Strictly dominated: {strict}"))
        out.append(wrap(f"Weakly dominated: {weak}"))
    if dummy:
        out.append(wrap(dummy_sentence(game, p)))
    else:
        out.extend(best_response_lines(result, p))
        s = result.security[p]
        ties = s.pure_ties or (s.pure_strategy,)
        line = (f"Security level (maxmin): {num(s.pure_level)} with the pure strateg"
                + (f"y {ids[ties[0]]}" if len(ties) == 1
                   else f"ies {', '.join(ids[t] for t in ties)} (tied)"))
        if s.mixed_level is not None and s.mixed_level > s.pure_level:
            mix = " + ".join(f"{num(w)} {ids[i]}" for i, w in enumerate(s.mixed_strategy) if w)
            line += f"; {num(s.mixed_level)} with the mixed strategy {mix}"
            if game.ordinal:
                line += " (a mixed level needs a cardinal reading of the payoffs)"
        out.append(line)
    for q, unpriced in result.unpriced:
        if q == p:
            out.append(f"Not priced by the source: {', '.join(unpriced)} (the analysis cannot"
                       " compare them)")
    return out


def best_response_lines(result: AnalysisResult, p: int) -> list[str]:
    game = result.game
    mask = np.moveaxis(result.best_responses[p], p, -1)
    others = [q for q in range(game.n_players) if q != p]
    if not others or game.shape[p] == 1:
        return []
    opp_shape = mask.shape[:-1]
    if int(np.prod(opp_shape)) > MAX_BEST_RESPONSE_ROWS:
        return ["Best responses: (omitted: too many opponent profiles; see --format json)"]
    rows = []
    for opp in np.ndindex(*opp_shape):
        opp_ids = ", ".join(game.players[q].strategies[i].id for q, i in zip(others, opp))
        best = ", ".join(game.players[p].strategies[i].id for i in np.flatnonzero(mask[opp]))
        rows.append([f"({opp_ids})", best])
    header = f"Best responses to ({', '.join(game.players[q].name for q in others)}):"
    table = simple_table(rows, ["others play", "best response"])
    return [header, textwrap.indent(table, "  ")]


def equilibria_section(game: Game, eqs: EquilibriumSet, exact: bool) -> list[str]:
    out = [heading("Nash equilibria"), wrap(method_line(eqs))]
    out.extend(wrap(note) for note in solver_notes(eqs))
    if eqs.equilibria:
        rows = equilibrium_rows(game, eqs, exact)
        headers = ["#", "(" + ", ".join(p.name for p in game.players) + ")", "payoffs", "type",
                   "verified"]
        out.append(simple_table(rows, headers))
    if "value" in eqs.details:
        value = eqs.details.get("exact_value") or eqs.details["value"]
        out.append(f"Value of the zero-sum game: {num(value)}")
    return out


def elimination_section(result: AnalysisResult) -> list[str]:
    el = result.elimination
    game = result.game
    out = [heading("Iterated elimination of strictly dominated strategies")]
    if not el.steps:
        out.append("No strategy is strictly dominated: nothing is eliminated.")
        return out
    for step in el.steps:
        by = " + ".join(f"{num(w)} {t}" if w != 1 else t for t, w in step.by)
        out.append(f"Round {step.round}: {game.players[step.player].name} drops"
                   f" {step.strategy} (strictly dominated by {by})")
    surviving = "; ".join(f"{game.players[p].name}: {', '.join(ids)}"
                          for p, ids in enumerate(el.surviving))
    out.append(f"Surviving strategies: {surviving}"
               + (" (the game is dominance-solvable)" if el.solved else ""))
    return out


def cell_section(result: AnalysisResult) -> list[str]:
    game = result.game
    out = [heading("Cell by cell"), wrap(CROSS_PLAYER_CAVEAT if game.comparable_across_players
                                         else NOT_COMPARABLE_NOTE)]
    letters = string.ascii_uppercase
    first = game.players[0]
    for a, s in enumerate(first.strategies):
        cells = [c for c in result.cells if c.profile[0] == a]
        prefix = letters[a] if a < 26 else str(a + 1)
        out.append(f"\n{prefix}. {first.name} plays {s.id}"
                   + (f" ({s.label})" if s.label else ""))
        for cell in cells:
            out.extend(cell_lines(game, cell, cell_label(game, cell.profile, prefix)))
    return out


def cell_label(game: Game, profile, prefix: str) -> str:
    """'A.2' for the first player's first strategy and the second's second, as a paper
    numbers the cells of a table; further players' strategies are appended ('A.2/NS')
    when they have a choice, so labels of different tables never clash."""
    label = prefix + (f".{profile[1] + 1}" if game.n_players > 1 else "")
    further = [game.players[q].strategies[i].id for q, i in enumerate(profile)
               if q >= 2 and game.shape[q] > 1]
    return label + ("/" + "/".join(further) if further else "")


def cell_lines(game: Game, cell: CellReading, label: str) -> list[str]:
    prof = game.format_profile(cell.profile)
    pays = ", ".join(f"{p.name} {num(v)}" for p, v in zip(game.players, cell.payoffs))
    out = [f"{label} {prof}: {pays}" + (" [assumed numbers]" if cell.assumed else "")]
    if cell.note:
        out.append(wrap("Source: " + cell.note, "     "))
    out.append(wrap("Numbers: " + cell_facts(game, cell), "     "))
    return out


def render_analysis(result: AnalysisResult, exact: bool = False) -> str:
    game = result.game
    eq_profiles = {e.profile for e in result.pure.equilibria}
    parts: list[list[str] | str] = []
    parts.append(heading(game.title or "Untitled game"))
    parts.append(referee_text(result, SECTIONS_TOP))
    if game.source:
        parts.append(wrap("Source: " + game.source))
    dims = " x ".join(str(s) for s in game.shape)
    parts.append(f"{game.n_players} players, {dims} strategies, {game.n_profiles:,} profiles.")
    restricted = restriction(game)
    if restricted:
        fixed = "; ".join(f"{game.players[p].name} to {', '.join(ids)}"
                          for p, ids in restricted.items())
        parts.append(wrap(f"Sub-game (--fix): {fixed}. Everything below is about this"
                          " restricted game, not the whole game."))
    if game.description:
        paragraphs = [p for p in game.description.split("\n\n") if p.strip()]
        parts.append("\n\n".join(paragraph(p) for p in paragraphs))
    parts.append("\n" + heading("Strategies"))
    parts.append(strategies_section(game))
    parts.append("\n" + heading("Payoff table"))
    parts.append(payoff_tables(game, result.best_responses, eq_profiles,
                               frozenset(dummy_players(result))))
    parts.append("\n" + heading("Players"))
    for p in range(game.n_players):
        parts.append(player_section(result, p))
        parts.append("")
    parts.append(equilibria_section(game, result.equilibria, exact))
    parts.append("\n" + heading("Pareto-optimal outcomes"))
    if result.pareto_optimal is None:
        parts.append("(not computed: too many profiles)")
    else:
        rows = [[game.format_profile(p), payoff_tuple(game, p)] for p in result.pareto_optimal]
        parts.append(f"{len(rows)} of {game.n_profiles:,} pure outcomes are Pareto optimal:")
        parts.append(simple_table(rows[:50], ["profile", "payoffs"])
                     + (f"\n... and {len(rows) - 50} more" if len(rows) > 50 else ""))
    parts.append("\n" + "\n".join(elimination_section(result)))
    parts.append(referee_text(result, SECTIONS_MIDDLE))
    if result.margins:
        from .robustness_report import render_margins

        parts.append("\n" + render_margins(result.margins, game).rstrip())
    if result.claims is not None:
        from .claims_report import render_claims

        parts.append("\n" + render_claims(result.claims, game).rstrip())
    if result.cells is not None:
        parts.append("\n" + "\n".join(cell_section(result)))
    parts.append("\n" + heading("Conclusion"))
    parts.append([wrap(s, "  ", first="- ") for s in result.conclusion])
    if result.warnings:
        parts.append("\n" + heading("Warnings"))
        parts.append([wrap(w, "  ", first="! ") for w in result.warnings])
    parts.append(referee_text(result, SECTIONS_END))
    lines: list[str] = []
    for part in parts:
        lines.extend(part if isinstance(part, list) else [part])
    return "\n".join(lines).rstrip() + "\n"


def referee_text(result: AnalysisResult, names: tuple[str, ...]) -> str:
    """The referee's sections (:mod:`.outline_referee`) as plain text, each after a blank
    line: the same blocks the rich reporters render."""
    from .outline_blocks import Outline
    from .outline_referee import referee_blocks
    from .plain import render_outline

    blocks = referee_blocks(result, names)
    return ("\n" + render_outline(Outline("", blocks)).rstrip()) if blocks else ""


def render_equilibria(game: Game, eqs: EquilibriumSet, exact: bool = False) -> str:
    lines = [f"{game.title or 'Untitled game'}"]
    restricted = restriction(game)
    if restricted:
        lines.append("Sub-game (--fix): " + "; ".join(
            f"{game.players[p].name} to {', '.join(ids)}" for p, ids in restricted.items()))
    from ..summary import scale_sentence

    lines.append(wrap(scale_sentence(game)))
    lines.append("")
    lines.extend(equilibria_section(game, eqs, exact))
    for w in eqs.warnings:
        lines.append(wrap(w, "! "))
    return "\n".join(lines) + "\n"


__all__ = ["decimal", "render_analysis", "render_equilibria"]


def render_check(report, game: Game) -> str:
    from .claims_report import render_check as render

    return render(report, game)


def render_robustness(report, game: Game) -> str:
    from .robustness_report import render_robustness as render

    return render(report, game)
