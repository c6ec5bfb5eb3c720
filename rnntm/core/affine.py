"""Exact affine expressions over neuron names, ``Σ c_i x_i + c0``: the symbolic values in
which the compiler writes every pre-activation, beside the equation it implements, and the
stack code (:mod:`~rnntm.core.stackcode`) its lemmas.

>>> x, y = Lin.var("x"), Lin.var("y")
>>> e = 2 * x - y / 4 + 1
>>> e.terms, e.const, upper_bound(e)
({'x': Fraction(2, 1), 'y': Fraction(-1, 4)}, Fraction(1, 1), Fraction(3, 1))
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .exact import exact

__all__ = ["Lin", "total", "upper_bound"]


class Lin:
    """An immutable exact affine expression over neuron names; its coefficients pass
    :func:`~rnntm.core.exact.exact`, so a float is refused when it is built.

    >>> Lin({"x": 0.5})
    Traceback (most recent call last):
    ...
    TypeError: exact values are int, Fraction, mpq or 'p/q' strings, not float (0.5)
    """

    __slots__ = ("terms", "const")

    def __init__(self, terms: dict[str, object] | None = None, const: object = 0) -> None:
        exact_terms = {k: exact(v) for k, v in (terms or {}).items()}
        self.terms = {k: v for k, v in exact_terms.items() if v}
        self.const = exact(const)

    @staticmethod
    def var(name: str) -> Lin:
        return Lin({name: Fraction(1)})

    @classmethod
    def _exact(cls, terms: dict[str, Fraction], const: Fraction) -> Lin:
        """A Lin of coefficients already exact and nonzero (the operators' results)."""
        made = object.__new__(cls)
        made.terms, made.const = terms, const
        return made

    def __add__(self, other: Lin | int | Fraction) -> Lin:
        if not isinstance(other, Lin):
            return Lin._exact(dict(self.terms), self.const + exact(other))
        terms = dict(self.terms)
        for k, v in other.terms.items():
            total = terms.get(k, 0) + v
            if total:
                terms[k] = total
            else:
                del terms[k]
        return Lin._exact(terms, self.const + other.const)

    __radd__ = __add__

    def __mul__(self, factor: int | Fraction) -> Lin:
        factor = exact(factor)
        if not factor:
            return Lin()
        return Lin._exact({k: v * factor for k, v in self.terms.items()}, self.const * factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Fraction) -> Lin:
        return self * (1 / exact(divisor))

    def __neg__(self) -> Lin:
        return self * -1

    def __sub__(self, other: Lin | int | Fraction) -> Lin:
        return self + (-other if isinstance(other, Lin) else -exact(other))

    def __rsub__(self, other: int | Fraction) -> Lin:
        return -self + other

    def __repr__(self) -> str:
        parts = [f"{v}*{k}" for k, v in self.terms.items()] + [str(self.const)]
        return " + ".join(parts)


def upper_bound(expr: Lin) -> Fraction:
    """The largest value of ``expr`` when every neuron lies in [0, 1], as σ's outputs do."""
    return expr.const + sum((v for v in expr.terms.values() if v > 0), Fraction(0))


def total(exprs: Iterable[Lin]) -> Lin:
    """The sum of affine expressions (0 for none), in one pass over their terms."""
    terms: dict[str, Fraction] = {}
    const = Fraction(0)
    for e in exprs:
        if not isinstance(e, Lin):
            const += exact(e)
            continue
        for k, v in e.terms.items():
            terms[k] = terms.get(k, 0) + v
        const += e.const
    return Lin(terms, const)
