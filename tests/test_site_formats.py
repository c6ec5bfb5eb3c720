"""turingmachine.io's YAML and Morphett's text: the sites' published examples run with the
steps and tapes the sites give, checked against each site's stepping rules transcribed here
apart from rnntm's readers; round trips through ``rnntm convert``; located errors; names
with spaces, blanks inside input words, and the head started inside the input."""

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm import compile, verify
from rnntm.cli.command import main
from rnntm.compiler import saved
from rnntm.errors import InputError, NondeterministicError, ParseError, UnknownStateError
from rnntm.machines import formats
from rnntm.machines.direct import StepConvention, run
from rnntm.machines.formats import machine_json, morphett, turingmachine_io

SITES = Path(__file__).parent.parent / "constructions" / "sites"
YAML_FILES = sorted((SITES / "turingmachine-io").glob("*.yaml"))
MORPHETT_FILES = sorted((SITES / "morphett").glob("*.txt"))


def cli_json(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# -- each site's stepping rules, transcribed apart from the readers -------------------------

class _RawLoader(yaml.SafeLoader):
    """The site's YAML: every scalar text; a list key stands for its symbols."""


_RawLoader.yaml_implicit_resolvers = {}


def _raw_mapping(loader, node):
    return {tuple(loader.construct_sequence(k)) if isinstance(k, yaml.SequenceNode)
            else loader.construct_object(k): loader.construct_object(v, deep=True)
            for k, v in node.value}


_RawLoader.add_constructor("tag:yaml.org,2002:map", _raw_mapping)


def turingmachine_io_run(text, budget=100_000):
    """turingmachine.io's loop: look up (state, symbol); none halts, without a step; an
    instruction writes (or keeps), moves L or R, and goes to its state (or stays)."""
    spec = yaml.load(text, Loader=_RawLoader)
    table = {}
    for state, row in spec["table"].items():
        for key, action in (row or {}).items():
            if isinstance(action, str) and action not in ("L", "R"):
                action = spec["synonyms"][action]
            for symbol in key if isinstance(key, tuple) else key.split(","):
                table[state, symbol] = action
    blank, state = spec["blank"], spec["start state"]
    tape, head = dict(enumerate(spec.get("input", ""))), 0
    for steps in range(budget):
        action = table.get((state, tape.get(head, blank)))
        if action is None:
            return steps, state, tape, blank
        if isinstance(action, str):
            action = {action: None}
        if "write" in action:
            tape[head] = action["write"]
        move = "L" if "L" in action else "R"
        head += -1 if move == "L" else 1
        state = action[move] or state
    raise AssertionError("no halt within the budget")


def morphett_run(text, word, head=0, budget=100_000):
    """Morphett's loop: a halt state stops; the rule is (state, symbol), else (state, *),
    else (*, symbol), else (*, *); none halts, counting a step; * writes or goes nowhere."""
    rules = {}
    for line in text.splitlines():
        fields = line.split(";")[0].split()
        if fields:
            rules[fields[0], fields[1]] = fields[2:5]
    tape, state = {i: "_" if c == " " else c for i, c in enumerate(word)}, "0"
    for steps in range(budget):
        if state.lower().startswith("halt"):
            return steps, state, tape, "_"
        symbol = tape.get(head, "_")
        rule = next((rules[k] for k in ((state, symbol), (state, "*"), ("*", symbol),
                                        ("*", "*")) if k in rules), None)
        if rule is None:
            return steps + 1, state, tape, "_"
        write, move, target = rule
        tape[head] = symbol if write == "*" else write
        head += {"l": -1, "r": 1, "*": 0}[move.lower()]
        state = state if target == "*" else target
    raise AssertionError("no halt within the budget")


def trimmed(tape, blank):
    """The tape's cells between its first and last non-blank ones."""
    cells = "".join(tape.get(i, blank) for i in range(min(tape), max(tape) + 1)) if tape else ""
    return cells.strip(blank)


# -- the published examples ------------------------------------------------------------------

#: The site's own figures for some of its examples (the rest are checked against the site's
#: rules alone): BB(4)'s 107 steps and 13 ones are Brady's.
PUBLISHED = {
    "binary-increment": (8, "1100"),                   # 1011 + 1 = 1100
    "binary-addition": (92, "100100 11001"),           # 1011 + 11001 = 100100, b kept
    "palindrome": (15, ""),                             # abba: accepted, tape erased
    "busy-beaver-4": (107, "10111111111111"),
}


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.stem)
def test_turingmachine_io_examples_run_as_on_the_site(capsys, path):
    steps, state, tape, blank = turingmachine_io_run(path.read_text())
    result = cli_json(capsys, "run", str(path))
    assert (result["status"], result["steps"], result["state"]) == ("halted", steps, state)
    assert result["tape"].strip(" ") == trimmed(tape, blank)
    if path.stem in PUBLISHED:
        assert (result["steps"], result["tape"]) == PUBLISHED[path.stem]


