"""Compiling Turing machines into exact rational recurrent networks.

:func:`compile` turns a machine into a :class:`Compiled`: the network, the layout that
decodes its states, and how many network steps make one machine step.

>>> from rnntm import load_machine
>>> c = compile(load_machine("bb4"))
>>> c.io.machine_size, c.network.size - c.io.machine_size, c.steps_per_tm_step
(24, 50, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.network import Network
from ..errors import RnntmError
from ..machines.machine import Machine
from .io import IOLayout, OutputError, attach_io
from .layout import DecodeError, Reading, StackLayout
from .realtime import compile_realtime
from .siegelmann_sontag import compile_siegelmann_sontag
from .twophase import compile_two_phase

__all__ = ["SCHEDULES", "Compiled", "compile", "DecodeError", "OutputError", "Reading"]


def with_io(construction):
    """A construction of the machine part, completed by the I/O lines: machine ->
    (network, I/O layout, layout, network steps per machine step)."""
    def build(machine: Machine) -> tuple[Network, IOLayout, StackLayout, int]:
        machine_part, layout, steps = construction(machine)
        return (*attach_io(machine, machine_part, layout), layout, steps)
    return build


def compile_compact(machine: Machine) -> tuple[Network, IOLayout, StackLayout, int]:
    """The ``compact`` schedule: the two-phase construction (two steps per machine step)
    where neither its machine part nor its whole network has more neurons than the
    realtime one's, else the realtime one."""
    two_phase, realtime = with_io(compile_two_phase)(machine), with_io(compile_realtime)(machine)
    smaller = two_phase[1].machine_size <= realtime[1].machine_size and \
        two_phase[0].size <= realtime[0].size
    return two_phase if smaller else realtime


#: Each schedule's construction: machine -> (network, I/O layout, layout, steps per step).
SCHEDULES = {"realtime": with_io(compile_realtime), "compact": compile_compact,
             "siegelmann-sontag": with_io(compile_siegelmann_sontag)}


@dataclass(frozen=True)
class Compiled:
    """A machine's network with the meaning of its neurons: the machine part (neurons
    ``0 .. io.machine_size - 1``, read by ``layout``) and the I/O part (``io``)."""

    machine: Machine
    schedule: str
    network: Network
    layout: StackLayout
    steps_per_tm_step: int
    io: IOLayout

    def inputs(self, word: str | Sequence[str] = "") -> list[tuple[int, int]]:
        """The input lines' values (data, valid) that load ``word``."""
        return self.io.inputs(self.machine.encode_word(word))

    def start_step(self, word: str | Sequence[str] = "") -> int:
        """The network step at which the loaded network starts the machine on ``word``."""
        return self.io.start_step(self.machine.encode_word(word))

    def initial(self, word: str | Sequence[str] = "") -> tuple[Fraction, ...]:
        """The state at :meth:`start_step` without the loading: the machine part holding
        its start configuration on ``word``, the loader done and idle."""
        x = self.layout.initial(self.io.machine_size, self.machine.encode_word(word))
        return x + (Fraction(0),) * (self.network.size - self.io.machine_size)


def compile(machine: Machine, schedule: str = "realtime") -> Compiled:
    """The network of ``machine`` under ``schedule`` (one of :data:`SCHEDULES`)."""
    if schedule not in SCHEDULES:
        raise RnntmError(f"unknown schedule {schedule!r}; expected one of "
                         f"{', '.join(SCHEDULES)}")
    network, io, layout, steps = SCHEDULES[schedule](machine)
    return Compiled(machine, schedule, network, layout, steps, io)
