"""Decisions are stored exactly: accept only when the suggestion is kept unchanged (same conducts,
same coverage), a change of conduct or coverage is an edit, nothing kept is a reject, whatever the
client called it. Checked on the rows in the store."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.review import service
from pipeline.store import session_scope
from pipeline.store.schema import Review

# sec_4's suggestion: grooming 0.62 partial (pre-selected at the 0.5 threshold)
GROOMING_PARTIAL = [{"id": "grooming", "coverage": "partial"}]


def stored(url: str, review_id: int) -> tuple[str, list]:
    with session_scope(url) as s:
        r = s.get(Review, review_id)
        return r.decision, r.labels


@pytest.mark.parametrize("labels,sent,expected", [
    (GROOMING_PARTIAL, "accept", "accept"),                                  # unchanged partial suggestion
    (GROOMING_PARTIAL, "edit", "accept"),                                    # called edit, but unchanged
    ([{"id": "grooming", "coverage": "full"}], "accept", "edit"),            # partial -> full is a change
    (GROOMING_PARTIAL + [{"id": "csam_access", "coverage": "full"}], "accept", "edit"),  # conduct added
    ([{"id": "sexual_extortion", "coverage": "full"}], "accept", "edit"),    # conduct swapped
    ([], "accept", "reject"),                                                # everything removed
    ([], "reject", "reject"),
])
def test_each_decision_type_is_stored_exactly(seeded, labels, sent, expected):
    url = seeded["url"]
    res = service.submit_review(url, seeded["ids"]["sec_4"], seeded["users"]["alice"], labels, sent, 0)
    assert res["decision"] == expected
    decision, labs = stored(url, res["review_id"])
    assert decision == expected
    assert sorted((x["id"], x["coverage"]) for x in labs) == sorted((x["id"], x["coverage"]) for x in labels)


def test_accept_means_all_preselected_suggestions_and_only_those(seeded):
    """sec_1 suggests distribution 0.92 and transmission 0.55 (both pre-selected); sec_2's only
    suggestion (possession 0.48) is under the threshold, so keeping it is an edit."""
    url, ids, alice = seeded["url"], seeded["ids"], seeded["users"]["alice"]
    both = [{"id": "csam_distribution", "coverage": "full"}, {"id": "csam_transmission", "coverage": "full"}]
    assert service.submit_review(url, ids["sec_1"], alice, both[:1], "accept", 0)["decision"] == "edit"
    assert service.submit_review(url, ids["sec_1"], alice, both, "edit", 1)["decision"] == "accept"
    low = [{"id": "csam_possession", "coverage": "partial"}]
    assert service.submit_review(url, ids["sec_2"], alice, low, "accept", 0)["decision"] == "edit"
    # a lower threshold pre-selects it: then keeping it unchanged is an accept
    assert service.submit_review(url, ids["sec_2"], alice, low, "edit", 1, threshold=0.4)["decision"] == "accept"
    with session_scope(url) as s:
        rows = [r.decision for r in s.scalars(select(Review).order_by(Review.id))]
    assert rows == ["edit", "accept", "edit", "accept"]


def test_exact_decision_rule():
    sugg = {"grooming": "partial", "csam_access": "full"}
    assert service.exact_decision([{"id": "grooming", "coverage": "partial"},
                                   {"id": "csam_access", "coverage": "full"}], sugg) == "accept"
    assert service.exact_decision([{"id": "grooming", "coverage": "partial"}], sugg) == "edit"
    assert service.exact_decision([{"id": "grooming", "coverage": "full"},
                                   {"id": "csam_access", "coverage": "full"}], sugg) == "edit"
    assert service.exact_decision([], sugg) == "reject"
    assert service.exact_decision([], {}) == "reject"
    assert service.exact_decision([{"id": "grooming", "coverage": "full"}], {}) == "edit"
