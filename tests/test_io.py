"""The binary input and output lines: loading, emitting, their costs, and their checks."""

import re
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from perturbations import caught_and_harmless
from sizes import io_part, symbol_bits

from rnntm import load_machine
from rnntm.check.decoded import NetworkRun
from rnntm.check.lockstep import verify
from rnntm.compiler import SCHEDULES, OutputError, compile
from rnntm.compiler.lines import LOAD_DELAY
from rnntm.execute import run_network
from rnntm.machines.direct import Status, run

from strategies import machines, words

#: Examples per schedule, sized to keep each test under 5 seconds.
EXAMPLES = {"realtime": 40, "compact": 40, "siegelmann-sontag": 20}


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_loading_through_the_lines_reaches_the_start_configuration(schedule):
    """After n b + 3 steps of input, the machine part is exactly what ``initial`` sets."""
    @settings(max_examples=EXAMPLES[schedule], deadline=None)
    @given(st.data())
    def check(data):
        machine = data.draw(machines(max_states=3, max_symbols=5))
        word = data.draw(words(machine, max_size=6))
        c = compile(machine, schedule)
        start = c.start_step(word)
        assert start == len(word) * symbol_bits(machine) + LOAD_DELAY
        x = list(run_network(c.network, c.inputs(word), steps=start, backend="mpq"))[-1]
        size = c.io.machine_size
        assert tuple(x[:size]) == c.loaded_state(word)[:size]

    check()


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_output_spells_the_direct_result_in_the_documented_number_of_steps(schedule):
    @settings(max_examples=EXAMPLES[schedule], deadline=None)
    @given(st.data())
    def check(data):
        output_spells_the_direct_result(schedule, data)

    check()


def output_spells_the_direct_result(schedule, data):
    machine = data.draw(machines(max_states=3, max_symbols=4))
    word = data.draw(words(machine, max_size=5))
    direct = run(machine, word, max_steps=80)
    assume(direct.status is Status.HALTED)  # only a halted run has an output
    c = compile(machine, schedule)
    network = NetworkRun(c, word)
    last = halt_seen = None
    for now in network.machine_steps(80):
        if now.at_rest:
            break
        last, halt_seen = now, network.t
    left, right = c.layout.stacks(network.values(last.state))
    cells_right = len(right) + (not c.layout.scanned_on_right)   # the scanned cell on top
    bits = network.output()
    io = c.io
    assert io.decode(bits) == (direct.state_index, direct.cells)
    late = c.schedule == "compact" and c.steps_per_tm_step == 2  # two-phase: a step late
    assert network.complete_at - halt_seen == late + 1 + io.symbol_bits * max(cells_right,
                                                                       len(left))
    assert network.line_problem is None


def test_output_bits_of_a_recognizer_start_with_its_halting_state():
    machine = load_machine("palindrome")
    for word, state in (("abba", "accept"), ("abab", "reject")):
        bits = verify(machine, word, max_steps=1000).output_bits
        c = compile(machine)
        assert machine.state_name(c.io.decode(bits)[0]) == state


def test_decode_drops_blank_padding_and_refuses_what_spells_nothing():
    io = compile(load_machine("binary-addition")).io    # 4 symbols: 2 bits each
    assert io.symbol_bits == 2
    assert io.decode(io.encode(3, (1, 2))) == (3, (1, 2))
    padded = io.encode(3, ()) + "00" + io.input_bits((1, 2)) + "0000"
    assert io.decode(padded) == (3, (1, 2))
    with pytest.raises(OutputError, match="no state"):
        io.decode(io.encode(3, (1,)) + "1")


def test_symbol_codes_of_the_schedules():
    c = compile(load_machine("binary-addition"), "siegelmann-sontag")
    assert c.layout.symbol_code.pattern == "d1d1"
    assert compile(load_machine("binary-addition")).layout.symbol_code.pattern == "d1d1"


@pytest.mark.parametrize("part, least_caught", [
    (r"in\.", 17),                                        # the loader
    (r"out\.(L|R)\b", 14),                                # the output stage: the stacks
    (r"out\.(left|right|halt|state)", 8)])                # and the lines it writes
def test_verifier_reports_every_io_perturbation_that_changes_what_is_seen(part, least_caught):
    """A changed weight of the I/O part either leaves the machine part and the output
    lines exactly as they were at every step, or is reported (many changes are harmless:
    a gate's margin absorbs them)."""
    c = compile(load_machine("binary-increment"))
    neurons = [i for i in range(c.io.machine_size, c.network.size)
               if re.match(part, c.network.neurons[i])]
    caught, harmless = caught_and_harmless(c, "1011", neurons, Fraction(1, 2))
    assert caught >= least_caught and harmless


def test_io_neuron_counts_follow_the_documented_formula():
    for name in ("bb4", "binary-addition", "anbncn", "copy"):
        m = load_machine(name)
        for schedule in ("realtime", "siegelmann-sontag"):
            c = compile(m, schedule)
            assert c.network.size - c.io.machine_size == io_part(m, schedule)
    bb4 = compile(load_machine("bb4"))
    assert (bb4.io.machine_size, bb4.network.size - bb4.io.machine_size) == (24, 14)


def test_the_output_is_compared_with_the_direct_result_not_its_encoding():
    """A decoder that reads every output as the blank tape in state 0 is wrong for BB(4):
    the verifier must see it, although it agrees with itself on the encoded result."""
    from dataclasses import dataclass, replace

    from rnntm.compiler.lines import IOLayout

    @dataclass(frozen=True)
    class BlindIO(IOLayout):
        def decode(self, bits):
            return 0, ()

    c = compile(load_machine("bb4"))
    blind = replace(c, io=BlindIO(**vars(c.io)))
    report = verify(c.machine, max_steps=1000, compiled=blind)
    assert not report.ok and report.divergence.what == "output"
    assert report.divergence.expected == "state Z, tape 10111111111111"


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_network_steps_are_an_exact_function_of_the_run(schedule):
    """A halted run's network steps are a·T + b·|w| + 4 + late + b·max(r, l) (lines.py):
    T machine steps of a network steps each, b bits per input symbol, 3 steps to load and
    1 to raise the halt line, the two-phase construction's halt seen a step late, and the
    longer side of the tape written a bit a step, r cells from the head rightwards and l
    left of it among those the run visited or read (the stacks hold exactly those), counted
    from the direct run alone."""
    from rnntm.machines.direct import run_stepwise

    @settings(max_examples=EXAMPLES[schedule] // 2, deadline=None)
    @given(st.data())
    def check(data):
        machine = data.draw(machines(max_states=3, max_symbols=4))
        word = data.draw(words(machine, max_size=5))
        heads = [c.head for c in run_stepwise(machine, word, max_steps=80)]
        assume(run(machine, word, max_steps=80).status is Status.HALTED)
        c = compile(machine, schedule)
        report = verify(machine, word, max_steps=80, compiled=c)
        n = len(machine.encode_word(word))
        low, high, head = min(heads), max(heads + [n - 1]), heads[-1]
        late = c.steps_per_tm_step == 2
        b = symbol_bits(machine)
        assert report.network_steps == c.steps_per_tm_step * (len(heads) - 1) + b * n + 4 + \
            late + b * max(high - head + 1, head - low)

    check()
