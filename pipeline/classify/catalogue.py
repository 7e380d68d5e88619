"""The registered conduct classifiers, their versions and trained weights (``lexbench models``).

Reads: the classifier registry and ``models/trained/``. Writes: nothing.
"""
from __future__ import annotations


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
