"""What the binary input and output lines mean, as in the theory.

**Input.** Two lines, ``data`` and ``valid``. A word w1 … wn (symbols other than the blank)
is spelt in b = max(1, bit_length(k − 1)) bits per symbol, most significant first, and these
bits arrive *last bit first*, one per network step from step 0 with ``valid`` = 1; then
``valid`` stays 0. Read from its end, the word is built by pushes alone, one neuron
(:mod:`rnntm.compiler.loader`). The machine holds its start configuration at network step
n b + 3 (:meth:`IOLayout.start_step`).

**Output.** When the machine halts, the ``output`` block (:mod:`rnntm.compiler.output`)
raises ``out.halt`` and, from the same step, writes the tape on two data lines at once, one
bit per step, each with its valid line: ``out.right`` the cells from the scanned one
rightwards, ``out.left`` the cells left of the head, the nearest first (b bits per cell,
most significant first). The lines ``out.state[i]`` hold the final state's index among the
states the machine can halt in, in s = bit_length(final states − 1) bits, most significant
first. The result is complete at the first step after the halt at which both valid lines
are 0. As one string (:meth:`IOLayout.output_bits`), the result is the state's bits, then
the tape from its leftmost to its rightmost stored cell; the network may hold blank cells at
either end (a stack can hold explicit blanks), which :meth:`IOLayout.decode` drops.

**Time.** A run of T machine steps on n input symbols that halts is complete at network step
a·T + b·n + 4 + b·max(r, l), a the network steps per machine step, r and l the cells it
visited from the head rightwards and left of the head (the stacks hold exactly those): b·n
+ 3 to load, a·T to run, 1 to raise the halt line, a bit a step for the longer side (one
more for the two-phase construction, which shows a halt a step late).

>>> from rnntm import load_machine
>>> io = io_layout(load_machine("bb4"), 24, range(24, 29))
>>> io.inputs((1, 0)), io.start_step((1, 0)), io.decode(io.encode(4, (1, 0, 1)))
([(0, 1), (1, 1)], 5, (4, (1, 0, 1)))
>>> io.output_bits("", right="1101", left="01")
'101101'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import RnntmError
from ..machines.machine import Machine

__all__ = ["LINES", "LOAD_DELAY", "IOLayout", "OutputError", "final_states", "io_layout",
           "max_output_steps", "state_bits"]

#: The network steps between the end of the input and the machine's start configuration.
LOAD_DELAY = 3

#: The output lines besides the state lines, in the order of :attr:`IOLayout.lines`.
LINES = ("halt", "right", "right_valid", "left", "left_valid")


def max_output_steps(cells: int, symbol_bits: int) -> int:
    """The most network steps from a halt to a complete result, for at most ``cells``
    stored cells: the halt line rises, b bits a cell, both valid lines fall (and one more
    for a halt seen a step late)."""
    return symbol_bits * cells + 3


class OutputError(RnntmError, ValueError):
    """Output bits that spell no result."""


@dataclass(frozen=True)
class IOLayout:
    """What the I/O lines mean: bits per symbol and per final state, where the machine part
    ends, and the neurons of the output lines (:data:`LINES`, then the state lines)."""

    machine_size: int
    symbol_bits: int
    n_symbols: int
    final_states: tuple[int, ...]  #: the states the machine can halt in, by index
    halt: int
    right: int
    right_valid: int
    left: int
    left_valid: int
    state: tuple[int, ...] = ()

    @property
    def state_bits(self) -> int:
        """s = bit_length(final states − 1)."""
        return state_bits(self.final_states)

    @property
    def lines(self) -> tuple[int, ...]:
        """Every output line's neuron."""
        return (self.halt, self.right, self.right_valid, self.left, self.left_valid,
                *self.state)

    def input_bits(self, word: tuple[int, ...]) -> str:
        """The bits that spell ``word`` (symbol indices), first symbol first."""
        return "".join(format(a, "b").zfill(self.symbol_bits) for a in word)

    def inputs(self, word: tuple[int, ...]) -> list[tuple[int, int]]:
        """u(0), u(1), …: (data, valid) for each bit of ``word``, last bit first; then every
        line is 0."""
        return [(int(bit), 1) for bit in reversed(self.input_bits(word))]

    def start_step(self, word: tuple[int, ...]) -> int:
        """The network step at which the machine part holds the start configuration."""
        return len(self.input_bits(word)) + LOAD_DELAY

    def output_bits(self, state: str, right: str, left: str) -> str:
        """The result as one string, from what the lines carried: the state lines' bits,
        then the cells of ``left`` (nearest first) in reverse, then those of ``right``."""
        b = self.symbol_bits
        cells = [left[i:i + b] for i in range(0, len(left), b)]
        return state + "".join(reversed(cells)) + right

    def encode(self, state: int, tape: tuple[int, ...]) -> str:
        """The output bits of a run that halted in ``state`` with ``tape`` (trimmed)."""
        index = self.final_states.index(state)
        bits = format(index, "b").zfill(self.state_bits) if self.state_bits else ""
        return bits + self.input_bits(tape)

    def decode(self, bits: str) -> tuple[int, tuple[int, ...]]:
        """(final state, tape without blanks at either end) from the output bits.

        Raises
        ------
        OutputError
            If the bits do not split into a final state and whole symbols.
        """
        s, b = self.state_bits, self.symbol_bits
        if not self.final_states:
            raise OutputError("the machine cannot halt, so no output spells a result")
        if len(bits) < s or (len(bits) - s) % b:
            raise OutputError(f"{len(bits)} output bits are no state of {s} bits followed "
                              f"by symbols of {b} bits")
        index = int(bits[:s], 2) if s else 0
        if index >= len(self.final_states):
            raise OutputError(f"the output spells final state {index}, beyond the "
                              f"{len(self.final_states)} the machine can halt in")
        tape = [int(bits[i:i + b], 2) for i in range(s, len(bits), b)]
        if any(a >= self.n_symbols for a in tape):
            raise OutputError(f"the output spells a symbol beyond the {self.n_symbols} of the "
                              "machine")
        symbols = [i for i, a in enumerate(tape) if a]
        return (self.final_states[index],
                tuple(tape[symbols[0]:symbols[-1] + 1]) if symbols else ())


def state_bits(final_states: tuple[int, ...]) -> int:
    """The bits of a final state's index among ``final_states``: bit_length(count − 1).

    >>> state_bits((4,)), state_bits((1, 2, 3))
    (0, 2)
    """
    return max(len(final_states) - 1, 0).bit_length()


def final_states(machine: Machine) -> tuple[int, ...]:
    """The states ``machine`` can halt in, by index: those of its halting pairs."""
    return tuple(sorted({s for s, _ in machine.halting_pairs()}))


def io_layout(machine: Machine, machine_size: int, lines: Iterable[int]) -> IOLayout:
    """The I/O layout of ``machine``'s network whose output lines (:data:`LINES`, then the
    state lines) are the neurons ``lines``: b = max(1, bit_length(k - 1)) bits per symbol."""
    halt, right, right_valid, left, left_valid, *state = lines
    return IOLayout(machine_size, machine.symbol_bits, machine.n_symbols,
                    final_states(machine), halt, right, right_valid, left, left_valid,
                    tuple(state))
