"""Segment-parallel verification: each segment from the exact state encoding its start to
the one encoding its end; joined, the same verdict, steps and output as one lockstep run,
over random machines and every schedule; a wrong end state is caught, named."""

import json
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm import compile, load_machine
from rnntm.check.lockstep import verify
from rnntm.check.segments import checkpoints, encoded, stretches, verify_in_segments
from rnntm.cli.command import main

from strategies import machines

SCHEDULES = ("realtime", "compact", "siegelmann-sontag")


@settings(max_examples=60, deadline=None)
@given(machines(), st.integers(2, 5), st.sampled_from(SCHEDULES), st.data())
def test_segments_join_into_the_lockstep_verdict(machine, segments, schedule, data):
    word = data.draw(st.lists(st.sampled_from(machine.input_symbols), max_size=4))
    compiled = compile(machine, schedule)
    joined = verify_in_segments(machine, word, max_steps=60, segments=segments,
                                compiled=compiled)
    whole = verify(machine, word, max_steps=60, compiled=compiled)
    assert (joined.ok, joined.steps, joined.network_steps, joined.halted,
            joined.output_bits) == (whole.ok, whole.steps, whole.network_steps, whole.halted,
                                    whole.output_bits)


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_the_encoding_of_a_checkpoint_is_the_network_state_there(schedule):
    """The network run from its loaded input holds, at each checkpoint, exactly the state
    :func:`encoded` gives (I/O part 0): BB(4) at steps 1 to 100."""
    from rnntm.check.decoded import NetworkRun

    machine = load_machine("bb4")
    compiled = compile(machine, schedule)
    points = {p.step: p for p in checkpoints(machine, "", range(1, 101))}
    running = NetworkRun(compiled)
    for now in running.machine_steps(100):
        if now.step in points:
            expected = encoded(compiled, points[now.step])
            assert tuple(running.values(now.state)) == expected, now.step


def test_a_segment_that_ends_elsewhere_is_caught():
    machine = load_machine("bb4")
    compiled = compile(machine)
    (first, end), *_ = stretches(compiled, "", 1000, 3)
    wrong = list(first.end_x)
    wrong[compiled.layout.left[0]] += Fraction(1, 1024)
    report = verify(machine, max_steps=end, compiled=compiled,
                    segment=replace(first, end_x=tuple(wrong)))
    assert not report.ok
    assert report.divergence.what.startswith("the segment's end state, neuron L[")


def test_two_workers_from_the_command(capsys):
    assert main(["verify", "bb4", "--workers", "2", "--schedule", "all", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [(r["ok"], r["steps"], r["output_bits"]) for r in reports] == \
        [(True, 107, "10111111111111")] * 3
