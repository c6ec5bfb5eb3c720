"""docs/CONSTRUCTION.md and docs/FORMATS.md against the code, so that neither drifts: every
neuron-count formula evaluated for every catalogue machine (and machines built to reach the
formulas' corners) under every schedule, the worked example's numbers re-derived from an
exact run, and every file example written and read by rnntm's own writers and readers.

The checked parts of the documents follow a marker line ``<!-- checked: NAME -->``: a table
(up to the next blank line) or a fenced block."""

from __future__ import annotations

import ast
import doctest
import json
import math
import random
import re
import shlex
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from rnntm import load_machine
from rnntm.cli import main
from rnntm.compiler import compile
from rnntm.compiler import saved as saved_networks
from rnntm.compiler.twophase import build_two_phase
from rnntm.core import network as bare_networks
from rnntm.core.stackcode import StackCode
from rnntm.errors import RnntmError
from rnntm.execute.backends import run_network
from rnntm.machines import catalogue
from rnntm.machines import formats as machine_formats
from rnntm.machines.direct import run
from rnntm.machines.formats import machine_json, morphett, table, turingmachine_io
from rnntm.machines.machine import Machine, Move, Transition
from rnntm.study.views import weights_text

ROOT = Path(__file__).parent.parent
CONSTRUCTION = (ROOT / "docs" / "CONSTRUCTION.md").read_text(encoding="utf-8")
FORMATS = (ROOT / "docs" / "FORMATS.md").read_text(encoding="utf-8")


# -- reading the documents ---------------------------------------------------------------------

def checked(text: str, name: str) -> str:
    """The part after ``<!-- checked: name -->``: a fenced block's content, or a table."""
    marker = f"<!-- checked: {name} -->\n"
    assert text.count(marker) == 1, f"no single marker {marker!r}"
    rest = text.split(marker, 1)[1]
    if rest.startswith("```"):
        return rest.split("\n", 1)[1].split("\n```", 1)[0] + "\n"
    return rest.split("\n\n", 1)[0] + "\n"


