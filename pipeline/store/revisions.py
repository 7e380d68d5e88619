"""Which Alembic revision is head, read from the migration files without importing Alembic.

Why: importing and running Alembic costs about 0.3 CPU-s, a fifth of annotating a one-line
statute. An empty database is made by ``create_all`` of ``schema.py`` and stamped at head
(tests/store/test_revisions.py checks that this gives the same tables, columns, indexes and
constraints as running every migration); a database already at head is left alone; only an
older (or legacy, unstamped) database goes through Alembic.

Reads: ``migrations/versions/*.py`` (their ``revision`` and ``down_revision`` lines).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


@lru_cache(maxsize=None)
def head_revision() -> str:
    """The single head of the migration graph; a ValueError if there is none or several."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        found = dict(_ASSIGN.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.update(_QUOTED.findall(found["revision"]))
        parents.update(_QUOTED.findall(found.get("down_revision", "")))
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        raise ValueError(f"migrations in {VERSIONS_DIR} have {len(heads)} heads: {', '.join(heads) or 'none'}")
    return heads[0]
