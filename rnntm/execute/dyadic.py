"""The fast exact backend: dyadic values and a step function generated from the weights.

When every weight, bias and initial value has a power-of-two denominator, every value the
network takes is dyadic too. A value is held as ``m / 2**e`` (``m`` an integer, ``e >= 0``,
``e = 0`` for 0 and 1), so no gcd is ever computed. For each row
``z = Σ_j (p_j / 2**s_j) x_j + b``, the generated code:

* first tests the row's *activators*, the fewest of its positively weighted inputs without
  which the bias and the other positive weights sum to at most 0: if they are all 0, σ is
  exactly 0 (a closed gate, decided by comparing small integers with 0); a tail of rows
  named by the caller is skipped in one such test (:func:`run_dyadic`);
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

The activators and the bound are sound because every value a row reads lies in [0, 1]: the
neurons' because they are outputs of σ (and x(0) is checked), the input lines' because
:func:`run_dyadic` checks each input vector, and makes a step whose inputs lie outside
[0, 1] with a second generated function that skips nothing.

Every neuron is evaluated, or proved 0, from the weights alone at every step. The generated
source holds only integers and indices taken from a validated
:class:`~rnntm.core.network.Network`.

>>> from rnntm.core.network import Affine, Network
>>> net = Network(("half", "copy"), (Affine(state=((0, "1/2"),)), Affine(inputs=((0, 1),))),
...               inputs=("u",), initial=(1, 0))
>>> [tuple(map(str, x)) for x in run_dyadic(net, [(1,), (0,)], steps=3)]
[('1', '0'), ('1/2', '1'), ('1/4', '0'), ('1/8', '0')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from functools import lru_cache
from itertools import islice
from numbers import Rational

from gmpy2 import bit_scan1, mpz

from ..core.exact import brief, exact, is_dyadic
from ..core.network import Network, NetworkError, start_state

__all__ = ["Dyadic", "general_step", "literal", "plus", "run_dyadic", "step_source", "times",
           "to_dyadic"]


def to_dyadic(value: object) -> tuple[int, int]:
    """(m, e) with value = m / 2**e, m odd unless the value is an integer.

    Raises
    ------
    NetworkError
        If the value's denominator is not a power of two.
    """
    v = exact(value)
    if not is_dyadic(v):
        raise NetworkError(f"{brief(v)} is not dyadic: the dyadic backend needs power-of-two "
                           "denominators (use the mpq backend)")
    e = v.denominator.bit_length() - 1
    m = v.numerator
    return (mpz(m) if m.bit_length() > 60 else m), e


def _as_fraction(name: str):
    """The operator ``name`` of a :class:`Dyadic`, computed by its Fraction (a rational
    operand such as gmpy2's mpq made a Fraction too, which Fraction does not do itself)."""
    def operator(self, *args):
        return getattr(self.fraction(), name)(*(
            Fraction(a) if isinstance(a, Rational) and not isinstance(a, int) else a
            for a in args))
    operator.__name__ = name
    return operator


class Dyadic(Rational):
    """An exact fractional value ``m / 2**e`` (``e > 0``), as the dyadic backend hands it
    out: built without a gcd, equal to the Fraction of the same value, and a full
    ``numbers.Rational`` (arithmetic and ordering with int, Fraction and mpq go through
    that Fraction).

    >>> d = Dyadic(3, 2)
    >>> d == Fraction(3, 4), d * 2, d < 1, 1 - d, d ** 2
    (True, Fraction(3, 2), True, Fraction(1, 4), Fraction(9, 16))
    """

    __slots__ = ("m", "e")

    def __init__(self, m: int, e: int) -> None:
        self.m, self.e = m, e

    @property
    def numerator(self) -> int:
        """In lowest terms, as ``numbers.Rational`` requires (the mantissa may carry
        trailing zero bits: the backend normalizes lazily)."""
        return int(self.m) >> bit_scan1(self.m) if self.m else 0

    @property
    def denominator(self) -> int:
        return 1 << (self.e - bit_scan1(self.m)) if self.m else 1

    def fraction(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rational):  # m / 2**e = p / q  <=>  m q = p 2**e
            return self.m * other.denominator == other.numerator << self.e
        return self.fraction() == other

    def __hash__(self) -> int:
        return hash(self.fraction())

    def __bool__(self) -> bool:
        return bool(self.m)

    def __float__(self) -> float:
        return float(self.fraction())

    def __int__(self) -> int:
        return int(self.fraction())

    def __str__(self) -> str:
        return str(self.fraction())

    def __repr__(self) -> str:
        return f"Dyadic({self.m}, {self.e})"

    __add__, __radd__ = _as_fraction("__add__"), _as_fraction("__radd__")
    __sub__, __rsub__ = _as_fraction("__sub__"), _as_fraction("__rsub__")
    __mul__, __rmul__ = _as_fraction("__mul__"), _as_fraction("__rmul__")
    __truediv__, __rtruediv__ = _as_fraction("__truediv__"), _as_fraction("__rtruediv__")
    __floordiv__, __rfloordiv__ = _as_fraction("__floordiv__"), _as_fraction("__rfloordiv__")
    __mod__, __rmod__ = _as_fraction("__mod__"), _as_fraction("__rmod__")
    __divmod__, __rdivmod__ = _as_fraction("__divmod__"), _as_fraction("__rdivmod__")
    __pow__, __rpow__ = _as_fraction("__pow__"), _as_fraction("__rpow__")
    __lt__, __le__ = _as_fraction("__lt__"), _as_fraction("__le__")
    __gt__, __ge__ = _as_fraction("__gt__"), _as_fraction("__ge__")
    __neg__, __pos__, __abs__ = _as_fraction("__neg__"), _as_fraction("__pos__"), \
        _as_fraction("__abs__")
    __trunc__, __floor__, __ceil__ = _as_fraction("__trunc__"), _as_fraction("__floor__"), \
        _as_fraction("__ceil__")
    __round__ = _as_fraction("__round__")


def _values(m: list, e: list, fractional: int) -> list:
    """The values of a state, 0, 1 or a :class:`Dyadic`, in ``m`` (a list of its own):
    the mantissas, with a :class:`Dyadic` at each index whose bit is set in
    ``fractional``."""
    while fractional:
        low = fractional & -fractional
        j = low.bit_length() - 1
        m[j] = Dyadic(m[j], e[j])
        fractional ^= low
    return m


def times(p: int, expr: str) -> str:
    """``p * expr`` written with no needless operation."""
    return expr if p == 1 else f"-{expr}" if p == -1 else f"{literal(p)} * {expr}"


#: The most terms one parenthesized sum of generated code holds, so that a row of thousands
#: of inputs nests only a few levels deep (Python's compiler recurses on nested operators).
SUM_GROUP = 32


def plus(*terms: str) -> str:
    """A sum of terms, zero constants dropped (``0`` if nothing is left), grouped in
    parentheses of at most :data:`SUM_GROUP` terms, level by level.

    >>> plus("a", "0", "b"), plus(*"abcde").count("("), len(plus(*["x"] * 100))
    ('a + b', 0, 405)
    """
    kept = [t for t in terms if t != "0"]
    while len(kept) > SUM_GROUP:
        kept = [f"({' + '.join(kept[i:i + SUM_GROUP])})"
                for i in range(0, len(kept), SUM_GROUP)]
    return " + ".join(kept) if kept else "0"


def literal(value: int) -> str:
    """An integer as source text: hexadecimal when large, as Python converts decimal text
    of more than 4,300 digits only on request, and hexadecimal at any length.

    >>> literal(255), literal(1 << 70)
    ('255', '0x400000000000000000')
    """
    return (hex(value) if value >= 0 else f"-{hex(-value)}") if value.bit_length() > 64 \
        else str(value)


def step_source(net: Network, idle_from: int | None = None, *,
                unit_inputs: bool = True) -> tuple[str, int]:
    """The Python source of ``step(mh, eh, mt, et, F, Q, um, ue) -> (mh', eh', mt', et',
    F', Q')`` for ``net``, and where its tail starts. The state is split in two: the head,
    neurons 0 .. h-1, and the tail, h .. n-1, each as mantissas and exponents; ``F`` is the
    mask of fractional values (bit j for neuron j, bit n + k for input line k) with which
    each row decides, in one test, whether all its inputs are integers; ``Q`` tells
    whether the tail holds a nonzero value. The tail starts at ``idle_from`` if every row
    from there has activators, else there is none (h = n).

    With ``unit_inputs`` the step may assume that every input line lies in [0, 1], as
    every neuron does, and skips rows by their activators and bounds; without, it
    evaluates every row in full (for inputs outside [0, 1])."""
    n, k = net.size, len(net.inputs)
    code, guards = {}, {}
    for i, row in enumerate(net.rows):
        weights = [(str(j), *to_dyadic(w), "m", "e") for j, w in row.state] + \
                  [(str(j), *to_dyadic(w), "u", "v") for j, w in row.inputs]
        pb, sb = to_dyadic(row.bias)
        C = max([sb] + [s for _, _, s, _, _ in weights])
        fast = plus(literal(pb << (C - sb)),
                     *[times(p << (C - s), m + j) for j, p, s, m, _ in weights])
        guards[i] = _activators(weights, pb, sb)
        code[i] = [f"    # neuron {i}: {net.neurons[i]!r}"] + \
            _row(i, n, weights, pb, sb, C, fast, guards[i], unit_inputs)
    h = idle_from if idle_from is not None and 0 <= idle_from < n and all(
        guards[i] is not None for i in range(idle_from, n)) else n

    def names(prefix: str, indices) -> str:
        return ", ".join(f"{prefix}{i}" for i in indices)

    lines = ["def step(mh, eh, mt, et, F, Q, um, ue):", "    G = 0"]
    if h:
        lines += [f"    {names('m', range(h))}, = mh", f"    {names('e', range(h))}, = eh"]
    if k:
        lines += [f"    {names('u', range(k))}, = um", f"    {names('v', range(k))}, = ue"]
    tail = "[], []"
    if h < n:
        # the tail: evaluated if it held a nonzero or a row's activator outside it is
        # nonzero; else every row of it is exactly 0, and so are the values the head reads
        triggers = sorted({a for i in range(h, n) for a in guards[i]}
                          - {f"m{i}" for i in range(h, n)})
        read = sorted({j for i in range(h) for j, _ in net.rows[i].state if j >= h})
        lines.append(f"    if Q{''.join(' or ' + t for t in triggers)}:" if unit_inputs
                     else "    if True:  # inputs outside [0, 1]: no activator decides")
        lines += [f"        {names('m', range(h, n))}, = mt",
                  f"        {names('e', range(h, n))}, = et"]
        lines += ["    " + line for i in range(h, n) for line in code[i]]
        lines += [f"        MT = [{names('n', range(h, n))}]",
                  f"        ET = [{names('f', range(h, n))}]",
                  f"        Q = {' or '.join(f'n{i}' for i in range(h, n))}",
                  "    else:",
                  "        MT = ET = IDLE"]
        if read:
            lines.append(f"        {' = '.join(f'm{j} = e{j}' for j in read)} = 0")
        tail = "MT, ET"
    for i in range(h):
        lines += code[i]
    lines.append(f"    return [{names('n', range(h))}], [{names('f', range(h))}], {tail}, G, Q")
    return "\n".join(lines) + "\n", h


def _activators(weights, pb: int, sb: int) -> list[str] | None:
    """Inputs that must not all be 0 for the row to be positive: the fewest of its
    positively weighted inputs, largest weights first, such that the bias and the other
    positive weights (each input at most 1) sum to at most 0; None if there is none."""
    positive = sorted(((Fraction(p, 1 << s), m + j) for j, p, s, m, _ in weights if p > 0),
                      reverse=True)
    bound = Fraction(pb, 1 << sb) + sum(w for w, _ in positive)  # every positive input 1
    for taken in range(len(positive) + 1):
        if bound <= 0:
            return [name for _, name in positive[:taken]]
        if taken < len(positive):
            bound -= positive[taken][0]
    return None


def _row(i: int, n: int, weights, pb: int, sb: int, C: int, fast: str,
         guard: list[str] | None, unit_inputs: bool) -> list[str]:
    """The code of neuron i's row; with ``unit_inputs``, skipped (σ = 0) when all its
    activators are 0, or when its bound decides (see :func:`_evaluation`)."""
    if not unit_inputs:
        return _evaluation(i, n, weights, pb, sb, C, fast, bounded=False)
    if guard == []:
        return [f"    n{i} = 0; f{i} = 0"]
    evaluation = _evaluation(i, n, weights, pb, sb, C, fast, bounded=True)
    if guard is not None and len(guard) < len(weights):
        return ([f"    if not ({' or '.join(guard)}):", f"        n{i} = 0; f{i} = 0", "    else:"]
                + ["    " + line for line in evaluation])
    return evaluation


def _evaluation(i: int, n: int, weights, pb: int, sb: int, C: int, fast: str,
                bounded: bool) -> list[str]:
    """The code that evaluates σ of neuron i's row, exactly; with ``bounded``, a bound of
    the row (every fractional input in (0, 1)) first decides whether σ is 0."""
    exact_sigma = ["if Z <= 0:", f"    n{i} = 0; f{i} = 0", "elif Z.bit_length() > E:",
                   f"    n{i} = 1; f{i} = 0", "elif Z & LOW:",
                   f"    n{i} = Z; f{i} = E; G |= {literal(1 << i)}", "else:",
                   "    z = bit_scan1(Z)",
                   f"    n{i} = Z >> z; f{i} = E - z; G |= {literal(1 << i)}"]
    # an integer Z at exponent 0 is 0 or at least 1: σ is a comparison
    fast_sigma = [f"n{i} = 1 if Z > 0 else 0; f{i} = 0"] if C == 0 else \
        [f"E = {C}"] + exact_sigma
    if not weights:
        return [f"    Z = {fast}"] + ["    " + line for line in fast_sigma]
    mask = 0
    for j, _, _, m, _ in weights:
        mask |= 1 << (int(j) + (n if m == "u" else 0))
    exps = ", ".join([str(sb)] + [f"{e}{j}" if s == 0 else f"{s} + {e}{j}"
                                  for j, _, s, _, e in weights])
    # integer-valued inputs summed small at exponent C, shifted to E once; fractional
    # inputs aligned one by one
    small = plus(literal(pb << (C - sb)),
                  *[f"({times(p << (C - s), m + j)} if not {e}{j} else 0)"
                    for j, p, s, m, e in weights])
    general = plus(f"(MPZ({small}) << (E - {C}))",  # gmpy2 from here: big values are mpz
                    *[f"(({times(p, m + j)} << (E - {s} - {e}{j})) if {e}{j} else 0)"
                      for j, p, s, m, e in weights])
    exact_lines = [f"E = max({exps})", f"Z = {general}"] + exact_sigma
    if bounded:
        bound = plus(literal(pb << (C - sb)),
                      *[f"({times(p << (C - s), m + j)} if not {e}{j} else "
                        f"{literal(max(p << (C - s), 0))})" for j, p, s, m, e in weights])
        lines = [f"    if F & {literal(mask)}:", f"        if {bound} <= 0:",
                 f"            n{i} = 0; f{i} = 0", "        else:"]
        lines += ["            " + line for line in exact_lines]
    else:
        lines = [f"    if F & {literal(mask)}:"] + ["        " + line for line in exact_lines]
    lines += ["    else:", f"        Z = {fast}"] + ["        " + line for line in fast_sigma]
    return lines


@lru_cache(maxsize=32)
def general_step(net: Network, idle_from: int | None, unit_inputs: bool):
    """The compiled step function of ``net`` and where its tail starts."""
    source, h = step_source(net, idle_from, unit_inputs=unit_inputs)
    namespace = {"bit_scan1": bit_scan1, "Dyadic": Dyadic, "LOW": (1 << 64) - 1, "MPZ": mpz,
                 "IDLE": [0] * (net.size - h)}
    exec(compile(source, f"<rnntm step of {net.size} neurons>", "exec"),  # noqa: S102
         namespace)
    return namespace["step"], h


def run_dyadic(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
               initial: Sequence[object] | None = None,
               idle_from: int | None = None) -> Iterator[list]:
    """Yield ``x(0)``, ..., ``x(steps)``, each a list of 0, 1 and :class:`Dyadic` values
    (see :func:`rnntm.execute.run_network` for the parameters).

    A row is skipped (σ is exactly 0) when all its *activators* are 0: the fewest of its
    positively weighted inputs without which the bias and the other positive weights sum
    to at most 0. Neurons ``idle_from`` .. n-1, if given, are often all 0 together: they
    are skipped as a whole, in one test, when they were all 0 and the activators of their
    rows outside them are all 0. Both tests hold only for values in [0, 1]: a step whose
    input vector leaves [0, 1] is made by a step function that skips nothing.

    Raises
    ------
    NetworkError
        If a weight, an initial value or an input is not dyadic, or x(0) has a value
        outside [0, 1].
    """
    start = start_state(net, initial)
    step, h = general_step(net, idle_from, True)
    pairs = [to_dyadic(v) for v in start]
    m, e = [p[0] for p in pairs], [p[1] for p in pairs]
    F = sum(1 << j for j, (_, ej) in enumerate(pairs) if ej)
    n = net.size
    mh, eh, mt, et = m[:h], e[:h], m[h:], e[h:]
    Q = any(mt)
    yield _values(m.copy(), e, F)
    unskipping = None  # the step for inputs outside [0, 1], generated when first needed
    t = 0
    for t, given in enumerate(islice(inputs, steps), start=1):
        if len(given) != len(net.inputs):
            raise NetworkError(f"u({t - 1}) has {len(given)} values for "
                               f"{len(net.inputs)} input lines")
        us = [to_dyadic(v) for v in given]
        um, ue = [p[0] for p in us], [p[1] for p in us]
        fractional_inputs = sum(1 << (n + k) for k, v in enumerate(ue) if v)
        made_by = step
        if not all(0 <= mk <= 1 << ek for mk, ek in us):  # some m / 2**e outside [0, 1]
            unskipping = unskipping or general_step(net, idle_from, False)[0]
            made_by = unskipping
        mh, eh, mt, et, F, Q = made_by(mh, eh, mt, et, F | fractional_inputs, Q, um, ue)
        yield _values(mh + mt, eh + et, F)
    silent = [0] * len(net.inputs)  # after the last given input, every line is 0
    for _ in range(steps - t):
        mh, eh, mt, et, F, Q = step(mh, eh, mt, et, F, Q, silent, silent)
        yield _values(mh + mt, eh + et, F)
