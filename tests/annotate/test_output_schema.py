"""The shipped JSON Schema of lexbench.provision/1 (models/schemas/provision-1.json), checked with
the ``jsonschema`` library against real ``annotate`` output."""
from __future__ import annotations

import copy
import json

import pytest

from pipeline.resources import PROVISION_SCHEMA
from pipeline.records import SCHEMA
from tests.conftest import CORPORA, read_jsonl

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the [dev] extra")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("ann")
    assert main(["annotate", str(CORPORA / "us"), "--out", str(out), "-q", "--no-db"]) == 0
    return out


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(PROVISION_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == SCHEMA == schema["properties"]["schema"]["const"]
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_annotate_line_validates(annotated, validator):
    files = sorted(p for p in annotated.glob("*.jsonl") if not p.name.startswith("_"))
    rows = [r for p in files for r in read_jsonl(p)]
    assert len(files) >= 5 and len(rows) > 100
    # the corpus exercises the optional parts: evidence, partial conducts, flags, exempt flags
    assert any(r["conducts"] for r in rows) and any(r["terms"] for r in rows)
    errors = [f"{r['doc']} {r['eid']}: {e.message}" for r in rows for e in validator.iter_errors(r)]
    assert errors == []


@pytest.mark.parametrize("mutate", [
    lambda r: r.pop("eid"),
    lambda r: r.update(schema="lexbench.provision/2"),
    lambda r: r.update(start="0"),
    lambda r: r.update(conducts=[{"id": "grooming", "score": 2, "coverage": "full", "evidence": None,
                                  "because": None}]),
    lambda r: r.update(conducts=[{"id": "grooming", "score": 0.5, "coverage": "most", "evidence": None,
                                  "because": None}]),
    lambda r: r.update(terms=[{"text": "x"}]),
    lambda r: r.update(own_spans=[[0]]),
    lambda r: r.update(text_hash="abc"),
])
def test_schema_rejects_broken_records(annotated, validator, mutate):
    row = read_jsonl(next(p for p in sorted(annotated.glob("*.jsonl")) if not p.name.startswith("_")))[0]
    assert validator.is_valid(row)
    bad = copy.deepcopy(row)
    mutate(bad)
    assert not validator.is_valid(bad)


def test_flags_go_to_the_provision_whose_own_spans_hold_their_start():
    """``_by_provision`` (bisect per own span) gives what testing every flag against every
    provision gave: flags in document order, a provision with two own spans gets both."""
    from types import SimpleNamespace as NS

    from pipeline.annotate.annotator import _by_provision

    provisions = [NS(own_spans=[(0, 10), (20, 30)]), NS(own_spans=[(10, 20)]), NS(own_spans=[])]
    flags = [NS(start=s) for s in (25, 5, 10, 19, 30, 20)]
    got = _by_provision(provisions, flags)
    want = [[f for f in flags if any(s <= f.start < e for s, e in p.own_spans)] for p in provisions]
    assert got == want and [[f.start for f in x] for x in got] == [[25, 5, 20], [10, 19], []]
