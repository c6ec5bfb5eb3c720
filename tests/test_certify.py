"""Certificates: a given network proved to take one machine step per network step from
every configuration, without running it; a changed weight is caught with the case and the
neuron named, or, if certified, harmless."""

import json
import random
from dataclasses import replace
from fractions import Fraction

import pytest

from rnntm import compile, load_machine
from rnntm.check.certificates import certify
from rnntm.check.lockstep import verify
from rnntm.cli.command import main
from rnntm.core.network import Affine
from rnntm.machines import catalogue

SCHEDULES = ("realtime", "compact", "siegelmann-sontag")
#: Certified under Siegelmann-Sontag in more than a few seconds: behind the slow marker.
SLOW = {"copy", "anbncn", "unary-multiplication"}
ENTRIES = [pytest.param(e, s, id=f"{e.name}-{s}",
                        marks=[pytest.mark.slow] * (e.name in SLOW and
                                                    s == "siegelmann-sontag"))
           for e in catalogue.entries() if e.family != "universal" for s in SCHEDULES]


@pytest.mark.parametrize("entry, schedule", ENTRIES)
def test_every_catalogue_network_is_certified(entry, schedule):
    cert = certify(compile(entry.machine, schedule))
    assert cert.ok, cert.failures[:3]
    assert cert.cases > 0 and cert.obligations >= cert.cases


def test_the_small_universal_network_is_certified():
    """The saved, hash-checked 63 neurons: 467 cases, 59,521 obligations."""
    from rnntm.universal import load_universal

    cert = certify(load_universal("small"))
    assert (cert.ok, cert.cases, cert.obligations) == (True, 467, 59_521)


@pytest.mark.slow
def test_the_practical_universal_network_is_certified():
    """1,237 neurons, 71 states × 16 symbols: 38,214 cases, 3,289,923 obligations (about
    25 s: the cost grows with states × symbols × k, not with k³)."""
    from rnntm.universal import load_universal

    cert = certify(load_universal("practical"))
    assert (cert.ok, cert.cases, cert.obligations) == (True, 38_214, 3_289_923)


def test_the_certificate_does_not_run_the_network(monkeypatch):
    """With every way to run a network replaced by a refusal, the certificate still
    comes: it reads the weights only."""
    import rnntm
    import rnntm.check.decoded
    import rnntm.check.precision
    import rnntm.execute
    import rnntm.execute.backends

    def refuse(*args, **kwargs):
        raise AssertionError("the network was run")

    for module in (rnntm, rnntm.execute, rnntm.execute.backends, rnntm.check.precision):
        monkeypatch.setattr(module, "run_network", refuse)
    for module in (rnntm.execute, rnntm.execute.backends, rnntm.check.decoded):
        monkeypatch.setattr(module, "run_states", refuse)
    assert certify(compile(load_machine("bb4"))).ok
    with pytest.raises(AssertionError, match="was run"):
        verify(load_machine("bb4"), max_steps=10)


def _perturbed(compiled, neuron: int, part: str, term: int | None, delta):
    """The network with one weight (``term`` of the row's ``state`` or ``inputs``) or the
    bias (``term`` None) of row ``neuron`` changed by delta."""
    rows = list(compiled.network.rows)
    row = rows[neuron]
    if term is None:
        rows[neuron] = replace(row, bias=row.bias + delta)
    else:
        weights = list(getattr(row, part))
        j, w = weights[term]
        weights[term] = (j, w + delta)
        rows[neuron] = replace(row, **{part: tuple(weights)})
    return replace(compiled, network=replace(compiled.network, rows=tuple(rows)))


def _changes(compiled):
    """Every bias and every weight of the network: machine part, loader, output stage,
    from neurons and from input lines."""
    for i, row in enumerate(compiled.network.rows):
        yield i, "bias", None
        for part in ("state", "inputs"):
            for term in range(len(getattr(row, part))):
                yield i, part, term


#: How a certificate names its cases: a configuration, a stack-machine state, a loader
#: step, the output stage.
CASES = ("state ", "stack-machine state ", "the stack machine from ", "the input word ",
         "loading the bit ", "the output stage")
BB4_INPUTS = [run.input for run in catalogue.entry("bb4").runs]


def _check_change(compiled, change, delta):
    changed = _perturbed(compiled, *change, delta)
    cert = certify(changed)
    if cert.ok:       # certified: then it must agree with direct execution
        for word in BB4_INPUTS:
            assert verify(changed.machine, word, max_steps=1000, compiled=changed).ok
    else:             # refused, naming a case and a neuron
        first = cert.failures[0]
        assert first.case.startswith(CASES) and first.neuron in changed.network.neurons
    return cert.ok


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_changed_weights_of_bb4_are_caught_or_harmless(schedule):
    """A sample of BB(4)'s weights and biases, each changed by ±1/2 or ±1/3."""
    compiled = compile(load_machine("bb4"), schedule)
    draw = random.Random(4)
    refused = [not _check_change(compiled, change, draw.choice((1, -1)) * draw.choice(
        (Fraction(1, 2), Fraction(1, 3)))) for change in draw.sample(list(_changes(compiled)),
                                                                     12)]
    assert any(refused)


