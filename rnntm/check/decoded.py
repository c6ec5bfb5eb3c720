"""Running a compiled network from its input lines and reading the machine off it.

A :class:`NetworkRun` feeds the input word to the network bit by bit, then decodes the
machine part at every machine step (:meth:`NetworkRun.machine_steps`, tracking the head
from the decoded moves, as the network holds the tape relative to the head), then runs on
until the result on the output lines is complete and returns it as output bits
(:meth:`NetworkRun.output`). At every
network step it checks that each output line is exactly 0 or 1. The verifier and
:func:`simulate_network` read the network through it, and :func:`simulate_network` returns
the same :class:`~rnntm.machines.direct.Run` that direct execution does, decoded from the network
alone.

>>> from rnntm import load_machine
>>> from rnntm.compiler import compile
>>> result = simulate_network(compile(load_machine("bb4")), max_steps=1000)
>>> result.run.status.value, result.run.steps, result.run.nonblank, result.output_bits
('halted', 107, 13, '10111111111111')
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from ..compiler import Compiled, DecodeError, Reading
from ..compiler.lines import LINES, max_output_steps
from ..core.exact import brief
from ..execute.backends import run_states, spell
from ..machines.direct import Run, Status
from ..machines.machine import Move

__all__ = ["NetworkRun", "NetworkStep", "NetworkResult", "Resume", "simulate_network"]


class NetworkStep(NamedTuple):
    """The network at machine step ``step``: its ``state`` as the backend holds it
    (:meth:`NetworkRun.values` gives its values), what it reads, the head."""

    step: int
    state: tuple
    reading: Reading
    head: int
    at_rest: bool


class Resume(NamedTuple):
    """Where a run resumes: the network's state ``x`` at machine step ``step``, the head
    there."""

    x: Sequence
    step: int
    head: int


class _Lines(NamedTuple):
    """What the output lines show at one network step."""

    right: str | None     #: out.right's bit, if its valid line is 1
    left: str | None      #: out.left's bit, likewise
    halt: bool            #: the halt line is 1
    state: str            #: the state lines' bits
    problem: str | None   #: the lines' values, if one is neither 0 nor 1


class _Seen(NamedTuple):
    """What the machine part shows at one network step."""

    reading: Reading
    at_rest: bool
    under_way: Move | None   #: the move under way, for schedules of several steps
    shift: int | None        #: the reading's move as the head's change
    problem: bool            #: the reading is invalid


#: No valid line and no halt line up (the other lines then carry nothing): the output
#: lines at most network steps.
_QUIET = _Lines(None, None, False, "", None)


class NetworkRun:
    """One run of a compiled network on an input word, consumed phase by phase; or, with
    ``resume``, its continuation from a state at a machine step (the input lines 0).

    What it reads off the network at each step (the output lines, the machine's reading,
    whether it is at rest) is a function of the state. Under the specialised backend a
    state comes with its pattern's key (:func:`~rnntm.execute.run_states`), and what
    depends on the pattern alone is read once per pattern: the output lines when none of
    them holds a fraction, the reading when none of the neurons the layout reads from
    does (:attr:`~rnntm.compiler.layouts.StackLayout.read_from`), and whether the machine
    part is at rest (all 0)."""

    def __init__(self, compiled: Compiled, word: str | Sequence[str] = "", *,
                 backend: str = "auto", resume: Resume | None = None) -> None:
        self.compiled = compiled
        self.start_step = 0 if resume else compiled.start_step(word)
        self.first_step, self.first_head = (resume.step, resume.head) if resume else (0, 0)
        self.word_length = len(compiled.machine.encode_word(word))
        self.machine_step = -1                #: the last machine step yielded
        self._states = run_states(compiled.network, () if resume else compiled.inputs(word),
                                  steps=sys.maxsize, backend=backend,
                                  initial=resume.x if resume else None,
                                  idle_from=compiled.io.machine_size)  # I/O idles meanwhile
        self._lines: dict[int, _Lines] = {}   # per pattern key
        self._readings: dict[int, _Seen] = {}
        self.t = -1                           #: network steps taken
        self.right: list[str] = []            #: out.right at each step with its valid line 1
        self.left: list[str] = []             #: out.left, likewise
        self.state = ""                       #: the state lines, read as the halt line rises
        self.halt_line = False                #: the halt line has been 1
        self.writing = False                  #: a valid line is 1
        self.complete_at: int | None = None   #: the step at which the result is complete
        self.line_problem: str | None = None  #: the first output value that is not 0 or 1
        self.loading_problem: str | None = None  #: machine neurons active before the start

    def values(self, state: tuple) -> Sequence:
        """The network's values in a ``state`` that this run yielded."""
        return spell(self.compiled.network, state)

    def network_step(self, machine_step: int) -> int:
        """The network step at which the network holds machine step ``machine_step``: the
        loading's :attr:`start_step`, then ``steps_per_tm_step`` a machine step. A run
        stopped by its budget of N machine steps reports ``network_step(N)``; a halted run
        the step at which its result is complete (both valid lines fallen after the halt)."""
        return self.start_step + (machine_step - self.first_step) * \
            self.compiled.steps_per_tm_step

    def _read_lines(self, x: Sequence) -> _Lines:
        io = self.compiled.io
        values = [x[i] for i in io.lines]
        if any(value not in (0, 1) for value in values):
            return _Lines(None, None, False, "", f"the output lines ({', '.join(LINES)}, "
                          f"state) are ({', '.join(map(brief, values))})")
        if x[io.right_valid] == x[io.left_valid] == x[io.halt] == 0:
            return _QUIET
        return _Lines(("1" if x[io.right] == 1 else "0") if x[io.right_valid] == 1 else None,
                      ("1" if x[io.left] == 1 else "0") if x[io.left_valid] == 1 else None,
                      x[io.halt] == 1, "".join("1" if x[i] == 1 else "0" for i in io.state),
                      None)

    def _advance(self) -> tuple:
        state = next(self._states)
        self.t += 1
        lines = self._lines.get(state[0])
        if lines is _QUIET and not self.halt_line:  # most steps
            self.writing = False
            return state
        if lines is None:
            lines = self._read_lines(self.values(state))
            if state[0] is not None and lines.problem is None:
                self._lines[state[0]] = lines
        if lines.problem and not self.line_problem:
            self.line_problem = f"network step {self.t}: {lines.problem}"
        if lines.right is not None:
            self.right.append(lines.right)
        if lines.left is not None:
            self.left.append(lines.left)
        if lines.halt and not self.halt_line:
            self.state = lines.state
        self.halt_line = self.halt_line or lines.halt
        self.writing = lines.right is not None or lines.left is not None
        if self.complete_at is None and self.halt_line and not self.writing:
            self.complete_at = self.t
        return state

    def _read(self, state: tuple) -> _Seen:
        """What the machine part shows in ``state`` (kept per pattern key where it depends
        on the pattern alone)."""
        key = state[0]
        known = self._readings.get(key)
        if known is not None:
            return known
        layout, x = self.compiled.layout, self.values(state)
        reading = layout.read(x)
        seen = _Seen(reading, layout.at_rest(x[:self.compiled.io.machine_size]),
                     layout.move_taken(x), None if reading.move is None else int(reading.move),
                     bool(reading.problem))
        if key is not None and not any(key >> (self.compiled.network.size + i) & 1
                                       for i in layout.read_from):
            self._readings[key] = seen
        return seen

    def machine_steps(self, max_steps: int,
                      progress: Callable[[int], None] | None = None) -> Iterator[NetworkStep]:
        """Load the input, then yield the network at machine steps 0, 1, ..., until it has
        stopped after a halt or one step past ``max_steps`` (so that a halt at
        ``max_steps`` is seen)."""
        per_step = self.compiled.steps_per_tm_step
        while self.t < self.start_step - 1:
            if not (self._read(self._advance()).at_rest or self.loading_problem):
                self.loading_problem = (f"network step {self.t}: a machine neuron is active "
                                        "while the input loads")
        head, pending, known, advance = self.first_head, None, self._readings, self._advance
        step, new = self.first_step, tuple.__new__
        for t in range((max_steps - self.first_step + 1) * per_step + 1):
            state = advance()
            reading, at_rest, under_way, shift, problem = known.get(state[0]) or \
                self._read(state)
            if per_step > 1:
                if t % per_step:
                    if under_way is not None:
                        pending = under_way
                    continue
                step = self.first_step + t // per_step
                if shift is None and pending is not None:
                    shift = int(pending)
                pending = None
            elif t:
                step += 1
            if progress is not None and step & 0xFFFF == 0:
                progress(step)
            # a reading is valid only with an active state: then not at rest
            if problem and at_rest:
                yield NetworkStep(step, state, Reading.invalid("at rest"), head, True)
                return
            if t and shift is not None:
                head += shift
            self.machine_step = step
            yield new(NetworkStep, (step, state, reading, head, False))  # at C speed

    def run_to_result(self, progress: Callable[[int], None] | None = None, *,
                      max_network_steps: int | None = None) -> str | None:
        """From the start, without decoding the machine at each step: run until the
        result on the output lines is complete, and return it as :meth:`output` does;
        None if it is not complete after ``max_network_steps`` (no bound by default: for
        networks whose machine is known to halt, such as a universal machine on a budget).
        ``progress`` is called now and then with the network steps done."""
        while self.complete_at is None:
            if self.t + 1 == max_network_steps:
                return None
            self._advance()
            if progress is not None and self.t % 65536 == 0:
                progress(self.t)
        return self._output_bits()

    def output(self) -> str | None:
        """After the machine steps: run on until the halt line is 1 and both valid lines
        have fallen, and return the output bits (:meth:`~rnntm.compiler.lines.IOLayout.
        output_bits`); None if the result is not complete after the longest the output
        stage can take (:func:`~rnntm.compiler.lines.max_output_steps` for as many cells as
        the tape can hold)."""
        io = self.compiled.io
        cells = self.word_length + self.machine_step + 2
        for _ in range(max_output_steps(cells, io.symbol_bits)):
            if self.complete_at is not None:
                break
            self._advance()
        return None if self.complete_at is None else self._output_bits()

    def _output_bits(self) -> str:
        """What the output lines carried, as one string (state, then the tape left to right)."""
        return self.compiled.io.output_bits(self.state, "".join(self.right), "".join(self.left))


