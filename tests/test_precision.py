"""Finite-precision runs against the exact run: they must depart where the bits run out."""

import pytest

from rnntm import load_machine
from rnntm.check.precision import departure
from rnntm.compiler import SCHEDULES, compile


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_float64_departs_from_bb5_once_its_stacks_outgrow_53_bits(schedule):
    d = departure(compile(load_machine("bb5"), schedule), max_steps=100_000)
    assert d.first_inexact is not None and d.first_wrong is not None
    assert 0 < d.first_inexact <= d.first_wrong < 100_000  # both in machine steps
    assert d.what.startswith("read state")


def test_mpmath_at_53_bits_departs_exactly_where_float64_does():
    c = compile(load_machine("bb5"))
    float64, mp53 = departure(c, max_steps=5000), departure(c, max_steps=5000, bits=53)
    assert (float64.first_inexact, float64.first_wrong) == (mp53.first_inexact,
                                                            mp53.first_wrong)


def test_more_bits_depart_later_and_enough_bits_not_at_all():
    c = compile(load_machine("bb5"))
    low, high = departure(c, max_steps=5000, bits=64), departure(c, max_steps=5000, bits=128)
    assert low.first_wrong < high.first_wrong
    assert departure(c, max_steps=600, bits=4000).first_inexact is None


def test_short_stacks_stay_exact_in_float64():
    d = departure(compile(load_machine("binary-addition")), "1101+1011", max_steps=10_000)
    assert (d.first_inexact, d.first_wrong) == (None, None)
