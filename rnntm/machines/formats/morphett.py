"""The text format of Anthony Morphett's online simulator (morphett.info/turing), read and
written.

One rule a line, ``state read write move next``, with ``;`` starting a comment and an
optional ``!`` (a breakpoint, ignored) at the end::

    ; binary increment
    0 * * r 0        ; run right to the blank after the number
    0 _ _ l 1
    1 1 0 l 1        ; carry
    1 0 1 * halt
    1 _ 1 * halt

- Symbols are one character; ``_`` is the blank. States are any names; the machine starts
  in ``0`` (the site's default), or in the state a ``$INITIAL_STATE: name`` comment names
  (rnntm's, for machines whose start is not ``0``), or else in the first rule's.
- The move is ``l``, ``r`` or ``*`` (stay), in either case.
- ``*`` is a wildcard: as the read symbol, any symbol with no rule of its own in that
  state; as the state, any state with no rule for the symbol (a state's own ``*`` rule
  comes first); as the written symbol or the next state, no change.
- Entering a state whose name starts with ``halt`` (any case) halts. A missing rule halts
  too, and the site counts that as a step: the busy-beaver step convention
  (:class:`~rnntm.machines.direct.StepConvention`), which the document records.
- A comment ``$INITIAL_TAPE: word`` (as in the site's examples) gives the input: a space
  is the blank, and a ``*`` marks the cell the head starts on (the first by default).

The reader makes every wildcard explicit, so a file written back has one rule per (state,
symbol) pair. It numbers the states as their rules come (then the states only entered) and
the symbols in their character order, the blank first, so that a file it writes reads back
the same. The writer writes the blank as ``_`` and a halting state whose name does not
start with ``halt`` as ``halt-NAME``.

>>> doc = parse_document('''
... 0 * * r 0
... 0 _ _ l 1
... 1 1 0 l 1
... 1 0 1 * halt
... 1 _ 1 * halt
... ; $INITIAL_TAPE: 1011
... ''')
>>> doc.machine.symbols, doc.machine.halt_states, doc.input, doc.convention.value
(('_', '0', '1'), ('halt',), '1011', 'busy-beaver')
>>> parse_document(write(doc.machine, doc.input)) == doc
True
"""

from __future__ import annotations

import re

from ...errors import FormatError, InputError, Location, NondeterministicError, ParseError
from ..direct import StepConvention
from ..machine import Machine, Rule, build_machine, shown
from .document import Document

__all__ = ["looks_morphett", "parse_document", "write"]

BLANK = "_"
WILDCARD = "*"
MOVES = {"l": "L", "r": "R", "*": "N"}
WRITTEN_MOVES = {move: letter for letter, move in MOVES.items()}
TAPE = re.compile(r"\$INITIAL_TAPE:? *(.*)$")
START = re.compile(r"\$INITIAL_STATE:? *(\S+)")


def is_halting(state: str) -> bool:
    """The site halts in a state whose name starts with ``halt``, in any case."""
    return state[:4].lower() == "halt"


def _tokens(line: str) -> list[tuple[int, str]]:
    """(1-based column, token) of the line before its ``;`` comment."""
    body = line.split(";", 1)[0]
    return [(m.start() + 1, m.group()) for m in re.finditer(r"\S+", body)]


def looks_morphett(text: str) -> bool:
    """True for text the table format cannot be: no ``#`` comment and no ``key:`` header
    (a table file has ``blank:``), and either a ``;`` comment or only rules of five fields
    (and maybe ``!``) whose move is l, r or * in either case. A Morphett file with a typo in
    a rule still reads as Morphett's, so the error names the rule."""
    lines = text.splitlines()
    rules = [fields for line in lines if (fields := [token for _, token in _tokens(line)])]
    if any(line.lstrip().startswith("#") for line in lines) or \
            any(fields[0].endswith(":") for fields in rules):
        return False
    return any(";" in line for line in lines) or bool(rules) and all(
        len(f) in (5, 6) and f[3].lower() in MOVES for f in rules)


