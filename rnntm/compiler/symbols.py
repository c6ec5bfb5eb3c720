"""One symbol of a stack code as binary digits, and the affine readings it allows.

Every schedule's stacks hold a symbol s as a fixed pattern of binary digits: some are the
bits of s (most significant first), the others are 1. The realtime and two-phase stacks in
base B = 2^(b+1) write the digit 2s + 1 as ``d…d1`` (b bits, then a 1); the
Siegelmann–Sontag stacks write each bit as the base-4 digit 2·bit + 1, ``d1`` per bit. So a
stack is a code in base D = 2^(pattern length) whose digits are c(s), the pattern's value
with the bits of s filled in, and the lemmas of :mod:`rnntm.core.stackcode` hold with D and c:

* [top >= j] = σ(D q - c(j) + 1), exactly 0 or 1 (the c(j) increase by at least 2, and a
  stack with top s lies in [c(s)/D, (c(s)+1)/D));
* pop: D q - c(top), with c(top) = c(0) + Σ_j (c(j) - c(j-1)) [top >= j];
* push s: (q + c(s)) / D.

>>> code = SymbolCode("dd1")
>>> code.base, [code.digit(s) for s in range(4)], code.bits
(8, [1, 3, 5, 7], 2)
>>> SymbolCode("d1d1").digit(2)   # bits 1, 0 as base-4 digits 3, 1
13
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .builder import Lin, total

__all__ = ["SymbolCode"]


@dataclass(frozen=True)
class SymbolCode:
    """The binary pattern of one stack symbol: ``d`` a bit of the symbol, ``1`` a one."""

    pattern: str

    @property
    def base(self) -> int:
        """D, the base in which one symbol is one digit."""
        return 1 << len(self.pattern)

    @property
    def bits(self) -> int:
        """How many bits of the symbol the pattern holds."""
        return self.pattern.count("d")

    def digit(self, symbol: int) -> int:
        """c(s): the pattern with the bits of s filled in, read in binary."""
        bits = iter(format(symbol, "b").zfill(self.bits)[-self.bits:] if self.bits else "")
        return int("".join(next(bits) if p == "d" else "1" for p in self.pattern), 2)

    def ones_after_bits(self) -> tuple[int, ...]:
        """For each bit of the pattern, how many 1s follow it before the next bit."""
        runs = self.pattern.split("d")
        if runs[0]:
            raise ValueError(f"pattern {self.pattern!r} must start with a bit")
        return tuple(len(run) for run in runs[1:])

    def at_least(self, q: Lin, j: int) -> Lin:
        """The pre-activation of [top of q >= j]."""
        return self.base * q - self.digit(j) + 1

    def top_digit(self, thermometer: Sequence[Lin], one: Lin | int = 1) -> Lin:
        """c(top) from the thermometer ([top >= 1], ..., [top >= k-1]); ``one`` stands for
        [top >= 0] (pass a gate to make the whole expression 0 when it is closed)."""
        return self.digit(0) * one + total((self.digit(j) - self.digit(j - 1)) * t
                                           for j, t in enumerate(thermometer, start=1))

    def pop(self, q: Lin, thermometer: Sequence[Lin], one: Lin | int = 1) -> Lin:
        """D q - c(top): the stack without its top."""
        return self.base * q - self.top_digit(thermometer, one)

    def push(self, q: Lin, thermometer: Sequence[Lin], one: Lin | int = 1) -> Lin:
        """(q + c(s)) / D for the symbol s whose thermometer is given."""
        return (q + self.top_digit(thermometer, one)) / self.base
