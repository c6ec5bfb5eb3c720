"""The rational code of stacks (a Cantor-like set), with which a network holds a tape.

With k symbols 0..k-1 and an even base B >= 2k, a stack with top digit d1, then d2, ..., dn
is the rational q = Σ_i (2 d_i + 1) / B^i; the empty stack is 0. The lemmas the compiler
rests on, each an affine map plus σ (checked exactly in ``tests/test_coding.py``):

* interval: a nonempty stack with top d lies in [(2d+1)/B, (2d+2)/B); tops differ by gaps
  of at least 1/B;
* read: [d1 >= j] = σ(B q - 2j) for j = 1..k-1, exactly 0 or 1; the empty stack reads as blank;
* pop: q' = σ(B q - (2 d1 + 1)), with d1 = Σ_j [d1 >= j]; the empty stack stays empty;
* push d: q' = q / B + (2d + 1) / B.

Codes are exact: every function takes them through :func:`~rnntm.core.exact.exact`, so a float
is refused with a TypeError.

>>> B = base(2)
>>> q = encode([1, 0, 1], B)
>>> q, decode(q, B), read(q, B, 2), top(q, B, 2)
(Fraction(55, 64), (1, 0, 1), (1,), 1)
>>> decode(pop(q, B, 2), B), decode(push(q, 0, B), B)
((0, 1), (0, 1, 0, 1))
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..errors import RnntmError
from .exact import exact
from .network import sigma

__all__ = ["CodingError", "base", "encode", "decode", "read", "top", "pop", "push"]


class CodingError(RnntmError, ValueError):
    """A rational that is not the code of any stack in the given base."""


def base(n_symbols: int, dyadic: bool = True) -> int:
    """The stack base for ``n_symbols`` symbols: 2k, or with ``dyadic`` the least power of two
    at least 2k (so every weight has a power-of-two denominator).

    >>> base(2), base(3), base(3, dyadic=False)
    (4, 8, 6)
    """
    least = 2 * max(n_symbols, 1)
    return 1 << (least - 1).bit_length() if dyadic else least


def encode(stack_top_first: Sequence[int], B: int) -> Fraction:
    """q = Σ_i (2 d_i + 1) / B^i, the top digit first."""
    q = Fraction(0)
    for d in reversed(stack_top_first):
        q = push(q, d, B)
    return q


def decode(q: Fraction, B: int) -> tuple[int, ...]:
    """The stack coded by ``q``, top first; O(depth) exact operations.

    Raises
    ------
    CodingError
        If ``q`` is not a stack code in base ``B``.
    """
    rest = exact(q)
    if not 0 <= rest < 1:
        raise CodingError(f"{q} is not a stack code in base {B}: codes lie in [0, 1)")
    b = B.bit_length() - 1
    if B == 1 << b and rest.denominator & (rest.denominator - 1) == 0:
        return _decode_binary(rest, b)
    depth, scale = 0, 1  # a code of depth n has a denominator dividing B^n
    while scale % rest.denominator:
        depth, scale = depth + 1, scale * B
        if depth > rest.denominator.bit_length():
            raise CodingError(f"{q} is not a stack code in base {B}: its denominator "
                              f"divides no power of {B}")
    digits = []
    for _ in range(depth):
        odd = int(B * rest)  # floor(B q) = 2 d1 + 1
        if odd % 2 == 0:
            raise CodingError(f"{q} is not a stack code in base {B}: a digit falls in a gap")
        digits.append(odd // 2)
        rest = B * rest - odd
    if rest:
        raise CodingError(f"{q} is not a stack code in base {B}")
    return tuple(digits)


def _decode_binary(q: Fraction, b: int) -> tuple[int, ...]:
    """``decode`` for B = 2**b and a dyadic q: scaled to B**n, q's numerator written in
    base B has the digits 2 d_i + 1, which are b-bit chunks of its binary expansion."""
    if not q:
        return ()
    n = -(-(q.denominator.bit_length() - 1) // b)  # depth: the least n with 2**(b n) >= den
    scaled = q.numerator << (b * n - (q.denominator.bit_length() - 1))
    bits = format(scaled, "b").zfill(b * n)
    digits = [int(bits[i:i + b], 2) for i in range(0, b * n, b)]
    if any(c % 2 == 0 for c in digits):
        raise CodingError(f"{q} is not a stack code in base {1 << b}: a digit falls in a gap")
    return tuple(c // 2 for c in digits)


def read(q: Fraction, B: int, n_symbols: int) -> tuple[int, ...]:
    """([d1 >= 1], ..., [d1 >= k-1]) = σ(B q - 2j): the top digit in thermometer code."""
    q = exact(q)
    return tuple(sigma(B * q - 2 * j) for j in range(1, n_symbols))


def top(q: Fraction, B: int, n_symbols: int) -> int:
    """The top digit d1 = Σ_j [d1 >= j] (0 for the empty stack, read as the blank)."""
    return int(sum(read(q, B, n_symbols)))


def pop(q: Fraction, B: int, n_symbols: int) -> Fraction:
    """σ(B q - (2 d1 + 1)): the stack without its top; the empty stack stays empty."""
    q = exact(q)
    return Fraction(sigma(B * q - (2 * top(q, B, n_symbols) + 1)))


def push(q: Fraction, d: int, B: int) -> Fraction:
    """q / B + (2 d + 1) / B: the stack with ``d`` on top."""
    return (exact(q) + 2 * d + 1) / B
