"""Fuzzing every loader with mutated valid files: the only outcomes allowed are a valid
object or an RnntmError naming its place; through the command line, exit status 0 or 2
with one line on stderr, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pytest
from fuzz import (
    automata_dicts,
    corpus,
    mutated_bytes,
    mutated_json,
    mutated_model,
    mutated_structure,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnntm.cli import main
from rnntm.compiler import saved
from rnntm.core import network
from rnntm.core.sources import decode
from rnntm.errors import RnntmError
from rnntm.execute import run_network
from rnntm.machines import formats
from rnntm.machines.direct import run
from rnntm.machines.formats import automata
from rnntm.rnn import model

#: Examples per loader in CI; RNNTM_FUZZ_SCALE=20 makes a campaign of it, run by hand.
SCALE = int(os.environ.get("RNNTM_FUZZ_SCALE", "1"))
FUZZ = settings(max_examples=400 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])

#: Each kind's loader, from the bytes of a file named ``source``.
LOADERS = {
    "standard": lambda raw, source: formats.parse(decode(raw, source), source, "standard"),
    "table": lambda raw, source: formats.parse(decode(raw, source), source, "table"),
    "machine-json": lambda raw, source: formats.parse(decode(raw, source), source, "json"),
    "network-json": lambda raw, source: network.parse(decode(raw, source), source),
    "compiled-json": lambda raw, source: saved.loads(decode(raw, source), source),
    "model": lambda raw, source: model.loads(raw, source),
}

#: What each loaded value must then do without any error.
USES = {
    "standard": lambda m: run(m, max_steps=200),
    "table": lambda m: run(m, max_steps=200),
    "machine-json": lambda m: run(m, max_steps=200),
    "network-json": lambda net: list(run_network(net, steps=3)),
    "compiled-json": lambda c: list(run_network(c.network, c.inputs(), steps=3)),
    "model": lambda loaded: model.predict(loaded[0], loaded[1], np.zeros((3, 2), np.int64)),
}


def mutations(kind: str, content: bytes):
    """The strategies that mutate a file of ``kind``."""
    if kind == "model":
        return st.one_of(mutated_bytes(content), mutated_model(content))
    if kind.endswith("json"):
        return st.one_of(mutated_bytes(content), mutated_json(content))
    return mutated_bytes(content)


def load_or_locate(kind: str, raw: bytes, source: str):
    """The loaded value, or None after checking that the refusal names its place."""
    try:
        return LOADERS[kind](raw, source)
    except RnntmError as error:
        assert error.where is not None, f"an error without its place: {error}"
        assert str(error).startswith(source), str(error)
        return None


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FUZZ
@given(st.data())
def test_mutated_files_load_or_are_refused_with_their_place(kind, data):
    suffix, content = data.draw(st.sampled_from(corpus()[kind]))
    raw = data.draw(mutations(kind, content))
    value = load_or_locate(kind, raw, f"fuzzed{suffix}")
    if value is not None:
        USES[kind](value)


@FUZZ
@given(st.data())
def test_mutated_automata_descriptions_give_a_machine_or_a_located_error(data):
    description = data.draw(mutated_structure(data.draw(st.sampled_from(automata_dicts())),
                                              deep=False))
    try:
        run(automata.from_automata(description, "dtm"), max_steps=200)
    except RnntmError as error:
        assert error.where is not None and str(error).startswith("dtm: "), str(error)


def command(*args: str) -> tuple[int, str]:
    """The rnntm command run in this process: (exit status, what it wrote on stderr)."""
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as done:
            status = done.code
    return status, err.getvalue()


#: The command that reads each kind of file (a bare network JSON goes where a saved
#: compiled network would, and must always be refused: it is no machine either).
COMMANDS = {
    "standard": ("run", "--max-steps", "300"),
    "table": ("run", "--max-steps", "300"),
    "machine-json": ("run", "--max-steps", "300"),
    "network-json": ("simulate", "--max-steps", "40"),
    "compiled-json": ("simulate", "--max-steps", "40"),
    "model": ("evaluate",),
}


@pytest.mark.parametrize("kind", sorted(COMMANDS))
@settings(FUZZ, max_examples=40 * SCALE, suppress_health_check=[
    *FUZZ.suppress_health_check, HealthCheck.function_scoped_fixture])  # one file, rewritten
@given(data=st.data())
def test_mutated_files_through_the_command_exit_0_or_2_with_one_line(kind, data, tmp_path):
    suffix, content = data.draw(st.sampled_from(corpus()[kind]))
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data.draw(mutations(kind, content)))
    name, *options = COMMANDS[kind]
    args = [name, str(path), *options] + (["binary-increment"] if kind == "model" else [])
    status, err = command(*args)  # an exception escaping the command fails the test
    assert status in ((2,) if kind == "network-json" else (0, 2)), (status, err)
    if status == 2:
        assert err.count("\n") == 1 and err.startswith("rnntm: error: "), err
    elif kind in ("standard", "table", "machine-json"):
        machine = formats.read(path)
        if machine.n_states <= 6 and machine.n_symbols <= 6:  # its networks agree with it
            status, err = command("verify", str(path), "--max-steps", "60", "--schedule", "all")
            assert status in (0, 2), (status, err)


def test_the_corpus_itself_loads():
    for kind, files in corpus().items():
        for suffix, content in files:
            USES[kind](LOADERS[kind](content, f"corpus{suffix}"))
    for description in automata_dicts():
        automata.from_automata(description)


# -- a few through a real process: what a user's shell sees ---------------------------------

def bad_model(tmp_path, **arrays) -> str:
    path = tmp_path / "m.npz"
    header = {"format": "rnntm-rnn", "version": 1, "pattern": "a", "meta": {}}
    content = {"header": np.array(json.dumps(header)), "U": np.zeros((3, 2)),
               "W": np.zeros((3, 3)), "V": np.zeros((2, 3)), "b": np.zeros(3),
               "c": np.zeros(2), **arrays}
    np.savez(path, **content)
    return str(path)


def written(path, content: bytes) -> str:
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("make, message", [
    (lambda d: ["run", written(d / "m.tm", b"blank: _\nA _ 1 R A\xff\n")],
     "m.tm:2:10: not UTF-8 text"),
    (lambda d: ["evaluate", written(d / "m.npz", b"PK\x03\x04broken"), "binary-increment"],
     "not a readable .npz archive"),
    (lambda d: ["evaluate", bad_model(d, U=np.zeros(3)), "binary-increment"],
     "m.npz: U: has shape (3,)"),
    (lambda d: ["evaluate", bad_model(d, header=np.array("[1]")), "binary-increment"],
     "m.npz: header: expected format rnntm-rnn"),
    (lambda d: ["evaluate", bad_model(d, W=np.zeros((3, 3), np.int32)), "binary-increment"],
     "m.npz: W: holds int32"),
])
def test_bad_files_are_one_line_in_a_real_process(tmp_path, make, message):
    done = subprocess.run([sys.executable, "-m", "rnntm", *make(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
