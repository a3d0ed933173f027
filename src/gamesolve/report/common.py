"""Formatting helpers shared by every reporter (numbers, profiles, mixed strategies)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..model import Game, Profile
from ..solvers.base import Equilibrium, EquilibriumSet


def num(x: Fraction | float | int) -> str:
    """Exact numbers as integers or p/q; floats with up to 6 significant decimals.

    >>> num(Fraction(3)), num(Fraction(2, 3)), num(0.5), num(1/3)
    ('3', '2/3', '0.5', '0.333333')
    """
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, int):
        return str(x)
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def decimal(x: Fraction | float, digits: int = 4) -> str:
    """A number as a short decimal with at most ``digits`` decimals (for probabilities
    and payoffs that are not exact).

    >>> decimal(1/3), decimal(1/3, 2), decimal(2.0), decimal(-1e-9)
    ('0.3333', '0.33', '2', '0')
    """
    value = float(x)
    if value == int(value):
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits > 0 else f"{value:.0f}"
    return "0" if text in ("-0", "") else text


def percent(count: int, total: int) -> str:
    """A share as a percentage that never rounds a 'some' to 'all' or 'none'.

    >>> percent(1, 10_000), percent(9_999, 10_000), percent(1, 3)
    ('<0.1%', '>99.9%', '33.3%')
    """
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


def payoff_tuple(game: Game, profile: Profile) -> str:
    return "(" + ", ".join(num(v) for v in game.exact_payoffs(profile)) + ")"


def cell_label(game: Game, profile: Profile, prefix: str) -> str:
    """'A.2' for the first player's first strategy and the second's second, as a paper
    numbers the cells of a table; further players' strategies are appended ('A.2/NS')
    when they have a choice, so labels of different tables never clash."""
    label = prefix + (f".{profile[1] + 1}" if game.n_players > 1 else "")
    further = [game.players[q].strategies[i].id for q, i in enumerate(profile)
               if q >= 2 and game.shape[q] > 1]
    return label + ("/" + "/".join(further) if further else "")


def probability(x: float, digits: int = 4) -> str:
    """A probability in an equilibrium's support with ``digits`` decimals, never shown
    as 0 or 1 (it is neither): then with as many digits as it takes.

    >>> probability(1/3, 2), probability(0.00004, 2), probability(0.99996, 2), probability(2/3, 0)
    ('0.33', '4e-05', '0.99996', '0.667')
    """
    text = decimal(x, digits)
    if text in ("0", "1"):
        text = f"{float(x):.2g}" if float(x) < 0.5 else f"{float(x):.{digits + 3}g}"
        if text in ("0", "1"):  # still rounds: show every digit
            text = repr(float(x))
    return text


def mixture(game: Game, eq: Equilibrium, player: int, exact: bool, digits: int = 4) -> str:
    """One player's strategy in an equilibrium: 'ITA' or '2/3 B + 1/3 S'."""
    ids = game.players[player].ids
    if eq.pure:
        return ids[eq.profile[player]]
    use_exact = exact and eq.exact is not None
    probs: Sequence = eq.exact[player] if use_exact else eq.strategies[player]
    terms = []
    for i, x in enumerate(probs):
        if (x > 0 if isinstance(x, Fraction) else x > 1e-12):
            if float(x) == 1.0:
                return ids[i]
            terms.append(f"{num(x) if isinstance(x, Fraction) else probability(x, digits)}"
                         f" {ids[i]}")
    return " + ".join(terms)


def equilibrium_profile(game: Game, eq: Equilibrium, exact: bool, digits: int = 4) -> str:
    return "(" + ", ".join(mixture(game, eq, p, exact, digits)
                           for p in range(game.n_players)) + ")"


def equilibrium_payoffs(eq: Equilibrium, exact: bool, digits: int = 4) -> str:
    if exact and eq.exact_payoffs is not None:
        return "(" + ", ".join(num(v) for v in eq.exact_payoffs) + ")"
    if eq.exact_payoffs is not None and all(v.denominator == 1 for v in eq.exact_payoffs):
        return "(" + ", ".join(num(v) for v in eq.exact_payoffs) + ")"
    return "(" + ", ".join(decimal(v, digits) for v in eq.payoffs) + ")"


