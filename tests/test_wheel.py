"""A wheel built from this checkout installs in a fresh venv and annotates from another folder.

The venv has no system site-packages and no copy of the checkout; the wheel is installed
with ``--no-deps`` and the dependencies are borrowed from the running interpreter's
site-packages through a ``.pth`` line placed after the venv's own (offline and fast; the
running venv's editable-install hooks are not activated that way). Set
``LEXBENCH_WHEEL_FULL=1`` to let pip resolve the wheel's own dependencies instead (network).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "datasets", "ray", "dask", "playwright")

pytestmark = pytest.mark.slow


def _run(cmd, **kw):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the sources (setuptools' in-tree build/ folder could hold stale modules)."""
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "trained")
    for name in ("pipeline", "evaluation", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, src])
    (whl,) = out.glob("lexbench-*.whl")
    return whl


def test_wheel_ships_the_data_files_and_not_the_trained_models(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for f in ("benchmarks/default.yaml", "benchmarks/_lexicon.yaml", "terminology/luxembourg-2016.yaml",
              "segmentation/patterns.yaml", "segmentation/headings.yaml", "schemas/provision-1.json", "schemas/labelstudio-config.xml",
              "schemas/akn/akomantoso30.xsd", "schemas/akn/xml.xsd", "schemas/akn/NOTICE.md",
              "tokenizers/en.json.gz", "tokenizers/fr.json.gz", "tokenizers/xx.json.gz"):
        assert f"pipeline/data/{f}" in names
    assert "pipeline/store/migrations/env.py" in names and "pipeline/review/templates/review.html" in names
    assert not [n for n in names if "trained" in n or n.startswith("models/")]
    (eps,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(eps).decode()
    assert "[spacy_factories]\nlexbench_terms = pipeline.terminology.component:make_term_component" in text


def test_core_requirements_have_no_heavy_packages(wheel):
    meta = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info/METADATA")
    core = [ln for ln in meta.decode().splitlines() if ln.startswith("Requires-Dist:") and "extra ==" not in ln]
    assert core and not [ln for ln in core if any(h in ln.lower() for h in HEAVY)], core
    extras = [ln.split(":", 1)[1].strip() for ln in meta.decode().splitlines() if ln.startswith("Provides-Extra:")]
    assert {"transformer", "hf", "cluster", "postgres", "dev"} <= set(extras)


def test_installed_wheel_annotates_from_another_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    py = venv / "bin" / "python"
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEXBENCH_", "PYTHON"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    if os.environ.get("LEXBENCH_WHEEL_FULL"):
        _run([sys.executable, "-m", "pip", "--python", py, "install", "-q", wheel], env=env)
    else:
        _run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", wheel], env=env)
        (site / "zz_borrowed_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "act.txt").write_text(
        "Section 1. Any person who produces child sexual abuse material commits an offence.\n", encoding="utf-8")
    where = _run([py, "-c", "import pipeline, pipeline.resources as r; print(pipeline.__file__); "
                            "print(r.MODELS_DIR); print(r.TRAINED_DIR)"], cwd=elsewhere, env=env).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where[:2]), where  # the wheel's code and data, not the checkout's
    assert Path(where[2]) == tmp_path / "xdg" / "lexbench" / "trained"  # per-user data folder
    lexbench = venv / "bin" / "lexbench"
    assert _run([lexbench, "--version"], cwd=elsewhere, env=env).stdout.startswith("lexbench ")
    _run([lexbench, "annotate", "act.txt", "--out", "out"], cwd=elsewhere, env=env)
    (row,) = [json.loads(x) for x in (elsewhere / "out" / "act.txt.jsonl").read_text().splitlines()]
    assert row["benchmark"]["id"] == "default" and row["eid"] == "sec_1"
    assert [c["id"] for c in row["conducts"]] == ["csam_production"]
    assert (elsewhere / "out" / "lexbench.db").is_file()
