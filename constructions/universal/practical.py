"""The practical universal machine: its table, written as the program that prints it.

``python constructions/universal/practical.py > constructions/universal/practical.tm``
regenerates the table (a test checks that the two agree). README.md here describes the
machine and its tape; in short, the tape is

    |  counter  table  S  blocks

a left end ``|``; the counter, the remaining budget of simulated steps in binary, least
significant digit last; the table, a block per state of the simulated machine, each a mark
(``Q`` for the current state, else ``S``) and k entries, each a mark (``F`` for the one
selected, else ``E``) then either ``D`` (the machine halts there) or the symbol to write in
k − 1 unary slots, the move, and the next state as an offset from this one: a direction
and its size in unary; ``S`` ends the table. Then the
simulated tape, folded at cell 0 into blocks, a separator (``|``, or ``^``/``v`` for the
head's block on the upper or lower track) and k − 1 slots, each a thermometer bit of both
tracks; block j holds cells j (upper track) and −j − 1 (lower track).

Sixteen symbols, each region of the tape reading its own meaning into the same letters,
so that the compiled network stays small (its size grows with the alphabet):

=============  ===========================================================================
``_``          blank
``|``          the left end; a block's separator
``^`` ``v``    the head's block (the head on its upper, lower track)
``S`` ``Q``    a state's block; the current state's; the table's end
``E`` ``F``    an entry; the selected entry
``a`` ``c``    counter digits 0, 1; a written symbol's unary slots 0, 1; ``a`` a forward
               offset, ``c`` a unit of it; on the tape, slots (upper, lower) = 00, 10
``b`` ``d``    the moves L, R; ``b`` a backward offset; on the tape, slots 01, 11
``B`` ``D``    the move N; the halting entry; on the tape, marked slots 01, 11
``A`` ``C``    marked ``a``, ``c``, in every region
=============  ===========================================================================
"""

from __future__ import annotations

SYMBOLS = tuple("_|^vSQEFabcdABCD")
SLOTS, MARKED = "abcd", "ABCD"       # on the tape: (upper, lower) = 00, 01, 10, 11
HEAD = {"U": "^", "D": "v"}          # the head block's separator, by track
ZERO, ONE = "a", "c"                 # counter digits, written slots, units (ONE)
MOVES = {"L": "b", "R": "d", "N": "B"}
FORWARD, BACKWARD = "a", "b"         # the direction of the next state's offset
HALTS = "D"


def _slot(upper: int, lower: int, marked: bool = False) -> str:
    return (MARKED if marked else SLOTS)[2 * upper + lower]


def _bits(symbol: str) -> tuple[int, int]:
    index = (SLOTS + MARKED).index(symbol) % 4
    return index >> 1, index & 1


def _mark(symbol: str) -> str:
    return _slot(*_bits(symbol), marked=True)


def _unmark(symbol: str) -> str:
    return _slot(*_bits(symbol))


def _track_bit(symbol: str, track: str) -> int:
    upper, lower = _bits(symbol)
    return upper if track == "U" else lower


def _with_bit(symbol: str, track: str, value: int) -> str:
    upper, lower = _bits(symbol)
    return _slot(value, lower) if track == "U" else _slot(upper, value)


class Program:
    """Rules collected state by state; a (state, symbol) pair has at most one rule."""

    def __init__(self) -> None:
        self.rules: dict[tuple[str, str], tuple[str, str, str]] = {}

    def rule(self, state: str, read: str, write: str, move: str, nxt: str) -> None:
        if (state, read) in self.rules:
            raise ValueError(f"two rules for ({state}, {read})")
        self.rules[state, read] = (write, move, nxt)

    def skip(self, state: str, symbols, move: str) -> None:
        """Pass over ``symbols`` in direction ``move``, staying in ``state``."""
        for s in symbols:
            self.rule(state, s, s, move, state)

    def walk(self, state: str, move: str, until: dict[str, tuple[str, str, str]]) -> None:
        """Walk in direction ``move`` over every symbol but the blank and those of
        ``until``, which map to (write, move, next)."""
        for s in SYMBOLS:
            if s in until:
                self.rule(state, s, *until[s])
            elif s != "_":
                self.rule(state, s, s, move, state)


