"""The section view: a paragraph is reviewed with its section heading and sibling paragraphs."""
from __future__ import annotations

import review_seed as seed
from sqlalchemy import select

from pipeline.review import service
from pipeline.store import ProvisionRow, save_document, session_scope


def store_tree(url: str) -> dict[str, int]:
    doc, rows = seed.make_tree()
    save_document(url, doc, rows, jurisdiction="XT")
    with session_scope(url) as s:
        return {p.eid: p.id for p in s.scalars(select(ProvisionRow).where(ProvisionRow.eid.like("%sec_1%")))} | {
            p.eid: p.id for p in s.scalars(select(ProvisionRow).where(ProvisionRow.eid == "part_2"))}


def test_a_paragraph_comes_with_its_section_and_siblings(seeded):
    url, alice, bob = seeded["url"], seeded["users"]["alice"], seeded["users"]["bob"]
    ids = store_tree(url)
    service.submit_review(url, ids["sec_10__subsec_1__para_b"], bob,
                          [{"id": "csam_distribution", "coverage": "full"}], "accept", 0)
    view = service.provision_view(url, ids["sec_10__subsec_1__para_c"])
    sec = service.section_view(url, view["statute"]["id"], view["eid"])
    assert (sec["eid"], sec["printed"], sec["heading"]) == ("sec_10", "s. 10", "Indecent images of children")
    assert [(m["printed"], m["self"]) for m in sec["members"]] == [
        ("s. 10", False), ("s. 10(1)", False), ("s. 10(1)(a)", False), ("s. 10(1)(b)", False),
        ("s. 10(1)(c)", True), ("s. 10(1)(d)", False)]  # not s. 11, not Part 2
    by = {m["eid"]: m for m in sec["members"]}
    assert by["sec_10__subsec_1__para_d"]["text"] == "publishes an advertisement offering the image."
    assert by["sec_10__subsec_1__para_b"]["decision"] == "accept" and by["sec_10__subsec_1__para_b"]["reviewer"] == "bob"
    assert [m["depth"] for m in sec["members"]] == [0, 1, 2, 2, 2, 2]
    # blind overlap: alice does not see bob's decision
    blind = service.section_view(url, view["statute"]["id"], view["eid"], alice, blind=True)
    assert all(m["decision"] is None for m in blind["members"])
    # a section reviewed itself shows its own members; a provision outside any section shows itself
    assert service.section_view(url, view["statute"]["id"], "sec_11")["members"][0]["self"] is True
