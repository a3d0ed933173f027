"""The learning figure (``gamesolve plot --kind learning``): trajectories of a
:class:`~gamesolve.learning.LearningResult`.

With three strategies a player's (or the population's) path is drawn on the probability
simplex, a triangle whose corners are the pure strategies: start (circle), end (square),
time average (diamond, for replicator dynamics) and the certified equilibria (stars).
A 2x2 game's path is drawn in the unit square of the two players' probabilities of their
first strategies.  Otherwise each strategy's probability is drawn against time, with dotted
lines at the certified equilibria's probabilities.  The verdict is the figure's caption.
Colours are Okabe-Ito and every line also differs in style.
"""

from __future__ import annotations

import textwrap

import numpy as np

from .plot import OKABE_ITO, require_matplotlib

LINE_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "orange", "purple",
                                       "sky", "yellow", "black")]
LINE_STYLES = ["-", "--", "-.", ":"]
CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def to_triangle(probs) -> np.ndarray:
    """Barycentric (p1, p2, p3) rows to points of the equilateral triangle.

    >>> to_triangle([[1, 0, 0], [0, 0, 1]]).round(3).tolist()
    [[0.0, 0.0], [0.5, 0.866]]
    """
    return np.asarray(probs, dtype=float) @ CORNERS


def _panels(result) -> list[int]:
    return [0] if result.symmetric else list(range(result.game.n_players))


def _name(result, p: int) -> str:
    return "Population" if result.symmetric else result.game.players[p].name


def learning_figure(result):
    """The trajectories of a learning run, on the simplex for 3 strategies."""
    plt = require_matplotlib()
    game = result.game
    panels = _panels(result)
    if not result.symmetric and game.shape == (2, 2):
        fig, ax = plt.subplots(figsize=(5.6, 5.4))
        _square(ax, result)
        _titles(fig, result)
        return fig
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 5.0), squeeze=False)
    for ax, p in zip(axes[0], panels):
        path = np.array([state[p] for state in result.trajectory])
        if game.shape[p] == 3:
            _simplex(ax, result, p, path)
        else:
            _series(ax, result, p, path)
    _titles(fig, result)
    return fig


def _titles(fig, result) -> None:
    game = result.game
    title = f"{game.title or 'Game'}: {result.dynamics}, {result.steps:,} steps, seed {result.seed}"
    fig.suptitle(title, fontsize=11)
    fig.text(0.5, -0.02, "\n".join(textwrap.wrap(result.verdict, 110)), ha="center",
             va="top", fontsize=8.5)
    fig.tight_layout()


def _simplex(ax, result, p: int, path: np.ndarray) -> None:
    strategies = result.game.players[p].strategies
    outline = np.vstack([CORNERS, CORNERS[:1]])
    ax.plot(outline[:, 0], outline[:, 1], color="0.3", lw=1)
    offsets = [(-0.04, -0.05), (0.04, -0.05), (0.0, 0.04)]
    for corner, s, (dx, dy) in zip(CORNERS, strategies, offsets):
        ax.text(corner[0] + dx, corner[1] + dy, s.display, ha="center", va="center")
    xy = to_triangle(path)
    ax.plot(xy[:, 0], xy[:, 1], color=LINE_COLOURS[0], lw=1.3, label="trajectory")
    ax.plot(*xy[0], "o", color=LINE_COLOURS[0], ms=7, mfc="white", label="start")
    ax.plot(*xy[-1], "s", color=LINE_COLOURS[0], ms=7, label="end")
    eq_points = [to_triangle([e.strategies[p]])[0] for e in result.equilibria.equilibria]
    for k, point in enumerate(eq_points):
        ax.plot(*point, "*", color=OKABE_ITO["vermillion"], ms=13, mec="black",
                label="Nash equilibrium" if k == 0 else None)
    if result.time_average is not None:
        ax.plot(*to_triangle([result.time_average[p]])[0], "D", color=OKABE_ITO["orange"],
                ms=5, mec="black", label="time average")
    ax.set_aspect("equal")
    ax.set_xlim(-0.1, 1.1)
    ax.set_ylim(-0.1, 0.95)
    ax.axis("off")
    ax.set_title(_name(result, p))
    ax.legend(loc="upper left", fontsize=8, frameon=False)


def _square(ax, result) -> None:
    """2x2 games: the path of (P(first strategy) of player 1, of player 2) in the unit
    square, the product of the two one-dimensional simplices."""
    game = result.game
    path = np.array([[state[0][0], state[1][0]] for state in result.trajectory])
    ax.plot(path[:, 0], path[:, 1], color=LINE_COLOURS[0], lw=1.2, label="trajectory")
    ax.plot(*path[0], "o", color=LINE_COLOURS[0], ms=7, mfc="white", label="start")
    ax.plot(*path[-1], "s", color=LINE_COLOURS[0], ms=7, label="end")
    for k, e in enumerate(result.equilibria.equilibria):
        ax.plot(e.strategies[0][0], e.strategies[1][0], "*", color=OKABE_ITO["vermillion"],
                ms=13, mec="black", label="Nash equilibrium" if k == 0 else None)
    if result.time_average is not None:
        ax.plot(result.time_average[0][0], result.time_average[1][0], "D", ms=5, mec="black",
                color=OKABE_ITO["orange"], label="time average")
    first = [pl.strategies[0].display for pl in game.players]
    ax.set_xlabel(f"{game.players[0].name}: probability of {first[0]}")
    ax.set_ylabel(f"{game.players[1].name}: probability of {first[1]}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", framealpha=0.9)


def _series(ax, result, p: int, path: np.ndarray) -> None:
    times = np.asarray(result.times)
    strategies = result.game.players[p].strategies
    for i, s in enumerate(strategies):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        ax.plot(times, path[:, i], color=colour, ls=LINE_STYLES[i % len(LINE_STYLES)],
                lw=1.4, label=s.display)
        levels = sorted({round(float(e.strategies[p][i]), 9)
                         for e in result.equilibria.equilibria})
        for level in levels[:4]:
            ax.axhline(level, color=colour, lw=0.8, ls=(0, (1, 3)), alpha=0.8)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("time" if result.dynamics.endswith("replicator-dynamics") else "step")
    ax.set_ylabel("probability")
    ax.set_title(f"{_name(result, p)} (dotted: certified equilibria)")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
