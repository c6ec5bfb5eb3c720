"""The whole 47,176,870-step run of the BB(5) champion verified against direct execution:
the realtime network (I/O part included) fed its empty input, decoded at every step,
compared whole at the checkpoints, stopped and read off its output lines; wall time.

Prints progress and a summary and writes ``benchmarks/results/verify_bb5.json``.
Usage: ``python benchmarks/verify_bb5.py [--schedule S] [--max-steps N] [--workers N]``
(about 2 minutes on one core of the development machine; about 1.5 with ``--workers 2``).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import load_machine
from rnntm.check.lockstep import verify
from rnntm.check.segments import verify_in_segments
from rnntm.cli.commandline import (
    ArgumentParser,
    entry_point,
    positive_whole_number,
    whole_number,
)
from rnntm.compiler import SCHEDULES

BB5 = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedule", choices=list(SCHEDULES), default="realtime")
    parser.add_argument("--max-steps", type=whole_number, default=50_000_000)
    parser.add_argument("--workers", type=positive_whole_number, default=1,
                        help="with N > 1, verify in 2N segments on a local Dask cluster")
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "verify_bb5.json"))
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(step: int) -> None:
        if step and step % (1 << 22) == 0:
            elapsed = time.perf_counter() - started
            print(f"{step:>12,} steps  {elapsed:7.1f} s  {step / elapsed:9,.0f} steps/s",
                  flush=True)

    if args.workers > 1:
        report = verify_in_segments(load_machine(BB5), max_steps=args.max_steps,
                                    schedule=args.schedule, workers=args.workers)
    else:
        report = verify(load_machine(BB5), max_steps=args.max_steps, schedule=args.schedule,
                        progress=progress)
    wall = time.perf_counter() - started
    summary = {**report.as_dict(), "output_bits": len(report.output_bits or ""),
               "wall_seconds": round(wall, 1), "steps_per_second": round(report.steps / wall)}
    print(f"\n{'agrees' if report.ok else 'DIFFERS: ' + str(report.divergence)}: "
          f"{report.steps:,} machine steps, {report.network_steps:,} network steps, "
          f"{report.full_comparisons:,} whole comparisons, {summary['output_bits']:,} output "
          f"bits, {wall:,.1f} s ({wall / 60:.1f} min)")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "verify_bb5", "python": platform.python_version(),
                               **summary}, indent=1))
    print(f"written: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
