"""The one place that knows where lexbench's data lives.

Reads: the environment (``LEXBENCH_MODELS_DIR``, ``LEXBENCH_DATA_DIR``, ``LEXBENCH_TRAINED_DIR``, ``LEXBENCH_CACHE_DIR``,
``LEXBENCH_ANNOTATIONS_DIR``, ``XDG_DATA_HOME``). Writes: nothing.

* ``MODELS_DIR``: the versioned data files (benchmarks, terminology, segmentation patterns).
  They ship inside the package as ``pipeline.data`` (``importlib.resources``); in a source
  checkout that package is the top-level ``models/`` folder itself.
* ``DATA_DIR``: the per-user data folder for what lexbench writes (trained models, caches):
  ``$LEXBENCH_DATA_DIR``, else ``$XDG_DATA_HOME/lexbench``, else ``~/.local/share/lexbench``.
  A source checkout keeps its own: ``models/`` (``models/trained/`` is gitignored).
* ``TRAINED_DIR``: trained classifier weights, ``DATA_DIR/trained`` unless overridden.
* ``CACHE_DIR``: what can be rebuilt at any time (compiled regexes, decompressed models):
  ``DATA_DIR/cache`` unless ``LEXBENCH_CACHE_DIR`` says otherwise.
* ``ANNOTATIONS_DIR``: the gold corpus of a checkout (absent in an installed wheel).
* ``load_yaml(path)``: every data file is parsed here, once per process (C loader when built).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def is_checkout() -> bool:
    """Running from a source checkout (``pyproject.toml`` and ``models/`` beside the package),
    not from an installed wheel."""
    return (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "models" / "benchmarks").is_dir()


def _packaged_data() -> Path:
    """The data files as installed: the package ``pipeline.data`` (``models/`` in a checkout)."""
    if is_checkout():
        return REPO_ROOT / "models"
    from importlib.resources import files

    return Path(str(files("pipeline.data")))


def _user_data_dir() -> Path:
    if is_checkout():
        return REPO_ROOT / "models"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / "lexbench"


MODELS_DIR = _env_path("LEXBENCH_MODELS_DIR", _packaged_data())
DATA_DIR = _env_path("LEXBENCH_DATA_DIR", _user_data_dir())
TRAINED_DIR = _env_path("LEXBENCH_TRAINED_DIR", DATA_DIR / "trained")
CACHE_DIR = _env_path("LEXBENCH_CACHE_DIR", DATA_DIR / "cache")
ANNOTATIONS_DIR = _env_path("LEXBENCH_ANNOTATIONS_DIR", REPO_ROOT / "annotations")
BENCHMARK_DIR = MODELS_DIR / "benchmarks"
TERMINOLOGY_DIR = MODELS_DIR / "terminology"
SEGMENTATION_DIR = MODELS_DIR / "segmentation"
# JSON Schema of the annotate output contract lexbench.provision/1 (checked in tests/annotate/test_output_schema.py).
PROVISION_SCHEMA = MODELS_DIR / "schemas" / "provision-1.json"
# Label Studio labelling config the review exports (format labelstudio) are made for.
LABELSTUDIO_CONFIG = MODELS_DIR / "schemas" / "labelstudio-config.xml"
# OASIS Akoma Ntoso 3.0 schema (with the xml.xsd it imports) the AKN export is checked against.
AKN_SCHEMA = MODELS_DIR / "schemas" / "akn" / "akomantoso30.xsd"


def load_yaml(path: str | Path):
    """``yaml.safe_load`` of a data file, parsed once per process for the same file content
    (keyed by path, size and modification time), with libyaml's C loader when PyYAML has it.
    Callers must not mutate the result (copy first)."""
    p = Path(path)
    st = p.stat()
    return _load_yaml(str(p.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _load_yaml(path: str, size: int, mtime_ns: int):
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def parse_yaml(text: str):
    """``yaml.safe_load`` with the C loader when available (same results, ~10x faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml.load(text, Loader=loader)
