"""Exact numbers: the one gate through which weights and values enter, and σ.

Exact values are never floats. :func:`exact` turns an int, a ``Fraction``, a gmpy2 ``mpq`` or
a ``"p/q"`` string into a ``Fraction`` and refuses floats with a TypeError, so a rounding
error can never slip into a weight.

>>> exact("3/4"), exact(2), exact("-5")
(Fraction(3, 4), Fraction(2, 1), Fraction(-5, 1))
>>> exact(0.75)
Traceback (most recent call last):
...
TypeError: exact values are int, Fraction, mpq or 'p/q' strings, not float (0.75)
>>> is_dyadic(exact("3/8")), is_dyadic(exact("1/3"))
(True, False)
"""

from __future__ import annotations

import re
from fractions import Fraction
from numbers import Rational

__all__ = ["brief", "exact", "is_dyadic", "sigma", "to_text"]

_RATIONAL = re.compile(r"\s*[+-]?\d+(\s*/\s*\d+)?\s*")


def exact(value: object) -> Fraction:
    """``value`` as a Fraction; int, Fraction, mpq and ``"p/q"`` strings only.

    Raises
    ------
    TypeError
        For a float, a bool or any other type.
    ValueError
        For a string that is not an integer or ``p/q``, or a zero denominator.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        if not _RATIONAL.fullmatch(value):
            raise ValueError(f"{value!r} is not an exact rational such as '3/4' or '-2'")
        numerator, _, denominator = value.replace(" ", "").partition("/")
        if denominator and int(denominator) == 0:
            raise ValueError(f"{value!r} has a zero denominator")
        return Fraction(int(numerator), int(denominator or 1))
    if isinstance(value, Rational) and not isinstance(value, bool):  # gmpy2's mpq is one
        return Fraction(int(value.numerator), int(value.denominator))
    raise TypeError("exact values are int, Fraction, mpq or 'p/q' strings, not "
                    f"{type(value).__name__} ({value!r})")


def is_dyadic(value: Fraction) -> bool:
    """True if the denominator is a power of two."""
    d = value.denominator
    return d & (d - 1) == 0


def to_text(value: Fraction) -> str:
    """``"p/q"``, or ``"p"`` for an integer: the JSON form of an exact value."""
    return str(value.numerator) if value.denominator == 1 else \
        f"{value.numerator}/{value.denominator}"


def brief(value) -> str:
    """An exact value for a message: itself if short, else its sign, its first digits and its
    size (a stack of thousands of symbols is a fraction of thousands of digits, more than
    Python writes in decimal unasked).

    >>> brief(Fraction(3, 4)), brief(Fraction(1, 3 ** 100))
    ('3/4', '≈ 1.94e-48 (a fraction of 1 and 159 bits)')
    """
    value = Fraction(value)
    if max(value.numerator.bit_length(), value.denominator.bit_length()) <= 64:
        return str(value)
    return (f"≈ {float(value):.4g} (a fraction of {value.numerator.bit_length()} and "
            f"{value.denominator.bit_length()} bits)")


def sigma(z, zero=0, one=1):
    """The saturated-linear activation σ(z) = min(1, max(0, z)), exact for exact ``z``;
    ``zero`` and ``one`` are returned at saturation (pass a backend's own numbers).

    >>> sigma(Fraction(-1, 2)), sigma(Fraction(1, 3)), sigma(7)
    (0, Fraction(1, 3), 1)
    """
    return zero if z <= 0 else one if z >= 1 else z
