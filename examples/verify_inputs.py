"""Verify a textbook machine, binary addition, on every input up to a size under each of
the three schedules: the machine run directly and its network run exactly, side by side.

What to look at: the table says every pair agrees; the figure plots network steps against
machine steps for every input: three straight bands, one per schedule, whose slopes are the
network steps each schedule spends per machine step (1 for realtime, 2 for compact, 4 per
bit of a symbol for Siegelmann-Sontag: 8 here), offset by the loading and the output,
which grow with the input's length.

Usage: ``python examples/verify_inputs.py [--bits 3] [--out examples/output]`` (a few
seconds); writes ``verify_inputs.png``.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from figures import arguments, pyplot, save

from rnntm import SCHEDULES, compile, load_machine, verify
from rnntm.cli.commandline import entry_point, positive_whole_number


def words(bits: int) -> list[str]:
    """Every ``a+b`` with a and b binary numbers of 1 to ``bits`` digits."""
    numbers = ["".join(d) for n in range(1, bits + 1) for d in itertools.product("01", repeat=n)]
    return [f"{a}+{b}" for a in numbers for b in numbers]


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--bits", type=positive_whole_number, default=3,
                        help="the longest number's digits (default 3)")
    args = parser.parse_args()
    plt = pyplot()
    machine = load_machine("binary-addition")
    inputs = words(args.bits)
    fig, ax = plt.subplots(figsize=(8, 5))
    print(f"binary addition on {len(inputs)} inputs:")
    for schedule in SCHEDULES:
        compiled = compile(machine, schedule)
        reports = [verify(machine, w, max_steps=100_000, compiled=compiled) for w in inputs]
        agree = sum(r.ok for r in reports)
        print(f"  {schedule:18} {agree} of {len(reports)} agree, "
              f"{compiled.network.size} neurons, {compiled.steps_per_tm_step} network "
              f"step(s) per machine step")
        ax.plot([r.steps for r in reports], [r.network_steps for r in reports], ".",
                label=f"{schedule} ({compiled.network.size} neurons)")
    ax.set(xlabel="machine steps", ylabel="network steps to the complete result",
           title="binary addition, every input a+b: network against machine steps")
    ax.legend()
    save(fig, args.out, "verify_inputs.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
