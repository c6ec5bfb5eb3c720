"""The practical universal network: its overhead per simulated step, and its speed.

For the runs of ``constructions/universal/campaign.json`` (those of the universality tests),
the machine run directly beside the universal machine run directly on the machine's
encoding: simulated steps T, universal
machine steps U (the network takes exactly one step per universal step, beside loading and
writing the result), the universal input's length L, and U / T and U / (T · L), the
overhead per step and per step and input symbol (bounded by a constant: each simulated
step is O(k + |offset|) round trips over a tape of length O(L + T), so U / (T · L) grows
only where the simulated tape outgrows the input). Then the fixed network itself on BB(2)
and BB(4): network steps and seconds. Writes
``benchmarks/results/universal.json``. Usage: ``python benchmarks/universal.py [--quick]``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import load_machine, run
from rnntm.cli.commandline import ArgumentParser, entry_point
from rnntm.universal import campaign, run_universal
from rnntm.universal.practical import encode


def overhead_rows() -> list[dict]:
    utm = load_machine("practical-utm")
    rows = []
    for name, word, budget in campaign():
        machine = load_machine(name)
        direct = run(machine, word, max_steps=budget)
        encoded = encode(machine, word, max_steps=budget)
        universal = run(utm, encoded, max_steps=10 ** 9)
        rows.append({"machine": name, "input": word,
                     "states_x_symbols": f"{machine.n_states}x{machine.n_symbols}",
                     "status": direct.status.value, "T": direct.steps, "L": len(encoded),
                     "U": universal.steps, "U_per_T": universal.steps / max(direct.steps, 1),
                     "U_per_TL": universal.steps / max(direct.steps, 1) / len(encoded)})
    return rows


def network_rows(quick: bool) -> list[dict]:
    rows = []
    for name in ("bb2",) if quick else ("bb2", "bb4"):
        started = time.perf_counter()
        result = run_universal(load_machine(name), max_steps=100_000)
        seconds = time.perf_counter() - started
        rows.append({"machine": name, "steps": result.run.steps,
                     "network_steps": result.network_steps, "neurons": result.neurons,
                     "seconds": seconds, "network_steps_per_s": result.network_steps / seconds})
    return rows


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="BB(2) only through the network")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "universal.json"))
    args = parser.parse_args()
    overhead = overhead_rows()
    print("Universal machine steps U per simulated step T (L: the universal input's length)\n")
    print(f"{'machine':38} {'input':6} {'size':>5} {'status':>13} {'T':>6} {'L':>5} {'U':>10} "
          f"{'U/T':>8} {'U/(T·L)':>8}")
    for r in overhead:
        print(f"{r['machine']:38} {r['input']:6} {r['states_x_symbols']:>5} {r['status']:>13} "
              f"{r['T']:>6,} {r['L']:>5,} {r['U']:>10,} {r['U_per_T']:>8,.0f} "
              f"{r['U_per_TL']:>8.2f}")
    network = network_rows(args.quick)
    print("\nThe fixed network (exact, dyadic backend), budget 100,000\n")
    print(f"{'machine':8} {'steps':>6} {'network steps':>14} {'neurons':>8} {'seconds':>8} "
          f"{'network steps/s':>16}")
    for r in network:
        print(f"{r['machine']:8} {r['steps']:>6,} {r['network_steps']:>14,} {r['neurons']:>8,} "
              f"{r['seconds']:>8.1f} {r['network_steps_per_s']:>16,.0f}")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "universal", "quick": args.quick,
                               "python": platform.python_version(), "overhead": overhead,
                               "network": network}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
