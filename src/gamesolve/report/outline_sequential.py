"""Outline blocks of the orders of moves and of repeated play: the builders of the
``sequential`` and ``repeated`` sections of ``analyze`` (registry: :mod:`.sections`) and
the document of the ``sequential`` command.  Formatting only:
the facts come from :mod:`gamesolve.sequential`."""

from __future__ import annotations

from fractions import Fraction

from ..analysis import AnalysisResult
from ..model import Game, Profile
from ..sequential import Repetition, Timing
from .outline_blocks import Block, Outline, Para, Section, Table
from .sections import ReportOptions, section_spec


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _outcomes(game: Game, outcomes: tuple[Profile, ...]) -> str:
    return ", ".join(game.format_profile(o) for o in outcomes) or "none"


def _order(game: Game, order: tuple[int, ...]) -> str:
    return " then ".join(game.players[p].name for p in order)


def timing_verdict(game: Game, t: Timing) -> str:
    """Whether timing changes the prediction, in one or two sentences."""
    simultaneous = _outcomes(game, t.simultaneous)
    which = "every order of moves" if t.all_orders else "this order of moves"
    if not t.timing_matters:
        return (f"Timing does not change the prediction: {which} gives"
                f" {_outcomes(game, t.orders[0].outcomes)}, the simultaneous game's pure"
                " equilibrium" + ("s." if len(t.simultaneous) > 1 else "."))
    text = (f"Timing changes the prediction: the simultaneous game's pure equilibria are"
            f" {simultaneous}.")
    if t.all_orders and t.order_matters:
        firsts = {}
        for o in t.orders:
            firsts.setdefault(o.order[0], set()).add(o.outcomes)
        if all(len(v) == 1 for v in firsts.values()) and len(firsts) > 1:
            text += " The first mover decides: " + "; ".join(
                f"{game.players[p].name} first gives {_outcomes(game, next(iter(v)))}"
                for p, v in firsts.items()) + "."
        else:
            text += " Different orders give different outcomes (see the table)."
    return text


def timing_blocks(game: Game, t: Timing | None) -> list[Block]:
    """The body of the "Order of moves" section: subgame-perfect outcomes of each order
    of moves (none when not computed)."""
    if t is None:
        return []
    out: list[Block] = []
    if t.skipped:
        out.append(Para(f"Not computed: {t.skipped}."))
        return out
    out.append(Para("If the players moved one after another, each seeing the earlier moves,"
                    " backward induction gives the subgame-perfect outcomes below (every"
                    " outcome some tie-break leads to is listed). This uses only each"
                    " player's order of outcomes."))
    rows = tuple((_order(game, o.order), _outcomes(game, o.outcomes),
                  "same" if o.same_as_simultaneous else "different")
                 for o in t.orders)
    out.append(Table(("Order of moves", "Subgame-perfect outcomes", "Vs. simultaneous"), rows,
                     "lll", key="orders-of-moves"))
    out.append(Para(timing_verdict(game, t)))
    return out


def repetition_blocks(game: Game, r: Repetition | None) -> list[Block]:
    """The body of the "Repeated play" section: minmax values and individually rational
    outcomes (none when not computed)."""
    if r is None:
        return []
    out: list[Block] = []
    if not r.minmax:
        out.extend(Para(n[0].upper() + n[1:] + ".") for n in r.notes)
        return out
    two = game.n_players == 2
    rows = []
    for m in r.minmax:
        others = [q for q in range(game.n_players) if q != m.player]
        punish = ", ".join(game.players[q].strategies[i].id
                           for q, i in zip(others, m.pure_punishment))
        who = (f"{game.players[others[0]].name} plays" if len(others) == 1 else "others play")
        row = [game.players[m.player].name, f"{_num(m.pure)} ({who} {punish})"]
        if two:
            q = others[0]
            if m.mixed is None or game.ordinal:
                row.append("not computed" if m.mixed is None else "needs a cardinal reading")
            else:
                mix = " + ".join(f"{_num(w)} {game.players[q].strategies[i].id}"
                                 for i, w in enumerate(m.mixed_punishment) if w)
                row.append(f"{_num(m.mixed)} ({game.players[q].name} plays {mix})")
        rows.append(tuple(row))
    headers = ("Player", "Minmax, pure punishment") + (("Minmax, mixed punishment",)
                                                       if two else ())
    out.append(Para("A player's minmax value is the least the others can hold it to while it"
                    " does its best; in a game repeated without end, deviations can be"
                    " punished down to it."))
    out.append(Table(headers, tuple(rows), "l" * len(headers), key="minmax"))
    listed = _outcomes(game, r.individually_rational)
    if not r.individually_rational:
        text = "No pure outcome gives every player more than its minmax value."
    else:
        text = f"Pure outcomes giving every player more than its minmax value: {listed}."
    if game.ordinal:
        text += (" Whether they can be sustained in repeated play (the folk theorem) needs"
                 " a cardinal reading of the payoffs: the theorem averages payoffs over"
                 " time, which ranks do not allow.")
    elif r.individually_rational:
        cond = ""
        if r.full_dimensional is False:
            cond = (" (with three or more players the theorem also needs the feasible"
                    " payoffs to have full dimension, which fails here, so this is not"
                    " guaranteed)")
        text += (" By the folk theorem (Fudenberg and Maskin 1986) each can be sustained as"
                 " a subgame-perfect equilibrium of the infinitely repeated game when the"
                 " players are patient enough" + cond + ".")
    out.append(Para(text))
    out.extend(Para(n[0].upper() + n[1:] + ".") for n in r.notes)
    return out


def timing_section(result: AnalysisResult, options: ReportOptions | None = None
                   ) -> list[Block]:
    """``analyze``'s ``sequential`` section."""
    return timing_blocks(result.game, result.timing)


def repetition_section(result: AnalysisResult, options: ReportOptions | None = None
                       ) -> list[Block]:
    """``analyze``'s ``repeated`` section."""
    return repetition_blocks(result.game, result.repetition)


def sequential_outline(game: Game, t: Timing, r: Repetition | None) -> Outline:
    """What ``gamesolve sequential`` reports, as format-neutral blocks (the same sections
    as ``analyze``'s ``sequential`` and ``repeated``)."""
    from .outline_analysis import game_outline_head

    doc = game_outline_head(game)
    # the sections (and titles) of analyze's registry
    for name, blocks in (("sequential", timing_blocks(game, t)),
                         ("repeated", repetition_blocks(game, r))):
        if blocks:
            doc.add(Section(name, section_spec(name).title, tuple(blocks)))
    return doc
