"""Where finite precision breaks an exact construction: BB(5)'s realtime network run in
binary floats of 24 to 120 bits beside the exact run; the machine step of the first wrong
reading grows with the precision, as the stack code needs about two bits per stored cell.

What to look at: the first wrong reading comes later the more bits the floats carry,
roughly in proportion, though unevenly, as BB(5)'s stacks grow in spurts; float64 (53
bits) misreads the machine where 56-bit floats do.

Usage: ``python examples/float_departure.py [--out examples/output]`` (about ten seconds);
writes ``float_departure.png`` and prints the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from figures import arguments, pyplot, save

from rnntm import load_machine
from rnntm.check.precision import departure
from rnntm.cli.commandline import entry_point
from rnntm.compiler import compile


def main() -> None:
    parser = arguments(__doc__)
    args = parser.parse_args()
    plt = pyplot()
    compiled = compile(load_machine("bb5"))
    bits = list(range(24, 121, 16))
    wrong = []
    for b in bits:
        d = departure(compiled, max_steps=20_000, bits=b)
        wrong.append(d.first_wrong)
        print(f"{b:4} bits: first inexact value at step {d.first_inexact}, first wrong "
              f"reading at step {d.first_wrong}")
    f64 = departure(compiled, max_steps=20_000)
    print(f"float64: first wrong reading at step {f64.first_wrong}")
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(bits, wrong, "o-", label="mpmath binary floats")
    ax.plot([53], [f64.first_wrong], "s", label="float64")
    ax.set(xlabel="bits of precision", ylabel="machine step of the first wrong reading",
           title="BB(5), realtime network: exact vs finite precision")
    ax.legend()
    save(fig, args.out, "float_departure.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
