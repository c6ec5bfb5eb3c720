"""Universality made concrete: one fixed network, its weights pinned by a hash, runs any
machine given as bits on its input lines, and its output lines spell that machine's run."""

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm import compile, load_machine, run
from rnntm.cli.command import main
from rnntm.compiler.saved import document_sha256, dumps
from rnntm.errors import ParseError
from rnntm.universal import UNIVERSALS, campaign, load_universal, run_universal
from rnntm.universal.practical import decode, encode

from strategies import machines, words

UNIVERSAL = Path(__file__).parent.parent / "constructions" / "universal"
UTM = load_machine("practical-utm")


def through_the_machine(machine, word, budget):
    """The simulated run read off the universal machine run directly (fast)."""
    final = run(UTM, encode(machine, word, max_steps=budget), max_steps=10 ** 8)
    tape = [UTM.symbols[a] for a in final.cells]
    return decode(machine, budget, UTM.state_name(final.state_index), tape)


def test_the_table_is_what_its_program_prints():
    spec = importlib.util.spec_from_file_location("practical", UNIVERSAL / "practical.py")
    program = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(program)
    assert program.table() == (UNIVERSAL / "practical.tm").read_text()
    assert (len(UTM.all_states), UTM.n_symbols) == (71, 16)   # 69 working, done and out


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_encoded_start_decodes_to_the_start(data):
    """Read before a step is taken, the universal machine's input spells the simulated
    machine's start: its state, its input from the head, the whole budget left."""
    machine = data.draw(machines(max_states=5, max_symbols=6))
    word = data.draw(words(machine, max_size=6))
    budget = data.draw(st.integers(0, 10 ** 6))
    start = decode(machine, budget, "done", encode(machine, word, max_steps=budget))
    assert (start.state_index, start.head, start.steps) == (0, 0, 0)
    assert start.cells == tuple(machine.encode_word(word)[:len(start.cells)])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_universal_machine_reproduces_direct_execution(data):
    """Any machine (up to 5 states and 6 symbols, every move, halting or not), any input,
    any budget: the universal machine run directly ends with the same status, steps,
    state, head and tape as the machine run directly."""
    machine = data.draw(machines(max_states=5, max_symbols=6))
    word = data.draw(words(machine, max_size=5))
    budget = data.draw(st.integers(0, 60))
    assert through_the_machine(machine, word, budget) == run(machine, word, max_steps=budget)


@pytest.mark.parametrize("name, word", [("bb4", ""), ("binary-addition", "101+11"),
                                        ("palindrome", "abba"), ("copy", "110")])
def test_catalogue_machines_through_the_universal_machine(name, word):
    machine = load_machine(name)
    assert through_the_machine(machine, word, 10_000) == run(machine, word, max_steps=10_000)


def test_the_saved_network_is_the_compiled_universal_machine_and_its_hash_is_recorded():
    text = (UNIVERSAL / "practical.net.json").read_text()
    assert text == dumps(compile(UTM))
    assert document_sha256(json.loads(text)) == UNIVERSALS["practical"].sha256


def test_a_changed_weight_is_refused_when_loaded(tmp_path):
    from rnntm.compiler.saved import loads_pinned

    doc = json.loads((UNIVERSAL / "practical.net.json").read_text())
    doc["network"]["rows"]["out.halt"]["bias"] = "1"
    with pytest.raises(ParseError, match="SHA-256 is .*, not the recorded"):
        loads_pinned(json.dumps(doc), UNIVERSALS["practical"].sha256, "practical.net.json")


@pytest.mark.xdist_group("universal-network")
def test_bb2_through_the_fixed_network():
    """BB(2) through the network: its 6 steps and 4 ones read off the output lines."""
    result = run_universal(load_machine("1RB1LB_1LA1RZ"), max_steps=100)
    assert result.run == run(load_machine("1RB1LB_1LA1RZ"), max_steps=100)
    assert (result.run.steps, result.run.nonblank, result.neurons) == (6, 4, 1237)


@pytest.mark.xdist_group("universal-network")
def test_an_input_and_a_budget_through_the_fixed_network():
    """A machine on an input, and a machine that never halts: out of steps at its budget,
    as direct execution reports it."""
    for spec, word, budget in (("binary-increment", "1", 100), ("1RB1RA_1LA1RB", "", 3)):
        machine = load_machine(spec)
        assert run_universal(machine, word, max_steps=budget).run == \
            run(machine, word, max_steps=budget)


