"""The realtime schedule's step (``rnntm/compiler/realtime.py``), for every machine.

**Theorem.** Let M be any machine, and x the realtime encoding of a configuration of M in
state s scanning a, entered by the move m₀ (the thermometer T[s|m₀|j] = [j ≤ a], the
pieces of the last move holding L and R, the reading pieces [top ≥ j]). Then σ(W x + b)
is the encoding of the next configuration, or 0 in every machine neuron if M halts at
(s, a).

**Proof**, in three lemmas that hold whatever M is:

1. *thermometer*: on(p, b) = Σ_μ T[p|μ|b] − T[p|μ|b+1] (T[p|μ|k] = 0) is 1 exactly for
   (p, b) = (s, a), 0 for every other pair;
2. *selectors*: hence each sum over pairs the table uses is an indicator of the active
   transition (s, a) → (s', w, m): G(μ, σ) = [μ = m, σ = s'], G(μ) = [μ = m],
   W(μ, j) = [μ = m, w ≥ j], and the chosen digit c(w_μ) = [μ = m] c(w); all 0 at a halt;
3. *update*: with those values and the stack code's lemmas (``stack_code.py``: interval,
   read, pop, gate), every neuron's pre-activation in the table gives, through σ, its value
   in the next encoding: for every kind of neuron, every relation of its indices to the
   transition (its move and state the transition's or not, its threshold j against the
   symbols) and every stack it reads (empty, or a top on a rest; a popped stack's new top
   is read as σ(D ρ − c(j) + 1), which the read lemma decides for every rest).

Lemmas 1 and 2 are counting identities, checked over every case up to k ≤ 6 symbols and 5
pairs; the proof is of the construction as ``realtime.py``'s table states it, and
``rnntm certify`` ties a given network's weights to it.

The cases of lemma 3 are written for the left side; the right side's are their mirror
images (L ↔ R in the moves), proved by the same function with the sides swapped.
"""

from __future__ import annotations

from itertools import product

import sympy

from steps import D, c_0, c_j, c_t, c_w, q, rho, settles
from verdict import Proof, Verdict

__all__ = ["LEMMAS", "control", "selectors", "thermometer", "update"]

MOVES = ("L", "R", "N")


def thermometer(k_most: int = 6) -> Verdict:
    proof = Proof("realtime thermometer", "on(p, b) = Σ_μ (T[p|μ|b] − T[p|μ|b+1]) with "
                  "T[p|μ|j] = [(p, μ) active]·[j ≤ a] and T[p|μ|k] = 0 is [p = s]·[b = a]: "
                  "one pair on, every other off")
    for k in range(1, k_most + 1):
        for a, b in product(range(k), repeat=2):
            for active in (True, False):
                T = [int(active and j <= a) for j in range(k)] + [0]    # T[p|μ|k] = 0
                on = T[b] - T[b + 1]
                proof.case(f"k = {k}, a = {a}, b = {b}, group {'on' if active else 'off'}: "
                           f"on = {on}", on == int(active and a == b))
    return proof.verdict()


def selectors(universe: int = 5) -> Verdict:
    proof = Proof("realtime selectors", "with exactly one pair p* on, a sum of on(p) over a set "
                  "S of pairs is [p* ∈ S]; so G(μ, σ) = [μ = m, σ = s′] (S: the pairs moving "
                  "μ into σ), G(μ) = [μ = m], W(μ, j) = [μ = m, w ≥ j], c(w_μ) = [μ = m]·c(w) "
                  "for the active transition (s′, w, m); every one 0 when M halts (no pair "
                  "with a transition is on)")
    for size in range(1, universe + 1):
        for members in product((False, True), repeat=size):
            for active in (*range(size), None):            # None: a halt, nothing on
                on = [int(p == active) for p in range(size)]
                total = sum(o for o, member in zip(on, members, strict=True) if member)
                proof.case(f"{size} pairs, S = {''.join('01'[m] for m in members)}, active "
                           f"{active}: Σ = {total}",
                           total == int(active is not None and members[active]))
    return proof.verdict()


