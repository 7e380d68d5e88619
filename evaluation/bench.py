"""Speed and memory benchmark of ``annotate``: ``python -m evaluation.bench`` / ``lexbench bench``.

WHY: speed must never decide whether a statute gets annotated, so the README carries
real numbers from a known machine. The bench generates (or takes with ``--corpus``) a
long single-column statute PDF, a two-column gazette and many text statutes, then
measures, each job in its own fresh process (so peak RSS is that job's alone):

* end-to-end annotate (extract, segment, classify with ``--model``, terminology,
  write JSONL + SQLite) pages/s and provisions/s, split per stage;
* pdfplumber's own ``page.extract_text()`` pages/s on the same PDFs (the reference
  ratio) and the reading order of both (against the generated text);
* classification provisions/s of every usable model;
* an unchanged re-run (incremental skip) as a fraction of the first run.

* whole-process figures (``bench_process.py``): ``lexbench annotate`` as a user runs it,
  start-up included, against pdfplumber ``extract_text`` and pypdfium2 raw text on the same
  PDFs, and a one-line statute, each a fresh process timed from outside.

It is a script, not a timed test: ``tests/evaluation/test_bench.py`` runs it tiny and checks the
table's shape only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from evaluation.bench_process import markdown_table as _table

STAGES = ("extract", "segment", "classify", "terms", "write", "store")  # write = JSONL, store = database


# -- child jobs (run in a fresh interpreter) ----------------------------------------
def _peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def _timed(fn, bucket: dict, stage: str):
    def wrapper(*a, **kw):
        t0 = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            bucket[stage] += time.perf_counter() - t0

    return wrapper


def _instrument(config) -> tuple[dict, dict]:
    """Wrap the stage functions ``Annotator.annotate_file`` calls, after the model is
    loaded (so loading and warm-up are not charged to a stage). Same code path as
    ``lexbench annotate``; only timers are added."""
    from pipeline import store
    from pipeline.annotate import annotator as A
    from pipeline.annotate.batch import _annotator

    stages: dict = defaultdict(float)
    texts: dict = {}
    ann = _annotator(config)
    def keeping(extract):
        def extract_keep(path, *a, **kw):
            doc = extract(path, *a, **kw)
            texts[str(path)] = doc.text
            return doc
        return extract_keep

    # extraction runs in a child process (annotate/isolation.py) unless the memory cap is 0: time it
    # where the parent calls it, so the stage includes the fork and the text comes back to us
    A.extract = _timed(keeping(A.extract), stages, "extract")
    A.extract_isolated = _timed(keeping(A.extract_isolated), stages, "extract")
    A.segment = _timed(A.segment, stages, "segment")
    ann.classifier.label = _timed(ann.classifier.label, stages, "classify")
    ann.flagger.flag = _timed(ann.flagger.flag, stages, "terms")
    A.write_jsonl_atomic = _timed(A.write_jsonl_atomic, stages, "write")
    store.save_document = _timed(store.save_document, stages, "store")
    return stages, texts


def child_annotate(spec: dict) -> dict:
    from evaluation.bench_corpus import order_score, truth_for
    from pipeline.annotate import AnnotateConfig, run_batch

    t_start = time.perf_counter()
    config = AnnotateConfig(out_dir=Path(spec["out"]), db_url=spec.get("db"), model=spec["model"],
                            store=bool(spec.get("db")))
    jobs = spec.get("jobs", 1)
    stages, texts = _instrument(config) if jobs == 1 else ({}, {})
    t_loaded = time.perf_counter()
    results = run_batch(spec["paths"], config, jobs=jobs)
    t_end = time.perf_counter()
    order = {}
    for path, text in texts.items():
        truth = truth_for(Path(path))
        if truth is not None:
            order[Path(path).name] = order_score(text, truth)
    return {"files": len(results), "errors": [r.error for r in results if r.error],
            "skipped": sum(r.skipped for r in results),
            "pages": sum(r.n_pages for r in results), "provisions": sum(r.n_provisions for r in results),
            "load_s": t_loaded - t_start, "batch_s": t_end - t_loaded,
            "stages": dict(stages), "order": order, "peak_rss_mib": _peak_rss_mib()}


def child_plumber(spec: dict) -> dict:
    """pdfplumber's own plain text, page by page (``close()`` frees each page's caches)."""
    import pdfplumber

    from evaluation.bench_corpus import order_score, truth_for

    t0 = time.perf_counter()
    parts = []
    with pdfplumber.open(spec["path"]) as pdf:
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            page.close()
    seconds = time.perf_counter() - t0
    truth = truth_for(Path(spec["path"]))
    return {"pages": len(parts), "seconds": seconds, "peak_rss_mib": _peak_rss_mib(),
            "order": order_score("\n".join(parts), truth) if truth else None}


def child_classify(spec: dict) -> dict:
    """Classification alone, on the provisions (with context) of real annotate runs."""
    from pipeline.annotate import AnnotateConfig, Annotator
    from pipeline.extract import extract

    config = AnnotateConfig(out_dir=Path(spec["out"]), model=spec["model"], store=False)
    t0 = time.perf_counter()
    ann = Annotator(config)
    load_s = time.perf_counter() - t0
    bucket: dict = defaultdict(float)
    counted = [0]
    label = ann.classifier.label

    def count(items, benchmark):
        counted[0] += len(items)
        return label(items, benchmark)

    ann.classifier.label = _timed(count, bucket, "classify")
    for p in spec["paths"]:
        if counted[0] >= spec["max_items"]:
            break
        ann.annotate_document(extract(p))
    return {"model": spec["model"], "resolved": ann.model_info.name, "version": ann.model_info.version,
            "provisions": counted[0], "device": str(getattr(ann.classifier, "device", None) or "cpu"),
            "seconds": bucket["classify"], "load_s": load_s, "peak_rss_mib": _peak_rss_mib()}


CHILDREN = {"annotate": child_annotate, "plumber": child_plumber, "classify": child_classify}


def run_child(kind: str, spec: dict, env: dict | None = None) -> dict:
    """Run one job in a fresh interpreter; adds ``process_s`` (wall, imports included)."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, **(env or {}), "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "evaluation.bench", "--child", kind, json.dumps(spec)],
                          capture_output=True, text=True, env=env, cwd=root)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"bench job {kind} failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_s"] = wall
    return out


