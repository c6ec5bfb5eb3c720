"""The rnntm command: JSON results, one-line errors with exit status 2, help with examples."""

import json
import os
import subprocess
import sys

import pytest

from rnntm.cli import build_parser, main
from rnntm.machines import catalogue


def rnntm(*args):
    """Run the real command in a subprocess: (exit status, stdout, stderr)."""
    done = subprocess.run([sys.executable, "-m", "rnntm", *args], capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def run_json(capsys, *args):
    assert main(["run", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_bb4_via_the_command():
    status, out, err = rnntm("run", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "--json")
    result = json.loads(out)
    assert status == 0 and err == ""
    assert (result["status"], result["steps"], result["nonblank"]) == ("halted", 107, 13)
    assert {"status", "steps", "state", "head", "nonblank", "tape"} <= set(result)


@pytest.mark.parametrize("args, message", [
    (["run", "1RB1LB_1LA1Q"], "<inline>:1:8: row 2 (state B) has 5 characters"),
    (["run", "1RB1LB_1LA1XZ"], "<inline>:1:11: cell '1XZ' moves 'X'"),
    (["run", "1RB1LB_1LAxRZ"], "<inline>:1:11: cell 'xRZ' writes 'x'"),
    (["run", "bb6"], "did you mean bb5"),
    (["universal"], "give a MACHINE to run through the universal network, or --info"),
    (["universal", "bb2", "--universal", "tiny"], "invalid choice: 'tiny'"),
    (["run", "binary-increment", "--input", "12"], "input symbol '2' at position 1"),
    (["run", "bb4", "--max-steps", "-1"], "--max-steps: expected a whole number of at "
                                          "least 0"),
])
def test_malformed_input_gives_one_line_and_status_2(args, message):
    status, out, err = rnntm(*args)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and message in err


@pytest.mark.parametrize("table, message", [
    ("blank: 0\nA 0 1 R A\nA 0 0 L A\n",
     "m.tm:3:1: second rule for (A, 0); the first is at m.tm:2:1"),
    ("blank: 0\nA 0 1 R Q\n", "m.tm:2:1: rule (A, 0) goes to unknown state 'Q'"),
    ("blank: 0\nA 0 1 R\n", "m.tm:2:1: a rule has 5 fields"),
])
def test_malformed_table_file_names_file_line_and_column(tmp_path, table, message):
    path = tmp_path / "m.tm"
    path.write_text(table)
    status, _, err = rnntm("run", str(path))
    assert status == 2 and err.count("\n") == 1
    assert f"rnntm: error: {message.replace('m.tm', str(path))}" in err


def test_missing_file_like_argument_is_one_line(tmp_path):
    status, _, err = rnntm("run", str(tmp_path / "absent.tm"))
    assert status == 2 and err.count("\n") == 1 and "absent.tm': no such file" in err


def test_every_command_explains_itself_with_an_example(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in [None, *commands]:
        with pytest.raises(SystemExit) as done:
            main(["--help"] if name is None else [name, "--help"])
        assert done.value.code == 0
        assert "example" in capsys.readouterr().out


def test_trace_shows_every_configuration(capsys):
    assert main(["run", "bb2", "--trace"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["0", "A", "[0]"]
    assert lines[6].split() == ["6", "Z", "11[1]1"]
    assert lines[7].startswith("halted after 6 steps")


def test_trace_in_json(capsys):
    result = run_json(capsys, "bb2", "--trace")
    assert len(result["trace"]) == 7 and result["trace"][-1]["tape"] == "1111"


def test_busy_beaver_step_convention(capsys):
    plain = run_json(capsys, "1RB---_1LA---")
    counted = run_json(capsys, "1RB---_1LA---", "--step-convention", "busy-beaver")
    assert (plain["steps"], counted["steps"]) == (2, 3)
    assert counted["step_convention"] == "busy-beaver"


def test_input_taking_machine(capsys):
    assert run_json(capsys, "binary-addition", "--input", "1101+1011")["tape"] == "11000"


def test_budget_exhaustion_is_a_status(capsys):
    result = run_json(capsys, "bb4", "--max-steps", "50")
    assert (result["status"], result["steps"]) == ("out_of_steps", 50)


def test_convert_then_run_the_file(capsys, tmp_path):
    for fmt, suffix in (("table", ".tm"), ("json", ".json"), ("standard", ".txt")):
        assert main(["convert", "bb4", "--to", fmt]) == 0
        path = tmp_path / f"bb4{suffix}"
        path.write_text(capsys.readouterr().out)
        assert run_json(capsys, str(path))["steps"] == 107


def test_list(capsys):
    assert main(["list", "--json"]) == 0
    names = {e["name"] for e in json.loads(capsys.readouterr().out)}
    assert {"bb5", "palindrome", "cycler-3"} <= names


# -- compiled networks -----------------------------------------------------------------------

def test_verify_bb4_every_schedule_exits_0():
    status, out, err = rnntm("verify", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "--schedule", "all")
    assert status == 0 and err == "" and "agrees" in out


@pytest.mark.parametrize("schedule", ["realtime", "compact", "siegelmann-sontag"])
@pytest.mark.parametrize("name, word", [(e.name, r.input) for e in catalogue.entries()
                                        if e.family == "textbook" for r in e.runs])
def test_verify_input_taking_catalogue_machines_on_their_records(name, word, schedule):
    assert main(["verify", name, "--input", word, "--schedule", schedule, "--json"]) == 0


def test_simulate_reads_bb4_off_the_network(capsys):
    assert main(["simulate", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["steps"], result["nonblank"]) == ("halted", 107, 13)
    assert result["neurons"] == 24 + 14                   # the machine part and the I/O
    assert result["output_bits"] == "10111111111111"  # Z, the one final state: no state bits
    assert result["output"] == {"state": "Z", "tape": "10111111111111"}
    # 3 loading steps, 107 machine steps, then the halt line and the 13 cells from the head
    # rightwards, one a step on out.right (lines.py), the longer of the two stacks
    assert (result["head"], result["tape_start"]) == (-9, -10)
    assert result["network_steps"] == 3 + 107 + 1 + 13


def test_compile_reports_sizes_and_saves_a_network_that_simulates(capsys, tmp_path):
    path = tmp_path / "bb4.net.json"
    assert main(["compile", "bb4", "-o", str(path), "--json"]) == 0
    sizes = json.loads(capsys.readouterr().out)
    assert {"neurons", "neurons_io", "connections", "steps_per_tm_step"} <= set(sizes)
    assert sizes["steps_per_tm_step"] == 1 and (sizes["neurons"], sizes["neurons_io"]) == (38, 14)
    assert main(["simulate", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 107
    assert main(["verify", "bb4", "--net", str(path)]) == 0


def test_verify_a_tampered_network_exits_1_naming_the_divergence(tmp_path):
    path = tmp_path / "bb4.net.json"
    assert main(["compile", "bb4", "-o", str(path)]) == 0
    doc = json.loads(path.read_text())
    doc["network"]["rows"]["L[R]"]["bias"] = "-3/2"  # push one symbol fewer: a wrong tape
    path.write_text(json.dumps(doc))
    status, out, err = rnntm("verify", "bb4", "--net", str(path))
    assert status == 1 and "DIFFERS at step" in out


def test_a_malformed_saved_network_is_one_line_and_status_2(tmp_path):
    path = tmp_path / "bb4.net.json"
    assert main(["compile", "bb4", "-o", str(path)]) == 0
    doc = json.loads(path.read_text())
    doc["layout"]["control"][0][3] = 999
    path.write_text(json.dumps(doc))
    status, _, err = rnntm("simulate", str(path))
    assert status == 2 and err.count("\n") == 1 and "layout.control[0]" in err


# -- every bad value a user can give: exit 2 and one line, never a traceback ----------------

def saved_bb4(tmp_path, **changes) -> str:
    """bb4 compiled and saved, with top-level fields of the document changed."""
    path = tmp_path / "bb4.net.json"
    assert main(["compile", "bb4", "-o", str(path)]) == 0
    doc = {**json.loads(path.read_text()), **changes}
    path.write_text(json.dumps(doc))
    return str(path)


def corrupted_model(tmp_path, cut: bool) -> str:
    """A trained model file cut in half, or with one byte of its weights changed (its
    checksum then fails)."""
    path = tmp_path / "m.npz"
    assert main(["train", "binary-increment", "--epochs", "1", "--hidden", "4", "-o",
                 str(path), "--json"]) == 0
    content = bytearray(path.read_bytes())
    if cut:
        del content[len(content) // 2:]
    else:
        weights_end = content.index(b"PK\x03\x04", content.index(b"U.npy"))
        content[weights_end - 1] ^= 0xFF  # the last byte of U's values
    path.write_bytes(bytes(content))
    return str(path)


@pytest.mark.parametrize("args, message", [
    (["train", "binary-increment", "--hidden", "0"], "--hidden: expected a whole number of at "
                                                     "least 1"),
    (["train", "binary-increment", "--hidden", "-5"], "--hidden: expected a whole number"),
    (["train", "binary-increment", "--seed", "-1"], "--seed: expected a whole number of at "
                                                    "least 0"),
    (["train", "binary-increment", "--epochs", "0"], "--epochs: expected a whole number"),
    (["train", "binary-increment", "--learning-rate", "nan"], "--learning-rate is nan"),
    (["train", "binary-increment", "--learning-rate", "-0.1"], "expected a number in (0, 1]"),
    (["train", "binary-increment", "--learning-rate", "0"], "expected a number in (0, 1]"),
    (["train", "binary-increment", "--learning-rate", "40"], "expected a number in (0, 1]"),
    (["train", "binary-increment", "--clip-norm", "-1"], "--clip-norm is -1.0; expected a "
                                                         "number above 0"),
    (["train", "binary-increment", "--clip-value", "0"], "--clip-value is 0.0"),
    (["train", "binary-increment", "--truncate", "0"], "--truncate: expected a whole number"),
    (["train", "binary-increment", "--pattern", "b", "--truncate", "4"],
     "--truncate applies to pattern a"),
    (["train", "binary-increment", "--hidden", "100000", "--dtype", "float32"],
     "--hidden 100,000 in float32 needs at least"),
    (["run", "bb4", "--max-steps", "1.5"], "--max-steps: expected a whole number"),
    (["run", "bb4", "--max-steps", "ten"], "--max-steps: expected a whole number"),
    (["verify", "bb4", "--net", "bb4.net.json", "--schedule", "compact"],
     "--schedule compact cannot apply to --net"),
    (["run", "bb4", "--max-steps", "+-5"], "--max-steps: expected a whole number"),
    (["run", "bb4", "--max-steps", "1e200"], "'1e200' has more than 100 digits"),
])
def test_bad_values_are_refused_in_one_line(args, message):
    status, out, err = rnntm(*args)
    assert (status, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err, err
    assert message in err, err


@pytest.mark.parametrize("make, message", [
    (lambda d: ["evaluate", corrupted_model(d, cut=True), "binary-increment"],
     "m.npz: not a readable .npz archive"),
    (lambda d: ["evaluate", corrupted_model(d, cut=False), "binary-increment"],
     "m.npz: not a readable .npz archive (Bad CRC-32"),
    (lambda d: ["simulate", saved_bb4(d, schedule="siegelmann-sontag")],
     "layout.kind: not what schedule siegelmann-sontag builds for this machine: it builds a "
     "siegelmann-sontag layout, this is a realtime one"),
    (lambda d: ["simulate", saved_bb4(d), "--schedule", "compact"],
     "bb4.net.json: a saved network keeps its own (realtime)"),
    (lambda d: ["run", written(d / "typo.tm", "blank: _\nstart: sart\nstart _ 1 R start\n")],
     "typo.tm:2:1: the start state 'sart' appears in no rule"),
    (lambda d: ["run", written(d / "dup.tm", "blank: _\nstates: a b a\na _ 1 R b\n")],
     "dup.tm:2:1: state 'a' is declared twice"),
    (lambda d: ["simulate", saved_bb4(d, steps_per_tm_step=1.0)],
     "steps_per_tm_step: not what schedule realtime builds for this machine: it takes 1 "
     "network steps per machine step, not 1.0"),
    (lambda d: ["simulate", saved_bb4(d, version=True)], "version: unsupported version True"),
])
def test_bad_files_are_refused_in_one_line(tmp_path, make, message):
    status, out, err = rnntm(*make(tmp_path))
    assert (status, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err, err
    assert message in err, err


def written(path, text: str) -> str:
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("args, shown", [
    (["run", "1RB1LB_1LA1RH"], "halted after 6 steps (transitions convention) in state H"),
    (["run", "bb4", "--max-steps", "1e3", "--json"], '"steps": 107'),
    (["run", "bb4", "--max-steps", "100,000", "--json"], '"steps": 107'),
    (["run", "bb4", "--max-steps", "100_000", "--json"], '"steps": 107'),
])
def test_what_used_to_be_silent_or_refused_now_shows(args, shown):
    status, out, err = rnntm(*args)
    assert (status, err) == (0, "") and shown in out


def test_a_machine_on_standard_input():
    done = subprocess.run([sys.executable, "-m", "rnntm", "run", "-", "--json"],
                          input="1RB1LB_1LA0LC_1RZ1LD_1RD0RA\n", capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)["steps"] == 107


def test_the_trace_streams_and_stops_when_the_reader_does():
    """Three lines of BB(5)'s 47-million-step trace, then the pipe closes: the command
    stops at once, quietly (it used to build the whole trace first)."""
    process = subprocess.Popen([sys.executable, "-m", "rnntm", "run", "bb5", "--trace"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [process.stdout.readline() for _ in range(3)]
    process.stdout.close()
    assert process.wait(timeout=30) == 0 and process.stderr.read() == ""
    assert [line.split() for line in lines] == [["0", "A", "[0]"], ["1", "B", "1[0]"],
                                                ["2", "C", "11[0]"]]


def test_a_seed_given_to_evaluate_is_not_blamed_on_the_model(tmp_path):
    model = tmp_path / "inc.npz"
    assert main(["train", "binary-increment", "--epochs", "1", "--hidden", "4", "-o",
                 str(model), "--json"]) == 0
    status, _, err = rnntm("evaluate", str(model), "binary-increment", "--seed", "-3")
    assert status == 2 and "argument --seed" in err and "inc.npz" not in err
    status, out, _ = rnntm("evaluate", str(model), "binary-increment", "--seed", "1e30",
                           "--json")
    assert status == 0 and json.loads(out)["seed"] == 10 ** 30


def test_text_the_terminal_cannot_encode_is_escaped_not_a_traceback(tmp_path):
    path = tmp_path / "q.tm"
    path.write_text("blank: _\nq₀ _ 1 R q₀\n", encoding="utf-8")
    for args in (["run", str(path), "--trace", "--max-steps", "2"], ["train", "--help"]):
        done = subprocess.run([sys.executable, "-m", "rnntm", *args], capture_output=True,
                              text=True, timeout=60, env={**os.environ,
                                                          "PYTHONIOENCODING": "ascii"})
        assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "q\\u2080" in subprocess.run(
        [sys.executable, "-m", "rnntm", "run", str(path), "--max-steps", "2"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"}).stdout


def test_training_as_a_researcher_runs_it(tmp_path, capsys):
    """Training lengths, words per length and batch size as options; a log line per epoch;
    every hyperparameter in the JSON and the model; evaluate reads the task and the
    lengths from the model, and its table marks the trained lengths."""
    model = tmp_path / "inc.npz"
    assert main(["train", "binary-increment", "--epochs", "2", "--hidden", "6",
                 "--train-lengths", "2:4", "--per-length", "16", "--batch", "8",
                 "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("epoch 1/2: loss per target ") and "\nepoch 2/2: " in out
    assert main(["train", "binary-increment", "--epochs", "1", "--hidden", "6",
                 "--train-lengths", "2:4", "--per-length", "16", "--batch", "8",
                 "--clip-norm", "inf", "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)
    assert reported["settings"] == {
        "pattern": "a", "hidden": 6, "epochs": 1, "optimizer": "adam", "learning_rate": 0.01,
        "clip_norm": "inf", "clip_value": None, "truncate": None, "dtype": "float32",
        "per_length": 16, "batch": 8}
    assert (reported["seed"], reported["train_lengths"]) == (0, [2, 4])
    assert sorted(map(int, reported["accuracy_by_length"])) == list(range(2, 9))
    assert main(["evaluate", str(model)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()
            if line.strip()[:1].isdigit()]
    assert [row[0] for row in rows if row[-1] == "yes"] == ["2", "3", "4"]
    assert [row[0] for row in rows if row[-1] != "yes"] == ["5", "6", "7", "8"]
    assert rnntm("train", "palindrome", "--train-lengths", "0:4")[2].endswith(
        "expected whole numbers with 1 <= shortest <= longest <= 64\n")
    assert "--per-length is 100,000; expected at most 65,536" in rnntm(
        "train", "palindrome", "--per-length", "100000")[2]
