"""Calibrated rule scores (rules/calibration.py): graded, versioned, fitted for these rules."""
from __future__ import annotations

from pipeline.benchmarks import load_benchmark
from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.rules import RulesClassifier
from pipeline.classify.rules import calibration as cal_mod

# statutory-style sentences written for this test
CLEAR = "A person who knowingly possesses child sexual abuse material commits an offence."
CHAPEAU = "A person commits an offence if the person knowingly, in relation to child sexual abuse material—"
ITEM = "(a) possesses it; or"


def _score(item: ClassifyItem, conduct: str) -> float:
    labs = RulesClassifier("default").label([item], load_benchmark("default"))[0]
    return next(lab.score for lab in labs if lab.id == conduct)


def test_the_shipped_calibration_was_fitted_for_these_rules():
    cal = cal_mod.load_calibration()
    assert cal is not None
    rules = RulesClassifier("default")
    assert rules.version.endswith(f"+cal{cal.version}")
    # a rule or lexicon change without a refit (python -m evaluation.calibration --write) fails here
    assert rules.version.split("+cal")[0] == cal.fitted_for


def test_scores_are_graded_probabilities():
    clear = _score(ClassifyItem(text=CLEAR, lang="en"), "csam_possession")
    list_item = _score(ClassifyItem(text=ITEM, context=CHAPEAU, lang="en"), "csam_possession")
    assert 0 < list_item < clear < 1
    assert clear not in (0.8, 0.9)  # no longer the raw constant


def test_without_a_calibration_file_the_raw_score_is_kept(monkeypatch, tmp_path):
    monkeypatch.setattr(cal_mod, "CALIBRATION_FILE", tmp_path / "absent.yaml")
    cal_mod.load_calibration.cache_clear()
    try:
        assert _score(ClassifyItem(text=CLEAR, lang="en"), "csam_possession") == 0.9
        assert "+cal" not in RulesClassifier("default").version
    finally:
        cal_mod.load_calibration.cache_clear()


def test_probability_is_the_logistic_of_the_weighted_features():
    cal = cal_mod.Calibration(version="t", weights={"own_marker": 2.0, "conduct=grooming": -1.0}, intercept=-1.0)
    assert cal.probability({"own_marker": 0.0}) < 0.5 < cal.probability({"own_marker": 1.0})
    assert abs(cal.probability({"own_marker": 1.0, "conduct=grooming": 1.0}) - 0.5) < 1e-9
