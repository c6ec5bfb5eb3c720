"""turingmachine.io's YAML machines (``.yaml``, ``.yml``), read and written.

::

    input: '1011'            # optional: the word the tape starts with
    blank: ' '               # one character
    start state: right
    synonyms:                # optional: names for instructions
      done: {R: done}
    table:
      right:
        [1, 0]: R            # several symbols; move, writing nothing, staying
        ' ': {L: carry}      # move left, go to carry
      carry:
        1: {write: 0, L}     # write 0, move left, stay
        [0, ' ']: {write: 1, L: done}
      done:                  # no instructions: a halting state

Every symbol is one character; a symbol key may be a list, or a string of symbols separated
by commas (``,,`` is the comma), as the site reads keys. An instruction is ``L`` or ``R``, a
synonym, or a mapping of ``write`` (optional) and exactly one of ``L`` and ``R`` (its value
the next state, by default the same). A state with no instructions (empty, or ``{}``) halts;
a (state, symbol) pair with no instruction halts there too, without a step, as on the site.
Scalars are read as written (``1`` is the symbol 1, ``yes`` a state named yes), as the site
reads them for machines. A file the site exports (``name``, ``source code``, ``positions``)
is read through its ``source code``. The head starts on the input's first cell. The
symbols are numbered as met (the blank first); a file may list them in that order under
``symbols``, a key the site ignores, which :func:`write` adds where the order met differs.

>>> doc = parse_document('''
... input: '1011'
... blank: ' '
... start state: right
... table:
...   right: {[1,0]: R, ' ': {L: carry}}
...   carry: {1: {write: 0, L}, [0,' ']: {write: 1, L: done}}
...   done:
... ''')
>>> doc.input, doc.machine.states, doc.machine.halt_states, doc.machine.symbols
('1011', ('right', 'carry'), ('done',), (' ', '1', '0'))
>>> parse_document(write(doc.machine, doc.input)) == doc
True
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ...errors import FormatError, InputError, Location, ParseError
from ..machine import Machine, Move, Rule, build_machine
from .document import Document

__all__ = ["parse_document", "write"]

NULL = "tag:yaml.org,2002:null"


class _Loader(yaml.SafeLoader):
    """YAML whose plain scalars are text as written, but for null (``~``, ``null``, empty)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag == NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class _Reader:
    """Walks a composed YAML tree, placing every error at its node in ``source``: the text
    read starts ``line`` lines into the file, each of its lines indented by ``column``."""

    def __init__(self, source: str, line: int = 0, column: int = 0) -> None:
        self.source, self.line, self.column = source, line, column

    def place(self, mark: yaml.Mark) -> Location:
        """Where ``mark`` of the text read is in the file."""
        return Location(self.source, self.line + mark.line + 1, self.column + mark.column + 1)

    def at(self, node: yaml.Node) -> Location:
        return self.place(node.start_mark)

    def compose(self, text: str) -> yaml.Node | None:
        try:
            return yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            where = self.place(error.problem_mark or error.context_mark)
            raise ParseError(f"not YAML: {error.problem or error.context}", where) from None

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == NULL

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            raise ParseError(f"{what} must be a name", self.at(node))
        return node.value

    def character(self, node: yaml.Node, what: str) -> str:
        value = self.text(node, what)
        if len(value) != 1:
            raise ParseError(f"{what} must be one character, not {value!r}", self.at(node))
        return value

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's items by key text (scalar keys), duplicates refused."""
        if not isinstance(node, yaml.MappingNode):
            raise ParseError(f"{what} must be a mapping", self.at(node))
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = self.text(key, f"a key of {what}")
            if name in items:
                raise ParseError(f"{what} has key {name!r} twice", self.at(key))
            items[name] = (key, value)
        return items

    def symbols(self, key: yaml.Node) -> list[str]:
        """The symbols a table key stands for: one, a list, or a comma-separated string."""
        if isinstance(key, yaml.SequenceNode):
            return [self.character(item, "a symbol") for item in key.value]
        text = self.text(key, "a symbol")
        names: list[str] = []
        for part in text.split(","):
            if part == "" and names and names[-1] == "":
                names[-1] = ","                           # ",," is the comma
            else:
                names.append(part)
        for name in names:
            if len(name) != 1:
                raise ParseError(f"symbol {name!r} in key {text!r} must be one character",
                                 self.at(key))
        return names


