"""The universal networks: their overhead per simulated step, and their speed.

For the runs of ``constructions/universal/campaign.json`` (those of the universality tests),
the machine run directly beside the universal machine run directly on the machine's
encoding: simulated steps T, universal
machine steps U (the network takes exactly one step per universal step, beside loading and
writing the result), the universal input's length L, and U / T and U / (T · L), the
overhead per step and per step and input symbol (bounded by a constant: each simulated
step is O(k + |offset|) round trips over a tape of length O(L + T), so U / (T · L) grows
only where the simulated tape outgrows the input). Then the fixed network itself on BB(2)
and BB(4): network steps and seconds. Then the small network's route, Rogozhin's machine
run directly on tag systems and on machines reduced to tag systems (tag steps in the normal
form, input cells, universal steps, or for BB(2) the lower bound ``small.steps_at_least``),
and the small network itself on BB(1) with the input 1. ``--quick`` leaves out BB(4)
through the network and BB(1) on the blank tape (two billion universal steps, minutes).
Writes ``benchmarks/results/universal.json``.
Usage: ``python benchmarks/universal.py [--quick]``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import load_machine, run
from rnntm.cli.commandline import ArgumentParser, entry_point
from rnntm.universal import campaign, cocke_minsky, run_universal, small
from rnntm.universal.practical import encode
from rnntm.universal.tag import TagSystem


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


def small_rows(quick: bool) -> list[dict]:
    """Rogozhin's machine (with its boot state) run directly on each tape."""
    utm = load_machine("small-utm")
    minimal = TagSystem({"a": ("a", "a")}, "H")
    parity = TagSystem({"a": ("c", "c", "b", "a", "H"), "b": ("c", "c", "a"),
                        "c": ("c", "c")}, "H")
    cases = [("tag: P(a) = a a on a a H", minimal, ("a", "a", "H")),
             ("tag: Cristofani's parity on b a a", parity, ("b", "a", "a")),
             ("bb1 on 1", *cocke_minsky.reduce(load_machine("bb1"), "1"))]
    if not quick:
        cases.append(("bb1 on the blank tape", *cocke_minsky.reduce(load_machine("bb1"), "")))
    rows = []
    for label, tag, word in cases:
        normal = tag if label.startswith("tag") else tag.rogozhin()
        tape = small.encode(normal, word)
        final = run(utm, tape, max_steps=10 ** 10)
        rows.append({"run": label, "tag_steps": normal.run(word, max_steps=10 ** 6).steps,
                     "cells": len(tape), "U": final.steps, "bound": False})
    bb2, word = cocke_minsky.reduce(load_machine("bb2"), "")
    rows.append({"run": "bb2 on the blank tape",
                 "tag_steps": bb2.rogozhin().run(word, max_steps=10 ** 6).steps,
                 "cells": len(small.encode(bb2.rogozhin(), word)),
                 "U": small.steps_at_least(load_machine("bb2"), ""),
                 "bound": True})
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
    rows = small_rows(args.quick)
    print("\nThe small network's route: Rogozhin's machine run directly\n")
    print(f"{'run':36} {'tag steps':>10} {'cells':>8} {'universal steps':>16}")
    for r in rows:
        print(f"{r['run']:36} {r['tag_steps']:>10,} {r['cells']:>8,} "
              f"{('≥ ' if r['bound'] else '') + format(r['U'], ','):>16}")
    started = time.perf_counter()
    through = run_universal(load_machine("bb1"), "1", max_steps=10, universal="small")
    seconds = time.perf_counter() - started
    print(f"\nbb1 on 1 through the small network: {through.run.status.value} after "
          f"{through.run.steps} steps, {through.network_steps:,} network steps, "
          f"{through.neurons} neurons, {seconds:.1f} s "
          f"({through.network_steps / seconds:,.0f} network steps/s)")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "universal", "quick": args.quick,
                               "python": platform.python_version(), "overhead": overhead,
                               "network": network, "small": rows,
                               "small_network": {"steps": through.run.steps,
                                                 "network_steps": through.network_steps,
                                                 "seconds": seconds}}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
