"""The learning loop: reviewed labels in a store feed training and the before/after evaluation."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.learned_fixture import ROWS
from pipeline import gold as gold_mod
from pipeline import reviewed
from pipeline.classify.learned import training
from pipeline.records import text_hash
from pipeline.classify import ClassifyItem
from pipeline.review import interop, service
from pipeline.store import save_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "review"))
import review_seed  # noqa: E402

# A provision the fixture gold says is possession; the reviewer corrects it to distribution.
FLIP = "Any person who possesses child sexual abuse material commits an offence."
NEW = "A person who transmits child sexual abuse material by electronic means commits an offence."


def _gold():
    return [{"statute": f"{j}/act.txt", "eid": f"s{i}", "section_eid": f"s{i}", "jurisdiction": j,
             "lang": "fr" if j == "CC" else "en", "text": t, "context": "", "text_hash": text_hash(t),
             "labels": dict(lab), "kind": "section"} for i, (j, t, lab) in enumerate(ROWS)]


@pytest.fixture()
def store(tmp_path):
    from argon2 import PasswordHasher

    from pipeline.review import auth

    auth._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    url = f"sqlite:///{tmp_path / 'review.db'}"
    provs = [("sec_1", "Possession", FLIP, [("csam_possession", 0.9, "full", "possesses")], []),
             ("sec_2", "Transmission", NEW, [("csam_distribution", 0.6, "full", "transmits")], []),
             ("sec_3", "Other", "The Minister may make regulations under this Part.", [], [])]
    doc, rows = review_seed.make_rows(provs, "ee-act.txt")
    save_document(url, doc, rows, jurisdiction="EE")
    uid = service.add_user(url, "rev", "a long enough password")
    ids = {q["eid"]: q["id"] for q in service.queue(url, uid, limit=100, order="statute")}
    return {"url": url, "uid": uid, "ids": ids}


def _review(store, eid, labels, decision="edit"):
    view = service.provision_view(store["url"], store["ids"][eid])
    service.submit_review(store["url"], store["ids"][eid], store["uid"], labels, decision, view["version"])


@pytest.fixture()
def fixture_gold(monkeypatch):
    gold = _gold()
    monkeypatch.setattr(training, "load_training_data", lambda root=None, include_synthetic=True: (
        gold, [gold_mod.item_from_gold(g) for g in gold], [gold_mod.labels_from_gold(g) for g in gold]))
    return gold


def _dist_score(path):
    from pipeline.classify.learned.linear import LinearClassifier
    from pipeline.classify import CONDUCT_IDS

    clf = LinearClassifier.load(Path(path))
    return float(clf.predict_proba([ClassifyItem(text=FLIP)])[0, CONDUCT_IDS.index("csam_distribution")])


def test_train_uses_reviewed_labels_and_changes_version(store, fixture_gold, tmp_path):
    plain = training.train("linear", threshold=0.5, folder=tmp_path / "m0")
    no_reviews = training.train("linear", threshold=0.5, folder=tmp_path / "m1", db_url=store["url"])
    assert no_reviews.version == plain.version  # suggestions alone are not reviews
    assert no_reviews.reviews == {"reviews": 0, "overridden": 0, "changed": 0, "added": 0}

    _review(store, "sec_1", [{"id": "csam_distribution", "coverage": "full"}])
    _review(store, "sec_2", [{"id": "csam_transmission", "coverage": "full"}])
    res = training.train("linear", threshold=0.5, folder=tmp_path / "m2", db_url=store["url"])
    assert res.version != plain.version
    assert res.reviews == {"reviews": 2, "overridden": 1, "changed": 1, "added": 1}
    assert res.n_items == len(fixture_gold) + 1
    assert _dist_score(res.path) >= 0.5 > _dist_score(plain.path)  # the reviewed label flipped the prediction

    # a review that only confirms the gold still changes the version (provenance), not the data
    _review(store, "sec_3", [], "reject")
    again = training.train("linear", threshold=0.5, folder=tmp_path / "m3", db_url=store["url"])
    assert again.version != res.version and again.reviews["reviews"] == 3 and again.reviews["changed"] == 1
    skipped = training.train("linear", threshold=0.5, folder=tmp_path / "m3", db_url=store["url"], if_changed=True)
    assert skipped.skipped and skipped.version == again.version


def test_reviewed_items_get_the_classifier_input_annotate_builds(store):
    """load_reviews builds context and siblings with classify_items, as annotate does."""
    from pipeline.classify.inputs import Node, classify_items

    _review(store, "sec_2", [{"id": "csam_transmission", "coverage": "full"}])
    (got,) = reviewed.load_reviews(store["url"])
    texts = [FLIP, NEW, "The Minister may make regulations under this Part."]
    want = classify_items([Node(f"sec_{i}", "part_1", "section", t, None) for i, t in enumerate(texts, 1)], "en")[1]
    assert got.eid == "sec_2" and got.labels == {"csam_transmission": "full"}
    assert (got.context, got.detail, got.before, got.after, got.glossary) == (
        want.context, want.detail, want.before, want.after, want.glossary)
    assert got.before == FLIP and got.after == texts[2]  # the siblings the old ancestor loop never gave


def test_imported_suggestions_are_not_reviews(store, tmp_path):
    assert reviewed.load_reviews(store["url"]) == []  # the store holds model suggestions only
    for fmt in ("labelstudio", "prodigy"):
        out = tmp_path / f"export.{fmt}"
        interop.write_export(store["url"], fmt, out)
        counts = interop.import_records(store["url"], interop.read_records(fmt, out), fmt)
        assert counts["reviews_added"] == 0
    assert reviewed.load_reviews(store["url"]) == []
    # an imported human review does count, with the statute's jurisdiction
    _review(store, "sec_2", [{"id": "csam_transmission", "coverage": "full"}])
    rec = [r for r in interop.export_records(store["url"]) if r["eid"] == "sec_2"]
    other = tmp_path / "other.db"
    url2 = f"sqlite:///{other}"
    doc, rows = review_seed.make_rows([("sec_2", "Transmission", NEW, [], [])], "ee-act.txt")
    save_document(url2, doc, rows, jurisdiction="EE")
    for r in rec:
        r["statute_sha256"] = doc.sha256
    assert interop.import_records(url2, rec, "jsonl")["reviews_added"] == 1
    got = reviewed.load_reviews(url2)
    assert [(r.text_hash, r.labels, r.jurisdiction) for r in got] == [
        (text_hash(NEW), {"csam_transmission": "full"}, "EE")]


def test_cv_never_trains_on_held_out_reviews():
    from evaluation.cv import cross_validate
    from pipeline.classify.learned.linear import LinearClassifier

    gold = _gold()
    aa_text = gold[0]["text"]
    reviews = [reviewed.ReviewedItem(text_hash=text_hash(aa_text), labels={"csam_distribution": "full"},
                                      text=aa_text, context="", jurisdiction="AA", statute="AA/act.txt", eid="s0"),
               reviewed.ReviewedItem(text_hash=text_hash(NEW), labels={"csam_transmission": "full"},
                                      text=NEW, context="", jurisdiction="BB", statute="BB/x.txt", eid="x")]
    cv = cross_validate(lambda: LinearClassifier(seed=0, threshold=0.5), gold, [], None, reviews=reviews, folds=["AA", "BB"])
    folds = {f["jurisdiction"]: f["reviews"] for f in cv.folds}
    assert folds["AA"] == {"reviews_used": 1, "overridden": 0, "changed": 0, "added": 1}
    assert folds["BB"] == {"reviews_used": 1, "overridden": 1, "changed": 1, "added": 0}
    assert cv.gold[0] == {"csam_possession": "full"}  # test labels stay the gold


def test_corrections_report_has_before_after_delta(store, tmp_path):
    from pipeline.benchmarks import load_benchmark
    from evaluation.reports import corrections_report, save_corrections

    _review(store, "sec_2", [{"id": "csam_transmission", "coverage": "full"}])
    reviews = reviewed.load_reviews(store["url"])
    from pipeline.classify.learned.linear import LinearClassifier

    rep = corrections_report("linear", _gold(), [], load_benchmark("default"), reviews, folds=["AA", "DD"],
                             make_model=lambda: LinearClassifier(seed=0, threshold=0.5))
    save_corrections(rep, tmp_path)
    saved = json.loads((tmp_path / "corrections.json").read_text())
    assert (tmp_path / "corrections.md").read_text().count("| section |") == 5
    for key in ("before", "after", "delta"):
        assert set(saved[key]) >= {"section", "provision"}
    for lvl in ("section", "provision"):
        b, a, d = saved["before"][lvl]["micro_f1"], saved["after"][lvl]["micro_f1"], saved["delta"][lvl]["micro_f1"]
        assert d == pytest.approx(a - b, abs=1e-4)
    assert [f["jurisdiction"] for f in saved["after"]["folds"]] == ["AA", "DD"]
    assert all(f["reviews"]["added"] == 1 for f in saved["after"]["folds"])
    assert saved["n_reviews"] == 1
