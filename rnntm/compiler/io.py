"""Binary input and output lines around a compiled machine, as in the theory.

**Input.** Two lines, ``data`` and ``valid``. A word w1 … wn (symbols other than the blank)
arrives as b = max(1, bit_length(k - 1)) bits per symbol, most significant first, one bit
per network step from step 0 with ``valid`` = 1; then ``valid`` stays 0. The loader builds
the stack code W of the word bit by bit: in binary, a stack's digits are the symbols' bits
interleaved with fixed 1s (a binary pattern of :mod:`rnntm.core.stackcode`), so a weight r that
falls by the pattern's factors places each bit, with no product of neurons:

====================  =========================================================
in.r[i+1]             σ(r[i] / 2^(1 + ones after bit i) + valid - 1)   (cyclic in i)
in.bit                σ(Σ r + data + valid - 2)         = data · r
in.ones[i]            σ(r[i] + valid - 1)               = the 1s after bit i, scaled
in.word               σ(W + in.bit + Σ (1 - 2^-ones) in.ones)
in.init, in.valid1    1 at step 0 only (its row is 0); σ(valid), valid a step late
in.go                 σ(init + valid1 - valid): 1 once, at the step after the input ends
                      (step 1 for the empty word)
====================  =========================================================

Then, gated by the one-shot ``go`` and its delays ``pulse1`` and ``pulse``: the thermometer
[w1 >= j] = σ(D W - c(j) + 1), the rest W' = D W - c(w1) and [w2 >= j] from it, and the
layout's :meth:`~rnntm.compiler.layout.StackLayout.start` adds them to the rows of the
machine's start neurons (with the row's bias cancelled by the pulse, as the machine part is
all 0 until then). The machine holds its start configuration at network step
``n b + 4`` (:meth:`IOLayout.start_step`). Loading costs n b + 4 steps.

**Output.** Three lines, ``out.data``, ``out.valid`` and ``out.halt``. The result of a
halted run is the final state (its index among all states, in s = bit_length(states - 1)
bits) followed by the tape from its leftmost to its rightmost non-blank cell, b bits per
symbol, most significant first. The network may pad the tape with blank symbols at either
end (a stack can hold explicit blanks); :meth:`IOLayout.decode` drops them. At the step at
which the halt shows (:class:`~rnntm.compiler.layout.HaltView`) the stage copies the two
stacks, then in four modes m0–m3: m0 reads both tops; m1 moves every symbol from the right
stack onto the left one (so the rightmost cell ends on top); m2 pops them into a binary
stack B in base 4 (one digit 2·bit + 1 per bit) and at last pushes the state's bits, so
that B holds the result with its first bit on top; m3 pops B onto the data line, one bit
per step with ``valid`` = 1, and then latches ``halt``. Each stack keeps its top reading
and non-emptiness beside it (the second digit is affine in the stack and its top), every
update is a piece gated by its mode (:func:`~rnntm.core.stackcode.safe_gate`), and a stack is
the sum of its pieces. For n stored cells (the tape's non-blank span and any explicit blanks
beside it) of which r are at or right of the head, the halt line rises 1 + (r + 1) +
(n + 1) + (s + b n + 1) + 1 network steps after the halt shows (m0, m1, m2, m3, the latch);
the two-phase layout shows it one step after the halting machine step.
:func:`max_output_steps` bounds it.

Neuron count: the loader has 8 + b' + t neurons (b' bits in a stack symbol's pattern, t of
them followed by 1s) and those the layout's start reads: 3 (k - 1) + 1 for realtime
(both thermometers and the rest), 2 (k - 1) + 1 for Siegelmann–Sontag (no second
thermometer), 1 for two-phase (the whole word). The output stage has 27 + 6 (k - 1) + s.
BB(4): 14 + 36 = 50 beside its 24 realtime neurons.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..core.affine import Lin, total
from ..core.network import Network
from ..core.stackcode import BINARY, StackCode, safe_gate
from ..errors import RnntmError
from ..machines.machine import Machine
from .builder import NetworkBuilder
from .layout import HaltView, StackLayout, StartTerms

__all__ = ["IOLayout", "OutputError", "attach_io", "io_layout"]

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


def attach_io(machine: Machine, network: Network,
              layout: StackLayout) -> tuple[Network, IOLayout]:
    """``network`` (the machine part, first) with the input loader and the output stage."""
    names = network.neurons
    bld = NetworkBuilder()
    rows = {}
    for name, row in zip(names, network.rows, strict=True):
        bld.declare(name)
        rows[name] = Lin({names[j]: w for j, w in row.state}, row.bias)
        if row.bias > 0:
            raise RnntmError(f"neuron {name!r} does not stay 0 in an all-zero machine part")
    code = layout.symbol_code
    for i, extra in _loader(bld, code, machine.n_symbols, layout).items():
        row = rows[names[i]]
        rows[names[i]] = row + extra - row.const * Lin.var("in.pulse")  # = extra at the start
    for name, row in rows.items():
        bld.define(name, row)
    shape = io_layout(machine, network.size, 0, 0, 0)
    view = layout.halt_view(machine, lambda i: Lin.var(names[i]))
    outputs = _emitter(bld, code, view, machine.n_symbols, shape.symbol_bits,
                       shape.state_bits)
    full = bld.build(outputs=outputs)
    index = bld.index
    return full, io_layout(machine, network.size, *(index[name] for name in outputs))


def io_layout(machine: Machine, machine_size: int, data: int, valid: int,
              halt: int) -> IOLayout:
    """The I/O layout of ``machine``'s network: b = max(1, bit_length(k - 1)) bits per
    symbol, s = bit_length(states - 1) bits for the final state."""
    n_states = machine.n_states + len(machine.halt_states)
    return IOLayout(machine_size, max(1, (machine.n_symbols - 1).bit_length()),
                    (n_states - 1).bit_length(), machine.n_symbols, n_states, data, valid, halt)


def _loader(bld: NetworkBuilder, code: StackCode, k: int,
            layout: StackLayout) -> dict[int, Lin]:
    """The loader's neurons, only those the layout's start configuration reads; returns
    the terms it adds to the machine's start neurons."""
    terms = StartTerms(Lin.var("in.pulse"),
                       tuple(Lin.var(f"in.first2[{j}]") for j in range(1, k)),
                       tuple(Lin.var(f"in.second[{j}]") for j in range(1, k)),
                       Lin.var("in.rest"), Lin.var("in.word2"))
    start = layout.start(terms)
    used = {name.split("[")[0] for extra in start.values() for name in extra.terms}
    data, valid = bld.input_line("data"), bld.input_line("valid")
    ones = code.ones_after_bits() if code.bits else ()
    r = [bld.declare(f"in.r[{i}]", initial=Fraction(1, 2) if i == 0 else 0)
         for i in range(len(ones))]
    word = Lin()
    if r:
        for i, after in enumerate(ones):
            bld.define(f"in.r[{(i + 1) % len(r)}]", r[i] / 2 ** (1 + after) + valid - 1)
        bit = bld.declare("in.bit")
        bld.define("in.bit", total(r) + data + valid - 2)                  # data · r
        tails = {i: bld.declare(f"in.ones[{i}]") for i, after in enumerate(ones) if after}
        for i in tails:
            bld.define(f"in.ones[{i}]", r[i] + valid - 1)                  # valid · r[i]
        word = bld.declare("in.word")
        bld.define("in.word", word + bit + total((1 - Fraction(1, 2 ** ones[i])) * tail
                                                 for i, tail in tails.items()))
    init, valid1, go = (bld.declare("in.init", initial=1), bld.declare("in.valid1"),
                        bld.declare("in.go"))
    bld.define("in.init", Lin())                      # 1 at step 0 only
    bld.define("in.valid1", valid)                    # valid, a step late
    bld.define("in.go", init + valid1 - valid)        # the input has just ended
    word1, pulse1 = bld.declare("in.word1"), bld.declare("in.pulse1")
    bld.define("in.word1", safe_gate(word, go))
    bld.define("in.pulse1", go)
    bld.declare("in.pulse")
    bld.define("in.pulse", pulse1)
    if "in.word2" in used:
        bld.declare("in.word2")
        bld.define("in.word2", word1)
    if used & {"in.first2", "in.second", "in.rest"}:
        first = [bld.declare(f"in.first[{j}]") for j in range(1, k)]
        for j in range(1, k):
            bld.define(f"in.first[{j}]", safe_gate(code.at_least(word, j), go))  # [w1 >= j]
        rest = code.pop(word1, code.top_digit(first, one=pulse1))            # D W - c(w1)
        values = {"in.rest": safe_gate(rest, pulse1)}
        for j in range(1, k):
            values[f"in.second[{j}]"] = safe_gate(code.at_least(rest, j), pulse1)  # [w2>=j]
            values[f"in.first2[{j}]"] = first[j - 1]
        for name, value in values.items():
            if name.split("[")[0] in used:
                bld.declare(name)
                bld.define(name, value)
    return start


