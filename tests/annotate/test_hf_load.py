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


def test_output_folder_loads_with_one_plain_load_dataset_of_the_folder(tmp_path):
    """The folder's README.md (a dataset card written by annotate) types every field and leaves
    ``_errors.jsonl`` out, so ``datasets.load_dataset(FOLDER)`` needs no argument from lexbench."""
    import datasets

    from pipeline.hf_features import card_features, provision_features

    assert datasets.Features._from_yaml_list(card_features()) == provision_features()
    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")  # one failure: _errors.jsonl has a line
    assert main(["annotate", str(CORPORA / "us"), str(tmp_path / "in" / "empty.txt"), "--out", str(out), "-q",
                 "--no-db"]) == 1
    assert (out / "_errors.jsonl").read_text(encoding="utf-8").strip()
    rows = [r for p in out.glob("[!_]*.jsonl") for r in read_jsonl(p)]
    ds = datasets.load_dataset(str(out), split="train", cache_dir=str(tmp_path / "c"))
    assert len(ds) == len(rows) and ds.features == provision_features()
    assert sorted(ds["text_hash"]) == sorted(r["text_hash"] for r in rows)
    # a README.md the user wrote is left alone; lexbench's own card is rewritten
    (out / "README.md").write_text("# my notes\n", encoding="utf-8")
    assert main(["annotate", str(CORPORA / "us"), "--out", str(out), "-q", "--no-db"]) == 0
    assert (out / "README.md").read_text(encoding="utf-8") == "# my notes\n"
