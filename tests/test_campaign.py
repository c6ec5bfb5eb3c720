"""Campaigns: tree normal form against the published busy-beaver values, random machines
reproducible, every pair verified and stored, a rerun resumes, Dask with two workers."""

import json
import sqlite3

import pytest

from rnntm.check.campaign import Pair, ResultsDB, pairs, run_campaign
from rnntm.cli.command import main
from rnntm.errors import InputError
from rnntm.machines.direct import Status, StepConvention, run
from rnntm.machines.enumeration import random_machines, tree_normal_form
from rnntm.machines.formats import standard


@pytest.mark.parametrize("n, k, steps, ones", [(2, 2, 6, 4), (3, 2, 21, 6), (2, 3, 38, 9)])
def test_tree_normal_form_reaches_the_busy_beaver_values(n, k, steps, ones):
    """S and Σ of the halting machines (Radó; Lin and Radó; Brady): the champions are in
    the family, and nothing beats them."""
    runs = [run(m, max_steps=200, convention=StepConvention.BUSY_BEAVER)
            for m in tree_normal_form(n, k, max_steps=200)]
    halted = [r for r in runs if r.status is Status.HALTED]
    assert max(r.steps for r in halted) == steps
    assert max(r.nonblank for r in halted) == ones


def test_tree_normal_form_is_normal_and_without_repeats():
    machines = list(tree_normal_form(3, 2, max_steps=100))
    texts = [standard.write(m) for m in machines]
    assert len(set(texts)) == len(machines) == 5417
    for m in machines:
        first = m.transition(0, 0)
        assert first is None or first.move.name == "R"


def test_random_machines_are_reproducible():
    drawn = [standard.write(m) for m in random_machines(3, 2, 5, seed=1)]
    assert drawn == [standard.write(m) for m in random_machines(3, 2, 5, seed=1)]
    assert drawn != [standard.write(m) for m in random_machines(3, 2, 5, seed=2)]
    assert len(pairs("random:3x2:40:0", max_steps=10)) == 40


def test_a_campaign_verifies_stores_and_resumes(tmp_path):
    db = ResultsDB(tmp_path / "c.sqlite")
    todo = pairs("all:2x2", max_steps=30)
    first = run_campaign(todo, ("realtime", "compact"), max_steps=30, db=db)
    assert first.by_verdict == {"agrees": 2 * len(todo)} and first.skipped == 0
    again = run_campaign(todo, ("realtime", "compact"), max_steps=30, db=db)
    assert again.skipped == len(todo) and again.by_verdict == {}
    rows = sqlite3.connect(tmp_path / "c.sqlite").execute(
        "SELECT machine, schedule, verdict, steps FROM results").fetchall()
    assert len(rows) == 2 * len(todo)
    assert all(v == "agrees" for *_, v, _ in rows)


def test_a_file_of_machines_with_inputs(tmp_path):
    spec = tmp_path / "machines.txt"
    spec.write_text("# a comment\nbb2\nbinary-increment 1011\n\n")
    assert pairs(str(spec), max_steps=10) == [Pair("bb2"), Pair("binary-increment", "1011")]
    spec.write_text("bb2\nnot-a-machine\n")
    with pytest.raises(InputError, match=r"machines.txt:2"):
        pairs(str(spec), max_steps=10)


def test_two_dask_workers_and_the_command(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    assert main(["campaign", "all:2x2", "--max-steps", "20", "--workers", "2",
                 "--db", str(db), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["by_verdict"] == {"agrees": 61} and doc["workers"] == 2
    assert main(["campaign", "all:2x2", "--max-steps", "20", "--db", str(db)]) == 0
    assert "61 skipped" in capsys.readouterr().out


@pytest.mark.parametrize("spec", ["all:2", "random:3x2:5", "all:0x2", "nope"])
def test_a_bad_spec_is_refused(spec, capsys):
    assert main(["campaign", spec]) == 2
    assert "expected" in capsys.readouterr().err


@pytest.mark.parametrize("address, said", [
    ("notanaddress", "expected tcp://HOST:PORT"), ("tcp://localhost:abc", "expected"),
    ("tcp://127.0.0.1:1", "nothing answers there")])
def test_a_scheduler_that_is_not_there_is_refused_at_once(address, said, capsys):
    assert main(["campaign", "all:1x2", "--scheduler", address, "--db", ":memory:"]) == 2
    assert said in capsys.readouterr().err


def test_a_service_that_is_not_dask_is_given_up(monkeypatch):
    """A port that accepts and never answers (a web server, say) is refused after the
    connection time, not waited on forever."""
    import socket

    import rnntm.check.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(InputError, match="not a Dask scheduler"):
            run_campaign(pairs("all:1x2", max_steps=5), ("realtime",), max_steps=5,
                         scheduler=address)


def test_an_existing_cluster_by_its_address():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        summary = run_campaign(pairs("all:1x2", max_steps=20), ("realtime",), max_steps=20,
                               scheduler=cluster.scheduler_address)
    assert summary.by_verdict == {"agrees": 3}


def test_a_divergence_is_kept_and_printed_with_the_command_that_reproduces_it(
        monkeypatch, tmp_path, capsys):
    """A verifier that reports a divergence (here a stand-in for a faulty network) makes
    the campaign exit 1, store the row and print how to reproduce it."""
    import rnntm.check.campaign as campaign
    from rnntm.check.lockstep import Divergence, Report

    def diverging(machine, word, *, max_steps, schedule):
        return Report(schedule, 3, 4, False, 1, Divergence(3, "configuration", "A", "B"))

    monkeypatch.setattr(campaign, "verify", diverging)
    db = tmp_path / "c.sqlite"
    assert main(["campaign", "all:1x2", "--max-steps", "5", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "DIFFERS: step 3: configuration: expected A, found B" in out
    assert "reproduce with: rnntm verify" in out and "--schedule realtime --max-steps 5" in out
    verdicts = sqlite3.connect(db).execute("SELECT DISTINCT verdict FROM results").fetchall()
    assert verdicts == [("diverges",)]