def _emitter(bld: NetworkBuilder, code: StackCode, view: HaltView, k: int,
             symbol_bits: int, state_bits: int) -> tuple[str, str, str]:
    """The output stage's neurons; returns the names of the data, valid and halt lines."""
    out_code = StackCode.of_pattern("d1" * symbol_bits)  # the output stack: bits in base 4
    halted = total(view.at_halt.values())
    m0, m1, m2, m3 = (bld.declare(f"out.m{i}") for i in range(4))

    def held(name: str, *cases: str) -> Lin:
        """A value held as pieces, one per case: declared here, their sum returned."""
        return total(bld.declare(f"out.{name}[{case}]") for case in cases)

    def update(name: str, cases: dict[str, tuple[Lin, Lin]]) -> None:
        """Each piece: its value when its 0/1 gate is open, else 0."""
        for case, (value, gate) in cases.items():
            bld.define(f"out.{name}[{case}]", safe_gate(value, gate))

    L, R = held("L", "halt", "keep", "push", "pop"), held("R", "halt", "keep", "pop")
    lt = [held(f"lt{j}", "read", "push", "keep", "pop") for j in range(1, k)]
    lne = held("lne", "read", "push", "keep", "pop")             # [L nonempty]
    rt = [held(f"rt{j}", "read", "pop") for j in range(1, k)]
    rne = held("rne", "read", "pop")
    Out, bt, bne = held("B", "push", "end", "pop"), held("bt", "end", "pop"), \
        held("bne", "end", "pop")                                # the output stack
    state = [bld.declare(f"out.state[{i}]") for i in range(state_bits)]

    push_right_top, keep, end = m1 + rne - 1, m1 - rne, m2 - lne
    L_popped, R_popped = code.pop(L, code.top_digit(lt)), code.pop(R, code.top_digit(rt))
    Out_popped = BINARY.pop(Out, BINARY.top_digit([bt]))
    with_state = Out
    for q in reversed(state):  # the state's bits pushed, the most significant on top
        with_state = BINARY.push(with_state, BINARY.top_digit([q]))
    update("L", {"halt": (view.left, halted), "keep": (L, m0 + keep),
                 "push": (code.push(L, code.top_digit(rt)), push_right_top),
                 "pop": (L_popped, m2)})
    for j in range(1, k):
        update(f"lt{j}", {"read": (code.at_least(L, j), m0),
                          "push": (rt[j - 1], push_right_top), "keep": (lt[j - 1], keep),
                          "pop": (code.at_least(L_popped, j), m2)})
    update("lne", {"read": (code.nonempty(L), m0), "push": (Lin(const=1), push_right_top),
                   "keep": (lne, keep), "pop": (code.nonempty(L_popped), m2)})
    update("R", {"halt": (view.right, halted), "keep": (R, m0), "pop": (R_popped, m1)})
    for j in range(1, k):
        update(f"rt{j}", {"read": (code.at_least(R, j), m0),
                          "pop": (code.at_least(R_popped, j), m1)})
    update("rne", {"read": (code.nonempty(R), m0), "pop": (code.nonempty(R_popped), m1)})
    update("B", {"push": (out_code.push(Out, out_code.top_digit(lt)), m2 + lne - 1),
                 "end": (with_state, end), "pop": (Out_popped, m3)})
    update("bt", {"end": (BINARY.at_least(with_state, 1), end),
                  "pop": (BINARY.at_least(Out_popped, 1), m3)})
    update("bne", {"end": (BINARY.nonempty(with_state), end),
                   "pop": (BINARY.nonempty(Out_popped), m3)})
    for i, q in enumerate(state):  # latch the final state's bits, most significant first
        bld.define(f"out.state[{i}]", q + total(
            at for s, at in view.at_halt.items() if s >> (state_bits - 1 - i) & 1))
    bld.define("out.m0", halted)
    bld.define("out.m1", 2 * m0 + m1 + rne - 1)           # from m0, then while R is nonempty
    bld.define("out.m2", 2 * (m1 - rne) + m2 + lne - 1)   # then while L is nonempty
    bld.define("out.m3", 2 * (m2 - lne) + m3 + bne - 1)   # then while B is nonempty
    halt = bld.declare("out.halt")
    bld.declare("out.data")
    bld.declare("out.valid")
    bld.define("out.data", m3 + bne + bt - 2)
    bld.define("out.valid", m3 + bne - 1)
    bld.define("out.halt", halt + m3 - bne)
    return "out.data", "out.valid", "out.halt"
