"""Reading and writing machines: the standard text format, rnntm's table format, JSON, and
automata-lib's DTM descriptions.

:func:`parse` picks the format from the source's suffix (``.json``, ``.tm``, ``.txt``) or,
failing that, from the text itself.

>>> parse("1RB1LB_1LA1RZ").n_states
2
>>> print(write(parse("1RB1LB_1LA1RZ"), "standard"))
1RB1LB_1LA1RZ
"""

from __future__ import annotations

from pathlib import Path

from ...core.sources import read_text, source_name
from ...errors import FormatError, Location, ParseError
from ..machine import Machine
from . import automata, machine_json, standard, table

__all__ = ["FORMATS", "parse", "read", "write", "automata", "machine_json", "standard",
           "table"]

FORMATS = ("standard", "table", "json")
SUFFIXES = {".json": "json", ".tm": "table", ".txt": "standard", ".bb": "standard"}


def detect(text: str, source: str) -> str:
    """The format of ``text``: by ``source``'s suffix, else by content."""
    by_suffix = SUFFIXES.get(Path(source).suffix.lower())
    if by_suffix:
        return by_suffix
    body = [line for line in text.splitlines() if line.strip()
            and not line.lstrip().startswith("#")]
    if body and body[0].lstrip().startswith("{"):
        return "json"
    if len(body) == 1 and standard.looks_standard(body[0]):
        return "standard"
    return "table"


def parse(text: str, source: str = "<text>", format: str | None = None) -> Machine:
    """Parse a machine from text in the given (or detected) format.

    Raises
    ------
    ParseError, MachineError
        With the source name, line and column of the defect.
    """
    format = format or detect(text, source)
    if format == "json":
        return machine_json.parse(text, source)
    if format == "table":
        return table.parse(text, source)
    if format == "standard":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                return standard.parse(line, source, line=number)
        raise ParseError("no machine found: expected a line such as 1RB1LB_1LA1RZ",
                         Location(source, 1, 1))
    raise FormatError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def read(path: str | Path, format: str | None = None) -> Machine:
    """Read a machine from a file, or from standard input for ``-`` (format by suffix or
    content).

    Raises
    ------
    ParseError, MachineError
        With the source name, line and column of the defect (bytes that are not UTF-8
        included).
    OSError
        If the file cannot be read.
    """
    return parse(read_text(path), source_name(path), format)


def write(machine: Machine, format: str) -> str:
    """The machine as text in ``format`` (one of :data:`FORMATS`)."""
    if format == "standard":
        return standard.write(machine)
    if format == "table":
        return table.write(machine)
    if format == "json":
        return machine_json.write(machine)
    raise FormatError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
