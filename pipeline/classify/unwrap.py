"""Undo hard line-wrapping before the rules read a provision.

Why: cues are matched line by line, so a statute folded at 72 columns ("child sexual abuse\\n
material", "makes\\navailable") lost every cue that crossed a break: on the development gold the
rules' section macro-F1 fell from 0.631 to 0.328 once the same provisions were folded
(`evaluation.blind.fold72`). A break is a wrap, not structure, when the line before it ends
without closing punctuation and the next line goes on with a lower-case word or a number that is
not an enumerator ("section\\n12 of this Act" vs "(3)", "12.").

Reads: text. Writes: the text with each such break (and the blanks around it) turned into one
space, and ``source_offsets`` to map an offset of that text back to the original (evidence).
"""
from __future__ import annotations

import re
from functools import lru_cache

_CLOSED = tuple(".;:!?\u2014\u2013")  # a line ending so closed a sentence, a chapeau or a heading
_ENUMERATOR = re.compile(r"\d+[A-Za-z]?\s*[.)\u2013\u2014-](\s|$)")
_NEW_UNIT = re.compile(r"(?i)(part|chapter|division|title|book|section|article|art\.|schedule|§|titre|chapitre|"
                       r"t[ií]tulo|cap[ií]tulo|artigo|art[ií]culo|abschnitt|kapitel)\b")
FULL_LINE = 55  # a line this long that stops mid-sentence was cut by a fixed width


@lru_cache(maxsize=256)
def unwrap(text: str) -> str:
    """``text`` with each line break inside a running sentence (and the blanks around it) one space.
    Memoised: a provision's context is its ancestors' text, the same for all its siblings."""
    return unwrap_with_offsets(text)[0]


def unwrap_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """(unwrapped text, source offset of each of its characters; None when nothing changed)."""
    if "\n" not in text:
        return text, None
    lines = text.split("\n")
    out: list[str] = [lines[0]]
    src: list[int] = list(range(len(lines[0])))
    pos = len(lines[0])  # offset of the "\n" before the next line
    changed = False
    for prev, line in zip(lines, lines[1:]):
        if continues(prev, line):
            changed = True
            kept = out[-1].rstrip(" \t")
            src = src[:len(src) - (len(out[-1]) - len(kept))]
            out[-1] = kept
            body = line.lstrip(" \t")
            lead = len(line) - len(body)
            out.append(" " + body)
            src.append(pos)
            src.extend(range(pos + 1 + lead, pos + 1 + len(line)))
        else:
            out.append("\n" + line)
            src.extend(range(pos, pos + 1 + len(line)))
        pos += 1 + len(line)
    return ("".join(out), src) if changed else (text, None)


def source_offsets(start: int, end: int, src: list[int] | None) -> tuple[int, int]:
    """A span of the unwrapped text as a span of the original."""
    if src is None or end <= start:
        return start, end
    return src[start], src[end - 1] + 1


def continues(prev: str, line: str) -> bool:
    """Does ``line`` carry on the sentence ``prev`` left open?"""
    head, tail = prev.rstrip(), line.lstrip()
    if not head or not tail or head.endswith(_CLOSED):
        return False
    first = tail[0]
    if first.islower():
        return True
    if first.isdigit():
        return not _ENUMERATOR.match(tail)
    # a capital after a full line ending in a word: "... by means of the\nInternet", not a heading
    return (first.isupper() and len(head) >= FULL_LINE and (head[-1].isalpha() or head[-1] == ",")
            and not _NEW_UNIT.match(tail))
