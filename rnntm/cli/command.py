"""The ``rnntm`` command: parses arguments, calls the library, prints. Errors that rnntm
raises on purpose, malformed arguments, unreadable files and memory run out become one line
on stderr and exit status 2 (:func:`~rnntm.cli.commandline.entry_point`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.sources import STDIN
from ..errors import RnntmError
from ..machines import catalogue, formats
from ..machines.direct import Run, StepConvention, run, run_stepwise
from .commandline import ArgumentParser, entry_point, number, positive_whole_number, whole_number
from .progress import ProgressBar

if TYPE_CHECKING:
    from ..compiler import Compiled

DEFAULT_MAX_STEPS = 100_000_000
CAMPAIGN_MAX_STEPS = 100
#: The default budget of a run through a universal network: each simulated step costs
#: hundreds of network steps or more.
UNIVERSAL_MAX_STEPS = 100_000

MACHINE_HELP = ("a file (.tm table, .json, .yaml turingmachine.io, .txt standard or Morphett "
                "format, else by content; - reads standard input), a catalogue name (see "
                "'rnntm list'), or a machine in the standard format such as 1RB1LB_1LA1RZ")
FORMAT_HELP = "the machine file's format (default: by its suffix, else by its content)"
INPUT_HELP = ("input word, written from the head rightwards; the blank (or a space) may stand "
              "between symbols (default: the file's own input, as turingmachine.io and "
              "Morphett files give it, else the blank tape)")
BACKEND_HELP = ("exact arithmetic (auto: specialised when every weight, start value and input "
                "is dyadic, else mpq; specialised: a step generated per pattern of 0s, 1s and "
                "fractions; dyadic: one general step; mpq and fraction: the reference)")


def length_range(text: str) -> tuple[int, int]:
    """``LO:HI``, two whole numbers (checked against the task's limits later)."""
    lo, sep, hi = text.partition(":")
    if not (sep and lo.strip().isdigit() and hi.strip().isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not LO:HI, such as 1:8")
    return int(lo), int(hi)


def simulate_backend(text: str) -> str:
    """An exact backend, ``float64``, or ``mpmath:BITS`` with 16 ≤ BITS ≤ 100,000."""
    from ..execute.backends import BACKENDS

    if text in BACKENDS or text == "float64":
        return text
    kind, _, bits = text.partition(":")
    if kind == "mpmath" and bits.isdigit() and 16 <= int(bits) <= 100_000:
        return f"mpmath:{int(bits)}"
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a backend: expected one of {', '.join(BACKENDS)}, float64, or "
        "mpmath:BITS with BITS from 16 to 100,000")


def _document(spec: str, args: argparse.Namespace) -> formats.Document:
    """The machine ``spec`` names, read in ``--format``, with what its file says."""
    return catalogue.load_document(spec, args.format)


def _word(args: argparse.Namespace, doc: formats.Document) -> str:
    """``--input``, else the file's own input word, else the blank tape."""
    return args.input if args.input is not None else doc.input or ""


def _network_word(args: argparse.Namespace, doc: formats.Document) -> str:
    """The input word for a network, which starts its head on the word's first cell."""
    if args.input is None and doc.head:
        raise RnntmError(f"the file's input {doc.input!r} starts the head on cell {doc.head}; "
                         "a compiled network starts it on the first cell: give --input, or "
                         "run the machine directly with 'rnntm run'")
    return _word(args, doc)


def _network(args: argparse.Namespace, spec: str) -> tuple[Compiled, str]:
    """The network ``spec`` names (a saved one, or the machine compiled under
    ``--schedule``) and the word to feed it."""
    from ..compiler import compile, saved

    if spec == STDIN or saved.is_saved(spec):
        compiled = saved.load_compiled(spec, args.schedule)
        return compiled, _network_word(args, formats.Document(compiled.machine))
    doc = _document(spec, args)
    return compile(doc.machine, args.schedule or "realtime"), _network_word(args, doc)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows as aligned text columns, numbers right-aligned."""
    cells = [list(map(str, headers))] + [[f"{c:,}" if isinstance(c, int) and not
                                          isinstance(c, bool) else str(c) for c in row]
                                         for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], int) for row in rows) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(r, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])]
                     + [line(r) for r in cells[1:]])


def _trace_line(machine, config, step_number: int) -> str:
    """One configuration: step, state, and the tape with the scanned cell in brackets."""
    start, cells = config.cells()
    lo, hi = min(start, config.head), max(start + len(cells) - 1, config.head)
    tape = []
    for position in range(lo, hi + 1):
        symbol = cells[position - start] if start <= position < start + len(cells) else 0
        name = machine.symbols[symbol]
        tape.append(f"[{name}]" if position == config.head else name)
    sep = "" if machine.single_character_symbols else " "
    return f"{step_number:>8}  {machine.state_name(config.state):<8} {sep.join(tape)}"


def _stream_trace(machine, word: str, head: int, args: argparse.Namespace,
                  convention: StepConvention) -> Run:
    """Print each configuration as it is reached (a line, or with ``--json`` an item of the
    object's ``trace`` list, the result's fields following it); return the result."""
    out = sys.stdout
    if args.json:
        out.write('{"trace": [')
    for t, config in enumerate(run_stepwise(machine, word, max_steps=args.max_steps,
                                            head=head)):
        if args.json:
            start, cells = config.cells()
            out.write(("," if t else "") + "\n " + json.dumps(
                {"step": t, "state": machine.state_name(config.state), "head": config.head,
                 "tape_start": start, "tape": machine.decode_word(cells)}))
        else:
            out.write(_trace_line(machine, config, t) + "\n")
        last, steps = config, t
    result = Run.of(machine, last, steps, convention)
    if args.json:  # the result's fields close the object: "{...}" without its "{"
        out.write("\n], " + json.dumps(result.as_dict())[1:] + "\n")
    return result


def cmd_run(args: argparse.Namespace) -> int:
    doc = _document(args.machine, args)
    machine, word = doc.machine, _word(args, doc)
    head = args.head if args.head is not None else doc.head if args.input is None else 0
    convention = StepConvention(args.step_convention) if args.step_convention else \
        doc.convention or StepConvention.TRANSITIONS
    if args.trace:
        result = _stream_trace(machine, word, head, args, convention)
        if args.json:
            return 0
    else:
        bar = ProgressBar(args.max_steps, "steps")
        result = run(machine, word, max_steps=args.max_steps, convention=convention,
                     progress=bar, head=head)
        bar.close()
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        d = result.as_dict()
        print(f"{d['status']} after {_count(d['steps'], 'step')} ({d['step_convention']} "
              f"convention) in state {d['state']}, head at {d['head']}, "
              f"{_count(d['nonblank'], 'non-blank cell')}")
        print(f"tape from cell {d['tape_start']}: {d['tape'] or '(blank)'}")
    return 0


def cmd_universal(args: argparse.Namespace) -> int:
    from ..universal import UNIVERSALS, load_universal, run_universal

    if args.info:
        rows = [universal_info(name, load_universal(name)) for name in UNIVERSALS]
        if args.json:
            print(json.dumps(rows))
        else:
            print(_table(("universal", "machine", "states x symbols", "neurons", "machine part",
                          "I/O", "connections", "steps/step", "sha256"),
                         [(r["universal"], r["machine"], r["states_x_symbols"],
                           f"{r['neurons']:,}", f"{r['neurons_machine']:,}",
                           f"{r['neurons_io']:,}", f"{r['connections']:,}",
                           r["steps_per_tm_step"], r["sha256"]) for r in rows]))
        return 0
    if args.machine is None:
        raise RnntmError("give a MACHINE to run through the universal network, or --info")
    doc = _document(args.machine, args)
    bar = ProgressBar(None, "network steps")
    result = run_universal(doc.machine, _network_word(args, doc), max_steps=args.max_steps,
                           universal=args.universal, max_network_steps=args.max_network_steps,
                           progress=bar)
    bar.close()
    d = {**result.run.as_dict(), "neurons": result.neurons,
         "network_steps": result.network_steps, "universal": result.universal,
         "sha256": result.sha256}
    if args.json:
        print(json.dumps(d))
    else:
        print(f"{d['status']} after {_count(d['steps'], 'step')} in state {d['state']}, head "
              f"at {d['head']}, {_count(d['nonblank'], 'non-blank cell')}: read off the "
              f"{d['universal']} universal network ({d['neurons']:,} neurons, "
              f"{_count(d['network_steps'], 'network step')})")
        print(f"tape from cell {d['tape_start']}: {d['tape'] or '(blank)'}")
    return 0


def universal_info(name: str, compiled: Compiled) -> dict[str, object]:
    """What ``rnntm universal --info`` reports of one universal network."""
    from ..universal import UNIVERSALS

    net, machine = compiled.network, compiled.machine
    return {"universal": name, "machine": UNIVERSALS[name].machine,
            "states_x_symbols": f"{len(machine.all_states)}x{machine.n_symbols}",
            "neurons": net.size, "neurons_machine": compiled.io.machine_size,
            "neurons_io": net.size - compiled.io.machine_size,
            "connections": net.connections,
            "steps_per_tm_step": compiled.steps_per_tm_step, "sha256": UNIVERSALS[name].sha256}


def cmd_list(args: argparse.Namespace) -> int:
    rows = [(e.name, e.family, f"{e.machine.n_states}x{e.machine.n_symbols}", e.title)
            for e in catalogue.entries()]
    if args.json:
        print(json.dumps([{"name": e.name, "family": e.family, "title": e.title,
                           "source": e.source, "machine": e.spec}
                          for e in catalogue.entries()]))
    else:
        print(_table(("name", "family", "states x symbols", "title"), rows))
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    doc = _document(args.machine, args)
    keeps = args.to in formats.KEEPS_INPUT
    text = formats.write(doc.machine, args.to, doc.input if keeps else None,
                         doc.head if keeps else 0)
    sys.stdout.write(text.rstrip("\n") + "\n")
    if doc.input is not None and not keeps:
        print(f"note: the {args.to} format has no place for the file's input word "
              f"{doc.input!r}; it is not written", file=sys.stderr)
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from ..compiler import saved
    from ..rnn import model
    from ..study import graphs

    if args.source and args.source.lower().endswith(".npz"):
        params, pattern, _ = model.load(args.source)
        kind = args.kind or "unfolded"
        if kind != "unfolded":
            raise RnntmError(f"{args.source} is a trained model: its graph is the unfolded one, "
                             f"not --kind {kind}")
        sizes = {"inputs": params.U.shape[1], "hidden": params.U.shape[0],
                 "outputs": params.V.shape[0]}
        graph = graphs.unfolded_graph(pattern, args.steps, sizes)
    elif args.kind == "unfolded":
        if args.source:
            raise RnntmError(f"--kind unfolded draws the §10.2 network: give a model file "
                             f"(MODEL.npz) or --pattern, not {args.source}")
        graph = graphs.unfolded_graph(args.pattern, args.steps)
    elif not args.source:
        raise RnntmError("give a machine, a saved network (NET.json) or a model (MODEL.npz)")
    else:
        compiled = saved.load_compiled(args.source, args.schedule)  # a network, or compiled
        kind = args.kind or ("network" if saved.is_saved(args.source) else "state")
        graph = graphs.state_diagram(compiled.machine) if kind == "state" else \
            graphs.connection_graph(compiled)
    written = graphs.write_graph(graph, args.output, args.format)
    summary = {"kind": graph.graph["kind"], "nodes": graph.number_of_nodes(),
               "edges": graph.number_of_edges(), "output": args.output, "format": written}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{summary['kind']} graph: {_count(summary['nodes'], 'node')}, "
              f"{_count(summary['edges'], 'edge')}; written: {args.output} ({written})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .extras import ONNX, TORCH, require

    require(*(("torch", TORCH) if args.to == "torch" else ("onnx", ONNX)))
    if args.source.lower().endswith(".npz"):
        return _export_model(args)
    from ..study import export

    compiled, word = _network(args, args.source)
    if args.to == "torch":
        export.save_torch(compiled.network, args.output)
        run = export.read_torch(args.output)
    else:
        export.save_onnx(compiled.network, args.output)
        run = export.read_onnx(args.output, compiled.network.initial)
    following = export.follow(compiled, word, run, max_steps=args.max_steps)
    summary = {"output": args.output, "to": args.to, "schedule": compiled.schedule,
               "neurons": compiled.network.size, "inputs": len(compiled.network.inputs),
               **following.as_dict()}
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"written: {args.output}, the {compiled.network.size}-neuron {compiled.schedule} "
          f"network as {'a torch.export program' if args.to == 'torch' else 'ONNX'} "
          "(float64, one step: x, u -> x_next)")
    departs = following.first_departure
    on = f"on {word!r}" if word else "on the blank tape"
    print(f"read back and run beside the exact network {on}: "
          + (f"equal at all {following.network_steps:,} network steps" if departs is None
             else f"it departs at network step {departs:,} of {following.network_steps:,} "
                  "(float64 holds 53 bits of the stacks' codes)"))
    return 0


def _export_model(args: argparse.Namespace) -> int:
    """``export MODEL.npz --to torch``: the state dicts of nn.RNN and nn.Linear, checked
    against the model's own forward pass on random inputs."""
    from ..rnn import model
    from ..study import export

    if args.to != "torch":
        raise RnntmError(f"a trained model exports to torch (nn.RNN + nn.Linear), not {args.to}")
    params, pattern, meta = model.load(args.source)
    export.save_model_torch(params, pattern, args.output, meta)
    gap = export.torch_model_gap(args.output, params, pattern)
    summary = {"output": args.output, "to": "torch", "pattern": pattern,
               "sizes": {"n_in": params.n_in, "n_hidden": params.n_hidden,
                         "n_out": params.n_out}, "largest_difference": gap}
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"written: {args.output}, state dicts of nn.RNN({params.n_in}, {params.n_hidden}) and "
          f"nn.Linear({params.n_hidden}, {params.n_out}) for pattern {pattern}; "
          f"read back, its probabilities differ from the model's by at most {gap:.1e}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..machines.machine import shown
    from ..study.views import describe_machine

    machine = _document(args.machine, args).machine
    entry = next((e for e in catalogue.entries() if e.machine == machine), None)
    described = describe_machine(machine, entry)
    if args.json:
        print(json.dumps(described))
        return 0
    record = described.get("catalogue")
    if record:
        print(f"{record['name']}: {record['title']} ({record['family']}; {record['source']})")
    def names(items) -> str:
        return " ".join(shown(name) for name in items)

    print(f"states: {names(machine.states)} (start {shown(machine.states[0])}); halting: "
          f"{names(machine.halt_states) or 'none'}")
    print(f"symbols: {names(machine.symbols)} (blank {shown(machine.symbols[0])}); input "
          f"alphabet: {names(machine.input_symbols)}")
    print(f"transitions: {described['transitions']} defined of "
          f"{machine.n_states * machine.n_symbols}")
    if described["standard"]:
        print(f"standard format: {described['standard']}")
    print("\n" + str(described["table"]).rstrip("\n"))
    if record:
        print("\nrecorded runs:")
        for r in record["runs"]:
            expected = ", ".join(f"{k} {v}" for k, v in r["expect"].items())
            print(f"  input {r['input'] or '(blank)'}, at most {r['max_steps']:,} steps: "
                  f"{expected}")
    return 0


def cmd_weights(args: argparse.Namespace) -> int:
    from ..compiler import saved
    from ..study import views

    net = saved.load_compiled(args.source, args.schedule).network
    if args.format == "npz":
        if not args.output:
            raise RnntmError("--format npz writes an archive: name it with -o FILE.npz")
        Path(args.output).write_bytes(views.weights_npz(net))
    else:
        text = {"text": views.weights_text, "csv": views.weights_csv,
                "latex": views.weights_latex}[args.format](net)
        if not args.output:
            sys.stdout.write(text)
            return 0
        Path(args.output).write_text(text, encoding="utf-8")
    print(f"written: {args.output} ({args.format}: {net.size} neurons, "
          f"{len(net.inputs)} input lines, {net.connections} connections)")
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    from ..study import plots
    from .extras import pyplot

    output = args.output or f"{args.kind}.png"
    if Path(output).suffix.lower() not in (".png", ".pdf", ".svg"):
        raise RnntmError(f"cannot tell the image format of {output!r}: name it .png, .pdf or "
                         ".svg")
    model_file = args.source.lower().endswith(".npz")
    if model_file and args.kind != "training":
        raise RnntmError(f"{args.source} is a trained model: draw it with 'rnntm plot "
                         f"training {args.source}'")
    if args.kind == "training" and not model_file:
        raise RnntmError(f"'plot training' draws a model saved by 'rnntm train -o "
                         f"MODEL.npz', not {args.source}")
    plt = pyplot()
    if args.kind == "training":
        data = plots.training(args.source)
        title = f"{args.source}: {data.task}, pattern {data.pattern}"
        drawn = (f"loss over {len(data.loss)} epochs, accuracy at lengths "
                 f"{min(data.accuracy_by_length)} to {max(data.accuracy_by_length)}, trained "
                 f"on {data.trained[0]} to {data.trained[1]}")
    else:
        data, title, drawn = _run_figure(args)
    figure = plots.draw(plt, args.kind, data, title)
    figure.savefig(output, dpi=120)
    plt.close(figure)
    print(f"{args.kind}: {drawn}; written: {output}")
    return 0


def _run_figure(args: argparse.Namespace) -> tuple[object, str, str]:
    """A figure of a run (spacetime, activations, stacks, precision): its data, its title,
    and what it draws, in words."""
    from ..study import plots

    compiled, word = _network(args, args.source)
    network = f"{compiled.schedule} network"
    if args.kind == "spacetime":
        data = plots.spacetime(compiled.machine, word, max_steps=args.max_steps)
        title = f"{args.source}: the tape over {len(data.heads) - 1:,} steps"
        drawn = f"the tape over {len(data.heads) - 1:,} steps, {data.cells.shape[1]} cells"
    elif args.kind == "activations":
        data = plots.activations(compiled, word, max_steps=args.max_steps)
        title = f"{args.source}: the {compiled.network.size} neurons of its {network}"
        drawn = (f"{data.values.shape[1]} neurons over {data.values.shape[0] - 1:,} network "
                 "steps")
    elif args.kind == "stacks":
        data = plots.stack_sizes(compiled, word, max_steps=args.max_steps)
        title = f"{args.source}: the stacks of its {network}"
        drawn = f"the stacks over {len(data.steps) - 1:,} machine steps"
    else:
        data = plots.precision_departures(compiled, word, max_steps=args.max_steps)
        title = f"{args.source}: where floats misread the machine (within " \
                f"{args.max_steps:,} steps)"
        drawn = "first wrong readings: " + ", ".join(
            f"{label} {'none' if step is None else f'{step:,}'}" for label, _, step in data)
    return data, title, drawn


def _count(n: int, thing: str) -> str:
    """``n`` things, in words: "1 step", "2,000 steps"."""
    return f"{n:,} {thing}{'s' * (n != 1)}"


def _report_training(args: argparse.Namespace, result, task, extra: dict) -> None:
    """Print held-out accuracy at the training lengths and by length, the trained lengths
    marked (or one JSON object)."""
    lo, hi = task.train_lengths
    out = {"task": task.name, "pattern": result.pattern, **extra, "train_lengths": [lo, hi],
           "accuracy": result.accuracy,
           "accuracy_by_length": {str(n): a for n, a in result.accuracy_by_length.items()},
           "history": result.history}
    if args.json:
        print(json.dumps(out))
        return
    if result.history:
        print(f"loss per target after {len(result.history)} epochs: {result.history[-1]:.4f}")
    print(f"held-out accuracy at the training lengths ({lo} to {hi}): {result.accuracy:.4f}")
    print(_table(("length", "accuracy", "trained"),
                 [(n, f"{a:.4f}", "yes" if lo <= n <= hi else "")
                  for n, a in result.accuracy_by_length.items()]))


def cmd_train(args: argparse.Namespace) -> int:
    import dataclasses

    import numpy as np

    from ..rnn import data, model
    from ..rnn.train import Settings, TrainingError, train

    task = data.task(args.task, args.pattern)
    if args.train_lengths:
        task = data.with_lengths(task, args.train_lengths)
    try:
        settings = Settings(pattern=args.pattern or task.patterns[0], hidden=args.hidden,
                            epochs=args.epochs, optimizer=args.optimizer,
                            learning_rate=args.learning_rate, clip_norm=args.clip_norm,
                            clip_value=args.clip_value, truncate=args.truncate,
                            dtype=args.dtype, per_length=args.per_length, batch=args.batch)

        def log(epoch: int, loss: float) -> None:
            if not args.json:
                print(f"epoch {epoch}/{settings.epochs}: loss per target {loss:.4f}",
                      flush=True)

        started = time.perf_counter()
        result = train(task, settings, np.random.default_rng(args.seed), progress=log)
    except TrainingError as error:  # named as the option that set it
        raise TrainingError("--" + error.setting.replace("_", "-"), error.problem) from None
    seconds = round(time.perf_counter() - started, 2)
    hyperparameters = {name: "inf" if value == float("inf") else value  # JSON has no inf
                       for name, value in dataclasses.asdict(settings).items()}
    if args.output:
        model.save(result.params, settings.pattern, args.output,
                   meta={"task": args.task, "seed": args.seed,
                         "per_length": settings.per_length,
                         "train_lengths": list(task.train_lengths),
                         "settings": hyperparameters, "history": result.history})
    _report_training(args, result, task, {"seed": args.seed, "seconds": seconds,
                                          "settings": hyperparameters})
    if args.output and not args.json:
        print(f"written: {args.output}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ..rnn.train import evaluate_saved

    result, task, seed = evaluate_saved(args.model, args.task, args.seed)
    _report_training(args, result, task, {"seed": seed})
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from ..compiler import compile, saved

    compiled = compile(_document(args.machine, args).machine, args.schedule)
    if args.output:
        saved.write(compiled, args.output)
    sizes = {"schedule": compiled.schedule, "neurons": compiled.network.size,
             "neurons_io": compiled.network.size - compiled.io.machine_size,
             "blocks": dict(compiled.network.blocks),
             "connections": compiled.network.connections,
             "steps_per_tm_step": compiled.steps_per_tm_step,
             "dyadic": compiled.network.is_dyadic}
    if args.json:
        print(json.dumps(sizes))
    else:
        print(f"{compiled.schedule}: {sizes['neurons']} neurons ({compiled.io.machine_size} for "
              f"the machine, {sizes['neurons_io']} for input and output), "
              f"{sizes['connections']} connections, "
              f"{sizes['steps_per_tm_step']} network step(s) per machine step, "
              f"{'dyadic' if sizes['dyadic'] else 'rational'} weights")
        print("blocks: " + ", ".join(f"{name} {size}" for name, size in compiled.network.blocks))
        if args.output:
            print(f"written: {args.output}")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from ..check.decoded import simulate_network

    compiled, word = _network(args, args.machine)
    if args.backend.startswith(("float", "mpmath")):
        if args.trace:
            raise RnntmError(f"--trace prints the exact run; it does not apply to --backend "
                             f"{args.backend}")
        return _precision_study(compiled, word, args)
    bar = ProgressBar(args.max_steps, "machine steps")
    result = simulate_network(compiled, word, max_steps=args.max_steps,
                              backend=args.backend, progress=bar)
    bar.close()
    output_bits = result.output_bits
    out = {**result.run.as_dict(), "network_steps": result.network_steps,
           "neurons": compiled.network.size, "schedule": compiled.schedule,
           "output_bits": output_bits, "output": None}
    if output_bits is not None:
        state, tape = compiled.read_output(output_bits)
        out["output"] = {"state": state, "tape": tape}
    trace = _trace(compiled, word, args, result.network_steps) if args.trace else None
    if args.json:
        print(json.dumps(out if trace is None else {**out, "trace": trace}))
        return 0
    for t, values in enumerate(trace or ()):
        print(f"t={t}: " + (" ".join(f"{name}={value}" for name, value in values.items())
                            or "(all 0)"))
    print(f"read from the {compiled.network.size}-neuron {compiled.schedule} network "
          f"after {result.network_steps:,} network steps:")
    print(f"{out['status']} after {out['steps']:,} machine steps in state {out['state']}, "
          f"head at {out['head']}, {_count(out['nonblank'], 'non-blank cell')}")
    print(f"tape from cell {out['tape_start']}: {out['tape'] or '(blank)'}")
    if output_bits is not None:
        state, tape = out["output"]["state"], out["output"]["tape"] or "(blank)"
        print(f"output lines: {_shorten_bits(output_bits)}: state {state}, tape {tape}")
    return 0


def _trace(compiled: Compiled, word: str, args: argparse.Namespace, steps: int
           ) -> list[dict[str, str]]:
    """The nonzero neurons' exact values at network steps 0 .. ``steps``."""
    from fractions import Fraction

    from ..core.exact import to_text
    from ..execute import run_network

    names = compiled.network.neurons
    return [{name: to_text(Fraction(value)) for name, value in zip(names, x, strict=True)
             if value}
            for x in run_network(compiled.network, compiled.inputs(word), steps=steps,
                                 backend=args.backend)]


def _precision_study(compiled: Compiled, word: str, args: argparse.Namespace) -> int:
    """``simulate --backend float64|mpmath:BITS``: where the finite-precision run leaves the
    exact one (:func:`~rnntm.check.precision.departure`)."""
    from ..check.precision import departure

    bits = None if args.backend == "float64" else int(args.backend.split(":")[1])
    found = departure(compiled, word, max_steps=args.max_steps, bits=bits)
    if args.json:
        print(json.dumps(found.as_dict()))
        return 0
    print(f"{found.precision} beside the exact run of the {compiled.network.size}-neuron "
          f"{compiled.schedule} network, {found.steps:,} machine steps compared:")
    print("first inexact value: " + ("none" if found.first_inexact is None
                                     else f"machine step {found.first_inexact:,}"))
    print("first wrong reading: " + ("none" if found.first_wrong is None
                                     else f"machine step {found.first_wrong:,}: {found.what}"))
    return 0


def _networks(args: argparse.Namespace) -> tuple[formats.Document, list[Compiled]]:
    """The machine of ``args.machine`` and the networks ``verify`` and ``certify`` check: the
    saved ``--net`` (its schedule its own), or the machine compiled under ``--schedule``
    (realtime by default; ``all``: every schedule)."""
    from ..compiler import SCHEDULES, compile, saved

    if args.net and args.schedule:
        raise RnntmError(f"--schedule {args.schedule} cannot apply to --net {args.net}: a "
                         "saved network keeps its own schedule")
    doc = _document(args.machine, args)
    if args.net:
        return doc, [saved.read_for(args.net, doc.machine)]
    schedule = args.schedule or "realtime"
    return doc, [compile(doc.machine, s)
                 for s in (SCHEDULES if schedule == "all" else [schedule])]


def cmd_verify(args: argparse.Namespace) -> int:
    from ..check.lockstep import verify
    from ..check.segments import verify_in_segments

    doc, targets = _networks(args)
    machine, word = doc.machine, _network_word(args, doc)
    reports = []
    for compiled in targets:
        bar = ProgressBar(args.max_steps, f"machine steps ({compiled.schedule})")
        if args.workers > 1 or args.scheduler:
            reports.append(verify_in_segments(
                machine, word, max_steps=args.max_steps, compiled=compiled,
                backend=args.backend, workers=args.workers, scheduler=args.scheduler))
        else:
            reports.append(verify(machine, word, max_steps=args.max_steps,
                                  compiled=compiled, backend=args.backend, progress=bar))
        bar.close()
    if args.json:
        print(json.dumps([r.as_dict() for r in reports]))
    else:
        for r in reports:
            verdict = "agrees" if r.ok else f"DIFFERS at {r.divergence}"
            print(f"{r.schedule}: {verdict}; {r.steps:,} machine steps, "
                  f"{r.network_steps:,} network steps, "
                  f"{'halted' if r.halted else 'stopped by its budget'}, "
                  f"{_count(r.full_comparisons, 'whole-configuration comparison')}"
                  + (f", output {_shorten_bits(r.output_bits)}" if r.output_bits else ""))
    return 0 if all(r.ok for r in reports) else 1


def cmd_certify(args: argparse.Namespace) -> int:
    from ..check.certificates import certify

    _, targets = _networks(args)
    rows = []
    for compiled in targets:
        started = time.perf_counter()
        cert = certify(compiled, keep=args.output is not None)
        rows.append({**cert.as_dict(every_obligation=args.output is not None),
                     "seconds": round(time.perf_counter() - started, 3)})
    doc = {"ok": all(r["ok"] for r in rows), "cases": sum(r["cases"] for r in rows),
           "obligations": sum(r["obligations"] for r in rows), "schedules": rows}
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=1)
    if args.json:
        print(json.dumps({**doc, "schedules": [{k: v for k, v in r.items() if k != "discharged"}
                                               for r in rows]}))
        return 0 if doc["ok"] else 1
    for r in rows:
        if r["ok"]:
            print(f"{r['schedule']}: certified: {_count(r['cases'], 'case')}, "
                  f"{_count(r['obligations'], 'obligation')} discharged in {r['seconds']} s")
        else:
            first = r["failures"][0]
            print(f"{r['schedule']}: NOT certified: {_count(len(r['failures']), 'obligation')} "
                  f"of {r['obligations']:,} fail; first: in the case {first['case']}, neuron "
                  f"{first['neuron']} has its pre-activation in [{first['interval'][0]}, "
                  f"{first['interval'][1]}] where σ of it must be {first['expected']}")
    return 0 if doc["ok"] else 1


def cmd_campaign(args: argparse.Namespace) -> int:
    from ..check.campaign import ResultsDB, pairs, run_campaign
    from ..compiler import SCHEDULES

    if args.scheduler and args.workers != 1:
        raise RnntmError(f"--workers {args.workers} starts a local cluster; the cluster at "
                         f"--scheduler {args.scheduler} has its own workers")
    todo = pairs(args.spec, max_steps=args.max_steps)
    schedules = SCHEDULES if args.schedule == "all" else (args.schedule,)
    db = ResultsDB(args.db)
    bar = ProgressBar(len(todo), "pairs")
    try:
        summary = run_campaign(todo, schedules, max_steps=args.max_steps, db=db,
                               workers=args.workers, scheduler=args.scheduler, progress=bar)
    finally:
        bar.close()
        db.close()
    if args.json:
        print(json.dumps({"spec": args.spec, "schedules": list(schedules), "db": args.db,
                          **summary.as_dict()}))
        return 0 if not summary.divergences else 1
    verdicts = ", ".join(f"{n:,} {v}" for v, n in sorted(summary.by_verdict.items()))
    speed = f"{summary.seconds:.1f} s, {summary.pairs_per_second:.1f} pairs/s with " \
        f"{_count(summary.workers, 'worker')}" if verdicts else "nothing left to run"
    print(f"campaign {args.spec}: {_count(summary.pairs, 'pair')} × "
          f"{_count(len(schedules), 'schedule')}: {verdicts or 'all done before'}; "
          f"{summary.skipped:,} skipped (in {args.db} already); {speed}")
    for row in summary.divergences[:10]:
        word = f" --input {row['input']!r}" if row["input"] else ""
        print(f"  DIFFERS: {row['divergence']}; reproduce with: rnntm verify "
              f"{row['machine']}{word} --schedule {row['schedule']} "
              f"--max-steps {args.max_steps}")
    return 0 if not summary.divergences else 1


DEMO_ENTRIES = ("bb1", "bb2", "bb3", "bb4", "bb5", "bb2x3", "bb2x4", "cycler-3",
                "binary-increment", "binary-addition", "unary-multiplication", "palindrome",
                "copy", "anbncn", "balanced-parentheses")


def _shorten_bits(bits: str) -> str:
    """Output bits for a line of text: at most 64 of them, and how many there are."""
    return bits if len(bits) <= 64 else f"{bits[:64]}... ({len(bits):,} bits)"


def _shorten(tape: str) -> str:
    """A tape for a table cell: at most 16 characters."""
    return tape if len(tape) <= 16 else tape[:13] + "..."


def cmd_demo(args: argparse.Namespace) -> int:
    from ..check.schedules import verify_schedules

    direct = catalogue.check_records(DEMO_ENTRIES)
    networks = verify_schedules(DEMO_NETWORKS)
    figures, missing = _demo_figures(args.figures)
    if args.json:
        print(json.dumps({"direct": [_record_dict(c) for c in direct],
                          "networks": [_schedule_dict(c) for c in networks],
                          "figures": [str(path) for path, _ in figures]}))
    else:
        print("Direct execution of catalogue machines, compared with their published "
              "behaviour:\n")
        print(_table(("machine", "size", "input", "status", "steps", "non-blank", "result",
                      "vs published", "seconds"),
                     [(c.entry.name, f"{c.entry.machine.n_states}x{c.entry.machine.n_symbols}",
                       c.recorded.input or "(blank)", c.run.status.value, c.run.steps,
                       c.run.nonblank, _answer(c.entry.machine, c.run.state, c.run.tape),
                       "agrees" if c.agrees else f"DIFFERS {c.mismatches}",
                       f"{c.seconds:.2f}") for c in direct]))
        print("\nThe same machines as exact rational networks, verified step by step against "
              "direct execution:\n")
        print(_table(("machine", "input", "schedule", "neurons", "of them I/O",
                      "steps/step", "machine steps", "output lines", "verdict", "seconds"),
                     [(_network_name(c), c.word or "(blank)", _schedule_label(c),
                       c.compiled.network.size,
                       c.compiled.network.size - c.compiled.io.machine_size,
                       c.compiled.steps_per_tm_step, c.report.steps,
                       _answer(c.compiled.machine, *c.output) if c.output else "-",
                       "agrees" if c.report.ok else f"DIFFERS {c.report.divergence}",
                       f"{c.seconds:.2f}") for c in networks]))
        if figures:
            print(f"\nFigures, in {args.figures}/:")
            for path, title in figures:
                print(f"  {path.name:22} {title}")
        else:
            print(f"\nFigures: not drawn ({missing}).")
    return 0 if all(c.agrees for c in direct) and all(c.report.ok for c in networks) else 1


def _demo_figures(folder: str) -> tuple[list, str | None]:
    """The demo's figures written to ``folder``, or none and why (no matplotlib)."""
    from ..study.plots import demo_figures
    from .extras import MissingExtraError, pyplot

    try:
        return demo_figures(pyplot(), folder), None
    except MissingExtraError as missing:
        return [], str(missing)


#: (catalogue name, input, machine-step budget) compiled and verified by the demo
DEMO_NETWORKS = (("bb4", "", 1000), ("bb5", "", 20_000), ("binary-addition", "101+11", 1000),
                 ("palindrome", "abba", 1000))


def _answer(machine, state: str, tape: str) -> str:
    """What a run gives, for a table: a recognizer's verdict, else the tape."""
    return state if len(machine.halt_states) > 1 else _shorten(tape) or "(blank)"


def _network_name(check) -> str:
    return check.name if check.report.halted else f"{check.name} (first {check.budget:,})"


def _schedule_label(check) -> str:
    """The schedule, and "(as realtime)" where compact chose the realtime construction."""
    compiled = check.compiled
    as_realtime = compiled.schedule == "compact" and compiled.construction == "realtime"
    return f"{compiled.schedule}{' (as realtime)' * as_realtime}"


def _record_dict(check) -> dict:
    return {"name": check.entry.name, "input": check.recorded.input, **check.run.as_dict(),
            "seconds": round(check.seconds, 3), "agrees": check.agrees}


def _schedule_dict(check) -> dict:
    compiled = check.compiled
    state, tape = check.output or (None, None)
    return {"name": _network_name(check), "input": check.word,
            "schedule": _schedule_label(check), "neurons": compiled.network.size,
            "neurons_io": compiled.network.size - compiled.io.machine_size,
            "blocks": dict(compiled.network.blocks),
            "connections": compiled.network.connections,
            "steps_per_tm_step": compiled.steps_per_tm_step, "steps": check.report.steps,
            "output": None if state is None else {"state": state, "tape": tape},
            "agrees": check.report.ok,
            "divergence": None if check.report.ok else str(check.report.divergence),
            "seconds": round(check.seconds, 3)}


EPILOG_MAIN = """\
examples:
  rnntm demo                                  run catalogue machines, check published figures
  rnntm run 1RB1LB_1LA0LC_1RZ1LD_1RD0RA       the BB(4) champion, 107 steps
  rnntm run binary-increment --input 1011     a catalogue machine on an input
  rnntm run bb5 --json                        one JSON object for scripts
  rnntm list                                  the catalogue
  rnntm compile bb4 -o bb4.net.json           the exact network of a machine
  rnntm verify bb4 --schedule all             network and machine side by side
"""


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="rnntm",
        description="Turing machines, run directly and as exact rational recurrent "
                    "networks, side by side.",
        epilog=EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="rnntm 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def reads_machine(p: argparse.ArgumentParser, word: bool = False) -> None:
        """The options of a command that reads a machine: --format, and with ``word``
        --input."""
        p.add_argument("--format", choices=formats.FORMATS, help=FORMAT_HELP)
        if word:
            p.add_argument("--input", "-i", metavar="W", help=INPUT_HELP)

    def command(name: str, help_text: str, *examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text,
                              epilog=("examples:" if len(examples) > 1 else "example:")
                              + "".join(f"\n  {example}" for example in examples),
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = command("run", "run a Turing machine directly and report the result",
                "rnntm run binary-increment --input 1011 --json",
                "rnntm run machine.yaml   # a turingmachine.io file, on its own input")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p, word=True)
    p.add_argument("--head", type=whole_number, metavar="N",
                   help="start the head on cell N of the input (default 0, its first cell, or "
                        "where the file's input marks it); universal machines start on their "
                        "data")
    p.add_argument("--max-steps", type=whole_number, default=DEFAULT_MAX_STEPS, metavar="N",
                   help=f"step budget (default {DEFAULT_MAX_STEPS:,}; 1000, 100,000, 100_000 "
                        "and 1e9 are all understood); running out is a status, not an error")
    p.add_argument("--step-convention", choices=[c.value for c in StepConvention],
                   help="'transitions': count executed transitions only (the default, but for "
                        "Morphett files); 'busy-beaver': reaching an undefined transition "
                        "(---) counts too, as Morphett's simulator counts it")
    p.add_argument("--trace", action="store_true",
                   help="print every configuration as it is reached, the scanned cell in "
                        "brackets")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_run)

    from ..compiler import SCHEDULES
    from ..execute.backends import BACKENDS

    p = command("compile", "compile a machine into an exact rational recurrent network",
                "rnntm compile bb4 --schedule realtime -o bb4.net.json")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p)
    p.add_argument("--schedule", choices=list(SCHEDULES), default="realtime")
    p.add_argument("-o", "--output", metavar="NET.json", help="save the compiled network")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_compile)

    p = command("simulate", "run the exact network of a machine and read the result off it: "
                "the input goes in as bits on its data/valid lines, the machine is decoded at "
                "every step, and the result comes out as bits on its output lines (the final "
                "state, then the tape)",
                "rnntm simulate binary-increment --input 1011 --json")
    p.add_argument("machine", metavar="NET.json|MACHINE",
                   help="a network saved by 'rnntm compile -o', or " + MACHINE_HELP)
    reads_machine(p, word=True)
    p.add_argument("--max-steps", type=whole_number, default=DEFAULT_MAX_STEPS, metavar="N",
                   help="budget of machine steps (1000, 100,000 or 1e9)")
    p.add_argument("--schedule", choices=list(SCHEDULES),
                   help="schedule to compile a machine with (default realtime; not for a "
                        "saved network, which keeps its own)")
    p.add_argument("--backend", type=simulate_backend, default="auto", metavar="BACKEND",
                   help=BACKEND_HELP + "; or float64 or mpmath:BITS (16 to 100,000) for the "
                   "finite-precision study: the float run beside the exact one, reporting the "
                   "first inexact value and the first wrong reading")
    p.add_argument("--trace", action="store_true",
                   help="print the nonzero neurons' exact values at every network step")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_simulate)

    p = command("verify", "run a machine directly and as its network in lockstep; exit 0 if "
                "and only if they agree, 1 on a divergence (printed), 2 on bad input",
                "rnntm verify 1RB1LB_1LA0LC_1RZ1LD_1RD0RA --schedule all")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p, word=True)
    p.add_argument("--max-steps", type=whole_number, default=DEFAULT_MAX_STEPS, metavar="N",
                   help="budget of machine steps (1000, 100,000 or 1e9)")
    p.add_argument("--schedule", choices=[*SCHEDULES, "all"],
                   help="schedule to compile with (default realtime), or all of them")
    p.add_argument("--net", metavar="NET.json",
                   help="check this saved network instead of compiling one (its schedule "
                        "is its own)")
    p.add_argument("--backend", choices=BACKENDS, default="auto", help=BACKEND_HELP)
    p.add_argument("--workers", type=positive_whole_number, default=1, metavar="N",
                   help="with N > 1, cut the run into 2N segments verified side by side on a "
                        "local Dask cluster, each from the exact state encoding its start to "
                        "the one encoding its end (default 1: one lockstep run here)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="verify 8 segments on an existing Dask cluster, such as "
                        "tcp://10.0.0.5:8786")
    p.add_argument("--json", action="store_true", help="print a JSON list of reports")
    p.set_defaults(func=cmd_verify)

    p = command("certify", "prove, from the weights alone, that each round of network steps "
                "(one, two or four by schedule) is one machine step from every configuration, "
                "by cases and exact intervals, the loader's steps for every input word and the "
                "output stage's after every halt; a case is written with its stacks top "
                "first, r for a free rest, ε for empty; exit 0 if "
                "every obligation holds, 1 if one fails (the case and neuron are printed), 2 "
                "on bad input",
                "rnntm certify 1RB1LB_1LA0LC_1RZ1LD_1RD0RA --schedule all")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p)
    p.add_argument("--schedule", choices=[*SCHEDULES, "all"],
                   help="schedule to compile with (default realtime), or all of them")
    p.add_argument("--net", metavar="NET.json",
                   help="certify this saved network instead of compiling one")
    p.add_argument("-o", "--output", metavar="CERT.json",
                   help="write the certificate with every obligation (case, neuron, "
                        "interval, verdict)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: ok, cases, obligations, per schedule")
    p.set_defaults(func=cmd_certify)

    p = command("campaign", "verify many (machine, input) pairs in lockstep under the chosen "
                "schedules, in parallel on Dask with --workers N > 1 (a local cluster, created "
                "and closed here) or on an existing cluster (--scheduler ADDRESS, started with "
                "`dask scheduler` and `dask worker ADDRESS`); each result goes to an SQLite "
                "database, and a rerun skips what it holds; exit 0 if every pair agrees, 1 on "
                "a divergence (each printed with the rnntm verify command that reproduces "
                "it), 2 on bad input",
                "rnntm campaign all:2x2 --schedule all --workers 2")
    p.add_argument("spec", metavar="SPEC",
                   help="all:NxK (every machine of N states, K symbols in tree normal form, "
                        "on the blank tape), random:NxK:COUNT:SEED, or a file with a machine "
                        "per line and optionally its input after it")
    p.add_argument("--schedule", choices=[*SCHEDULES, "all"], default="realtime",
                   help="schedule to verify under (default realtime), or all of them")
    p.add_argument("--max-steps", type=positive_whole_number, default=CAMPAIGN_MAX_STEPS,
                   metavar="N", help="budget of machine steps per pair (default "
                   f"{CAMPAIGN_MAX_STEPS}); it also bounds the runs that place tree normal "
                   "form's halts")
    p.add_argument("--workers", type=whole_number, default=1, metavar="N",
                   help="worker processes (default 1: in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="an existing Dask scheduler, such as tcp://10.0.0.5:8786")
    p.add_argument("--db", default="campaign.sqlite", metavar="FILE",
                   help="the results database (default campaign.sqlite), resumed if it exists")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_campaign)

    from ..universal import UNIVERSALS

    p = command("universal", "run a machine through one fixed universal network: the machine, "
                "its input and the budget go in as bits, and the run is read off the "
                "network's output lines (exact arithmetic)",
                "rnntm universal 1RB1LB_1LA1RZ --json")
    p.add_argument("machine", metavar="MACHINE", nargs="?", help=MACHINE_HELP)
    reads_machine(p, word=True)
    p.add_argument("--max-steps", type=whole_number, default=UNIVERSAL_MAX_STEPS, metavar="N",
                   help=f"budget of simulated steps (default {UNIVERSAL_MAX_STEPS:,}): part of "
                        "the practical network's input, so running out is a status, as for "
                        "'run'; the small network's input has no room for it, and a run that "
                        "halts past it is refused")
    p.add_argument("--max-network-steps", type=positive_whole_number, metavar="N",
                   help="the most network steps to run (default: no bound for the practical "
                        "network, whose input holds the budget; 2,000,000 for the small one, "
                        "which runs until its machine halts); a run that needs more is "
                        "refused")
    p.add_argument("--universal", choices=list(UNIVERSALS), default="practical",
                   help="the universal network (default practical): 'small' (63 neurons) "
                        "runs two-symbol machines through a 2-tag system, and only the "
                        "shortest runs within reach")
    p.add_argument("--info", action="store_true",
                   help="list the universal networks: neurons, connections, SHA-256")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_universal)

    from ..rnn.data import TASKS
    from ..rnn.optim import OPTIMIZERS

    tasks = ", ".join(f"{name} ({t.kind}, pattern {'/'.join(t.patterns)})"
                      for name, t in TASKS.items())
    p = command("train", f"train the tanh RNN of Deep Learning §10.2 on a task generated by "
                f"running a machine; tasks: {tasks}",
                "rnntm train binary-increment --pattern a --seed 0 -o inc.npz")
    p.add_argument("task", metavar="TASK", choices=list(TASKS), help="the task (see above)")
    p.add_argument("--pattern", choices=["a", "b", "c"],
                   help="a: output every step, hidden recurrence; b: output every step, "
                        "recurrence from the output (teacher forcing); c: one output at the "
                        "end (default: the task's first)")
    p.add_argument("--hidden", type=positive_whole_number, default=32, metavar="H",
                   help="hidden units (default 32)")
    p.add_argument("--train-lengths", type=length_range, metavar="LO:HI",
                   help="train on words of LO to HI symbols (default: the task's own, shown "
                        "in the report); held-out lengths reach 2·HI")
    p.add_argument("--per-length", type=positive_whole_number, default=256, metavar="N",
                   help="training words per length, and as many held out (default 256)")
    p.add_argument("--batch", type=positive_whole_number, default=32, metavar="B",
                   help="words per gradient step (default 32)")
    p.add_argument("--epochs", type=positive_whole_number, default=30, metavar="N",
                   help="passes over the training data (default 30)")
    p.add_argument("--seed", type=whole_number, default=0, metavar="S",
                   help="seed of the data and the initial weights (default 0)")
    p.add_argument("--optimizer", choices=list(OPTIMIZERS), default="adam")
    p.add_argument("--learning-rate", type=number, default=0.01, metavar="LR",
                   help="in (0, 1] (default 0.01)")
    p.add_argument("--clip-norm", type=number, default=5.0, metavar="X",
                   help="clip the gradients' global norm to X > 0 (default 5; inf: never)")
    p.add_argument("--clip-value", type=number, metavar="X",
                   help="clip each component to ±X, X > 0")
    p.add_argument("--truncate", type=positive_whole_number, metavar="K",
                   help="truncated BPTT in chunks of K steps (pattern a only)")
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("-o", "--output", metavar="MODEL.npz", help="save the trained parameters")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_train)

    p = command("evaluate", "held-out accuracy of a trained model by input length",
                "rnntm evaluate inc.npz binary-increment --json")
    p.add_argument("model", metavar="MODEL.npz", help="a model saved by 'rnntm train -o'")
    p.add_argument("task", metavar="TASK", choices=list(TASKS), nargs="?",
                   help="the task to evaluate on (default: the one the model was trained on)")
    p.add_argument("--seed", type=whole_number, metavar="S",
                   help="seed of the data (default: the training seed, whose held-out "
                        "words were never trained on)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_evaluate)

    p = command("demo", "run catalogue machines and compare them with published figures; "
                "compile four of them under every schedule and verify the networks; draw "
                "four figures of BB(4) and BB(5) into a folder",
                "rnntm demo")
    p.add_argument("--figures", default="rnntm-demo", metavar="DIR",
                   help="folder to write the demo's figures to (default rnntm-demo; they need "
                        "the plots extra)")
    p.add_argument("--json", action="store_true",
                   help='print one JSON object: {"direct": [...], "networks": [...], '
                        '"figures": [...]}')
    p.set_defaults(func=cmd_demo)

    p = command("graph", "write a graph to look at, as GraphML (networkx, yEd, Gephi) or DOT "
                "(Graphviz): a machine's state diagram, a network's connections with their "
                "exact weights (neurons grouped by block and role), or the §10.2 RNN unfolded "
                "over time",
                "rnntm graph bb4 --kind network -o bb4.graphml")
    p.add_argument("source", metavar="MACHINE|NET.json|MODEL.npz", nargs="?",
                   help="a machine (" + MACHINE_HELP + "), a network saved by 'rnntm "
                   "compile -o', or a model saved by 'rnntm train -o'")
    p.add_argument("--kind", choices=["state", "network", "unfolded"],
                   help="state: the state diagram (the default for a machine); network: the "
                        "connections (the default for a saved network); unfolded: the RNN "
                        "over --steps time steps (the default for a model)")
    p.add_argument("--schedule", choices=list(SCHEDULES),
                   help="schedule to compile a machine with for --kind network (default "
                        "realtime)")
    p.add_argument("--pattern", choices=["a", "b", "c"], default="a",
                   help="design pattern of the unfolded RNN without a model (default a)")
    p.add_argument("--steps", type=positive_whole_number, default=4, metavar="T",
                   help="time steps of the unfolded graph (default 4)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the file to write: .graphml, .dot or .gv")
    p.add_argument("--format", choices=["graphml", "dot"],
                   help="the file's format (default: from its suffix)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_graph)

    p = command("show", "describe a machine: its states, symbols, input alphabet, table, "
                "standard text, and its catalogue record (title, source, recorded runs) when "
                "it is a catalogue machine",
                "rnntm show bb4")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_show)

    p = command("weights", "write a network's weights exactly: W, U and b with the neurons' "
                "and input lines' names, as equations (text, LaTeX), a CSV table, or an "
                ".npz archive of exact text arrays",
                "rnntm weights bb2 --format latex -o bb2.tex")
    p.add_argument("source", metavar="NET.json|MACHINE",
                   help="a network saved by 'rnntm compile -o', or " + MACHINE_HELP)
    p.add_argument("--schedule", choices=list(SCHEDULES),
                   help="schedule to compile a machine with (default realtime)")
    p.add_argument("--format", choices=["text", "csv", "npz", "latex"], default="text",
                   help="text: one equation a neuron (default); csv: a row a neuron, a column "
                        "a neuron or input line, then the bias; npz: arrays W, U, b, neurons, "
                        "inputs of exact text (needs -o); latex: an align* environment")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")
    p.set_defaults(func=cmd_weights)

    p = command("plot", "draw a figure of a run as a PNG: spacetime (the tape over time, the "
                "head marked), activations (every neuron over the network's steps, by role "
                "and block), stacks (each stack's depth and code size over time), precision "
                "(for float32, float64 and mpmath floats of 64 to 4096 bits, the step at "
                "which the float network first misreads the machine), training (a trained "
                "model's loss per epoch and held-out accuracy by input length, the training "
                "lengths marked); needs the plots extra",
                "rnntm plot spacetime 1RB1LB_1LA0LC_1RZ1LD_1RD0RA -o bb4.png",
                "rnntm plot training inc.npz -o training.png   # after 'rnntm train ... -o "
                "inc.npz'")
    p.add_argument("kind", choices=["spacetime", "activations", "stacks", "precision",
                                    "training"],
                   metavar="KIND", help="spacetime, activations, stacks, precision or training")
    p.add_argument("source", metavar="MACHINE|NET.json|MODEL.npz",
                   help="a network saved by 'rnntm compile -o', a model saved by 'rnntm train "
                        "-o' (for training), or " + MACHINE_HELP)
    reads_machine(p, word=True)
    p.add_argument("--max-steps", type=positive_whole_number, default=1000, metavar="N",
                   help="machine steps to draw (default 1000; the run stops sooner if it "
                        "halts)")
    p.add_argument("--schedule", choices=list(SCHEDULES),
                   help="schedule to compile a machine with (default realtime)")
    p.add_argument("-o", "--output", metavar="FILE.png",
                   help="the image to write (default KIND.png)")
    p.set_defaults(func=cmd_plot)

    p = command("export", "export a compiled network to PyTorch (a torch.export program of one "
                "step, x, u -> sigma(W x + U u + b) in float64) or to ONNX, and run it back "
                "beside the exact network to say where float64 departs; or a trained model "
                "(MODEL.npz, pattern a or c) to the state dicts of torch's nn.RNN and "
                "nn.Linear; needs the torch or onnx extra",
                "rnntm export bb4 --to torch -o bb4.pt",
                "rnntm export bb5 --to onnx -o bb5.onnx --max-steps 300",
                "rnntm export inc.npz --to torch -o inc.pt   # a model saved by 'rnntm train'")
    p.add_argument("source", metavar="MACHINE|NET.json|MODEL.npz",
                   help="a network saved by 'rnntm compile -o', a model saved by 'rnntm "
                        "train -o', or " + MACHINE_HELP)
    p.add_argument("--to", choices=["torch", "onnx"], required=True,
                   help="torch (.pt or .pt2) or onnx (.onnx)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    reads_machine(p, word=True)
    p.add_argument("--schedule", choices=list(SCHEDULES),
                   help="schedule to compile a machine with (default realtime)")
    p.add_argument("--max-steps", type=positive_whole_number, default=10_000, metavar="N",
                   help="machine steps of the check beside the exact network (default "
                        "10,000; it stops sooner at the halt and output)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export)

    p = command("list", "list the catalogue of machines", "rnntm list --json")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_list)

    p = command("convert", "write a machine in another format; turingmachine.io's YAML and "
                "Morphett's text keep the file's input word",
                "rnntm convert bb4 --to turingmachine-io")
    p.add_argument("machine", metavar="MACHINE", help=MACHINE_HELP)
    reads_machine(p)
    p.add_argument("--to", choices=formats.FORMATS, required=True, help="output format")
    p.set_defaults(func=cmd_convert)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The ``rnntm`` command: its exit status (0, 1 for a divergence, 2 for bad input)."""
    def dispatch() -> int:
        args = build_parser().parse_args(argv)
        return args.func(args)

    return entry_point("rnntm", dispatch)


if __name__ == "__main__":
    sys.exit(main())
