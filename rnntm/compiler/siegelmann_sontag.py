"""The ``siegelmann-sontag`` schedule: the layered construction of Siegelmann & Sontag (1995).

As in the paper, the machine is first a *two-stack machine over bits*, and each stack is a
rational in base 4: a stack of bits b1 b2 ... (top first) is Σ_i (2 b_i + 1) / 4^i, so
push b is q/4 + (2b + 1)/4, top(q) = σ(4q - 2), nonempty(q) = σ(4q) and
pop(q) = 4q - 2 top(q) - 1. Tape symbols are written in binary, ``b = bit_length(k - 1)``
bits each (at least 1), the most significant bit on top, the blank as 0...0. The scanned
symbol is kept in the finite control: a *decision* state <s, a> is the machine in state s
scanning a. A machine step moving R pushes the written symbol's bits on L while popping the
next symbol's bits off R, one bit per stack per stack-machine step, through *transfer*
states that remember the bits popped so far; a move L is the mirror image, and a stay takes
the same b steps so that every machine step costs alike.

One stack-machine step is the paper's layered step, four network steps, each layer a group
of neurons that holds the computation in turn (every row maps an all-zero layer to 0):

1. readings: ``Y[q] = σ(y[q])``; for each stack X: ``top_X = σ(4X - 2)``, ``X' = σ(X)``;
2. configuration detectors: the AND of Y[q] and the readings q's transition depends on,
   ``σ(Y[q] + Σ literals - #literals)``; and copies of the stacks and their tops. The paper
   detects every pattern of both stacks (empty, top 0, top 1: 3² per state), as a general
   two-stack machine needs; this one's transitions read one bit, popped from the stack the
   move goes towards (an empty stack pops 0, as the blank's bits are 0), so a state has two
   detectors, ``top = 0`` and ``top = 1``, or one (Y[q] alone) if both bits lead to the
   same rule (a stay pops nothing; both may spell no symbol);
3. transition: the next state ``z[q'] = σ(Σ detectors leading to q')`` and, for each stack,
   four action slots ``gate(update, [this action chosen])`` with the updates noop ``X``,
   push 0 ``X/4 + 1/4``, push 1 ``X/4 + 3/4`` and pop ``4X - 2 top - 1``, where
   ``gate(v, g) = σ(v + K (g - 1))`` and K is the largest value v can take, so that a slot
   not chosen is 0 whatever its update;
4. the next configuration: ``y[q] = σ(z[q])`` and ``X = σ(Σ action slots)``.

Neuron count: 3|Q| + 2|Q'| − |Q'_1| + 18 for |Q| stack-machine states of which |Q'| have
transitions, |Q'_1| of them one detector; 4 b network steps per machine step. (The paper also
folds one state into the others' absence; here every state has its neuron, so an all-zero
layer stays zero.)

References: H. T. Siegelmann and E. D. Sontag, "On the computational power of neural nets",
J. Comput. Syst. Sci. 50(1):132-150, 1995. The layered step here follows the description of
a public re-implementation (jonrbates/turing, ``docs/STACK.md``); the paper's own
construction section was not at hand to check the details against.
"""

from __future__ import annotations

from ..core.affine import Lin, total
from ..core.stackcode import BINARY, safe_gate
from ..machines.machine import Machine, Move
from .blocks import BlockBuilder
from .layouts import SiegelmannSontagLayout
from .ports import HaltView, MachinePart, StartPorts, start_ports, started

__all__ = ["build_siegelmann_sontag", "popped_stack", "spelled", "stack_machine", "state_label"]

NOOP, PUSH0, PUSH1, POP = "noop", "push0", "push1", "pop"


def spelled(symbol: int, bits: int) -> tuple[int, ...]:
    """The symbol's ``bits`` bits, most significant first.

    >>> spelled(2, 3)
    (0, 1, 0)
    """
    return tuple((symbol >> (bits - 1 - i)) & 1 for i in range(bits))


