"""The one reader of numbers written by a user: payoffs in every format, claim bounds and
numeric command-line options.

Every limit is decided on the *text*, before any conversion, so no input can make Python
build a billion-digit integer (``1e999999999``) or trip its 4,300-digit guard:

* at most :data:`MAX_CHARS` characters (digits, sign, point, exponent);
* ASCII digits only: Python's ``int`` and ``float`` accept Arabic-Indic or full-width
  digits, a game file must not (they look like other numbers or like nothing);
* an exponent of at most :data:`MAX_EXPONENT` in magnitude;
* then, on the exact value, a magnitude of at most ``10**150`` and, unless zero, at least
  ``10**-300``: every payoff, every difference and every product of two (the numerical
  solvers square and multiply payoffs) is a finite double, so the float tensor the solvers
  use is faithful to within rounding.

Error messages quote at most :data:`QUOTE_CHARS` characters of the offending text.

>>> parse_number("3"), parse_number("-0.25"), parse_number("2/6"), parse_number("1e3")
(3, Fraction(-1, 4), Fraction(1, 3), 1000)
>>> parse_number("1e999999999")  # doctest: +ELLIPSIS
Traceback (most recent call last):
gamesolve.errors.GameError: payoff '1e999999999' is out of range (an exponent beyond 400 ...
>>> parse_number("\\u0663")  # doctest: +ELLIPSIS
Traceback (most recent call last):
gamesolve.errors.GameError: payoff '٣' uses non-ASCII digits; write numbers with 0-9
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from .errors import GameError

MAX_CHARS = 100
MAX_EXPONENT = 400
MAX_MAGNITUDE = 10**150
MIN_MAGNITUDE_INVERSE = 10**300  # nonzero payoffs are at least 1e-300 in magnitude
QUOTE_CHARS = 60
_MAX_BITS = MAX_MAGNITUDE.bit_length()
_MIN_BITS = MIN_MAGNITUDE_INVERSE.bit_length()

_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_RATIO = re.compile(r"([+-]?[0-9]+)[ \t]*/[ \t]*([+-]?[0-9]+)")
_NOT_FINITE = {"nan", "inf", "infinity", ".nan", ".inf"}


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """``repr`` of at most ``limit`` characters of ``text`` (with ``...`` when cut).

    >>> quote("1" * 5000)[-22:], len(quote("1" * 5000).partition("...")[0]) <= 60
    ('... (5,000 characters)', True)
    """
    text = str(text)
    if len(text) > limit:
        return repr(text[: limit - 3]) + f"... ({len(text):,} characters)"
    return repr(text)


def parse_number(text: str, what: str = "payoff", *, max_magnitude: int = MAX_MAGNITUDE,
                 allow_tiny: bool = False) -> int | Fraction:
    """The exact value of a number written as text: an ``int`` or a ``Fraction``.

    Accepts integers (``-3``), decimals (``0.5``, ``.5``, ``1e-3``) and fractions
    (``2/3``).  ``what`` names the number in errors ("payoff", "'--noise'").
    Raises GameError (without a location) for anything else, with the reason.
    """
    text = str(text).strip()
    if _INTEGER.fullmatch(text):  # the common case, without a Fraction
        return check_magnitude(int(text), text, what, max_magnitude, allow_tiny)
    if not text:
        raise GameError(f"{what} is empty: expected a number")
    if len(text) > MAX_CHARS:
        raise GameError(f"{what} {quote(text)} is too long: at most {MAX_CHARS} characters"
                        " for a number")
    ratio = _RATIO.fullmatch(text)
    if ratio:
        num, den = int(ratio.group(1)), int(ratio.group(2))
        if den == 0:
            raise GameError(f"{what} {quote(text)} has a zero denominator")
        value = Fraction(num, den)
    else:
        match = _DECIMAL.fullmatch(text)
        if match is None or not (match.group(2) or match.group(3)):
            raise not_a_number(text, what)
        sign, whole, frac, exp = match.groups()
        frac = frac or ""
        exponent = 0
        if exp is not None:
            if len(exp.lstrip("+-").lstrip("0")) > 4 or abs(int(exp)) > MAX_EXPONENT:
                raise GameError(f"{what} {quote(text)} is out of range (an exponent beyond"
                                f" {MAX_EXPONENT} in magnitude)")
            exponent = int(exp)
        digits = int((whole or "0") + frac)
        exponent -= len(frac)
        if sign == "-":
            digits = -digits
        value = (Fraction(digits * 10**exponent) if exponent >= 0
                 else Fraction(digits, 10**-exponent))
    if value.denominator == 1:
        value = int(value)
    return check_magnitude(value, text, what, max_magnitude, allow_tiny)


def check_magnitude(value: int | Fraction, text: str, what: str,
                    max_magnitude: int = MAX_MAGNITUDE, allow_tiny: bool = False
                    ) -> int | Fraction:
    """``value`` if its magnitude is within limits (see the module), else GameError."""
    if isinstance(value, int):
        if value.bit_length() <= 62 or abs(value) <= max_magnitude:
            return value
        raise too_large(text, what, max_magnitude)
    num, den = abs(value.numerator), value.denominator
    if num.bit_length() - den.bit_length() > max_magnitude.bit_length() + 1 \
            or value > max_magnitude or value < -max_magnitude:
        raise too_large(text, what, max_magnitude)
    if (not allow_tiny and num and (den.bit_length() - num.bit_length() > _MIN_BITS + 1
                                    or num * MIN_MAGNITUDE_INVERSE < den)):
        raise GameError(f"{what} {quote(text)} is too small to hold as a float (not zero,"
                        " but below 1e-300 in magnitude): rescale the payoffs")
    return value


def too_large(text: str, what: str, max_magnitude: int) -> GameError:
    digits = len(str(max_magnitude)) - 1
    limit = f"1e{digits}" if max_magnitude == 10**digits else f"{max_magnitude:,}"
    return GameError(f"{what} {quote(text)} is too large (beyond {limit} in magnitude)")


def not_a_number(text: str, what: str) -> GameError:
    """The reason ``text`` is not a number, as a GameError."""
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return GameError(f"{what} {quote(text)} uses non-ASCII digits; write numbers with 0-9")
    bare = unicodedata.normalize("NFKC", text).lower().lstrip("+-")
    if bare in _NOT_FINITE:
        return GameError(f"{what} {quote(text)} is not finite")
    return GameError(f"{what} {quote(text)} is not a number"
                     " (use an integer, a decimal or a fraction like 2/3)")


def parse_option(text: str, name: str, *, minimum: float | None = None,
                 maximum: float | None = None, min_open: bool = False,
                 integer: bool = False) -> int | float:
    """A numeric command-line option, checked: finite, ASCII, within ``[minimum, maximum]``.

    >>> parse_option("0.5", "--noise", minimum=0, maximum=1e6)
    0.5
    >>> parse_option("1e308", "--noise", minimum=0, maximum=1e6)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    gamesolve.errors.GameError: --noise '1e308' is too large (at most 1,000,000)
    """
    value = parse_number(text, name, max_magnitude=10**(MAX_EXPONENT + 1), allow_tiny=True)
    if integer and not isinstance(value, int):
        raise GameError(f"{name} {quote(text)} is not a whole number")
    if maximum is not None and value > Fraction(maximum):
        raise GameError(f"{name} {quote(text)} is too large (at most {_show(maximum)})")
    if minimum is not None and (value < Fraction(minimum)
                                or (min_open and value == Fraction(minimum))):
        bound = "more than" if min_open else "at least"
        raise GameError(f"{name} {quote(text)} is too small (it must be {bound}"
                        f" {_show(minimum)})")
    return int(value) if integer else float(value)


def _show(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"
