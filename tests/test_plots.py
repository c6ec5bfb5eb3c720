"""Figures of runs: their data against direct execution and the exact run, and the PNGs the
command writes (skipped without the plots extra)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rnntm import compile, load_machine, run
from rnntm.cli import main
from rnntm.compiler import SCHEDULES
from rnntm.rnn import model
from rnntm.rnn.model import ModelError
from rnntm.rnn.train import evaluate_saved
from rnntm.study.plots import activations, precision_departures, spacetime, stack_sizes, training


def test_the_spacetime_rows_are_the_direct_run():
    machine = load_machine("bb4")
    data = spacetime(machine, max_steps=1000)
    final = run(machine, max_steps=1000)
    assert data.cells.shape[0] == final.steps + 1 and data.heads[-1] == final.head
    row = data.cells[-1]
    assert "".join(machine.symbols[c] for c in row).strip("0") == \
        "".join(machine.symbols[c] for c in final.cells).strip("0")


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_the_stack_sizes_follow_the_tape(schedule):
    """Depth plus the scanned cell is the tape the direct run has visited; the code of a
    stack of depth n holds 2·b·n bits (b bits a symbol, base 4 a bit)."""
    compiled = compile(load_machine("bb4"), schedule)
    sizes = stack_sizes(compiled, max_steps=1000)
    assert len(sizes.steps) == 108                              # steps 0 .. 107
    for side in ("left", "right"):
        assert (sizes.bits[side] == 2 * sizes.depth[side]).all()


def test_the_activations_are_the_exact_values():
    compiled = compile(load_machine("bb2"))
    data = activations(compiled, max_steps=100)
    assert data.values.shape[1] == compiled.network.size == len(set(data.names))
    assert set(data.groups) == {"control", "reading", "stack", "input", "output"}
    assert ((0 <= data.values) & (data.values <= 1)).all()
    stack = [i for i, g in enumerate(data.groups) if g == "stack"]
    assert any(0 < v < 1 for v in data.values[:, stack].ravel())
    assert data.values[data.start - 1, [i for i, g in enumerate(data.groups)
                                        if g in ("control", "stack")]].sum() == 0


def test_more_bits_read_the_machine_longer():
    found = precision_departures(compile(load_machine("bb5")), max_steps=500)
    wrong = {label: step for label, _, step in found}
    assert wrong["float64"] == 330 and wrong["float32"] < wrong["float64"] < wrong["64 bits"]
    assert wrong["4096 bits"] is None


def test_the_command_writes_readable_pngs(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    for kind, source in (("spacetime", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA"), ("activations", "bb4"),
                         ("stacks", "bb4"), ("precision", "bb4")):
        out = tmp_path / f"{kind}.png"
        assert main(["plot", kind, source, "-o", str(out), "--max-steps", "200"]) == 0
        assert capsys.readouterr().out.endswith(f"; written: {out}\n")
        image = __import__("matplotlib.image", fromlist=["imread"]).imread(out)
        assert image.shape[0] >= 500 and image.shape[1] >= 800        # legible at 100 %
        assert np.ptp(image[..., :3]) > 0.5                            # not blank


def test_the_image_format_is_named(tmp_path, capsys):
    assert main(["plot", "spacetime", "bb2", "-o", str(tmp_path / "fig")]) == 2
    assert "name it .png, .pdf or .svg" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_training_data_are_the_models_history_and_evaluation(tmp_path, capsys):
    model_file = tmp_path / "inc.npz"
    assert main(["train", "binary-increment", "--pattern", "a", "--epochs", "3", "--hidden",
                 "8", "--seed", "0", "-o", str(model_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    data = training(model_file)
    assert len(data.loss) == 3 and data.loss == pytest.approx(report["history"])
    result, task, _ = evaluate_saved(model_file)
    assert data.accuracy_by_length == result.accuracy_by_length
    assert data.trained == task.train_lengths and data.pattern == "a"
    pytest.importorskip("matplotlib")
    out = tmp_path / "training.png"
    assert main(["plot", "training", str(model_file), "-o", str(out)]) == 0
    image = __import__("matplotlib.image", fromlist=["imread"]).imread(out)
    assert image.shape[0] >= 500 and image.shape[1] >= 800 and np.ptp(image[..., :3]) > 0.5


def test_a_model_without_history_is_a_located_error(tmp_path):
    params = model.init(np.random.default_rng(0), 2, 3, 2, "a")
    model.save(params, "a", tmp_path / "old.npz", meta={"task": "binary-increment"})
    with pytest.raises(ModelError, match=r"old.npz: header: no loss history"):
        training(tmp_path / "old.npz")


def test_models_and_machines_go_to_their_own_kinds(tmp_path, capsys):
    assert main(["plot", "training", "bb4", "-o", str(tmp_path / "x.png")]) == 2
    assert "'plot training' draws a model saved by 'rnntm train -o" in capsys.readouterr().err
    assert main(["plot", "spacetime", str(tmp_path / "m.npz"), "-o", str(tmp_path / "x.png")]) == 2
    assert "is a trained model: draw it with 'rnntm plot training" in capsys.readouterr().err
