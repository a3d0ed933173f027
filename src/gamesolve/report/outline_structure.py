"""Outline blocks of the payoff scale and the structure diagnostics: the builders of the
``scale`` and ``structure`` sections of ``analyze`` (registry: :mod:`.sections`).
Formatting only: the facts come from :func:`gamesolve.structure.analyse_structure`."""

from __future__ import annotations

from fractions import Fraction

from ..analysis import AnalysisResult
from ..model import Game
from ..structure import Structure
from ..summary import _names, scale_sentence
from .outline_blocks import Block, Bullets, Para
from .sections import ReportOptions


def _signed(x: Fraction, first: bool) -> str:
    text = str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return text if first or x <= 0 else "+" + text


def separable_text(game: Game, p: int, terms) -> str:
    """'Iran: MP 0, SRA -1, ITA +1, plus Azerbaijan's DAI 2, BR 3, AI 4'."""
    rows = terms[p]  # rows[j][s]: the term of player j's strategy s in p's payoff
    own = ", ".join(f"{s.id} {_signed(v, k == 0)}"
                    for k, (s, v) in enumerate(zip(game.players[p].strategies, rows[p])))
    parts = [f"{game.players[p].name}: {own}"]
    for j, row in enumerate(rows):
        if j == p or (len(row) == 1 and row[0] == 0):
            continue
        shown = ", ".join(f"{s.id} {_signed(v, True)}"
                          for s, v in zip(game.players[j].strategies, row))
        parts.append(f"plus {game.players[j].name}'s {shown}")
    return ", ".join(parts)


def scale_blocks(result: AnalysisResult, options: ReportOptions | None = None) -> list[Block]:
    """The ``scale`` section: what the declared payoff scale allows."""
    game = result.game
    return [Para(f"payoff_scale: {game.payoff_scale}; comparable_across_players:"
                 f" {'true' if game.comparable_across_players else 'false'}"
                 " (as the game file declares them; a file that does not gets the"
                 " defaults, cardinal and not comparable). " + scale_sentence(game))]


def structure_items(game: Game, s: Structure) -> list[str | tuple[str, str]]:
    items: list[str | tuple[str, str]] = []
    for d in s.dummies:
        name = game.players[d.player].name
        why = ("it has only one priced strategy" if d.reason == "one strategy"
               else "its payoff does not depend on its own choice")
        items.append(("Dummy player:", f"{name}: {why}, so {name}'s choice is not modelled;"
                      " the report gives it no best responses and no security level."))
    dummies = {d.player for d in s.dummies}
    choosers = [p for p in range(game.n_players) if p not in dummies]
    if game.n_players > 1 and s.no_interdependence:
        items.append(("No strategic interdependence:", "each player's best choice does not"
                      " depend on the others (each ranks its own strategies the same way"
                      " whatever the others do)."))
    elif game.n_players > 1:
        dep = [game.players[p].name for p in choosers if not s.independent[p]]
        ind = [game.players[p].name for p in choosers if s.independent[p]]
        text = f"the best choice of {_names(dep)} depends on what the others do"
        if ind:
            text += f"; that of {_names(ind)} does not"
        items.append(("Strategic interdependence:", text + "."))
    if all(s.separable) and game.n_players > 1:
        caveat = (" (the numbers are ranks, so additivity is a property of the numbers"
                  " chosen, not of the preferences)" if game.ordinal else "")
        terms = s.separable_terms
        items.append(("Additively separable payoffs:", "every payoff is exactly a sum of one"
                      " term per player's choice" + caveat + ". "
                      + "; ".join(separable_text(game, p, terms) for p in choosers) + "."))
    elif any(s.separable[p] for p in choosers) and game.n_players > 1:
        names = [game.players[p].name for p in choosers if s.separable[p]]
        items.append(("Additively separable payoffs:", f"for {_names(names)} only: "
                      + "; ".join(separable_text(game, p, s.separable_terms)
                                  for p in choosers if s.separable[p]) + "."))
    if s.dominance_solvable:
        items.append(("Dominance-solvable:", "iterated elimination of strictly dominated pure"
                      f" strategies leaves only {game.format_profile(s.solution)}."))
    else:
        items.append(("Not dominance-solvable:", "iterated elimination of strictly dominated"
                      " pure strategies leaves more than one profile."))
    if s.constant_sum is not None:
        total = _signed(s.constant_sum, True)
        if game.comparable_across_players:
            kind = "Zero-sum:" if s.zero_sum else "Constant-sum:"
            items.append((kind, f"the payoffs add up to {total} in every profile: what one"
                          " player gains the others lose."))
        else:
            items.append(("Constant-sum numbers:", f"the payoffs add up to {total} in every"
                          " profile, but they are not declared comparable across players,"
                          " so this is not read as one player's gain being another's loss."))
    elif game.comparable_across_players:
        items.append(("Not constant-sum:", "the payoffs' total changes from profile to"
                      " profile."))
    if s.strictly_competitive:
        items.append(("Strictly competitive:", "whenever one player prefers one outcome to"
                      " another, the other player prefers the reverse (an ordinal form of"
                      " pure conflict)."))
    sym = s.ordinally_symmetric if game.ordinal else s.symmetric
    if sym and game.n_players > 1:
        how = "in every player's order of outcomes" if game.ordinal else "exactly"
        items.append(("Symmetric:", f"swapping the players (strategies matched by position)"
                      f" leaves the game unchanged, {how}."))
    elif sym is not None and len(set(game.shape)) == 1 and game.n_players > 1:
        items.append(("Not symmetric:", "swapping the players changes the game."))
    if s.exact_potential is not None and not game.ordinal:
        items.append(("Exact potential game:", "one function of the profile changes by"
                      " exactly each player's gain from any change of its own strategy"
                      " (Monderer and Shapley), so pure equilibria exist and better-reply"
                      " dynamics reach one."))
    if s.improvement_cycle_free is not None:
        if s.improvement_cycle_free:
            items.append(("No improvement cycle:", "every sequence of players improving one"
                          " at a time ends, at a pure equilibrium (a generalized ordinal"
                          " potential)."))
        else:
            items.append(("Improvement cycle:", "players improving one at a time can go round"
                          " in a circle for ever."))
    for note in s.notes:
        items.append(("Not checked:", note))
    return items


def structure_blocks(result: AnalysisResult, options: ReportOptions | None = None) -> list[Block]:
    """The ``structure`` section of ``analyze`` (none when not computed)."""
    if result.structure is None:
        return []
    return [Bullets(tuple(structure_items(result.game, result.structure)))]
