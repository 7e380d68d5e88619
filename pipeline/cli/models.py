"""``lexbench models``: the registered conduct classifiers, their versions and trained weights."""
from __future__ import annotations

import json


def add_parser(sub) -> None:
    p = sub.add_parser("models", help="list conduct classifiers with versions and trained weights")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def describe_all() -> list[dict]:
    """One row per registered model; learned models report their latest trained weights."""
    from pipeline.classify import _REGISTRY, available  # noqa: PLC2701
    from pipeline.classify.learned.base import read_latest

    rows = []
    for name in available():
        meta = read_latest(name)
        if meta is not None:
            rows.append({"name": name, "version": meta.get("version"), "trained": True,
                         "weights": meta.get("weights")})
            continue
        factory = _REGISTRY[name]
        learned = not isinstance(factory, type)  # learned models register a loader function
        version = None
        if not learned:
            try:
                version = str(factory().version)
            except Exception as exc:  # a broken model still gets listed
                version = f"unavailable ({type(exc).__name__})"
        rows.append({"name": name, "version": version, "trained": None if not learned else False,
                     "weights": None})
    return rows


def run(args) -> int:
    rows = describe_all()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        state = ("no training needed" if r["trained"] is None
                 else f"trained weights: {r['weights']}" if r["trained"]
                 else "not trained (run `lexbench train`)")
        print(f"{r['name']:<12} {r['version'] or '-':<28} {state}")
    return 0
