"""The ``output`` block: the stage that writes a halted run's result on the output lines.

A stack of symbols in the machine's code, ``d1`` per bit (:mod:`rnntm.core.stackcode`), is
the binary stack of their bits, so the stage pops each stack straight onto a data line, one
bit per step, both stacks at once and neither moved onto the other. An *emitter* is three
neurons: the stack X, the data line d = [top bit of X is 1] and the valid line v = [X is not
empty]. With V the stack that the halt view shows (:class:`~rnntm.compiler.ports.HaltView`)
and h = Σ_s at_halt[s], 1 at the one step at which the halt shows:

=====================  ==================================================================
q                      4 X − (1 + 2 d) + V + h         the next X, before σ
X                      σ(q)
d, v                   σ(4 q − 2), σ(4 q)              the top bit and the non-emptiness of q
out.halt               σ(halt + h)
out.state[i]           σ(state[i] + Σ at_halt[s] over final states s with bit i)
=====================  ==================================================================

q is at once the pop and the load. While the machine runs, X = d = 0 and q = V − 1 < 0
(every stack code is below 1), so nothing leaves the stage; at the halt, X is still 0 and
q = −1 + V + 1 = V; after it, the machine part is all 0 (V = h = 0) and q = 4 X − c(top),
the pop, which keeps an empty stack empty. So the data lines carry the stacks from the step
after the halt shows, the right one from the scanned cell (which the view puts on top of it)
and the left one from the cell nearest the head; the result is complete 1 + b n steps after
the halt shows, n the longer stack's cells (:func:`~rnntm.compiler.lines.max_output_steps`).

Neuron count: 7 + s (two emitters, the halt line and s state lines, s the bits of a final
state among the states the machine can halt in). BB(4): 7.
"""

from __future__ import annotations

from ..core.affine import Lin, total
from ..core.stackcode import BINARY
from .blocks import Block, BlockBuilder
from .lines import state_bits
from .ports import HaltView

__all__ = ["output_block", "output_lines"]


def output_lines(final_states: tuple[int, ...]) -> tuple[str, ...]:
    """The names of the output lines, in the order of
    :data:`~rnntm.compiler.lines.LINES`, then the state lines for ``final_states``.

    >>> output_lines((2, 3))
    ('out.halt', 'out.right', 'out.right_valid', 'out.left', 'out.left_valid', 'out.state[0]')
    """
    return ("out.halt", "out.right", "out.right_valid", "out.left", "out.left_valid",
            *(f"out.state[{i}]" for i in range(state_bits(final_states))))


def output_block(view: HaltView, final_states: tuple[int, ...]) -> Block:
    """The output stage for a machine part whose halt shows as ``view``, and that can halt
    in ``final_states`` (state indices, in the order the state lines number them).

    Returns
    -------
    Block
        The ``output`` block, reading ``view.reads`` and offering :func:`output_lines`.

    >>> from rnntm import load_machine
    >>> from rnntm.compiler.realtime import build_realtime
    >>> from rnntm.compiler.lines import final_states
    >>> bb4 = load_machine("bb4")
    >>> block = output_block(build_realtime(bb4).halt, final_states(bb4))
    >>> block.size, sorted(block.offers) == sorted(output_lines(final_states(bb4)))
    (7, True)
    """
    bits = state_bits(final_states)
    block = BlockBuilder("output")
    halted = total(view.at_halt.values())
    for stack_name, side, shown in (("out.R", "right", view.right), ("out.L", "left", view.left)):
        stack = block.declare(stack_name)
        data = block.declare(f"out.{side}")
        block.declare(f"out.{side}_valid")
        q = BINARY.pop(stack, BINARY.top_digit([data])) + shown + halted   # pop, or load
        block.define(stack_name, q)
        block.define(f"out.{side}", BINARY.at_least(q, 1))
        block.define(f"out.{side}_valid", BINARY.nonempty(q))
    halt = block.declare("out.halt")
    block.define("out.halt", halt + halted)
    for i in range(bits):  # latch the final state's index, most significant bit first
        line = block.declare(f"out.state[{i}]")
        block.define(f"out.state[{i}]", line + total(
            view.at_halt.get(s, Lin()) for index, s in enumerate(final_states)
            if index >> (bits - 1 - i) & 1))
    block.offer(output_lines(final_states))
    return block.build()
