"""The deterministic single-tape Turing machine as an immutable, validated value.

A :class:`Machine` numbers its working states ``0..n-1`` (state 0 starts), its halting states
``n..n+h-1`` and its tape symbols ``0..k-1`` (symbol 0 is the blank); names are kept for
display. ``table[s][a]`` is the :class:`Transition` taken in state ``s`` reading ``a``, or
``None`` where it is undefined (the machine then halts without executing a step).

Every format builds machines through :func:`build_machine`, which takes named
:class:`Rule` s and reports each defect with a specific error naming the culprit and, when the
rule came from text, its place.

>>> m = build_machine([Rule("A", "0", "1", "R", "H")], halt_states=["H"], blank="0",
...                   symbols=["0", "1"])
>>> m.states, m.halt_states, m.symbols
(('A',), ('H',), ('0', '1'))
>>> m.table[0][0]
Transition(write=1, move=<Move.R: 1>, next=1)
>>> m.table[0][1] is None
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import (
    DuplicateNameError,
    InputError,
    Location,
    MachineError,
    NondeterministicError,
    UnknownStateError,
    UnknownSymbolError,
)

__all__ = ["Move", "Transition", "Rule", "Machine", "build_machine", "shown"]


class Move(enum.IntEnum):
    """Head movement: its value is the change of head position."""

    L = -1
    N = 0
    R = 1

    @classmethod
    def parse(cls, text: str, where: Location | None = None) -> Move:
        try:
            return cls[text]
        except KeyError:
            raise MachineError(f"move {text!r} is not one of L, R, N", where) from None


@dataclass(frozen=True, slots=True)
class Transition:
    """Write ``write``, move the head by ``move``, enter state ``next`` (indices)."""

    write: int
    move: Move
    next: int


@dataclass(frozen=True)
class Rule:
    """One named transition as written in a source: in ``state`` reading ``read`` ..."""

    state: str
    read: str
    write: str
    move: str
    next: str
    where: Location | None = field(default=None, compare=False)


def shown(name: str) -> str:
    """A name as messages and lists show it: quoted if it has a space in it.

    >>> shown("q0"), shown(" ")
    ('q0', "' '")
    """
    return repr(name) if any(c.isspace() for c in name) else name


def _check_name(name: object, kind: str, where: Location | None) -> None:
    """Any non-empty printable name, a space included (turingmachine.io writes its blank
    ' '); formats that separate names by spaces refuse such names when they write."""
    if not isinstance(name, str) or not name or not name.isprintable():
        raise MachineError(f"{kind} name {name!r} must be a non-empty string of printable "
                           "characters", where)


@dataclass(frozen=True)
class Machine:
    """A deterministic Turing machine over a two-way infinite tape.

    Parameters
    ----------
    states
        Names of the working states; ``states[0]`` is the start state.
    halt_states
        Names of the halting states (indices ``len(states)`` onwards); may be empty.
    symbols
        Names of the tape symbols; ``symbols[0]`` is the blank.
    table
        ``table[s][a]``: the transition in working state ``s`` reading symbol ``a``, or None.
    input_symbols
        The symbols an input word may use (never the blank); by default all others.

    Raises
    ------
    MachineError
        If the names or the table are inconsistent (a specific subclass says which).
    """

    states: tuple[str, ...]
    halt_states: tuple[str, ...]
    symbols: tuple[str, ...]
    table: tuple[tuple[Transition | None, ...], ...]
    input_symbols: tuple[str, ...] = None  # type: ignore[assignment]  # default: non-blanks

    def __post_init__(self) -> None:
        for attr in ("states", "halt_states", "symbols", "input_symbols"):
            if getattr(self, attr) is not None:
                object.__setattr__(self, attr, tuple(getattr(self, attr)))
        object.__setattr__(self, "table", tuple(tuple(row) for row in self.table))
        if self.input_symbols is None:
            object.__setattr__(self, "input_symbols", self.symbols[1:])
        self._validate()

    def _validate(self) -> None:
        if not self.states:
            raise MachineError("a machine needs at least one working state")
        if not self.symbols:
            raise MachineError("a machine needs at least one symbol (the blank)")
        for kind, names in (("state", self.states + self.halt_states),
                            ("symbol", self.symbols), ("input symbol", self.input_symbols)):
            for name in names:
                _check_name(name, kind, None)
            _check_unique(names, kind, None)
        for name in self.input_symbols:
            if name not in self.symbols[1:]:
                raise UnknownSymbolError(
                    f"input symbol {name!r} is not a non-blank tape symbol")
        chosen = set(self.input_symbols)
        object.__setattr__(self, "input_symbols", tuple(a for a in self.symbols if a in chosen))
        if len(self.table) != len(self.states):
            raise MachineError(
                f"the table has {len(self.table)} rows for {len(self.states)} states")
        n_all, k = len(self.states) + len(self.halt_states), len(self.symbols)
        for s, row in enumerate(self.table):
            if len(row) != k:
                raise MachineError(
                    f"row of state {self.states[s]!r} has {len(row)} cells for {k} symbols")
            for a, t in enumerate(row):
                if t is None:
                    continue
                if not isinstance(t, Transition) or not isinstance(t.move, Move):
                    raise MachineError(f"cell ({self.states[s]}, {self.symbols[a]}) "
                                       f"is not a Transition with a Move: {t!r}")
                if not 0 <= t.write < k:
                    raise UnknownSymbolError(f"cell ({self.states[s]}, {self.symbols[a]}) "
                                             f"writes symbol index {t.write} of {k}")
                if not 0 <= t.next < n_all:
                    raise UnknownStateError(f"cell ({self.states[s]}, {self.symbols[a]}) "
                                            f"goes to state index {t.next} of {n_all}")

    # -- sizes and names ---------------------------------------------------------------------

    @property
    def n_states(self) -> int:
        """Number of working states (halting states not counted)."""
        return len(self.states)

    @property
    def n_symbols(self) -> int:
        """Number of tape symbols, the blank included."""
        return len(self.symbols)

    @property
    def all_states(self) -> tuple[str, ...]:
        """The names of every state, working states then halting states, by index."""
        return self.states + self.halt_states

    @property
    def symbol_bits(self) -> int:
        """b = max(1, bit_length(k − 1)): the bits in which a symbol is written in binary."""
        return max(1, (self.n_symbols - 1).bit_length())

    @property
    def state_bits(self) -> int:
        """s = bit_length(states − 1): the bits in which a state's index is written in
        binary, halting states included."""
        return (len(self.all_states) - 1).bit_length()

    def transitions(self) -> list[tuple[int, int, Transition]]:
        """Every defined transition with its state and read symbol: (state, symbol, it)."""
        return [(s, a, t) for s, row in enumerate(self.table) for a, t in enumerate(row)
                if t is not None]

    def halting_pairs(self) -> list[tuple[int, int]]:
        """Every (state, scanned symbol) at which the machine halts."""
        return [(s, a) for s in range(len(self.all_states)) for a in range(self.n_symbols)
                if self.transition(s, a) is None]

    def state_name(self, state: int) -> str:
        """The name of a working or halting state index."""
        return self.all_states[state]

    def is_halting(self, state: int) -> bool:
        """True for the index of a halting state."""
        return state >= len(self.states)

    def transition(self, state: int, symbol: int) -> Transition | None:
        """The transition from ``state`` reading ``symbol``; None if halting or undefined."""
        return None if self.is_halting(state) else self.table[state][symbol]

    def rules(self) -> Iterator[Rule]:
        """The defined transitions as named rules, in table order."""
        names = self.states + self.halt_states
        for s, row in enumerate(self.table):
            for a, t in enumerate(row):
                if t is not None:
                    yield Rule(self.states[s], self.symbols[a], self.symbols[t.write],
                               t.move.name, names[t.next])

    # -- words -------------------------------------------------------------------------------

    @property
    def single_character_symbols(self) -> bool:
        """True when every symbol name is one character, so words are written unspaced."""
        return all(len(name) == 1 for name in self.symbols)

    def encode_word(self, word: str | Sequence[str]) -> tuple[int, ...]:
        """Symbol indices of an input word: symbols of the input alphabet, and the blank
        anywhere (a tape such as ``110110 101011``).

        A string is read character by character when every symbol is one character, and as
        whitespace-separated names otherwise; a sequence is taken as names. In a string of
        single characters, a space stands for the blank unless a symbol is named ' '.

        >>> m = build_machine([Rule("A", "a", "b", "R", "A")], blank="_", symbols="_ab")
        >>> m.encode_word("ab_a"), m.encode_word("ab a")
        ((1, 2, 0, 1), (1, 2, 0, 1))
        >>> m.encode_word("ac")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        rnntm.errors.InputError: input symbol 'c' at position 1 is not in the input ...

        Raises
        ------
        InputError
            If a symbol is neither in the input alphabet nor the blank.
        """
        blank = self.symbols[0]
        if isinstance(word, str):
            if self.single_character_symbols:
                names = [blank if c == " " and " " not in self.symbols else c for c in word]
            else:
                names = word.split()
        else:
            names = list(word)
        index = {name: i for i, name in enumerate(self.symbols)}
        allowed = set(self.input_symbols) | {blank}
        for position, name in enumerate(names):
            if name not in allowed:
                raise InputError(
                    f"input symbol {name!r} at position {position} is not in the input "
                    f"alphabet {{{', '.join(self.input_symbols)}}} nor the blank {blank!r}")
        return tuple(index[name] for name in names)

    def decode_word(self, cells: Iterable[int]) -> str:
        """Symbol names of ``cells`` joined as a word (spaced unless all are one character)."""
        sep = "" if self.single_character_symbols else " "
        return sep.join(self.symbols[c] for c in cells)

    def __str__(self) -> str:
        """The rules, one a line as ``state read write move next`` (the rule lines of the
        table format; :mod:`rnntm.machines.formats` writes whole files).

        >>> print(build_machine([Rule("A", "0", "1", "R", "H")], halt_states=["H"], blank="0"))
        A 0 1 R H
        """
        return "\n".join(f"{r.state} {r.read} {r.write} {r.move} {r.next}" for r in self.rules())


def _check_unique(names: Iterable[str], kind: str, where: Location | None) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DuplicateNameError(f"{kind} {name!r} is declared twice", where)
        seen.add(name)


def build_machine(
    rules: Iterable[Rule],
    *,
    blank: str,
    halt_states: Sequence[str] = (),
    start: str | None = None,
    states: Sequence[str] = (),
    symbols: Sequence[str] = (),
    input_symbols: Sequence[str] | None = None,
    declared_at: Mapping[str, Location] | None = None,
    source: Location | None = None,
) -> Machine:
    """Build and validate a machine from named rules.

    Parameters
    ----------
    rules
        The defined transitions; a (state, read) pair not covered is undefined.
    blank
        The blank symbol's name.
    halt_states
        Names that rules may enter to halt.
    start
        The start state; by default the first state of ``states``, else of the rules.
    states, symbols
        Working states and tape symbols in the order to number them; names first met in
        the rules are appended in order of appearance.
    input_symbols
        The input alphabet; by default every symbol but the blank.
    declared_at
        Where the declarations were written, by the name of the argument (``states``,
        ``symbols``, ``halt_states``, ``input_symbols``, ``start``, ``blank``), for errors.
    source
        Where the machine as a whole was written: errors that have no more precise place
        (no working state, say) are placed there.

    Raises
    ------
    NondeterministicError
        If two rules share a (state, read) pair; the message names both places.
    DuplicateNameError
        If a declaration names a state or symbol twice.
    UnknownStateError
        If a rule goes to an undeclared state, or ``start`` appears in no rule of a
        machine that has rules (a typo would otherwise halt at once).
    UnknownSymbolError, MachineError
        For the other defects, naming the culprit and the rule's place.
    """
    try:
        return _build_machine(list(rules), blank, halt_states, start, states, symbols,
                              input_symbols, dict(declared_at or {}))
    except MachineError as error:
        raise error.located(source) from None


def _build_machine(rules: list[Rule], blank: str, halt_states: Sequence[str],
                   start: str | None, states: Sequence[str], symbols: Sequence[str],
                   input_symbols: Sequence[str] | None, at: dict[str, Location]) -> Machine:
    """:func:`build_machine`'s work, its errors placed where known."""
    for argument, kind, names in (("states", "state", states), ("symbols", "symbol", symbols),
                                  ("halt_states", "halting state", halt_states),
                                  ("input_symbols", "input symbol", input_symbols or ())):
        _check_unique(names, kind, at.get(argument))
    halts = list(halt_states)
    halt_set = set(halts)
    state_order = list(states)
    symbol_order = list(symbols)
    if symbols and blank not in symbol_order:
        raise UnknownSymbolError(f"the blank {blank!r} is not among the symbols "
                                 f"{{{', '.join(symbols)}}}", at.get("blank"))
    for name in state_order:
        if name in halt_set:
            raise DuplicateNameError(f"state {name!r} is declared both working and halting",
                                     at.get("halt_states"))
    for rule in rules:
        for kind, name in (("state", rule.state), ("state", rule.next), ("symbol", rule.read),
                           ("symbol", rule.write)):
            _check_name(name, kind, rule.where)
        if rule.state in halt_set:
            raise DuplicateNameError(
                f"halting state {rule.state!r} cannot have transitions", rule.where)
        if rule.state not in state_order:
            state_order.append(rule.state)
        for name in (rule.read, rule.write):
            if symbols and name not in symbol_order:
                raise UnknownSymbolError(
                    f"symbol {name!r} is not among the declared symbols "
                    f"{{{', '.join(symbol_order)}}}", rule.where)
            if name not in symbol_order:
                symbol_order.append(name)
    if blank not in symbol_order:
        symbol_order.append(blank)
    if start is not None:
        if start in halt_set:
            raise DuplicateNameError(f"the start state {start!r} is a halting state",
                                     at.get("start"))
        if rules and start not in state_order and all(start != r.next for r in rules):
            # a typo, which would halt at once
            raise UnknownStateError(
                f"the start state {start!r} appears in no rule; states with rules: "
                f"{', '.join(dict.fromkeys(rule.state for rule in rules))}", at.get("start"))
        if start not in state_order:
            state_order.append(start)
        state_order.remove(start)
        state_order.insert(0, start)
    if not state_order:
        raise MachineError("the machine has no working state")
    symbol_order.remove(blank)
    symbol_order.insert(0, blank)

    state_index = {name: i for i, name in enumerate(state_order + halts)}
    symbol_index = {name: i for i, name in enumerate(symbol_order)}
    cells: list[list[Transition | None]] = [[None] * len(symbol_order) for _ in state_order]
    origin: dict[tuple[int, int], Rule] = {}
    for rule in rules:
        if rule.next not in state_index:
            raise UnknownStateError(
                f"rule ({shown(rule.state)}, {shown(rule.read)}) goes to unknown state "
                f"{rule.next!r}; "
                f"working states: {', '.join(state_order)}; halting states: "
                f"{', '.join(halts) or 'none declared'}", rule.where)
        key = (state_index[rule.state], symbol_index[rule.read])
        if key in origin:
            first = origin[key].where
            raise NondeterministicError(
                f"second rule for ({shown(rule.state)}, {shown(rule.read)})"
                + (f"; the first is at {first}" if first else ""), rule.where)
        origin[key] = rule
        cells[key[0]][key[1]] = Transition(symbol_index[rule.write],
                                           Move.parse(rule.move, rule.where),
                                           state_index[rule.next])
    if input_symbols is not None:
        for name in input_symbols:
            if name == blank:
                raise UnknownSymbolError(f"the blank {blank!r} cannot be an input symbol",
                                         at.get("input_symbols"))
            if name not in symbol_index:
                raise UnknownSymbolError(f"input symbol {name!r} is not a tape symbol",
                                         at.get("input_symbols"))
    return Machine(tuple(state_order), tuple(halts), tuple(symbol_order),
                   tuple(map(tuple, cells)),
                   None if input_symbols is None else tuple(input_symbols))
