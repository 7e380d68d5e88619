"""Evaluation harness: LOJO splits, metrics on a known fixture, section roll-up, reports."""
from __future__ import annotations

import json

import pytest

from evaluation.cv import cross_validate, lojo_splits, section_key
from evaluation.metrics import score
from pipeline.coverage.matrix import roll_up as rollup
from tests.learned_fixture import ROWS
from pipeline.classify.learned.linear import LinearClassifier


def test_lojo_never_shares_a_jurisdiction_and_never_tests_synthetic():
    jur = ["A", "A", "B", "C", "C", "B", "S", "A"]
    syn = [False, False, False, False, False, False, True, True]
    folds = list(lojo_splits(jur, syn))
    assert [h for h, _, _ in folds] == ["A", "B", "C"]
    tested = []
    for held, train, test in folds:
        assert {jur[i] for i in test} == {held}
        assert held not in {jur[i] for i in train if not syn[i]}
        assert not set(train) & set(test)
        assert all(not syn[i] for i in test)
        assert {6, 7} <= set(train)  # synthetic items train every fold
        tested += test
    assert sorted(tested) == [0, 1, 2, 3, 4, 5]


def test_metrics_on_known_fixture():
    gold = [{"csam_possession": "full"}, {"csam_possession": "partial", "grooming": "full"}, {}, {}]
    pred = [{"csam_possession": "full"}, {"csam_possession": "full"}, {"grooming": "full"}, {}]
    s = score(gold, pred)
    poss, groom = s.per_conduct["csam_possession"], s.per_conduct["grooming"]
    assert (poss.tp, poss.fp, poss.fn, poss.support) == (2, 0, 0, 2) and poss.f1 == 1.0
    assert (groom.tp, groom.fp, groom.fn) == (0, 1, 1) and groom.f1 == 0.0
    assert s.macro_over == ["csam_possession", "grooming"]
    assert s.macro_f1 == pytest.approx(0.5)
    assert s.micro_precision == pytest.approx(2 / 3) and s.micro_recall == pytest.approx(2 / 3)
    assert s.coverage_agreement == pytest.approx(0.5)  # 2 TPs, one with full vs partial
    assert "live_streaming" in s.no_support


def test_rollup_is_union_and_full_wins():
    keys = ["s1", "s1", "s2"]
    labs = [{"csam_possession": "partial"}, {"csam_possession": "full", "grooming": "partial"}, {}]
    assert rollup(keys, labs) == {"s1": {"csam_possession": "full", "grooming": "partial"}, "s2": {}}
    assert rollup(["x", "x"], [{"grooming": "full"}, {"grooming": "partial"}]) == {"x": {"grooming": "full"}}


def _gold_rows():
    return [{"statute": f"stat-{j}", "jurisdiction": j, "eid": f"sec_{i}__p1", "section_eid": f"sec_{i}",
             "text": t, "context": "", "labels": lab, "synthetic": False} for i, (j, t, lab) in enumerate(ROWS)]


def test_section_key_uses_statute_and_section():
    row = _gold_rows()[0]
    assert section_key(row) == "stat-AA#sec_0"
    assert section_key({"statute": "x", "eid": "art_1"}) == "x#art_1"


def test_cross_validate_linear_on_fixture():
    rows = _gold_rows()
    synthetic = [{"jurisdiction": "SYN", "text": "Any person who shares child sexual abuse material commits an offence.",
                  "labels": {"csam_distribution": "full"}, "synthetic": True}]
    res = cross_validate(lambda: LinearClassifier(seed=0), rows, synthetic, None, model_name="linear")
    assert [f["jurisdiction"] for f in res.folds] == ["AA", "BB", "CC", "DD"]
    assert all(f["n_train"] == len(rows) - f["n_test"] + 1 for f in res.folds)
    assert len(res.gold) == len(rows)  # every gold row evaluated once, the synthetic one never
    prov = res.provision_scores()
    assert prov.per_conduct["csam_possession"].tp >= 2 and prov.micro_f1 > 0.3  # obvious labels transfer
    assert res.section_scores().n_units == len(rows)


def test_report_json_and_markdown(tmp_path):
    import dataclasses

    from evaluation.reports import comparison_markdown, evaluate_model, save_report
    from pipeline.benchmarks import load_benchmark

    rows = _gold_rows()
    # a real benchmark (the coverage judge reads its cues) under another version number
    rep = evaluate_model("linear", rows, [], dataclasses.replace(load_benchmark("default"), version="9"))
    save_report(rep, tmp_path)
    data = json.loads((tmp_path / "linear.json").read_text())
    for key in ("git_commit", "model_versions", "benchmark", "data_hash", "timestamp", "section", "provision"):
        assert key in data
    assert data["benchmark"] == {"id": "default", "version": "9"}
    assert data["section"]["macro_over"] and "no_support" in data["section"]
    md = (tmp_path / "linear.md").read_text()
    assert "| csam_possession |" in md and "macro-F1" in md
    assert "| linear |" in comparison_markdown([rep])
    assert "- linear: fitted elsewhere" in comparison_markdown([{**rep, "note": "fitted elsewhere"}])


