"""Markdown-converted statutes: the markup blanked out so the line handlers see the printed text.

WHY blanking and not stripping: ``##### Artículo 5`` and ``**Art. 5.**`` must read as the
article lines they are, but every offset has to stay an offset into the document. Markup
characters are replaced by spaces (same length, same offsets); afterwards ``absorb_markup``
gives each markup character back to the provision printed next to it on the same line, so own
spans still cover every non-blank character of the original text.
"""
from __future__ import annotations

import re

from pipeline.segment.state import Node

_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.M)
_MD_BOLD_LINE = re.compile(r"^[ \t]*(?:\*\*|__)\S", re.M)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_HEADING = re.compile(r"^([ \t]*)(#{1,6})(?=[ \t])|[ \t]+#+[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)
_STRONG = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
_EM_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s\[(«\"“]))[*_](?=[^\s*_)])", re.M)
_EM_CLOSE = re.compile(r"(?<=[\w.,;:!?)»\"”’])[*_](?=[\s.,;:!?)\]]|$)", re.M)
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\(?[0-9A-Za-z]{1,5}[.)º°]|§|\[)", re.M)
_LINK = re.compile(r"!?\[(?=[^\]\n]*\]\([^)\n]*\))|\]\([^)\n]*\)")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
# "`(1)`", "`1.`": an enumerator set in code spans (RIS/LawAT Markdown)
_CODE_SPAN = re.compile(r"`(?=[^`\n]{1,15}`)|(?<=[^`\n])`")
_SPLIT_ORDINAL = re.compile(r"(?<=\s)(\d{1,4})(\*\*|__)(?=[oaºª°]\.)")
# "1\. Asmuo": a number whose dot is escaped (so Markdown keeps it from becoming a list)
_ESCAPED_NUM = re.compile(r"^([ \t]*)(\d{1,3})\\(?=\.[ \t])", re.M)


def is_markdown(text: str) -> bool:
    """Headings (``#``) or bold lines (``**``) on at least three lines."""
    head = text[:2_000_000]
    return sum(1 for _ in zip(range(3), _MD_HEADING.finditer(head))) >= 3 \
        or sum(1 for _ in zip(range(3), _MD_BOLD_LINE.finditer(head))) >= 3


def _blank(m: re.Match) -> str:
    return re.sub(r"\S", " ", m.group(0))


def blank_markup(text: str) -> str:
    """Same-length copy of a Markdown text with headings marks, emphasis, quote marks, list
    bullets before numbers, link syntax, code-span ticks and escapes replaced by spaces."""
    # the escape goes and the number moves right onto it ("1\\." -> " 1."), same length; the
    # digits handed back by absorb_markup
    text = _ESCAPED_NUM.sub(lambda m: m.group(1) + " " + m.group(2), text)
    # "**ARTÍCULO 1**o.": the bold ends inside the number; the number moves right onto the marks
    text = _SPLIT_ORDINAL.sub(lambda m: " " * len(m.group(2)) + m.group(1), text)
    for rx in (_RULE, _QUOTE, _HEADING, _LINK, _ESCAPE, _STRONG, _EM_OPEN, _EM_CLOSE, _CODE_SPAN):
        text = rx.sub(_blank, text)
    text = _BULLET.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    return text


def absorb_markup(nodes: list[Node], original: str) -> None:
    """Give the blanked characters back: leading markup of a line to the first span on it,
    the rest to the span before it on the same line (or the next one, at a line's start)."""
    owned = sorted((s, e, i, k) for i, n in enumerate(nodes) for k, (s, e) in enumerate(n.spans))
    prev_end = 0
    prev: tuple[int, int] | None = None  # (node index, span index)
    for s, e, i, k in owned:
        gap = original[prev_end:s]
        if gap.strip():
            nl = gap.rfind("\n")
            before, after = (gap, "") if nl < 0 else (gap[:nl], gap[nl + 1:])
            if before.strip() and prev is not None:
                pi, pk = prev
                ps, pe = nodes[pi].spans[pk]
                nodes[pi].spans[pk] = (ps, prev_end + len(before.rstrip()))
            elif before.strip():  # markup before the first provision on the first line
                after = gap
            if after.strip():
                lead = len(after) - len(after.lstrip())
                s = s - len(after) + lead
                nodes[i].spans[k] = (s, e)
        prev_end, prev = e, (i, k)
    tail = original[prev_end:]
    if tail.strip() and prev is not None:
        pi, pk = prev
        ps, _ = nodes[pi].spans[pk]
        nodes[pi].spans[pk] = (ps, prev_end + len(tail.rstrip()))
