"""From the line machine's nodes to the provision tree: alinéas, kinds by depth, eIds, extents.

Kinds below a section follow common-law depth (subsection, paragraph, subparagraph, clause,
subclause, item); below an article they follow the numbering family (``1.`` paragraph, ``a)``
point, ``i)`` item); the table is data (``section_levels`` / ``article_levels`` in patterns.yaml).
"""
from __future__ import annotations

from pipeline.records import Provision
from pipeline.segment.eids import EidGenerator
from pipeline.segment.patterns import FAMILY, Patterns
from pipeline.segment.state import Node


def split_alineas(nodes: list[Node]) -> list[Node]:
    """Split childless articles with several body lines into AKN alinéas (al_1, al_2 ...)."""
    out: list[Node] = []
    remap: dict[int, int] = {}
    for i, n in enumerate(nodes):
        remap[i] = len(out)
        n.parent = remap.get(n.parent) if n.parent is not None else None
        out.append(n)
        if n.cls == "article" and n.n_children == 0 and n.body_spans >= 2:
            head_spans = n.spans[: len(n.spans) - n.body_spans]
            body = n.spans[len(n.spans) - n.body_spans:]
            n.spans = head_spans
            me = len(out) - 1
            for s, e in body:
                al = Node("alinea", "alinea", "al", None, None, spans=[(s, e)], parent=me)
                n.n_children += 1
                out.append(al)
    return out


def _family(style: str | None, default: str = "") -> str:
    """Numbering family of an enumerator style; "dotted1", "dotted2" ("2.1", "3.1.2") are arabic."""
    return "arabic" if (style or "").startswith("dotted") else FAMILY.get(style or "", default)


def _arabic_child(nodes: list[Node]) -> list[bool]:
    """Which nodes hold an arabic-numbered enumerator ("(1)", "1.")."""
    out = [False] * len(nodes)
    for n in nodes:
        if n.parent is not None and n.cls == "enum" and _family(n.style) == "arabic":
            out[n.parent] = True
    return out


def assign_kinds(nodes: list[Node], pat: Patterns) -> None:
    """Set ``kind`` and ``element`` of every enumerator from its depth below its section or article."""
    levels = pat.section_levels
    info: list[tuple[str | None, int]] = []  # (section|article context, depth below it)
    arabic_child = _arabic_child(nodes)
    # a section whose "(a)" level holds "(1)"s numbers like the US Code: (a) is a subsection
    us_style = [False] * len(nodes)
    for i, n in enumerate(nodes):
        if n.parent is not None and arabic_child[i] and _family(n.style) == "alpha":
            us_style[n.parent] = True
    for i, n in enumerate(nodes):
        p = n.parent
        if n.cls == "enum":
            # "(a)" straight under a section is a paragraph (UK, Canada) unless it holds "(1)"s (US Code)
            first = 2 if _family(n.style) in ("alpha", "roman") and not (
                arabic_child[i] or (p is not None and us_style[p])) else 1
            if p is None:
                info.append(("section", first))
            else:
                pc, pd = info[p]
                pn = nodes[p]
                if pn.cls == "article":
                    info.append(("article", 1))
                elif pn.cls in ("section", "container", "preface"):
                    info.append(("section", first))
                elif pn.cls in ("hanging", "def"):
                    info.append((pc or "section", max(pd + 1, first)))
                else:
                    info.append((pc or "section", pd + 1))
            ctx, d = info[-1]
            if ctx == "article":
                spec = pat.article_levels[_family(n.style, "arabic")]
                n.kind, n.element = spec["kind"], spec["element"]
            else:
                spec = levels[min(d, len(levels)) - 1]
                n.kind, n.element = spec["kind"], spec["element"]
                if n.style == "dash":
                    n.kind, n.element = "indent", "indent"
        elif n.cls in ("article",):
            info.append(("article", 0))
        elif n.cls in ("section", "container", "preface"):
            info.append(("section", 0))
        else:  # def, hanging, crossheading, alinea keep their context
            info.append(info[p] if p is not None else ("section", 0))


def to_provisions(nodes: list[Node]) -> list[Provision]:
    """Provisions in document pre-order with eIds, depths and whole-node extents."""
    ids = EidGenerator()
    eids: list[str] = []
    out: list[Provision] = []
    depth: list[int] = []
    for n in nodes:
        p = n.parent
        eid = ids.make(None if p is None else eids[p], n)
        eids.append(eid)
        d = 0 if p is None else depth[p] + 1
        depth.append(d)
        spans = sorted(n.spans)
        start = spans[0][0] if spans else None
        end = spans[-1][1] if spans else None
        out.append(Provision(eid=eid, kind=n.kind, num=n.num, heading=n.heading,
                             start=start if start is not None else -1, end=end if end is not None else -1,
                             own_spans=spans, parent=None if p is None else eids[p], depth=d))
    _propagate_extents(out, [n.parent for n in nodes])
    return out


def _propagate_extents(out: list[Provision], parents: list[int | None]) -> None:
    """Whole-node extents: children come after parents, so one backward pass widens every parent."""
    for i in range(len(out) - 1, -1, -1):
        pr = out[i]
        p = parents[i]
        if pr.start < 0:  # no own text (should not happen) -> empty node at its first child
            continue
        if p is not None:
            pp = out[p]
            pp.start = pr.start if pp.start < 0 else min(pp.start, pr.start)
            pp.end = max(pp.end, pr.end)
    for pr in out:
        if pr.start < 0:
            pr.start = pr.end = 0
