"""The README as a user follows it: every shell command that finishes in seconds runs as
written, in one folder (after the commands that write the files it reads), and every figure
written beside it appears in what it prints; the Python example runs as a doctest; the
figures of its prose are tied to the code. So the README cannot drift from the code."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"

#: Commands not run here: installing (the quick start, CI's own job), the demo (a slow test
#: runs it), the examples (they need the plots extra) and the export to torch (an optional
#: extra; tests/test_export.py runs it where torch is installed).
NOT_RUN = re.compile(r"venv|pip install|rnntm demo|python examples/|--to torch")

#: A figure: a whole or decimal number, thousands perhaps separated by commas.
FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])"
                    r"|(?<![\w.,])\d+(?:\.\d+)?(?![\w.])")
#: Not figures: names such as BB(4) or BB(2,3), and durations such as "5 s".
NOT_FIGURES = re.compile(r"\b[A-Z]+\(\d+(?:,\d+)?\)|\d+ (?:s|seconds?|minutes?)\b")


def readme_commands() -> list[tuple[str, str]]:
    """(command, comment) for each line of the README's ``sh`` blocks, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    commands = []
    for line in "".join(blocks).splitlines():
        command, _, comment = line.partition("  #")
        if command.strip():
            commands.append((command.strip(), comment.strip()))
    return commands


def figures(comment: str) -> list[str]:
    """The figures a comment states, as plain digits ("47,176,870" -> "47176870")."""
    return [f.replace(",", "") for f in FIGURE.findall(NOT_FIGURES.sub("", comment))]


