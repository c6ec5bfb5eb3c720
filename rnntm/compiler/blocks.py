"""Networks assembled from blocks with declared ports.

A :class:`Block` is a named group of neurons with their rows: each neuron's pre-activation
as an affine expression (:class:`~rnntm.core.affine.Lin`) over neuron names, its own and
those it *reads*, the neurons of other blocks and the input lines. A construction writes
its blocks with a :class:`BlockBuilder` (neurons declared first, so rows may refer to
neurons declared later, as recurrences do); :func:`assemble` joins the blocks of a network
in order, checks every port (each name a block reads is some other block's neuron or an
input line, no name twice), and records the blocks in the network it builds
(:attr:`~rnntm.core.network.Network.blocks`), so that a runner can skip an idle block and
a report can count neurons per block.

>>> b = BlockBuilder("counter")
>>> x, y = b.declare("x", initial=1), b.declare("y")
>>> b.define("x", x / 2)
>>> b.define("y", 2 * x - 1 + y + Lin.var("u"))     # reads the input line u
>>> counter = b.build()
>>> counter.neurons, sorted(counter.reads)
(('x', 'y'), ['u'])
>>> net = assemble([counter], inputs=("u",))
>>> net.rows[1].state, net.rows[1].inputs, net.blocks
(((0, Fraction(2, 1)), (1, Fraction(1, 1))), ((0, Fraction(1, 1)),), (('counter', 2),))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.affine import Lin
from ..core.exact import exact
from ..core.network import Affine, Network, NetworkError

__all__ = ["Block", "BlockBuilder", "assemble"]


@dataclass(frozen=True)
class Block:
    """Neurons with their initial values and rows, and the names outside the block that its
    rows read (its ports in)."""

    name: str
    neurons: tuple[str, ...]
    initial: tuple[Fraction, ...]
    rows: tuple[Lin, ...]
    reads: frozenset[str]

    @property
    def size(self) -> int:
        return len(self.neurons)


class BlockBuilder:
    """Neurons declared by name, then defined by their pre-activation (σ is implied)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._initial: dict[str, Fraction] = {}
        self._rows: dict[str, Lin] = {}

    def declare(self, name: str, initial: object = 0) -> Lin:
        """A new neuron with ``x(0) = initial``; returns it as an expression."""
        if name in self._initial:
            raise NetworkError(f"neuron {name!r} is declared twice in block {self.name}")
        self._initial[name] = exact(initial)
        return Lin.var(name)

    def define(self, name: str, pre_activation: Lin) -> None:
        """Set ``x_name(t+1) = σ(pre_activation(x(t)))``."""
        if name not in self._initial:
            raise NetworkError(f"neuron {name!r} is defined but not declared in block "
                               f"{self.name}")
        if name in self._rows:
            raise NetworkError(f"neuron {name!r} is defined twice")
        self._rows[name] = pre_activation

    @property
    def names(self) -> tuple[str, ...]:
        """The neurons declared so far, in order."""
        return tuple(self._initial)

    def build(self) -> Block:
        """The block; what its rows read outside it are its ports."""
        names = tuple(self._initial)
        missing = [n for n in names if n not in self._rows]
        if missing:
            raise NetworkError(f"neurons of block {self.name} declared but not defined: "
                               f"{missing}")
        rows = tuple(self._rows[n] for n in names)
        reads = frozenset(k for row in rows for k in row.terms) - set(names)
        return Block(self.name, names, tuple(self._initial.values()), rows, reads)


def assemble(blocks: Sequence[Block], inputs: Sequence[str] = (),
             outputs: Sequence[str] = ()) -> Network:
    """The network of ``blocks``, their neurons in order, with input lines ``inputs``.

    Raises
    ------
    NetworkError
        If a name is declared twice, or a block reads a name that is neither another
        block's neuron nor an input line.
    """
    index: dict[str, int] = {}
    for block in blocks:
        for name in block.neurons:
            if name in index or name in inputs:
                raise NetworkError(f"name {name!r} of block {block.name} is declared twice")
            index[name] = len(index)
    lines = {name: k for k, name in enumerate(inputs)}
    for block in blocks:
        unknown = sorted(block.reads - index.keys() - lines.keys())
        if unknown:
            raise NetworkError(f"block {block.name} reads {unknown}, which no block declares")
    rows = [Affine(tuple((index[k], v) for k, v in row.terms.items() if k in index),
                   tuple((lines[k], v) for k, v in row.terms.items() if k in lines),
                   bias=row.const)
            for block in blocks for row in block.rows]
    return Network(tuple(index), tuple(rows), inputs=tuple(inputs), outputs=tuple(outputs),
                   initial=tuple(v for block in blocks for v in block.initial),
                   blocks=tuple((block.name, block.size) for block in blocks))
