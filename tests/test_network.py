"""The network value and its exact reference runner."""

import math
import numbers
from fractions import Fraction
from unittest.mock import patch

import numpy as np
import pytest
from gmpy2 import mpq
from hypothesis import given, settings
from hypothesis import strategies as st

import rnntm.execute.specialised as specialised
from rnntm.core import network
from rnntm.core.exact import exact, sigma
from rnntm.core.network import Affine, Network, NetworkError
from rnntm.errors import ParseError
from rnntm.execute import choose_backend, run_network

DYADIC = st.builds(Fraction, st.integers(-8, 8), st.sampled_from([1, 2, 4]))
UNIT = st.builds(Fraction, st.integers(0, 4), st.just(4))


@st.composite
def networks(draw, weights=DYADIC):
    n, m = draw(st.integers(1, 5)), draw(st.integers(0, 2))

    def terms(size):
        picks = draw(st.lists(st.integers(0, size - 1), unique=True, max_size=size)) \
            if size else []
        return tuple((i, draw(weights)) for i in picks)

    rows = tuple(Affine(terms(n), terms(m), draw(weights)) for _ in range(n))
    names = tuple(f"x{i}" for i in range(n))
    outputs = tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=2)))
    return Network(names, rows, tuple(f"u{k}" for k in range(m)), outputs,
                   tuple(draw(UNIT) for _ in range(n)))


def input_sequences(net, length=6):
    return st.lists(st.tuples(*[st.integers(0, 1)] * len(net.inputs)), max_size=length)


def test_sigma_saturates_exactly():
    assert [sigma(Fraction(z, 2)) for z in (-3, 0, 1, 2, 5)] == [0, 0, Fraction(1, 2), 1, 1]


@pytest.mark.parametrize("bad", [0.5, True, 1e-3])
def test_floats_are_refused_at_every_door(bad):
    with pytest.raises(TypeError):
        Affine(bias=bad)
    with pytest.raises(TypeError):
        Affine(state=((0, bad),))
    with pytest.raises(TypeError):
        Network(("a",), (Affine(),), initial=(bad,))
    net = Network(("a",), (Affine(inputs=((0, 1),)),), inputs=("u",))
    with pytest.raises(TypeError):
        list(run_network(net, [(bad,)], steps=1))


def test_exact_entry_points_refuse_floats_when_called():
    from rnntm.core.affine import Lin
    from rnntm.core.stackcode import BINARY

    for call in (lambda: BINARY.decode(0.75), lambda: BINARY.read(0.75),
                 lambda: BINARY.top(0.75), lambda: BINARY.popped(0.75),
                 lambda: BINARY.pushed(0.75, 1),
                 lambda: Lin({"x": 0.5}), lambda: Lin(const=0.5)):
        with pytest.raises(TypeError, match="not float"):
            call()


def test_exact_values_from_every_accepted_type():
    assert {exact(v) for v in (3, Fraction(3), mpq(3), "3", " 6/2 ")} == {Fraction(3)}


