"""The layout of the package: every module imports only from its own stage or an earlier
one in the chain core → machines → compiler → execute → check → universal (with rnn beside
the compiler, and the command on top), and no import, lazy ones included, closes a cycle."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "rnntm"

#: Each subpackage's place in the chain; a module may import from places up to its own.
STAGES = {"errors": 0, "core": 0, "machines": 1, "compiler": 2, "rnn": 2, "execute": 3,
          "check": 4, "universal": 5, "study": 5, "cli": 6, "__init__": 7, "__main__": 7}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str) -> set[str]:
    """The rnntm modules ``name`` imports anywhere in its code (functions included): a
    ``from package import submodule`` counts as the submodule, a name from a package as the
    package's ``__init__``."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] \
                if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m in MODULES and m != name}


def stage(name: str) -> int:
    parts = name.split(".")
    return STAGES[parts[1] if len(parts) > 1 else "__init__"]


def test_no_module_imports_from_a_later_stage():
    later = [(name, other) for name in MODULES for other in imports(name)
             if stage(other) > stage(name)]
    assert later == []


def test_the_rnn_stands_beside_the_networks():
    assert not [(name, other) for name in MODULES if name.startswith("rnntm.rnn")
                for other in imports(name) if other.split(".")[1] in ("compiler", "execute")]


def test_no_import_cycles():
    graph = {name: imports(name) for name in MODULES}
    done, path = set(), []

    def visit(name: str) -> None:
        if name in path:
            raise AssertionError(" -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for other in sorted(graph[name]):
            visit(other)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_decoders_import_nothing_of_the_builders():
    assert imports("rnntm.compiler.layouts") <= {"rnntm.core.stackcode", "rnntm.core.exact",
                                                 "rnntm.errors",
                                                 "rnntm.machines.configuration",
                                                 "rnntm.machines.machine"}


def test_every_cross_reference_names_a_real_object():
    """A reference such as :func:`~rnntm.core.stackcode.safe_gate` in a docstring names
    something that exists, so that moving a module leaves no dead link behind."""
    missing = []
    for name, path in MODULES.items():
        for reference in re.findall(r":(?:mod|func|class|meth|data|attr|exc):`~?(rnntm[\w.]*)`",
                                    path.read_text()):
            parts = reference.split(".")
            known = max(i for i in range(1, len(parts) + 1)
                        if ".".join(parts[:i]) in MODULES)
            target = importlib.import_module(".".join(parts[:known]))
            try:
                for attribute in parts[known:]:
                    target = getattr(target, attribute)
            except AttributeError:
                missing.append((name, reference))
    assert missing == []
