"""Stage 1, Turing machines: the machine value (:mod:`~rnntm.machines.machine`), its
configurations, direct execution (:mod:`~rnntm.machines.direct`), the formats it is read
and written in, and the catalogue of machines with their published behaviour."""

from .catalogue import load_machine
from .configuration import Configuration, Stack
from .direct import Run, Status, StepConvention, Tracer, run, run_stepwise
from .machine import Machine, Move, Rule, Transition, build_machine

__all__ = ["Configuration", "Machine", "Move", "Rule", "Run", "Stack", "Status",
           "StepConvention", "Tracer", "Transition", "build_machine", "load_machine", "run",
           "run_stepwise"]
