"""Decoding a network's state back into the machine's: what a layout records and reads.

A layout knows which neurons hold what: its :meth:`read` gives the state, the scanned symbol
and the last move in O(neurons); :meth:`StackLayout.tape` decodes the two stacks in
O(tape). Values that are no valid encoding give an invalid :class:`Reading` or raise
:class:`DecodeError`, which the verifier reports as a divergence.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..core.affine import Lin
from ..core.stackcode import CodingError, StackCode
from ..errors import RnntmError
from ..machines.configuration import Configuration, Stack
from ..machines.machine import Machine, Move

__all__ = ["DecodeError", "HaltView", "Reading", "StackLayout", "StartTerms"]


class DecodeError(RnntmError, ValueError):
    """A network state that encodes no machine configuration."""


@dataclass(frozen=True)
class Reading:
    """State index, scanned symbol and the move that led here; ``problem`` if undecodable."""

    state: int
    scanned: int
    move: Move | None
    problem: str | None = None

    @staticmethod
    def invalid(problem: str) -> Reading:
        return Reading(-1, -1, None, problem)


@dataclass(frozen=True)
class StartTerms:
    """What the input loader offers at the network step before the machine starts (each
    term is 0 at every other step): a ``pulse`` of 1, the thermometers [word[0] >= j] and
    [word[1] >= j] (j = 1..k-1), and the stack codes of word[1:] and of the whole word."""

    pulse: Lin
    first: tuple[Lin, ...]
    second: tuple[Lin, ...]
    rest: Lin
    word: Lin


@dataclass(frozen=True)
class HaltView:
    """What the output stage reads at the one network step at which a halt shows:
    ``at_halt[s]`` = [the machine halted in state s], and the two stacks of the final tape,
    ``left`` (nearest cell on top) and ``right`` (the scanned cell on top), in the layout's
    code (each 0 unless the machine halted)."""

    at_halt: dict[int, Lin]
    left: Lin
    right: Lin


@dataclass(frozen=True)
class StackLayout:
    """Base and alphabet of the stack code, and the neurons whose sum is each stack."""

    base: int
    n_symbols: int
    left: tuple[int, ...] = ()
    right: tuple[int, ...] = ()
    left_top: tuple[tuple[int, int], ...] = ()  # (j, neuron): pieces of [top of left >= j]
    right_top: tuple[tuple[int, int], ...] = ()
    scanned_on_right: bool = False  # does the right stack hold the scanned cell on top?

    @property
    def stack_alphabet(self) -> int:
        """How many symbols a stack digit stands for (the base is at least twice that)."""
        return self.n_symbols

    def stacks(self, x) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(left stack, right stack without the scanned cell), top first."""
        try:
            return tuple(self.symbol_code.decode(sum(x[i] for i in neurons))
                         for neurons in (self.left, self.right))
        except CodingError as error:
            raise DecodeError(f"a stack is not a valid code: {error}") from None

    def configuration(self, x, head: int) -> Configuration:
        """The whole configuration at ``head`` (the network does not hold the head position)."""
        reading = self.read(x)
        if reading.problem:
            raise DecodeError(reading.problem)
        left, right = self.stacks(x)
        if any(d >= self.n_symbols for d in left + right):
            raise DecodeError("a stack holds a digit that is no symbol")
        for side, stack, pieces in (("left", left, self.left_top),
                                    ("right", right, self.right_top)):
            top = stack[0] if stack else 0
            for j in range(1, self.n_symbols):
                held = sum(x[i] for level, i in pieces if level == j)
                if pieces and held != (top >= j):
                    raise DecodeError(f"the reading [top of {side} stack >= {j}] is {held}, "
                                      f"but the top is {top}")
        if not self.scanned_on_right:
            right = (reading.scanned, *right)
        return Configuration(reading.state, head, Stack.of(left), Stack.of(right))

    def read(self, x) -> Reading:  # pragma: no cover - every schedule's layout defines it
        raise NotImplementedError

    def move_taken(self, x) -> Move | None:
        """For schedules of several steps: the move under way, read between machine steps."""
        return None

    def stopped(self, x) -> bool:
        """True once the machine's neurons ``x`` have stopped after a halt: every schedule
        here closes every gate, so all are 0."""
        return not any(x)

    @property
    def symbol_code(self) -> StackCode:
        """How a stack digit spells a symbol: here one digit 2s + 1 in base B = 2^(b+1)."""
        return StackCode.classic(self.n_symbols, self.base)

    def initial(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        """x(0) of a network of ``size`` neurons with ``word`` (symbol indices) on the tape."""
        raise NotImplementedError  # pragma: no cover

    def start(self, terms: StartTerms) -> dict[int, Lin]:
        """The start configuration that :meth:`initial` sets, as terms added to the rows of
        the neurons it sets (the other neurons stay 0)."""
        raise NotImplementedError  # pragma: no cover

    def halt_view(self, machine: Machine, var) -> HaltView:
        """The :class:`HaltView` of this layout; ``var(i)`` is neuron i as an expression."""
        raise NotImplementedError  # pragma: no cover


def halting_pairs(machine: Machine) -> list[tuple[int, int]]:
    """Every (state, scanned symbol) at which the machine halts."""
    return [(s, a) for s in range(machine.n_states + len(machine.halt_states))
            for a in range(machine.n_symbols) if machine.transition(s, a) is None]
