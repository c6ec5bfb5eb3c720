"""Hypothesis strategies: random Turing machines and input words."""

from __future__ import annotations

from hypothesis import strategies as st

from rnntm.machine import Machine, Move, Transition

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-'", min_size=1,
                max_size=6)


@st.composite
def machines(draw, max_states: int = 4, max_symbols: int = 4, max_halts: int = 2,
             undefined: bool = True, digit_symbols: bool = True,
             one_halt: bool = False, named: bool = False) -> Machine:
    """A random machine, with undefined cells unless ``undefined`` is False.

    With ``digit_symbols`` its symbols are 0, 1, ... as in the standard format; with
    ``named`` its states and symbols have random distinct names.
    """
    n = draw(st.integers(1, max_states))
    k = draw(st.integers(2, max_symbols))
    h = 1 if one_halt else draw(st.integers(0, max_halts))
    if named:
        names = draw(st.lists(NAMES, min_size=n + h, max_size=n + h, unique=True))
        states, halts = names[:n], names[n:]
        symbols = draw(st.lists(st.text(alphabet="01ab_xyz#()+*", min_size=1, max_size=1),
                                min_size=k, max_size=k, unique=True))
    else:
        states = [chr(ord("A") + i) for i in range(n)]
        halts = ["Z"] if h else []
        h = len(halts)
        symbols = [str(a) for a in range(k)] if digit_symbols else list("_abcdefgh"[:k])
    transition = st.builds(Transition, st.integers(0, k - 1), st.sampled_from(list(Move)),
                           st.integers(0, n + h - 1))
    cell = st.one_of(st.none(), transition) if undefined else transition
    table = [[draw(cell) for _ in range(k)] for _ in range(n)]
    return Machine(tuple(states), tuple(halts), tuple(symbols), tuple(map(tuple, table)))


def words(machine: Machine, max_size: int = 8):
    """Random input words (tuples of symbol names) over the machine's input alphabet."""
    if not machine.input_symbols:
        return st.just(())
    return st.lists(st.sampled_from(machine.input_symbols), max_size=max_size).map(tuple)
