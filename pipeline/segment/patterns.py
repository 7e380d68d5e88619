"""The segmenter's vocabulary: regexes compiled from models/segmentation/patterns.yaml, the
language-neutral enumerator regexes, and the small line predicates every handler shares.

WHY data and code apart: supporting a new language usually means adding words to the YAML file
(container keywords, article words, definition verbs), not code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import SEGMENTATION_DIR, load_yaml

PATTERNS_PATH = SEGMENTATION_DIR / "patterns.yaml"


class Patterns:
    """Compiled regexes built from the data file."""

    def __init__(self, data: dict):
        self.version = data.get("version", 1)
        ordinals = _alternation(data.get("ordinal_words", []))
        cnum = rf"(?:{data['roman']})(?:er|re)?|\d{{1,4}}(?:er|re)?[A-Za-z]?|[A-Z]"
        cnum_ord = cnum + (rf"|(?i:{ordinals})" if ordinals else "")
        self.containers = []
        for c in data["containers"]:
            words = _alternation(c["words"])
            rx = re.compile(rf"(?P<word>(?i:{words}))\s+(?P<num>{cnum_ord})\b(?P<sep>\s*[.:\-–—]*\s*)", re.U)
            self.containers.append((c, rx))
        # "1 luku", "2 kap.", "II. kafli", "Prvo poglavje": the number (or ordinal) before the word
        for c in data["containers"]:
            if c.get("words_after"):
                words = _alternation(c["words_after"])
                rx = re.compile(rf"(?P<num>{cnum_ord})\.?\s+(?P<word>(?i:{words}))(?![\w])(?P<sep>\.?\s*[.:\-–—]*\s*)",
                                re.U)
                self.containers.append(({**c, "number_first": True}, rx))
        for c in data.get("container_regexes", []):  # CJK: 第二章, 제3장
            rx = re.compile(c["regex"] + r"(?P<word>)(?P<sep>\s*[.:\-–—]*\s*)", re.U)
            self.containers.append(({**c, "number_first": True}, rx))
        art = "|".join(re.escape(w) for w in sorted(data["article_words"], key=len, reverse=True))
        num = (r"\d{1,5}(?:[-.]\d{1,5})*(?:[-\s]{0,4}(?i:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|novies|nonies|decies)\b)?"
               r"[A-Za-zΑ-Ωα-ω]{0,3}[º°ª]?(?:<sup>\d{1,3}</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})?(?![\w])")
        art_ordinals = "|".join(["1er", "premier", ordinals] if ordinals else ["1er", "premier"])
        self.article = re.compile(rf"(?P<word>(?i:{art}))\.?\s*(?P<num>{num}(?:-\s{{0,3}}[A-Z](?![\w]))?|(?i:{art_ordinals})(?![\w]))"
                                  r"(?P<sep>\s*[.:\-–—°º]*\s*)", re.U)
        self.article_extra = [re.compile(rx + r"(?P<sep>\s*[.:\-–—]*\s*)", re.U) for rx in data.get("article_regexes", [])]
        art_after = _alternation(data.get("article_words_after", []))
        # "1. člen", "3. gr.", "5 straipsnis": the number before the word
        self.article_after = re.compile(
            rf"(?P<num>\d{{1,5}}(?:\.\d{{1,3}})?(?:\.?[a-z](?![\w])|<sup>\d{{1,3}}</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{{1,3}})?)\.?\s*(?P<word>(?i:{art_after}))(?![\w])\.?(?P<sep>\s*[.:\-–—]*\s*)",
            re.U) if art_after else None
        # "5 §" (Nordic), "12. §" (Hungarian); not "5 §:ssä" (a reference)
        self.section_after = re.compile(r"(?P<num>\d{1,6}(?:\s?[a-z](?![\w]))?)\.?\s*(?P<word>§)(?![:\w§])"
                                        r"(?P<sep>\s*[.:\-–—]*\s*)", re.U)
        # "Stk. 2." (Danish stykke): a numbered subdivision introduced by a word
        para = _alternation(data.get("paragraph_words", []))
        self.paragraph_word = re.compile(rf"(?i:{para})\.?\s*(\d{{1,3}}[a-z]?)\.?(?=\s|$)", re.U) if para else None
        sec = "|".join(re.escape(w) for w in sorted(data["section_words"], key=len, reverse=True))
        self.section_kw = re.compile(
            rf"(?P<word>(?i:{sec}))\.?\s*(?P<num>\d{{1,6}}[A-Za-z]{{0,3}}(?:[.\-]\d{{1,5}}[A-Za-z]{{0,3}})*[º°ª]?"
            r"(?:<sup>\d{1,3}</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\s[a-z](?=\.|$))?)"
            r"(?![\w])(?P<sep>\s*[.:\-–—]*\s*)", re.U)
        self.hanging = []
        for h in data["hanging"]:
            words = "|".join(re.escape(w) for w in sorted(h["words"], key=len, reverse=True))
            self.hanging.append((h, re.compile(
                rf"(?i:{words})(?:\s+(?P<num>\d{{1,3}}|[A-Z]))?\s*(?:[.:]\s*[-–—]+|[.:\-–—]+)\s*|(?i:{words})\s*$", re.U)))
        verbs = "|".join(re.escape(v) for v in data["definition_verbs"])
        self.def_quoted = re.compile(
            rf"(?:''|‘‘|[\"“«'‘])\s*(?P<term>[^\"”»\n]{{1,80}}?)\s*(?:''|’’|[\"”»’'])\s*(?:,[^\n]{{0,80}}?,?\s*|\([^)\n]{{0,60}}\)\s*)?(?:{verbs})\b", re.U)
        self.def_plain = re.compile(
            rf"(?P<term>[^\W\d][\w'’\-]*(?:\s+[\w'’\-]+){{0,8}}?)\s+(?:\([^)\n]{{0,60}}\)\s+)?(?:{verbs})\b", re.U)
        self.def_cues = [c.lower() for c in data["definitions_cues"]]
        cues = "|".join(re.escape(c) for c in data["toc_cues"])
        self.toc_cue = re.compile(rf"(?i:{cues})\s*[:.]?\s*$")
        self.section_levels = data["section_levels"]
        self.article_levels = data["article_levels"]
        words = data.get("title_words") or []
        whole = "|".join(re.escape(w) for w in words if not w.startswith("*"))
        ends = "|".join(re.escape(w[1:]) for w in words if w.startswith("*"))
        alts = [f"\\b(?:{whole})\\b" if whole else None, f"\\w(?:{ends})\\b" if ends else None,
                r"\b(?:1[89]|20)\d\d\b"]
        self.statute_title = re.compile("|".join(a for a in alts if a), re.I | re.U)


def _alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first (so "art" never shadows "article")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def load_patterns(path: str = str(PATTERNS_PATH)) -> Patterns:
    return Patterns(load_yaml(path))


# Enumerator styles. Each regex is matched at the start of a stripped line.
ENUMS = [
    ("paren-arabic", re.compile(r"\((\d{1,4}[A-Za-z]{0,2}(?:\.\d{1,3})?)\)")),
    ("paren-lower", re.compile(r"\(([a-z]{1,5})\)")),
    ("paren-upper", re.compile(r"\(([A-Z]{1,5})\)")),
    ("close-lower", re.compile(r"([a-z]{1,5})\)(?=\s)")),
    ("close-upper", re.compile(r"([A-Z]{1,5})\)(?=\s)")),
    ("close-arabic", re.compile(r"(\d{1,3}[a-z]?)\)(?=\s)")),
    ("dot-lower", re.compile(r"([a-z]{1,5})\.(?=\s)")),
    ("dot-upper", re.compile(r"([A-Z]{1,6})\.(?=\s)")),
    ("dash-roman", re.compile(r"([IVXLC]{1,7})\s*[-–—]\s+(?=\S)")),  # Brazilian incisos "II – ..."
]
DOT_ARABIC = re.compile(r"(\d{1,3})\.(?=\s)(?!\s*\()")
BARE_ARABIC = re.compile(r"(\d{1,2})(?:\s+|\s*[-–—]\s+)(?=[^\W\d_])")  # "1 Wer" / Portuguese "1 - Quem"
LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{0,5}\s*$")
DATE_REST = re.compile(r"[^\W\d_]{3,}\.?,?\s+\d{4}\b")
WRAPPED = re.compile(r"(?:[a-z]|,)$")
NUM_PREFIX = re.compile(r"^\d{1,3}\.\s+(?=\S)")  # "4. Pornography" as an article's heading
DASH = re.compile(r"[–—\-•·▪●]\s+(?=\S)")
# Bare section number: 1 / 15A / 15A. / 163.1 / 474.27A / 67B. / 8.(1)
BARE_SEC = re.compile(r"(?P<num>\d{1,5}[A-Z]{0,3}(?:\.\d{1,4}[A-Z]{0,3})*)(?P<dot>\.)?(?:\s*[—–](?=\s*\())?(?=\s|$|\()")
HEAD_DELIM = re.compile(r"\s*(?:\.\s*[—–]|\.\s*-(?=\s)|\s[—–]\s*(?=[A-Z\"“]))\s*")
LIST_END = re.compile(r"(?:[;,]|[;,]\s*(?:or|and|ou|et|of|en|oder|und|o|e))\s*$", re.I)
# a line ending in a cross-reference word was wrapped: "(1)" on the next line is no enumerator
REF_END = re.compile(r"\b(?:section|subsection|sub-section|paragraph|subparagraph|sub-paragraph|"
                      r"article|regulation|clause|item|rule|artikel|subartikel|alinéa|paragraaf)\s*$", re.I)
INTRO_END = re.compile(r"(?:[:—–\-]|\bwho|\bthat|\bwhich|\bwhere|\bif|\bwer|\bto)\s*$", re.I)
FUNCTION_END = re.compile(
    r"\b(?:who|that|which|of|to|by|the|a|an|and|or|in|if|where|whether|for|with|being|is|are|shall|may|"
    r"following|under|from|on|as|any|de|la|le|les|du|des|et|ou|à|van|het|een|en|der|die|das|und|oder)\s*$", re.I)

FAMILY = {
    "paren-arabic": "arabic", "close-arabic": "arabic", "dot-arabic": "arabic", "bare-arabic": "arabic",
    "paren-lower": "alpha", "paren-upper": "alpha", "close-lower": "alpha", "close-upper": "alpha",
    "dot-lower": "alpha", "dot-upper": "alpha",
    "paren-lower-roman": "roman", "paren-upper-roman": "roman", "close-lower-roman": "roman",
    "close-upper-roman": "roman", "dot-lower-roman": "roman", "dot-upper-roman": "roman", "dash": "dash",
    "dash-roman": "roman", "para-sign": "arabic", "word-arabic": "arabic",
}


def is_title_line(s: str) -> bool:
    """"STAD KAAPSTAD", "SCHEDULE OF FEES": two or more words, all letters capitals."""
    if len(s) > 200 or len(s.split()) < 2:
        return False
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def heading_like(s: str, max_len: int = 120) -> bool:
    """A marginal note or heading: short, starts with a capital, no sentence-final punctuation."""
    if not s or len(s) > max_len:
        return False
    if s[0] == "(" and s.endswith(")") and len(s) > 3:
        return s[1:2].isupper()
    if not s[0].isalpha() or not s[0].isupper():
        return False
    if s[-1] in ".;:,—–-" or FUNCTION_END.search(s):
        return False
    return len(s.split()) <= 16
