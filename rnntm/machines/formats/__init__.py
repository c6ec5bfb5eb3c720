"""Reading and writing machines: the standard text format, rnntm's table format, JSON,
turingmachine.io's YAML, Morphett's simulator's text, and automata-lib's DTM descriptions.

:func:`parse` picks the format from the source's suffix (``.json``, ``.tm``, ``.yaml``,
``.yml``, ``.bb``) or, failing that, from the text itself: JSON, one line of the standard
format, a YAML mapping with a ``table``, rules with Morphett's moves, else the table format.
A :class:`Document` keeps what a file says besides the machine (its input word).

>>> parse("1RB1LB_1LA1RZ").n_states
2
>>> print(write(parse("1RB1LB_1LA1RZ"), "standard"))
1RB1LB_1LA1RZ
"""

from __future__ import annotations

import re
from pathlib import Path

from ...core.sources import read_text, source_name
from ...errors import FormatError, Location, ParseError
from ..machine import Machine
from . import automata, machine_json, morphett, standard, table, turingmachine_io
from .document import Document

__all__ = ["FORMATS", "KEEPS_INPUT", "Document", "detect", "parse", "parse_document", "read",
           "read_document", "write", "automata", "machine_json", "morphett", "standard", "table",
           "turingmachine_io"]

FORMATS = ("standard", "table", "json", "turingmachine-io", "morphett")
#: The formats that write an input word.
KEEPS_INPUT = ("turingmachine-io", "morphett")
SUFFIXES = {".json": "json", ".tm": "table", ".bb": "standard", ".yaml": "turingmachine-io",
            ".yml": "turingmachine-io"}
#: A top-level YAML key of turingmachine.io's: what tells its files from the others.
YAML_KEY = re.compile(r"^(table|start state|source code)\s*:", re.MULTILINE)


def detect(text: str, source: str) -> str:
    """The format of ``text``: by ``source``'s suffix, else by content.

    >>> detect("1RB1LB_1LA1RZ", "bb2.txt"), detect("0 _ _ r halt ; done", "m.txt")
    ('standard', 'morphett')
    """
    by_suffix = SUFFIXES.get(Path(source).suffix.lower())
    if by_suffix:
        return by_suffix
    body = [line for line in text.splitlines() if line.strip()
            and not line.lstrip().startswith("#")]
    if body and body[0].lstrip().startswith("{"):
        return "json"
    if len(body) == 1 and standard.looks_standard(body[0]):
        return "standard"
    if YAML_KEY.search(text):
        return "turingmachine-io"
    if morphett.looks_morphett(text):
        return "morphett"
    return "table"


def parse_document(text: str, source: str = "<text>", format: str | None = None) -> Document:
    """Parse a machine, and what its file says of its run, in the given (or detected)
    format.

    Raises
    ------
    ParseError, MachineError
        With the source name, line and column of the defect.
    FormatError
        For an unknown format.
    """
    format = format or detect(text, source)
    if format == "turingmachine-io":
        return turingmachine_io.parse_document(text, source)
    if format == "morphett":
        return morphett.parse_document(text, source)
    if format == "json":
        return Document(machine_json.parse(text, source))
    if format == "table":
        return Document(table.parse(text, source))
    if format == "standard":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                return Document(standard.parse(line, source, line=number))
        raise ParseError("no machine found: expected a line such as 1RB1LB_1LA1RZ",
                         Location(source, 1, 1))
    raise FormatError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def parse(text: str, source: str = "<text>", format: str | None = None) -> Machine:
    """Parse a machine from text in the given (or detected) format (see
    :func:`parse_document`)."""
    return parse_document(text, source, format).machine


def read_document(path: str | Path, format: str | None = None) -> Document:
    """Read a machine, and what its file says of its run, from a file or from standard
    input for ``-`` (format by suffix or content).

    Raises
    ------
    ParseError, MachineError
        With the source name, line and column of the defect (bytes that are not UTF-8
        included).
    OSError
        If the file cannot be read.
    """
    return parse_document(read_text(path), source_name(path), format)


def read(path: str | Path, format: str | None = None) -> Machine:
    """Read a machine from a file (see :func:`read_document`)."""
    return read_document(path, format).machine


def write(machine: Machine, format: str, word: str | None = None, head: int = 0) -> str:
    """The machine as text in ``format`` (one of :data:`FORMATS`); ``word`` and ``head``
    go into the formats that keep an input (turingmachine.io's at cell 0 only).

    Raises
    ------
    FormatError
        If the format cannot express the machine, or is unknown.
    """
    if format == "standard":
        return standard.write(machine)
    if format == "table":
        return table.write(machine)
    if format == "json":
        return machine_json.write(machine)
    if format == "turingmachine-io":
        if head:
            raise FormatError("turingmachine.io starts the head on the input's first cell")
        return turingmachine_io.write(machine, word)
    if format == "morphett":
        return morphett.write(machine, word, head)
    raise FormatError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
