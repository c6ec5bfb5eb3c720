"""Hypothesis strategies: random Turing machines and input words."""

from __future__ import annotations

from hypothesis import strategies as st

from rnntm.machines.machine import Machine, Move, Transition

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-'", min_size=1,
                max_size=6)


@st.composite
def machines(draw, max_states: int = 4, max_symbols: int = 4, max_halts: int = 2,
             undefined: bool = True, digit_symbols: bool = True,
             one_halt: bool = False, named: bool = False, min_symbols: int = 2,
             moves: tuple[Move, ...] = tuple(Move)) -> Machine:
    """A random machine that runs: every cell is a transition between working states but
    for a few (one to three) that halt, by entering a halting state or, unless
    ``undefined`` is False, by being undefined, as in busy-beaver candidates; never the
    start state on the blank, so that a run on the blank tape takes a step. (With about
    half the cells undefined, as before, most machines halted within two steps.)

    With ``digit_symbols`` its symbols are 0, 1, ... as in the standard format; with
    ``named`` its states and symbols have random distinct names; its moves are drawn from
    ``moves``.
    """
    n = draw(st.integers(1, max_states))
    k = draw(st.integers(min_symbols, max_symbols))
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

    def transition(targets: range) -> Transition:
        return draw(st.builds(Transition, st.integers(0, k - 1), st.sampled_from(moves),
                              st.sampled_from(targets)))

    table = [[transition(range(n)) for _ in range(k)] for _ in range(n)]
    stops = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, k - 1))
                          .filter(lambda cell: cell != (0, 0)),  # no halt on the first step
                          min_size=1, max_size=3, unique=True))
    for s, a in stops:
        if h and (not undefined or draw(st.booleans())):
            table[s][a] = transition(range(n, n + h))
        elif undefined:
            table[s][a] = None
    return Machine(tuple(states), tuple(halts), tuple(symbols), tuple(map(tuple, table)))


def words(machine: Machine, max_size: int = 8):
    """Random input words (tuples of symbol names) over the machine's input alphabet."""
    if not machine.input_symbols:
        return st.just(())
    return st.lists(st.sampled_from(machine.input_symbols), max_size=max_size).map(tuple)


#: Catalogue machines whose runs grow with their input (the busy beavers and non-halting
#: machines, long on the blank tape, are verified in the catalogue test).
LONG_RUNNING = ("copy", "unary-multiplication", "binary-addition", "palindrome", "anbncn",
                "balanced-parentheses", "binary-increment")

#: Inputs each of them takes in full (a random word is mostly refused at its first symbols,
#: which the random-machine tests cover): runs of tens to hundreds of steps.
WELL_FORMED = {
    "copy": st.text("01", min_size=3, max_size=8),
    "unary-multiplication": st.builds(lambda a, b: "1" * a + "*" + "1" * b,
                                      st.integers(2, 5), st.integers(2, 5)),
    "binary-addition": st.builds(lambda a, b: f"{a:b}+{b:b}", st.integers(4, 63),
                                 st.integers(4, 63)),
    "palindrome": st.text("ab", min_size=2, max_size=5).map(lambda w: w + w[::-1]),
    "anbncn": st.integers(2, 5).map(lambda n: "a" * n + "b" * n + "c" * n),
    "balanced-parentheses": st.recursive(
        st.just(""), lambda inner: st.builds(lambda a, b: f"({a}){b}", inner, inner),
        max_leaves=8).filter(lambda w: len(w) >= 6),
    "binary-increment": st.text("01", min_size=4, max_size=12),
}


def long_inputs(name: str):
    """Well-formed inputs for the catalogue machine ``name``, on which its run grows with
    the input."""
    return WELL_FORMED[name]


def steps_bucket(steps: int, budget: int) -> str:
    """A label for the length of a run, for hypothesis' statistics (``event``)."""
    if steps >= budget:
        return "steps: the whole budget"
    for top in (0, 2, 9, 29):
        if steps <= top:
            return f"steps: at most {top}"
    return f"steps: 30 to {budget - 1}"