def test_saved_reports_are_checked_before_anything_runs(cli, tmp_path, capsys):
    (tmp_path / "transformer.json").write_text(json.dumps({"data_hash": {"gold": "x", "synthetic": "y"}}))
    assert cli("evaluate", "--all", "--saved", "transformer", "--out", tmp_path, "-q") != 0
    assert "computed on other gold data" in capsys.readouterr().err
    assert cli("evaluate", "--all", "--saved", "nosuch", "--out", tmp_path, "-q") != 0
    assert not (tmp_path / "rules.json").exists()  # nothing was evaluated


def test_models_cli_lists_every_registered_model(cli, capsys):
    assert cli("models", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    names = {r["name"] for r in rows}
    assert {"rules", "linear", "hybrid", "transformer"} <= names
    assert all(r["trained"] is None for r in rows if r["name"] == "rules")


def test_one_set_of_fold_fits_serves_two_benchmarks(monkeypatch):
    """Re-evaluation judges the gold under the old and the new benchmark: each fold is fitted once."""
    from pipeline.benchmarks import load_benchmark
    from evaluation import reports as ev

    fits = []
    real_fit = LinearClassifier.fit

    def counting_fit(self, *a, **k):
        fits.append(1)
        return real_fit(self, *a, **k)

    monkeypatch.setattr(LinearClassifier, "fit", counting_fit)
    rows = _gold_rows()
    old, new = load_benchmark("coe-2012"), load_benchmark("ecpat-2022")
    shared = ev.FitOnce("linear")
    a = ev.evaluate_model("linear", rows, [], old, make_model=shared)
    b = ev.evaluate_model("linear", rows, [], new, make_model=shared)
    assert len(fits) == 4  # four jurisdictions, fitted once for both benchmarks
    assert b["benchmark"]["id"] == "ecpat-2022" and a["benchmark"]["id"] == "coe-2012"
    fits.clear()
    alone = ev.evaluate_model("linear", rows, [], new)
    assert len(fits) == 4 and alone["section"] == b["section"] and alone["model_versions"] == b["model_versions"]


def test_evaluate_model_can_hold_out_only_some_jurisdictions():
    """`lexbench evaluate --folds AA,CC`: a partial LOJO (a learned model refits per fold)."""
    from evaluation.reports import evaluate_model
    from pipeline.benchmarks import load_benchmark

    rows = _gold_rows()
    rep = evaluate_model("rules", rows, [], load_benchmark("default"), folds=["AA", "CC"])
    assert rep["jurisdictions"] == ["AA", "CC"]
    assert sum(f["n_test"] for f in rep["folds"]) == sum(r["jurisdiction"] in ("AA", "CC") for r in rows)


def test_grouped_folds_report_per_language():
    """`lexbench evaluate --groups 2`: two folds of whole jurisdictions, scores per language group."""
    from evaluation.reports import comparison_markdown, evaluate_model, markdown_report
    from pipeline.benchmarks import load_benchmark

    rows = [{**r, "lang": "fr" if r["jurisdiction"] == "CC" else "en"} for r in _gold_rows()]
    rep = evaluate_model("rules", rows, [], load_benchmark("default"), groups=2)
    assert len(rep["folds"]) == 2 and rep["protocol"].startswith("grouped 2-fold by jurisdiction")
    held = [set(f["jurisdiction"].split(":")[1].split("+")) for f in rep["folds"]]
    assert held[0] | held[1] == {"AA", "BB", "CC", "DD"} and not held[0] & held[1]
    assert rep["jurisdictions"] == ["AA", "BB", "CC", "DD"]
    by = rep["section_by_language"]
    assert set(by) == {"en", "fr"} and by["fr"]["n_units"] == 4 and by["en"]["n_units"] == 12
    assert "grouped 2-fold by jurisdiction evaluation" in markdown_report(rep)
    assert "Section macro-F1 by language: en" in markdown_report(rep)
    row = next(line for line in comparison_markdown([rep]).splitlines() if line.startswith("| rules |"))
    assert row.split(" | ")[3:6] == [f"{by['en']['macro_f1']:.3f}", f"{by['fr']['macro_f1']:.3f}", "–"]
