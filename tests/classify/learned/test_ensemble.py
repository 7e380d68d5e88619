"""The ensemble (rules corrected by linear), Platt calibration and the stratified jurisdiction folds."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.classify import CONDUCT_IDS, ClassifyItem, get_classifier, new_classifier
from pipeline.classify.learned.calibrate import apply_platt, fit_platt
from pipeline.classify.learned.folds import grouped_splits
from tests.learned_fixture import items, jurisdictions, labels

UNSEEN = [
    ClassifyItem(text="A person who possesses child sexual abuse material commits an offence."),
    ClassifyItem(text="A person who distributes child sexual abuse material commits an offence."),
    ClassifyItem(text="The Minister may make regulations under this Part."),
]


@pytest.fixture(scope="module")
def ensemble():
    return new_classifier("ensemble", seed=0).fit(items(), labels(), groups=jurisdictions())


def _ids(labs):
    return [[(lab.id, lab.coverage) for lab in row] for row in labs]


def test_ensemble_answers_as_the_rules_when_learning_does_not_help(ensemble):
    from pipeline.benchmarks import load_benchmark

    bench = load_benchmark("default")
    assert ensemble.version.startswith("ensemble-1+") and len(ensemble.meta_["data_hash"]) == 64
    assert ensemble.add_by_conduct_ == [ensemble.NEVER_ADD] * len(CONDUCT_IDS)  # rules right on the fixture
    assert not ensemble.params["per_conduct"]  # shared thresholds by default (per conduct overfitted)
    got = ensemble.label(UNSEEN, bench)
    assert _ids(got) == _ids(get_classifier("rules").label(UNSEEN, bench))
    # a kept rules label carries the model's calibrated probability as its score
    poss = CONDUCT_IDS.index("csam_possession")
    assert got[0][0].score == pytest.approx(float(ensemble.predict_proba(UNSEEN[:1])[0, poss]), abs=1e-4)


def test_ensemble_adds_and_vetoes_per_conduct(ensemble):
    from pipeline.benchmarks import load_benchmark

    bench = load_benchmark("default")
    n, dist = len(CONDUCT_IDS), CONDUCT_IDS.index("csam_distribution")
    saved = ensemble.add_by_conduct_, ensemble.veto_by_conduct_
    try:
        ensemble.add_by_conduct_ = [1.01] * n
        ensemble.add_by_conduct_[dist] = 0.0  # distribution added everywhere, nothing else
        got = ensemble.label(UNSEEN, bench)
        assert all("csam_distribution" in {lab.id for lab in row} for row in got)
        assert {lab.id for lab in got[2]} == {"csam_distribution"}  # the regulations clause: only the addition
        assert all(0 <= lab.evidence.start < lab.evidence.end <= len(UNSEEN[2].text) for lab in got[2])
        ensemble.add_by_conduct_, ensemble.veto_by_conduct_ = [1.01] * n, [1.01] * n
        assert ensemble.label(UNSEEN, bench) == [[], [], []]  # every rules label vetoed
    finally:
        ensemble.add_by_conduct_, ensemble.veto_by_conduct_ = saved


def test_ensemble_save_load_keeps_thresholds_and_calibration(ensemble, tmp_path):
    path = ensemble.save(tmp_path)
    back = type(ensemble).load(path)
    assert back.version == ensemble.version and back.add_by_conduct_ == ensemble.add_by_conduct_
    assert back.calibration_ == ensemble.calibration_ and back.calibration_ is not None
    np.testing.assert_allclose(back.predict_proba(UNSEEN), ensemble.predict_proba(UNSEEN))


def test_platt_maps_overconfident_scores_to_observed_frequencies():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.0, 1.0, 4000)
    y = rng.uniform(0.0, 1.0, 4000) < 0.2 + 0.3 * p  # true P(y | p) in [0.2, 0.5]: p is overconfident
    P, Y = np.column_stack([p, p]), np.column_stack([y, np.zeros_like(y)])
    params = fit_platt(P, Y)
    assert params[1] is None  # one class only: left alone
    Q = apply_platt(P, params)
    np.testing.assert_array_equal(Q[:, 1], P[:, 1])
    hi = p > 0.9
    assert abs(Q[hi, 0].mean() - y[hi].mean()) < 0.05 and abs(P[hi, 0].mean() - y[hi].mean()) > 0.3
    assert np.all(np.diff(Q[np.argsort(p), 0]) >= -1e-12)  # ranking kept


def test_grouped_splits_hold_out_whole_jurisdictions_and_spread_positives():
    jur = [j for j in "ABCDEFGH" for _ in range(3)] + ["S"]
    labs = [{} for _ in jur]
    for j in "ACEG":  # a rare conduct in four jurisdictions
        labs[jur.index(j)] = {"live_streaming": "full"}
    syn = [False] * (len(jur) - 1) + [True]
    folds = list(grouped_splits(jur, labs, 4, syn))
    assert len(folds) == 4
    tested = []
    for name, train, test in folds:
        held = {jur[i] for i in test}
        assert name.split(":")[1].split("+") == sorted(held)
        assert not held & {jur[i] for i in train} and len(jur) - 1 in train
        assert sum("live_streaming" in labs[i] for i in test) == 1  # each fold gets one positive
        tested += test
    assert sorted(tested) == list(range(len(jur) - 1))
    assert folds == list(grouped_splits(jur, labs, 4, syn))  # deterministic


def test_linear_samples_negatives_but_versions_all_the_data():
    from pipeline.classify.learned.linear import LinearClassifier
    from pipeline.classify.learned.registry import data_hash

    its, labs = items(), labels()
    m = LinearClassifier(seed=0, max_negatives=2).fit(its, labs, groups=jurisdictions())
    rows = m._fit_rows(labs)
    assert [i for i in rows if not labs[i]] == sorted(i for i in rows if not labs[i]) and \
        sum(not labs[i] for i in rows) == 2 and all(i in rows for i, lab in enumerate(labs) if lab)
    assert m.meta_["n_fitted"] == sum(bool(lab) for lab in labs) + 2 and m.meta_["n_items"] == len(its)
    assert m.meta_["data_hash"] == data_hash(its, labs) and m.meta_["calibrated"]
    assert m.version == LinearClassifier(seed=0, max_negatives=2).planned_version(its, labs)
    assert m.version != LinearClassifier(seed=0).planned_version(its, labs)
