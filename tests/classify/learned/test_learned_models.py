"""Learned conduct classifiers (linear, transformer): fit/predict, evidence, versions, seeds."""
from __future__ import annotations

import numpy as np
import pytest

from tests.learned_fixture import items, jurisdictions, labels
from pipeline.classify import CONDUCT_IDS, ClassifyItem, get_classifier
from pipeline.classify.learned.linear import LinearClassifier
from pipeline.classify.learned.base import clauses

POSS, DIST, PROD = (CONDUCT_IDS.index(c) for c in ("csam_possession", "csam_distribution", "csam_production"))

UNSEEN = [
    ClassifyItem(text="A person who possesses child sexual abuse material commits an offence."),
    ClassifyItem(text="A person who distributes child sexual abuse material commits an offence."),
    ClassifyItem(text="A person who produces child sexual abuse material commits an offence."),
]


@pytest.fixture(scope="module")
def linear():
    return LinearClassifier(seed=0).fit(items(), labels())


def test_linear_recovers_obvious_labels(linear):
    proba = linear.predict_proba(UNSEEN)
    assert proba.shape == (3, len(CONDUCT_IDS))
    assert proba.argmax(axis=1).tolist() == [POSS, DIST, PROD]
    got = [[lab.id for lab in labs] for labs in linear.label(UNSEEN, None)]
    assert got == [["csam_possession"], ["csam_distribution"], ["csam_production"]]


def test_linear_ignores_non_offence_text(linear):
    labs = linear.label([ClassifyItem(text="This Act may be cited as the Child Protection Act.")], None)
    assert labs == [[]]


def test_label_records_score_coverage_and_evidence_inside_text(linear):
    item = ClassifyItem(text="Any person who distributes child sexual abuse material; or who possesses "
                             "child sexual abuse material; commits an offence.")
    labs = {lab.id: lab for lab in linear.label([item], None)[0]}
    assert {"csam_distribution", "csam_possession"} <= set(labs)
    for lab in labs.values():
        assert lab.coverage in ("full", "partial") and 0.5 <= lab.score <= 1
        ev = lab.evidence
        assert 0 <= ev.start < ev.end <= len(item.text) and item.text[ev.start:ev.end] == ev.text
    assert "possesses" in labs["csam_possession"].evidence.text
    assert "distributes" in labs["csam_distribution"].evidence.text


def test_explain_picks_the_responsible_clause(linear):
    item = ClassifyItem(text="In this Part, a film includes any record. A person who possesses child "
                             "sexual abuse material commits an offence.")
    ev = linear.explain(item, "csam_possession")
    assert ev.text.startswith("A person who possesses") and item.text[ev.start:ev.end] == ev.text


def test_clauses_split_limbs_with_offsets():
    text = "Any person who— (a) produces material; (b) distributes it, commits an offence."
    spans = clauses(text)
    assert len(spans) >= 3
    assert all(text[s:e].strip() == text[s:e] and e > s for s, e in spans)


def test_version_changes_with_data_and_not_with_refit(linear):
    same = LinearClassifier(seed=0).fit(items(), labels())
    assert same.version == linear.version and same.version.startswith("linear-2+")
    other = LinearClassifier(seed=0).fit(items()[:-1], labels()[:-1])
    assert other.version != linear.version
    assert LinearClassifier(seed=0, C=1.0).fit(items(), labels()).version != linear.version


def test_linear_is_deterministic(linear):
    again = LinearClassifier(seed=0).fit(items(), labels())
    np.testing.assert_allclose(again.predict_proba(UNSEEN), linear.predict_proba(UNSEEN))


def test_learned_partial_coverage(linear):
    # the only partial gold row is possession with a purpose; its coverage is learned from it
    part = linear.predict_partial([ClassifyItem(text=items()[1].text)])
    full = linear.predict_partial([ClassifyItem(text=items()[0].text)])
    assert part.shape == (1, len(CONDUCT_IDS))
    assert part[0, POSS] >= full[0, POSS]


def test_save_load_roundtrip_and_registry(linear, tmp_path):
    path = linear.save(tmp_path)
    assert path.exists() and (tmp_path / "linear.latest.json").exists()
    loaded = get_classifier("linear", trained_dir=tmp_path)
    assert loaded.version == linear.version
    np.testing.assert_allclose(loaded.predict_proba(UNSEEN), linear.predict_proba(UNSEEN))


def test_untrained_model_says_so():
    with pytest.raises(RuntimeError, match="not trained"):
        LinearClassifier().predict_proba(UNSEEN)


# -- transformer: tiny runs (a few steps on a handful of examples) ----------------------
@pytest.fixture(scope="module")
def tiny_transformer():
    from tests.conftest import missing_extra

    if missing_extra("transformer"):  # the marker on the tests skips (or fails) them first
        pytest.skip(missing_extra("transformer"))
    from pipeline.classify.learned.transformer import TransformerClassifier

    return TransformerClassifier(seed=1, device="cpu", epochs=6, batch_size=8, max_length=64).fit(
        items(), labels())


@pytest.mark.extra("transformer")
def test_transformer_package_is_installed():
    from pipeline.classify.learned.transformer import model_dir

    assert (model_dir() / "config.json").is_file()


@pytest.mark.extra("transformer")
def test_transformer_predicts_shape_and_evidence(tiny_transformer):
    proba = tiny_transformer.predict_proba(UNSEEN)
    assert proba.shape == (3, len(CONDUCT_IDS))
    assert ((proba >= 0) & (proba <= 1)).all()
    # it learned something: possession scores higher on the possession sentence than on the others
    assert proba[0, POSS] > proba[1, POSS] and proba[0, POSS] > proba[2, POSS]
    item = ClassifyItem(text="In this Part, film includes any record. A person who possesses child sexual "
                             "abuse material commits an offence.")
    ev = tiny_transformer.explain(item, "csam_possession")
    assert item.text[ev.start:ev.end] == ev.text and ev.text


