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
from ..machines import direct
from ..machines.direct import Run, Status
from ..machines.machine import Machine
from . import practical, small

__all__ = ["UNIVERSALS", "Universal", "UniversalResult", "campaign", "load_universal",
           "run_universal"]


@dataclass(frozen=True)
class Universal:
    """A universal network: its machine in the catalogue, the file of its compiled network
    in the package, the SHA-256 of that document's canonical form, and the codec between a
    simulated machine's run on an input with a budget and the universal machine's tape.
    A tape without room for the budget comes with ``max_network_steps``: the network runs
    until its machine halts, within that bound."""

    name: str
    machine: str
    network_file: str
    sha256: str
    encode: Callable[[Machine, str | Sequence[str], int], list[str]]
    decode: Callable[[Machine, str | Sequence[str], int, str, Sequence[str]], Run]
    max_network_steps: int | None = None

    @property
    def budgeted(self) -> bool:
        """Whether the simulated machine's budget is part of the universal tape."""
        return self.max_network_steps is None


UNIVERSALS = {
    "practical": Universal(
        "practical", "practical-utm", "universal/practical.net.json",
        "b7d048cba91a42bea25e7717be32b5b018011a11bb9a4b64377af79a8d62b145",
        lambda machine, word, budget: practical.encode(machine, word, max_steps=budget),
        lambda machine, word, budget, state, tape: practical.decode(machine, budget, state,
                                                                    tape)),
    "small": Universal(
        "small", "small-utm", "universal/small.net.json",
        "4157c6c35b5108c79828befb18186061427c17e75de2f3729769d08f6b62c2b9",
        lambda machine, word, budget: small.encode_run(machine, word),
        lambda machine, word, budget, state, tape: small.decode_run(machine, word, tape),
        max_network_steps=2_000_000),
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
                  max_network_steps: int | None = None,
                  progress: Callable[[int], None] | None = None) -> UniversalResult:
    """Run ``machine`` on ``word`` through the fixed universal network: the machine, the word
    and (if the network's tape has room for it) the budget become the network's input bits,
    and the run is decoded from its output lines alone.

    Parameters
    ----------
    machine, word
        The simulated machine and its input.
    max_steps
        The budget of simulated steps. In the practical network's input: a run out of
        budget ends with status ``out_of_steps``, as direct execution's does. The small
        network's input has no room for it: a run that halts past it is refused, and so is
        a run whose universal machine, run directly first (a hundred times faster than the
        network), does not halt within ``max_network_steps``.
    universal
        The universal network (:data:`UNIVERSALS`).
    backend
        The exact number backend.
    max_network_steps
        The most network steps to run; by default none for the practical network, whose
        input holds the budget, and 2,000,000 for the small one.
    progress
        Called now and then with the network steps done.

    Raises
    ------
    RnntmError
        For an unknown universal network, weights whose hash is not the recorded one, a
        machine the network's codec does not take, a run not complete within
        ``max_network_steps`` or past the budget, or output lines that spell no run.
    """
    compiled = load_universal(universal)
    spec = UNIVERSALS[universal]
    word_in = spec.encode(machine, word, max_steps)
    max_network_steps = max_network_steps or spec.max_network_steps
    if not spec.budgeted and max_network_steps:
        within = max_network_steps // compiled.steps_per_tm_step
        if direct.run(compiled.machine, word_in, max_steps=within).status \
                is Status.OUT_OF_STEPS:
            raise RnntmError(
                f"out of reach of the {universal} universal network: its machine "
                f"{spec.machine}, run directly on the {len(word_in):,} cells of its input, "
                f"has not halted after {within:,} steps, so the network would need more "
                f"than {max_network_steps:,} network steps (--max-network-steps); "
                "constructions/universal/README.md gives the cost")
    running = NetworkRun(compiled, word_in, backend=backend)
    bits = running.run_to_result(progress, max_network_steps=max_network_steps)
    if bits is None:
        raise RnntmError(
            f"the {universal} universal network's result is not complete after "
            f"{max_network_steps:,} network steps (--max-network-steps); its input is "
            f"{len(word_in):,} cells of {spec.machine}" +
            ("" if spec.budgeted else ", with no room for a budget (constructions/universal/"
                                      "README.md gives the cost)"))
    if running.line_problem:
        raise RnntmError(running.line_problem)
    state, tape = compiled.read_output(bits)
    run = spec.decode(machine, word, max_steps, state, list(tape))
    if run.steps > max_steps:
        raise RnntmError(f"the machine halted after {run.steps:,} steps, past the budget of "
                         f"{max_steps:,} that the {universal} network's input cannot hold")
    size = compiled.network.size
    return UniversalResult(run, running.complete_at, universal, spec.sha256, size,
                           size - compiled.io.machine_size)
