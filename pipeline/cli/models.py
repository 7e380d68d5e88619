"""``lexbench models``: the registered conduct classifiers, their versions and trained weights."""
from __future__ import annotations

import json

from pipeline.classify.catalogue import describe_all
from pipeline.cli.usage import add_format_option


def add_parser(sub) -> None:
    p = sub.add_parser("models", help="list conduct classifiers with versions and trained weights")
    add_format_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    rows = describe_all()
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        state = ("no training needed" if r["trained"] is None
                 else f"trained weights: {r['weights']}" if r["trained"]
                 else "not trained (run `lexbench train`)")
        print(f"{r['name']:<12} {r['version'] or '-':<28} {state}")
    return 0
