"""The one exception hierarchy of rnntm.

Every error rnntm raises on purpose derives from :class:`RnntmError`. An error may carry a
:class:`Location` (file, line, column, or a path inside a JSON document); its message then
starts with that place, so a user sees ``bb.tm:7:12: unknown state 'Q' ...``.

>>> raise UnknownStateError("unknown state 'Q'", Location("bb.tm", 7, 12))
Traceback (most recent call last):
...
rnntm.errors.UnknownStateError: bb.tm:7:12: unknown state 'Q'
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

__all__ = [
    "Location",
    "RnntmError",
    "ParseError",
    "MachineError",
    "UnknownStateError",
    "UnknownSymbolError",
    "DuplicateNameError",
    "NondeterministicError",
    "InputError",
    "FormatError",
    "CatalogueError",
]


@dataclass(frozen=True)
class Location:
    """A place in a source: ``line`` and ``column`` count from 1; ``path`` names a JSON item."""

    source: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        if self.path is not None:
            return f"{self.source}: {self.path}"
        parts = [self.source] + [str(n) for n in (self.line, self.column) if n is not None]
        return ":".join(parts)


class RnntmError(Exception):
    """Root of every error rnntm raises on purpose."""

    def __init__(self, message: str, where: Location | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where is not None else message)

    def located(self, where: Location | None) -> RnntmError:
        """This error, or where it names no place yet, a copy of it placed at ``where``."""
        if self.where is not None or where is None:
            return self
        placed = copy.copy(self)
        placed.where, placed.args = where, (f"{where}: {self.message}",)
        return placed


class ParseError(RnntmError, ValueError):
    """Text that is not well-formed in the format it claims to be."""


class MachineError(RnntmError, ValueError):
    """A machine definition that is well-formed text but not a valid Turing machine."""


class UnknownStateError(MachineError):
    """A transition names a state that is neither a working state nor a halting state."""


class UnknownSymbolError(MachineError):
    """A transition or declaration names a symbol outside the tape alphabet."""


class DuplicateNameError(MachineError):
    """A state or symbol is declared twice, or a name is both working and halting."""


class NondeterministicError(MachineError):
    """Two transitions for the same (state, read symbol)."""


class InputError(RnntmError, ValueError):
    """An input word with a symbol outside the machine's input alphabet."""


class FormatError(RnntmError, ValueError):
    """A valid machine that a format cannot express (e.g. 30 states in the standard format)."""


class CatalogueError(RnntmError, LookupError):
    """An unknown catalogue entry, or a malformed catalogue file."""
