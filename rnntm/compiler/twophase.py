"""The two-phase construction: two network steps per machine step, often fewer neurons.

The tape is the classic pair of stacks: L (cells left of the head, nearest on top) and R
(the scanned cell on top, then the cells to its right). Neurons form two layers that take
turns: at even steps the *configuration* layer holds the machine and the *decision* layer
is 0; at odd steps the decision layer holds what the next step needs and the configuration
layer is 0 (every row maps an all-zero layer to 0, so the layers never mix).

Configuration layer: ``x[s]`` = [state is s] for every state, halting ones included, and the
stack pieces ``L[m]``, ``R[m]`` (the stack if the last move was m, else 0).
Decision layer, from it (with L = Σ L[m], R = Σ R[m], D and c the base and digits of the
stack code, ``d1`` per bit, :meth:`~rnntm.core.stackcode.StackCode.bitwise`):

=================  ===============================================
X[s]               σ(x[s])                          every state s
D[s|j]             σ(D R − c(j) + 1 + D(x[s] − 1))  [state s and scanned ≥ j], j = 1..k-1
Lc, Rc             σ(L), σ(R)
lt[j]              σ(D L − c(j) + 1)                [top of L ≥ j]
nonempty           σ(D R)                           [R is not empty]
=================  ===============================================

Then on(s,a) = D[s|a] − D[s|a+1] (D[s|0] = X[s]) is the active (state, symbol) pair, and with
G as in :mod:`rnntm.compiler.realtime`, c(w_m) = Σ c(w_p) on(p) over pairs p moving m,
c(top L) = c(0) + Σ_j (c(j) − c(j−1)) lt[j], c(top R) likewise from Σ_s D[s|j] with c(0)
carried by ``nonempty``, and rest = D Rc − c(top R) (R popped, exactly 0 when R is empty):

=================  ===============================================
x[s']              σ(Σ on(p) over pairs p going to s')
L[R], L[L], L[N]   gate((Lc + c(w_R))/D, G(R)), gate(D Lc − c(top L), G(L)), gate(Lc, G(N))
R[R]               gate(rest, G(R))
R[L]               gate(((rest + c(w_L))/D + c(top L))/D, G(L))
R[N]               gate((rest + c(w_N))/D, G(N))
=================  ===============================================

where gate(v, g) = σ(v + K (g - 1)), K the largest value v can take with every neuron in
[0, 1] (:func:`~rnntm.core.stackcode.safe_gate`): after a halt no state is active, d1R is 0 and
``rest`` is no pop, so a gate of offset 1 would not always close.

Neuron count: ``(n + h) + 2|moves used|`` in the configuration layer and
``(n + h) + n (k - 1) + 2 + (k - 1) + 1`` in the decision layer, for n working states,
h halting states and k symbols: 22 for BB(4), 25 for BB(5). (X of a halting state shows the
halt in the decision layer, beside the stack copies that the output stage reads.)
"""

from __future__ import annotations

from ..core.affine import Lin, total
from ..core.stackcode import StackCode, gate, safe_gate
from ..machines.machine import Machine, Move
from .blocks import BlockBuilder
from .layouts import TwoPhaseLayout
from .ports import HaltView, MachinePart, StartPorts, start_ports, started

__all__ = ["build_two_phase"]


