"""Training on a task's batches, and accuracy by input length.

Each epoch visits every training batch once, in a shuffled order; a batch longer than
``truncate`` steps is trained by truncated BPTT, in chunks whose last hidden state starts
the next chunk, their gradients summed (pattern ``a``; pattern ``b`` has no hidden-to-hidden
recurrence to truncate, ``c`` one output at the end). Gradients are clipped by their
global norm (and by value if asked) before the optimizer's step.

>>> from rnntm.rnn.data import task
>>> settings = Settings(epochs=2, hidden=8)
>>> result = train(task("binary-increment"), settings, np.random.default_rng(0))
>>> len(result.history), sorted(result.accuracy_by_length)[:2]
(2, [1, 2])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .data import Split, Task, split
from .model import Params, init, loss_and_grads, predict
from .optim import clip_by_norm, clip_by_value, optimizer

__all__ = ["Settings", "Result", "train", "evaluate", "accuracy"]


@dataclass(frozen=True)
class Settings:
    """How to train: the pattern, sizes, optimizer and its learning rate, clipping,
    truncation, number type, and how many examples per length and per batch."""

    pattern: str = "a"
    hidden: int = 32
    epochs: int = 30
    optimizer: str = "adam"
    learning_rate: float = 0.01
    clip_norm: float = 5.0
    clip_value: float | None = None
    truncate: int | None = None
    dtype: str = "float32"
    per_length: int = 256
    batch: int = 32


@dataclass(frozen=True)
class Result:
    """Trained parameters, the mean loss per symbol after each epoch, held-out accuracy at
    the training lengths and by length (the longer lengths included)."""

    params: Params
    pattern: str
    history: list[float]
    accuracy: float
    accuracy_by_length: dict[int, float] = field(default_factory=dict)


def _batches(data: dict, size: int, rng: np.random.Generator):
    """Every (x, y) cut into batches of ``size`` examples, in a shuffled order."""
    cuts = [(x[:, i:i + size], y[..., i:i + size]) for x, y in data.values()
            for i in range(0, x.shape[1], size)]
    return [cuts[i] for i in rng.permutation(len(cuts))]


def _batch_loss_and_grads(p: Params, x, y, pattern: str, truncate: int | None):
    """(loss, gradients, number of targets) of one batch, by truncated BPTT if asked."""
    h = np.zeros((x.shape[1], p.n_hidden), p.U.dtype)
    chunk = truncate if truncate and pattern == "a" else x.shape[0]
    total, grads, count = 0.0, None, 0
    for start in range(0, x.shape[0], chunk):
        xs, ys = x[start:start + chunk], y[start:start + chunk] if pattern != "c" else y
        loss, g, h = loss_and_grads(p, xs, ys, h, pattern)
        total += loss
        grads = g if grads is None else Params(*(a + b for a, b in zip(grads, g, strict=True)))
        count += int((ys >= 0).sum())
    return total, grads, count


def train(task: Task, settings: Settings, rng: np.random.Generator,
          progress: Callable[[int, float], None] | None = None,
          data: Split | None = None) -> Result:
    """Train a fresh model on ``task`` (data drawn with ``rng`` unless given)."""
    data = data or split(task, rng, per_length=settings.per_length)
    p = init(rng, len(task.in_symbols), settings.hidden, len(task.out_symbols),
             settings.pattern, np.dtype(settings.dtype))
    opt = optimizer(settings.optimizer, learning_rate=settings.learning_rate)
    state = opt.start(p)
    history = []
    for epoch in range(settings.epochs):
        total, count = 0.0, 0
        for x, y in _batches(data.train, settings.batch, rng):
            loss, grads, n = _batch_loss_and_grads(p, x, y, settings.pattern,
                                                   settings.truncate)
            grads = clip_by_norm(grads, settings.clip_norm)
            if settings.clip_value is not None:
                grads = clip_by_value(grads, settings.clip_value)
            p, state = opt.step(p, grads, state)
            total, count = total + loss, count + n
        history.append(total / max(count, 1))
        if progress is not None:
            progress(epoch + 1, history[-1])
    return evaluate(p, settings.pattern, data, history)


def accuracy(p: Params, pattern: str, x: np.ndarray, y: np.ndarray) -> float:
    """The fraction of targets predicted: per symbol (patterns ``a``, ``b``; ``b`` runs
    free on its own outputs) or per word (``c``)."""
    guess = predict(p, pattern, x)
    known = y >= 0
    return float((guess == y)[known].mean())


def evaluate(p: Params, pattern: str, data: Split, history: list[float] | None = None) -> Result:
    """Held-out accuracy at the training lengths (all their targets together) and by
    length, the longer lengths included."""
    by_length = {n: accuracy(p, pattern, x, y) for n, (x, y) in
                 {**data.test, **data.longer}.items()}
    hits = sum(accuracy(p, pattern, x, y) * int((y >= 0).sum()) for x, y in data.test.values())
    targets = sum(int((y >= 0).sum()) for _, y in data.test.values())
    return Result(p, pattern, history or [], hits / max(targets, 1), by_length)
