"""Networks assembled from blocks with declared ports.

A :class:`Block` is a named group of neurons with their rows: each neuron's pre-activation
as an affine expression (:class:`~rnntm.core.affine.Lin`) over neuron names. Its ports are
declared: the names outside it that its rows *read* (other blocks' neurons, input lines),
and the neurons it *offers* to other blocks. A construction writes its blocks with a
:class:`BlockBuilder` (neurons declared first, so rows may refer to neurons declared later,
as recurrences do); :func:`assemble` joins the blocks of a network in order, checks every
port (each name a block reads is an input line or offered by another block; each output is
offered; no name twice), and records the blocks in the network it builds
(:attr:`~rnntm.core.network.Network.blocks`), so that a runner can skip an idle block and a
report can count neurons per block.

>>> b = BlockBuilder("counter")
>>> x, y = b.declare("x", initial=1), b.declare("y")
>>> b.define("x", x / 2)
>>> b.define("y", 2 * x - 1 + y + Lin.var("u"))     # reads the input line u
>>> b.offer(["y"])
>>> counter = b.build()
>>> counter.neurons, sorted(counter.reads), sorted(counter.offers)
(('x', 'y'), ['u'], ['y'])
>>> net = assemble([counter], inputs=("u",), outputs=("y",))
>>> net.rows[1].state, net.rows[1].inputs, net.blocks
(((0, Fraction(2, 1)), (1, Fraction(1, 1))), ((0, Fraction(1, 1)),), (('counter', 2),))
>>> assemble([counter], inputs=("u",), outputs=("x",))
Traceback (most recent call last):
...
rnntm.core.network.NetworkError: output 'x' is offered by no block
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
    """Neurons with their initial values and rows, the names outside the block that its rows
    read (its ports in) and the neurons it offers to other blocks (its ports out)."""

    name: str
    neurons: tuple[str, ...]
    initial: tuple[Fraction, ...]
    rows: tuple[Lin, ...]
    reads: frozenset[str]
    offers: frozenset[str]

    @property
    def size(self) -> int:
        return len(self.neurons)


class BlockBuilder:
    """Neurons declared by name, then defined by their pre-activation (σ is implied)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._initial: dict[str, Fraction] = {}
        self._rows: dict[str, Lin] = {}
        self._offers: set[str] = set()

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

    def offer(self, names) -> None:
        """Offer these neurons of the block to other blocks (and as outputs)."""
        names = set(names)
        unknown = names - self._initial.keys()
        if unknown:
            raise NetworkError(f"block {self.name} offers {sorted(unknown)}, which it does "
                               "not declare")
        self._offers |= names

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
        return Block(self.name, names, tuple(self._initial.values()), rows, reads,
                     frozenset(self._offers))


def assemble(blocks: Sequence[Block], inputs: Sequence[str] = (),
             outputs: Sequence[str] = ()) -> Network:
    """The network of ``blocks``, their neurons in order.

    Parameters
    ----------
    blocks
        The blocks, in the order of the state vector.
    inputs
        The names of the input lines, in the order of ``u``.
    outputs
        The neurons read as outputs; each must be offered by its block.

    Returns
    -------
    Network
        The network, its blocks recorded.

    Raises
    ------
    NetworkError
        If a name is declared twice, a block reads a name that is neither an input line
        nor offered by another block, or an output is offered by no block.
    """
    if len(set(inputs)) != len(inputs):
        raise NetworkError(f"an input line is named twice in {list(inputs)}")
    index: dict[str, int] = {}
    for block in blocks:
        for name in block.neurons:
            if name in index or name in inputs:
                raise NetworkError(f"name {name!r} of block {block.name} is declared twice")
            index[name] = len(index)
    lines = {name: k for k, name in enumerate(inputs)}
    for block in blocks:
        offered = set(lines).union(*(other.offers for other in blocks if other is not block))
        unknown = sorted(block.reads - offered)
        if unknown:
            raise NetworkError(f"block {block.name} reads {unknown}, which no other block "
                               "offers and no input line is")
    offered = set().union(*(block.offers for block in blocks))
    for name in outputs:
        if name not in offered:
            raise NetworkError(f"output {name!r} is offered by no block")
    rows = [Affine(tuple((index[k], v) for k, v in row.terms.items() if k in index),
                   tuple((lines[k], v) for k, v in row.terms.items() if k in lines),
                   bias=row.const)
            for block in blocks for row in block.rows]
    return Network(tuple(index), tuple(rows), inputs=tuple(inputs), outputs=tuple(outputs),
                   initial=tuple(v for block in blocks for v in block.initial),
                   blocks=tuple((block.name, block.size) for block in blocks))
