"""Human citations of provisions: ``s. 1(1)(c), Protection of Children Act 1978``, ``art. 227-23, Code …``.

Reads: a provision and its ancestors (kind, printed number, the first words of the text) and
the statute's title. Writes: nothing. The top numbered unit gives the prefix (``s.``, ``art.``,
``§``, ``reg.``, ``r.``, ``Sch.``); each lower unit adds its printed number in brackets
(``(1)``, ``(c)``; ``1.`` and ``a)`` are written ``(1)``, ``(a)``); an unnumbered alinea is
``al. N`` by its place. Containers (part, chapter, title …) are left out, as in a citation.
"""
from __future__ import annotations

import re
from typing import Callable, Protocol

CONTAINERS = {"part", "chapter", "title", "division", "subdivision", "book", "subpart", "section_group",
              "hcontainer", "crossheading", "schedule_part"}
_TOP_PREFIX = {"section": "s.", "article": "art.", "regulation": "reg.", "rule": "r.", "schedule": "Sch.",
               "clause": "cl.", "paragraph": "para."}
_BARE = re.compile(r"^[\(\[]?([^\s\(\)\[\].]+)[\)\].]?$")
_ORDINAL = re.compile(r"_(\d+)$")


class Unit(Protocol):
    eid: str
    parent: str | None
    kind: str
    text: str
    num: str | None


def _bracketed(num: str) -> str:
    m = _BARE.match(num.strip())
    return f"({m.group(1)})" if m else f" {num.strip()}"


def _top(unit: Unit) -> str:
    num = (unit.num or "").strip().rstrip(".")
    first = unit.text.lstrip()[:1]
    if first == "§" or num.startswith("§"):
        return f"§ {num.lstrip('§ ')}"
    prefix = _TOP_PREFIX.get(unit.kind, unit.kind)
    return f"{prefix} {num}" if num else prefix


def _lower(unit: Unit) -> str:
    if unit.num:
        return _bracketed(unit.num)
    m = _ORDINAL.search(unit.eid)
    name = "al." if unit.kind == "alinea" else unit.kind
    return f", {name} {m.group(1)}" if m else ""


def unit_label(unit: Unit, parent_of: Callable[[Unit], Unit | None]) -> str:
    """The provision's printed numbering: ``s. 1(1)(c)``, ``art. 227-23, al. 2``, ``§ 184b(1)(2)``."""
    chain = []
    node: Unit | None = unit
    while node is not None:
        if node.kind not in CONTAINERS:
            chain.append(node)
        node = parent_of(node)
    if not chain:
        return unit.num or unit.eid
    chain.reverse()
    return _top(chain[0]) + "".join(_lower(u) for u in chain[1:])


def cite(unit: Unit, parent_of: Callable[[Unit], Unit | None], statute_title: str | None) -> str:
    """``s. 1(1)(c), Protection of Children Act 1978`` (the title alone when the unit has no number)."""
    label = unit_label(unit, parent_of)
    return f"{label}, {statute_title}" if statute_title else label
