"""The reviews export for Hugging Face ``datasets`` has ClassLabel labels and re-imports."""
from __future__ import annotations

import pytest

from pipeline.records import CONDUCT_IDS
from pipeline.review import interop, service

pytestmark = pytest.mark.extra("hf")


def test_hf_export_labels_are_classlabels(seeded, tmp_path):
    from datasets import ClassLabel, load_from_disk

    u, ids = seeded["users"], seeded["ids"]
    service.submit_review(seeded["url"], ids["sec_1"], u["alice"],
                          [{"id": "csam_distribution", "coverage": "full"}, {"id": "grooming", "coverage": "partial"}],
                          "edit", 0)
    out = tmp_path / "hf"
    n = interop.write_export(seeded["url"], "hf", out)
    ds = load_from_disk(str(out))
    assert len(ds) == n
    feat = ds.features["labels"].feature
    assert isinstance(feat, ClassLabel) and feat.names == list(CONDUCT_IDS)
    row = next(r for r in ds if r["eid"] == "sec_1")
    assert feat.int2str(row["labels"]) == ["csam_distribution", "grooming"] and row["reviewed"]
    assert interop.read_records("hf", out)[0]["schema"] == interop.RECORD
