"""``lexbench coverage DIR_OR_DB --jurisdiction XX``: one jurisdiction's coverage report.

The report opens with the jurisdiction's own matrix (conduct, benchmark article, covered /
partial / not covered, where), then the evidence as citations. Only statutes in force count,
the latest version of each Act. ``--jurisdiction GB`` is GB exactly; ``--include-sub`` adds
GB-EAW, GB-SCT. An unknown code is an error naming the known ones. ``-j`` means ``--jobs`` in
lexbench; here it is still read as the jurisdiction, with a deprecation warning.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.cli.usage import UsageError

log = logging.getLogger(__name__)


def add_source_options(p, jurisdiction_help: str, required: bool) -> None:
    """The options ``coverage`` and ``atlas`` share."""
    p.add_argument("source", metavar="DIR_OR_DB", help="annotate output folder, SQLite file or SQLAlchemy URL")
    p.add_argument("--jurisdiction", help=jurisdiction_help)
    p.add_argument("-j", dest="jurisdiction_old", help=argparse.SUPPRESS)  # deprecated spelling
    p.add_argument("--include-sub", action="store_true",
                   help="also count sub-jurisdictions (GB also takes GB-EAW and GB-SCT)")
    p.add_argument("--benchmark", default="default", help="benchmark id, ID@VERSION or YAML path")
    p.add_argument("--out", "-o", "--output", type=Path, dest="out", help="write here instead of stdout")
    p.set_defaults(jurisdiction_required=required)


def jurisdiction_of(args) -> str | None:
    if args.jurisdiction_old:
        log.warning("lexbench %s: -j is deprecated here (-j means --jobs in lexbench); use --jurisdiction %s",
                    args.command, args.jurisdiction_old)
    value = args.jurisdiction or args.jurisdiction_old
    if not value and args.jurisdiction_required:
        raise UsageError("--jurisdiction is required (a code such as GB-EAW; lexbench atlas compares many)")
    return value


def check_source(source: str) -> None:
    if "://" not in source and not Path(source).exists():
        raise UsageError(f"no such folder or database: {source}")


def write_out(args, data: str | bytes) -> None:
    if args.out:
        from pipeline.files import atomic_writer

        with atomic_writer(args.out) as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        log.info("wrote %s", args.out)
    elif isinstance(data, bytes):
        raise UsageError("this format is binary: give --out FILE")
    else:
        sys.stdout.write(data)


def add_parser(sub) -> None:
    p = sub.add_parser("coverage", help="one jurisdiction's coverage report against a benchmark",
                       description=__doc__.split("\n\n")[1].replace("``", ""))
    add_source_options(p, "jurisdiction code, exactly (GB is not GB-SCT; see --include-sub)", required=True)
    p.add_argument("--format", choices=("md", "csv", "json", "html"), default="md")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.benchmarks import BenchmarkError
    from pipeline.coverage.jurisdictions import UnknownJurisdiction
    from pipeline.coverage.matrix import coverage_report
    from pipeline.coverage.report import render_report

    code = jurisdiction_of(args)
    check_source(args.source)
    try:
        m = coverage_report(args.source, code, args.benchmark, include_sub=args.include_sub)
    except (FileNotFoundError, BenchmarkError, UnknownJurisdiction) as exc:
        raise UsageError(str(exc).strip("'\"")) from None
    write_out(args, render_report(args.format, m))
    return 0
