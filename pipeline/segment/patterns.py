"""The segmenter's vocabulary: regexes compiled from models/segmentation/patterns.yaml, the
language-neutral enumerator regexes, and the small line predicates every handler shares.

WHY data and code apart: supporting a new language usually means adding words to the YAML file
(container keywords, article words, definition verbs), not code.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.resources import SEGMENTATION_DIR, load_yaml

PATTERNS_PATH = SEGMENTATION_DIR / "patterns.yaml"
HEADINGS_PATH = SEGMENTATION_DIR / "headings.yaml"


class Patterns:
    """Compiled regexes built from the data file."""

    def __init__(self, data: dict, headings: dict | None = None):
        headings = headings or {"version": 0, "languages": {}, "numbers": {}}
        vocab = vocabulary(headings)
        self.version = f"{data.get('version', 1)}+headings{headings.get('version', 0)}"
        self.languages = sorted(headings.get("languages", {}))
        numbers = headings.get("numbers") or {}
        ordinals = _alternation(vocab["ordinals"] | vocab["ordinals_compound"])  # longest first: "DÉCIMO PRIMERO"
        # roman, arabic ("PART 1.1" inserted later), a capital letter, or a Greek letter numeral ("ΚΕΦΑΛΑΙΟ Α΄")
        cnum = rf"(?:{data['roman']})(?:er|re)?|\d{{1,4}}(?:\.\d{{1,3}}(?=\s|$))?(?:er|re)?[A-Za-z]?|[A-Z]|[Α-Ω]{{1,3}}[΄ʹ'’]"
        cnum_ord = cnum + (rf"|(?i:{ordinals})" if ordinals else "")
        # Romanian "Capitolul al II-lea", "Secțiunea a 2-a": affixes around the number
        cpre = _alternation(numbers.get("container_prefixes", []))
        csuf = _alternation(numbers.get("container_suffixes", []))
        cnum_full = (rf"(?:(?:{cpre})\s+(?=[\dIVXLCDM]))?" if cpre else "") + rf"(?P<num>{cnum_ord})" \
            + (rf"(?:{csuf})?" if csuf else "")
        self.containers = []
        for c in data["containers"]:
            words = _alternation(vocab["containers"].get(c["kind"], []))
            if not words:
                continue
            number = rf"(?:\s+{cnum_full})?" if c.get("number_optional") else rf"\s+{cnum_full}"
            rx = re.compile(rf"(?P<word>(?i:{words})){number}(?![\w])(?P<sep>\s*[.:\-–—]*\s*)", re.U)
            self.containers.append((c, rx))
        # "1 luku", "2 kap.", "II. kafli", "Prvo poglavje": the number (or ordinal) before the word
        for c in data["containers"]:
            if vocab["containers_after"].get(c["kind"]):
                words = _alternation(vocab["containers_after"][c["kind"]])
                rx = re.compile(rf"(?P<num>{cnum_ord})(?:\.?\s+|-)(?P<word>(?i:{words}))(?![\w])(?P<sep>\.?\s*[.:\-–—]*\s*)",
                                re.U)
                self.containers.append(({**c, "number_first": True}, rx))
        for c in data.get("container_regexes", []):  # CJK: 第二章, 제3장
            rx = re.compile(c["regex"] + r"(?P<word>)(?P<sep>\s*[.:\-–—]*\s*)", re.U)
            self.containers.append(({**c, "number_first": True}, rx))
        art = _alternation(vocab["article"])
        num = number_regex(numbers)
        first = _alternation(numbers.get("first_words", []))
        art_ordinals = "|".join(x for x in (first, ordinals) if x) or "premier"
        self.article = re.compile(rf"(?P<word>(?i:{art}))\.?\s*(?P<num>{num}(?:-\s{{0,3}}[A-Z](?![\w]))?|(?i:{art_ordinals})(?![\w]))"
                                  r"(?P<sep>(?:\s*[.:\-–—°º])*\s*)", re.U)
        self.article_extra = [re.compile(rx + r"(?P<sep>\s*[.:\-–—]*\s*)", re.U) for rx in data.get("article_regexes", [])]
        art_after = _alternation(vocab["article_after"])
        self.unit_words = "|".join(x for x in (art_after, _alternation(vocab["article"]),
                                               _alternation(vocab["section"])) if x)
        # "1. člen", "3. gr.", "5 straipsnis": the number before the word
        self.article_after = re.compile(
            rf"(?P<num>\d{{1,5}}(?:\.\d{{1,3}})?(?:\.?[a-z](?![\w])|<sup>\(?\d{{1,3}}\)?</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{{1,3}})?)[.\-]?\s*(?P<word>(?i:{art_after}))(?![\w])\.?(?P<sep>\s*[.:\-–—]*\s*)",
            re.U) if art_after else None
        # "5 §" (Nordic), "12. §" (Hungarian); not "5 §:ssä" nor item "1. § 26 Abs. 2" (references)
        self.section_after = re.compile(r"(?P<num>\d{1,6}(?:\s?[a-z](?![\w]))?)\.?\s*(?P<word>§)(?![:\w§])(?!\s*\d)"
                                        r"(?P<sep>\s*[.:\-–—]*\s*)", re.U)
        self.paragraph_word = _paragraph_word(vocab, numbers)
        sec = _alternation(vocab["section"])
        self.section_kw = re.compile(
            rf"(?P<word>(?i:{sec}))\.?\s*(?P<num>\d{{1,6}}[A-Za-z]{{0,3}}(?:[.\-]\d{{1,5}}[A-Za-z]{{0,3}})*[º°ª]?"
            r"(?:<sup>\(?\d{1,3}\)?</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\s[a-z](?=\.|$))?)"
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


def _paragraph_word(vocab: dict, numbers: dict) -> re.Pattern | None:
    """"Stk. 2." (Danish stykke), "Parágrafo único." (Brazil): a subdivision introduced by a word."""
    para = _alternation(vocab["paragraph"])
    sole = _alternation(numbers.get("sole_words", []))
    sole_num = rf"|(?i:{sole})(?![\w])" if sole else ""
    return re.compile(rf"(?i:{para})\.?\s*(\d{{1,3}}[a-z]?{sole_num})\.?(?=\s|$)", re.U) if para else None


def _alternation(words) -> str:
    """Regex alternation of literal words, longest first (so "art" never shadows "article");
    sorted again by text so the same words always give the same regex."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def vocabulary(headings: dict) -> dict:
    """headings.yaml's per-language words, merged per role (a word may serve several languages)."""
    out: dict = {"article": set(), "article_after": set(), "section": set(), "paragraph": set(), "ordinals": set(),
                 "ordinals_compound": set(),
                 "containers": {}, "containers_after": {}}
    for lang in (headings.get("languages") or {}).values():
        for role in ("article", "article_after", "section", "paragraph", "ordinals", "ordinals_compound"):
            out[role].update(_with_bare(lang.get(role) or []))
        for role in ("containers", "containers_after"):
            for kind, words in (lang.get(role) or {}).items():
                out[role].setdefault(kind, set()).update(_with_bare(words or []))
    return out


