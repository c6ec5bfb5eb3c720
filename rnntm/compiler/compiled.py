"""A machine compiled into one network: the schedules, and :func:`compile`.

A construction (:mod:`~rnntm.compiler.realtime`, :mod:`~rnntm.compiler.twophase`,
:mod:`~rnntm.compiler.siegelmann_sontag`) makes the machine part's blocks; the ``input``
block (:mod:`~rnntm.compiler.loader`) builds the start ports they read, the ``output`` block
(:mod:`~rnntm.compiler.output`) reads where a halt shows; :func:`~rnntm.compiler.blocks.
assemble` joins them, machine part first, into one network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.network import Network
from ..errors import RnntmError
from ..machines.machine import Machine
from .blocks import assemble
from .layouts import StackLayout
from .lines import IOLayout, final_states, io_layout
from .loader import input_block
from .output import output_block, output_lines
from .ports import MachinePart
from .realtime import build_realtime
from .siegelmann_sontag import build_siegelmann_sontag
from .twophase import build_two_phase

__all__ = ["SCHEDULES", "Compiled", "compile"]

#: The schedules: ``realtime`` (one network step per machine step), ``compact`` (the
#: two-phase construction, two steps per machine step, where it is not larger than the
#: realtime one, in its machine part or in all; else the realtime one) and
#: ``siegelmann-sontag`` (the 1995 paper's layered step over binary stacks).
SCHEDULES = ("realtime", "compact", "siegelmann-sontag")


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

    def loaded_state(self, word: str | Sequence[str] = "") -> tuple[Fraction, ...]:
        """The network's state at :meth:`start_step`, without running the loading: the
        machine part holding its start configuration on ``word``, all else 0."""
        return self.layout.encode_start(self.network.size, self.machine.encode_word(word))

    @property
    def construction(self) -> str:
        """The construction that built the machine part (``compact`` builds a two-phase or
        a realtime one)."""
        return self.layout.kind

    def read_output(self, bits: str) -> tuple[str, str]:
        """The final state's name and the tape (without blanks at either end) that the
        output lines spell.

        >>> from rnntm import load_machine, simulate_network
        >>> c = compile(load_machine("bb2"))
        >>> c.read_output(simulate_network(c, max_steps=10).output_bits)
        ('Z', '1111')

        Raises
        ------
        OutputError
            If the bits spell no state and whole symbols of the machine.
        """
        state, tape = self.io.decode(bits)
        return self.machine.state_name(state), self.machine.decode_word(tape)


def compile(machine: Machine, schedule: str = "realtime") -> Compiled:
    """The exact rational network of ``machine`` under ``schedule``.

    Parameters
    ----------
    machine
        The machine.
    schedule
        One of :data:`SCHEDULES`.

    Returns
    -------
    Compiled
        The network (its blocks: the construction's, then ``input`` and ``output``), the
        layout that reads the machine off it, the I/O layout, and how many network steps
        make one machine step.

    Raises
    ------
    RnntmError
        For an unknown schedule.

    Examples
    --------
    >>> from rnntm import load_machine
    >>> c = compile(load_machine("bb4"))
    >>> c.io.machine_size, c.network.size - c.io.machine_size, c.steps_per_tm_step
    (24, 14, 1)
    >>> c.network.blocks
    (('machine', 24), ('input', 7), ('output', 7))
    >>> compile(load_machine("bb4"), "compact").steps_per_tm_step
    2

    Notes
    -----
    Neuron counts are given as formulas in each construction's module and in
    :mod:`~rnntm.compiler.loader` and :mod:`~rnntm.compiler.output`.

    References
    ----------
    H. T. Siegelmann and E. D. Sontag, "On the computational power of neural nets",
    J. Comput. Syst. Sci. 50(1):132–150, 1995.
    """
    if schedule not in SCHEDULES:
        raise RnntmError(f"unknown schedule {schedule!r}; expected one of "
                         f"{', '.join(SCHEDULES)}")
    if schedule == "siegelmann-sontag":
        return _compiled(machine, schedule, build_siegelmann_sontag(machine))
    realtime = _compiled(machine, schedule, build_realtime(machine))
    if schedule == "realtime":
        return realtime
    two_phase = _compiled(machine, schedule, build_two_phase(machine))
    smaller = two_phase.io.machine_size <= realtime.io.machine_size and \
        two_phase.network.size <= realtime.network.size
    return two_phase if smaller else realtime


def _compiled(machine: Machine, schedule: str, part: MachinePart) -> Compiled:
    """The machine part with its input and output blocks, assembled."""
    for block in part.blocks:  # all 0 while the input loads, until the start pulse
        for name, row in zip(block.neurons, block.rows, strict=True):
            if row.const > 0:
                raise RnntmError(f"neuron {name!r} does not stay 0 in an all-zero machine "
                                 "part")
    reads = frozenset().union(*(block.reads for block in part.blocks))
    finals = final_states(machine)
    loader = input_block(part.code, reads)
    output = output_block(part.halt, finals)
    lines = output_lines(finals)
    network = assemble([*part.blocks, loader, output], inputs=("data", "valid"), outputs=lines)
    io = io_layout(machine, part.size, (network.index(name) for name in lines))
    return Compiled(machine, schedule, network, part.layout, part.steps_per_tm_step, io)
