"""The recurrent network of Goodfellow, Bengio & Courville, *Deep Learning*, §10.2, with
back-propagation through time written by hand.

Inputs and outputs are symbols: ``x`` is an integer array of shape (T, B) (time, batch) of
input symbols, each standing for a one-hot vector, so ``U x(t)`` is a column of U. Three
design patterns (Figures 10.3–10.5):

* ``a``: an output at every step and hidden-to-hidden recurrence (eqs. 10.8–10.11):
  ``a(t) = b + W h(t-1) + U x(t)``, ``h(t) = tanh(a(t))``, ``o(t) = c + V h(t)``,
  ``ŷ(t) = softmax(o(t))``;
* ``b``: an output at every step, the only recurrence from the output to the next hidden
  state: ``a(t) = b + W y(t-1) + U x(t)`` with W of shape (hidden, outputs). Trained with
  teacher forcing (y(t-1) the true previous output, one-hot; 0 before the first step), so
  the steps decouple and need no BPTT; run free at test time on its own outputs;
* ``c``: recurrence as in ``a``, one output at the end, ``o(τ) = c + V h(τ)``.

The loss is the total negative log-likelihood, L = Σ_t -log ŷ(t)[y(t)] (eqs. 10.12–10.14),
summed over the batch too. Its gradients (eqs. 10.16–10.22) are computed in O(τ) time and
memory. :func:`loss_and_grads` is a pure function returning the loss, every gradient and the
last hidden state, which is what truncated BPTT carries to the next chunk.

Parameters and PyTorch's ``nn.RNN(n_in, n_hidden, nonlinearity="tanh")`` followed by
``nn.Linear(n_hidden, n_out)`` (pattern ``a`` and ``c``; the input as one-hot vectors):

=============  =======================  ========================================
here (book)    shape                    PyTorch
=============  =======================  ========================================
U              (hidden, inputs)         ``rnn.weight_ih_l0``
W              (hidden, hidden)         ``rnn.weight_hh_l0``
b              (hidden,)                ``rnn.bias_ih_l0 + rnn.bias_hh_l0``
V              (outputs, hidden)        ``linear.weight``
c              (outputs,)               ``linear.bias``
=============  =======================  ========================================

>>> rng = np.random.default_rng(0)
>>> p = init(rng, n_in=2, n_hidden=4, n_out=2, pattern="a", dtype=np.float64)
>>> x = np.array([[0], [1], [1]]); y = np.array([[1], [0], [1]])
>>> loss, grads, h = loss_and_grads(p, x, y, np.zeros((1, 4)))
>>> bool(abs(loss - 3 * np.log(2)) < 0.5), grads.W.shape, h.shape
(True, (4, 4), (1, 4))

References: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning*, MIT Press, 2016,
§10.2 (eqs. 10.8–10.22).
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..errors import Location, RnntmError

__all__ = ["PATTERNS", "Params", "ModelError", "init", "forward", "loss_and_grads",
           "predict", "generate", "dumps", "save", "load", "loads"]

PATTERNS = ("a", "b", "c")
FORMAT, VERSION = "rnntm-rnn", 1


class ModelError(RnntmError, ValueError):
    """A model file or array that does not fit the model."""


class Params(NamedTuple):
    """The parameters, named as in the book; also the type of their gradients."""

    U: np.ndarray
    W: np.ndarray
    V: np.ndarray
    b: np.ndarray
    c: np.ndarray

    @property
    def n_hidden(self) -> int:
        return self.U.shape[0]

    @property
    def n_in(self) -> int:
        return self.U.shape[1]

    @property
    def n_out(self) -> int:
        return self.V.shape[0]


def init(rng: np.random.Generator, n_in: int, n_hidden: int, n_out: int, pattern: str = "a",
         dtype=np.float32) -> Params:
    """Small random weights (uniform in ±1/sqrt(fan-in), as PyTorch), zero biases; drawn
    in ``dtype`` itself (no float64 copy on the way)."""
    if pattern not in PATTERNS:
        raise ModelError(f"unknown pattern {pattern!r}; expected one of {', '.join(PATTERNS)}")

    def uniform(shape, fan_in):
        bound = 1 / np.sqrt(fan_in)
        weights = rng.random(shape, dtype=dtype)   # in [0, 1), then scaled in place
        weights *= 2 * bound
        weights -= bound
        return weights

    recurrent = n_out if pattern == "b" else n_hidden
    return Params(uniform((n_hidden, n_in), n_hidden), uniform((n_hidden, recurrent), n_hidden),
                  uniform((n_out, n_hidden), n_hidden), np.zeros(n_hidden, dtype),
                  np.zeros(n_out, dtype))


class Forward(NamedTuple):
    """What the backward pass needs: hidden states H (T + 1, B, n) with H[0] = h(0), and
    the output probabilities P (T, B, m), or (B, m) for pattern ``c``."""

    H: np.ndarray
    P: np.ndarray


def _softmax(o: np.ndarray) -> np.ndarray:
    """ŷ = softmax(o) along the last axis (eq. 10.11), shifted for stability; in place."""
    o -= o.max(axis=-1, keepdims=True)
    np.exp(o, out=o)
    o /= o.sum(axis=-1, keepdims=True)
    return o


@lru_cache(maxsize=32)
def _scratch(role: str, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """A work array reused by every call with this shape: fresh pages for a few megabytes
    cost more than the arithmetic done in them. Never handed out."""
    return np.empty(shape, dtype)


def forward(p: Params, pattern: str, x: np.ndarray, h0: np.ndarray,
            y_previous: np.ndarray | None = None, H: np.ndarray | None = None) -> Forward:
    """The forward pass (eqs. 10.8–10.11). For pattern ``b``, ``y_previous`` (T, B) holds
    the output fed back at each step (-1 for none: the zero vector). ``H``, if given, is
    where the hidden states go."""
    T, B = x.shape
    n = p.n_hidden
    A = np.take(p.U.T, x, axis=0, out=_scratch("A", (T, B, n), p.U.dtype))  # U x(t)
    A += p.b                                       # + b
    H = np.empty((T + 1, B, n), dtype=p.U.dtype) if H is None else H
    H[0] = h0
    if pattern == "b":                             # a(t) = b + W y(t-1) + U x(t)
        fed = y_previous >= 0
        A[fed] += p.W.T[y_previous[fed]]
        np.tanh(A, out=H[1:])
    else:                                          # a(t) = b + W h(t-1) + U x(t)
        WT = np.ascontiguousarray(p.W.T)
        for t in range(T):
            np.matmul(H[t], WT, out=H[t + 1])
            H[t + 1] += A[t]
            np.tanh(H[t + 1], out=H[t + 1])        # h(t) = tanh(a(t))
    if pattern == "c":
        return Forward(H, _softmax(H[T] @ p.V.T + p.c))
    o = H[1:].reshape(T * B, n) @ p.V.T            # o(t) = c + V h(t), one product for all t
    o += p.c
    return Forward(H, _softmax(o).reshape(T, B, p.n_out))  # ŷ(t) = softmax(o(t))


def _nll(P: np.ndarray, y: np.ndarray) -> float:
    """L = Σ -log ŷ[y] (eqs. 10.12–10.14) over the targets y >= 0."""
    picked = np.take_along_axis(P, np.maximum(y, 0)[..., None], axis=-1)[..., 0]
    return float(-np.log(np.maximum(picked, np.finfo(P.dtype).tiny))[y >= 0].sum())


def loss_and_grads(p: Params, x: np.ndarray, y: np.ndarray, h0: np.ndarray,
                   pattern: str = "a") -> tuple[float, Params, np.ndarray]:
    """The loss, its gradient with respect to every parameter, and h(τ).

    Parameters
    ----------
    p
        The parameters.
    x
        Input symbols, shape (T, B).
    y
        Target symbols: shape (T, B) for patterns ``a`` and ``b``, (B,) for ``c``; -1 for
        none (padding: no loss there). Pattern ``b`` feeds them back shifted by one step
        (teacher forcing; -1 feeds the zero vector).
    h0
        h(0), shape (B, hidden).
    pattern
        ``a``, ``b`` or ``c``.
    """
    T, B = x.shape
    n, dtype = p.n_hidden, p.U.dtype
    y_previous = np.vstack([np.full((1, B), -1), y[:-1]]) if pattern == "b" else None
    H, P = forward(p, pattern, x, h0, y_previous, H=_scratch("H", (T + 1, B, n), dtype))
    loss = _nll(P, y)
    dO = P                                         # ∂L/∂o = ŷ - one-hot(y)   (eq. 10.18)
    target = np.maximum(y, 0)[..., None]
    np.put_along_axis(dO, target, np.take_along_axis(dO, target, -1) - 1, -1)
    if (y < 0).any():
        dO[y < 0] = 0                              # no target, no loss
    dA = _scratch("dA", (T, B, n), dtype)          # ∂L/∂h(t), then ∂L/∂a(t) in place
    if pattern == "c":
        dV = dO.T @ H[T]                           # ∂L/∂V = Σ ∂L/∂o h(τ)ᵀ     (eq. 10.25)
        dc = dO.sum(axis=0)                        # ∂L/∂c = Σ ∂L/∂o           (eq. 10.22)
        dA.fill(0)
        np.matmul(dO, p.V, out=dA[T - 1])          # ∂L/∂h(τ) = Vᵀ ∂L/∂o(τ)    (eq. 10.19)
    else:
        flat = dO.reshape(-1, p.n_out)
        dV = flat.T @ H[1:].reshape(-1, n)
        dc = flat.sum(axis=0)
        np.matmul(flat, p.V, out=dA.reshape(-1, n))  # the output's share of ∂L/∂h(t)
    slope = np.multiply(H[1:], H[1:], out=_scratch("slope", (T, B, n), dtype))
    np.subtract(1, slope, out=slope)               # tanh'(a(t)) = 1 - h(t)²
    carry = np.zeros_like(h0)                      # Wᵀ ∂L/∂a(t+1)               (eq. 10.21)
    if pattern == "b":                             # no recurrence: each step on its own
        dA *= slope
    else:
        W = np.ascontiguousarray(p.W)
        for t in range(T - 1, -1, -1):
            dA[t] += carry                         # ∂L/∂h(t) = Wᵀ ∂L/∂a(t+1) + Vᵀ ∂L/∂o(t)
            dA[t] *= slope[t]                      # ∂L/∂a(t) = diag(1 - h(t)²) ∂L/∂h(t)
            carry = dA[t] @ W
    flat_dA = dA.reshape(-1, n)
    db = flat_dA.sum(axis=0)                       # ∂L/∂b = Σ ∂L/∂a(t)         (eq. 10.22)
    dU = flat_dA.T @ _one_hot(x, p.n_in, dtype)    # ∂L/∂U = Σ ∂L/∂a(t) x(t)ᵀ   (eq. 10.28)
    if pattern == "b":                             # ∂L/∂W = Σ ∂L/∂a(t) y(t-1)ᵀ
        dW = flat_dA.T @ _one_hot(y_previous, p.n_out, dtype)
    else:                                          # ∂L/∂W = Σ ∂L/∂a(t) h(t-1)ᵀ (eq. 10.26)
        dW = flat_dA.T @ H[:-1].reshape(-1, n)
    return loss, Params(dU, dW, dV, db, dc), H[T].copy()


def _one_hot(symbols: np.ndarray, size: int, dtype) -> np.ndarray:
    """(T·B, size): row i is the one-hot vector of symbols.flat[i], or 0 for -1 (a work
    array: used at once)."""
    flat = symbols.reshape(-1)
    rows = _scratch(f"one-hot {size}", (flat.size, size), np.dtype(dtype))
    rows.fill(0)
    rows[np.arange(flat.size)[flat >= 0], flat[flat >= 0]] = 1
    return rows


def predict(p: Params, pattern: str, x: np.ndarray, h0: np.ndarray | None = None,
            rng: np.random.Generator | None = None, temperature: float = 0.0) -> np.ndarray:
    """Output symbols for inputs ``x`` (T, B): (T, B) for ``a`` and ``b``, (B,) for ``c``.

    Pattern ``b`` runs free: each step's output (the most likely one, or with ``rng`` and a
    positive ``temperature`` a sample from softmax(o / temperature)) is fed to the next.
    """
    T, B = x.shape
    h0 = np.zeros((B, p.n_hidden), p.U.dtype) if h0 is None else h0
    if pattern != "b":
        _, P = forward(p, pattern, x, h0)
        return _choose(np.log(np.maximum(P, np.finfo(P.dtype).tiny)), rng, temperature)
    out = np.empty((T, B), dtype=np.int64)
    previous = np.full((1, B), -1)
    for t in range(T):
        _, P = forward(p, "b", x[t:t + 1], h0, previous)
        out[t] = _choose(np.log(np.maximum(P[0], np.finfo(P.dtype).tiny)), rng, temperature)
        previous = out[t:t + 1]
    return out


def _choose(logits: np.ndarray, rng: np.random.Generator | None,
            temperature: float) -> np.ndarray:
    """The most likely symbol, or a sample from softmax(logits / temperature)."""
    if rng is None or temperature <= 0:
        return logits.argmax(axis=-1)
    q = _softmax(logits.astype(np.float64) / temperature)
    cumulative = q.cumsum(axis=-1)
    u = rng.random(q.shape[:-1] + (1,))
    return np.minimum((cumulative < u).sum(axis=-1), q.shape[-1] - 1)


def generate(p: Params, pattern: str, x: np.ndarray, rng: np.random.Generator,
             temperature: float = 1.0) -> np.ndarray:
    """Sampled outputs for inputs ``x`` at ``temperature`` (see :func:`predict`)."""
    return predict(p, pattern, x, rng=rng, temperature=temperature)


def dumps(p: Params, pattern: str, meta: dict | None = None) -> bytes:
    """The parameters as the bytes of an ``.npz`` archive (no pickled objects), with the
    pattern and ``meta`` as a JSON header."""
    header = json.dumps({"format": FORMAT, "version": VERSION, "pattern": pattern,
                         "meta": meta or {}})
    buffer = io.BytesIO()
    np.savez(buffer, header=np.array(header), **p._asdict())
    return buffer.getvalue()


def save(p: Params, pattern: str, path: str | Path, meta: dict | None = None) -> None:
    """The parameters saved as an ``.npz`` file (see :func:`dumps`)."""
    Path(path).write_bytes(dumps(p, pattern, meta))


def load(path: str | Path) -> tuple[Params, str, dict]:
    """(parameters, pattern, meta) from a file written by :func:`save`.

    Raises
    ------
    ModelError
        If the file is not such a model (not an archive, corrupted, a member missing, a
        malformed header) or its arrays do not fit together (shapes, number types,
        values that are not finite); the message names the file and the part.
    OSError
        If the file cannot be read.
    """
    return loads(Path(path).read_bytes(), str(path))


def loads(content: bytes, source: str = "<model>") -> tuple[Params, str, dict]:
    """(parameters, pattern, meta) from the bytes of a model file; errors as :func:`load`."""
    if not content.startswith(b"PK"):
        raise ModelError("not an rnntm model file: not a .npz archive", Location(source))
    try:
        with np.load(io.BytesIO(content), allow_pickle=False) as data:
            missing = [name for name in ("header", *Params._fields) if name not in data.files]
            if missing:
                raise ModelError(f"not an rnntm model file: no {', '.join(missing)}",
                                 Location(source))
            header_array = data["header"]
            arrays = {name: data[name] for name in Params._fields}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile,
            zlib.error, RuntimeError, NotImplementedError) as error:
        # zipfile raises RuntimeError for an encrypted member, NotImplementedError for an
        # unknown compression method
        raise ModelError(f"not a readable .npz archive ({error})", Location(source)) from None
    except MemoryError:
        raise ModelError("an array's header claims more memory than there is",
                         Location(source)) from None
    pattern, meta = _header(header_array, source)
    return _params(arrays, pattern, source), pattern, meta


def _header(array: np.ndarray, source: str) -> tuple[str, dict]:
    """(pattern, meta) from the JSON header saved beside the arrays."""
    where = Location(source, path="header")
    if array.shape != () or array.dtype.kind != "U":
        raise ModelError("expected one JSON string", where)
    try:
        header = json.loads(str(array))
    except (ValueError, RecursionError):
        raise ModelError("not valid JSON", where) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT \
            or header.get("version") != VERSION:
        raise ModelError(f"expected format {FORMAT} version {VERSION}", where)
    pattern, meta = header.get("pattern"), header.get("meta", {})
    if pattern not in PATTERNS:
        raise ModelError(f"pattern {pattern!r} is not one of {', '.join(PATTERNS)}", where)
    if not isinstance(meta, dict):
        raise ModelError("meta is not an object", where)
    return pattern, meta


def _params(arrays: dict[str, np.ndarray], pattern: str, source: str) -> Params:
    """The parameters, once every array is a finite float32 or float64 array of the shape
    its place needs: U (n, k), W (n, n) or (n, m) for pattern b, V (m, n), b (n,), c (m,)."""
    dims = {"U": 2, "W": 2, "V": 2, "b": 1, "c": 1}
    dtype = arrays["U"].dtype
    for name, array in arrays.items():
        where = Location(source, path=name)
        if array.ndim != dims[name] or 0 in array.shape:
            raise ModelError(f"has shape {array.shape}; expected {dims[name]} dimensions, "
                             "none empty", where)
        if array.dtype not in (np.float32, np.float64) or array.dtype != dtype:
            raise ModelError(f"holds {array.dtype}; every array must be float32 or float64, "
                             "all alike", where)
        if not np.isfinite(array).all():
            raise ModelError("holds values that are not finite", where)
    p = Params(*(arrays[name] for name in Params._fields))
    n, k, m = p.U.shape[0], p.U.shape[1], p.V.shape[0]
    expected = {"U": (n, k), "W": (n, m if pattern == "b" else n), "V": (m, n), "b": (n,),
                "c": (m,)}
    for name, shape in expected.items():
        if getattr(p, name).shape != shape:
            raise ModelError(f"has shape {getattr(p, name).shape}; expected {shape} for "
                             f"pattern {pattern} beside U of shape {p.U.shape}",
                             Location(source, path=name))
    return p