def test_the_figure_rule_reads_comments_as_meant():
    assert figures("BB(5): 47,176,870 steps in about 5 s") == ["47176870"]
    assert figures("24 + 50 I/O neurons, 1 network step") == ["24", "50", "1"]
    assert figures("1.0000 held out; budgets such as 1e9 or 100_000") == ["1.0000"]
    assert figures("BB(2,3) in 3 steps") == ["3"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """One folder for all commands, as a user's in a clone, with rnntm on the PATH."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "constructions").symlink_to(ROOT / "constructions")
    return folder


RUN = [(command, comment) for command, comment in readme_commands()
       if not NOT_RUN.search(command)]
#: A comment that says "in about N s": a run of N seconds or more is a slow test.
DURATION = re.compile(r"(\d+) s\b")


def readme_case(command: str, comment: str):
    seconds = DURATION.search(comment)
    slow = seconds is not None and int(seconds.group(1)) >= 5
    return pytest.param(command, comment, id=command, marks=[pytest.mark.slow] * slow)


def shell(command: str, folder: Path) -> subprocess.CompletedProcess:
    """``command`` run by bash in ``folder``, with this environment's rnntm on the PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


def written(command: str) -> set[str]:
    """The files a command writes: after ``-o`` or ``>``."""
    return set(re.findall(r"(?:-o|>)\s+(\S+)", command))


def make_what_it_reads(command: str, folder: Path) -> None:
    """Run the README commands that write the files ``command`` reads, where missing (the
    tests may run in any order)."""
    for earlier, _ in RUN:
        files = written(earlier) & set(command.split())
        if files and not all((folder / f).exists() for f in files):
            assert shell(earlier, folder).returncode == 0, earlier


@pytest.mark.xdist_group("readme")  # one folder, on one worker
@pytest.mark.parametrize("command, comment", [readme_case(*case) for case in RUN])
def test_readme_command_prints_the_figures_beside_it(command, comment, folder):
    make_what_it_reads(command, folder)
    done = shell(command, folder)
    assert done.returncode == 0 and done.stderr == "", (command, done.stderr)
    printed = {f.replace(",", "") for f in FIGURE.findall(done.stdout)}
    missing = [f for f in figures(comment) if f not in printed]
    assert not missing, f"{command}: the README says {missing}, it printed:\n{done.stdout}"


def test_the_readme_runs_every_command_it_lists():
    """Guards the filter: the commands left out are exactly the installs, the demo and the
    examples."""
    left_out = [c for c, _ in readme_commands() if NOT_RUN.search(c)]
    assert [c.split()[-1] for c in left_out] == [
        "demo", "pytest", "bb4.pt", '".[plots]"',
        *(f"examples/{name}.py" for name in ("busy_beaver", "verify_inputs", "schedules",
                                              "float_departure", "rnn_by_length",
                                              "rnn_vs_network", "unfolded_graph"))]


def test_readme_python_example():
    failures, tried = doctest.testfile(str(README), module_relative=False)
    assert tried and not failures


def test_documented_files_exist():
    """Every file the README names as part of the project is in it."""
    text = README.read_text(encoding="utf-8")
    written_by_scripts = {"examples/output/", "benchmarks/results/"}
    for name in re.findall(r"`((?:rnntm|tests|benchmarks|examples|docs|constructions)/[\w/.]*"
                           r"|LICENSE|CITATION\.cff|\.ci/run)`", text):
        assert name in written_by_scripts or (ROOT / name).exists(), name


@pytest.mark.slow
def test_the_demo_agrees_everywhere(tmp_path):
    """The quick start's main job (about fifteen seconds): every row agrees, and the four
    figures are written where it says."""
    done = subprocess.run([sys.executable, "-m", "rnntm", "demo", "--json", "--figures",
                           str(tmp_path / "figures")], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0
    import json

    result = json.loads(done.stdout)
    assert all(r["agrees"] for r in result["direct"] + result["networks"])
    assert len(result["networks"]) == 12
    pytest.importorskip("matplotlib")
    assert sorted(Path(f).name for f in result["figures"]) == [
        "bb4_activations.png", "bb4_spacetime.png", "bb5_precision.png", "bb5_stacks.png"]
    assert all(Path(f).stat().st_size > 10_000 for f in result["figures"])


def prose_figures():
    """(a phrase of the README, whether the code or a run bears it out)."""
    import inspect

    from rnntm import load_machine
    from rnntm.check.lockstep import FULL_COMPARISON_STEPS, verify
    from rnntm.check.precision import departure
    from rnntm.cli.command import DEFAULT_MAX_STEPS
    from rnntm.compiler import compile
    from rnntm.compiler.lines import LOAD_DELAY
    from rnntm.machines.formats import standard

    bb4 = load_machine("bb4")
    return [
        ("equal at each of the first 2,000 steps,\nevery 100,000 steps",
         lambda: (FULL_COMPARISON_STEPS, inspect.signature(verify).parameters["checkpoint"]
                  .default) == (2_000, 100_000)),
        ("Loading n symbols takes b·n + 3 network steps", lambda: LOAD_DELAY == 3),
        ("default 100,000,000", lambda: DEFAULT_MAX_STEPS == 100_000_000),
        ("symbols written in binary: 64 neurons and four network steps per machine step for "
         "BB(4)", lambda: (compile(bb4, "siegelmann-sontag").io.machine_size,
                           compile(bb4, "siegelmann-sontag").steps_per_tm_step) == (64, 4)),
        ("(14\nneurons for BB(4) realtime: 7 to load, 7 to write the result)",
         lambda: compile(bb4).network.blocks[1:] == (("input", 7), ("output", 7))),
        ("float64 misreads BB(5)'s tape at step 330",
         lambda: departure(compile(load_machine("bb5")), max_steps=400).first_wrong == 330),
        ("up to 26 states, up to 10 symbols",
         lambda: standard.parse("_".join(["0RA" * 10] * 26)).n_states == 26
         and refused(lambda: standard.parse("_".join(["0RA"] * 27)))
         and refused(lambda: standard.parse("0RA" * 11))),
    ]


def refused(parse) -> bool:
    from rnntm.errors import ParseError

    try:
        parse()
    except ParseError:
        return True
    return False


def test_prose_figures_are_borne_out():
    """The figures in the README's prose (the sizes of BB(4) and BB(5) are checked in
    test_compile.test_published_figures_of_bb4_and_bb5)."""
    text = README.read_text(encoding="utf-8")
    for phrase, holds in prose_figures():
        assert phrase in text, phrase
        assert holds(), phrase
