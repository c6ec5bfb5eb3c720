"""Direct execution of Turing machines: the reference every network is checked against.

Conventions (also in the README):

* **Input** is written from the head's cell rightwards; the head starts on its first symbol
  (cell 0) in the start state.
* **Steps**: every executed transition counts, the halting one included. An undefined
  transition halts *without* executing. With ``StepConvention.BUSY_BEAVER`` reaching an
  undefined transition counts as one more step, as the busy-beaver community counts ``---``.
* Every run has a step budget; running out of it is the status ``OUT_OF_STEPS``.

:func:`run` is fast: the tape is a flat array with sentinel cells at both ends, so the inner
loop does no bounds test and no halting test (halting states have sentinel rows), at O(1)
amortized cost per step. :func:`run_stepwise` yields immutable configurations, also at O(1)
per step, and is the plain reference for the fast loop.

>>> from rnntm.machines.formats import standard
>>> bb4 = standard.parse("1RB1LB_1LA0LC_1RZ1LD_1RD0RA")
>>> r = run(bb4, max_steps=1000)
>>> r.status.value, r.steps, r.nonblank, r.tape
('halted', 107, 13, '10111111111111')
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import InputError
from .configuration import Configuration, Stack
from .machine import Machine

__all__ = ["Status", "StepConvention", "Run", "Tracer", "initial", "step", "run_stepwise",
           "run"]

#: Steps between two progress reports of :func:`run`.
CHUNK = 1 << 21


class Status(enum.Enum):
    HALTED = "halted"
    OUT_OF_STEPS = "out_of_steps"


class StepConvention(enum.Enum):
    """How halting on an undefined transition is counted."""

    #: Only executed transitions count (rnntm's default).
    TRANSITIONS = "transitions"
    #: Reaching an undefined transition (``---``) counts as one more step.
    BUSY_BEAVER = "busy-beaver"


@dataclass(frozen=True)
class Run:
    """The result of running a machine: status, steps and the final tape, state and head.

    The tape is kept compact (``cells`` from ``tape_start``, trimmed of blanks at both
    ends); :attr:`final` gives it as a :class:`Configuration`.
    """

    machine: Machine
    status: Status
    steps: int
    state_index: int
    head: int
    tape_start: int
    cells: tuple[int, ...]
    convention: StepConvention = StepConvention.TRANSITIONS

    @classmethod
    def of(cls, machine: Machine, final: Configuration, steps: int,
           convention: StepConvention = StepConvention.TRANSITIONS) -> Run:
        """The result of a run that executed ``steps`` transitions and stopped at ``final``."""
        start, cells = final.cells()
        return cls.of_tape(machine, final.state, final.head, start, cells, steps, convention)

    @classmethod
    def of_tape(cls, machine: Machine, state: int, head: int, start: int,
                cells: tuple[int, ...], steps: int, convention: StepConvention) -> Run:
        """The result of a run stopped in ``state`` with ``cells`` (trimmed) from ``start``.

        It halted if no transition applies there; under the busy-beaver convention,
        stopping at an undefined transition counts one more step. A blank tape starts at
        the head, as :meth:`Configuration.cells` has it.
        """
        start = start if cells else head
        scanned = cells[head - start] if 0 <= head - start < len(cells) else 0
        halted = machine.transition(state, scanned) is None
        if halted and convention is StepConvention.BUSY_BEAVER \
                and not machine.is_halting(state):
            steps += 1
        return cls(machine, Status.HALTED if halted else Status.OUT_OF_STEPS, steps, state,
                   head, start, cells, convention)

    @property
    def final(self) -> Configuration:
        """The final configuration (built on demand: O(tape) time)."""
        return Configuration.from_cells(self.state_index, self.head, self.tape_start,
                                        self.cells)

    @property
    def state(self) -> str:
        """Name of the final state (a working state if it halted on an undefined transition)."""
        return self.machine.state_name(self.state_index)

    @property
    def tape(self) -> str:
        """Symbols from the leftmost to the rightmost non-blank cell."""
        return self.machine.decode_word(self.cells)

    @property
    def nonblank(self) -> int:
        return len(self.cells) - self.cells.count(0)

    def as_dict(self) -> dict[str, object]:
        """The result as plain JSON-ready values."""
        return {
            "status": self.status.value,
            "steps": self.steps,
            "step_convention": self.convention.value,
            "state": self.state,
            "head": self.head,
            "tape_start": self.tape_start,
            "tape": self.tape,
            "nonblank": self.nonblank,
        }


def initial(machine: Machine, word: str | Sequence[str] = "", head: int = 0) -> Configuration:
    """The start configuration: ``word`` on cells 0, 1, … and the head on cell ``head``.

    >>> from rnntm.machines.formats import standard
    >>> c = initial(standard.parse("1RB1LB_1LA1RZ"), "1101", head=2)
    >>> c.head, list(c.left), list(c.right)
    (2, [1, 1], [0, 1])

    Raises
    ------
    InputError
        If ``head`` is not a cell from 0 to the word's length.
    """
    cells = machine.encode_word(word)
    check_head(head, len(cells))
    return Configuration(0, head, Stack.of(reversed(cells[:head])), Stack.of(cells[head:]))


def check_head(head: int, length: int) -> None:
    """Refuse a start cell outside 0 .. ``length`` (the cell just past the word)."""
    if not 0 <= head <= length:
        raise InputError(f"the head starts on cell {head}, outside the input's cells 0 to "
                         f"{length} (the cell after the last)")


def step(machine: Machine, config: Configuration) -> Configuration | None:
    """The next configuration, or None if ``config`` is halted (halting state or undefined)."""
    t = machine.transition(config.state, config.scanned)
    if t is None:
        return None
    _, rest = config.right.pop()
    if t.move > 0:
        return Configuration(t.next, config.head + 1, config.left.push(t.write), rest)
    if t.move < 0:
        nearest, left = config.left.pop()
        return Configuration(t.next, config.head - 1, left, rest.push(t.write).push(nearest))
    return Configuration(t.next, config.head, config.left, rest.push(t.write))


def run_stepwise(machine: Machine, word: str | Sequence[str] = "", *,
                 max_steps: int, head: int = 0) -> Iterator[Configuration]:
    """Yield the start configuration and then one configuration per executed step.

    Stops when the machine halts or after ``max_steps`` steps, whichever comes first.

    >>> from rnntm.machines.formats import standard
    >>> [c.state for c in run_stepwise(standard.parse("1RB1LB_1LA1RZ"), max_steps=99)]
    [0, 1, 0, 1, 0, 1, 2]
    """
    config: Configuration | None = initial(machine, word, head)
    for _ in range(max_steps + 1):
        if config is None:
            return
        yield config
        config = step(machine, config)


def _transition_table(machine: Machine) -> tuple[list[tuple[int, int, int] | None], int]:
    """The flat transition table of the fast loop, and its stride (symbols + sentinel).

    Entry ``state * stride + symbol`` is ``(write, move, next * stride)``; it is None for an
    undefined transition, for every cell of a halting state, and for the sentinel symbol.
    """
    stride = machine.n_symbols + 1
    n_all = machine.n_states + len(machine.halt_states)
    table: list[tuple[int, int, int] | None] = [None] * (n_all * stride)
    for s, row in enumerate(machine.table):
        for a, t in enumerate(row):
            if t is not None:
                table[s * stride + a] = (t.write, int(t.move), t.next * stride)
    return table, stride


def _advance(table: list, tape: array, pos: int, sk: int, budget: int) -> tuple[int, int, int]:
    """Execute at most ``budget`` steps; return (steps done, head index, state * stride).

    Stops early, before executing, at a None entry: a halt, or the head on a sentinel.
    """
    for done in range(budget):
        entry = table[sk + tape[pos]]
        if entry is None:
            return done, pos, sk
        tape[pos], move, sk = entry
        pos += move
    return budget, pos, sk


def _advance_leaving(table: list, tape: array, pos: int, sk: int, budget: int, low: int,
                     high: int, move: int) -> tuple[int, int, int, int, int, int]:
    """:func:`_advance`, also keeping the lowest index a move right left (``low``), the
    highest a move left left (``high``) and the last move."""
    for done in range(budget):
        entry = table[sk + tape[pos]]
        if entry is None:
            return done, pos, sk, low, high, move
        tape[pos], move, sk = entry
        if move > 0:
            low = pos if pos < low else low
        elif move < 0:
            high = pos if pos > high else high
        pos += move
    return budget, pos, sk, low, high, move


def marks(machine: Machine, word: str | Sequence[str], steps: Sequence[int]
          ) -> Iterator[tuple[Configuration, int, int | None, int]]:
    """At each of ``steps`` (increasing, within the run), in the fast loop: the
    configuration, the last move (-1, 0, 1), the leftmost cell a move right has left (None
    before one) and the rightmost cell a move left has left or the input holds (-1 for
    neither): the extent of the cells a compiled network holds on each stack.

    >>> from rnntm.machines.formats import standard
    >>> [(c.head, move, low, high) for c, move, low, high in
    ...  marks(standard.parse("1RB1LB_1LA1RZ"), "", [1, 2, 3])]
    [(1, 1, 0, -1), (0, -1, 0, 1), (-1, -1, 0, 1)]

    Raises
    ------
    ValueError
        If the run halts before a step asked for.
    """
    table, stride = _transition_table(machine)
    tape = _FlatTape(machine.encode_word(word), sentinel=stride - 1)
    pos, sk, done, move = tape.origin, 0, 0, 0
    low, high = None, len(machine.encode_word(word)) - 1           # cell positions
    for target in steps:
        while done < target:
            origin = tape.origin
            far = 1 << 62
            count, pos, sk, low_i, high_i, move = _advance_leaving(
                table, tape.cells, pos, sk, target - done,
                far if low is None else low + origin, high + origin, move)
            done += count
            low = None if low_i == far else low_i - origin
            high = high_i - origin
            if done < target:
                if tape.cells[pos] != tape.sentinel:
                    raise ValueError(f"the run halts at step {done}, before {target}")
                pos = tape.grow(pos)
        start, trimmed = tape.trimmed()
        yield (Configuration.from_cells(sk // stride, pos - tape.origin, start, trimmed),
               move, low, high)


class _FlatTape:
    """The fast loops' tape: a flat array of cells with a sentinel symbol at each end, which
    doubles towards whichever end the head reaches (amortized O(1) a step)."""

    __slots__ = ("cells", "origin", "sentinel")

    def __init__(self, inputs: Sequence[int], sentinel: int) -> None:
        self.sentinel = sentinel
        self.cells = array("B" if sentinel < 256 else "I", [0]) * (max(64, 2 * len(inputs)) + 2)
        self.cells[0] = self.cells[-1] = sentinel
        self.origin = 1  # the index of cell 0
        self.cells[1:1 + len(inputs)] = array(self.cells.typecode, inputs)

    def grow(self, pos: int) -> int:
        """Double the tape past the sentinel at index ``pos``; the head's new index."""
        cells = self.cells
        grow = array(cells.typecode, [0]) * (len(cells) - 2)
        cells[pos] = 0
        if pos == 0:
            self.cells = cells[:1] + grow + cells[1:]
            self.cells[0] = self.sentinel
            self.origin += len(grow)
            return pos + len(grow)
        self.cells = cells[:-1] + grow + cells[-1:]
        self.cells[-1] = self.sentinel
        return pos

    def trimmed(self) -> tuple[int, tuple[int, ...]]:
        """(position of the first non-blank cell, the cells up to the last non-blank)."""
        start, cells = _trim(self.cells[1:-1])
        return start + 1 - self.origin, cells


