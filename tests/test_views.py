"""Reading a machine and a network from the command line: show, weights, simulate --trace and
the finite-precision study."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import numpy as np
import pytest

from rnntm import compile, load_machine
from rnntm.cli import main
from rnntm.compiler import SCHEDULES
from rnntm.execute import run_network
from rnntm.study.views import weights_csv, weights_latex, weights_npz, weights_text


def test_show_gives_the_table_and_the_catalogue_record(capsys):
    assert main(["show", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "--json"]) == 0  # BB(4) by its text
    shown = json.loads(capsys.readouterr().out)
    assert shown["catalogue"]["name"] == "bb4"
    assert shown["catalogue"]["runs"][0]["expect"]["steps"] == 107
    assert (shown["states"], shown["halt_states"], shown["transitions"]) == (
        ["A", "B", "C", "D"], ["Z"], 8)
    assert main(["show", "bb4"]) == 0
    text = capsys.readouterr().out
    assert "standard format: 1RB1LB_1LA0LC_1RZ1LD_1RD0RA" in text and "  D      1     0" in text
    assert main(["show", "1RB1LB_1LA1RA"]) == 0       # in no catalogue: no record
    assert "recorded runs" not in capsys.readouterr().out


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_weights_view_gives_back_the_exact_rows(schedule):
    net = compile(load_machine("bb4"), schedule).network
    table = list(csv.reader(io.StringIO(weights_csv(net))))
    assert table[0] == ["neuron", *net.neurons, *net.inputs, "bias"]
    with np.load(io.BytesIO(weights_npz(net)), allow_pickle=False) as arrays:
        W, U, b = (np.vectorize(Fraction)(arrays[k]) for k in ("W", "U", "b"))
        assert list(arrays["neurons"]) == list(net.neurons)
    for i, row in enumerate(net.rows):
        assert Fraction(table[i + 1][-1]) == row.bias == b[i]
        assert {j: w for j, w in row.state} == {
            j: Fraction(v) for j, v in enumerate(table[i + 1][1:net.size + 1]) if v != "0"}
        assert {j: w for j, w in row.state} == {j: w for j, w in enumerate(W[i]) if w}
        assert {k: v for k, v in row.inputs} == {k: v for k, v in enumerate(U[i]) if v}
    assert len(weights_text(net).splitlines()) == net.size
    assert weights_latex(net).count(r"\sigma") == net.size


def test_the_weights_command_writes_and_refuses(tmp_path, capsys):
    assert main(["weights", "bb2", "--format", "npz", "-o", str(tmp_path / "w.npz")]) == 0
    assert "30 neurons" in capsys.readouterr().out
    assert main(["weights", "bb2", "--format", "npz"]) == 2
    assert "name it with -o FILE.npz" in capsys.readouterr().err
    assert main(["weights", "bb2", "--format", "latex"]) == 0
    assert capsys.readouterr().out.startswith(r"\begin{align*}")


def test_the_trace_is_the_exact_run(capsys):
    assert main(["simulate", "bb2", "--trace", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    c = compile(load_machine("bb2"))
    exact = list(run_network(c.network, c.inputs(""), steps=out["network_steps"],
                             backend="fraction"))
    assert len(out["trace"]) == len(exact)
    for values, x in zip(out["trace"], exact, strict=True):
        assert {name: Fraction(v) for name, v in values.items()} == \
            {name: v for name, v in zip(c.network.neurons, x, strict=True) if v}


def test_the_precision_study_from_the_command(capsys):
    """float64 misreads BB(5)'s tape at machine step 330, as the precision tests state."""
    assert main(["simulate", "bb5", "--backend", "float64", "--max-steps", "2000",
                 "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["precision"], found["first_wrong_step"]) == ("float64", 330)
    assert found["first_inexact_step"] <= 330
    with pytest.raises(SystemExit) as refused:
        main(["simulate", "bb5", "--backend", "mpmath:8"])
    assert refused.value.code == 2
    assert "mpmath:BITS with BITS from 16" in capsys.readouterr().err


def test_the_precision_study_stops_at_a_halt(capsys):
    """Regression: the output stage stays on after the halt, so 'at rest' must look at the
    machine part only (it compared the whole budget before)."""
    assert main(["simulate", "bb2", "--backend", "float64", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps_compared"] == 7  # at rest after step 6


def test_latex_escapes_every_special_character():
    from rnntm.core.network import Affine, Network

    net = Network(("a|b", "c\\d^e~f_g"), (Affine(state=((1, "1/2"),), inputs=((0, -1),)),
                                          Affine(bias="-3/4")), inputs=("u#1",))
    text = weights_latex(net)
    assert r"x_{\text{a\textbar{}b}}(t+1) &= \sigma\left(\tfrac{1}{2} " \
           r"x_{\text{c\textbackslash{}d\textasciicircum{}e\textasciitilde{}f\_g}}(t) - " \
           r"u_{\text{u\#1}}(t)\right) \\" in text
    assert r"\sigma\left(- \tfrac{3}{4}\right)" in text
