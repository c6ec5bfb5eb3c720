"""Certificates: a proof, for a *given* network, that a round of network steps is one
machine step for every configuration, by exhaustive cases and exact interval arithmetic,
without running the network.

**The cases.** A configuration is abstracted to what one step can see: its state, scanned
symbol and the move that led to it (or the start, where the loader places the word), and
each stack's top symbols on a rest whose code r ∈ [0, 1) is free. The realtime and
two-phase networks read one symbol of each stack (empty, or t₁ on r; the realtime one pops
and reads the new top in the same step, and that reading is a :class:`Threshold` of the
rest's code, 0 below the interval of the tops ≥ j, 1 in it); the Siegelmann–Sontag
network's two-stack machine over bits, one bit (empty, or a bit on r), in each of its four
layers. The network's state is then an
affine function of (r_L, r_R), written by the layout's meaning of each neuron
(:func:`realtime_encoding`, :func:`two_phase_encoding`, and the layers of
``_siegelmann_sontag``), with the I/O part at rest (u = 0: the loader done, the output stage
waiting).

**The obligations.** For each case, each network step of the round and each neuron i, the
pre-activation p_i = Σ_j W_ij x_j + b_i is an affine function of (r_L, r_R), exact; the
expected value e_i is the encoding the step must reach (the decision layer's values, or
the next configuration's encoding, the machine's transition applied to the abstract one),
0 for every machine neuron after the machine halts (every gate closes, the network's
convention). The obligation holds if

* e_i = 0 and p_i ≤ 0 on the box [0, 1]², or e_i = 1 and p_i ≥ 1 there: σ(p_i) = e_i;
* e_i a threshold [r ≥ c(j)/D]: p_i ≤ 0 for r up to (c(j − 1) + 1)/D and p_i ≥ 1 from
  c(j)/D (the codes of rests with a top < j, and ≥ j);
* otherwise p_i = e_i as affine functions, and e_i ∈ [0, 1] on the box: σ(p_i) = p_i = e_i.

A neuron whose goal is 0 in every case of a (state, last move, scanned symbol) is first
bounded with the control exact and every stack neuron the situation may set free in
[0, 1], σ's range; one interval then covers all its cases.

An affine function's extremes on the box are at its corners, and it is continuous, so the
closed box decides the half-open one exactly. By induction from an encoded start, the
network's state after each round is the encoding of the machine's configuration, and after
the halting round the machine part is 0. The loader is certified the same way
(``_loader``): each bit pushed exactly while the input lasts, then the three steps that
read the word's first symbols and write the start encoding, for every word (empty, one
symbol, or two on a free rest). The output stage (``_output``): it is 0 while the machine
runs (every running case above checks it too); the step after a halt shows, each emitter
holds its stack of the final tape (the scanned cell on top of the right one; the
two-phase network emits an empty R as empty, which reads as the same tape), its lines
that stack's top bit and non-emptiness, the halt line 1 and the state lines the final
state's index; from then on, alone in the network, each emitter pops one bit a step (for
every bit stack: empty, one bit, or two on a free rest), and the rest of the network stays
0. What the machine part still holds while its last round ends adds nothing to the stage's
rows, and no other row reads the stage, so the two run side by side as certified apart.

>>> from rnntm import compile, load_machine
>>> cert = certify(compile(load_machine("bb4")))
>>> cert.ok, cert.cases, cert.obligations
(True, 127, 1909)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache, partial
from itertools import product

from ..compiler import Compiled
from ..compiler.layouts import RealtimeLayout, SiegelmannSontagLayout, TwoPhaseLayout
from ..compiler.siegelmann_sontag import (
    NOOP,
    POP,
    PUSH0,
    PUSH1,
    popped_stack,
    spelled,
    stack_machine,
    state_label,
)
from ..core.affine import Lin
from ..core.exact import brief
from ..core.stackcode import BINARY, StackCode
from ..errors import RnntmError
from ..machines.machine import Machine, Move

__all__ = ["AbstractStack", "Case", "Certificate", "Obligation", "OutputCase",
           "StackMachineCase", "TwoPhaseCase", "certify", "realtime_encoding", "situations",
           "stack_machine_encoding", "stacks", "two_phase_encoding"]

REST = {"L": "r_L", "R": "r_R"}
ONE = Lin(const=1)  # the value of a neuron that is on


@dataclass(frozen=True)
class AbstractStack:
    """The top symbols a step can see, and whether a free rest r ∈ [0, 1) lies below."""

    known: tuple[int, ...]
    open_rest: bool = False

    def value(self, base: int, digits: tuple[int, ...], rest: str) -> Lin:
        """The code (c(t₁) + (c(t₂) + r)/D)/D …, affine in the rest."""
        value = Lin.var(rest) if self.open_rest else Lin()
        for symbol in reversed(self.known):
            value = (value + digits[symbol]) / base
        return value

    @property
    def top(self) -> int:
        """The top symbol, the blank (0) for the empty stack.

        Raises
        ------
        ValueError
            For a free rest alone, whose top no case fixes.
        """
        if not self.known and self.open_rest:
            raise ValueError("the top of a free rest is not known")
        return self.known[0] if self.known else 0

    def push(self, symbol: int) -> AbstractStack:
        return AbstractStack((symbol, *self.known), self.open_rest)

    def pop(self) -> AbstractStack:
        """The stack without its top: the symbols below it on the same rest."""
        return AbstractStack(self.known[1:], self.open_rest)

    def __str__(self) -> str:
        return " ".join([*map(str, self.known), *"r" * self.open_rest]) or "ε"


@dataclass(frozen=True)
class Threshold:
    """The value [top ≥ j] of a free rest whose code is the variable ``rest``: 0 where the
    code is at most ``below`` = (c(j−1) + 1)/D (the rest empty, or a top < j), 1 where it
    is at least ``above`` = c(j)/D (a top ≥ j). By the stack code's interval lemma no code
    lies between, so the two pieces cover every rest."""

    rest: str
    below: Fraction
    above: Fraction

    def __str__(self) -> str:
        return f"0 for {self.rest} ≤ {self.below}, 1 for {self.rest} ≥ {self.above}"


def as_bits(stack: AbstractStack, bits: int) -> AbstractStack:
    """The stack of the symbols' bits, each symbol's most significant on top: in the code of
    ``d1`` per bit the same number, on the same rest."""
    return AbstractStack(tuple(b for t in stack.known for b in spelled(t, bits)),
                         stack.open_rest)


def stacks(n_symbols: int) -> list[AbstractStack]:
    """Every stack a step can tell apart: ε, t₁, t₁ t₂ r."""
    return [AbstractStack(()), *(AbstractStack((t,)) for t in range(n_symbols)),
            *(AbstractStack((t1, t2), True) for t1, t2 in product(range(n_symbols), repeat=2))]


@dataclass(frozen=True)
class Case:
    """An abstract configuration as the network holds it: the control group (state, last
    move), the scanned symbol, the stacks, and where the stacks lie: in the pieces of the
    last move (``placement``), or where the loader puts them (None, the start)."""

    state: int
    scanned: int
    move: Move
    left: AbstractStack
    right: AbstractStack
    placement: Move | None

    def describe(self, machine: Machine) -> str:
        where = "at the start" if self.placement is None else f"after {self.move.name}"
        return (f"state {machine.state_name(self.state)} scanning "
                f"{machine.symbols[self.scanned]!r} {where}, left stack [{self.left}], right "
                f"stack [{self.right}]")


@dataclass(frozen=True)
class Obligation:
    """One neuron in one case: the pre-activation's range on the box, what σ of it must be,
    and whether it holds."""

    case: str
    neuron: str
    interval: tuple[Fraction, Fraction]
    expected: str
    holds: bool

    def as_dict(self) -> dict[str, object]:
        return {"case": self.case, "neuron": self.neuron,
                "interval": [str(self.interval[0]), str(self.interval[1])],
                "expected": self.expected, "verdict": "holds" if self.holds else "fails"}


@dataclass(frozen=True)
class Certificate:
    """The verdict for one network: cases and obligations discharged, those that fail."""

    schedule: str
    cases: int
    obligations: int
    failures: tuple[Obligation, ...]
    discharged: tuple[Obligation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self, every_obligation: bool = False) -> dict[str, object]:
        doc = {"ok": self.ok, "schedule": self.schedule, "cases": self.cases,
               "obligations": self.obligations,
               "failures": [o.as_dict() for o in self.failures]}
        if every_obligation:
            doc["discharged"] = [o.as_dict() for o in self.discharged]
        return doc


def realtime_encoding(compiled: Compiled, case: Case) -> dict[int, Lin | Threshold]:
    """The neurons' values (those not listed are 0) for the abstract configuration
    ``case``, as the realtime network holds it: the thermometer of (state, last move) up to
    the scanned symbol; after a move m, each stack in its piece for m (``L[m]``) and the
    readings of its top in their piece for m (``lt[j|L]`` after L, ``lt[j|RN]`` after R
    or N; the mirror for R); at the start, the right stack and its readings where the
    loader writes them (:meth:`RealtimeLayout.start_neurons`), the left stack empty. The
    reading of a free rest's top is a :class:`Threshold` of its code."""
    layout = compiled.layout
    assert isinstance(layout, RealtimeLayout)
    code, names = layout.symbol_code, compiled.network.neurons
    group = layout.groups[case.state, case.move]
    values: dict[int, Lin | Threshold] = {group[j]: ONE for j in range(case.scanned + 1)}
    if case.placement is None:
        _, first_piece = layout.start_neurons
        values[layout.right[0]] = case.right.value(code.base, code.digits, REST["R"])
        values.update(_readings(case.right, first_piece.items(), code, REST["R"]))
        return values
    for side, stack, pieces, tops in (("L", case.left, layout.left, layout.left_top),
                                      ("R", case.right, layout.right, layout.right_top)):
        towards = Move.L if side == "L" else Move.R
        key = towards.name if case.placement == towards else ("RN" if side == "L" else "LN")
        values.update((i, stack.value(code.base, code.digits, REST[side])) for i in pieces
                      if names[i] == f"{side}[{case.placement.name}]")
        values.update(_readings(stack, ((j, i) for j, i in tops
                                        if names[i].endswith(f"|{key}]")), code, REST[side]))
    return values


