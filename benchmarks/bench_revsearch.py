"""Benchmark of the exact reverse search (not a test): seconds per best-response polytope.

Run from the repository root:

    python benchmarks/bench_revsearch.py                       # deg10 deg12 deg14 deg16
    python benchmarks/bench_revsearch.py --games deg14 --repeat 3 --before ef33e82

For each game, the two polytope matrices that ``enumerate_equilibria`` hands to the vertex
enumeration (shifted payoffs, dominated rows dropped) are searched in this process by

* ``now``    -- :func:`gamesolve.solvers.bimatrix.revsearch.reverse_search` of the checkout;
* ``before`` -- the same function at git revision ``--before`` (the one-basis-at-a-time
  search of Python-integer dictionaries), loaded from ``git show``, when git has it;

and, as the peer, ``lrsnash`` (whole process, both polytopes, on the same game) when it
is on the path.  The best of ``--repeat`` runs is shown; the bases and vertices of the
two searches are checked to agree.  The last columns are ``estimate_search``
(estimate.py) with its defaults (Knuth probes and a timing sample): estimated bases and
seconds, and its own cost.  Games: ``NAME_A.npy``/``NAME_B.npy`` (and ``NAME.game`` for
lrsnash) in ``--dir`` when given and there; otherwise ``degN`` (``nonN``) is made as
``enumeration_section.game("degenerate", N)`` (``"nondegenerate"``) makes it: the seeded
N x N games of the enumeration section (payoffs 0..3, seed 3000 + N; -500..500, seed
1000 + N), which are also the games saved in the ``/work/bench`` folder of the numbers in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# the checkout's code, not another installed gamesolve (an editable install elsewhere)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gamesolve.model import Game  # noqa: E402
from gamesolve.solvers.bimatrix import revsearch  # noqa: E402
from gamesolve.solvers.bimatrix.estimate import estimate_search  # noqa: E402
from gamesolve.solvers.bimatrix.solve import _polytope_matrices  # noqa: E402
from gamesolve.solvers.bimatrix.vertices import _undominated_rows  # noqa: E402

MODULE = "src/gamesolve/solvers/bimatrix/revsearch.py"


KINDS = {"deg": "degenerate", "non": "nondegenerate"}


def load_game(name: str, folder: Path | None,
              work: Path) -> tuple[np.ndarray, np.ndarray, Path | None]:
    """The game ``name`` from ``folder`` when saved there, else made (and written to
    ``work`` for lrsnash) as the enumeration section makes it."""
    if folder is not None:
        a_file, b_file = folder / f"{name}_A.npy", folder / f"{name}_B.npy"
        if a_file.exists() and b_file.exists():
            lrs = folder / f"{name}.game"
            return np.load(a_file), np.load(b_file), lrs if lrs.exists() else None
    from enumeration_section import game, write_inputs

    kind, size = KINDS.get(name[:3]), name[3:]
    if kind is None or not size.isdigit():
        raise SystemExit(f"bench_revsearch: no game {name!r}"
                         + (f" in {folder}" if folder is not None else "")
                         + " and no way to make it (names: degN, nonN)")
    a, b = game(kind, int(size))
    return a, b, write_inputs(work, name, a, b)["lrs"]


def polytopes(a: np.ndarray, b: np.ndarray) -> dict[str, list[list[int]]]:
    game = Game.from_payoffs([a.tolist(), b.tolist()])
    out = {}
    for label, mat in zip("PQ", _polytope_matrices(game), strict=True):
        keep, _ = _undominated_rows(mat)
        out[label] = [mat[j] for j in keep]
    return out


def module_at(rev: str):
    """``revsearch`` as it was at git revision ``rev`` (None when git lacks it)."""
    try:
        text = subprocess.run(["git", "show", f"{rev}:{MODULE}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "revsearch_before.py"
    path.write_text(text)
    # named inside the package, so that its relative imports (if any) resolve there
    spec = importlib.util.spec_from_file_location("gamesolve.solvers.bimatrix._before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module        # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def best_time(repeat: int, fn, *args, **kwargs):
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", nargs="+", default=["deg10", "deg12", "deg14", "deg16"])
    parser.add_argument("--dir", type=Path, default=None,
                        help="read NAME_A.npy, NAME_B.npy (and NAME.game) here when there")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--before", default="ef33e82", help="git revision to compare with")
    args = parser.parse_args()
    before = module_at(args.before)
    lrsnash = shutil.which("lrsnash")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, "
          f"batch {revsearch.BATCH}, before = {args.before if before else 'n/a'}")
    print(f"{'game':8} {'poly':4} {'size':>7} {'bases':>8} {'vertices':>8} "
          f"{'before s':>9} {'now s':>7} {'speed-up':>8} {'us/basis':>8} {'lrsnash s':>9}"
          f" {'est bases':>9} {'est s':>6} {'est cost':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.games:
            a, b, lrs_file = load_game(name, args.dir, work)
            peer = ""
            if lrsnash and lrs_file:
                seconds, _ = best_time(args.repeat, subprocess.run, [lrsnash, str(lrs_file)],
                                       capture_output=True, check=True)
                peer = f"{seconds:9.3f}"
            for label, mat in polytopes(a, b).items():
                now_s, found = best_time(args.repeat, revsearch.reverse_search, mat)
                before_s, ratio = float("nan"), ""
                if before is not None:
                    before_s, old = best_time(args.repeat, before.reverse_search, mat)
                    assert (old.bases, sorted(old.labels)) == (found.bases, sorted(found.labels))
                    ratio = f"{before_s / now_s:7.2f}x"
                est_s, est = best_time(1, estimate_search, mat)
                print(f"{name:8} {label:4} {len(mat):>3}x{len(mat[0]):<3} {found.bases:8} "
                      f"{len(found.labels):8} {before_s:9.3f} {now_s:7.3f} {ratio:>8} "
                      f"{1e6 * now_s / found.bases:8.1f} {peer:>9} {est.bases:9.0f} "
                      f"{est.seconds:6.2f} {est_s:7.3f}s")
                peer = ""


if __name__ == "__main__":
    main()
