"""The conduct classifiers, their versions and trained weights (``lexbench models``).

Reads: the classifier table (``pipeline.classify``) and ``models/trained/``. Writes: nothing.
"""
from __future__ import annotations


def describe_all() -> list[dict]:
    """One row per model; learned models report their latest trained weights (``trained`` is
    None for a model that needs no training)."""
    from pipeline.classify import available, get_classifier, is_learned
    from pipeline.classify.learned.registry import read_latest

    rows = []
    for name in available():
        if is_learned(name):
            meta = read_latest(name)
            rows.append({"name": name, "version": meta.get("version") if meta else None,
                         "trained": meta is not None, "weights": meta.get("weights") if meta else None})
            continue
        try:
            version = str(get_classifier(name).version)
        except Exception as exc:  # a broken model still gets listed
            version = f"unavailable ({type(exc).__name__})"
        rows.append({"name": name, "version": version, "trained": None, "weights": None})
    return rows
