"""The ``rnntm`` command (:mod:`~rnntm.cli.command`) and what every command-line entry
point shares: argument types and one-line errors (:mod:`~rnntm.cli.commandline`), optional
dependencies (:mod:`~rnntm.cli.extras`), a progress bar (:mod:`~rnntm.cli.progress`)."""

from .command import build_parser, main

__all__ = ["build_parser", "main"]
