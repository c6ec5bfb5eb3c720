"""The universal networks: each universal machine compiled once and saved in the package,
with the SHA-256 of the saved document's canonical form (weights, layout and I/O lines),
checked whenever it is loaded.

>>> from rnntm import load_machine
>>> result = run_universal(load_machine("1RB1LB_1LA1RZ"), max_steps=100)
>>> result.run.status.value, result.run.steps, result.run.nonblank, result.neurons
('halted', 6, 4, 1237)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..check.decoded import NetworkRun
from ..compiler import Compiled
from ..compiler.saved import loads_pinned
from ..errors import RnntmError
from ..machines.direct import Run
from ..machines.machine import Machine
from . import practical

__all__ = ["UNIVERSALS", "Universal", "UniversalResult", "campaign", "load_universal",
           "run_universal"]


@dataclass(frozen=True)
class Universal:
    """A universal network: its machine in the catalogue, the file of its compiled network
    in the package, the SHA-256 of that document's canonical form, and the codec between a
    simulated machine's run and the universal machine's tape."""

    name: str
    machine: str
    network_file: str
    sha256: str
    encode: Callable[..., list[str]]
    decode: Callable[[Machine, int, str, Sequence[str]], Run]


UNIVERSALS = {
    "practical": Universal(
        "practical", "practical-utm", "universal/practical.net.json",
        "b7d048cba91a42bea25e7717be32b5b018011a11bb9a4b64377af79a8d62b145",
        practical.encode, practical.decode),
}


@cache
def load_universal(name: str) -> Compiled:
    """The universal network ``name``, read from the package and checked against its
    SHA-256.

    Raises
    ------
    RnntmError
        For an unknown name, or a saved document whose hash is not the recorded one.
    """
    if name not in UNIVERSALS:
        raise RnntmError(f"unknown universal network {name!r}; expected one of "
                         f"{', '.join(UNIVERSALS)}")
    universal = UNIVERSALS[name]
    path = resources.files("rnntm.constructions") / universal.network_file
    return loads_pinned(path.read_text(encoding="utf-8"), universal.sha256,
                        f"constructions/{universal.network_file}")


def campaign() -> tuple[tuple[str, str, int], ...]:
    """The runs on which the universal networks are checked and measured, as (machine,
    input, budget): ``constructions/universal/campaign.json``."""
    path = resources.files("rnntm.constructions") / "universal" / "campaign.json"
    runs = json.loads(path.read_text(encoding="utf-8"))["runs"]
    return tuple((r["machine"], r["input"], r["max_steps"]) for r in runs)


@dataclass(frozen=True)
class UniversalResult:
    """A run read off a universal network: the simulated machine's run, the network steps
    until the result was complete, and which network ran it."""

    run: Run
    network_steps: int
    universal: str
    sha256: str
    neurons: int
    neurons_io: int


def run_universal(machine: Machine, word: str | Sequence[str] = "", *, max_steps: int,
                  universal: str = "practical", backend: str = "auto",
                  progress: Callable[[int], None] | None = None) -> UniversalResult:
    """Run ``machine`` on ``word`` through the fixed universal network: the machine, the word
    and the budget become the network's input bits, and the run is decoded from its output
    lines alone.

    Parameters
    ----------
    machine, word
        The simulated machine and its input.
    max_steps
        The budget of simulated steps, part of the universal machine's input: a run out of
        budget ends with status ``out_of_steps``, as direct execution's does.
    universal
        The universal network (:data:`UNIVERSALS`).
    backend
        The exact number backend.
    progress
        Called now and then with the network steps done.

    Raises
    ------
    RnntmError
        For an unknown universal network, weights whose hash is not the recorded one, or
        output lines that spell no run.
    """
    compiled = load_universal(universal)
    spec = UNIVERSALS[universal]
    word_in = spec.encode(machine, word, max_steps=max_steps)
    running = NetworkRun(compiled, word_in, backend=backend)
    bits = running.run_to_result(progress)
    if running.line_problem:
        raise RnntmError(running.line_problem)
    state, tape = compiled.read_output(bits)
    run = spec.decode(machine, max_steps, state, list(tape))
    size = compiled.network.size
    return UniversalResult(run, running.complete_at, universal, spec.sha256, size,
                           size - compiled.io.machine_size)
