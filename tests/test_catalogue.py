"""Every catalogue machine against its recorded behaviour; textbook machines against Python."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm.errors import CatalogueError
from rnntm.machines import catalogue
from rnntm.machines.direct import run
from rnntm.machines.formats import standard

#: Runs of more steps than this (BB(5)'s 47 million, 4 to 6 seconds each) are slow tests.
SLOW_STEPS = 40_000_000
RUNS = [pytest.param(e, i, id=f"{e.name}-{i}",
                     marks=[pytest.mark.slow] * (r.expect.get("steps", 0) > SLOW_STEPS))
        for e in catalogue.entries() for i, r in enumerate(e.runs)]


def test_catalogue_is_large_and_names_are_unique():
    names = [e.name for e in catalogue.entries()]
    assert len(names) >= 25 and len(set(names)) == len(names)
    assert {"busy-beaver", "non-halting", "textbook", "universal"} == \
        {e.family for e in catalogue.entries()}


@pytest.mark.parametrize("entry, index", RUNS)
def test_catalogue_run_matches_its_record(entry, index):
    recorded = entry.runs[index]
    result = run(entry.machine, recorded.input, max_steps=recorded.max_steps)
    assert catalogue.mismatches(recorded, result) == {}


def test_published_cycler_has_its_published_preperiod_and_period():
    e = catalogue.entry("cycler-3")
    assert catalogue.find_cycle(e.machine, max_steps=1000) == e.cycle == (4, 18)


def test_find_cycle_finds_none_in_a_halting_machine():
    assert catalogue.find_cycle(catalogue.entry("bb4").machine, max_steps=1000) is None


def test_load_machine_resolves_names_files_and_inline_text(tmp_path):
    path = tmp_path / "bb4.txt"
    path.write_text("1RB1LB_1LA0LC_1RZ1LD_1RD0RA\n")
    bb4 = catalogue.entry("bb4").machine
    assert catalogue.load_machine(str(path)) == catalogue.load_machine("bb4") == bb4
    assert catalogue.load_machine("1RB1LB_1LA0LC_1RZ1LD_1RD0RA") == bb4
    with pytest.raises(CatalogueError, match="did you mean bb5"):
        catalogue.load_machine("bb6")


def output(name, word, max_steps=200_000):
    result = run(catalogue.entry(name).machine, word, max_steps=max_steps)
    assert result.status.value == "halted"
    return result


binary = st.integers(0, 2000).map(lambda n: format(n, "b"))


@given(binary)
def test_binary_increment(word):
    assert int(output("binary-increment", word).tape, 2) == int(word, 2) + 1


@given(binary)
def test_binary_increment_least_significant_bit_first(word):
    tape = output("binary-increment-lsb", word[::-1]).tape
    assert int(tape[::-1], 2) == int(word, 2) + 1


@settings(deadline=None)
@given(st.integers(0, 60), st.integers(0, 60))
def test_binary_addition(a, b):
    tape = output("binary-addition", f"{a:b}+{b:b}").tape
    assert int(tape, 2) == a + b


@given(st.integers(0, 30), st.integers(0, 30))
def test_unary_addition(m, n):
    assert output("unary-addition", "1" * m + "+" + "1" * n).nonblank == m + n


@settings(deadline=None)
@given(st.integers(0, 12), st.integers(0, 12))
def test_unary_multiplication(m, n):
    result = output("unary-multiplication", "1" * m + "*" + "1" * n)
    assert result.tape == "1" * (m * n)


@given(st.text("ab", max_size=14))
def test_palindrome(word):
    assert output("palindrome", word).state == ("accept" if word == word[::-1] else "reject")


@given(st.text("01", max_size=12))
def test_copy(word):
    assert output("copy", word).tape == f"{word}#{word}"


@given(st.one_of(st.text("abc", max_size=12),
                 st.integers(0, 6).map(lambda n: "a" * n + "b" * n + "c" * n)))
def test_anbncn(word):
    n = len(word) // 3
    expected = word == "a" * n + "b" * n + "c" * n
    assert output("anbncn", word).state == ("accept" if expected else "reject")


def balanced(word):
    depth = 0
    for c in word:
        depth += 1 if c == "(" else -1
        if depth < 0:
            return False
    return depth == 0


@given(st.one_of(st.text("()", max_size=14),
                 st.recursive(st.just(""), lambda inner: st.builds(
                     lambda a, b: f"({a}){b}", inner, inner), max_leaves=6)))
def test_balanced_parentheses(word):
    assert output("balanced-parentheses", word).state == (
        "accept" if balanced(word) else "reject")


def test_marxen_mirror_is_the_champion_with_left_and_right_swapped():
    champion = standard.write(catalogue.entry("bb5").machine)
    mirrored = re.sub("[LR]", lambda m: "R" if m.group() == "L" else "L", champion)
    assert standard.write(catalogue.entry("bb5-mirror").machine) == mirrored
