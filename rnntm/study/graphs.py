"""Graphs to look at (networkx): a machine's state diagram, a compiled network's connections,
and the recurrent network of *Deep Learning* §10.2 unfolded over τ steps; written as GraphML
(read back by networkx, yEd, Gephi) or DOT (Graphviz).

* :func:`state_diagram`: a node per state (``role`` start, working or halting), an edge per
  transition, ``read/write/move`` on it;
* :func:`connection_graph`: a node per neuron (its ``block``, its ``role`` in the layout:
  control, stack, reading, or the block's name for the I/O part; its exact ``bias``) and per
  input line, an edge ``j → i`` per nonzero weight with the exact ``weight`` (``"3/4"``);
* :func:`unfolded_graph`: the computational graph of Figures 10.3–10.5, nodes ``x(t)``,
  ``h(t)``, ``o(t)``, ``L(t)``, ``y(t)`` and edges labelled by the parameter they share
  across time (U, V, W).

>>> from rnntm import compile, load_machine
>>> g = state_diagram(load_machine("bb2"))
>>> sorted(g.nodes(data="role")), g.number_of_edges()
([('A', 'start'), ('B', 'working'), ('Z', 'halting')], 4)
>>> net = connection_graph(compile(load_machine("bb2")))
>>> net.nodes["L[R]"]["role"], net.edges["L[R]", "L[R]"]["weight"]
('stack', '1/4')
>>> sorted(unfolded_graph("c", 2).edges(data="parameter"))[:3]
[('h(0)', 'h(1)', 'W'), ('h(1)', 'h(2)', 'W'), ('h(2)', 'o(2)', 'V')]
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..compiler import Compiled
from ..core.exact import to_text
from ..errors import RnntmError
from ..machines.machine import Machine
from ..rnn.model import PATTERNS

__all__ = ["GRAPH_FORMATS", "GraphError", "connection_graph", "dot", "neuron_roles",
           "state_diagram", "unfolded_graph", "write_graph"]

GRAPH_FORMATS = {".graphml": "graphml", ".dot": "dot", ".gv": "dot"}


class GraphError(RnntmError, ValueError):
    """A graph that cannot be built or written as asked."""


def state_diagram(machine: Machine) -> nx.MultiDiGraph:
    """A node per state (``role``: start, working or halting), an edge per transition with
    its ``read``, ``write`` and ``move`` and a ``label`` such as ``0/1 R``."""
    graph = nx.MultiDiGraph(kind="state", states=machine.n_states, symbols=machine.n_symbols)
    for s, name in enumerate(machine.states):
        graph.add_node(name, role="start" if s == 0 else "working")
    for name in machine.halt_states:
        graph.add_node(name, role="halting")
    for rule in machine.rules():
        graph.add_edge(rule.state, rule.next, read=rule.read, write=rule.write, move=rule.move,
                       label=f"{rule.read}/{rule.write} {rule.move}")
    return graph


def neuron_roles(compiled: Compiled) -> list[str]:
    """Each neuron's role: ``stack`` (a piece of L or R), ``reading`` (a piece of [top ≥ j]),
    ``control`` (what the layout reads the state from), ``internal`` (the machine part's
    other neurons), or the name of its block outside the machine part (``input``,
    ``output``)."""
    layout, blocks = compiled.layout, _blocks(compiled.network.blocks)
    stack = {*layout.left, *layout.right}
    reading = {i for _, i in (*layout.left_top, *layout.right_top)}
    roles = []
    for i in range(compiled.network.size):
        if i >= compiled.io.machine_size:
            roles.append(blocks[i])
        elif i in stack:
            roles.append("stack")
        elif i in reading:
            roles.append("reading")
        elif i in layout.read_from:
            roles.append("control")
        else:
            roles.append("internal")
    return roles


def _blocks(blocks: tuple[tuple[str, int], ...]) -> list[str]:
    """The block of each neuron, from the network's (name, size) pairs."""
    return [name for name, size in blocks for _ in range(size)]


def connection_graph(compiled: Compiled) -> nx.DiGraph:
    """A node per neuron (``block``, ``role``, exact ``bias`` and ``initial`` value) and per
    input line (``role`` input line), an edge ``j → i`` per nonzero weight of row i, its
    exact ``weight`` as text (``"-3/4"``: ``Fraction(weight)`` reads it back)."""
    net = compiled.network
    graph = nx.DiGraph(kind="network", schedule=compiled.schedule, neurons=net.size,
                       machine_neurons=compiled.io.machine_size)
    for line in net.inputs:
        graph.add_node(line, block="input lines", role="input line", bias="0", initial="0")
    for name, block, role, row, start in zip(net.neurons, _blocks(net.blocks),
                                             neuron_roles(compiled), net.rows, net.initial,
                                             strict=True):
        graph.add_node(name, block=block, role=role, bias=to_text(row.bias),
                       initial=to_text(start))
    for name, row in zip(net.neurons, net.rows, strict=True):
        for j, w in row.state:
            graph.add_edge(net.neurons[j], name, weight=to_text(w), label=to_text(w))
        for k, v in row.inputs:
            graph.add_edge(net.inputs[k], name, weight=to_text(v), label=to_text(v))
    return graph


