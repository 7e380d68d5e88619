"""Hugging Face ``datasets`` typing of lexbench outputs.

Reads: an ``annotate`` output folder (``*.jsonl``, contract ``lexbench.provision/1``). Writes: the
folder's dataset card (``README.md``, by ``pipeline.annotate``). ``datasets`` infers a schema per
JSON file, so a file whose ``terms`` are all empty comes out as ``list<null>`` and a plain
``load_dataset("json", data_files=...)`` of the folder fails; the card names one schema for all
(``dataset_info.features``) and the files (``[!_]*.jsonl``: not ``_errors.jsonl``), so
``datasets.load_dataset(FOLDER)`` loads the folder in one call. ``PROVISION_SPEC`` is the one
description of a line's types: the card (plain YAML, no ``datasets`` needed) and
``provision_features`` (needs the ``[hf]`` extra) are both made from it.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.records import CONDUCT_IDS, SCHEMA

_S, _I = "string", "int64"
_EVIDENCE = {"start": _I, "end": _I, "text": _S}
_CONDUCT = {"id": _S, "score": "float64", "coverage": _S, "evidence": _EVIDENCE, "because": _S}
_TERM = {"text": _S, "start": _I, "end": _I, "replacement": [_S], "severity": _S, "rule": _S, "reason": _S,
         "lang": _S, "page": _I, "legal_term_retained": "bool", "exempt_reason": _S}
# dtype strings, {field: spec} for a struct, [spec] for a list (models/schemas/provision-1.json)
PROVISION_SPEC = {
    "doc": _S, "eid": _S, "kind": _S, "num": _S, "heading": _S, "text": _S, "start": _I, "end": _I, "page": _I,
    "lang": _S, "parent": _S, "depth": _I, "text_hash": _S, "conducts": [_CONDUCT], "terms": [_TERM],
    "terms_exempt": [_TERM], "model": {"name": _S, "version": _S}, "benchmark": {"id": _S, "version": _S},
    "doc_sha256": _S, "own_spans": [[_I]], "schema": _S,
}
CARD_MARK = "<!-- lexbench dataset card: rewritten by each annotate run -->"


def _feature(spec):
    from datasets import Value

    if isinstance(spec, str):
        return Value(spec)
    if isinstance(spec, list):
        return [_feature(spec[0])]
    return {k: _feature(v) for k, v in spec.items()}


def provision_features():
    """``datasets.Features`` of one ``lexbench.provision/1`` line."""
    from datasets import Features

    return Features(_feature(PROVISION_SPEC))


def _yaml_inner(spec):
    """The value of a ``list:`` key in datasets' YAML feature format."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, list):
        return {"list": _yaml_inner(spec[0])}
    return _yaml_fields(spec)


def _yaml_fields(spec: dict) -> list[dict]:
    out = []
    for name, sub in spec.items():
        if isinstance(sub, str):
            out.append({"name": name, "dtype": sub})
        elif isinstance(sub, list):
            out.append({"name": name, "list": _yaml_inner(sub[0])})
        else:
            out.append({"name": name, "struct": _yaml_fields(sub)})
    return out


def card_features() -> list[dict]:
    """``dataset_info.features`` of the card, as ``datasets.Features._to_yaml_list`` writes them."""
    return _yaml_fields(PROVISION_SPEC)


def dataset_card() -> str:
    """The ``README.md`` of an annotate output folder: a Hugging Face dataset card."""
    import yaml

    head = {"pretty_name": "lexbench annotations", "tags": ["legal", SCHEMA],
            "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": "[!_]*.jsonl"}]}],
            "dataset_info": {"features": card_features()}}
    return ("---\n" + yaml.safe_dump(head, sort_keys=False, allow_unicode=True) + "---\n" + CARD_MARK + "\n\n"
            "# lexbench annotations\n\nOne JSON line per provision of each statute (`<input file name>.jsonl`, "
            f"contract `{SCHEMA}`, JSON Schema in lexbench's models/schemas/provision-1.json); failed inputs are "
            "listed in `_errors.jsonl`, which is not part of the dataset.\n\n"
            "```python\nimport datasets\nds = datasets.load_dataset(\"path/to/this/folder\", split=\"train\")\n```\n")


def write_dataset_card(folder: Path) -> bool:
    """Write the card into ``folder`` unless a README.md that lexbench did not write is there."""
    from pipeline.files import write_text_atomic

    path = Path(folder) / "README.md"
    if path.exists() and CARD_MARK not in path.read_text(encoding="utf-8", errors="replace"):
        return False
    card = dataset_card()
    if not path.exists() or path.read_text(encoding="utf-8") != card:
        write_text_atomic(path, card)
    return True


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
