"""Configurations of a Turing machine: a state, a head position and the tape as two stacks.

The tape is split at the head, as the network encodes it: the *right* stack holds the scanned
cell on top and the cells to its right below; the *left* stack holds the cells left of the
head, the nearest on top. Stacks are persistent (push and pop are O(1) and share structure), so
a trace of configurations costs O(1) per step. A stack never holds a blank at its bottom: the
infinite blank tape beyond is implicit, so equal tapes give equal stacks.

>>> s = EMPTY.push(1).push(0).push(2)
>>> list(s), len(s)
([2, 0, 1], 3)
>>> EMPTY.push(0) is EMPTY          # a blank pushed on an empty stack is still blank tape
True
>>> s.pop()
(2, Stack([0, 1]))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

__all__ = ["Stack", "EMPTY", "Configuration"]


class Stack:
    """An immutable stack of symbol indices; iteration goes from the top down."""

    __slots__ = ("top", "below", "depth")

    def __init__(self, top: int, below: Stack | None, depth: int) -> None:
        self.top, self.below, self.depth = top, below, depth

    @staticmethod
    def of(symbols_top_first: Iterable[int]) -> Stack:
        """The stack with these symbols, the first on top (bottom blanks dropped)."""
        stack = EMPTY
        for symbol in reversed(list(symbols_top_first)):
            stack = stack.push(symbol)
        return stack

    def push(self, symbol: int) -> Stack:
        if symbol == 0 and self.depth == 0:
            return self
        return Stack(symbol, self, self.depth + 1)

    def pop(self) -> tuple[int, Stack]:
        """(top, rest); the empty stack pops a blank and stays empty."""
        if self.depth == 0:
            return 0, self
        return self.top, self.below  # type: ignore[return-value]

    def __iter__(self) -> Iterator[int]:
        node = self
        while node.depth:
            yield node.top
            node = node.below  # type: ignore[assignment]

    def __len__(self) -> int:
        return self.depth

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stack):
            return NotImplemented
        if self.depth != other.depth:
            return False
        a, b = self, other
        while a is not b and a.depth:
            if a.top != b.top:
                return False
            a, b = a.below, b.below  # type: ignore[assignment]
        return True

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Stack({list(self)})"

    def __reduce__(self):
        """Pickled flat, as its symbols (a deep chain of nodes would exhaust the recursion
        limit of pickle, which parallel runs use).

        >>> import pickle
        >>> pickle.loads(pickle.dumps(Stack.of(range(1, 5000)))) == Stack.of(range(1, 5000))
        True
        """
        return Stack.of, (tuple(self),)


EMPTY = Stack(0, None, 0)


class Configuration(NamedTuple):
    """State index, head position (the start cell is 0) and the two stacks around the head.

    An immutable value (a named tuple: the fastest immutable record to build, which matters
    at one configuration per step).

    >>> c = Configuration(0, 1, left=Stack.of([1]), right=Stack.of([0, 2]))
    >>> c.scanned, c.cells()
    (0, (0, (1, 0, 2)))
    """

    state: int
    head: int
    left: Stack
    right: Stack

    @property
    def scanned(self) -> int:
        """The symbol under the head."""
        return self.right.top if self.right.depth else 0

    def cells(self) -> tuple[int, tuple[int, ...]]:
        """(position of the first, symbols) from the leftmost to the rightmost non-blank cell.

        A blank tape gives ``(head, ())``.
        """
        row = list(reversed(list(self.left))) + list(self.right)
        start = self.head - len(self.left)
        first = next((i for i, a in enumerate(row) if a), None)
        if first is None:
            return self.head, ()
        last = max(i for i, a in enumerate(row) if a)
        return start + first, tuple(row[first:last + 1])

    def nonblank(self) -> int:
        """Number of non-blank cells."""
        return sum(1 for a in self.left if a) + sum(1 for a in self.right if a)

    @staticmethod
    def from_cells(state: int, head: int, start: int, cells: Iterable[int]) -> Configuration:
        """The configuration whose tape holds ``cells`` from position ``start`` onwards."""
        row = tuple(cells)
        end = start + len(row)

        def at(position: int) -> int:
            return row[position - start] if start <= position < end else 0

        left = Stack.of(at(p) for p in range(head - 1, start - 1, -1))
        right = Stack.of(at(p) for p in range(head, end))
        return Configuration(state, head, left, right)