def unfolded_graph(pattern: str, steps: int, sizes: dict[str, int] | None = None
                   ) -> nx.DiGraph:
    """The §10.2 network of design ``pattern`` (a, b or c) unfolded over ``steps`` time
    steps: nodes ``x(t)``, ``h(t)``, ``o(t)``, ``L(t)``, ``y(t)`` (``kind``: input, hidden,
    output, loss, target; ``time`` t), edges labelled by the ``parameter`` shared across
    time. Pattern a (Figure 10.3): h(t-1) → h(t) by W and an output at every step; b
    (Figure 10.4): the only recurrence o(t-1) → h(t) by W; c (Figure 10.5): recurrence as
    in a and one output, at the last step. ``sizes`` (``inputs``, ``hidden``, ``outputs``)
    become the nodes' ``size`` when given."""
    if pattern not in PATTERNS:
        raise GraphError(f"unknown design pattern {pattern!r}; expected one of "
                         f"{', '.join(PATTERNS)}")
    if steps < 1:
        raise GraphError(f"{steps} time steps: the unfolded graph needs at least 1")
    sizes = sizes or {}
    size_of = {"input": sizes.get("inputs"), "hidden": sizes.get("hidden"),
               "output": sizes.get("outputs"), "target": sizes.get("outputs"), "loss": 1}
    graph = nx.DiGraph(kind="unfolded", pattern=pattern, steps=steps)

    def node(name: str, kind: str, t: int) -> str:
        attributes = {"kind": kind, "time": t}
        if size_of[kind] is not None:
            attributes["size"] = size_of[kind]
        graph.add_node(f"{name}({t})", **attributes)
        return f"{name}({t})"

    if pattern != "b":
        node("h", "hidden", 0)
    for t in range(1, steps + 1):
        graph.add_edge(node("x", "input", t), node("h", "hidden", t), parameter="U")
        if pattern != "b":
            graph.add_edge(f"h({t - 1})", f"h({t})", parameter="W")
        elif t > 1:
            graph.add_edge(f"o({t - 1})", f"h({t})", parameter="W")
        if pattern != "c" or t == steps:
            graph.add_edge(f"h({t})", node("o", "output", t), parameter="V")
            graph.add_edge(f"o({t})", node("L", "loss", t), parameter="")
            graph.add_edge(node("y", "target", t), f"L({t})", parameter="")
    for _, _, data in graph.edges(data=True):
        data["label"] = data["parameter"]
    return graph


def write_graph(graph: nx.Graph, path: str | Path, format: str | None = None) -> str:
    """Write ``graph`` to ``path`` as GraphML or DOT (by ``format``, else by the suffix:
    ``.graphml``, ``.dot``, ``.gv``); return the format written.

    Raises
    ------
    GraphError
        If the format is neither, or cannot be told from the suffix.
    """
    format = format or GRAPH_FORMATS.get(Path(path).suffix.lower())
    if format == "graphml":
        nx.write_graphml(graph, str(path))
    elif format == "dot":
        Path(path).write_text(dot(graph), encoding="utf-8")
    else:
        raise GraphError(f"cannot tell the graph format of {str(path)!r}: name it .graphml or "
                         ".dot (or .gv)")
    return format


def dot(graph: nx.Graph) -> str:
    """``graph`` in Graphviz's DOT language: every attribute kept, nodes grouped in a
    cluster per ``block`` where they have one. An exact ``weight`` is written as
    ``exact_weight``: Graphviz reads ``weight`` as a layout weight, a whole number ≥ 0.

    >>> print(dot(unfolded_graph("a", 1)).splitlines()[0])
    digraph "unfolded" {
    """
    def quoted(value: object) -> str:
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

    def attributes(data: dict) -> str:
        return ", ".join(f"{'exact_weight' if key == 'weight' else key}={quoted(value)}"
                         for key, value in data.items())

    lines = [f"digraph {quoted(graph.graph.get('kind', 'graph'))} {{",
             f"  graph [{attributes(graph.graph)}];"]
    clusters: dict[str, list[str]] = {}
    for name, data in graph.nodes(data=True):
        clusters.setdefault(data.get("block", ""), []).append(
            f"{quoted(name)} [{attributes(data)}];")
    for number, (block, members) in enumerate(clusters.items()):
        if block:
            lines += [f"  subgraph cluster_{number} {{", f"    label={quoted(block)};"]
            lines += [f"    {member}" for member in members] + ["  }"]
        else:
            lines += [f"  {member}" for member in members]
    lines += [f"  {quoted(u)} -> {quoted(v)} [{attributes(data)}];"
              for u, v, data in graph.edges(data=True)]
    return "\n".join(lines + ["}"]) + "\n"

