"""Direct execution: the fast loop against the stepwise reference, conventions, budgets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm.errors import InputError
from rnntm.machines.configuration import EMPTY, Configuration, Stack
from rnntm.machines.direct import Run, Status, StepConvention, initial, run, run_stepwise, step
from rnntm.machines.formats import standard

from strategies import machines, words


def reference(machine, word, max_steps, convention=StepConvention.TRANSITIONS):
    """The result computed from the stepwise generator alone."""
    trace = list(run_stepwise(machine, word, max_steps=max_steps))
    return Run.of(machine, trace[-1], len(trace) - 1, convention)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.integers(0, 300), st.sampled_from(list(StepConvention)))
def test_fast_run_equals_stepwise_reference(data, max_steps, convention):
    machine = data.draw(machines(max_states=5, max_symbols=4))
    word = data.draw(words(machine))
    assert run(machine, word, max_steps=max_steps, convention=convention) == \
        reference(machine, word, max_steps, convention)


@pytest.mark.parametrize("text, move", [("1RA", 1), ("1LA", -1)])
def test_tape_grows_past_both_ends(text, move):
    """A head running off either end far beyond the initial array (64 cells)."""
    result = run(standard.parse(text + "---"), max_steps=10_000)
    assert result.status is Status.OUT_OF_STEPS
    assert result.head == move * 10_000 and result.nonblank == 10_000
    assert result.tape_start == (0 if move > 0 else -9_999)


def test_budget_ending_on_the_tape_edge_reports_the_head_there():
    for max_steps in range(0, 200):
        assert run(standard.parse("1RA---"), max_steps=max_steps).head == max_steps


def test_input_is_written_from_the_head_rightwards():
    """The head starts on cell 0, the input's first symbol; erasing it leaves the rest."""
    result = run(standard.parse("1RA0RZ"), "111", max_steps=9)
    assert (result.steps, result.head, result.tape_start, result.tape) == (1, 1, 1, "11")


def test_undefined_transition_halts_without_a_step_unless_busy_beaver():
    m = standard.parse("1RB---_1LA---")  # A0 -> B0 -> A1: undefined
    assert run(m, max_steps=99).steps == 2
    assert run(m, max_steps=99, convention=StepConvention.BUSY_BEAVER).steps == 3
    assert run(m, max_steps=99).state == "A"


def test_halting_transition_counts_as_a_step():
    result = run(standard.parse("1RZ---"), max_steps=99)
    assert (result.status, result.steps, result.state) == (Status.HALTED, 1, "Z")
    assert run(standard.parse("1RZ---"), max_steps=99,
               convention=StepConvention.BUSY_BEAVER).steps == 1


def test_running_out_of_steps_is_a_status():
    result = run(standard.parse("1RB1LB_1LA0LC_1RZ1LD_1RD0RA"), max_steps=106)
    assert result.status is Status.OUT_OF_STEPS and result.steps == 106


def test_progress_is_reported(monkeypatch):
    monkeypatch.setattr("rnntm.machines.direct.CHUNK", 10)
    seen = []
    run(standard.parse("1RB1LB_1LA0LC_1RZ1LD_1RD0RA"), max_steps=1000, progress=seen.append)
    assert seen == sorted(seen) and len(seen) >= 10 and seen[-1] == 107


def test_input_outside_the_alphabet_is_an_error():
    with pytest.raises(InputError, match="'2' at position 1"):
        run(standard.parse("1RZ---"), "121", max_steps=3)


def test_step_is_none_once_halted():
    m = standard.parse("1RZ---")
    after = step(m, initial(m))
    assert after == Configuration(1, 1, Stack.of([1]), EMPTY)
    assert step(m, after) is None


@given(st.lists(st.integers(0, 3), max_size=12), st.integers(-15, 15), st.integers(-15, 15))
def test_configuration_cells_round_trip(cells, start, head):
    config = Configuration.from_cells(0, head, start, cells)
    marks = [i for i, a in enumerate(cells) if a]
    first, span = config.cells()
    if marks:
        assert (first, span) == (start + marks[0], tuple(cells[marks[0]:marks[-1] + 1]))
    else:
        assert span == ()
    assert config.nonblank() == len(marks)
    assert config.scanned == (cells[head - start] if 0 <= head - start < len(cells) else 0)


@given(st.lists(st.integers(0, 3), max_size=12))
def test_stacks_are_canonical_values(symbols):
    stack = Stack.of(symbols)
    trimmed = list(symbols)
    while trimmed and trimmed[-1] == 0:
        trimmed.pop()
    assert list(stack) == trimmed and len(stack) == len(trimmed)
    assert stack == Stack.of(trimmed) and hash(stack) == hash(Stack.of(trimmed))
    assert stack.pop() == ((trimmed[0], Stack.of(trimmed[1:])) if trimmed else (0, EMPTY))


def test_alphabets_wider_than_a_byte():
    """Over 255 symbols the tape is an array of 32-bit cells; results must not change."""
    from rnntm.machines.machine import Rule, build_machine

    names = [f"s{i}" for i in range(300)]
    rules = [Rule("A", names[i], names[(i * 7 + 1) % 300], "RL"[i % 2], "B") for i in range(300)]
    rules += [Rule("B", names[i], names[299 - i], "R", "A") for i in range(300)]
    machine = build_machine(rules, blank="s0", symbols=names, halt_states=["H"])
    word = names[1:40]
    result = run(machine, word, max_steps=500)
    assert result.steps == 500 and max(result.cells) > 255
    assert result == reference(machine, word, 500)


@settings(max_examples=200, deadline=None)
@given(st.data(), st.integers(0, 200))
def test_tracer_equals_the_stepwise_reference(data, max_steps):
    from rnntm.machines.direct import Tracer

    machine = data.draw(machines(max_states=5, max_symbols=4))
    word = data.draw(words(machine))
    tracer = Tracer(machine, word)
    for config in run_stepwise(machine, word, max_steps=max_steps):
        assert (tracer.state, tracer.scanned, tracer.head) == (
            config.state, config.scanned, config.head)
        assert tracer.configuration() == config
        if not tracer.advance():
            assert step(machine, config) is None
            break
