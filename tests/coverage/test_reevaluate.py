"""Re-evaluation under a changed benchmark: the diff, exactly-affected cells, --if-changed, reviews, runs."""
from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from pipeline.annotate import AnnotateConfig, run_batch
from pipeline.benchmarks import BENCHMARK_DIR
from pipeline.coverage.reevaluate import ReevalConfig, reevaluate

ROOT = Path(__file__).resolve().parents[2]
CORPUS_INPUTS = ["corpora/gb", "corpora/us/18-usc-2422.txt", "corpora/au", "corpora/fr-africa-mg"]
WATCHED = {"live_streaming", "sexual_extortion", "grooming"}

# Statutory-style text written for this test (jurisdiction XT).
STATUTE_XT = """Section 1 Offences

(1) A person who possesses child sexual abuse material with a view to its distribution commits an offence.

(2) An adult who, through information and communication technologies, proposes to meet a child for the purpose of engaging in sexual activity with the child, where the proposal is followed by material acts leading to such a meeting, commits an offence.

(3) A person who threatens to distribute a sexual image of a child in order to obtain sexual material from the child commits an offence.

(4) A person who transmits in real time a live performance involving the sexual abuse of a child commits an offence.
"""


def _write_xt(root: Path) -> Path:
    src = root / "xt"
    src.mkdir()
    (src / "xt-act.txt").write_text(STATUTE_XT, encoding="utf-8")
    (src / "MANIFEST.tsv").write_text("path\tjurisdiction\nxt-act.txt\tXT\n", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A few bundled statutes + XT, annotated once with the rules model (default benchmark)."""
    root = tmp_path_factory.mktemp("reeval")
    xt = _write_xt(root)
    db = root / "store.db"
    res = run_batch([str(ROOT / p) for p in CORPUS_INPUTS] + [str(xt)],
                    AnnotateConfig(out_dir=root / "ann", db_url=f"sqlite:///{db}", model="rules",
                                   benchmark="default"))
    assert all(r.error is None for r in res), [r.error for r in res if r.error]
    return db


def copy_db(src: Path, dst: Path) -> str:
    """A private copy of the store (sqlite backup API: safe with WAL) so a test can change it."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


def edited_benchmark(tmp: Path, name: str, edit) -> Path:
    """coe-2012 copied next to a copy of the shared lexicon, then edited as text."""
    (tmp / "_lexicon.yaml").write_bytes((BENCHMARK_DIR / "_lexicon.yaml").read_bytes())
    path = tmp / name
    path.write_text(edit((BENCHMARK_DIR / "coe-2012.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return path


def possession_intent_is_full(text: str) -> str:
    old = "partial: [possession_intent, age_below_18]"
    assert text.count(old) == 1
    return text.replace(old, "partial: [age_below_18]").replace('version: "1.1.0"', 'version: "1.0.1-test"')


class Counter:
    """Counts calls of the rules classifier (label / predict_proba) and of judge()."""

    def __init__(self, monkeypatch):
        import pipeline.classify.rules as cr
        import pipeline.classify.judge as jm

        self.calls = {"label": 0, "predict_proba": 0, "judge": 0}
        for name in ("label", "predict_proba"):
            orig = getattr(cr.RulesClassifier, name)
            monkeypatch.setattr(cr.RulesClassifier, name, self._wrap(name, orig))
        monkeypatch.setattr(jm, "judge", self._wrap("judge", jm.judge))

    def _wrap(self, key, fn):
        def wrapped(*a, **k):
            self.calls[key] += 1
            return fn(*a, **k)
        return wrapped

    @property
    def total(self) -> int:
        return sum(self.calls.values())


# -- coe-2012 -> ecpat-2022 on the bundled corpus ------------------------------------------------
def test_coe_to_ecpat_lists_changed_jurisdictions_with_evidence(store, tmp_path, cli, capsys):
    url = copy_db(store, tmp_path / "s.db")
    out = tmp_path / "diff"
    rc = cli("reevaluate", "--from", "coe-2012", "--to", "ecpat-2022@1.1.0", "--db", url, "--out", out,
             "--model", "rules", "--no-gold", "-q")
    assert rc == 0
    d = json.loads((out / "diff.json").read_text(encoding="utf-8"))
    assert (out / "diff.md").is_file() and (out / "diff.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert d["from"]["id"] == "coe-2012" and d["to"]["id"] == "ecpat-2022"
    assert set(d["from"]["files"]) == {"coe-2012.yaml", "_lexicon.yaml"}
    # stored predictions were made under `default`, which asks about every conduct: no re-classification
    assert d["work"]["classifier_calls"] == 0 and d["work"]["rejudged_labels"] > 0
    jurs = set(d["jurisdictions"])
    assert {"GB-EAW", "US", "AU-Cth", "MG", "XT"} <= jurs

    # every listed change is a cell whose old and new status differ, and every such cell is listed
    listed = {(c["jurisdiction"], c["conduct"]) for c in d["changes"]}
    differing = {(j, cid) for j, cells in d["jurisdictions"].items() for cid, c in cells.items() if c["old"] != c["new"]}
    assert listed == differing
    # conducts new in ecpat-2022 are newly required everywhere
    for j in jurs:
        for cid in ("live_streaming", "sexual_extortion"):
            assert d["jurisdictions"][j][cid]["old"] == "n/a" and d["jurisdictions"][j][cid]["change"] == "added"

    watched = [c for c in d["changes"] if c["conduct"] in WATCHED and c["new"] != "none"]
    assert watched, "some jurisdiction must change on live-streaming, sexual extortion or grooming"
    for c in watched:  # each comes with the provisions responsible: statute, eid and a quoted span
        assert c["responsible"], c
        for e in c["responsible"]:
            assert e["statute"] and e["eid"] and e["span"].strip()
            prov_text = _provision_text(url, e["provision_id"])
            assert " ".join(e["span"].split()) in " ".join(prov_text.split())
    xt = d["jurisdictions"]["XT"]
    assert xt["live_streaming"]["new"] in ("full", "partial") and xt["sexual_extortion"]["new"] in ("full", "partial")
    # the XT grooming offence needs a meeting: fine under Lanzarote Art 23, a gap under ECPAT 2022
    assert xt["grooming"]["old"] == "full" and xt["grooming"]["new"] == "partial"
    assert "meeting" in xt["grooming"]["responsible"][0]["because"]
    s = d["summary"]
    assert s["losses"] == sum(1 for c in d["changes"] if c["change"] == "loss")
    assert s["gains"] + s["losses"] + s["added"] + s["removed"] == s["changed_cells"] == len(d["changes"])
    md = (out / "diff.md").read_text(encoding="utf-8")
    for c in watched:
        assert f"| {c['jurisdiction']} | {c['conduct']} |" in md
    assert "live_streaming" in d["meaning_changed"] and d["meaning_changed"]["live_streaming"] == ["conduct added"]

    capsys.readouterr()
    assert cli("runs", "list", "--db", url) == 0
    listing = capsys.readouterr().out
    assert "reevaluate" in listing and "ecpat-2022@1.1.0" in listing and "from=coe-2012@1.1.0" in listing
    run_id = d["run_id"]
    assert cli("runs", "show", str(run_id), "--db", url) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["stats"]["fingerprint"] == d["fingerprint"]
    assert shown["stats"]["from"]["files"]["coe-2012.yaml"] == d["from"]["files"]["coe-2012.yaml"]
    assert shown["model"]["name"] == "rules" and shown["git_commit"] == d["git_commit"]
    assert cli("runs", "show", "99999", "--db", url) == 1


def _provision_text(url: str, pid: int) -> str:
    from pipeline.store import ProvisionRow, session_scope

    with session_scope(url) as s:
        return s.get(ProvisionRow, pid).text


# -- an edited benchmark changes exactly the affected cells ---------------------------------------
def test_edited_benchmark_changes_exactly_the_affected_cells(store, tmp_path):
    url = copy_db(store, tmp_path / "s.db")
    edited = edited_benchmark(tmp_path, "coe-edited.yaml", possession_intent_is_full)
    res = reevaluate(ReevalConfig("coe-2012", str(edited), url, tmp_path / "out", model="rules", gold=False))
    d = res.diff
    assert d["to"]["version"] == "1.0.1-test"
    assert list(d["meaning_changed"]) == ["csam_possession"]
    assert any("possession_intent" in w for w in d["meaning_changed"]["csam_possession"])
    # expected from the old side alone: possession cells that were partial only for intent to distribute
    expected = set()
    for j, cells in d["jurisdictions"].items():
        c = cells["csam_possession"]
        if c["old"] == "partial" and any(e["because"] == "intent to distribute" for e in c["evidence_old"]):
            expected.add((j, "csam_possession"))
    assert ("XT", "csam_possession") in expected
    changed = {(c["jurisdiction"], c["conduct"]) for c in d["changes"]}
    assert changed == expected
    assert all(c["change"] == "gain" and c["old"] == "partial" and c["new"] == "full" for c in d["changes"])
    for c in d["changes"]:
        assert any(e["eid"] and e["old_coverage"] == "partial" and e["coverage"] == "full" for e in c["responsible"])
    for j, cells in d["jurisdictions"].items():  # nothing else moved, evidence included
        for cid, c in cells.items():
            if (j, cid) not in expected:
                assert c["old"] == c["new"] and c["change"] == "same", (j, cid)
    assert d["summary"]["gains"] == len(expected) and d["summary"]["losses"] == 0


# -- --if-changed: cheap and idempotent; exit 3 + notify when results change -------------------------
def test_if_changed_does_no_work_when_nothing_changed_and_alerts_when_results_change(store, tmp_path, monkeypatch):
    url = copy_db(store, tmp_path / "s.db")
    bench = edited_benchmark(tmp_path, "watched.yaml", lambda t: t)  # starts identical to coe-2012
    hook_log = tmp_path / "hook.log"
    hook = tmp_path / "hook.py"
    hook.write_text("import os, sys\nopen(sys.argv[1], 'a').write(sys.argv[2] + '|' + os.environ['LEXBENCH_DIFF'] + '\\n')\n")
    notify = f"{sys.executable} {hook} {hook_log}"

    def run(**kw):
        return reevaluate(ReevalConfig("coe-2012", str(bench), url, tmp_path / "out", model="rules", gold=False,
                                       if_changed=True, notify=notify, **kw))

    first = run()
    assert not first.skipped and first.diff["summary"]["changed_cells"] == 0
    assert first.exit_code == 0 and not hook_log.exists()  # identical benchmarks: nothing to report

    counter = Counter(monkeypatch)
    t0 = time.perf_counter()
    second = run()
    seconds = time.perf_counter() - t0
    assert second.skipped and second.exit_code == 0 and second.run_id == first.run_id
    assert counter.total == 0 and second.work.classifier_calls == 0 and second.work.rejudged_labels == 0
    print(f"--if-changed with no change: {seconds:.3f}s, calls {counter.calls}")
    monkeypatch.undo()

    bench.write_text(possession_intent_is_full(bench.read_text(encoding="utf-8")), encoding="utf-8")
    third = run()
    assert not third.skipped and third.changed and third.exit_code == 3
    assert third.diff["previous_run"] == first.run_id
    assert ("XT", "csam_possession") in {(c["jurisdiction"], c["conduct"]) for c in third.diff["changes"]}
    lines = hook_log.read_text().splitlines()
    assert lines == [f"{third.paths['json']}|{third.paths['json']}"]

    fourth = run()  # and quiet again
    assert fourth.skipped and fourth.exit_code == 0 and len(hook_log.read_text().splitlines()) == 1


def test_if_changed_cli_exit_codes(store, tmp_path, cli):
    url = copy_db(store, tmp_path / "s.db")
    args = ["reevaluate", "--from", "coe-2012", "--to", "ecpat-2022", "--db", url, "--out", tmp_path / "o",
            "--model", "rules", "--no-gold", "--if-changed", "-q"]
    assert cli(*args) == 3  # first run: the two benchmarks differ
    assert cli(*args) == 0  # nothing changed since
    assert cli("reevaluate", "--from", "coe-2012", "--to", "no-such-benchmark", "--db", url, "--out",
               tmp_path / "o", "--no-gold", "-q") == 2


# -- conducts the store was never asked about are classified, only those ------------------------------
def test_new_conduct_is_classified_only_where_the_store_cannot_answer(tmp_path, monkeypatch):
    xt = _write_xt(tmp_path)
    db = tmp_path / "coe.db"
    run_batch([str(xt)], AnnotateConfig(out_dir=tmp_path / "ann", db_url=f"sqlite:///{db}", model="rules",
                                        benchmark="coe-2012"))
    counter = Counter(monkeypatch)
    res = reevaluate(ReevalConfig("coe-2012", "ecpat-2022", f"sqlite:///{db}", tmp_path / "out", model="rules",
                                  gold=False))
    # one classification pass over XT's provisions, for the two conducts coe-2012 lacks
    assert counter.calls["label"] == 1 and res.work.classifier_calls == 1
    xt_cells = res.diff["jurisdictions"]["XT"]
    for cid in ("live_streaming", "sexual_extortion"):
        assert xt_cells[cid]["change"] == "added" and xt_cells[cid]["new"] != "none"
        assert xt_cells[cid]["evidence_new"] and xt_cells[cid]["evidence_new"][0]["eid"]
    # the conducts coe-2012 already asked about come from the store, not the model
    assert xt_cells["csam_possession"]["old"] == "partial"


# -- reviews are kept; those whose meaning moved are listed for re-review -------------------------------
def test_reviews_kept_and_listed_when_meaning_changes(store, tmp_path):
    from sqlalchemy import select

    from pipeline.store.schema import Review
    from pipeline.review.service import add_user, submit_review
    from pipeline.store import Prediction, ProvisionRow, Statute, session_scope

    url = copy_db(store, tmp_path / "s.db")
    with session_scope(url) as s:
        pos = s.execute(select(ProvisionRow.id, ProvisionRow.version).join(Prediction, Prediction.provision_id == ProvisionRow.id)
                        .join(Statute, Statute.id == ProvisionRow.statute_id)
                        .where(Statute.jurisdiction == "XT", Prediction.conduct == "csam_possession")).first()
        other = s.execute(select(ProvisionRow.id, ProvisionRow.version).join(Prediction, Prediction.provision_id == ProvisionRow.id)
                          .join(Statute, Statute.id == ProvisionRow.statute_id)
                          .where(Statute.jurisdiction == "XT", Prediction.conduct == "grooming")).first()
    uid = add_user(url, "ana", "correct horse battery", "reviewer")
    r1 = submit_review(url, pos[0], uid, [{"id": "csam_possession", "coverage": "partial"}], "edit", pos[1])
    r_other = submit_review(url, other[0], uid, [{"id": "grooming", "coverage": "full"}], "accept", other[1])
    edited = edited_benchmark(tmp_path, "coe-edited.yaml", possession_intent_is_full)
    d = reevaluate(ReevalConfig("coe-2012", str(edited), url, tmp_path / "out", model="rules", gold=False)).diff
    listed = {r["review_id"]: r for r in d["needs_re_review"]}
    assert r1["review_id"] in listed
    assert list(listed[r1["review_id"]]["conducts"]) == ["csam_possession"]
    assert listed[r1["review_id"]]["reviewed_labels"] == [{"id": "csam_possession", "coverage": "partial"}]
    assert r_other["review_id"] not in listed  # grooming means the same under both
    with session_scope(url) as s:  # kept as they were
        assert s.get(Review, r1["review_id"]).labels == [{"id": "csam_possession", "coverage": "partial"}]
    md = (tmp_path / "out" / "diff.md").read_text(encoding="utf-8")
    assert f"review {r1['review_id']}" in md and f"review {r_other['review_id']}" not in md


# -- gold metric deltas under both benchmarks ---------------------------------------------------------
def test_gold_deltas_on_a_small_gold_subset():
    from evaluation.gold import load_gold

    from pipeline.benchmarks import load_benchmark
    from evaluation.gold_deltas import GoldDeltas

    gold = list(load_gold(root=str(ROOT / "annotations"), annotator="adjudicated"))
    jurs = sorted({g.jurisdiction for g in gold if g.jurisdiction})[:2]
    subset = [g for g in gold if g.jurisdiction in jurs][:80]
    old, new = load_benchmark("coe-2012"), load_benchmark("ecpat-2022")
    g = GoldDeltas(ROOT / "annotations", gold=subset)("rules", old, new)
    assert g["from"]["benchmark"]["id"] == "coe-2012" and g["to"]["benchmark"]["id"] == "ecpat-2022"
    for lv in ("section", "provision"):
        a, b = g["from"][lv]["micro_f1"], g["to"][lv]["micro_f1"]
        if a is not None and b is not None:
            assert g["delta"][lv]["micro_f1"] == pytest.approx(b - a, abs=1e-4)
    assert g["seconds"] >= 0
