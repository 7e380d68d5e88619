"""``lexbench benchmarks list|show ID``: the versioned benchmark definitions."""
from __future__ import annotations

import json

from pipeline.cli.usage import UsageError, error_text


def add_parser(sub) -> None:
    p = sub.add_parser("benchmarks", help="list benchmarks or show one (conducts, partial conditions)")
    bsub = p.add_subparsers(dest="action", metavar="ACTION")
    bsub.add_parser("list", help="list benchmark ids, versions and titles")
    show = bsub.add_parser("show", help="show one benchmark")
    show.add_argument("ref", metavar="ID", help="ID, ID@VERSION or a YAML path")
    show.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.benchmarks import BenchmarkError, benchmark_paths, describe, load_benchmark

    if args.action in (None, "list"):
        for path in benchmark_paths():
            try:
                b = load_benchmark(str(path))
            except BenchmarkError as exc:
                print(f"{path.stem}\tINVALID\t{exc}")
                continue
            print(f"{b.id}\t{b.version}\t{len(b.conducts)} conducts\t{b.title}")
        return 0
    try:
        bench = load_benchmark(args.ref)
    except (FileNotFoundError, BenchmarkError) as exc:
        raise UsageError(error_text(exc)) from None
    info = describe(bench)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"{bench.id} {bench.version} - {bench.title}")
    print(f"lexicon {bench.lexicon_version}; sources:")
    for src in bench.sources:
        print(f"  - {src if isinstance(src, str) else '; '.join(f'{k}: {v}' for k, v in src.items())}")
    for cid, c in info["conducts"].items():
        print(f"\n{cid}: {c['definition']}")
        for cond in c["partial_if"]:
            print(f"    partial if {cond['because']}  [{cond['id']}]")
    return 0
