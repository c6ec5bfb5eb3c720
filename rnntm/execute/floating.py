"""Networks run in finite precision, for study: float64 (numpy, the dense matrices) or
mpmath binary floats of a chosen width, row by row. Where such a run departs from the exact
one is :func:`rnntm.check.precision.departure`'s question.

>>> from rnntm.core.network import Affine, Network
>>> third = Network(("x",), (Affine(state=((0, "1/3"),)),), initial=(1,))
>>> [float(v[0]) for v in run_mpmath(third, third.initial, 2, bits=8)]
[1.0, 0.333984375, 0.111328125]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..core.network import Network

__all__ = ["run_float64", "run_mpmath"]


def run_float64(net: Network, initial: Sequence[object], steps: int) -> Iterator:
    """Yield x(0), ..., x(steps) in float64: ``x(t+1) = clip(W x(t) + b, 0, 1)``."""
    import numpy as np

    W, _, b = net.matrices()
    x = np.array([float(v) for v in initial])
    yield x
    for _ in range(steps):
        x = np.clip(W @ x + b, 0.0, 1.0)
        yield x


def run_mpmath(net: Network, initial: Sequence[object], steps: int, bits: int) -> Iterator:
    """Yield x(0), ..., x(steps) in mpmath binary floats of ``bits`` bits, row by row."""
    import mpmath

    ctx = mpmath.mp.clone()
    ctx.prec = bits

    def num(v):
        return ctx.mpf(v.numerator) / v.denominator

    rows = [([(j, num(w)) for j, w in row.state], num(row.bias)) for row in net.rows]
    zero, one = ctx.mpf(0), ctx.mpf(1)
    x = [num(v) for v in initial]
    yield x
    for _ in range(steps):
        x = [min(one, max(zero, ctx.fsum([bias] + [w * x[j] for j, w in state])))
             for state, bias in rows]
        yield x
