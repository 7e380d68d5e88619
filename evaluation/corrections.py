"""A reproducible correction loop: N reviewer corrections -> retrain -> LOJO evaluation before/after.

Why simulated this way: a correction only teaches the model something it did not
already have, so the loop treats a deterministic third of the gold statutes as a
newly arrived, not yet annotated *pool*: their texts are never trained on from the
annotations (they are still tested in their jurisdiction's fold). The pool is
annotated into a fresh SQLite review store by the ``rules`` model (the first-pass
suggester), and a reviewer account walks the real review queue (most uncertain
first) through ``pipeline.review.service``, correcting the first N provisions whose
suggestions disagree with the adjudicated gold. Then the ``linear`` model is
evaluated leave-one-jurisdiction-out without and with those reviews in its training
folds (``evaluation.cv``: a fold never trains on reviews of its held-out jurisdiction,
and test labels are always the gold).

    python -m evaluation.corrections --n 20            # the largest jurisdictions' folds
    python -m evaluation.corrections --n 20 --all-folds

Writes ``evaluation/results/correction_loop.json`` and ``.md``.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "evaluation" / "results"
REVIEWER = "loop-reviewer"


def pool_statutes(gold, share: int = 3) -> list[str]:
    """A stable ~1/share of the gold statutes (by hash of their path, not by content)."""
    names = sorted({g.statute for g in gold})
    return [s for s in names if int(hashlib.sha256(s.encode()).hexdigest(), 16) % share == 0]


def largest_jurisdictions(gold, min_items: int = 20) -> list[str]:
    counts: dict[str, int] = {}
    for g in gold:
        counts[g.jurisdiction] = counts.get(g.jurisdiction, 0) + 1
    return sorted(j for j, n in counts.items() if n >= min_items)


def build_store(statutes: list[str], workdir: Path, model: str = "rules") -> str:
    """Annotate the pool statutes into a fresh SQLite store; returns its URL."""
    from pipeline.annotate import AnnotateConfig, run_batch

    url = f"sqlite:///{workdir / 'review.db'}"
    res = run_batch([str(ROOT / s) for s in statutes],
                    AnnotateConfig(out_dir=workdir / "out", db_url=url, model=model))
    bad = [r.path for r in res if r.error]
    if bad:
        print(f"correction loop: {len(bad)} pool file(s) failed to annotate: {bad}", file=sys.stderr)
    return url


def simulate_reviewer(url: str, gold_by_hash: dict[str, dict[str, str]], n: int,
                      accept_agreeing: bool = False) -> list[dict]:
    """Correct the first ``n`` queued provisions whose preselected suggestions differ from the gold.

    With ``accept_agreeing`` the reviewer also accepts the agreeing provisions met on the
    way (as a real reviewer walking the queue does); only corrections count towards ``n``.
    """
    from pipeline.review import service

    uid = service.add_user(url, REVIEWER, "correction-loop-" + hashlib.sha256(url.encode()).hexdigest()[:12])
    done: list[dict] = []
    for q in service.queue(url, uid, limit=10**6, order="uncertainty"):
        if len(done) >= n:
            break
        view = service.provision_view(url, q["id"])
        want = gold_by_hash.get(view["text_hash"])
        if want is None:
            continue  # not a gold provision (e.g. a container's own text): nothing to compare to
        have = {s["id"]: s["coverage"] for s in view["suggestions"] if s["preselected"]}
        labels = [{"id": c, "coverage": v} for c, v in want.items()]
        if have == want:
            if accept_agreeing:
                service.submit_review(url, q["id"], uid, labels, "accept" if labels else "reject", view["version"],
                                      comment="simulated: suggestions agree with the adjudicated gold")
            continue
        service.submit_review(url, q["id"], uid, labels, "edit" if labels else "reject", view["version"],
                              comment="simulated correction to the adjudicated gold")
        done.append({"eid": view["eid"], "statute": view["statute"]["name"],
                     "jurisdiction": view["statute"]["jurisdiction"], "suggested": have, "corrected": want})
    return done


def run_loop(n: int = 20, all_folds: bool = False, out: Path = RESULTS_DIR, seed: int = 0,
             progress=None, keep_db: Path | None = None, stem: str = "correction_loop",
             accept_agreeing: bool = False) -> dict:
    from evaluation.gold import load_gold, load_synthetic
    from pipeline.benchmarks import load_benchmark
    from evaluation.reports import corrections_report, save_corrections
    from pipeline.gold import labels_from_gold
    from pipeline.reviewed import load_reviews

    gold = list(load_gold(root=str(ROOT / "annotations"), annotator="adjudicated"))
    synthetic = list(load_synthetic(str(ROOT / "annotations")))
    pool = pool_statutes(gold)
    pool_items = [g for g in gold if g.statute in pool]
    gold_by_hash = {g.text_hash: labels_from_gold(g) for g in pool_items}
    folds = None if all_folds else largest_jurisdictions(gold)
    with tempfile.TemporaryDirectory(prefix="lexbench-loop-") as tmp:
        work = Path(keep_db) if keep_db else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        url = build_store(pool, work)
        corrected = simulate_reviewer(url, gold_by_hash, n, accept_agreeing)
        reviews = load_reviews(url)
    rep = corrections_report("linear", gold, synthetic, load_benchmark("default"), reviews, seed=seed,
                             folds=folds, train_exclude=set(gold_by_hash), progress=progress,
                             extra={"corrections": len(corrected),
                                    "notes": (f"simulated loop: pool of {len(pool)} gold statutes "
                                              f"({len(pool_items)} provisions) held back from training, annotated "
                                              f"by `rules`, {len(corrected)} corrections by a reviewer account "
                                              f"through the review service"
                                              + ("; agreeing suggestions met on the way accepted"
                                                 if accept_agreeing else "; agreeing ones left unreviewed")
                                              + f"; {len(reviews)} reviewed texts in all; model `linear`"),
                                    "pool_statutes": pool, "corrected": corrected})
    save_corrections(rep, out, stem=stem)
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.corrections", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20, help="number of corrections the reviewer makes")
    ap.add_argument("--all-folds", action="store_true", help="evaluate every jurisdiction (slower)")
    ap.add_argument("--out", type=Path, default=RESULTS_DIR)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep-db", type=Path, default=None,
                    help="folder to keep the review store in (review.db), e.g. for `lexbench train --db`")
    ap.add_argument("--stem", default="correction_loop", help="results file name (without extension)")
    ap.add_argument("--accept-agreeing", action="store_true",
                    help="the reviewer also accepts agreeing suggestions met in the queue (not counted in N)")
    args = ap.parse_args(argv)
    from evaluation.reports import corrections_markdown

    rep = run_loop(args.n, args.all_folds, args.out, args.seed,
                   progress=lambda m: print(m, file=sys.stderr, flush=True), keep_db=args.keep_db,
                   stem=args.stem, accept_agreeing=args.accept_agreeing)
    print(corrections_markdown(rep))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