def build_two_phase(machine: Machine) -> MachinePart:
    """The two-phase construction of ``machine``: two blocks, the ``configuration`` and
    the ``decision`` layer, two network steps per machine step.

    >>> from rnntm import load_machine
    >>> part = build_two_phase(load_machine("bb4"))
    >>> [(block.name, block.size) for block in part.blocks], part.steps_per_tm_step
    ([('configuration', 9), ('decision', 13)], 2)
    """
    k, code = machine.n_symbols, StackCode.bitwise(machine.n_symbols)
    names = machine.all_states
    working = range(machine.n_states)
    pairs = machine.transitions()
    used = sorted({t.move for _, _, t in pairs}) or [Move.N]

    config, decision = BlockBuilder("configuration"), BlockBuilder("decision")
    x = {s: config.declare(f"x[{names[s]}]") for s in range(len(names))}
    Lp = {m: config.declare(f"L[{m.name}]") for m in used}
    Rp = {m: config.declare(f"R[{m.name}]") for m in used}
    X = {s: decision.declare(f"X[{names[s]}]") for s in range(len(names))}
    detector = {(s, j): decision.declare(f"D[{names[s]}|{j}]")
                for s in working for j in range(1, k)}
    Lc, Rc = decision.declare("Lc"), decision.declare("Rc")
    lt = {j: decision.declare(f"lt[{j}]") for j in range(1, k)}
    nonempty = decision.declare("nonempty")
    L, R = total(Lp.values()), total(Rp.values())
    neurons = config.names + decision.names
    index = {name: i for i, name in enumerate(neurons)}
    layout = TwoPhaseLayout(
        base=code.base, n_symbols=k,
        left=tuple(index[f"L[{m.name}]"] for m in used),
        right=tuple(index[f"R[{m.name}]"] for m in used),
        states=tuple(index[f"x[{n}]"] for n in names),
        detectors=tuple([(s, 0, index[f"X[{names[s]}]"]) for s in working]
                        + [(s, j, index[f"D[{names[s]}|{j}]"]) for s in working
                           for j in range(1, k)]),
        pair_moves=tuple((s, a, t.move) for s, a, t in pairs),
        halting_detectors=tuple(index[f"X[{names[s]}]"] for s in X if s not in working),
        left_copy=index["Lc"], right_copy=index["Rc"])
    starts = {neurons[i]: term for i, term in _start_terms(layout, start_ports(k)).items()}

    # the decision layer, from the configuration layer
    for s in X:
        decision.define(f"X[{names[s]}]", x[s])
    for s in working:
        for j in range(1, k):
            decision.define(f"D[{names[s]}|{j}]", gate(code.at_least(R, j), x[s], code.base))
    decision.define("Lc", L)
    decision.define("Rc", R)
    for j in range(1, k):
        decision.define(f"lt[{j}]", code.at_least(L, j))
    decision.define("nonempty", code.nonempty(R))

    # the configuration layer, from the decision layer
    def level(s: int, j: int) -> Lin:
        return X[s] if j == 0 else detector[s, j] if j < k else Lin()

    def on(s: int, a: int) -> Lin:  # [state s scanning a]
        return level(s, a) - level(s, a + 1)

    def G(m: Move | None, target: int | None = None) -> Lin:
        return total(on(s, a) for s, a, t in pairs
                     if m in (None, t.move) and target in (None, t.next))

    def written(m: Move) -> Lin:  # the digit of the symbol written by the pair moving m
        return code.chosen_digit((t.write, on(s, a)) for s, a, t in pairs if t.move == m)

    top_L = code.top_digit(lt.values())
    rest = code.pop(Rc, code.top_digit([total(detector[s, j] for s in working)  # R popped; an
                                        for j in range(1, k)], one=nonempty))  # empty R: 0
    def define(name: str, row: Lin) -> None:  # the configuration layer, started
        config.define(name, started(row, starts[name]) if name in starts else row)

    for s in range(len(names)):
        define(f"x[{names[s]}]", G(None, s))
    updates = {
        ("L", Move.R): code.push(Lc, written(Move.R)),               # push w on L
        ("L", Move.L): code.pop(Lc, top_L),                          # pop L
        ("L", Move.N): Lc,                                           # keep L
        ("R", Move.R): rest,                                         # pop R
        ("R", Move.L): code.push(code.push(rest, written(Move.L)), top_L),  # w, then L's top
        ("R", Move.N): code.push(rest, written(Move.N)),             # write w in place
    }
    for m in used:
        for stack in ("L", "R"):
            define(f"{stack}[{m.name}]", safe_gate(updates[stack, m], G(m)))
    halt = _halt_view(layout, machine, lambda i: Lin.var(neurons[i]))
    for layer in (config, decision):         # each layer is read by the other
        layer.offer(layer.names)
    return MachinePart((config.build(), decision.build()), layout, halt, code, 2)


def _start_terms(layout: TwoPhaseLayout, ports: StartPorts) -> dict[int, Lin]:
    """The start state, and R holding the whole word."""
    return {layout.states[0]: ports.pulse, layout.right[0]: ports.word}


def _halt_view(layout: TwoPhaseLayout, machine: Machine, var) -> HaltView:
    """A halt shows in the decision layer: X of a halting state, or a working state's
    detectors on a symbol without a transition; Lc and Rc hold the stacks."""
    level = {(s, j): var(i) for s, j, i in layout.detectors}
    at_halt: dict[int, Lin] = {}
    for s, a in machine.halting_pairs():
        if s >= machine.n_states:
            at_halt[s] = var(layout.halting_detectors[s - machine.n_states])
        else:
            at_halt[s] = at_halt.get(s, Lin()) + level[s, a] - level.get((s, a + 1), Lin())
    return HaltView(at_halt, var(layout.left_copy), var(layout.right_copy))
