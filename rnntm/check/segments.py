"""Segment-parallel verification: a long run cut into stretches verified side by side.

Direct execution is about a hundred times faster than the network, so it runs first and
takes the configuration at checkpoints t₀ = 0 < t₁ < … < tₙ (:func:`checkpoints`). Each
segment [tᵢ, tᵢ₊₁] is then verified on its own (:func:`~rnntm.check.lockstep.verify` with a
:class:`~rnntm.check.lockstep.Segment`): the network starts from :func:`encoded` (tᵢ), runs
in lockstep with direct execution resumed at tᵢ, and must end in exactly :func:`encoded`
(tᵢ₊₁), every neuron equal. The first segment starts from the loaded input, the last ends
with the halt and the output lines, as an unsegmented verification does.

**Why the joined segments are the network's own run.** The network is deterministic, its
input lines 0 once loaded. The first segment is the real run from its real start, and ends
in the state encoded(t₁); so the real run's state at t₁ is encoded(t₁), from which the second
segment starts, and so on: by induction each segment is the real run's stretch, and every
comparison made in it is one the unsegmented verification makes of the real run.

**The encoding of a checkpoint** is the one the certificates prove the construction keeps
(:func:`~rnntm.check.certificates.realtime_encoding` and its siblings), the stacks read
off the direct run. They hold every cell the network has written into them, blanks
included: a cell is on L once the head has moved right from it, so L holds the cells from
the leftmost position a move R left (``lo``) to the head; on R once the head has moved left
from it or it held the input, so R holds those up to ``hi``, the greatest such position
(the two-phase R also holds the scanned cell if the head came to it by a move L, stayed on
it, or found it at most ``hi``). A checkpoint keeps lo, hi, whether the scanned cell is
held, and the move that led to it (the pieces the stacks lie in).

>>> from rnntm import load_machine
>>> report = verify_in_segments(load_machine("bb4"), max_steps=1000, segments=4)
>>> report.ok, report.steps, report.halted, report.output_bits
(True, 107, True, '10111111111111')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ..compiler import Compiled, compile
from ..compiler.layouts import RealtimeLayout, TwoPhaseLayout
from ..machines.configuration import Configuration
from ..machines.direct import marks, run
from ..machines.machine import Machine, Move
from .certificates import (
    AbstractStack,
    Case,
    TwoPhaseCase,
    as_bits,
    realtime_encoding,
    stack_machine_encoding,
    two_phase_encoding,
)
from .cluster import in_parallel
from .lockstep import Report, Segment, verify

__all__ = ["Checkpoint", "checkpoints", "encoded", "join", "stretches", "verify_in_segments",
           "verify_stretch"]


@dataclass(frozen=True)
class Checkpoint:
    """The direct run at machine step ``step``: its configuration, the move that led there,
    the extent of the cells the network's stacks hold (``lo`` None: none on L), and whether
    the two-phase R holds the scanned cell."""

    step: int
    config: Configuration
    move: Move
    lo: int | None
    hi: int
    scanned_held: bool


def checkpoints(machine: Machine, word: str | Sequence[str], steps: Sequence[int]
                ) -> list[Checkpoint]:
    """The checkpoints at machine ``steps`` (increasing, each ≥ 1, within the run), taken
    in direct execution's fast loop (:func:`~rnntm.machines.direct.marks`)."""
    found = []
    for step, (config, move, lo, hi) in zip(steps, marks(machine, word, steps), strict=True):
        held = move != Move.R or config.head <= hi
        found.append(Checkpoint(step, config, Move(move), lo, hi, held))
    return found


