"""Issue 17 (6, 7): imports are checked line by line with one-line errors, idempotent by a
stable key, never store non-finite numbers; exports never follow a planted temp symlink."""
from __future__ import annotations

import json
import os

import pytest

from pipeline.cli import main as cli_main
from pipeline.review import interop, service




@pytest.fixture
def exported(seeded_factory, tmp_path):
    src = seeded_factory()
    service.submit_review(src["url"], src["ids"]["sec_1"], src["users"]["alice"],
                          [{"id": "csam_distribution", "coverage": "full"}], "accept", 0, seconds=2.0)
    out = tmp_path / "export.jsonl"
    assert cli_main(["review", "export", "--db", src["url"], "--format", "jsonl", "--out", str(out)]) == 0
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    return seeded_factory(), recs, tmp_path


def _write(tmp_path, lines) -> str:
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return str(p)


def _reviewed(recs):
    return next(r for r in recs if r["reviews"])


@pytest.mark.parametrize("mutate, message", [
    (lambda rv: rv.update(labels="x"), "labels must be a list"),
    (lambda rv: rv.update(labels=[7]), "each label is an object"),
    (lambda rv: rv.pop("reviewer"), "reviewer must be a non-empty string"),
    (lambda rv: rv.update(decision="undo", labels=[{"id": "nope"}]), "unknown conduct id 'nope'"),
    (lambda rv: rv.update(created=None), "created must be an ISO 8601 time"),
    (lambda rv: rv.update(seconds=-1), "seconds must be a number"),
])
def test_malformed_reviews_give_one_line_errors_with_line_numbers(exported, capsys, mutate, message):
    dst, recs, tmp_path = exported
    bad = json.loads(json.dumps(_reviewed(recs)))
    mutate(bad["reviews"][0])
    path = _write(tmp_path, [_reviewed(recs), bad])
    assert cli_main(["review", "import", path, "--db", dst["url"], "--format", "jsonl"]) == 2
    err = capsys.readouterr().err.strip()
    assert "in.jsonl:2: review 1: " in err and message in err and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert interop.export_records(dst["url"], reviewed_only=True) == []  # nothing half-imported


@pytest.mark.parametrize("line, message", [
    ('{"reviews": [{"seconds": Infinity}]}', "Infinity is not a number JSON allows"),
    ("[" * 30_000 + "]" * 30_000, "nested too deeply"),
    ("[1, 2]", "a record must be a JSON object"),
    ("{not json", "not valid JSON"),
])
def test_malformed_lines_are_refused_with_their_line_number(exported, capsys, line, message):
    dst, recs, tmp_path = exported
    path = _write(tmp_path, [_reviewed(recs), line])
    assert cli_main(["review", "import", path, "--db", dst["url"], "--format", "jsonl"]) == 2
    err = capsys.readouterr().err
    assert "in.jsonl:2: " in err and message in err


def test_a_review_without_uid_or_in_another_time_form_is_imported_once(exported):
    dst, recs, tmp_path = exported
    rec = json.loads(json.dumps(_reviewed(recs)))
    rv = rec["reviews"][0]
    rv.pop("uid")
    rv["created"] = rv["created"].removesuffix("Z").split(".")[0] + "+00:00"  # same instant, other form
    path = _write(tmp_path, [rec])
    for expected in (1, 0, 0):
        counts = interop.import_records(dst["url"], interop.read_records("jsonl", path), "jsonl")
        assert counts["reviews_added"] == expected


def test_exports_stay_valid_json_and_never_follow_a_planted_temp_symlink(exported, capsys):
    dst, recs, tmp_path = exported
    interop.import_records(dst["url"], interop.read_records("jsonl", _write(tmp_path, [_reviewed(recs)])), "jsonl")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out.jsonl"
    for name in (f".{out.name}.{os.getpid()}.tmp", f"{out.name}.tmp"):
        os.symlink(victim, tmp_path / name)
    for fmt in ("jsonl", "labelstudio", "prodigy"):
        assert cli_main(["review", "export", "--db", dst["url"], "--format", fmt, "--out", str(out)]) == 0
    assert victim.read_text() == "precious" and not out.is_symlink()
    # --out a folder: a one-line usage error, not a traceback
    assert cli_main(["review", "export", "--db", dst["url"], "--format", "jsonl", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
