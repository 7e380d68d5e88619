"""The provision tree as AKN hierarchical elements.

A node with children keeps its own text before the first child in ``<intro>`` and the rest in
``<wrapUp>``; a leaf keeps it in ``<content>``; one ``<p>`` per line. The printed number and the
heading at the start of a provision's text go to ``<num>``/``<heading>`` only, not again into the
text. Terminology flags inside one line become ``<term refersTo="#lexbench-term-RULE">``.
"""
from __future__ import annotations

import re

from lxml import etree

from pipeline.akn import NS, element_for

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SEP = re.compile(r"^[\s.:)\]\-\u2013\u2014]*")
_MARKS = re.compile(r"[#>*\s]*")  # Markdown heading, quote and emphasis marks before a number


def xml_safe(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot hold (controls, lone surrogates)."""
    return _NOT_XML.sub("", s)


def term_ref(rule: str) -> str:
    """The references eId of a terminology rule (``lexbench-term-<rule>``)."""
    return "lexbench-term-" + (re.sub(r"[^\w.-]+", "-", rule).strip("-") or "rule")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def own_lines(text: str, spans, num: str | None, heading: str | None) -> list[tuple[int, str]]:
    """(offset, line) of each non-blank line of a provision's own text, the leading number and
    heading of the first line cut off."""
    out = []
    for s, e in spans:
        pos = s
        for raw in text[s:e].split("\n"):
            stripped = raw.strip()
            if stripped:
                out.append((pos + len(raw) - len(raw.lstrip()), stripped))
            pos += len(raw) + 1
    if out:
        off, first = out[0]
        cut = _lead_length(first, num, heading)
        rest = first[cut:]
        if rest.strip():
            out[0] = (off + cut + len(rest) - len(rest.lstrip()), rest.strip())
        else:
            out.pop(0)
    return out


def _lead_length(line: str, num: str | None, heading: str | None) -> int:
    """How many leading characters of ``line`` are the printed number (``§ 5.``, ``Art. 12``,
    ``(a)``, after Markdown heading marks) and the heading that follows it; 0 if neither is there."""
    cut = found = _MARKS.match(line).end()
    if num:
        m = re.match(r"(?:[^\w\s]{0,3}\s*|[^\W\d]{1,12}\.?\s*)" + re.escape(num) + r"(?!\w)", line[cut:])
        if m:
            cut += m.end()
            cut += _SEP.match(line[cut:]).end()
    if heading and line[cut:].startswith(heading):
        cut += len(heading)
        cut += _SEP.match(line[cut:]).end()
    return cut if cut > found else 0


def _paragraphs(parent, lines, terms: list[dict], eid: str, used: set[str], counter: list[int]) -> None:
    for off, line in lines:
        p = etree.SubElement(parent, _q("p"))
        end = off + len(line)
        inside = sorted((t for t in terms if off <= t["start"] and t["end"] <= end and t["end"] > t["start"]),
                        key=lambda t: t["start"])
        pos, last = off, None
        for t in inside:
            if t["start"] < pos:
                continue  # overlapping flag: the first one is marked up
            chunk = xml_safe(line[pos - off:t["start"] - off])
            if last is None:
                p.text = chunk
            else:
                last.tail = chunk
            counter[0] += 1
            ref = term_ref(t["rule"])
            used.add(t["rule"])
            last = etree.SubElement(p, _q("term"), refersTo=f"#{ref}", eId=f"{eid}__term_{counter[0]}")
            last.text = xml_safe(line[t["start"] - off:t["end"] - off])
            pos = t["end"]
        rest = xml_safe(line[pos - off:])
        if last is None:
            p.text = rest
        else:
            last.tail = rest


def _node(parent, row: dict, text: str, kids: dict, used: set[str]) -> None:
    element, name = element_for(row["kind"])
    el = etree.SubElement(parent, _q(element), eId=xml_safe(row["eid"]).replace(" ", "_"))
    if name:
        el.set("name", name)
    for tag in ("num", "heading"):
        if row.get(tag):
            etree.SubElement(el, _q(tag)).text = xml_safe(row[tag])
    lines = own_lines(text, row["own_spans"], row.get("num"), row.get("heading"))
    terms, counter = row.get("terms") or [], [0]
    children = kids.get(row["eid"], [])
    if not children:
        if lines:
            _paragraphs(etree.SubElement(el, _q("content")), lines, terms, row["eid"], used, counter)
        return
    first = children[0]["start"]
    intro = [ln for ln in lines if ln[0] < first]
    wrap = [ln for ln in lines if ln[0] >= first]
    if intro:
        _paragraphs(etree.SubElement(el, _q("intro")), intro, terms, row["eid"], used, counter)
    for child in children:
        _node(el, child, text, kids, used)
    if wrap:
        _paragraphs(etree.SubElement(el, _q("wrapUp")), wrap, terms, row["eid"], used, counter)


def write_body(act, text: str, rows: list[dict]) -> set[str]:
    """Append ``<body>`` with the provision tree to ``act``; the terminology rules marked up."""
    body = etree.SubElement(act, _q("body"))
    kids: dict[str | None, list[dict]] = {}
    known = {row["eid"] for row in rows}
    for row in rows:  # a row whose parent is missing hangs from the body
        kids.setdefault(row.get("parent") if row.get("parent") in known else None, []).append(row)
    used: set[str] = set()
    for row in kids.get(None, []):
        _node(body, row, text, kids, used)
    if not len(body):  # a statute with no provision still gives a valid document
        etree.SubElement(body, _q("hcontainer"), name="empty", eId="hcontainer_1")
    return used