def stack_machine(machine: Machine, bits: int):
    """The two-stack machine over bits: its states and, for each state with transitions, a
    function of the popped bit giving (next state, action on L, action on R).

    States are ("decide", s, a), ("move", s', m, w, i, popped) (i counts the bits moved)
    and ("stuck",), reached only from bits that spell no symbol.
    """
    states: list[tuple] = []
    rules: dict[tuple, dict[int, tuple]] = {}

    def state(q: tuple) -> tuple:
        if q not in states:
            states.append(q)
        return q

    def transfer(target: int, move: Move, write: int, i: int, popped: tuple) -> dict:
        """Moving bit i of ``write`` to the stack away from the move while popping bit i of
        the next scanned symbol from the stack towards it (N: nothing moves, bits steps)."""
        push = PUSH1 if spelled(write, bits)[bits - 1 - i] else PUSH0  # least significant first
        result = {}
        for bit in (0, 1):
            got = popped + (bit,) if move != Move.N else popped
            if i + 1 == bits:
                scanned = int("".join(map(str, got)), 2) if move != Move.N else write
                # bits that spell no symbol lead to a state without transitions
                following = state(("decide", target, scanned)
                                  if scanned < machine.n_symbols else ("stuck",))
            else:
                following = state(("move", target, move, write, i + 1, got))
            left, right = (push, POP) if move == Move.R else (POP, push) if move == Move.L \
                else (NOOP, NOOP)
            result[bit] = (following, left, right)
        return result

    for s in range(machine.n_states):
        for a in range(machine.n_symbols):
            state(("decide", s, a))
    queue = 0
    while queue < len(states):
        q = states[queue]
        queue += 1
        if q[0] == "decide":
            _, s, a = q
            t = machine.transition(s, a)
            if t is not None:
                rules[q] = transfer(t.next, t.move, t.write, 0, ())
        elif q[0] == "move":
            _, target, move, write, i, popped = q
            rules[q] = transfer(target, move, write, i, popped)
    return states, rules


def state_label(machine: Machine, q: tuple) -> str:
    """The stack-machine state ``q`` as its neurons name it: ``<s,a>``, ``<stuck>``, or
    ``<target|move write|bits moved|bits popped>``."""
    names = machine.states + machine.halt_states
    if q[0] == "stuck":
        return "<stuck>"
    if q[0] == "decide":
        return f"<{names[q[1]]},{machine.symbols[q[2]]}>"
    _, target, move, write, i, popped = q
    return (f"<{names[target]}|{move.name}{machine.symbols[write]}|{i}|"
            f"{''.join(map(str, popped))}>")


