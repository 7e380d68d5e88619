"""Where a result came from: the code version and content fingerprints of what it read.

Reads: the git checkout (``git rev-parse HEAD``). Writes: nothing.
"""
from __future__ import annotations

import hashlib
import json
import subprocess

from pipeline.resources import REPO_ROOT

# in the <head> of every HTML page lexbench writes (coverage, atlas, re-evaluation), so a folder
# walk of ``annotate`` knows them for lexbench's own outputs, not statutes
GENERATOR_META = '<meta name="generator" content="lexbench">'


def git_commit() -> str | None:
    """The checkout's commit, or None outside a git checkout (an installed package)."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def digest(obj) -> str:
    """sha256 of an object's canonical JSON: a fingerprint of a run's inputs or results."""
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
