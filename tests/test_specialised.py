"""The specialised backend against the reference, at every network step of whole runs."""

from __future__ import annotations

from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rnntm.execute.specialised as specialised
from rnntm import compile
from rnntm.compiler import SCHEDULES
from rnntm.core.network import Affine, Network
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


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 2 ** 300 - 1), st.sampled_from([6, 7]), st.sampled_from([-1, 1]),
       st.integers(2, 200), st.sampled_from([1, 4, 16, Fraction(1, 4), -16, 2 ** 70]),
       st.sampled_from([0, Fraction(-6), Fraction(-1), Fraction(3, 4), Fraction(7, 2 ** 80)]))
def test_deep_values_and_values_near_saturation_are_exact(mantissa, edge, side, depth,
                                                           weight, bias):
    """Rows σ(w x + c) of a 300-bit fraction x, and σ(16 y - 6) of a y within 2^-depth of
    where it reaches 0 (6/16) or 1 (7/16): every value equals the reference's."""
    x = Fraction(mantissa, 2 ** 300)
    y = Fraction(edge, 16) + side * Fraction(1, 2 ** depth)
    net = Network(("x", "read", "y", "near"),
                  (Affine(state=((0, 1),)), Affine(state=((0, weight),), bias=bias),
                   Affine(state=((2, 1),)), Affine(state=((2, 16),), bias=-6)),
                  initial=(x, 0, y, 0))
    with patch.object(specialised, "HOT", 1):
        fast = [tuple(v) for v in run_network(net, steps=2, backend="specialised")]
    assert fast == list(run_network(net, steps=2, backend="fraction"))