# -- the bench ----------------------------------------------------------------------
def usable_models() -> list[tuple[str, str]]:
    """(name, why-not) for every registered model; why-not is "" when it can run."""
    from pipeline.classify.catalogue import describe_all

    return [(r["name"], "" if r["trained"] in (None, True) else "not trained")
            for r in describe_all()]


def bench(corpus: Path, work: Path, model: str = "default", models: list[str] | None = None,
          classify_items: int = 5000, jobs: int = 2, log=print) -> dict:
    from pipeline.annotate.batch import collect_inputs

    pdfs = sorted(p for p in collect_inputs([str(corpus)]) if p.suffix.lower() == ".pdf")
    texts = [p for p in collect_inputs([str(corpus)]) if p.suffix.lower() != ".pdf"]
    out = work / "out"
    db = f"sqlite:///{out / 'lexbench.db'}"
    res: dict = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, "
                            f"Python {platform.python_version()}, {platform.system()}",
                 "load_average_start": os.getloadavg()[0],
                 "pdf_reader": os.environ.get("LEXBENCH_PDF_READER", "pdfium (default)"),
                 "model": model, "corpus": str(corpus), "inputs": [], "classify": [], "incremental": {}}
    from evaluation.bench_process import whole_process

    log("  whole process: lexbench --version, one-line statute, annotate / pdfplumber / pypdfium2 per PDF ...")
    res["whole_process"] = whole_process(pdfs, work / "whole-process", model=model)
    first_run = 0.0
    for pdf in pdfs:
        log(f"  pdfplumber extract_text: {pdf.name} ...")
        ref = run_child("plumber", {"path": str(pdf)})
        log(f"  annotate: {pdf.name} ...")
        a = run_child("annotate", {"paths": [str(pdf)], "out": str(out), "db": db, "model": model})
        first_run += a["batch_s"]
        res["inputs"].append(_row(pdf.name, a, ref))
    if texts:
        log(f"  annotate: {len(texts)} text statutes ...")
        a = run_child("annotate", {"paths": [str(p) for p in texts], "out": str(out), "db": db, "model": model})
        first_run += a["batch_s"]
        res["inputs"].append(_row(f"{len(texts)} text statutes", a, None))
        if jobs > 1:
            log(f"  annotate -j {jobs}: {len(texts)} text statutes ...")
            a = run_child("annotate", {"paths": [str(p) for p in texts], "out": str(work / f"out_j{jobs}"),
                                       "model": model, "jobs": jobs})
            res["inputs"].append(_row(f"{len(texts)} text statutes, -j {jobs}", a, None))
    if pdfs or texts:
        log("  re-run on the unchanged corpus ...")
        again = run_child("annotate", {"paths": [str(corpus)], "out": str(out), "db": db, "model": model})
        res["incremental"] = {"first_s": first_run, "rerun_s": again["batch_s"],
                              "rerun_process_s": again["process_s"], "skipped": again["skipped"],
                              "files": again["files"], "ratio": again["batch_s"] / first_run if first_run else None,
                              "rerun_stages": again["stages"]}
    registered = usable_models()
    wanted = models or [m for m, _ in registered]  # untrained ones are listed as such
    for name, why in registered:
        if name not in wanted:
            continue
        if why:
            res["classify"].append({"model": name, "skipped": why})
            continue
        log(f"  classify: {name} ...")
        c = run_child("classify", {"model": name, "paths": [str(p) for p in (texts or pdfs)],
                                   "out": str(work / "cls"), "max_items": classify_items})
        c["provisions_per_s"] = c["provisions"] / c["seconds"] if c["seconds"] else None
        res["classify"].append(c)
    res["load_average_end"] = os.getloadavg()[0]
    return res


