"""The busy-beaver community's standard text format, e.g. ``1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA``.

One row per state, rows separated by ``_``, states named ``A``, ``B``, ... in row order (``A``
starts). A row has one 3-character cell per read symbol ``0``, ``1``, ... (``0`` is the
blank): the symbol to write, the move ``L`` or ``R`` (``N``, stay, is accepted as an
extension), and the next state. ``---`` marks an undefined transition.

**Halting.** A next state that names no row, any letter after the last row's, is a halting
state, as the community's format has it; it keeps its letter as its name (``Z`` by custom,
``H`` too), so a machine halts in the state written, and distinct letters are distinct
halting states. The writer writes halting states by their names, which must be such letters.

>>> m = parse("1RB2LB1RZ_2LA2RB1LB")
>>> m.n_states, m.n_symbols, m.halt_states
(2, 3, ('Z',))
>>> write(m)
'1RB2LB1RZ_2LA2RB1LB'
>>> parse("1RB1LB_1LA1RH").halt_states
('H',)
>>> parse("1RB1LB_1LA1Q", source="bb2.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
rnntm.errors.ParseError: bb2.txt:1:8: row 2 (state B) has 5 characters; expected 6 (...)
"""

from __future__ import annotations

from ...errors import FormatError, Location, ParseError
from ..machine import Machine, Rule, build_machine, shown

__all__ = ["parse", "write", "looks_standard"]

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def looks_standard(text: str) -> bool:
    """True if ``text`` is one token made of the standard format's characters only."""
    token = text.strip()
    return bool(token) and "\n" not in token and all(
        c.isdigit() or c in LETTERS or c in "_-" for c in token)


def parse(text: str, source: str = "<inline>", line: int = 1, column: int = 1) -> Machine:
    """Parse one machine in the standard format.

    ``line`` and ``column`` give where ``text`` starts in ``source``, for error messages.

    Raises
    ------
    ParseError
        For a malformed row or cell, naming its line and column.
    """
    stripped = text.strip()
    column += len(text) - len(text.lstrip())
    if not stripped:
        raise ParseError("empty machine: expected rows such as 1RB1LB_1LA1RZ",
                         Location(source, line, column))
    rows = stripped.split("_")
    n_states = len(rows)
    if n_states > len(LETTERS):
        raise ParseError(f"{n_states} rows, but states are the letters A to Z",
                         Location(source, line, column))
    width = len(rows[0])
    if width == 0 or width % 3 or width // 3 > 10:
        raise ParseError(f"row 1 has {width} characters; expected 3 per read symbol, "
                         "for 1 to 10 symbols", Location(source, line, column))
    n_symbols = width // 3
    rules: list[Rule] = []
    offset = column
    for s, row in enumerate(rows):
        if len(row) != width:
            raise ParseError(
                f"row {s + 1} (state {LETTERS[s]}) has {len(row)} characters; expected "
                f"{width} ({n_symbols} cells of 3 characters, as in row 1)",
                Location(source, line, offset))
        for a in range(n_symbols):
            cell = row[3 * a:3 * a + 3]
            where = Location(source, line, offset + 3 * a)
            if cell == "---":
                continue
            write, move, nxt = cell
            if not (write.isdigit() and int(write) < n_symbols):
                raise ParseError(f"cell {cell!r} writes {write!r}; expected a symbol 0 to "
                                 f"{n_symbols - 1}", where)
            if move not in "LRN":
                raise ParseError(f"cell {cell!r} moves {move!r}; expected L or R", where)
            if nxt not in LETTERS:
                raise ParseError(f"cell {cell!r} goes to {nxt!r}; expected "
                                 f"{_next_states(n_states)}", where)
            rules.append(Rule(LETTERS[s], str(a), write, move, nxt, where))
        offset += width + 1
    halts = sorted({r.next for r in rules} - set(LETTERS[:n_states]))
    return build_machine(rules, blank="0", halt_states=halts,
                         states=LETTERS[:n_states], symbols=[str(a) for a in range(n_symbols)],
                         source=Location(source, line, column))


def _next_states(n_states: int) -> str:
    """What a cell's next state may be, for a machine of ``n_states`` rows."""
    working = f"a state letter A to {LETTERS[n_states - 1]}"
    if n_states == len(LETTERS):
        return working
    return f"{working}, or a later letter ({LETTERS[n_states]} to Z, Z by custom) to halt"


def write(machine: Machine) -> str:
    """The machine in the standard format.

    Raises
    ------
    FormatError
        If the machine is not expressible: more than 26 working states, symbols other
        than ``0``, ``1``, ... with ``0`` the blank, or a halting state whose name is not
        a letter after the working states' (which the format writes by position).
    """
    n, k = machine.n_states, machine.n_symbols
    if machine.symbols != tuple(str(a) for a in range(k)) or k > 10:
        raise FormatError(f"the standard format needs symbols 0..{k - 1} with 0 blank; this "
                          f"machine has {', '.join(map(shown, machine.symbols))}")
    if n > len(LETTERS):
        raise FormatError(f"the standard format names states A to Z; this machine has {n}")
    later = LETTERS[n:]
    for name in machine.halt_states:
        if len(name) != 1 or name not in later:
            raise FormatError(f"the standard format writes a halting state as a letter after "
                              f"the working states' ({later[:1] or 'none'} to Z here); this "
                              f"machine's halting state is {name!r}")
    letters = LETTERS[:n] + "".join(machine.halt_states)

    def cell(t) -> str:
        return "---" if t is None else f"{t.write}{t.move.name}{letters[t.next]}"

    return "_".join("".join(cell(t) for t in row) for row in machine.table)