def _instruction(reader: _Reader, node: yaml.Node, synonyms: dict[str, yaml.Node] | None
                 ) -> tuple[str | None, str, str | None]:
    """(write, move, next) of an instruction; None where it keeps the symbol or state."""
    if isinstance(node, yaml.ScalarNode) and not reader.is_null(node):
        if node.value in ("L", "R"):
            return None, node.value, None
        if synonyms is not None and node.value in synonyms:
            return _instruction(reader, synonyms[node.value], None)
        hint = "" if synonyms is not None else " (a synonym cannot name another synonym)"
        raise ParseError(f"instruction {node.value!r} is neither L, R nor a synonym{hint}",
                         reader.at(node))
    items = reader.mapping(node, "an instruction such as {write: 1, L: next}")
    for name, (key, _) in items.items():
        if name not in ("write", "L", "R"):
            raise ParseError(f"unknown key {name!r} in an instruction: expected write, and "
                             "L or R", reader.at(key))
    moves = [name for name in ("L", "R") if name in items]
    if len(moves) != 1:
        raise ParseError("an instruction moves L or R: exactly one of them", reader.at(node))
    target = items[moves[0]][1]
    write = items.get("write")
    return (reader.character(write[1], "write") if write else None, moves[0],
            None if reader.is_null(target) else reader.text(target, "a next state"))


def _rules(reader: _Reader, state: str, entry: yaml.Node,
           synonyms: dict[str, yaml.Node]) -> Iterator[Rule]:
    if not isinstance(entry, yaml.MappingNode):
        raise ParseError(f"state {state!r} must map symbols to instructions, or be empty "
                         "to halt", reader.at(entry))
    for key, node in entry.value:
        write, move, target = _instruction(reader, node, synonyms)
        for symbol in reader.symbols(key):
            yield Rule(state, symbol, write or symbol, move, target or state,
                       where=reader.at(key))


def _parse(reader: _Reader, root: yaml.Node | None) -> Document:
    if root is None:
        raise ParseError("empty document: a machine needs blank, start state and table",
                         Location(reader.source, reader.line + 1, 1))
    top = reader.mapping(root, "the document")
    if "source code" in top:                             # a file the site exported
        return _exported(reader, *top["source code"])
    for needed in ("blank", "start state", "table"):
        if needed not in top:
            raise ParseError(f"no {needed!r}: a machine needs blank, start state and table",
                             reader.at(root))
    blank = reader.character(top["blank"][1], "the blank")
    start = reader.text(top["start state"][1], "the start state")
    synonyms = {name: node for name, (_, node) in
                reader.mapping(top["synonyms"][1], "synonyms").items()} \
        if "synonyms" in top and not reader.is_null(top["synonyms"][1]) else {}
    table = reader.mapping(top["table"][1], "the table")
    if start not in table:
        raise ParseError(f"the start state {start!r} is not in the table",
                         reader.at(top["start state"][1]))
    word = reader.text(top["input"][1], "the input") \
        if "input" in top and not reader.is_null(top["input"][1]) else None
    rules, working, halting = [], [], []
    for state, (_, entry) in table.items():
        empty = reader.is_null(entry) or (isinstance(entry, yaml.MappingNode)
                                          and not entry.value)
        if empty and state != start:
            halting.append(state)
            continue
        working.append(state)
        if not empty:
            rules += _rules(reader, state, entry, synonyms)
    declared = "symbols" in top
    symbols = [reader.character(node, "a symbol") for node in
               _sequence(reader, top["symbols"][1], "symbols")] if declared else \
        _met(blank, rules, word)
    machine = build_machine(rules, blank=blank, start=start, states=working,
                            halt_states=halting, symbols=symbols,
                            declared_at={"start": reader.at(top["start state"][1]),
                                         "blank": reader.at(top["blank"][1])}
                            | ({"symbols": reader.at(top["symbols"][1])} if declared else {}),
                            source=reader.at(root))
    if word is not None:
        try:
            machine.encode_word(word)
        except InputError as error:
            raise ParseError(f"the input: {error.message}", reader.at(top["input"][1])) \
                from None
    return Document(machine, word)


