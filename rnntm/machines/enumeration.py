"""Families of machines for campaigns: every machine of n states and k symbols in tree
normal form, as the busy-beaver community enumerates them, and random machines.

**Tree normal form.** Start from the machine with no transitions; run it on the blank tape.
When it reaches an undefined transition (s, a), it halts there: it is one machine of the
family. Unless that is its last undefined transition (which must then be the halt), each way
to define (s, a) gives a child, and the tree goes on: write w, move m, go to s′, where w
ranges over the symbols written so far and the first new one, s′ over the states entered so
far and the first new one (so that machines equal up to renaming states or symbols appear
once), and the first transition moves right (a machine and its mirror image behave alike).
A machine that does not halt within the step budget is a leaf. Every machine is written with
its undefined transitions as halts (``---`` in the standard format).

The halting machines of 2 and 3 states (2 symbols) and of 2 states and 3 symbols reach the
published busy-beaver values: S(2) = 6, S(3) = 21, S(2, 3) = 38 steps (counting the halt).

>>> runs = [run(m, max_steps=100, convention=StepConvention.BUSY_BEAVER)
...         for m in tree_normal_form(2, 2, max_steps=100)]
>>> len(runs), max(r.steps for r in runs if r.status is Status.HALTED)
(61, 6)
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .direct import Status, StepConvention, run
from .machine import Machine, Move, Transition

__all__ = ["random_machines", "tree_normal_form"]


def _machine(n_states: int, n_symbols: int,
             table: dict[tuple[int, int], Transition]) -> Machine:
    states = tuple(chr(ord("A") + i) for i in range(n_states))
    rows = tuple(tuple(table.get((s, a)) for a in range(n_symbols)) for s in range(n_states))
    return Machine(states, (), tuple(map(str, range(n_symbols))), rows)


def tree_normal_form(n_states: int, n_symbols: int, *, max_steps: int) -> Iterator[Machine]:
    """Every machine of ``n_states`` states and ``n_symbols`` symbols in tree normal form
    (the module's definition), depth first, each run at most ``max_steps`` steps to find
    where it halts.

    Raises
    ------
    ValueError
        For fewer than one state or two symbols, or ``max_steps`` < 1.
    """
    if n_states < 1 or n_symbols < 2 or max_steps < 1:
        raise ValueError(f"tree normal form needs n ≥ 1 states, k ≥ 2 symbols and a budget "
                         f"≥ 1 step, not {n_states}x{n_symbols} with {max_steps}")
    cells = n_states * n_symbols
    pending: list[dict[tuple[int, int], Transition]] = [{}]
    while pending:
        table = pending.pop()
        machine = _machine(n_states, n_symbols, table)
        yield machine
        result = run(machine, max_steps=max_steps, convention=StepConvention.TRANSITIONS)
        if result.status is not Status.HALTED or len(table) == cells - 1:
            continue
        where = (result.state_index, result.final.scanned)
        states_used = 1 + max((t.next for t in table.values()), default=0)
        symbols_used = 1 + max((t.write for t in table.values()), default=0)
        moves = (Move.R,) if not table else (Move.L, Move.R)
        for s, w, m in _choices(min(states_used + 1, n_states),
                                min(symbols_used + 1, n_symbols), moves):
            pending.append({**table, where: Transition(w, m, s)})


def _choices(states: int, symbols: int, moves: tuple[Move, ...]):
    """(next state, write, move) in a fixed order, reversed so that depth first pops the
    first one first."""
    return reversed([(s, w, m) for s in range(states) for w in range(symbols) for m in moves])


def random_machines(n_states: int, n_symbols: int, count: int, seed: int) -> list[Machine]:
    """``count`` machines whose every transition is drawn uniformly among writing any
    symbol, moving L or R and going to any state, or halting (undefined), one chance in
    ``n_states · n_symbols · 2 + 1``; reproducible from ``seed``.

    >>> [m.n_states for m in random_machines(3, 2, 2, seed=0)]
    [3, 3]
    """
    draw = random.Random(seed)
    options = [None] + [Transition(w, m, s) for s in range(n_states)
                        for w in range(n_symbols) for m in (Move.L, Move.R)]
    return [_machine(n_states, n_symbols,
                     {(s, a): t for s in range(n_states) for a in range(n_symbols)
                      if (t := draw.choice(options)) is not None})
            for _ in range(count)]
