"""Shared fixtures: paths to the bundled corpus and a runner for the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


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
