"""Issue 8, concurrency: two ``annotate`` processes on one SQLite database and one output
folder, with overlapping inputs, finish without "database is locked" reaching the user
and without losing or duplicating a statute or a provision."""
from __future__ import annotations

import json

from tests.annotate.test_crash_resume import check_complete, mbi, start


def test_two_annotate_processes_share_one_database_and_folder(tmp_path):
    inputs = mbi.good(tmp_path / "in", 240)
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    for p in inputs[:160]:
        (a_dir / p.name).symlink_to(p)
    for p in inputs[80:]:
        (b_dir / p.name).symlink_to(p)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    # B re-annotates (--force) what A may be writing at the same moment, in 2 workers
    pa = start([a_dir, bad], out)
    pb = start([b_dir], out, "--force", "-j", "2")
    (oa, ea), (ob, eb) = pa.communicate(timeout=600), pb.communicate(timeout=600)
    for err in (ea, eb):
        text = err.decode()
        assert "locked" not in text.lower() and "Traceback" not in text, text
    assert pb.returncode == 0, eb.decode()
    assert pa.returncode == 1 and "empty.txt: empty_input" in ea.decode()  # only the bad file failed
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [e["kind"] for e in errors] == ["empty_input"]  # B's write did not erase A's failure
    (out / "_errors.jsonl").write_text("")  # check_complete expects no failures among the statutes
    counts = check_complete(out, inputs)
    assert counts["files"] == 240


def test_two_processes_on_the_same_files_at_once(tmp_path):
    """The worst overlap: both annotate the same 60 files, both forced, at the same time."""
    inputs = mbi.good(tmp_path / "in", 60)
    out = tmp_path / "out"
    procs = [start([tmp_path / "in"], out, "--force") for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (_o, e) in zip(procs, results):
        assert p.returncode == 0, e.decode()
        assert "locked" not in e.decode().lower()
    check_complete(out, inputs)


def test_a_database_locked_for_too_long_gives_a_clear_error_not_a_crash(tmp_path, monkeypatch):
    """If another process holds the write lock beyond every retry, the file fails with
    ``database_busy`` (one line, re-run resumes) and no output is written for it."""
    import sqlite3

    from pipeline.store import engine as store
    from pipeline.annotate import AnnotateConfig, Annotator

    inputs = mbi.good(tmp_path / "in", 1)
    db = tmp_path / "x.db"
    url = f"sqlite:///{db}"
    store.engine_for(url)  # create the schema first
    store._ENGINES.pop(url).dispose()

    def quick_pragmas(dbapi_conn, rec):
        real_pragmas(dbapi_conn, rec)
        dbapi_conn.execute("PRAGMA busy_timeout=50")

    real_pragmas, real_retry = store._sqlite_pragmas, store.with_retry
    monkeypatch.setattr(store, "_sqlite_pragmas", quick_pragmas)
    monkeypatch.setattr(store, "with_retry", lambda fn, attempts=2, base_delay=0.01: real_retry(fn, 2, 0.01))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        a = Annotator(AnnotateConfig(out_dir=tmp_path / "out", model="rules", db_url=url), warm_up=False)
        res = a.annotate_file(inputs[0], "s.jsonl")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        eng = store._ENGINES.pop(url, None)
        if eng is not None:
            eng.dispose()
    assert res.error and res.error["kind"] == "database_busy", res.error
    assert "\n" not in res.error["message"] and not (tmp_path / "out" / "s.jsonl").exists()
