"""Where trained weights live and how a trained model is named.

Reads/writes: ``models/trained/`` (``pipeline.resources.TRAINED_DIR``, gitignored): per model
``<name>-<version>.<ext>`` weights, a ``.meta.json`` beside them and ``<name>.latest.json``
pointing at the weights ``get_classifier(name)`` loads.

A version is ``<code version>+<10 hex>`` of the training data's hash and the hyper-parameters:
the same code, data, parameters and seed always give the same version.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline.classify.inputs import ClassifyItem
from pipeline.resources import TRAINED_DIR


def trained_dir(path: Path | None = None) -> Path:
    """``path``, or the configured weights folder."""
    return TRAINED_DIR if path is None else Path(path)


def latest_pointer(name: str, path: Path | None = None) -> Path:
    return trained_dir(path) / f"{name}.latest.json"


def write_latest(name: str, weights: Path, meta: dict, path: Path | None = None) -> None:
    """Record ``weights`` (already saved in the folder) as model ``name``'s latest, with its metadata."""
    folder = trained_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{weights.name}.meta.json").write_text(json.dumps(meta, indent=2, default=str))
    latest_pointer(name, folder).write_text(json.dumps({"weights": weights.name, **meta}, indent=2, default=str))


def read_latest(name: str, path: Path | None = None) -> dict | None:
    """The latest pointer of model ``name`` (``weights``, ``version``, metadata), or None when
    nothing was trained or its weights are gone."""
    p = latest_pointer(name, path)
    if not p.is_file():
        return None
    meta = json.loads(p.read_text())
    if not (trained_dir(path) / meta.get("weights", "")).exists():
        return None
    return meta


def data_hash(items: list[ClassifyItem], labels: list[dict[str, str]]) -> str:
    """Order-independent hash of the training data (texts, context and labels)."""
    rows = sorted(json.dumps([it.context, it.text, it.kind, sorted(lab.items())], ensure_ascii=False)
                  for it, lab in zip(items, labels))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def make_version(code_version: str, dhash: str, params: dict[str, Any]) -> str:
    """``<code version>+<10 hex>``: changes with the code, the data or any hyper-parameter."""
    key = json.dumps({"data": dhash, "params": params}, sort_keys=True, default=str)
    return f"{code_version}+{hashlib.sha256(key.encode()).hexdigest()[:10]}"
