"""The ``input`` block: the loader that turns the bits on the input lines into the start
configuration of the machine part.

The loader builds the stack code W of the word bit by bit. In binary, a stack's digits are
the symbols' bits interleaved with fixed 1s (a binary pattern of
:mod:`rnntm.core.stackcode`), so a weight r that falls by the pattern's factors places each
bit, with no product of neurons:

====================  =========================================================
in.r[i+1]             σ(r[i] / 2^(1 + ones after bit i) + valid − 1)   (cyclic in i)
in.bit                σ(Σ r + data + valid − 2)         = data · r
in.ones[i]            σ(r[i] + valid − 1)               = the 1s after bit i, scaled
in.word               σ(W + in.bit + Σ (1 − 2^−ones) in.ones)
in.init, in.valid1    1 at step 0 only (its row is 0); σ(valid), valid a step late
in.go                 σ(init + valid1 − valid): 1 once, at the step after the input ends
                      (step 1 for the empty word)
====================  =========================================================

Then, gated by the one-shot ``go`` and its delays ``pulse1`` and ``pulse``: the thermometer
[w1 ≥ j] = σ(D W − c(j) + 1), the rest W' = D W − c(w1) and [w2 ≥ j] from it: the ports of
:func:`~rnntm.compiler.ports.start_ports`, of which the loader builds those the machine's blocks
read. The machine holds its start configuration n b + 4 steps after the input begins.

Neuron count: 8 + b' + t (b' bits in a stack symbol's pattern, t of them followed by 1s),
and the ports read: 3 (k − 1) + 1 for realtime (both thermometers and the rest), 2 (k − 1)
+ 1 for Siegelmann–Sontag (no second thermometer), 1 for two-phase (the whole word).

>>> from rnntm.core.stackcode import StackCode
>>> block = input_block(StackCode.classic(2), 2, {"in.pulse", "in.word2"})
>>> block.name, block.size, sorted(block.reads)
('input', 11, ['data', 'valid'])
"""

from __future__ import annotations

from collections.abc import Set
from fractions import Fraction

from ..core.affine import Lin, total
from ..core.stackcode import StackCode, safe_gate
from .blocks import Block, BlockBuilder

__all__ = ["PORTS", "input_block"]

#: The loader's neurons that other blocks may read: the start ports (by name before "[").
PORTS = frozenset({"in.pulse", "in.first2", "in.second", "in.rest", "in.word2"})


def input_block(code: StackCode, k: int, reads: Set[str]) -> Block:
    """The loader for words of ``k`` symbols in stacks of ``code``.

    Parameters
    ----------
    code
        The stack code in which the machine part holds its stacks.
    k
        The machine's symbols.
    reads
        The names the machine's blocks read: the loader builds the start ports among them
        (:func:`~rnntm.compiler.ports.start_ports`) and what they need.

    Returns
    -------
    Block
        The ``input`` block, reading the lines ``data`` and ``valid``.

    >>> from rnntm.core.stackcode import StackCode
    >>> block = input_block(StackCode.classic(2, 4), 2, {"in.pulse", "in.rest"})
    >>> block.name, sorted(block.offers)
    ('input', ['in.pulse', 'in.rest'])
    """
    used = {name.split("[")[0] for name in reads if name.startswith("in.")}
    block = BlockBuilder("input")
    data, valid = Lin.var("data"), Lin.var("valid")
    ones = code.ones_after_bits() if code.bits else ()
    r = [block.declare(f"in.r[{i}]", initial=Fraction(1, 2) if i == 0 else 0)
         for i in range(len(ones))]
    stacked = Lin()
    if r:
        for i, after in enumerate(ones):
            block.define(f"in.r[{(i + 1) % len(r)}]", r[i] / 2 ** (1 + after) + valid - 1)
        bit = block.declare("in.bit")
        block.define("in.bit", total(r) + data + valid - 2)                  # data · r
        tails = {i: block.declare(f"in.ones[{i}]") for i, after in enumerate(ones) if after}
        for i in tails:
            block.define(f"in.ones[{i}]", r[i] + valid - 1)                  # valid · r[i]
        stacked = block.declare("in.word")
        block.define("in.word", stacked + bit + total((1 - Fraction(1, 2 ** ones[i])) * tail
                                                 for i, tail in tails.items()))
    init, valid1, go = (block.declare("in.init", initial=1), block.declare("in.valid1"),
                        block.declare("in.go"))
    block.define("in.init", Lin())                      # 1 at step 0 only
    block.define("in.valid1", valid)                    # valid, a step late
    block.define("in.go", init + valid1 - valid)        # the input has just ended
    word1, pulse1 = block.declare("in.word1"), block.declare("in.pulse1")
    block.define("in.word1", safe_gate(stacked, go))
    block.define("in.pulse1", go)
    block.declare("in.pulse")
    block.define("in.pulse", pulse1)
    if "in.word2" in used:
        block.declare("in.word2")
        block.define("in.word2", word1)
    if used & {"in.first2", "in.second", "in.rest"}:
        first_read = [block.declare(f"in.first[{j}]") for j in range(1, k)]
        for j in range(1, k):
            block.define(f"in.first[{j}]", safe_gate(code.at_least(stacked, j), go))  # [w1 >= j]
        rest = code.pop(word1, code.top_digit(first_read, one=pulse1))            # D W - c(w1)
        values = {"in.rest": safe_gate(rest, pulse1)}
        for j in range(1, k):
            values[f"in.second[{j}]"] = safe_gate(code.at_least(rest, j), pulse1)  # [w2>=j]
            values[f"in.first2[{j}]"] = first_read[j - 1]
        for name, value in values.items():
            if name.split("[")[0] in used:
                block.declare(name)
                block.define(name, value)
    block.offer(name for name in block.names if name.split("[")[0] in PORTS)
    return block.build()
