"""The machine value: construction, validation errors that name the culprit, equality."""

import pytest
from hypothesis import given

from rnntm.errors import (
    DuplicateNameError,
    InputError,
    Location,
    MachineError,
    NondeterministicError,
    UnknownStateError,
    UnknownSymbolError,
)
from rnntm.machines.machine import Machine, Move, Rule, Transition, build_machine

from strategies import machines


def rules(*rows, where=None):
    return [Rule(*row.split(), where=where) for row in rows]


def test_builder_numbers_start_state_and_blank_first():
    m = build_machine(rules("q1 a b R q0", "q0 _ a L q1"), blank="_", start="q0",
                      halt_states=["stop"])
    assert m.states == ("q0", "q1")
    assert m.symbols[0] == "_"
    assert m.input_symbols == ("a", "b")
    assert m.table[1][m.symbols.index("a")] == Transition(m.symbols.index("b"), Move.R, 0)


def test_nondeterministic_table_names_both_places():
    first, second = Location("m.tm", 3, 1), Location("m.tm", 9, 1)
    with pytest.raises(NondeterministicError) as error:
        build_machine([Rule("A", "0", "1", "R", "A", first),
                       Rule("A", "0", "0", "L", "A", second)], blank="0")
    assert str(error.value) == "m.tm:9:1: second rule for (A, 0); the first is at m.tm:3:1"


@pytest.mark.parametrize("rows, kwargs, error, culprit, located", [
    (["A 0 1 R B"], {}, UnknownStateError, "'B'", True),
    (["A 0 1 R H"], {"halt_states": ["H", "H"]}, DuplicateNameError, "H", False),
    (["H 0 1 R A"], {"halt_states": ["H"]}, DuplicateNameError, "'H'", True),
    (["A 0 2 R A"], {"symbols": ["0", "1"]}, UnknownSymbolError, "'2'", True),
    (["A 0 1 X A"], {}, MachineError, "'X'", True),
    (["A 0 1 R A"], {"input_symbols": ["0"]}, UnknownSymbolError, "'0'", False),
    (["A 0 1 R A"], {"input_symbols": ["7"]}, UnknownSymbolError, "'7'", False),
    (["A 0 1 R A"], {"start": "H", "halt_states": ["H"]}, DuplicateNameError, "'H'", False),
    ([], {}, MachineError, "no working state", False),
])
def test_each_defect_has_its_error_naming_the_culprit(rows, kwargs, error, culprit, located):
    """Defects of a rule carry the rule's place; defects of a declaration name the item."""
    with pytest.raises(error) as raised:
        build_machine(rules(*rows, where=Location("m.tm", 4, 2)), blank="0", **kwargs)
    assert culprit in str(raised.value)
    assert str(raised.value).startswith("m.tm:4:2: ") == located


@pytest.mark.parametrize("fields, error", [
    ({"table": ((Transition(5, Move.R, 0),),)}, MachineError),
    ({"table": ((Transition(0, Move.R, 3),),)}, UnknownStateError),
    ({"table": ((None, None),)}, MachineError),
    ({"symbols": ("0", "0")}, DuplicateNameError),
    ({"states": ("A\tB",)}, MachineError),
    ({"symbols": ("",)}, MachineError),
    ({"halt_states": ("A",)}, DuplicateNameError),
    ({"states": ()}, MachineError),
])
def test_direct_construction_is_validated(fields, error):
    base = {"states": ("A",), "halt_states": (), "symbols": ("0",),
            "table": ((Transition(0, Move.N, 0),),)}
    with pytest.raises(error):
        Machine(**{**base, **fields})


def test_a_table_cell_must_be_a_transition_with_a_move():
    with pytest.raises(MachineError, match="not a Transition"):
        Machine(("A",), (), ("0",), (((0, 1, 0),),))


@given(machines())
def test_machines_are_values(machine):
    twin = Machine(machine.states, machine.halt_states, machine.symbols,
                   [list(row) for row in machine.table], machine.input_symbols)
    assert twin == machine and hash(twin) == hash(machine)
    assert {machine: 1}[twin] == 1


def test_encode_word_reads_characters_or_spaced_names():
    m = build_machine(rules("A x y R A", "A yy x R A"), blank="_")
    assert m.encode_word("x yy") == (m.symbols.index("x"), m.symbols.index("yy"))
    with pytest.raises(InputError, match="'z' at position 1"):
        m.encode_word(["x", "z"])