def _with_bare(words: list[str]) -> set[str]:
    """Each word and its form without accents: Greek capitals drop the tonos ("ΚΕΦΑΛΑΙΟ" for
    "κεφάλαιο") and typed or OCR'd texts drop diacritics ("Capitulo", "Clanek")."""
    out = set(words)
    for w in words:
        bare = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        out.add(unicodedata.normalize("NFC", bare))
    return out


def number_regex(numbers: dict) -> str:
    """Article number forms: ``5``, ``474.22``, ``227-23``, ``L. 39-1`` / ``R*20-2`` (French code books),
    ``128 bis``, ``199 Septies``, ``211 bis 1``, ``33-A``, ``5a``, ``1º``, ``36^1`` / ``32<sup>1</sup>`` / ``32¹``."""
    code = _alternation(numbers.get("code_prefixes", []))
    suffix = _alternation(numbers.get("suffixes", [])) or "bis|ter"
    prefix = rf"(?:(?:{code})\.?\*?\s?(?=\d))?" if code else ""
    return (prefix + r"\d{1,5}(?:[-.]\d{1,5})*"
            rf"(?:[-\s]{{0,4}}(?i:{suffix})\b(?:[-\s]\d{{1,3}}(?![\w]))?)?"
            r"[A-Za-zΑ-Ωα-ω]{0,3}(?:[º°ª]|\.[º°ª](?=-[A-Z](?![\w])))?(?:<sup>\(?\d{1,3}\)?</sup>|\^\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})?(?![\w])")


