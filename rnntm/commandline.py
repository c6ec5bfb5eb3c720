"""What every command-line entry point shares (the ``rnntm`` command, the examples and the
benchmarks): argument types for the numbers people type, argument errors in one line,
optional dependencies imported on demand, and a script's entry point.

The examples plot with matplotlib (the ``plots`` extra) and two benchmarks compare with
torch and automata-lib; none of them is needed to install or use rnntm. :func:`require`
imports one on demand or raises a :class:`MissingExtraError` saying how to install it, and
:func:`run_script` turns any :class:`~rnntm.errors.RnntmError` of a script into one line on
stderr and exit status 2, as the ``rnntm`` command does.

>>> require("json", "-").dumps([1])
'[1]'
>>> require("no_such_module", "pip install no-such-module")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
rnntm.commandline.MissingExtraError: this needs no_such_module, which is not installed: ...
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from .errors import RnntmError

__all__ = ["PLOTS", "ArgumentParser", "MissingExtraError", "number", "optional",
           "positive_whole_number", "require", "run_script", "whole_number"]

#: How to install the plotting extra.
PLOTS = "pip install 'rnntm[plots]'"

#: A whole number as people write budgets: 100000, 100,000, 100_000, 1e9 or 2.5e6.
_WHOLE = re.compile(r"\d{1,3}(,\d{3})+|\d+(_\d+)*|\d+(\.\d+)?[eE]\+?\d+")


def whole_number(text: str, least: int = 0) -> int:
    """A count from the command line: digits, with thousands separated by ``,`` or ``_``,
    or in scientific notation when it names a whole number; at least ``least``.

    >>> whole_number("100,000"), whole_number("1e9"), whole_number("2.5e6")
    (100000, 1000000000, 2500000)
    """
    expected = f"a whole number of at least {least} (such as 1000, 100,000 or 1e9)"
    body = text.strip()
    sign = -1 if body.startswith("-") else 1
    body = body.lstrip("+-")
    if not _WHOLE.fullmatch(body):
        raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}")
    mantissa, _, exponent = body.replace(",", "").replace("_", "").lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    shift = int(exponent or 0) - len(fraction)
    if shift > 100:
        raise argparse.ArgumentTypeError(f"{text!r} is too large")
    digits = int(whole + fraction)
    if shift < 0 and digits % 10 ** -shift:
        raise argparse.ArgumentTypeError(f"expected {expected}; {text!r} is not whole")
    value = sign * (digits * 10 ** shift if shift >= 0 else digits // 10 ** -shift)
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


class MissingExtraError(RnntmError, ImportError):
    """An optional dependency that is not installed."""


def require(module: str, install: str) -> ModuleType:
    """``module`` imported, or a MissingExtraError naming it and ``install``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise MissingExtraError(f"this needs {top}, which is not installed: {install}") \
            from None


def optional(module: str) -> ModuleType | None:
    """``module`` imported, or None if it is not installed (for a script's top level, so
    that its ``--help`` works without it; :func:`require` it where it is used)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def run_script(main: Callable[[], None]) -> int:
    """Run a script's ``main``: 0 when it returns, 2 with one line on stderr when it raises
    an RnntmError (a missing extra among them)."""
    try:
        main()
    except RnntmError as error:
        print(f"{Path(sys.argv[0]).name}: error: {error}", file=sys.stderr)
        return 2
    return 0