@pytest.mark.parametrize("path", MORPHETT_FILES, ids=lambda p: p.stem)
def test_morphett_examples_run_as_on_the_site(capsys, path):
    doc = formats.read_document(path)
    text = path.read_text()
    assert "$INITIAL_STATE" not in text                # the examples start in state 0
    steps, state, tape, blank = morphett_run(text, doc.input or "", doc.head)
    result = cli_json(capsys, "run", str(path), "--format", "morphett",
                      "--input", doc.input or "")
    assert (result["status"], result["steps"], result["state"]) == ("halted", steps, state)
    assert result["step_convention"] == "busy-beaver"
    assert result["tape"].strip("_") == trimmed(tape, blank)


def test_the_sites_readme_table_is_what_rnntm_run_prints(capsys):
    rows = [re.split(r"\s*(?<!\\)\|\s*", line)[1:-1]
            for line in (SITES / "README.md").read_text().splitlines() if line.startswith("| `")]
    assert len(rows) == len(YAML_FILES) + len(MORPHETT_FILES)
    for file, steps, state, tape in rows:
        result = cli_json(capsys, "run", str(SITES / file.strip("`")))
        tape = "" if tape == "(blank)" else tape.strip("`").replace("\\|", "|")
        assert (result["steps"], result["state"], result["tape"]) == (int(steps), state, tape)


def test_morphett_figures_of_its_examples(capsys):
    adder = cli_json(capsys, "run", str(SITES / "morphett" / "binary-addition.txt"))
    assert adder["tape"] == "1100001"                 # 110110 + 101011 = 54 + 43 = 97
    palindrome = cli_json(capsys, "run", str(SITES / "morphett" / "palindrome.txt"))
    assert (palindrome["state"], palindrome["tape"]) == ("halt-accept", ":)")


# -- round trips through convert ---------------------------------------------------------------

@pytest.mark.parametrize("path", YAML_FILES + MORPHETT_FILES, ids=lambda p: p.name)
def test_site_files_round_trip_through_convert(capsys, tmp_path, path):
    native = "turingmachine-io" if path.suffix == ".yaml" else "morphett"
    original = formats.read_document(path)
    assert main(["convert", str(path), "--to", "json"]) == 0
    as_json = tmp_path / "m.json"
    as_json.write_text(capsys.readouterr().out)
    assert formats.read(as_json) == original.machine
    assert main(["convert", str(path), "--to", native]) == 0
    back = tmp_path / f"m{path.suffix}"
    back.write_text(capsys.readouterr().out)
    assert formats.read_document(back, native) == original


def test_convert_says_when_a_format_drops_the_input(capsys):
    assert main(["convert", str(SITES / "turingmachine-io" / "binary-increment.yaml"),
                 "--to", "json"]) == 0
    assert "the json format has no place for the file's input word '1011'" in \
        capsys.readouterr().err