def _readings(stack: AbstractStack, neurons, code: StackCode,
              rest: str) -> dict[int, Lin | Threshold]:
    """The reading neurons (j, i) of ``stack``: i = [top ≥ j] (1 listed, 0 left out), a
    :class:`Threshold` of the rest's code where the top is the rest's (j ≥ 1)."""
    neurons = tuple(neurons)
    assert all(j >= 1 for j, _ in neurons), "readings are of j = 1 .. k − 1"
    if not stack.known and stack.open_rest:
        return {i: Threshold(rest, Fraction(code.digit(j - 1) + 1, code.base),
                             Fraction(code.digit(j), code.base)) for j, i in neurons}
    return {i: ONE for j, i in neurons if stack.top >= j}


def situations(compiled: Compiled) -> list[tuple[int, Move, Move | None]]:
    """Every (state, last move, placement) the network can hold: each control group with a
    transition entering it, placed for that move, and the start group placed as the loader
    places it."""
    layout, machine = compiled.layout, compiled.machine
    entered = {(t.next, t.move) for _, _, t in machine.transitions()}
    start = min(m for s, m in layout.groups if s == 0)
    return [(s, m, m) for s, m in layout.groups if (s, m) in entered] + [(0, start, None)]


def _next(machine: Machine, case: Case) -> Case | None:
    """The abstract configuration after one step; None if the machine halts at ``case``."""
    t = machine.transition(case.state, case.scanned)
    if t is None:
        return None
    left, right = case.left, case.right
    if t.move is Move.R:
        return Case(t.next, right.top, Move.R, left.push(t.write), right.pop(), Move.R)
    if t.move is Move.L:
        return Case(t.next, left.top, Move.L, left.pop(), right.push(t.write), Move.L)
    return Case(t.next, t.write, Move.N, left, right, Move.N)


