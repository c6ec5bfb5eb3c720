"""rnntm's readable table format (``.tm`` files) for machines with named states and symbols.

A file is a list of lines. A line whose first non-blank character is ``#`` is a comment, and
so is whatever follows the five fields of a rule; ``#`` elsewhere is an ordinary symbol.
Header lines ``key: names...`` declare::

    blank: _             the blank symbol (required)
    start: q0            the start state (default: the first of states:, else of the rules)
    halt: accept reject  states that halt the machine (default: none)
    input: 0 1           the input alphabet (default: every symbol but the blank)
    states: q0 q1        working states, in order (default: as met in the rules)
    symbols: _ 0 1       tape symbols, in order (default: as met in the rules)

Every other line is one rule of five fields, ``state read write move next``, with the move
``L``, ``R`` or ``N``. A (state, read) pair with no rule is undefined: the machine halts there.

>>> text = '''
... blank: _
... halt: done
... # state read write move next
... right   1    1     R    right
... right   _    _     N    done
... '''
>>> m = parse(text)
>>> m.states, m.symbols, m.halt_states
(('right',), ('_', '1'), ('done',))
>>> parse(write(m)) == m
True
"""

from __future__ import annotations

from ...errors import FormatError, Location, ParseError
from ..machine import Machine, Rule, build_machine

__all__ = ["parse", "write", "HEADER_KEYS"]

HEADER_KEYS = ("blank", "start", "halt", "input", "states", "symbols")
#: The argument of :func:`~rnntm.machines.machine.build_machine` a header line declares, where the
#: names differ.
ARGUMENTS = {"halt": "halt_states", "input": "input_symbols"}
FIELDS = ("state", "read", "write", "move", "next")


def _tokens(line: str) -> list[tuple[int, str]]:
    """(1-based column, token) for the whitespace-separated tokens of a line."""
    tokens, column = [], 0
    for token in line.split():
        column = line.index(token, column)
        tokens.append((column + 1, token))
        column += len(token)
    return tokens


def parse(text: str, source: str = "<text>") -> Machine:
    """Parse a machine in the table format.

    Raises
    ------
    ParseError
        For a malformed line (unknown header, wrong number of fields, missing blank).
    MachineError
        For an invalid machine, e.g. two rules for one (state, read) pair, naming both lines.
    """
    headers: dict[str, list[str]] = {}
    header_at: dict[str, Location] = {}
    rules: list[Rule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = _tokens(line)
        if not tokens or tokens[0][1].startswith("#"):
            continue
        column, first = tokens[0]
        where = Location(source, number, column)
        if first.endswith(":"):
            key = first[:-1]
            if key not in HEADER_KEYS:
                raise ParseError(f"unknown header {key!r}; expected one of "
                                 f"{', '.join(HEADER_KEYS)}", where)
            if key in headers:
                raise ParseError(f"header {key!r} is given twice", where)
            values = [token for _, token in tokens[1:]]
            if key in ("blank", "start") and len(values) != 1:
                raise ParseError(f"header {key!r} takes exactly one name", where)
            headers[key] = values
            header_at[ARGUMENTS.get(key, key)] = where
            continue
        fields, extra = tokens[:len(FIELDS)], tokens[len(FIELDS):]
        if len(fields) < len(FIELDS) or (extra and not extra[0][1].startswith("#")):
            raise ParseError(f"a rule has {len(FIELDS)} fields ({' '.join(FIELDS)}), then "
                             f"an optional # comment; found {len(tokens)} word"
                             f"{'s' * (len(tokens) != 1)}", where)
        rules.append(Rule(*(token for _, token in fields), where=where))
    if "blank" not in headers:
        raise ParseError("missing header line 'blank: <symbol>'", Location(source, 1, 1))
    return build_machine(
        rules,
        blank=headers["blank"][0],
        halt_states=headers.get("halt", ()),
        start=headers["start"][0] if "start" in headers else None,
        states=headers.get("states", ()),
        symbols=headers.get("symbols", ()),
        input_symbols=headers.get("input"),
        declared_at=header_at,
        source=Location(source),
    )


def write(machine: Machine, comment: str = "") -> str:
    """The machine in the table format, columns aligned, with an optional leading comment.

    Raises
    ------
    FormatError
        For a state whose name would read as a comment (``#...``) or a header (``...:``)
        at the start of a rule, or a name with a space in it.
    """
    for name in machine.states:
        if name.startswith("#") or name.endswith(":"):
            raise FormatError(f"state {name!r} cannot start a rule in the table format: a "
                              "line starting with # is a comment, a word ending in : a header")
    for name in machine.all_states + machine.symbols:
        if any(c.isspace() for c in name):
            raise FormatError(f"the table format separates names by spaces, so it cannot "
                              f"write the name {name!r}: write json instead")
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += [f"blank: {machine.symbols[0]}", f"start: {machine.states[0]}"]
    if machine.halt_states:
        lines.append(f"halt: {' '.join(machine.halt_states)}")
    lines += [f"states: {' '.join(machine.states)}",
              f"symbols: {' '.join(machine.symbols)}",
              f"input: {' '.join(machine.input_symbols)}", ""]
    rows = [FIELDS] + [(r.state, r.read, r.write, r.move, r.next) for r in machine.rules()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(FIELDS))]
    for i, row in enumerate(rows):
        cells = "  ".join(cell.ljust(width)
                          for cell, width in zip(row, widths, strict=True)).rstrip()
        lines.append(("# " if i == 0 else "  ") + cells)
    return "\n".join(lines) + "\n"
