"""Acts by reference: "every person who does any act mentioned in section 123(1)" punishes the acts
that the referenced provision lists, though its own text names none of them.

Reads: the provision's ``Analysis`` and its ``ClassifyItem`` (``references``: the sections of the
statute it names by number; ``before``: its preceding siblings, where "any of the acts in
subsection (1)" points). Gives: ``acts_by_reference(item, an, bench)`` -> the analysis of the
referenced text with its hits and the token span of the reference in the provision's own text
(evidence and ``because`` point there), or None.

Only when the provision itself is an offence (an offence marker, not a definition, defence or
penalty-only text) and names no act of its own: a provision that lists its own acts is read as is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.classify.analysis import Analysis
from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.rules.hits import Hit, find_hits

_SECTION_PREFIX = re.compile(r"^[0-9][0-9A-Za-z.-]*: ", re.M)  # "123: " before each referenced section
_WITHIN = re.compile(r"\b(?:subsection|paragraph|sub-section|clause|incisos?|alinéas?|párrafos?|numerales?)s?\b", re.I)
_OTHER = re.compile(r"\b(?:sections?|articles?|art\.|artículos?|artigos?|s\.|ss\.)", re.I)


@dataclass
class Borrowed:
    analysis: Analysis  # of the referenced text
    hits: dict[str, list[Hit]]
    span: tuple[int, int]  # character span of the reference in the provision's own text


def acts_by_reference(item: ClassifyItem, an: Analysis, bench, analyse) -> Borrowed | None:
    """``analyse`` makes the referenced text an ``Analysis`` the way the rules make every provision one."""
    refs = [m for m in an.get("g:acts_reference") if an.in_text[m.start]]
    if not refs or not an.has_offence_marker() or an.superseded():
        return None
    excluded, all_out = an.excluded_tokens()
    ref = next((m for m in refs if m.start not in excluded), None)
    if all_out or ref is None:
        return None
    ev = an.text_evidence(ref.start, ref.end)
    if ev is None:
        return None
    # the words after the reference say where the acts are: a part of this section (its earlier
    # subsections, the preceding siblings) or another section named by number
    tail = item.text[ev.end:ev.end + 30]
    within = _WITHIN.search(tail) and not _OTHER.search(tail)
    source = item.before if within else _SECTION_PREFIX.sub("", item.references or "")
    if not source.strip():
        return None
    ran = analyse(ClassifyItem(text=source, lang=item.lang, glossary=item.glossary), bench)
    by: dict[str, list[Hit]] = {}
    for h in find_hits(ran):
        by.setdefault(h.conduct, []).append(h)
    return Borrowed(ran, by, (ev.start, ev.end)) if by else None
