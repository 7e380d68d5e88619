"""The main job end to end: output contract, batch errors, exit codes, resume, store."""
from __future__ import annotations

import csv
import re
import json
import shutil

import pytest
from sqlalchemy import func, select

from pipeline.extract.language import detect_language
from pipeline.records import CONDUCT_IDS, SCHEMA
from tests.conftest import CORPORA, read_jsonl

REQUIRED = {"doc", "eid", "num", "heading", "text", "start", "end", "page", "lang", "conducts", "terms",
            "model", "benchmark"}


def _manifest():
    with (CORPORA / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_manifest_lists_every_corpus_statute_with_provenance():
    rows = _manifest()
    listed = {r["path"] for r in rows}
    on_disk = {p.relative_to(CORPORA).as_posix() for p in CORPORA.rglob("*")
               if p.suffix in {".txt", ".pdf", ".md"} and p.name != "README.md"}
    assert on_disk == listed
    local = re.compile(r"(^|[\s(])/(work|home|root|tmp|mnt)/")
    for r in rows:
        assert r["source_url"] and r["version_date"] and r["licence"] and r["jurisdiction"], r["path"]
        assert not any(local.search(v or "") for v in r.values()), f"{r['path']} names a local folder"
        if r.get("repo"):  # the many-country collection names repository, path and commit
            assert r["repo_path"] and re.fullmatch(r"[0-9a-f]{40}", r["commit"]), r["path"]
        if r.get("structure"):
            assert (CORPORA / r["structure"]).is_file(), r["path"]
    assert sum(r["path"].endswith(".pdf") for r in rows) >= 20
    assert len({r["jurisdiction"].split("-")[0] for r in rows}) >= 60


@pytest.mark.parametrize("row", [r for r in _manifest() if r["path"].endswith((".txt", ".md"))], ids=lambda r: r["path"])
def test_language_detected_per_document(row):
    text = (CORPORA / row["path"]).read_text(encoding="utf-8")
    assert detect_language(text) == row["language"]


@pytest.fixture
def small_batch(tmp_path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    shutil.copy(CORPORA / "us" / "18-usc-2252A.txt", src)
    shutil.copy(CORPORA / "fr-africa-mr" / "mr-loi-cybercriminalite-arts17-20.txt", src / "nested")
    (src / "empty.txt").write_bytes(b"")
    (src / "random.pdf").write_bytes(b"\x13\x37" * 500)
    return src


def test_batch_writes_contract_and_reports_bad_files(small_batch, tmp_path, cli, capsys):
    out = tmp_path / "out"
    code = cli("annotate", small_batch, "--out", out, "--quiet")
    assert code == 1  # some inputs failed
    stdout = capsys.readouterr()
    assert "2 failed" in stdout.err and "empty.txt" in stdout.err and stdout.out == ""
    errors = read_jsonl(out / "_errors.jsonl")
    assert {e["kind"] for e in errors} == {"empty_input", "corrupt_pdf"}
    assert all(e["file"] and e["message"] and "\n" not in e["message"] for e in errors)

    rows = read_jsonl(out / "18-usc-2252A.txt.jsonl")
    assert rows, "good file annotated despite the bad ones"
    text = (small_batch / "18-usc-2252A.txt").read_text(encoding="utf-8")
    for r in rows:
        assert REQUIRED <= r.keys() and r["schema"] == SCHEMA
        assert r["doc"] == "18-usc-2252A.txt" and r["lang"] == "en"
        assert 0 <= r["start"] <= r["end"] <= len(text) + 1
        assert r["model"]["name"] and r["model"]["version"]
        assert r["benchmark"]["id"] and r["benchmark"]["version"]
        for c in r["conducts"]:
            assert c["id"] in CONDUCT_IDS and c["coverage"] in ("full", "partial")
            assert 0.0 <= c["score"] <= 1.0
    assert len({r["eid"] for r in rows}) == len(rows)
    assert (out / "mr-loi-cybercriminalite-arts17-20.txt.jsonl").is_file()


def test_usage_errors_exit_2(tmp_path, cli):
    assert cli("annotate", tmp_path / "missing", "--out", tmp_path / "o") == 2
    assert cli("annotate", CORPORA / "us" / "18-usc-2252A.txt", "--out", tmp_path / "o",
               "--model", "no-such-model") == 2


def test_all_good_exit_0_then_rerun_skips_unchanged(tmp_path, cli, capsys):
    out = tmp_path / "out"
    f = CORPORA / "gb" / "gb-criminal-justice-act-1988-s160.txt"
    assert cli("annotate", f, "--out", out, "-q") == 0
    first = (out / (f.name + ".jsonl")).read_bytes()
    capsys.readouterr()
    assert cli("annotate", f, "--out", out, "-q") == 0
    assert "skipped 1 unchanged" in capsys.readouterr().err
    assert (out / (f.name + ".jsonl")).read_bytes() == first


def test_same_input_gives_same_output(tmp_path, cli):
    f = CORPORA / "coe" / "coe-cets201-lanzarote-arts3-18-24-en.txt"
    cli("annotate", f, "--out", tmp_path / "a", "-q", "--no-db")
    cli("annotate", f, "--out", tmp_path / "b", "-q", "--no-db")
    a = (tmp_path / "a" / (f.name + ".jsonl")).read_text()
    b = (tmp_path / "b" / (f.name + ".jsonl")).read_text()
    assert a == b


def test_run_is_recorded_in_the_store(tmp_path, cli):
    from pipeline.store import Prediction, ProvisionRow, Statute, session_scope

    out = tmp_path / "out"
    f = CORPORA / "us" / "18-usc-2252A.txt"
    assert cli("annotate", f, "--out", out, "-q") == 0
    url = f"sqlite:///{out / 'lexbench.db'}"
    rows = read_jsonl(out / (f.name + ".jsonl"))
    with session_scope(url) as s:
        st = s.scalars(select(Statute)).one()
        assert st.jurisdiction == "US" and st.lang == "en" and len(st.sha256) == 64
        assert s.scalar(select(func.count()).select_from(ProvisionRow)) == len(rows)
        n_labels = sum(len(r["conducts"]) for r in rows)
        preds = s.scalars(select(Prediction)).all()
        assert len(preds) == n_labels
        assert all(p.model_version and p.benchmark_version for p in preds)
    # a second, forced run does not duplicate anything
    assert cli("annotate", f, "--out", out, "-q", "--force") == 0
    with session_scope(url) as s:
        assert s.scalar(select(func.count()).select_from(ProvisionRow)) == len(rows)
        assert s.scalar(select(func.count()).select_from(Prediction)) == n_labels


def test_output_is_valid_json_per_line(tmp_path, cli):
    out = tmp_path / "out"
    cli("annotate", CORPORA / "ca", "--out", out, "-q", "--no-db")
    files = sorted(out.glob("*.jsonl"))
    assert len(files) == 5  # four statutes + _errors.jsonl
    for p in files:
        for line in p.read_text(encoding="utf-8").splitlines():
            json.loads(line)


def test_rerun_on_unchanged_input_does_not_extract_again(tmp_path, monkeypatch):
    import pipeline.annotate.annotator as annotate_mod
    from pipeline.annotate import AnnotateConfig, run_batch

    f = CORPORA / "gb" / "gb-criminal-justice-act-1988-s160.txt"
    config = AnnotateConfig(out_dir=tmp_path / "out", db_url=None)
    assert not run_batch([str(f)], config)[0].error

    def no_extract(*_a, **_k):
        raise AssertionError("extract called for an unchanged file")

    monkeypatch.setattr(annotate_mod, "extract", no_extract)
    res = run_batch([str(f)], config)[0]
    assert res.skipped and not res.error
    # a changed file with the same name is annotated again
    changed = tmp_path / f.name
    changed.write_text(f.read_text(encoding="utf-8") + "\n(9) A new subsection.\n", encoding="utf-8")
    monkeypatch.undo()
    res = run_batch([str(changed)], config)[0]
    assert not res.skipped and res.n_provisions > 0


def test_each_batch_is_a_run_and_its_predictions_point_at_it(tmp_path, cli, capsys):
    from pipeline.store import Prediction, Run, session_scope

    out = tmp_path / "out"
    assert cli("annotate", CORPORA / "us" / "18-usc-2252A.txt", "--out", out, "-q") == 0
    url = f"sqlite:///{out / 'lexbench.db'}"
    with session_scope(url) as s:
        run = s.scalars(select(Run)).one()
        assert run.command == "annotate" and run.finished is not None
        assert run.model_name and run.model_version and run.benchmark_id and run.benchmark_version
        assert run.stats["annotated"] == 1 and run.stats["failed"] == 0 and run.stats["provisions"] > 0
        assert {p.run_id for p in s.scalars(select(Prediction))} == {run.id}
    capsys.readouterr()
    assert cli("runs", "list", "--db", url) == 0
    assert "annotate" in capsys.readouterr().out
