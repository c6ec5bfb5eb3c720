"""Compile a busy beaver into its exact network, run the network, read the result off its
output lines, and look at the run: the tape over time, and every neuron over time.

What to look at: the printed result (107 steps, 13 ones for BB(4)) comes from the network:
the steps decoded from its neurons, the final state and tape from its output lines. In
``busy_beaver_tape.png`` the head zigzags across a growing block of 1s; in
``busy_beaver_neurons.png`` the control neurons switch between 0 and 1 at every step while
the stack neurons hold fractions that change slowly.

Usage: ``python examples/busy_beaver.py [--machine bb4] [--out examples/output]`` (a few
seconds).
"""

from __future__ import annotations

import sys
from pathlib import Path

from figures import arguments, pyplot, save

from rnntm import compile, load_machine, simulate_network, verify
from rnntm.cli.commandline import entry_point
from rnntm.study import plots


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--machine", default="bb4", help="a busy beaver (default bb4)")
    args = parser.parse_args()
    plt = pyplot()
    machine = load_machine(args.machine)
    compiled = compile(machine, "realtime")
    result = simulate_network(compiled, "", max_steps=10_000)
    state, tape = compiled.read_output(result.output_bits)
    print(f"{args.machine}: its network of {compiled.network.size} neurons ran "
          f"{result.network_steps} steps ({result.run.steps} machine steps, decoded from "
          f"its neurons); its output lines say: halted in state {state}, "
          f"{tape.count('1')} ones on the tape")
    report = verify(machine, "", max_steps=10_000, schedule="realtime")
    print(f"beside direct execution, step by step: {'agrees' if report.ok else 'DIFFERS'}")
    tape_data = plots.spacetime(machine, "", max_steps=10_000)
    save(plots.draw(plt, "spacetime", tape_data, f"{args.machine}: the tape over time"),
         args.out, "busy_beaver_tape.png")
    neurons = plots.activations(compiled, "", max_steps=10_000)
    save(plots.draw(plt, "activations", neurons,
                    f"{args.machine}: the {compiled.network.size} neurons of its network"),
         args.out, "busy_beaver_neurons.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
