"""Campaigns: many (machine, input) pairs verified under chosen schedules, in parallel on a
Dask cluster, each result kept in an SQLite database that a rerun resumes from.

A campaign's pairs come from a *spec* (:func:`pairs`): ``all:NxK`` (every machine of N
states and K symbols in tree normal form, :func:`~rnntm.machines.enumeration.tree_normal_form`,
on the blank tape), ``random:NxK:COUNT:SEED`` (:func:`~rnntm.machines.enumeration.random_machines`,
on the blank tape), or a file with a machine per line, in the standard format or a catalogue
name, and optionally an input word after it (``#`` starts a comment).

Each pair is verified in lockstep (:func:`~rnntm.check.lockstep.verify`) under each
schedule, within the step budget; a result is a row (machine, input, schedule, verdict,
steps, network steps, seconds, the first divergence). The pairs run through
:func:`~rnntm.check.cluster.in_parallel`: in this process for one worker, else on Dask.

>>> summary = run_campaign(pairs("all:1x2", max_steps=50), ("realtime",), max_steps=50)
>>> summary.pairs, summary.by_verdict
(3, {'agrees': 3})
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..machines import catalogue
from ..machines.enumeration import random_machines, tree_normal_form
from ..machines.formats import standard
from .cluster import check_address, in_parallel
from .lockstep import verify

__all__ = ["Pair", "ResultsDB", "Summary", "pairs", "run_campaign", "verify_pair"]



@dataclass(frozen=True)
class Pair:
    """A machine (standard format, or a catalogue name) and its input word."""

    machine: str
    word: str = ""


def pairs(spec: str, *, max_steps: int) -> list[Pair]:
    """The pairs of ``spec`` (the module's three forms); ``max_steps`` bounds the runs that
    tree normal form makes to find where each machine halts.

    Raises
    ------
    InputError
        For a spec of none of the three forms, naming what was expected, or a file line
        that names no machine (with its file and line).
    """
    kind, _, rest = spec.partition(":")
    if kind in ("all", "random") and rest:
        return _generated(kind, rest, spec, max_steps)
    path = Path(spec)
    if not path.is_file():
        raise InputError(f"campaign spec {spec!r}: expected all:NxK, random:NxK:COUNT:SEED "
                         "or a file of machines, one per line")
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#", 1)[0].split()
        if not text:
            continue
        word = " ".join(text[1:])
        try:
            catalogue.load_machine(text[0]).encode_word(word)
        except Exception as error:                # any way the machine or its input fails
            raise InputError(f"{path}:{number}: {error}") from None
        found.append(Pair(text[0], word))
    if not found:
        raise InputError(f"{path}: no machines (expected one per line, with an optional "
                         "input after it)")
    return found


def _generated(kind: str, rest: str, spec: str, max_steps: int) -> list[Pair]:
    fields = rest.split(":")
    expected = "all:NxK" if kind == "all" else "random:NxK:COUNT:SEED"
    try:
        n, k = (int(v) for v in fields[0].lower().split("x"))
        extra = [int(v) for v in fields[1:]]
    except ValueError:
        raise InputError(f"campaign spec {spec!r}: expected {expected} with whole numbers, "
                         "such as all:2x2 or random:3x2:2000:0") from None
    if len(extra) != (0 if kind == "all" else 2):
        raise InputError(f"campaign spec {spec!r}: expected {expected}")
    if n < 1 or k < 2:
        raise InputError(f"campaign spec {spec!r}: expected N ≥ 1 states and K ≥ 2 symbols")
    if any(v < 0 for v in extra):
        raise InputError(f"campaign spec {spec!r}: expected a COUNT and a SEED ≥ 0")
    machines = tree_normal_form(n, k, max_steps=max_steps) if kind == "all" else \
        random_machines(n, k, *extra)
    return [Pair(standard.write(m)) for m in machines]


def verify_pair(pair: Pair, schedules: Sequence[str], max_steps: int) -> list[dict]:
    """The result rows of one pair under each schedule (run on a worker)."""
    machine = catalogue.load_machine(pair.machine)
    rows = []
    for schedule in schedules:
        started = time.perf_counter()
        report = verify(machine, pair.word, max_steps=max_steps, schedule=schedule)
        rows.append({"machine": pair.machine, "input": pair.word, "schedule": schedule,
                     "verdict": "agrees" if report.ok else "diverges",
                     "steps": report.steps, "network_steps": report.network_steps,
                     "seconds": time.perf_counter() - started,
                     "divergence": None if report.ok else str(report.divergence)})
    return rows


class ResultsDB:
    """The campaign's results in SQLite, one row per (machine, input, schedule)."""

    COLUMNS = ("machine", "input", "schedule", "verdict", "steps", "network_steps",
               "seconds", "divergence")

    def __init__(self, path: str | Path = ":memory:") -> None:
        if path != ":memory:" and not Path(path).parent.is_dir():
            raise InputError(f"{path}: no folder {Path(path).parent} to write the database in")
        try:
            self.connection = sqlite3.connect(str(path))
            self.connection.execute(
                "CREATE TABLE IF NOT EXISTS results (machine TEXT, input TEXT, schedule TEXT, "
                "verdict TEXT, steps INTEGER, network_steps INTEGER, seconds REAL, "
                "divergence TEXT, PRIMARY KEY (machine, input, schedule))")
        except sqlite3.Error as error:
            raise InputError(f"{path}: not a campaign database ({error})") from None

    def done(self) -> set[tuple[str, str, str]]:
        return set(self.connection.execute("SELECT machine, input, schedule FROM results"))

    def add(self, rows: Iterable[dict]) -> None:
        self.connection.executemany(
            f"INSERT OR REPLACE INTO results VALUES ({', '.join('?' * len(self.COLUMNS))})",
            [tuple(row[c] for c in self.COLUMNS) for row in rows])
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()


@dataclass(frozen=True)
class Summary:
    """What a campaign did: pairs and rows by verdict, those it skipped as done, its time,
    and the divergences (each row names what ``rnntm verify`` reproduces)."""

    pairs: int
    skipped: int
    by_verdict: dict[str, int]
    divergences: tuple[dict, ...]
    seconds: float
    workers: int

    @property
    def pairs_per_second(self) -> float:
        return (self.pairs - self.skipped) / max(self.seconds, 1e-9)

    def as_dict(self) -> dict[str, object]:
        return {"pairs": self.pairs, "skipped": self.skipped, "by_verdict": self.by_verdict,
                "divergences": list(self.divergences[:10]),
                "seconds": round(self.seconds, 3),
                "workers": self.workers, "pairs_per_second": round(self.pairs_per_second, 2)}


def run_campaign(todo: Sequence[Pair], schedules: Sequence[str], *, max_steps: int,
                 db: ResultsDB | None = None, workers: int = 1, scheduler: str | None = None,
                 progress: Callable[[int], None] | None = None) -> Summary:
    """Verify every pair of ``todo`` under ``schedules`` (pairs whose rows are all in ``db``
    are skipped), in this process for one worker and no ``scheduler``, else on Dask.

    Raises
    ------
    InputError
        For fewer than one worker, or a scheduler that cannot be reached.
    """
    if scheduler is not None:        # checked even when nothing is left to run
        check_address(scheduler)
    db = db or ResultsDB()
    done = db.done()
    waiting = [p for p in todo if any((p.machine, p.word, s) not in done for s in schedules)]
    skipped = len(todo) - len(waiting)
    verdicts: Counter[str] = Counter()
    divergences: list[dict] = []
    started = time.perf_counter()
    for finished, (_, rows) in enumerate(in_parallel(
            verify_pair, waiting, workers=workers, scheduler=scheduler,
            schedules=tuple(schedules), max_steps=max_steps), 1):
        db.add(rows)
        verdicts.update(row["verdict"] for row in rows)
        divergences += [row for row in rows if row["verdict"] != "agrees"]
        if progress:
            progress(skipped + finished)
    return Summary(len(todo), skipped, dict(verdicts), tuple(divergences),
                   time.perf_counter() - started, workers)