def _range(expr: Lin, within: dict[str, tuple[Fraction, Fraction]] | None = None
           ) -> tuple[Fraction, Fraction]:
    """The least and greatest value of ``expr`` for its variables in [0, 1], or in the
    bounds ``within`` gives them (one pass, no negated copy: it runs for every obligation)."""
    low = high = expr.const
    for name, v in expr.terms.items():
        bottom, top = within.get(name, (0, 1)) if within else (0, 1)
        low, high = (low + v * top, high + v * bottom) if v < 0 else \
            (low + v * bottom, high + v * top)
    return low, high


class _Ledger:
    """The obligations as they are discharged: counts, failures, and (``keep``) the rest.
    For most rows at once, pre-activations are summed over the columns of the few neurons a
    case sets, so that a row no set neuron reaches costs only its bias."""

    def __init__(self, compiled: Compiled, keep: bool) -> None:
        self.net, self.machine, self.keep = compiled.network, compiled.machine, keep
        self.cases = self.obligations = 0
        self.failures: list[Obligation] = []
        self.discharged: list[Obligation] = []
        self.columns: dict[int, list[tuple[int, Fraction]]] = {}
        for i, row in enumerate(self.net.rows):
            for j, w in row.state:
                self.columns.setdefault(j, []).append((i, w))
        self.weights = [dict(row.state) for row in self.net.rows]

    def reach(self, x: dict[int, Lin]) -> dict[int, Lin]:
        """Σ_j W_ij x_j for every row i that some neuron j of ``x`` reaches."""
        sums: dict[int, _Sum] = {}
        for j, value in x.items():
            for i, w in self.columns.get(j, ()):
                sums.setdefault(i, _Sum()).add(w, value)
        return {i: total.lin() for i, total in sums.items()}

    def row_sum(self, i: int, x: dict[int, Lin]) -> Lin:
        """Σ_j W_ij x_j for one row, over the shorter of the row and ``x``."""
        weights, total = self.weights[i], _Sum()
        if len(x) < len(weights):
            for j, value in x.items():
                if j in weights:
                    total.add(weights[j], value)
        else:
            for j, w in weights.items():
                if j in x:
                    total.add(w, x[j])
        return total.lin()

    def settle_zero(self, case, bounds) -> list[int]:
        """For each (neuron i, range of its stack part, its constant part), discharge
        σ(p_i) = 0 if the bias, the constant part and the range's top leave p_i ≤ 0; return
        the neurons that one interval does not settle."""
        unsettled = []
        for i, (low, high), const in bounds:
            offset = self.net.rows[i].bias + const
            if high + offset > 0:
                unsettled.append(i)
                continue
            self.obligations += 1
            if self.keep:
                self.discharged.append(Obligation(case.describe(self.machine),
                                                  self.net.neurons[i],
                                                  (low + offset, high + offset), "0", True))
        return unsettled

    def check_share(self, case, x: dict[int, Lin], neurons) -> None:
        """What ``x`` adds to each row of ``neurons`` must vanish identically: those rows
        compute the same with or without it."""
        for i in neurons:
            self.obligations += 1
            share = self.row_sum(i, x)
            holds = not share.terms and share.const == 0
            if holds and not self.keep:
                continue
            record = Obligation(case.describe(self.machine), self.net.neurons[i],
                                _range(share), "no share of this row", holds)
            (self.discharged if holds else self.failures).append(record)

    def check(self, case, x: dict[int, Lin], goal: dict[int, Lin], neurons,
              u: dict[int, int] | None = None) -> None:
        """σ(W x + U u + b) must be ``goal`` (0 where not listed) at each of ``neurons``; the
        input lines ``u`` are 0 where not listed."""
        if 4 * len(neurons) < len(self.net.rows):            # a few rows: read them
            reached = {i: self.row_sum(i, x) for i in neurons}
        else:                                                # most rows: read x's columns
            reached = self.reach(x)
        nothing = Lin()
        for i in neurons:
            self.obligations += 1
            row = self.net.rows[i]
            const = row.bias + sum((v * u.get(k, 0) for k, v in row.inputs), Fraction(0)) \
                if u else row.bias
            pre = reached[i] + const if i in reached else Lin(const=const)
            expected = goal.get(i, nothing)
            holds, interval = _obligation(pre, expected)
            if holds and not self.keep:
                continue
            record = Obligation(case.describe(self.machine), self.net.neurons[i], interval,
                                _show(expected), holds)
            (self.discharged if holds else self.failures).append(record)