class NetworkResult(NamedTuple):
    """What :func:`simulate_network` decodes: the run, the network steps (see
    :meth:`NetworkRun.network_step`: loading and machine steps, and for a halted run the
    output until it is complete) and the output bits (None unless the machine halted)."""

    run: Run
    network_steps: int
    output_bits: str | None


def simulate_network(compiled: Compiled, word: str | Sequence[str] = "", *, max_steps: int,
                     backend: str = "auto",
                     progress: Callable[[int], None] | None = None) -> NetworkResult:
    """Run the network on ``word`` and decode the machine's result from it alone.

    Parameters
    ----------
    compiled
        The compiled network.
    word
        The input, fed on the input lines.
    max_steps
        The budget of machine steps.
    backend
        The exact number backend (see :data:`rnntm.execute.BACKENDS`).
    progress
        Called now and then with the number of machine steps done.

    Returns
    -------
    NetworkResult
        The :class:`~rnntm.machines.direct.Run` read off the network (it halted if the
        network came to rest; its last decodable state is the final configuration), the
        network steps, and the output bits.

    Raises
    ------
    DecodeError
        If the network reaches a state that encodes no configuration, an output line is
        not 0 or 1, or the network stops without completing a result.
    """
    running = NetworkRun(compiled, word, backend=backend)
    last: NetworkStep | None = None
    halted = False
    for now in running.machine_steps(max_steps, progress):
        if now.at_rest:
            halted = True
            break
        if now.reading.problem:
            raise DecodeError(f"network step {running.t}: {now.reading.problem}")
        if now.step > max_steps:
            break
        last = now
    if last is None:
        raise DecodeError("the network stopped before its first step")
    final = compiled.layout.configuration(running.values(last.state), last.head)
    start, cells = final.cells()
    status = Status.HALTED if halted else Status.OUT_OF_STEPS
    output_bits = None
    if halted:
        output_bits = running.output()
        if output_bits is None:
            raise DecodeError(f"network step {running.t}: no complete result on the output lines")
    if running.line_problem:
        raise DecodeError(running.line_problem)
    run = Run(compiled.machine, status, last.step, final.state, final.head, start, cells)
    return NetworkResult(run, running.complete_at if halted else running.network_step(last.step),
                         output_bits)
