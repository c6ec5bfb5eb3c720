"""Building networks from named neurons and their pre-activations.

:class:`NetworkBuilder` declares neurons first (rows may refer to neurons declared later, as
recurrences do), takes each neuron's pre-activation as an affine expression over neuron
names (:class:`~rnntm.core.affine.Lin`), and turns them into a
:class:`~rnntm.core.network.Network`.

>>> b = NetworkBuilder()
>>> x, y = b.declare("x", initial=1), b.declare("y")
>>> b.define("x", x / 2)
>>> b.define("y", 2 * x - 1 + y)
>>> net = b.build()
>>> net.neurons, net.rows[1].state, net.rows[1].bias
(('x', 'y'), ((0, Fraction(2, 1)), (1, Fraction(1, 1))), Fraction(-1, 1))
"""

from __future__ import annotations

from fractions import Fraction

from ..core.affine import Lin
from ..core.exact import exact
from ..core.network import Affine, Network, NetworkError

__all__ = ["NetworkBuilder"]


class NetworkBuilder:
    """Neurons declared by name, then defined by their pre-activation (σ is implied)."""

    def __init__(self) -> None:
        self._initial: dict[str, Fraction] = {}
        self._rows: dict[str, Lin] = {}
        self._inputs: list[str] = []

    def input_line(self, name: str) -> Lin:
        """A new input line ``u_name``; returns it as an expression."""
        if name in self._initial or name in self._inputs:
            raise NetworkError(f"name {name!r} is declared twice")
        self._inputs.append(name)
        return Lin.var(name)

    def declare(self, name: str, initial: object = 0) -> Lin:
        """A new neuron with ``x(0) = initial``; returns it as an expression."""
        if name in self._initial or name in self._inputs:
            raise NetworkError(f"neuron {name!r} is declared twice")
        self._initial[name] = exact(initial)
        return Lin.var(name)

    def define(self, name: str, pre_activation: Lin) -> None:
        """Set ``x_name(t+1) = σ(pre_activation(x(t)))``."""
        if name not in self._initial:
            raise NetworkError(f"neuron {name!r} is defined but not declared")
        if name in self._rows:
            raise NetworkError(f"neuron {name!r} is defined twice")
        self._rows[name] = pre_activation

    @property
    def index(self) -> dict[str, int]:
        """Each declared neuron's position in the state vector of the built network."""
        return {name: i for i, name in enumerate(self._initial)}

    def build(self, outputs: tuple[str, ...] = ()) -> Network:
        """The network, with ``outputs`` as its output neurons."""
        names = tuple(self._initial)
        missing = [n for n in names if n not in self._rows]
        if missing:
            raise NetworkError(f"neurons declared but not defined: {missing}")
        index = self.index
        lines = {name: k for k, name in enumerate(self._inputs)}
        rows = []
        for name in names:
            expr = self._rows[name]
            unknown = [k for k in expr.terms if k not in index and k not in lines]
            if unknown:
                raise NetworkError(f"neuron {name!r} reads undeclared neurons {unknown}")
            rows.append(Affine(tuple((index[k], v) for k, v in expr.terms.items() if k in index),
                               tuple((lines[k], v) for k, v in expr.terms.items() if k in lines),
                               bias=expr.const))
        return Network(names, tuple(rows), inputs=tuple(self._inputs), outputs=outputs,
                       initial=tuple(self._initial.values()))