def starts_capital(s: str) -> bool:
    """A heading word starts with a capital, or in a script without capitals (Georgian, Arabic,
    Thai, Devanagari ...) with any letter."""
    c = s[:1]
    if not c.isalpha():
        return False
    return c.isupper() or c.upper() == c.lower() or "\u10d0" <= c <= "\u10ff"  # Georgian Mkhedruli: no capitals in use


@lru_cache(maxsize=4)
def load_patterns(path: str = str(PATTERNS_PATH), headings_path: str = str(HEADINGS_PATH)) -> Patterns:
    """The compiled vocabulary; its ~300 regexes come from the compiled-regex cache (compiling them
    took ~45 ms of every start-up)."""
    from pipeline.nlp import regex_cache

    with regex_cache("segment"):
        return Patterns(load_yaml(path), load_yaml(headings_path))


# Enumerator styles. Each regex is matched at the start of a stripped line.
ENUMS = [
    ("paren-arabic", re.compile(r"\((\d{1,4}[A-Za-z]{0,2}(?:\.\d{1,3})?)\)")),
    ("paren-lower", re.compile(r"\(([a-z]{1,5}(?:\.\d{1,2})?)\)")),  # "(b.1)", "(iv.1)": inserted later (Canada)
    ("paren-upper", re.compile(r"\(([A-Z]{1,5}(?:\.\d{1,2})?)\)")),
    ("close-lower", re.compile(r"([a-z]{1,5})\)(?=\s)")),
    ("close-upper", re.compile(r"([A-Z]{1,5})\)(?=\s)")),
    ("close-arabic", re.compile(r"(\d{1,3}[a-z]?)\)(?=\s)")),
    ("dot-lower", re.compile(r"([a-z]{1,5})\.(?=\s)")),
    ("dot-upper", re.compile(r"([A-Z]{1,6})\.(?=\s)")),
    ("ord-arabic", re.compile(r"(\d{1,3})\.?\s?[º°ª](?:[.)]|\s?-)?(?=\s)")),  # Chilean/Spanish "1.° El que", "2º)"
    ("dash-roman", re.compile(r"([IVXLC]{1,7})\.?\s*[-–—]\s+(?=\S)")),  # Brazilian incisos "II – ...", Mexican "II.- ..."
]
DOT_ARABIC = re.compile(r"(\d{1,3}[a-z]?)\.(?=\s)(?!\s*\()")  # "2a." inserted between 2. and 3.
FIRST_ITEM = re.compile(r"(?:\((?:1|a|i|A)\)|(?:1|a|i|A)[.)])\s")  # a list's first item: "1.", "(a)", "i)"
DOT_ARABIC_SUBLIST = re.compile(r"(\d{1,3})\.(?=\s+\()")  # "6. (1) ...": an item whose own list starts on its line
BARE_ARABIC = re.compile(r"(\d{1,2})(?:\s+|\s*[-–—]\s+)(?=[^\W\d_])")  # "1 Wer" / Portuguese "1 - Quem"
LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{0,5}\s*$")
DATE_REST = re.compile(r"[^\W\d_]{3,}\.?,?\s+\d{4}\b")
WRAPPED = re.compile(r"(?:[a-z]|,)$")
NUM_PREFIX = re.compile(r"^\d{1,3}\.\s+(?=\S)")  # "4. Pornography" as an article's heading
DASH = re.compile(r"[–—\-•·▪●]\s+(?=\S)")
# Bare section number: 1 / 15A / 15A. / 163.1 / 474.27A / 67B. / 8.(1)
# ... and a range of spent sections: "199 to 203 [Amendments]", "228 and 229 [Repealed ...]"
BARE_SEC = re.compile(r"(?P<num>\d{1,5}[A-Z]{0,3}(?:\.\d{1,4}[A-Z]{0,3})*"
                      r"(?:\s(?:to|and|à|et)\s\d{1,5}[A-Z]{0,3}(?:\.\d{1,4}[A-Z]{0,3})*(?=\s\[))?)(?P<dot>\.)?(?:\s*[—–](?=\s*\())?(?=\s|$|\()")
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
    "dash-roman": "roman", "para-sign": "arabic", "word-arabic": "arabic", "ord-arabic": "arabic",
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
    if not starts_capital(s):
        return False
    if s[-1] in ".;:,—–-" or FUNCTION_END.search(s):
        return False
    return len(s.split()) <= 16
