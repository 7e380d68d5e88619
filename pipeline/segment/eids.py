"""Akoma Ntoso eIds, in the shape of Laws.Africa bluebell's IdGenerator.

eId = parent eId + ``__`` + element + ``_`` + cleaned number (``part_II__sec_8__subsec_1__para_a``).
Unnumbered nodes count per parent and element (``al_1``, ``crossHeading_2``, ``nn_1``); defined
terms use ``def_<term>``; text before the first node is ``preface``. An eId seen before gets
``_2``, ``_3`` in document order, so the same text always yields the same ids.
"""
from __future__ import annotations

import re
from typing import Protocol

from pipeline.segment.numbering import clean_num


class _Numbered(Protocol):
    cls: str
    element: str
    num: str | None
    heading: str | None


class EidGenerator:
    """Makes the eIds of one document, in document order."""

    def __init__(self) -> None:
        self.counters: dict[tuple[str | None, str], int] = {}
        self.seen: dict[str, int] = {}

    def make(self, prefix: str | None, node: _Numbered) -> str:
        """The eId of ``node`` under the parent eId ``prefix`` (None at the top)."""
        part = self.component(prefix, node)
        return self.ensure_unique(part if prefix is None else f"{prefix}__{part}")

    def component(self, prefix: str | None, node: _Numbered) -> str:
        """The node's own part of the eId: ``sec_12A``, ``al_2``, ``def_child``, ``preface``."""
        if node.cls == "preface" and node.element == "preface":
            return "preface"
        if node.cls == "def" and node.heading:
            slug = re.sub(r"[^\w]+", "_", node.heading.lower(), flags=re.U).strip("_")[:60] or "nn"
            return "def_" + re.sub(r"_+", "_", slug)
        if node.num:
            return f"{node.element}_{clean_num(node.num)}"
        n = self.incr(prefix, node.element)
        return f"{node.element}_{n}" if node.element not in ("nn", "") else f"nn_{n}"

    def incr(self, prefix: str | None, element: str) -> int:
        key = (prefix, element)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def ensure_unique(self, eid: str) -> str:
        if eid in self.seen:
            self.seen[eid] += 1
            eid2 = f"{eid}_{self.seen[eid]}"
            while eid2 in self.seen:
                self.seen[eid] += 1
                eid2 = f"{eid}_{self.seen[eid]}"
            eid = eid2
        self.seen.setdefault(eid, 1)
        return eid