@pytest.mark.extra("transformer")
def test_transformer_seeded_and_versioned(tiny_transformer, tmp_path):
    from pipeline.classify.learned.transformer import TransformerClassifier

    again = TransformerClassifier(seed=1, device="cpu", epochs=6, batch_size=8, max_length=64).fit(
        items(), labels())
    assert again.version == tiny_transformer.version
    np.testing.assert_allclose(again.predict_proba(UNSEEN), tiny_transformer.predict_proba(UNSEEN), atol=1e-5)
    path = again.save(tmp_path)
    loaded = get_classifier("transformer", trained_dir=tmp_path)
    assert loaded.version == again.version and path.exists()
    np.testing.assert_allclose(loaded.predict_proba(UNSEEN), again.predict_proba(UNSEEN), atol=1e-5)
    other = TransformerClassifier(seed=1, device="cpu", epochs=1, batch_size=8, max_length=64)
    other.fit(items()[:4], labels()[:4])
    assert other.version != again.version


def test_planned_version_matches_fit(linear):
    assert LinearClassifier(seed=0).planned_version(items(), labels()) == linear.version


def test_threshold_is_chosen_by_grouped_inner_cv():
    from tests.learned_fixture import jurisdictions

    clf = LinearClassifier(seed=0).fit(items(), labels(), groups=jurisdictions())
    assert 0.05 <= clf.threshold_ <= 0.9
    assert LinearClassifier(seed=0, threshold=0.3).fit(items(), labels()).threshold_ == 0.3


def test_hybrid_uses_rule_scores_as_features():
    from pipeline.classify.learned.hybrid import HybridClassifier, rule_scores

    R = rule_scores(UNSEEN)
    assert R.shape == (3, len(CONDUCT_IDS))
    hyb = HybridClassifier(seed=0).fit(items(), labels())
    assert hyb.version.startswith("hybrid-5+") and hyb.version != LinearClassifier(seed=0).planned_version(
        items(), labels())
    X = hyb._features(UNSEEN)
    from pipeline.classify.rules.signals import CONDUCT_SIGNALS, GLOBAL_SIGNALS

    n_signals = len(CONDUCT_IDS) * len(CONDUCT_SIGNALS) + len(GLOBAL_SIGNALS)
    assert X.shape[1] == LinearClassifier(seed=0).fit(items(), labels())._features(UNSEEN).shape[1] + \
        len(CONDUCT_IDS) + n_signals
    assert hyb.predict_proba(UNSEEN).argmax(axis=1).tolist() == [POSS, DIST, PROD]


def test_rule_signals_relax_the_rules_hard_and():
    """An offence marker the lexicon lacks: the rules stay silent, their signals still see the act
    next to its object (so a model trained on other countries can weigh them)."""
    from pipeline.classify.rules.signals import CONDUCT_SIGNALS, GLOBAL_SIGNALS

    item = ClassifyItem(text="(b) distributes child sexual abuse material;", context="The Parties shall xyzzy:")
    (row,) = get_classifier("rules").signals([item])
    per = {c: dict(zip(CONDUCT_SIGNALS, row[i * len(CONDUCT_SIGNALS):(i + 1) * len(CONDUCT_SIGNALS)]))
           for i, c in enumerate(CONDUCT_IDS)}
    glob = dict(zip(GLOBAL_SIGNALS, row[len(CONDUCT_IDS) * len(CONDUCT_SIGNALS):]))
    assert per["csam_distribution"] == {"rule_hit": 0, "act_text": 1, "act_text_with_object": 1,
                                        "act_context_object_text": 0}
    assert per["csam_possession"]["act_text"] == 0 and glob["offence_marker"] == 0 and glob["material_text"] == 1
    (marked,) = get_classifier("rules").signals([ClassifyItem(text=item.text, context="Any person who—")])
    assert marked[CONDUCT_IDS.index("csam_distribution") * len(CONDUCT_SIGNALS)] == 1  # now the rules fire


def test_hybrid_keeps_the_rules_answer_unless_learning_helps_on_unseen_countries():
    from pipeline.benchmarks import load_benchmark
    from pipeline.classify.learned.hybrid import HybridClassifier

    bench = load_benchmark("default")
    rules = get_classifier("rules").label(UNSEEN, bench)
    hyb = HybridClassifier(seed=0).fit(items(), labels(), groups=jurisdictions())
    # on this corpus the rules are already right everywhere: nothing to add or veto
    assert (hyb.add_threshold_, hyb.veto_threshold_) == (HybridClassifier.NEVER_ADD, HybridClassifier.NEVER_VETO)
    assert hyb.meta_["inner_f1_hybrid"] == hyb.meta_["inner_f1_rules"]
    got = hyb.label(UNSEEN, bench)
    assert [[(lab.id, lab.coverage) for lab in labs] for labs in got] == \
        [[(lab.id, lab.coverage) for lab in labs] for labs in rules]
    # forced thresholds: every conduct added; then nothing added and every rule label vetoed
    hyb.add_threshold_ = 0.0
    assert all(len(labs) == len(CONDUCT_IDS) for labs in hyb.label(UNSEEN, bench))
    hyb.add_threshold_, hyb.veto_threshold_ = 1.01, 1.01
    assert hyb.label(UNSEEN, bench) == [[], [], []]