def _trim(cells: array) -> tuple[int, tuple[int, ...]]:
    """(index of the first non-blank, the cells from it to the last non-blank).

    A blank tape gives an empty tuple (its index means nothing; :meth:`Run.of_tape` puts it
    at the head).
    """
    if cells.itemsize == 1:  # strip the blanks (zero bytes) in C
        raw = cells.tobytes()
        first = len(raw) - len(raw.lstrip(b"\0"))
        return first, tuple(raw[first:len(raw.rstrip(b"\0"))])
    marks = [i for i, a in enumerate(cells) if a]
    return (marks[0], tuple(cells[marks[0]:marks[-1] + 1])) if marks else (0, ())


def run(machine: Machine, word: str | Sequence[str] = "", *, max_steps: int,
        convention: StepConvention = StepConvention.TRANSITIONS,
        progress: Callable[[int], None] | None = None, head: int = 0) -> Run:
    """Run ``machine`` on ``word`` for at most ``max_steps`` executed transitions.

    Parameters
    ----------
    machine
        The machine.
    word
        The input, written from the head rightwards (see :meth:`Machine.encode_word`).
    max_steps
        The budget of executed transitions.
    convention
        How an undefined transition is counted (see :class:`StepConvention`).
    progress
        Called with the number of steps done, every ``CHUNK`` steps and when the tape grows.
    head
        The cell the head starts on: 0 (the word's first) to the word's length.

    Returns
    -------
    Run
        Status, step count and final configuration.

    Examples
    --------
    >>> from rnntm import load_machine
    >>> r = run(load_machine("binary-addition"), "1101+1011", max_steps=10_000)
    >>> r.status.value, r.steps, r.tape
    ('halted', 176, '11000')

    Notes
    -----
    O(1) amortized time per step and O(cells visited) memory: the tape doubles when the
    head reaches a sentinel at either end.
    """
    table, stride = _transition_table(machine)
    cells = machine.encode_word(word)
    check_head(head, len(cells))
    tape = _FlatTape(cells, sentinel=stride - 1)
    pos, sk, steps = tape.origin + head, 0, 0
    while steps < max_steps:
        done, pos, sk = _advance(table, tape.cells, pos, sk, min(CHUNK, max_steps - steps))
        steps += done
        if progress is not None:
            progress(steps)
        if tape.cells[pos] != tape.sentinel:
            if table[sk + tape.cells[pos]] is None:
                break
            continue
        pos = tape.grow(pos)
    start, trimmed = tape.trimmed()
    return Run.of_tape(machine, sk // stride, pos - tape.origin, start, trimmed, steps,
                       convention)


