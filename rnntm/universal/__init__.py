"""Universality made concrete: one fixed network runs any machine.

A universal machine of the catalogue, compiled once, is saved in the package with the
SHA-256 of its weights (:mod:`rnntm.universal.networks`); a machine, its input and a budget
become that network's input (:mod:`rnntm.universal.practical`), and its output lines are
read back as the simulated machine's run.
"""

from .networks import UNIVERSALS, UniversalResult, campaign, load_universal, run_universal
from .practical import UniversalTapeError

__all__ = ["UNIVERSALS", "UniversalResult", "UniversalTapeError", "campaign", "load_universal",
           "run_universal"]
