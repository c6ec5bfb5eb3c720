"""rnntm: Turing machines, run directly and as exact rational recurrent networks.

>>> import rnntm
>>> result = rnntm.run(rnntm.load_machine("bb4"), max_steps=1000)
>>> result.status.value, result.steps, result.nonblank
('halted', 107, 13)
"""

from .catalogue import load_machine
from .configuration import Configuration, Stack
from .errors import RnntmError
from .machine import Machine, Move, Rule, Transition, build_machine
from .simulate import Run, Status, StepConvention, run, run_stepwise

__all__ = [
    "Configuration",
    "Machine",
    "Move",
    "RnntmError",
    "Rule",
    "Run",
    "Stack",
    "Status",
    "StepConvention",
    "Transition",
    "build_machine",
    "load_machine",
    "run",
    "run_stepwise",
]
__version__ = "0.1.0"