class _Sum:
    """A running Σ w·v of exact affine values, kept as coefficients (no Lin built per
    term: it runs for every weight an obligation reads)."""

    __slots__ = ("terms", "const")

    def __init__(self) -> None:
        self.terms: dict[str, Fraction] = {}
        self.const = Fraction(0)

    def add(self, w: Fraction, value: Lin) -> None:
        if value is ONE:
            self.const += w
            return
        if value.const:
            self.const += w * value.const
        for name, c in value.terms.items():
            self.terms[name] = self.terms.get(name, 0) + w * c

    def lin(self) -> Lin:
        return Lin(self.terms, self.const)


def certify(compiled: Compiled, *, keep: bool = False) -> Certificate:
    """Prove that ``compiled`` takes one machine step per round of network steps from every
    encoded configuration, and stops (its machine part 0) the round after the machine
    halts: the ``realtime`` schedule in one network step, ``two-phase`` (what ``compact``
    builds for most machines) in two, through its decision layer, ``siegelmann-sontag`` in
    b stack-machine steps of four network steps each.

    Parameters
    ----------
    compiled
        A compiled network with its machine and layout.
    keep
        Keep every discharged obligation in the certificate (for ``-o cert.json``).

    """
    ledger = _Ledger(compiled, keep)
    _loader(compiled, ledger)
    if isinstance(compiled.layout, RealtimeLayout):
        _realtime(compiled, ledger)
    elif isinstance(compiled.layout, TwoPhaseLayout):
        _two_phase(compiled, ledger)
    elif isinstance(compiled.layout, SiegelmannSontagLayout):
        _siegelmann_sontag(compiled, ledger)
    else:                                                     # pragma: no cover
        raise RnntmError(f"no certifier for the {compiled.schedule} schedule")
    _output(compiled, ledger)
    return Certificate(compiled.schedule, ledger.cases, ledger.obligations,
                       tuple(ledger.failures), tuple(ledger.discharged))


def _realtime(compiled: Compiled, ledger: _Ledger) -> None:
    """One network step per machine step, from each (state, last move, placement) and
    scanned symbol. A neuron whose goal is 0 whatever the stacks is first bounded with
    every stack neuron free in [0, 1] (σ's outputs): most gates are closed in most
    situations, and that one interval settles them. Any other neuron is discharged over the
    cases of the stacks its row reads and its goal depends on, each only as deep as the
    neuron sees: a top symbol on a free rest (a reading of the new top of a stack the step
    pops is a :class:`Threshold` of that rest). The cost grows with states × symbols × k."""
    layout, machine, net = compiled.layout, compiled.machine, compiled.network
    k, bits = machine.n_symbols, machine.symbol_bits
    empty = AbstractStack(())
    shallow = [empty, *(AbstractStack((t,), True) for t in range(k))]
    side_of = {i: "L" for i in (*layout.left, *(i for _, i in layout.left_top))}
    side_of.update({i: "R" for i in (*layout.right, *(i for _, i in layout.right_top))})
    control = {i for *_, i in layout.control}
    emitters = _emitters(net)
    reads = [{side_of[j] for j, _ in row.state if j in side_of} for row in net.rows]

    for s, m, placement in situations(compiled):
        group = layout.groups[s, m]
        full = AbstractStack((k - 1,), True)
        probe = Case(s, 0, m, full if placement else empty, full, placement)
        free = {i: Lin.var(f"x{i}") for i in realtime_encoding(compiled, probe)
                if i not in control}                          # this placement's stack neurons
        stack_range = {i: _range(pre) for i, pre in ledger.reach(free).items()}
        lefts = shallow if placement else shallow[:1]         # the start's left stack is ε
        for a in range(k):
            t = machine.transition(s, a)
            popped = None if t is None or t.move is Move.N else t.move.name

            @cache
            def goal(case: Case) -> dict[int, Lin | Threshold]:
                after = _next(machine, case)
                return realtime_encoding(compiled, after) if after else _emitted(
                    compiled, case.state, as_bits(case.left, bits),
                    as_bits(case.right.push(case.scanned), bits))

            possible = set().union(*(goal(Case(s, a, m, left, empty, placement))
                                     for left in lefts),
                                   *(goal(Case(s, a, m, empty, right, placement))
                                     for right in shallow))
            control_part = {i: pre.const for i, pre in ledger.reach(
                {group[j]: ONE for j in range(a + 1)}).items()}
            anywhere = Case(s, a, m, AbstractStack((), True), AbstractStack((), True),
                            placement)
            unsettled = ledger.settle_zero(anywhere, [
                (i, stack_range.get(i, (0, 0)), control_part.get(i, 0))
                for i in range(net.size) if i not in possible])
            groups: dict[tuple, list[int]] = {}
            for i in (*sorted(possible), *unsettled):
                expects = (set(emitters.get(i, "")) if t is None else
                           {popped} - {None} if i in control else {side_of.get(i)} - {None}) \
                    if i in possible else set()
                groups.setdefault(tuple(sorted(reads[i] | expects)), []).append(i)
            seen = {anywhere}
            encoding = cache(partial(realtime_encoding, compiled))
            for key, neurons in groups.items():
                for chosen in product(*(lefts if side == "L" else shallow for side in key)):
                    held = dict(zip(key, chosen, strict=True))
                    case = Case(s, a, m, held.get("L", empty), held.get("R", empty),
                                placement)
                    seen.add(case)
                    ledger.check(case, encoding(case), goal(case), neurons)
            ledger.cases += len(seen)


