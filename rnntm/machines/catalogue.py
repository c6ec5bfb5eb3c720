"""The catalogue of machines in ``constructions/``: provenance and published behaviour.

``constructions/catalogue.json`` lists each entry's name, its machine (inline standard format,
or a ``.tm`` file beside the index), its source, and runs with the behaviour recorded for
them; :func:`check` compares a run with its record. :func:`load_machine` resolves what a user
types: a file path, a catalogue name, or a machine in the standard format.

>>> entry("bb4").runs[0].expect
{'status': 'halted', 'steps': 107, 'nonblank': 13}
>>> load_machine("bb4") == load_machine("1RB1LB_1LA0LC_1RZ1LD_1RD0RA")
True
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core.sources import STDIN
from ..errors import CatalogueError, Location
from . import formats
from .direct import Run, run, run_stepwise
from .machine import Machine

__all__ = ["CatalogueRun", "Entry", "RecordCheck", "check_records", "entries", "entry",
           "load_document",
           "find_cycle", "load_machine", "mismatches"]

EXPECT_KEYS = ("status", "steps", "nonblank", "tape", "state", "head")


@dataclass(frozen=True)
class CatalogueRun:
    """A run recorded in the catalogue: input, step budget and the expected result fields."""

    input: str
    max_steps: int
    expect: dict


@dataclass(frozen=True)
class Entry:
    """A catalogue machine with its provenance and recorded runs."""

    name: str
    title: str
    family: str
    source: str
    spec: str
    machine: Machine
    runs: tuple[CatalogueRun, ...]
    cycle: tuple[int, int] | None = None  # (preperiod, period) for published cyclers


def _directory():
    return resources.files("rnntm.constructions")


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every catalogue entry, in catalogue order."""
    index = _directory() / "catalogue.json"
    source = "constructions/catalogue.json"
    doc = json.loads(index.read_text(encoding="utf-8"))
    result = []
    for i, item in enumerate(doc["machines"]):
        where = Location(source, path=f"machines[{i}]")
        try:
            spec = item["machine"]
            if spec.endswith(".tm"):
                text = (_directory() / spec).read_text(encoding="utf-8")
                machine = formats.parse(text, f"constructions/{spec}", "table")
            else:
                machine = formats.standard.parse(spec, source)
            runs = tuple(CatalogueRun(r["input"], r["max_steps"], r["expect"])
                         for r in item["runs"])
            cycle = item.get("cycle")
            result.append(Entry(item["name"], item["title"], item["family"], item["source"],
                                spec, machine, runs,
                                (cycle["preperiod"], cycle["period"]) if cycle else None))
        except (KeyError, TypeError) as error:
            raise CatalogueError(f"malformed entry: missing or wrong {error}", where) from None
        unknown = {k for r in runs for k in r.expect} - set(EXPECT_KEYS)
        if unknown:
            raise CatalogueError(f"unknown expectation keys {sorted(unknown)}", where)
    return tuple(result)


def entry(name: str) -> Entry:
    """The entry called ``name``.

    Raises
    ------
    CatalogueError
        If there is none; the message suggests close names.
    """
    for e in entries():
        if e.name == name:
            return e
    close = difflib.get_close_matches(name, [e.name for e in entries()], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see 'rnntm list'"
    raise CatalogueError(f"no catalogue machine named {name!r}{hint}")


def mismatches(recorded: CatalogueRun, result: Run) -> dict[str, tuple[object, object]]:
    """The fields where ``result`` differs from the record: ``{key: (expected, got)}``."""
    got = result.as_dict()
    return {k: (v, got[k]) for k, v in recorded.expect.items() if got[k] != v}


@dataclass(frozen=True)
class RecordCheck:
    """A catalogue entry's recorded run, run again directly: the result, where it differs
    from the record, and the seconds it took."""

    entry: Entry
    recorded: CatalogueRun
    run: Run
    mismatches: dict[str, tuple[object, object]]
    seconds: float

    @property
    def agrees(self) -> bool:
        return not self.mismatches


def check_records(names: Sequence[str]) -> list[RecordCheck]:
    """The first recorded run of each entry named, run directly and compared with its
    record.

    Parameters
    ----------
    names
        Catalogue names.

    Returns
    -------
    list of RecordCheck
        One per name: the run, the fields where it differs from the record, the seconds.

    Raises
    ------
    CatalogueError
        For a name not in the catalogue.

    >>> [c.agrees for c in check_records(["bb2", "bb4"])]
    [True, True]
    """
    checks = []
    for name in names:
        e = entry(name)
        recorded = e.runs[0]
        started = time.perf_counter()
        result = run(e.machine, recorded.input, max_steps=recorded.max_steps)
        checks.append(RecordCheck(e, recorded, result, mismatches(recorded, result),
                                  time.perf_counter() - started))
    return checks


def find_cycle(machine: Machine, max_steps: int) -> tuple[int, int] | None:
    """(preperiod, period) of the first repeated configuration within ``max_steps``, or None.

    Configurations are compared whole (state, head and tape), as the cycler deciders of the
    busy-beaver community do. O(max_steps) memory.
    """
    seen: dict[tuple, int] = {}
    for t, config in enumerate(run_stepwise(machine, max_steps=max_steps)):
        key = (config.state, config.head, config.cells())
        if key in seen:
            return seen[key], t - seen[key]
        seen[key] = t
    return None


def _shaped_like_standard(spec: str) -> bool:
    """Meant as standard-format text (so a typo gets the parser's located error)."""
    path_like = "/" in spec or "." in spec
    return not path_like and (spec[:1].isdigit() or spec[:1] == "-" or "_" in spec)


#: A machine spec with one of these endings names a file, never a catalogue entry.
MACHINE_SUFFIXES = (".tm", ".json", ".txt", ".yaml", ".yml")


def load_machine(spec: str, format: str | None = None) -> Machine:
    """A machine from a file path (``-`` for standard input), a catalogue name, or inline
    standard-format text (see :func:`load_document`).

    Examples
    --------
    >>> load_machine("bb2").n_states, load_machine("1RB1LB_1LA1RH").halt_states
    (2, ('H',))
    """
    return load_document(spec, format).machine


def load_document(spec: str, format: str | None = None) -> formats.Document:
    """A machine, with what its file says of its run (its input word, say), from a file
    path (``-`` for standard input) in ``format`` (by default detected), a catalogue name,
    or inline standard-format text.

    Raises
    ------
    CatalogueError
        If ``spec`` is none of these.
    ParseError, MachineError
        If the file or the text is not a valid machine.
    """
    path = Path(spec)
    if spec == STDIN or path.is_file():
        return formats.read_document(spec, format)
    if path.is_dir():
        raise CatalogueError(f"{spec!r} is a directory; a machine is a file, a catalogue "
                             "name or a machine in the standard format")
    if any(e.name == spec for e in entries()):
        return formats.Document(entry(spec).machine)
    if path.suffix.lower() in MACHINE_SUFFIXES or "/" in spec:
        raise CatalogueError(f"{spec!r}: no such file")
    if _shaped_like_standard(spec):
        return formats.Document(formats.standard.parse(spec))
    close = difflib.get_close_matches(spec, [e.name for e in entries()], n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise CatalogueError(f"{spec!r} is not a file, a catalogue name{hint}, or a machine in "
                         "the standard format such as 1RB1LB_1LA1RZ")
