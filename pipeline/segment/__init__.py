"""Stage 2: the provision tree of a statute, from its text alone.

WHY a numbering stack and not per-country grammars: hidden jurisdictions draft in styles
we have not seen, but every style nests enumerators the same way. Each open level on the
stack remembers its numbering *style* (``(a)``, ``(1)``, ``(i)``, ``a)``, ``1.``, dash...)
and its last value; a new enumerator closes levels until it finds its own style (a
sibling) or, if its style is not open, nests under the deepest open node. Keywords
(Part, Chapter, Article, Section, §) and bare section numbers (``1``, ``15A.``, ``474.22``,
``67B.``) open structural levels; the words are data (models/segmentation/patterns.yaml).

Akoma Ntoso ids (eId = parent eId + ``__`` + element + ``_`` + cleaned number):

==============================  =================  ===============================
node                            kind               element
==============================  =================  ===============================
Part / Chapter / Title ...      part, chapter...   part, chp, title, dvs, subdvs, book
Section (common law, §)         section            sec
Article                         article            art
level 1..6 below a section      subsection ...     subsec, para, subpara, clause,
                                                   subclause, item
below an article: 1. / (1)      paragraph          para
below an article: a) / (a)      point              list   (``art_20__para_1__list_a``)
below an article: (i) / i)      item               item
dash indents ``–``              indent             indent_1, indent_2 (ordinal)
unnumbered alinéas of article   alinea             al_1, al_2 (ordinal)
defined term line               definition         def_<term>
Explanation / Illustrations     explanation ...    explanation_1 (or printed number)
heading line between sections   crossheading       crossHeading_1
text before the first node      preface            preface
anything else unnumbered        (kind)             nn_1, nn_2
==============================  =================  ===============================

Cleaned numbers keep internal dots and hyphens (``sec_474.22``, ``art_227-23``); see
``numbering.clean_num``. Duplicated eIds get ``_2``, ``_3`` in document order, so the
same text always yields the same ids. Linear time: one pass over the lines, a bounded
stack (depth is limited by the number of distinct numbering styles), no recursion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.segment.numbering import alpha_value, arabic_value, clean_num, is_ambiguous_roman, roman_value
from pipeline.resources import SEGMENTATION_DIR
from pipeline.records import Document, Provision

PATTERNS_PATH = SEGMENTATION_DIR / "patterns.yaml"
MAX_DEPTH = 200  # safety net; real statutes stay below 12


@dataclass
class _Node:
    cls: str  # preface | container | section | article | enum | def | hanging | crossheading | alinea
    kind: str
    element: str
    num: str | None
    heading: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    parent: int | None = None
    style: str | None = None  # numbering style of an enumerator
    value: int | None = None
    rank: int = 99  # containers only
    last_text: str = ""  # tail of the last own line: decides where continuation text goes
    body_spans: int = 0  # own lines that are body text (alinéa candidates)
    intro: bool = False  # own text before any child ends like a list chapeau ("who—", ":")
    n_children: int = 0


class _Patterns:
    """Compiled regexes built from the data file."""

    def __init__(self, data: dict):
        self.version = data.get("version", 1)
        self.containers = []
        for c in data["containers"]:
            words = "|".join(re.escape(w) for w in sorted(c["words"], key=len, reverse=True))
            rx = re.compile(
                rf"(?P<word>(?i:{words}))\s+(?P<num>(?:{data['roman']})(?:er|re)?|\d{{1,4}}(?:er|re)?[A-Za-z]?|[A-Z])\b"
                r"(?P<sep>\s*[.:\-–—]*\s*)", re.U)
            self.containers.append((c, rx))
        art = "|".join(re.escape(w) for w in sorted(data["article_words"], key=len, reverse=True))
        num = (r"\d{1,5}(?:[-.]\d{1,5})*(?:[-\s]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b)?"
               r"[A-Za-z]{0,3}(?![\w])")
        self.article = re.compile(rf"(?P<word>(?i:{art}))\.?\s*(?P<num>{num}(?:-[A-Z](?![\w]))?|(?i:1er|premier))"
                                  r"(?P<sep>\s*[.:\-–—°º]*\s*)", re.U)
        self.article_extra = [re.compile(rx + r"(?P<sep>\s*[.:\-–—]*\s*)", re.U) for rx in data.get("article_regexes", [])]
        sec = "|".join(re.escape(w) for w in sorted(data["section_words"], key=len, reverse=True))
        self.section_kw = re.compile(
            rf"(?P<word>(?i:{sec}))\.?\s*(?P<num>\d{{1,6}}[A-Za-z]{{0,3}}(?:[.\-]\d{{1,5}}[A-Za-z]{{0,3}})*[º°ª]?)"
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


@lru_cache(maxsize=4)
def load_patterns(path: str = str(PATTERNS_PATH)) -> _Patterns:
    with open(path, encoding="utf-8") as fh:
        return _Patterns(yaml.safe_load(fh))


# Enumerator styles. Each regex is matched at the start of a stripped line.
_ENUMS = [
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
_DOT_ARABIC = re.compile(r"(\d{1,3})\.(?=\s)(?!\s*\()")
_BARE_ARABIC = re.compile(r"(\d{1,2})(?:\s+|\s*[-–—]\s+)(?=[^\W\d_])")  # "1 Wer" / Portuguese "1 - Quem"
_LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{0,5}\s*$")
_DATE_REST = re.compile(r"[^\W\d_]{3,}\.?,?\s+\d{4}\b")
_WRAPPED = re.compile(r"(?:[a-z]|,)$")
_NUM_PREFIX = re.compile(r"^\d{1,3}\.\s+(?=\S)")  # "4. Pornography" as an article's heading
_DASH = re.compile(r"[–—\-•·▪●]\s+(?=\S)")
# Bare section number: 1 / 15A / 15A. / 163.1 / 474.27A / 67B. / 8.(1)
_BARE_SEC = re.compile(r"(?P<num>\d{1,5}[A-Z]{0,3}(?:\.\d{1,4}[A-Z]{0,3})*)(?P<dot>\.)?(?:\s*[—–](?=\s*\())?(?=\s|$|\()")
_HEAD_DELIM = re.compile(r"\s*(?:\.\s*[—–]|\.\s*-(?=\s)|\s[—–]\s*(?=[A-Z\"“]))\s*")
_LIST_END = re.compile(r"(?:[;,]|[;,]\s*(?:or|and|ou|et|of|en|oder|und|o|e))\s*$", re.I)
# a line ending in a cross-reference word was wrapped: "(1)" on the next line is no enumerator
_REF_END = re.compile(r"\b(?:section|subsection|sub-section|paragraph|subparagraph|sub-paragraph|"
                      r"article|regulation|clause|item|rule|artikel|subartikel|alinéa|paragraaf)\s*$", re.I)
_INTRO_END = re.compile(r"(?:[:—–\-]|\bwho|\bthat|\bwhich|\bwhere|\bif|\bwer|\bto)\s*$", re.I)
_FUNCTION_END = re.compile(
    r"\b(?:who|that|which|of|to|by|the|a|an|and|or|in|if|where|whether|for|with|being|is|are|shall|may|"
    r"following|under|from|on|as|any|de|la|le|les|du|des|et|ou|à|van|het|een|en|der|die|das|und|oder)\s*$", re.I)

_FAMILY = {
    "paren-arabic": "arabic", "close-arabic": "arabic", "dot-arabic": "arabic", "bare-arabic": "arabic",
    "paren-lower": "alpha", "paren-upper": "alpha", "close-lower": "alpha", "close-upper": "alpha",
    "dot-lower": "alpha", "dot-upper": "alpha",
    "paren-lower-roman": "roman", "paren-upper-roman": "roman", "close-lower-roman": "roman",
    "close-upper-roman": "roman", "dot-lower-roman": "roman", "dot-upper-roman": "roman", "dash": "dash",
    "dash-roman": "roman", "para-sign": "arabic",
}


def _is_title_line(s: str) -> bool:
    """"STAD KAAPSTAD", "SCHEDULE OF FEES": two or more words, all letters capitals."""
    if len(s) > 200 or len(s.split()) < 2:
        return False
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _heading_like(s: str, max_len: int = 120) -> bool:
    """A marginal note or heading: short, starts with a capital, no sentence-final punctuation."""
    if not s or len(s) > max_len:
        return False
    if s[0] == "(" and s.endswith(")") and len(s) > 3:
        return s[1:2].isupper()
    if not s[0].isalpha() or not s[0].isupper():
        return False
    if s[-1] in ".;:,—–-" or _FUNCTION_END.search(s):
        return False
    return len(s.split()) <= 16


class _Segmenter:
    def __init__(self, text: str, pat: _Patterns):
        self.text = text
        self.pat = pat
        self.nodes: list[_Node] = []
        self.stack: list[int] = []
        self.pending: list[tuple[int, int]] = []  # candidate heading lines awaiting a number
        self.last_section_value: int | None = None
        self.has_articles = False
        self.nxt2: str | None = None
        self.prev_tail = ""  # last characters of the previous line
        self.cur_nxt: str | None = None

    # ---- helpers -------------------------------------------------------------------
    def _new(self, node: _Node, parent: int | None) -> int:
        node.parent = parent
        if parent is not None:
            self.nodes[parent].n_children += 1
        self.nodes.append(node)
        return len(self.nodes) - 1

    def _top(self) -> _Node | None:
        return self.nodes[self.stack[-1]] if self.stack else None

    def _add_span(self, idx: int, s: int, e: int, body: bool = False) -> None:
        # strip whitespace so spans hold only text
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        if s >= e:
            return
        n = self.nodes[idx]
        n.spans.append((s, e))
        n.last_text = self.text[max(s, e - 40):e]
        if n.n_children == 0:
            n.intro = bool(_INTRO_END.search(n.last_text))
        if body:
            n.body_spans += 1

    def _structural_index(self) -> int:
        """Stack position of the deepest section/article/container (or -1)."""
        for k in range(len(self.stack) - 1, -1, -1):
            if self.nodes[self.stack[k]].cls in ("section", "article", "container"):
                return k
        return -1

    def _in_article(self) -> bool:
        k = self._structural_index()
        return k >= 0 and self.nodes[self.stack[k]].cls == "article"

    def _pop_to_containers(self) -> None:
        while self.stack and self.nodes[self.stack[-1]].cls not in ("container",):
            self.stack.pop()

    def _parent(self) -> int | None:
        return self.stack[-1] if self.stack else None

    def _push(self, node: _Node, parent: int | None) -> int:
        if len(self.stack) >= MAX_DEPTH:  # degenerate input: keep siblings at max depth
            self.stack.pop()
            parent = self._parent()
        idx = self._new(node, parent)
        self.stack.append(idx)
        return idx

    # ---- pending headings ----------------------------------------------------------
    def _flush_pending_as_body(self) -> None:
        pend, self.pending = self.pending, []
        for s, e in pend:
            self._body(s, e)

    def _take_heading(self) -> tuple[str | None, tuple[int, int] | None]:
        """Last pending line becomes the heading of the next node; earlier ones are cross-headings."""
        if not self.pending:
            return None, None
        pend, self.pending = self.pending, []
        for s, e in pend[:-1]:
            self._crossheading(s, e)
        s, e = pend[-1]
        return self.text[s:e].strip(), (s, e)

    def _crossheading(self, s: int, e: int) -> None:
        if not self.nodes:
            self._body(s, e)  # still in the preface
            return
        self._pop_to_containers()
        idx = self._new(_Node("crossheading", "crossheading", "crossHeading", None, self.text[s:e].strip()),
                        self._parent())
        self._add_span(idx, s, e)

    # ---- line kinds ----------------------------------------------------------------
    def _body(self, s: int, e: int) -> None:
        """Unnumbered text: own text of the open node, or the wrap-up of a list's owner."""
        if not self.stack:
            if self.nodes and self.nodes[-1].cls == "preface" and self.nodes[-1].parent is None:
                self._add_span(len(self.nodes) - 1, s, e)
                return
            if not self.nodes:
                idx = self._new(_Node("preface", "preface", "preface", None, None), None)
                self._add_span(idx, s, e)
                return
            idx = self._new(_Node("preface", "preface", "nn", None, None), None)  # stray root text
            self._add_span(idx, s, e)
            return
        # Lower-case continuation after a list ("shall be fined ..."), or a new sentence after a
        # list whose last item closed with a full stop, wraps up the list's owner.
        top = self.nodes[self.stack[-1]]
        tail = top.last_text.rstrip()
        if top.cls in ("enum", "def") and not self.text[s:s + 1].isupper() and (
                tail[-1:].isalnum() or (tail.endswith(",") and self._next_is_sibling_of(top))):
            self._add_span(self.stack[-1], s, e, body=True)  # a line wrapped mid-sentence (PDF)
            return
        if self.text[s:s + 1].islower() or (top.cls == "enum" and top.last_text.rstrip().endswith(".")
                                            and self.text[s:s + 1].isupper()):
            for k in range(len(self.stack) - 1, -1, -1):
                n = self.nodes[self.stack[k]]
                if n.cls in ("section", "article", "container"):
                    break
                if n.n_children and n.intro:
                    del self.stack[k + 1:]
                    self._add_span(self.stack[-1], s, e, body=True)
                    return
        # A list item that ended with ';' / '; or' is closed: the text belongs to its owner.
        while len(self.stack) > 1:
            top = self.nodes[self.stack[-1]]
            if top.cls in ("enum", "def") and _LIST_END.search(top.last_text):
                self.stack.pop()
            else:
                break
        self._add_span(self.stack[-1], s, e, body=True)

    def _next_is_sibling_of(self, top: _Node) -> bool:
        """Does the next line continue top's list? Then a line ending in ',' was wrapped, not a wrap-up."""
        nxt = self.cur_nxt
        if not nxt or top.style is None:
            return False
        base = top.style.replace("-roman", "")
        for name, rx in _ENUMS:
            if rx.match(nxt):
                return name == base
        return bool(_DOT_ARABIC.match(nxt)) and base == "dot-arabic"

    def _definition(self, s: int, e: int, term: str) -> None:
        # sibling of an open definition, else child of the open node
        for k in range(len(self.stack) - 1, -1, -1):
            cls = self.nodes[self.stack[k]].cls
            if cls == "def":
                del self.stack[k:]
                break
            if cls != "enum":
                break
        node = _Node("def", "definition", "def", None, None)
        node.num = None
        node.heading = term
        idx = self._push(node, self._parent())
        self._add_span(idx, s, e)

    def _is_definition(self, line: str) -> str | None:
        head = line[:300]
        m = self.pat.def_quoted.match(head)
        if m:
            return m.group("term")
        if not head[:1].isalpha() or self.prev_tail.rstrip()[-1:].isalnum():
            return None  # unquoted terms never continue a wrapped line
        m = self.pat.def_plain.match(head)
        if not m:
            return None
        # unquoted terms need a definitions context: an open definition, or a cue in the owner's text
        for k in range(len(self.stack) - 1, -1, -1):
            n = self.nodes[self.stack[k]]
            if n.cls == "def":
                return m.group("term")
            own = " ".join(self.text[a:b][:200].lower() for a, b in n.spans[:3])
            if any(c in own for c in self.pat.def_cues):
                return m.group("term")
            if n.cls in ("section", "article", "container"):
                break
        return None

    def _container(self, spec: dict, m: re.Match, s: int, e: int, line: str, nxt: str | None) -> bool:
        rest = line[m.end():].strip()
        heading = None
        heading_next = False
        if rest:
            if not (_heading_like(rest, 200) or rest.isupper()) and not m.group("sep").strip():
                return False  # "Part 2 of this Act applies..." is a sentence, not a heading
            heading = rest
        elif nxt is not None and (_heading_like(nxt, 200) or (nxt.isupper() and len(nxt) < 250)) \
                and not self._numbered_kind(nxt):
            heading_next = True
        self.pending and self._flush_pending_as_body()
        rank = spec["rank"]
        # close open containers of equal or lower rank, and all sections below them
        while self.stack:
            n = self.nodes[self.stack[-1]]
            if n.cls == "container" and n.rank < rank:
                break
            self.stack.pop()
        node = _Node("container", spec["kind"], spec["element"], m.group("num"), heading, rank=rank)
        idx = self._push(node, self._parent())
        self._add_span(idx, s, e)
        return "heading_next" if heading_next else True

    def _numbered_kind(self, line: str) -> bool:
        """Cheap test: does this line start with any number or keyword we know?"""
        if _BARE_SEC.match(line) or _DASH.match(line) or self.pat.article.match(line) \
                or self.pat.section_kw.match(line):
            return True
        return any(rx.match(line) for _, rx in _ENUMS)

    def _marginal_note(self, line: str, nxt: str) -> bool:
        """"Possession of child sexual abuse material." above "6.—(1) Any person ...": Irish and
        older Commonwealth Acts end a section's marginal note with a full stop. Only a short,
        stand-alone line (the line above ended a sentence or was a title) directly above a
        numbered section counts, so the wrapped tail of a sentence is not taken for one."""
        if self.has_articles or not line.endswith(".") or line.endswith("..") or len(line.split()) > 12:
            return False
        above = self.prev_tail.rstrip()
        standalone = not above or above[-1:] in ".;:)" or _is_title_line(above) or above.isupper()
        return standalone and _heading_like(line[:-1], 120) and bool(_BARE_SEC.match(nxt))

    def _section_like(self, cls: str, num: str, s: int, e: int, line: str, num_end: int, nxt: str | None,
                      strong: bool) -> bool:
        """Open a section or article. ``num_end`` = offset in ``line`` after number and separator."""
        rest = line[num_end:]
        nxt_cont = nxt is not None and nxt[:1].islower()  # the line runs on: its rest is prose
        d = _HEAD_DELIM.search(rest[:400])
        own_line_heading = (not nxt_cont and len(rest.strip()) <= 100 and not d
                            and _heading_like(_NUM_PREFIX.sub("", rest.strip(), count=1), 250)) \
            or (d is not None and d.start() > 0 and _heading_like(rest[:d.start()].strip() + "x", 250))
        # a bare number whose heading follows it ("Artigo 10.º" / "Materiais ...", "Section 5" / "Offences")
        heading_follows = not rest.strip() and nxt is not None and not self._numbered_kind(nxt) \
            and (_heading_like(nxt, 200) or (nxt.startswith("(") and nxt.endswith(")") and len(nxt) < 200))
        # the document's opening line names the statute ("Código Penal", "Crimes Act 1958")
        opening_title = bool(self.pending) and not self.nodes \
            and bool(self.pat.statute_title.search(self.text[slice(*self.pending[-1])]))
        if self.pending and (own_line_heading or heading_follows or opening_title):
            pend, self.pending = self.pending, []  # the lines above are a title or cross-heading
            for ps, pe in pend:
                self._crossheading(ps, pe)
        heading, hspan = self._take_heading()
        body_off = None
        own_heading = None
        if rest.strip():
            stripped = rest.strip()
            if (stripped[0] == "(" and cls == "section" and re.match(r"\(\w{1,4}\)", stripped)) \
                    or (cls == "article" and re.match(r"§\s*\d", stripped)):
                body_off = num_end  # "24. (1) A person" / "Art. 383bis. § 1er. Quiconque" -> on the same line
            else:
                if d and heading is None and d.start() > 0 and _heading_like(rest[:d.start()].strip() + "x", 250):
                    own_heading = rest[:d.start()].strip()
                    body_off = num_end + d.end()
                elif heading is None and not nxt_cont and (
                        (_heading_like(_NUM_PREFIX.sub("", stripped, count=1), 250) or (stripped[0].isupper() and stripped.endswith(".")
                                                          and len(stripped) <= 150 and nxt is not None
                                                          and self._starts_enum(nxt)))
                        and not _INTRO_END.search(stripped)):
                    own_heading = stripped
                elif stripped.startswith("(") and stripped.endswith(")") and heading is None and len(stripped) < 200:
                    own_heading = stripped
                else:
                    body_off = num_end
        if cls == "section" and not strong and heading is None and own_heading is None \
                and body_off is not None and not rest.strip().startswith("("):
            # weak bare number followed by prose: accept only as the next section in sequence
            v = arabic_value(num)
            if self.last_section_value is None or v is None or not (
                    self.last_section_value < v <= self.last_section_value + 3):
                return False
        if self.pending:
            self._flush_pending_as_body()
        self._pop_to_containers()
        spec_kind, element = ("article", "art") if cls == "article" else ("section", "sec")
        node = _Node(cls, spec_kind, element, num, heading or own_heading)
        idx = self._push(node, self._parent())
        if hspan:
            self._add_span(idx, *hspan)
        if cls == "section":
            self.last_section_value = arabic_value(num)
        if body_off is None:
            self._add_span(idx, s, e)
        else:
            self._add_span(idx, s, s + body_off)
            rest_s = s + body_off
            rest_line = self.text[rest_s:e]
            lead = len(rest_line) - len(rest_line.lstrip())
            if rest_line.strip():
                self._line(rest_s + lead, e, rest_line.strip(), nxt, inline=True)
        return True

    def _bare_section(self, m: re.Match, line: str, nxt: str | None) -> bool | None:
        """Is a line starting with a bare number a section? None = no; True = sure; False = only in sequence."""
        num, dot = m.group("num"), m.group("dot")
        rest = line[m.end():].strip()
        if _LEADER.search(line[-200:]):
            return None  # table-of-contents line "12. Offences ........ 7"
        v = arabic_value(num)
        last = self.last_section_value
        succ = last is not None and v is not None and last < v <= last + 3
        first_ok = last is None and v is not None and v <= 3
        nxt_enum = nxt is not None and self._starts_enum(nxt)
        top = self._top()
        under_enum = top is not None and top.cls in ("enum", "def")
        if _DATE_REST.match(rest):
            return None  # "24 June 2005"
        if not self.pending and _WRAPPED.search(self.prev_tail):
            return None  # "... contemplated in section\n16": a wrapped line, not a new section
        # a marginal note before the number (Canada) counts only for a plausible next number:
        # gazettes put notice numbers and dates under headings too
        nxt_leader = nxt is not None and bool(_LEADER.search(nxt[-200:]))
        pend_ok = bool(self.pending) and (succ or (last is None and not nxt_leader and (v or 0) < 1000))
        if dot and "." not in num and not num[-1].isalpha():
            if self._find_style("dot-arabic") is not None:
                return None  # "2." next to an open "1." list
            if under_enum and not rest.startswith("(") and not succ and not pend_ok \
                    and not (first_ok and _heading_like(rest, 120)):
                return None  # German "1." Nummer under "(1)"
        if not rest:
            return True if (pend_ok or succ or nxt_enum or (first_ok and nxt is not None
                                                              and not self._numbered_kind(nxt))) else None
        if rest.startswith("("):
            return True
        if "." in num or num[-1].isalpha():
            return True if rest[:1].isupper() or rest[:1] in "\"“'" else None
        if pend_ok or _HEAD_DELIM.match(line[m.end():m.end() + 400]) \
                or re.match(r"[.:]\s*[—–]", line[m.end() - 1:m.end() + 4]):
            return True
        if nxt_leader:
            return None
        if _heading_like(rest, 200) or (rest.endswith(".") and len(rest) <= 150 and rest[:1].isupper() and nxt_enum):
            return True if (nxt_enum or succ or first_ok) else None
        return False if succ else None

    def _toc_ranges(self, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Line ranges of tables of contents.

        WHY: a contents list repeats every section number; left in, it doubles the sections.
        From a "CONTENTS" cue, the run of short entry-like lines (stopping at the first prose
        line), cut where its first entry ("CHAPTER 1", "1") repeats; at least 3 entries.
        """
        out = []
        i, n = 0, len(lines)
        text = self.text
        while i < n:
            s, e = lines[i]
            if e - s > 60 or not self.pat.toc_cue.match(text[s:e]):
                i += 1
                continue
            j, keys = i + 1, []
            while j < n:
                ls, le = lines[j]
                line = text[ls:min(le, ls + 400)]
                if not _LEADER.search(text[max(ls, le - 200):le]):
                    m = _BARE_SEC.match(line)
                    if le - ls > 150 or line[-1] in ".;," or (m and line[m.end():].lstrip().startswith("(")):
                        break
                key = _toc_key(line, self.pat)
                if key is not None:
                    if keys and key == keys[0][1]:
                        break  # the first entry again: the body starts here
                    keys.append((j, key))
                j += 1
            if len(keys) >= 3:
                out.append((i, j))
                i = j
            else:
                i += 1
        return out

    def _toc_line(self, s: int, e: int, first: bool) -> None:
        if self.pending:
            self._flush_pending_as_body()
        if first:
            self._pop_to_containers()
            idx = self._push(_Node("toc", "toc", "toc", None, self.text[s:e].strip()), self._parent())
        else:
            idx = self.stack[-1]
        self._add_span(idx, s, e)

    def _starts_enum(self, line: str) -> bool:
        return any(rx.match(line) for _, rx in _ENUMS[:3]) or bool(_DOT_ARABIC.match(line))

    def _find_style(self, style: str) -> int | None:
        for k in range(len(self.stack) - 1, -1, -1):
            n = self.nodes[self.stack[k]]
            if n.cls in ("section", "article", "container"):
                return None
            if n.cls == "enum" and n.style == style:
                return k
        return None

    def _resolve_style(self, base: str, tok: str) -> tuple[str, int | None]:
        """Letter or roman? Decided by the open levels: ``(i)`` after ``(h)`` is a letter."""
        if base == "dash":
            return "dash", None
        if base in ("paren-arabic", "close-arabic", "dot-arabic", "bare-arabic", "para-sign"):
            return base, arabic_value(tok)
        if base == "dash-roman":
            return base, roman_value(tok)
        roman_style = base + "-roman"
        rv = roman_value(tok)
        av = alpha_value(tok)
        if rv is None:
            return base, av
        if av is None:
            return roman_style, rv
        k = self._find_style(base)
        if k is not None and self.nodes[self.stack[k]].value is not None \
                and self.nodes[self.stack[k]].value + 1 == av:
            return base, av  # (i) after (h); (ii) after (hh) in doubled-letter series
        k = self._find_style(roman_style)
        if k is not None and self.nodes[self.stack[k]].value is not None \
                and self.nodes[self.stack[k]].value + 1 == rv:
            return roman_style, rv
        if len(tok) == 1:
            return (roman_style, rv) if rv == 1 else (base, av)
        return roman_style, rv

    def _enum(self, base: str, tok: str, s: int, e: int, tok_end: int, line: str, nxt: str | None) -> bool:
        style, value = self._resolve_style(base, tok)
        if value is None and style != "dash":
            return False  # "NOTE. ..." or "(USA)" is no enumerator
        first = value == 1 or style == "dash"
        k = self._find_style(style)
        top = self._top()
        # Retro-fix: "(ii)" proves the preceding "(i)" was roman, not the letter after "(h)".
        if k is None and style.endswith("-roman") and value == 2 and top is not None and top.cls == "enum" \
                and top.style == style[:-6] and top.num and top.num.strip("()").lower() == "i" \
                and top.n_children == 0:
            fixed = self.stack.pop()
            prev_sib = None
            for j in range(fixed - 1, -1, -1):
                if self.nodes[j].parent == top.parent and self.nodes[j].cls == "enum":
                    prev_sib = j
                    break
            if prev_sib is not None:
                if top.parent is not None:
                    self.nodes[top.parent].n_children -= 1
                top.parent = prev_sib
                self.nodes[prev_sib].n_children += 1
                top.style, top.value = style, 1
                self.stack.append(prev_sib)
                self.stack.append(fixed)
                k = len(self.stack) - 1
            else:
                self.stack.append(fixed)
        if style == "para-sign" and k is None:
            del self.stack[self._structural_index() + 1:]  # "§ 1º" belongs to the article itself
        elif k is not None:
            del self.stack[k:]
        elif not first and style != "dash" and self.pending == [] and top is not None and top.cls == "enum" \
                and not (top.intro and top.n_children == 0):
            # "(2)" with no open "(n)" level under a list item: restart at the structural level
            si = self._structural_index()
            while len(self.stack) > si + 1:
                n = self.nodes[self.stack[-1]]
                if n.cls == "def" and base in ("paren-lower", "close-lower"):
                    break
                self.stack.pop()
        heading, hspan = self._take_heading() if self.pending else (None, None)
        node = _Node("enum", "enum", "", tok if style == "dash" else line[:tok_end].strip().rstrip(" -–—"), heading,
                     style=style, value=value)
        if style == "dash":
            node.num = None
        idx = self._push(node, self._parent())
        if hspan:
            self._add_span(idx, *hspan)
        rest = line[tok_end:]
        stripped = rest.strip()
        # "(b)(1) Whoever" -> nested enumerator on the same line
        if stripped[:1] == "(" and re.match(r"\((?:\d{1,3}|[A-Za-z]{1,4})\)", stripped):
            lead = len(rest) - len(rest.lstrip())
            self._add_span(idx, s, s + tok_end)
            self._line(s + tok_end + lead, e, stripped, nxt, inline=True)
            return True
        d = _HEAD_DELIM.search(rest[:200])
        if d and d.start() > 0 and _heading_like(rest[:d.start()].strip() + "x", 120) and node.heading is None:
            node.heading = rest[:d.start()].strip()
        self._add_span(idx, s, e)
        return True

    def _hanging(self, spec: dict, m: re.Match, s: int, e: int) -> None:
        if self.pending:
            self._flush_pending_as_body()
        # Explanations and illustrations qualify the whole section or article
        si = self._structural_index()
        while len(self.stack) > max(si + 1, 0):
            self.stack.pop()
        num = m.group("num") if "num" in m.groupdict() else None
        node = _Node("hanging", spec["kind"], spec["element"], num, None)
        idx = self._push(node, self._parent())
        self._add_span(idx, s, e)

    # ---- dispatcher ----------------------------------------------------------------
    def _line(self, s: int, e: int, line: str, nxt: str | None, inline: bool = False) -> None:
        pat = self.pat
        self.cur_nxt = nxt
        head = line[:400]
        if not inline:
            for spec, rx in pat.containers:
                if spec.get("only_with_articles") and not self.has_articles:
                    continue
                m = rx.match(head)
                if m and line[:1].isupper():
                    r = self._container(spec, m, s, e, line, nxt)
                    if r:
                        if r == "heading_next":
                            self.heading_next_for = self.stack[-1]
                        return
            m = pat.article.match(head)
            if m and line[:1].isupper() and line[m.end("num"):m.end("num") + 1] in ("", " ", "\t", ".", "-", ":", "–", "—", "°", "º"):
                if self._section_like("article", m.group("num"), s, e, line, m.end(), nxt, True):
                    return
            for rx in pat.article_extra:
                m = rx.match(head)
                if m and self._section_like("article", m.group("num"), s, e, line, m.end(), nxt, True):
                    return
            m = pat.section_kw.match(head)
            if m and line[:1] == "§" and self._in_article():
                # "§ 1º" inside an article (Brazil, Poland) is a paragraph of that article
                if self._enum("para-sign", m.group("num"), s, e, m.end(), line, nxt):
                    return
            if m and (line[:1].isupper() or line[:1] == "§"):
                if self._section_like("section", m.group("num"), s, e, line, m.end(), nxt, True):
                    return
            for spec, rx in pat.hanging:
                m = rx.match(head)
                if m and line[:1].isupper():
                    self._hanging(spec, m, s, e)
                    return
        in_art = self._in_article()
        top = self._top()
        if not inline and top is not None and top.cls == "article" and top.heading is None and len(top.spans) == 1 \
                and not top.n_children and _NUM_PREFIX.match(head) and len(line) <= 60 \
                and _heading_like(_NUM_PREFIX.sub("", line, count=1)) and nxt is not None and self._numbered_kind(nxt):
            top.heading = line.strip()  # Swiss "Art. 197" / "4. Pornographie"
            self._add_span(self.stack[-1], s, e)
            return
        if inline and line[:1] == "§" and in_art:
            m = pat.section_kw.match(head)
            if m and self._enum("para-sign", m.group("num"), s, e, m.end(), line, nxt):
                return
        m = _BARE_SEC.match(head)
        if m and not inline and not in_art and not (self.has_articles and m.group("dot") and "." not in m.group("num")):
            verdict = self._bare_section(m, line, nxt)
            if verdict is not None and self._section_like("section", m.group("num"), s, e, line, m.end(), nxt,
                                                          verdict):
                return
        wrapped = not inline and bool(_REF_END.search(self.prev_tail))
        for base, rx in _ENUMS:
            m = rx.match(head)
            if m and not wrapped:
                if self._enum(base, m.group(1), s, e, m.end(), line, nxt):
                    return
        m = _DOT_ARABIC.match(head)
        if m and not wrapped:
            if self._enum("dot-arabic", m.group(1), s, e, m.end(), line, nxt):
                return
        if in_art:
            m = _BARE_ARABIC.match(head)
            if m:
                v = int(m.group(1))
                k = self._find_style("dot-arabic")
                okv = (v == 1 and k is None) or (k is not None and self.nodes[self.stack[k]].value == v - 1)
                if okv and self._enum("dot-arabic", m.group(1), s, e, m.end(), line, nxt):
                    return
        m = _DASH.match(head)
        if m:
            self._enum("dash", "-", s, e, 1, line, nxt)
            return
        if inline:
            idx = self.stack[-1] if self.stack else None
            if idx is not None:
                self._add_span(idx, s, e, body=True)
            else:
                self._body(s, e)
            return
        term = self._is_definition(line)
        if term:
            if self.pending:
                self._flush_pending_as_body()
            self._definition(s, e, term)
            return
        # heading of the node just opened ("Article 3" / "Definitions")
        hn = getattr(self, "heading_next_for", None)
        if hn is not None:
            self.heading_next_for = None
            if self.stack and self.stack[-1] == hn and self.nodes[hn].heading is None:
                self.nodes[hn].heading = line.strip()
                self._add_span(hn, s, e)
                return
        top = self._top()
        if top is not None and top.cls in ("article", "section") and top.heading is None and not top.body_spans \
                and len(top.spans) == 1 and (_heading_like(line, 200) or (line.startswith("(") and line.endswith(")")
                                                                          and len(line) < 200)):
            top.heading = line.strip()
            self._add_span(self.stack[-1], s, e)
            return
        if nxt is not None and (_heading_like(line) and (self._numbered_kind(nxt) or (
                self.nxt2 is not None and _heading_like(nxt) and self._numbered_kind(self.nxt2)))
                                or self._marginal_note(line, nxt)):
            self.pending.append((s, e))
            return
        if self.pending:
            self._flush_pending_as_body()
        if self.stack and _is_title_line(line) and not (nxt is not None and self._numbered_kind(nxt)):
            # an all-capitals title ends the open provisions: the next notice or translation begins
            self.stack.clear()
            self._push(_Node("block", "hcontainer", "hcontainer", None, line.strip()), None)
            self._add_span(self.stack[-1], s, e)
            return
        self._body(s, e)

    def run(self) -> list[_Node]:
        text = self.text
        lines = []
        for m in re.finditer(r"[^\n]+", text):
            s, e = m.start(), m.end()
            seg = text[s:e]
            if seg.isspace():
                continue
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            lines.append((s + lead, e - trail))
        self.has_articles = any(self.pat.article.match(text[s:min(e, s + 60)]) and text[s:s + 1].isupper()
                                for s, e in lines[:5000])
        self.heading_next_for = None
        toc = self._toc_ranges(lines)
        toc_i = 0
        for i, (s, e) in enumerate(lines):
            line = text[s:e]
            while toc_i < len(toc) and toc[toc_i][1] <= i:
                toc_i += 1
            if toc_i < len(toc) and toc[toc_i][0] <= i < toc[toc_i][1]:
                self._toc_line(s, e, first=(i == toc[toc_i][0]))
                self.prev_tail = ""
                continue
            nxt = None
            self.nxt2 = None
            if i + 2 < len(lines):
                ns, ne = lines[i + 2]
                self.nxt2 = text[ns:min(ne, ns + 400)]
            if i + 1 < len(lines):
                ns, ne = lines[i + 1]
                nxt = text[ns:min(ne, ns + 400)]
            self._line(s, e, line, nxt)
            self.prev_tail = text[max(s, e - 20):e]
        if self.pending:
            self._flush_pending_as_body()
        return self.nodes


def _toc_key(line: str, pat: "_Patterns") -> str | None:
    """What a table-of-contents entry and its real provision share: "chapter 1", "12"."""
    for _spec, rx in pat.containers:
        m = rx.match(line[:200])
        if m and line[:1].isupper():
            return f"{m.group('word').lower()} {m.group('num')}"
    m = pat.article.match(line[:200])
    if m and line[:1].isupper():
        return f"art {m.group('num')}"
    m = _BARE_SEC.match(line[:200])
    if m:
        return m.group("num")
    return None


def _alineas(nodes: list[_Node], text: str) -> list[_Node]:
    """Split childless articles with several body lines into AKN alinéas (al_1, al_2 ...)."""
    out: list[_Node] = []
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
                al = _Node("alinea", "alinea", "al", None, None, spans=[(s, e)], parent=me)
                n.n_children += 1
                out.append(al)
    return out


def _kinds_and_ids(nodes: list[_Node], pat: _Patterns) -> list[Provision]:
    levels = pat.section_levels
    # depth of each enum below its nearest section/article, and which it is
    info: list[tuple[str | None, int]] = []
    arabic_child = [False] * len(nodes)
    for n in nodes:
        if n.parent is not None and n.cls == "enum" and _FAMILY.get(n.style or "") == "arabic":
            arabic_child[n.parent] = True
    # a section whose "(a)" level holds "(1)"s numbers like the US Code: (a) is a subsection
    us_style = [False] * len(nodes)
    for i, n in enumerate(nodes):
        if n.parent is not None and arabic_child[i] and _FAMILY.get(n.style or "") == "alpha":
            us_style[n.parent] = True
    for i, n in enumerate(nodes):
        p = n.parent
        if n.cls == "enum":
            # "(a)" straight under a section is a paragraph (UK, Canada) unless it holds "(1)"s (US Code)
            first = 2 if _FAMILY.get(n.style or "") in ("alpha", "roman") and not (
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
                spec = pat.article_levels[_FAMILY.get(n.style or "", "arabic")]
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
    eids: list[str] = []
    seen: dict[str, int] = {}
    ordinals: dict[tuple[int | None, str], int] = {}
    out: list[Provision] = []
    depth: list[int] = []
    for i, n in enumerate(nodes):
        p = n.parent
        if n.cls == "preface" and n.element == "preface":
            part = "preface"
        elif n.cls == "def" and n.heading:
            slug = re.sub(r"[^\w]+", "_", n.heading.lower(), flags=re.U).strip("_")[:60] or "nn"
            part = "def_" + re.sub(r"_+", "_", slug)
        elif n.num:
            part = f"{n.element}_{clean_num(n.num)}"
        else:
            key = (p, n.element)
            ordinals[key] = ordinals.get(key, 0) + 1
            part = f"{n.element}_{ordinals[key]}" if n.element not in ("nn", "") else f"nn_{ordinals[key]}"
        eid = part if p is None else f"{eids[p]}__{part}"
        if eid in seen:
            seen[eid] += 1
            eid2 = f"{eid}_{seen[eid]}"
            while eid2 in seen:
                seen[eid] += 1
                eid2 = f"{eid}_{seen[eid]}"
            eid = eid2
        seen.setdefault(eid, 1)
        eids.append(eid)
        d = 0 if p is None else depth[p] + 1
        depth.append(d)
        spans = sorted(n.spans)
        start = spans[0][0] if spans else None
        end = spans[-1][1] if spans else None
        out.append(Provision(eid=eid, kind=n.kind, num=n.num, heading=n.heading,
                             start=start if start is not None else -1, end=end if end is not None else -1,
                             own_spans=spans, parent=None if p is None else eids[p], depth=d))
    # whole-node extents: propagate children to parents, children come after parents
    index = {i: nodes[i].parent for i in range(len(nodes))}
    for i in range(len(out) - 1, -1, -1):
        pr = out[i]
        p = index[i]
        if pr.start < 0:  # no own text (should not happen) -> empty node at its first child
            continue
        if p is not None:
            pp = out[p]
            pp.start = pr.start if pp.start < 0 else min(pp.start, pr.start)
            pp.end = max(pp.end, pr.end)
    for pr in out:
        if pr.start < 0:
            pr.start = pr.end = 0
    return out


def segment(doc: Document) -> list[Provision]:
    """The provision tree of ``doc`` in document pre-order (containers included)."""
    pat = load_patterns()
    nodes = _Segmenter(doc.text, pat).run()
    nodes = _alineas(nodes, doc.text)
    return _kinds_and_ids(nodes, pat)
