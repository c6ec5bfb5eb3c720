"""The two-phase and Siegelmann–Sontag schedules' steps (``rnntm/compiler/twophase.py``,
``rnntm/compiler/siegelmann_sontag.py``), for every machine.

**Theorem (two-phase).** From the configuration layer of any machine's configuration (x[s]
= [state s], the stack pieces of the last move), the decision layer holds X[s] = [state s],
D[s|j] = [state s, scanned ≥ j], the copies of L and R, [top L ≥ j] and [R ≠ ε]; from it,
the configuration layer holds the next configuration (the scanned cell is R's top), or 0
after a halt. The thermometer and selector lemmas of ``realtime_step.py`` hold for on(s, a) =
D[s|a] − D[s|a+1] (D[s|0] = X[s]) as written; the gate lemma (``stack_code.py``) closes a
slot whose selector is 0 whatever it holds, so each slot is proved where it opens.

**Theorem (Siegelmann–Sontag).** One stack-machine step over bits is the four layers:
readings, detectors (the AND of the state and the bit it pops), transition (the next state
and one action slot per stack), configuration; and the stack machine's b steps from a
decision state <s, a> realize the machine's transition, for every symbol written, move and
next symbol, for every b ≤ 3 (machines of up to 8 symbols), from every scanned symbol a
of machines whose rows write every symbol (a transfer state names the transition it
carries out, so it does not depend on the rest of the machine).
"""

from __future__ import annotations

from itertools import product

import sympy

from rnntm.compiler.siegelmann_sontag import (
    POP,
    PUSH0,
    PUSH1,
    popped_stack,
    spelled,
    stack_machine,
)
from rnntm.core.stackcode import BINARY
from rnntm.machines.machine import Machine, Move, Transition

from steps import D, c_0, c_j, c_t, c_w, q, rho, settles
from verdict import Proof, Verdict

__all__ = ["LEMMAS", "siegelmann_sontag_layers", "stack_machine_realizes",
           "two_phase_decision", "two_phase_configuration"]

c_l, rho_l = sympy.symbols("c_l rho_l", real=True)       # the top of L and its rest


def two_phase_decision() -> Verdict:
    proof = Proof("two-phase decision layer",
                  "X[s] = σ(x[s]); D[s|j] = σ(D R − c(j) + 1 + D (x[s] − 1)) = [state s, "
                  "scanned ≥ j] (read; 0 for another state, and the blank on ε); Lc, Rc = "
                  "σ(L), σ(R) the codes; lt[j] = σ(D L − c(j) + 1) = [top L ≥ j]; nonempty = "
                  "σ(D R) = [R ≠ ε]")
    for active in (0, 1):
        settles(proof, f"x[s] = {active}: X[s]", sympy.Integer(active), active)
        for stack in ("ε", "t on ρ"):
            value = sympy.Integer(0) if stack == "ε" else q
            read = D * value - c_j + 1                   # [scanned ≥ j] by the read lemma
            expected = read if active and stack != "ε" else 0
            settles(proof, f"x[s] = {active}, R = {stack}: D[s|j] (read)",
                    read + D * (active - 1), expected)
    for stack in ("ε", "t on ρ"):
        value = sympy.Integer(0) if stack == "ε" else q
        settles(proof, f"L or R = {stack}: the copy (interval)", value, value)
    settles(proof, "L = ε: lt[j] (the blank)", -c_j + 1, 0)
    settles(proof, "L = t on ρ: lt[j] (read)", D * q - c_j + 1, D * q - c_j + 1)
    settles(proof, "R = ε: nonempty", sympy.Integer(0), 0)
    settles(proof, "R = t on ρ: nonempty", D * ((c_t + rho) / D), 1)
    return proof.verdict()


def two_phase_configuration() -> Verdict:
    proof = Proof("two-phase configuration layer",
                  "with the selectors of the active transition (s′, w, m): L[R] = (Lc + "
                  "c(w))/D pushes w; L[L] = D Lc − c(top L) pops (σ of −c(0) keeps ε "
                  "empty); L[N] = Lc; R[R] = rest = D Rc − c(top R), R without its scanned "
                  "top (0 on ε: c(top R) = c(0)·nonempty + Σ …); R[L] = ((rest + c(w))/D + "
                  "c(top L))/D: w, then L's top (the blank from ε) scanned; R[N] = (rest + "
                  "c(w))/D: w replaces the scanned top; each where its selector is 1, each "
                  "value a code in [0, 1) (interval), 0 where it is 0 (gate)")
    left = {"ε": (sympy.Integer(0), c_0, sympy.Integer(0)),
            "l on ρ_l": ((c_l + rho_l) / D, c_l, rho_l)}
    right = {"ε": (sympy.Integer(0), sympy.Integer(0), sympy.Integer(0)),
             "a on ρ": ((c_t + rho) / D, c_t, rho)}
    for (ln, (L, top_l, rest_l)), (rn, (R, top_r, rest_r)) in product(left.items(),
                                                                     right.items()):
        where = f"L = {ln}, R = {rn}"
        rest = D * R - top_r                     # the pop of R, from its readings
        settles(proof, f"{where}: R popped, the rest", rest, rest_r)
        settles(proof, f"{where}, move R: L[R] = push(L, w)", (L + c_w) / D, (L + c_w) / D)
        pop = D * L - top_l
        settles(proof, f"{where}, move L: L[L] = pop(L)", pop, rest_l if ln != "ε" else 0)
        settles(proof, f"{where}, move L: R[L] = push(push(rest, w), top L)",
                ((rest + c_w) / D + top_l) / D, ((rest_r + c_w) / D + top_l) / D)
        settles(proof, f"{where}, move N: R[N] = push(rest, w)", (rest + c_w) / D,
                (rest_r + c_w) / D)
    return proof.verdict()


