"""The gold corpus loader: schema, anchor linking, negatives, synthetic isolation, kappa."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from evaluation.gold import (GoldFormatError, LinkReport, cohen_kappa, disagreements, kappa_markdown,
                             kappa_report, listings, load_gold, load_synthetic, read_lines, validate_line)
from pipeline.records import CONDUCT_IDS, COVERAGE_VALUES

REPO = Path(__file__).resolve().parents[1]
ANN = REPO / "annotations"

STATUTE = """1. A person who possesses child sexual abuse material commits an offence.

2. A person who distributes child sexual abuse material commits an offence.

3. A person who produces child sexual abuse material commits an offence.

4. In this Act, child means a person under the age of eighteen years.
"""
ANCHORS = {
    1: "possesses child sexual abuse material commits",
    2: "distributes child sexual abuse material commits",
    3: "produces child sexual abuse material commits",
    4: "child means a person under the age of eighteen",
}


def lab(cid, cov="full", because=None):
    return {"id": cid, "coverage": cov, "because": because}


def line(n, labels, annotator="A1", anchor=None):
    return {"statute": "corpora/xx/act.txt", "jurisdiction": "XX", "lang": "en", "ref": str(n),
            "anchor": anchor or ANCHORS[n], "labels": labels, "role": "offence", "annotator": annotator,
            "guideline_version": "1.0", "note": None}


def write_dir(root: Path, sub: str, rows: list[dict], listed=("corpora/xx/act.txt",)) -> None:
    d = root / "annotations" / sub / "xx"
    d.mkdir(parents=True, exist_ok=True)
    (d / "act.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (root / "annotations" / sub / "FILES.tsv").write_text(
        "file\tannotator\tdate\tn_labelled\n" + "".join(f"{f}\tX\t2026-01-01\t{len(rows)}\n" for f in listed),
        encoding="utf-8")


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    (tmp_path / "corpora" / "xx").mkdir(parents=True)
    (tmp_path / "corpora" / "xx" / "act.txt").write_text(STATUTE, encoding="utf-8")
    (tmp_path / "corpora" / "MANIFEST.tsv").write_text("path\tjurisdiction\tlanguage\nxx/act.txt\tXX\ten\n",
                                                      encoding="utf-8")
    write_dir(tmp_path, "first", [line(1, [lab("csam_possession")]), line(2, [lab("csam_distribution")]),
                                  line(3, [lab("csam_production")])])
    write_dir(tmp_path, "gold", [line(1, [lab("csam_possession")]), line(2, [lab("csam_distribution")]),
                                 line(3, [lab("csam_production")])])
    write_dir(tmp_path, "second", [line(1, [lab("csam_possession", "partial", "intent to distribute")], "A2"),
                                   line(2, [lab("csam_distribution")], "A2"),
                                   line(4, [lab("csam_possession")], "A2")])
    syn = tmp_path / "annotations" / "synthetic"
    syn.mkdir()
    (syn / "s.jsonl").write_text(json.dumps({"text": "Whoever keeps child sexual abuse material is punished.",
                                             "lang": "en", "labels": [lab("csam_possession")],
                                             "synthetic": True, "annotator": "A1"}) + "\n", encoding="utf-8")
    return tmp_path


# -- the real gold corpus ------------------------------------------------------------------
def test_every_gold_line_is_valid_and_every_anchor_links():
    lines = read_lines(ANN / "gold")  # raises GoldFormatError on any schema break
    n_lines = sum(len(v) for v in lines.values())
    assert n_lines >= 100
    for rows in lines.values():
        for r in rows:
            assert all(l["id"] in CONDUCT_IDS and l["coverage"] in COVERAGE_VALUES for l in r["labels"])
            assert len(r["anchor"]) >= 25
    report = LinkReport()
    items = load_gold(str(ANN), strict=True, report=report)
    # every line links, or is reported as not placed by today's segmenter (a segmentation miss)
    assert report.unlinked == [] and report.linked + len([m for m in report.missegmented if "(scope)" not in m]) == n_lines
    labelled = [i for i in items if i.labels]
    assert labelled and len(items) > 2 * len(labelled)  # negatives are part of the gold
    assert not any(i.synthetic for i in items)
    for i in items:
        assert i.text.strip() and i.section_eid and len(i.text_hash) == 64
        assert set(i.labels) <= set(CONDUCT_IDS) and set(i.because) == set(i.labels)


def test_every_listed_statute_has_items_and_a_manifest_jurisdiction():
    report = LinkReport()
    items = load_gold(str(ANN), report=report)
    listed = set(listings(ANN / "gold"))
    # a statute the segmenter cannot split yet has no provision in its scope: reported, not silent
    unplaced = {m.split(" ")[0] for m in report.missegmented}
    assert {i.statute for i in items} | unplaced >= listed - set(report.repealed)
    assert {i.statute for i in items} - unplaced == listed - unplaced - set(report.repealed)
    # repealed statutes (every line role "repealed") are left out unless asked for
    assert report.repealed and all("repealed" in s for s in report.repealed)
    everything = load_gold(str(ANN), include_repealed=True)
    assert {i.statute for i in everything} - unplaced == listed - unplaced
    assert all(i.jurisdiction and i.jurisdiction != "??" for i in items)


def test_real_synthetic_sentences_are_valid_and_kept_apart():
    syn = load_synthetic(str(ANN))
    assert len(syn) >= 150 and all(i.synthetic for i in syn)
    assert {"en", "fr"} <= {i.lang for i in syn}
    covered = {c for i in syn for c in i.labels}
    assert covered == set(CONDUCT_IDS)  # positives for every conduct
    assert any(not i.labels for i in syn)  # hard negatives too
    gold_hashes = {i.text_hash for i in load_gold(str(ANN))}
    assert not gold_hashes & {i.text_hash for i in syn}


# -- schema ---------------------------------------------------------------------------------
@pytest.mark.parametrize("mutate, msg", [
    (lambda r: r["labels"].append(lab("csam_sale")), "unknown conduct"),
    (lambda r: r["labels"].append(lab("grooming", "none")), "coverage"),
    (lambda r: r["labels"].append(lab("grooming", "partial")), "because"),
    (lambda r: r["labels"].append(lab("grooming", "full", "victim under 16")), "must not"),
    (lambda r: r.update(anchor="too short"), "anchor"),
    (lambda r: r.update(role="definition"), "role"),
    (lambda r: r.pop("statute"), "statute"),
])
def test_schema_rejects_bad_lines(mutate, msg):
    row = line(1, [lab("csam_possession")])
    validate_line(row, "ok")
    mutate(row)
    with pytest.raises(GoldFormatError, match=msg):
        validate_line(row, "here")


# -- loader on a fixture ----------------------------------------------------------------------
def test_loader_links_labels_and_keeps_negatives(fixture_repo):
    items = load_gold(str(fixture_repo / "annotations"))
    by_text = {i.text.split(" ")[4]: i for i in items if i.text.startswith(("1.", "2.", "3.", "4."))}
    assert by_text["possesses"].labels == {"csam_possession": "full"}
    assert by_text["produces"].labels == {"csam_production": "full"}
    assert [i for i in items if i.text.startswith("4.")][0].labels == {}
    assert all(i.jurisdiction == "XX" and i.annotator == "adjudicated" for i in items)


def test_synthetic_never_mixed_in_by_default(fixture_repo):
    root = str(fixture_repo / "annotations")
    assert not any(i.synthetic for i in load_gold(root))
    with_syn = load_gold(root, include_synthetic=True)
    assert sum(i.synthetic for i in with_syn) == 1
    assert len(with_syn) == len(load_gold(root)) + 1


def test_two_lines_on_one_provision_merge_full_beats_partial(fixture_repo):
    write_dir(fixture_repo, "gold", [line(1, [lab("csam_possession", "partial", "intent to distribute")]),
                                     line(1, [lab("csam_possession"), lab("csam_access", "partial", "habitual access")],
                                          anchor="A person who possesses child sexual abuse")])
    item = [i for i in load_gold(str(fixture_repo / "annotations")) if i.text.startswith("1.")][0]
    assert item.labels == {"csam_possession": "full", "csam_access": "partial"}
    assert item.because == {"csam_possession": None, "csam_access": "habitual access"}


def test_unlinked_anchor_is_reported_loudly(fixture_repo, capsys):
    write_dir(fixture_repo, "gold", [line(1, [lab("csam_possession")], anchor="this sentence is not in the statute")])
    root = str(fixture_repo / "annotations")
    with pytest.warns(UserWarning, match="could not be linked"):
        load_gold(root)
    assert "not in the statute" in capsys.readouterr().err
    with pytest.raises(GoldFormatError, match="found 0 times"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_gold(root, strict=True)


def test_repeated_anchor_is_not_linked(fixture_repo):
    write_dir(fixture_repo, "gold", [line(1, [lab("csam_possession")], anchor="child sexual abuse material commits")])
    rep = LinkReport()
    with pytest.warns(UserWarning):
        load_gold(str(fixture_repo / "annotations"), report=rep)
    assert rep.linked == 0 and "found 3 times" in rep.unlinked[0]


# -- kappa -----------------------------------------------------------------------------------
def test_cohen_kappa_known_values():
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert cohen_kappa([1, 0], [0, 1]) == pytest.approx(-1.0)
    assert cohen_kappa([0, 0], [0, 0]) is None  # no variation: undefined


def test_kappa_report_on_fixture(fixture_repo):
    root = str(fixture_repo / "annotations")
    rep = kappa_report(root)
    assert rep["n_provisions"] == 4 and rep["statutes"] == ["corpora/xx/act.txt"]
    pos = rep["per_conduct"]["csam_possession"]
    # A1 [1,0,0,0] vs A2 [1,0,0,1]: po = .75, pe = .25*.5 + .75*.5 = .5 -> kappa .5
    assert pos["presence_kappa"] == pytest.approx(0.5)
    assert pos["n_both"] == 1 and pos["coverage_agreement"] == 0.0 and pos["coverage_kappa"] == pytest.approx(0.0)
    dist = rep["per_conduct"]["csam_distribution"]
    assert dist["presence_kappa"] == pytest.approx(1.0) and dist["coverage_agreement"] == 1.0
    # production: A1 [0,0,1,0] vs A2 all 0: po = .75, pe = .75 -> 0
    assert rep["per_conduct"]["csam_production"]["presence_kappa"] == pytest.approx(0.0)
    assert rep["per_conduct"]["grooming"]["presence_kappa"] is None
    md = kappa_markdown(rep)
    assert "| csam_possession | 1 | 2 | 1 | 0.50 |" in md and "n/a" in md
    diffs = disagreements(root)
    assert len(diffs) == 3  # provisions 1 (coverage), 3 (missing), 4 (extra)


def test_every_gold_because_maps_to_a_condition():
    from evaluation.gold import because_conditions
    vocab = {ln.split("\t")[0] for ln in (ANN / "BECAUSE_MAP.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    seen = set()
    for rows in read_lines(ANN / "gold").values():
        for r in rows:
            for l in r["labels"]:
                if l["because"]:
                    parts = {p.strip() for p in l["because"].split(";")}
                    assert parts <= vocab, (r["statute"], r["ref"], parts - vocab)  # GUIDELINES §3 vocabulary
                    seen |= because_conditions(l["because"], str(ANN))
    assert {"possession_intent", "computer_system_only", "age_below_18"} <= seen
    assert because_conditions("intent to distribute; only via computer system", str(ANN)) == {
        "possession_intent", "computer_system_only"}
    assert because_conditions("something new", str(ANN)) == {"other"}
    assert because_conditions(None, str(ANN)) == set()


def test_summary_counts_on_fixture(fixture_repo):
    from evaluation.gold import summary
    s = summary(load_gold(str(fixture_repo / "annotations")))
    assert s["statutes"] == 1 and s["labelled_provisions"] == 3 and s["labels"] == 3
    assert s["per_conduct"]["csam_possession"] == {"full": 1, "partial": 0}
    assert s["jurisdictions_with_labels"] == ["XX"]


def test_second_annotation_links_and_covers_a_fifth_of_the_corpus():
    rep = LinkReport()
    a2 = load_gold(str(ANN), "A2", strict=True, report=rep)
    assert a2 and not rep.unlinked
    k = kappa_report(str(ANN))
    n_gold = len((ANN / "gold" / "FILES.tsv").read_text().splitlines()) - 1
    assert len(k["statutes"]) >= 0.2 * n_gold
    assert k["overall"]["presence_kappa"] is not None and -1 <= k["overall"]["presence_kappa"] <= 1


def test_a_scoped_listing_gives_negatives_only_inside_its_scope(fixture_repo: Path):
    """A whole code is read chapter by chapter: provisions outside the scope are not negatives."""
    gold = fixture_repo / "annotations" / "gold"
    (gold / "FILES.tsv").unlink()
    (gold / "FILES-batch.tsv").write_text(
        "file\tannotator\tdate\tn_labelled\tscope_start\tscope_end\n"
        "corpora/xx/act.txt\tA1\t2026-12-03\t2\t2. A person who distributes\tproduces child sexual abuse material commits an offence.\n",
        encoding="utf-8")
    items = load_gold(str(fixture_repo / "annotations"), strict=True)
    texts = [i.text for i in items]
    assert len(items) == 2 and texts[0].startswith("2.") and texts[1].startswith("3.")
    assert [i.labels for i in items] == [{"csam_distribution": "full"}, {"csam_production": "full"}]


def test_a_file_listed_twice_is_read_in_both_scopes(fixture_repo: Path):
    """A later batch reads another chapter of the same code: the file's scope is the union."""
    gold = fixture_repo / "annotations" / "gold"
    (gold / "FILES.tsv").unlink()
    head = "file\tannotator\tdate\tn_labelled\tscope_start\tscope_end\n"
    (gold / "FILES-batch.tsv").write_text(
        head + "corpora/xx/act.txt\tA1\t2026-12-03\t1\t2. A person who distributes\t2. A person who distributes\n",
        encoding="utf-8")
    only_2 = load_gold(str(fixture_repo / "annotations"), strict=True)
    (gold / "FILES-later.tsv").write_text(
        head + "corpora/xx/act.txt\tA1\t2026-12-03\t1\t3. A person who\tproduces child sexual abuse material commits an offence.\n",
        encoding="utf-8")
    both = load_gold(str(fixture_repo / "annotations"), strict=True)
    assert [i.text[:2] for i in only_2] == ["2."]
    assert [i.text[:2] for i in both] == ["2.", "3."]
    assert [i.labels for i in both] == [{"csam_distribution": "full"}, {"csam_production": "full"}]


def test_a_scope_anchor_that_is_not_unique_is_reported(fixture_repo: Path):
    gold = fixture_repo / "annotations" / "gold"
    (gold / "FILES.tsv").write_text("file\tannotator\tdate\tn_labelled\tscope_start\tscope_end\n"
                                    "corpora/xx/act.txt\tA1\t2026-12-03\t3\tA person who\t\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="scope_start found 3 times"):
        load_gold(str(fixture_repo / "annotations"), strict=True)


def test_a_label_whose_provision_starts_outside_the_scope_is_reported_not_dropped(fixture_repo: Path):
    """If segmentation merges a labelled provision into a node starting before the scope, say so."""
    gold = fixture_repo / "annotations" / "gold"
    (gold / "FILES.tsv").write_text(
        "file\tannotator\tdate\tn_labelled\tscope_start\tscope_end\n"
        "corpora/xx/act.txt\tA1\t2026-12-03\t3\t2. A person who distributes\t\n",
        encoding="utf-8")
    report = LinkReport()
    load_gold(str(fixture_repo / "annotations"), report=report)
    assert any("outside the annotated scope" in u for u in report.missegmented)
    assert report.unlinked == []
