"""How a provision is cited: the statute's title and the provision's printed number
(``s. 2252(a)(1)(A)``), and the section it belongs to (lexbench's one section rule,
``classify.inputs.section_of``) with its members, from the stored tree of one statute.

Reads: provisions' eid, parent, kind, num and heading. Writes: nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from pipeline.classify.inputs import section_of
from pipeline.coverage.citations import CONTAINERS, unit_label


def statute_title(name: str, title: str | None = None) -> str:
    """The statute's title (from its manifest) if it has one, else its file name without extension."""
    return title.strip() if title and title.strip() else PurePath(name).stem


class Tree:
    """One statute's provisions by eid, for printed numbers and section headings."""

    def __init__(self, rows):
        """``rows``: one statute's provisions (anything with eid, parent_eid, kind, num, heading, ordinal, text)."""
        self.by_eid = {r.eid: Node(r.eid, r.parent_eid, r.kind, r.num, r.heading, r.text or "") for r in rows}
        self.ordinal = {r.eid: r.ordinal for r in rows}

    def parent(self, node):
        return self.by_eid.get(node.parent) if node.parent else None

    def chain(self, eid: str) -> list:
        """The node and its ancestors, outermost first."""
        out, node, seen = [], self.by_eid.get(eid), set()
        while node is not None and node.eid not in seen:
            seen.add(node.eid)
            out.append(node)
            node = self.parent(node)
        return out[::-1]

    def section(self, eid: str):
        node = self.by_eid.get(eid)
        return self.by_eid.get(section_of(node, self.parent)) if node is not None else None

    def printed(self, eid: str) -> str:
        return printed_number(self.chain(eid))

    def members(self, section_eid: str) -> list[str]:
        """The section and everything under it (its subsections, paragraphs (a)-(d) ...), in reading order."""
        inside = {section_eid}
        out = [section_eid] if section_eid in self.by_eid else []
        for eid in sorted(self.by_eid, key=lambda e: self.ordinal[e]):
            if eid not in inside and any(n.eid in inside for n in self.chain(eid)[:-1]):
                inside.add(eid)
                out.append(eid)
        return out


@dataclass
class Node:
    eid: str
    parent: str | None
    kind: str
    num: str | None
    heading: str | None
    text: str  # its first characters are enough (a leading § is part of the number)


def printed_number(chain: list) -> str:
    """The provision's number as printed and cited (``s. 2252(a)(1)(A)``, ``art. 5(2)``), by the one
    citation rule (``coverage.citations.unit_label``); ``chain``: the node and its ancestors, outermost first."""
    if not chain:
        return ""
    by_eid = {n.eid: n for n in chain}
    label = unit_label(chain[-1], lambda n: by_eid.get(n.parent) if n.parent else None)
    node = chain[-1]
    if node.kind in CONTAINERS and node.num and label == node.num:  # a part or chapter itself: "Part 2"
        return f"{node.kind.replace('_', ' ').capitalize()} {node.num.strip().rstrip('.')}"
    return label
