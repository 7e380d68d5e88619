"""An annotate output folder loads in one ``datasets.load_dataset`` call (pipeline/hf_features.py)."""
from __future__ import annotations

import pytest

from pipeline.cli import main
from tests.conftest import CORPORA, read_jsonl

pytestmark = pytest.mark.extra("hf")


def test_output_folder_loads_in_one_call_with_explicit_features(tmp_path):
    import datasets

    from pipeline.hf_features import load_annotations

    out = tmp_path / "out"
    assert main(["annotate", str(CORPORA / "us"), "--out", str(out), "-q", "--no-db"]) == 0
    files = sorted(p for p in out.glob("*.jsonl") if not p.name.startswith("_"))
    rows = [r for p in files for r in read_jsonl(p)]
    # the folder mixes files whose flags are all empty with files that have flags: the inferred
    # per-file schemas disagree (list<null> vs list<struct>), which is what the Features fix
    per_file = [any(r["terms"] for r in read_jsonl(p)) for p in files]
    assert True in per_file and False in per_file
    with pytest.raises(Exception):
        datasets.load_dataset("json", data_files=[str(p) for p in files], split="train",
                              cache_dir=str(tmp_path / "c0"))
    ds = load_annotations(out, cache_dir=str(tmp_path / "c1"))
    assert len(ds) == len(rows)
    assert ds.features["terms"].feature["severity"].dtype == "string"
    by_eid = {(r["doc"], r["eid"]): r for r in rows}
    for got in ds:
        want = by_eid[(got["doc"], got["eid"])]
        assert got["terms"] == want["terms"] and got["conducts"] == want["conducts"]
        assert got["own_spans"] == want["own_spans"] and got["model"] == want["model"]
