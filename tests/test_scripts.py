"""The examples and benchmarks as a user without their extras meets them: ``--help``
works, and running says in one line what to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPTS = sorted([*ROOT.glob("examples/*.py"), *ROOT.glob("benchmarks/*.py")])
#: The scripts that need an extra to run, and the extra's module.
NEEDS = {"busy_beaver.py": "matplotlib", "float_departure.py": "matplotlib",
         "rnn_by_length.py": "matplotlib", "rnn_vs_network.py": "matplotlib",
         "schedules.py": "matplotlib", "unfolded_graph.py": "matplotlib",
         "verify_inputs.py": "matplotlib", "rnn_vs_torch.py": "torch",
         "direct_execution.py": "automata"}


@pytest.fixture(scope="module")
def without_extras(tmp_path_factory) -> dict[str, str]:
    """An environment in which matplotlib, torch and automata-lib cannot be imported."""
    blocked = tmp_path_factory.mktemp("blocked")
    for module in ("matplotlib", "torch", "automata"):
        (blocked / module).mkdir()
        (blocked / module / "__init__.py").write_text(
            f"raise ImportError('{module} is blocked for this test')\n")
    return {**os.environ, "PYTHONPATH": str(blocked)}


def script(path: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)


@pytest.mark.parametrize("path", [p for p in SCRIPTS if p.name != "figures.py"],
                         ids=lambda p: p.name)
def test_help_needs_no_extra(path, without_extras):
    done = script(path, "--help", env=without_extras)
    assert done.returncode == 0 and done.stdout.startswith("usage:") and done.stderr == ""


@pytest.mark.parametrize("name, module", NEEDS.items())
def test_a_missing_extra_is_one_line_saying_what_to_install(name, module, without_extras):
    done = script(next(p for p in SCRIPTS if p.name == name), env=without_extras)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"{name}: error: this needs {module}, which is not "
                                  "installed: pip install ")
