"""Certificates: cases, obligations and seconds for every catalogue machine under every
schedule, and for the universal networks; the cost grows with the machine (states ×
symbols, and the network's size), not with any run. Writes
``benchmarks/results/certify.json``. Usage: ``python benchmarks/certify.py``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from rnntm import compile
from rnntm.check.certificates import certify
from rnntm.cli.commandline import ArgumentParser, entry_point
from rnntm.compiler import SCHEDULES
from rnntm.machines import catalogue
from rnntm.universal import load_universal


def rows() -> list[dict]:
    targets = [(e.name, f"{e.machine.n_states}x{e.machine.n_symbols}",
                lambda e=e, s=s: compile(e.machine, s))
               for e in catalogue.entries() if e.family != "universal"
               for s in SCHEDULES]
    targets += [("small (universal)", "5x6", lambda: load_universal("small")),
                ("practical (universal)", "71x16", lambda: load_universal("practical"))]
    out = []
    for name, size, build in targets:
        compiled = build()
        started = time.perf_counter()
        cert = certify(compiled)
        out.append({"machine": name, "size": size, "schedule": compiled.schedule,
                    "neurons": compiled.network.size, "ok": cert.ok, "cases": cert.cases,
                    "obligations": cert.obligations,
                    "seconds": time.perf_counter() - started})
    return out


def main() -> None:
    parser = ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" /
                                                     "certify.json"))
    args = parser.parse_args()
    table = rows()
    print(f"{'machine':22} {'size':>5} {'schedule':>17} {'neurons':>8} {'ok':>3} {'cases':>8} "
          f"{'obligations':>12} {'seconds':>8}")
    for r in table:
        print(f"{r['machine']:22} {r['size']:>5} {r['schedule']:>17} {r['neurons']:>8,} "
              f"{'yes' if r['ok'] else 'NO':>3} {r['cases']:>8,} {r['obligations']:>12,} "
              f"{r['seconds']:>8.2f}")
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmark": "certify", "python": platform.python_version(),
                               "rows": table}, indent=1))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
