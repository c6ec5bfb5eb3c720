"""Speed on BB(5)'s first steps, side by side in one run: direct execution, the exact
realtime network alone (``simulate``), verification in lockstep, and verification in
segments with 1 and 2 Dask workers; each with its time and its speed as a fraction of
direct execution's. The issue's targets: the network at no less than 1/30 of direct
execution, verify at no less than 1/40.

Writes ``benchmarks/results/speed.json``. Usage: ``python benchmarks/speed.py
[--steps N]`` (about two minutes for the default 1,000,000 steps).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import compile, load_machine, run
from rnntm.check.decoded import simulate_network
from rnntm.check.lockstep import verify
from rnntm.check.segments import verify_in_segments
from rnntm.cli.commandline import ArgumentParser, entry_point, positive_whole_number

BB5 = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"


def timed(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_whole_number, default=1_000_000,
                        help="machine steps of BB(5) (default 1,000,000)")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "speed.json"))
    args = parser.parse_args()
    machine, steps = load_machine(BB5), args.steps
    compiled = compile(machine)
    jobs = {
        "direct execution": lambda: run(machine, max_steps=steps),
        "network alone (simulate)": lambda: simulate_network(compiled, max_steps=steps),
        "verify in lockstep": lambda: verify(machine, max_steps=steps, compiled=compiled),
        "verify in 4 segments, 1 worker": lambda: verify_in_segments(
            machine, max_steps=steps, compiled=compiled, segments=4, workers=1),
        "verify in 4 segments, 2 workers": lambda: verify_in_segments(
            machine, max_steps=steps, compiled=compiled, segments=4, workers=2),
    }
    seconds = {name: timed(job) for name, job in jobs.items()}
    direct = seconds["direct execution"]
    print(f"BB(5), first {steps:,} steps, realtime network of {compiled.network.size} "
          "neurons\n")
    print(f"{'':34} {'seconds':>8} {'steps/s':>12} {'of direct':>10}")
    rows = []
    for name, wall in seconds.items():
        rows.append({"job": name, "seconds": wall, "steps_per_second": steps / wall,
                     "fraction_of_direct": direct / wall})
        ratio = f"1/{wall / direct:.0f}"
        print(f"{name:34} {wall:>8.2f} {steps / wall:>12,.0f} {ratio:>10}")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "speed", "python": platform.python_version(),
                               "machine": BB5, "steps": steps, "rows": rows}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
