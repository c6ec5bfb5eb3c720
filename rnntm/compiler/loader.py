"""The ``input`` block: the loader that turns the bits on the input lines into the start
configuration of the machine part.

The word arrives last bit first (:mod:`rnntm.compiler.lines`), so that the loader builds
its stack by pushes alone. A stack of symbols in the code ``d1`` per bit
(:mod:`rnntm.core.stackcode`) is the binary stack of their bits, each the base-4 digit
2·bit + 1; pushing a bit is affine, so one neuron holds the word, with no product of
neurons. With go = valid1 − valid, 1 exactly at the step after the input ends (at step 0
for the empty word):

====================  =========================================================
in.stack              σ((stack + 2·data + valid) / 4 + valid1 − 1)    push each bit
in.valid1             σ(valid), 1 at step 0               valid, a step late
in.first[j]           σ(D stack − c(j) + 1 + K(go − 1))   [word[0] ≥ j], when go = 1
in.ready              σ(go)
in.pulse              σ(ready)                            the start ports' step
in.word               σ(4 stack + K(ready − 1))           the word (stack fell by 4 meanwhile)
in.rest               σ(D·4 stack − c(word[0]) + K(ready − 1))    word[1:]
in.first2[j]          σ(first[j])
====================  =========================================================

The stack is pushed while the input lasts and falls to 0 two steps after it; the ports
(``in.pulse``, ``in.word``, ``in.rest``, ``in.first2``) are 0 but at one step, n b + 2 for
n symbols of b bits; the machine holds its start configuration a step later. From then on
the whole loader is 0.
The loader builds only the ports the machine's blocks read, and what they need.

Neuron count: 4 + [word] + [rest or first2] (k − 1) + [rest] + [first2] (k − 1): 5 for
two-phase (pulse and word), 6 + (k − 1) for realtime (pulse, word, rest; 5 for one
symbol, whose start reads no word), 5 + 2 (k − 1) for
Siegelmann–Sontag (pulse, first2, rest), whose start state needs [word[0] = a], no affine
map of the word.

>>> from rnntm.core.stackcode import StackCode
>>> block = input_block(StackCode.of_pattern("d1"), {"in.pulse", "in.word"})
>>> block.name, block.size, sorted(block.reads)
('input', 5, ['data', 'valid'])
"""

from __future__ import annotations

from collections.abc import Set
from fractions import Fraction

from ..core.affine import Lin
from ..core.stackcode import BINARY, StackCode, gate, safe_gate
from .blocks import Block, BlockBuilder

__all__ = ["PORTS", "input_block"]

#: The loader's neurons that other blocks may read: the start ports (by name before "[").
PORTS = frozenset({"in.pulse", "in.word", "in.rest", "in.first2"})


def input_block(code: StackCode, reads: Set[str]) -> Block:
    """The loader for words in stacks of ``code``, a code of ``d1`` per bit.

    Parameters
    ----------
    code
        The stack code in which the machine part holds its stacks.
    reads
        The names the machine's blocks read: the loader builds the start ports among them
        (:func:`~rnntm.compiler.ports.start_ports`) and what they need.

    Returns
    -------
    Block
        The ``input`` block, reading the lines ``data`` and ``valid``.

    >>> from rnntm.core.stackcode import StackCode
    >>> block = input_block(StackCode.of_pattern("d1d1", 3), {"in.pulse", "in.rest"})
    >>> block.size, sorted(block.offers)
    (7, ['in.pulse', 'in.rest'])
    """
    used = {name.split("[")[0] for name in reads if name.startswith("in.")}
    k = code.n_symbols
    block = BlockBuilder("input")
    data, valid = Lin.var("data"), Lin.var("valid")
    stack = block.declare("in.stack")
    valid1 = block.declare("in.valid1", initial=Fraction(1))
    block.define("in.stack", gate(BINARY.push(stack, 2 * data + valid), valid1))  # push a bit
    block.define("in.valid1", valid)
    go = valid1 - valid                                                 # the input has ended
    ready = block.declare("in.ready")
    block.define("in.ready", go)
    block.declare("in.pulse")
    block.define("in.pulse", ready)
    word = 4 * stack                                                    # a step after go
    if "in.word" in used:
        block.declare("in.word")
        block.define("in.word", safe_gate(word, ready))
    if used & {"in.rest", "in.first2"}:
        first = [block.declare(f"in.first[{j}]") for j in range(1, k)]
        for j in range(1, k):
            block.define(f"in.first[{j}]", safe_gate(code.at_least(stack, j), go))
        if "in.rest" in used:
            block.declare("in.rest")
            block.define("in.rest", safe_gate(code.pop(word, code.top_digit(first)), ready))
        if "in.first2" in used:
            for j in range(1, k):
                block.declare(f"in.first2[{j}]")
                block.define(f"in.first2[{j}]", first[j - 1])
    block.offer(name for name in block.names if name.split("[")[0] in PORTS)
    return block.build()
