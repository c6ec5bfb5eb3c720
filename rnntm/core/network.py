"""The recurrent network ``x(t+1) = σ(W x(t) + U u(t) + b)`` as an immutable, exact value.

σ is the saturated-linear function: σ(z) = 0 for z < 0, z for 0 ≤ z ≤ 1, 1 for z > 1.
Each neuron has a name and one sparse :class:`Affine` row, its pre-activation
``Σ_j W[i,j] x_j + Σ_k U[i,k] u_k + b_i``; every weight is an exact ``Fraction`` (floats are
refused). Input lines carry ``u(t)``; output lines name the neurons read as the result.

Saved as JSON with exact values as strings (``"3/4"``); loading validates everything and
executes nothing from the file.

>>> net = Network(("a", "b"), (Affine(bias="1/2"), Affine(state=((0, 2),), inputs=((0, -1),))),
...               inputs=("u",), outputs=("b",))
>>> net.connections, net.is_dyadic
(2, True)
>>> parse(write(net)) == net
True
>>> W, U, b = net.matrices()
>>> W.tolist(), U.tolist(), b.tolist()
([[0.0, 0.0], [2.0, 0.0]], [[0.0], [-1.0]], [0.5, 0.0])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from ..errors import Location, ParseError, RnntmError
from .exact import brief, exact, is_dyadic, to_text
from .jsonio import check_header, loads

__all__ = ["NetworkError", "Affine", "Network", "start_state", "to_dict", "from_dict", "write",
           "parse", "FORMAT", "VERSION"]

FORMAT = "rnntm-network"
VERSION = 1


class NetworkError(RnntmError, ValueError):
    """An inconsistent network: bad indices, duplicate names, unknown output neurons."""


def _terms(pairs, kind: str) -> tuple[tuple[int, Fraction], ...]:
    """Sorted (index, weight) pairs, zero weights dropped, repeated indices refused."""
    terms = sorted((int(i), exact(w)) for i, w in pairs)
    indices = [i for i, _ in terms]
    if len(set(indices)) != len(indices):
        raise NetworkError(f"a row names the same {kind} twice: {indices}")
    return tuple((i, w) for i, w in terms if w)


@dataclass(frozen=True)
class Affine:
    """One neuron's pre-activation: ``Σ w·x[j]`` over ``state``, ``Σ v·u[k]`` over
    ``inputs``, plus ``bias``; weights are exact (int, Fraction, mpq or "p/q")."""

    state: tuple[tuple[int, Fraction], ...] = ()
    inputs: tuple[tuple[int, Fraction], ...] = ()
    bias: Fraction = field(default=Fraction(0))

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", _terms(self.state, "neuron"))
        object.__setattr__(self, "inputs", _terms(self.inputs, "input line"))
        object.__setattr__(self, "bias", exact(self.bias))

    def weights(self):
        """Every exact value of the row: state weights, input weights and the bias."""
        return [w for _, w in self.state] + [v for _, v in self.inputs] + [self.bias]


@dataclass(frozen=True)
class Network:
    """Named neurons with their rows, input lines, output neurons and the initial state.

    Parameters
    ----------
    neurons
        Neuron names, in the order of the state vector ``x``.
    rows
        ``rows[i]`` is neuron ``i``'s pre-activation.
    inputs
        Names of the input lines, in the order of ``u``.
    outputs
        Names of the neurons read as outputs.
    initial
        ``x(0)``, exact values in [0, 1]; zeros by default.
    blocks
        The neurons in consecutive named groups, as ``(name, size)`` pairs; by default one
        block, ``network``, of them all. A construction assembles its network from blocks
        (:func:`rnntm.compiler.blocks.assemble`); a runner may skip a block that is idle.

    Raises
    ------
    NetworkError
        If a row names a neuron or input line that does not exist, a name repeats, an output
        is not a neuron, an initial value lies outside [0, 1], or the blocks do not cover
        the neurons.
    """

    neurons: tuple[str, ...]
    rows: tuple[Affine, ...]
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    initial: tuple[Fraction, ...] = None  # type: ignore[assignment]  # default: zeros
    blocks: tuple[tuple[str, int], ...] = None  # type: ignore[assignment]  # default: one

    def __post_init__(self) -> None:
        for attr in ("neurons", "rows", "inputs", "outputs"):
            object.__setattr__(self, attr, tuple(getattr(self, attr)))
        initial = self.initial if self.initial is not None else (0,) * len(self.neurons)
        object.__setattr__(self, "initial", tuple(exact(v) for v in initial))
        blocks = self.blocks if self.blocks is not None else (("network", len(self.neurons)),)
        object.__setattr__(self, "blocks", tuple(tuple(block) for block in blocks))
        self._validate()

    def _validate(self) -> None:
        for kind, names in (("neuron", self.neurons), ("input line", self.inputs)):
            if len(set(names)) != len(names):
                raise NetworkError(f"a {kind} name repeats in {list(names)}")
            for name in names:
                if not isinstance(name, str) or not name or not name.isprintable():
                    raise NetworkError(f"{kind} name {name!r} must be a non-empty string of "
                                       "printable characters")
        if len(self.rows) != len(self.neurons):
            raise NetworkError(f"{len(self.rows)} rows for {len(self.neurons)} neurons")
        if len(self.initial) != len(self.neurons):
            raise NetworkError(f"{len(self.initial)} initial values for "
                               f"{len(self.neurons)} neurons")
        for i, row in enumerate(self.rows):
            if not isinstance(row, Affine):
                raise NetworkError(f"row of neuron {self.neurons[i]!r} is not an Affine")
            for kind, terms, size in (("neuron", row.state, len(self.neurons)),
                                      ("input line", row.inputs, len(self.inputs))):
                for j, _ in terms:
                    if not 0 <= j < size:
                        raise NetworkError(f"neuron {self.neurons[i]!r} reads {kind} {j}; "
                                           f"there are {size}")
        known = set(self.neurons)
        for name in self.outputs:
            if name not in known:
                raise NetworkError(f"output {name!r} is not a neuron")
        _check_in_range(self.neurons, self.initial)
        names = [name for name, _ in self.blocks]
        if len(set(names)) != len(names) or not all(isinstance(n, str) and n for n in names):
            raise NetworkError(f"block names must be distinct non-empty strings: {names}")
        sizes = [size for _, size in self.blocks]
        if not all(type(size) is int and size > 0 for size in sizes) \
                or sum(sizes) != len(self.neurons):
            raise NetworkError(f"blocks of sizes {sizes} do not cover the "
                               f"{len(self.neurons)} neurons")

    def __hash__(self) -> int:
        """The hash of every field, computed once: a network keys the caches of its
        generated steps, and hashing its exact weights is O(size)."""
        try:
            return self.__dict__["_hash"]
        except KeyError:
            value = hash((self.neurons, self.rows, self.inputs, self.outputs, self.initial,
                          self.blocks))
            object.__setattr__(self, "_hash", value)
            return value

    def __getstate__(self) -> dict:
        """Pickled without the hash: a string's hash differs from one process to the next."""
        return {name: value for name, value in self.__dict__.items() if name != "_hash"}

    @property
    def size(self) -> int:
        """Number of neurons."""
        return len(self.neurons)

    @property
    def connections(self) -> int:
        """Number of nonzero entries of W and U (biases not counted)."""
        return sum(len(row.state) + len(row.inputs) for row in self.rows)

    @property
    def is_dyadic(self) -> bool:
        """True if every weight, bias and initial value has a power-of-two denominator."""
        return all(is_dyadic(w) for row in self.rows for w in row.weights()) and \
            all(is_dyadic(v) for v in self.initial)

    def block(self, name: str) -> range:
        """The indices of the neurons of block ``name``."""
        start = 0
        for block, size in self.blocks:
            if block == name:
                return range(start, start + size)
            start += size
        raise NetworkError(f"no block named {name!r}; the blocks are "
                           f"{', '.join(b for b, _ in self.blocks)}")

    def index(self, name: str) -> int:
        """The position of neuron ``name`` in the state vector (O(1))."""
        try:
            return self._positions[name]
        except KeyError:
            raise NetworkError(f"no neuron named {name!r}") from None

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.neurons)}

    def matrices(self):
        """(W, U, b) as dense numpy float64 arrays: a view for study, rounded, not exact."""
        import numpy as np

        n, m = self.size, len(self.inputs)
        W, U, b = np.zeros((n, n)), np.zeros((n, m)), np.zeros(n)
        for i, row in enumerate(self.rows):
            for j, w in row.state:
                W[i, j] = float(w)
            for k, v in row.inputs:
                U[i, k] = float(v)
            b[i] = float(row.bias)
        return W, U, b

    def sympy_matrices(self):
        """(W, U, b) as exact sympy matrices."""
        import sympy

        n, m = self.size, len(self.inputs)
        W, U, b = sympy.zeros(n, n), sympy.zeros(n, m), sympy.zeros(n, 1)
        for i, row in enumerate(self.rows):
            for j, w in row.state:
                W[i, j] = sympy.Rational(w.numerator, w.denominator)
            for k, v in row.inputs:
                U[i, k] = sympy.Rational(v.numerator, v.denominator)
            b[i] = sympy.Rational(row.bias.numerator, row.bias.denominator)
        return W, U, b


