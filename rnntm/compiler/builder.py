"""Building networks from named neurons and affine expressions.

A :class:`Lin` is an exact affine expression over neuron names, ``Σ c_i x_i + c0``; the
compiler writes each neuron's pre-activation as one, beside the equation it implements.
:class:`NetworkBuilder` declares neurons first (rows may refer to neurons declared later, as
recurrences do) and then turns the definitions into a :class:`~rnntm.core.network.Network`.

>>> b = NetworkBuilder()
>>> x, y = b.declare("x", initial=1), b.declare("y")
>>> b.define("x", x / 2)
>>> b.define("y", 2 * x - 1 + y)
>>> net = b.build()
>>> net.neurons, net.rows[1].state, net.rows[1].bias
(('x', 'y'), ((0, Fraction(2, 1)), (1, Fraction(1, 1))), Fraction(-1, 1))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

from ..core.exact import exact
from ..core.network import Affine, Network, NetworkError

__all__ = ["Lin", "NetworkBuilder", "gated", "total", "upper_bound"]


class Lin:
    """An immutable exact affine expression over neuron names; its coefficients pass
    :func:`~rnntm.core.exact.exact`, so a float is refused when it is built.

    >>> Lin({"x": 0.5})
    Traceback (most recent call last):
    ...
    TypeError: exact values are int, Fraction, mpq or 'p/q' strings, not float (0.5)
    """

    __slots__ = ("terms", "const")

    def __init__(self, terms: dict[str, object] | None = None, const: object = 0) -> None:
        exact_terms = {k: exact(v) for k, v in (terms or {}).items()}
        self.terms = {k: v for k, v in exact_terms.items() if v}
        self.const = exact(const)

    @staticmethod
    def var(name: str) -> Lin:
        return Lin({name: Fraction(1)})

    def __add__(self, other: Lin | int | Fraction) -> Lin:
        if not isinstance(other, Lin):
            return Lin(self.terms, self.const + exact(other))
        terms = dict(self.terms)
        for k, v in other.terms.items():
            terms[k] = terms.get(k, 0) + v
        return Lin(terms, self.const + other.const)

    __radd__ = __add__

    def __mul__(self, factor: int | Fraction) -> Lin:
        factor = exact(factor)
        return Lin({k: v * factor for k, v in self.terms.items()}, self.const * factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Fraction) -> Lin:
        return self * (1 / exact(divisor))

    def __neg__(self) -> Lin:
        return self * -1

    def __sub__(self, other: Lin | int | Fraction) -> Lin:
        return self + (-other if isinstance(other, Lin) else -exact(other))

    def __rsub__(self, other: int | Fraction) -> Lin:
        return -self + other

    def __repr__(self) -> str:
        parts = [f"{v}*{k}" for k, v in self.terms.items()] + [str(self.const)]
        return " + ".join(parts)


def upper_bound(expr: Lin) -> Fraction:
    """The largest value of ``expr`` when every neuron lies in [0, 1], as σ's outputs do."""
    return expr.const + sum((v for v in expr.terms.values() if v > 0), Fraction(0))


def gated(expr: Lin, gate: Lin) -> Lin:
    """The pre-activation of "``expr`` if ``gate`` = 1, else 0" for a 0/1 gate and an
    ``expr`` in [0, 1] when the gate is open: ``expr + K (gate - 1)``, with K at least the
    largest value ``expr`` can take whatever the other neurons hold, so a closed gate
    always gives σ(...) = 0."""
    K = max(1, math.ceil(upper_bound(expr)))
    return expr + K * (gate - 1)


def total(exprs: Iterable[Lin]) -> Lin:
    """The sum of affine expressions (0 for none)."""
    result = Lin()
    for e in exprs:
        result = result + e
    return result


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