def _row(name: str, a: dict, ref: dict | None) -> dict:
    row = {"input": name, "files": a["files"], "pages": a["pages"], "provisions": a["provisions"],
           "errors": a["errors"], "annotate_s": a["batch_s"], "load_s": a["load_s"], "process_s": a["process_s"],
           "pages_per_s": a["pages"] / a["batch_s"] if a["pages"] and a["batch_s"] else None,
           "provisions_per_s": a["provisions"] / a["batch_s"] if a["batch_s"] else None,
           "peak_rss_mib": a["peak_rss_mib"], "stages": a["stages"], "order": next(iter(a["order"].values()), None)}
    if ref:
        row["plumber_pages_per_s"] = ref["pages"] / ref["seconds"] if ref["seconds"] else None
        row["plumber_peak_rss_mib"] = ref["peak_rss_mib"]
        row["plumber_order"] = ref["order"]
        if row["pages_per_s"] and row["plumber_pages_per_s"]:
            row["ratio"] = row["pages_per_s"] / row["plumber_pages_per_s"]
    return row


# -- report -------------------------------------------------------------------------
def _f(x, nd: int = 1) -> str:
    return "-" if x is None else f"{x:,.{nd}f}"


def _order(o) -> str:
    return "-" if not o else f"{o['in_order']:.3f}"


THROUGHPUT_COLUMNS = ["input", "pages", "provisions", "annotate s", "pages/s", "provisions/s",
                      "pdfplumber extract_text pages/s", "ratio", "reading order", "pdfplumber order",
                      "peak RSS MiB"]
STAGE_COLUMNS = ["input"] + [f"{s} s (%)" for s in STAGES] + ["other s (%)"]
CLASSIFY_COLUMNS = ["model", "version", "device", "provisions", "classify s", "provisions/s", "peak RSS MiB"]
INCREMENTAL_COLUMNS = ["first run s", "re-run s", "re-run / first", "target", "files skipped",
                       "re-run process s (with start-up)"]


