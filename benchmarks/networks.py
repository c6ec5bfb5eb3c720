"""Compiled networks: sizes for every catalogue machine and schedule, exact-run speed on BB(5)
for every backend beside direct execution, and where float64 departs from the exact run.

Prints three tables and writes them to ``benchmarks/results/networks.json``.
Usage: ``python benchmarks/networks.py [--quick]``.

Peers, for the sizes: Carmantini et al.'s float network for BB(4) has 54 neurons and 3 layer
updates per machine step; a public Siegelmann-Sontag re-implementation has 63 neurons and 4
layers for a binary counter.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import load_machine, run
from rnntm.check.lockstep import verify
from rnntm.check.precision import departure
from rnntm.cli.commandline import ArgumentParser, entry_point
from rnntm.compiler import SCHEDULES, compile
from rnntm.execute import run_network
from rnntm.machines import catalogue

BB5 = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"


def size_rows() -> list[dict]:
    rows = []
    for entry in catalogue.entries():
        for schedule in SCHEDULES:
            c = compile(entry.machine, schedule)
            rows.append({"machine": entry.name, "schedule": schedule,
                         "states": entry.machine.n_states, "symbols": entry.machine.n_symbols,
                         "neurons_machine": c.io.machine_size,
                         "neurons_io": c.network.size - c.io.machine_size,
                         "connections": c.network.connections,
                         "steps_per_tm_step": c.steps_per_tm_step})
    return rows


def steps_per_second(compiled, backend: str, steps: int) -> float:
    """Machine steps per second of the whole network (I/O part included), started from
    its own x(0) on the empty input: 4 loading steps, then the machine."""
    network_steps = compiled.start_step() + steps * compiled.steps_per_tm_step
    for _ in run_network(compiled.network, steps=1, backend=backend,
                         idle_from=compiled.io.machine_size):
        pass  # the dyadic step function is generated once per network: not timed
    started = time.perf_counter()
    for _ in run_network(compiled.network, compiled.inputs(), steps=network_steps,
                         backend=backend, idle_from=compiled.io.machine_size):
        pass
    return steps / (time.perf_counter() - started)


def verified_per_second(compiled, steps: int) -> float:
    """Machine steps per second of the verifier: network and direct run in lockstep."""
    started = time.perf_counter()
    report = verify(compiled.machine, max_steps=steps, compiled=compiled)
    assert report.ok, report.divergence
    return steps / (time.perf_counter() - started)


def best_of(repeats: int, rate) -> float:
    """The best of ``repeats`` measurements (the machine is shared: slower runs are noise)."""
    return max(rate() for _ in range(repeats))


def speed_rows(quick: bool) -> list[dict]:
    machine = load_machine(BB5)
    long, medium, short = (100_000, 5_000, 1_000) if quick else (1_000_000, 20_000, 5_000)

    def direct() -> float:
        started = time.perf_counter()
        run(machine, max_steps=long)
        return long / (time.perf_counter() - started)

    rows = [{"runner": "direct execution", "schedule": "-", "steps": long,
             "steps_per_second": best_of(3, direct)}]
    for schedule in SCHEDULES:
        compiled = compile(machine, schedule)
        fraction = steps_per_second(compiled, "fraction", short)
        rates = {("dyadic", long): best_of(3, lambda c=compiled: steps_per_second(
                     c, "dyadic", long)),
                 ("mpq", medium): steps_per_second(compiled, "mpq", medium),
                 ("fraction", short): fraction}
        rows += [{"runner": f"network, {backend}", "schedule": schedule, "steps": steps,
                  "steps_per_second": rate} for (backend, steps), rate in rates.items()]
        rows.append({"runner": "verify (lockstep), dyadic", "schedule": schedule,
                     "steps": medium, "steps_per_second": verified_per_second(compiled, medium)})
        rows.append({"runner": "dyadic / fraction, same first steps", "schedule": schedule,
                     "steps": short,
                     "ratio": steps_per_second(compiled, "dyadic", short) / fraction})
    return rows


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads (a smoke run)")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "networks.json"))
    args = parser.parse_args()

    sizes = size_rows()
    print("Sizes: neurons of the machine part and of input/output, connections, network "
          "steps per machine step\n")
    print(f"{'machine':22} {'schedule':17} {'states':>6} {'symbols':>7} {'machine':>7} "
          f"{'I/O':>4} {'connections':>11} {'steps/step':>10}")
    for r in sizes:
        print(f"{r['machine']:22} {r['schedule']:17} {r['states']:>6} {r['symbols']:>7} "
              f"{r['neurons_machine']:>7} {r['neurons_io']:>4} {r['connections']:>11} "
              f"{r['steps_per_tm_step']:>10}")

    speed = speed_rows(args.quick)
    print("\nSpeed on the BB(5) champion, machine steps per second, from the blank tape "
          "(whole networks, I/O part included)\n")
    for r in speed:
        if "ratio" in r:
            print(f"{r['runner']:38} {r['schedule']:17} first {r['steps']:>9,} steps: "
                  f"{r['ratio']:8.1f}x")
        else:
            print(f"{r['runner']:38} {r['schedule']:17} first {r['steps']:>9,} steps: "
                  f"{r['steps_per_second']:>12,.0f}/s")

    precision = [departure(compile(load_machine(BB5), s), max_steps=100_000).as_dict() | {
        "schedule": s} for s in SCHEDULES]
    print("\nWhere float64 departs from the exact run of BB(5)\n")
    for d in precision:
        print(f"{d['schedule']:17} first inexact value at step {d['first_inexact_step']}, "
              f"first wrong reading at step {d['first_wrong_step']}: {d['what_went_wrong']}")

    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "networks", "quick": args.quick,
                               "python": platform.python_version(), "sizes": sizes,
                               "speed": speed, "float64_departure": precision}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
