"""Enumerator arithmetic: what value a printed number has, and whether it can follow another.

Kept apart from the segmenter so the roman/letter rules can be tested on their own:
``(i)`` is the 9th letter after ``(h)`` but the first roman numeral after ``(a)``.
"""
from __future__ import annotations

import re
import unicodedata

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def roman_value(s: str) -> int | None:
    """Value of a roman numeral (either case), or None if ``s`` is not a well-formed one."""
    t = s.lower()
    if not t or len(t) > 12 or not _ROMAN_RE.match(t):
        return None
    total, prev = 0, 0
    for ch in reversed(t):
        v = _ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def alpha_value(s: str) -> int | None:
    """a=1 ... z=26, aa=27, bb=28 ... (doubled letters continue the series, as in UK Acts)."""
    t = s.lower()
    if not t.isalpha() or not t.isascii() or len(set(t)) != 1 or len(t) > 3:
        return None
    return (len(t) - 1) * 26 + (ord(t[0]) - 96)


def arabic_value(s: str) -> int | None:
    """Leading integer of ``12``, ``4.1``, ``15A``, ``২৫`` (any script's decimal digits)."""
    m = re.match(r"\d{1,9}", s)
    return int(m.group()) if m else None


def ascii_digits(s: str) -> str:
    """Decimal digits of any script as ASCII digits: ``২৫`` -> ``25``, ``１２`` -> ``12``."""
    if s.isascii():
        return s
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in s)


_DANDA = re.compile(r"(?<=\d)[।॥](?=\s|\(|$)", re.M)


def number_stops(text: str) -> str:
    """``text`` with a danda after a number read as the full stop it is there ("২৫। (১)" as
    "২৫. (১)"), character for character, so every offset stays the same."""
    return _DANDA.sub(".", text) if ("।" in text or "॥" in text) else text


def clean_num(num: str) -> str:
    """Akoma Ntoso eId form of a printed number.

    Brackets, ``§``, whitespace and trailing punctuation go; internal dots and hyphens
    stay (``474.22`` -> ``474.22``, ``600-quater`` -> ``600-quater``, ``(4.1)`` -> ``4.1``).
    Anything else that is not a letter or digit becomes ``-`` so ids stay NCName-safe.
    """
    t = ascii_digits(num.replace("§", "").strip())  # Bengali "২৫" -> "25": eIds in ASCII digits
    t = re.sub(r"[º°ª]", "", t)  # ordinal indicators: "1º" -> "1"
    t = t.replace("条の", "の")  # Japanese "三条の二" (第三条の二) -> "三の二"
    t = re.sub(r"^([A-Z]{1,2}\.?)\s+(?=\d)", r"\1", t)  # French code "L. 39-1" -> "L.39-1"
    t = re.sub(r"(?:<sup>\(?|\^)(\d+)(?:\)?</sup>)?", r"-\1", t)  # "§ 32<sup>1</sup>", Romanian "36^1" -> "32-1"
    t = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", lambda m: "-" + m.group(0).translate(_SUPERSCRIPT), t)
    t = re.sub(r"^(\d+)\s*(?:er|re|ère)\b", r"\1", t)  # French "§ 1er", "Article 1er" -> "1"
    t = re.sub(r"[()\[\]]", "", t)
    t = re.sub(r"\s+", "-", t.strip())
    t = re.sub(r"[^\w.\-]", "-", t)
    t = t.replace("_", "-")
    t = re.sub(r"-{2,}", "-", t)
    return t.strip(".-") or "nn"


_SEQ = re.compile(r"([A-Z]{0,2})\.?\*?\s?(\d{1,9}(?:[-.]\d{1,9})*)")


def sequence_key(num: str) -> tuple[str, int] | None:
    """Where a printed number sits in its series: the stem it shares with its siblings and its
    place there. ``12`` -> ("", 12); ``227-23`` -> ("227", 23); ``L. 39-1`` -> ("L39", 1);
    ``474.22`` -> ("474", 22); ``128 bis`` -> ("", 128). So 227-22, 227-23, 227-24 are consecutive
    siblings as 11, 12, 13 are."""
    m = _SEQ.match(num.strip())
    if not m:
        return None
    parts = re.split(r"[-.]", m.group(2))
    return m.group(1) + "-".join(parts[:-1]), int(parts[-1])
