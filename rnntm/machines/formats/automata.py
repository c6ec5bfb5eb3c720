"""Interoperation with automata-lib's deterministic Turing machines (``automata.tm.dtm.DTM``).

automata-lib describes a DTM by the keyword arguments of its constructor; its transitions map
``{state: {symbol: (next_state, write, 'L'|'R'|'N')}}`` and its final states halt. This module
converts both ways without importing automata-lib: :func:`to_automata` gives the keyword
arguments (``DTM(**to_automata(m))``), and :func:`from_automata` takes a DTM or such a dict.
State and symbol names become strings; since automata-lib keeps them in sets, the imported
machine numbers them with the initial state and the blank first, then in sorted order.

>>> from rnntm.machines.formats import standard
>>> m = standard.parse("1RB1LB_1LA1RZ")
>>> spec = to_automata(m)
>>> spec["transitions"]["A"]["0"], sorted(spec["final_states"])
(('B', '1', 'R'), ['Z'])
>>> from_automata(spec) == m
True
"""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import Location, MachineError
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


def from_automata(dtm: object, source: str = "<automata-lib DTM>") -> Machine:
    """A machine from an automata-lib ``DTM`` or a dict of its constructor's arguments.

    Names are strings or integers (both become strings); the collections are sets, lists
    or tuples of names, and ``transitions`` a mapping of mappings.

    Raises
    ------
    MachineError
        If a key is missing, a value has the wrong type, or the description is not a
        valid deterministic machine; the message names the key (``source: key``).
    """
    def fail(message: str, key: str) -> MachineError:
        return MachineError(message, Location(source, path=key))

    def get(key: str):
        if isinstance(dtm, Mapping):
            if key not in dtm:
                raise fail(f"automata-lib DTM description lacks {key!r}", "(top level)")
            return dtm[key]
        if not hasattr(dtm, key):
            raise fail(f"object of type {type(dtm).__name__} is not an automata-lib DTM: it "
                       f"has no attribute {key!r}", "(top level)")
        return getattr(dtm, key)

    def name(value: object, key: str) -> str:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise fail(f"expected a name (a string or an integer), found {value!r}", key)
        return str(value)

    def names(key: str) -> list[str]:
        value = get(key)
        if not isinstance(value, (set, frozenset, list, tuple)):
            raise fail(f"expected a set of names, found {type(value).__name__}", key)
        return sorted({name(v, key) for v in value})

    initial, blank = name(get("initial_state"), "initial_state"), \
        name(get("blank_symbol"), "blank_symbol")
    finals = names("final_states")
    transitions = get("transitions")
    if not isinstance(transitions, Mapping):
        raise fail("expected a mapping {state: {symbol: (next, write, move)}}", "transitions")
    rules = []
    for state, row in transitions.items():
        key = f"transitions[{state!r}]"
        if not isinstance(row, Mapping):
            raise fail("expected a mapping {symbol: (next, write, move)}", key)
        for read, result in row.items():
            where = Location(source, path=f"{key}[{read!r}]")
            if not (isinstance(result, (tuple, list)) and len(result) == 3):
                raise MachineError(f"expected (next_state, write, move), found {result!r}",
                                   where)
            nxt, write, move = (name(v, where.path) for v in result)
            rules.append(Rule(name(state, key), name(read, where.path), write, move, nxt,
                              where))
    working = sorted(set(names("states")) - set(finals) - {initial})
    symbols = sorted(set(names("tape_symbols")) - {blank})
    return build_machine(rules, blank=blank, start=initial, halt_states=finals,
                         states=[initial, *working], symbols=[blank, *symbols],
                         input_symbols=names("input_symbols"),
                         declared_at={"states": Location(source, path="states"),
                                      "symbols": Location(source, path="tape_symbols"),
                                      "halt_states": Location(source, path="final_states"),
                                      "input_symbols": Location(source, path="input_symbols"),
                                      "start": Location(source, path="initial_state"),
                                      "blank": Location(source, path="blank_symbol")},
                         source=Location(source, path="(top level)"))
