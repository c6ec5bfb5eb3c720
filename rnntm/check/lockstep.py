"""Verification: a compiled network run in lockstep with direct execution.

The network gets the input word on its input lines. At every machine step the network's
state and scanned symbol, decoded from its control neurons, must equal the direct run's; the
whole configuration (state, head, every tape cell) must be equal at each of the first
steps, at checkpoints, at the halt and at the end (decoding the stacks costs time linear
in their depth). The machine part has stopped when its layout says so (for every schedule
here: all its neurons are 0, all gates closed); that must happen at the machine step after
the machine's halt, and never before; and it must be all 0 while the input loads. Then
the output lines must spell the direct run's result (:meth:`~rnntm.compiler.lines.IOLayout.decode`)
and raise the halt line; and every output line must be exactly 0 or 1 at every network
step. The report names the first divergence.

>>> from rnntm import load_machine
>>> report = verify(load_machine("bb4"), max_steps=1000)
>>> report.ok, report.steps, report.halted, report.output_bits
(True, 107, True, '10111111111111')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..compiler import Compiled, DecodeError, OutputError, compile
from ..machines.configuration import Configuration
from ..machines.direct import Tracer
from ..machines.machine import Machine
from .decoded import NetworkRun, Resume

__all__ = ["Divergence", "Report", "Segment", "verify"]

#: The first this many steps of every run are compared whole.
FULL_COMPARISON_STEPS = 2_000


@dataclass(frozen=True)
class Divergence:
    """The first disagreement: at machine step ``step``, ``what`` differed."""

    step: int
    what: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"step {self.step}: {self.what}: expected {self.expected}, found {self.found}"


@dataclass(frozen=True)
class Report:
    """The verdict of one verification. ``network_steps`` counts as
    :meth:`~rnntm.check.decoded.NetworkRun.network_step` defines (up to the complete result for a
    halted run, to the network step holding machine step ``steps`` for one stopped by its budget,
    to where a divergence was seen otherwise)."""

    schedule: str
    steps: int
    network_steps: int
    halted: bool
    full_comparisons: int
    divergence: Divergence | None
    output_bits: str | None = None

    @property
    def ok(self) -> bool:
        return self.divergence is None

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "schedule": self.schedule, "steps": self.steps,
                "network_steps": self.network_steps, "halted": self.halted,
                "full_comparisons": self.full_comparisons, "output_bits": self.output_bits,
                "divergence": None if self.ok else str(self.divergence)}


def _show(machine: Machine, config: Configuration) -> str:
    start, cells = config.cells()
    return (f"state {machine.state_name(config.state)}, head {config.head}, tape "
            f"{machine.decode_word(cells) or '(blank)'} from {start}")


@dataclass(frozen=True)
class Segment:
    """A stretch of a run (:mod:`rnntm.check.segments`): from machine step ``step`` in
    configuration ``config``, the network in state ``x`` (None for both: from the input
    loaded), to the budget, where the network's state must be ``end_x`` exactly (None: no
    such check, and the halt and output are compared as usual)."""

    step: int = 0
    config: Configuration | None = None
    x: Sequence | None = None
    end_x: Sequence | None = None


def verify(machine: Machine, word: str | Sequence[str] = "", *, max_steps: int,
           schedule: str = "realtime", compiled: Compiled | None = None,
           checkpoint: int = 100_000, backend: str = "auto",
           progress: Callable[[int], None] | None = None,
           segment: Segment = Segment()) -> Report:
    """Run ``machine`` directly and as its network, side by side, and compare.

    Parameters
    ----------
    machine, word, max_steps
        The machine, its input and the budget of machine steps.
    schedule
        The schedule to compile with (ignored when ``compiled`` is given).
    compiled
        A network already compiled (or loaded) for ``machine``.
    checkpoint
        After the first ``FULL_COMPARISON_STEPS`` steps, compare whole configurations every
        this many steps (and at the halt and the end).
    backend
        The exact number backend of the network run (see :data:`rnntm.execute.BACKENDS`).
    progress
        Called now and then with the number of machine steps done.
    segment
        Verify only this stretch of the run (the default: all of it;
        :func:`~rnntm.check.segments.verify_in_segments` cuts a run into segments verified
        side by side).

    Returns
    -------
    Report
        ``ok`` if every comparison agreed, else the first :class:`Divergence`; the machine
        and network steps, whether the machine halted, and the output bits.

    Raises
    ------
    InputError
        If ``word`` holds a symbol outside the machine's input alphabet.

    Examples
    --------
    >>> from rnntm import load_machine
    >>> r = verify(load_machine("palindrome"), "abba", max_steps=1000, schedule="compact")
    >>> r.ok, r.steps, r.halted, r.full_comparisons
    (True, 15, True, 16)

    Notes
    -----
    O(1) exact work per neuron and network step beside O(1) direct work per machine step,
    and O(tape) for each whole comparison. The decoder it trusts is the layout's
    (:mod:`rnntm.compiler.layouts`), which imports nothing of the constructions.
    """
    compiled = compiled or compile(machine, schedule)
    if segment.config is None:
        direct = Tracer(machine, word)
        network = NetworkRun(compiled, word, backend=backend)
    else:
        direct = Tracer.at(machine, segment.config, segment.step)
        network = NetworkRun(compiled, word, backend=backend,
                             resume=Resume(segment.x, segment.step, segment.config.head))
    full, steps, halted = 0, segment.step, False

    def report(divergence: Divergence | None, bits: str | None = None) -> Report:
        if divergence is None and network.line_problem:
            divergence = Divergence(steps, "output lines", "0 or 1", network.line_problem)
        network_steps = (network.complete_at if halted and network.complete_at is not None
                         else network.t if halted or divergence
                         else network.network_step(steps))
        return Report(compiled.schedule, steps, network_steps, halted, full, divergence, bits)

    first, situation, advance = segment.step, direct.situation, direct.advance
    for step, state_x, reading, head, at_rest in network.machine_steps(max_steps, progress):
        if halted:  # the machine halted at the previous step: the network must have stopped
            if not at_rest:
                return report(Divergence(step, "halting", "the network stopped after the halt",
                                         reading.problem or "an active state"))
            return report(*_compare_output(direct, network))
        if step == first and network.loading_problem:
            return report(Divergence(0, "loading", "the machine part all 0 until the start",
                                     network.loading_problem))
        steps = step
        state, scanned, halted = situation()
        if at_rest:
            return report(Divergence(step, "halting", _show(machine, direct.configuration()),
                                     "the network stopped"))
        if reading.problem:
            return report(Divergence(step, "decoding", "a valid encoding", reading.problem))
        if reading.state != state or reading.scanned != scanned:
            return report(Divergence(
                step, "state and scanned symbol",
                f"{machine.state_name(state)} on {machine.symbols[scanned]}",
                f"{machine.state_name(reading.state)} on {machine.symbols[reading.scanned]}"))
        if step <= FULL_COMPARISON_STEPS or step % checkpoint == 0 \
                or step == max_steps or halted:
            config = direct.configuration()
            try:
                decoded = compiled.layout.configuration(network.values(state_x), head)
            except DecodeError as error:
                return report(Divergence(step, "decoding", "a valid encoding", str(error)))
            full += 1
            if decoded != config:
                return report(Divergence(step, "configuration", _show(machine, config),
                                         _show(machine, decoded)))
            if step == max_steps and not halted:
                return report(_compare_state(compiled, step, network.values(state_x),
                                            segment.end_x))
        if not halted:
            advance()
    raise AssertionError("the network stopped before the machine")  # pragma: no cover


def _compare_state(compiled: Compiled, step: int, x: Sequence,
                   expected: Sequence | None) -> Divergence | None:
    """The network's whole state against the one a segment must end in, neuron by neuron."""
    if expected is None:
        return None
    for name, found, wanted in zip(compiled.network.neurons, x, expected, strict=True):
        if found != wanted:
            return Divergence(step, f"the segment's end state, neuron {name}",
                              str(wanted), str(found))
    return None


def _compare_output(direct: Tracer, network: NetworkRun) -> tuple[Divergence | None, str | None]:
    """(divergence or None, output bits): the result decoded from the network's output
    lines against the direct run's final state and tape themselves (not against their
    encoding, so that an error shared by encoding and decoding cannot hide)."""
    config = direct.configuration()
    _, cells = config.cells()
    expected = (config.state, tuple(cells))
    bits = network.output()
    if bits is None:
        return Divergence(direct.steps, "output", "a complete result on the output lines",
                          "none"), None
    machine = network.compiled.machine
    try:
        found = network.compiled.io.decode(bits)
    except OutputError as error:
        return Divergence(direct.steps, "output", _result(machine, *expected),
                          f"{bits} ({error})"), bits
    if found != expected:
        return Divergence(direct.steps, "output", _result(machine, *expected),
                          f"{_result(machine, *found)} (bits {bits})"), bits
    return None, bits


def _result(machine: Machine, state: int, tape: tuple[int, ...]) -> str:
    return f"state {machine.state_name(state)}, tape {machine.decode_word(tape) or '(blank)'}"
