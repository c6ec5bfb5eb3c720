"""Reading rnntm's versioned JSON documents: decoding with located errors, header checks.

>>> loads('{"a": 1 "b": 2}', "x.json")
Traceback (most recent call last):
...
rnntm.errors.ParseError: x.json:1:9: not valid JSON: Expecting ',' delimiter
"""

from __future__ import annotations

import json

from .errors import Location, ParseError

__all__ = ["loads", "check_header"]


def loads(text: str, source: str) -> object:
    """Decoded JSON; invalid text raises a ParseError with its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(f"not valid JSON: {error.msg}",
                         Location(source, error.lineno, error.colno)) from None


def check_header(doc: object, fmt: str, version: int, source: str) -> dict:
    """``doc`` itself, once it is an object declaring ``"format": fmt`` and ``version``."""
    if not isinstance(doc, dict):
        raise ParseError("expected a JSON object", Location(source, path="(top level)"))
    if doc.get("format") != fmt:
        raise ParseError(f"expected \"format\": \"{fmt}\", found {doc.get('format')!r}",
                         Location(source, path="format"))
    if doc.get("version") != version:
        raise ParseError(f"unsupported version {doc.get('version')!r}; this rnntm reads "
                         f"version {version}", Location(source, path="version"))
    return doc
