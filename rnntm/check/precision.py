"""Finite precision, for study: where a network run in floats departs from its exact run.

The same network runs in float64 or in mpmath binary floats of a chosen precision
(:mod:`rnntm.execute.floating`), beside the exact run. :func:`departure` reports the first
step at which some neuron's value is no longer exactly the exact one, and the first step at
which the decoded machine (state and scanned symbol) goes wrong. A stack of depth n in base
B needs about n·log2(B) bits, so float64's 53 bits hold only about 26 binary symbols.

>>> from rnntm import load_machine
>>> from rnntm.compiler import compile
>>> d = departure(compile(load_machine("bb4")), max_steps=200)
>>> d.first_inexact is None, d.first_wrong is None    # BB(4)'s stacks fit in 53 bits
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..compiler import Compiled
from ..execute import run_network
from ..execute.floating import run_float64, run_mpmath

__all__ = ["Departure", "departure"]


@dataclass(frozen=True)
class Departure:
    """Where a finite-precision run left the exact one, in machine steps (None: not within
    ``steps``)."""

    precision: str
    steps: int
    first_inexact: int | None
    first_wrong: int | None
    what: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"precision": self.precision, "steps_compared": self.steps,
                "first_inexact_step": self.first_inexact, "first_wrong_step": self.first_wrong,
                "what_went_wrong": self.what}


def _value(approx) -> Fraction:
    """The exact rational value of a float64 or of an mpmath float."""
    if hasattr(approx, "man_exp"):
        mantissa, exponent = approx.man_exp
        return Fraction(mantissa) * Fraction(2) ** exponent
    return Fraction(float(approx))  # exact: every float is a dyadic rational


def departure(compiled: Compiled, word: str = "", *, max_steps: int,
              bits: int | None = None) -> Departure:
    """Run ``compiled`` exactly and in float64 (or mpmath at ``bits`` bits) side by side.

    Stops at the first wrong reading, at the exact run's halt, or after ``max_steps``
    machine steps.
    """
    per_step, layout = compiled.steps_per_tm_step, compiled.layout
    precision = "float64" if bits is None else f"{bits} bits"
    start = compiled.loaded_state(word)
    steps = max_steps * per_step
    approx = run_float64(compiled.network, start, steps) if bits is None else \
        run_mpmath(compiled.network, start, steps, bits)
    first_inexact = None
    t = 0
    for t, (x, y) in enumerate(zip(run_network(compiled.network, steps=steps, initial=start),
                                   approx, strict=True)):
        if first_inexact is None and any(_value(a) != e for a, e in zip(y, x, strict=True)):
            first_inexact = t // per_step  # the machine step under way
        if t % per_step == 0:
            if layout.at_rest(x[:compiled.io.machine_size]):
                break
            right, wrong = layout.read(x), layout.read(list(y))
            if right != wrong:
                return Departure(precision, t // per_step, first_inexact, t // per_step,
                                 f"read {_describe(compiled, wrong)} instead of "
                                 f"{_describe(compiled, right)}")
    return Departure(precision, t // per_step, first_inexact, None)


def _describe(compiled: Compiled, reading) -> str:
    machine = compiled.machine
    if reading.problem:
        return f"no configuration ({reading.problem})"
    return f"state {machine.state_name(reading.state)} on {machine.symbols[reading.scanned]}"
