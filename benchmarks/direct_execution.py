"""Direct execution throughput: rnntm beside automata-lib's DTM, side by side in one run.

Prints two tables and writes them to ``benchmarks/results/direct_execution.json``:

1. throughput (TM steps/s) on BB(4) (the whole 107-step run, repeated), on the first
   100,000 steps of the BB(5) champion, and on the whole BB(5) run (rnntm only);
2. the cost of one step as the tape grows: a right-moving machine on a tape of n cells,
   n = 10^3, 10^4, 10^5, timed over a window of steps after the tape is laid.

automata-lib is needed for this script only: ``pip install automata-lib``.
Usage: ``python benchmarks/direct_execution.py [--quick]``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from itertools import islice
from pathlib import Path

from rnntm import load_machine, run
from rnntm.cli.commandline import ArgumentParser, entry_point
from rnntm.cli.extras import optional, require
from rnntm.machines.direct import run_stepwise
from rnntm.machines.formats.automata import to_automata

dtm = optional("automata.tm.dtm")  # required in main(), so that --help works without it

BB4 = "1RB1LB_1LA0LC_1RZ1LD_1RD0RA"
BB5 = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"
RIGHT_MOVER = "1RA1RA"  # writes 1 and moves right forever: the tape grows a cell a step


def best_of(repeats: int, work) -> float:
    """The shortest of ``repeats`` timings of ``work()``, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def automata_steps(machine_dtm, word: str, steps: int) -> float:
    """Seconds automata-lib takes for ``steps`` steps after its start configuration."""
    stepper = machine_dtm.read_input_stepwise(word)
    next(stepper)
    started = time.perf_counter()
    for _ in islice(stepper, steps):
        pass
    return time.perf_counter() - started


def rnntm_window(machine, word: str, steps: int) -> float:
    """Seconds rnntm takes for ``steps`` steps, its set-up (laying the input) subtracted."""
    setup = best_of(3, lambda: run(machine, word, max_steps=0))
    return max(best_of(3, lambda: run(machine, word, max_steps=steps)) - setup, 1e-9)


def throughput_rows(quick: bool) -> list[dict]:
    bb4, bb5 = load_machine(BB4), load_machine(BB5)
    bb4_dtm, bb5_dtm = dtm.DTM(**to_automata(bb4)), dtm.DTM(**to_automata(bb5))
    repeats = 200 if quick else 2000
    prefix = 20_000 if quick else 100_000
    rows = []

    t_fast = best_of(3, lambda: [run(bb4, max_steps=200) for _ in range(repeats)])
    t_step = best_of(3, lambda: [list(run_stepwise(bb4, max_steps=200))
                                 for _ in range(repeats)])
    t_auto = best_of(3, lambda: [list(bb4_dtm.read_input_stepwise("")) for _ in
                                 range(repeats)])
    steps = 107 * repeats
    rows.append({"workload": f"BB(4), whole run x{repeats}", "steps": steps,
                 "rnntm_run": steps / t_fast, "rnntm_run_stepwise": steps / t_step,
                 "automata_lib": steps / t_auto})

    t_fast = best_of(3, lambda: run(bb5, max_steps=prefix))
    t_step = best_of(3, lambda: sum(1 for _ in run_stepwise(bb5, max_steps=prefix)))
    t_auto = automata_steps(bb5_dtm, "", prefix)
    rows.append({"workload": f"BB(5), first {prefix:,} steps", "steps": prefix,
                 "rnntm_run": prefix / t_fast, "rnntm_run_stepwise": prefix / t_step,
                 "automata_lib": prefix / t_auto})

    if not quick:
        t_fast = best_of(1, lambda: run(bb5, max_steps=50_000_000))
        rows.append({"workload": "BB(5), whole run", "steps": 47_176_870,
                     "rnntm_run": 47_176_870 / t_fast, "rnntm_run_stepwise": None,
                     "automata_lib": None, "rnntm_seconds": t_fast})
    return rows


def growth_rows(quick: bool) -> list[dict]:
    machine = load_machine(RIGHT_MOVER)
    machine_dtm = dtm.DTM(**to_automata(machine))
    rows = []
    for cells in (1_000, 10_000, 100_000):
        word = "1" * cells
        auto_window = 500 if quick else 2_000
        ours_window = 200_000 if quick else 1_000_000
        t_auto = automata_steps(machine_dtm, word, auto_window)
        t_ours = rnntm_window(machine, word, ours_window)
        rows.append({"tape_cells": cells,
                     "rnntm_ns_per_step": 1e9 * t_ours / ours_window,
                     "automata_lib_ns_per_step": 1e9 * t_auto / auto_window})
    return rows


def fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads (a smoke run)")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "direct_execution.json"))
    args = parser.parse_args()
    require("automata.tm.dtm", "pip install automata-lib")

    throughput = throughput_rows(args.quick)
    print("Throughput, TM steps per second (higher is better)\n")
    print(f"{'workload':34} {'rnntm run':>13} {'run_stepwise':>13} {'automata-lib':>13} "
          f"{'run / automata':>15}")
    for r in throughput:
        ratio = r["rnntm_run"] / r["automata_lib"] if r["automata_lib"] else None
        print(f"{r['workload']:34} {fmt(r['rnntm_run']):>13} "
              f"{fmt(r['rnntm_run_stepwise']):>13} {fmt(r['automata_lib']):>13} "
              f"{fmt(ratio, 1) + 'x' if ratio else '-':>15}")
    whole = [r for r in throughput if r["workload"] == "BB(5), whole run"]
    if whole:
        print(f"\nBB(5) whole run: {whole[0]['rnntm_seconds']:.2f} s for 47,176,870 steps")

    growth = growth_rows(args.quick)
    print("\nCost of one step as the tape grows, ns per step (flat is better)\n")
    print(f"{'tape cells':>10} {'rnntm run':>12} {'automata-lib':>14} {'automata / rnntm':>18}")
    for r in growth:
        print(f"{r['tape_cells']:>10,} {fmt(r['rnntm_ns_per_step'], 1):>12} "
              f"{fmt(r['automata_lib_ns_per_step']):>14} "
              f"{r['automata_lib_ns_per_step'] / r['rnntm_ns_per_step']:>17,.0f}x")

    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "direct_execution", "quick": args.quick,
                               "python": platform.python_version(),
                               "machine": platform.machine(),
                               "throughput": throughput, "tape_growth": growth}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
