"""What the step proofs share: the quantities of a step, the facts the stack code's
lemmas give about them, and :func:`settles`, one case of σ(pre) = expected.

The quantities are written at the level of the lemmas (``stack_code.py``): a stack's code
q and a rest's code ρ lie in [0, 1) (interval), a reading is 0 or 1 (read), the digits c(j)
and c(0) are at least 1, the base D at least 1. An upper bound writes q, ρ < 1 through
positive slacks; a lower bound q, ρ ≥ 0 through nonnegative ones (``verdict.sign``).
"""

from __future__ import annotations

import sympy

from verdict import Proof, sign

__all__ = ["D", "LOWER", "UPPER", "c_0", "c_j", "c_t", "c_w", "q", "rho", "settles"]

q, rho, c_t, c_w, c_j, c_0, D = sympy.symbols("q rho c_t c_w c_j c_0 D", real=True)
s1, s2 = sympy.symbols("s1 s2", positive=True)             # 1 − q, 1 − ρ
n1, n2, f, e, e0 = sympy.symbols("n1 n2 f e e0", nonnegative=True)
UPPER = {q: 1 - s1, rho: 1 - s2, D: 1 + f, c_j: 1 + e, c_0: 1 + e0}
LOWER = {q: n1, rho: n2, D: 1 + f, c_j: 1 + e, c_0: 1 + e0, c_t: 1 + e}


def settles(proof: Proof, label: str, pre: sympy.Expr, expected, code=None) -> None:
    """One case of σ(pre) = expected: pre ≤ 0 for 0, pre ≥ 1 for 1 (under the bounds'
    facts), else pre = expected identically: a code in [0, 1) where σ is the identity, or
    the form of the lemma the label names (a "(read)" case: σ of it is the reading by the
    read lemma). ``code`` first writes q as a nonempty stack's code."""
    pre = sympy.sympify(pre)
    if code is not None:
        pre = pre.subs(q, code)
    if expected == 0:
        holds, reduced = sign(-pre, ">= 0", UPPER)
    elif expected == 1:
        holds, reduced = sign(pre - 1, ">= 0", LOWER)
    else:
        holds, reduced = sign(pre - expected, "== 0")
    proof.case(f"{label}: {reduced}", holds)
