"""An Akoma Ntoso document (3.0, or 2.0 as early Laws.Africa documents are) in, a ``Document``
that carries its own provision tree out: ``segment`` then uses that tree, not the text heuristics.

Reads: the XML bytes (no DTD, no entities, no network). Writes: ``Document`` with ``kind="akn"``,
``text`` rendered from the AKN content (each provision's ``num heading`` line, then one line per
``<p>``), ``provisions`` (eIds from ``eId``, or ``id`` in AKN 2.0) whose offsets point into that
text, ``lang`` from the expression's ``FRBRlanguage`` and the FRBR facts in ``meta["akn"]``, its
``jurisdiction`` among them (``FRBRcountry`` as a lexbench code: ``za`` -> ``ZA``, ``gb-eaw`` -> ``GB-EAW``).
"""
from __future__ import annotations

import re
from pathlib import Path

from pipeline import errors
from pipeline.akn import HIER_KINDS, LANG2, NAMESPACES, kind_for, local
from pipeline.files import display_path, sha256_bytes
from pipeline.records import Document, Provision

_LINE_TAGS = {"p", "listIntroduction", "listWrapUp", "td", "th", "li"}
_TOP_TEXT = ("preface", "preamble")  # text before the body, kept as provisions of that kind
_COUNTRY = re.compile(r"[a-z]{2}(-[a-z0-9]{1,8})?", re.I)  # ISO 3166-1 alpha-2, then a subdivision


def is_akn(data: bytes) -> bool:
    """Bytes that look like an Akoma Ntoso document (its root element and namespace near the top)."""
    head = data[:4096]
    return b"<akomaNtoso" in head and any(ns.encode() in head for ns in NAMESPACES)


def _flat(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _block_lines(el, prefix: str = "") -> list[str]:
    """The text lines of a block container: one per paragraph-like element, list items with their number."""
    out: list[str] = []
    for child in el:
        tag = local(child.tag)
        if tag in _LINE_TAGS:
            line = _flat(child)
            if line:
                out.append(f"{prefix} {line}".strip() if prefix and not out else line)
        elif tag == "num":
            continue
        elif tag:
            num = next((_flat(c) for c in child if local(c.tag) == "num"), "")
            out.extend(_block_lines(child, num))
    if prefix and not out:
        out.append(prefix)
    return out


class _Reader:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.provisions: list[Provision] = []
        self.seen: set[str] = set()

    def write(self, line: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(line + "\n")
        self.pos += len(line) + 1
        return start, start + len(line)

    def eid(self, el, parent: str | None, kind: str) -> str:
        eid = el.get("eId") or el.get("id") or f"{parent + '__' if parent else ''}{kind}_nn"
        base, n = eid, 1
        while eid in self.seen:
            n += 1
            eid = f"{base}_{n}"
        self.seen.add(eid)
        return eid

    def node(self, el, parent: str | None, depth: int, kind: str) -> None:
        num = next((_flat(c) for c in el if local(c.tag) == "num"), None) or None
        heading = next((_flat(c) for c in el if local(c.tag) == "heading"), None) or None
        prov = Provision(eid=self.eid(el, parent, kind), kind=kind, num=num, heading=heading, start=self.pos,
                         end=self.pos, own_spans=[], parent=parent, depth=depth)
        self.provisions.append(prov)
        if num or heading:
            prov.own_spans.append(self.write(" ".join(x for x in (num, heading) if x)))
        self.children(el, prov, depth)
        prov.end = max(self.pos - 1, prov.start)

    def children(self, el, prov: Provision, depth: int) -> None:
        parent = prov.eid or None
        for child in el:
            tag = local(child.tag)
            if tag in ("num", "heading", "subheading", ""):
                continue
            if tag in HIER_KINDS or tag == "hcontainer":
                self.node(child, parent, depth + 1, kind_for(tag, child.get("name")))
            elif tag == "crossHeading":
                self.cross_heading(child, parent, depth + 1)
            elif tag in _LINE_TAGS:
                if _flat(child):
                    prov.own_spans.append(self.write(_flat(child)))
            else:  # intro, content, wrapUp, or any other block
                prov.own_spans.extend(self.write(line) for line in _block_lines(child))

    def cross_heading(self, el, parent: str | None, depth: int) -> None:
        heading = _flat(el)
        if heading:
            start, end = self.write(heading)
            self.provisions.append(Provision(eid=self.eid(el, parent, "crossHeading"), kind="crossheading", num=None,
                                             heading=heading, start=start, end=end, own_spans=[(start, end)],
                                             parent=parent, depth=depth))


def _frbr(doc_el) -> dict:
    found = {}
    for el in doc_el.iter():
        tag = local(el.tag)
        if tag == "FRBRcountry":
            found.setdefault("country", el.get("value"))
        elif tag == "FRBRlanguage":
            found.setdefault("language", el.get("language"))
        elif tag == "FRBRuri":
            found.setdefault("work", el.get("value"))
        elif tag == "FRBRdate":
            found.setdefault("date", el.get("date"))
        elif tag in ("body", "mainBody"):
            break
    country = found.get("country") or ""
    if _COUNTRY.fullmatch(country):
        found["jurisdiction"] = country.upper()
    return found


def extract_akn(p: Path, data: bytes) -> Document:
    """The Document (text and provision tree) of an Akoma Ntoso file."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise errors.UnsupportedFormat(display_path(p), f"not well-formed Akoma Ntoso XML ({exc})") from None
    doc_el = next((c for c in root if local(c.tag)), None)
    if local(root.tag) != "akomaNtoso" or doc_el is None:
        raise errors.UnsupportedFormat(display_path(p), "XML, but not an Akoma Ntoso document")
    reader = _Reader()
    top = Provision(eid="", kind="", num=None, heading=None, start=0, end=0, own_spans=[])
    for part in doc_el:
        tag = local(part.tag)
        if tag in _TOP_TEXT and _flat(part):
            reader.node(part, None, 0, tag)
        elif tag in ("body", "mainBody", "judgmentBody", "debateBody"):
            reader.children(part, top, -1)
        elif tag in ("attachments", "components"):  # schedules: each attached document's main body
            for inner in part.iter():
                if local(inner.tag) in ("body", "mainBody"):
                    reader.children(inner, top, -1)
    text = "".join(reader.parts)
    if not text.strip():
        raise errors.EmptyInput(display_path(p), "an Akoma Ntoso document without text")
    facts = _frbr(doc_el)
    lang = facts.get("language")
    return Document(path=str(p), name=p.name, sha256=sha256_bytes(data), text=text, kind="akn", encoding="utf-8",
                    lang=LANG2.get(lang or "", lang if lang and len(lang) == 2 else None),
                    meta={"akn": facts}, provisions=reader.provisions)
