"""Figures of a game and its analysis (matplotlib, the ``gamesolve[plot]`` extra).

Three kinds, each a function returning a matplotlib Figure (nothing is shown or
printed; :func:`save_figure` writes one to a file):

* :func:`heatmap_figure`: one panel per player, that player's payoffs with the first
  player's strategies as rows and the second's as columns; every cell shows its exact
  payoff, a player's best responses are bold with a triangle, pure Nash equilibria are
  outlined in every panel.  With three or more players there is one row of panels per
  profile of the third and further players.
* :func:`best_response_figure`: for a 2x2 game, the best-response correspondences in
  the (p, q) square and every equilibrium (points, or segments in degenerate games),
  computed exactly from the indifference conditions.
* :func:`robustness_figure`: how often each conclusion survives random perturbation
  of the payoffs (from :func:`gamesolve.robustness.robustness`).

Colours are colour-blind safe (cividis for payoffs, Okabe-Ito for lines) and every
mark also differs in shape or line style.  matplotlib is imported lazily, with the Agg
backend; without it :func:`require_matplotlib` raises a one-line GameError.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import GameError
from .model import Game, Profile

KINDS = ("heatmap", "best-response", "robustness")
FILE_TYPES = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
MAX_HEATMAP_ROWS = 12  # rows of panels (profiles of players 3+)
MAX_ANNOTATED = 400  # cells per panel beyond which numbers are not written in cells
MAX_HEATMAP_CELLS = 250_000

# Okabe & Ito (2008), "Color universal design"
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
             "black": "#000000", "grey": "#999999"}
HEATMAP_CMAP = "cividis"
LABEL_BOX = {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "0.6",
             "alpha": 0.9}


def require_matplotlib():
    """matplotlib.pyplot with the Agg backend, or a GameError saying how to install it."""
    try:
        import matplotlib
    except ImportError:
        raise GameError("plotting needs matplotlib, which is not installed:"
                        " pip install 'gamesolve[plot]'") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _short(text: str, limit: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# ---------------------------------------------------------------------------- heatmap


def heatmap_figure(game: Game, masks: Sequence[np.ndarray] | None = None,
                   equilibria: Sequence[Profile] | None = None):
    """Payoff heatmaps: one panel per player, one row per profile of players 3+."""
    plt = require_matplotlib()
    from matplotlib.patches import Rectangle

    if game.n_profiles > MAX_HEATMAP_CELLS:
        raise GameError(f"the game has {game.n_profiles:,} profiles: too many for a heatmap"
                        " (restrict it with --fix)")
    if masks is None:
        from .solvers.pure import best_response_masks

        masks = best_response_masks(game)
    if equilibria is None:
        from .solvers.pure import solve_pure

        equilibria = [e.profile for e in solve_pure(game).equilibria]
    eq_set = set(equilibria)
    n = game.n_players
    rows_shape = game.shape[0] if n >= 1 else 1
    cols_shape = game.shape[1] if n >= 2 else 1
    tails = list(np.ndindex(*game.shape[2:]))
    if len(tails) > MAX_HEATMAP_ROWS:
        raise GameError(f"{len(tails)} profiles of the third and further players: too many"
                        f" rows of panels (at most {MAX_HEATMAP_ROWS}); fix some players"
                        " with --fix PLAYER=ID")
    annotate = rows_shape * cols_shape <= MAX_ANNOTATED
    cell = 0.62 if annotate else 0.25
    panel_w = max(2.8, cols_shape * cell * (1.5 if n >= 3 else 1.3) + 1.4)
    panel_h = max(2.3, rows_shape * cell + 1.0)
    key = strategy_key(game)
    fig_w = panel_w * n + 0.6
    fig, axes = plt.subplots(len(tails), n, figsize=(fig_w, panel_h * len(tails) + 1.0
                                                     + 0.17 * len(key.splitlines())),
                             squeeze=False, constrained_layout=True)
    cmap = plt.get_cmap(HEATMAP_CMAP)
    for p in range(n):
        low, high = float(game.payoffs[p].min()), float(game.payoffs[p].max())
        if low == high:
            low, high = low - 1, high + 1
        exact = game.exact_array(p)
        single = game.shape[p] == 1  # nothing to choose: no best-response marks
        for r, tail in enumerate(tails):
            ax = axes[r][p]
            index = (slice(None),) * min(n, 2) + tuple(tail)
            values = game.payoffs[p][index].reshape(rows_shape, cols_shape)
            best = np.asarray(masks[p][index]).reshape(rows_shape, cols_shape)
            image = ax.imshow(values, cmap=cmap, vmin=low, vmax=high, aspect="auto")
            ax.set_xticks(range(cols_shape))
            ax.set_yticks(range(rows_shape))
            ax.set_xticklabels(list(game.players[1].ids) if n >= 2 else [""], fontsize=9)
            ax.set_yticklabels(list(game.players[0].ids), fontsize=9)
            ax.tick_params(length=0)
            ax.set_xticks(np.arange(-0.5, cols_shape, 1), minor=True)
            ax.set_yticks(np.arange(-0.5, rows_shape, 1), minor=True)
            ax.grid(which="minor", color="white", linewidth=1.5)
            ax.tick_params(which="minor", length=0)
            if n >= 2:
                ax.set_xlabel(game.players[1].name, fontsize=9)
                ax.xaxis.set_label_position("top")
                ax.xaxis.tick_top()
            ax.set_ylabel(game.players[0].name, fontsize=9)
            title = f"{game.players[p].name}'s payoff"
            if single:
                title += f" (only strategy: {game.players[p].ids[0]})"
            if tail:
                title += "\n" + ", ".join(f"{game.players[2 + k].name} = "
                                          f"{game.players[2 + k].strategies[i].id}"
                                          for k, i in enumerate(tail))
            ax.set_title(title, fontsize=10, pad=6)
            for i in range(rows_shape):
                for j in range(cols_shape):
                    prof = ((i, j) if n >= 2 else (i,)) + tuple(tail)
                    mark = bool(best[i, j]) and not single
                    if annotate:
                        shade = (float(values[i, j]) - low) / (high - low)
                        colour = "black" if shade > 0.55 else "white"
                        text = (("\u25B2 " if mark else "") + _num(exact[prof])
                                + (" (a)" if prof in game.assumed else ""))
                        ax.text(j, i, text, ha="center", va="center", color=colour,
                                fontsize=10 if mark else 9,
                                fontweight="bold" if mark else "normal")
                    elif mark:
                        ax.plot([j], [i], marker="^", color="white", markersize=4,
                                markeredgecolor="black", markeredgewidth=0.5)
                    if prof in eq_set:
                        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False,
                                               edgecolor=OKABE_ITO["vermillion"],
                                               linewidth=3.0, linestyle="-", zorder=3))
            if r == len(tails) - 1 or len(tails) == 1:
                bar = fig.colorbar(image, ax=ax, shrink=0.85, pad=0.03)
                bar.ax.tick_params(labelsize=7)
                if game.denominators[p] == 1:
                    from matplotlib.ticker import MaxNLocator

                    bar.locator = MaxNLocator(integer=True)
                    bar.update_ticks()
    legend = ("\u25B2 bold: a best response of the panel's player to the others' strategies."
              + ("  Vermillion outline: a pure Nash equilibrium." if eq_set else
                 "  No pure Nash equilibrium.")
              + ("  (a): numbers assumed, not from the source." if game.assumed else ""))
    fig.suptitle(game.title or "Payoffs", fontsize=12)
    fig.supxlabel(legend + ("\n" + key if key else ""), fontsize=8, linespacing=1.5)
    return fig


def strategy_key(game: Game, width: int = 150) -> str:
    """'Iran: MP = Maintain Current Policies, ...' lines, for strategies with labels."""
    import textwrap

    lines = []
    for player in game.players:
        named = [f"{s.id} = {_short(s.label, 40)}" for s in player.strategies
                 if s.label and s.label != s.id]
        if named:
            lines.extend(textwrap.wrap(f"{player.name}: " + ", ".join(named), width))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- 2x2


@dataclass(frozen=True)
class Box:
    """An axis-parallel closed box in the (p, q) square: a point, a segment or a region."""

    p0: Fraction
    p1: Fraction
    q0: Fraction
    q1: Fraction

    def meet(self, other: Box) -> Box | None:
        box = Box(max(self.p0, other.p0), min(self.p1, other.p1),
                  max(self.q0, other.q0), min(self.q1, other.q1))
        return box if box.p0 <= box.p1 and box.q0 <= box.q1 else None

    def inside(self, other: Box) -> bool:
        return (other.p0 <= self.p0 and self.p1 <= other.p1 and other.q0 <= self.q0
                and self.q1 <= other.q1)

    @property
    def is_point(self) -> bool:
        return self.p0 == self.p1 and self.q0 == self.q1


@dataclass(frozen=True)
class TwoByTwo:
    """The exact best-response geometry of a 2x2 game.

    ``p`` is the probability that the row player (``players[0]``) plays its first
    strategy, ``q`` that the column player plays its first.  ``row_br`` is the graph
    {(p, q): p is a best response to q}, ``col_br`` likewise; ``equilibria`` is their
    intersection (boxes: points, or segments/regions when the game is degenerate).
    """

    players: tuple[int, int]
    row_br: tuple[Box, ...]
    col_br: tuple[Box, ...]
    equilibria: tuple[Box, ...]
    q_star: Fraction | None  # where the row player is indifferent
    p_star: Fraction | None


def _graph(at0: Fraction, at1: Fraction, row: bool) -> tuple[list[Box], Fraction | None]:
    """Best-response graph of a player whose advantage of strategy 1 over strategy 2 is
    ``at0`` when the opponent plays its strategy 2 for sure and ``at1`` when it plays its
    strategy 1 (linear in between).  ``row``: this player's probability is p."""
    zero, one = Fraction(0), Fraction(1)

    def box(own0, own1, opp0, opp1) -> Box:
        return Box(own0, own1, opp0, opp1) if row else Box(opp0, opp1, own0, own1)

    if at0 == 0 and at1 == 0:
        return [box(zero, one, zero, one)], None
    root = None
    if at0 != at1:
        r = at0 / (at0 - at1)
        if zero <= r <= one:
            root = r
    points = sorted({zero, one} | ({root} if root is not None else set()))
    boxes = []
    for lo, hi in itertools.pairwise(points):
        mid = (lo + hi) / 2
        adv = at0 + (at1 - at0) * mid
        own = one if adv > 0 else zero
        boxes.append(box(own, own, lo, hi))
    for x in points:
        if at0 + (at1 - at0) * x == 0:
            boxes.append(box(zero, one, x, x))
    return boxes, root


