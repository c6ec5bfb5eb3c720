"""2-tag systems (Post 1943): the computation the small universal machine simulates.

A 2-tag system has an alphabet, a halting letter and a production P(x), a word, for every
other letter x. One step reads the word's first letter x, deletes the first two letters
and appends P(x); the run stops when the first letter is the halting letter or the word
has fewer than two letters. Only the letters at even positions are ever read: that is what
the constructions built on tag systems exploit.

Rogozhin's small universal machines (TCS 168, 1996) simulate the tag systems of one normal
form: letters a_1 … a_n and the halting letter a_{n+1}, with P(a_i) = a_n a_n B_i, B_i a
non-empty word for i < n and P(a_n) = a_n a_n. :meth:`TagSystem.rogozhin` puts any 2-tag
system in that form by adding one *neutral* letter N = a_n in front of every production: a
pair N N, appended whole, is read once, deleted whole and appended again, so it shifts
nothing else by an odd number of places and every other letter is read exactly when it was
before. (The neutral pairs are never destroyed: the word grows by two letters a step.)

>>> parity = TagSystem({"a": ("c", "c", "b", "a", "H"), "b": ("c", "c", "a"),
...                     "c": ("c", "c")}, "H")
>>> run = parity.run(("b", "a", "a"), max_steps=100)
>>> run.halted, run.steps, "".join(run.word)
(True, 5, 'Hcccccca')
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import RnntmError

__all__ = ["NEUTRAL", "TagError", "TagRun", "TagSystem"]

#: The neutral letter :meth:`TagSystem.rogozhin` adds.
NEUTRAL = "N"


class TagError(RnntmError, ValueError):
    """A tag system that is not well formed."""


@dataclass(frozen=True)
class TagRun:
    """The end of a tag system's run: whether it halted, the steps taken and the word."""

    halted: bool
    steps: int
    word: tuple[str, ...]


class TagSystem:
    """A 2-tag system: the productions of its letters and its halting letter.

    Parameters
    ----------
    productions
        P(x) for every letter but the halting one; every letter a production appends has a
        production or is the halting letter.
    halt
        The halting letter.
    """

    def __init__(self, productions: Mapping[str, Sequence[str]], halt: str) -> None:
        self.productions = MappingProxyType({x: tuple(p) for x, p in productions.items()})
        self.halt = halt
        if halt in self.productions:
            raise TagError(f"the halting letter {halt!r} has a production")
        for x, p in self.productions.items():
            for y in p:
                if y != halt and y not in self.productions:
                    raise TagError(f"P({x}) appends {y!r}, a letter with no production")

    @property
    def letters(self) -> tuple[str, ...]:
        """The letters with a production, in the order they were given, then the halting
        letter."""
        return (*self.productions, self.halt)

    def run(self, word: Iterable[str], *, max_steps: int) -> TagRun:
        """Run from ``word`` for at most ``max_steps`` steps."""
        queue = deque(word)
        for y in queue:
            if y != self.halt and y not in self.productions:
                raise TagError(f"the word holds {y!r}, a letter with no production")
        steps = 0
        while len(queue) >= 2 and queue[0] != self.halt:
            if steps == max_steps:
                return TagRun(False, steps, tuple(queue))
            queue.extend(self.productions[queue.popleft()])
            queue.popleft()
            steps += 1
        return TagRun(True, steps, tuple(queue))

    def rogozhin(self) -> TagSystem:
        """The same system in Rogozhin's normal form, with letters ordered a_1 … a_n, a_{n+1}:
        the neutral letter :data:`NEUTRAL` is a_n, the halting letter a_{n+1}; an empty
        production becomes N N N N (B_i must not be empty)."""
        if NEUTRAL in self.letters:
            raise TagError(f"the letter {NEUTRAL!r} is taken: it is the neutral letter")
        pair = (NEUTRAL, NEUTRAL)
        productions = {x: (*pair, *(p or pair)) for x, p in self.productions.items()}
        return TagSystem({**productions, NEUTRAL: pair}, self.halt)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TagSystem) and (dict(self.productions), self.halt) == \
            (dict(other.productions), other.halt)

    def __hash__(self) -> int:
        return hash((tuple(self.productions.items()), self.halt))

    def __repr__(self) -> str:
        return f"TagSystem({len(self.productions)} productions, halt={self.halt!r})"