def control() -> Verdict:
    proof = Proof("realtime control", "T[σ|μ|0] = σ(G(μ,σ)) and, for j ≥ 1, T[σ|N|j] = "
                  "σ(Σ on(p) over the pairs staying into σ writing w ≥ j), T[σ|R|j] = "
                  "σ(rt_j + G(R,σ) − 1), T[σ|L|j] = σ(lt_j + G(L,σ) − 1) are [(σ, μ) = "
                  "(s′, m)]·[j ≤ a′], a′ the next scanned symbol: w after N, the top of R "
                  "after R, of L after L (read: rt_j = [top R ≥ j], 0 on the empty stack)")
    for m, mu, same_state in product((*MOVES, "halt"), MOVES, (True, False)):
        entered = int(m == mu and same_state)
        where = f"move {m}, group ({'s′' if same_state else 'other'}, {mu})"
        settles(proof, f"{where}: T[σ|{mu}|0]", sympy.Integer(entered), entered)
        for top_high in (True, False):                   # [a′ ≥ j]: w ≥ j, or top ≥ j
            reading = int(top_high)
            pre = sympy.Integer(entered * reading) if mu == "N" else \
                sympy.Integer(reading + entered - 1)
            settles(proof, f"{where}, a′ {'≥' if top_high else '<'} j: T[σ|{mu}|j]", pre,
                   entered * reading)
    return proof.verdict()


def update(side: str = "L") -> Verdict:
    """The pieces and readings of one side: the move ``side`` pops it, the other pushes."""
    towards, away = side, "R" if side == "L" else "L"
    x, t = side, f"{side.lower()}t"
    proof = Proof(f"realtime update ({side} side)",
                  f"{x}[{away}] = σ(({x} + c(w_{away}))/D + G({away}) − 1) is the push of w "
                  f"after {away}; {x}[{towards}] = σ(D {x} − c(top {x}) + G({towards}) − 1) "
                  f"the pop after {towards}; {x}[N] = σ({x} + G(N) − 1) the stack after N; "
                  f"{t}[j|{away}N] = σ(2 W({away},j) + {t}_j + G(N) − 1) = [w ≥ j] after "
                  f"{away}, [top ≥ j] after N; {t}[j|{towards}] = σ(D (D {x} − c(top {x})) − "
                  f"c(j) + 1 + D (G({towards}) − 1)) the read of the new top after "
                  f"{towards}; each 0 after any other move or a halt, and an empty stack "
                  "stays empty")
    for m in (*MOVES, "halt"):
        G = {mu: int(mu == m) for mu in MOVES}
        for stack in ("ε", "t on ρ"):
            empty = stack == "ε"
            value, code = (sympy.Integer(0), None) if empty else (q, (c_t + rho) / D)
            top_digit = c_0 if empty else c_t
            where = f"move {m}, {x} = {stack}"
            digit_w = c_w if m == away else 0
            settles(proof, f"{where}: {x}[{away}] (push, interval)",
                   (value + digit_w) / D + G[away] - 1,
                   (value + c_w) / D if m == away else 0)
            settles(proof, f"{where}: {x}[{towards}] (pop)", D * value - top_digit +
                   G[towards] - 1, rho if m == towards and not empty else 0, code)
            settles(proof, f"{where}: {x}[N] (keep)", value + G["N"] - 1,
                   value if m == "N" else 0)
            for reading, written_high in product((0, 1) if not empty else (0,), (0, 1)):
                W = int(m == away and written_high)
                expected = W if m == away else reading if m == "N" else 0
                settles(proof, f"{where}, {t}_j = {reading}, [w ≥ j] = {written_high}: "
                       f"{t}[j|{away}N]", sympy.Integer(2 * W + reading + G["N"] - 1),
                       expected)
            read = D * (D * value - top_digit) - c_j + 1 + D * (G[towards] - 1)
            new_top = D * rho - c_j + 1                     # read lemma, on the rest ρ
            settles(proof, f"{where}: {t}[j|{towards}] (read of the rest)", read,
                   new_top if m == towards and not empty else 0, code)
    return proof.verdict()


def update_right() -> Verdict:
    return update("R")


LEMMAS = (thermometer, selectors, control, update, update_right)
