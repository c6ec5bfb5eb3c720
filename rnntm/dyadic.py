"""The fast exact backend: dyadic values and a step function generated from the weights.

When every weight, bias and initial value has a power-of-two denominator, every value the
network takes is dyadic too. A value is held as ``m / 2**e`` (``m`` an integer, ``e >= 0``,
``e = 0`` for 0 and 1), so no gcd is ever computed. For each row
``z = Σ_j (p_j / 2**s_j) x_j + b``, the generated code:

* when every input of the row holds an integer (``e_j = 0``, the usual case for 0/1
  neurons), evaluates ``Z = Σ_j P_j m_j + B`` with the weights pre-scaled to the row's
  constant exponent C, so ``z = Z / 2**C`` in small-integer arithmetic;
* otherwise first bounds ``Z`` from above, each fractional input (a value in (0, 1)) replaced
  by 1 where its weight is positive and by 0 where it is negative: if the bound is <= 0, σ
  is exactly 0 (a closed gate) and no big number is touched; else it sums the integer-valued
  terms small at exponent C, and aligns that sum and each fractional term at
  ``E = max(s_b, s_j + e_j)``: ``Z = (small << (E - C)) + Σ_frac (p_j m_j) << (E - s_j - e_j)``;
* applies σ: 0 if ``Z <= 0``; 1 if ``Z`` has more than E bits (``Z >= 2**E``); else
  ``Z / 2**E``, normalized lazily: its trailing zero bits are removed only when there are 64
  or more (a look at the low 64 bits costs O(1), a shift O(size)), so a mantissa carries
  fewer than 64 surplus zeros and most steps shift nothing.

Every neuron is evaluated from the weights alone at every step. The generated source holds
only integers and indices taken from a validated :class:`~rnntm.network.Network`.

>>> from rnntm.network import Affine, Network
>>> net = Network(("half", "copy"), (Affine(state=((0, "1/2"),)), Affine(inputs=((0, 1),))),
...               inputs=("u",), initial=(1, 0))
>>> [tuple(map(str, x)) for x in run_dyadic(net, [(1,), (0,)], steps=3)]
[('1', '0'), ('1/2', '1'), ('1/4', '0'), ('1/8', '0')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from functools import lru_cache
from itertools import chain, repeat
from numbers import Rational

from gmpy2 import bit_scan1, mpz

from .arith import exact, is_dyadic
from .network import Network, NetworkError

__all__ = ["Dyadic", "run_dyadic", "step_source", "to_dyadic"]


def to_dyadic(value: object) -> tuple[int, int]:
    """(m, e) with value = m / 2**e, m odd unless the value is an integer.

    Raises
    ------
    NetworkError
        If the value's denominator is not a power of two.
    """
    v = exact(value)
    if not is_dyadic(v):
        raise NetworkError(f"{v} is not dyadic: the dyadic backend needs power-of-two "
                           "denominators (use the mpq backend)")
    e = v.denominator.bit_length() - 1
    m = v.numerator
    return (mpz(m) if m.bit_length() > 60 else m), e


class Dyadic:
    """An exact fractional value ``m / 2**e`` (``e > 0``), as the dyadic backend
    hands it out: a ``numbers.Rational``, equal to the Fraction of the same value, but built
    without a gcd and only converted when it is used as a Fraction."""

    __slots__ = ("m", "e")

    def __init__(self, m: int, e: int) -> None:
        self.m, self.e = m, e

    @property
    def numerator(self) -> int:
        """In lowest terms, as ``numbers.Rational`` requires (the mantissa may carry
        trailing zero bits: the backend normalizes lazily)."""
        return int(self.m) >> bit_scan1(self.m)

    @property
    def denominator(self) -> int:
        return 1 << (self.e - bit_scan1(self.m))

    def fraction(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rational):
            return self.m * other.denominator == other.numerator << self.e
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.fraction())

    def __add__(self, other):
        return self.fraction() + other

    __radd__ = __add__

    def __float__(self) -> float:
        return float(self.fraction())

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return str(self.fraction())

    def __repr__(self) -> str:
        return f"Dyadic({self.m}, {self.e})"


Rational.register(Dyadic)


def _times(p: int, expr: str) -> str:
    """``p * expr`` written with no needless operation."""
    return expr if p == 1 else f"-{expr}" if p == -1 else f"{p} * {expr}"


def _plus(*terms: str) -> str:
    """A sum of terms, zero constants dropped (``0`` if nothing is left)."""
    kept = [t for t in terms if t != "0"]
    return " + ".join(kept) if kept else "0"


def step_source(net: Network) -> str:
    """The Python source of ``step(m, e, F, um, ue) -> (m', e', x', F')`` for ``net``:
    mantissas, exponents, the values (0, 1 or a :class:`Dyadic`), and the mask of fractional
    values (bit j for neuron j, bit n + k for input line k) with which each row decides, in
    one test, whether all its inputs are integers."""
    lines = ["def step(m, e, F, um, ue):", "    G = 0"]
    n, k = net.size, len(net.inputs)
    if n:
        lines.append(f"    {', '.join(f'm{i}' for i in range(n))}, = m")
        lines.append(f"    {', '.join(f'e{i}' for i in range(n))}, = e")
    if k:
        lines.append(f"    {', '.join(f'u{i}' for i in range(k))}, = um")
        lines.append(f"    {', '.join(f'v{i}' for i in range(k))}, = ue")
    for i, row in enumerate(net.rows):
        weights = [(str(j), *to_dyadic(w), "m", "e") for j, w in row.state] + \
                  [(str(j), *to_dyadic(w), "u", "v") for j, w in row.inputs]
        pb, sb = to_dyadic(row.bias)
        C = max([sb] + [s for _, _, s, _, _ in weights])
        fast = _plus(str(pb << (C - sb)),
                     *[_times(p << (C - s), m + j) for j, p, s, m, _ in weights])
        lines.append(f"    # neuron {i}: {net.neurons[i]}")
        exact_sigma = ["if Z <= 0:", f"    n{i} = 0; f{i} = 0", "elif Z.bit_length() > E:",
                       f"    n{i} = 1; f{i} = 0", "elif Z & LOW:",
                       f"    n{i} = Z; f{i} = E; G |= {1 << i}", "else:",
                       "    z = bit_scan1(Z)", f"    n{i} = Z >> z; f{i} = E - z; G |= {1 << i}"]
        # an integer Z at exponent 0 is 0 or at least 1: σ is a comparison
        fast_sigma = [f"n{i} = 1 if Z > 0 else 0; f{i} = 0"] if C == 0 else \
            [f"E = {C}"] + exact_sigma
        if not weights:
            lines += [f"    Z = {fast}"] + ["    " + line for line in fast_sigma]
            continue
        mask = 0
        for j, _, _, m, _ in weights:
            mask |= 1 << (int(j) + (n if m == "u" else 0))
        exps = ", ".join([str(sb)] + [f"{e}{j}" if s == 0 else f"{s} + {e}{j}"
                                      for j, _, s, _, e in weights])
        # integer-valued inputs summed small at exponent C, shifted to E once; fractional
        # inputs aligned one by one
        small = _plus(str(pb << (C - sb)),
                      *[f"({_times(p << (C - s), m + j)} if not {e}{j} else 0)"
                        for j, p, s, m, e in weights])
        general = _plus(f"(({small}) << (E - {C}))",
                        *[f"(({_times(p, m + j)} << (E - {s} - {e}{j})) if {e}{j} else 0)"
                          for j, p, s, m, e in weights])
        bound = _plus(str(pb << (C - sb)),
                      *[f"({_times(p << (C - s), m + j)} if not {e}{j} else "
                        f"{max(p << (C - s), 0)})" for j, p, s, m, e in weights])
        lines += [f"    if F & {mask}:",
                  f"        if {bound} <= 0:",
                  f"            n{i} = 0; f{i} = 0",
                  "        else:",
                  f"            E = max({exps})",
                  f"            Z = {general}"]
        lines += ["            " + line for line in exact_sigma]
        lines += ["    else:", f"        Z = {fast}"] + ["        " + line for line in fast_sigma]
    values = ", ".join(f"n{i} if not f{i} else Dyadic(n{i}, f{i})" for i in range(n))
    lines.append(f"    return [{', '.join(f'n{i}' for i in range(n))}], "
                 f"[{', '.join(f'f{i}' for i in range(n))}], [{values}], G")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=32)
def _stepper(net: Network):
    namespace = {"bit_scan1": bit_scan1, "Dyadic": Dyadic, "LOW": (1 << 64) - 1}
    exec(compile(step_source(net), f"<rnntm step of {net.size} neurons>", "exec"),  # noqa: S102
         namespace)
    return namespace["step"]


def run_dyadic(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
               initial: Sequence[object] | None = None) -> Iterator[list]:
    """Yield ``x(0)``, ..., ``x(steps)``, each a list of 0, 1 and :class:`Dyadic` values
    (see :func:`rnntm.execute.run_network` for the parameters).

    Raises
    ------
    NetworkError
        If a weight, an initial value or an input is not dyadic.
    """
    step = _stepper(net)
    start = net.initial if initial is None else initial
    if len(start) != net.size:
        raise NetworkError(f"x(0) has {len(start)} values for {net.size} neurons")
    pairs = [to_dyadic(v) for v in start]
    m, e = [p[0] for p in pairs], [p[1] for p in pairs]
    F = sum(1 << j for j, (_, ej) in enumerate(pairs) if ej)
    n = net.size
    silent = ([0] * len(net.inputs), [0] * len(net.inputs))
    yield [mi if not ei else Dyadic(mi, ei) for mi, ei in pairs]
    for t, given in zip(range(steps), chain(inputs, repeat(None)), strict=False):
        if given is None:
            um, ue = silent
        else:
            if len(given) != len(net.inputs):
                raise NetworkError(f"u({t}) has {len(given)} values for "
                                   f"{len(net.inputs)} input lines")
            us = [to_dyadic(v) for v in given]
            um, ue = [p[0] for p in us], [p[1] for p in us]
        fractional_inputs = sum(1 << (n + k) for k, v in enumerate(ue) if v) if given else 0
        m, e, x, F = step(m, e, F | fractional_inputs, um, ue)
        yield x
