"""One forward and backward pass of the tanh RNN (pattern a): rnntm's numpy BPTT beside
PyTorch's ``nn.RNN`` + ``nn.Linear`` on the CPU with two threads, float32, in one run; and
the gradients of both on equal weights (float64).

Prints a table and writes ``benchmarks/results/rnn_vs_torch.json``.
Usage: ``python benchmarks/rnn_vs_torch.py [--repeats N]`` (needs torch, which rnntm itself
never imports).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

from rnntm.cli.commandline import ArgumentParser, entry_point, positive_whole_number
from rnntm.cli.extras import optional, require
from rnntm.rnn.model import Params, init, loss_and_grads

torch = optional("torch")  # required in main(), so that --help works without it

#: (vocabulary, hidden, sequence length, batch)
SIZES = ((65, 100, 25, 1), (65, 256, 100, 32), (2, 64, 1000, 16))


def torch_model(p: Params, dtype):
    """nn.RNN and nn.Linear holding the parameters ``p`` (the mapping of rnntm.rnn.model)."""
    rnn = torch.nn.RNN(p.n_in, p.n_hidden, nonlinearity="tanh").to(dtype)
    linear = torch.nn.Linear(p.n_hidden, p.n_out).to(dtype)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(p.U))
        rnn.weight_hh_l0.copy_(torch.from_numpy(p.W))
        rnn.bias_ih_l0.copy_(torch.from_numpy(p.b))
        rnn.bias_hh_l0.zero_()
        linear.weight.copy_(torch.from_numpy(p.V))
        linear.bias.copy_(torch.from_numpy(p.c))
    return rnn, linear


def torch_pass(rnn, linear, onehot, y, h0):
    """Loss and backward: the same summed negative log-likelihood."""
    rnn.zero_grad()
    linear.zero_grad()
    out, _ = rnn(onehot, h0)
    loss = torch.nn.functional.cross_entropy(linear(out).reshape(-1, linear.out_features),
                                             y.reshape(-1), reduction="sum")
    loss.backward()
    return loss


def best_time(run, repeats: int) -> float:
    run()  # warm up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def timing_rows(repeats: int) -> list[dict]:
    rows = []
    for vocab, hidden, T, B in SIZES:
        rng = np.random.default_rng(0)
        p = init(rng, vocab, hidden, vocab, "a", np.float32)
        x, y = rng.integers(0, vocab, (T, B)), rng.integers(0, vocab, (T, B))
        h0 = np.zeros((B, hidden), np.float32)
        ours = best_time(lambda p=p, x=x, y=y, h0=h0: loss_and_grads(p, x, y, h0), repeats)
        rnn, linear = torch_model(p, torch.float32)
        onehot = torch.nn.functional.one_hot(torch.from_numpy(x), vocab).to(torch.float32)
        ty, th0 = torch.from_numpy(y), torch.zeros(1, B, hidden)
        theirs = best_time(lambda r=rnn, li=linear, o=onehot, t=ty, h=th0:
                           torch_pass(r, li, o, t, h), repeats)
        rows.append({"vocabulary": vocab, "hidden": hidden, "sequence": T, "batch": B,
                     "numpy_ms": ours * 1e3, "torch_ms": theirs * 1e3,
                     "numpy_over_torch": ours / theirs})
    return rows


def gradient_agreement() -> dict:
    """The largest relative difference between our gradients and autograd's, float64."""
    rng = np.random.default_rng(1)
    p = init(rng, 7, 16, 7, "a", np.float64)
    x, y = rng.integers(0, 7, (30, 4)), rng.integers(0, 7, (30, 4))
    h0 = rng.normal(0, 0.5, (4, 16))
    loss, grads, _ = loss_and_grads(p, x, y, h0)
    rnn, linear = torch_model(p, torch.float64)
    onehot = torch.nn.functional.one_hot(torch.from_numpy(x), 7).to(torch.float64)
    theirs = torch_pass(rnn, linear, onehot, torch.from_numpy(y),
                        torch.from_numpy(h0)[None])
    pairs = {"U": rnn.weight_ih_l0.grad, "W": rnn.weight_hh_l0.grad, "b": rnn.bias_ih_l0.grad,
             "V": linear.weight.grad, "c": linear.bias.grad}
    worst = max(float(np.abs(getattr(grads, k) - v.numpy()).max() /
                      max(np.abs(v.numpy()).max(), 1e-12)) for k, v in pairs.items())
    return {"loss_difference": abs(loss - theirs.item()), "max_relative_difference": worst}


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=positive_whole_number, default=20)
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "rnn_vs_torch.json"))
    args = parser.parse_args()
    require("torch", "pip install torch (CPU builds: see pytorch.org)")
    torch.set_num_threads(2)
    rows = timing_rows(args.repeats)
    print("One forward + backward pass, float32, best of "
          f"{args.repeats} (torch {torch.__version__}, {torch.get_num_threads()} threads)\n")
    print(f"{'vocab':>5} {'hidden':>6} {'seq':>5} {'batch':>5} {'numpy ms':>9} "
          f"{'torch ms':>9} {'numpy/torch':>11}")
    for r in rows:
        print(f"{r['vocabulary']:>5} {r['hidden']:>6} {r['sequence']:>5} {r['batch']:>5} "
              f"{r['numpy_ms']:>9.3f} {r['torch_ms']:>9.3f} {r['numpy_over_torch']:>11.2f}")
    agreement = gradient_agreement()
    print(f"\ngradients against autograd on equal weights (float64): largest relative "
          f"difference {agreement['max_relative_difference']:.1e}, loss difference "
          f"{agreement['loss_difference']:.1e}")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "rnn_vs_torch", "python": platform.python_version(),
                               "torch": torch.__version__, "rows": rows,
                               "gradients": agreement}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
