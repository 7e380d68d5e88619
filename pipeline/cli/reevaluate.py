"""``lexbench reevaluate --from B --to B --db URL --out DIR``: re-judge the store under a new benchmark.

Exit codes: 0 done (or nothing changed with ``--if-changed``), 3 results changed (only with
``--if-changed``, for cron/CI alerts), 2 usage error.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.cli.usage import UsageError, error_text

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("reevaluate", help="re-judge stored statutes under another benchmark and diff the coverage")
    p.add_argument("--from", dest="from_ref", required=True, metavar="BENCHMARK[@VERSION]",
                   help="old benchmark: id, ID@VERSION or YAML path")
    p.add_argument("--to", dest="to_ref", required=True, metavar="BENCHMARK[@VERSION]",
                   help="new benchmark: id, ID@VERSION or YAML path")
    p.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite file of the store")
    p.add_argument("--out", required=True, type=Path, help="folder for diff.json, diff.md, diff.html")
    p.add_argument("--model", help="model name (default: the model of the latest stored predictions)")
    p.add_argument("--if-changed", action="store_true",
                   help="do nothing (exit 0) if benchmarks, model and statutes are as in the last run; "
                        "exit 3 if the results changed")
    p.add_argument("--notify", metavar="CMD", help="command run with the diff.json path (also $LEXBENCH_DIFF) "
                                                   "when the results changed")
    p.add_argument("--no-gold", dest="gold", action="store_false",
                   help="skip the gold (leave-one-jurisdiction-out) evaluation under both benchmarks")
    p.add_argument("--annotations", default=None, help="gold corpus folder (default: annotations/)")
    p.add_argument("--quiet", "-q", action="store_true")
    p.set_defaults(func=run)


def db_url(raw: str) -> str:
    if "://" in raw:
        return raw
    path = Path(raw)
    if not path.is_file():
        raise UsageError(f"no such database: {raw}")
    return f"sqlite:///{path.resolve()}"


def run(args) -> int:
    from evaluation.gold_deltas import GoldDeltas
    from pipeline.benchmarks import BenchmarkError
    from pipeline.coverage.reevaluate import ReevalConfig, reevaluate
    from pipeline.resources import ANNOTATIONS_DIR

    progress = (lambda m: None) if args.quiet else log.info
    gold = GoldDeltas(args.annotations or ANNOTATIONS_DIR) if args.gold else None
    cfg = ReevalConfig(from_ref=args.from_ref, to_ref=args.to_ref, db_url=db_url(args.db), out_dir=args.out,
                       model=args.model, if_changed=args.if_changed, notify=args.notify, gold=gold, log=progress)
    try:
        res = reevaluate(cfg)
    except (FileNotFoundError, BenchmarkError, KeyError) as exc:
        raise UsageError(error_text(exc)) from None
    if res.skipped:
        print(f"unchanged since run {res.run_id}: nothing to do")
        return res.exit_code
    s = res.diff["summary"]
    print(f"run {res.run_id}: {s['gains']} gains, {s['losses']} losses, {s['added']} newly required, "
          f"{s['removed']} no longer required; {len(res.diff['needs_re_review'])} reviews need re-review; "
          f"jurisdictions changed: {', '.join(s['jurisdictions_changed']) or 'none'}")
    print(f"wrote {res.paths['json']}, {res.paths['md']}, {res.paths['html']}")
    if res.changed:
        print("results changed since the last run" if res.diff["previous_run"] else "results differ between benchmarks")
    return res.exit_code
