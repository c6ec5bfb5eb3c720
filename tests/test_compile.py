"""Compiled networks against direct execution: random machines, the catalogue, perturbations."""

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from perturbations import caught_and_harmless

from rnntm import catalogue, load_machine, network
from rnntm.compile import SCHEDULES, compile
from rnntm.machine import Move
from rnntm.network import Affine
from rnntm.verify import verify

from strategies import machines, words


@pytest.mark.parametrize("schedule", SCHEDULES)
@settings(max_examples=120, deadline=None)
@given(st.data())
def test_random_machines_verify(schedule, data):
    machine = data.draw(machines(max_states=4, max_symbols=4))
    word = data.draw(words(machine, max_size=6))
    report = verify(machine, word, max_steps=60, schedule=schedule)
    assert report.ok, report.divergence


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("entry", catalogue.entries(), ids=lambda e: e.name)
def test_catalogue_machines_verify_within_a_budget(schedule, entry):
    recorded = entry.runs[0]
    report = verify(entry.machine, recorded.input, max_steps=min(recorded.max_steps, 1500),
                    schedule=schedule)
    assert report.ok, report.divergence


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_bb4_in_full(schedule):
    report = verify(load_machine("bb4"), max_steps=1000, schedule=schedule)
    assert (report.ok, report.steps, report.halted) == (True, 107, True)
    assert report.full_comparisons == 108


@pytest.mark.parametrize("schedule", SCHEDULES)
@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["binary-addition", "palindrome", "copy", "anbncn",
                        "balanced-parentheses", "unary-multiplication"]), st.data())
def test_input_taking_machines_on_many_inputs(schedule, name, data):
    machine = load_machine(name)
    word = data.draw(words(machine, max_size=7))
    report = verify(machine, word, max_steps=3000, schedule=schedule)
    assert report.ok and report.halted, report.divergence


def test_realtime_size_formula_and_targets():
    for name in ("bb4", "bb5", "bb2x3", "copy", "anbncn"):
        m = load_machine(name)
        k = m.n_symbols
        moves = {t.move for row in m.table for t in row if t}
        entering = [{t.move for row in m.table for t in row if t and t.next == s}
                    for s in range(m.n_states + len(m.halt_states))]
        entering[0] = entering[0] or {Move.N}
        readings = (k - 1) * (bool(moves & {Move.R, Move.N}) + (Move.L in moves)
                              + bool(moves & {Move.L, Move.N}) + (Move.R in moves))
        expected = k * sum(map(len, entering)) + 2 * len(moves) + readings
        assert compile(m).io.machine_size == expected
    assert compile(load_machine("bb4")).io.machine_size <= 25
    assert compile(load_machine("bb5")).io.machine_size <= 25


def test_realtime_weights_are_dyadic():
    assert all(compile(e.machine).network.is_dyadic for e in catalogue.entries())


def test_saved_and_loaded_network_verifies_the_same():
    c = compile(load_machine("bb4"))
    loaded = network.parse(network.write(c.network))
    assert loaded == c.network
    assert verify(c.machine, max_steps=200, compiled=replace(c, network=loaded)).ok


@pytest.mark.parametrize("delta", [Fraction(1, 2), Fraction(-1, 1024)])
def test_verifier_reports_every_perturbation_that_changes_the_run(delta):
    """A single changed weight of the machine part either leaves the machine part and the
    output lines exactly as they were through the halt line, or the verifier reports a
    divergence; and most changes are caught."""
    c = compile(load_machine("bb4"))
    caught, _ = caught_and_harmless(c, "", range(c.io.machine_size), delta)
    assert caught >= 100


def test_a_corrupted_reading_names_the_first_divergence():
    c = compile(load_machine("bb4"))
    rows = list(c.network.rows)
    i = c.network.index("T[B|R|0]")
    rows[i] = Affine(rows[i].state, rows[i].inputs, rows[i].bias - 1)  # never enter B by R
    report = verify(c.machine, max_steps=1000, compiled=replace(
        c, network=replace(c.network, rows=tuple(rows))))
    assert not report.ok and report.divergence.step == 1
    assert "decoding" in str(report.divergence)


