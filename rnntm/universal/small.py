"""The small universal machine's tape: a 2-tag system and its word written as the input of
Rogozhin's 4-state 6-symbol universal machine, and its final tape read back as a word.

Rogozhin's UTM(4,6) (TCS 168, 1996) has the symbols ``0 1 b < > c`` (``0`` blank). For a
tag system in his normal form (:meth:`~rnntm.universal.tag.TagSystem.rogozhin`: letters
a_1 … a_n, halting letter a_{n+1}), with N_i = 1 + 2 Σ_{j<i} |P(a_j)|:

* the letter a_i is written 1^{N_i};
* P(a_i) = a_n a_n x_1 … x_r is written b1, then b 1^{N(x)} b for x = x_r, …, x_1 and for the
  second a_n, then b 1^{N_n − N_i} for the first;
* the tape is ``<`` ``b`` (the halting letter's production), P(a_n) … P(a_1), ``b``, then the
  word's letters separated by ``c``; the machine starts in state 1 on the word's first cell.

The network's input starts at the head, so the catalogue's machine ``small-utm`` adds one
state to Rogozhin's four: ``boot`` walks right from ``<`` to the word's first cell, written
``>`` (a symbol the tape holds nowhere else), writes it ``1`` and hands over to state 1
without moving. Rogozhin's machine halts on ``<`` in state 3, having turned the word into its
final form: the cells after the first ``c`` are the tag system's final word without its
first two letters, then the halting letter.

>>> from rnntm import load_machine, run
>>> from rnntm.universal.tag import TagSystem
>>> tag = TagSystem({"a": ("a", "a")}, "H")           # Rogozhin's form already: a_n = a
>>> word = encode(tag, ("a", "a", "H"))
>>> "".join(word)
'<bb1b1bbb>c1c11111'
>>> utm = load_machine("small-utm")
>>> final = run(utm, word, max_steps=10_000)
>>> final.steps, decode(tag, [utm.symbols[a] for a in final.cells])
(527, ('a', 'H'))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from itertools import accumulate

from ..machines.direct import Run
from ..machines.machine import Machine
from . import cocke_minsky
from .tag import TagError, TagSystem

__all__ = ["decode", "decode_run", "encode", "encode_run", "letter_lengths",
           "steps_at_least"]


def letter_lengths(tag: TagSystem) -> dict[str, int]:
    """N_i = 1 + 2 Σ_{j<i} |P(a_j)|, the length of the letter a_i's code."""
    sizes = [len(p) for p in tag.productions.values()]
    before = accumulate(sizes, initial=0)
    return {x: 1 + 2 * b for x, b in zip(tag.letters, before, strict=True)}


def _check_normal_form(tag: TagSystem) -> str:
    """The neutral letter a_n of a tag system in Rogozhin's normal form."""
    *_, neutral = tag.productions
    pair = (neutral, neutral)
    for x, p in tag.productions.items():
        if p[:2] != pair or (len(p) == 2) != (x == neutral):
            raise TagError(f"P({x}) = {' '.join(p)} is not {neutral} {neutral} followed by "
                           f"a word{' (empty for the last letter)' if x == neutral else ''}: "
                           "not Rogozhin's normal form (see TagSystem.rogozhin)")
    return neutral


def encode(tag: TagSystem, word: Sequence[str]) -> list[str]:
    """The input word of ``small-utm`` that runs ``tag`` (in Rogozhin's normal form) from
    ``word`` (two letters at least)."""
    neutral = _check_normal_form(tag)
    if len(word) < 2:
        raise TagError("Rogozhin's machine needs a word of two letters at least")
    n = letter_lengths(tag)
    table = []
    for x, p in reversed(tag.productions.items()):
        table += ["b", "1"]
        for y in reversed(p[1:]):
            table += ["b", *"1" * n[y], "b"]
        table += ["b", *"1" * (n[neutral] - n[x])]
    codes = [["c", *"1" * n[y]] for y in word]
    cells = [c for code in codes for c in code][1:]
    return ["<", "b", *table, "b", ">", *cells[1:]]


def decode(tag: TagSystem, tape: Sequence[str]) -> tuple[str, ...]:
    """The word on ``small-utm``'s final tape (its cells from the leftmost non-blank): the
    tag system's final word without its first two letters, then the halting letter.

    Raises
    ------
    TagError
        If the cells after the table are not codes of letters separated by ``c``.
    """
    by_length = {length: x for x, length in letter_lengths(tag).items()}
    text = "".join(tape)
    start = text.find("c")
    if start < 0:
        raise TagError("the final tape holds no word: no 'c' after the table")
    word = []
    for code in text[start + 1:].split("c"):
        if set(code) != {"1"} or len(code) not in by_length:
            raise TagError(f"{code[:40]!r} on the final tape codes no letter")
        word.append(by_length[len(code)])
    return tuple(word)


def encode_run(machine: Machine, word: str | Sequence[str]) -> list[str]:
    """The input word of ``small-utm`` that runs ``machine`` (two symbols) on ``word``:
    the machine as a 2-tag system (:func:`~rnntm.universal.cocke_minsky.reduce`), in
    Rogozhin's normal form, written by :func:`encode`."""
    tag, start = cocke_minsky.reduce(machine, word)
    return encode(tag.rogozhin(), start)


def decode_run(machine: Machine, word: str | Sequence[str], tape: Sequence[str]) -> Run:
    """The run of ``machine`` on ``word`` read off the final tape of :func:`encode_run`'s
    input."""
    tag, _ = cocke_minsky.reduce(machine, word)
    return cocke_minsky.configuration(machine, decode(tag.rogozhin(), tape))


def steps_at_least(machine: Machine, word: str | Sequence[str], *,
                   max_tag_steps: int = 10 ** 6) -> int:
    """A lower bound on the steps ``small-utm`` takes to run ``machine`` on ``word`` (over
    the tag system's first ``max_tag_steps`` steps): for each step of the tag system,
    Rogozhin's machine reads the word's first letter and writes the production after its
    last, so its head crosses the whole word, Σ_x (N_x + 1) cells."""
    tag, start = cocke_minsky.reduce(machine, word)
    tag = tag.rogozhin()
    width = {x: length + 1 for x, length in letter_lengths(tag).items()}
    queue = deque(start)
    cells = sum(width[x] for x in queue)
    total = 0
    for _ in range(max_tag_steps):
        if len(queue) < 2 or queue[0] == tag.halt:
            break
        total += cells
        read = queue.popleft()
        queue.extend(tag.productions[read])
        cells += sum(width[x] for x in tag.productions[read]) - width[read] \
            - width[queue.popleft()]
    return total
