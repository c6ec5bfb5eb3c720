"""What every command-line entry point shares (the ``rnntm`` command, the examples and the
benchmarks): argument types for the numbers people type, argument errors in one line, and
one way for any error to end a command (:func:`entry_point`): one line on stderr and exit
status 2, never a traceback.

>>> whole_number("100,000"), whole_number("1e9"), whole_number("2.5e6")
(100000, 1000000000, 2500000)
>>> whole_number("+-5")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: expected a whole number of at least 0, found '+-5'
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable

from ..errors import RnntmError

__all__ = ["ArgumentParser", "entry_point", "number", "positive_whole_number",
           "whole_number"]

#: A count as people write it: 100000, 100,000, 100_000, 1e9 or 2.5e6, one sign at most.
_WHOLE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*|\d+(?:\.\d+)?[eE]\+?\d+)")
#: The most digits a count may have.
MOST_DIGITS = 100


def whole_number(text: str, least: int = 0) -> int:
    """A count from the command line: digits, with thousands separated by ``,`` or ``_``,
    or in scientific notation when it names a whole number; at least ``least``, and at
    most :data:`MOST_DIGITS` digits."""
    expected = f"a whole number of at least {least}"
    match = _WHOLE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}")
    sign, body = match.groups()
    mantissa, _, exponent = body.replace(",", "").replace("_", "").lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    shift = int(exponent or 0) - len(fraction)
    if len(digits) + shift > MOST_DIGITS:
        raise argparse.ArgumentTypeError(f"{text!r} has more than {MOST_DIGITS} digits")
    value = int(digits or "0")
    if shift < 0 and value % 10 ** -shift:
        raise argparse.ArgumentTypeError(f"expected {expected}; {text!r} is not whole")
    value = value * 10 ** shift if shift >= 0 else value // 10 ** -shift
    if sign == "-":
        value = -value
    if value < least:
        raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}")
    return value


def positive_whole_number(text: str) -> int:
    return whole_number(text, least=1)


def number(text: str) -> float:
    """A real number from the command line (inf allowed; NaN is left to the checks that
    say what range is expected)."""
    try:
        return float(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number such as 0.01 or 1e-3, found "
                                         f"{text!r}") from None


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with a malformed command line reported in one line (and exit status 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def entry_point(name: str, main: Callable[[], int | None]) -> int:
    """Run a command's ``main`` and return its exit status: its own (0 if it returns
    None), or 2 with one line ``name: error: ...`` on stderr for an RnntmError, a file that
    cannot be read or written, or memory run out; 130 when interrupted. A reader that
    stops reading (``| head``) ends the command quietly. Text that the terminal cannot
    encode is written with backslash escapes rather than failing."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")

    def fail(message: str) -> int:
        print(f"{name}: error: {message}", file=sys.stderr)
        return 2

    try:
        status = main()
        sys.stdout.flush()  # here, so that a closed pipe is met inside the try
        return status or 0
    except RnntmError as error:
        return fail(str(error))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        place = f"{error.filename}: " if error.filename else ""
        return fail(f"{place}{error.strerror or error}")
    except MemoryError:
        return fail("out of memory: the run, the model or the file is larger than this "
                    "machine can hold")
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
