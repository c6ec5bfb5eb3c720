"""Running a compiled network and reading the machine off it, step by step.

:func:`network_steps` runs the network and decodes it at every machine step, tracking the
head from the decoded moves (the network holds the tape relative to the head). Both the
verifier and :func:`simulate_network` read the machine through it, and
:func:`simulate_network` returns the same :class:`~rnntm.simulate.Run` that direct
execution does, decoded from the network alone.

>>> from rnntm import load_machine
>>> from rnntm.compile import compile
>>> result, network_steps = simulate_network(compile(load_machine("bb4")), max_steps=1000)
>>> result.status.value, result.steps, result.nonblank, network_steps
('halted', 107, 13, 108)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from .compile import Compiled, DecodeError, Reading
from .execute import run_network
from .simulate import Run, Status

__all__ = ["NetworkStep", "network_steps", "simulate_network"]


class NetworkStep(NamedTuple):
    """The network at machine step ``step``: its state ``x``, what it reads, the head."""

    step: int
    x: Sequence
    reading: Reading
    head: int
    stopped: bool


def network_steps(compiled: Compiled, word: str | Sequence[str] = "", *, max_steps: int,
                  backend: str = "auto",
                  progress: Callable[[int], None] | None = None) -> Iterator[NetworkStep]:
    """Yield the network at machine steps 0, 1, ..., until it has stopped after a halt or
    one step past ``max_steps`` (so that a halt at ``max_steps`` is seen)."""
    layout, per_step = compiled.layout, compiled.steps_per_tm_step
    xs = run_network(compiled.network, steps=(max_steps + 1) * per_step,
                     initial=compiled.initial(word), backend=backend)
    head, pending = 0, None
    for t, x in enumerate(xs):
        if t % per_step:
            move = layout.move_taken(x)
            if move is not None:
                pending = move
            continue
        step = t // per_step
        if progress is not None and step % 65536 == 0:
            progress(step)
        if layout.stopped(x):
            yield NetworkStep(step, x, Reading.invalid("stopped"), head, True)
            return
        reading = layout.read(x)
        move = reading.move if reading.move is not None else pending
        pending = None
        if step and move is not None:
            head += int(move)
        yield NetworkStep(step, x, reading, head, False)


def simulate_network(compiled: Compiled, word: str | Sequence[str] = "", *, max_steps: int,
                     backend: str = "auto",
                     progress: Callable[[int], None] | None = None) -> tuple[Run, int]:
    """Run the network and decode the machine's result from it: (run, network steps).

    It halted if the network stopped; its last decodable state is the final configuration.

    Raises
    ------
    DecodeError
        If the network reaches a state that encodes no configuration.
    """
    last: NetworkStep | None = None
    stopped = False
    for now in network_steps(compiled, word, max_steps=max_steps, backend=backend,
                             progress=progress):
        if now.stopped:
            stopped = True
            break
        if now.reading.problem:
            raise DecodeError(f"network step {now.step * compiled.steps_per_tm_step}: "
                              f"{now.reading.problem}")
        if now.step > max_steps:
            break
        last = now
    if last is None:
        raise DecodeError("the network stopped before its first step")
    final = compiled.layout.configuration(last.x, last.head)
    start, cells = final.cells()
    status = Status.HALTED if stopped else Status.OUT_OF_STEPS
    return (Run(compiled.machine, status, last.step, final.state, final.head, start, cells),
            (last.step + stopped) * compiled.steps_per_tm_step)
