"""A one-line progress bar for long runs, drawn on a terminal only.

>>> import io
>>> bar = ProgressBar(100, "steps", stream=io.StringIO())   # not a terminal: draws nothing
>>> bar(50); bar.close()
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """Call with the amount done so far; draws at most ten times a second. Without a
    ``total`` (a run whose length is not known beforehand), it draws the count and rate."""

    def __init__(self, total: int | None, unit: str, stream: TextIO | None = None,
                 width: int = 30) -> None:
        self.total = None if total is None else max(total, 1)
        self.unit, self.width = unit, width
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty()
        self.started = self.last = time.perf_counter()
        self.drawn = False

    def __call__(self, done: int) -> None:
        now = time.perf_counter()
        if not self.active or now - self.last < 0.1:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        if self.total is None:
            self.stream.write(f"\r{done:,} {self.unit}  {rate:,.0f}/s ")
        else:
            filled = int(self.width * min(done / self.total, 1.0))
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                              f"{done:,} / {self.total:,} {self.unit}  {rate:,.0f}/s ")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar, leaving the line clean for the result."""
        if self.drawn:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.flush()
