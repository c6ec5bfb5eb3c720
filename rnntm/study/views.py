"""Views to read: a machine described (its table, states, symbols, catalogue record), and a
network's weights W, U and b written out exactly, as text, CSV, NumPy arrays of exact text,
or LaTeX equations.

Each row of the network is ``x_i(t+1) = σ(Σ_j W[i,j] x_j(t) + Σ_k U[i,k] u_k(t) + b_i)``;
every value is written as an exact rational (``"3/4"``, ``"-1"``), never rounded.

>>> from rnntm import compile, load_machine
>>> net = compile(load_machine("bb2")).network
>>> print(weights_text(net).splitlines()[0])
T[A|L|0] = σ(T[B|L|0] - T[B|L|1] + T[B|R|0] - T[B|R|1] + in.pulse)
>>> weights_csv(net).splitlines()[0].split(",")[:3]
['neuron', 'T[A|L|0]', 'T[A|L|1]']
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

import numpy as np

from ..core.exact import to_text
from ..core.network import Network
from ..errors import FormatError
from ..machines import formats
from ..machines.catalogue import Entry
from ..machines.machine import Machine, shown

__all__ = ["describe_machine", "weights_csv", "weights_latex", "weights_npz",
           "weights_text"]

def describe_machine(machine: Machine, entry: Entry | None = None) -> dict[str, object]:
    """The machine as a value: its states, halting states, symbols (the blank first), input
    alphabet, transitions defined, its table and standard text, and its catalogue record
    when it has one.

    >>> from rnntm import load_machine
    >>> d = describe_machine(load_machine("bb2"))
    >>> d["states"], d["halt_states"], d["symbols"], d["transitions"], d["standard"]
    (['A', 'B'], ['Z'], ['0', '1'], 4, '1RB1LB_1LA1RZ')
    """
    described: dict[str, object] = {
        "states": list(machine.states), "halt_states": list(machine.halt_states),
        "symbols": list(machine.symbols), "blank": machine.symbols[0],
        "input_symbols": list(machine.input_symbols),
        "transitions": sum(t is not None for row in machine.table for t in row),
        "table": _table(machine),
        "standard": _standard(machine)}
    if entry is not None:
        described["catalogue"] = {
            "name": entry.name, "title": entry.title, "family": entry.family,
            "source": entry.source, "cycle": entry.cycle,
            "runs": [{"input": r.input, "max_steps": r.max_steps, "expect": r.expect}
                     for r in entry.runs]}
    return described


def _table(machine: Machine) -> str:
    """The machine in the table format, or, where a name has a space in it (which that
    format cannot write), its rules with such names quoted."""
    try:
        return formats.write(machine, "table")
    except FormatError:
        rows = [("state", "read", "write", "move", "next")] + [
            tuple(map(shown, (r.state, r.read, r.write, r.move, r.next)))
            for r in machine.rules()]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        return "\n".join(("# " if i == 0 else "  ") + "  ".join(
            cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for i, row in enumerate(rows)) + "\n"


def _standard(machine: Machine) -> str | None:
    """The machine in the busy-beaver community's standard text, where it has one."""
    try:
        return formats.write(machine, "standard").strip()
    except FormatError:  # more than 26 states, or symbols the format cannot spell
        return None


def _term(weight: Fraction, name: str) -> str:
    """``w·name`` written short: ``name``, ``-name``, ``1/4 name``."""
    return name if weight == 1 else f"-{name}" if weight == -1 else f"{to_text(weight)} {name}"


def weights_text(net: Network) -> str:
    """One line a neuron: ``name = σ(w name + ... + b)``, exact."""
    lines = []
    for name, row in zip(net.neurons, net.rows, strict=True):
        terms = [_term(w, net.neurons[j]) for j, w in row.state] + \
                [_term(v, net.inputs[k]) for k, v in row.inputs]
        if row.bias or not terms:
            terms.append(to_text(row.bias))
        lines.append(f"{name} = σ({' + '.join(terms).replace('+ -', '- ')})")
    return "\n".join(lines) + "\n"


def _matrices(net: Network) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """W, U and b as exact text, ``"0"`` where a row has no such term."""
    W = [["0"] * net.size for _ in net.rows]
    U = [["0"] * len(net.inputs) for _ in net.rows]
    for i, row in enumerate(net.rows):
        for j, w in row.state:
            W[i][j] = to_text(w)
        for k, v in row.inputs:
            U[i][k] = to_text(v)
    return W, U, [to_text(row.bias) for row in net.rows]


def weights_csv(net: Network) -> str:
    """A row per neuron: its name, its weights from every neuron, from every input line,
    and its bias, under a header of the same names."""
    W, U, b = _matrices(net)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["neuron", *net.neurons, *net.inputs, "bias"])
    for name, w, u, bias in zip(net.neurons, W, U, b, strict=True):
        writer.writerow([name, *w, *u, bias])
    return out.getvalue()


def weights_npz(net: Network) -> bytes:
    """An ``.npz`` archive of string arrays (no pickles): ``W`` (neurons × neurons), ``U``
    (neurons × input lines), ``b``, ``neurons`` and ``inputs``, every value exact text
    (``np.vectorize(Fraction)`` reads them back)."""
    W, U, b = _matrices(net)
    out = io.BytesIO()
    np.savez(out, W=np.array(W, dtype=str).reshape(net.size, net.size),
             U=np.array(U, dtype=str).reshape(net.size, len(net.inputs)),
             b=np.array(b, dtype=str), neurons=np.array(net.neurons, dtype=str),
             inputs=np.array(net.inputs, dtype=str))
    return out.getvalue()


#: LaTeX's special characters in text, as LaTeX writes them (``|`` too: the default font
#: encoding prints it as a dash).
LATEX_TEXT = {**{c: "\\" + c for c in "#$%&_{}"}, "\\": r"\textbackslash{}",
              "^": r"\textasciicircum{}", "~": r"\textasciitilde{}", "|": r"\textbar{}",
              "<": r"\textless{}", ">": r"\textgreater{}"}


def _latex_text(name: str) -> str:
    """``name`` inside ``\text{...}``, its special characters escaped."""
    return r"\text{" + "".join(LATEX_TEXT.get(c, c) for c in name) + "}"


def _latex_name(name: str) -> str:
    return f"x_{{{_latex_text(name)}}}"


def _latex_value(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return rf"{sign}\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def weights_latex(net: Network) -> str:
    r"""An ``align*`` environment, one equation a neuron: ``x_i(t+1) = σ(...)``, exact
    fractions as ``\tfrac``."""
    lines = [r"\begin{align*}"]
    for name, row in zip(net.neurons, net.rows, strict=True):
        terms = [(w, f"{_latex_name(net.neurons[j])}(t)") for j, w in row.state] + \
                [(v, f"u_{{{_latex_text(net.inputs[k])}}}(t)") for k, v in row.inputs]
        parts = []
        for weight, symbol in terms:
            coefficient = "" if abs(weight) == 1 else _latex_value(abs(weight)) + " "
            parts.append(("-" if weight < 0 else "+") + " " + coefficient + symbol)
        if row.bias or not parts:
            parts.append(("-" if row.bias < 0 else "+") + " " + _latex_value(abs(row.bias)))
        body = " ".join(parts).removeprefix("+ ")
        lines.append(rf"{_latex_name(name)}(t+1) &= \sigma\left({body}\right) \\")
    lines.append(r"\end{align*}")
    return "\n".join(lines) + "\n"
