"""Figures of runs (matplotlib, the ``plots`` extra; drawn to files, no screen needed).

Each kind is two functions: one computes the figure's data from a run (plain values, no
matplotlib: tested on their own), one draws them.

* ``spacetime``: the tape over time, a row per step, the head marked (:func:`spacetime`);
* ``activations``: every neuron over the network's steps, grouped by block
  (:func:`activations`; exact values drawn as floats, for the eye only);
* ``stacks``: each stack's depth in symbols and its code's size in bits over the machine's
  steps (:func:`stack_sizes`);
* ``precision``: for float32, float64 and mpmath floats of 64 to 4096 bits, the machine
  step at which the float network first misreads the machine, against the width
  (:func:`precision_departures`): it grows linearly in the bits, as a stack of depth n
  needs about n·log2(B) of them;
* ``training``: a trained model's loss per epoch and its held-out accuracy by input length,
  the training lengths marked (:func:`training`).

>>> from rnntm import load_machine
>>> s = spacetime(load_machine("bb2"), max_steps=10)
>>> s.cells.shape, s.first_cell, s.heads.tolist()
((7, 4), -2, [0, 1, 0, -1, -2, -1, 0])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..check.precision import departure
from ..compiler import Compiled
from ..errors import Location
from ..execute import run_network
from ..machines.direct import run_stepwise
from ..machines.machine import Machine
from ..rnn.model import ModelError, load
from ..rnn.train import evaluate_saved
from .graphs import neuron_roles

__all__ = ["Activations", "SpaceTime", "StackSizes", "Training", "activations",
           "demo_figures", "draw", "precision_departures", "spacetime", "stack_sizes",
           "training"]

#: The widths of the precision study, (label, bits of mantissa): float32's 24 bits (as an
#: mpmath float of that width: the values lie in [0, 1], far from float32's exponent
#: limits), float64 (numpy), then mpmath floats.
WIDTHS = (("float32", 24), ("float64", 53),
          *((f"{b} bits", b) for b in (64, 128, 256, 512, 1024, 2048, 4096)))


class SpaceTime(NamedTuple):
    """``cells[t, c]``: the symbol in cell ``first_cell + c`` after step t; ``heads[t]``:
    the head's cell."""

    cells: np.ndarray
    heads: np.ndarray
    first_cell: int
    symbols: tuple[str, ...]


def spacetime(machine: Machine, word: str | Sequence[str] = "", *,
              max_steps: int) -> SpaceTime:
    """The tape at every step of the direct run (at most ``max_steps`` steps)."""
    rows, heads = [], []
    for config in run_stepwise(machine, word, max_steps=max_steps):
        rows.append(config.cells())
        heads.append(config.head)
    first = min(min(start for start, _ in rows), min(heads))
    last = max(max(start + len(cells) for start, cells in rows), max(heads) + 1)
    grid = np.zeros((len(rows), last - first), dtype=np.int16)
    for t, (start, cells) in enumerate(rows):
        grid[t, start - first:start - first + len(cells)] = cells
    return SpaceTime(grid, np.array(heads), first, machine.symbols)


class Activations(NamedTuple):
    """``values[t, i]``: neuron i at network step t (as a float, for drawing), the neurons
    ordered by ``groups`` (block or role, the order of the network), ``names`` in that
    order; ``start``: the network step at which the machine starts."""

    values: np.ndarray
    names: tuple[str, ...]
    groups: tuple[str, ...]
    start: int


def activations(compiled: Compiled, word: str | Sequence[str] = "", *,
                max_steps: int) -> Activations:
    """Every neuron at every network step of the run on ``word``, from the loading through
    ``max_steps`` machine steps, or until the network stands still after a halt."""
    steps = compiled.start_step(word) + max_steps * compiled.steps_per_tm_step
    xs = list(run_network(compiled.network, compiled.inputs(word), steps=steps))
    while len(xs) > 2 and xs[-3] == xs[-2] == xs[-1]:  # at rest: keep two steps of it
        xs.pop()
    roles = neuron_roles(compiled)
    order = sorted(range(compiled.network.size), key=lambda i: (
        i >= compiled.io.machine_size, roles[i]))
    values = np.array([[float(x[i]) for i in order] for x in xs])
    return Activations(values, tuple(compiled.network.neurons[i] for i in order),
                       tuple(roles[i] for i in order), compiled.start_step(word))


