"""Campaigns: pairs verified per second under every schedule, with 1 worker (this process)
and 2 Dask workers (a local cluster), side by side in one run, for every 2-state 2-symbol
machine in tree normal form and for random 3-state 2-symbol machines.

Writes ``benchmarks/results/campaign.json``. Usage: ``python benchmarks/campaign.py
[--count N]`` (about four minutes with the default 2000 random machines).
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

from rnntm.check.campaign import pairs, run_campaign
from rnntm.cli.commandline import ArgumentParser, entry_point, positive_whole_number
from rnntm.compiler import SCHEDULES

MAX_STEPS = 100


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=positive_whole_number, default=2000,
                        help="random 3x2 machines (default 2000)")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "campaign.json"))
    args = parser.parse_args()
    table = []
    for spec in ("all:2x2", f"random:3x2:{args.count}:0"):
        todo = pairs(spec, max_steps=MAX_STEPS)
        for workers in (1, 2):
            summary = run_campaign(todo, SCHEDULES, max_steps=MAX_STEPS, workers=workers)
            table.append({"spec": spec, "workers": workers, "pairs": summary.pairs,
                          "runs": sum(summary.by_verdict.values()),
                          "divergences": len(summary.divergences),
                          "seconds": summary.seconds,
                          "pairs_per_second": summary.pairs_per_second})
    print(f"{'spec':>18} {'workers':>7} {'pairs':>6} {'runs':>6} {'diverging':>9} "
          f"{'seconds':>8} {'pairs/s':>8}")
    for r in table:
        print(f"{r['spec']:>18} {r['workers']:>7} {r['pairs']:>6,} {r['runs']:>6,} "
              f"{r['divergences']:>9} {r['seconds']:>8.1f} {r['pairs_per_second']:>8.1f}")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "campaign", "python": platform.python_version(),
                               "max_steps": MAX_STEPS, "schedules": list(SCHEDULES),
                               "rows": table}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
