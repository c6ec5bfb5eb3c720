"""Stage 4, a network against its machine: the network run decoded step by step
(:mod:`~rnntm.check.decoded`), the lockstep verification beside direct execution
(:mod:`~rnntm.check.lockstep`), and the certificate that proves the step from the weights
alone (:mod:`~rnntm.check.certificates`); a run verified in segments side by side
(:mod:`~rnntm.check.segments`) and campaigns of many runs (:mod:`~rnntm.check.campaign`),
on Dask (:mod:`~rnntm.check.cluster`)."""

from .certificates import Certificate, certify
from .decoded import NetworkResult, NetworkRun, simulate_network
from .lockstep import Divergence, Report, verify
from .segments import verify_in_segments

__all__ = ["Certificate", "Divergence", "NetworkResult", "NetworkRun", "Report", "certify",
           "simulate_network", "verify", "verify_in_segments"]