@pytest.mark.parametrize("kwargs, message", [
    ({"rows": (Affine(state=((3, 1),)),)}, "reads neuron 3; there are 1"),
    ({"rows": (Affine(inputs=((0, 1),)),)}, "reads input line 0; there are 0"),
    ({"outputs": ("b",)}, "output 'b' is not a neuron"),
    ({"initial": ("3/2",)}, "outside [0, 1]"),
    ({"neurons": ("a", "a"), "rows": (Affine(), Affine())}, "name repeats"),
    ({"rows": ()}, "0 rows for 1 neurons"),
])
def test_inconsistent_networks_are_refused(kwargs, message):
    with pytest.raises(NetworkError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Network(**{"neurons": ("a",), "rows": (Affine(),), **kwargs})


def test_a_row_may_not_name_a_neuron_twice():
    with pytest.raises(NetworkError, match="same neuron twice"):
        Affine(state=((0, 1), (0, 2)))


@given(networks(weights=st.builds(Fraction, st.integers(-50, 50), st.integers(1, 30))))
def test_json_round_trip_is_exact(net):
    assert network.parse(network.write(net)) == net


@pytest.mark.parametrize("patch, path", [
    ({"format": "x"}, "format"),
    ({"rows": {"a": {"bias": 0.5}}}, "rows.a.bias"),
    ({"rows": {"a": {"bias": "__import__('os')"}}}, "rows.a.bias"),
    ({"rows": {"a": {"state": {"zz": "1"}}}}, "rows.a.state.zz"),
    ({"rows": {"a": {"weight": "1"}}}, "rows.a"),
    ({"rows": {}}, "rows"),
    ({"outputs": ["q"]}, "(network)"),
])
def test_loading_validates_and_names_the_path(patch, path):
    doc = {**network.to_dict(Network(("a",), (Affine(bias=1),))), **patch}
    with pytest.raises(ParseError) as error:
        network.from_dict(doc, "net.json")
    assert str(error.value).startswith(f"net.json: {path}: ")


@settings(deadline=None)
@given(networks())
def test_views_hold_the_same_weights(net):
    W, U, b = net.matrices()
    Ws, Us, bs = net.sympy_matrices()
    assert np.array_equal(W, np.array(Ws.tolist(), dtype=float))
    assert np.array_equal(U.reshape(Us.shape), np.array(Us.tolist(), dtype=float).reshape(
        Us.shape))
    assert np.array_equal(b, np.array(bs.tolist(), dtype=float).ravel())
    assert net.connections == np.count_nonzero(W) + np.count_nonzero(U)


@settings(deadline=None)
@given(st.data())
@pytest.mark.parametrize("backend", ["fraction", "mpq", "dyadic", "specialised"])
def test_exact_runner_matches_float64_where_float64_is_exact(backend, data):
    """Weights in (1/4)Z with |w| <= 2, a few steps: every value is a short dyadic, so
    numpy's float64 evaluation of the dense matrices is exact and an independent oracle."""
    net = data.draw(networks())
    u = data.draw(input_sequences(net))
    W, U, b = net.matrices()
    x = np.array([float(v) for v in net.initial])
    exact_trace = list(run_network(net, u, steps=6, backend=backend))
    for t in range(6):
        assert [float(v) for v in exact_trace[t]] == x.tolist()
        ut = np.array(u[t] if t < len(u) else [0] * len(net.inputs), dtype=float)
        x = np.clip(W @ x + U @ ut + b, 0, 1)


@settings(deadline=None)
@given(st.data())
def test_backends_agree(data):
    net = data.draw(networks(weights=st.builds(Fraction, st.integers(-9, 9), st.integers(1, 9))))
    u = data.draw(input_sequences(net))
    assert list(run_network(net, u, steps=8, backend="fraction")) == \
        list(run_network(net, u, steps=8, backend="mpq"))


#: Input values in and far outside [0, 1]: integers, and fractions with short and long
#: power-of-two denominators.
ANY_INPUT = st.one_of(st.integers(-3, 3), st.builds(Fraction, st.integers(-40, 40),
                                                    st.sampled_from([2, 4, 8, 512])))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_backend_equals_the_reference_for_every_accepted_run(data):
    """Random dyadic networks (weights up to 2^-9, any idle tail), inputs in and outside
    [0, 1] (integers and fractions), start states in and outside [0, 1]: every backend
    either gives the Fraction evaluation's values at every step, or refuses the run as
    the reference does."""
    weights = st.builds(Fraction, st.integers(-40, 40), st.sampled_from([1, 2, 4, 8, 512]))
    net = data.draw(networks(weights=weights))
    start = data.draw(st.lists(st.one_of(st.just(Fraction(0)), st.builds(
        Fraction, st.integers(-8, 72), st.just(64))), min_size=net.size, max_size=net.size))
    u = data.draw(st.lists(st.tuples(*[ANY_INPUT] * len(net.inputs)), max_size=12))
    idle_from = data.draw(st.one_of(st.none(), st.integers(0, net.size)))
    try:
        expected = list(run_network(net, u, steps=12, backend="fraction", initial=start))
    except NetworkError as refused:
        assert "outside [0, 1]" in str(refused)
        for backend in ("mpq", "dyadic", "specialised", "auto"):
            with pytest.raises(NetworkError, match=r"outside \[0, 1\]"):
                list(run_network(net, u, steps=12, backend=backend, initial=start))
        return
    for backend in ("mpq", "dyadic", "specialised", "auto"):
        assert [tuple(x) for x in run_network(net, u, steps=12, backend=backend,
                                              initial=start, idle_from=idle_from)] == expected
    with patch.object(specialised, "HOT", 1):  # every pattern's own step from its first
        assert [tuple(x) for x in run_network(net, u, steps=12, backend="specialised",
                                              initial=start)] == expected


@pytest.mark.parametrize("backend", ["dyadic", "specialised", "auto"])
def test_the_fast_backend_is_sound_outside_the_unit_interval(backend):
    """Regressions: its shortcuts assumed inputs and x(0) in [0, 1]."""
    y = Network(("y",), (Affine(inputs=((0, 1),), bias=-1),), inputs=("u",))  # σ(u - 1)
    assert [tuple(x) for x in run_network(y, [(2,)], steps=1, backend=backend)] == [(0,), (1,)]
    bounded = Network(("y", "z"), (Affine(state=((1, "1/2"),), inputs=((0, 1),), bias=-2),
                                   Affine()), inputs=("u",))
    assert tuple(list(run_network(bounded, [("5/2",)], steps=1, backend=backend,
                                  initial=(0, "1/2")))[1]) == (Fraction(3, 4), 0)
    pair = Network(("a", "b"), (Affine(), Affine(state=((0, 1),), bias=-1)))
    with pytest.raises(NetworkError, match=r"initial value 3 of neuron 'a' is outside"):
        list(run_network(pair, steps=1, backend=backend, initial=(3, 0)))


def test_auto_chooses_dyadic_only_where_it_applies():
    dyadic = Network(("a",), (Affine(bias="1/2", inputs=((0, 1),)),), inputs=("u",))
    assert choose_backend(dyadic) == "specialised"
    assert choose_backend(dyadic, initial=("1/3",)) == "mpq"
    assert choose_backend(dyadic, inputs=[(1,), ("1/3",)]) == "mpq"
    assert choose_backend(Network(("a",), (Affine(bias="1/3"),))) == "mpq"
    assert list(run_network(dyadic, [("1/3",)], steps=1)) == [(0,), (Fraction(5, 6),)]
    with pytest.raises(NetworkError, match="not dyadic"):
        list(run_network(dyadic, steps=1, backend="dyadic", initial=("1/3",)))


def test_wrong_input_width_and_unknown_backend():
    net = Network(("a",), (Affine(inputs=((0, 1),)),), inputs=("u",))
    with pytest.raises(NetworkError, match=r"u\(0\) has 2 values for 1 input lines"):
        list(run_network(net, [(1, 0)], steps=1))
    with pytest.raises(NetworkError, match="unknown backend"):
        list(run_network(net, steps=1, backend="float"))


RATIONALS = st.one_of(st.integers(-50, 50), st.fractions(max_denominator=64),
                     st.fractions(max_denominator=64).map(lambda f: mpq(f.numerator,
                                                                           f.denominator)))


@given(st.integers(-10**30, 10**30).filter(lambda m: m % 2), st.integers(1, 120),
       st.integers(0, 70), RATIONALS)
def test_dyadic_values_are_the_rationals_they_are(m, e, zeros, other):
    """Arithmetic and ordering with int, Fraction and mpq, both ways round, as Fraction;
    the mantissa carrying trailing zero bits, as the backend's lazy normalization leaves
    it."""
    import operator

    from rnntm.execute.dyadic import Dyadic

    value, fraction = Dyadic(m << zeros, e + zeros), Fraction(m, 2 ** e)
    assert isinstance(value, numbers.Rational)
    assert value == fraction and fraction == value and Fraction(value) == fraction
    assert (value.numerator, value.denominator) == (m, 2 ** e)
    assert hash(value) == hash(fraction) and float(value) == float(fraction)
    assert value != 1 and value != m
    for op in (operator.add, operator.sub, operator.mul, operator.lt, operator.le,
               operator.gt, operator.ge, operator.eq):
        assert op(value, other) == op(fraction, Fraction(other)), op
        assert op(other, value) == op(Fraction(other), fraction), op
    if other:
        assert value / other == fraction / Fraction(other)
        assert value // other == fraction // Fraction(other)
        assert value % other == fraction % Fraction(other)
    assert other / value == Fraction(other) / fraction
    assert (-value, abs(value), value ** 2, int(value), round(value), math.floor(value),
            math.ceil(value)) == (-fraction, abs(fraction), fraction ** 2, int(fraction),
                                  round(fraction), math.floor(fraction), math.ceil(fraction))


def test_dyadic_zero_and_bad_step_counts():
    from rnntm.execute.dyadic import Dyadic

    assert Dyadic(0, 3) == 0 and not Dyadic(0, 3) and Dyadic(0, 3).denominator == 1
    net = Network(("a",), (Affine(inputs=((0, 1),)),), inputs=("u",))
    for backend in ("fraction", "dyadic", "auto"):
        with pytest.raises(NetworkError, match="steps is -1"):
            list(run_network(net, [(1,)], steps=-1, backend=backend))
        # no input is read past the steps asked for
        stream = iter([(1,), (0,), (1,)])
        assert len(list(run_network(net, stream, steps=2, backend=backend))) == 3
        assert next(stream, None) == (1,)


def test_dyadic_lazy_normalization_keeps_values_exact():
    """Doubling a value adds a trailing zero to its mantissa each step; after 64 of them the
    backend strips them. Every step must still equal the Fraction evaluation."""
    net = Network(("double", "mix"), (Affine(state=((0, 2),)),
                                      Affine(state=((0, 4), (1, "1/2")), bias="-1/8")),
                  initial=(Fraction(1, 2 ** 120), Fraction(3, 8)))
    exact = list(run_network(net, steps=200, backend="fraction"))
    for backend in ("dyadic", "specialised"):
        assert [tuple(x) for x in run_network(net, steps=200, backend=backend)] == exact
    assert exact[119][0] == Fraction(1, 2) and exact[121][0] == 1


def test_an_idle_tail_is_skipped_and_wakes_exactly():
    """A tail whose rows need a nonzero activator: skipped in one test while idle, and
    woken by an input line, with the same values as the reference."""
    from rnntm.execute.dyadic import step_source

    net = Network(("head", "gate", "copy"),
                  (Affine(state=((0, "1/2"),), bias="1/4"),             # head: never 0
                   Affine(inputs=((0, 1),)),                            # gate = u
                   Affine(state=((0, 1), (1, 2)), bias=-2)),            # copy = head if gate
                  inputs=("u",))
    source, head = step_source(net, idle_from=1)
    assert head == 1 and "MT = ET = IDLE" in source
    u = [(0,), (0,), (1,), (0,), (0,), (1,)]
    assert [tuple(x) for x in run_network(net, u, steps=8, backend="dyadic", idle_from=1)] \
        == list(run_network(net, u, steps=8, backend="fraction"))
    assert step_source(net, idle_from=0)[1] == 3  # the head row has no activators: no tail
