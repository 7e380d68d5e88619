"""``lexbench coverage DIR_OR_DB --jurisdiction XX``: covered / partial / not covered per conduct."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from pipeline.cli.usage import UsageError

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("coverage", help="coverage matrix of a jurisdiction against a benchmark")
    p.add_argument("source", metavar="DIR_OR_DB", help="annotate output folder, SQLite file or SQLAlchemy URL")
    p.add_argument("--jurisdiction", "-j", required=True, help="jurisdiction code (GB also matches GB-EAW)")
    p.add_argument("--benchmark", default="default", help="benchmark id, ID@VERSION or YAML path")
    p.add_argument("--format", choices=("md", "csv", "json", "html"), default="md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.coverage.matrix import coverage_report
    from pipeline.coverage.render import render
    from pipeline.benchmarks import BenchmarkError

    if "://" not in args.source and not Path(args.source).exists():
        raise UsageError(f"no such folder or database: {args.source}")
    try:
        main, others = coverage_report(args.source, args.jurisdiction, args.benchmark)
    except (FileNotFoundError, BenchmarkError) as exc:
        raise UsageError(str(exc).strip("'\"")) from None
    out = render(args.format, main, others)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(out, encoding="utf-8")
        log.info("wrote %s", args.output)
    else:
        sys.stdout.write(out)
    if not main.statutes:
        log.error("lexbench coverage: no statutes found for jurisdiction %s", args.jurisdiction)
    return 0