def _sequence(reader: _Reader, node: yaml.Node, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise ParseError(f"{what} must be a list", reader.at(node))
    return node.value


def _met(blank: str, rules: list[Rule], word: str | None) -> list[str]:
    """The symbols in the order the reader meets them: the blank, the rules' reads and
    writes, the input's."""
    return list(dict.fromkeys([blank] + [name for r in rules for name in (r.read, r.write)]
                              + list(word or "")))


def _exported(reader: _Reader, key: yaml.Node, node: yaml.Node) -> Document:
    """The machine of a file the site exported: its ``source code``, a block of text
    (``|``) whose lines start on the line after the key, indented alike; errors in a
    quoted string are placed from where the string starts."""
    text = reader.text(node, "source code")
    if node.style in ("|", ">"):
        raw = node.end_mark.buffer or ""
        start = raw.find("\n", node.start_mark.index) + 1
        lines = raw[start:node.end_mark.index].splitlines()
        first = next((line for line in lines if line.strip()), "")
        inner = _Reader(reader.source, reader.line + key.start_mark.line + 1,
                        reader.column + len(first) - len(first.lstrip(" ")))
    else:
        inner = _Reader(reader.source, reader.line + node.start_mark.line,
                        reader.column + node.start_mark.column + 1)
    return _parse(inner, inner.compose(text))


def parse_document(text: str, source: str = "<yaml>") -> Document:
    """Parse a turingmachine.io machine and its ``input``, if any.

    Raises
    ------
    ParseError
        For text that is not YAML, or not a machine as the site reads it, with the line
        and column of the culprit.
    MachineError
        For an invalid machine (a next state not in the table, say), placed likewise.
    """
    reader = _Reader(source)
    return _parse(reader, reader.compose(text))


def _quoted(name: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + name.replace("'", "''") + "'"


def write(machine: Machine, word: str | None = None) -> str:
    """The machine as turingmachine.io YAML; ``word``, if given, as its ``input``.

    Symbols with the same instruction in a state share a list key, and an instruction
    omits the write and the next state it keeps.

    Raises
    ------
    FormatError
        If a symbol is longer than one character or a transition stays (the site moves
        L or R only).
    """
    for symbol in machine.symbols:
        if len(symbol) != 1:
            raise FormatError(f"turingmachine.io's symbols are one character; this machine "
                              f"has {symbol!r}")
    lines = [] if word is None else [f"input: {_quoted(word)}"]
    lines += [f"blank: {_quoted(machine.symbols[0])}",
              f"start state: {_quoted(machine.states[0])}"]
    rules = list(machine.rules())
    if _met(machine.symbols[0], rules, word) != list(machine.symbols):
        lines.append(f"symbols: [{', '.join(map(_quoted, machine.symbols))}]")
    lines.append("table:")
    # by state, the symbols sharing an instruction: (write or None to keep, move, next)
    groups: dict[str, dict[tuple[str | None, str, str], list[str]]] = {
        state: {} for state in machine.states}
    for rule in rules:
        written = None if rule.write == rule.read else rule.write
        groups[rule.state].setdefault((written, rule.move, rule.next), []).append(rule.read)
    for state in machine.states:
        if not groups[state]:
            lines.append(f"  {_quoted(state)}: {{}}")
            continue
        lines.append(f"  {_quoted(state)}:")
        for (written, move, target), reads in groups[state].items():
            if move == Move.N.name:
                raise FormatError(f"turingmachine.io moves L or R only; state {state!r} "
                                  f"stays on {', '.join(map(repr, reads))}")
            key = _quoted(reads[0]) if len(reads) == 1 else \
                "[" + ", ".join(map(_quoted, reads)) + "]"
            if written is None and target == state:
                lines.append(f"    {key}: {move}")
                continue
            parts = [] if written is None else [f"write: {_quoted(written)}"]
            parts.append(move if target == state else f"{move}: {_quoted(target)}")
            lines.append(f"    {key}: {{{', '.join(parts)}}}")
    lines += [f"  {_quoted(state)}:" for state in machine.halt_states]
    return "\n".join(lines) + "\n"
