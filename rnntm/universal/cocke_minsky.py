"""A machine of two symbols as a 2-tag system: Cocke and Minsky's reduction (1964), in the
form rnntm uses to run machines through the small universal network.

**The configuration.** With the head on a cell of symbol s in state q, the cells left of
the head read as a binary number m (the nearest cell its lowest bit), the cells right of it
as n. A step of σ = (q, s), writing w, moving right and going to q', makes m' = 2m + w and
pops n: s' = n mod 2, n' = ⌊n/2⌋; a step to the left pushes onto n and pops m. The tag word
of the configuration holds m, n and the numbers of moves right and left, R and L (the steps
are R + L, the head R − L), as four blocks of pairs, every letter σ's::

    W(σ; m, n, R, L) = M M (m m)^m  N N (n n)^n  R R (r r)^R  L L (l l)^L

**A step in three passes.** A pass reads every pair once (a 2-tag system reads only the
letters at even places) and appends their productions; for σ moving right (left: swap the
roles of the m and n blocks):

1. the pushed block doubles, plus w pairs: M_σ → M' M' (m' m')^w, m_σ → m' m' m' m'; the
   popped block halves in length: N_σ → N', n_σ → n' (a block of n + 1 letters);
2. every letter becomes a *branch pair*, x' → x₁ x₀. Reading N' n'^n, the pass reads N' and
   every other n', ⌊n/2⌋ of them; if n is even the block's length is odd, and its last read
   deletes the first letter appended in this pass, so that the next pass reads every pair at
   its second letter: the alignment of the whole word now holds s' = n mod 2;
3. the branch letters x_s' read become the letters of σ' = (q', s'): each block's letters
   know their side of the tape, so W(σ'; m', n', T + 1) follows, its first production led by
   one letter for the misaligned branch to delete.

The block of the move taken grows by a pair at each step. When σ' has no transition the
third pass writes H H in front of the word, and the next step reads the halting letter H.

>>> from rnntm import load_machine
>>> bb2 = load_machine("bb2")
>>> tag, word = reduce(bb2, "")
>>> len(tag.productions), len(word)
(121, 8)
>>> run = tag.run(word, max_steps=10_000)
>>> run.halted, run.steps
(True, 185)
>>> result = configuration(bb2, run.word)
>>> result.status.value, result.steps, result.nonblank
('halted', 6, 4)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..machines.direct import Run, StepConvention
from ..machines.machine import Machine, Move
from .tag import NEUTRAL, TagError, TagSystem

__all__ = ["HALT", "configuration", "reduce"]

HALT = "H"
DROP = "Z"          # the letter the misaligned branch deletes, never read
SIDES = "mnrl"      # the tape left of the head, right of it; the moves right, left


def _letter(stage: int, *parts: object) -> str:
    return f"{stage}:" + ",".join(map(str, parts))


def reduce(machine: Machine, word: str | Sequence[str]) -> tuple[TagSystem, tuple[str, ...]]:
    """The 2-tag system that runs ``machine`` (two symbols, moves L and R) from ``word``,
    with the letters its run can reach, and its start word."""
    if machine.n_symbols != 2:
        raise TagError(f"{machine.n_symbols} symbols: the reduction to a tag system takes "
                       "machines of two symbols")
    if any(t.move is Move.N for _, _, t in machine.transitions()):
        raise TagError("a rule that does not move: the reduction takes moves L and R only")
    p: dict[str, tuple[str, ...]] = {DROP: ()}
    for q in range(len(machine.all_states)):
        for side in SIDES:
            for kind in "hc":
                p[_letter(2, q, side, kind)] = tuple(_letter(3, q, s, side, kind)
                                                     for s in (1, 0))
                for s in (1, 0):
                    p[_letter(1, q, s, side, kind)] = _pass1(machine, q, s, side, kind)
                    p[_letter(3, q, s, side, kind)] = _pass3(machine, q, s, side, kind)
    start = _start_word(machine, machine.encode_word(word) or (0,))
    return TagSystem(_reachable(p, start), HALT), start


def _reachable(p: dict[str, tuple[str, ...]], word: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The productions of the letters that the word and their productions can hold, in the
    order of ``p``."""
    seen, todo = set(), [x for x in word if x != HALT]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo += [y for y in p[x] if y != HALT]
    return {x: body for x, body in p.items() if x in seen}


def _pass1(machine: Machine, q: int, s: int, side: str, kind: str) -> tuple[str, ...]:
    """Double the pushed block (+ w pairs), halve the popped one, count the move."""
    t = machine.transition(q, s)
    if t is None:                                   # never read: the run has halted
        return ()
    letter = _letter(2, t.next, side, kind)
    pushed, popped = ("m", "n") if t.move is Move.R else ("n", "m")
    if side == popped:                              # x + 1 letters
        return (letter,)
    if kind == "c":                                 # 2x or x pairs
        return (letter,) * (4 if side == pushed else 2)
    added = t.write if side == pushed else int(side == ("r" if t.move is Move.R else "l"))
    return (letter, letter, *(_letter(2, t.next, side, "c"),) * (2 * added))


def _pass3(machine: Machine, q: int, s: int, side: str, kind: str) -> tuple[str, ...]:
    """The branch letter read becomes σ' = (q, s)'s letter; the first leads the word."""
    letter = _letter(1, q, s, side, kind)
    if (side, kind) != ("m", "h"):
        return (letter, letter)
    lead = (DROP,) if s == 0 else ()
    halts = (HALT, HALT) if machine.transition(q, s) is None else ()
    return (*lead, *halts, letter, letter)


def _start_word(machine: Machine, cells: Sequence[int]) -> tuple[str, ...]:
    """The word of the start configuration with ``cells`` from the head on."""
    q, s = 0, cells[0]                            # the start state is state 0
    n = sum(a << i for i, a in enumerate(cells[1:]))
    lead = (HALT, HALT) if machine.transition(q, s) is None else ()
    blocks = [(_letter(1, q, s, side, "h"),) * 2 for side in SIDES]
    blocks[1] += (_letter(1, q, s, "n", "c"),) * (2 * n)
    return lead + tuple(x for block in blocks for x in block)


def configuration(machine: Machine, word: Sequence[str]) -> Run:
    """The machine's run read off a halted tag word (its neutral letters, any letters
    before the first block and the halting letters skipped).

    Raises
    ------
    TagError
        If the word does not hold the blocks of one configuration.
    """
    counts = dict.fromkeys(SIDES, 0)
    states = set()
    for x in word:
        if x in (NEUTRAL, HALT, DROP):
            continue
        stage, _, fields = x.partition(":")
        parts = fields.split(",")
        if stage != "1" or len(parts) != 4 or parts[2] not in SIDES:
            raise TagError(f"the halted word holds {x!r}, no letter of a configuration")
        states.add((int(parts[0]), int(parts[1])))
        counts[parts[2]] += parts[3] == "c"
    if len(states) != 1:
        raise TagError(f"the halted word holds the letters of {len(states)} configurations")
    [(q, s)] = states
    m, n, right, left = (counts[side] // 2 for side in SIDES)
    head = right - left
    cells = [*((m >> i) & 1 for i in reversed(range(m.bit_length()))), s,
             *((n >> i) & 1 for i in range(n.bit_length()))]
    used = [i for i, a in enumerate(cells) if a]
    start = head - m.bit_length() + (used[0] if used else 0)
    trimmed = tuple(cells[used[0]:used[-1] + 1]) if used else ()
    return Run.of_tape(machine, q, head, start, trimmed, right + left,
                       StepConvention.TRANSITIONS)
