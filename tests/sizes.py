"""Neuron counts of every construction, written here from the constructions' descriptions
(their module docstrings and the README), so that tests compare the compiler with an
independent count rather than with itself."""

from __future__ import annotations

from itertools import product

from rnntm.machines.machine import Machine, Move


def _moves(m: Machine) -> set[Move]:
    """The moves the machine's transitions make (N if it has none: a stack piece is kept)."""
    return {t.move for row in m.table for t in row if t} or {Move.N}


def realtime_machine(m: Machine) -> int:
    """k Σ_s |moves entering s| control neurons (the start state has a group even if nothing
    enters it), 2 |moves| stack pieces, and k - 1 of each reading piece: lt[RN] if R or N
    is used, lt[L] if L is, rt[LN] if L or N is, rt[R] if R is."""
    k, moves = m.n_symbols, _moves(m)
    entering = [{t.move for row in m.table for t in row if t and t.next == s}
                for s in range(m.n_states + len(m.halt_states))]
    entering[0] = entering[0] or {Move.N}
    pieces = bool(moves & {Move.R, Move.N}) + (Move.L in moves) + \
        bool(moves & {Move.L, Move.N}) + (Move.R in moves)
    return k * sum(map(len, entering)) + 2 * len(moves) + (k - 1) * pieces


def two_phase_machine(m: Machine) -> int:
    """(n + h) + 2 |moves| in the configuration layer, (n + h) + n (k - 1) + 2 + (k - 1) + 1
    in the decision layer."""
    n, h, k = m.n_states, len(m.halt_states), m.n_symbols
    return (n + h) + 2 * len(_moves(m)) + (n + h) + n * (k - 1) + 2 + (k - 1) + 1


def symbol_bits(m: Machine) -> int:
    """b = max(1, bit_length(k - 1)) bits per symbol on the I/O lines."""
    return max(1, (m.n_symbols - 1).bit_length())


def siegelmann_sontag_machine(m: Machine) -> int:
    """3 |Q| + 2 |Q'| - |Q'_1| + 18, counting the two-stack machine's states as described: a
    decision state <s, a> for every working state and symbol, and for every state a transition
    enters, the decision states its moved-in symbol can spell (a stay spells the written
    one); transfer states (target, move, write, i, bits popped so far) for i = 1 .. b - 1;
    one stuck state if b bits can spell more than k symbols. Q' are the states with
    transitions: decision states of working states with a defined cell, and transfers;
    Q'_1 those whose transition does not depend on the bit popped, with one detector (the
    others two): stays, which pop none, and last transfers whose bit 0 already spells no
    symbol (both bits lead to the stuck state)."""
    n, k, b = m.n_states, m.n_symbols, symbol_bits(m)
    deciding = {(s, a) for s in range(n) for a in range(k)}
    transfers: set[tuple] = set()
    stuck = False
    for row in m.table:
        for t in row:
            if t is None:
                continue
            if t.move == Move.N:
                deciding.add((t.next, t.write))
                transfers |= {(t.next, t.move, t.write, i) for i in range(1, b)}
            else:
                deciding |= {(t.next, v) for v in range(min(k, 2 ** b))}
                transfers |= {(t.next, t.move, t.write, i, p) for i in range(1, b)
                              for p in product((0, 1), repeat=i)}
                stuck = stuck or 2 ** b > k
    with_rules = sum(1 for s in range(n) for a in range(k) if m.table[s][a]) + len(transfers)
    stays = sum(1 for row in m.table for t in row if t and t.move == Move.N) + \
        sum(1 for t in transfers if t[1] == Move.N)
    dead_ends = sum(1 for t in transfers if t[1] != Move.N and t[3] == b - 1
                    and int("".join(map(str, t[4])) + "0", 2) >= k)
    return 3 * (len(deciding) + len(transfers) + stuck) + 2 * with_rules - stays - \
        dead_ends + 18


def io_part(m: Machine, construction: str) -> int:
    """The loader, 4 neurons (the pushed stack, valid a step late, ready, pulse) plus the
    ports the start reads (two-phase: the word; realtime: the word, the rest and the first
    symbol's k - 1 readings the rest needs; Siegelmann-Sontag: the rest, the readings and
    their k - 1 copies), and the output stage, two emitters of 3, the halt line and s state
    lines, s = bit_length(final states - 1), the final states those of halting pairs."""
    k = m.n_symbols
    finals = {s for s in range(len(m.all_states)) for a in range(k)
              if s >= m.n_states or m.table[s][a] is None}
    s = max(len(finals) - 1, 0).bit_length()
    ports = {"two-phase": 1, "realtime": 2 + (k - 1),
             "siegelmann-sontag": 1 + 2 * (k - 1)}[construction]
    return 4 + ports + 7 + s


def compact_is_two_phase(m: Machine) -> bool:
    """The compact schedule's choice: two-phase where neither its machine part nor its
    whole network is larger than realtime's."""
    two, real = two_phase_machine(m), realtime_machine(m)
    return two <= real and two + io_part(m, "two-phase") <= real + io_part(m, "realtime")
