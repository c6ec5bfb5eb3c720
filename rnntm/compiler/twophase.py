"""The two-phase construction: two network steps per machine step, often fewer neurons.

The tape is the classic pair of stacks: L (cells left of the head, nearest on top) and R
(the scanned cell on top, then the cells to its right). Neurons form two layers that take
turns: at even steps the *configuration* layer holds the machine and the *decision* layer
is 0; at odd steps the decision layer holds what the next step needs and the configuration
layer is 0 (every row maps an all-zero layer to 0, so the layers never mix).

Configuration layer: ``x[s]`` = [state is s] for every state, halting ones included, and the
stack pieces ``L[m]``, ``R[m]`` (the stack if the last move was m, else 0).
Decision layer, from it (with L = Σ L[m], R = Σ R[m]):

=================  ===============================================
X[s]               σ(x[s])                       every state s
D[s|j]             σ(B R - 2j + B(x[s] - 1))     [state s and scanned >= j], j = 1..k-1
Lc, Rc             σ(L), σ(R)
lt[j]              σ(B L - 2j)                   [top of L >= j]
nonempty           σ(B R)                        [R is not empty]
=================  ===============================================

Then c(s,a) = D[s|a] - D[s|a+1] (D[s|0] = X[s]) is the active (state, symbol) pair, and with
G, S as in :mod:`rnntm.compiler.realtime`, d1L = Σ_j lt[j], d1R = Σ D[s|j], and
rest = B Rc - 2 d1R - 1 + (1 - nonempty) (R popped, also exactly 0 when R is empty):

=================  ===============================================
x[s']              σ(Σ c(p) over pairs p going to s')
L[R], L[L], L[N]   gate(Lc/B + S(R)/B, G(R)), gate(B Lc - 2 d1L - 1, G(L)), gate(Lc, G(N))
R[R]               gate(rest, G(R))
R[L]               gate((rest + S(L))/B² + (2 d1L + 1)/B, G(L))
R[N]               gate((rest + S(N))/B, G(N))
=================  ===============================================

where gate(v, g) = σ(v + K (g - 1)), K the largest value v can take with every neuron in
[0, 1] (:func:`~rnntm.compiler.builder.gated`): after a halt no state is active, d1R is 0 and
``rest`` is no pop, so a gate of offset 1 would not always close.

Neuron count: ``(n + h) + 2|moves used|`` in the configuration layer and
``(n + h) + n (k - 1) + 2 + (k - 1) + 1`` in the decision layer, for n working states,
h halting states and k symbols: 22 for BB(4), 25 for BB(5). (X of a halting state shows the
halt in the decision layer, beside the stack copies that the output stage reads.)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..core.affine import Lin, total
from ..core.network import Network
from ..core.stackcode import CodingError, StackCode, gate, safe_gate
from ..machines.machine import Machine, Move
from .builder import NetworkBuilder
from .layout import HaltView, Reading, StackLayout, StartTerms, halting_pairs

__all__ = ["compile_two_phase", "TwoPhaseLayout"]


@dataclass(frozen=True)
class TwoPhaseLayout(StackLayout):
    """Where the two-phase network keeps the machine, layer by layer."""

    states: tuple[int, ...] = ()                         # x[s], configuration layer
    detectors: tuple[tuple[int, int, int], ...] = ()     # (s, j, neuron): X[s] is j = 0
    pair_moves: tuple[tuple[int, int, Move], ...] = ()   # (s, a, move) of each transition
    halting_detectors: tuple[int, ...] = ()              # X[h] of each halting state h
    left_copy: int = 0                                   # Lc, Rc: the stacks, decision layer
    right_copy: int = 0
    scanned_on_right: bool = True

    def read(self, x) -> Reading:
        """State from the one-hot layer, scanned symbol from the top of R."""
        active = [s for s, i in enumerate(self.states) if x[i]]
        if len(active) != 1 or x[self.states[active[0]]] != 1:
            return Reading.invalid(f"{len(active)} active states, or a state neuron that "
                                   "is neither 0 nor 1")
        try:
            scanned = self.symbol_code.top(sum(x[i] for i in self.right))
        except CodingError as error:
            return Reading.invalid(f"the top of R is no symbol ({error})")
        return Reading(active[0], scanned, None)

    def move_taken(self, x) -> Move | None:
        """In the decision layer: the move of the transition under way, None if none."""
        level = {(s, j): x[i] for s, j, i in self.detectors}
        for s, a, move in self.pair_moves:
            if level[s, a] - level.get((s, a + 1), 0) == 1:
                return move
        return None

    def start(self, terms: StartTerms) -> dict[int, Lin]:
        """The start state, and R holding the whole word."""
        return {self.states[0]: terms.pulse, self.right[0]: terms.word}

    def halt_view(self, machine: Machine, var) -> HaltView:
        """A halt shows in the decision layer: X of a halting state, or a working state's
        detectors on a symbol without a transition; Lc and Rc hold the stacks."""
        level = {(s, j): var(i) for s, j, i in self.detectors}
        at_halt: dict[int, Lin] = {}
        for s, a in halting_pairs(machine):
            if s >= machine.n_states:
                at_halt[s] = var(self.halting_detectors[s - machine.n_states])
            else:
                at_halt[s] = at_halt.get(s, Lin()) + level[s, a] - level.get((s, a + 1), Lin())
        return HaltView(at_halt, var(self.left_copy), var(self.right_copy))

    def initial(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        x = [Fraction(0)] * size
        x[self.states[0]] = Fraction(1)
        x[self.right[0]] = self.symbol_code.encode(word)
        return tuple(x)


def compile_two_phase(machine: Machine) -> tuple[Network, TwoPhaseLayout, int]:
    """The two-phase network of ``machine``, its layout, and 2 steps per machine step."""
    k, code = machine.n_symbols, StackCode.classic(machine.n_symbols)
    names = machine.states + machine.halt_states
    working = range(machine.n_states)
    pairs = [(s, a, t) for s, row in enumerate(machine.table) for a, t in enumerate(row)
             if t is not None]
    used = sorted({t.move for _, _, t in pairs}) or [Move.N]

    b = NetworkBuilder()
    x = {s: b.declare(f"x[{names[s]}]") for s in range(len(names))}
    Lp = {m: b.declare(f"L[{m.name}]") for m in used}
    Rp = {m: b.declare(f"R[{m.name}]") for m in used}
    X = {s: b.declare(f"X[{names[s]}]") for s in range(len(names))}
    D = {(s, j): b.declare(f"D[{names[s]}|{j}]") for s in working for j in range(1, k)}
    Lc, Rc = b.declare("Lc"), b.declare("Rc")
    lt = {j: b.declare(f"lt[{j}]") for j in range(1, k)}
    nonempty = b.declare("nonempty")
    L, R = total(Lp.values()), total(Rp.values())

    # the decision layer, from the configuration layer
    for s in X:
        b.define(f"X[{names[s]}]", x[s])
    for s in working:
        for j in range(1, k):
            b.define(f"D[{names[s]}|{j}]", gate(code.at_least(R, j), x[s], code.base))
    b.define("Lc", L)
    b.define("Rc", R)
    for j in range(1, k):
        b.define(f"lt[{j}]", code.at_least(L, j))
    b.define("nonempty", code.nonempty(R))

    # the configuration layer, from the decision layer
    def level(s: int, j: int) -> Lin:
        return X[s] if j == 0 else D[s, j] if j < k else Lin()

    def c(s: int, a: int) -> Lin:
        return level(s, a) - level(s, a + 1)

    def G(m: Move | None, target: int | None = None) -> Lin:
        return total(c(s, a) for s, a, t in pairs
                     if m in (None, t.move) and target in (None, t.next))

    def written(m: Move) -> Lin:  # c(w) of the symbol written by the pair moving m, if any
        return total(code.digit(t.write) * c(s, a) for s, a, t in pairs if t.move == m)

    top_L = code.top_digit(lt.values())
    rest = code.pop(Rc, code.top_digit([total(D[s, j] for s in working)   # R popped; an
                                        for j in range(1, k)], one=nonempty))  # empty R: 0
    for s in range(len(names)):
        b.define(f"x[{names[s]}]", G(None, s))
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
            b.define(f"{stack}[{m.name}]", safe_gate(updates[stack, m], G(m)))

    network = b.build()
    index = b.index
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
    return network, layout, 2
