"""Compiling Turing machines into exact rational recurrent networks.

:func:`compile` turns a machine into a :class:`Compiled`: the network, the layout that
decodes its states, and how many network steps make one machine step.

>>> from rnntm import load_machine
>>> c = compile(load_machine("bb4"))
>>> c.network.size, c.steps_per_tm_step
(24, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..errors import RnntmError
from ..machine import Machine
from ..network import Network
from .layout import DecodeError, Reading, StackLayout
from .realtime import compile_realtime
from .siegelmann_sontag import compile_siegelmann_sontag
from .twophase import compile_two_phase

__all__ = ["SCHEDULES", "Compiled", "compile", "DecodeError", "Reading"]


def compile_compact(machine: Machine):
    """The ``compact`` schedule: the two-phase construction (two steps per machine step)
    or the realtime one, whichever has fewer neurons (the two-phase one on a tie)."""
    two_phase, realtime = compile_two_phase(machine), compile_realtime(machine)
    return two_phase if two_phase[0].size <= realtime[0].size else realtime


#: Each schedule's construction: machine -> (network, layout, network steps per machine step).
SCHEDULES = {"realtime": compile_realtime, "compact": compile_compact,
             "siegelmann-sontag": compile_siegelmann_sontag}


@dataclass(frozen=True)
class Compiled:
    """A machine's network with the meaning of its neurons."""

    machine: Machine
    schedule: str
    network: Network
    layout: StackLayout
    steps_per_tm_step: int

    def initial(self, word: str | Sequence[str] = "") -> tuple[Fraction, ...]:
        """``x(0)`` with ``word`` already on the tape, the head on its first symbol."""
        return self.layout.initial(self.network.size, self.machine.encode_word(word))


def compile(machine: Machine, schedule: str = "realtime") -> Compiled:
    """The network of ``machine`` under ``schedule`` (one of :data:`SCHEDULES`)."""
    if schedule not in SCHEDULES:
        raise RnntmError(f"unknown schedule {schedule!r}; expected one of "
                         f"{', '.join(SCHEDULES)}")
    network, layout, steps = SCHEDULES[schedule](machine)
    return Compiled(machine, schedule, network, layout, steps)