@dataclass(frozen=True)
class TwoPhaseCase:
    """A configuration as the two-phase network holds it between rounds: the state, the
    stacks L and R (the scanned cell on top of R, each a top symbol on a free rest, or
    empty) and the pieces they lie in (``placement``: the last move's, or None for the
    loader's)."""

    state: int
    left: AbstractStack
    right: AbstractStack
    placement: Move | None

    @property
    def scanned(self) -> int:
        return self.right.top

    def describe(self, machine: Machine) -> str:
        where = "at the start" if self.placement is None else f"after {self.placement.name}"
        return (f"state {machine.state_name(self.state)} {where}, left stack [{self.left}], "
                f"right stack [{self.right}] (scanning {machine.symbols[self.scanned]!r})")


def two_phase_encoding(compiled: Compiled, case: TwoPhaseCase,
                       decision: bool) -> dict[int, Lin]:
    """The neurons' values for ``case``: in the configuration layer (x[s], each stack in
    its piece), or with ``decision`` in the decision layer (X[s], D[s|j] = [scanned ≥ j],
    the copies Lc and Rc, lt[j] = [top of L ≥ j], nonempty = [R ≠ ε])."""
    layout = compiled.layout
    assert isinstance(layout, TwoPhaseLayout)
    code, names = layout.symbol_code, compiled.network.neurons
    left = case.left.value(code.base, code.digits, REST["L"])
    right = case.right.value(code.base, code.digits, REST["R"])
    if not decision:
        values = {layout.states[case.state]: ONE}
        if case.placement is None:
            values[layout.right[0]] = right
            return values
        for side, value, pieces in (("L", left, layout.left), ("R", right, layout.right)):
            values.update((i, value) for i in pieces
                          if names[i] == f"{side}[{case.placement.name}]")
        return values
    values = {i: ONE for s, j, i in layout.detectors
              if s == case.state and j <= case.scanned}
    if case.state >= compiled.machine.n_states:               # a halting state's X
        values[layout.halting_detectors[case.state - compiled.machine.n_states]] = \
            ONE
    values[layout.left_copy], values[layout.right_copy] = left, right
    values.update((compiled.network.index(f"lt[{j}]"), ONE)
                  for j in range(1, case.left.top + 1))
    if case.right.known:
        values[compiled.network.index("nonempty")] = ONE
    return values


def _two_phase(compiled: Compiled, ledger: _Ledger) -> None:
    """Two network steps a round: the configuration layer makes the decision layer's
    values, and those make the next configuration (or 0 after a halt). A stack is empty or
    a top symbol on a free rest: one round reads no deeper."""
    machine, net = compiled.machine, compiled.network
    k, bits = machine.n_symbols, machine.symbol_bits
    every = [AbstractStack(()), *(AbstractStack((t,), True) for t in range(k))]
    entered = {(t.next, t.move) for _, _, t in machine.transitions()}
    placements = [(s, m) for s, m in sorted(entered)] + [(0, None)]
    for s, placement in placements:
        lefts = every if placement else every[:1]
        for left, right in product(lefts, every):
            ledger.cases += 1
            case = TwoPhaseCase(s, left, right, placement)
            before = two_phase_encoding(compiled, case, decision=False)
            between = two_phase_encoding(compiled, case, decision=True)
            ledger.check(case, before, between, range(net.size))
            t = machine.transition(s, case.scanned)
            if t is None:                   # every gate closes, the output stage loads
                ledger.check(case, between, _emitted(compiled, s, as_bits(left, bits),
                                                     as_bits(right, bits)), range(net.size))
                continue
            after = _two_phase_next(case, t)
            ledger.check(case, between, two_phase_encoding(compiled, after, decision=False),
                         range(net.size))


