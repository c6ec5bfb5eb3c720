"""The specialised exact backend: one straight-line step per control pattern.

In every construction here most neurons hold exactly 0 or 1 at every step, and only the
stack neurons hold values strictly between. A state's *pattern* is which neurons hold 1 and
which hold a fraction (and, for a step, which input lines hold 1). Given the pattern, with
O the neurons at 1, F the fractional ones and I the input lines at 1, every row is an affine
map of the fractional neurons alone::

    z_i = c_i + Σ_{j∈F} w_ij x_j,        c_i = b_i + Σ_{j∈O} w_ij + Σ_{k∈I} u_ik

and since every x_j (j ∈ F) lies strictly between 0 and 1, the pattern alone often decides σ:

    c_i + Σ_{j∈F} max(w_ij, 0) ≤ 0  ⇒  σ(z_i) = 0        (F empty: σ(z_i) = σ(c_i))
    c_i + Σ_{j∈F} min(w_ij, 0) ≥ 1  ⇒  σ(z_i) = 1

For a pattern seen :data:`HOT` times, a step is generated that sets every decided row from
these facts (its part of the next pattern is a constant) and evaluates only the others,
exactly, in the dyadic arithmetic of :mod:`rnntm.execute.dyadic`: with ``x_j = m_j / 2**e_j``
(``e_j ≥ 1``) and ``w_ij = p_ij / 2**s_ij``, ``c_i = p_c / 2**s_c``,

    z_i = Z / 2**E,   E = max(s_c, s_ij + e_j),
    Z = p_c 2**(E - s_c) + Σ_j p_ij m_j 2**(E - s_ij - e_j)

and σ(z_i) is 0 if Z ≤ 0, 1 if Z ≥ 2**E, else Z / 2**E (a fraction: its bit joins the next
pattern). Where the pattern proves ``0 ≤ c_i + Σ min(w_ij, 0)`` and ``c_i + Σ max(w_ij, 0)
≤ 1`` (a push, say), z_i lies strictly between 0 and 1: σ(z_i) = z_i, compared with
nothing. (Each weight's power of two, ``p = p' 2**v``, is taken into E, so that a pop
multiplies nothing.) The step returns the next pattern's key with the next fractional
values. Idle blocks cost nothing: their rows are decided by the pattern. A step whose
pattern is not yet hot, or whose input lines are not all 0 or 1, is made by the general
step of :mod:`rnntm.execute.dyadic`, which evaluates or bounds every row.

A state is held as ``(key, M, E)``: ``key`` has bit j set if neuron j is 1 and bit n + j if
it is fractional; ``M``, ``E`` are the mantissas and exponents of the fractional neurons in
index order. :meth:`Specialised.values` spells it out as the list of values.

>>> from rnntm.core.network import Affine, Network
>>> net = Network(("half", "copy"), (Affine(state=((0, "1/2"),)), Affine(inputs=((0, 1),))),
...               inputs=("u",), initial=(1, 0))
>>> [tuple(map(str, x)) for x in run_specialised(net, [(1,), (0,)], steps=3)]
[('1', '0'), ('1/2', '1'), ('1/4', '0'), ('1/8', '0')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from functools import cached_property, lru_cache
from itertools import islice

from gmpy2 import bit_scan1, mpz

from ..core.exact import sigma
from ..core.network import Network, NetworkError, start_state
from .dyadic import Dyadic, general_step, literal, plus, times, to_dyadic

__all__ = ["HOT", "Specialised", "run_specialised", "run_states", "set_bits", "specialised"]

#: A pattern gets its own generated step once it has been stepped from this many times
#: (a short run, such as a campaign's, never pays for generating steps it would use once).
HOT = 8


def set_bits(mask: int) -> tuple[int, ...]:
    """The indices of the bits set in ``mask``, lowest first.

    >>> set_bits(0b10110)
    (1, 2, 4)
    """
    indices = []
    while mask:
        low = mask & -mask
        indices.append(low.bit_length() - 1)
        mask ^= low
    return tuple(indices)


class Specialised:
    """A network's specialised steps: generated per pattern when it becomes hot, and kept.

    The pattern facts are decided in exact rational arithmetic from the network's rows; the
    steps are cached here (one object per network: :func:`specialised`)."""

    def __init__(self, net: Network, idle_from: int | None = None) -> None:
        self.net = net
        self.n = net.size
        self.idle_from = idle_from  # the general step's idle tail (run_network's hint)
        self._steps: dict[int, object] = {}     # lookup key -> generated step
        self._visits: dict[int, int] = {}
        self._spelled: dict[int, tuple[list, tuple[int, ...]]] = {}

    @cached_property
    def _readers(self) -> tuple[list[list[int]], list[list[int]]]:
        """For each neuron and each input line, the rows that read it."""
        neurons = [[] for _ in range(self.n)]
        lines = [[] for _ in self.net.inputs]
        for i, row in enumerate(self.net.rows):
            for j, _ in row.state:
                neurons[j].append(i)
            for k, _ in row.inputs:
                lines[k].append(i)
        return neurons, lines

    def key_of(self, x: Sequence) -> tuple[int, list, list]:
        """``(key, M, E)`` of a state given as exact values in [0, 1]."""
        key, M, E = 0, [], []
        for j, v in enumerate(x):
            if v == 1:
                key |= 1 << j
            elif v:
                m, e = to_dyadic(v)
                key |= 1 << (self.n + j)
                M.append(m)
                E.append(e)
        return key, M, E

    def values(self, key: int, M: Sequence, E: Sequence) -> list:
        """The state ``(key, M, E)`` as its list of values: 0, 1 and :class:`Dyadic`."""
        spelled = self._spelled.get(key)
        if spelled is None:
            ones = [0] * self.n
            for j in set_bits(key & ((1 << self.n) - 1)):
                ones[j] = 1
            spelled = self._spelled[key] = ones, set_bits(key >> self.n)
        x, fractional = spelled
        x = x.copy()
        for j, m, e in zip(fractional, M, E, strict=True):
            x[j] = Dyadic(m, e)
        return x

    def step(self, state: tuple[int, list, list], inputs: Sequence[tuple[int, int]]):
        """One step from ``state = (key, M, E)`` with input lines ``inputs`` (dyadic
        pairs)."""
        if any(e or m not in (0, 1) for m, e in inputs):
            return self._general(state, inputs)
        lookup = state[0] | sum(m << (2 * self.n + k) for k, (m, _) in enumerate(inputs))
        made = self._steps.get(lookup)
        if made is not None:
            return made(state)
        visits = self._visits[lookup] = self._visits.get(lookup, 0) + 1
        if visits < HOT:
            return self._general(state, inputs)
        made = self._steps[lookup] = self._generate(lookup)
        return made(state)

    def _general(self, state: tuple[int, list, list], inputs: Sequence[tuple[int, int]]):
        """The step of :mod:`rnntm.execute.dyadic`, which decides nothing in advance."""
        n, (key, M, E) = self.n, state
        unit = all(0 <= m <= 1 << e for m, e in inputs)
        general, h = general_step(self.net, self.idle_from, unit)
        m, e = [0] * n, [0] * n
        for j in set_bits(key & ((1 << n) - 1)):
            m[j] = 1
        for j, mj, ej in zip(set_bits(key >> n), M, E, strict=True):
            m[j], e[j] = mj, ej
        F = (key >> n) | sum(1 << (n + k) for k, (_, ek) in enumerate(inputs) if ek)
        um, ue = [p[0] for p in inputs], [p[1] for p in inputs]
        mh, eh, mt, et, F, _ = general(m[:h], e[:h], m[h:], e[h:], F, any(m[h:]), um, ue)
        m, e = mh + mt, eh + et
        key, M2, E2 = 0, [], []
        for j in range(n):
            if F >> j & 1:
                key |= 1 << (n + j)
                M2.append(m[j])
                E2.append(e[j])
            elif m[j]:
                key |= 1 << j
        return key, M2, E2

    def _generate(self, lookup: int):
        """The compiled step of one pattern."""
        source = self.source(lookup)
        namespace = {"bit_scan1": bit_scan1, "MPZ": mpz}
        exec(compile(source, f"<rnntm step of pattern {lookup:#x}>", "exec"),  # noqa: S102
             namespace)
        return namespace["step"]

    def source(self, lookup: int) -> str:
        """The Python source of ``step((key, M, E)) -> (key', M', E')`` for the pattern
        ``lookup`` (the state's key, with bit 2n + k set for each input line k at 1)."""
        n = self.n
        ones = set(set_bits(lookup & ((1 << n) - 1)))
        fractional = set_bits((lookup >> n) & ((1 << n) - 1))
        lines_on = set(set_bits(lookup >> (2 * n)))
        position = {j: slot for slot, j in enumerate(fractional)}
        readers, line_readers = self._readers
        touched = {i for j in (*ones, *fractional) for i in readers[j]} | \
            {i for k in lines_on for i in line_readers[k]}
        body, key, constants = [], 0, {}
        for i, row in enumerate(self.net.rows):
            c = row.bias
            terms = []
            if i in touched:
                c += sum(w for j, w in row.state if j in ones) + \
                    sum(v for k, v in row.inputs if k in lines_on)
                terms = [(position[j], w) for j, w in row.state if j in position]
            high = c + sum(w for _, w in terms if w > 0)
            low = c + sum(w for _, w in terms if w < 0)
            if not terms or high <= 0 or low >= 1:
                value = sigma(c) if not terms else Fraction(int(low >= 1))
                if value == 1:
                    key |= 1 << i
                elif value:
                    m, e = to_dyadic(value)
                    key |= 1 << (n + i)
                    body.append(f"    M.append({literal(m)}); E.append({e})  "
                                f"# {self.net.neurons[i]!r}")
                continue
            inside = low >= 0 and high <= 1  # 0 < z < 1: σ(z) = z, a fraction
            if inside:
                key |= 1 << (n + i)
            body += [f"    # neuron {i}: {self.net.neurons[i]!r}"] + \
                _evaluation(i, n, c, terms, constants, inside)
        slots = range(len(fractional))
        head = [f"    _, ({''.join(f'm{s}, ' for s in slots)}), "
                f"({''.join(f'e{s}, ' for s in slots)}) = S"] if fractional else []
        pool = [f"{name} = MPZ({literal(value)})" for value, name in constants.items()]
        return "\n".join([*pool, "def step(S):", *head, f"    K = {literal(key)}",
                          "    M = []; E = []", *body, "    return K, M, E"]) + "\n"


def _evaluation(i: int, n: int, c: Fraction, terms: list[tuple[int, Fraction]],
                constants: dict[int, str], inside: bool) -> list[str]:
    """The code of σ(c + Σ w x_slot) for the fractional values in slots ``terms``, each
    ``m_slot / 2**e_slot`` with ``e_slot ≥ 1``: Z and E as the module states (a weight's
    power of two, p = p' 2**v, taken into E, so that a pop multiplies nothing), then σ;
    ``inside`` if the pattern proves 0 < z < 1, so that σ(z) = z compares nothing. The
    constant p_c is an mpz named in ``constants``, made once. A fraction keeps fewer than
    64 trailing zero bits in its mantissa (lazy normalization, as in the dyadic backend)."""
    pc, sc = to_dyadic(c)
    split = [(slot, p >> bit_scan1(p), s - bit_scan1(p)) for slot, p, s in
             ((slot, *to_dyadic(w)) for slot, w in terms)]   # w = p' / 2**(s - v)
    name = constants.setdefault(pc, f"C{len(constants)}") if pc else ""

    def constant(shift: str) -> list[str]:  # p_c 2**(E - s_c), E - s_c given
        return [f"({name} << ({shift}))"] if pc else []
    fraction = ["z = bit_scan1(Z)", "if z >= 64:", "    Z >>= z; X -= z",
                "M.append(Z); E.append(X)"]
    sigma_of_Z = fraction if inside else \
        ["if Z > 0:", "    if Z.bit_length() > X:", f"        K |= {literal(1 << i)}",
         "    else:", f"        K |= {literal(1 << (n + i))}"] + \
        ["        " + line for line in fraction]

    def span(slot: int, s: int) -> str:  # s + e_slot
        return f"e{slot}" if s == 0 else f"e{slot} + {s}" if s > 0 else f"e{slot} - {-s}"

    if len(split) == 1:  # E = s + e unless s_c is larger, and then m alone is shifted
        (slot, p, s), = split
        term = times(p, f"m{slot}")
        exact = [f"X = {span(slot, s)}", f"Z = {plus(term, *constant(span(slot, s - sc)))}"]
        if sc > s + 1:  # e ≥ 1 decides it otherwise
            exact = [f"if e{slot} >= {sc - s}:"] + ["    " + line for line in exact] + \
                ["else:", f"    X = {sc}",
                 f"    Z = {plus(f'({term} << ({sc - s} - e{slot}))', *constant('0'))}"]
    else:
        shifted = [f"({times(p, f'm{slot}')} << (X - ({span(slot, s)})))"
                   for slot, p, s in split]
        exact = [f"X = max({', '.join([span(slot, s) for slot, _, s in split] + [str(sc)])})",
                 f"Z = {plus(*shifted, *constant(f'X - {sc}'))}"]
    return ["    " + line for line in exact + sigma_of_Z]


def specialised(net: Network, idle_from: int | None = None) -> Specialised:
    """The :class:`Specialised` steps of ``net``, one object per network (and hint of an
    idle tail for its general step, :func:`rnntm.execute.dyadic.run_dyadic`)."""
    return _kit(net, idle_from)


@lru_cache(maxsize=32)
def _kit(net: Network, idle_from: int | None) -> Specialised:
    return Specialised(net, idle_from)


def run_specialised(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
                    initial: Sequence[object] | None = None) -> Iterator[list]:
    """Yield ``x(0)``, ..., ``x(steps)`` as lists of 0, 1 and :class:`Dyadic` values (see
    :func:`rnntm.execute.run_network` for the parameters): :func:`run_states`, spelled out.

    Raises
    ------
    NetworkError
        If a weight, an initial value or an input is not dyadic, or x(0) has a value
        outside [0, 1].
    """
    values = specialised(net).values
    for key, M, E in run_states(net, inputs, steps=steps, initial=initial):
        yield values(key, M, E)


def run_states(net: Network, inputs: Iterable[Sequence[object]] = (), *, steps: int,
               initial: Sequence[object] | None = None,
               idle_from: int | None = None) -> Iterator[tuple[int, list, list]]:
    """Yield the states ``x(0)``, ..., ``x(steps)`` as ``(key, M, E)`` (see the module)."""
    kit = specialised(net, idle_from)
    state = kit.key_of(start_state(net, initial))
    yield state
    t = 0
    for t, given in enumerate(islice(inputs, steps), start=1):
        if len(given) != len(net.inputs):
            raise NetworkError(f"u({t - 1}) has {len(given)} values for "
                               f"{len(net.inputs)} input lines")
        state = kit.step(state, [to_dyadic(v) for v in given])
        yield state
    made, silent = kit._steps, [(0, 0)] * len(net.inputs)
    for _ in range(steps - t):
        step = made.get(state[0])
        state = step(state) if step is not None else kit.step(state, silent)
        yield state
