"""End to end: real annotate output into the store, `lexbench serve` as a process, two processes
opening one fresh SQLite database at once, and the agreement statistics."""
from __future__ import annotations

import multiprocessing as mp
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.review import service
from pipeline.review.agreement import cohen_kappa
from pipeline.store import ProvisionRow, Statute, session_scope

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILE = ROOT / "corpora" / "au" / "au-cth-criminal-code-ss474.19-474.20-repealed.txt"


def test_annotate_output_is_reviewable(db_url, tmp_path):
    """run_batch stores a real statute; re-running with --force keeps the same rows (and versions)."""
    from pipeline.annotate import AnnotateConfig, run_batch

    cfg = AnnotateConfig(out_dir=tmp_path / "out", db_url=db_url)
    res = run_batch([str(CORPUS_FILE)], cfg)
    assert res[0].error is None and res[0].n_provisions > 0
    with session_scope(db_url) as s:
        ids = sorted(s.scalars(select(ProvisionRow.id)))
        assert s.scalar(select(func.count()).select_from(Statute)) == 1
    uid = service.add_user(db_url, "carol", "a long passphrase")
    q = service.queue(db_url, uid, limit=500)
    assert q and {x["id"] for x in q} <= set(ids)
    view = service.provision_view(db_url, q[0]["id"])
    r = service.submit_review(db_url, view["id"], uid, [], "reject", view["version"])
    cfg.force = True
    run_batch([str(CORPUS_FILE)], cfg)
    with session_scope(db_url) as s:
        assert sorted(s.scalars(select(ProvisionRow.id))) == ids
    assert service.provision_view(db_url, view["id"])["current"]["review_id"] == r["review_id"]


def _open_and_write(url: str, name: str, q) -> None:
    try:
        from pipeline.review.service import add_user

        add_user(url, name, "a long passphrase")
        q.put("ok")
    except Exception as exc:  # noqa: BLE001
        q.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_migrate_and_write_one_fresh_sqlite_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_open_and_write, args=(url, f"user{i}", q)) for i in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert sorted(q.get(timeout=5) for _ in procs) == ["ok"] * 2
    assert [u["username"] for u in service.list_users(url)] == ["user0", "user1"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_binds_localhost_and_guards_routes(tmp_path):
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", url, "--port", str(port),
                             "--secret-file", str(tmp_path / "secret")], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                resp = urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read()
                assert time.time() < deadline, "serve did not start"
                time.sleep(0.3)
        assert resp.status == 200 and "script-src 'self'" in resp.headers["Content-Security-Policy"]
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/queue", timeout=5)
        assert err.value.code == 401
        conns = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout \
            if os.path.exists("/usr/bin/ss") or os.path.exists("/bin/ss") else ""
        if conns:
            assert [line.split()[3] for line in conns.splitlines()] == [f"127.0.0.1:{port}"]
        assert oct((tmp_path / "secret").stat().st_mode & 0o777) == "0o600"
    finally:
        proc.terminate()
        proc.wait(10)


def test_cohen_kappa_known_values():
    # 10 pairs: both yes 4, both no 4, disagree 2 -> po 0.8, pa=pb=0.5 -> pe 0.5 -> kappa 0.6
    pairs = [(True, True)] * 4 + [(False, False)] * 4 + [(True, False), (False, True)]
    assert cohen_kappa(pairs) == pytest.approx(0.6)
    assert cohen_kappa([(True, False), (False, True)]) == pytest.approx(-1.0)
    assert cohen_kappa([(False, False)] * 3) is None  # undefined: nobody ever said yes
    assert cohen_kappa([]) is None
