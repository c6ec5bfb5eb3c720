"""The ``realtime`` schedule: one network step per machine step.

The tape is held in three parts: the stack L of cells left of the head (nearest on top), the
scanned symbol, and the stack R of cells right of the head (nearest on top), L and R in the
rational code of :mod:`rnntm.core.stackcode`, ``d1`` per bit (base D = 4^b, digits c(s)).
Moving right pushes the written symbol on L and pops R into the scanned cell; moving left
does the mirror image; staying writes in place. So a push never needs a popped value, and σ
keeps every pop of an empty stack empty.

Neurons (all values 0/1 except stack pieces):

* control ``T[s|m|j]`` = [the last transition entered state s with move m, and the scanned
  symbol is ≥ j], for j = 0..k-1 and every move m that enters s. The active (state, symbol)
  pair is then affine: ``on(s,a) = Σ_m T[s|m|a] - T[s|m|a+1]``;
* stack pieces ``L[m]``, ``R[m]``: the stack's value if the last move was m, else 0, so
  ``L = Σ_m L[m]``;
* top readings ``lt[j|…]``, ``rt[j|…]``: pieces of [top of L ≥ j] and [top of R ≥ j].

With G(m,s) = Σ on(p) over pairs p whose transition moves m into s, G(m) = Σ_s G(m,s),
W(m,j) = Σ on(p) over pairs moving m and writing w ≥ j, c(w_m) = Σ c(w_p) on(p) over pairs
moving m, and c(top L) = c(0) + Σ_j (c(j) − c(j−1)) lt_j (likewise for R), every next value
is one σ of an affine map:

=========================  ====================================================
T[s|m|0]                   σ(G(m,s))
T[s|R|j], T[s|L|j]         σ(rt_j + G(R,s) − 1), σ(lt_j + G(L,s) − 1)
T[s|N|j]                   σ(Σ on(p) over pairs staying into s with w_p ≥ j)
L[R], L[L], L[N]           σ((L + c(w_R))/D + G(R) − 1), σ(D L − c(top L) + G(L) − 1),
                           σ(L + G(N) − 1)
R[L], R[R], R[N]           the mirror images
lt[j|RN], lt[j|L]          σ(2 W(R,j) + lt_j + G(N) − 1),
                           σ(D (D L − c(top L)) − c(j) + 1 + D(G(L) − 1))
rt[j|LN], rt[j|R]          the mirror images
=========================  ====================================================

Neuron count: ``k Σ_s |moves entering s|`` control neurons (the start state, if no
transition enters it, has its own N group), ``2 |moves used|`` stack pieces,
and ``(k-1)`` times the number of reading pieces (at most 4). BB(4) and BB(5): 24 each.
When the machine halts no transition is active and every gate closes: the network's state
at the halting step is the last that decodes.
"""

from __future__ import annotations

from ..core.affine import Lin, total
from ..core.stackcode import StackCode, gate
from ..machines.machine import Machine, Move
from .blocks import BlockBuilder
from .layouts import RealtimeLayout
from .ports import HaltView, MachinePart, StartPorts, start_ports, started, top_at_least

__all__ = ["build_realtime"]


