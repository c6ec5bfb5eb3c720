"""Print every lemma the proofs discharged, with its statement and its cases, after the
run (``python -m pytest proofs``): each proof test records its verdict on its report."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter) -> None:
    verdicts = [value for key in ("passed", "failed")
                for report in terminalreporter.stats.get(key, ())
                for name, value in getattr(report, "user_properties", ()) if name == "verdict"]
    if verdicts:
        terminalreporter.section("lemmas")
        for verdict in sorted(verdicts):
            terminalreporter.write_line(verdict)
