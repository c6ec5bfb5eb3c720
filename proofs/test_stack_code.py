"""The stack code's lemmas, each a proof that returns a verdict; and the proofs can fail:
a code that breaks the digits' rules, or a false sign, is refused."""


import pytest
import sympy

from rnntm.core.stackcode import StackCode

from stack_code import LEMMAS, interval, read
from verdict import sign


@pytest.mark.parametrize("lemma", LEMMAS, ids=lambda lemma: lemma.__name__)
def test_the_lemma_is_proved(lemma, record_property):
    verdict = lemma()
    record_property("verdict", str(verdict))
    assert verdict.ok, str(verdict)


def _unchecked(base: int, digits: tuple[int, ...]) -> StackCode:
    """A StackCode that skips the digits' checks (which would refuse it)."""
    code = object.__new__(StackCode)
    for name, value in (("base", base), ("digits", digits), ("pattern", "")):
        object.__setattr__(code, name, value)
    return code


@pytest.mark.parametrize("digits, base, failing", [
    ((1, 2), 4, (interval, read)),        # digits 1 apart: the intervals touch
    ((0, 2), 4, (read,)),                 # c(0) = 0: a stack of 0s reads as empty
    ((1, 3), 3, (interval,)),             # c(1) = D − 0: the top interval leaves [0, 1)
])
def test_a_code_that_breaks_the_rules_fails_the_lemmas(digits, base, failing):
    bad = _unchecked(base, digits)
    for lemma in failing:
        verdict = lemma(codes=(bad,))
        assert not verdict.ok and verdict.failures, lemma.__name__
        assert f"D = {base}" in verdict.failures[0]


def test_a_false_sign_is_not_discharged():
    g = sympy.Symbol("g", nonnegative=True)
    assert sign(g - 1, ">= 0") == (False, "g - 1 >= 0")
    assert sign(g, "> 0")[0] is False and sign(g + 1, "> 0")[0] is True