def build_realtime(machine: Machine) -> MachinePart:
    """The realtime construction of ``machine``: one block, ``machine``, one network step
    per machine step.

    >>> from rnntm import load_machine
    >>> part = build_realtime(load_machine("bb4"))
    >>> [(block.name, block.size) for block in part.blocks], part.steps_per_tm_step
    ([('machine', 24)], 1)
    """
    k, code = machine.n_symbols, StackCode.bitwise(machine.n_symbols)
    names = machine.all_states
    pairs = machine.transitions()
    used = sorted({t.move for _, _, t in pairs}) or [Move.N]
    entering = {s: sorted({t.move for _, _, t in pairs if t.next == s})
                for s in range(len(names))}
    entering[0] = entering[0] or [Move.N]  # the start state needs a group to start in

    block = BlockBuilder("machine")
    T = {(s, m, j): block.declare(f"T[{names[s]}|{m.name}|{j}]")
         for s, moves in entering.items() for m in moves for j in range(k)}
    Lp = {m: block.declare(f"L[{m.name}]") for m in used}
    Rp = {m: block.declare(f"R[{m.name}]") for m in used}
    lt_pieces = {j: {} for j in range(1, k)}
    rt_pieces = {j: {} for j in range(1, k)}
    for j in range(1, k):
        if Move.R in used or Move.N in used:
            lt_pieces[j]["RN"] = block.declare(f"lt[{j}|RN]")
        if Move.L in used:
            lt_pieces[j]["L"] = block.declare(f"lt[{j}|L]")
        if Move.L in used or Move.N in used:
            rt_pieces[j]["LN"] = block.declare(f"rt[{j}|LN]")
        if Move.R in used:
            rt_pieces[j]["R"] = block.declare(f"rt[{j}|R]")
    index = {name: i for i, name in enumerate(block.names)}
    layout = RealtimeLayout(
        base=code.base, n_symbols=k,
        left=tuple(index[f"L[{m.name}]"] for m in used),
        right=tuple(index[f"R[{m.name}]"] for m in used),
        control=tuple((s, m, j, index[f"T[{names[s]}|{m.name}|{j}]"]) for s, m, j in T),
        left_top=tuple((j, index[f"lt[{j}|{key}]"]) for j in lt_pieces for key in lt_pieces[j]),
        right_top=tuple((j, index[f"rt[{j}|{key}]"]) for j in rt_pieces
                        for key in rt_pieces[j]))
    starts = {block.names[i]: term for i, term in _start_terms(layout, start_ports(k)).items()}

    def define(name: str, row: Lin) -> None:
        block.define(name, started(row, starts[name]) if name in starts else row)

    def on(s: int, a: int) -> Lin:  # [state s scanning a]
        return total(T[s, m, a] - (T[s, m, a + 1] if a + 1 < k else 0) for m in entering[s])

    def G(m: Move, s: int | None = None) -> Lin:
        return total(on(p, a) for p, a, t in pairs if t.move == m and s in (None, t.next))

    def W(m: Move, j: int) -> Lin:
        return total(on(p, a) for p, a, t in pairs if t.move == m and t.write >= j)

    def written(m: Move) -> Lin:  # the digit of the symbol written by the pair moving m
        return code.chosen_digit((t.write, on(p, a)) for p, a, t in pairs if t.move == m)

    L, R = total(Lp.values()), total(Rp.values())
    lt = {j: total(lt_pieces[j].values()) for j in range(1, k)}
    rt = {j: total(rt_pieces[j].values()) for j in range(1, k)}

    for (s, m, j), _ in T.items():
        name = f"T[{names[s]}|{m.name}|{j}]"
        if j == 0:
            define(name, G(m, s))                                    # σ(G(m,s))
        elif m == Move.R:
            define(name, gate(rt[j], G(m, s)))                       # scan R's top
        elif m == Move.L:
            define(name, gate(lt[j], G(m, s)))                       # scan L's top
        else:
            define(name, total(on(p, a) for p, a, t in pairs          # scan what was
                                 if t.move == m and t.next == s and t.write >= j))  # written
    # each stack: the move towards it pops it, the move away pushes w on it, N keeps it
    sides = (("L", Lp, L, lt_pieces, lt, Move.L, Move.R),
             ("R", Rp, R, rt_pieces, rt, Move.R, Move.L))
    for stack, pieces, value, tops, reading, towards, away in sides:
        popped = code.pop(value, code.top_digit(reading.values()))
        for m in pieces:
            if m == away:
                define(f"{stack}[{m.name}]", gate(code.push(value, written(m)), G(m)))
            elif m == towards:
                define(f"{stack}[{m.name}]", gate(popped, G(m)))
            else:
                define(f"{stack}[{m.name}]", gate(value, G(m)))          # keep
        top = f"{stack.lower()}t"
        for j, keys in tops.items():
            for key in keys:
                if key == towards.name:  # [second symbol >= j] of the popped stack
                    define(f"{top}[{j}|{key}]",
                             gate(code.at_least(popped, j), G(towards), code.base))
                else:                    # [written symbol >= j], or the top kept
                    define(f"{top}[{j}|{key}]", 2 * W(away, j) + reading[j] + G(Move.N) - 1)
    halt = _halt_view(layout, machine, lambda i: Lin.var(block.names[i]))
    block.offer(halt.reads)                  # the output stage reads where the halt shows
    return MachinePart((block.build(),), layout, halt, code, 1)


def _start_terms(layout: RealtimeLayout, ports: StartPorts) -> dict[int, Lin]:
    """The start configuration that :meth:`RealtimeLayout.encode_start` writes, as terms of
    the loader's ports: the start group's thermometer [word[0] ≥ j], R's first piece word[1:]
    and its reading pieces [word[1] ≥ j], each read off its port by the start neuron."""
    code = layout.symbol_code
    group, first_piece = layout.start_neurons
    rows = {i: top_at_least(code, ports.word, j) if j else ports.pulse for j, i in group.items()}
    rows[layout.right[0]] = ports.rest
    for j, i in first_piece.items():
        rows[i] = top_at_least(code, ports.rest, j)
    return rows


def _halt_view(layout: RealtimeLayout, machine: Machine, var) -> HaltView:
    """A halt shows at the halting step: the group of a state with no transition on the
    scanned symbol is active, on(s,a) = Σ_m T[s|m|a] - T[s|m|a+1]; ``var(i)`` is neuron i."""
    groups = layout.groups

    def scanning(s: int, a: int) -> Lin:
        return total(var(levels[a]) - (var(levels[a + 1]) if a + 1 in levels else 0)
                     for (t, _), levels in groups.items() if t == s)

    pairs = [(s, a) for s, a in machine.halting_pairs() if any(t == s for t, _ in groups)]
    at_halt: dict[int, Lin] = {}
    for s, a in pairs:
        at_halt[s] = at_halt.get(s, Lin()) + scanning(s, a)
    scanned = [total(scanning(s, a) for s, a in pairs if a >= j)
               for j in range(1, layout.n_symbols)]
    code = layout.symbol_code
    right = code.push(total(map(var, layout.right)),
                      code.top_digit(scanned, one=total(at_halt.values())))
    return HaltView(at_halt, total(map(var, layout.left)), right)