class Tracer:
    """Direct execution one step at a time, O(1) a step, for lockstep comparisons.

    It reads as the configuration it stands in (``state``, ``scanned``, ``head``) and builds
    the whole :class:`Configuration` only when asked (O(tape)).

    >>> from rnntm.machines.formats import standard
    >>> t = Tracer(standard.parse("1RB1LB_1LA1RZ"))
    >>> while t.advance():
    ...     pass
    >>> t.steps, t.state, t.configuration() == list(run_stepwise(t.machine, max_steps=9))[-1]
    (6, 2, True)
    """

    def __init__(self, machine: Machine, word: str | Sequence[str] = "") -> None:
        self.machine = machine
        self._table, self._stride = _transition_table(machine)
        self._tape = _FlatTape(machine.encode_word(word), sentinel=self._stride - 1)
        self._pos, self._sk, self.steps = self._tape.origin, 0, 0

    @classmethod
    def at(cls, machine: Machine, config: Configuration, steps: int) -> Tracer:
        """A tracer standing in ``config``, ``steps`` steps into its run.

        >>> from rnntm.machines.formats import standard
        >>> bb2 = standard.parse("1RB1LB_1LA1RZ")
        >>> middle = list(run_stepwise(bb2, max_steps=3))[-1]
        >>> t = Tracer.at(bb2, middle, 3)
        >>> while t.advance():
        ...     pass
        >>> t.steps, t.configuration() == list(run_stepwise(bb2, max_steps=9))[-1]
        (6, True)
        """
        start, cells = config.cells()
        first = min(start, config.head)
        after = max(config.head + 1 - start - len(cells), 0)      # the head's cell included
        row = [0] * (start - first) + list(cells) + [0] * after
        tracer = cls(machine)
        tracer._tape = _FlatTape(row, sentinel=tracer._stride - 1)
        tracer._tape.origin = 1 - first                  # position p at index origin + p
        tracer._pos = tracer._tape.origin + config.head
        tracer._sk, tracer.steps = config.state * tracer._stride, steps
        return tracer

    @property
    def state(self) -> int:
        return self._sk // self._stride

    @property
    def scanned(self) -> int:
        symbol = self._tape.cells[self._pos]
        return 0 if symbol == self._tape.sentinel else symbol

    @property
    def head(self) -> int:
        return self._pos - self._tape.origin

    def situation(self) -> tuple[int, int, bool]:
        """The state, the scanned symbol, and whether the machine halts there (no
        transition), in one call: what a lockstep compares at every step."""
        symbol = self._tape.cells[self._pos]
        if symbol == self._tape.sentinel:
            symbol = 0
        return self._sk // self._stride, symbol, self._table[self._sk + symbol] is None

    def advance(self) -> bool:
        """Execute one transition; False (and nothing done) if the machine has halted."""
        cells = self._tape.cells
        entry = self._table[self._sk + cells[self._pos]]
        if entry is None:
            if cells[self._pos] != self._tape.sentinel:
                return False
            self._pos = self._tape.grow(self._pos)
            cells = self._tape.cells
            entry = self._table[self._sk + cells[self._pos]]
            if entry is None:
                return False
        cells[self._pos], move, self._sk = entry
        self._pos += move
        self.steps += 1
        return True

    def configuration(self) -> Configuration:
        start, trimmed = self._tape.trimmed()
        return Configuration.from_cells(self.state, self.head, start, trimmed)