def _check_in_range(neurons: tuple[str, ...], values: tuple[Fraction, ...]) -> None:
    """Refuse a state with a value outside [0, 1]: no σ gives one, and the fast backend's
    analysis relies on it."""
    for name, value in zip(neurons, values, strict=True):
        if not 0 <= value <= 1:
            raise NetworkError(f"initial value {brief(value)} of neuron {name!r} is outside "
                               "[0, 1], the range of σ")


def start_state(net: Network, initial: Sequence[object] | None = None
                ) -> tuple[Fraction, ...]:
    """x(0): the network's own, or ``initial`` checked as the network checks its own
    (exact values, one per neuron, each in [0, 1]).

    >>> net = Network(("a", "b"), (Affine(), Affine()))
    >>> start_state(net, ("1/2", 1))
    (Fraction(1, 2), Fraction(1, 1))
    >>> start_state(net, (3, 0))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rnntm.core.network.NetworkError: initial value 3 of neuron 'a' is outside [0, 1], ...
    """
    if initial is None:
        return net.initial
    if len(initial) != net.size:
        raise NetworkError(f"x(0) has {len(initial)} values for {net.size} neurons")
    values = tuple(exact(v) for v in initial)
    _check_in_range(net.neurons, values)
    return values


def to_dict(net: Network) -> dict:
    """The network as JSON-ready values, weights as exact strings, rows keyed by name."""
    rows = {}
    for name, row in zip(net.neurons, net.rows, strict=True):
        entry: dict[str, object] = {}
        if row.bias:
            entry["bias"] = to_text(row.bias)
        if row.state:
            entry["state"] = {net.neurons[j]: to_text(w) for j, w in row.state}
        if row.inputs:
            entry["inputs"] = {net.inputs[k]: to_text(v) for k, v in row.inputs}
        rows[name] = entry
    return {"format": FORMAT, "version": VERSION, "neurons": list(net.neurons),
            "inputs": list(net.inputs), "outputs": list(net.outputs),
            "initial": {n: to_text(v) for n, v in zip(net.neurons, net.initial, strict=True)
                        if v},
            "rows": rows, "blocks": [list(block) for block in net.blocks]}


