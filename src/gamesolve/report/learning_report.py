"""Reports of ``gamesolve learn``: one outline (text, Markdown, HTML, LaTeX render it) and
a JSON document that dumps the :class:`~gamesolve.learning.LearningResult` faithfully
(the trajectory downsampled to at most 200 points).  Formatting only."""

from __future__ import annotations

from typing import Any

from ..learning.core import LearningResult, describe_mixture, equilibrium_text
from .outline_blocks import Bullets, Heading, Outline, Para, Table

TRAJECTORY_ROWS = 6  # sampled states shown in the text report (JSON has them all)

SOURCES = {"fictitious-play": "fictitious_play", "stochastic-fictitious-play":
           "stochastic_fictitious_play", "replicator-dynamics": "replicator_dynamics",
           "asymmetric-replicator-dynamics": "asymmetric_replicator_dynamics",
           "regret-minimization": "regret_minimization",
           "imitation-dynamics": "imitation_dynamics",
           "introspection-dynamics": "introspection_dynamics",
           "moran-process": "moran_process",
           "fixation-probabilities": "fixation_probabilities"}


def source(result: LearningResult) -> str:
    if result.dynamics == "fictitious-play" and result.game.n_players > 2:
        return "gamesolve's N-player fictitious play on the payoff tensor"
    return f"nashpy's {SOURCES[result.dynamics]}"


def _roles(result: LearningResult) -> list[int]:
    """Players whose state is shown: one population for symmetric dynamics."""
    return [0] if result.symmetric else list(range(result.game.n_players))


def _role_name(result: LearningResult, p: int) -> str:
    return "population" if result.symmetric else result.game.players[p].name


def learning_outline(result: LearningResult) -> Outline:
    """The learning report as format-neutral blocks."""
    game = result.game
    doc = Outline(f"Learning: {game.title or 'untitled game'}")
    doc.add(Heading(1, doc.title))
    settings = [f"{result.dynamics} ({source(result)})", f"{result.steps:,} steps",
                f"seed {result.seed}"]
    settings += [f"{k.replace('_', ' ')} {v:g}" for k, v in result.parameters.items()]
    doc.add(Para(", ".join(settings) + ".", lead="Dynamics:"))
    doc.add(Para(f"{result.state}.", lead="State:"))
    doc.add(Para(result.verdict, lead="Verdict:"))
    if result.fixation is not None:
        reps = result.steps
        rows = tuple((s.id, f"{p:.3f}", f"{(p * (1 - p) / reps) ** 0.5:.3f}")
                     for s, p in zip(game.players[0].strategies, result.fixation))
        doc.add(Heading(2, "Fixation probabilities"),
                Table(("strategy", "fixation probability", "standard error"), rows, "lrr"))
    else:
        doc.add(Heading(2, "Where play went"))
        headers = ["player", "final state"]
        if result.time_average is not None:
            headers.append("time average")
        rows = []
        for p in _roles(result):
            row = [_role_name(result, p), describe_mixture(game, p, result.final[p])]
            if result.time_average is not None:
                row.append(describe_mixture(game, p, result.time_average[p]))
            rows.append(tuple(row))
        doc.add(Table(tuple(headers), tuple(rows)))
        doc.add(Bullets(tuple(_measures(result))))
        doc.add(Heading(2, "Trajectory (sampled)"))
        doc.add(_trajectory_table(result))
    if result.notes:
        doc.add(Heading(2, "Notes"), Bullets(tuple(n[0].upper() + n[1:] + "." for n in
                                                   result.notes)))
    return doc


