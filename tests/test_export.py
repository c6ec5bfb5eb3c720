"""Export to ONNX and PyTorch: the exported network, read back from its file, equals the
exact network at every step for as long as float64 holds the stacks' codes, and departs
where the numpy float64 run departs; a trained model's nn.RNN + nn.Linear computes its
probabilities. torch is optional: its tests skip without it."""

import json

import numpy as np
import pytest
from hypothesis import given, settings

from rnntm import compile, load_machine
from rnntm.cli.command import main
from rnntm.errors import RnntmError
from rnntm.rnn import model
from rnntm.study import export

from strategies import machines

onnx = pytest.importorskip("onnx")


def fake_run(net, flip_at):
    """The float64 run, but with one neuron off by 2^-40 from network step ``flip_at``."""
    run = export.float64_steps(net)

    def flipped(inputs, steps):
        for t, x in enumerate(run(inputs, steps)):
            yield x + (2.0 ** -40 if t >= flip_at else 0.0) * (np.arange(len(x)) == 0)

    return flipped


def test_follow_finds_the_first_step_a_float_run_differs():
    bb4 = compile(load_machine("bb4"))
    assert export.follow(bb4, "", fake_run(bb4.network, 17), max_steps=1000) == \
        export.Following(124, 17)


@pytest.mark.parametrize("schedule", ["realtime", "compact", "siegelmann-sontag"])
def test_onnx_read_back_equals_the_exact_bb4_network_over_its_whole_run(tmp_path, schedule):
    bb4 = compile(load_machine("bb4"), schedule)
    export.save_onnx(bb4.network, tmp_path / "bb4.onnx")
    run = export.onnx_steps(onnx.load(tmp_path / "bb4.onnx"), bb4.network.initial)
    following = export.follow(bb4, "", run, max_steps=1000)
    assert following.first_departure is None
    assert following.network_steps > 107 * bb4.steps_per_tm_step


def test_onnx_departs_where_numpy_float64_departs_on_bb5():
    bb5 = compile(load_machine("bb5"))
    run = export.onnx_steps(export.onnx_model(bb5.network), bb5.network.initial)
    onnx_follows = export.follow(bb5, "", run, max_steps=300)
    numpy_follows = export.follow(bb5, "", export.float64_steps(bb5.network), max_steps=300)
    assert onnx_follows == numpy_follows and onnx_follows.first_departure is not None


@settings(max_examples=10, deadline=None)
@given(machines(max_states=3, max_symbols=2))
def test_onnx_follows_random_machines_as_numpy_float64_does(machine):
    """Equal to the exact run while the stacks fit in 53 bits (20 steps push at most 40
    bits here), and departing where numpy's float64 departs."""
    compiled = compile(machine, "realtime")
    run = export.onnx_steps(export.onnx_model(compiled.network), compiled.network.initial)
    assert export.follow(compiled, "", run, max_steps=20).first_departure is None
    assert export.follow(compiled, "", run, max_steps=60) == \
        export.follow(compiled, "", export.float64_steps(compiled.network), max_steps=60)


def test_export_command_writes_onnx_and_reports(tmp_path, capsys):
    out = tmp_path / "bb4.onnx"
    assert main(["export", "bb4", "--to", "onnx", "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["first_departure"] is None and report["network_steps_compared"] == 124
    onnx.checker.check_model(onnx.load(out))


def test_a_model_exports_to_torch_only(tmp_path, capsys):
    params = model.init(np.random.default_rng(0), 2, 3, 2, "a")
    model.save(params, "a", tmp_path / "m.npz")
    assert main(["export", str(tmp_path / "m.npz"), "--to", "onnx", "-o", "m.onnx"]) == 2
    assert "exports to torch" in capsys.readouterr().err


# -- torch ------------------------------------------------------------------------------------

def test_torch_export_of_bb4_follows_the_exact_run(tmp_path, capsys, monkeypatch):
    """The README's command, and BB(5) departing where numpy's float64 departs."""
    pytest.importorskip("torch")
    monkeypatch.chdir(tmp_path)
    assert main("export bb4 --to torch -o bb4.pt".split()) == 0
    assert "equal at all 124 network steps" in capsys.readouterr().out
    out = tmp_path / "bb5.pt"
    assert main(["export", "bb5", "--to", "torch", "-o", str(out), "--max-steps", "300",
                 "--json"]) == 0
    bb5 = compile(load_machine("bb5"))
    expected = export.follow(bb5, "", export.float64_steps(bb5.network), max_steps=300)
    assert json.loads(capsys.readouterr().out)["first_departure"] == expected.first_departure


@pytest.mark.parametrize("pattern", ["a", "c"])
def test_a_trained_model_is_nn_rnn_and_nn_linear(tmp_path, pattern):
    pytest.importorskip("torch")
    params = model.init(np.random.default_rng(1), 3, 5, 2, pattern, dtype=np.float64)
    export.save_model_torch(params, pattern, tmp_path / "m.pt", {})
    assert export.torch_model_gap(tmp_path / "m.pt", params, pattern) < 1e-12


def test_pattern_b_is_no_nn_rnn():
    pytest.importorskip("torch")
    params = model.init(np.random.default_rng(1), 3, 5, 2, "b")
    with pytest.raises(RnntmError, match="pattern b"):
        export.model_state_dicts(params, "b")