@settings(max_examples=80, deadline=None)
@given(machines(max_states=6, max_symbols=5))
def test_compact_is_never_larger_than_realtime(machine):
    compact, realtime = compile(machine, "compact"), compile(machine, "realtime")
    assert compact.network.size <= realtime.network.size
    assert compact.io.machine_size <= realtime.io.machine_size
    assert compact.steps_per_tm_step in (1, 2)


def test_compact_on_the_catalogue_and_the_two_phase_size_formula():
    from rnntm.compile.twophase import compile_two_phase

    for e in catalogue.entries():
        m = e.machine
        compact, realtime = compile(m, "compact"), compile(m, "realtime")
        assert compact.network.size <= realtime.network.size
        assert compact.io.machine_size <= realtime.io.machine_size
        n, h, k = m.n_states, len(m.halt_states), m.n_symbols
        moves = {t.move for row in m.table for t in row if t} or {Move.N}
        network, _, steps = compile_two_phase(m)
        assert network.size == (n + h) + 2 * len(moves) + (n + h) + n * (k - 1) + 2 + (k - 1) + 1
        assert steps == 2 and network.is_dyadic
    assert compile(load_machine("bb4"), "compact").io.machine_size == 22
    assert compile(load_machine("bb4"), "compact").steps_per_tm_step == 2


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_saved_networks_of_every_schedule_load_as_they_were(schedule):
    from rnntm.compile import saved

    for name in ("bb4", "bb5-marxen-2", "anbncn", "copy"):
        c = compile(load_machine(name), schedule)
        assert saved.loads(saved.dumps(c)) == c


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_simulate_reads_the_direct_result_off_every_schedule(schedule):
    from rnntm.netsim import simulate_network
    from rnntm.simulate import run

    for name, word in (("bb4", ""), ("binary-addition", "1101+1011"), ("palindrome", "abba"),
                       ("cycler-3", "")):
        machine = load_machine(name)
        direct = run(machine, word, max_steps=500)
        result = simulate_network(compile(machine, schedule), word, max_steps=500).run
        assert result.as_dict() == direct.as_dict()


@pytest.mark.slow
def test_bb5_whole_run_verifies():
    """The 47,176,870-step champion, every step in lockstep, input loaded and output read
    off the lines (about thirteen minutes)."""
    report = verify(load_machine("bb5"), max_steps=50_000_000)
    assert (report.ok, report.steps, report.halted) == (True, 47_176_870, True)
    assert report.output_bits[:3] == "101"                   # state Z, index 5 of 6
    assert report.output_bits.count("1") == 2 + 4_098          # and the tape's 4,098 ones


def test_siegelmann_sontag_layered_step_sizes():
    from rnntm.compile.siegelmann_sontag import _stack_machine

    for name in ("bb4", "bb2x3", "palindrome", "copy"):
        m = load_machine(name)
        b = max(1, (m.n_symbols - 1).bit_length())
        states, rules = _stack_machine(m, b)
        c = compile(m, "siegelmann-sontag")
        assert c.io.machine_size == 3 * len(states) + 9 * len(rules) + 20
        assert c.steps_per_tm_step == 4 * b
        assert c.layout.base == 4 and c.network.is_dyadic
    assert compile(load_machine("bb4"), "siegelmann-sontag").io.machine_size == 122


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("name, word, budget", [("bb4", "", 50), ("bb4", "", 1000),
                                                ("binary-addition", "1+1", 3),
                                                ("palindrome", "abba", 1000)])
def test_simulate_and_verify_count_network_steps_alike(schedule, name, word, budget):
    """Stopped by the budget of N machine steps: the network step holding step N, the
    loading (b bits a symbol, then 4) and N times the steps per machine step; halted:
    the step at which the halt line rises, the same for both."""
    from rnntm.netsim import simulate_network

    c = compile(load_machine(name), schedule)
    simulated = simulate_network(c, word, max_steps=budget)
    report = verify(c.machine, word, max_steps=budget, compiled=c)
    assert report.ok and simulated.network_steps == report.network_steps
    if not report.halted:
        b = max(1, (c.machine.n_symbols - 1).bit_length())
        assert report.network_steps == b * len(word) + 4 + budget * c.steps_per_tm_step