class StackSizes(NamedTuple):
    """Per machine step: each stack's depth (symbols) and its code's size (bits of its
    denominator)."""

    steps: np.ndarray
    depth: dict[str, np.ndarray]
    bits: dict[str, np.ndarray]


def stack_sizes(compiled: Compiled, word: str | Sequence[str] = "", *,
                max_steps: int) -> StackSizes:
    """The stacks' sizes at every machine step, read off the network's exact run."""
    layout, per_step = compiled.layout, compiled.steps_per_tm_step
    start = compiled.loaded_state(word)
    depth: dict[str, list[int]] = {"left": [], "right": []}
    bits: dict[str, list[int]] = {"left": [], "right": []}
    for t, x in enumerate(run_network(compiled.network, steps=max_steps * per_step,
                                      initial=start)):
        if t % per_step:
            continue
        if layout.at_rest(x[:compiled.io.machine_size]):
            break
        stacks = layout.stacks(x)
        for side, pieces, stack in (("left", layout.left, stacks[0]),
                                    ("right", layout.right, stacks[1])):
            depth[side].append(len(stack))
            bits[side].append(sum(x[i] for i in pieces).denominator.bit_length() - 1)
    return StackSizes(np.arange(len(depth["left"])),
                      {k: np.array(v) for k, v in depth.items()},
                      {k: np.array(v) for k, v in bits.items()})


def precision_departures(compiled: Compiled, word: str | Sequence[str] = "", *,
                         max_steps: int) -> list[tuple[str, int, int | None]]:
    """(label, bits, first wrong machine step or None) for each width of :data:`WIDTHS`."""
    return [(label, width, departure(compiled, word, max_steps=max_steps,
                                     bits=None if label == "float64" else width).first_wrong)
            for label, width in WIDTHS]


class Training(NamedTuple):
    """A trained model: its task and pattern, the mean loss per target after each epoch,
    held-out accuracy by input length, and the shortest and longest training length."""

    task: str
    pattern: str
    loss: list[float]
    accuracy_by_length: dict[int, float]
    trained: tuple[int, int]


def training(path: str | Path) -> Training:
    """The figure's data for a model saved by ``rnntm train -o`` (evaluated as ``rnntm
    evaluate`` does).

    Raises
    ------
    ModelError
        If the file is no model, or one saved without its loss history.
    """
    _, _, meta = load(path)
    loss = meta.get("history")
    if not (isinstance(loss, list) and loss and all(isinstance(v, (int, float))
                                                    for v in loss)):
        raise ModelError("no loss history (meta.history): a model saved by 'rnntm train -o' "
                         "keeps it", Location(str(path), path="header"))
    result, task, _ = evaluate_saved(path)
    return Training(task.name, result.pattern, [float(v) for v in loss],
                    result.accuracy_by_length, task.train_lengths)


