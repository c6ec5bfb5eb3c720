"""The practical universal machine's tape: a machine, its input and a budget written as the
universal machine's input word, and its final tape read back as the simulated run.

The universal machine (``constructions/universal/practical.tm``) interprets the simulated
machine's table directly; its tape is described in ``constructions/universal/README.md``.
Its budget is part of its input: a binary counter that each simulated step decrements, so
that a run out of budget halts too (in the universal machine's state ``out``) and the
number of simulated steps can be read off the final tape.

>>> from rnntm import load_machine, run
>>> bb2 = load_machine("bb2")
>>> word = encode(bb2, "", max_steps=10)
>>> "".join(word)
'|cacaQEcdacEcbacSEcbbcEcdacSEDEDS^a'
>>> utm = load_machine("practical-utm")
>>> final = run(utm, word, max_steps=10_000)
>>> tape = [utm.symbols[a] for a in final.cells]
>>> result = decode(bb2, 10, utm.state_name(final.state_index), tape)
>>> result.status.value, result.steps, result.nonblank
('halted', 6, 4)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import RnntmError
from ..machines.direct import Run, StepConvention
from ..machines.machine import Machine, Move

__all__ = ["UniversalTapeError", "decode", "encode"]

SLOTS, MARKED = "abcd", "ABCD"   # (upper, lower) thermometer bits 00, 01, 10, 11
HEAD = {"^": "upper", "v": "lower"}
MOVES = {Move.L: "b", Move.R: "d", Move.N: "B"}


class UniversalTapeError(RnntmError, ValueError):
    """A universal machine's tape that spells no run of the simulated machine."""


def encode(machine: Machine, word: str | Sequence[str], *, max_steps: int) -> list[str]:
    """The universal machine's input word that runs ``machine`` on ``word`` for at most
    ``max_steps`` steps: the left end, the budget in binary, the table, the tape."""
    k = machine.n_symbols
    counter = ["c" if bit == "1" else "a" for bit in format(max_steps, "b")]
    table = []
    for s in range(len(machine.all_states)):
        table.append("Q" if s == 0 else "S")
        for a in range(k):
            t = machine.transition(s, a)
            offset = [] if t is None else \
                ["a" if t.next >= s else "b", *"c" * abs(t.next - s)]
            table += ["E", "D"] if t is None else \
                ["E", *"c" * t.write, *"a" * (k - 1 - t.write), MOVES[t.move], *offset]
    tape = []
    for j, a in enumerate(machine.encode_word(word) or (0,)):
        tape += ["^" if j == 0 else "|", *("c" if a >= i else "a" for i in range(1, k))]
    return ["|", *counter, *table, "S", *tape]


def decode(machine: Machine, max_steps: int, final_state: str,
           tape: Sequence[str]) -> Run:
    """The simulated run from the universal machine's final state (``done`` or ``out``)
    and tape (its symbols, from the leftmost non-blank on).

    Raises
    ------
    UniversalTapeError
        If the tape does not spell a counter, a table with one current state and a
        folded tape with one head.
    """
    k = machine.n_symbols
    tape = list(tape)
    if final_state not in ("done", "out") or tape[:1] != ["|"]:
        raise UniversalTapeError(f"the universal machine stopped in state {final_state!r} "
                                 "with a tape that does not start at its left end '|'")
    digits = 1
    while digits < len(tape) and tape[digits] in "ac":
        digits += 1
    remaining = int("".join("1" if c == "c" else "0" for c in tape[1:digits]) or "0", 2)
    body = next((i for i in range(digits, len(tape)) if tape[i] in "|^v"), len(tape))
    marks = [c for c in tape[digits:body] if c in "SQ"][:-1]   # the last ends the table
    if marks.count("Q") != 1:
        raise UniversalTapeError(f"the table marks {marks.count('Q')} current states")
    state = marks.index("Q")
    cells: dict[int, int] = {}
    head = None
    blocks = tape[body:]
    if len(blocks) % k:
        raise UniversalTapeError(f"the tape after the table is {len(blocks)} symbols, not "
                                 f"blocks of a separator and {k - 1} slots")
    for j in range(len(blocks) // k):
        separator, slots = blocks[j * k], blocks[j * k + 1:(j + 1) * k]
        if separator not in "|^v" or any(c not in SLOTS + MARKED for c in slots):
            raise UniversalTapeError(f"block {j} is not a separator and {k - 1} slots: "
                                     f"{''.join([separator, *slots])!r}")
        values = [(SLOTS + MARKED).index(c) % 4 for c in slots]
        cells[j] = sum(v >> 1 for v in values)       # the upper track: cell j
        cells[-j - 1] = sum(v & 1 for v in values)   # the lower track: cell -j - 1
        if separator in HEAD:
            head = j if HEAD[separator] == "upper" else -j - 1
    if head is None:
        raise UniversalTapeError("no block holds the head")
    used = [p for p, a in cells.items() if a]
    start = min(used) if used else head
    trimmed = tuple(cells.get(p, 0) for p in range(start, max(used) + 1)) if used else ()
    steps = max_steps - remaining if final_state == "done" else max_steps
    return Run.of_tape(machine, state, head, start, trimmed, steps, StepConvention.TRANSITIONS)
