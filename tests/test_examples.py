"""Every example runs as a user runs it and draws what its docstring says, and the
notebook tour runs from top to bottom (both skipped without their extras); the notebook is
kept in git without outputs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from test_readme import figures, readme_commands

ROOT = Path(__file__).parent.parent
#: What the README's line for each example says of it.
README_SAYS = {command.split("examples/")[1].split()[0]: comment
               for command, comment in readme_commands() if "examples/" in command}
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.py") if p.name != "figures.py")
TOUR = ROOT / "examples" / "tour.ipynb"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_example_runs_and_draws_its_figures(path, tmp_path):
    image = pytest.importorskip("matplotlib.image")
    done = subprocess.run([sys.executable, str(path), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    said = README_SAYS[path.name]
    assert all(f in done.stdout.replace(",", "") for f in figures(said)), (said, done.stdout)
    promised = set(re.findall(r"``(\w+\.png)``", path.read_text()))
    written = {p.name for p in tmp_path.glob("*.png")}
    assert promised and promised <= written, (promised, written)
    for name in promised:
        pixels = image.imread(tmp_path / name)
        assert pixels.shape[0] >= 400 and pixels.shape[1] >= 600          # legible at 100 %
        assert np.ptp(pixels[..., :3]) > 0.5                               # not blank


def test_every_example_says_what_it_shows_and_what_to_look_at():
    for path in EXAMPLES:
        doc = path.read_text().split('"""')[1]
        assert "What to look at" in doc and "Usage: ``python examples/" in doc, path.name


def test_the_tour_is_kept_without_outputs():
    notebook = json.loads(TOUR.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_the_tour_runs_from_top_to_bottom():
    pytest.importorskip("matplotlib")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(TOUR, as_version=4)
    nbclient.NotebookClient(notebook, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(TOUR.parent)}}).execute()
    printed = "".join(output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
                      for cell in notebook.cells if cell.cell_type == "code"
                      for output in cell.outputs)
    assert "100100 11001" in printed and "DIFFERS" not in printed and "FAILS" not in printed
    assert printed.count("agrees") == 3 and printed.count("holds") == 2
    images = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) == 2