def two_by_two(game: Game) -> TwoByTwo:
    """Best responses and equilibria of a game where exactly two players have two
    strategies each and every other player has one."""
    active = [p for p, s in enumerate(game.shape) if s > 1]
    if len(active) != 2 or any(game.shape[p] != 2 for p in active):
        dims = "x".join(str(s) for s in game.shape)
        raise GameError(f"the best-response diagram needs a 2x2 game; this one is {dims}"
                        " (restrict it with --fix PLAYER=ID,ID)")
    r, c = active

    def u(p: int, a: int, b: int) -> Fraction:
        prof = [0] * game.n_players
        prof[r], prof[c] = a, b
        return game.exact_payoff(p, tuple(prof))

    # row's advantage of its strategy 1 over 2: against column's 2 (q=0) and 1 (q=1)
    row_boxes, q_star = _graph(u(r, 0, 1) - u(r, 1, 1), u(r, 0, 0) - u(r, 1, 0), True)
    col_boxes, p_star = _graph(u(c, 1, 0) - u(c, 1, 1), u(c, 0, 0) - u(c, 0, 1), False)
    meets = []
    for a in row_boxes:
        for b in col_boxes:
            m = a.meet(b)
            if m is not None and m not in meets:
                meets.append(m)
    kept = [m for m in meets if not any(m != o and m.inside(o) for o in meets)]
    kept.sort(key=lambda b: (-b.p0, -b.q0, b.p1, b.q1))
    return TwoByTwo((r, c), tuple(row_boxes), tuple(col_boxes), tuple(kept), q_star, p_star)


