"""The one roll-up rule, as the coverage report, the re-evaluation and the evaluation use it."""
from __future__ import annotations

from evaluation.cv import CVResult
from pipeline.coverage.matrix import EvidenceRef, cells_from, highest, roll_up


def test_highest_is_full_over_partial_over_none():
    assert highest([]) == "none"
    assert highest(["partial", "none"]) == "partial"
    assert highest(["partial", "full", "partial"]) == "full"


def test_roll_up_keeps_units_without_labels_and_takes_the_best_coverage():
    got = roll_up(["s1", "s1", "s2", "s3"], [{"grooming": "partial"}, {"grooming": "full", "csam_access": "partial"},
                                             {}, {"csam_access": "partial"}])
    assert got == {"s1": {"grooming": "full", "csam_access": "partial"}, "s2": {}, "s3": {"csam_access": "partial"}}


def test_cells_from_rolls_up_report_and_reevaluation_evidence_alike():
    ref = [("grooming", EvidenceRef("b.txt", "sec_2", "sec_2__1", "partial", "x", "")),
           ("grooming", EvidenceRef("a.txt", "sec_9", "sec_9", "full", None, ""))]
    as_dicts = [(c, {"statute": e.statute, "eid": e.eid, "coverage": e.coverage}) for c, e in ref]
    for found in (ref, as_dicts):
        cells = cells_from(["grooming", "csam_access"], found)
        assert cells["grooming"].status == "full" and cells["csam_access"].status == "none"
        first = cells["grooming"].evidence[0]
        assert (first.statute if isinstance(first, EvidenceRef) else first["statute"]) == "a.txt"  # full first


def test_the_evaluation_section_score_uses_the_same_roll_up():
    cv = CVResult(model="m", gold=[{"grooming": "partial"}, {"grooming": "full"}, {}],
                  pred=[{"grooming": "full"}, {}, {"csam_access": "partial"}], keys=["a#s1", "a#s1", "a#s2"])
    s = cv.section_scores()
    assert s.n_units == 2 and s.per_conduct["grooming"].tp == 1 and s.per_conduct["grooming"].cov_agree == 1
    assert s.per_conduct["csam_access"].fp == 1