def table_rows(part: str) -> list[list[str]]:
    """The body rows of a markdown table, cells stripped of spaces and backticks."""
    rows = [[cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
            for line in part.splitlines()]
    assert len(rows) > 2 and set(rows[1][0]) <= set("-: "), "expected a markdown table"
    return rows[2:]


def table_after(text: str, heading: str) -> str:
    """The first markdown table after the line ``heading``."""
    lines = text.split(f"\n{heading}\n", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    return "\n".join(lines[start:end]) + "\n"


def columns(line: str) -> list[str]:
    """A line of a fixed-width block, split at runs of two or more spaces."""
    return re.split(r"\s{2,}", line.strip())


def command_before(text: str, marker: str) -> list[str]:
    """The last `rnntm …` command written in backticks before ``marker``, as arguments."""
    before = text.split(f"<!-- checked: {marker} -->", 1)[0]
    return shlex.split(re.findall(r"`rnntm ([^`]+)`", before)[-1])


def flat(text: str) -> str:
    """Whitespace collapsed, so that a phrase may wrap in the document."""
    return " ".join(text.split())


# -- the neuron-count formulas ----------------------------------------------------------------

MATH = str.maketrans({"·": "*", "−": "-", "^": "**", "[": "(", "]": ")", "≥": ">="})


def evaluate(formula: str, values: dict[str, int]) -> int:
    """A formula of the document (``2·S_t − S_1 + 4``, ``[k ≥ 2]``, ``⌈k/2⌉``) with
    ``values`` for its symbols; a symbol without a value is an error."""
    expression = re.sub(r"⌈([^⌉]*)⌉", r"ceil(\1)", formula).translate(MATH)
    tree = ast.parse(expression, mode="eval")
    unknown = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - set(values) - {"ceil"}
    assert not unknown, f"{formula}: no value for {sorted(unknown)}"
    value = eval(expression, {"__builtins__": {}, "ceil": math.ceil}, dict(values))
    assert value == int(value)
    return int(value)


def quantities(machine: Machine) -> dict[str, int]:
    """The symbols of the counts, computed from the machine's table as the document defines
    them (not from the constructions)."""
    n, h, k = machine.n_states, len(machine.halt_states), machine.n_symbols
    b = max(1, (k - 1).bit_length())
    pairs = [t for _, _, t in machine.transitions()]
    used = {t.move for t in pairs} or {Move.N}
    entering = [{t.move for t in pairs if t.next == s} for s in range(n + h)]
    finals = h + sum(any(t is None for t in row) for row in machine.table)
    moving = [t for t in pairs if t.move != Move.N]
    staying = [t for t in pairs if t.move == Move.N]
    halting_lr = {t.next for t in moving if t.next >= n}
    values = {
        "n": n, "h": h, "k": k, "b": b, "T": len(pairs), "M": len(used),
        "E": sum(map(len, entering)) + (not entering[0]),
        "P": ((Move.R in used or Move.N in used) + (Move.L in used)
              + (Move.L in used or Move.N in used) + (Move.R in used)),
        "F": finals, "s": max(finals - 1, 0).bit_length(), "T_N": len(staying),
        "τ_LR": len({(t.next, t.move, t.write) for t in moving}),
        "τ_N": len({(t.next, t.move, t.write) for t in staying}),
        "H_LR": len(halting_lr),
        "H_N": len({(t.next, t.write) for t in staying
                    if t.next >= n and t.next not in halting_lr}),
        "stuck": int(bool(moving) and k < 2 ** b)}
    for symbol, formula in table_rows(checked(CONSTRUCTION, "stack machine")):
        values[symbol] = evaluate(formula, values)
    return values


def counts() -> dict[str, list[tuple[str, str]]]:
    """The counts table: for each schedule, its blocks in order with their formulas."""
    by_schedule: dict[str, list[tuple[str, str]]] = {}
    for schedule, block, formula in table_rows(checked(CONSTRUCTION, "counts")):
        by_schedule.setdefault(schedule, []).append((block, formula))
    return by_schedule


def sizes(schedule: str, values: dict[str, int]) -> list[tuple[str, int]]:
    return [(block, evaluate(formula, values)) for block, formula in counts()[schedule]]


def steps(schedule: str, values: dict[str, int]) -> int:
    return evaluate(dict(table_rows(checked(CONSTRUCTION, "steps")))[schedule], values)


def corner_machines(count: int = 40, seed: int = 13) -> list[Machine]:
    """Machines that reach the formulas' corners the catalogue may miss: one symbol, stays
    into halting states, halting states no rule enters, partial tables, k not a power of
    two, no transition at all."""
    draw = random.Random(seed)
    machines = []
    for _ in range(count):
        n, h, k = draw.randint(1, 3), draw.randint(0, 2), draw.choice([1, 2, 3, 4, 5, 6, 8, 9])
        moves = draw.choice([(Move.L, Move.R), (Move.L, Move.R, Move.N), (Move.N,), (Move.R,),
                             (Move.L, Move.N)])
        undefined = draw.choice([0, 0.3, 0.7, 1])
        rows = [[None if draw.random() < undefined else
                 Transition(draw.randrange(k), draw.choice(moves), draw.randrange(n + h))
                 for _ in range(k)] for _ in range(n)]
        machines.append(Machine(tuple(f"q{i}" for i in range(n)),
                                tuple(f"h{i}" for i in range(h)),
                                tuple(f"s{a}" for a in range(k)), rows))
    return machines


CATALOGUE = [entry.name for entry in catalogue.entries()]
CORNERS = corner_machines()


@cache
def compiled(machine: Machine, schedule: str):
    return compile(machine, schedule)


def test_the_formula_reader_reads_math_as_meant():
    values = {"k": 5, "b": 3, "S_t": 7, "S_1": 2}
    assert evaluate("2·S_t − S_1 + 4", values) == 16
    assert evaluate("5 + (k − 1) + [k ≥ 2]", values) == 10
    assert evaluate("[b ≥ 2]·(2^(b − 1) − ⌈k/2⌉)", values) == 1
    with pytest.raises(AssertionError, match="no value"):
        evaluate("k + X", values)


def test_the_counts_cover_every_schedule_and_symbol():
    assert set(counts()) == {"realtime", "two-phase", "siegelmann-sontag"}
    values = quantities(load_machine("bb4"))
    meanings = {row[0] for row in table_rows(
        CONSTRUCTION.split("the quantities\n\n", 1)[1].split("\n\n", 1)[0] + "\n")}
    named = {part.strip() for cell in meanings for part in cell.split(",")}
    assert named | {"n", "h", "k", "b", "S", "S_t", "S_1"} == set(values)


def totals(schedule: str, values: dict[str, int]) -> tuple[int, int]:
    """(machine part, I/O part) by the totals table."""
    row = next(row for row in table_rows(checked(CONSTRUCTION, "totals")) if row[0] == schedule)
    return evaluate(row[1], values), evaluate(row[2], values)


def check_counts(machine: Machine, schedule: str) -> None:
    """The blocks, their sizes, the totals and the steps per machine step that the tables
    give for ``schedule`` (for ``compact``: the two-phase construction, and the choice)."""
    values = quantities(machine)
    for name in ("realtime", "two-phase", "siegelmann-sontag"):
        blocks = sizes(name, values)
        machine_part = sum(size for block, size in blocks if block not in ("input", "output"))
        assert totals(name, values) == (machine_part, sum(s for _, s in blocks) - machine_part)
    if schedule != "compact":
        c = compiled(machine, schedule)
        assert list(c.network.blocks) == sizes(schedule, values)
        assert c.steps_per_tm_step == steps(schedule, values)
        assert c.io.machine_size == sum(size for block, size in sizes(schedule, values)
                                        if block not in ("input", "output"))
        return
    two_phase = sizes("two-phase", values)
    part = build_two_phase(machine)
    assert [(block.name, block.size) for block in part.blocks] == two_phase[:-2]
    assert part.steps_per_tm_step == steps("two-phase", values)
    # the two-phase network where neither its machine part nor its total is larger
    realtime = sizes("realtime", values)
    smaller = sum(s for _, s in two_phase[:-2]) <= realtime[0][1] and \
        sum(s for _, s in two_phase) <= sum(s for _, s in realtime)
    c = compiled(machine, "compact")
    assert c.construction == ("two-phase" if smaller else "realtime")
    assert list(c.network.blocks) == (two_phase if smaller else realtime)


SCHEDULES = ("realtime", "compact", "siegelmann-sontag")


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("name", CATALOGUE)
def test_neuron_counts_of_every_catalogue_machine(name, schedule):
    check_counts(catalogue.entry(name).machine, schedule)


@pytest.mark.parametrize("index", range(len(CORNERS)))
def test_neuron_counts_in_the_corners(index):
    for schedule in SCHEDULES:
        check_counts(CORNERS[index], schedule)


def test_the_corner_machines_reach_every_term():
    """The terms that the catalogue might leave at 0 are nonzero for some machine."""
    seen = [quantities(m) for m in CORNERS]
    for symbol in ("H_N", "τ_N", "T_N", "stuck", "H_LR"):
        assert any(v[symbol] for v in seen), symbol
    assert any(v["b"] >= 2 and 2 ** (v["b"] - 1) > math.ceil(v["k"] / 2) and v["τ_LR"]
               for v in seen)
    assert any(v["k"] == 1 for v in seen) and any(v["T"] == 0 for v in seen)


def test_a_wrong_formula_is_caught():
    bb4 = load_machine("bb4")
    values = quantities(bb4)
    assert evaluate("k·E + 2·M + (k − 1)·P", values) == compile(bb4).io.machine_size
    assert evaluate("k·E + 2·M + k·P", values) != compile(bb4).io.machine_size


def test_the_examples_table():
    for row in table_rows(checked(CONSTRUCTION, "examples")):
        name, n, h, k, *cells = row
        machine = catalogue.entry(name).machine
        assert (machine.n_states, len(machine.halt_states), machine.n_symbols) == \
            (int(n), int(h), int(k)), name
        for schedule, cell in zip(("realtime", "compact", "siegelmann-sontag"), cells,
                                  strict=True):
            c = compiled(machine, schedule)
            io_part = c.network.size - c.io.machine_size
            marked = " (realtime)" if schedule == "compact" and \
                c.construction == "realtime" else ""
            assert cell == f"{c.io.machine_size} + {io_part}{marked}", (name, schedule)


def visited(machine: Machine, word: str) -> tuple[int, int, int]:
    """(T, r, l) of the direct run: its steps, and the cells it visited (the input's
    included) from the head rightwards and left of the head."""
    tape = dict(enumerate(machine.encode_word(word)))
    head = state = steps_taken = low = 0
    high = max(len(tape) - 1, 0)
    while (t := machine.transition(state, tape.get(head, 0))) is not None:
        tape[head], head, state = t.write, head + t.move, t.next
        steps_taken += 1
        low, high = min(low, head), max(high, head)
    return steps_taken, high - head + 1, head - low


@pytest.mark.parametrize("name, word", [("bb2", ""), ("bb3", ""), ("bb2x3", ""),
                                        ("binary-increment", "1011"), ("palindrome", "abba")])
def test_the_time_formula(name, word):
    from rnntm.check.decoded import simulate_network

    machine = load_machine(name)
    T, right, left = visited(machine, word)
    n, b = len(machine.encode_word(word)), machine.symbol_bits
    for schedule in ("realtime", "compact", "siegelmann-sontag"):
        c = compiled(machine, schedule)
        formula = c.steps_per_tm_step * T + b * n + 4 + b * max(right, left) \
            + (c.construction == "two-phase")
        assert simulate_network(c, word, max_steps=10_000).network_steps == formula


def test_the_time_of_bb2():
    from rnntm.check.decoded import simulate_network

    stated = re.search(r"BB\(2\): 6 \+ 0 \+ 4 \+ 2 = (\d+) realtime, (\d+) compact, (\d+)\s+"
                       r"Siegelmann–Sontag", CONSTRUCTION)
    bb2 = load_machine("bb2")
    found = [simulate_network(compiled(bb2, s), max_steps=100).network_steps
             for s in ("realtime", "compact", "siegelmann-sontag")]
    assert [int(g) for g in stated.groups()] == found
    assert visited(bb2, "") == (6, 2, 2)


def test_the_stack_code_examples_run():
    failures, tried = doctest.testfile(str(ROOT / "docs" / "CONSTRUCTION.md"),
                                       module_relative=False)
    assert tried >= 4 and not failures


def construction_claims():
    """(a phrase of CONSTRUCTION.md, whether the code bears it out)."""
    bb2, bb5 = load_machine("bb2"), load_machine("bb5")
    return [
        ("BB(5): a two-phase machine part of 25 neurons against 24, so the realtime one",
         lambda: (build_two_phase(bb5).size, compile(bb5, "compact").io.machine_size,
                  compile(bb5, "compact").construction) == (25, 24, "realtime")),
        ('`start_step("")` = 1·0 + 3 = 3', lambda: compile(bb2).start_step("") == 3),
        ("Its realtime machine part has 16 neurons",
         lambda: compile(bb2).io.machine_size == 16),
        ("the start state A is entered by L only, so its group is (A, L)",
         lambda: compile(bb2).layout.start_neurons[0] == {0: 0, 1: 1}
         and compile(bb2).network.neurons[:2] == ("T[A|L|0]", "T[A|L|1]")),
    ]


def test_construction_claims():
    text = flat(CONSTRUCTION)
    for phrase, holds in construction_claims():
        assert flat(phrase) in text, phrase
        assert holds(), phrase


def states_of(c, word: str, steps_count: int) -> list[tuple]:
    return list(run_network(c.network, c.inputs(word), steps=steps_count, backend="fraction"))


def test_the_machine_part_rests_one_round_after_a_halt():
    """No positive bias in the machine part; 0 a round after the halting configuration."""
    bb2 = load_machine("bb2")
    T, _, _ = visited(bb2, "")
    for schedule in ("realtime", "compact", "siegelmann-sontag"):
        c = compiled(bb2, schedule)
        assert all(row.bias <= 0 for row in c.network.rows[:c.io.machine_size])
        a, start = c.steps_per_tm_step, c.start_step("")
        xs = states_of(c, "", start + a * (T + 1))
        machine = [x[:c.io.machine_size] for x in xs]
        assert any(machine[start + a * T]) and not any(machine[start + a * (T + 1)])


def test_the_loader_ports_fire_once():
    """The ports are nonzero only at step n·b + 2, the loader 0 from the start on."""
    for name, word in (("binary-increment", "1011"), ("bb2", "11"), ("palindrome", "ab")):
        machine = load_machine(name)
        for schedule in ("realtime", "compact", "siegelmann-sontag"):
            c = compiled(machine, schedule)
            start = c.start_step(word)
            assert start == len(word) * machine.symbol_bits + 3
            loader = c.network.block("input")
            ports = [i for i in loader if c.network.neurons[i].split("[")[0]
                     in ("in.pulse", "in.word", "in.rest", "in.first2")]
            xs = states_of(c, word, start + 12)
            assert [t for t, x in enumerate(xs) if any(x[i] for i in ports)] == [start - 1]
            assert not any(x[i] for x in xs[start:] for i in loader)


# -- the worked example ---------------------------------------------------------------------

def worked() -> tuple[dict[str, str], list[list[str]]]:
    """The worked example's settings and its rows (neuron, x(t), W x(t) + b, x(t+1))."""
    lines = checked(CONSTRUCTION, "worked example").splitlines()
    settings = dict(line.split(":", 1) for line in lines[:4])
    assert lines[4].split()[0] == "neuron"
    return {k.strip(): v.strip() for k, v in settings.items()}, [line.split() for line in
                                                                lines[5:]]


@cache
def worked_run():
    settings, _ = worked()
    machine = load_machine(settings["machine"])
    word = "" if settings["input"] == "(empty)" else settings["input"]
    c = compile(machine, settings["schedule"])
    t = int(settings["t"])
    return machine, word, c, t, states_of(c, word, t + 1)


def pre_activations(c, x, u) -> list[Fraction]:
    return [sum((w * x[j] for j, w in row.state), Fraction(0))
            + sum((v * u[k] for k, v in row.inputs), Fraction(0)) + row.bias
            for row in c.network.rows]


def test_the_worked_example_numbers():
    machine, word, c, t, xs = worked_run()
    _, rows = worked()
    inputs = c.inputs(word)
    u = inputs[t] if t < len(inputs) else (0, 0)
    pre = pre_activations(c, xs[t], u)
    names = c.network.neurons
    assert [row[0] for row in rows] == list(names[:c.io.machine_size])  # all, in order
    for name, now, before_sigma, after in rows:
        i = c.network.index(name)
        assert (Fraction(now), Fraction(before_sigma), Fraction(after)) == \
            (xs[t][i], pre[i], xs[t + 1][i]), name
    assert machine == load_machine("bb2")
    assert t == c.start_step(word) + 4 * c.steps_per_tm_step


def test_the_io_part_rests_during_the_worked_step():
    _, word, c, t, xs = worked_run()
    pre = pre_activations(c, xs[t], (0, 0))
    io_part = range(c.io.machine_size, c.network.size)
    assert not any(xs[t][i] or xs[t + 1][i] for i in io_part)
    assert all(pre[i] <= 0 for i in io_part)
    right = sum(xs[t][i] for i in c.layout.right)
    assert pre[c.network.index("out.R")] == right / 4 - 1 == Fraction(-193, 256)
    assert "−193/256" in CONSTRUCTION


def test_the_worked_example_equations_are_the_rows():
    _, _, c, _, _ = worked_run()
    shown = checked(CONSTRUCTION, "equations").splitlines()
    assert shown == weights_text(c.network).splitlines()[:c.io.machine_size]


def test_the_worked_example_trace(capsys):
    _, _, _, t, _ = worked_run()
    shown = checked(CONSTRUCTION, "trace").splitlines()
    assert [line.split(":")[0] for line in shown] == [f"t={t}", f"t={t + 1}"]
    assert main(["simulate", "bb2", "--trace"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert all(line in printed for line in shown)


def test_the_worked_example_derived_values():
    machine, _, c, t, xs = worked_run()
    x, code, layout = xs[t], c.layout.symbol_code, c.layout
    shown = checked(CONSTRUCTION, "derived")
    names, symbols = machine.all_states, machine.symbols

    def on(s: int, a: int) -> Fraction:
        return sum((x[levels[a]] - (x[levels[a + 1]] if a + 1 in levels else 0)
                    for (p, _), levels in layout.groups.items() if p == s), Fraction(0))

    stated = {(s, a): int(v) for s, a, v in re.findall(r"on\((\w+),(\w+)\) = (\d+)", shown)}
    assert stated == {(names[s], symbols[a]): on(s, a) for s in range(machine.n_states)
                      for a in range(machine.n_symbols)}
    pairs = machine.transitions()
    G = {(m, target): sum((on(s, a) for s, a, tr in pairs if tr.move == m and tr.next == target),
                          Fraction(0)) for m in Move for target in range(len(names))}
    assert {key: value for key, value in G.items() if value} == {(Move.R, 1): 1}
    assert "G(R) = G(R,B) = 1, every other G is 0" in shown
    found = {
        "W(R,1)": sum(on(s, a) for s, a, tr in pairs if tr.move == Move.R and tr.write >= 1),
        "c(w_R)": sum(code.digit(tr.write) * on(s, a) for s, a, tr in pairs if tr.move == Move.R),
        "c(w_L)": sum(code.digit(tr.write) * on(s, a) for s, a, tr in pairs if tr.move == Move.L),
        "c(top L)": code.top_digit([sum(x[i] for j, i in layout.left_top if j == 1)]),
        "c(top R)": code.top_digit([sum(x[i] for j, i in layout.right_top if j == 1)])}
    for label, value in found.items():
        match = re.search(re.escape(label) + r" = (?:[^;=\n]* = )?(\d+)", shown)
        assert match and int(match.group(1)) == value, label


def test_the_worked_example_decodes():
    machine, word, c, t, xs = worked_run()
    header, *rows = checked(CONSTRUCTION, "decoded").splitlines()
    assert columns(header) == ["state", "scanned", "last move", "L", "R", "L code", "R code",
                               "head"]
    assert [columns(row)[0] for row in rows] == ["x(t)", "x(t+1)"]
    for offset, row in enumerate(rows):
        _, state, scanned, move, left, right, left_code, right_code, head = columns(row)
        x = xs[t + offset]
        reading = c.layout.read(x)
        assert (machine.state_name(reading.state), machine.symbols[reading.scanned],
                reading.move.name) == (state, scanned, move)
        stacks = c.layout.stacks(x)
        assert [" ".join(machine.symbols[a] for a in stack) or "ε" for stack in stacks] == \
            [left, right]
        assert (sum(x[i] for i in c.layout.left), sum(x[i] for i in c.layout.right)) == \
            (Fraction(left_code), Fraction(right_code))
        direct = run(machine, word, max_steps=(t + offset - c.start_step(word))
                     // c.steps_per_tm_step)
        assert direct.head == int(head)
        assert c.layout.configuration(x, head=direct.head) == direct.final


def test_a_changed_number_is_caught():
    """The worked example's check compares values, not text: a changed figure fails."""
    _, _, c, t, xs = worked_run()
    _, rows = worked()
    name, _, before_sigma, _ = next(row for row in rows if row[0] == "R[R]")
    assert Fraction(before_sigma) == pre_activations(c, xs[t], (0, 0))[c.network.index(name)]
    assert Fraction(before_sigma) + Fraction(1, 256) != \
        pre_activations(c, xs[t], (0, 0))[c.network.index(name)]


# -- FORMATS.md -------------------------------------------------------------------------------

MACHINE_FORMATS = ("standard", "table", "json", "turingmachine-io", "morphett")


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_examples_are_what_convert_writes(fmt, capsys):
    args = command_before(FORMATS, fmt)
    assert args[:2] == ["convert", "bb2"] and args[-1] == fmt
    assert main(args) == 0
    assert capsys.readouterr().out == checked(FORMATS, fmt)


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_examples_read_back(fmt):
    bb2 = load_machine("bb2")
    read = machine_formats.parse(checked(FORMATS, fmt), "example", fmt)
    assert machine_formats.detect(checked(FORMATS, fmt), "example") == fmt
    if fmt == "morphett":  # the blank written _, the halting state halt-Z
        assert (read.states, read.halt_states, read.symbols, read.table) == \
            (bb2.states, ("halt-Z",), ("_", "1"), bb2.table)
    else:
        assert read == bb2
    if fmt == "json":
        assert machine_json.parse(checked(FORMATS, fmt)) == bb2


def test_the_site_formats_keep_the_input(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    phrase = ("`rnntm convert constructions/sites/turingmachine-io/binary-increment.yaml "
              "--to morphett` ends with `; $INITIAL_TAPE: 1011`")
    assert flat(phrase) in flat(FORMATS)
    args = shlex.split(phrase.split("`")[1])[1:]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "; $INITIAL_TAPE: 1011"


def chunks(example: str) -> list[list[str]]:
    """An example trimmed with lines of ``…``: its runs of lines between them."""
    runs: list[list[str]] = [[]]
    for line in example.splitlines():
        if line.strip() == "…":
            runs.append([])
        else:
            runs[-1].append(line)
    return [lines for lines in runs if lines]


def appears_trimmed(example: str, written: str) -> bool:
    """Whether each run of ``example``'s lines is a run of ``written``'s, in order."""
    lines, at = written.splitlines(), 0
    for run_ in chunks(example):
        for start in range(at, len(lines) - len(run_) + 1):
            if lines[start:start + len(run_)] == run_:
                at = start + len(run_)
                break
        else:
            return False
    return True


def test_the_trimmed_comparison_can_fail():
    written = '{\n "a": 1,\n "b": 2,\n "c": 3\n}\n'
    assert appears_trimmed('{\n "a": 1,\n …\n "c": 3\n}\n', written)
    assert not appears_trimmed('{\n "a": 1,\n "c": 3\n}\n', written)          # not a run
    assert not appears_trimmed('{\n "c": 3\n …\n "a": 1,\n', written)          # not in order


def test_the_compiled_example_is_the_saved_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = command_before(FORMATS, "compiled")
    assert args[:2] == ["compile", "bb2"]
    assert main(args) == 0
    written = Path(args[args.index("-o") + 1]).read_text(encoding="utf-8")
    assert appears_trimmed(checked(FORMATS, "compiled"), written)
    assert saved_networks.loads(written) == compile(load_machine("bb2"))
    assert list(json.loads(written)) == [row[0] for row in table_rows(
        table_after(FORMATS, "## Compiled networks: `rnntm-compiled`, version 2"))]


def test_the_network_example_reads_and_writes_back():
    example = checked(FORMATS, "network")
    net = bare_networks.parse(example)
    assert bare_networks.write(net) == example
    assert net.neurons == ("a", "b") and net.initial == (0, Fraction(1, 4))
    x, u = (Fraction(1, 2), Fraction(1, 3)), 1   # a(t+1) = σ(1/2), b(t+1) = σ(2a − b/3 − u)
    assert [r.bias + sum(w * x[j] for j, w in r.state) + sum(v * u for _, v in r.inputs)
            for r in net.rows] == [Fraction(1, 2), 2 * x[0] - x[1] / 3 - u]
    keys = [row[0] for row in table_rows(
        table_after(FORMATS, "## Bare networks: `rnntm-network`, version 1"))]
    assert keys == list(json.loads(example))


def test_the_certificate_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = command_before(FORMATS, "certificate")
    assert args[:2] == ["certify", "bb2"]
    assert main(args) == 0
    written = Path(args[args.index("-o") + 1]).read_text(encoding="utf-8")
    seconds = re.compile(r'("seconds": )[0-9.e-]+')
    assert appears_trimmed(seconds.sub(r"\1S", checked(FORMATS, "certificate")),
                           seconds.sub(r"\1S", written))
    doc = json.loads(written)
    assert set(doc) == {"ok", "cases", "obligations", "schedules"}
    assert set(doc["schedules"][0]) == {"ok", "schedule", "cases", "obligations", "failures",
                                        "discharged", "seconds"}


def test_the_model_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = command_before(FORMATS, "model members")
    assert args[:2] == ["train", "binary-increment"]
    assert main(args) == 0
    with np.load(tmp_path / args[args.index("-o") + 1], allow_pickle=False) as data:
        listed = [columns(line) for line in checked(FORMATS, "model members").splitlines()]
        assert [name for name, _, _ in listed] == data.files
        for name, dtype, shape in listed:
            found = data[name].dtype
            assert found.kind == "U" if dtype == "<U" else found.name == dtype, name
            assert str(data[name].shape) == shape, name
        header = json.loads(str(data["header"]))
    shown = json.loads(checked(FORMATS, "model header"))
    history = header["meta"].pop("history")
    assert history == pytest.approx(shown["meta"].pop("history"), rel=1e-4)
    assert header == shown


def roundtrip(machine: Machine, fmt: str, word: str | None = None, head: int = 0):
    return machine_formats.parse_document(machine_formats.write(machine, fmt, word, head),
                                          "x", fmt)


RICH = """blank: _
start: right
halt: done spare
states: right left
symbols: _ 1 0
input: 1
right 1 1 R right
right 0 0 R right
right _ _ L left
left 1 0 L left
left 0 1 {move} done
left _ 1 {move} done
"""
STAYS, MOVES = table.parse(RICH.format(move="N")), table.parse(RICH.format(move="L"))
LETTERS = table.parse("blank: 0\nhalt: Z Y\nstates: q0 q1\nsymbols: 0 1 2\ninput: 1\n"
                      "q0 0 1 R q1\nq1 0 1 L q0\nq1 1 1 N Z\n")
LOSSLESS = ("table", "json")


def refuses(write) -> bool:
    try:
        write()
    except RnntmError:
        return True
    return False


def formats_claims():
    """(a phrase of FORMATS.md, whether the code bears it out)."""
    def kept(attribute: str, fmt: str, machine: Machine = MOVES):
        return getattr(roundtrip(machine, fmt).machine, attribute)

    morph = roundtrip(STAYS, "morphett", "10", 1)
    site = roundtrip(MOVES, "turingmachine-io", "10")
    spaced = machine_json.parse('{"format": "rnntm-machine", "version": 1, "states": ["a b"],'
                                ' "symbols": ["_", "x"], "transitions": []}')
    wide = machine_json.parse('{"format": "rnntm-machine", "version": 1, "states": ["a"],'
                              ' "symbols": ["_", "x y"], "transitions": []}')
    return [
        ("| working state names | no (rows are A, B, …) | yes | yes | yes | yes |",
         lambda: kept("states", "standard", LETTERS) == ("A", "B")
         and all(kept("states", f, STAYS) == ("right", "left") for f in (*LOSSLESS, "morphett"))
         and kept("states", "turingmachine-io") == ("right", "left")),
        ("| halting states | those rules enter, by letter | yes | yes | yes | those rules enter; "
         "NAME as `halt-NAME` unless it starts with `halt` |",
         lambda: kept("halt_states", "standard", LETTERS) == ("Z",)
         and all(kept("halt_states", f) == ("done", "spare")
                 for f in (*LOSSLESS, "turingmachine-io"))
         and morph.machine.halt_states == ("halt-done",)),
        ("| symbol names | must be 0 … k−1 | yes | yes | one character each | one character "
         "each; the blank becomes `_` |",
         lambda: refuses(lambda: machine_formats.write(MOVES, "standard"))
         and refuses(lambda: machine_formats.write(wide, "turingmachine-io"))
         and refuses(lambda: machine_formats.write(wide, "morphett"))
         and kept("symbols", "morphett", load_machine("bb2"))[0] == "_"),
        ("| symbol order | by digit | yes | yes | yes | character order, the blank first |",
         lambda: all(kept("symbols", f) == ("_", "1", "0")
                     for f in (*LOSSLESS, "turingmachine-io"))
         and morph.machine.symbols == ("_", "0", "1")),
        ("| input alphabet | no (every non-blank) | yes | yes | no | no |",
         lambda: all(kept("input_symbols", f) == ("1",) for f in LOSSLESS)
         and set(site.machine.input_symbols) == set(morph.machine.input_symbols) == {"0", "1"}
         and LETTERS.input_symbols == ("1",)
         and kept("input_symbols", "standard", LETTERS) == ("1", "2")),
        ("| stay moves (N) | yes (`N`, an extension) | yes | yes | refused | yes (`*`) |",
         lambda: refuses(lambda: machine_formats.write(STAYS, "turingmachine-io"))
         and all(roundtrip(STAYS, f).machine == STAYS for f in LOSSLESS)
         and any(t.move == Move.N for _, _, t in morph.machine.transitions())
         and "1NZ" in machine_formats.write(LETTERS, "standard")),
        ("| input word, head cell | no | no | no | the word (head on its first cell) | the word "
         "and the head cell |",
         lambda: (site.input, site.head, morph.input, morph.head) == ("10", 0, "10", 1)
         and refuses(lambda: machine_formats.write(MOVES, "turingmachine-io", "10", 1))),
        ("`start`, by default the first of `states`, else the first rule's state",
         lambda: table.parse("blank: 0\nstates: B A\nA 0 1 R B\nB 0 1 L A\n").states[0] == "B"
         and table.parse("blank: 0\nA 0 1 R B\nB 0 1 L A\n").states[0] == "A"),
        ("so the writer refuses a name with a space in it (JSON writes any name), and a "
         "state written `#…` or `…:`",
         lambda: refuses(lambda: table.write(spaced)) and refuses(lambda: table.write(wide))
         and machine_json.parse(machine_json.write(spaced)) == spaced
         and all(refuses(lambda name=name: table.write(machine_json.parse(
             '{"format": "rnntm-machine", "version": 1, "symbols": ["_"], '
             f'"states": ["{name}"]}}'))) for name in ("#a", "a:"))),
        ("a halting state that no rule enters is not written",
         lambda: "Y" not in machine_formats.write(LETTERS, "standard")),
        ("a missing rule halts too, and counts as a step on the site, so a Morphett file runs "
         "under the busy-beaver step convention",
         lambda: morph.convention.value == "busy-beaver"),
        ("The start state is the one a `$INITIAL_STATE: name` comment names (rnntm writes one "
         "when the start is not `0`), else `0`, else the first rule's",
         lambda: morphett.parse_document("; $INITIAL_STATE: b\na _ _ r b\n0 _ _ r a\n"
                                         "b _ _ r a\n").machine.states[0] == "b"
         and morphett.parse_document("a _ _ r 0\n0 _ _ r a\n").machine.states[0] == "0"
         and morphett.parse_document("a _ _ r b\nb _ _ r a\n").machine.states[0] == "a"),
        ("A state with no instructions halts (the start state excepted)",
         lambda: turingmachine_io.parse_document(
             "blank: ' '\nstart state: a\ntable:\n  a:\n  b:\n").machine.halt_states == ("b",)),
        ("Other keys are ignored. `rnntm convert bb2 --to json`",
         lambda: machine_json.parse('{"format": "rnntm-machine", "version": 1, "note": 1, '
                                    '"states": ["A"], "symbols": ["0"]}').states == ("A",)),
        ("`true` or `1.0` are refused",
         lambda: all(refuses(lambda v=v: machine_json.parse(
             f'{{"format": "rnntm-machine", "version": {v}, "states": ["A"], "symbols": ["0"]}}'))
                     for v in ("true", "1.0", "2"))),
        ("a key given twice in one object",
         lambda: refuses(lambda: machine_json.parse(
             '{"format": "rnntm-machine", "version": 1, "states": ["A"], "states": ["B"], '
             '"symbols": ["0"]}'))),
        ('another rnntm document is named: "this is a compiled network"',
         lambda: "this is a compiled network" in refusal(
             lambda: bare_networks.parse(saved_networks.dumps(compile(load_machine("bb2")))))),
        ("it refuses floats, booleans and zero denominators",
         lambda: all(refuses(lambda v=v: bare_networks.parse(
             '{"format": "rnntm-network", "version": 1, "neurons": ["a"], '
             f'"rows": {{"a": {{"bias": {v}}}}}}}')) for v in ("0.5", "true", '"1/0"'))
         and bare_networks.parse('{"format": "rnntm-network", "version": 1, "neurons": ["a"], '
                                 '"rows": {"a": {"bias": 2}}}').rows[0].bias == 2),
        ("takes the compiled one's if it has as many neurons. Other top-level keys are ignored.",
         lambda: saved_networks.loads(json.dumps(stripped_document())) == compile(
             load_machine("bb2"))),
    ]


def refusal(read) -> str:
    try:
        read()
    except RnntmError as error:
        return str(error)
    return ""


def stripped_document() -> dict:
    """bb2's saved network without its blocks, with keys of no meaning added."""
    doc = json.loads(saved_networks.dumps(compile(load_machine("bb2"))))
    del doc["network"]["blocks"]
    doc["note"] = doc["network"]["note"] = "ignored"
    return doc


@pytest.mark.parametrize("phrase, holds", [pytest.param(*claim, id=claim[0][:50])
                                           for claim in formats_claims()])
def test_formats_claims(phrase, holds):
    assert flat(phrase) in flat(FORMATS), phrase
    assert holds(), phrase


def test_the_documents_name_existing_files():
    for text in (CONSTRUCTION, FORMATS):
        for name in re.findall(r"`((?:rnntm|tests|proofs|docs|constructions)/[\w/.-]*)`", text):
            assert (ROOT / name).exists(), name


def test_the_stack_code_of_the_worked_example():
    code = StackCode.bitwise(2)
    assert (code.base, code.digits) == (4, (1, 3))
    assert "D = 4, c(0) = 1, c(1) = 3" in CONSTRUCTION
    assert code.encode([1, 1, 1]) == Fraction(63, 64) and "3/4 + 3/16 + 3/64 = 63/64" in \
        CONSTRUCTION
