"""Coverage: a jurisdiction's annotated statutes -> covered / partial / not covered per conduct.

Reads: the annotate output folder (``DIR/*.jsonl``) or the store (SQLite path or any SQLAlchemy
URL) with each statute's metadata (``source``); for a re-evaluation, the store and two
benchmarks. Writes: nothing itself; ``report`` (one jurisdiction) and ``atlas`` (many side by
side) return Markdown, CSV, JSON, HTML or XLSX, ``reevaluate`` writes the diff pages and its
``Run`` rows.

``matrix`` holds the one roll-up (provision -> section -> jurisdiction) that the coverage
report, the atlas, the re-evaluation and the evaluation's section score share; it counts
statutes in force, the latest version of each Act (``statutes``), for exactly the
jurisdictions asked (``jurisdictions``), and cites provisions as printed (``citations``);
``render`` the pages; ``reevaluate`` the orchestration of a benchmark change (``snapshot``,
``rejudge``, ``diff``, ``changes``).
"""
from __future__ import annotations

from pipeline.coverage.matrix import build_matrix

__all__ = ["build_matrix"]
