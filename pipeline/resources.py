"""The one place that knows where lexbench's data lives.

Reads: the environment (``LEXBENCH_MODELS_DIR``, ``LEXBENCH_DATA_DIR``,
``LEXBENCH_ANNOTATIONS_DIR``). Writes: nothing.

* ``MODELS_DIR``: the versioned data files (benchmarks, terminology, segmentation patterns).
* ``TRAINED_DIR``: trained classifier weights.
* ``ANNOTATIONS_DIR``: the gold corpus of a checkout.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


MODELS_DIR = _env_path("LEXBENCH_MODELS_DIR", REPO_ROOT / "models")
TRAINED_DIR = _env_path("LEXBENCH_TRAINED_DIR", MODELS_DIR / "trained")
ANNOTATIONS_DIR = _env_path("LEXBENCH_ANNOTATIONS_DIR", REPO_ROOT / "annotations")
BENCHMARK_DIR = MODELS_DIR / "benchmarks"
TERMINOLOGY_DIR = MODELS_DIR / "terminology"
SEGMENTATION_DIR = MODELS_DIR / "segmentation"
