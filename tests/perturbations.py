"""Single-weight perturbations of compiled networks, and what a verifier must see of them."""

from dataclasses import replace

from rnntm.check.lockstep import verify
from rnntm.compiler import Compiled
from rnntm.core.network import Affine
from rnntm.execute import run_network


def perturbations(net, neurons, delta):
    """Every network equal to ``net`` but for one weight (from a neuron or an input line)
    or the bias of one of ``neurons``, changed by ``delta``."""
    for i in neurons:
        row = net.rows[i]
        changes = [("bias", None)] + [("state", j) for j, _ in row.state] + \
                  [("inputs", k) for k, _ in row.inputs]
        for kind, at in changes:
            rows = list(net.rows)
            if kind == "bias":
                rows[i] = replace(row, bias=row.bias + delta)
            else:
                terms = tuple((a, w + delta if a == at else w) for a, w in getattr(row, kind))
                rows[i] = Affine(**{"state": row.state, "inputs": row.inputs,
                                    "bias": row.bias, kind: terms})
            yield replace(net, rows=tuple(rows))


def caught_and_harmless(c: Compiled, word: str, neurons, delta) -> tuple[int, int]:
    """(reported, not reported) over the perturbations of ``neurons``; asserts that every
    one not reported leaves the machine part and the output lines exactly as they were at
    every network step through the halt line."""
    reference = verify(c.machine, word, max_steps=1000, compiled=c, backend="mpq")
    seen = [*range(c.io.machine_size), *c.io.lines]

    def trajectory(net):
        return [tuple(x[i] for i in seen) for x in run_network(
            net, c.inputs(word), steps=reference.network_steps + 8, backend="mpq")]

    original = trajectory(c.network)
    caught = harmless = 0
    for perturbed in perturbations(c.network, neurons, delta):
        report = verify(c.machine, word, max_steps=1000, compiled=replace(c, network=perturbed),
                        backend="mpq")  # short runs: no step function to generate each time
        if report.ok:
            assert trajectory(perturbed) == original
            harmless += 1
        else:
            caught += 1
    return caught, harmless
