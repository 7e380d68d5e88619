"""Export/import round trips (jsonl, Label Studio, Prodigy, HF datasets) and the terminal review mode."""
from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pytest

from pipeline.cli import main as cli_main
from pipeline.review import interop, service


def _populate(url, ids, users):
    a, b = users["alice"], users["bob"]
    service.submit_review(url, ids["sec_1"], a, [{"id": "csam_distribution", "coverage": "full"}], "accept", 0,
                          comment="clear wording", seconds=3.25)
    service.submit_review(url, ids["sec_1"], b, [], "reject", 1)
    service.submit_review(url, ids["sec_2"], a, [{"id": "csam_possession", "coverage": "partial"}], "edit", 0)
    service.submit_review(url, ids["sec_3"], b, [], "reject", 0)
    service.undo(url, b)  # withdraws b's reject on sec_3


def _strip(recs):
    for r in recs:
        for rv in r["reviews"]:
            rv.pop("source")
    return recs


@pytest.mark.parametrize("fmt", [pytest.param(f, marks=pytest.mark.extra("hf")) if f == "hf" else f
                                 for f in interop.FORMATS])
def test_export_import_round_trip(seeded_factory, tmp_path, fmt):
    src, dst = seeded_factory(), seeded_factory()
    _populate(src["url"], src["ids"], src["users"])
    out = tmp_path / ("export" if fmt == "hf" else f"export.{fmt}")
    assert cli_main(["review", "export", "--db", src["url"], "--format", fmt, "--out", str(out)]) == 0
    assert cli_main(["review", "import", str(out), "--db", dst["url"], "--format", fmt]) == 0
    before, after = _strip(interop.export_records(src["url"])), _strip(interop.export_records(dst["url"]))
    assert after == before
    assert [r["final"] for r in after if r["eid"] == "sec_3"] == [None]  # the undo survived the trip
    # importing again adds nothing
    counts = interop.import_records(dst["url"], interop.read_records(fmt, out), fmt)
    assert counts["reviews_added"] == 0 and counts["reviews_present"] == 5
    # suggestions came along as suggestions only: unreviewed provisions are still in the queue
    q = {x["id"] for x in service.queue(dst["url"], dst["users"]["root"], limit=100)}
    assert dst["ids"]["sec_4"] in q and dst["ids"]["sec_1"] not in q


def test_native_fields_of_each_format(seeded, tmp_path):
    _populate(seeded["url"], seeded["ids"], seeded["users"])
    ls = tmp_path / "ls.json"
    interop.write_export(seeded["url"], "labelstudio", ls)
    tasks = json.loads(ls.read_text())
    t1 = next(t for t in tasks if t["data"]["eid"] == "sec_1")
    assert t1["predictions"][0]["model_version"] == "test-model@1"
    assert t1["predictions"][0]["result"][0]["value"]["choices"] == ["csam_distribution", "csam_transmission"]
    assert [a["created_username"] for a in t1["annotations"]] == ["alice", "bob"]
    assert [a["completed_by"] for a in t1["annotations"]] == [interop.labelstudio_user_id(n) for n in ("alice", "bob")]
    assert t1["annotations"][0]["lead_time"] == 3.25
    pr = tmp_path / "p.jsonl"
    interop.write_export(seeded["url"], "prodigy", pr)
    lines = [json.loads(x) for x in pr.read_text().splitlines()]
    sec1 = [x for x in lines if x["meta"]["eid"] == "sec_1"]
    assert [(x["_session_id"], x["answer"], x["accept"]) for x in sec1] == [
        ("alice", "accept", ["csam_distribution"]), ("bob", "reject", [])]


def test_import_refuses_unknown_conducts(seeded, tmp_path):
    _populate(seeded["url"], seeded["ids"], seeded["users"])
    recs = interop.export_records(seeded["url"])
    recs[0]["reviews"][0]["labels"] = [{"id": "csam_renamed", "coverage": "full"}]
    recs[0]["reviews"][0]["created"] = "2020-01-01T00:00:00.000000Z"
    with pytest.raises(ValueError, match="unknown conduct"):
        interop.import_records(seeded["url"], recs)


def test_terminal_mode(seeded, monkeypatch):
    from pipeline.cli import review as review_cli

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    keys = iter(["x", "7", "p7", "", "q"])  # 7 = csam_possession, on every provision
    lines: list[str] = []
    args = SimpleNamespace(db=seeded["url"], user="alice", threshold=0.5, limit=10)
    assert review_cli.terminal(args, inp=lambda _prompt: next(keys), out=lines.append) == 0
    mine = service.recent_decisions(seeded["url"], seeded["users"]["alice"])
    assert [d["decision"] for d in mine] == ["edit", "reject"]
    first = service.provision_view(seeded["url"], mine[1]["provision_id"])
    assert "<script>" in first["text"]  # the most uncertain provision came first
    assert any(line.startswith("saved (reject)") for line in lines)
    # next: sec_2, whose 0.48 "partial" suggestion is not pre-selected; "7" adds it as partial, "p7" makes it full
    assert mine[0]["labels"] == [{"id": "csam_possession", "coverage": "full"}]


def test_reviewed_labels_for_training(seeded):
    _populate(seeded["url"], seeded["ids"], seeded["users"])
    gold = interop.reviewed_labels(seeded["url"])
    by_eid = {r.eid: r.text_hash for r in seeded["rows"]}
    assert gold == {by_eid["sec_1"]: [], by_eid["sec_2"]: [{"id": "csam_possession", "coverage": "partial"}]}