def test_morphett_wildcards_are_looked_up_as_on_the_site():
    text = "0 a b r 0\n0 * * r 1\n* a x l 0\n* * * r halt\n1 _ _ * halt-done\n"
    machine = morphett.parse_document(text).machine
    for word in ["", "a", "ab", "ba", "bab", "aab", "b a"]:
        steps, state, tape, blank = morphett_run(text, word)
        result = run(machine, word, max_steps=1000, convention=StepConvention.BUSY_BEAVER)
        assert (result.steps, result.state, result.tape.strip("_")) == \
            (steps, state, trimmed(tape, blank))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_wildcard_programs_agree_with_the_sites_rules(data):
    symbols = "ab_"
    states = ["0", "1", "2"]
    keys = data.draw(st.lists(st.tuples(st.sampled_from(states + ["*"]),
                                         st.sampled_from(symbols + "*")),
                              min_size=1, max_size=10, unique=True)
                     .filter(lambda keys: keys[0][0] == "0"))     # the site starts in 0
    lines = [f"{state} {read} {data.draw(st.sampled_from(symbols + '*'))} "
             f"{data.draw(st.sampled_from('lr*'))} "
             f"{data.draw(st.sampled_from(states + ['*', 'halt']))}" for state, read in keys]
    text = "\n".join(lines)
    machine = morphett.parse_document(text).machine
    word = data.draw(st.text(alphabet=" " + "".join(machine.input_symbols), max_size=5))
    try:
        steps, state, tape, blank = morphett_run(text, word, budget=60)
    except AssertionError:
        return                                          # runs past the budget
    result = run(machine, word, max_steps=60, convention=StepConvention.BUSY_BEAVER)
    assert (result.steps, result.state, result.tape.strip("_")) == \
        (steps, state, trimmed(tape, blank))


# -- located errors -------------------------------------------------------------------------

@pytest.mark.parametrize("text, where, expected", [
    ("blank: ' '\nstart state: a\ntable:\n  a: {x: {write: 1, L: b}}\n", "m.yaml:4",
     "state 'b'"),
    ("blank: ' '\nstart state: a\ntable:\n  a:\n    1: {write: 12, L}\n", "m.yaml:5:16",
     "write must be one character"),
    ("blank: ' '\nstart state: a\ntable:\n  a:\n    1: {Q: a}\n", "m.yaml:5:9",
     "unknown key 'Q'"),
    ("blank: ' '\nstart state: a\ntable:\n  a:\n    1: jump\n", "m.yaml:5:8",
     "neither L, R nor a synonym"),
    ("blank: ' '\nstart state: b\ntable:\n  a:\n", "m.yaml:2:14", "not in the table"),
    ("blank: ' '\ntable:\n  a:\n", "m.yaml:1:1", "no 'start state'"),
    ("blank: ' '\nstart state: a\ntable: [\n", "m.yaml:4:1", "not YAML"),
    ("name: x\nsource code: |\n  blank: ' '\n  start state: a\n  table:\n    a: {1: X}\n",
     "m.yaml:6:12", "neither L, R nor a synonym"),
    ('source code: "blank: x"\n', "m.yaml:1:15", "no 'start state'"),
])
def test_turingmachine_io_errors_are_located(text, where, expected):
    with pytest.raises(Exception) as raised:
        turingmachine_io.parse_document(text, "m.yaml")
    assert str(raised.value).startswith(where) and expected in str(raised.value)


@pytest.mark.parametrize("text, error, where, expected", [
    ("0 1 1 r 0\n0 12 1 r 0\n", ParseError, "m.txt:2:3", "read symbol '12'"),
    ("0 1 1 x 0\n", ParseError, "m.txt:1:7", "must be l, r or *"),
    ("0 1 1 r\n", ParseError, "m.txt:1:1", "five fields"),
    ("0 1 1 r 0\n0 1 0 l halt\n", NondeterministicError, "m.txt:2:1", "m.txt:1:1"),
])
def test_morphett_errors_are_located(text, error, where, expected):
    with pytest.raises(error) as raised:
        morphett.parse_document(text, "m.txt")
    assert str(raised.value).startswith(where) and expected in str(raised.value)


