"""``gamesolve plot``: every kind of figure, as PNG, SVG and PDF; the exact 2x2
best-response geometry; refusing to overwrite; a clear message without matplotlib."""

from __future__ import annotations

import itertools
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from gamesolve.cli import main
from gamesolve.errors import GameError
from gamesolve.io import load_game
from gamesolve.model import Game
from gamesolve.solvers.base import verify_exact
from gamesolve.solvers.pure import solve_pure

pytest.importorskip("matplotlib")

from gamesolve import plot

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "games" / "south_caucasus.yaml"
BOS = ROOT / "games" / "battle_of_the_sexes.yaml"
PENNIES = ROOT / "games" / "matching_pennies.yaml"
SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}
MIN_BYTES = {".png": 20_000, ".svg": 15_000, ".pdf": 8_000}


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_figure_file(path: Path) -> None:
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".svg":
        head = data[:400].decode("utf-8", "replace")
        assert head.startswith("<?xml") and "<svg" in data[:2000].decode("utf-8", "replace")
    else:
        assert data.startswith(SIGNATURES[suffix]), data[:8]
    assert len(data) >= MIN_BYTES[suffix], f"{path.name}: only {len(data)} bytes"


# ---------------------------------------------------------------------- the CLI
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("path", [PAPER, BOS], ids=["paper", "2x2"])
def test_heatmap(path: Path, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"heatmap{suffix}"
    result = run("plot", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == ""  # a figure, nothing printed
    assert_figure_file(out)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("path", [BOS, PENNIES], ids=["bos", "pennies"])
def test_best_response_diagram(path: Path, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"br{suffix}"
    result = run("plot", path, "--kind", "best-response", "-o", out)
    assert result.exit_code == 0, result.output
    assert_figure_file(out)


def test_best_response_needs_2x2(tmp_path: Path) -> None:
    out = tmp_path / "br.png"
    result = run("plot", PAPER, "--kind", "best-response", "-o", out)
    assert result.exit_code == 2
    assert "needs a 2x2 game; this one is 3x3x1" in result.stderr
    assert not out.exists()
    result = run("plot", PAPER, "--kind", "best-response", "-o", out,
                 "--fix", "Iran=MP,ITA", "--fix", "Azerbaijan=DAI,BR")
    assert result.exit_code == 0, result.output
    assert_figure_file(out)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("path", [PAPER, BOS], ids=["paper", "2x2"])
def test_robustness_bars(path: Path, suffix: str, tmp_path: Path) -> None:
    pytest.importorskip("gamesolve.robustness")
    out = tmp_path / f"robustness{suffix}"
    result = run("plot", path, "--kind", "robustness", "-o", out, "--samples", "200",
                 "--noise", "1", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert_figure_file(out)


def test_heatmap_with_fix_and_more_players(tmp_path: Path) -> None:
    crime = ROOT / "games" / "reporting_a_crime.yaml"
    out = tmp_path / "crime.png"
    result = run("plot", crime, "-o", out)
    assert result.exit_code == 0, result.output
    assert_figure_file(out)


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "fig.png"
    out.write_bytes(b"old")
    result = run("plot", BOS, "-o", out)
    assert result.exit_code == 2
    assert "already exists; use --force to overwrite it" in result.stderr
    assert out.read_bytes() == b"old"
    assert run("plot", BOS, "-o", out, "--force").exit_code == 0
    assert_figure_file(out)


@pytest.mark.parametrize("name", ["fig.jpg", "fig"])
def test_unknown_figure_type(name: str, tmp_path: Path) -> None:
    result = run("plot", BOS, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "name it .png, .svg or .pdf" in result.stderr


def test_output_is_required() -> None:
    assert run("plot", BOS).exit_code == 2


def test_without_matplotlib(tmp_path: Path, monkeypatch) -> None:
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    out = tmp_path / "fig.png"
    result = run("plot", BOS, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.strip() == ("gamesolve: error: plotting needs matplotlib, which is not"
                                     " installed: pip install 'gamesolve[plot]'")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()


def test_agg_backend_and_no_output(capsys) -> None:
    fig = plot.heatmap_figure(load_game(str(BOS)))
    import matplotlib

    assert matplotlib.get_backend().lower() == "agg"
    data = plot.figure_bytes(fig, "png")
    assert data.startswith(SIGNATURES[".png"])
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_heatmap_refuses_too_many_rows() -> None:
    game = Game.from_payoffs(np.zeros((3, 2, 2, 13), dtype=int))
    with pytest.raises(GameError, match="too many rows of panels"):
        plot.heatmap_figure(game)


def test_single_player_heatmap() -> None:
    fig = plot.heatmap_figure(Game.from_payoffs([[1, 3, 2]]))
    assert plot.figure_bytes(fig, "png").startswith(SIGNATURES[".png"])


# ---------------------------------------------------------------------- 2x2 geometry
def points(geo) -> set[tuple[Fraction, Fraction]]:
    return {(b.p0, b.q0) for b in geo.equilibria if b.is_point}


def test_battle_of_the_sexes_equilibria() -> None:
    geo = plot.two_by_two(load_game(str(BOS)))
    assert points(geo) == {(1, 1), (Fraction(2, 3), Fraction(1, 3)), (0, 0)}
    assert (geo.p_star, geo.q_star) == (Fraction(2, 3), Fraction(1, 3))


def test_matching_pennies_equilibrium() -> None:
    geo = plot.two_by_two(load_game(str(PENNIES)))
    assert points(geo) == {(Fraction(1, 2), Fraction(1, 2))}
    assert len(geo.equilibria) == 1


def test_degenerate_games_give_segments_and_regions() -> None:
    constant = plot.two_by_two(Game.from_payoffs(np.ones((2, 2, 2), dtype=int)))
    assert len(constant.equilibria) == 1
    box = constant.equilibria[0]
    assert (box.p0, box.p1, box.q0, box.q1) == (0, 1, 0, 1)
    # row indifferent everywhere, column strictly prefers its first strategy
    game = Game.from_payoffs([[[1, 1], [1, 1]], [[2, 0], [2, 0]]])
    geo = plot.two_by_two(game)
    assert [(b.p0, b.p1, b.q0, b.q1) for b in geo.equilibria] == [(0, 1, 1, 1)]
    fig = plot.best_response_figure(game)
    assert plot.figure_bytes(fig, "png").startswith(SIGNATURES[".png"])


def test_single_strategy_players_are_ignored() -> None:
    base = load_game(str(BOS))
    tensor = np.stack([base.payoffs[0], base.payoffs[1], np.zeros((2, 2))])[..., None]
    game = Game.from_payoffs(tensor.astype(int))
    assert game.shape == (2, 2, 1)
    assert points(plot.two_by_two(game)) == points(plot.two_by_two(base))


@pytest.mark.parametrize("seed", range(40))
def test_random_2x2_equilibria_are_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    game = Game.from_payoffs(rng.integers(-3, 4, size=(2, 2, 2)))
    geo = plot.two_by_two(game)
    assert geo.equilibria, "every finite game has an equilibrium"
    for box in geo.equilibria:
        # every corner of an equilibrium box is an equilibrium
        for p, q in itertools.product({box.p0, box.p1}, {box.q0, box.q1}):
            assert verify_exact(game, [(p, 1 - p), (q, 1 - q)]) is not None, (seed, p, q)
    for eq in solve_pure(game).equilibria:
        p, q = Fraction(1 - eq.profile[0]), Fraction(1 - eq.profile[1])
        assert any(b.p0 <= p <= b.p1 and b.q0 <= q <= b.q1 for b in geo.equilibria)
    # a profile off every box is not an equilibrium (sampled on a grid)
    for p, q in itertools.product([Fraction(k, 7) for k in range(8)], repeat=2):
        inside = any(b.p0 <= p <= b.p1 and b.q0 <= q <= b.q1 for b in geo.equilibria)
        assert inside == (verify_exact(game, [(p, 1 - p), (q, 1 - q)]) is not None)


def test_best_response_agrees_with_solver() -> None:
    try:
        from gamesolve.solvers.equilibria import solve

        found = solve(load_game(str(BOS)), "auto")
    except ImportError as exc:
        pytest.skip(f"the mixed solver is not available: {exc}")
    expected = {(e.exact[0][0], e.exact[1][0]) for e in found.equilibria}
    assert points(plot.two_by_two(load_game(str(BOS)))) == expected
