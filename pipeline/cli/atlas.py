"""``lexbench atlas DIR_OR_DB [--jurisdiction A,B,...] --format html|csv|xlsx``: jurisdictions side by side.

One row per jurisdiction, one column per conduct of the benchmark (covered / partial / not
covered), sortable by any column, with the bar chart; CSV for spreadsheets; XLSX for analysts
(frozen header, status colours, the evidence as citations, the statutes counted). Every
jurisdiction in the source when --jurisdiction is not given; codes are exact (GB is not GB-SCT)
unless --include-sub.
"""
from __future__ import annotations

from pipeline.cli.coverage import add_source_options, check_source, jurisdiction_of, write_out
from pipeline.cli.usage import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("atlas", help="many jurisdictions side by side (HTML, CSV or XLSX)",
                       description=__doc__.split("\n\n")[1])
    add_source_options(p, "comma-separated codes (default: every jurisdiction in the source)", required=False)
    p.add_argument("--format", choices=("html", "csv", "xlsx"), default="html")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.benchmarks import BenchmarkError
    from pipeline.coverage.atlas import render_atlas
    from pipeline.coverage.jurisdictions import UnknownJurisdiction, parse_codes
    from pipeline.coverage.matrix import atlas_report

    codes = parse_codes(jurisdiction_of(args))
    check_source(args.source)
    if args.format == "xlsx" and not args.out:
        raise UsageError("--format xlsx writes a file: give --out FILE.xlsx")
    try:
        ms = atlas_report(args.source, codes, args.benchmark, include_sub=args.include_sub)
        data = render_atlas(args.format, ms)
    except (FileNotFoundError, BenchmarkError, UnknownJurisdiction, RuntimeError) as exc:
        raise UsageError(str(exc).strip("'\"")) from None
    write_out(args, data)
    return 0
