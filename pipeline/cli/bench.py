"""``lexbench bench``: speed, memory and reading-order benchmark (see ``evaluation/bench.py``)."""
from __future__ import annotations


def add_parser(sub) -> None:
    from evaluation.bench import add_arguments

    p = sub.add_parser("bench", help="benchmark annotate: pages/s, provisions/s, peak RSS, per-stage split")
    add_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from evaluation.bench import run as bench_run

    return bench_run(args)
