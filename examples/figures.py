"""What every example does with its figure: save it as a PNG in the output folder."""

from __future__ import annotations

from pathlib import Path


def save(fig, folder: str, name: str) -> None:
    """Write ``fig`` to ``folder/name`` (making the folder) and say where."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out / name, dpi=120)
    print(f"written: {out / name}")
