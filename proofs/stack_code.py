"""The encoding lemmas of the stack code (``rnntm/core/stackcode.py``), for every network.

A stack s_1 s_2 … s_n (top first) is q = Σ_i c(s_i) / D^i, the empty stack 0, for a base D
and digits with c(0) ≥ 1, c(j) ≥ c(j−1) + 2, c(k−1) < D. A nonempty stack with top t is
q = (c(t) + r) / D, r the code of the rest. Each lemma is proved twice: symbolically, for
any such D and digits (sympy, :func:`~verdict.sign`), and by exact interval arithmetic for
every code the compiler uses (the ``d1``-per-bit codes of 1 to 64 symbols, the classic
codes of 1 to 64 symbols in their dyadic bases and in base 2k, Siegelmann and Sontag's
binary stack).
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from rnntm.core.stackcode import BINARY, StackCode

from verdict import Interval, Proof, Verdict, sign

__all__ = ["LEMMAS", "CODES"]

#: Every code the compiler builds, and more.
CODES = (BINARY, *(StackCode.bitwise(k) for k in range(1, 65)),
         *(StackCode.classic(k) for k in range(1, 65)),
         *(StackCode.classic(k, base=2 * k) for k in range(1, 65)))

D, c_t, c_j, c_i, c_s, r, q, v, K = sympy.symbols("D c_t c_j c_i c_s r q v K", real=True)
g, a, e = sympy.symbols("g a e", nonnegative=True)       # slacks
s = sympy.Symbol("s", positive=True)                     # 1 − r, for r < 1
REST = sympy.Symbol("r", nonnegative=True)               # r ≥ 0
D_ = sympy.Symbol("D", positive=True)
ONE_OR_MORE = {c_t: 1 + g}                               # c(t) ≥ 1


def _code(top: sympy.Expr) -> sympy.Expr:
    """(c(t) + r) / D: the stack with top digit ``top`` on a rest of code r."""
    return (top + r) / D


def _discharge(proof: Proof, label: str, expression, claim, hypotheses) -> None:
    holds, reduced = sign(expression, claim, hypotheses)
    proof.case(f"{label}: {reduced}", holds)


def _intervals(code: StackCode) -> list[tuple[int, Interval]]:
    """Each top symbol t with the set of codes of stacks topped by t, [c(t)/D, (c(t)+1)/D)."""
    return [(t, Interval(*code.interval(t), open_right=True)) for t in range(code.n_symbols)]


def _name(code: StackCode) -> str:
    return f"D = {code.base}, digits {code.digits[:4]}{'…' if code.n_symbols > 4 else ''}"


def interval(codes: tuple[StackCode, ...] = CODES) -> Verdict:
    proof = Proof("interval", "a stack with top t lies in [c(t)/D, (c(t)+1)/D) ⊂ [0, 1); the "
                  "intervals of tops i < j are separated by at least 1/D; pushing s on any "
                  "code q ∈ [0, 1) gives (q + c(s))/D ∈ [0, 1), so σ is exact on it")
    _discharge(proof, "q − c(t)/D ≥ 0, r ≥ 0", _code(c_t) - c_t / D, ">= 0",
               {r: REST, D: D_})
    _discharge(proof, "(c(t)+1)/D − q > 0, r < 1", (c_t + 1) / D - _code(c_t), "> 0",
               {r: 1 - s, D: D_})
    _discharge(proof, "1 − q > 0, c(t) ≤ c(k−1) < D", 1 - _code(c_t), "> 0",
               {r: 1 - s, D: c_t + 1 + a, c_t: 1 + g})
    _discharge(proof, "c(j)/D − (c(i)+1)/D − 1/D ≥ 0, c(j) ≥ c(i) + 2",
               c_j / D - (c_i + 1) / D - 1 / D, ">= 0", {c_j: c_i + 2 + g, D: D_})
    _discharge(proof, "push: (q + c(s))/D ≥ 0 and 1 − (q + c(s))/D > 0 for q = 1 − s' ∈ [0,1)",
               1 - (q + c_s) / D, "> 0", {q: 1 - s, D: c_s + 1 + a, c_s: 1 + g})
    for code in codes:
        tops = _intervals(code)
        inside = all(i.at_least(0) and i.hi <= 1 for _, i in tops)
        separated = all(later.lo - earlier.hi >= Fraction(1, code.base)
                        for (_, earlier), (_, later) in zip(tops, tops[1:], strict=False))
        proof.case(f"{_name(code)}: {len(tops)} intervals in [0, 1), separated by 1/D",
                   inside and separated)
    return proof.verdict()


def read(codes: tuple[StackCode, ...] = CODES) -> Verdict:
    proof = Proof("read", "[top ≥ j] = σ(D q − c(j) + 1) is exactly 1 if t ≥ j and 0 if "
                  "t < j; the empty stack reads 0 (the blank) for every j ≥ 1; "
                  "[q ≠ ε] = σ(D q) is 1 on a nonempty stack, 0 on the empty one")
    at_least = lambda top: D * _code(top) - c_j + 1             # noqa: E731
    _discharge(proof, "t ≥ j: (D q − c(j) + 1) − 1 ≥ 0", at_least(c_t) - 1, ">= 0",
               {c_t: c_j + g, r: REST})
    _discharge(proof, "t < j: −(D q − c(j) + 1) > 0", -at_least(c_t), "> 0",
               {c_j: c_t + 2 + g, r: 1 - s})
    _discharge(proof, "empty: −(D·0 − c(j) + 1) ≥ 0, c(j) ≥ 1", -(-c_j + 1), ">= 0",
               {c_j: 1 + g})
    _discharge(proof, "nonempty: D q − 1 ≥ 0", D * _code(c_t) - 1, ">= 0",
               {**ONE_OR_MORE, r: REST})
    for code in codes:
        cases = 0
        for t, i in _intervals(code):
            for j in range(1, code.n_symbols):
                pre = i.scale(code.base) - code.digit(j) + 1
                cases += pre.at_least(1) if t >= j else pre.at_most(0)
            cases += i.scale(code.base).at_least(1)
        empty = all(1 - code.digit(j) <= 0 for j in range(1, code.n_symbols))
        expected = code.n_symbols * code.n_symbols
        proof.case(f"{_name(code)}: {expected} readings of every top, and the empty stack",
                   cases == expected and empty)
    return proof.verdict()


def pop(codes: tuple[StackCode, ...] = CODES) -> Verdict:
    proof = Proof("pop", "c(top) = c(0) + Σ_{j≥1} (c(j) − c(j−1)) [top ≥ j] from the readings; "
                  "σ(D q − c(top)) = r, the rest, exactly; on the empty stack the readings "
                  "are 0 and σ(−c(0)) = 0: it stays empty")
    k_most = 12
    digits = sympy.symbols(f"c0:{k_most}", real=True)
    for k in range(1, k_most + 1):
        for t in range(k):
            digit = digits[0] + sum((digits[j] - digits[j - 1]) * (1 if t >= j else 0)
                                    for j in range(1, k))
            _discharge(proof, f"k = {k}, t = {t}: c(top) − c({t}) = 0", digit - digits[t],
                       "== 0", {})
    _discharge(proof, "D q − c(t) − r = 0", D * _code(c_t) - c_t - r, "== 0", {})
    _discharge(proof, "the rest is below 1: 1 − r > 0", 1 - r, "> 0", {r: 1 - s})
    _discharge(proof, "empty: −(D·0 − c(0)) ≥ 0, c(0) ≥ 1", -(D * 0 - c_t), ">= 0",
               ONE_OR_MORE)
    for code in codes:
        exact_rest = all(i.scale(code.base) - code.digit(t) == Interval(0, 1, True)
                         for t, i in _intervals(code))
        thermometer = all(code.top_digit([int(t >= j) for j in range(1, code.n_symbols)])
                          == code.digit(t) for t in range(code.n_symbols))
        proof.case(f"{_name(code)}: each top's digit from its readings, the rest in [0, 1)",
                   exact_rest and thermometer and -code.digit(0) <= 0)
    return proof.verdict()


def gate() -> Verdict:
    proof = Proof("gate", "for a gate g ∈ {0, 1}: σ(v + K (g − 1)) = v if g = 1 and v ∈ [0, 1], "
                  "and 0 if g = 0 and v ≤ K; safe_gate's K = max(1, ⌈U⌉), U the upper bound "
                  "of v when every neuron lies in [0, 1], is at least v whatever the network "
                  "holds; a gated pop closes with K ≥ 1")
    _discharge(proof, "g = 1: (v + K·0) − v = 0", v + K * 0 - v, "== 0", {})
    _discharge(proof, "g = 0, v ≤ K: −(v − K) ≥ 0", -(v - K), ">= 0", {K: v + e})
    x = sympy.symbols("x1:4", nonnegative=True)           # neurons, x ≤ 1 through 1 − x ≥ 0
    y = sympy.symbols("y1:4", nonnegative=True)           # y = 1 − x
    w_plus, w_minus = sympy.symbols("p1:3", positive=True), sympy.Symbol("m", positive=True)
    constant = sympy.Symbol("b", real=True)
    value = constant + w_plus[0] * x[0] + w_plus[1] * x[1] - w_minus * x[2]
    bound = constant + w_plus[0] + w_plus[1]              # upper_bound: the positive terms
    _discharge(proof, "U − v ≥ 0 on [0, 1]³ (weights +, +, −)", bound - value, ">= 0",
               {x[0]: 1 - y[0], x[1]: 1 - y[1]})
    _discharge(proof, "gated pop, g = 0, K ≥ 1: −(r − K) > 0", -(r - K), "> 0",
               {r: 1 - s, K: 1 + e})
    return proof.verdict()


LEMMAS = (interval, read, pop, gate)
