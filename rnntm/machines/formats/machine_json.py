"""Lossless, versioned JSON for machines.

::

    {"format": "rnntm-machine", "version": 1,
     "states": ["A", "B"], "halt_states": ["Z"], "symbols": ["0", "1"],
     "input_symbols": ["1"],
     "transitions": [["A", "0", "1", "R", "B"], ...]}

``states[0]`` starts and ``symbols[0]`` is the blank; each transition is ``[state, read,
write, move, next]``; a missing (state, read) pair is undefined.

>>> from rnntm.machines.formats import standard
>>> m = standard.parse("1RB1LB_1LA1RZ")
>>> parse(write(m)) == m
True
>>> parse('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0"], '
...       '"transitions": [["A", "0", "0", "X", "A"]]}', source="m.json")
Traceback (most recent call last):
...
rnntm.errors.MachineError: m.json: transitions[0]: move 'X' is not one of L, R, N
"""

from __future__ import annotations

import json

from ...core.jsonio import check_header, loads
from ...errors import Location, ParseError
from ..machine import Machine, Rule, build_machine

__all__ = ["parse", "write", "to_dict", "from_dict", "FORMAT", "VERSION"]

FORMAT = "rnntm-machine"
VERSION = 1


def to_dict(machine: Machine) -> dict:
    """The machine as JSON-ready values."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "states": list(machine.states),
        "halt_states": list(machine.halt_states),
        "symbols": list(machine.symbols),
        "input_symbols": list(machine.input_symbols),
        "transitions": [[r.state, r.read, r.write, r.move, r.next] for r in machine.rules()],
    }


def write(machine: Machine) -> str:
    """The machine as a JSON document, one transition per line."""
    doc = to_dict(machine)
    transitions = doc.pop("transitions")
    head = json.dumps(doc)[:-1]
    body = ",\n  ".join(json.dumps(t) for t in transitions)
    return f'{head},\n "transitions": [\n  {body}\n ]}}\n'


def _names(doc: dict, key: str, source: str, required: bool) -> list[str]:
    if key not in doc:
        if required:
            raise ParseError(f"missing key {key!r}", Location(source, path="(top level)"))
        return []
    value = doc[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ParseError("expected a list of names (strings)", Location(source, path=key))
    return value


def from_dict(doc: object, source: str = "<json>") -> Machine:
    """Build a machine from values such as :func:`to_dict` returns; errors name the path."""
    doc = check_header(doc, FORMAT, VERSION, source)
    states = _names(doc, "states", source, required=True)
    symbols = _names(doc, "symbols", source, required=True)
    if not states or not symbols:
        raise ParseError("needs at least one state and one symbol",
                         Location(source, path="states" if not states else "symbols"))
    rules = []
    transitions = doc.get("transitions", [])
    if not isinstance(transitions, list):
        raise ParseError("expected a list", Location(source, path="transitions"))
    for i, item in enumerate(transitions):
        where = Location(source, path=f"transitions[{i}]")
        if not (isinstance(item, list) and len(item) == 5
                and all(isinstance(v, str) for v in item)):
            raise ParseError("expected [state, read, write, move, next] as strings", where)
        rules.append(Rule(*item, where=where))
    return build_machine(
        rules,
        blank=symbols[0],
        start=states[0],
        halt_states=_names(doc, "halt_states", source, required=False),
        states=states,
        symbols=symbols,
        input_symbols=(_names(doc, "input_symbols", source, required=False)
                       if "input_symbols" in doc else None),
        declared_at={key: Location(source, path=key) for key in
                     ("states", "symbols", "halt_states", "input_symbols")}
        | {"start": Location(source, path="states[0]"),
           "blank": Location(source, path="symbols[0]")},
        source=Location(source, path="(top level)"),
    )


def parse(text: str, source: str = "<json>") -> Machine:
    """Parse a machine from JSON text.

    Raises
    ------
    ParseError
        For text that is not JSON (with line and column) or lacks a required key.
    MachineError
        For an invalid machine, naming the offending item's path.
    """
    return from_dict(loads(text, source), source)
