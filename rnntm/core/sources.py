"""Reading what a user gives: a text file, or standard input for ``-``, as UTF-8.

Bytes that are not UTF-8 raise a :class:`~rnntm.errors.ParseError` naming the line and
column (in bytes) of the first bad byte, rather than a bare ``UnicodeDecodeError``.

>>> decode(b"blank: _\\nA _ \\xff R A\\n", "m.tm")
Traceback (most recent call last):
...
rnntm.errors.ParseError: m.tm:2:5: not UTF-8 text: byte 0xff cannot start a character
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import Location, ParseError

__all__ = ["STDIN", "decode", "read_text", "source_name"]

#: The name under which a source stands for standard input.
STDIN = "-"


def source_name(spec: str | Path) -> str:
    """How errors name the source ``spec``: ``<stdin>`` for ``-``, else the path."""
    return "<stdin>" if str(spec) == STDIN else str(spec)


def decode(raw: bytes, source: str) -> str:
    """``raw`` as UTF-8 text (a byte-order mark dropped); a located ParseError if it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        reason = "cannot start a character" if error.reason == "invalid start byte" \
            else error.reason
        raise ParseError(f"not UTF-8 text: byte 0x{raw[error.start]:02x} {reason}",
                         Location(source, line, column)) from None


def read_text(spec: str | Path) -> str:
    """The text of the file ``spec``, or of standard input for ``-``.

    Raises
    ------
    ParseError
        If the bytes are not UTF-8.
    OSError
        If the file cannot be read.
    """
    if str(spec) == STDIN:
        return decode(sys.stdin.buffer.read(), source_name(spec))
    return decode(Path(spec).read_bytes(), str(spec))
