"""The documentation's examples work as written."""

import re
from pathlib import Path

import pytest

from rnntm import run
from rnntm.machines.formats import table

ROOT = Path(__file__).parent.parent


def test_table_format_example_in_constructions_readme_parses_and_runs():
    text = (ROOT / "constructions" / "README.md").read_text()
    block = re.search(r"```\n(# Binary increment.*?)```", text, re.S).group(1)
    machine = table.parse(block, "constructions/README.md")
    assert run(machine, "1011", max_steps=100).tape == "1100"


def test_every_subpackage_is_in_the_wheel():
    """pyproject lists packages by name; an editable install would hide a missing one."""
    tomllib = pytest.importorskip("tomllib")
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())
                   ["tool"]["setuptools"]["packages"])
    found = {".".join(("rnntm", *init.parent.relative_to(ROOT / "rnntm").parts))
             for init in (ROOT / "rnntm").rglob("__init__.py")}
    assert found | {"rnntm.constructions"} == declared