@pytest.mark.xdist_group("universal-network")
def test_the_command_reads_bb2_off_the_universal_network(capsys):
    assert main(["universal", "1RB1LB_1LA1RZ", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["steps"], result["nonblank"]) == ("halted", 6, 4)
    assert result["sha256"] == UNIVERSALS["practical"].sha256 and result["neurons"] == 1237
    assert {"tape", "head", "state", "network_steps", "universal"} <= set(result)


def test_the_command_lists_the_universal_networks(capsys):
    """Both networks, each with all its neurons, its I/O part and its hash; the small one
    within 64 neurons in all (Siegelmann and Sontag's: 886)."""
    assert main(["universal", "--info", "--json"]) == 0
    rows = {row["universal"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(UNIVERSALS)
    for name, info in rows.items():
        compiled = load_universal(name)
        assert (info["neurons"], info["neurons_io"]) == \
            (compiled.network.size, compiled.network.size - compiled.io.machine_size)
        assert info["sha256"] == UNIVERSALS[name].sha256
    assert (rows["small"]["neurons"], rows["small"]["neurons_io"]) == (63, 14)


# -- the small network: Rogozhin's UTM(4,6) and a boot state --------------------------------

def test_the_saved_small_network_is_the_compiled_machine_and_its_hash_is_recorded():
    text = (UNIVERSAL / "small.net.json").read_text()
    assert text == dumps(compile(load_machine("small-utm"), schedule="compact"))
    assert document_sha256(json.loads(text)) == UNIVERSALS["small"].sha256


@pytest.mark.xdist_group("universal-network")
def test_a_tag_system_through_the_small_network():
    """Cristofani's minimal tag system through the 63 neurons: the output lines spell the
    universal machine's final tape, whose word is the tag system's."""
    from rnntm.check.decoded import NetworkRun
    from rnntm.machines.direct import run_stepwise
    from rnntm.universal import small
    from rnntm.universal.tag import TagSystem

    tag, word = TagSystem({"a": ("a", "a")}, "H"), ("a", "a", "H")
    compiled = load_universal("small")
    running = NetworkRun(compiled, small.encode(tag, word))
    state, tape = compiled.read_output(running.run_to_result())
    final = run(compiled.machine, small.encode(tag, word), max_steps=10_000)
    assert (state, "".join(tape)) == (final.state, final.tape)
    assert small.decode(tag, list(tape)) == ("a", "H")
    heads = [c.head for c in run_stepwise(compiled.machine, small.encode(tag, word),
                                          max_steps=10_000)]
    n, b, head = len(small.encode(tag, word)), 3, heads[-1]
    assert running.complete_at == 2 * final.steps + b * n + 4 + 1 + \
        b * max(max(heads + [n - 1]) - head + 1, head - min(heads))   # as tests/test_io.py


@pytest.mark.xdist_group("universal-network")
def test_a_machine_through_the_small_network():
    """BB(1) on the input 1 halts at once: the machine becomes a 2-tag system, that one
    Rogozhin's tape of 740 cells, run through the 63 neurons (131,385 network steps), and
    its output lines are read back as the run direct execution gives."""
    machine = load_machine("bb1")
    result = run_universal(machine, "1", max_steps=10, universal="small")
    assert result.run == run(machine, "1", max_steps=10)
    assert (result.network_steps, result.neurons) == (131_385, 63)


def test_a_run_out_of_the_small_networks_reach_is_refused(capsys):
    """BB(1) and BB(2) through the small network: its machine, run directly first, has not
    halted within the bound (BB(1) takes 2,034,227,311 of its steps, BB(2) at least
    362,989,266): refused before the network starts."""
    from rnntm.universal import small

    assert small.steps_at_least(load_machine("bb2"), "") == 362_989_266
    for spec in ("1RZ---", "1RB1LB_1LA1RZ"):
        assert main(["universal", spec, "--universal", "small", "--json"]) == 2
        error = capsys.readouterr().err
        assert "out of reach of the small universal network" in error
        assert "has not halted after 1,000,000 steps" in error


# -- long campaigns, run by hand ---------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name, word, budget", campaign())
def test_twenty_machines_through_the_fixed_network(name, word, budget):
    """The same hash-checked network reproduces direct execution, inputs, alphabets of
    three and four symbols, and runs out of budget (the cycler, BB(5) at 300 steps)."""
    machine = load_machine(name)
    assert run_universal(machine, word, max_steps=budget).run == \
        run(machine, word, max_steps=budget)
