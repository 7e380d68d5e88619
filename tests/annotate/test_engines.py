"""Cluster engines: a real local Dask cluster (2 worker processes) annotates a small batch."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pipeline.annotate import engines
from pipeline.annotate import AnnotateConfig

from evaluation.bench_corpus import statute_text  # neutral generated statutes

N_FILES = 6


def _corpus(root: Path) -> list[Path]:
    root.mkdir()
    files = []
    for i in range(N_FILES):
        f = root / f"act_{i}.txt"
        f.write_text(statute_text(3 + i % 3, seed=500 + i), encoding="utf-8")
        files.append(f)
    return files


@pytest.fixture(scope="module")
def dask_cluster():
    import distributed
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster
    cluster.close()


@pytest.mark.extra("cluster")
def test_dask_cluster_annotates_each_file_once_into_one_store(tmp_path, dask_cluster):
    files = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    db = f"sqlite:///{tmp_path / 'store.db'}"
    seen = []
    config = AnnotateConfig(out_dir=out, db_url=db)
    results = engines.run_engine("dask", [str(tmp_path / "in")], config, dask_cluster.scheduler_address,
                                 progress=lambda i, n, r: seen.append((i, n, r.path)))

    assert [r.path for r in results] == [str(f) for f in files]  # input order, one result each
    assert all(r.error is None and not r.skipped and r.n_provisions > 0 for r in results), results
    assert sorted(p for _, _, p in seen) == sorted(str(f) for f in files)
    assert seen[-1][:2] == (N_FILES, N_FILES)
    outputs = sorted(p.name for p in out.glob("*.jsonl") if not p.name.startswith("_"))
    assert outputs == sorted(f"{f.name}.jsonl" for f in files)
    for r in results:
        rows = [json.loads(line) for line in Path(r.output).read_text(encoding="utf-8").splitlines()]
        assert len(rows) == r.n_provisions
        assert {row["doc"] for row in rows} == {Path(r.path).name}
    eng = create_engine(db)
    with eng.connect() as conn:
        names = [row[0] for row in conn.execute(text("SELECT name FROM statutes"))]
        n_prov = conn.execute(text("SELECT count(*) FROM provisions WHERE active")).scalar()
    assert sorted(names) == sorted(f.name for f in files)  # one statute per file, none twice
    assert n_prov == sum(r.n_provisions for r in results)

    # the workers are separate processes: the work really ran on the cluster
    with __import__("distributed").Client(dask_cluster.scheduler_address) as client:
        assert len(client.scheduler_info()["workers"]) == 2

    # unchanged re-run on the cluster: every file skipped by content hash, store unchanged
    again = engines.run_engine("dask", [str(tmp_path / "in")], AnnotateConfig(out_dir=out, db_url=db),
                               dask_cluster.scheduler_address)
    assert all(r.skipped for r in again)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM statutes")).scalar() == N_FILES


@pytest.mark.extra("cluster")
def test_bad_file_is_reported_not_fatal(tmp_path, dask_cluster):
    files = _corpus(tmp_path / "in")
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf\n%%EOF\n")
    out = tmp_path / "out"
    results = engines.run_engine("dask", [str(tmp_path / "in")], AnnotateConfig(out_dir=out, store=False),
                                 dask_cluster.scheduler_address)
    errors = [r for r in results if r.error]
    assert [Path(r.path).name for r in errors] == ["broken.pdf"]
    assert len(results) == len(files) + 1
    logged = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [Path(e["file"]).name for e in logged] == ["broken.pdf"]


def test_unknown_engine_and_model_fail_before_any_work(tmp_path):
    _corpus(tmp_path / "in")
    with pytest.raises(ValueError, match="unknown engine"):
        engines.run_engine("spark", [str(tmp_path / "in")], AnnotateConfig(out_dir=tmp_path / "o"), None)
    with pytest.raises(KeyError, match="unknown model"):
        engines.run_engine("dask", [str(tmp_path / "in")],
                           AnnotateConfig(out_dir=tmp_path / "o", model="no-such-model"), "tcp://127.0.0.1:1")


@pytest.mark.parametrize("engine,module", [("dask", "distributed"), ("ray", "ray")])
def test_missing_engine_package_gives_install_hint(tmp_path, monkeypatch, engine, module):
    _corpus(tmp_path / "in")
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    with pytest.raises(engines.EngineUnavailable, match="pip install"):
        engines.run_engine(engine, [str(tmp_path / "in")], AnnotateConfig(out_dir=tmp_path / "o", store=False), None)


@pytest.mark.slow
@pytest.mark.extra("cluster")
def test_ray_local_cluster_annotates_each_file_once(tmp_path):
    import ray  # noqa: F401  (installed with the ray extra)

    files = _corpus(tmp_path / "in")[:3]
    for f in list((tmp_path / "in").iterdir()):
        if f not in files:
            f.unlink()
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'store.db'}"
    results = engines.run_engine("ray", [str(tmp_path / "in")], AnnotateConfig(out_dir=out, db_url=db), None,
                                 workers=2)
    assert [r.path for r in results] == [str(f) for f in files]
    assert all(r.error is None and r.n_provisions > 0 for r in results), results
    assert sorted(p.name for p in out.glob("act_*.jsonl")) == sorted(f"{f.name}.jsonl" for f in files)
    with create_engine(db).connect() as conn:
        assert sorted(r[0] for r in conn.execute(text("SELECT name FROM statutes"))) == sorted(f.name for f in files)
