"""Parsing and writing machines: round trips, located errors, automata-lib interop."""

import json
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rnntm.errors import FormatError, MachineError, NondeterministicError, ParseError
from rnntm.machines import formats
from rnntm.machines.direct import run
from rnntm.machines.formats import automata, machine_json, standard, table

from strategies import machines, words


def same_rules(a, b):
    """Equal up to the numbering of states and symbols."""
    return (set(a.rules()) == set(b.rules()) and a.states[0] == b.states[0]
            and a.symbols[0] == b.symbols[0] and set(a.halt_states) == set(b.halt_states)
            and set(a.input_symbols) == set(b.input_symbols))


# -- standard format -----------------------------------------------------------------------

def entered_halts_only(machine):
    """The machine with only the halting states some rule enters: the standard format
    declares a halting state by entering it."""
    entered = {r.next for r in machine.rules()}
    if all(h in entered for h in machine.halt_states):
        return machine
    return replace(machine, halt_states=())  # the strategy's one halting state, unused


@given(machines(max_states=6, max_symbols=5, one_halt=True))
def test_standard_round_trip(machine):
    text = standard.write(machine)
    assert standard.parse(text) == entered_halts_only(machine)
    assert standard.write(standard.parse(text)) == text


def test_a_letter_past_the_last_row_is_a_halting_state_of_that_name():
    """As the community's format has it; no renaming, so a run halts in the state written."""
    bb2_h = standard.parse("1RB1LB_1LA1RH")
    assert bb2_h.halt_states == ("H",) and standard.write(bb2_h) == "1RB1LB_1LA1RH"
    assert run(bb2_h, max_steps=10).state == "H"
    assert standard.parse("1RC1LB_1LA1RZ").halt_states == ("C", "Z")
    assert standard.parse("1RB---_1LA---").halt_states == ()


@pytest.mark.parametrize("state", ["#a", "a:"])
def test_the_table_writer_refuses_what_its_reader_would_misread(state):
    m = machine_json.parse(json.dumps({"format": "rnntm-machine", "version": 1,
                                       "states": [state], "symbols": ["_", "x"],
                                       "transitions": [[state, "_", "x", "R", state]]}))
    with pytest.raises(FormatError, match="cannot start a rule"):
        table.write(m)
    assert str(m) == f"{state} _ x R {state}"  # str lists the rules


def test_the_standard_writer_names_halting_states_by_letters_only():
    halting_elsewhere = table.parse("blank: 0\nhalt: done\nA 0 1 R done\n")
    with pytest.raises(FormatError, match="halting state as a letter after .* 'done'"):
        standard.write(halting_elsewhere)
    assert str(halting_elsewhere) == "A 0 1 R done"


@pytest.mark.parametrize("text, column, expected", [
    ("1RB1LB_1LA1Q", 8, "row 2 (state B) has 5 characters; expected 6"),
    ("1RB1LB_1LA2RZ", 11, "writes '2'; expected a symbol 0 to 1"),
    ("1RB1LB_1LA1XZ", 11, "moves 'X'; expected L or R"),
    ("1RB1LB_1LA1Ra", 11, "goes to 'a'; expected a state letter A to B, or a later letter "
                          "(C to Z, Z by custom) to halt"),
    ("1RB1L", 1, "row 1 has 5 characters; expected 3 per read symbol"),
    ("  ", 3, "empty machine"),
])
def test_standard_errors_name_line_and_column(text, column, expected):
    with pytest.raises(ParseError) as error:
        standard.parse(text, source="bb.txt")
    assert str(error.value).startswith(f"bb.txt:1:{column}: ")
    assert expected in str(error.value)


def test_standard_cannot_write_named_machines():
    with pytest.raises(FormatError, match="symbols 0..2"):
        standard.write(formats.read("constructions/palindrome.tm"))


# -- table format --------------------------------------------------------------------------

@given(machines(named=True))
def test_table_round_trip_is_exact(machine):
    assert table.parse(table.write(machine, comment="random\nmachine")) == machine


def test_table_parses_comments_and_hash_symbols():
    m = table.parse("# copy-like\nblank: _\nhalt: h\n A _ # R h  # a comment\n# end\n")
    assert m.symbols == ("_", "#") and next(m.rules()).write == "#"


