"""The network value and its exact reference runner."""

from fractions import Fraction

import numpy as np
import pytest
from gmpy2 import mpq
from hypothesis import given, settings
from hypothesis import strategies as st

from rnntm import network
from rnntm.arith import exact
from rnntm.errors import ParseError
from rnntm.execute import choose_backend, run_network
from rnntm.network import Affine, Network, NetworkError, sigma

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
@pytest.mark.parametrize("backend", ["fraction", "mpq", "dyadic"])
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


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_dyadic_backend_equals_the_reference(data):
    """Random dyadic networks (weights up to 2^-9, fractional start values, often 0, and
    any idle tail): the generated code agrees with Fraction evaluation at every step."""
    weights = st.builds(Fraction, st.integers(-40, 40), st.sampled_from([1, 2, 4, 8, 512]))
    net = data.draw(networks(weights=weights))
    start = data.draw(st.lists(st.one_of(st.just(Fraction(0)), st.builds(
        Fraction, st.integers(0, 64), st.just(64))), min_size=net.size, max_size=net.size))
    u = data.draw(input_sequences(net, length=12))
    idle_from = data.draw(st.one_of(st.none(), st.integers(0, net.size)))
    expected = list(run_network(net, u, steps=12, backend="fraction", initial=start))
    assert [tuple(x) for x in run_network(net, u, steps=12, backend="dyadic",
                                          initial=start, idle_from=idle_from)] == expected


def test_auto_chooses_dyadic_only_where_it_applies():
    dyadic = Network(("a",), (Affine(bias="1/2"),))
    assert choose_backend(dyadic) == "dyadic"
    assert choose_backend(dyadic, initial=("1/3",)) == "mpq"
    assert choose_backend(Network(("a",), (Affine(bias="1/3"),))) == "mpq"
    with pytest.raises(NetworkError, match="not dyadic"):
        list(run_network(dyadic, steps=1, backend="dyadic", initial=("1/3",)))


def test_wrong_input_width_and_unknown_backend():
    net = Network(("a",), (Affine(inputs=((0, 1),)),), inputs=("u",))
    with pytest.raises(NetworkError, match=r"u\(0\) has 2 values for 1 input lines"):
        list(run_network(net, [(1, 0)], steps=1))
    with pytest.raises(NetworkError, match="unknown backend"):
        list(run_network(net, steps=1, backend="float"))


@given(st.integers(-10**30, 10**30).filter(lambda m: m % 2), st.integers(1, 120))
def test_dyadic_values_behave_as_the_rationals_they_are(m, e):
    from rnntm.dyadic import Dyadic

    value, fraction = Dyadic(m, e), Fraction(m, 2 ** e)
    assert value == fraction and fraction == value and Fraction(value) == fraction
    unnormalized = Dyadic(m << 5, e + 5)  # as the backend may hold it
    assert fraction == unnormalized and unnormalized.numerator == m
    assert hash(value) == hash(fraction) and float(value) == float(fraction)
    assert 0 + value == fraction and value + Fraction(1, 3) == fraction + Fraction(1, 3)
    assert value != 1 and value != m


def test_dyadic_lazy_normalization_keeps_values_exact():
    """Doubling a value adds a trailing zero to its mantissa each step; after 64 of them the
    backend strips them. Every step must still equal the Fraction evaluation."""
    net = Network(("double", "mix"), (Affine(state=((0, 2),)),
                                      Affine(state=((0, 4), (1, "1/2")), bias="-1/8")),
                  initial=(Fraction(1, 2 ** 120), Fraction(3, 8)))
    exact = list(run_network(net, steps=200, backend="fraction"))
    fast = list(run_network(net, steps=200, backend="dyadic"))
    assert [tuple(x) for x in fast] == exact
    assert exact[119][0] == Fraction(1, 2) and exact[121][0] == 1


def test_an_idle_tail_is_skipped_and_wakes_exactly():
    """A tail whose rows need a nonzero activator: skipped in one test while idle, and
    woken by an input line, with the same values as the reference."""
    from rnntm.dyadic import step_source

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
