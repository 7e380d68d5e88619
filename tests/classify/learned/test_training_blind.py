"""`lexbench train` never fits on the blind statutes (corpora/BLIND.tsv) unless asked to."""
from __future__ import annotations

from pathlib import Path

import pipeline.classify as classify
from pipeline.classify.learned import training
from pipeline.gold import GoldItem, blind_statutes


def _item(statute: str, text: str) -> GoldItem:
    return GoldItem(statute=statute, doc=statute, jurisdiction=statute.split("/")[2].upper(), lang="en",
                    eid="sec_1", section_eid="sec_1", kind="section", heading=None, text=text, context="",
                    text_hash=text, labels={"csam_possession": "full"}, because={"csam_possession": None})


class _Recorder:
    """Records what it was fitted on (the fit itself is not under test here)."""

    fitted: list = []

    def __init__(self, *a, **k):
        self.version, self.meta_ = "0", {}

    def planned_version(self, items, labels):
        return f"v{len(items)}"

    def fit(self, items, labels, groups=None):
        _Recorder.fitted = [it.text for it in items]
        self.version = f"v{len(items)}"
        return self

    def save(self, folder):
        return Path(folder) / "weights"


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "BLIND.tsv").write_text("path\tjurisdiction\nacts/zz/zz-held-out-act.txt\tZZ\n",
                                                   encoding="utf-8")
    (tmp_path / "annotations").mkdir()
    return tmp_path


def test_blind_statutes_are_read_from_the_repo(tmp_path):
    assert blind_statutes(_repo(tmp_path)) == {"corpora/acts/zz/zz-held-out-act.txt"}
    assert blind_statutes(tmp_path / "nowhere") == set()


def test_training_leaves_the_blind_statutes_out_by_default(tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    gold = [_item("corpora/acts/aa/aa-dev-act.txt", "A person who possesses child pornography commits an offence."),
            _item("corpora/acts/zz/zz-held-out-act.txt", "Whoever possesses child sexual abuse material is punished.")]
    monkeypatch.setattr(training, "load_training_data", lambda root=None, include_synthetic=True: (
        list(gold), [training.item_from_gold(g) for g in gold], [training.labels_from_gold(g) for g in gold]))
    monkeypatch.setattr(classify, "new_classifier", lambda name, **k: _Recorder())

    res = training.train("linear", root=repo / "annotations", folder=tmp_path / "m")
    assert _Recorder.fitted == [gold[0].text]
    assert (res.n_items, res.blind_left_out, res.version) == (1, 1, "v1")

    res = training.train("linear", root=repo / "annotations", folder=tmp_path / "m", include_blind=True)
    assert _Recorder.fitted == [g.text for g in gold]
    assert (res.n_items, res.blind_left_out) == (2, 0)
