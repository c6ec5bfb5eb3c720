"""Speed on BB(5)'s first steps, side by side in one run: direct execution, the exact
realtime network alone (``simulate``) with the general dyadic step and with the specialised
steps, verification in lockstep, and verification in segments with 1 and 2 Dask workers;
each with its time and its speed as a fraction of direct execution's (the best of five runs
of direct execution, which takes a tenth of a second); then a campaign's machines per
second. The targets: the network at no less than 1/30 of direct execution, verify at no
less than 1/40.

Writes ``benchmarks/results/speed.json``. Usage: ``python benchmarks/speed.py
[--steps N]`` (about a minute for the default 1,000,000 steps).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import compile, load_machine, run
from rnntm.check.campaign import pairs, run_campaign
from rnntm.check.decoded import simulate_network
from rnntm.check.lockstep import verify
from rnntm.check.segments import verify_in_segments
from rnntm.cli.commandline import ArgumentParser, entry_point, positive_whole_number
from rnntm.compiler import SCHEDULES

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
        "network alone, general dyadic step": lambda: simulate_network(
            compiled, max_steps=steps, backend="dyadic"),
        "network alone, specialised steps": lambda: simulate_network(compiled, max_steps=steps),
        "verify in lockstep": lambda: verify(machine, max_steps=steps, compiled=compiled),
        "verify in 4 segments, 1 worker": lambda: verify_in_segments(
            machine, max_steps=steps, compiled=compiled, segments=4, workers=1),
        "verify in 4 segments, 2 workers": lambda: verify_in_segments(
            machine, max_steps=steps, compiled=compiled, segments=4, workers=2),
    }
    seconds = {name: timed(job) for name, job in jobs.items()}
    direct = seconds["direct execution"] = min(timed(jobs["direct execution"])
                                               for _ in range(5))
    print(f"BB(5), first {steps:,} steps, realtime network of {compiled.network.size} "
          "neurons\n")
    print(f"{'':36} {'seconds':>8} {'steps/s':>12} {'of direct':>10}")
    rows = []
    for name, wall in seconds.items():
        rows.append({"job": name, "seconds": wall, "steps_per_second": steps / wall,
                     "fraction_of_direct": direct / wall})
        ratio = f"1/{wall / direct:.0f}"
        print(f"{name:36} {wall:>8.2f} {steps / wall:>12,.0f} {ratio:>10}")
    campaign = run_campaign(pairs("all:2x2", max_steps=100), SCHEDULES, max_steps=100)
    print(f"\ncampaign all:2x2 (every schedule, at most 100 steps, 1 worker): "
          f"{campaign.pairs} machines in {campaign.seconds:.1f} s, "
          f"{campaign.pairs_per_second:.1f} machines/s, {len(campaign.divergences)} divergences")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "speed", "python": platform.python_version(),
                               "machine": BB5, "steps": steps, "rows": rows,
                               "campaign": {"spec": "all:2x2", "machines": campaign.pairs,
                                            "seconds": campaign.seconds,
                                            "machines_per_second": campaign.pairs_per_second,
                                            "divergences": len(campaign.divergences)}},
                              indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
