"""rnntm: Turing machines, run directly and as exact rational recurrent networks.

The chain, one subpackage a stage: :mod:`rnntm.machines` (machines and direct execution) →
:mod:`rnntm.compiler` (a machine becomes a network) → :mod:`rnntm.execute` (networks run
exactly, or in floats) → :mod:`rnntm.check` (a network against its machine), on the
foundations of :mod:`rnntm.core`; beside them, :mod:`rnntm.rnn`, the trainable tanh RNN,
and :mod:`rnntm.cli`, the command. The names most used are importable from here.

>>> import rnntm
>>> result = rnntm.run(rnntm.load_machine("bb4"), max_steps=1000)
>>> result.status.value, result.steps, result.nonblank
('halted', 107, 13)
>>> rnntm.verify(rnntm.load_machine("bb4"), max_steps=1000).ok
True
>>> rnntm.certify(rnntm.compile(rnntm.load_machine("bb4"))).ok
True
"""

from .check import Certificate, Report, certify, simulate_network, verify
from .compiler import SCHEDULES, Compiled, compile
from .core.network import Network
from .errors import RnntmError
from .execute import run_network
from .machines import (
    Configuration,
    Machine,
    Move,
    Rule,
    Run,
    Stack,
    Status,
    StepConvention,
    Transition,
    build_machine,
    load_machine,
    run,
    run_stepwise,
)

__all__ = ["SCHEDULES", "Certificate", "Compiled", "Configuration", "Machine", "Move", "Network",
           "Report", "RnntmError", "Rule", "Run", "Stack", "Status", "StepConvention",
           "Transition", "build_machine", "certify", "compile", "load_machine", "run",
           "run_network", "run_stepwise", "simulate_network", "verify"]
__version__ = "0.1.0"
