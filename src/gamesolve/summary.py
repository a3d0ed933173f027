"""The report in plain words: a short summary for a reader who is not a game theorist,
and the glossary of every term the report uses.

Everything said is drawn from an :class:`~gamesolve.analysis.AnalysisResult` (dominance,
equilibria, structure, orders of moves, claims, stability margins); nothing is computed
here that the report does not show elsewhere.  The reporters only format these
sentences, so every format says the same.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def scale_sentence(game: Any) -> str:
    """The declared payoff scale and what it allows, in one sentence."""
    if game.ordinal:
        what = ("ordinal: the numbers are ranks, so only each player's order of the outcomes"
                " means anything (not differences, not averages)")
    else:
        what = ("cardinal: differences between one player's numbers mean something, so"
                " averages (mixed strategies, expected payoffs) do too")
    comparable = ("comparable across players: one player's number can be set against"
                  " another's" if game.comparable_across_players else
                  "not comparable across players: no statement compares one player's"
                  " payoff with another's")
    return f"Payoffs are {what}; they are {comparable}."


def _player_sentences(result: Any) -> list[str]:
    game = result.game
    dummies = {d.player for d in result.structure.dummies} if result.structure else set()
    out = []
    for d in result.dominance:
        p = d.player
        name = game.players[p].name
        if p in dummies:
            out.append(f"{name}'s choice is not modelled: "
                       + ("the table prices only one of its strategies"
                          if game.shape[p] == 1 else
                          "its payoff does not depend on what it does") + ".")
        elif d.strictly_dominant is not None:
            out.append(f"{name} does best with {game.players[p].ids[d.strictly_dominant]}"
                       " whatever the others do.")
        elif d.weakly_dominant is not None:
            out.append(f"{name} never does worse with"
                       f" {game.players[p].ids[d.weakly_dominant]}, whatever the others do.")
        else:
            out.append(f"{name}'s best choice depends on what the others do.")
    return out


def _prediction(result: Any) -> list[str]:
    game = result.game
    pure = [e.profile for e in result.pure.equilibria]
    out = []
    if len(pure) == 1:
        choosers = [d for d in result.dominance if game.shape[d.player] > 1]
        if choosers and all(d.strictly_dominant is not None for d in choosers):
            how = " (each player's best choice, whatever the others do)"
        elif result.structure and result.structure.dominance_solvable:
            how = (" (discarding, round after round, choices that are worse than another"
                   " whatever the others do leaves only it)")
        else:
            how = ""
        out.append(f"The predicted outcome is {game.format_profile(pure[0])}{how}: no"
                   " player can do better by changing its choice alone.")
    elif pure:
        shown = _names([game.format_profile(p) for p in pure[:4]])
        out.append(f"There are {len(pure)} stable outcomes (pure Nash equilibria), {shown}:"
                   " the model alone does not say which one happens.")
    else:
        out.append("No outcome is stable in pure strategies: every outcome gives some player"
                   " a reason to change its choice.")
    mixed = [e for e in result.equilibria.equilibria if not e.pure]
    if mixed and game.ordinal:
        out.append("The mixed-strategy equilibria the report lists mean something only if"
                   " the numbers are read as more than ranks.")
    s = result.structure
    if s is not None and s.no_interdependence and game.n_players > 1:
        out.append("No player's best choice depends on what the others do: there is no"
                   " strategic interdependence in this table"
                   + (", whose payoffs simply add up one term per player's choice."
                      if all(s.separable) and not game.ordinal else "."))
    t = result.timing
    if t is not None and t.orders and not t.skipped:
        if not t.timing_matters:
            out.append("Letting the players move one after another, in any order, changes"
                       " nothing.")
        elif t.order_matters:
            out.append("Who moves first matters: the outcome changes with the order of moves"
                       " (see Order of moves).")
        else:
            out.append("Moving one after another changes the prediction (see Order of"
                       " moves).")
    return out


def _claims(result: Any) -> list[str]:
    claims = result.claims
    if claims is None or not claims.results:
        return []
    own = [r for r in claims.results if not r.implicit]
    added = [r for r in claims.results if r.implicit]
    out = []
    if own:
        counts = Counter(r.status for r in own)
        parts = [f"{n} {status.replace('-', ' ').replace('_', ' ')}"
                 for status, n in counts.most_common()]
        out.append(f"Of the source's own {len(own)} claims, {_names(parts)}.")
        wrong = [r.source for r in own if r.status == "contradicted" and r.source]
        if wrong:
            out.append("Contradicted by its own numbers: "
                       + "; ".join(dict.fromkeys(wrong)) + ".")
    if added:
        counts = Counter(r.status for r in added)
        out.append(f"{len(added)} further claim{'s' if len(added) > 1 else ''} added by the"
                   " encoder (not the source's): "
                   + _names([f"{n} {s}" for s, n in counts.most_common()]) + ".")
    return out


def _fragility(result: Any) -> list[str]:
    margins = result.margins
    game = result.game
    if not margins:
        return []
    if game.ordinal:
        return ["The conclusions rest only on each player's order of outcomes, so any"
                " rescaling of the numbers that keeps every player's order leaves them"
                " unchanged; see the stability margins for the closest comparisons."]
    if game.comparable_across_players:
        weakest = min(margins, key=lambda m: m.margin)
        return [f"The most fragile conclusion ({weakest.conclusion}) survives any change of"
                f" every payoff by less than {_num(weakest.margin)}."]
    per_player = []
    for p, player in enumerate(game.players):
        own = [m for m in margins if m.player == p]
        if own:
            weakest = min(own, key=lambda m: m.margin)
            per_player.append(f"{player.name}'s by {_num(weakest.margin)} of its own units")
    if not per_player:
        return []
    return ["Each player's conclusions survive a change of its payoffs by less than its"
            " margin: " + "; ".join(per_player) + "."]


def plain_summary(result: Any) -> tuple[str, ...]:
    """The summary at the top of ``analyze``, as sentences (an AnalysisResult in)."""
    return tuple(_player_sentences(result) + _prediction(result) + _claims(result)
                 + _fragility(result))


GLOSSARY: tuple[tuple[str, str], ...] = (
    ("profile", "one strategy for every player: one cell of the payoff table."),
    ("payoff", "the number a player gets in a profile; greater is better for that player."),
    ("ordinal / cardinal payoffs", "ordinal numbers are ranks: only each player's order of"
     " the outcomes matters. Cardinal numbers also measure how much better: differences and"
     " averages mean something."),
    ("comparable across players", "one player's number can be set against another's"
     " (\"Iran gains more than Israel\"); without it, only each player's own numbers are"
     " compared."),
    ("best response", "a strategy that gives a player its highest payoff against given"
     " strategies of the others."),
    ("strictly dominant", "a strategy better than every other strategy of that player,"
     " whatever the others do."),
    ("weakly dominant", "a strategy never worse than any other, and sometimes better."),
    ("strictly / weakly dominated", "a strategy that another strategy (or a mix of"
     " strategies) beats whatever the others do (strictly), or never loses to and"
     " sometimes beats (weakly)."),
    ("iterated elimination", "removing strictly dominated strategies, then those dominated"
     " in what is left, and so on; a game is dominance-solvable when one profile remains."),
    ("Nash equilibrium", "a profile in which no player can do better by changing its own"
     " strategy alone."),
    ("pure / mixed strategy", "a pure strategy is one choice; a mixed strategy picks among"
     " choices with given probabilities (meaningful only for cardinal payoffs)."),
    ("Pareto optimal", "an outcome that no other outcome makes better for some player"
     " without making it worse for another."),
    ("security level (maxmin)", "the highest payoff a player can guarantee itself whatever"
     " the others do."),
    ("stability margin", "how much every payoff may change before a conclusion can be"
     " overturned: half the smallest payoff gap the conclusion rests on."),
    ("dummy player", "a player with one strategy, or whose payoff does not depend on its"
     " own choice: the model does not model its decision."),
    ("strategic interdependence", "a player's best choice depends on what the others do."),
    ("additively separable", "each player's payoff is a sum of one term per player's"
     " choice, so no choice changes the value of another's."),
    ("zero-sum / constant-sum", "the players' payoffs add up to the same total in every"
     " profile: what one gains, the others lose."),
    ("symmetric game", "every player is in the same position: swapping players (and their"
     " strategies) leaves the game unchanged."),
    ("potential game", "a game in which one function of the profile (the potential) tracks"
     " every player's gain from any unilateral change; such games have pure equilibria."),
    ("subgame perfect", "in a game where players move in turn, a plan that is optimal at"
     " every point of the game, found by backward induction from the last mover."),
    ("minmax (punishment) value", "the lowest payoff the others can hold a player to when"
     " it responds as well as it can."),
    ("individually rational", "an outcome giving every player more than its minmax value."),
    ("folk theorem", "in a game repeated without end, any feasible individually rational"
     " payoffs can be sustained by patient players who punish deviations."),
)


def glossary() -> tuple[tuple[str, str], ...]:
    """Every term the analysis report uses, with a one-sentence definition."""
    return GLOSSARY
