"""spaCy finds ``lexbench_terms`` through the ``spacy_factories`` entry point of pyproject.toml,
in a fresh interpreter that never imports pipeline.terminology itself."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    from pipeline.nlp import import_spacy
    import_spacy()
    import spacy
    assert not [m for m in sys.modules if m.startswith("pipeline.terminology")]
    nlp = spacy.blank("en")
    nlp.add_pipe("lexbench_terms", config={"lang": "en"})
    doc = nlp("Any person who possesses child pornography commits an offence.")
    print(sorted(s.text for s in doc.spans["lexbench_terms"]))
""")


def _dist_info(tmp_path: Path, entry_points: dict | None) -> Path:
    """A minimal installed distribution (dist-info) declaring the project's entry points."""
    site = tmp_path / "site"
    d = site / "lexbench_ep_test-0.0.dist-info"
    d.mkdir(parents=True)
    (d / "METADATA").write_text("Metadata-Version: 2.1\nName: lexbench-ep-test\nVersion: 0.0\n")
    if entry_points:
        (d / "entry_points.txt").write_text(
            "[spacy_factories]\n" + "".join(f"{k} = {v}\n" for k, v in entry_points.items()))
    return site


def _run(site: Path):
    env = {"PYTHONPATH": f"{site}:{ROOT}", "PATH": "/usr/bin:/bin", "HOME": str(site)}
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)


def test_add_pipe_works_through_the_declared_entry_point(tmp_path):
    eps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    assert set(eps) == {"lexbench_terms"}
    proc = _run(_dist_info(tmp_path, eps))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "child pornography" in proc.stdout


def test_without_the_entry_point_spacy_does_not_know_the_name(tmp_path):
    proc = _run(_dist_info(tmp_path, None))
    if proc.returncode == 0:
        pytest.skip("lexbench itself is installed with its spacy_factories entry point: no control possible")
    assert proc.returncode != 0 and "E002" in proc.stderr


def test_a_saved_pipeline_loads_on_its_own(tmp_path):
    """``nlp.to_disk`` in one interpreter, ``spacy.load`` in a fresh one (entry point only)."""
    eps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    site = _dist_info(tmp_path, eps)
    saved = tmp_path / "saved"
    env = {"PYTHONPATH": f"{site}:{ROOT}", "PATH": "/usr/bin:/bin", "HOME": str(site)}
    pre = "from pipeline.nlp import import_spacy\nimport_spacy()\nimport spacy, sys\n"
    save = pre + f"nlp = spacy.blank('en'); nlp.add_pipe('lexbench_terms', config={{'lang': 'en'}}); nlp.to_disk({str(saved)!r})"
    load = pre + (f"nlp = spacy.load({str(saved)!r})\n"
                  "doc = nlp('He made child pornography.')\n"
                  "print(nlp.pipe_names, [s.text for s in doc.spans['lexbench_terms']])")
    for code in (save, load):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert "['lexbench_terms'] ['child pornography']" in proc.stdout