def render(res: dict) -> str:
    out = [f"### lexbench bench: {res['date']}", "",
           f"Machine: {res['machine']}; 1-min load average {res['load_average_start']:.1f} at start, "
           f"{res.get('load_average_end', 0):.1f} at end (other work on the machine slows every number). "
           f"Model: `{res['model']}`; PDF reader: {res['pdf_reader']}. Each job ran in its own process; "
           "annotate s excludes start-up and model loading (load_s in the JSON); peak RSS is the whole "
           "job's process.", ""]
    if res.get("whole_process"):
        from evaluation.bench_process import render as render_whole

        out += render_whole(res["whole_process"])
    rows = []
    for r in res["inputs"]:
        rows.append([r["input"], str(r["pages"] or "-"), str(r["provisions"]), _f(r["annotate_s"], 2),
                     _f(r["pages_per_s"]), _f(r["provisions_per_s"]), _f(r.get("plumber_pages_per_s")),
                     _f(r.get("ratio"), 1) + ("x" if r.get("ratio") else ""), _order(r["order"]),
                     _order(r.get("plumber_order")), _f(r["peak_rss_mib"], 0)])
    out += ["**Throughput** (reading order: fraction of known paragraphs found intact and in order; "
            "1.000 = right)", "", _table(THROUGHPUT_COLUMNS, rows), ""]
    # a PDF whose annotate job failed (no pages, no time) has no rate to add up
    pdf_rows = [r for r in res["inputs"] if r.get("plumber_pages_per_s") and r["pages"] and r["annotate_s"]]
    if pdf_rows:
        pages = sum(r["pages"] for r in pdf_rows)
        ours = pages / sum(r["annotate_s"] for r in pdf_rows)
        theirs = pages / sum(r["pages"] / r["plumber_pages_per_s"] for r in pdf_rows)
        out += [f"All PDFs together: warm process (start-up and model loading excluded, unlike the whole-process "
                f"figures above): annotate {ours:.1f} pages/s vs pdfplumber `extract_text` {theirs:.1f} pages/s "
                f"= {ours / theirs:.1f}x.", ""]
    rows = []
    for r in res["inputs"]:
        st = r["stages"]
        if not st:
            continue
        total = r["annotate_s"] or 1e-9
        other = max(total - sum(st.get(s, 0.0) for s in STAGES), 0.0)
        rows.append([r["input"]] + [f"{st.get(s, 0.0):.2f} ({100 * st.get(s, 0.0) / total:.0f}%)" for s in STAGES]
                    + [f"{other:.2f} ({100 * other / total:.0f}%)"])
    out += ["**Time per stage** (write = JSONL output, store = SQLite database; other = glue between stages)", "", _table(STAGE_COLUMNS, rows), ""]
    rows = []
    for c in res["classify"]:
        if c.get("skipped"):
            rows.append([c["model"], "-", "-", "-", "-", c["skipped"], "-"])
        else:
            name = c["model"] if c.get("resolved") in (None, c["model"]) else f"{c['model']} (= {c['resolved']})"
            rows.append([name, str(c["version"]), c.get("device", "cpu"), str(c["provisions"]), _f(c["seconds"], 2),
                         _f(c["provisions_per_s"], 0), _f(c["peak_rss_mib"], 0)])
    out += ["**Classification** (provisions with their context, as annotate gives them; a learned model "
            "runs on a GPU when one is visible, see the device column; LEXBENCH_DEVICE=cpu forces the CPU)", "",
            _table(CLASSIFY_COLUMNS, rows), ""]
    inc = res["incremental"]
    if inc:
        ratio = inc["ratio"]
        out += ["**Incremental re-run** (unchanged corpus, same model and benchmark)", "",
                _table(INCREMENTAL_COLUMNS, [[_f(inc["first_s"], 2), _f(inc["rerun_s"], 2),
                                              "-" if ratio is None else f"{100 * ratio:.1f}%",
                                              "<= 5% " + ("met" if ratio is not None and ratio <= 0.05 else "NOT met"),
                                              f"{inc['skipped']}/{inc['files']}", _f(inc["rerun_process_s"], 1)]]), ""]
    return "\n".join(out)


# -- command line -------------------------------------------------------------------
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, help="folder of PDFs and text statutes (default: generate one)")
    p.add_argument("--pages", type=int, default=300, help="pages of the generated statute PDF (0 = none)")
    p.add_argument("--gazette-pages", type=int, default=40, help="pages of the generated two-column gazette")
    p.add_argument("--texts", type=int, default=500, help="number of generated text statutes")
    p.add_argument("--model", default="default", help="model used for end-to-end annotate")
    p.add_argument("--models", help="comma-separated models for the classification table (default: all usable)")
    p.add_argument("--classify-items", type=int, default=5000, help="provisions per model in the classification run")
    p.add_argument("--jobs", "-j", type=int, default=2, help="also time the text statutes with -j N (1 = skip)")
    p.add_argument("--workdir", type=Path, help="keep corpus and outputs here (default: a temp folder)")
    p.add_argument("--json-out", type=Path, dest="json_out", metavar="FILE", help="also write the results as JSON")
    # --json FILE was the old spelling; elsewhere --json means --format json
    p.add_argument("--json", type=Path, dest="json_out", help=argparse.SUPPRESS)


def run(args) -> int:
    with tempfile.TemporaryDirectory(prefix="lexbench-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = args.corpus
        if corpus is None:
            from evaluation.bench_corpus import make_corpus

            print(f"generating corpus: {args.pages}-page statute PDF, {args.gazette_pages}-page gazette, "
                  f"{args.texts} text statutes ...", file=sys.stderr)
            corpus = make_corpus(work / "corpus", pages=args.pages, gazette_pages=args.gazette_pages,
                                 texts=args.texts)
        models = [m.strip() for m in args.models.split(",")] if args.models else None
        res = bench(corpus, work, model=args.model, models=models, classify_items=args.classify_items,
                    jobs=args.jobs, log=lambda m: print(m, file=sys.stderr))
    print(render(res))
    if args.json_out:
        args.json_out.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")
    bad = [r for r in res["inputs"] if r["errors"]]
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, spec = argv[1], json.loads(argv[2])
        print(json.dumps(CHILDREN[kind](spec)))
        return 0
    p = argparse.ArgumentParser(prog="python -m evaluation.bench", description=__doc__.splitlines()[0])
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
