"""What every example shares: its command line (``--out``, the folder its figures go to),
matplotlib, imported when a figure is drawn (so that ``--help`` works without it), and
saving a figure as a PNG in the output folder."""

from __future__ import annotations

from pathlib import Path

from rnntm.cli.commandline import ArgumentParser
from rnntm.cli.extras import pyplot

__all__ = ["arguments", "pyplot", "save"]

#: Where the examples write their figures by default.
OUTPUT = Path(__file__).parent / "output"


def arguments(doc: str) -> ArgumentParser:
    """An example's command line: its docstring's first line as the description, and
    ``--out``."""
    parser = ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", default=str(OUTPUT),
                        help="the folder to write the figures to (default examples/output)")
    return parser


def save(fig, folder: str, name: str) -> None:
    """Write ``fig`` to ``folder/name`` (making the folder) and say where."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out / name, dpi=120)
    print(f"written: {out / name}")