def write(net: Network) -> str:
    """The network as a JSON document."""
    return json.dumps(to_dict(net), indent=1) + "\n"


def from_dict(doc: object, source: str = "<json>") -> Network:
    """A network from values such as :func:`to_dict` returns; errors name the JSON path."""
    def fail(message: str, path: str):
        return ParseError(message, Location(source, path=path))

    doc = check_header(doc, FORMAT, VERSION, source)
    names = {}
    for key in ("neurons", "inputs", "outputs"):
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("expected a list of names (strings)", key)
        names[key] = value
    neuron_index = {n: i for i, n in enumerate(names["neurons"])}
    input_index = {n: i for i, n in enumerate(names["inputs"])}

    def value(text: object, path: str) -> Fraction:
        if not isinstance(text, (str, int)) or isinstance(text, bool):
            raise fail(f"expected an exact value such as \"3/4\", found {text!r}", path)
        try:
            return exact(text)
        except (TypeError, ValueError) as error:
            raise fail(str(error), path) from None

    def terms(mapping: object, index: dict, path: str):
        if not isinstance(mapping, dict):
            raise fail("expected an object {name: weight}", path)
        for name in mapping:
            if name not in index:
                raise fail(f"unknown name {name!r}", f"{path}.{name}")
        return [(index[k], value(w, f"{path}.{k}")) for k, w in mapping.items()]

    rows_doc = doc.get("rows")
    if not isinstance(rows_doc, dict) or set(rows_doc) != set(names["neurons"]):
        raise fail("expected one row per neuron, keyed by neuron name", "rows")
    rows = []
    for name in names["neurons"]:
        entry, path = rows_doc[name], f"rows.{name}"
        if not isinstance(entry, dict) or set(entry) - {"bias", "state", "inputs"}:
            raise fail("expected an object with bias, state and inputs", path)
        rows.append(Affine(terms(entry.get("state", {}), neuron_index, f"{path}.state"),
                           terms(entry.get("inputs", {}), input_index, f"{path}.inputs"),
                           value(entry.get("bias", "0"), f"{path}.bias")))
    initial = [Fraction(0)] * len(names["neurons"])
    for i, v in terms(doc.get("initial", {}), neuron_index, "initial"):
        initial[i] = v
    blocks = doc.get("blocks")  # absent in files written before blocks were recorded
    if blocks is not None and not (isinstance(blocks, list) and all(
            isinstance(b, list) and len(b) == 2 and isinstance(b[0], str)
            and type(b[1]) is int for b in blocks)):
        raise fail("expected a list of [name, size] pairs", "blocks")
    try:
        return Network(tuple(names["neurons"]), tuple(rows), tuple(names["inputs"]),
                       tuple(names["outputs"]), tuple(initial), blocks)
    except NetworkError as error:
        raise fail(error.message, "(network)") from None


def parse(text: str, source: str = "<json>") -> Network:
    """A network from JSON text (never executed: only read and validated)."""
    return from_dict(loads(text, source), source)
