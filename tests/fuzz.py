"""Fuzzing material: a corpus of valid files for every loader, and hypothesis strategies
that mutate them (bytes: truncation, flips, insertions, deletions, bad UTF-8; structure:
wrong types, huge and malformed numbers, deep nesting, missing and unknown keys)."""

from __future__ import annotations

import copy
import io
import json
import warnings
from functools import cache
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from rnntm import load_machine
from rnntm.compiler import compile, saved
from rnntm.core.network import write as network_text
from rnntm.machines.formats import automata, machine_json
from rnntm.rnn.model import dumps, init

ROOT = Path(__file__).parent.parent

#: Bytes that often mean something to a parser.
TOKENS = [b'"', b"{", b"}", b"[", b"]", b",", b":", b"-", b"_", b"#", b"\n", b" ", b"\xff",
          b"\xc3", b"0", b"9" * 30, b"1e999", b"NaN", b"---", b"1RZ", b"null", b"/", b"\\u0000"]

#: Values a JSON document should not hold where it holds them.
ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 2.0, 1.5, 10 ** 40, "", "1", "x", "1/0",
              "-1/2", "9" * 5000, [], {}, [[[[[[[[]]]]]]]], {"a": {"b": {"c": {}}}},
              float("inf")]

_HEADER = {"format": "rnntm-rnn", "version": 1, "pattern": "a",
           "meta": {"task": "binary-increment", "seed": 0, "per_length": 4}}
#: Model headers that are not JSON, not an object, or carry values out of range.
HEADERS = ["", "not json", "[1, 2]", json.dumps({**_HEADER, "pattern": "z"}),
           json.dumps({**_HEADER, "version": 9}), json.dumps({**_HEADER, "meta": []}),
           json.dumps({**_HEADER, "meta": {"per_length": 10 ** 12}}),
           json.dumps({**_HEADER, "meta": {"seed": -5}}),
           json.dumps({**_HEADER, "meta": {"seed": "x", "per_length": 0}})]

#: A placeholder replaced by nesting deeper than the JSON decoder's recursion limit.
DEEP = "@@deep@@"


@cache
def corpus() -> dict[str, list[tuple[str, bytes]]]:
    """Valid files by kind: (file suffix, content)."""
    machines = [load_machine(name) for name in ("bb4", "bb2x3", "palindrome", "anbncn")]
    bb2 = load_machine("bb2")
    models = [(".npz", dumps(init(np.random.default_rng(0), 2, 3, 2, pattern), pattern,
                             {"task": "binary-increment", "seed": 0, "per_length": 4}))
              for pattern in ("a", "b")]  # binary-increment reads and writes 2 symbols
    return {
        "standard": [(".txt", f"{text}\n".encode()) for text in (
            "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "1RB2LB1RZ_2LA2RB1LB", "1RB---_1LA---",
            "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA")],
        "table": [(".tm", path.read_bytes())
                  for path in sorted((ROOT / "constructions").glob("*.tm"))[:6]],
        "machine-json": [(".json", machine_json.write(m).encode()) for m in machines],
        "network-json": [(".json", network_text(compile(bb2).network).encode())],
        "compiled-json": [(".json", saved.dumps(compile(bb2, schedule)).encode())
                          for schedule in ("realtime", "compact", "siegelmann-sontag")],
        "model": models,
    }


def automata_dicts() -> list[dict]:
    """automata-lib DTM descriptions of catalogue machines."""
    return [automata.to_automata(load_machine(name))
            for name in ("bb4", "bb2x3", "palindrome", "anbncn")]


@st.composite
def mutated_bytes(draw, content: bytes) -> bytes:
    """``content`` with one to three byte-level mutations."""
    data = bytearray(content)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat", "token"]))
        if kind == "truncate":
            del data[i:]
        elif kind == "flip" and i < len(data):
            data[i] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[i:i + draw(st.integers(1, 40))]
        elif kind == "repeat":
            span = data[i:i + draw(st.integers(1, 40))]
            data[i:i] = span
        else:
            data[i:i] = draw(st.sampled_from(TOKENS))
    return bytes(data)


def _paths(node, prefix=()) -> list[tuple]:
    """Every path (a tuple of keys and indices) into a JSON-like value, itself included."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _set(doc, path, value):
    """``doc`` with the value at ``path`` replaced (a copy; the root path replaces all)."""
    if not path:
        return value
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if isinstance(node, tuple):  # automata-lib transitions are tuples
        parent = doc
        for key in path[:-2]:
            parent = parent[key]
        items = list(node)
        items[path[-1]] = value
        parent[path[-2]] = tuple(items)
    else:
        node[path[-1]] = value
    return doc


def _delete(doc, path):
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if isinstance(node, dict):
        del node[path[-1]]
    elif isinstance(node, list):
        del node[path[-1]]
    return doc


@st.composite
def mutated_structure(draw, doc, deep: bool = True):
    """``doc`` with one to three values replaced by odd ones, or deleted, or with an
    unknown key added."""
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        kind = draw(st.sampled_from(["replace", "delete", "add"] + ["deep"] * deep))
        if kind == "replace":
            doc = _set(doc, path, draw(st.sampled_from(ODD_VALUES)))
        elif kind == "deep":
            doc = _set(doc, path, DEEP)
        elif kind == "delete" and path:
            doc = _delete(doc, path)
        elif kind == "add" and isinstance(doc, dict):
            doc = {**doc, draw(st.sampled_from(["extra", "format", "version", "rows"])):
                   draw(st.sampled_from(ODD_VALUES))}
    return doc


@st.composite
def mutated_json(draw, content: bytes) -> bytes:
    """A JSON file mutated in its structure, written back as text."""
    text = json.dumps(draw(mutated_structure(json.loads(content))), indent=1)
    return text.replace(json.dumps(DEEP), "[" * 100_000 + "]" * 100_000).encode()


@st.composite
def mutated_model(draw, content: bytes) -> bytes:
    """A model file whose arrays or header are changed (shapes, number types, values,
    members missing or added, the header replaced), saved as a valid archive."""
    with np.load(io.BytesIO(content), allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # casts that lose values are what is wanted here
        _mutate_arrays(draw, arrays)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _mutate_arrays(draw, arrays: dict) -> None:
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(arrays)))
        kind = draw(st.sampled_from(["shape", "dtype", "value", "drop", "header", "add"]))
        a = arrays[name]
        if kind == "shape":
            shapes = [a.reshape(-1), np.stack([a, a]), np.array(1.0)]
            if a.ndim:
                shapes += [a.T, a[..., :1], a[:0]]
            arrays[name] = draw(st.sampled_from(shapes))
        elif kind == "dtype" and a.dtype.kind != "U":
            arrays[name] = a.astype(draw(st.sampled_from(
                [np.int32, np.float16, np.complex64, np.bool_, "U3"])))
        elif kind == "value" and a.dtype.kind == "f" and a.size:
            arrays[name] = a.copy()
            arrays[name].flat[0] = draw(st.sampled_from([np.nan, np.inf, -np.inf, 1e30]))
        elif kind == "drop":
            del arrays[name]
        elif kind == "header":
            arrays["header"] = np.array(draw(st.sampled_from(HEADERS)))
        else:
            arrays[draw(st.sampled_from(["extra", "U2"]))] = np.zeros(3)
