"""A machine as a file gives it, with what the file says of its run."""

from __future__ import annotations

from dataclasses import dataclass

from ..direct import StepConvention
from ..machine import Machine

__all__ = ["Document"]


@dataclass(frozen=True)
class Document:
    """A machine and, where its file names them, the input word it starts on, the cell
    its head starts on, and how the simulator it was written for counts steps.

    >>> from rnntm.machines.formats import parse_document
    >>> doc = parse_document("0 * * r 0\\n0 _ _ l halt\\n; $INITIAL_TAPE: 1*01",
    ...                      format="morphett")
    >>> doc.input, doc.head, doc.convention.value
    ('101', 1, 'busy-beaver')
    """

    machine: Machine
    input: str | None = None                #: the file's own input word, if any
    head: int = 0                           #: the cell of the input the head starts on
    convention: StepConvention | None = None  #: the step count of the file's simulator
