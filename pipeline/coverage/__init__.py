"""Coverage: a jurisdiction's annotated statutes -> covered / partial / not covered per conduct.

Reads: the annotate output folder (``DIR/*.jsonl``) or the store (SQLite path or any SQLAlchemy
URL); for a re-evaluation, the store and two benchmarks. Writes: nothing itself; ``render``
returns Markdown, CSV, JSON or HTML, ``reevaluate`` writes the diff pages and its ``Run`` rows.

``matrix`` holds the one roll-up (provision -> section -> jurisdiction) that the coverage
report, the re-evaluation and the evaluation's section score share; ``render`` the pages;
``reevaluate`` the orchestration of a benchmark change (``snapshot``, ``rejudge``, ``diff``,
``changes``).
"""
from __future__ import annotations

from pipeline.coverage.matrix import build_matrix

__all__ = ["build_matrix"]
