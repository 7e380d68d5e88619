"""Issue 8, crash safety: ``annotate`` killed with SIGKILL mid-batch and re-run loses
nothing and duplicates nothing.

Outputs are written to a hidden temp file and renamed into place after the database
transaction for that file committed, so at any instant a file's JSONL is either
absent or complete, and a re-run redoes exactly the files without one.
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
mbi = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mbi)

N_FILES = 300
ALLOWED_EXTRA = {"_errors.jsonl", "README.md", "lexbench.db", "lexbench.db-wal", "lexbench.db-shm", ".lexbench.lock"}


def start(inputs, out: Path, *extra) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "pipeline", "annotate", *map(str, inputs), "--out", str(out),
                             "--model", "rules", "-q", *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def n_outputs(out: Path) -> int:
    return sum(1 for p in out.glob("statute_*.jsonl")) if out.is_dir() else 0


def kill_when(proc: subprocess.Popen, out: Path, at_least: int, limit_s: float = 120) -> int:
    """SIGKILL the whole process group once ``at_least`` outputs exist; returns the count then."""
    t0 = time.monotonic()
    while proc.poll() is None and n_outputs(out) < at_least and time.monotonic() - t0 < limit_s:
        time.sleep(0.01)
    seen = n_outputs(out)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    return seen


def check_complete(out: Path, inputs: list[Path], db: Path | None = None) -> dict:
    """Every input has exactly one complete output and one statute row; no duplicates,
    no partial lines, no stray files. Returns counts for the report."""
    db = db or out / "lexbench.db"
    names = sorted(p.name for p in inputs)
    outputs = sorted(p.name[: -len(".jsonl")] for p in out.glob("*.jsonl") if p.name != "_errors.jsonl")
    assert outputs == names, (set(names) - set(outputs), set(outputs) - set(names))
    stray = {p.name for p in out.iterdir()} - {n + ".jsonl" for n in names} - ALLOWED_EXTRA
    assert not stray, stray  # no temp files or half-written leftovers
    lines_per_doc = {}
    for n in names:
        raw = (out / f"{n}.jsonl").read_bytes()
        assert raw.endswith(b"\n")  # no partial last line
        rows = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
        assert rows and all(r["doc"] == n for r in rows)
        assert len({r["eid"] for r in rows}) == len(rows)
        lines_per_doc[n] = len(rows)
    con = sqlite3.connect(db)
    try:
        stat = dict(con.execute("select name, count(*) from statutes group by name").fetchall())
        assert stat == {n: 1 for n in names}  # exactly one statute record per file
        dup = con.execute("select count(*) from (select statute_id, eid from provisions "
                          "group by statute_id, eid having count(*) > 1)").fetchone()[0]
        assert dup == 0
        per = dict(con.execute("select s.name, count(p.id) from statutes s left join provisions p "
                               "on p.statute_id = s.id and p.active group by s.name").fetchall())
        assert per == lines_per_doc  # the database holds what the JSONL says, no more, no less
        n_prov = con.execute("select count(*) from provisions").fetchone()[0]
    finally:
        con.close()
    errors = (out / "_errors.jsonl").read_text(encoding="utf-8")
    assert errors == "", errors
    return {"files": len(names), "provisions": n_prov}


@pytest.fixture
def statutes(tmp_path) -> list[Path]:
    return mbi.good(tmp_path / "in", N_FILES)


def test_sigkill_mid_batch_then_resume_loses_and_duplicates_nothing(statutes, tmp_path):
    out = tmp_path / "out"
    src = statutes[0].parent
    seen = []
    # kill at several points; the -j 2 round kills the workers with their parent
    for at_least, extra in ((30, ()), (110, ("-j", "2")), (200, ())):
        seen.append(kill_when(start([src], out, *extra), out, at_least))
        assert not list(out.glob("statute_*.jsonl")) or all(
            (p.read_bytes().endswith(b"\n")) for p in out.glob("statute_*.jsonl"))
    assert seen[0] < N_FILES, "the batch finished before it could be killed: make it bigger"
    assert seen == sorted(seen)  # a re-run never loses what an earlier run wrote
    proc = start([src], out)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    # the final run only did what the killed runs had not finished
    done = int(stderr.decode().split("annotated ")[1].split()[0])
    assert done <= N_FILES - seen[-1] + 2  # +2: files whose JSONL was being renamed at the kill
    counts = check_complete(out, statutes)
    assert counts["files"] == N_FILES
    print(f"SIGKILL after {seen} outputs; resume annotated {done}; {counts} complete, 0 lost, 0 duplicated")
    # and a further run changes nothing
    proc = start([src], out)
    _, stderr = proc.communicate(timeout=300)
    assert f"skipped {N_FILES} unchanged" in stderr.decode()
    assert check_complete(out, statutes) == counts


def test_stale_temp_files_are_removed_and_never_taken_for_outputs_or_inputs(statutes, tmp_path):
    from pipeline.annotate.batch import collect_inputs
    from pipeline.files import _tmp_name, clean_stale_temps

    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = out / f".statute_0000.txt.jsonl.{dead.pid}.tmp"
    stale.write_text('{"partial": tr')
    live = _tmp_name(out / "statute_0001.txt.jsonl")  # this (live) process's temp name
    live.write_text('{"partial": tr')
    assert not live.name.endswith(".jsonl") and live.name.startswith(".")
    assert collect_inputs([str(out)]) == []  # temp files are never inputs
    assert clean_stale_temps(out) == [stale]
    assert live.exists() and not stale.exists()
    live.unlink()
    stale.write_text("x")
    proc = start([statutes[0]], out)
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    check_complete(out, [statutes[0]])


def test_save_document_is_one_transaction(statutes, tmp_path, monkeypatch):
    """A failure half-way through storing a statute leaves no trace of it in the database."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from pipeline import store
    from pipeline.annotate import AnnotateConfig, Annotator
    from pipeline.extract import extract

    url = f"sqlite:///{tmp_path / 'x.db'}"
    a = Annotator(AnnotateConfig(out_dir=tmp_path, model="rules", db_url=url), warm_up=False)
    doc = extract(statutes[0])
    rows = a.annotate_document(doc)
    assert len(rows) > 2

    class Boom(Exception):
        pass

    real_flush, calls = Session.flush, [0]

    def flaky_flush(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == 4:  # after the statute and a few provisions were flushed
            raise Boom()
        return real_flush(self, *args, **kwargs)

    monkeypatch.setattr(Session, "flush", flaky_flush)
    with pytest.raises(Boom):
        store.save_document(url, doc, rows)
    monkeypatch.setattr(Session, "flush", real_flush)
    with store.session_scope(url) as s:
        assert s.scalar(select(func.count()).select_from(store.Statute)) == 0
        assert s.scalar(select(func.count()).select_from(store.ProvisionRow)) == 0
    store.save_document(url, doc, rows)
    store.save_document(url, doc, rows)  # idempotent per statute version
    with store.session_scope(url) as s:
        assert s.scalar(select(func.count()).select_from(store.Statute)) == 1
        assert s.scalar(select(func.count()).select_from(store.ProvisionRow)) == len(rows)


def crashing_worker(path, out_name, config):
    """Stands in for a PDF library that segfaults on one file: the worker just dies."""
    from pipeline.annotate.batch import annotate_one

    if Path(path).name == "statute_0002.txt":
        os._exit(139)
    return annotate_one(path, out_name, config)


def test_a_worker_process_dying_fails_only_its_file(tmp_path):
    from pipeline.annotate import AnnotateConfig, run_batch

    inputs = mbi.good(tmp_path / "in", 6)
    out = tmp_path / "out"
    config = AnnotateConfig(out_dir=out, model="rules", db_url=f"sqlite:///{out / 'lexbench.db'}")
    results = run_batch([str(tmp_path / "in")], config, jobs=2, worker=crashing_worker)
    assert [r.path for r in results] == [str(p) for p in inputs]
    bad = [r for r in results if r.error]
    assert [(Path(r.path).name, r.error["kind"]) for r in bad] == [("statute_0002.txt", "worker_crashed")]
    assert "statute_0002.txt: worker_crashed: " in bad[0].error["message"]
    errs = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [e["kind"] for e in errs] == ["worker_crashed"]
    (out / "_errors.jsonl").write_text("")
    check_complete(out, [p for p in inputs if p.name != "statute_0002.txt"])
