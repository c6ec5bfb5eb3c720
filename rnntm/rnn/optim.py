"""Gradient clipping and the optimizers: SGD with momentum, Adagrad and Adam.

An optimizer is a pair of pure functions over :class:`~rnntm.rnn.model.Params`-shaped
tuples: ``state = start(params)`` and ``params, state = step(params, grads, state)``.

>>> import numpy as np
>>> from rnntm.rnn.model import Params
>>> p = Params(*(np.ones(2) for _ in range(5)))
>>> g = Params(*(np.full(2, 3.0) for _ in range(5)))
>>> clip_by_norm(g, 1.0).U.round(4).tolist()       # global norm sqrt(10 * 9) -> 1
[0.3162, 0.3162]
>>> opt = optimizer("sgd", learning_rate=0.1, momentum=0.0)
>>> new, _ = opt.step(p, g, opt.start(p))
>>> new.U.tolist()
[0.7, 0.7]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ..errors import RnntmError
from .model import Params

__all__ = ["OPTIMIZERS", "Optimizer", "clip_by_norm", "clip_by_value", "optimizer"]


def clip_by_norm(grads: Params, max_norm: float) -> Params:
    """g · min(1, max_norm / ||g||), ||g|| the norm of all gradients together (§10.11.1)."""
    norm = np.sqrt(sum(float((g.astype(np.float64) ** 2).sum()) for g in grads))
    if norm <= max_norm:
        return grads
    return Params(*(g * (max_norm / norm) for g in grads))


def clip_by_value(grads: Params, limit: float) -> Params:
    """Every component clipped to [-limit, limit]."""
    return Params(*(np.clip(g, -limit, limit) for g in grads))


class Optimizer(NamedTuple):
    """``start(params) -> state`` and ``step(params, grads, state) -> (params, state)``."""

    start: Callable
    step: Callable


def _sgd(learning_rate: float = 0.1, momentum: float = 0.9) -> Optimizer:
    """v ← α v - ε g;  θ ← θ + v (Algorithm 8.2)."""
    def start(p: Params):
        return Params(*(np.zeros_like(a) for a in p))

    def step(p: Params, g: Params, v: Params):
        v = Params(*(momentum * vi - learning_rate * gi for vi, gi in zip(v, g, strict=True)))
        return Params(*(pi + vi for pi, vi in zip(p, v, strict=True))), v
    return Optimizer(start, step)


def _adagrad(learning_rate: float = 0.1, eps: float = 1e-8) -> Optimizer:
    """r ← r + g²;  θ ← θ - ε g / (δ + √r) (Algorithm 8.4)."""
    def start(p: Params):
        return Params(*(np.zeros_like(a) for a in p))

    def step(p: Params, g: Params, r: Params):
        r = Params(*(ri + gi * gi for ri, gi in zip(r, g, strict=True)))
        return Params(*(pi - learning_rate * gi / (np.sqrt(ri) + eps)
                        for pi, gi, ri in zip(p, g, r, strict=True))), r
    return Optimizer(start, step)


def _adam(learning_rate: float = 0.01, beta1: float = 0.9, beta2: float = 0.999,
          eps: float = 1e-8) -> Optimizer:
    """s ← ρ1 s + (1-ρ1) g;  r ← ρ2 r + (1-ρ2) g²;  θ ← θ - ε ŝ / (√r̂ + δ), with the
    bias-corrected ŝ = s / (1 - ρ1^t) and r̂ = r / (1 - ρ2^t) (Algorithm 8.7)."""
    def start(p: Params):
        zeros = Params(*(np.zeros_like(a) for a in p))
        return zeros, zeros, 0

    def step(p: Params, g: Params, state):
        s, r, t = state
        t += 1
        s = Params(*(beta1 * si + (1 - beta1) * gi for si, gi in zip(s, g, strict=True)))
        r = Params(*(beta2 * ri + (1 - beta2) * gi * gi for ri, gi in zip(r, g, strict=True)))
        c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
        new = Params(*(pi - (learning_rate * (si / c1) / (np.sqrt(ri / c2) + eps)).astype(
            pi.dtype) for pi, si, ri in zip(p, s, r, strict=True)))
        return new, (s, r, t)
    return Optimizer(start, step)


#: name -> constructor taking the learning rate and the method's own settings
OPTIMIZERS = {"sgd": _sgd, "adagrad": _adagrad, "adam": _adam}


def optimizer(name: str, **settings) -> Optimizer:
    """The optimizer called ``name`` (one of :data:`OPTIMIZERS`) with ``settings``."""
    if name not in OPTIMIZERS:
        raise RnntmError(f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name](**settings)
