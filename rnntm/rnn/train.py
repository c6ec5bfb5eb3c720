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

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import Location, RnntmError
from .data import Split, Task, TaskError, split, task, with_lengths
from .model import PATTERNS, ModelError, Params, init, load, loss_and_grads, predict
from .optim import OPTIMIZERS, clip_by_norm, clip_by_value, optimizer

__all__ = ["Settings", "Result", "TrainingError", "train", "evaluate", "evaluate_saved",
           "accuracy", "memory_needed"]


class TrainingError(RnntmError, ValueError):
    """Settings that cannot train: ``setting`` out of its range, or too large for the
    memory; the message is the setting's name followed by the ``problem``."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting} {problem}")
        self.setting, self.problem = setting, problem


#: The most examples per length a model may be trained on, or its file ask for its evaluation.
MOST_PER_LENGTH = 65_536


@dataclass(frozen=True)
class Settings:
    """How to train: the pattern, sizes, optimizer and its learning rate, clipping,
    truncation, number type, and how many examples per length and per batch.

    Raises
    ------
    TrainingError
        For a value out of its range, naming the setting.

    >>> Settings(learning_rate=float("nan"))
    Traceback (most recent call last):
    ...
    rnntm.rnn.train.TrainingError: learning_rate is nan; expected a number in (0, 1]
    >>> Settings(pattern="c", truncate=8)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rnntm.rnn.train.TrainingError: truncate applies to pattern a (...), not c
    """

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

    def __post_init__(self) -> None:
        for name, choices in (("pattern", PATTERNS), ("optimizer", tuple(OPTIMIZERS)),
                              ("dtype", ("float32", "float64"))):
            if getattr(self, name) not in choices:
                raise TrainingError(name, f"is {getattr(self, name)!r}; expected one of "
                                          f"{', '.join(choices)}")
        for name in ("hidden", "epochs", "per_length", "batch", "truncate"):
            value = getattr(self, name)
            if value is None and name == "truncate":
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise TrainingError(name, f"is {value!r}; expected a whole number of at "
                                          "least 1")
        if self.per_length > MOST_PER_LENGTH:  # what a model file may ask for its evaluation
            raise TrainingError("per_length", f"is {self.per_length:,}; expected at most "
                                              f"{MOST_PER_LENGTH:,}")
        _check_number("learning_rate", self.learning_rate, "in (0, 1]",
                      lambda v: 0 < v <= 1)
        _check_number("clip_norm", self.clip_norm, "above 0 (inf: no clipping)",
                      lambda v: v > 0)
        if self.clip_value is not None:
            _check_number("clip_value", self.clip_value, "above 0 and finite",
                          lambda v: 0 < v < math.inf)
        if self.truncate is not None and self.pattern != "a":
            raise TrainingError("truncate", "applies to pattern a (hidden-to-hidden "
                                            f"recurrence), not {self.pattern}")


def _check_number(name: str, value: object, expected: str, holds: Callable) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value) \
            or not holds(value):
        raise TrainingError(name, f"is {value!r}; expected a number {expected}")


def memory_needed(task: Task, settings: Settings, longest: int) -> int:
    """Bytes that training a model of ``settings`` on ``task`` takes at least, sequences
    of up to ``longest`` steps: the parameters about eight times (themselves, gradients,
    clipped gradients, the optimizer's state and its temporaries) and the forward and
    backward work arrays (about six of time x examples x hidden values, evaluation
    running every example of a length at once)."""
    n, k, m = settings.hidden, len(task.in_symbols), len(task.out_symbols)
    recurrent = m if settings.pattern == "b" else n
    parameters = n * k + n * recurrent + m * n + n + m
    work = 6 * (longest + 1) * max(settings.per_length, settings.batch) * n
    return (8 * parameters + work) * np.dtype(settings.dtype).itemsize


def _available_memory() -> int | None:
    """Bytes of memory available now (Linux's MemAvailable), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def _check_memory(task: Task, settings: Settings, data: Split) -> None:
    longest = max(x.shape[0] for part in (data.train, data.test, data.longer)
                  for x, _ in part.values())
    needed, available = memory_needed(task, settings, longest), _available_memory()
    if available is not None and needed > available:
        raise TrainingError("hidden", f"{settings.hidden:,} in {settings.dtype} needs at "
                                      f"least {needed / 2**30:,.1f} GiB to train on "
                                      f"{task.name}; {available / 2**30:,.1f} GiB are "
                                      "available")


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
    """Train a fresh model on ``task`` (data drawn with ``rng`` unless given).

    Raises
    ------
    TrainingError
        If the model and its work arrays would not fit in the memory available.
    """
    data = data or split(task, rng, per_length=settings.per_length)
    _check_memory(task, settings, data)
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


def evaluate_saved(path: str | Path, task_name: str | None = None,
                   seed: int | None = None) -> tuple[Result, Task, int]:
    """(result, task, seed): the model saved at ``path`` evaluated on ``task_name`` (by
    default the task its header names), at the training lengths its header records, on
    the data its training drew (its seed and examples per length) or drawn with ``seed``.

    Raises
    ------
    ModelError
        If the file is no model, names no task when none is given, or its header's seed,
        examples per length or training lengths are out of range.
    TaskError
        If the task does not fit the model's pattern or its numbers of symbols.
    """
    params, pattern, meta = load(path)
    where = Location(str(path), path="header")
    task_name = task_name or meta.get("task")
    if not isinstance(task_name, str):
        raise ModelError("the model names no task: give one (rnntm evaluate MODEL TASK)", where)
    try:
        t = task(task_name, pattern)
    except TaskError as error:
        raise TaskError(f"{path} was trained with pattern {pattern}: {error}") from None
    if (params.n_in, params.n_out) != (len(t.in_symbols), len(t.out_symbols)):
        raise TaskError(f"{path} reads {params.n_in} and writes {params.n_out} symbols; "
                        f"task {task_name} has {len(t.in_symbols)} and {len(t.out_symbols)}")
    saved_seed, per_length = meta.get("seed", 0), meta.get("per_length", Settings.per_length)
    for name, value, least, most in (("seed", saved_seed, 0, None),
                                     ("per_length", per_length, 1, MOST_PER_LENGTH)):
        if type(value) is not int or value < least or (most is not None and value > most):
            raise ModelError(f"meta.{name} is {value!r}; expected a whole number from {least}"
                             + (f" to {most:,}" if most else " on"), where)
    lengths = meta.get("train_lengths", t.train_lengths)
    if not (isinstance(lengths, (list, tuple)) and len(lengths) == 2):
        raise ModelError(f"meta.train_lengths is {lengths!r}; expected [shortest, longest]",
                         where)
    try:
        t = with_lengths(t, tuple(lengths))
    except TaskError as error:
        raise ModelError(f"meta.train_lengths: {error}", where) from None
    seed = saved_seed if seed is None else seed
    data = split(t, np.random.default_rng(seed), per_length=per_length)
    return evaluate(params, pattern, data), t, seed
