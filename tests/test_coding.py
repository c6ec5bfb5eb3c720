"""The lemmas of the stack code (rnntm.core.stackcode), checked exactly over random codes and
stacks, and its symbolic side against its numeric side."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnntm.core.affine import Lin
from rnntm.core.exact import sigma
from rnntm.core.stackcode import BINARY, CodingError, StackCode, classic_base, gate


@st.composite
def codes(draw) -> StackCode:
    """Classic codes (dyadic bases or not, and twice as large) and binary patterns."""
    k = draw(st.integers(2, 6))
    if draw(st.booleans()):
        base = classic_base(k, dyadic=draw(st.booleans())) * draw(st.sampled_from([1, 1, 2]))
        return StackCode.classic(k, base)
    pattern = draw(st.sampled_from(["d1", "dd1", "d1d1", "ddd1", "d11", "d1d11"]))
    count = 1 << pattern.count("d")
    return StackCode.of_pattern(pattern, draw(st.integers(2, count)))


@st.composite
def coded_stacks(draw):
    """(code, stack, q): a code, a stack of its symbols, the stack's code."""
    code = draw(codes())
    stack = draw(st.lists(st.integers(0, code.n_symbols - 1), max_size=12))
    return code, stack, code.encode(stack)


@given(coded_stacks())
def test_decode_inverts_encode(case):
    code, stack, q = case
    assert code.decode(q) == tuple(stack) and 0 <= q < 1


@given(coded_stacks())
def test_interval_of_the_top(case):
    code, stack, q = case
    if stack:
        low, high = code.interval(stack[0])
        assert low <= q < high
    else:
        assert q == 0


@given(coded_stacks())
def test_read_is_exactly_zero_or_one_and_thermometer_codes_the_top(case):
    code, stack, q = case
    top = stack[0] if stack else 0
    assert code.read(q) == tuple(int(top >= j) for j in range(1, code.n_symbols))
    assert code.top(q) == top
    assert sigma(code.nonempty(q)) == int(bool(stack))


@given(coded_stacks())
def test_pop_drops_the_top_and_keeps_empty_empty(case):
    code, stack, q = case
    assert code.popped(q) == code.encode(stack[1:])
    assert sigma(code.pop(q, code.top_digit(code.read(q), one=int(bool(stack))))) == \
        code.encode(stack[1:])


@given(coded_stacks(), st.integers(0, 63))
def test_push_puts_a_symbol_on_top(case, s):
    code, stack, q = case
    s %= code.n_symbols
    assert code.pushed(q, s) == code.encode([s, *stack])


@given(st.fractions(0, 1), st.sampled_from([0, 1]), st.integers(1, 8))
def test_gate_multiplies_by_a_bit_without_a_product(v, g, K):
    assert sigma(gate(v * K, g, K)) == min(1, g * v * K)


@given(coded_stacks(), st.sampled_from([0, 1]), st.integers(1, 5))
def test_detect_state_and_symbol_in_one_neuron(case, in_state, j):
    code, stack, q = case
    j = 1 + (j - 1) % (code.n_symbols - 1)
    top = stack[0] if stack else 0
    assert sigma(gate(code.at_least(q, j), in_state, code.base)) == \
        int(in_state == 1 and top >= j)


@given(coded_stacks(), st.integers(0, 63))
def test_the_symbolic_lemmas_evaluate_to_the_numeric_ones(case, s):
    """Each lemma written over neuron names, then evaluated at the stack's values, is the
    same exact number: the compiler's rows and the decoder share one definition."""
    code, stack, q = case
    s %= code.n_symbols
    readings = code.read(q)
    names = {"q": q, **{f"t{j}": v for j, v in enumerate(readings, start=1)}}
    thermometer = [Lin.var(f"t{j}") for j in range(1, code.n_symbols)]

    def value(expr: Lin) -> Fraction:
        return expr.const + sum(c * names[n] for n, c in expr.terms.items())

    x = Lin.var("q")
    assert value(code.top_digit(thermometer)) == code.top_digit(readings)
    assert value(code.pop(x, code.top_digit(thermometer))) == \
        code.pop(q, code.top_digit(readings))
    assert value(code.push(x, code.digit(s))) == code.pushed(q, s)
    for j in range(1, code.n_symbols):
        assert value(code.at_least(x, j)) == code.at_least(q, j)


@pytest.mark.parametrize("q", [Fraction(1, 2), Fraction(1), Fraction(-1, 4), Fraction(1, 3),
                               Fraction(1, 16)])
def test_non_codes_are_refused(q):
    """In a gap, outside [0, 1), a periodic expansion, a zero digit (1/16 = 0/4 + 1/16)."""
    with pytest.raises(CodingError):
        BINARY.decode(q)


def test_codes_of_the_schedules():
    assert classic_base(2) == 4 and [classic_base(k) for k in (3, 4, 5, 9)] == [8, 8, 16, 32]
    assert StackCode.classic(3).pattern == "dd1" and StackCode.classic(3, 6).pattern == ""
    assert StackCode.of_pattern("dd1").digits == StackCode.classic(4).digits == (1, 3, 5, 7)
    assert StackCode.of_pattern("d1").digits == BINARY.digits == (1, 3)
    assert StackCode.of_pattern("dd1").ones_after_bits() == (0, 1)
    assert StackCode.of_pattern("d1d1").ones_after_bits() == (1, 1)
    with pytest.raises(CodingError, match="no stack code"):
        StackCode(4, (1, 2))
