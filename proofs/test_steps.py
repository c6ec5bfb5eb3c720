"""The schedules' steps and the I/O part, proved for every machine; and the step proofs
can fail: a gate without its offset, or a thermometer without its end, is refused."""

import pytest
import sympy

import io_stages
import layered_steps
import realtime_step
from steps import D, q, settles
from verdict import Proof

LEMMAS = (*realtime_step.LEMMAS, *layered_steps.LEMMAS, *io_stages.LEMMAS)


@pytest.mark.parametrize("lemma", LEMMAS, ids=lambda lemma: lemma.__name__)
def test_the_step_is_proved(lemma, record_property):
    verdict = lemma()
    record_property("verdict", str(verdict))
    assert verdict.ok, str(verdict)


def test_a_gate_without_its_offset_is_not_proved():
    """σ((L + c(w_R))/D + G(R)) with G(R) = 0 and no −1: the push piece would stay open."""
    proof = Proof("wrong push", "")
    settles(proof, "closed push without offset", q / D, 0)
    settles(proof, "closed push", q / D - 1, 0)
    assert proof.failures == [proof.failures[0]] and len(proof.cases) == 1
    assert "closed push without offset" in proof.failures[0]


def test_a_wrong_value_is_not_proved():
    proof = Proof("wrong pop", "")
    settles(proof, "pop read as the push", D * q - 1, (q + 1) / D, None)
    settles(proof, "a reading above 1 is not 0", sympy.Integer(1), 0)
    assert len(proof.failures) == 2 and not proof.cases
