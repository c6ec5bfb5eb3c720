"""The small universal machine's route: 2-tag systems, Rogozhin's normal form, Cocke and
Minsky's reduction of a machine to a tag system, and the tape of Rogozhin's UTM(4,6) —
each checked against direct execution of what it simulates."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rnntm import load_machine, run
from rnntm.machines.direct import StepConvention
from rnntm.machines.machine import Move
from rnntm.universal import cocke_minsky, small
from rnntm.universal.tag import NEUTRAL, TagError, TagSystem

from strategies import machines, words

UTM = load_machine("small-utm")
#: D. B. Cristofani's test cases for his brainfuck rendering of Rogozhin's UTM(4,6) (utm.b):
#: P(a1) = a1 a1 from a1 a1 a2, and the parity system below from a2 a1 a1.
MINIMAL = TagSystem({"a": ("a", "a")}, "H"), ("a", "a", "H")
PARITY = TagSystem({"a": ("c", "c", "b", "a", "H"), "b": ("c", "c", "a"), "c": ("c", "c")},
                   "H"), ("b", "a", "a")


def through_the_utm(tag, word, budget=10 ** 8):
    """The final word read off Rogozhin's machine run directly on the tag system's tape."""
    final = run(UTM, small.encode(tag, word), max_steps=budget)
    assert final.status.value == "halted" and final.state == "3"
    return small.decode(tag, [UTM.symbols[a] for a in final.cells])


@st.composite
def tag_systems(draw, max_letters=4, max_production=4):
    """A random 2-tag system over the letters a, b, c, ... and the halting letter H."""
    letters = "abcdefg"[:draw(st.integers(1, max_letters))]
    production = st.lists(st.sampled_from(letters + "H"), max_size=max_production)
    return TagSystem({x: tuple(draw(production)) for x in letters}, "H")


def test_the_published_test_cases_through_rogozhins_machine():
    """Cristofani's figures: the minimal case takes 518 steps counting the halting
    instruction (528 here: 10 more of boot) and leaves a1; the parity case leaves the
    string he prints, a3 five times, a1, then the halting letter."""
    tag, word = MINIMAL
    final = run(UTM, small.encode(tag, word), max_steps=10_000,
                convention=StepConvention.BUSY_BEAVER)
    assert final.steps == 528
    assert through_the_utm(*MINIMAL) == ("a", "H") == tag.run(word, max_steps=9).word[2:] + ("H",)
    tag, word = PARITY
    ones = {"a": 1, "b": 11, "c": 17, "H": 21}
    printed = "c".join("1" * ones[x] for x in "cccccaH")
    assert run(UTM, small.encode(tag, word), max_steps=10 ** 6).tape.endswith("c" + printed)
    assert through_the_utm(tag, word) == tag.run(word, max_steps=99).word[2:] + ("H",)


# Only the systems that halt on H are this test's subject: it filters the others out.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tag_systems(), st.lists(st.sampled_from("abcd"), min_size=2, max_size=6))
def test_the_normal_form_runs_as_the_system_with_neutral_pairs_added(tag, word):
    """Rogozhin's normal form reads every letter the system reads, in order: halted, its
    word without the neutral letters is the system's final word."""
    word = [x for x in word if x in tag.productions] or [tag.letters[0]] * 2
    assume(len(word) >= 2)
    plain = tag.run(word, max_steps=200)
    assume(plain.halted and plain.word[:1] == ("H",))
    normal = tag.rogozhin()
    assert set(normal.productions) == {*tag.productions, NEUTRAL}
    assert all(p[:2] == (NEUTRAL, NEUTRAL) and len(p) > 2
               for x, p in normal.productions.items() if x != NEUTRAL)
    final = normal.run(word, max_steps=10 ** 5)
    assert final.halted and tuple(x for x in final.word if x != NEUTRAL) == plain.word


# Most random systems do not halt on H within 12 steps: the filter is the point of the test.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tag_systems(max_letters=3, max_production=3),
       st.lists(st.sampled_from("abc"), min_size=2, max_size=4))
def test_rogozhins_machine_ends_with_the_tag_systems_final_word(tag, word):
    """Any small tag system in the normal form, run by Rogozhin's machine directly: its
    final tape spells the system's final word without the first two letters, then H."""
    word = [x for x in word if x in tag.productions]
    assume(len(word) >= 2)
    plain = tag.run(word, max_steps=12)
    assume(plain.halted and plain.word[:1] == ("H",))
    normal = tag.rogozhin()
    assume(len(small.encode(normal, word)) < 400)
    final = normal.run(word, max_steps=10 ** 4)
    assert through_the_utm(normal, word) == final.word[2:] + ("H",)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_tag_system_of_a_machine_reproduces_direct_execution(data):
    """Any machine of two symbols moving L and R, any input: the tag system of Cocke and
    Minsky's reduction halts in a word that spells the run's final state, head, tape and
    steps (a word of 2^cells letters: runs of up to 40 steps)."""
    machine = data.draw(machines(max_states=4, max_symbols=2, moves=(Move.L, Move.R)))
    word = data.draw(words(machine, max_size=4))
    direct = run(machine, word, max_steps=40)
    assume(direct.status.value == "halted")
    tag, start = cocke_minsky.reduce(machine, word)
    final = tag.run(start, max_steps=10 ** 6)
    assert final.halted and final.word[0] == cocke_minsky.HALT
    assert cocke_minsky.configuration(machine, final.word) == direct


@pytest.mark.parametrize("name, word", [("bb2", ""), ("bb3", ""), ("bb2-b", ""),
                                        ("bb4", ""), ("bb2", "111")])
def test_catalogue_machines_as_tag_systems(name, word):
    machine = load_machine(name)
    tag, start = cocke_minsky.reduce(machine, word)
    final = tag.run(start, max_steps=10 ** 6)
    assert cocke_minsky.configuration(machine, final.word) == \
        run(machine, word, max_steps=1000)


def test_what_the_reduction_and_the_codec_refuse():
    with pytest.raises(TagError, match="3 symbols"):
        cocke_minsky.reduce(load_machine("binary-increment-lsb"), "")
    with pytest.raises(TagError, match="does not move"):
        cocke_minsky.reduce(load_machine("1RB1NZ_1LA0LA"), "")
    with pytest.raises(TagError, match="not Rogozhin's normal form"):
        small.encode(TagSystem({"a": ("a",)}, "H"), ("a", "a"))
    with pytest.raises(TagError, match="no production"):
        TagSystem({"a": ("b",)}, "H")
    with pytest.raises(TagError, match="codes no letter"):
        small.decode(MINIMAL[0], list("<>1c111c1"))
