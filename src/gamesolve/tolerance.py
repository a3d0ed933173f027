"""The single numerical tolerance used by every floating-point comparison.

Pure-strategy questions are answered exactly (on integer-scaled payoffs), so this
tolerance only matters where floating point is unavoidable: mixed strategies
found by linear algebra or by pygambit's numerical methods.  Those answers are
then re-verified, exactly where the payoffs are rational.
"""

TOL = 1e-9
"""Absolute tolerance on payoffs and probabilities (after payoffs are normalised)."""
