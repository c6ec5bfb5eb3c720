"""Stage 2, a machine becomes a network: ``x(t+1) = σ(W x(t) + U u(t) + b)`` with exact
rational weights, assembled from blocks with declared ports.

:func:`compile` (:mod:`~rnntm.compiler.compiled`) builds a :class:`Compiled`: the network,
the layout that reads the machine off it (:mod:`~rnntm.compiler.layouts`), the meaning of
its input and output lines (:mod:`~rnntm.compiler.lines`), and how many network steps make
one machine step. The constructions are :mod:`~rnntm.compiler.realtime`,
:mod:`~rnntm.compiler.twophase` and :mod:`~rnntm.compiler.siegelmann_sontag`; every stack
formula they use comes from :mod:`rnntm.core.stackcode`.
"""

from .compiled import SCHEDULES, Compiled, compile
from .layouts import DecodeError, Reading
from .lines import OutputError

__all__ = ["SCHEDULES", "Compiled", "DecodeError", "OutputError", "Reading", "compile"]
