"""Undo hyphenation at line ends, remembering every edit.

The rule (simple on purpose, so analysts can predict it):

* A soft hyphen (U+00AD) at a line end is always a break: removed with the newline.
* A hyphen (``-`` or U+2010) between a letter at a line end and a **lower-case**
  letter at the start of the next line is a break hyphen: "regu-\\nlation" ->
  "regulation" ...
* ... unless the document itself writes the hyphenated form ("child-pornography")
  more often than the joined one ("childpornography"): then it is a real hyphen
  and only the newline goes ("child-pornography").
* Anything else (next line starts upper-case, a digit, a bracket: "Anti-\\nTerrorism",
  "13:30-\\n16:30", "(a)-\\n(b)") is left exactly as printed.

Every edit is returned as (offset in the new text, removed string), so the original
line text can be rebuilt (``undo``) and offsets mapped back.
"""
from __future__ import annotations

import re
from collections import Counter

_BREAK = re.compile(r"[-\u2010\u00ad]\n(?=([^\W\d_]+))")
_HEAD = re.compile(r"[^\W\d_]+$")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")


def dehyphenate(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, str]]]:
    """Return (new text, offset map new->old as breakpoints, edits)."""
    matches = []
    for m in _BREAK.finditer(text):
        if m.group() == "\u00ad\n" or m.group(1)[0].islower():
            head = _HEAD.search(text, max(m.start() - 64, 0), m.start())
            if head is not None:
                matches.append((head.group(), m))
    if not matches:
        return text, [(0, 0)], []
    counts = Counter(w.lower() for w in _WORDS.findall(text))
    out: list[str] = []
    breaks: list[tuple[int, int]] = [(0, 0)]
    edits: list[tuple[int, str]] = []
    pos = n = 0
    for head, m in matches:
        hyph, tail = m.group()[0], m.group(1)
        keep_hyphen = hyph != "\u00ad" and (
            counts[f"{head}-{tail}".lower()] + counts[f"{head}\u2010{tail}".lower()] > counts[(head + tail).lower()]
        )
        cut_from = m.start() + (1 if keep_hyphen else 0)
        removed = text[cut_from:m.end()]
        out.append(text[pos:cut_from])
        n += cut_from - pos
        edits.append((n, removed))
        pos = m.end()
        breaks.append((n, pos))
    out.append(text[pos:])
    return "".join(out), breaks, edits


def undo(text: str, edits: list[tuple[int, str]]) -> str:
    """Re-insert what ``dehyphenate`` removed (edits in ascending offset order)."""
    parts, pos = [], 0
    for off, removed in edits:
        parts.append(text[pos:off])
        parts.append(removed)
        pos = off
    parts.append(text[pos:])
    return "".join(parts)
