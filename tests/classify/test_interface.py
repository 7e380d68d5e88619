"""The classifier interface and registry: one default, no training in get_classifier, fit/predict style."""
from __future__ import annotations

import json

import pytest

from pipeline.classify import (DEFAULT_MODEL, ConductClassifier, NotTrainedError, available, clone,
                               get_classifier, is_learned, new_classifier)
from pipeline.classify.learned.linear import LinearClassifier
from pipeline.classify.rules import RulesClassifier
from tests.learned_fixture import items, jurisdictions, labels


def test_default_model_is_chosen_in_one_place():
    assert type(get_classifier("default")) is type(get_classifier(DEFAULT_MODEL))
    assert "default" not in available() and DEFAULT_MODEL in available()


def test_a_learned_model_without_weights_is_an_error_not_a_training(tmp_path):
    with pytest.raises(NotTrainedError, match="lexbench train --model hybrid"):
        get_classifier("hybrid", trained_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing was trained or saved


def test_a_pointer_to_missing_weights_is_not_trained(tmp_path):
    (tmp_path / "linear.latest.json").write_text(json.dumps({"weights": "gone.joblib", "version": "x"}))
    with pytest.raises(NotTrainedError):
        get_classifier("linear", trained_dir=tmp_path)


def test_unknown_model_names_the_choices():
    with pytest.raises(KeyError, match="rules"):
        get_classifier("zorble")


def test_registry_kinds():
    assert not is_learned("rules") and is_learned("linear") and is_learned("hybrid")
    assert isinstance(get_classifier("rules"), RulesClassifier)
    assert isinstance(new_classifier("linear", seed=3), LinearClassifier)
    with pytest.raises(TypeError):  # parameters go to a new model, not to saved weights
        get_classifier("linear", C=2.0)


def test_every_model_follows_the_protocol():
    for name in ("rules", "linear", "hybrid"):
        assert isinstance(new_classifier(name), ConductClassifier), name


def test_fit_takes_groups_by_keyword_and_sets_underscore_attributes():
    clf = LinearClassifier(seed=0, C=2.0).fit(items(), labels(), groups=jurisdictions())
    assert clf.models_ and clf.vectorizers_ is not None and 0.05 <= clf.threshold_ <= 0.9
    with pytest.raises(TypeError):
        LinearClassifier(seed=0).fit(items(), labels(), jurisdictions())  # groups is keyword-only
    assert get_classifier("rules").fit(items(), labels(), groups=jurisdictions()).version


def test_clone_is_unfitted_with_the_same_parameters():
    clf = LinearClassifier(seed=2, C=2.0).fit(items(), labels())
    copy = clone(clf)
    assert copy.get_params() == clf.get_params() and copy.get_params()["C"] == 2.0
    assert copy.vectorizers_ is None and copy.version.endswith("+untrained")
    rules = get_classifier("rules")
    assert clone(rules).benchmark is rules.benchmark
