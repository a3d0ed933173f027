"""Two-player (bimatrix) games: certified vertex enumeration, exact Lemke-Howson and the
zero-sum linear program.  :mod:`.solve` is the facade; :mod:`.vertices` and :mod:`.graph`
enumerate polytope vertices, :mod:`.lh` pivots, :mod:`.zerosum` solves zero-sum games;
:mod:`.plan` estimates an enumeration's work before it starts."""

from .lh import lemke_howson
from .plan import EnumerationEstimate, estimate_enumeration
from .solve import DEGENERATE_WARNING, enumerate_equilibria, is_degenerate
from .zerosum import ZeroSumSolution, is_zero_sum, solve_zero_sum

__all__ = ["DEGENERATE_WARNING", "EnumerationEstimate", "ZeroSumSolution", "enumerate_equilibria",
           "estimate_enumeration", "is_degenerate", "is_zero_sum", "lemke_howson",
           "solve_zero_sum"]
