"""Stage 3, running networks: ``x(t+1) = σ(W x(t) + U u(t) + b)`` evaluated exactly (the
rational reference and the fast dyadic and specialised backends,
:mod:`~rnntm.execute.backends`) or in floats of a chosen width
(:mod:`~rnntm.execute.floating`)."""

from .backends import BACKENDS, choose_backend, run_network, run_states, spell

__all__ = ["BACKENDS", "choose_backend", "run_network", "run_states", "spell"]
