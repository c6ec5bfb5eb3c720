"""The three schedules side by side on catalogue machines: neurons (the machine part and
the I/O), network steps per machine step, and the certificate that proves, from the
weights alone, that each round of network steps is one machine step.

What to look at: realtime spends the fewest network steps and compact the fewest neurons
(for palindrome, compact is the realtime network, the smaller of the two there);
Siegelmann-Sontag, the paper's layered construction over binary stacks, pays for its
simplicity in both. Every certificate holds: the obligations are the linear facts checked,
one per neuron and abstract configuration.

Usage: ``python examples/schedules.py [--out examples/output]`` (a few seconds); writes
``schedules.png`` and prints the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from figures import arguments, pyplot, save

from rnntm import SCHEDULES, certify, compile, load_machine
from rnntm.cli.commandline import entry_point

MACHINES = ("bb2", "bb4", "binary-increment", "binary-addition", "palindrome")


def main() -> None:
    parser = arguments(__doc__)
    args = parser.parse_args()
    plt = pyplot()
    print(f"{'machine':17} {'schedule':22} {'neurons':>7} {'machine':>7} {'I/O':>4} "
          f"{'steps/step':>10} {'certificate':>24}")
    sizes = {s: [] for s in SCHEDULES}
    for name in MACHINES:
        machine = load_machine(name)
        for schedule in SCHEDULES:
            compiled = compile(machine, schedule)
            certificate = certify(compiled)
            n, part = compiled.network.size, compiled.io.machine_size
            sizes[schedule].append((part, n - part))
            verdict = (f"{'holds' if certificate.ok else 'FAILS'}, "
                       f"{certificate.obligations:,} obligations")
            label = schedule + " (as realtime)" * (schedule == "compact" and
                                                   compiled.construction == "realtime")
            print(f"{name:17} {label:22} {n:7} {part:7} {n - part:4} "
                  f"{compiled.steps_per_tm_step:10} {verdict:>24}")
    fig, ax = plt.subplots(figsize=(9, 5))
    x, width = np.arange(len(MACHINES)), 0.27
    for i, schedule in enumerate(SCHEDULES):
        part, io = zip(*sizes[schedule], strict=True)
        ax.bar(x + (i - 1) * width, part, width, label=f"{schedule}: machine part")
        ax.bar(x + (i - 1) * width, io, width, bottom=part, color="0.75",
               label="I/O (loader and output stage)" if i == 0 else None)
    ax.set_xticks(x, MACHINES)
    ax.set(ylabel="neurons", title="neurons by schedule, the I/O part in grey")
    ax.legend(fontsize=8)
    save(fig, args.out, "schedules.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
