"""``lexbench evaluate --model M [--all] [--terms] [--groups K]``: LOJO evaluation against the gold corpus.

``--groups K``: K stratified folds of whole jurisdictions instead of one fold per jurisdiction
(``evaluation.cv.grouped_splits``): a learned model is fitted K times, not 59; reports go to
``evaluation/results/grouped<K>/`` unless ``--out`` says otherwise.

Writes ``evaluation/results/<model>.json`` (scores + provenance: git commit, model
versions, benchmark version, data hash, timestamp) and ``<model>.md``; ``--all`` also
writes ``comparison.md`` with one row per model.

``--corrections --db URL``: the gain from review corrections: the same LOJO run
before and after adding the store's reviewed labels to TRAINING folds (test labels
are always the gold; a fold never trains on reviews of its own held-out
jurisdiction), written to ``corrections.json`` / ``corrections.md``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.cli.usage import UsageError
from pipeline.resources import REPO_ROOT as ROOT

RESULTS_DIR = ROOT / "evaluation" / "results"
ALL_MODELS = ("rules", "linear", "hybrid", "ensemble", "transformer")


def add_parser(sub) -> None:
    p = sub.add_parser("evaluate", help="leave-one-jurisdiction-out evaluation of conduct models")
    p.add_argument("--model", default="linear", help="model(s) to evaluate, comma-separated (see `lexbench models`)")
    p.add_argument("--all", action="store_true", help="evaluate every registered model and compare them")
    p.add_argument("--terms", action="store_true", help="evaluate the terminology flagger instead")
    p.add_argument("--benchmark", default="default", help="benchmark id or YAML path")
    p.add_argument("--annotations", default=str(ROOT / "annotations"), help="gold corpus folder")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=None,
                   help="results folder (default evaluation/results/, with --groups K .../grouped<K>/)")
    p.add_argument("--groups", type=int, default=None, metavar="K",
                   help="grouped K-fold by jurisdiction (whole jurisdictions held out, stratified by conduct) "
                        "instead of leave-one-jurisdiction-out; with --folds, fold numbers 1..K")
    p.add_argument("--quiet", "-q", action="store_true")
    p.add_argument("--db", default=None, metavar="URL", help="review store (with --corrections)")
    p.add_argument("--corrections", action="store_true",
                   help="report the gain from the store's reviewed labels (before/after retraining)")
    p.add_argument("--folds", default=None,
                   help="comma-separated held-out jurisdictions to evaluate (default: all)")
    p.add_argument("--blind", action="store_true",
                   help="also fit each model once on the development gold and score the blind split "
                        "(corpora/BLIND.tsv) -- meant to be run once, at the end; writes blind.json/.md")
    p.add_argument("--blind-only", action="store_true",
                   help="with --blind: skip the LOJO runs (a learned model's LOJO refits it once per "
                        "jurisdiction); the LOJO column then comes from reports already in --out")
    p.add_argument("--saved", default="", metavar="MODELS",
                   help="with --all: comma-separated models whose report is read from the results folder "
                        "instead of re-run (e.g. transformer, fitted on a GPU by evaluation.offline_cv)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.terms:
        return _terms()
    if args.groups is not None and args.groups < 2:
        raise UsageError("--groups needs K >= 2")
    if args.out is None:
        args.out = RESULTS_DIR / f"grouped{args.groups}" if args.groups else RESULTS_DIR
    from pipeline.benchmarks import load_benchmark

    gold, blind, synthetic = _gold(args)
    try:
        benchmark = load_benchmark(args.benchmark)
    except (FileNotFoundError, KeyError) as exc:
        raise UsageError(f"unknown benchmark {args.benchmark!r}: {exc}") from None
    names = _names(args)
    log = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    if args.corrections:
        return _corrections(args, gold, synthetic, benchmark, log)
    saved = _saved_reports(args, names, gold, synthetic)  # checked before anything long runs
    if args.blind_only:
        if not args.blind:
            raise UsageError("--blind-only needs --blind")
        _score_blind(args, names, gold, synthetic, blind, benchmark, _same_gold_reports(args, names, gold, synthetic), log)
        return 0
    reports = _lojo(args, names, saved, gold, synthetic, benchmark, log)
    if args.blind:
        _score_blind(args, names, gold, synthetic, blind, benchmark, reports, log)
    return 0


def _terms() -> int:
    try:
        from evaluation.terms import main as terms_main
    except ImportError:
        print("lexbench evaluate --terms: the terminology evaluation (evaluation/terms.py) "
              "is not available in this checkout", file=sys.stderr)
        return 1
    return int(terms_main() or 0)


def _gold(args):
    """(development gold, blind gold, written sentences): LOJO runs on the development gold only;
    the blind statutes (corpora/BLIND.tsv) are scored once, with --blind."""
    from evaluation.blind import blind_files, split_blind
    from pipeline.gold import load_gold, load_synthetic

    everything = list(load_gold(root=args.annotations, annotator="adjudicated", include_synthetic=False))
    if not everything:
        raise UsageError(f"no adjudicated gold annotations under {args.annotations}")
    gold, blind = split_blind(everything, blind_files(Path(args.annotations).resolve().parent))
    return gold, blind, list(load_synthetic())


def _names(args) -> list[str]:
    from pipeline.classify import available

    if args.all:  # every registered model, and the naive keyword floor every model is printed against
        names = [m for m in ALL_MODELS if m in available()] + [FLOOR]
    else:
        names = [m.strip() for m in args.model.split(",") if m.strip()]
    for n in names:
        if n not in available() and n != FLOOR:
            raise UsageError(f"unknown model {n!r}; choose from {', '.join(available())}")
    return names


def _corrections(args, gold, synthetic, benchmark, log) -> int:
    from evaluation.reports import corrections_markdown, corrections_report, save_corrections
    from pipeline.reviewed import load_reviews

    if not args.db:
        raise UsageError("--corrections needs --db URL (the review store)")
    folds = [f.strip() for f in args.folds.split(",") if f.strip()] if args.folds else None
    reviews = load_reviews(args.db)
    log(f"== {args.model}: {len(reviews)} reviewed provisions in the store")
    rep = corrections_report(args.model, gold, synthetic, benchmark, reviews, seed=args.seed,
                             folds=folds, progress=log)
    save_corrections(rep, args.out)
    print(corrections_markdown(rep), flush=True)
    return 0


def _lojo(args, names, saved, gold, synthetic, benchmark, log) -> list[dict]:
    from evaluation.reports import comparison_markdown, evaluate_model, markdown_report, save_report

    reports = []
    for name in names:
        if name in saved:
            log(f"== {name}: report read from {args.out / (name + '.json')}")
            reports.append(saved[name])
            continue
        log(f"== {name}: {f'{args.groups} grouped folds' if args.groups else 'LOJO'} over "
            f"{len({_jur(g) for g in gold})} jurisdictions, "
            f"{len(gold)} gold + {len(synthetic)} synthetic items")
        folds = [f.strip() for f in args.folds.split(",") if f.strip()] if args.folds else None
        rep = evaluate_model(name, gold, synthetic, benchmark, seed=args.seed, progress=log,
                             make_model=_floor if name == FLOOR else None, folds=folds, groups=args.groups)
        save_report(rep, args.out)
        reports.append(rep)
        print(markdown_report(rep), flush=True)
        if args.all:  # written after every model so a long run keeps what it has
            (args.out / "comparison.md").write_text(comparison_markdown(reports), encoding="utf-8")
    if args.all:
        md = comparison_markdown(reports)
        (args.out / "comparison.md").write_text(md, encoding="utf-8")
        print(md)
    return reports


def _same_gold_reports(args, names, gold, synthetic) -> list[dict]:
    """LOJO reports already in --out, computed on this very gold (another gold's are not this one's)."""
    from evaluation.reports import gold_hash

    current = {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)}
    return [r for r in (_read_report(args.out, n) for n in dict.fromkeys(names + [FLOOR]))
            if r and r.get("data_hash") == current]


FLOOR = "keywords"


def _floor():
    from evaluation.baseline import KeywordBaseline

    return KeywordBaseline()


def _score_blind(args, names, gold, synthetic, blind, benchmark, reports, log) -> None:
    """Fit once on the development gold, score the blind statutes, write blind.json / blind.md."""
    from evaluation.blind import blind_markdown, blind_report, evaluate_blind
    from pipeline.blind import blind_rounds
    from evaluation.reports import fresh_model

    if not blind:
        raise UsageError("no gold annotations on the blind statutes (corpora/BLIND.tsv)")
    names = list(dict.fromkeys(list(names) + [FLOOR]))
    rounds = {f"corpora/{p}": r for p, r in blind_rounds(ROOT / "corpora", by="labelled").items()}
    rows = []
    for name in names:
        log(f"== {name}: fit on {len(gold)} development items, score {len(blind)} blind items")
        make = _floor if name == FLOOR else (lambda n=name: fresh_model(n, args.seed))
        rows.append(blind_report(name, evaluate_blind(make, gold, synthetic, blind, benchmark, rounds=rounds), benchmark))
    lojo = {r["model"]: r for r in reports}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "blind.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = blind_markdown(rows, lojo)
    (args.out / "blind.md").write_text(md, encoding="utf-8")
    print(md)


def _read_report(out: Path, name: str) -> dict | None:
    path = out / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _jur(g):
    from evaluation.cv import jurisdiction_of

    return jurisdiction_of(g)


def _saved_reports(args, names: list[str], gold, synthetic) -> dict[str, dict]:
    """``--saved`` reports, refused when missing or computed on other gold data."""
    from evaluation.reports import gold_hash

    out = {}
    for name in (m.strip() for m in args.saved.split(",") if m.strip()):
        if name not in names:
            raise UsageError(f"--saved {name}: not among the models evaluated ({', '.join(names)})")
        path = args.out / f"{name}.json"
        if not path.is_file():
            raise UsageError(f"--saved {name}: no report at {path}")
        rep = json.loads(path.read_text(encoding="utf-8"))
        if rep.get("data_hash") != {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)}:
            raise UsageError(f"--saved {name}: {path} was computed on other gold data; run it again")
        out[name] = rep
    return out
