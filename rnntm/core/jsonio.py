"""Reading rnntm's versioned JSON documents: decoding with located errors, header checks.

>>> loads('{"a": 1 "b": 2}', "x.json")
Traceback (most recent call last):
...
rnntm.errors.ParseError: x.json:1:9: not valid JSON: Expecting ',' delimiter
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

from ..errors import Location, ParseError

__all__ = ["loads", "check_header"]


def loads(text: str, source: str) -> object:
    r"""Decoded JSON; invalid text raises a ParseError with its line and column, and so
    does a key given twice in one object (which JSON decoders otherwise merge silently).

    >>> loads('{"a": 1,\n "a": 2}', "x.json")
    Traceback (most recent call last):
    ...
    rnntm.errors.ParseError: x.json:2:2: key 'a' is given twice in one object
    """
    if _depth(text) > MAX_DEPTH:
        raise ParseError(f"nested deeper than {MAX_DEPTH} levels", Location(source))
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise ParseError(f"not valid JSON: {error.msg}",
                         Location(source, error.lineno, error.colno)) from None
    except _DuplicateKey as duplicate:
        line, column = _place_of_second(text, duplicate.key)
        raise ParseError(f"key {duplicate.key!r} is given twice in one object",
                         Location(source, line, column)) from None
    except ValueError:  # an integer of more digits than Python converts
        raise ParseError("a number has more digits than Python reads (4,300 by default)",
                         Location(source)) from None


#: The deepest nesting of arrays and objects read (rnntm's documents nest about 5 deep);
#: deeper text is refused before decoding, which would exhaust the interpreter's stack.
MAX_DEPTH = 200
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (in C-speed passes but the last)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return doc


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


def _place_of_second(text: str, key: str) -> tuple[int | None, int | None]:
    """(line, column) where ``key`` is given a second time in one object, found by
    scanning ``text`` (valid JSON up to there) for strings and brackets; (None, None) if
    not found."""
    objects: list[set[str] | None] = []  # per open bracket: an object's keys, or None
    expecting_key = False
    for token in _TOKEN.finditer(text):
        kind = token.group()
        if kind in "{[":
            objects.append(set() if kind == "{" else None)
            expecting_key = kind == "{"
        elif kind in "}]":
            objects.pop()
            expecting_key = False
        elif kind == ",":
            expecting_key = bool(objects) and objects[-1] is not None
        elif kind[0] == '"' and expecting_key:
            expecting_key = False
            if json.loads(kind) == key:
                if key in objects[-1]:
                    at = token.start()
                    line = text.count("\n", 0, at) + 1
                    return line, at - (text.rfind("\n", 0, at) + 1) + 1
                objects[-1].add(key)
    return None, None


#: rnntm's documents, and what reads each.
READ_BY = {"rnntm-machine": "a machine (rnntm run, compile, verify)",
           "rnntm-compiled": "a compiled network (rnntm simulate, or verify --net)",
           "rnntm-network": "a bare network (rnntm.core.network.parse)",
           "rnntm-rnn": "a trained RNN (rnntm evaluate)"}


def check_header(doc: object, fmt: str, version: int, source: str) -> dict:
    """``doc`` itself, once it is an object declaring ``"format": fmt`` and ``version``."""
    if not isinstance(doc, dict):
        raise ParseError("expected a JSON object", Location(source, path="(top level)"))
    if doc.get("format") != fmt:
        found = doc.get("format")
        hint = f": this is {READ_BY[found]}" if isinstance(found, str) and found in READ_BY \
            else ""
        raise ParseError(f"expected \"format\": \"{fmt}\", found {found!r}{hint}",
                         Location(source, path="format"))
    if type(doc.get("version")) is not int or doc["version"] != version:
        raise ParseError(f"unsupported version {doc.get('version')!r}; this rnntm reads "
                         f"version {version}", Location(source, path="version"))
    return doc