def build_siegelmann_sontag(machine: Machine) -> MachinePart:
    """The layered construction of ``machine``: four blocks, the ``configuration`` and the
    three layers computed from it (``readings``, ``detectors``, ``transition``), 4 b network
    steps per machine step.

    >>> from rnntm import load_machine
    >>> part = build_siegelmann_sontag(load_machine("bb4"))
    >>> [(block.name, block.size) for block in part.blocks], part.steps_per_tm_step
    ([('configuration', 12), ('readings', 14), ('detectors', 20), ('transition', 18)], 4)
    """
    bits = machine.symbol_bits
    states, rules = stack_machine(machine, bits)

    def label(q: tuple) -> str:
        return state_label(machine, q)

    config, readings, detectors, transition = (
        BlockBuilder(name) for name in ("configuration", "readings", "detectors", "transition"))
    y = {q: config.declare(f"y{label(q)}") for q in states}
    X = {side: config.declare(side) for side in ("L", "R")}
    Y = {q: readings.declare(f"Y{label(q)}") for q in states}
    read = {(side, r): readings.declare(f"{r}_{side}") for side in ("L", "R")
            for r in ("top", "copy")}
    # a detector per bit q's transition can pop: (q, bit), the bit None for a stay
    detector = {(q, bit): f"D{label(q)}[{'any' if bit is None else bit}]" for q in rules
                for bit in ((None,) if rules[q][0] == rules[q][1] else (0, 1))}
    for name in detector.values():
        detectors.declare(name)
    carry = {(side, r): detectors.declare(f"{r}2_{side}") for side in ("L", "R")
             for r in ("top", "copy")}
    z = {q: transition.declare(f"z{label(q)}") for q in states}
    slots = {(side, op): transition.declare(f"{side}[{op}]") for side in ("L", "R")
             for op in (NOOP, PUSH0, PUSH1, POP)}
    neurons = config.names + readings.names + detectors.names + transition.names
    index = {name: i for i, name in enumerate(neurons)}
    moves = {(q, bit): machine.transition(q[1], q[2]).move
             for q, bit in detector if q[0] == "decide"}
    layout = SiegelmannSontagLayout(
        base=4, n_symbols=machine.n_symbols, left=(index["L"],), right=(index["R"],),
        bits=bits, states=tuple(index[f"y{label(q)}"] for q in states),
        decisions=tuple((q[1], q[2], index[f"y{label(q)}"]) for q in states
                        if q[0] == "decide"),
        decision_detectors=tuple((q[1], q[2], move, index[detector[q, bit]])
                                 for (q, bit), move in moves.items()))
    ports = start_ports(machine.n_symbols)
    starts = {neurons[i]: term for i, term in _start_terms(layout, ports).items()}

    # layer 1: readings
    for q in states:
        readings.define(f"Y{label(q)}", y[q])
    for side in ("L", "R"):
        readings.define(f"top_{side}", BINARY.at_least(X[side], 1))
        readings.define(f"copy_{side}", X[side])
    # layer 2: configuration detectors, the AND of the state and the bit it pops
    for (q, bit), name in detector.items():
        top = read[popped_stack(q, rules), "top"]
        literals = [Y[q]] + ([] if bit is None else [top if bit else 1 - top])
        detectors.define(name, total(literals) - (len(literals) - 1))
    for side in ("L", "R"):
        detectors.define(f"top2_{side}", read[side, "top"])
        detectors.define(f"copy2_{side}", read[side, "copy"])

    # layer 3: transition; the bit popped is the top of the stack the move goes towards.
    # Each detector fires one rule: the detectors are grouped by the rule's next state and
    # by each stack's operation, once.
    entering: dict[tuple, list[Lin]] = {}
    operating: dict[tuple[int, str], list[Lin]] = {}
    for (q, bit), name in detector.items():
        rule, neuron = rules[q][bit or 0], Lin.var(name)
        entering.setdefault(rule[0], []).append(neuron)
        for column in (1, 2):
            operating.setdefault((column, rule[column]), []).append(neuron)

    for q in states:
        transition.define(f"z{label(q)}", total(entering.get(q, ())))
    updates = {NOOP: lambda v, t: v, PUSH0: lambda v, t: BINARY.push(v, BINARY.digit(0)),
               PUSH1: lambda v, t: BINARY.push(v, BINARY.digit(1)),
               POP: lambda v, t: BINARY.pop(v, BINARY.top_digit([t]))}
    for (side, op), _ in slots.items():
        column = 1 if side == "L" else 2
        update = updates[op](carry[side, "copy"], carry[side, "top"])
        transition.define(f"{side}[{op}]",
                          safe_gate(update, total(operating.get((column, op), ()))))

    # layer 4: the next configuration, started by the loader
    def define(name: str, row: Lin) -> None:
        config.define(name, started(row, starts[name]) if name in starts else row)

    for q in states:
        define(f"y{label(q)}", z[q])
    for side in ("L", "R"):
        define(side, total(slots[side, op] for op in (NOOP, PUSH0, PUSH1, POP)))
    halt = _halt_view(layout, machine, lambda i: Lin.var(neurons[i]))
    layers = (config, readings, detectors, transition)
    for layer in layers:                     # each layer is read by the next
        layer.offer(layer.names)
    blocks = tuple(layer.build() for layer in layers)
    return MachinePart(blocks, layout, halt, layout.symbol_code, 4 * bits)


def _start_terms(layout: SiegelmannSontagLayout, ports: StartPorts) -> dict[int, Lin]:
    """The decision state <start, word[0]> and R holding word[1:]."""
    levels = (ports.pulse, *ports.first[:layout.n_symbols - 1], Lin())
    rows = {i: levels[a] - levels[a + 1] for s, a, i in layout.decisions if s == 0}
    rows[layout.right[0]] = ports.rest
    return rows


def _halt_view(layout: SiegelmannSontagLayout, machine: Machine, var) -> HaltView:
    """A halt shows at a machine step: a decision state <s, a> without a transition."""
    stops = set(machine.halting_pairs())
    pairs = [(s, a, var(i)) for s, a, i in layout.decisions if (s, a) in stops]
    at_halt: dict[int, Lin] = {}
    for s, _, y in pairs:
        at_halt[s] = at_halt.get(s, Lin()) + y
    scanned = [total(y for _, a, y in pairs if a >= j) for j in range(1, layout.n_symbols)]
    code = layout.symbol_code
    right = code.push(var(layout.right[0]), code.top_digit(scanned, one=total(at_halt.values())))
    return HaltView(at_halt, var(layout.left[0]), right)


def popped_stack(q: tuple, rules: dict) -> str:
    """The stack that state q pops: R for a move right, L for a move left (R for N)."""
    move = q[2] if q[0] == "move" else None
    if move is None:
        nxt, left, _ = rules[q][0]
        return "L" if left == POP else "R"
    return "L" if move == Move.L else "R"
