"""Running networks exactly: ``x(t+1) = σ(W x(t) + U u(t) + b)`` for every neuron, every step.

Backends: ``"fraction"`` (the standard library) and ``"mpq"`` (gmpy2) are the plain reference
evaluation, row by row in exact rational arithmetic; ``"dyadic"`` (:mod:`rnntm.execute.dyadic`,
one step generated from the weights) and ``"specialised"`` (:mod:`rnntm.execute.specialised`,
one step generated per pattern of 0s, 1s and fractions) are the fast ones for networks whose
numbers all have power-of-two denominators, and must agree with them value for value.
``"auto"`` picks specialised where it applies (every weight, start value and input dyadic),
else mpq.

>>> from rnntm.core.network import Affine, Network
>>> # a neuron that halves its value each step, and one that copies the input line
>>> net = Network(("half", "copy"), (Affine(state=((0, "1/2"),)), Affine(inputs=((0, 1),))),
...               inputs=("u",), initial=(1, 0))
>>> [tuple(map(str, x)) for x in run_network(net, [(1,), (0,)], steps=3)]
[('1', '0'), ('1/2', '1'), ('1/4', '0'), ('1/8', '0')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from itertools import chain, islice, repeat

from gmpy2 import mpq

from ..core.exact import exact, is_dyadic, sigma
from ..core.network import Network, NetworkError, start_state
from .dyadic import run_dyadic
from .specialised import run_specialised, specialised
from .specialised import run_states as specialised_states

__all__ = ["BACKENDS", "choose_backend", "run_network", "run_states", "spell"]


#: Exact number types of the reference evaluation, each built from a Fraction.
RATIONALS = {"fraction": Fraction, "mpq": mpq}
BACKENDS = ("auto", "specialised", "dyadic", "mpq", "fraction")


def choose_backend(net: Network, initial: Sequence[object] | None = None,
                   inputs: Iterable[Sequence[object]] = ()) -> str:
    """``"specialised"`` if every weight, start value and input is dyadic, else ``"mpq"``."""
    values = chain(start_state(net, initial), (exact(v) for u in inputs for v in u))
    return "specialised" if net.is_dyadic and all(map(is_dyadic, values)) else "mpq"


def run_network(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
                backend: str = "auto", initial: Sequence[object] | None = None,
                idle_from: int | None = None) -> Iterator[tuple]:
    """Yield ``x(0)``, ``x(1)``, ..., ``x(steps)``.

    Parameters
    ----------
    net
        The network.
    inputs
        ``u(0)``, ``u(1)``, ...: one exact value per input line each; after the last given,
        every line is 0. ``u(t)`` enters the computation of ``x(t+1)``. With ``"auto"``,
        inputs that are not a sequence are read (up to ``steps`` of them) before the run,
        to choose the backend: pass one by name for an endless stream.
    steps
        How many updates to make.
    backend
        One of :data:`BACKENDS`.
    initial
        ``x(0)`` in place of the network's own: exact values in [0, 1], the range of σ,
        as the network's own must be.
    idle_from
        Neurons from this index on are often all 0 together: a hint with which the dyadic
        backend skips provably zero rows faster (:func:`rnntm.execute.dyadic.run_dyadic`); the
        values are the same. (The specialised backend's own steps need no hint: a pattern
        decides idle rows; its general step, for patterns not yet hot, takes it.)

    Returns
    -------
    Iterator
        ``x(0)``, ..., ``x(steps)``: tuples of exact values (lists from the dyadic and
        specialised backends).

    Every backend gives the same values, for any exact inputs (the dyadic ones check each
    input vector: their shortcuts assume values in [0, 1], and a vector outside [0, 1] is
    evaluated without them).

    Raises
    ------
    NetworkError
        If an input vector or ``initial`` has the wrong length, a value of ``initial``
        lies outside [0, 1], ``steps`` is negative, or the backend is unknown.
    TypeError
        If an input value is a float.
    """
    backend, inputs = _resolved(net, inputs, steps, backend, initial)
    if backend == "dyadic":
        yield from run_dyadic(net, inputs, steps=steps, initial=initial, idle_from=idle_from)
        return
    if backend == "specialised":
        yield from run_specialised(net, inputs, steps=steps, initial=initial)
        return
    num = RATIONALS[backend]
    rows = [([(j, num(w)) for j, w in row.state], [(k, num(v)) for k, v in row.inputs],
             num(row.bias)) for row in net.rows]
    zero, one = num(Fraction(0)), num(Fraction(1))
    silent = (zero,) * len(net.inputs)
    x = tuple(num(v) for v in start_state(net, initial))
    yield x
    for t, given in zip(range(steps), chain(inputs, repeat(None)), strict=False):
        if given is None:
            u = silent
        else:
            if len(given) != len(net.inputs):
                raise NetworkError(f"u({t}) has {len(given)} values for "
                                   f"{len(net.inputs)} input lines")
            u = tuple(num(exact(v)) for v in given)
        x = tuple(sigma(bias + sum(w * x[j] for j, w in state) + sum(v * u[k] for k, v in ins),
                        zero, one)
                  for state, ins, bias in rows)
        yield x


def run_states(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
               backend: str = "auto", initial: Sequence[object] | None = None,
               idle_from: int | None = None) -> Iterator[tuple]:
    """The states ``x(0)``, ..., ``x(steps)`` of :func:`run_network` as the backend
    holds them: ``(key, M, E)`` from the specialised backend
    (:mod:`rnntm.execute.specialised`: the key names the state's pattern, and whatever
    depends on the pattern alone may be kept per key), ``(None, x, None)`` from the
    others. :func:`spell` gives ``x`` itself.

    >>> from rnntm.core.network import Affine, Network
    >>> net = Network(("half",), (Affine(state=((0, "1/2"),)),), initial=(1,))
    >>> [(key, spell(net, (key, M, E))) for key, M, E in run_states(net, steps=2)]
    [(1, [1]), (2, [Dyadic(1, 1)]), (2, [Dyadic(1, 2)])]
    """
    backend, inputs = _resolved(net, inputs, steps, backend, initial)
    if backend == "specialised":
        return specialised_states(net, inputs, steps=steps, initial=initial,
                                  idle_from=idle_from)
    return ((None, x, None) for x in run_network(net, inputs, steps=steps, backend=backend,
                                                 initial=initial, idle_from=idle_from))


def spell(net: Network, state: tuple) -> Sequence:
    """The values of a state that :func:`run_states` yielded."""
    key, values, exponents = state
    return values if key is None else specialised(net).values(key, values, exponents)


def _resolved(net: Network, inputs: Iterable[Sequence[object]], steps: int, backend: str,
              initial: Sequence[object] | None) -> tuple[str, Iterable[Sequence[object]]]:
    """The backend that runs (``"auto"`` chosen), and the inputs (read into a list if
    they had to be looked at to choose)."""
    if backend not in BACKENDS:
        raise NetworkError(f"unknown backend {backend!r}; expected one of "
                           f"{', '.join(BACKENDS)}")
    if not isinstance(steps, int) or steps < 0:
        raise NetworkError(f"steps is {steps!r}; expected a whole number of at least 0")
    if backend == "auto":
        if not isinstance(inputs, Sequence):  # an iterator is read once, to choose
            inputs = list(islice(inputs, steps))
        backend = choose_backend(net, initial, inputs[:steps])
    return backend, inputs
