"""What a classifier sees of each provision of a statute: its own text, its chapeau and what completes it.

Reads: a statute's provisions as ``Node``s (eid, parent, kind, own text, heading), from a fresh
segmentation, the store or the gold. Gives: ``classify_items`` -> one ``ClassifyItem`` per node (THE
context builder), and ``section_of`` (THE rule for which section a provision belongs to).

WHY a single builder: annotate, the gold loader and re-evaluation must give a classifier
exactly the same input, or the evaluation measures a different model from the one that runs.

Drafters split one offence over several nodes. The act may sit in a paragraph while its
object is characterised below it ("any visual depiction, if— (A) … involves the use of a
minor engaging in sexually explicit conduct") or beside it in a cumulative list ("(a) A
intentionally produces material; and (b) the material is child abuse material"). ``context``
carries the ancestors (chapeau, heading); ``detail`` carries the sub-provisions and the
fellow elements of cumulative lists, which a classifier may use to qualify an object or a
victim, never as an act of its own; ``before`` carries the preceding siblings, which is where
"such material" / "une telle image" finds what it refers to, and the next sibling, where
many codes put the penalty ("Art. 241-B. Adquirir ... :" / "Pena – reclusão ..."); ``glossary`` carries the
statute's definitions (each with its sub-provisions), which say what a defined term such as
"pornographic performance" reaches; ``references`` carries the sections of the same statute the
provision names by number ("for the purpose of facilitating the commission of an offence under
section 12"), which say what an offence by reference is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable


# Real statutes nest at most ~8 levels (part > chapter > division > section > ... > clause);
# the bounds keep a pathological 10,000-deep nesting linear.
MAX_CONTEXT_ANCESTORS = 12
MAX_CONTEXT_CHARS = 20_000
MAX_DETAIL_CHARS = 2_000
MAX_GLOSSARY_CHARS = 8_000
# a definition: a quoted term then ":", "means", "désigne", or a comma and an article or "to" ('"Promote",
# to manufacture ...', '"Child", a person under ...') (any language's quotes), or an
# unnumbered definition line the segmenter already recognised (kind "definition")
_DEFINES = re.compile(r"^\W{0,3}(?:[\w.]{1,6}[.)]\s*)?[\"“”‘’«„][^\"“”‘’«»„]{1,80}[\"“”‘’»]\s*(?:\([^)]{1,40}\)\s*)?"
                      r"(?::|means\b|includes\b|has the meaning|désigne|s.entend|signifie|betekent|bedeutet|"
                      r"si intende|significa|se entiende|entende-se|[—–-]|,\s*(?:to|a|an|the|any)\b)", re.IGNORECASE)
# an unquoted term in a list of definitions: "(a) Child sexual abuse material or CSAM refers to ..."
# (a few words, no clause: "Any person who ... by any means" is no definition)
_DEFINES_PLAIN = re.compile(r"^\W{0,3}(?:[\w.]{1,6}[.)]\s*)?(?P<term>[A-Z][^.;:(),\"“”]{0,60}?)\s(?:means|refers to|shall mean)\b")
_CLAUSE = re.compile(r"\b(?:who|whoever|which|that|by any)\b", re.I)


def _defines(text: str) -> bool:
    m = _DEFINES.match(text) or _DEFINES_PLAIN.match(text)
    return bool(m) and not ("term" in m.groupdict() and _CLAUSE.search(m.group("term")))
# the unit a "section" means (for roll-up, evidence and the reach of cumulative lists); containers
# above it (parts, chapters...) are skipped
SECTION_KINDS = {"section", "article", "regulation", "rule", "schedule", "sec", "art"}
CONTAINER_KINDS = {"part", "chapter", "title", "division", "subdivision", "book", "subpart",
                   "crossheading", "heading", "preface", "preamble", "section_group"}

# a list item ending with one of these joins the items cumulatively ("; and") or as alternatives ("; or")
_AND = re.compile(r"(?:^|[\s;,])(and|et|en|und|e|y|ainsi que)\s*[;,:]?\s*$", re.IGNORECASE)
_OR = re.compile(r"(?:^|[\s;,])(or|ou|of|oder|o|u)\s*[;,:]?\s*$", re.IGNORECASE)


@dataclass
class ClassifyItem:
    """What a classifier sees of one provision."""

    text: str  # the provision's own text; evidence offsets are relative to it
    context: str = ""  # own text of its ancestors (chapeau, heading), outermost first
    heading: str | None = None
    lang: str | None = None
    kind: str | None = None  # provision kind (section, paragraph, definition, ...)
    # sub-provisions and fellow elements of a cumulative list: may qualify an object or a
    # victim named in ``text``, never supply an act (see ``_detail``)
    detail: str = ""
    before: str = ""  # preceding siblings: what "such material" / "une telle image" refers to
    after: str = ""  # the next sibling: where a code may state the penalty ("Pena – reclusão ...")
    glossary: str = ""  # the statute's definitions, one per line: what a defined term reaches
    # sections of the same statute named by number in ``text`` ("an offence under section 12"), one
    # per line ("12: heading. text"); "" when none is named or none is found (``_references``)
    references: str = ""
    # own text (start) of the LATER sections of the statute with the same number: a consolidation that
    # prints an article's successive versions ("Artículo 183-A" three times) keeps only the last in force
    later_versions: str = ""


@dataclass
class Node:
    """A provision as the builder needs it (from a fresh segmentation or from the store)."""

    eid: str
    parent: str | None
    kind: str
    text: str  # own text
    heading: str | None = None


def is_section(node) -> bool:
    """Is ``node`` (anything with a ``kind``) a section/article, the unit a section means?

    By kind only: an eid such as ``sec_2`` may name a group of articles ("Section 2: Des
    infractions ...", kind ``section_group``), which is a container."""
    return (node.kind or "").lower() in SECTION_KINDS


def section_of(node, parent_of: Callable[[Any], Any]) -> str:
    """The eid of the section ``node`` belongs to: THE section rule of lexbench.

    The outermost section/article on its chain of ancestors (itself included); if there is none,
    the outermost node that is not a container (part, chapter, heading...); else ``node`` itself.
    ``node`` needs ``eid``, ``kind`` and ``parent``; ``parent_of(node)`` returns its parent node or
    None, so the same rule serves segmented provisions, output rows and stored provisions.
    """
    chain, seen = [node], {id(node)}
    while chain[-1].parent:
        up = parent_of(chain[-1])
        if up is None or id(up) in seen:
            break
        chain.append(up)
        seen.add(id(up))
    for n in reversed(chain):  # outermost first
        if is_section(n):
            return n.eid
    for n in reversed(chain):
        if (n.kind or "").lower() not in CONTAINER_KINDS:
            return n.eid
    return node.eid


def cumulative(texts: list[str]) -> bool:
    """True when a list's items are joined by "and" (all must hold), not by "or"."""
    ends = [t.rstrip() for t in texts[:-1]]
    return any(_AND.search(t) for t in ends) and not any(_OR.search(t) for t in ends)


def classify_items(nodes: list[Node], lang: str | None) -> list[ClassifyItem]:
    """One ``ClassifyItem`` per node, in the given (document) order."""
    by_eid = {n.eid: n for n in nodes}
    children: dict[str | None, list[Node]] = {}
    for n in nodes:
        children.setdefault(n.parent if n.parent in by_eid else None, []).append(n)
    joint = {p for p, kids in children.items() if p is not None and len(kids) > 1
             and cumulative([k.text for k in kids])}
    glossary = _glossary(nodes, by_eid, children, joint)
    pos = {id(k): i for kids in children.values() for i, k in enumerate(kids)}  # place among siblings

    def siblings(n: Node) -> list[Node]:
        return children[n.parent if n.parent in by_eid else None]

    numbered = _numbered_sections(nodes)
    later = _later_versions(nodes, by_eid)
    return [ClassifyItem(text=n.text, context=_context(n, by_eid), heading=n.heading, lang=lang, kind=n.kind,
                         detail=_detail(n, by_eid, children, joint), before=_before(siblings(n), pos[id(n)]),
                         after=_after(siblings(n), pos[id(n)]), glossary=glossary,
                         references=_references(n.text, numbered), later_versions=later.get(n.eid, ""))
            for n in nodes]


# a section's number from its eid ("part_III__sec_12", "art_222-23", "sec_208a"); a trailing "_2"
# tells versions apart and is not part of the number
_EID_NUMBER = re.compile(r"(?:^|__)(?:sec|art|section|article)_([0-9][0-9A-Za-z.-]*)(?:_\d+)?$")
# "section 12", "sections 3 to 8", "s. 12(1)", "article 222-23", "artículos 181 y 182", "§ 207a"
_REFERENCE = re.compile(r"\b(?:sections?|ss?\.|articles?|arts?\.|art[íi]culos?|artigos?|artikel|§§?)\s*"
                        r"((?:[0-9][0-9A-Za-z.-]*(?:\([0-9a-z]+\))*(?:\s*(?:,|and|or|to|et|ou|à|y|o|a|e|und|bis)\s*)?)+)",
                        re.IGNORECASE)
_REFERENCE_NUMBER = re.compile(r"[0-9][0-9A-Za-z-]*(?:\.[0-9]+)*")
MAX_REFERENCE_CHARS = 400  # of each referenced section
# the "_2" the segmenter appends to a repeated eid component ("art_183-A_2", "dvs_Fünfter_2")
_REPEATED = re.compile(r"([A-Za-z]+_[^_]+)_\d+")


def _unrepeated(eid: str) -> str:
    """``eid`` without the suffixes that tell repeated components apart ("chp_XI__art_183-A_2" -> "chp_XI__art_183-A")."""
    return "__".join(m.group(1) if (m := _REPEATED.fullmatch(c)) else c for c in eid.split("__"))


def _numbered_sections(nodes: list[Node]) -> dict[str, str]:
    """Section number -> its heading and the start of its own text (the first version wins)."""
    out: dict[str, str] = {}
    for n in nodes:
        m = _EID_NUMBER.search(n.eid) if is_section(n) else None
        if m:
            text = " ".join(t for t in (n.heading or "", n.text) if t)
            out.setdefault(m.group(1).lower().rstrip(".-"), " ".join(text.split())[:MAX_REFERENCE_CHARS])
    return out


def _later_versions(nodes: list[Node], by_eid: dict[str, Node]) -> dict[str, str]:
    """eid -> the start of every later section with the same number as the node's section, one per line."""
    by_number: dict[str, list[Node]] = {}
    for n in nodes:
        if is_section(n) and _EID_NUMBER.search(n.eid):  # same number in the same part/chapter (codes restart numbers)
            by_number.setdefault(_unrepeated(n.eid).lower(), []).append(n)
    later_of: dict[str, str] = {}
    for versions in by_number.values():
        for i, n in enumerate(versions[:-1]):
            later_of[n.eid] = "\n".join(" ".join(v.text.split())[:MAX_REFERENCE_CHARS] for v in versions[i + 1:])
    if not later_of:
        return {}
    out = {}
    for n in nodes:
        sec = section_of(n, lambda q: by_eid.get(q.parent))
        if sec in later_of:
            out[n.eid] = later_of[sec]
    return out


def _references(text: str, numbered: dict[str, str]) -> str:
    """The sections of the statute that ``text`` names by number, one per line ("12: ...")."""
    if not numbered:
        return ""
    found: dict[str, str] = {}
    for m in _REFERENCE.finditer(text):
        for num in _REFERENCE_NUMBER.findall(m.group(1)):
            key = num.lower().rstrip(".-")
            if key in numbered:
                found.setdefault(key, f"{key}: {numbered[key]}")
    return "\n".join(found.values())


def _glossary(nodes: list[Node], by_eid: dict[str, Node], children: dict, joint: set[str]) -> str:
    """Each definition of the statute with its sub-provisions, one block per definition
    (blocks separated by a blank line), bounded."""
    blocks, size = [], 0
    for n in nodes:
        if size >= MAX_GLOSSARY_CHARS:
            break
        if n.kind == "definition" or _defines(n.text.strip()):
            block = " ".join(t for t in (n.text, _detail(n, by_eid, children, joint)) if t)
            block = " ".join(block.split())[:MAX_GLOSSARY_CHARS - size]
            blocks.append(block)
            size += len(block)
    return "\n\n".join(blocks)


def _before(sibs: list[Node], pos: int) -> str:
    """Own text of the preceding siblings, nearest first, bounded."""
    parts, size, i = [], 0, pos - 1
    while i >= 0 and size < MAX_DETAIL_CHARS:
        parts.append(sibs[i].text[:MAX_DETAIL_CHARS - size])
        size += len(parts[-1])
        i -= 1
    return "\n".join(p for p in parts if p.strip())[:MAX_DETAIL_CHARS]


def _after(sibs: list[Node], pos: int) -> str:
    """Own text of the next sibling (bounded)."""
    return sibs[pos + 1].text[:MAX_DETAIL_CHARS] if pos + 1 < len(sibs) else ""


def _context(n: Node, by_eid: dict[str, Node]) -> str:
    """Ancestors' own text, outermost first, bounded (nearest ancestors kept)."""
    ctx, size, anc = [], 0, by_eid.get(n.parent) if n.parent else None
    while anc is not None and len(ctx) < MAX_CONTEXT_ANCESTORS and size < MAX_CONTEXT_CHARS:
        ctx.append(anc.text[:MAX_CONTEXT_CHARS])
        size += len(ctx[-1])
        anc = by_eid.get(anc.parent) if anc.parent else None
    return "\n".join(reversed(ctx))


def _detail(n: Node, by_eid: dict[str, Node], children: dict, joint: set[str]) -> str:
    """Sub-provisions, then fellow elements of cumulative lists up to the enclosing section."""
    parts: list[str] = []
    size = 0

    def add(text: str) -> bool:
        nonlocal size
        if size >= MAX_DETAIL_CHARS:
            return False
        parts.append(text[:MAX_DETAIL_CHARS - size])
        size += len(parts[-1])
        return True

    stack = list(reversed(children.get(n.eid, [])))
    while stack and size < MAX_DETAIL_CHARS:
        d = stack.pop()
        add(d.text)
        stack.extend(reversed(children.get(d.eid, [])))
    node, hops = n, 0
    while node.parent in by_eid and not is_section(node) and hops < MAX_CONTEXT_ANCESTORS:
        if node.parent in joint:
            for sib in children[node.parent]:
                if sib is not node and not add(sib.text):
                    break
        node, hops = by_eid[node.parent], hops + 1
    return "\n".join(p for p in parts if p.strip())[:MAX_DETAIL_CHARS]