def _two_phase_next(case: TwoPhaseCase, t) -> TwoPhaseCase:
    """The configuration after the transition ``t`` (the scanned cell is R's top)."""
    left, rest = case.left, case.right.pop()
    if t.move is Move.R:
        return TwoPhaseCase(t.next, left.push(t.write), rest, Move.R)
    if t.move is Move.L:
        return TwoPhaseCase(t.next, left.pop(), rest.push(t.write).push(left.top), Move.L)
    return TwoPhaseCase(t.next, left, rest.push(t.write), Move.N)


@dataclass(frozen=True)
class StackMachineCase:
    """A configuration of the Siegelmann–Sontag network's two-stack machine over bits: its
    state q and the bit stacks L and R (each empty, or a top bit on a free rest)."""

    state: tuple
    left: AbstractStack
    right: AbstractStack

    def describe(self, machine: Machine) -> str:
        return (f"stack-machine state {state_label(machine, self.state)}, left bits "
                f"[{self.left}], right bits [{self.right}]")


def stack_machine_encoding(compiled: Compiled, q: tuple, left: AbstractStack,
                           right: AbstractStack) -> dict[int, Lin]:
    """The Siegelmann–Sontag network's configuration layer holding its stack machine in
    state ``q`` with the bit stacks ``left`` and ``right``."""
    index = compiled.network.index
    return {index(f"y{state_label(compiled.machine, q)}"): ONE,
            index("L"): left.value(BINARY.base, BINARY.digits, REST["L"]),
            index("R"): right.value(BINARY.base, BINARY.digits, REST["R"])}


def _siegelmann_sontag(compiled: Compiled, ledger: _Ledger) -> None:
    """Four network steps a stack-machine step, each layer computed from the one before:
    readings, detectors, transition, configuration; for each state of the stack machine
    and each stack empty or a top bit on a free rest, every layer's values are checked.
    Beside the network, the stack machine itself must realize the Turing machine: from
    each decision state, its b steps must reach the decision state of the next
    configuration with the written symbol's bits pushed and the next symbol's popped."""
    machine, net = compiled.machine, compiled.network
    states, rules = stack_machine(machine, machine.symbol_bits)
    _stack_machine_realizes(machine, rules, ledger)
    every = [AbstractStack(()), *(AbstractStack((bit,), True) for bit in (0, 1))]
    index = net.index                                         # O(1): a name's position
    halts, output = set(machine.halting_pairs()), net.block("output")
    outside = [i for i in range(net.size) if i not in output]      # machine part, loader
    for q in states:
        label = state_label(machine, q)
        for left, right in product(every, every):
            ledger.cases += 1
            case = StackMachineCase(q, left, right)
            config = stack_machine_encoding(compiled, q, left, right)
            values = {s: config[index(s)] for s in "LR"}
            tops = {"L": left.known[:1] == (1,), "R": right.known[:1] == (1,)}
            reading = {index(f"Y{label}"): ONE,
                       **{index(f"copy_{s}"): values[s] for s in "LR"},
                       **{index(f"top_{s}"): ONE for s in "LR" if tops[s]}}
            detecting = {**{index(f"copy2_{s}"): values[s] for s in "LR"},
                         **{index(f"top2_{s}"): ONE for s in "LR" if tops[s]}}
            rule = None
            if q in rules:
                towards = popped_stack(q, rules)
                bit = int(tops[towards])
                rule = rules[q][bit]
                which = "any" if rules[q][0] == rules[q][1] else bit
                detecting[index(f"D{label}[{which}]")] = ONE
            transition, after = {}, {}
            if rule is not None:
                following, *actions = rule
                transition[index(f"z{state_label(machine, following)}")] = ONE
                after[index(f"y{state_label(machine, following)}")] = ONE
                for side, action, stack in zip("LR", actions, (left, right), strict=True):
                    changed = {NOOP: stack, PUSH0: stack.push(0), PUSH1: stack.push(1),
                               POP: stack.pop()}[action]
                    value = changed.value(BINARY.base, BINARY.digits, REST[side])
                    transition[index(f"{side}[{action}]")] = value
                    after[index(side)] = value
            rounds = ((config, reading), (reading, detecting), (detecting, transition),
                      (transition, after))
            if rule is not None:
                for before, goal in rounds:
                    ledger.check(case, before, goal, range(net.size))
                continue
            # no rule: a halt shows in y (the output stage loads), or a stuck state (bits
            # that spell no symbol); the layers run out beside the output stage
            loaded = dict(reading)
            if q[0] == "decide" and q[1:] in halts:
                scanned = AbstractStack((*spelled(q[2], machine.symbol_bits), *right.known),
                                        right.open_rest)
                loaded.update(_emitted(compiled, q[1], left, scanned))
            ledger.check(case, config, loaded, range(net.size))
            for before, goal in rounds[1:]:
                ledger.check(case, before, goal, outside)
                ledger.check_share(case, before, output)