def _measures(result: LearningResult) -> list[tuple[str, str]]:
    out = []
    if result.drift is not None:
        out.append(("Drift:", f"{result.drift:.4f}, the largest change of any probability over"
                    f" the last half of the run (settled when at most {result.tolerance:g})."))
    out.append(("Regret:", f"{result.regret:.4f}, the most any player gains by deviating"
                " alone from the final state (0 at an equilibrium)."))
    eqs = result.equilibria
    if result.nearest is not None:
        eq = eqs.equilibria[result.nearest]
        out.append(("Nearest equilibrium:", f"{equilibrium_text(result.game, eq)}, at"
                    f" distance {result.distance:.4f} (largest probability difference)."))
    complete = "complete list" if eqs.complete else "list not proven complete"
    out.append(("Certified equilibria:", f"{len(eqs.equilibria)} by {eqs.method} ({complete})."))
    if result.exact_final is not None:
        out.append(("Exact check:", "the final frequencies, as exact fractions, are "
                    + ("a Nash equilibrium." if result.exact_equilibrium
                       else "not a Nash equilibrium.")))
    return out


def _trajectory_table(result: LearningResult) -> Table:
    n = len(result.times)
    shown = sorted({round(i * (n - 1) / (TRAJECTORY_ROWS - 1)) for i in range(TRAJECTORY_ROWS)}
                   if n > TRAJECTORY_ROWS else range(n))
    timed = "time" if result.dynamics.endswith("replicator-dynamics") else "step"
    headers = (timed,) + tuple(_role_name(result, p) for p in _roles(result))
    rows = tuple((f"{result.times[k]:.4g}",) + tuple(
        describe_mixture(result.game, p, result.trajectory[k][p]) for p in _roles(result))
        for k in shown)
    return Table(headers, rows, "r" + "l" * (len(headers) - 1))


def _mixture(result: LearningResult, p: int, probs) -> dict[str, float]:
    return {s.id: float(x) for s, x in zip(result.game.players[p].strategies, probs)}


def learning_document(result: LearningResult) -> dict[str, Any]:
    """The result as JSON-ready data."""
    from .json_report import (
        SCHEMA_VERSION,
        equilibria_dict,
        equilibrium_dict,
        exact_str,
        game_header,
    )

    game = result.game
    players = [p.name for p in game.players]
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "command": "learn",
        "game": game_header(game),
        "dynamics": result.dynamics,
        "implementation": source(result),
        "steps": result.steps,
        "seed": result.seed,
        "parameters": dict(result.parameters),
        "state": result.state,
        "symmetric": result.symmetric,
        "tolerance": result.tolerance,
        "converged": result.converged,
        "drift": result.drift,
        "regret": result.regret,
        "verdict": result.verdict,
        "final": {players[p]: _mixture(result, p, x) for p, x in enumerate(result.final)},
        "matches_equilibrium": result.matches,
        "distance": result.distance,
        "nearest_equilibrium": (equilibrium_dict(game, result.equilibria.equilibria[result.nearest])
                                if result.nearest is not None else None),
    }
    if result.exact_final is not None:
        doc["exact_final"] = {players[p]: {s.id: exact_str(x) for s, x in
                                           zip(game.players[p].strategies, probs)}
                              for p, probs in enumerate(result.exact_final)}
        doc["exact_equilibrium"] = result.exact_equilibrium
    if result.time_average is not None:
        doc["time_average"] = {players[p]: _mixture(result, p, x)
                               for p, x in enumerate(result.time_average)}
        doc["time_average_distance"] = result.average_distance
    if result.fixation is not None:
        doc["fixation_probabilities"] = _mixture(result, 0, result.fixation)
    doc["trajectory"] = {
        "times": list(result.times),
        "states": {players[p]: [list(state[p]) for state in result.trajectory]
                   for p in range(game.n_players)},
    }
    doc["equilibria"] = equilibria_dict(game, result.equilibria)
    doc["notes"] = list(result.notes)
    return doc


def render_learning(result: LearningResult, fmt: str = "text") -> str:
    """The report in ``fmt``: text, json, markdown, html or latex."""
    if fmt == "json":
        from .json_report import dumps

        return dumps(learning_document(result))
    outline = learning_outline(result)
    if fmt == "text":
        from .plain import render_outline
    elif fmt == "markdown":
        from .markdown import render_outline
    elif fmt == "html":
        from .html import render_outline
    elif fmt == "latex":
        from .latex import render_outline
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return render_outline(outline)
