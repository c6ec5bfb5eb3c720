"""A machine compiled under every schedule, each network verified against direct
execution: the checks behind ``rnntm demo``'s second table, as values.

>>> checks = verify_schedules([("bb4", "", 1000)])
>>> [(c.compiled.schedule, c.compiled.network.size, c.report.ok) for c in checks]
[('realtime', 38, True), ('compact', 34, True), ('siegelmann-sontag', 78, True)]
>>> checks[0].output
('Z', '10111111111111')
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from ..compiler import SCHEDULES, Compiled, OutputError, compile
from ..machines.catalogue import entry
from .lockstep import Report, verify

__all__ = ["ScheduleCheck", "verify_schedules"]


@dataclass(frozen=True)
class ScheduleCheck:
    """One machine, one schedule: the compiled network, its verification report on
    ``word`` within ``budget`` machine steps, and the seconds both took."""

    name: str
    word: str
    budget: int
    compiled: Compiled
    report: Report
    seconds: float

    @property
    def output(self) -> tuple[str, str] | None:
        """The final state's name and the tape, decoded from the output lines (None if the
        machine did not halt within the budget or the lines spell no result, which the
        report gives as a divergence)."""
        if self.report.output_bits is None:
            return None
        try:
            return self.compiled.read_output(self.report.output_bits)
        except OutputError:
            return None


def verify_schedules(cases: Iterable[tuple[str, str, int]]) -> list[ScheduleCheck]:
    """Each catalogue machine compiled under every schedule, each network verified.

    Parameters
    ----------
    cases
        (catalogue name, input word, budget of machine steps) triples.

    Returns
    -------
    list of ScheduleCheck
        One per case and schedule, in the order of :data:`~rnntm.compiler.SCHEDULES`.

    Raises
    ------
    CatalogueError
        For a name not in the catalogue.
    """
    checks = []
    for name, word, budget in cases:
        machine = entry(name).machine
        for schedule in SCHEDULES:
            started = time.perf_counter()
            compiled = compile(machine, schedule)
            report = verify(machine, word, max_steps=budget, compiled=compiled)
            checks.append(ScheduleCheck(name, word, budget, compiled, report,
                                        time.perf_counter() - started))
    return checks