def parse_document(text: str, source: str = "<morphett>") -> Document:
    """Parse a program of Morphett's simulator and its ``$INITIAL_TAPE``, if any.

    Raises
    ------
    ParseError
        For a malformed line, with its line and column.
    NondeterministicError
        For two rules of the same state and symbol (the site warns and takes the later).
    MachineError
        For an invalid machine, placed at its rule.
    """
    written: dict[tuple[str, str], Rule] = {}
    word, start, head, tape_at = None, None, 0, Location(source)
    for number, line in enumerate(text.splitlines(), start=1):
        comment = line.split(";", 1)[1] if ";" in line else ""
        if word is None and (tape := TAPE.search(comment)):
            word, tape_at = tape.group(1), Location(source, number)
            head = word.find(WILDCARD) if WILDCARD in word else 0
            word = word.replace(WILDCARD, "")
        if start is None and (named := START.search(comment)):
            start = named.group(1)
        tokens = _tokens(line)
        if not tokens:
            continue
        rule = _rule(tokens, Location(source, number, tokens[0][0]))
        if (rule.state, rule.read) in written:
            raise NondeterministicError(
                f"second rule for ({shown(rule.state)}, {shown(rule.read)}); the first is at "
                f"{written[rule.state, rule.read].where}", rule.where)
        written[rule.state, rule.read] = rule
    if not written:
        raise ParseError("no rules: expected lines such as '0 1 1 r 0'", Location(source, 1, 1))
    rules = [r for r in written.values() if not is_halting(r.state)]
    names = [r.state for r in rules] + [r.next for r in written.values()]
    states = [s for s in dict.fromkeys(names) if s != WILDCARD and not is_halting(s)]
    halting = [s for s in dict.fromkeys(names) if s != WILDCARD and is_halting(s)]
    if start is None:
        start = "0" if "0" in states else states[0]
    met = {a for r in rules for a in (r.read, r.write)} | set(word or "")
    symbols = [BLANK] + sorted(met - {BLANK, WILDCARD, " "})
    machine = build_machine(_explicit(written, states, symbols), blank=BLANK, start=start,
                            states=states, halt_states=halting, symbols=symbols,
                            source=Location(source))
    if word is not None:
        try:
            machine.encode_word(word)
        except InputError as error:
            raise ParseError(f"$INITIAL_TAPE: {error.message}", tape_at) from None
    return Document(machine, word, head, StepConvention.BUSY_BEAVER)


def _rule(tokens: list[tuple[int, str]], where: Location) -> Rule:
    fields = [token for _, token in tokens]
    if len(fields) == 6 and fields[5] == "!":
        fields = fields[:5]
    if len(fields) != 5:
        raise ParseError(f"a rule has five fields, state read write move next (and maybe !); "
                         f"this line has {len(fields)}", where)
    state, read, write, move, target = fields
    for (column, name), field in zip(tokens[1:3], ("read", "written"), strict=True):
        if len(name) != 1:
            raise ParseError(f"the {field} symbol {name!r} must be one character",
                             Location(where.source, where.line, column))
    if move.lower() not in MOVES:
        raise ParseError(f"the move {move!r} must be l, r or * (stay)",
                         Location(where.source, where.line, tokens[3][0]))
    return Rule(state, read, write, MOVES[move.lower()], target, where=where)


def _explicit(written: dict[tuple[str, str], Rule], states: list[str],
              symbols: list[str]) -> list[Rule]:
    """One rule per (state, symbol) the wildcards cover, as the site looks them up:
    (state, symbol), then (state, *), then (*, symbol), then (*, *)."""
    rules = []
    for state in states:
        for symbol in symbols:
            for key in ((state, symbol), (state, WILDCARD), (WILDCARD, symbol),
                        (WILDCARD, WILDCARD)):
                if key in written:
                    r = written[key]
                    rules.append(Rule(state, symbol,
                                      symbol if r.write == WILDCARD else r.write, r.move,
                                      state if r.next == WILDCARD else r.next, r.where))
                    break
    return rules


def write(machine: Machine, word: str | None = None, head: int = 0) -> str:
    """The machine as a program for Morphett's simulator; ``word`` (with the head on cell
    ``head``), if given, as its ``$INITIAL_TAPE``.

    Raises
    ------
    FormatError
        For a symbol other than the blank that is not one character, or is ``*``,
        ``;``, ``_`` or a space, a state name with a space, ``;`` or ``*``, or a
        working state whose name starts with ``halt``.
    """
    blank = machine.symbols[0]
    for symbol in machine.symbols[1:]:
        if len(symbol) != 1 or symbol in "*;_" or symbol.isspace():
            raise FormatError(f"Morphett's symbols are one character other than * ; and "
                              f"space, and _ is the blank; this machine has {symbol!r}")
    for state in machine.all_states:
        if not state or any(c.isspace() or c in ";*" for c in state):
            raise FormatError(f"Morphett's state names have no space, ; or *: {state!r}")
    for state in machine.states:
        if is_halting(state):
            raise FormatError(f"working state {state!r} would halt on Morphett's simulator "
                              "(its name starts with halt)")
    names = {state: state for state in machine.states} | {
        state: state if is_halting(state) else f"halt-{state}"
        for state in machine.halt_states}
    if len(set(names.values())) != len(names):
        raise FormatError("writing halting states as halt-NAME would merge two states")

    def symbol(name: str) -> str:
        return BLANK if name == blank else name

    lines = []
    if machine.states[0] != "0":
        lines.append(f"; $INITIAL_STATE: {machine.states[0]}   (rnntm reads this line; on "
                     f"the site, set the initial state to {machine.states[0]})")
    lines += [f"{names[r.state]} {symbol(r.read)} {symbol(r.write)} "
              f"{WRITTEN_MOVES[r.move]} {names[r.next]}"
              for r in machine.rules()]
    if word is not None:
        cells = [c if c == " " else symbol(c) for c in word]
        if head:
            cells.insert(head, WILDCARD)
        lines.append(f"; $INITIAL_TAPE: {''.join(cells)}")
    return "\n".join(lines) + "\n"
