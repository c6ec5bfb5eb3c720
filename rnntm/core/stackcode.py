"""The code of a stack as a rational: the one source of every stack formula.

A stack of symbols s1 s2 … sn (top first) is the rational q = Σ_i c(s_i) / D^i, the empty
stack 0, for a base D and a *digit* c(s) for each symbol s. A code is valid when
c(0) ≥ 1, c(j) ≥ c(j−1) + 2 and c(k−1) < D; then, each an affine map plus σ:

* **interval**: a nonempty stack with top s lies in [c(s)/D, (c(s)+1)/D); different tops lie
  in disjoint intervals, the empty stack at 0;
* **read**: [top ≥ j] = σ(D q − c(j) + 1), exactly 0 or 1 (the empty stack reads as symbol
  0), and [q nonempty] = σ(D q);
* **pop**: σ(D q − c(top)), where c(top) = c(0) + Σ_j (c(j) − c(j−1)) [top ≥ j] is affine
  in the readings; the empty stack stays empty;
* **push** s: (q + c(s)) / D;
* **gate**: for v in [0, K] and a gate g in {0, 1}, σ(v + K (g − 1)) = g·v, no product.

Two families of codes are used. *Classic*: c(s) = 2s + 1 in an even base B ≥ 2k, a power
of two by default so that every weight is dyadic. *Binary patterns*: a symbol's digit is
its bits, most significant first, interleaved with fixed 1s; ``d…d1`` (b bits, then a 1) is
the classic code in base 2^(b+1), and ``d1`` per bit is Siegelmann and Sontag's binary stack
in base 4, each bit the base-4 digit 2·bit + 1, so that a stack of symbols is the binary
stack of their bits. :data:`BINARY` is that code of single bits.

The lemmas are methods written once for two kinds of values: exact numbers, to encode,
decode and check, and affine expressions over neuron names
(:class:`~rnntm.core.affine.Lin`), from which the compiler builds its rows and with which
proofs can reason. Exact values pass :func:`~rnntm.core.exact.exact` (floats are refused).

>>> code = StackCode.classic(2)                 # base 4, digits 1 and 3
>>> q = code.encode([1, 0, 1])
>>> q, code.decode(q), code.read(q), code.top(q)
(Fraction(55, 64), (1, 0, 1), (1,), 1)
>>> code.decode(code.popped(q)), code.decode(code.pushed(q, 0))
((0, 1), (0, 1, 0, 1))
>>> from rnntm.core.affine import Lin
>>> code.pop(Lin.var("L"), code.top_digit([Lin.var("t1")]))  # the same lemma, symbolically
4*L + -2*t1 + -1
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from ..errors import RnntmError
from .affine import Lin, upper_bound
from .exact import brief, exact, sigma

__all__ = ["BINARY", "CodingError", "StackCode", "classic_base", "gate", "safe_gate"]


class CodingError(RnntmError, ValueError):
    """A rational that is not the code of any stack in the given code."""


def classic_base(n_symbols: int, dyadic: bool = True) -> int:
    """The base of the classic code for ``n_symbols`` symbols: 2k, or with ``dyadic`` the
    least power of two at least 2k (so every weight has a power-of-two denominator).

    >>> classic_base(2), classic_base(3), classic_base(3, dyadic=False)
    (4, 8, 6)
    """
    least = 2 * max(n_symbols, 1)
    return 1 << (least - 1).bit_length() if dyadic else least


@dataclass(frozen=True)
class StackCode:
    """The base D and the digit c(s) of each symbol; ``pattern`` is the binary pattern of
    the digits (``d`` a bit of the symbol, ``1`` a one) where there is one.

    Raises
    ------
    CodingError
        If the digits break c(0) ≥ 1, c(j) ≥ c(j−1) + 2 or c(k−1) < D.
    """

    base: int
    digits: tuple[int, ...]
    pattern: str = ""

    def __post_init__(self) -> None:
        d = self.digits
        if not d or d[0] < 1 or d[-1] >= self.base or any(
                later < earlier + 2 for earlier, later in zip(d, d[1:], strict=False)):
            raise CodingError(f"digits {d} in base {self.base} are no stack code: they must "
                              "start at 1 or more, grow by 2 or more, and stay below the base")

    @classmethod
    def classic(cls, n_symbols: int, base: int | None = None) -> StackCode:
        """Digits 2s + 1 in ``base`` (by default the least power of two at least 2k)."""
        base = classic_base(n_symbols) if base is None else base
        bits = base.bit_length() - 1
        pattern = "d" * (bits - 1) + "1" if base == 1 << bits else ""
        return cls(base, tuple(2 * s + 1 for s in range(n_symbols)), pattern)

    @classmethod
    def of_pattern(cls, pattern: str, n_symbols: int | None = None) -> StackCode:
        """The code whose digits are ``pattern`` with each symbol's bits filled in, for
        ``n_symbols`` symbols (all 2^bits by default).

        >>> StackCode.of_pattern("dd1").digits, StackCode.of_pattern("d1d1").digit(2)
        ((1, 3, 5, 7), 13)
        """
        bits = pattern.count("d")
        if not pattern.startswith("d") or set(pattern) - {"d", "1"}:
            raise CodingError(f"pattern {pattern!r} must start with a bit d and hold only d "
                              "and 1")

        def digit(s: int) -> int:
            spelled = iter(format(s, "b").zfill(bits))
            return int("".join(next(spelled) if p == "d" else "1" for p in pattern), 2)

        count = 1 << bits if n_symbols is None else n_symbols
        return cls(1 << len(pattern), tuple(digit(s) for s in range(count)), pattern)

    @classmethod
    def bitwise(cls, n_symbols: int) -> StackCode:
        """The code of ``d1`` per bit for ``n_symbols`` symbols of b = max(1,
        bit_length(k − 1)) bits: a stack of symbols is the binary stack of their bits, which
        the loader pushes and the output stage pops one at a time.

        >>> StackCode.bitwise(3).base, StackCode.bitwise(3).digits
        (16, (5, 7, 13))
        """
        return cls.of_pattern("d1" * max(1, (n_symbols - 1).bit_length()), n_symbols)

    @property
    def n_symbols(self) -> int:
        return len(self.digits)

    def digit(self, symbol: int) -> int:
        """c(s)."""
        return self.digits[symbol]

    # -- the lemmas, for exact numbers and affine expressions alike -------------------------

    def at_least(self, q, j: int):
        """D q − c(j) + 1, whose σ is [top of q ≥ j]."""
        return self.base * q - self.digit(j) + 1

    def nonempty(self, q):
        """D q, whose σ is [q is not empty]."""
        return self.base * q

    def top_digit(self, thermometer: Sequence, one=1):
        """c(top) = c(0)·one + Σ_j (c(j) − c(j−1)) [top ≥ j], from the readings
        ([top ≥ 1], …, [top ≥ k−1]); ``one`` stands for [top ≥ 0] (pass a gate, or the
        nonemptiness, to make the digit 0 where it is closed)."""
        digit = self.digit(0) * one
        for j, at_least_j in enumerate(thermometer, start=1):
            digit = digit + (self.digit(j) - self.digit(j - 1)) * at_least_j
        return digit

    def chosen_digit(self, choices):
        """Σ c(s)·[s is chosen] over (symbol, indicator) pairs: the digit of the one symbol
        whose 0/1 indicator is 1 (0 if none is)."""
        digit = 0
        for symbol, chosen in choices:
            digit = digit + self.digit(symbol) * chosen
        return digit

    def pop(self, q, digit):
        """D q − c(top): the stack without its top (``digit`` is c(top))."""
        return self.base * q - digit

    def push(self, q, digit):
        """(q + c(s)) / D: the stack with s on top (``digit`` is c(s))."""
        return (q + digit) / self.base

    def interval(self, symbol: int) -> tuple[Fraction, Fraction]:
        """[c(s)/D, (c(s)+1)/D): where a stack with top s lies (its right end excluded)."""
        c = self.digit(symbol)
        return Fraction(c, self.base), Fraction(c + 1, self.base)

    # -- exact values --------------------------------------------------------------------------

    def encode(self, stack: Sequence[int]) -> Fraction:
        """Σ_i c(s_i) / D^i, the top first."""
        q = Fraction(0)
        for s in reversed(stack):
            q = self.pushed(q, s)
        return q

    def pushed(self, q, symbol: int) -> Fraction:
        """The code of the stack ``q`` with ``symbol`` on top."""
        return self.push(exact(q), self.digit(symbol))

    def read(self, q) -> tuple[int, ...]:
        """([top ≥ 1], …, [top ≥ k−1]) = σ(D q − c(j) + 1): the top in thermometer code."""
        q = exact(q)
        return tuple(sigma(self.at_least(q, j)) for j in range(1, self.n_symbols))

    def top(self, q) -> int:
        """The top symbol of the stack ``q`` (0 for the empty stack, read as the blank).

        Raises
        ------
        CodingError
            If ``q`` lies in no symbol's interval.
        """
        q = exact(q)
        if not q:
            return 0
        if not 0 < q < 1:
            raise CodingError(f"{brief(q)} is not a stack code: codes lie in [0, 1)")
        return self._symbol(math.floor(self.base * q), q)

    def popped(self, q) -> Fraction:
        """σ(D q − c(top)): the code of the stack without its top."""
        q = exact(q)
        return Fraction(sigma(self.pop(q, self.digit(self.top(q)))))

    def decode(self, q) -> tuple[int, ...]:
        """The stack coded by ``q``, top first; O(depth) exact operations.

        Raises
        ------
        CodingError
            If ``q`` is not the code of a stack.
        """
        rest = exact(q)
        if not 0 <= rest < 1:
            raise CodingError(f"{brief(q)} is not a stack code: codes lie in [0, 1)")
        b = self.base.bit_length() - 1
        if self.base == 1 << b and rest.denominator & (rest.denominator - 1) == 0:
            return self._decode_binary(rest, b)
        depth, scale = 0, 1  # a code of depth n has a denominator dividing D^n
        while scale % rest.denominator:
            depth, scale = depth + 1, scale * self.base
            if depth > rest.denominator.bit_length():
                raise CodingError(f"{brief(q)} is not a stack code in base {self.base}: its "
                                  f"denominator divides no power of {self.base}")
        stack = []
        for _ in range(depth):
            c = math.floor(self.base * rest)
            stack.append(self._symbol(c, q))
            rest = self.base * rest - c
        if rest:
            raise CodingError(f"{brief(q)} is not a stack code in base {self.base}")
        return tuple(stack)

    def _decode_binary(self, q: Fraction, b: int) -> tuple[int, ...]:
        """``decode`` for D = 2**b and a dyadic q: scaled to D**n, q's numerator written in
        base D has the digits c(s_i), which are b-bit chunks of its binary expansion."""
        if not q:
            return ()
        exponent = q.denominator.bit_length() - 1
        n = -(-exponent // b)  # depth: the least n with 2**(b n) >= denominator
        scaled = q.numerator << (b * n - exponent)
        bits = format(scaled, "b").zfill(b * n)
        return tuple(self._symbol(int(bits[i:i + b], 2), q) for i in range(0, b * n, b))

    def _symbol(self, digit: int, q) -> int:
        """The symbol whose digit is ``digit``."""
        try:
            return self._symbols[digit]
        except KeyError:
            raise CodingError(f"{brief(q)} is not a stack code in base {self.base}: a digit "
                              f"{digit} is none of {self.digits}") from None

    @cached_property
    def _symbols(self) -> dict[int, int]:
        return {c: s for s, c in enumerate(self.digits)}

    # -- binary patterns: where a loader places a symbol's bits ------------------------------

    @property
    def bits(self) -> int:
        """How many bits of a symbol the pattern holds."""
        return self.pattern.count("d")

    def ones_after_bits(self) -> tuple[int, ...]:
        """For each bit of the pattern, how many 1s follow it before the next bit."""
        return tuple(len(run) for run in self.pattern.split("d")[1:])


#: Siegelmann and Sontag's stack of bits: base 4, digits 1 and 3.
BINARY = StackCode.classic(2)


def gate(value, gate_value, offset=1):
    """value + K (g − 1), K = ``offset``: for ``value`` in [0, K] and a 0/1 gate g, σ of it
    is g·value."""
    return value + offset * (gate_value - 1)


def safe_gate(value: Lin, gate_value: Lin) -> Lin:
    """The pre-activation of "``value`` if ``gate_value`` = 1, else 0", with K the largest
    value ``value`` can take when every neuron lies in [0, 1] (at least 1), so that a closed
    gate closes whatever else the network holds."""
    return gate(value, gate_value, max(1, math.ceil(upper_bound(value))))