def players_list(game: Game, indices: Sequence[int]) -> str:
    names = [game.players[p].name for p in indices]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


CROSS_PLAYER_CAVEAT = (
    '"Largest" and "smallest" compare payoffs across players, which assumes they share one'
    " scale, as the source's table implies; best and worst outcomes, deviations and Pareto"
    " optimality compare each player only with itself.")


def cell_facts(game: Game, cell) -> str:
    """What the numbers say about one cell (an analysis.CellReading), in sentences."""
    facts = []
    if cell.gains_most:
        top, bottom = max(cell.payoffs), min(cell.payoffs)
        facts.append(f"Largest payoff here: {players_list(game, cell.gains_most)} ({num(top)});"
                     f" smallest: {players_list(game, cell.gains_least)} ({num(bottom)}).")
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


def dominator(game: Game, player: int, by) -> str:
    """A dominating (mixed) strategy as text: 'ITA' or '1/2 T + 1/2 M'."""
    return " + ".join(f"{num(w)} {game.players[player].strategies[t].id}" if w != 1
                      else game.players[player].strategies[t].id for t, w in by)


def method_line(eqs: EquilibriumSet) -> str:
    """'Method: enumerate (complete). 3 equilibria found.'"""
    done = "complete" if eqs.complete else "NOT guaranteed complete"
    count = len(eqs.equilibria)
    return f"Method: {eqs.method} ({done}). {count} equilibri{'um' if count == 1 else 'a'} found."


def solver_notes(eqs: EquilibriumSet) -> list[str]:
    """How the solver simplified the game first (elimination, fixed players), as sentences."""
    notes = []
    for key in ("eliminated", "reduced"):
        note = eqs.details.get(key)
        if isinstance(note, str) and note:
            notes.append(note[0].upper() + note[1:] + ".")
    certificate = eqs.details.get("certificate")
    if isinstance(certificate, str) and certificate:
        notes.append(certificate)  # the certified N-player solver: what was proven
    for u in eqs.uncertified_supports[:UNCERTIFIED_SHOWN]:
        notes.append(f"Not certified: support {support_text(eqs, u)}: {u.reason}.")
    if len(eqs.uncertified_supports) > UNCERTIFIED_SHOWN:
        notes.append(f"... and {len(eqs.uncertified_supports) - UNCERTIFIED_SHOWN} more"
                     " uncertified support profiles (all in the JSON output).")
    return notes


UNCERTIFIED_SHOWN = 10


def support_text(eqs: EquilibriumSet, u) -> str:
    """A support profile as text: '{T, M} x {L} x {W, E}' (strategy numbers when the
    result carries no game; reporters pass the game's ids through ``details``)."""
    ids = eqs.details.get("strategy_ids")
    parts = []
    for p, support in enumerate(u.support):
        names = [ids[p][i] if ids else str(i + 1) for i in support]
        parts.append("{" + ", ".join(names) + "}")
    return " x ".join(parts)


def equilibrium_rows(game: Game, eqs: EquilibriumSet, exact: bool,
                     digits: int = 4) -> list[tuple[str, ...]]:
    """One row per equilibrium: number, profile, payoffs, type, how it was verified."""
    show_components = any(len(c) > 1 for c in eqs.components)
    rows = []
    for i, e in enumerate(eqs.equilibria, 1):
        kind = "pure" + (", strict" if e.strict else "") if e.pure else "mixed"
        if e.component is not None and show_components:
            kind += f", component {e.component + 1}"
        cert = "exact" if e.exact is not None else f"regret {e.regret:.1e}"
        rows.append((str(i), equilibrium_profile(game, e, exact, digits),
                     equilibrium_payoffs(e, exact, digits), kind, cert))
    return rows
