"""Graphs of machines, networks and the §10.2 RNN: what they hold, and the files written."""

from __future__ import annotations

import json
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest

from rnntm import compile, load_machine
from rnntm.cli import main
from rnntm.compiler import SCHEDULES
from rnntm.machines import catalogue
from rnntm.rnn import model
from rnntm.study.graphs import (
    GraphError,
    connection_graph,
    dot,
    state_diagram,
    unfolded_graph,
    write_graph,
)


@pytest.mark.parametrize("entry", catalogue.entries()[:12], ids=lambda e: e.name)
def test_the_state_diagram_is_the_table(entry):
    machine = entry.machine
    graph = state_diagram(machine)
    assert set(graph.nodes) == set(machine.states + machine.halt_states)
    assert graph.nodes[machine.states[0]]["role"] == "start"
    edges = sorted((u, v, d["read"], d["write"], d["move"]) for u, v, d in graph.edges(data=True))
    assert edges == sorted((r.state, r.next, r.read, r.write, r.move) for r in machine.rules())


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_graphml_gives_back_every_exact_weight_and_bias(schedule, tmp_path):
    compiled = compile(load_machine("bb4"), schedule)
    net = compiled.network
    write_graph(connection_graph(compiled), tmp_path / "net.graphml")
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert graph.number_of_nodes() == net.size + len(net.inputs)
    assert graph.number_of_edges() == net.connections
    stacks = {*compiled.layout.left, *compiled.layout.right}
    for i, (name, row) in enumerate(zip(net.neurons, net.rows, strict=True)):
        assert Fraction(graph.nodes[name]["bias"]) == row.bias
        for j, w in row.state:
            assert Fraction(graph.edges[net.neurons[j], name]["weight"]) == w
        for k, v in row.inputs:
            assert Fraction(graph.edges[net.inputs[k], name]["weight"]) == v
        assert (graph.nodes[name]["role"] == "stack") == (i in stacks)
    roles = {graph.nodes[n]["role"] for n in net.neurons}
    assert {"stack", "control", "input", "output"} <= roles


@pytest.mark.parametrize("pattern, outputs, recurrences", [("a", 5, 5), ("b", 5, 4),
                                                          ("c", 1, 5)])
def test_the_unfolded_graph_shares_its_parameters_across_time(pattern, outputs, recurrences):
    """Figures 10.3–10.5 over τ = 5: U into every h(t), W along the recurrence (from h(t-1)
    in a and c, from o(t-1) in b), V into every output (only o(τ) in c)."""
    graph = unfolded_graph(pattern, 5)
    by = {p: [(u, v) for u, v, q in graph.edges(data="parameter") if q == p] for p in "UVW"}
    assert by["U"] == [(f"x({t})", f"h({t})") for t in range(1, 6)]
    assert len(by["V"]) == outputs and len(by["W"]) == recurrences
    source = "o" if pattern == "b" else "h"
    assert all(u.startswith(source) and v.startswith("h") for u, v in by["W"])
    assert nx.is_directed_acyclic_graph(graph)
    with pytest.raises(GraphError, match="unknown design pattern 'd'"):
        unfolded_graph("d", 3)


def test_dot_quotes_every_name_and_groups_blocks():
    text = dot(connection_graph(compile(load_machine("bb2"))))
    assert text.startswith('digraph "network" {') and text.rstrip().endswith("}")
    assert 'subgraph cluster_0 {' in text and 'label="machine";' in text
    assert '"L[R]" -> "L[R]" [exact_weight="1/4", label="1/4"];' in text


def test_the_command_writes_each_kind(tmp_path, capsys):
    out = tmp_path / "bb4.graphml"
    assert main(["graph", "bb4", "--kind", "network", "-o", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "kind": "network", "nodes": 40, "edges": 200, "output": str(out), "format": "graphml"}
    assert nx.read_graphml(out).number_of_edges() == 200
    assert main(["graph", "1RB1LB_1LA1RZ", "-o", str(tmp_path / "bb2.dot")]) == 0
    assert "state graph: 3 nodes, 4 edges" in capsys.readouterr().out
    rng = np.random.default_rng(0)
    model.save(model.init(rng, n_in=3, n_hidden=5, n_out=2, pattern="c",
                          dtype=np.float64), "c", tmp_path / "m.npz")
    assert main(["graph", str(tmp_path / "m.npz"), "--steps", "3",
                 "-o", str(tmp_path / "m.graphml")]) == 0
    graph = nx.read_graphml(tmp_path / "m.graphml")
    assert graph.nodes["h(3)"]["size"] == 5 and graph.nodes["o(3)"]["size"] == 2
    assert "o(2)" not in graph


@pytest.mark.parametrize("args, message", [
    (["graph", "bb4", "-o", "x.png"], "cannot tell the graph format of 'x.png'"),
    (["graph", "bb4", "--kind", "unfolded", "-o", "u.dot"], "give a model file"),
    (["graph", "-o", "u.dot"], "give a machine, a saved network"),
])
def test_the_command_refuses_in_one_line(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_machine_file_gives_its_state_diagram_and_a_saved_network_its_connections(
        tmp_path, capsys):
    """The kind follows what the file holds, not its suffix."""
    machine_file, net_file = tmp_path / "bb2.json", tmp_path / "bb2.net.json"
    machine_file.write_text(__import__("rnntm.machines.formats", fromlist=["write"]).write(
        load_machine("bb2"), "json"))
    assert main(["compile", "bb2", "-o", str(net_file)]) == 0
    capsys.readouterr()
    for source, kind in ((machine_file, "state"), (net_file, "network")):
        assert main(["graph", str(source), "-o", str(tmp_path / "g.dot"), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["kind"] == kind
