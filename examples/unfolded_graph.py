"""The computational graph of the §10.2 RNN unfolded over time, for its three design
patterns (Deep Learning, Figures 10.3 to 10.5), drawn from the networkx graphs rnntm
builds, and written as GraphML for yEd or Gephi.

What to look at: in pattern a the hidden state h(t) feeds h(t+1) through the same W at
every step; in pattern b the recurrence runs from the output o(t) instead; in pattern c
one output o(τ) and one loss L(τ) come at the end. Every edge is named by the parameter it
shares across time (U, V, W), which is what back-propagation through time sums over.

Usage: ``python examples/unfolded_graph.py [--steps 3] [--out examples/output]`` (a few
seconds); writes ``unfolded_graph.png`` and ``unfolded_{a,b,c}.graphml``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from figures import arguments, pyplot, save

from rnntm.cli.commandline import entry_point, positive_whole_number
from rnntm.study.graphs import unfolded_graph, write_graph

#: Rows of the drawing, bottom to top, by the node's name before "(t)".
ROWS = ("x", "h", "o", "L", "y")


def positions(graph) -> dict[str, tuple[float, float]]:
    """Time along x, the kind of node (x, h, o, L, y) up y."""
    return {node: (data["time"], ROWS.index(node.split("(")[0]))
            for node, data in graph.nodes(data=True)}


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--steps", type=positive_whole_number, default=3,
                        help="time steps to unfold (default 3)")
    args = parser.parse_args()
    plt = pyplot()
    import networkx as nx

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    fig, axes = plt.subplots(1, 3, figsize=(15, 5))
    for ax, pattern in zip(axes, "abc", strict=True):
        graph = unfolded_graph(pattern, args.steps)
        where = positions(graph)
        nx.draw_networkx(graph, where, ax=ax, node_color="white", edgecolors="black",
                         node_size=900, font_size=8)
        nx.draw_networkx_edge_labels(graph, where, ax=ax, font_size=8, rotate=False, edge_labels={
            (u, v): d.get("parameter", "") for u, v, d in graph.edges(data=True)})
        ax.set_title(f"pattern {pattern}: {graph.number_of_nodes()} nodes, "
                     f"{graph.number_of_edges()} edges")
        ax.axis("off")
        written = write_graph(graph, out / f"unfolded_{pattern}.graphml")
        print(f"pattern {pattern}: {graph.number_of_nodes()} nodes, "
              f"{graph.number_of_edges()} edges; written: {out / f'unfolded_{pattern}.graphml'} "
              f"({written})")
    save(fig, args.out, "unfolded_graph.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
