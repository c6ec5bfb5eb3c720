"""Interoperation with automata-lib's deterministic Turing machines (``automata.tm.dtm.DTM``).

automata-lib describes a DTM by the keyword arguments of its constructor; its transitions map
``{state: {symbol: (next_state, write, 'L'|'R'|'N')}}`` and its final states halt. This module
converts both ways without importing automata-lib: :func:`to_automata` gives the keyword
arguments (``DTM(**to_automata(m))``), and :func:`from_automata` takes a DTM or such a dict.
State and symbol names become strings; since automata-lib keeps them in sets, the imported
machine numbers them with the initial state and the blank first, then in sorted order.

>>> from rnntm.formats import standard
>>> m = standard.parse("1RB1LB_1LA1RZ")
>>> spec = to_automata(m)
>>> spec["transitions"]["A"]["0"], sorted(spec["final_states"])
(('B', '1', 'R'), ['Z'])
>>> from_automata(spec) == m
True
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import MachineError
from ..machine import Machine, Rule, build_machine

__all__ = ["to_automata", "from_automata"]

KEYS = ("states", "input_symbols", "tape_symbols", "transitions", "initial_state",
        "blank_symbol", "final_states")


def to_automata(machine: Machine) -> dict:
    """The keyword arguments of automata-lib's ``DTM`` for ``machine``."""
    transitions: dict[str, dict[str, tuple[str, str, str]]] = {}
    for r in machine.rules():
        transitions.setdefault(r.state, {})[r.read] = (r.next, r.write, r.move)
    return {
        "states": set(machine.states) | set(machine.halt_states),
        "input_symbols": set(machine.input_symbols),
        "tape_symbols": set(machine.symbols),
        "transitions": transitions,
        "initial_state": machine.states[0],
        "blank_symbol": machine.symbols[0],
        "final_states": set(machine.halt_states),
    }


def from_automata(dtm: object) -> Machine:
    """A machine from an automata-lib ``DTM`` or a dict of its constructor's arguments.

    Raises
    ------
    MachineError
        If a key is missing or the description is not a valid deterministic machine.
    """
    def get(key: str):
        if isinstance(dtm, Mapping):
            if key not in dtm:
                raise MachineError(f"automata-lib DTM description lacks {key!r}")
            return dtm[key]
        if not hasattr(dtm, key):
            raise MachineError(f"object of type {type(dtm).__name__} is not an automata-lib "
                               f"DTM: it has no attribute {key!r}")
        return getattr(dtm, key)

    initial, blank = str(get("initial_state")), str(get("blank_symbol"))
    finals = sorted(map(str, get("final_states")))
    rules = []
    for state, row in get("transitions").items():
        for read, result in row.items():
            if not (isinstance(result, (tuple, list)) and len(result) == 3):
                raise MachineError(f"transition ({state}, {read}) is {result!r}; expected "
                                   "(next_state, write, move)")
            nxt, write, move = map(str, result)
            rules.append(Rule(str(state), str(read), write, move, nxt))
    working = sorted(set(map(str, get("states"))) - set(finals) - {initial})
    symbols = sorted(set(map(str, get("tape_symbols"))) - {blank})
    return build_machine(rules, blank=blank, start=initial, halt_states=finals,
                         states=[initial, *working], symbols=[blank, *symbols],
                         input_symbols=sorted(map(str, get("input_symbols"))))
