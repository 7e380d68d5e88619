"""Reviewed labels as a spaCy DocBin, read back with spaCy's own DocBin."""
from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from pipeline.cli import main as cli_main
from pipeline.records import CONDUCT_IDS
from pipeline.review import service


def test_docbin_export_has_cats_per_conduct_and_evidence_spans(seeded, tmp_path):
    u, ids = seeded["users"], seeded["ids"]
    service.submit_review(seeded["url"], ids["sec_1"], u["alice"],
                          [{"id": "csam_distribution", "coverage": "full"}, {"id": "grooming", "coverage": "partial"}],
                          "edit", 0)
    service.submit_review(seeded["url"], ids["sec_3"], u["alice"], [], "reject", 0)
    out = tmp_path / "reviews.spacy"
    assert cli_main(["review", "export", "--db", seeded["url"], "--format", "docbin", "--out", str(out)]) == 0
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    by_eid = {d.user_data["lexbench"]["eid"]: d for d in docs}
    assert set(by_eid) == {"sec_1", "sec_3"}  # only reviewed provisions: suggestions alone are not labels
    sec1 = by_eid["sec_1"]
    assert sec1.text.startswith("A person who distributes")
    assert set(sec1.cats) == set(CONDUCT_IDS)
    assert {c for c, v in sec1.cats.items() if v == 1.0} == {"csam_distribution", "grooming"}
    # the evidence of an accepted conduct is a span; that of the conduct the reviewer dropped is not
    assert [(s.label_, s.text) for s in sec1.spans["evidence"]] == [("csam_distribution", "distributes")]
    assert sec1.user_data["lexbench"]["coverage"] == {"csam_distribution": "full", "grooming": "partial"}
    assert not any(by_eid["sec_3"].cats.values()) and len(by_eid["sec_3"].spans["evidence"]) == 0
