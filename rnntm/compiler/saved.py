"""Saving and loading compiled networks: the network, its layout and its machine, in JSON.

::

    {"format": "rnntm-compiled", "version": 2, "schedule": "realtime",
     "steps_per_tm_step": 1, "machine": {...}, "layout": {...},
     "io": {"machine_size": 24, "halt": 37, "right": 32, "right_valid": 33, "left": 35,
            "left_valid": 36, "state": []}, "network": {...}}

Loading validates every part (the network as :func:`rnntm.core.network.from_dict` does, every
layout index against the network's size), checks that the layout, the I/O layout and the
steps per machine step are the ones the schedule builds for the machine, and executes
nothing from the file.

>>> from rnntm import load_machine
>>> from rnntm.compiler import compile
>>> c = compile(load_machine("bb4"))
>>> loads(dumps(c)) == c
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from ..core.jsonio import check_header
from ..core.jsonio import loads as load_json
from ..core.network import from_dict as network_from_dict
from ..core.network import to_dict as network_to_dict
from ..core.sources import STDIN, read_text, source_name
from ..errors import Location, ParseError, RnntmError
from ..machines import formats
from ..machines.catalogue import load_machine
from ..machines.formats import machine_json
from ..machines.machine import Machine, Move
from .compiled import SCHEDULES, Compiled, compile
from .layouts import RealtimeLayout, SiegelmannSontagLayout, TwoPhaseLayout
from .lines import LINES, IOLayout, io_layout

__all__ = ["FORMAT", "VERSION", "document_sha256", "dumps", "load_compiled", "loads",
           "loads_pinned", "read", "read_for", "write"]

FORMAT = "rnntm-compiled"
VERSION = 2


LAYOUTS = {cls.kind: cls for cls in (RealtimeLayout, TwoPhaseLayout, SiegelmannSontagLayout)}

#: The saved fields of the I/O layout: where the machine part ends and the output lines'
#: neurons (the state lines a list); the bits per symbol and the final states follow the
#: machine.
IO_FIELDS = ("machine_size", *LINES, "state")


#: Each layout field's JSON form: a whole number, a neuron index, a list of neuron indices,
#: or a list of tuples whose items are states (s), symbols or levels (j), moves (m) or
#: neurons (i).
FIELDS = {"base": "number", "n_symbols": "number", "scanned_on_right": "flag",
          "left": "neurons", "right": "neurons", "states": "neurons",
          "halting_detectors": "neurons", "left_copy": "neuron", "right_copy": "neuron",
          "left_top": "ji", "right_top": "ji", "control": "smji", "detectors": "sji",
          "pair_moves": "sjm", "bits": "number", "decisions": "sji",
          "decision_detectors": "sjmi"}


def _layout_to_dict(layout) -> dict:
    doc: dict[str, object] = {"kind": layout.kind}
    for name, form in FIELDS.items():
        if hasattr(layout, name):
            value = getattr(layout, name)
            doc[name] = [[v.name if isinstance(v, Move) else v for v in item]
                         for item in value] if form not in ("number", "flag", "neurons",
                                                            "neuron") \
                else list(value) if form == "neurons" else value
    return doc


def _layout_from_dict(doc: object, size: int, n_states: int, source: str):
    def fail(message: str, path: str = "layout"):
        return ParseError(message, Location(source, path=path))

    def number(value: object, path: str, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value < high:
            raise fail(f"expected a whole number from {low} to {high - 1}, found {value!r}",
                       path)
        return value

    if not isinstance(doc, dict) or not isinstance(doc.get("kind"), str) \
            or doc["kind"] not in LAYOUTS:
        raise fail(f"expected an object whose kind is one of {', '.join(LAYOUTS)}")
    cls = LAYOUTS[doc["kind"]]
    known = {f for f in FIELDS if f in cls.__dataclass_fields__}
    if set(doc) - known - {"kind"} or known - set(doc):
        raise fail(f"a {doc['kind']} layout has exactly the fields {', '.join(sorted(known))}")
    k = number(doc["n_symbols"], "layout.n_symbols", 1, 1 << 16)
    items = {"s": (0, n_states), "j": (0, k), "i": (0, size)}

    def entry(kind: str, value: object, where: str):
        if kind != "m":
            return number(value, where, *items[kind])
        if not isinstance(value, str) or value not in Move.__members__:
            raise fail(f"expected a move L, R or N, found {value!r}", where)
        return Move[value]

    values: dict[str, object] = {}
    for name in known:
        form, value, path = FIELDS[name], doc[name], f"layout.{name}"
        if form == "number":
            values[name] = number(value, path, 1, 1 << 20)
        elif form == "neuron":
            values[name] = number(value, path, 0, size)
        elif form == "flag":
            if not isinstance(value, bool):
                raise fail("expected true or false", path)
            values[name] = value
        elif not isinstance(value, list):
            raise fail("expected a list", path)
        elif form == "neurons":
            values[name] = tuple(number(i, path, 0, size) for i in value)
        else:
            parsed = []
            for n, item in enumerate(value):
                where = f"{path}[{n}]"
                if not (isinstance(item, list) and len(item) == len(form)):
                    raise fail(f"expected {len(form)} items", where)
                parsed.append(tuple(entry(kind, v, where)
                                    for kind, v in zip(form, item, strict=True)))
            values[name] = tuple(parsed)
    return cls(**values)


def dumps(compiled: Compiled) -> str:
    """The compiled network as a JSON document."""
    return json.dumps({
        "format": FORMAT, "version": VERSION, "schedule": compiled.schedule,
        "steps_per_tm_step": compiled.steps_per_tm_step,
        "machine": machine_json.to_dict(compiled.machine),
        "layout": _layout_to_dict(compiled.layout),
        "io": {name: _json_value(getattr(compiled.io, name)) for name in IO_FIELDS},
        "network": network_to_dict(compiled.network)}, indent=1) + "\n"


def loads(text: str, source: str = "<json>") -> Compiled:
    """A compiled network from JSON text.

    Raises
    ------
    ParseError, MachineError
        For any part that is malformed, naming its JSON path.
    """
    return _from_document(load_json(text, source), source)


def document_sha256(doc: object) -> str:
    """The SHA-256 of a JSON document's canonical form: sorted keys, no spaces."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def loads_pinned(text: str, sha256: str, source: str = "<json>") -> Compiled:
    """A compiled network from JSON text whose canonical form has the SHA-256 ``sha256``.
    The hash pins every part, weights, layout and I/O lines, to a document checked once
    against the compiler (as :func:`loads` checks each), so no compilation is repeated.

    Raises
    ------
    ParseError
        If the hash differs, or as :func:`loads`.
    """
    doc = load_json(text, source)
    found = document_sha256(doc)
    if found != sha256:
        raise ParseError(f"the document's SHA-256 is {found}, not the recorded {sha256}",
                         Location(source))
    schedule, machine, network, layout, io = _parts(doc, source)
    return Compiled(machine, schedule, network, layout, doc["steps_per_tm_step"], io)