def _stack_machine_realizes(machine: Machine, rules: dict, ledger: _Ledger) -> None:
    """From each decision state <s, a> with a transition, and each next symbol v (or an
    empty stack) on the stack the move goes towards: b stack-machine steps reach the
    decision state <s', v> (<s', w> for a stay), the written symbol w's bits on the other
    stack (most significant on top), v's bits gone. One case each, counted as such."""
    bits = machine.symbol_bits
    for (s, a), t in ((sa, machine.transition(*sa)) for sa in
                      product(range(machine.n_states), range(machine.n_symbols))):
        if t is None:
            continue
        for v in (None, *range(machine.n_symbols)):
            ledger.cases += 1
            ledger.obligations += 1
            stacks = {"towards": list(spelled(v, bits)) if v is not None else [], "away": []}
            q = ("decide", s, a)
            for _ in range(bits):
                towards = popped_stack(q, rules)
                away = "L" if towards == "R" else "R"
                bit = stacks["towards"][0] if stacks["towards"] else 0    # the real top
                q, *moves = rules[q][bit]
                actions = dict(zip("LR", moves, strict=True))
                if actions[towards] == POP and stacks["towards"]:
                    stacks["towards"].pop(0)
                if actions[away] in (PUSH0, PUSH1):
                    stacks["away"].insert(0, int(actions[away] == PUSH1))
                if q not in rules and q[0] != "decide":
                    break
            stay = t.move is Move.N
            scanned = t.write if stay else (v if v is not None else 0)
            left_behind = list(spelled(v, bits)) if stay and v is not None else []
            holds = q == ("decide", t.next, scanned) and stacks["towards"] == left_behind \
                and stacks["away"] == ([] if stay else list(spelled(t.write, bits)))
            if not holds:
                ledger.failures.append(Obligation(
                    f"the stack machine from <{machine.state_name(s)},{machine.symbols[a]}> "
                    f"with {'ε' if v is None else machine.symbols[v]} next",
                    state_label(machine, q), (Fraction(0), Fraction(0)),
                    f"<{machine.state_name(t.next)},{machine.symbols[scanned]}>", False))


@dataclass(frozen=True)
class LoaderCase:
    """A step of the loader: a bit pushed on the code s of the bits so far, or a phase of
    the start with the word written as a stack (its first symbols on a free rest)."""

    phase: str
    word: AbstractStack | None = None
    bit: int | None = None

    def describe(self, machine: Machine) -> str:
        if self.word is None:
            return f"loading the bit {self.bit} onto the code s of the bits so far"
        return f"the input word [{self.word}] at the loader's {self.phase} step"


def _loader(compiled: Compiled, ledger: _Ledger) -> None:
    """The input block's steps, for every word: each bit (last first) is pushed exactly
    while the input lasts, everything else 0; then ``go`` (valid falls: the readings of the
    first symbol), ``ready`` (the ports: the word, its rest, the readings), ``pulse`` (the
    machine part holds its start encoding, the loader falls to 0). The machine's steps
    from that start are the schedule's certificate; the loader stays 0 in them."""
    net, machine, layout = compiled.network, compiled.machine, compiled.layout
    code, k = layout.symbol_code, machine.n_symbols
    names = {net.neurons[i]: i for i in net.block("input")}
    data, valid = (net.inputs.index(line) for line in ("data", "valid"))
    every = range(net.size)
    stack, valid1, ready = names["in.stack"], names["in.valid1"], names["in.ready"]
    for bit in (0, 1):                                   # s ∈ [0, 1]: any bits so far
        ledger.cases += 1
        s = Lin.var("s")
        ledger.check(LoaderCase("loading", bit=bit), {stack: s, valid1: ONE},
                     {stack: (s + 2 * bit + 1) / 4, valid1: ONE}, every, {data: bit, valid: 1})
    for word in stacks(k):
        ledger.cases += 1
        value = word.value(code.base, code.digits, REST["R"])
        readings = {names[f"in.first[{j}]"]: ONE for j in range(1, word.top + 1)
                    if f"in.first[{j}]" in names}
        ports = {names[name]: v for name, v in
                 (("in.pulse", ONE), ("in.word", value),
                  ("in.rest", word.pop().value(code.base, code.digits, REST["R"])))
                 if name in names}
        ports.update((names[f"in.first2[{j}]"], ONE) for j in range(1, word.top + 1)
                     if f"in.first2[{j}]" in names)
        at_go = {stack: value, valid1: ONE}
        at_ready = {stack: value / 4, ready: ONE, **readings}
        for phase, x, goal in (("go", at_go, at_ready), ("ready", at_ready, ports),
                               ("pulse", ports, _start_encoding(compiled, word))):
            ledger.check(LoaderCase(phase, word), x, goal, every)


def _start_encoding(compiled: Compiled, word: AbstractStack) -> dict[int, Lin]:
    """The machine part holding the start configuration on ``word``, as each layout
    places it (:meth:`~rnntm.compiler.layouts.StackLayout.encode_start`)."""
    layout = compiled.layout
    if isinstance(layout, RealtimeLayout):
        start = min(m for s, m in layout.groups if s == 0)
        return realtime_encoding(compiled, Case(0, word.top, start, AbstractStack(()),
                                                word.pop(), None))
    if isinstance(layout, TwoPhaseLayout):
        return two_phase_encoding(compiled, TwoPhaseCase(0, AbstractStack(()), word, None),
                                  decision=False)
    return stack_machine_encoding(compiled, ("decide", 0, word.top), AbstractStack(()),
                                  as_bits(word.pop(), compiled.machine.symbol_bits))