def encoded(compiled: Compiled, point: Checkpoint) -> tuple[Fraction, ...]:
    """The network's state holding ``point``: its machine part as the layout keeps it (the
    certificates' encodings, with the stacks as ``point`` says), the I/O part 0."""
    config, layout = point.config, compiled.layout
    start, cells = config.cells()

    def at(position: int) -> int:
        return cells[position - start] if 0 <= position - start < len(cells) else 0

    head = config.head
    left = AbstractStack(tuple(at(p) for p in range(head - 1, head - 1 if point.lo is None
                                                    else point.lo - 1, -1)))
    right = AbstractStack(tuple(at(p) for p in range(head + 1, point.hi + 1)))
    if isinstance(layout, RealtimeLayout):
        values = realtime_encoding(compiled, Case(config.state, at(head), point.move, left,
                                                  right, point.move))
    elif isinstance(layout, TwoPhaseLayout):
        scanned_right = right.push(at(head)) if point.scanned_held else right
        values = two_phase_encoding(compiled, TwoPhaseCase(config.state, left, scanned_right,
                                                           point.move), decision=False)
    else:
        bits = compiled.machine.symbol_bits
        values = stack_machine_encoding(compiled, ("decide", config.state, at(head)),
                                        as_bits(left, bits), as_bits(right, bits))
    x = [Fraction(0)] * compiled.network.size
    for i, value in values.items():
        x[i] = value.const
    return tuple(x)


def verify_in_segments(machine: Machine, word: str | Sequence[str] = "", *, max_steps: int,
                       segments: int | None = None, schedule: str = "realtime",
                       compiled: Compiled | None = None, backend: str = "auto",
                       workers: int = 1, scheduler: str | None = None) -> Report:
    """Verify the run in ``segments`` stretches of about equal length (by default two per
    worker, or eight on an existing cluster), side by side on ``workers``
    (:func:`~rnntm.check.cluster.in_parallel`), and join their reports."""
    compiled = compiled or compile(machine, schedule)
    segments = segments or (2 * workers if scheduler is None else 8)
    parts = stretches(compiled, word, max_steps, segments)
    reports: list[Report] = [None] * len(parts)          # type: ignore[list-item]
    for i, report in in_parallel(verify_stretch, parts, workers=workers, scheduler=scheduler,
                                 machine=machine, word=word, compiled=compiled,
                                 backend=backend):
        reports[i] = report
    return join(compiled, word, parts, reports)


def verify_stretch(part: tuple[Segment, int], *, machine: Machine,
                   word: str | Sequence[str], compiled: Compiled, backend: str) -> Report:
    """One segment verified (on a worker): ``part`` is a segment and its last step."""
    segment, end = part
    return verify(machine, word, max_steps=end, compiled=compiled, backend=backend,
                  segment=segment)


def stretches(compiled: Compiled, word: str | Sequence[str], max_steps: int,
              segments: int) -> list[tuple[Segment, int]]:
    """The segments of the run on ``word`` within ``max_steps``, each with the machine step
    it ends at: the run's length found by direct execution, cut evenly (fewer segments for
    a run too short to cut)."""
    machine = compiled.machine
    length = run(machine, word, max_steps=max_steps).steps
    cuts = sorted({length * i // segments for i in range(1, segments)} - {0})
    points = checkpoints(machine, word, cuts)
    states = [encoded(compiled, p) for p in points]
    starts = [Segment()] + [Segment(p.step, p.config, x)
                            for p, x in zip(points, states, strict=True)]
    return [(replace(start, end_x=end_x), end) for start, end, end_x in
            zip(starts, [*cuts, max_steps], [*states, None], strict=True)]


def join(compiled: Compiled, word: str | Sequence[str],
         parts: Sequence[tuple[Segment, int]], reports: Sequence[Report]) -> Report:
    """One report for the joined segments: the first divergence, else the last segment's
    end; whole comparisons summed, network steps counted from the real start."""
    failed = next((r for r in reports if not r.ok), None)
    last, (segment, _) = failed or reports[-1], parts[reports.index(failed or reports[-1])]
    offset = 0 if segment.config is None else \
        compiled.start_step(word) + segment.step * compiled.steps_per_tm_step
    return Report(last.schedule, last.steps, offset + last.network_steps, last.halted,
                  sum(r.full_comparisons for r in reports), last.divergence,
                  last.output_bits)
