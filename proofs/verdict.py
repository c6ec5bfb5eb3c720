"""What a proof here returns, and the two ways it discharges a case.

A proof states its lemma in readable mathematics, discharges it case by case and returns a
:class:`Verdict`: the statement, each case with the reason it holds, and the cases that do
not. A case is discharged either

* **symbolically** (:func:`sign`): the claim is that an expression is ≥ 0, > 0 or = 0; the
  hypotheses are substitutions that write the named quantities through *slack* symbols
  declared nonnegative or positive (c(t) = c(j) + g with g ≥ 0 says c(t) ≥ c(j)), and sympy
  must find the sign of the substituted expression from the slacks' signs alone; or
* **by exact interval arithmetic** (:class:`Interval`): rational end points, the right end
  open where the set is half-open, evaluated for every concrete code the compiler uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

__all__ = ["Interval", "Proof", "Verdict", "sign"]


@dataclass(frozen=True)
class Verdict:
    """A lemma's statement, the cases discharged and those that failed."""

    name: str
    statement: str
    cases: tuple[str, ...]
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures and bool(self.cases)

    def __str__(self) -> str:
        verdict = "proved" if self.ok else f"NOT proved ({len(self.failures)} cases fail)"
        lines = [f"{self.name}: {verdict}, {len(self.cases):,} cases", f"  {self.statement}"]
        lines += [f"  ✗ {failure}" for failure in self.failures]
        return "\n".join(lines)


@dataclass
class Proof:
    """A lemma being proved: call :meth:`case` for each case, then :meth:`verdict`."""

    name: str
    statement: str
    cases: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def case(self, description: str, holds: bool) -> None:
        (self.cases if holds else self.failures).append(description)

    def verdict(self) -> Verdict:
        return Verdict(self.name, self.statement, tuple(self.cases), tuple(self.failures))


def sign(expression: sympy.Expr, claim: str,
         hypotheses: Mapping[sympy.Symbol, sympy.Expr] = {}) -> tuple[bool, str]:
    """Whether ``expression`` is ``claim`` (">= 0", "> 0" or "== 0") once the hypotheses'
    substitutions are made, one after the other in their order, and the substituted form,
    for the record.

    >>> g = sympy.Symbol("g", nonnegative=True)
    >>> c_t, c_j = sympy.symbols("c_t c_j", real=True)
    >>> sign(c_t - c_j, ">= 0", {c_t: c_j + g}), sign(c_t - c_j, "> 0", {c_t: c_j + g})
    ((True, 'g >= 0'), (False, 'g > 0'))
    """
    for symbol, replacement in hypotheses.items():
        expression = expression.subs(symbol, replacement)
    reduced = sympy.expand(sympy.simplify(expression))
    holds = {">= 0": reduced.is_nonnegative, "> 0": reduced.is_positive,
             "== 0": reduced == 0}[claim]
    return holds is True, f"{sympy.sstr(reduced)} {claim}"


@dataclass(frozen=True)
class Interval:
    """[lo, hi], or [lo, hi) when ``open_right``: exact rational end points."""

    lo: Fraction
    hi: Fraction
    open_right: bool = False

    def __add__(self, other: Fraction | int) -> Interval:
        return Interval(self.lo + other, self.hi + other, self.open_right)

    def __sub__(self, other: Fraction | int) -> Interval:
        return self + (-other)

    def scale(self, factor: Fraction | int) -> Interval:
        """factor · [lo, hi⟩ for factor > 0."""
        assert factor > 0
        return Interval(self.lo * factor, self.hi * factor, self.open_right)

    def at_most(self, bound: Fraction | int) -> bool:
        """Every point ≤ bound."""
        return self.hi <= bound

    def at_least(self, bound: Fraction | int) -> bool:
        """Every point ≥ bound."""
        return self.lo >= bound

    def within_unit(self) -> bool:
        """Every point in [0, 1], where σ is the identity."""
        return self.lo >= 0 and self.hi <= 1

    def __str__(self) -> str:
        return f"[{self.lo}, {self.hi}{')' if self.open_right else ']'}"