def test_an_unknown_next_state_names_its_rule():
    with pytest.raises(UnknownStateError, match=r"^m.yaml:4:7: .*unknown state 'b'"):
        turingmachine_io.parse_document("blank: ' '\nstart state: a\ntable:\n  a: {1: {L: b}}\n",
                                        "m.yaml")


# -- names with spaces, blanks inside words, the head inside the input -----------------------

def test_json_machine_and_network_files_keep_a_blank_named_space(tmp_path):
    doc = formats.read_document(SITES / "turingmachine-io" / "binary-addition.yaml")
    assert doc.machine.symbols[0] == " "
    assert machine_json.parse(machine_json.write(doc.machine)) == doc.machine
    compiled = compile(doc.machine, "realtime")
    saved.write(compiled, tmp_path / "net.json")
    assert saved.read(tmp_path / "net.json").machine == doc.machine


@pytest.mark.parametrize("schedule", ["realtime", "compact", "siegelmann-sontag"])
def test_a_blank_inside_the_input_goes_through_the_network(schedule):
    doc = formats.read_document(SITES / "morphett" / "binary-addition.txt")
    assert " " in doc.input
    report = verify(doc.machine, doc.input, max_steps=200, schedule=schedule)
    assert report.ok and report.halted


def test_the_head_starts_inside_the_input(capsys):
    text = "0 * * l 0\n0 _ _ r halt\n; $INITIAL_TAPE: 10*11\n"
    doc = morphett.parse_document(text)
    assert (doc.input, doc.head) == ("1011", 2)
    result = run(doc.machine, doc.input, max_steps=99, head=doc.head)
    assert (result.steps, result.head) == (4, 0)
    by_flag = cli_json(capsys, "run", "1RB1LB_1LA1RZ", "--input", "111", "--head", "2")
    by_word = cli_json(capsys, "run", "1RB1LB_1LA1RZ", "--input", "111")
    assert by_flag["head"] != by_word["head"]
    with pytest.raises(InputError, match="outside the input's cells 0 to 3"):
        run(doc.machine, "111", max_steps=9, head=4)


def test_network_commands_refuse_a_file_that_starts_the_head_inside(tmp_path, capsys):
    path = tmp_path / "m.txt"
    path.write_text("0 * * l 0\n0 _ _ r halt\n; $INITIAL_TAPE: 10*11\n")
    assert main(["verify", str(path)]) == 2
    assert "starts the head on cell 2" in capsys.readouterr().err
    assert main(["verify", str(path), "--input", "1011"]) == 0


def test_the_table_format_refuses_names_with_spaces_and_show_quotes_them(capsys):
    path = str(SITES / "turingmachine-io" / "binary-increment.yaml")
    assert main(["convert", path, "--to", "table"]) == 2
    assert "cannot write the name ' '" in capsys.readouterr().err
    assert main(["show", path]) == 0
    shown = capsys.readouterr().out
    assert "symbols: ' ' 1 0 (blank ' ')" in shown and "right  ' '   ' '    L     carry" in shown


@pytest.mark.parametrize("text, where, expected", [
    ("; flip every bit\n0 1 0 r 0\n0 0 1 x 0\n", "m.txt:3:7", "the move 'x' must be l, r or *"),
    ("; flip\n0 1 0 r\n", "m.txt:2:1", "five fields"),
    ("; nothing but a comment\n", "m.txt:1:1", "no rules"),
])
def test_a_morphett_file_with_a_typo_is_still_read_as_morphetts(tmp_path, text, where, expected):
    path = tmp_path / "m.txt"
    path.write_text(text)
    with pytest.raises(ParseError) as raised:
        formats.read(path)
    assert str(raised.value).startswith(str(tmp_path / where)) and expected in str(raised.value)


def test_names_with_spaces_are_quoted_in_messages():
    with pytest.raises(UnknownStateError, match=r"rule \(a, ' '\) goes to unknown state 'b'"):
        turingmachine_io.parse_document("blank: ' '\nstart state: a\ntable:\n  a: {' ': {L: b}}\n")
