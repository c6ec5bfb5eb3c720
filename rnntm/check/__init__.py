"""Stage 4, a network against its machine: the network run decoded step by step
(:mod:`~rnntm.check.decoded`) and the lockstep verification beside direct execution
(:mod:`~rnntm.check.lockstep`)."""

from .decoded import NetworkResult, NetworkRun, simulate_network
from .lockstep import Divergence, Report, verify

__all__ = ["Divergence", "NetworkResult", "NetworkRun", "Report", "simulate_network",
           "verify"]
