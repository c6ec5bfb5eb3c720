"""What the binary input and output lines mean, as in the theory.

**Input.** Two lines, ``data`` and ``valid``. A word w1 … wn (symbols other than the blank)
arrives as b = max(1, bit_length(k − 1)) bits per symbol, most significant first, one bit
per network step from step 0 with ``valid`` = 1; then ``valid`` stays 0. The machine holds
its start configuration at network step n b + 4 (:meth:`IOLayout.start_step`); the loader
that builds it is the ``input`` block (:mod:`rnntm.compiler.loader`).

**Output.** Three lines, ``out.data``, ``out.valid`` and ``out.halt``. The result of a
halted run is the final state (its index among all states, in s = bit_length(states − 1)
bits) followed by the tape from its leftmost to its rightmost non-blank cell, b bits per
symbol, most significant first. The network may pad the tape with blank symbols at either
end (a stack can hold explicit blanks); :meth:`IOLayout.decode` drops them. The ``output``
block (:mod:`rnntm.compiler.output`) emits it.

>>> from rnntm import load_machine
>>> io = io_layout(load_machine("bb4"), 24, 71, 72, 73)
>>> io.inputs((1, 1)), io.start_step((1, 1)), io.decode(io.encode(4, (1, 0, 1)))
([(1, 1), (1, 1)], 6, (4, (1, 0, 1)))
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import RnntmError
from ..machines.machine import Machine

__all__ = ["LOAD_DELAY", "IOLayout", "OutputError", "io_layout", "max_output_steps"]

#: The network steps between the end of the input and the machine's start configuration.
LOAD_DELAY = 4


def max_output_steps(cells: int, symbol_bits: int, state_bits: int) -> int:
    """The most network steps from a halt to the halt line, for at most ``cells`` stored
    cells: 5 + r + n + s + b n (one more for a halt seen a step late), r <= n <= cells."""
    return (symbol_bits + 2) * cells + state_bits + 6


class OutputError(RnntmError, ValueError):
    """Output bits that spell no result."""


@dataclass(frozen=True)
class IOLayout:
    """What the I/O lines mean: bits per symbol and per state, where the machine part ends,
    and the output neurons."""

    machine_size: int
    symbol_bits: int
    state_bits: int
    n_symbols: int
    n_states: int
    data: int
    valid: int
    halt: int

    def input_bits(self, word: tuple[int, ...]) -> str:
        """The bits on the data line for ``word`` (symbol indices)."""
        return "".join(format(a, "b").zfill(self.symbol_bits) for a in word)

    def inputs(self, word: tuple[int, ...]) -> list[tuple[int, int]]:
        """u(0), u(1), …: (data, valid) for each bit of ``word``; then every line is 0."""
        return [(int(bit), 1) for bit in self.input_bits(word)]

    def start_step(self, word: tuple[int, ...]) -> int:
        """The network step at which the machine part holds the start configuration."""
        return len(self.input_bits(word)) + LOAD_DELAY

    def encode(self, state: int, tape: tuple[int, ...]) -> str:
        """The output bits of a run that halted in ``state`` with ``tape`` (trimmed)."""
        bits = format(state, "b").zfill(self.state_bits) if self.state_bits else ""
        return bits + self.input_bits(tape)

    def decode(self, bits: str) -> tuple[int, tuple[int, ...]]:
        """(final state, tape without blanks at either end) from the output bits.

        Raises
        ------
        OutputError
            If the bits do not split into a state and whole symbols.
        """
        s, b = self.state_bits, self.symbol_bits
        if len(bits) < s or (len(bits) - s) % b:
            raise OutputError(f"{len(bits)} output bits are no state of {s} bits followed "
                              f"by symbols of {b} bits")
        state = int(bits[:s], 2) if s else 0
        if state >= self.n_states:
            raise OutputError(f"the output spells state {state}, beyond the {self.n_states} "
                              "states of the machine")
        tape = [int(bits[i:i + b], 2) for i in range(s, len(bits), b)]
        if any(a >= self.n_symbols for a in tape):
            raise OutputError(f"the output spells a symbol beyond the {self.n_symbols} of the "
                              "machine")
        symbols = [i for i, a in enumerate(tape) if a]
        return state, tuple(tape[symbols[0]:symbols[-1] + 1]) if symbols else ()


def io_layout(machine: Machine, machine_size: int, data: int, valid: int,
              halt: int) -> IOLayout:
    """The I/O layout of ``machine``'s network: b = max(1, bit_length(k - 1)) bits per
    symbol, s = bit_length(states - 1) bits for the final state."""
    return IOLayout(machine_size, machine.symbol_bits, machine.state_bits, machine.n_symbols,
                    len(machine.all_states), data, valid, halt)
