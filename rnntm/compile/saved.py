"""Saving and loading compiled networks: the network, its layout and its machine, in JSON.

::

    {"format": "rnntm-compiled", "version": 1, "schedule": "realtime",
     "steps_per_tm_step": 1, "machine": {...}, "layout": {...}, "network": {...}}

Loading validates every part (the network as :func:`rnntm.network.from_dict` does, every
layout index against the network's size) and executes nothing from the file.

>>> from rnntm import load_machine
>>> from rnntm.compile import compile
>>> c = compile(load_machine("bb4"))
>>> loads(dumps(c)) == c
True
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import Location, ParseError
from ..formats import machine_json
from ..jsonio import check_header
from ..jsonio import loads as load_json
from ..machine import Move
from ..network import from_dict as network_from_dict
from ..network import to_dict as network_to_dict
from . import SCHEDULES, Compiled
from .realtime import RealtimeLayout

__all__ = ["dumps", "loads", "read", "write", "FORMAT", "VERSION"]

FORMAT = "rnntm-compiled"
VERSION = 1


def _layout_to_dict(layout: RealtimeLayout) -> dict:
    return {"base": layout.base, "n_symbols": layout.n_symbols,
            "left": list(layout.left), "right": list(layout.right),
            "left_top": [list(p) for p in layout.left_top],
            "right_top": [list(p) for p in layout.right_top],
            "control": [[s, m.name, j, i] for s, m, j, i in layout.control]}


def _layout_from_dict(doc: object, size: int, n_states: int, source: str) -> RealtimeLayout:
    def fail(message: str, path: str = "layout"):
        return ParseError(message, Location(source, path=path))

    def index(value: object, path: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
            raise fail(f"expected a neuron index below {size}, found {value!r}", path)
        return value

    def number(value: object, path: str, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value < high:
            raise fail(f"expected a whole number from {low} to {high - 1}, found {value!r}",
                       path)
        return value

    if not isinstance(doc, dict):
        raise fail("expected an object")
    try:
        k = number(doc["n_symbols"], "layout.n_symbols", 1, 1 << 16)
        base = number(doc["base"], "layout.base", 2 * k, 1 << 20)
        lists = {key: doc[key] for key in ("left", "right", "left_top", "right_top",
                                           "control")}
    except KeyError as error:
        raise fail(f"missing key {error}") from None
    for key, value in lists.items():
        if not isinstance(value, list):
            raise fail("expected a list", f"layout.{key}")
    tops = {}
    for key in ("left_top", "right_top"):
        tops[key] = []
        for n, pair in enumerate(lists[key]):
            path = f"layout.{key}[{n}]"
            if not (isinstance(pair, list) and len(pair) == 2):
                raise fail("expected [j, neuron]", path)
            tops[key].append((number(pair[0], path, 1, k), index(pair[1], path)))
    control = []
    for n, entry in enumerate(lists["control"]):
        path = f"layout.control[{n}]"
        if not (isinstance(entry, list) and len(entry) == 4 and entry[1] in Move.__members__):
            raise fail("expected [state, move (L, R or N), j, neuron]", path)
        control.append((number(entry[0], path, 0, n_states), Move[entry[1]],
                        number(entry[2], path, 0, k), index(entry[3], path)))
    return RealtimeLayout(
        base=base, n_symbols=k,
        left=tuple(index(i, "layout.left") for i in lists["left"]),
        right=tuple(index(i, "layout.right") for i in lists["right"]),
        left_top=tuple(tops["left_top"]), right_top=tuple(tops["right_top"]),
        control=tuple(control))


def dumps(compiled: Compiled) -> str:
    """The compiled network as a JSON document."""
    return json.dumps({
        "format": FORMAT, "version": VERSION, "schedule": compiled.schedule,
        "steps_per_tm_step": compiled.steps_per_tm_step,
        "machine": machine_json.to_dict(compiled.machine),
        "layout": _layout_to_dict(compiled.layout),
        "network": network_to_dict(compiled.network)}, indent=1) + "\n"


def loads(text: str, source: str = "<json>") -> Compiled:
    """A compiled network from JSON text.

    Raises
    ------
    ParseError, MachineError
        For any part that is malformed, naming its JSON path.
    """
    doc = check_header(load_json(text, source), FORMAT, VERSION, source)
    schedule = doc.get("schedule")
    if schedule not in SCHEDULES:
        raise ParseError(f"unknown schedule {schedule!r}", Location(source, path="schedule"))
    machine = machine_json.from_dict(doc.get("machine"), f"{source} (machine)")
    network = network_from_dict(doc.get("network"), f"{source} (network)")
    layout = _layout_from_dict(doc.get("layout"), network.size,
                               machine.n_states + len(machine.halt_states), source)
    if layout.n_symbols != machine.n_symbols:
        raise ParseError(f"the layout codes {layout.n_symbols} symbols, the machine has "
                         f"{machine.n_symbols}", Location(source, path="layout.n_symbols"))
    return Compiled(machine, schedule, network, layout, SCHEDULES[schedule][1])


def write(compiled: Compiled, path: str | Path) -> None:
    Path(path).write_text(dumps(compiled), encoding="utf-8")


def read(path: str | Path) -> Compiled:
    return loads(Path(path).read_text(encoding="utf-8"), str(path))
