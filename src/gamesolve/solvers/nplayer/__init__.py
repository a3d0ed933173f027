"""Certified enumeration of every Nash equilibrium of an N-player game.

``solve_certified(game)`` searches every support profile that dominance leaves, finds
all complex roots of its indifference system by homotopy continuation with exactly the
generic root count of paths (McKelvey and McLennan 1997), certifies every root in ball
arithmetic (Krawczyk test, python-flint), and proves per support that nothing was
missed; supports it cannot prove are listed with the reason.  Runtime dependencies:
numpy and python-flint only (never pygambit).

Modules: :mod:`.supports` (pruning, enumeration, root counts), :mod:`.system` (the
indifference system), :mod:`.homotopy` (batched path tracking), :mod:`.balls` (root
certificates), :mod:`.verdicts` (is a root an equilibrium), :mod:`.fallback` (Groebner
bases and interval exclusion), :mod:`.search` (one support), :mod:`.solve` (driver).
"""

from .solve import PATHS_PER_SECOND, plan, solve_certified

__all__ = ["PATHS_PER_SECOND", "plan", "solve_certified"]
