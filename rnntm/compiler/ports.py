"""What the machine's blocks and the I/O blocks exchange: the ports of the start and of
the halt.

**The start.** The input loader (:mod:`rnntm.compiler.loader`) offers, at the one network
step before the machine starts, the neurons of :func:`start_ports`: a ``pulse`` of 1, the
stack codes of the whole word and of word[1:], and the thermometer [word[0] ≥ j] (each 0 at
every other step). A construction adds what its start configuration needs to the rows of its
start neurons, with :func:`started`; a reading of a port's top is affine in the port and the
pulse (:func:`top_at_least`), so the start neuron reads it itself. A construction reads only
the ports it uses, and the loader builds only those.

**The halt.** A construction says, as a :class:`HaltView`, at which network step a halt
shows, in which state, and where the two stacks of the final tape are; the output stage
(:mod:`rnntm.compiler.output`) reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.affine import Lin
from ..core.stackcode import StackCode
from .blocks import Block
from .layouts import StackLayout

__all__ = ["PULSE", "HaltView", "MachinePart", "StartPorts", "start_ports", "started",
           "top_at_least"]


@dataclass(frozen=True)
class StartPorts:
    """The loader's neurons that a start configuration is made of."""

    pulse: Lin
    word: Lin                # the code of the whole word
    rest: Lin                # the code of word[1:]
    first: tuple[Lin, ...]   # [word[0] >= j], j = 1 .. k-1


#: The one-step pulse at the start, the port every start uses.
PULSE = Lin.var("in.pulse")


def start_ports(n_symbols: int) -> StartPorts:
    """The loader's ports for words of ``n_symbols`` symbols (names ``in.…``).

    >>> start_ports(3).first
    (1*in.first2[1] + 0, 1*in.first2[2] + 0)
    """
    return StartPorts(PULSE, Lin.var("in.word"), Lin.var("in.rest"),
                      tuple(Lin.var(f"in.first2[{j}]") for j in range(1, n_symbols)))


def top_at_least(code: StackCode, port: Lin, j: int) -> Lin:
    """A start term whose σ is [top of the stack ``port`` ≥ j] at the start step, and 0 at
    every other: D·port − (c(j) − 1)·pulse, the reading's constant carried by the pulse.

    >>> top_at_least(StackCode.of_pattern("d1"), start_ports(2).word, 1)
    4*in.word + -2*in.pulse + 0
    """
    return code.base * port - (code.digit(j) - 1) * PULSE


def started(row: Lin, term: Lin) -> Lin:
    """A start neuron's row: its own ``row`` plus the loader's ``term``, the row's bias
    cancelled by the pulse. The machine part is all 0 until the start, so at the start step
    the neuron holds exactly the term; at every other step the term and the pulse are 0.

    >>> started(Lin.var("x") + 1, start_ports(2).first[0])
    1*x + 1*in.first2[1] + -1*in.pulse + 1
    """
    return row + term - row.const * PULSE


@dataclass(frozen=True)
class HaltView:
    """What the output stage reads at the one network step at which a halt shows:
    ``at_halt[s]`` = [the machine halted in state s], and the two stacks of the final tape,
    ``left`` (nearest cell on top) and ``right`` (the scanned cell on top), in the
    construction's stack code (each 0 unless the machine halted)."""

    at_halt: dict[int, Lin]
    left: Lin
    right: Lin

    @property
    def reads(self) -> frozenset[str]:
        """The machine's neurons the view is made of."""
        return frozenset().union(*(e.terms for e in (*self.at_halt.values(), self.left,
                                                      self.right)))


@dataclass(frozen=True)
class MachinePart:
    """What a construction makes of a machine: its blocks (the machine part of the network,
    first in it), the layout that reads them, where a halt shows, the code of its stacks,
    and how many network steps make one machine step."""

    blocks: tuple[Block, ...]
    layout: StackLayout
    halt: HaltView
    code: StackCode
    steps_per_tm_step: int

    @property
    def size(self) -> int:
        return sum(block.size for block in self.blocks)
