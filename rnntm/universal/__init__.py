"""Universality made concrete: one fixed network runs any machine.

A universal machine of the catalogue, compiled once, is saved in the package with the
SHA-256 of its weights (:mod:`rnntm.universal.networks`); a machine, its input and a budget
become that network's input, and its output lines are read back as the simulated machine's
run: through an encoded table for the practical network (:mod:`rnntm.universal.practical`),
through a 2-tag system (:mod:`~rnntm.universal.cocke_minsky`, :mod:`~rnntm.universal.tag`)
on Rogozhin's small machine for the small one (:mod:`rnntm.universal.small`).
"""

from .networks import UNIVERSALS, UniversalResult, campaign, load_universal, run_universal
from .practical import UniversalTapeError

__all__ = ["UNIVERSALS", "UniversalResult", "UniversalTapeError", "campaign", "load_universal",
           "run_universal"]