def _parts(doc: object, source: str):
    """(schedule, machine, network, layout, I/O layout) of a saved document, each checked."""
    doc = check_header(doc, FORMAT, VERSION, source)
    schedule = doc.get("schedule")
    if not isinstance(schedule, str) or schedule not in SCHEDULES:
        raise ParseError(f"unknown schedule {schedule!r}", Location(source, path="schedule"))
    machine = machine_json.from_dict(doc.get("machine"), f"{source} (machine)")
    network = network_from_dict(doc.get("network"), f"{source} (network)")
    layout = _layout_from_dict(doc.get("layout"), network.size,
                               machine.n_states + len(machine.halt_states), source)
    io = _io_from_dict(doc.get("io"), machine, network.size, source)
    return schedule, machine, network, layout, io


def _from_document(doc: object, source: str) -> Compiled:
    schedule, machine, network, layout, io = _parts(doc, source)
    built = compile(machine, schedule)
    _check_derived(built, layout, io, doc.get("steps_per_tm_step"), source)
    if "blocks" not in doc["network"] and network.size == built.network.size:
        network = replace(network, blocks=built.network.blocks)  # saved before blocks were
    if network.blocks != built.network.blocks:
        raise ParseError(f"not what schedule {schedule} builds for this machine: it builds "
                         f"the blocks {list(built.network.blocks)}",
                         Location(f"{source} (network)", path="blocks"))
    return replace(built, network=network)


