"""Text normalisation that remembers where every character came from.

Statutes arrive with CRLF, ligatures from PDF fonts, typographic quotes, non-breaking
spaces and stray control characters. Matching needs one canonical form; analysts need
offsets that point back into the file they opened. So every edit is recorded as a
breakpoint in a piecewise-linear offset map (see ``Document.source_offset``).
"""
from __future__ import annotations

import re

_REPLACEMENTS: dict[str, str] = {
    "\r\n": "\n",
    "\r": "\n",
    "\f": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "ft",
    "\ufb06": "st",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\t": " ",
}
# Invisible characters that carry no text: removed (the offset map skips them).
_DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe" + "".join(
    chr(c) for c in list(range(0x00, 0x09)) + [0x0B] + list(range(0x0E, 0x20)) + [0x7F]
)
for _ch in _DROP:
    _REPLACEMENTS[_ch] = ""

_PATTERN = re.compile(
    "\r\n|" + "|".join(re.escape(k) for k in _REPLACEMENTS if k != "\r\n")
)


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the canonical text and its offset map (normalised -> source breakpoints)."""
    out: list[str] = []
    breaks: list[tuple[int, int]] = [(0, 0)]
    n = 0  # length of output so far
    pos = 0  # source position copied up to

    def add(norm: int, src: int) -> None:
        if breaks[-1][0] == norm:
            breaks[-1] = (norm, src)
        else:
            breaks.append((norm, src))

    for m in _PATTERN.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            n += a - pos
        rep = _REPLACEMENTS[m.group()]
        if len(rep) != b - a:
            add(n, a)
            for t in range(1, len(rep)):
                add(n + t, a)
            n += len(rep)
            add(n, b)
        else:
            n += len(rep)
        out.append(rep)
        pos = b
    out.append(text[pos:])
    return "".join(out), breaks


def _is_bad(ch: str) -> bool:
    """Control characters (C0 except layout, DEL, C1) and decoding replacements."""
    o = ord(ch)
    return (o < 32 and ch not in "\n\r\t\f\v") or 0x7F <= o <= 0x9F or ch == "\ufffd"


def is_mostly_binary(text: str, single_byte: bool = False) -> bool:
    """True when a decoded string is clearly not prose.

    Text with stray NULs or escape codes is still text (they are dropped by
    ``normalise``), so control characters must dominate (> 30 %). A single-byte
    decoding (Windows-1252/Latin-1) accepts any bytes, so there binary data is told
    apart by the lack of word structure: prose has a space or newline every few
    characters (>= 4 %), random bytes about one in a hundred.
    """
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if _is_bad(ch))
    if bad / len(sample) > 0.30:
        return True
    if single_byte and len(sample) >= 64:
        gaps = sample.count(" ") + sample.count("\n")
        return gaps / len(sample) < 0.04
    return False


def to_normalised(offset_map: list[tuple[int, int]], src: int) -> int:
    """Inverse of ``Document.source_offset``: the first normalised offset at or after ``src``."""
    import bisect

    i = bisect.bisect_right([s for _, s in offset_map], src) - 1
    norm, s = offset_map[max(i, 0)]
    nxt = offset_map[i + 1][0] if i + 1 < len(offset_map) else None
    out = norm + (src - s)
    return min(out, nxt) if nxt is not None else out