def _box_label(game: Game, geo: TwoByTwo, box: Box) -> str:
    r, c = geo.players

    def mix(p: int, x: Fraction) -> str:
        a, b = game.players[p].ids
        if x == 1:
            return a
        if x == 0:
            return b
        return f"{_num(x)} {a} + {_num(1 - x)} {b}"

    if box.is_point:
        if box.p0 in (0, 1) and box.q0 in (0, 1):
            return f"({mix(r, box.p0)}, {mix(c, box.q0)})"
        return f"p = {_num(box.p0)}, q = {_num(box.q0)}"
    if box.p0 == box.p1:
        return f"p = {_num(box.p0)}, q in [{_num(box.q0)}, {_num(box.q1)}]"
    if box.q0 == box.q1:
        return f"p in [{_num(box.p0)}, {_num(box.p1)}], q = {_num(box.q0)}"
    return f"p in [{_num(box.p0)}, {_num(box.p1)}], q in [{_num(box.q0)}, {_num(box.q1)}]"


def best_response_figure(game: Game):
    """The best-response diagram of a 2x2 game, with every equilibrium marked."""
    plt = require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    geo = two_by_two(game)
    r, c = geo.players
    row, col = game.players[r], game.players[c]
    fig, ax = plt.subplots(figsize=(6.4, 6.6), constrained_layout=True)
    styles = {
        "row": {"color": OKABE_ITO["orange"], "linewidth": 6, "linestyle": "-", "alpha": 0.9,
                "solid_capstyle": "round", "zorder": 2},
        "col": {"color": OKABE_ITO["blue"], "linewidth": 2.5, "linestyle": (0, (5, 2)),
                "zorder": 3},
    }
    for key, boxes in (("row", geo.row_br), ("col", geo.col_br)):
        st = styles[key]
        for b in boxes:
            if b.p0 != b.p1 and b.q0 != b.q1:  # indifferent everywhere: the whole square
                ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=st["color"], alpha=0.15,
                                       hatch="//" if key == "row" else "\\\\",
                                       edgecolor=st["color"], zorder=1))
            else:
                ax.plot([float(b.p0), float(b.p1)], [float(b.q0), float(b.q1)], **st)
    for b in geo.equilibria:
        label = _box_label(game, geo, b)
        if b.is_point:
            x, y = float(b.p0), float(b.q0)
            ax.plot([x], [y], marker="o", markersize=11, color="black",
                    markerfacecolor="white", markeredgewidth=2.2, zorder=5)
            ax.plot([x], [y], marker="o", markersize=4, color="black", zorder=6)
            dx = -12 if x > 0.6 else 12
            dy = -16 if y > 0.6 else 12
            ax.annotate(label, (x, y), xytext=(dx, dy), textcoords="offset points",
                        ha="right" if dx < 0 else "left", fontsize=9, zorder=7,
                        bbox=LABEL_BOX)
        else:
            ax.plot([float(b.p0), float(b.p1)], [float(b.q0), float(b.q1)], color="black",
                    linewidth=3.5, zorder=5)
            ax.annotate(label, (float(b.p0 + b.p1) / 2, float(b.q0 + b.q1) / 2),
                        xytext=(8, 8), textcoords="offset points", fontsize=9, zorder=7,
                        bbox=LABEL_BOX)
    a1, b1 = row.ids[0], col.ids[0]
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_aspect("equal")
    for axis, star in ((ax.xaxis, geo.p_star), (ax.yaxis, geo.q_star)):
        ticks = {Fraction(0), Fraction(1)} | ({star} if star is not None else set())
        ticks = sorted(ticks)
        axis.set_ticks([float(t) for t in ticks], labels=[_num(t) for t in ticks])
        axis.set_ticks([0.25, 0.5, 0.75], minor=True)
    ax.grid(which="both", color="0.9", linewidth=0.8, zorder=0)
    ax.set_xlabel(f"p = probability that {row.name} plays {a1}\n"
                  f"(p = 0: plays {_labelled(row, 1)}; p = 1: plays {_labelled(row, 0)})",
                  fontsize=9)
    ax.set_ylabel(f"q = probability that {col.name} plays {b1}\n"
                  f"(q = 0: plays {_labelled(col, 1)}; q = 1: plays {_labelled(col, 0)})",
                  fontsize=9)
    for value, text in ((geo.q_star, "q"), (geo.p_star, "p")):
        if value is not None and 0 < value < 1:
            if text == "q":
                ax.axhline(float(value), color="0.75", linewidth=0.8, linestyle=":", zorder=0)
            else:
                ax.axvline(float(value), color="0.75", linewidth=0.8, linestyle=":", zorder=0)
    handles = [
        Line2D([], [], **{k: v for k, v in styles["row"].items() if k != "zorder"},
               label=f"{row.name}'s best response to q"),
        Line2D([], [], **{k: v for k, v in styles["col"].items() if k != "zorder"},
               label=f"{col.name}'s best response to p"),
        Line2D([], [], marker="o", color="black", markerfacecolor="white", linestyle="none",
               markersize=9, markeredgewidth=2, label="Nash equilibrium"),
    ]
    if any(b.p0 != b.p1 and b.q0 != b.q1 for b in geo.row_br + geo.col_br):
        handles.append(Patch(facecolor="0.85", hatch="//", label="indifferent everywhere"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
              fontsize=8, frameon=False)
    isolated = sum(1 for b in geo.equilibria if b.is_point)
    sets = len(geo.equilibria) - isolated
    counts = []
    if isolated:
        counts.append(f"{isolated} {'isolated ' if sets else ''}equilibri"
                      f"{'um' if isolated == 1 else 'a'}")
    if sets:
        counts.append(f"{sets} continu{'um' if sets == 1 else 'a'} of equilibria")
    fig.suptitle(f"{game.title or 'Best responses'}\n{' and '.join(counts)} (exact)",
                 fontsize=11)
    return fig


def _labelled(player, index: int) -> str:
    """A strategy id with its label, for axis captions."""
    s = player.strategies[index]
    return f"{s.id} ({_short(s.label, 20)})" if s.label and s.label != s.id else s.id


# ---------------------------------------------------------------------------- robustness


def robustness_figure(game: Game, report: Any):
    """Bar chart: how often each conclusion survives the sampled perturbations.

    ``report`` is a :class:`gamesolve.robustness.RobustnessReport` with sampling.
    """
    plt = require_matplotlib()
    from matplotlib.patches import Patch

    s = getattr(report, "sampling", None)
    if s is None:
        raise GameError("the robustness figure needs sampling: use --samples N with N > 0")
    fmt = game.format_profile
    from .report.robustness_report import percent

    groups: list[tuple[str, list[tuple[str, int, bool]]]] = [
        ("Pure Nash equilibrium", [(fmt(e.profile), e.count, e.original)
                                   for e in s.equilibria]
         + [("none", s.no_pure_equilibrium, not any(e.original for e in s.equilibria))]),
        ("Strictly dominant strategy", [
            (f"{game.players[d.player].name}: {game.players[d.player].ids[d.strategy]}",
             d.count, d.original) for d in s.dominance]),
        ("Iterated elimination leaves only", [(fmt(e.profile), e.count, e.original)
                                              for e in s.elimination]
         + [("more than one profile", s.not_solvable,
             not any(e.original for e in s.elimination))]),
    ]
    groups = [(g, [row for row in rows if row[1] > 0 or row[2]]) for g, rows in groups]
    groups = [(g, rows) for g, rows in groups if rows]
    labels, values, texts, original, ys, heads = [], [], [], [], [], []
    y = 0.0
    for title, rows in groups:
        heads.append((y, title))
        y += 1
        for text, count, orig in sorted(rows, key=lambda t: (not t[2], -t[1])):
            labels.append(_short(text, 40))
            values.append(count / s.samples)
            texts.append(percent(count, s.samples))
            original.append(orig)
            ys.append(y)
            y += 1
        y += 0.5
    fig, ax = plt.subplots(figsize=(8.5, 0.38 * y + 1.9), constrained_layout=True)
    colours = [OKABE_ITO["blue"] if o else OKABE_ITO["orange"] for o in original]
    hatches = ["" if o else "//" for o in original]
    bars = ax.barh(ys, values, color=colours, edgecolor="black", linewidth=0.6, height=0.72)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    for yy, v, text in zip(ys, values, texts, strict=True):
        inside = v > 0.85
        ax.text(v - 0.01 if inside else v + 0.01, yy, text,
                va="center", ha="right" if inside else "left", fontsize=8,
                color="white" if inside else "black")
    for yy, title in heads:
        ax.text(0, yy, title, va="center", ha="left", fontsize=9, fontweight="bold")
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(y - 0.4, -0.7)  # top to bottom, with room for the first group's title
    ax.set_xlim(0, 1.0)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{100 * x:.0f}%")
    ax.set_xlabel("share of perturbed games in which it holds", fontsize=9)
    ax.grid(axis="x", color="0.9", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if s.ordinal:
        how = "random payoffs keeping each player's ranking"
    else:
        how = f"uniform noise in [-{s.noise:g}, {s.noise:g}] on every payoff"
    ax.set_title(f"{game.title or 'Robustness'}\n{s.samples:,} samples, {how}, seed {s.seed}",
                 fontsize=10)
    fig.legend(handles=[Patch(facecolor=OKABE_ITO["blue"], edgecolor="black",
                              label="a conclusion of the game as given"),
                        Patch(facecolor=OKABE_ITO["orange"], edgecolor="black", hatch="//",
                              label="what replaces it in some samples")],
               loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig


# ---------------------------------------------------------------------------- files


def file_type(path: str) -> str:
    """png, svg or pdf from the file name."""
    ext = os.path.splitext(str(path))[1].lower()
    if ext not in FILE_TYPES:
        raise GameError(f"cannot tell the figure type from {path!r}: name it .png, .svg or"
                        " .pdf")
    return FILE_TYPES[ext]


def figure_bytes(fig, kind: str) -> bytes:
    """The figure rendered as png, svg or pdf (the figure is closed afterwards)."""
    plt = require_matplotlib()
    buffer = io.BytesIO()
    try:
        metadata = {"Software": "gamesolve"} if kind == "png" else {"Creator": "gamesolve"}
        fig.savefig(buffer, format=kind, dpi=150 if kind == "png" else None,
                    bbox_inches="tight", metadata=metadata)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def save_figure(fig, path: str, force: bool = False) -> None:
    """Write the figure to ``path`` (png/svg/pdf by extension), atomically."""
    from .io.writers import write_file

    data = figure_bytes(fig, file_type(path))
    write_file(path, data, force=force)


def make_figure(game: Game, kind: str = "heatmap", **options: Any):
    """The figure of ``kind`` for ``game``; robustness options go to the sampler."""
    if kind == "heatmap":
        return heatmap_figure(game)
    if kind == "best-response":
        return best_response_figure(game)
    if kind == "robustness":
        try:
            from .robustness import robustness
        except ImportError:  # pragma: no cover - robustness ships with gamesolve
            raise GameError("robustness analysis is not available in this version") from None
        return robustness_figure(game, robustness(game, **options))
    raise GameError(f"unknown figure kind {kind!r} (choose from {', '.join(KINDS)})")


__all__ = [
    "KINDS",
    "best_response_figure",
    "figure_bytes",
    "file_type",
    "heatmap_figure",
    "make_figure",
    "require_matplotlib",
    "robustness_figure",
    "save_figure",
    "two_by_two",
]
