"""Hugging Face ``datasets`` typing of lexbench outputs (needs the ``[hf]`` extra).

Reads: an ``annotate`` output folder (``*.jsonl``, contract ``lexbench.provision/1``). Writes: nothing.
``datasets`` infers a schema per JSON file, so a file whose ``terms`` are all empty comes out as
``list<null>`` and the folder does not load in one call; explicit Features fix one schema for all.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.records import CONDUCT_IDS


def provision_features():
    """``datasets.Features`` of one ``lexbench.provision/1`` line (models/schemas/provision-1.json)."""
    from datasets import Features, Value

    s, i = Value("string"), Value("int64")
    evidence = {"start": i, "end": i, "text": s}
    conduct = {"id": s, "score": Value("float64"), "coverage": s, "evidence": evidence, "because": s}
    term = {"text": s, "start": i, "end": i, "replacement": [s], "severity": s, "rule": s, "reason": s,
            "lang": s, "page": i, "legal_term_retained": Value("bool"), "exempt_reason": s}
    return Features({
        "doc": s, "eid": s, "kind": s, "num": s, "heading": s, "text": s, "start": i, "end": i, "page": i,
        "lang": s, "parent": s, "depth": i, "text_hash": s, "conducts": [conduct], "terms": [term],
        "terms_exempt": [term], "model": {"name": s, "version": s}, "benchmark": {"id": s, "version": s},
        "doc_sha256": s, "own_spans": [[i]], "schema": s,
    })


def load_annotations(folder: str | Path, **kw):
    """One ``datasets.Dataset`` (split ``train``) of every provision in an annotate output folder."""
    from datasets import load_dataset

    files = sorted(str(p) for p in Path(folder).glob("*.jsonl") if not p.name.startswith("_"))
    return load_dataset("json", data_files=files, features=provision_features(), split="train", **kw)


def review_features():
    """Features of the reviews export (``lexbench review export --format hf``): labels as ClassLabel."""
    from datasets import ClassLabel, Features, Sequence, Value

    return Features({"statute_sha256": Value("string"), "eid": Value("string"), "text": Value("string"),
                     "text_hash": Value("string"), "labels": Sequence(ClassLabel(names=list(CONDUCT_IDS))),
                     "reviewed": Value("bool"), "lexbench": Value("string")})