@pytest.mark.parametrize("text, where, expected", [
    ("blank: _\nA 0 1 R\n", "m.tm:2:1", "a rule has 5 fields"),
    ("blank: _\n  A 0 1 R A extra\n", "m.tm:2:3", "a rule has 5 fields"),
    ("blank: _\nfoo: x\n", "m.tm:2:1", "unknown header 'foo'"),
    ("blank: _\nblank: 0\n", "m.tm:2:1", "header 'blank' is given twice"),
    ("blank: _ 0\n", "m.tm:1:1", "takes exactly one name"),
    ("A 0 1 R A\n", "m.tm:1:1", "missing header line 'blank: <symbol>'"),
    ("blank: _\nA 0 1 R B\n", "m.tm:2:1", "unknown state 'B'"),
    ("blank: _\nA 0 1 S A\n", "m.tm:2:1", "move 'S' is not one of L, R, N"),
    ("blank: _\nsymbols: _ 0\nA 0 1 R A\n", "m.tm:3:1", "symbol '1' is not among"),
])
def test_table_errors_name_line_and_column(text, where, expected):
    with pytest.raises((ParseError, MachineError)) as error:
        table.parse(text, source="m.tm")
    assert str(error.value).startswith(where + ": ")
    assert expected in str(error.value)


@pytest.mark.parametrize("text, where, expected", [
    ("blank: _\nstates: q0 q1 q0\nq0 _ _ R q1\n", "m.tm:2:1", "state 'q0' is declared twice"),
    ("blank: _\nsymbols: _ a a\nq0 _ _ R q0\n", "m.tm:2:1", "symbol 'a' is declared twice"),
    ("blank: _\nhalt: h h\nq0 _ _ R h\n", "m.tm:2:1", "halting state 'h' is declared twice"),
    ("blank: _\n\n  input: a a\nq0 a _ R q0\n", "m.tm:3:3", "input symbol 'a' is declared twice"),
    ("blank: _\nstart: qO\nq0 _ _ R q0\n", "m.tm:2:1", "start state 'qO' appears in no rule"),
])
def test_declarations_are_never_merged_or_guessed(text, where, expected):
    """Regressions: duplicates were merged silently, and a mistyped start state made a
    machine that halted after 0 steps."""
    with pytest.raises(MachineError) as error:
        table.parse(text, source="m.tm")
    assert str(error.value).startswith(where + ": ") and expected in str(error.value)


def test_table_nondeterminism_names_both_lines():
    with pytest.raises(NondeterministicError, match=r"m.tm:4:1: .*first is at m.tm:2:1"):
        table.parse("blank: 0\nA 0 1 R A\n\nA 0 0 L A\n", source="m.tm")


# -- JSON ----------------------------------------------------------------------------------

@given(machines(named=True))
def test_json_round_trip_is_exact(machine):
    text = machine_json.write(machine)
    assert json.loads(text)["version"] == machine_json.VERSION
    assert machine_json.parse(text) == machine


@pytest.mark.parametrize("doc, where", [
    ('{"format": "rnntm-machine", "version": 1,\n "states": ["A"] "symbols": []}', "m.json:2:18"),
    ('{"format": "other"}', "m.json: format"),
    ('{"format": "rnntm-machine", "version": 9}', "m.json: version"),
    ('{"format": "rnntm-machine", "version": 1, "symbols": ["0"]}', "m.json: (top level)"),
    ('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0"], '
     '"transitions": [["A", "0", "0", "R"]]}', "m.json: transitions[0]"),
    ('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0"], '
     '"transitions": [["A", "0", "0", "R", "B"]]}', "m.json: transitions[0]"),
    ('{"format": "rnntm-machine", "version": 1, "states": "A", "symbols": ["0"]}',
     "m.json: states"),
])
def test_json_errors_name_the_place(doc, where):
    with pytest.raises((ParseError, MachineError)) as error:
        machine_json.parse(doc, source="m.json")
    assert str(error.value).startswith(where + ": ")


@pytest.mark.parametrize("doc, where, expected", [
    ('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0"],\n'
     ' "x": {"states": 1}, "y": {"states": 1, "states": 2}}', "m.json:2:41", "key 'states'"),
    ('{"format": "rnntm-machine", "version": 1, "states": ["A", "A"], "symbols": ["0"]}',
     "m.json: states", "state 'A' is declared twice"),
    ('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0", "1", "1"]}',
     "m.json: symbols", "symbol '1' is declared twice"),
    ('{"format": "rnntm-machine", "version": 1, "states": ["A"], "symbols": ["0"],\n'
     ' "states": ["B"]}', "m.json:2:2", "key 'states' is given twice"),
])
def test_json_lists_and_keys_are_never_merged(doc, where, expected):
    with pytest.raises((ParseError, MachineError)) as error:
        machine_json.parse(doc, source="m.json")
    assert str(error.value).startswith(where + ": ") and expected in str(error.value)


