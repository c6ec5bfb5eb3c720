"""The specialised backend against the reference, at every network step of whole runs."""

from __future__ import annotations

from unittest.mock import patch

import pytest

import rnntm.execute.specialised as specialised
from rnntm import compile
from rnntm.compiler import SCHEDULES
from rnntm.execute import run_network
from rnntm.execute.specialised import run_states
from rnntm.machines.direct import run
from rnntm.machines.enumeration import random_machines


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_neuron_equals_the_reference_at_every_step(schedule):
    """Random 3-state 2-symbol and 2-state 3-symbol machines, compiled, run from their
    loaded input through the halt and the output: with every pattern's own step generated
    at its first visit, each neuron's value equals the mpq reference's at every step."""
    machines = random_machines(3, 2, 6, seed=1) + random_machines(2, 3, 6, seed=2)
    with patch.object(specialised, "HOT", 1):
        for machine in machines:
            steps = run(machine, "", max_steps=40).steps
            c = compile(machine, schedule)
            length = c.start_step("") + (steps + 1) * c.steps_per_tm_step + 24
            fast = run_network(c.network, c.inputs(""), steps=length, backend="specialised")
            reference = run_network(c.network, c.inputs(""), steps=length, backend="mpq")
            for t, (x, y) in enumerate(zip(fast, reference, strict=True)):
                assert tuple(x) == y, (machine, t)


def test_a_pattern_gets_its_own_step_once_hot():
    """Below HOT visits a pattern is stepped by the general step; from then on by its own,
    which evaluates only the rows its pattern leaves undecided."""
    from rnntm import load_machine

    c = compile(load_machine("bb4"))
    kit = specialised.specialised(c.network)
    states = list(run_states(c.network, c.inputs(""), steps=c.start_step("") + 107))
    assert kit._steps, "BB(4)'s run makes some patterns hot"
    key = max(kit._visits, key=kit._visits.get)
    source = kit.source(key)
    assert source.count("# neuron") <= 6 < c.network.size  # the stack pieces and readings
    assert len({key for key, _, _ in states}) < 60