def _draw_training(pyplot, data: Training, title: str):
    fig, (loss, accuracy) = pyplot.subplots(1, 2, figsize=(11, 5))
    epochs = range(1, len(data.loss) + 1)
    loss.plot(epochs, data.loss, "o-", label="training loss per target")
    loss.set(xlabel="epoch", ylabel="mean negative log-likelihood", title="loss",
             yscale="log" if min(data.loss) > 0 else "linear")
    loss.xaxis.get_major_locator().set_params(integer=True)
    loss.legend(loc="best", fontsize=8)
    lengths = sorted(data.accuracy_by_length)
    accuracy.axvspan(data.trained[0] - 0.5, data.trained[1] + 0.5, color="tab:green",
                     alpha=0.15, label="training lengths")
    accuracy.plot(lengths, [data.accuracy_by_length[n] for n in lengths], "o-",
                  label="held-out accuracy")
    accuracy.set(xlabel="input length", ylabel="accuracy", ylim=(-0.02, 1.02),
                 title="accuracy by length")
    accuracy.xaxis.get_major_locator().set_params(integer=True)
    accuracy.legend(loc="best", fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def draw(pyplot, kind: str, data, title: str):
    """A figure of ``kind`` from its data, with axes labelled, a title and a legend."""
    if kind == "training":
        return _draw_training(pyplot, data, title)
    fig, ax = pyplot.subplots(figsize=(8, 5))
    if kind == "spacetime":
        image = ax.imshow(data.cells, aspect="auto", interpolation="nearest", cmap="Greys",
                          vmin=0, vmax=max(len(data.symbols) - 1, 1),
                          extent=(data.first_cell - 0.5, data.first_cell + data.cells.shape[1]
                                  - 0.5, len(data.heads) - 0.5, -0.5))
        ax.plot(data.heads, np.arange(len(data.heads)), color="tab:red", linewidth=0.8,
                label="head")
        ax.set(xlabel="tape cell", ylabel="machine step")
        colorbar = fig.colorbar(image, ax=ax, ticks=range(len(data.symbols)))
        colorbar.ax.set_yticklabels(data.symbols)
        colorbar.set_label("symbol")
    elif kind == "activations":
        image = ax.imshow(data.values.T, aspect="auto", interpolation="nearest",
                          cmap="viridis", vmin=0, vmax=1)
        bounds = [i for i in range(1, len(data.groups)) if data.groups[i] != data.groups[i - 1]]
        for b in bounds:
            ax.axhline(b - 0.5, color="white", linewidth=0.8)
        middles = [(a + b - 1) / 2 for a, b in zip([0, *bounds], [*bounds, len(data.groups)],
                                                   strict=True)]
        ax.set_yticks(middles, [data.groups[int(m)] for m in middles])
        ax.axvline(data.start - 0.5, color="tab:red", linewidth=1, label="machine starts")
        ax.set(xlabel="network step", ylabel="neurons, by role and block")
        fig.colorbar(image, ax=ax).set_label("value (0 to 1)")
    elif kind == "stacks":
        for side, style in (("left", "-"), ("right", "--")):
            ax.plot(data.steps, data.depth[side], style, label=f"{side} stack: depth (symbols)")
            ax.plot(data.steps, data.bits[side], style, label=f"{side} stack: code (bits)")
        ax.set(xlabel="machine step", ylabel="size")
    elif kind == "precision":
        read = [(label, w, s) for label, w, s in data if s is not None]
        ax.plot([w for _, w, _ in read], [s for _, _, s in read], "o-",
                label="first wrong reading")
        for label, w, s in read:
            ax.annotate(label, (w, s), fontsize=8, textcoords="offset points", xytext=(4, -10))
        ax.set(xscale="log", yscale="log" if read else "linear", xlabel="bits of mantissa",
               ylabel="machine step of the first wrong reading")
        unread = [label for label, _, s in data if s is None]
        if unread:
            ax.text(0.98, 0.02, "no wrong reading within the steps drawn: " + ", ".join(unread),
                    transform=ax.transAxes, ha="right", va="bottom", fontsize=8)
    else:
        raise ValueError(f"unknown plot kind {kind!r}")
    ax.set_title(title)
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    return fig


def demo_figures(pyplot, folder: str | Path) -> list[tuple[Path, str]]:
    """The demo's figures, written to ``folder`` (made if need be): BB(4)'s tape over time
    and its network's neurons, BB(5)'s stacks over its first 5,000 steps, and where floats
    of each width misread BB(5) within 1,500 steps. Returns (path, what it shows)."""
    from ..compiler import compile
    from ..machines.catalogue import load_machine

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    bb4, bb5 = load_machine("bb4"), load_machine("bb5")
    compiled4, compiled5 = compile(bb4), compile(bb5)
    figures = (
        ("bb4_spacetime.png", "spacetime", spacetime(bb4, max_steps=1000),
         "BB(4): the tape over its 107 steps"),
        ("bb4_activations.png", "activations", activations(compiled4, max_steps=1000),
         f"BB(4): the {compiled4.network.size} neurons of its realtime network"),
        ("bb5_stacks.png", "stacks", stack_sizes(compiled5, max_steps=5000),
         "BB(5): its network's stacks over the first 5,000 steps"),
        ("bb5_precision.png", "precision", precision_departures(compiled5, max_steps=1500),
         "BB(5): where floats misread the machine (within 1,500 steps)"))
    written = []
    for name, kind, data, title in figures:
        figure = draw(pyplot, kind, data, title)
        figure.savefig(out / name, dpi=120)
        pyplot.close(figure)
        written.append((out / name, title))
    return written