def program() -> Program:
    p = Program()
    other = {"U": "D", "D": "U"}
    moves = "".join(MOVES.values())

    # -- select the entry: the current state's entry for the scanned symbol ----------------
    p.rule("start", "|", "|", "R", "find-q")
    p.walk("find-q", "R", {"Q": ("Q", "R", "first-entry")})
    p.rule("first-entry", "E", "F", "R", "to-head")
    p.walk("to-head", "R", {HEAD[t]: (HEAD[t], "R", f"count-{t}") for t in "UD"})
    for t in "UD":  # each thermometer bit of the scanned cell moves F one entry on
        p.skip(f"count-{t}", MARKED, "R")
        for s in SLOTS:
            p.rule(f"count-{t}", s, _mark(s) if _track_bit(s, t) else s, "L",
                   "advance" if _track_bit(s, t) else "counted")
        p.rule(f"count-{t}", "|", "|", "L", "counted")
        p.rule(f"count-{t}", "_", "_", "L", "counted")
    p.walk("advance", "L", {"F": ("E", "R", "next-entry")})
    p.skip("next-entry", ZERO + ONE + moves + HALTS, "R")
    p.rule("next-entry", "E", "F", "R", "to-head")
    for s in MARKED:  # counted: unmark the head's block, then read the selected entry
        p.rule("counted", s, _unmark(s), "L", "counted")
    p.skip("counted", SLOTS, "L")
    for t in "UD":
        p.rule("counted", HEAD[t], HEAD[t], "L", "to-entry")
    p.walk("to-entry", "L", {"F": ("F", "R", "entry")})

    # -- halt, or spend one step of the budget (out of budget: halt in ``out``) ------------
    p.rule("entry", HALTS, HALTS, "L", "halted")
    p.rule("halted", "F", "E", "N", "done")
    for s in ZERO + ONE + moves:
        p.rule("entry", s, s, "L", "to-counter")
    p.walk("to-counter", "L", {"|": ("|", "R", "to-digit")})
    p.skip("to-digit", ZERO + ONE, "R")
    p.rule("to-digit", "Q", "Q", "L", "borrow")
    p.rule("to-digit", "S", "S", "L", "borrow")
    p.rule("borrow", ZERO, ONE, "L", "borrow")
    p.rule("borrow", ONE, ZERO, "R", "to-write")
    p.rule("borrow", "|", "|", "N", "out")
    p.walk("to-write", "R", {"F": ("F", "R", "write")})

    # -- write: copy the entry's slots onto the scanned track, one round trip each ---------
    p.skip("write", _mark(ZERO) + _mark(ONE), "R")
    for v, s in ((1, ONE), (0, ZERO)):
        p.rule("write", s, _mark(s), "R", f"carry-{v}")
        p.walk(f"carry-{v}", "R", {HEAD[t]: (HEAD[t], "R", f"put-{v}-{t}") for t in "UD"})
        for t in "UD":
            p.skip(f"put-{v}-{t}", MARKED, "R")
            for slot in SLOTS:
                p.rule(f"put-{v}-{t}", slot, _mark(_with_bit(slot, t, v)), "L", "written")
    p.walk("written", "L", {"F": ("F", "R", "write")})
    for m in moves:  # the slots are copied: unmark them, then carry the move to the head
        p.rule("write", m, m, "L", "unmark-entry")
    for s in ZERO + ONE:
        p.rule("unmark-entry", _mark(s), s, "L", "unmark-entry")
    p.rule("unmark-entry", "F", "F", "R", "read-move")
    p.skip("read-move", ZERO + ONE, "R")
    for m, symbol in MOVES.items():
        p.rule("read-move", symbol, symbol, "R", f"move-{m}")
        p.walk(f"move-{m}", "R", {HEAD[t]: (HEAD[t] if m == "N" else "|", "R", f"{m}-{t}")
                                  for t in "UD"})

    # -- move: unmark the head's block, and mark the block (and track) of the new cell -----
    for m in "LRN":
        for t in "UD":
            state = f"{m}-{t}"
            for s in MARKED:
                p.rule(state, s, _unmark(s), "R", state)
            p.skip(state, SLOTS, "R")
            if m == "N":
                p.rule(state, "|", "|", "L", "to-next")
                p.rule(state, "_", "_", "L", "to-next")
            elif (m, t) in (("R", "U"), ("L", "D")):  # away from cell 0: the next block,
                p.rule(state, "|", HEAD[t], "L", "to-next")  # made if there is none yet
                p.rule(state, "_", HEAD[t], "L", "format")
            else:  # towards cell 0: the previous block, or the other track of block 0
                p.rule(state, "|", "|", "L", f"leave-{t}")
                p.rule(state, "_", "_", "L", f"leave-{t}")
                p.skip(f"leave-{t}", SLOTS, "L")
                p.rule(f"leave-{t}", "|", "|", "L", f"previous-{t}")
                p.skip(f"previous-{t}", SLOTS, "L")
                p.rule(f"previous-{t}", "|", HEAD[t], "L", "to-next")
                p.rule(f"previous-{t}", "S", "S", "R", f"turn-{t}")
                p.rule(f"turn-{t}", "|", HEAD[other[t]], "L", "to-next")
    # a new block, as wide as the one before it: a blank slot for each slot there
    p.skip("format", MARKED, "L")
    for s in SLOTS:
        p.rule("format", s, _mark(s), "R", "format-end")
    p.rule("format", "|", "|", "R", "formatted")
    p.walk("format-end", "R", {"_": (SLOTS[0], "L", "format-back")})
    p.skip("format-back", SLOTS + MARKED, "L")
    for t in "UD":
        p.rule("format-back", HEAD[t], HEAD[t], "L", "format")
    for s in MARKED:
        p.rule("formatted", s, _unmark(s), "R", "formatted")
    for t in "UD":
        p.rule("formatted", HEAD[t], HEAD[t], "L", "to-next")

    # -- the next state: Q moved by the entry's offset, a block per unit -------------------
    # Q lies left of F (in F's block) until a forward unit moves it past F; each mode
    # knows on which side Q lies: "back" and "ahead-0" left of F, "ahead-1" right of it.
    p.walk("to-next", "L", {"F": ("F", "R", "find-units-start")})
    p.skip("find-units-start", ZERO + ONE, "R")
    for m in moves:
        p.rule("find-units-start", m, m, "R", "direction")
    p.rule("direction", FORWARD, FORWARD, "R", "units-ahead-0")
    p.rule("direction", BACKWARD, BACKWARD, "R", "units-back")
    for mode in ("back", "ahead-0", "ahead-1"):
        p.skip(f"find-units-{mode}", ZERO + ONE, "R")       # the written symbol's slots,
        for m in moves:                                    # the move, the direction
            p.rule(f"find-units-{mode}", m, m, "R", f"skip-direction-{mode}")
        for d in FORWARD + BACKWARD:
            p.rule(f"skip-direction-{mode}", d, d, "R", f"units-{mode}")
        p.skip(f"units-{mode}", _mark(ONE), "R")            # the units already counted
        side = "R" if mode == "ahead-1" else "L"
        p.rule(f"units-{mode}", ONE, _mark(ONE), side, f"seek-q-{mode}")
        for end_mark in "ESQ":                              # none left: the step is done
            p.rule(f"units-{mode}", end_mark, end_mark, "L", f"clean-{side}")
    p.walk("seek-q-back", "L", {"Q": ("S", "L", "previous-block")})
    p.walk("previous-block", "L", {"S": ("Q", "R", "to-f-back")})
    p.walk("to-f-back", "R", {"F": ("F", "R", "find-units-back")})
    p.walk("seek-q-ahead-0", "L", {"Q": ("S", "R", "past-f")})
    p.walk("past-f", "R", {"F": ("F", "R", "next-block")})
    p.walk("seek-q-ahead-1", "R", {"Q": ("S", "R", "next-block")})
    p.walk("next-block", "R", {"S": ("Q", "L", "to-f-ahead")})
    p.walk("to-f-ahead", "L", {"F": ("F", "R", "find-units-ahead-1")})
    for side in "LR":  # unmark the units, deselect the entry, and start the next step at Q
        p.rule(f"clean-{side}", _mark(ONE), ONE, "L", f"clean-{side}")
        p.skip(f"clean-{side}", sorted(set(moves + FORWARD + BACKWARD + ZERO + ONE)), "L")
        p.rule(f"clean-{side}", "F", "E", side, f"to-q-{side}")
        p.walk(f"to-q-{side}", side, {"Q": ("Q", "R", "first-entry")})
    return p


def table() -> str:
    """The machine in the table format."""
    p = program()
    states = list(dict.fromkeys(s for s, _ in p.rules))
    lines = ["# The practical universal machine: generated by practical.py here, described in",
             "# README.md here.", "blank: _", "start: start", "halt: done out",
             f"symbols: {' '.join(SYMBOLS)}", f"states: {' '.join(states)}", ""]
    width = max(map(len, states + ["done", "out"]))
    for (state, read), (write, move, nxt) in p.rules.items():
        lines.append(f"{state:<{width}}  {read}  {write}  {move}  {nxt}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(), end="")
