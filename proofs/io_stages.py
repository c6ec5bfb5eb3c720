"""The I/O part (``rnntm/compiler/loader.py``, ``rnntm/compiler/output.py``), for every
machine: the loader builds the code of the input word, the output stage emits the final
state and tape.

**Theorem (loader).** Fed the word's bits last first with valid = 1, then valid = 0, the
loader's stack is, after each bit, the binary stack of the bits so far (pushes of the
binary code, D = 4, c(b) = 2b + 1); at go = valid1 − valid = 1 it holds the word's code
over 4; then ``ready`` and ``pulse`` rise once, each, and the ports hold the word, its rest
and its first symbol's readings for that one step; every neuron is 0 afterwards.

**Theorem (output stage).** While the machine runs (its halt view V, h = 0 at every step,
V a code), the stage stays 0; the step after the halt shows (h = 1), each emitter holds its
stack V, its data line V's top bit and its valid line [V ≠ ε], the halt line 1 and the
state lines the final state's bits; afterwards (V = h = 0) each emitter pops one bit a step
onto its lines, an empty one stays empty, and the halt and state lines stay. (V = h = 0
after the halt holds once the machine part is 0; the Siegelmann–Sontag layers run three
more steps, and ``rnntm certify`` checks, per network, that they add nothing to the
stage's rows.)
"""

from __future__ import annotations

from itertools import product

import sympy

from steps import D, c_0, c_j, c_t, q, rho, settles
from verdict import Proof, Verdict

__all__ = ["LEMMAS", "loader", "output_stage"]

kappa, slack = sympy.symbols("kappa g", nonnegative=True)
K = 4 + kappa                                     # in.word's K ≥ 4, the bound of 4·stack


def loader() -> Verdict:
    proof = Proof("loader", "in.stack = σ((stack + 2 data + valid)/4 + valid1 − 1) pushes "
                  "each bit (c(b) = 2b + 1) while valid = valid1 = 1, is stack/4 at go, 0 "
                  "after; in.valid1 = σ(valid); in.ready = σ(valid1 − valid) is 1 at go "
                  "only; in.pulse = σ(ready); in.word = σ(4 stack + K (ready − 1)) holds "
                  "the word at ready, in.first[j] its first symbol's readings at go, "
                  "in.rest its rest at ready, each closed otherwise (gate); the input "
                  "lines carry data = 0 where valid = 0")
    phases = {"loading": (1, 1), "go": (0, 1), "after": (0, 0)}
    for (phase, (valid, valid1)), data in product(phases.items(), (0, 1)):
        if phase != "loading" and data:
            continue
        pre = (q + 2 * data + valid) / 4 + valid1 - 1
        expected = (q + 2 * data + 1) / 4 if phase == "loading" else \
            q / 4 if phase == "go" else 0
        settles(proof, f"{phase}, data {data}: in.stack", pre, expected)
        settles(proof, f"{phase}: in.valid1", sympy.Integer(valid), valid)
        settles(proof, f"{phase}: in.ready", sympy.Integer(valid1 - valid),
                int(phase == "go"))
    for ready in (0, 1):
        settles(proof, f"ready = {ready}: in.pulse", sympy.Integer(ready), ready)
    # in.word = σ(4 stack + K (ready − 1)), K ≥ 4 the bound of 4 stack (safe_gate): at
    # ready, stack = word/4 (it fell at go); at any other step it is closed
    settles(proof, "ready = 1: in.word", 4 * (q / 4), q)
    settles(proof, "ready = 0: in.word (gate, K = 4 + κ)", 4 * q - K, 0)
    # in.first[j] = σ(D stack − c(j) + 1 + K (go − 1)) with K ≥ D − c(j) + 1, its bound:
    # at go the stack is the word's code q (its bits' binary stack is its symbols' stack)
    settles(proof, "go: in.first[j] (read of the word)", D * q - c_j + 1, D * q - c_j + 1)
    settles(proof, "not go: in.first[j] (gate)", D * q - c_j + 1 - (D - c_j + 1 + kappa), 0)
    settles(proof, "in.first2[j] = σ(first[j])", sympy.Integer(1), 1)
    # in.rest = σ(D·4 stack − c(word[0]) + K (ready − 1)), c(word[0]) from in.first (pop
    # lemma), K ≥ 4D − c(0) its bound: the word's rest at ready, closed otherwise
    settles(proof, "ready, word = t on ρ: in.rest (pop)", D * (4 * ((c_t + rho) / D / 4)) - c_t,
            rho)
    settles(proof, "ready, word = ε: in.rest (empty)", D * 0 - c_0, 0)
    settles(proof, "not ready: in.rest (gate, c(word[0]) = c(0) + g)",
            4 * D * q - (c_0 + slack) - (4 * D - c_0 + kappa), 0)
    return proof.verdict()


def output_stage() -> Verdict:
    proof = Proof("output stage", "q = 4X − (1 + 2d) + V + h; X′ = σ(q), d′ = σ(4q − 2), "
                  "v′ = σ(4q): 0 while the machine runs (V ∈ [0, 1), X = d = h = 0), the "
                  "stack V with its top bit and non-emptiness the step after the halt "
                  "shows (h = 1), then a pop a step (V = h = 0, d the top bit of X); "
                  "out.halt = σ(halt + h) and out.state[i] = σ(line + bit_i h) latch")
    bit_stacks = {"ε": (sympy.Integer(0), 0, 0), "0 on ρ": ((1 + rho) / 4, 0, 1),
                  "1 on ρ": ((3 + rho) / 4, 1, 1)}
    for name, (code, top, nonempty) in bit_stacks.items():
        where = f"V = {name}"
        running = 4 * 0 - 1 + code + 0
        settles(proof, f"{where}, running: X′", running, 0)
        settles(proof, f"{where}, running: d′", 4 * running - 2, 0)
        settles(proof, f"{where}, running: v′", 4 * running, 0)
        shown = 4 * 0 - 1 + code + 1
        settles(proof, f"{where}, halt shows: X′ = V (interval)", shown, code)
        settles(proof, f"{where}, halt shows: d′ (read)", 4 * shown - 2, top)
        settles(proof, f"{where}, halt shows: v′ (read)", 4 * shown, nonempty)
        popped = 4 * code - (1 + 2 * top)
        settles(proof, f"X = {name}, after: X′ = pop (pop)", popped, rho if nonempty else 0)
    for below in ("ε", "0 on q", "1 on q"):             # the data lines after a pop
        rest = sympy.Integer(0) if below == "ε" else (1 + 2 * int(below[0]) + q) / 4
        settles(proof, f"rest {below}, after: d′ (read)", 4 * rest - 2,
                int(below[0] == "1") if below != "ε" else 0)
        settles(proof, f"rest {below}, after: v′ (read)", 4 * rest, int(below != "ε"))
    for halt, h in ((0, 0), (0, 1), (1, 0)):
        settles(proof, f"halt {halt}, h {h}: out.halt", sympy.Integer(halt + h), halt | h)
        for line, bit in product((0, 1), (0, 1)):
            if line and h:
                continue                                   # the lines are 0 until the halt
            settles(proof, f"line {line}, bit {bit}, h {h}: out.state[i]",
                    sympy.Integer(line + bit * h), line | (bit & h))
    return proof.verdict()


LEMMAS = (loader, output_stage)
