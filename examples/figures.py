"""What every example shares: matplotlib, imported when a figure is drawn (so that
``--help`` works without it), and saving a figure as a PNG in the output folder."""

from __future__ import annotations

from pathlib import Path

from rnntm.cli.extras import pyplot

__all__ = ["pyplot", "save"]


def save(fig, folder: str, name: str) -> None:
    """Write ``fig`` to ``folder/name`` (making the folder) and say where."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out / name, dpi=120)
    print(f"written: {out / name}")