@pytest.mark.parametrize("name", ["out.R", "out.left", "out.halt", "out.state[0]"])
def test_a_changed_output_weight_is_caught_after_the_halt(name):
    """Each of the output stage's rows is certified: a bias raised by 1/2 is refused, in
    a case of the output stage or where a halt shows, naming the changed neuron (BB(4) halts
    in one state only, so the state line's is checked on a machine that halts in two)."""
    machine = load_machine("1RB---_1LA1RZ") if "state" in name \
        else load_machine("bb4")
    compiled = compile(machine)
    i = compiled.network.index(name)
    cert = certify(_perturbed(compiled, i, "bias", None, Fraction(1, 2)))
    assert not cert.ok
    assert {f.neuron for f in cert.failures} == {name}


def test_a_machine_neuron_reading_the_output_stage_is_refused():
    """The output stage runs beside the end of the machine's last round only because no
    other neuron reads it: a weight from out.R into a machine neuron is refused, named."""
    compiled = compile(load_machine("bb4"), "siegelmann-sontag")
    net = compiled.network
    target = net.rows[0]
    rows = list(net.rows)
    rows[0] = replace(target, state=(*target.state, (net.index("out.R"), Fraction(1, 8))))
    cert = certify(replace(compiled, network=replace(net, rows=tuple(rows))))
    assert any(f.case == "the output stage's neurons, read only by the output stage" and
               f.neuron == net.neurons[0] for f in cert.failures)


def test_a_loader_neuron_woken_after_the_halt_is_refused():
    """While the Siegelmann-Sontag layers run out after a halt, the loader must stay 0: a
    weight from the halting state's reading into in.pulse is refused, named."""
    compiled = compile(load_machine("bb2"), "siegelmann-sontag")
    net = compiled.network
    reading = next(i for i, name in enumerate(net.neurons) if name.startswith("Y<Z,"))
    pulse = net.index("in.pulse")
    rows = list(net.rows)
    rows[pulse] = replace(rows[pulse], state=(*rows[pulse].state, (reading, Fraction(1))))
    cert = certify(replace(compiled, network=replace(net, rows=tuple(rows))))
    assert not cert.ok and cert.failures[0].neuron == "in.pulse"
    assert cert.failures[0].case.startswith("stack-machine state <Z,")


@pytest.mark.slow
@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_changed_weight_of_bb4_is_caught_or_harmless(schedule):
    compiled = compile(load_machine("bb4"), schedule)
    outcomes = [_check_change(compiled, change, Fraction(1, 2))
                for change in _changes(compiled)]
    assert not all(outcomes)


def test_the_command_certifies_and_names_what_fails(tmp_path, capsys):
    assert main(["certify", "1RB1LB_1LA0LC_1RZ1LD_1RD0RA", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] and doc["cases"] == 127 and doc["obligations"] == 1909
    net = tmp_path / "bb4.net.json"
    assert main(["compile", "bb4", "-o", str(net)]) == 0
    saved = json.loads(net.read_text())
    saved["network"]["rows"]["T[B|R|1]"]["state"]["T[A|L|0]"] = "1/2"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(saved))
    capsys.readouterr()
    assert main(["certify", "bb4", "--net", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "NOT certified" in out and "neuron T[B|R|1]" in out and "state A scanning" in out
    cert = tmp_path / "cert.json"
    assert main(["certify", "bb4", "-o", str(cert)]) == 0
    written = json.loads(cert.read_text())["schedules"][0]
    assert len(written["discharged"]) == written["obligations"] == 1909
    assert set(written["discharged"][0]) == {"case", "neuron", "interval", "expected",
                                             "verdict"}


def test_every_schedule_is_certified_from_the_command(capsys):
    assert main(["certify", "bb4", "--schedule", "all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("realtime: certified: 127 cases, 1,909 obligations")
    assert out[1].startswith("compact: certified: 98 cases, 5,959 obligations")
    assert out[2].startswith("siegelmann-sontag: certified: 137 cases, 30,019 obligations")


def test_the_stack_machine_must_realize_the_turing_machine(monkeypatch):
    """The Siegelmann–Sontag certificate checks the two-stack machine over bits too: a
    stack machine whose decision state leads elsewhere is refused, named."""
    import rnntm.check.certificates as certifying
    from rnntm.compiler import siegelmann_sontag

    def swapped(machine, bits):
        states, rules = siegelmann_sontag.stack_machine(machine, bits)
        first = next(q for q in rules if q[0] == "decide")
        rules = {**rules, first: {0: rules[first][1], 1: rules[first][0]}}
        return states, rules

    monkeypatch.setattr(certifying, "stack_machine", swapped)
    cert = certify(compile(load_machine("bb4"), "siegelmann-sontag"))
    assert not cert.ok
    assert any(f.case.startswith("the stack machine from <A,") for f in cert.failures)


def test_a_changed_loader_weight_is_caught_at_its_step():
    """The loader is certified too: a push that weighs the data line 3 instead of 2 is
    refused in the case of a loading step, naming in.stack."""
    compiled = compile(load_machine("bb4"))
    stack = compiled.network.index("in.stack")
    row = compiled.network.rows[stack]
    inputs = tuple((k, v * Fraction(3, 2) if k == compiled.network.inputs.index("data") else v)
                   for k, v in row.inputs)
    rows = list(compiled.network.rows)
    rows[stack] = Affine(row.state, inputs, row.bias)
    changed = replace(compiled, network=replace(compiled.network, rows=tuple(rows)))
    cert = certify(changed)
    assert not cert.ok
    assert cert.failures[0].neuron == "in.stack"
    assert cert.failures[0].case == "loading the bit 1 onto the code s of the bits so far"
