"""The ``output`` block: the stage that emits a halted run's result on the output lines.

At the step at which the halt shows (:class:`~rnntm.compiler.ports.HaltView`) the stage
copies the two stacks, then in four modes m0–m3: m0 reads both tops; m1 moves every symbol
from the right stack onto the left one (so the rightmost cell ends on top); m2 pops them into
a binary stack B in base 4 (one digit 2·bit + 1 per bit) and at last pushes the state's
bits, so that B holds the result with its first bit on top; m3 pops B onto the data line,
one bit per step with ``valid`` = 1, and then latches ``halt``. Each stack keeps its top
reading and non-emptiness beside it (the second digit is affine in the stack and its top),
every update is a piece gated by its mode (:func:`~rnntm.core.stackcode.safe_gate`), and a
stack is the sum of its pieces. For n stored cells (the tape's non-blank span and any
explicit blanks beside it) of which r are at or right of the head, the halt line rises
1 + (r + 1) + (n + 1) + (s + b n + 1) + 1 network steps after the halt shows (m0, m1, m2,
m3, the latch); the two-phase construction shows it one step after the halting machine
step. :func:`~rnntm.compiler.lines.max_output_steps` bounds it.

Neuron count: 27 + 6 (k − 1) + s. BB(4): 36 (and 14 in its input block, beside its 24
realtime neurons).
"""

from __future__ import annotations

from ..core.affine import Lin, total
from ..core.stackcode import BINARY, StackCode, safe_gate
from .blocks import Block, BlockBuilder
from .ports import HaltView

__all__ = ["OUTPUT_LINES", "output_block"]

#: The neurons read as the output lines: data, valid and halt.
OUTPUT_LINES = ("out.data", "out.valid", "out.halt")


def output_block(code: StackCode, view: HaltView, k: int, symbol_bits: int,
                 state_bits: int) -> Block:
    """The output stage for a machine of ``k`` symbols whose stacks are in ``code`` and
    whose halt shows as ``view``.

    Parameters
    ----------
    code
        The stack code of the machine part's stacks.
    view
        Where the machine part shows a halt, its state and the two stacks.
    k, symbol_bits, state_bits
        The machine's symbols, and the bits that spell a symbol and the final state.

    Returns
    -------
    Block
        The ``output`` block, reading ``view.reads`` and offering :data:`OUTPUT_LINES`.

    >>> from rnntm import load_machine
    >>> from rnntm.compiler.realtime import build_realtime
    >>> bb4 = load_machine("bb4")
    >>> part = build_realtime(bb4)
    >>> block = output_block(part.code, part.halt, bb4.n_symbols, bb4.symbol_bits,
    ...                      bb4.state_bits)
    >>> block.size, set(OUTPUT_LINES) <= block.offers
    (36, True)
    """
    block = BlockBuilder("output")
    out_code = StackCode.of_pattern("d1" * symbol_bits)  # the output stack: bits in base 4
    halted = total(view.at_halt.values())
    m0, m1, m2, m3 = (block.declare(f"out.m{i}") for i in range(4))

    def held(name: str, *cases: str) -> Lin:
        """A value held as pieces, one per case: declared here, their sum returned."""
        return total(block.declare(f"out.{name}[{case}]") for case in cases)

    def update(name: str, cases: dict[str, tuple[Lin, Lin]]) -> None:
        """Each piece: its value when its 0/1 gate is open, else 0."""
        for case, (value, gate) in cases.items():
            block.define(f"out.{name}[{case}]", safe_gate(value, gate))

    L, R = held("L", "halt", "keep", "push", "pop"), held("R", "halt", "keep", "pop")
    lt = [held(f"lt{j}", "read", "push", "keep", "pop") for j in range(1, k)]
    lne = held("lne", "read", "push", "keep", "pop")             # [L nonempty]
    rt = [held(f"rt{j}", "read", "pop") for j in range(1, k)]
    rne = held("rne", "read", "pop")
    Out, bt, bne = held("B", "push", "end", "pop"), held("bt", "end", "pop"), \
        held("bne", "end", "pop")                                # the output stack
    state = [block.declare(f"out.state[{i}]") for i in range(state_bits)]

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
        block.define(f"out.state[{i}]", q + total(
            at for s, at in view.at_halt.items() if s >> (state_bits - 1 - i) & 1))
    block.define("out.m0", halted)
    block.define("out.m1", 2 * m0 + m1 + rne - 1)           # from m0, then while R is nonempty
    block.define("out.m2", 2 * (m1 - rne) + m2 + lne - 1)   # then while L is nonempty
    block.define("out.m3", 2 * (m2 - lne) + m3 + bne - 1)   # then while B is nonempty
    halt = block.declare("out.halt")
    block.declare("out.data")
    block.declare("out.valid")
    block.define("out.data", m3 + bne + bt - 2)
    block.define("out.valid", m3 + bne - 1)
    block.define("out.halt", halt + m3 - bne)
    block.offer(OUTPUT_LINES)
    return block.build()