def siegelmann_sontag_layers() -> Verdict:
    proof = Proof("Siegelmann–Sontag layers",
                  "readings: top_X = σ(4X − 2) = [top bit 1] (read, D = 4, c = 1, 3), "
                  "copies σ(X) = X; detectors: σ(Y + Σ literals − #literals) is their AND "
                  "(literals top or 1 − top, at most one); transition: z[q′] = σ(Σ "
                  "detectors into q′) with one detector on; the slot of the chosen action "
                  "holds noop X, push b (X + 2b + 1)/4 or pop 4X − 2 top − 1, the others "
                  "0 (gate); configuration: y = σ(z), X = σ(Σ slots), the chosen one")
    for literals in range(2):
        for bits in product((0, 1), repeat=literals + 1):
            pre = sum(bits) - literals
            settles(proof, f"AND of {bits}", sympy.Integer(pre), int(all(bits)))
    for detectors_on in (0, 1):
        settles(proof, f"{detectors_on} detector into q′: z[q′]", sympy.Integer(detectors_on),
                detectors_on)
    for stack in ("ε", "0 on ρ", "1 on ρ"):
        value = sympy.Integer(0) if stack == "ε" else \
            (BINARY.digit(int(stack[0])) + rho) / 4
        top = int(stack[0] == "1")
        settles(proof, f"X = {stack}: top_X", 4 * value - 2, top)
        settles(proof, f"X = {stack}: copy", value, value)
        for bit in (0, 1):
            settles(proof, f"X = {stack}: push {bit}", (value + 2 * bit + 1) / 4,
                    (value + BINARY.digit(bit)) / 4)
        settles(proof, f"X = {stack}: pop", 4 * value - 2 * top - 1,
                rho if stack != "ε" else 0)
    for z in (0, 1):
        settles(proof, f"z = {z}: y = σ(z)", sympy.Integer(z), z)
    for chosen in ("noop", "push 0", "push 1", "pop"):   # one slot open, three closed at 0
        slot = {"noop": q, "push 0": (q + 1) / 4, "push 1": (q + 3) / 4, "pop": rho}[chosen]
        settles(proof, f"{chosen} chosen: X = σ(Σ slots) (interval)", slot + 0 + 0 + 0, slot)
    return proof.verdict()


def stack_machine_realizes(most_bits: int = 3) -> Verdict:
    proof = Proof("Siegelmann–Sontag transfer", "from a decision state <s, a> with the "
                  "transition (s′, w, m) and any next symbol v (or ε) on the stack m goes "
                  "towards (R for N), b stack-machine steps reach <s′, v> (<s′, w> for N, "
                  "the stacks unchanged) with w's bits pushed on the other stack, most "
                  "significant on top, and v's popped")
    for bits in range(1, most_bits + 1):
        k = 1 << bits
        for shift, move in product(range(k), Move):   # every (a, w) over the shifts
            row = tuple(Transition((a + shift) % k, move, 1) for a in range(k))
            machine = Machine(("A",), ("Z",), tuple(map(str, range(k))), (row,))
            _, rules = stack_machine(machine, bits)
            for a, v in product(range(k), (None, *range(k))):
                w = (a + shift) % k
                below = list(spelled(v, bits)) if v is not None else []
                stacks = {"L": [], "R": []}
                stacks["L" if move is Move.L else "R"] = list(below)
                state = ("decide", 0, a)
                for _ in range(bits):                    # the stack machine's own steps
                    side = popped_stack(state, rules)
                    bit = stacks[side][0] if stacks[side] else 0      # the real top
                    state, *actions = rules[state][bit]
                    for name, action in zip("LR", actions, strict=True):
                        if action == POP and stacks[name]:
                            stacks[name].pop(0)
                        elif action in (PUSH0, PUSH1):
                            stacks[name].insert(0, int(action == PUSH1))
                scanned = w if move is Move.N else (v or 0)
                pushed = [] if move is Move.N else list(spelled(w, bits))
                want = {"L": pushed, "R": []} if move is Move.R else \
                    {"L": [], "R": pushed} if move is Move.L else {"L": [], "R": below}
                proof.case(f"b = {bits}, a = {a}, w = {w}, move {move.name}, next "
                           f"{'ε' if v is None else v}",
                           state == ("decide", 1, scanned) and stacks == want)
    return proof.verdict()


LEMMAS = (two_phase_decision, two_phase_configuration, siegelmann_sontag_layers,
          stack_machine_realizes)