# -- detection and files -------------------------------------------------------------------

def test_a_file_that_is_not_utf8_is_a_located_error(tmp_path):
    path = tmp_path / "m.tm"
    path.write_bytes(b"blank: _\nA _ 1 R A\nA 1 \xe9 L A\n")
    with pytest.raises(ParseError, match=r"m.tm:3:5: not UTF-8 text: byte 0xe9"):
        formats.read(path)

@pytest.mark.parametrize("fmt", formats.FORMATS)
def test_read_detects_format_by_suffix_and_content(tmp_path, fmt):
    bb4 = standard.parse("1RB1LB_1LA0LC_1RZ1LD_1RD0RA")
    text = formats.write(bb4, fmt)
    suffix = {"standard": ".txt", "table": ".tm", "json": ".json", "turingmachine-io": ".yaml",
              "morphett": ".txt"}[fmt]
    (tmp_path / f"m{suffix}").write_text(text)
    (tmp_path / "m.machine").write_text(text)
    if fmt == "morphett":        # its blank is _, and it halts in states named halt...
        bb4 = replace(bb4, halt_states=("halt-Z",), symbols=("_", "1"))
    assert formats.read(tmp_path / f"m{suffix}") == bb4
    assert formats.read(tmp_path / "m.machine") == bb4


def test_standard_file_may_have_comment_lines(tmp_path):
    path = tmp_path / "bb.txt"
    path.write_text("# BB(2)\n\n1RB1LB_1LA1Q\n")
    with pytest.raises(ParseError, match=r"bb.txt:3:8: row 2"):
        formats.read(path)


# -- automata-lib ----------------------------------------------------------------------------

def test_automata_conversion_round_trip_on_catalogue():
    for name in ("binary-addition", "palindrome", "copy", "anbncn"):
        m = formats.read(f"constructions/{name}.tm")
        assert same_rules(automata.from_automata(automata.to_automata(m)), m)


def test_automata_lib_accepts_our_machines_and_we_accept_its():
    dtm_module = pytest.importorskip("automata.tm.dtm")
    m = formats.read("constructions/anbncn.tm")
    dtm = dtm_module.DTM(**automata.to_automata(m))
    assert same_rules(automata.from_automata(dtm), m)


def test_from_automata_reports_what_is_missing():
    with pytest.raises(MachineError, match="lacks 'blank_symbol'"):
        automata.from_automata({"states": {"q"}, "initial_state": "q", "transitions": {}})
    with pytest.raises(MachineError, match="no attribute"):
        automata.from_automata(42)


def automata_final(dtm, word, max_steps):
    """automata-lib's last configuration within the budget (it raises on an undefined cell)."""
    from automata.base.exceptions import RejectionException

    stepper = dtm.read_input_stepwise(word)
    last = next(stepper)
    try:
        for _ in range(max_steps):
            last = next(stepper)
    except (RejectionException, StopIteration):
        pass
    return last


def relative_tape(cells, head, blank):
    """(offset of the first non-blank from the head, the non-blank span)."""
    marks = [i for i, c in enumerate(cells) if c != blank]
    if not marks:
        return None
    return marks[0] - head, tuple(cells[marks[0]:marks[-1] + 1])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_both_simulators_agree_on_the_final_configuration(data):
    dtm_module = pytest.importorskip("automata.tm.dtm")
    machine = data.draw(machines(max_states=4, max_symbols=3, one_halt=True,
                                 digit_symbols=False))
    assume(any(machine.table[0]))  # automata-lib refuses a start state without transitions
    word = "".join(data.draw(words(machine)))
    ours = run(machine, word, max_steps=60)
    theirs = automata_final(dtm_module.DTM(**automata.to_automata(machine)), word,
                            ours.steps)
    start, cells = ours.final.cells()
    assert theirs.state == ours.state
    assert relative_tape(theirs.tape.tape, theirs.tape.current_position, "_") == (
        relative_tape([machine.symbols[c] for c in cells], ours.head - start, "_"))
