"""Compiled networks and trained models, exported to the tools people train and deploy in.

* A compiled network becomes a PyTorch module (TorchScript, so that ``torch.jit.load``
  reads it without rnntm) that computes, in float64,

      x(t+1) = σ(W x(t) + U u(t) + b),   σ(z) = min(max(z, 0), 1),

  from x(0) = the network's start state, one row of ``u`` (the input lines) a step;
* or an ONNX model of one step, ``x, u → x_next`` (MatMul, Add, Clip), float64;
* a trained §10.2 model (patterns a and c) becomes the state dicts of ``nn.RNN(n_in,
  n_hidden, nonlinearity="tanh")`` and ``nn.Linear(n_hidden, n_out)``, by the mapping in
  :mod:`rnntm.rnn.model` (U → weight_ih, W → weight_hh, b → bias_ih with bias_hh = 0,
  V and c → the linear layer).

Floats hold the stacks' codes exactly only while they fit in 53 bits, so an exported
network follows the exact run for a while and then departs: :func:`follow` finds the first
network step at which any neuron differs from the exact value.

torch and onnx are optional (the ``torch`` and ``onnx`` extras), imported where used.

>>> from rnntm import compile, load_machine
>>> bb2 = compile(load_machine("bb2"))
>>> follow(bb2, "", float64_steps(bb2.network), max_steps=100)
Following(network_steps=12, first_departure=None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..check.decoded import simulate_network
from ..compiler import Compiled
from ..core.network import Network
from ..errors import RnntmError
from ..execute import run_network
from ..rnn.model import Params

__all__ = ["Following", "follow", "float64_steps", "torch_module", "torch_steps", "save_torch",
           "read_torch", "onnx_model", "onnx_steps", "save_onnx", "read_onnx",
           "model_state_dicts", "save_model_torch", "torch_model_gap"]

#: A float run: the inputs u(0), u(1), … → the states x(0), x(1), … as float64 arrays.
FloatRun = Callable[[Sequence[Sequence[int]], int], Iterator[np.ndarray]]


@dataclass(frozen=True)
class Following:
    """How long a float run followed the exact one: the network steps compared, and the
    first at which a neuron differed (None: at none of them)."""

    network_steps: int
    first_departure: int | None

    def as_dict(self) -> dict[str, int | None]:
        return {"network_steps_compared": self.network_steps,
                "first_departure": self.first_departure}


def _inputs(compiled: Compiled, word: str, steps: int) -> list[tuple[int, ...]]:
    """u(0), …, u(steps - 1): the word's bits, then 0 on every line."""
    loading = compiled.inputs(word)
    idle = (0,) * len(compiled.network.inputs)
    return [tuple(u) for u in loading[:steps]] + [idle] * max(steps - len(loading), 0)


def follow(compiled: Compiled, word: str, run: FloatRun, *, max_steps: int) -> Following:
    """Run ``compiled`` on ``word`` exactly and with ``run`` side by side, from x(0) with
    the word on the input lines, through the whole run (its halt and output, or
    ``max_steps`` machine steps), and say where the float run first differs."""
    steps = simulate_network(compiled, word, max_steps=max_steps).network_steps
    inputs = _inputs(compiled, word, steps)
    exact = run_network(compiled.network, inputs, steps=steps, backend="mpq")
    for t, (x, y) in enumerate(zip(exact, run(inputs, steps), strict=True)):
        if any(Fraction(float(a)) != Fraction(e) for a, e in zip(y, x, strict=True)):
            return Following(steps, t)
    return Following(steps, None)