@dataclass(frozen=True)
class OutputCase:
    """The output stage alone after a halt in ``state``: its emitters' bit stacks."""

    state: int
    left: AbstractStack
    right: AbstractStack

    def describe(self, machine: Machine) -> str:
        return (f"the output stage after a halt in {machine.state_name(self.state)}, left "
                f"bits [{self.left}], right bits [{self.right}]")


@dataclass(frozen=True)
class _Wiring:
    """A fact of the network's wiring, one case."""

    text: str

    def describe(self, machine: Machine) -> str:
        return self.text


def _emitters(net) -> dict[int, str]:
    """The side of the tape each emitter's neurons carry: its stack, data and valid line."""
    return {net.index(name): side for side, names in
            (("R", ("out.R", "out.right", "out.right_valid")),
             ("L", ("out.L", "out.left", "out.left_valid"))) for name in names}


def _emitted(compiled: Compiled, state: int, left: AbstractStack,
             right: AbstractStack) -> dict[int, Lin]:
    """The output stage's values after a halt in ``state`` (0 where not listed): each
    emitter holding its bit stack, its data line the top bit, its valid line [stack ≠ ε];
    the halt line 1; the state lines spelling the state's index among the final states."""
    index, io = compiled.network.index, compiled.io
    values = {}
    for stack, name, line in ((left, "out.L", "out.left"), (right, "out.R", "out.right")):
        values[index(name)] = stack.value(BINARY.base, BINARY.digits, REST[name[-1]])
        if stack.known:
            values[index(f"{line}_valid")] = ONE
            if stack.known[0]:
                values[index(line)] = ONE
    values[index("out.halt")] = ONE
    state_bits = spelled(io.final_states.index(state), io.state_bits)
    values.update((index(f"out.state[{i}]"), ONE) for i, bit in enumerate(state_bits) if bit)
    return values


def _output(compiled: Compiled, ledger: _Ledger) -> None:
    """After the halt, the output stage alone: for each final state and each pair of bit
    stacks (empty, a bit, or two on a free rest), one step pops each emitter onto its
    lines and keeps the halt and state lines, every other neuron 0; a neuron is checked
    over the emitters and state lines its row reads or its goal depends on. And no neuron
    outside the stage reads it, so it cannot disturb what the machine part does
    meanwhile."""
    net, machine = compiled.network, compiled.machine
    output = set(net.block("output"))
    wiring = _Wiring("the output stage's neurons, read only by the output stage")
    readers: dict[int, list[tuple[int, Fraction]]] = {j: [] for j in output}
    for i, row in enumerate(net.rows):
        readers.update((j, [*readers[j], (i, w)]) for j, w in row.state
                       if j in output and i not in output)
    ledger.cases += 1
    ledger.obligations += len(output)
    for j, outside in readers.items():
        found = [Obligation(wiring.describe(machine), net.neurons[i], (w, w),
                            f"0 (the weight from {net.neurons[j]})", False) for i, w in outside]
        ledger.failures.extend(found)
        if ledger.keep and not found:
            ledger.discharged.append(Obligation(wiring.describe(machine), net.neurons[j],
                                                (Fraction(0), Fraction(0)),
                                                "read by no neuron outside the stage", True))
    if not compiled.io.final_states:                  # the machine never halts
        return
    # each neuron over what its row reads and its goal depends on: either emitter's bit
    # stack (empty, a bit, two on a free rest), the final state (the state lines)
    emitters = _emitters(net)
    lines = {i for i in output if net.neurons[i].startswith("out.state")}
    options = {"L": stacks(2), "R": stacks(2), "state": compiled.io.final_states}
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(net.rows):
        sees = {emitters[j] for j in (i, *(j for j, _ in row.state)) if j in emitters}
        sees |= {"state"} if lines & {i, *(j for j, _ in row.state)} else set()
        groups.setdefault(tuple(sorted(sees)), []).append(i)
    seen = set()
    for key, neurons in groups.items():
        for chosen in product(*(options[d] for d in key)):
            held = dict(zip(key, chosen, strict=True))
            case = OutputCase(held.get("state", compiled.io.final_states[0]),
                              held.get("L", AbstractStack(())), held.get("R", AbstractStack(())))
            seen.add(case)
            ledger.check(case, _emitted(compiled, case.state, case.left, case.right),
                         _emitted(compiled, case.state, case.left.pop(), case.right.pop()),
                         neurons)
    ledger.cases += len(seen)


def _obligation(pre: Lin, goal: Lin | Threshold) -> tuple[bool, tuple[Fraction, Fraction]]:
    """Whether σ(pre) = goal on the whole box, and the pre-activation's range."""
    low, high = _range(pre)
    if isinstance(goal, Threshold):
        _, high_below = _range(pre, {goal.rest: (Fraction(0), goal.below)})
        low_above, _ = _range(pre, {goal.rest: (goal.above, Fraction(1))})
        return high_below <= 0 and low_above >= 1, (low, high)
    if not goal.terms and goal.const in (0, 1):
        return (high <= 0 if goal.const == 0 else low >= 1), (low, high)
    goal_low, goal_high = _range(goal)
    same = pre.terms == goal.terms and pre.const == goal.const
    return same and goal_low >= 0 and goal_high <= 1, (low, high)


def _show(goal: Lin | Threshold) -> str:
    if isinstance(goal, Threshold) or goal.terms:
        return str(goal)
    return brief(goal.const)