def _check_derived(built: Compiled, layout, io: IOLayout, steps: object, source: str) -> None:
    """The layout, the I/O layout and the steps per machine step are derived from the
    machine and the schedule: they must be what the compiler derives (the network's weights
    may differ; finding where they go wrong is the verifier's job)."""
    def differ(path: str, detail: str) -> ParseError:
        return ParseError(f"not what schedule {built.schedule} builds for this machine: "
                          f"{detail}", Location(source, path=path))

    if type(layout) is not type(built.layout):
        raise differ("layout.kind", f"it builds a {built.layout.kind} layout, this is a "
                                    f"{layout.kind} one")
    for name in built.layout.__dataclass_fields__:
        if getattr(layout, name) != getattr(built.layout, name):
            raise differ(f"layout.{name}", "other neurons or values")
    for name in IO_FIELDS:
        if getattr(io, name) != getattr(built.io, name):
            raise differ(f"io.{name}", f"it builds {getattr(built.io, name)}")
    if type(steps) is not int or steps != built.steps_per_tm_step:
        raise differ("steps_per_tm_step", f"it takes {built.steps_per_tm_step} network steps "
                                          f"per machine step, not {steps!r}")


def _json_value(value: int | tuple[int, ...]) -> int | list[int]:
    return list(value) if isinstance(value, tuple) else value


def _io_from_dict(doc: object, machine: Machine, size: int, source: str) -> IOLayout:
    if not isinstance(doc, dict) or set(doc) != set(IO_FIELDS):
        raise ParseError(f"expected an object with exactly the fields {', '.join(IO_FIELDS)}",
                         Location(source, path="io"))
    def neuron(value: object, path: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
            raise ParseError(f"expected a neuron index from 0 to {size - 1}, found {value!r}",
                             Location(source, path=path))
        return value

    if not isinstance(doc["state"], list):
        raise ParseError(f"expected a list of neuron indices, found {doc['state']!r}",
                         Location(source, path="io.state"))
    lines = [neuron(doc[name], f"io.{name}") for name in LINES]
    state = [neuron(value, f"io.state[{i}]") for i, value in enumerate(doc["state"])]
    return io_layout(machine, neuron(doc["machine_size"], "io.machine_size"), [*lines, *state])


def read_for(path: str | Path, machine: Machine) -> Compiled:
    """The compiled network saved at ``path``, once it is ``machine``'s.

    Raises
    ------
    ParseError, MachineError
        As :func:`loads`.
    RnntmError
        If the network was compiled from another machine.
    """
    compiled = read(path)
    if compiled.machine != machine:
        raise RnntmError(f"{source_name(path)} was compiled from another machine")
    return compiled


def is_saved(spec: str) -> bool:
    """Whether ``spec`` names a saved network: a ``.json`` file whose document has the
    format rnntm-compiled (standard input is not read here, and does not count)."""
    if not (Path(spec).is_file() and Path(spec).suffix == ".json"):
        return False
    try:
        doc = json.loads(Path(spec).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):       # unreadable, not JSON, too deep
        return False
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def load_compiled(spec: str, schedule: str | None = None) -> Compiled:
    """A compiled network from what a user gives: a saved one (a JSON document of format
    rnntm-compiled, in a file or on standard input for ``-``), else a machine resolved as
    :func:`~rnntm.machines.catalogue.load_machine` does, compiled with ``schedule``
    (realtime by default).

    Raises
    ------
    RnntmError
        If ``schedule`` is given for a saved network, which keeps its own; the errors of
        :func:`loads` and of :func:`~rnntm.machines.catalogue.load_machine` otherwise.
    """
    if spec == STDIN or (Path(spec).is_file() and Path(spec).suffix == ".json"):
        text, source = read_text(spec), source_name(spec)
        if text.lstrip().startswith("{"):
            doc = load_json(text, source)
            if isinstance(doc, dict) and doc.get("format") == FORMAT:
                if schedule is not None:
                    raise RnntmError(f"schedule {schedule} cannot apply to {source}: a saved "
                                     f"network keeps its own ({doc.get('schedule')})")
                return _from_document(doc, source)
        return compile(formats.parse(text, source), schedule or "realtime")
    return compile(load_machine(spec), schedule or "realtime")


def write(compiled: Compiled, path: str | Path) -> None:
    """Save ``compiled`` as a JSON file."""
    Path(path).write_text(dumps(compiled), encoding="utf-8")


def read(path: str | Path) -> Compiled:
    """A compiled network from a JSON file (``-``: standard input); errors as :func:`loads`."""
    return loads(read_text(path), source_name(path))
