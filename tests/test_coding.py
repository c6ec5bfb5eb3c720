"""The lemmas of the stack code (rnntm.core.stackcode), checked exactly over random stacks."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnntm.core.network import sigma
from rnntm.core.stackcode import CodingError, base, decode, encode, pop, push, read, top


@st.composite
def coded_stacks(draw):
    """(k, B, stack, q): k symbols, a base B >= 2k (dyadic or not), a stack, its code."""
    k = draw(st.integers(2, 6))
    B = base(k, dyadic=draw(st.booleans())) * draw(st.sampled_from([1, 1, 2]))
    stack = draw(st.lists(st.integers(0, k - 1), max_size=12))
    return k, B, stack, encode(stack, B)


@given(coded_stacks())
def test_decode_inverts_encode(case):
    k, B, stack, q = case
    assert decode(q, B) == tuple(stack)
    assert 0 <= q < 1


@given(coded_stacks())
def test_interval_of_the_top_digit(case):
    k, B, stack, q = case
    if stack:
        d = stack[0]
        assert Fraction(2 * d + 1, B) <= q < Fraction(2 * d + 2, B)
    else:
        assert q == 0


@given(coded_stacks())
def test_read_is_exactly_zero_or_one_and_thermometer_codes_the_top(case):
    k, B, stack, q = case
    d1 = stack[0] if stack else 0
    assert read(q, B, k) == tuple(int(d1 >= j) for j in range(1, k))
    assert top(q, B, k) == d1


@given(coded_stacks())
def test_pop_drops_the_top_and_keeps_empty_empty(case):
    k, B, stack, q = case
    assert pop(q, B, k) == encode(stack[1:], B)


@given(coded_stacks(), st.integers(0, 5))
def test_push_puts_a_digit_on_top(case, d):
    k, B, stack, q = case
    d %= k
    assert push(q, d, B) == encode([d, *stack], B)


@given(st.fractions(0, 1), st.sampled_from([0, 1]))
def test_gate_multiplies_by_a_bit_without_a_product(v, g):
    assert sigma(v + g - 1) == g * v


@given(coded_stacks(), st.sampled_from([0, 1]), st.integers(1, 5))
def test_detect_state_and_digit_in_one_neuron(case, in_state, j):
    k, B, stack, q = case
    j = 1 + (j - 1) % (k - 1)
    d1 = stack[0] if stack else 0
    assert sigma(B * q - 2 * j + B * (in_state - 1)) == int(in_state == 1 and d1 >= j)


@pytest.mark.parametrize("q", [Fraction(1, 2), Fraction(1), Fraction(-1, 4), Fraction(1, 3),
                               Fraction(1, 16)])
def test_non_codes_are_refused(q):
    """In a gap, outside [0, 1), a periodic expansion, a zero digit (1/16 = 0/4 + 1/16)."""
    with pytest.raises(CodingError):
        decode(q, 4)


def test_bases():
    assert [base(k) for k in (1, 2, 3, 4, 5, 8, 9)] == [2, 4, 8, 8, 16, 16, 32]