def _float_arrays(net: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """W, U, b and x(0) in float64."""
    W, U, b = net.matrices()
    return W, U, b, np.array([float(v) for v in net.initial])


def float64_steps(net: Network) -> FloatRun:
    """The network in numpy float64, as :func:`follow` runs it."""
    W, U, b, x0 = _float_arrays(net)

    def run(inputs: Sequence[Sequence[int]], steps: int) -> Iterator[np.ndarray]:
        x = x0
        yield x
        for u in inputs[:steps]:
            x = np.clip(W @ x + U @ np.asarray(u, dtype=float) + b, 0.0, 1.0)
            yield x

    return run


def torch_module(net: Network):
    """A ``torch.nn.Module`` of one step: ``module(x, u)`` = σ(W x + U u + b) in float64,
    with ``x`` the neurons' values and ``u`` the input lines'; its buffers W, U, b, x0 are
    the weights and the start state x(0)."""
    import torch

    class SaturatedLinearStep(torch.nn.Module):
        """x(t+1) = σ(W x(t) + U u(t) + b), σ the saturated-linear function."""

        def __init__(self, W: np.ndarray, U: np.ndarray, b: np.ndarray, x0: np.ndarray):
            super().__init__()
            for name, value in (("W", W), ("U", U), ("b", b), ("x0", x0)):
                self.register_buffer(name, torch.from_numpy(value.astype(np.float64)))

        def forward(self, x: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
            return torch.clamp(self.W @ x + self.U @ u + self.b, 0.0, 1.0)

    return SaturatedLinearStep(*_float_arrays(net))


def torch_steps(step, x0) -> FloatRun:
    """A torch step ``step(x, u)`` from x(0) = ``x0``, as :func:`follow` runs it."""
    import torch

    def run(inputs: Sequence[Sequence[int]], steps: int) -> Iterator[np.ndarray]:
        x = torch.as_tensor(x0, dtype=torch.float64)
        yield x.numpy()
        with torch.no_grad():
            for u in inputs[:steps]:
                x = step(x, torch.tensor(u, dtype=torch.float64))
                yield x.numpy()

    return run


def save_torch(net: Network, path: str | Path) -> None:
    """Save :func:`torch_module` of ``net`` as a ``torch.export`` program. Without rnntm,
    ``program = torch.export.load(open(path, "rb"))`` reads it back (torch reads a path
    itself when it ends in ``.pt2``): ``program.module()`` is the step and
    ``program.state_dict["x0"]`` the start state."""
    import io

    import torch

    module = torch_module(net)
    example = (module.x0, torch.zeros(module.U.shape[1], dtype=torch.float64))
    buffer = io.BytesIO()
    torch.export.save(torch.export.export(module, example), buffer)
    Path(path).write_bytes(buffer.getvalue())


def read_torch(path: str | Path) -> FloatRun:
    """The step :func:`save_torch` wrote, read back, from the start state it saved."""
    import torch

    with open(path, "rb") as file:
        program = torch.export.load(file)
    return torch_steps(program.module(), program.state_dict["x0"])


def onnx_model(net: Network):
    """An ONNX model of one step: inputs ``x`` (neurons) and ``u`` (input lines), output
    ``x_next`` = Clip(W x + U u + b, 0, 1), all float64, W, U, b initializers."""
    from onnx import TensorProto, helper, numpy_helper

    W, U, b, _ = _float_arrays(net)
    n, m = W.shape[0], U.shape[1]
    constants = [numpy_helper.from_array(value, name) for name, value in
                 (("W", W), ("U", U), ("b", b), ("zero", np.array(0.0)),
                  ("one", np.array(1.0)))]
    nodes = [helper.make_node("MatMul", ["W", "x"], ["Wx"]),
             helper.make_node("MatMul", ["U", "u"], ["Uu"]),
             helper.make_node("Add", ["Wx", "Uu"], ["z0"]),
             helper.make_node("Add", ["z0", "b"], ["z"]),
             helper.make_node("Clip", ["z", "zero", "one"], ["x_next"])]
    graph = helper.make_graph(
        nodes, "saturated_linear_rnn_step",
        [helper.make_tensor_value_info("x", TensorProto.DOUBLE, [n]),
         helper.make_tensor_value_info("u", TensorProto.DOUBLE, [m])],
        [helper.make_tensor_value_info("x_next", TensorProto.DOUBLE, [n])], constants,
        doc_string="x(t+1) = sigma(W x(t) + U u(t) + b), sigma(z) = min(max(z, 0), 1); "
                   "neurons: " + ", ".join(net.neurons) + "; inputs: " + ", ".join(net.inputs))
    model = helper.make_model(graph, producer_name="rnntm",
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def onnx_steps(model, x0: Sequence[object]) -> FloatRun:
    """An ONNX step model from x(0) = ``x0``, run by onnx's reference evaluator, as
    :func:`follow` runs it."""
    from onnx.reference import ReferenceEvaluator

    session = ReferenceEvaluator(model)

    def run(inputs: Sequence[Sequence[int]], steps: int) -> Iterator[np.ndarray]:
        x = np.array([float(v) for v in x0])
        yield x
        for u in inputs[:steps]:
            (x,) = session.run(None, {"x": x, "u": np.asarray(u, dtype=np.float64)})
            yield x

    return run


def read_onnx(path: str | Path, x0: Sequence[object]) -> FloatRun:
    """The step :func:`save_onnx` wrote, read back, from x(0) = ``x0``."""
    import onnx

    return onnx_steps(onnx.load(str(path)), x0)


def save_onnx(net: Network, path: str | Path) -> None:
    """Save :func:`onnx_model` of ``net``, checked by onnx's checker."""
    import onnx

    model = onnx_model(net)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def model_state_dicts(params: Params, pattern: str) -> dict[str, dict]:
    """The state dicts of ``nn.RNN(n_in, n_hidden, nonlinearity="tanh")`` (key ``rnn``)
    and ``nn.Linear(n_hidden, n_out)`` (key ``linear``) that compute the trained model, its
    inputs one-hot.

    Raises
    ------
    RnntmError
        For pattern ``b``, whose recurrence runs through the outputs: not an ``nn.RNN``.
    """
    import torch

    if pattern == "b":
        raise RnntmError("pattern b feeds the outputs back, which nn.RNN cannot: export "
                         "models of pattern a or c")

    def tensor(array: np.ndarray):
        return torch.from_numpy(np.array(array, dtype=np.float64))

    return {"rnn": {"weight_ih_l0": tensor(params.U), "weight_hh_l0": tensor(params.W),
                    "bias_ih_l0": tensor(params.b),
                    "bias_hh_l0": tensor(np.zeros_like(params.b))},
            "linear": {"weight": tensor(params.V), "bias": tensor(params.c)}}


def torch_model_gap(path: str | Path, params: Params, pattern: str, *, seed: int = 0,
                    length: int = 12, batch: int = 8) -> float:
    """The largest difference between the probabilities of the torch modules saved at
    ``path`` and those of :func:`rnntm.rnn.model.forward` (both in float64), on random
    inputs."""
    import torch

    from ..rnn.model import forward

    saved = torch.load(str(path), weights_only=True)
    rnn = torch.nn.RNN(params.n_in, params.n_hidden, nonlinearity="tanh").double()
    linear = torch.nn.Linear(params.n_hidden, params.n_out).double()
    rnn.load_state_dict(saved["rnn"])
    linear.load_state_dict(saved["linear"])
    x = np.random.default_rng(seed).integers(params.n_in, size=(length, batch))
    h0 = np.zeros((batch, params.n_hidden))
    _, expected = forward(Params(*(np.asarray(a, dtype=np.float64) for a in params)),
                          pattern, x, h0)
    with torch.no_grad():
        hidden, _ = rnn(torch.nn.functional.one_hot(torch.from_numpy(x), params.n_in).double())
        logits = linear(hidden[-1] if pattern == "c" else hidden)
        got = torch.softmax(logits, dim=-1).numpy()
    return float(np.max(np.abs(got - expected)))


def save_model_torch(params: Params, pattern: str, path: str | Path, meta: dict) -> None:
    """Save :func:`model_state_dicts` with the pattern and ``meta`` (``torch.save``)."""
    import torch

    torch.save({**model_state_dicts(params, pattern), "pattern": pattern,
                "sizes": {"n_in": params.n_in, "n_hidden": params.n_hidden,
                          "n_out": params.n_out}, "meta": meta}, str(path))
