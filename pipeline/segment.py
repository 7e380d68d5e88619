"""Stage 2 (first cut; replaced by the full segmenter): one node per blank-line block."""
from __future__ import annotations

import re

from .records import Document, Provision


def segment(doc: Document) -> list[Provision]:
    out = []
    for i, m in enumerate(re.finditer(r"\S(?:.|\n(?!\s*\n))*", doc.text), 1):
        out.append(Provision(eid=f"nn_{i}", kind="block", num=None, heading=None,
                             start=m.start(), end=m.end(), own_spans=[(m.start(), m.end())]))
    return out
