"""What a compiled network's neurons mean: reading the machine off a network's state.

A layout knows which neurons hold what. Its :meth:`~StackLayout.read` gives the state, the
scanned symbol and the last move in O(neurons); :meth:`~StackLayout.stacks` decodes the two
stacks, and :meth:`~StackLayout.configuration` the whole configuration, in O(tape); and
:meth:`~StackLayout.encode_start` writes a start configuration into the neurons. Values that
are no valid encoding give an invalid :class:`Reading` or raise :class:`DecodeError`, which
the verifier reports as a divergence. This module is what the verifier trusts: it reads
values with the stack code (:mod:`rnntm.core.stackcode`) and imports nothing of the
constructions that build networks.

>>> from rnntm import compile, load_machine
>>> c = compile(load_machine("bb4"))
>>> x = c.loaded_state("111")
>>> c.layout.read(x).state, c.layout.read(x).scanned
(0, 1)
>>> c.layout.configuration(x, head=0)
Configuration(state=0, head=0, left=Stack([]), right=Stack([1, 1, 1]))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from operator import itemgetter
from typing import ClassVar

from ..core.exact import brief
from ..core.stackcode import CodingError, StackCode
from ..errors import RnntmError
from ..machines.configuration import Configuration, Stack
from ..machines.machine import Move

__all__ = ["DecodeError", "Reading", "RealtimeLayout", "SiegelmannSontagLayout", "StackLayout",
           "TwoPhaseLayout"]


class DecodeError(RnntmError, ValueError):
    """A network state that encodes no machine configuration."""


@dataclass(frozen=True, slots=True)
class Reading:
    """State index, scanned symbol and the move that led here; ``problem`` if undecodable."""

    state: int
    scanned: int
    move: Move | None
    problem: str | None = None

    @staticmethod
    def invalid(problem: str) -> Reading:
        return Reading(-1, -1, None, problem)


@dataclass(frozen=True)
class StackLayout:
    """Base and alphabet of the stack code, and the neurons whose sum is each stack."""

    kind: ClassVar[str]  #: the construction that builds this layout
    base: int
    n_symbols: int
    left: tuple[int, ...] = ()
    right: tuple[int, ...] = ()
    left_top: tuple[tuple[int, int], ...] = ()  # (j, neuron): pieces of [top of left >= j]
    right_top: tuple[tuple[int, int], ...] = ()
    scanned_on_right: bool = False  # does the right stack hold the scanned cell on top?

    def stacks(self, x) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(left stack, right stack without the scanned cell), top first."""
        try:
            return tuple(self.symbol_code.decode(sum(x[i] for i in neurons))
                         for neurons in (self.left, self.right))
        except CodingError as error:
            raise DecodeError(f"a stack is not a valid code: {error}") from None

    def configuration(self, x, head: int) -> Configuration:
        """The whole configuration at ``head`` (the network does not hold the head position)."""
        reading = self.read(x)
        if reading.problem:
            raise DecodeError(reading.problem)
        left, right = self.stacks(x)
        if any(d >= self.n_symbols for d in left + right):
            raise DecodeError("a stack holds a digit that is no symbol")
        for side, stack, pieces in (("left", left, self.left_top),
                                    ("right", right, self.right_top)):
            top = stack[0] if stack else 0
            for j in range(1, self.n_symbols):
                held = sum(x[i] for level, i in pieces if level == j)
                if pieces and held != (top >= j):
                    raise DecodeError(f"the reading [top of {side} stack >= {j}] is "
                                      f"{brief(held)}, but the top is {top}")
        if not self.scanned_on_right:
            right = (reading.scanned, *right)
        return Configuration(reading.state, head, Stack.of(left), Stack.of(right))

    def read(self, x) -> Reading:  # pragma: no cover - every schedule's layout defines it
        raise NotImplementedError

    @property
    def read_from(self) -> frozenset[int]:  # pragma: no cover - every layout defines it
        """The neurons that :meth:`read` and :meth:`move_taken` look at: where these hold
        only 0s and 1s, a run may keep a reading for every state of the same pattern
        (:mod:`rnntm.execute.specialised`)."""
        raise NotImplementedError

    def move_taken(self, x) -> Move | None:
        """For schedules of several steps: the move under way, read between machine steps."""
        return None

    def at_rest(self, x) -> bool:
        """True once the machine's neurons ``x`` are at rest after a halt: every schedule
        here closes every gate, so all are 0 (a fact of which neurons are 0 alone)."""
        return not any(x)

    @cached_property
    def symbol_code(self) -> StackCode:
        """How a stack digit spells a symbol: its b bits, each the base-4 digit 2·bit + 1
        (so that a stack is the binary stack of its symbols' bits), in base B = 4^b."""
        return StackCode.bitwise(self.n_symbols)

    def encode_start(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        """The values of a network of ``size`` neurons holding the start configuration on
        ``word`` (symbol indices) in its machine part, all else 0."""
        raise NotImplementedError  # pragma: no cover


@dataclass(frozen=True)
class RealtimeLayout(StackLayout):
    """Where the realtime network keeps the machine: control neurons, stack and top pieces."""

    kind = "realtime"
    control: tuple[tuple[int, Move, int, int], ...] = ()  # (state, move, j, neuron)

    @cached_property
    def groups(self) -> dict[tuple[int, Move], dict[int, int]]:
        """The control neurons by (state, move) group: {level j: neuron}."""
        groups: dict[tuple[int, Move], dict[int, int]] = {}
        for s, m, j, i in self.control:
            groups.setdefault((s, m), {})[j] = i
        return groups

    @property
    def start_neurons(self) -> tuple[dict[int, int], dict[int, int]]:
        """Where the start configuration goes: the start state's first control group, and
        the reading pieces of R's first piece, each as {level j: neuron}."""
        start_move = min(m for s, m in self.groups if s == 0)
        return self.groups[0, start_move], dict(reversed(self.right_top))

    def encode_start(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        """x(0) with ``word`` on the tape: the start state's first control group scanning
        word[0], the right stack's first piece holding the rest and its reading pieces
        the rest's top."""
        x = [Fraction(0)] * size
        group, first_piece = self.start_neurons
        for j in range(word[0] + 1 if word else 1):
            x[group[j]] = Fraction(1)
        x[self.right[0]] = self.symbol_code.encode(word[1:])
        for j in range(1, (word[1] if len(word) > 1 else 0) + 1):
            x[first_piece[j]] = Fraction(1)
        return tuple(x)

    @cached_property
    def _patterns(self) -> tuple[itemgetter, dict[tuple[int, ...], Reading]]:
        """A getter of the control neurons' values, and each valid vector of them (0s and
        the 1s of one group's thermometer code) with what it reads."""
        order = tuple(i for _, _, _, i in self.control)
        patterns = {}
        for (s, m), levels in self.groups.items():
            for a in range(len(levels)):
                on = {levels[j] for j in range(a + 1)}
                patterns[tuple(int(i in on) for i in order)] = Reading(s, a, m)
        return itemgetter(*order, order[0]), patterns  # a tuple even for one neuron

    @property
    def read_from(self) -> frozenset[int]:
        return frozenset(i for _, _, _, i in self.control)

    def read(self, x) -> Reading:
        """State, scanned symbol and last move from the control neurons: they must be
        exactly 0 or 1, the 1s the thermometer code of one (state, move) group."""
        values, patterns = self._patterns
        seen = values(x)[:-1]
        reading = patterns.get(seen)
        if reading is not None:
            return reading
        if not any(seen):
            return Reading.invalid("no active state")
        if any(v not in (0, 1) for v in seen):
            return Reading.invalid("a control neuron is neither 0 nor 1")
        return Reading.invalid("the control neurons are not the thermometer code of one "
                               "state")


@dataclass(frozen=True)
class TwoPhaseLayout(StackLayout):
    """Where the two-phase network keeps the machine, layer by layer."""

    kind = "two-phase"
    states: tuple[int, ...] = ()                         # x[s], configuration layer
    detectors: tuple[tuple[int, int, int], ...] = ()     # (s, j, neuron): X[s] is j = 0
    pair_moves: tuple[tuple[int, int, Move], ...] = ()   # (s, a, move) of each transition
    halting_detectors: tuple[int, ...] = ()              # X[h] of each halting state h
    left_copy: int = 0                                   # Lc, Rc: the stacks, decision layer
    right_copy: int = 0
    scanned_on_right: bool = True

    @property
    def read_from(self) -> frozenset[int]:
        return frozenset((*self.states, *self.right, *(i for _, _, i in self.detectors)))

    def read(self, x) -> Reading:
        """State from the one-hot layer, scanned symbol from the top of R."""
        active = [s for s, i in enumerate(self.states) if x[i]]
        if len(active) != 1 or x[self.states[active[0]]] != 1:
            return Reading.invalid(f"{len(active)} active states, or a state neuron that "
                                   "is neither 0 nor 1")
        try:
            scanned = self.symbol_code.top(sum(x[i] for i in self.right))
        except CodingError as error:
            return Reading.invalid(f"the top of R is no symbol ({error})")
        return Reading(active[0], scanned, None)

    def move_taken(self, x) -> Move | None:
        """In the decision layer: the move of the transition under way, None if none."""
        level = {(s, j): x[i] for s, j, i in self.detectors}
        for s, a, move in self.pair_moves:
            if level[s, a] - level.get((s, a + 1), 0) == 1:
                return move
        return None

    def encode_start(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        x = [Fraction(0)] * size
        x[self.states[0]] = Fraction(1)
        x[self.right[0]] = self.symbol_code.encode(word)
        return tuple(x)


@dataclass(frozen=True)
class SiegelmannSontagLayout(StackLayout):
    """Where the layered network keeps the machine at the start of each layered step."""

    kind = "siegelmann-sontag"
    bits: int = 1
    states: tuple[int, ...] = ()                               # y[q], in state order
    decisions: tuple[tuple[int, int, int], ...] = ()           # (s, a, neuron of y[<s,a>])
    decision_detectors: tuple[tuple[int, int, Move, int], ...] = ()  # (s, a, move, neuron)

    @property
    def read_from(self) -> frozenset[int]:
        return frozenset((*self.states, *(i for *_, i in self.decision_detectors)))

    def read(self, x) -> Reading:
        active = [i for i in self.states if x[i]]
        if len(active) != 1 or x[active[0]] != 1:
            return Reading.invalid(f"{len(active)} active states, or a state neuron that "
                                   "is neither 0 nor 1")
        for s, a, i in self.decisions:
            if i == active[0]:
                return Reading(s, a, None)
        return Reading.invalid("a transfer state at a machine step")

    def move_taken(self, x) -> Move | None:
        for _, _, move, i in self.decision_detectors:
            if x[i] == 1:
                return move
        return None

    def encode_start(self, size: int, word: tuple[int, ...]) -> tuple[Fraction, ...]:
        x = [Fraction(0)] * size
        scanned = word[0] if word else 0
        x[next(i for s, a, i in self.decisions if (s, a) == (0, scanned))] = Fraction(1)
        x[self.right[0]] = self.symbol_code.encode(word[1:])
        return tuple(x)
