"""The line machine: one pass over the lines, each line offered to an ordered list of handlers.

WHY an ordered list: precedence between readings of a line is the segmenter's main decision
("Article 5" before "5." before "(5)" before body text). ``LINE_HANDLERS`` (and
``INLINE_HANDLERS`` for the rest of a line after a number) make that order visible; each
handler takes a ``Line`` and returns True when it consumed it, and leaves the state untouched
when it returns False, so each can be tested alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from pipeline.segment.enums import EnumHandling
from pipeline.segment.furniture import attach_furniture, split_furniture
from pipeline.segment.numbering import arabic_value, sequence_key
from pipeline.segment.patterns import (BARE_ARABIC, BARE_SEC, DASH, DOT_ARABIC, DOT_ARABIC_SUBLIST, ENUMS, NUM_PREFIX,
                                       REF_END, WRAPPED, heading_like, is_title_line, starts_capital)
from pipeline.segment.ranks import cascade_votes, document_ranks
from pipeline.segment.state import Node
from pipeline.segment.toc import toc_ranges

# "Article 679 du Code criminel", "Artikel 1 des Gesetzes", "section 5 of the Act": a reference
_OF = re.compile(r"(?:du|des|de|d[’']|of|to|in|der|dem|den|del|della|dello|da|do|dos|das|van|von|ust\.|odst\.)\b",
                 re.I)
_ARTICLE_NUM_END = ("", " ", "\t", ".", "-", ":", "–", "—", "°", "º")


@dataclass
class Line:
    """One stripped line (or the rest of a line after a number, ``inline``) and its look-ahead."""

    s: int
    e: int
    text: str
    nxt: str | None
    inline: bool = False

    @property
    def head(self) -> str:
        return self.text[:400]


class LineMachine(EnumHandling):
    """Builds the node list of one text; ``run()`` returns it."""

    # ---- structural keywords (whole lines only) --------------------------------------------
    def container_line(self, ln: Line) -> bool:
        for spec, rx in self.pat.containers:
            if spec.get("only_with_articles") and not self.has_articles:
                continue
            m = rx.match(ln.head)
            if m and spec.get("number_first") and not self._number_first_starts(ln.text, m.end()):
                continue
            if m and (starts_capital(ln.text) or spec.get("number_first")):
                r = self._container(spec, m, ln.s, ln.e, ln.text, ln.nxt)
                if r:
                    if r == "heading_next":
                        self.heading_next_for = self.stack[-1]
                    return True
        return False

    def article_line(self, ln: Line) -> bool:
        line = ln.text
        m = self.pat.article.match(ln.head)
        if m and not m.group("sep").strip() and _OF.match(line[m.end():]):
            return False  # "Article 679 du Code criminel", "Artikel 1 des Gesetzes": a reference, not an article
        if m and starts_capital(line) and line[m.end("num"):m.end("num") + 1] in _ARTICLE_NUM_END \
                and not self._wrapped_reference(m.group("num"), backwards=True):  # "... sanciones del" / "Artículo 253:"
            if self._section_like("article", m.group("num"), ln.s, ln.e, line, m.end(), ln.nxt, True):
                return True
        for rx in self.pat.article_extra:
            m = rx.match(ln.head)
            if m and self._section_like("article", m.group("num"), ln.s, ln.e, line, m.end(), ln.nxt, True):
                return True
        m = self.pat.article_after.match(ln.head) if self.pat.article_after else None
        if m and self._number_first_starts(line, m.end()) and self._section_like("article", m.group("num"), ln.s, ln.e, line, m.end(), ln.nxt, True):
            return True  # "1. člen", "3. gr."
        return False

    def section_keyword_line(self, ln: Line) -> bool:
        line = ln.text
        m = self.pat.section_kw.match(ln.head)
        if m and line[:1] == "§" and self._in_article():
            # "§ 1º" inside an article (Brazil, Poland) is a paragraph of that article
            if self._enum("para-sign", m.group("num"), ln.s, ln.e, m.end(), line, ln.nxt):
                return True
        if m and line[m.end("num"):m.end("num") + 1] == ",":
            return False  # "§§ 33, 33a und 36 dienen ...": a list of references
        if m and (starts_capital(line) or line[:1] == "§") and not self._wrapped_reference(m.group("num")):
            if self._section_like("section", m.group("num"), ln.s, ln.e, line, m.end(), ln.nxt, True):
                return True
        m = self.pat.section_after.match(ln.head)
        if m and not self._in_article() and (self._number_first_starts(line, m.end())  # "1 §" (Nordic), "12. §" (Hungarian)
                                             or self._next_after_blank(m.group("num"))):
            return self._section_like("section", m.group("num"), ln.s, ln.e, line, m.end(), ln.nxt, True)
        return False

    def hanging_line(self, ln: Line) -> bool:
        if ln.nxt is not None and BARE_SEC.match(ln.nxt) and len(ln.text) < 100 and heading_like(ln.text, 100) \
                and not re.search(r"[.:]\s*[—–-]", ln.text):
            return False  # "Exception — application to Minister" above "42.1 (1)": a marginal note
        for spec, rx in self.pat.hanging:
            m = rx.match(ln.head)
            if m and ln.text[:1].isupper():
                self._hanging(spec, m, ln.s, ln.e)
                return True
        return False

    def numbered_article_heading(self, ln: Line) -> bool:
        """Swiss "Art. 197" / "4. Pornographie": a numbered heading line right below the article."""
        top = self._top()
        line = ln.text
        if top is not None and top.cls == "article" and top.heading is None and len(top.spans) == 1 \
                and not top.n_children and NUM_PREFIX.match(ln.head) and len(line) <= 60 \
                and heading_like(NUM_PREFIX.sub("", line, count=1)) and ln.nxt is not None \
                and self._numbered_kind(ln.nxt):
            top.heading = line.strip()
            self._add_span(self.stack[-1], ln.s, ln.e)
            return True
        return False

    # ---- numbers without keywords (whole lines and rests of lines) -------------------------
    def inline_paragraph_sign(self, ln: Line) -> bool:
        if ln.text[:1] == "§" and self._in_article():
            m = self.pat.section_kw.match(ln.head)
            if m and self._enum("para-sign", m.group("num"), ln.s, ln.e, m.end(), ln.text, ln.nxt):
                return True
        return False

    def bare_section_line(self, ln: Line) -> bool:
        m = BARE_SEC.match(ln.head)
        if m and self._dotted_subdivision(m.group("num"), ln.text[m.end():].lstrip()):
            # "2.1" / "3.1.2" inside section 2 / 3: numbered subdivisions of the open section
            depth = m.group("num").count(".")
            self.dotted_parent = self.stack[self._structural_index()]
            return self._enum(f"dotted{depth}", m.group("num").rsplit(".", 1)[1], ln.s, ln.e, m.end(), ln.text, ln.nxt)
        if m and not self._in_article() and not self.sign_sections \
                and not (self.has_articles and m.group("dot") and "." not in m.group("num")):
            verdict = self._bare_section(m, ln.text, ln.nxt)
            if verdict is not None and self._section_like("section", m.group("num"), ln.s, ln.e, ln.text, m.end(),
                                                          ln.nxt, verdict):
                return True
        return False

    def _wrapped_reference(self, num: str, backwards: bool = False) -> bool:
        """"... nach\n§ 44 gilt entsprechend": a keyword number at the start of a line that continues
        a sentence (no blank line, no heading waiting) and is not the next number in sequence
        (``backwards``: that goes back behind the open article, "... del" / "Artículo 253:" in 254)."""
        if self.pending or self.blank_before or not WRAPPED.search(self.prev_tail):
            return False
        k = self._structural_index()
        cur = self.nodes[self.stack[k]] if k >= 0 else None
        v = arabic_value(num)
        last = arabic_value(cur.num) if cur is not None and cur.cls == "article" and cur.num else self.last_section_value
        if backwards:  # an article keyword: only a number behind the open article's is a reference
            return v is not None and last is not None and v < last
        return not (v is not None and last is not None and last < v <= last + 3)

    def _number_first_starts(self, line: str, end: int) -> bool:
        """"11 a § eller försök": a number-first unit ("5 §", "2 kap.", "3. člen") is no reference
        wrapped onto a new line: the line above ended a sentence and its own text starts afresh."""
        rest = line[end:].lstrip()
        return (bool(self.pending) or not WRAPPED.search(self.prev_tail)) and not rest[:1].islower()

    def _next_after_blank(self, num: str) -> bool:
        """"7 § har upphävts ...": after a blank line, the next number in sequence opens a unit
        even when its text starts in lower case."""
        v, last = arabic_value(num), self.last_section_value
        return self.blank_before and v is not None and last is not None and v == last + 1

    def _dotted_subdivision(self, num: str, rest: str) -> bool:
        """Is ``num`` ("2.1") a subdivision of the open section ("2")?"""
        if "." not in num:
            return False
        k = self._structural_index()
        top = self.nodes[self.stack[k]] if k >= 0 else None
        if top is None or top.cls != "section" or top.num is None or num.split(".", 1)[0] != top.num.rstrip("."):
            return False
        # "3 The purpose ..." then "3.1 The protection ...": a section inserted later (Canada), not a part of 3;
        # only a section whose own text is its heading, or that already holds "3.1", or a "3.1" with no
        # marginal note above it right after a section without subsections, is divided so
        if rest.startswith("(1)"):
            return False  # "50.1 (1) ...": a section of its own with subsections (inserted later)
        return self.dotted_parent == self.stack[k] or (not top.body_spans and not top.n_children) \
            or (not self.pending and not top.n_children and not rest.startswith("["))

    def enumerator_line(self, ln: Line) -> bool:
        if not ln.inline and not self.blank_before and REF_END.search(self.prev_tail):
            return False  # "... in terms of subsection\n(1) must": a wrapped reference, not an enumerator
            # (after a blank line, "In this section" / "(1) the term ..." is a chapeau and its list)
        m = self.pat.paragraph_word.match(ln.head) if self.pat.paragraph_word else None
        if m and self._enum("word-arabic", m.group(1), ln.s, ln.e, m.end(), ln.text, ln.nxt):
            return True  # "Stk. 2."
        for base, rx in ENUMS:
            m = rx.match(ln.head)
            if m and self._enum(base, m.group(1), ln.s, ln.e, m.end(), ln.text, ln.nxt):
                return True
        m = DOT_ARABIC.match(ln.head) or self._next_item_with_sublist(ln.head)
        return bool(m) and self._enum("dot-arabic", m.group(1), ln.s, ln.e, m.end(), ln.text, ln.nxt)

    def _next_item_with_sublist(self, head: str) -> re.Match | None:
        """"6. (1) If ...": the next "N." item of the open section's list, its own list on the same line."""
        m = DOT_ARABIC_SUBLIST.match(head)
        if not m:
            return None
        v = int(m.group(1))
        last = self.last_section_value
        if last is not None and last < v <= last + 3:
            return None  # "2. (1) ..." after section 1: the next section, as the numbering goes
        k = self._find_style("dot-arabic")
        return m if (self.nodes[self.stack[k]].value == v - 1 if k is not None else self._list_ended_at(v - 1)) else None

    def bare_arabic_in_article(self, ln: Line) -> bool:
        """German "1 Wer", Portuguese "1 - Quem": a bare number inside an article, in sequence only."""
        if not self._in_article():
            return False
        m = BARE_ARABIC.match(ln.head)
        if m:
            v = int(m.group(1))
            k = self._find_style("dot-arabic")
            okv = (v == 1 and k is None) or (k is not None and self.nodes[self.stack[k]].value == v - 1)
            if okv and self._enum("dot-arabic", m.group(1), ln.s, ln.e, m.end(), ln.text, ln.nxt):
                return True
        return False

    def dash_line(self, ln: Line) -> bool:
        if DASH.match(ln.head):
            self._enum("dash", "-", ln.s, ln.e, 1, ln.text, ln.nxt)
            return True
        return False

    def inline_rest(self, ln: Line) -> bool:
        """The rest of a numbered line that holds no further number: the new node's own text."""
        if self.stack:
            self._add_span(self.stack[-1], ln.s, ln.e, body=True)
        else:
            self._body(ln.s, ln.e)
        return True

    # ---- unnumbered whole lines -------------------------------------------------------------
    def definition_line(self, ln: Line) -> bool:
        term = self._is_definition(ln.text)
        if term:
            if self.pending:
                self._flush_pending_as_body()
            self._definition(ln.s, ln.e, term)
            return True
        return False

    def heading_of_opened_node(self, ln: Line) -> bool:
        """The heading printed below a container's number ("PART II" / "OFFENCES")."""
        hn = self.heading_next_for
        if hn is not None:
            self.heading_next_for = None
            if self.stack and self.stack[-1] == hn and self.nodes[hn].heading is None:
                self.nodes[hn].heading = ln.text.strip()
                self._add_span(hn, ln.s, ln.e)
                return True
        return False

    def heading_below_number(self, ln: Line) -> bool:
        """"Article 3" / "Definitions": a heading line right below a bare section or article number."""
        top = self._top()
        line = ln.text
        if top is not None and top.cls in ("article", "section") and top.heading is None and not top.body_spans \
                and len(top.spans) == 1 and (heading_like(line, 200) or (line.startswith("(") and line.endswith(")")
                                                                          and len(line) < 200)):
            top.heading = line.strip()
            self._add_span(self.stack[-1], ln.s, ln.e)
            return True
        return False

    def heading_above_number(self, ln: Line) -> bool:
        """A heading-like line (or marginal note) above a numbered line waits for that number; not
        one that continues a sentence the line above left open ("... kann das Gericht die" /
        "Vollstreckung des Restes aussetzen, wenn" / "1. ...")."""
        line, nxt = ln.text, ln.nxt
        if not self.pending and not self.blank_before and WRAPPED.search(self.prev_tail):
            return False
        if nxt is not None and (heading_like(line) and (self._numbered_kind(nxt) or (
                self.nxt2 is not None and heading_like(nxt) and self._numbered_kind(self.nxt2)))
                                or self._marginal_note(line, nxt)):
            self.pending.append((ln.s, ln.e))
            return True
        return False

    def flush_pending(self, ln: Line) -> bool:
        """No number followed: lines that waited for one are body text after all."""
        if self.pending:
            self._flush_pending_as_body()
        return False

    def container_heading_continued(self, ln: Line) -> bool:
        """"TÍTULO QUINTO" / "EXTINCIÓN DE LA PRETENSIÓN PUNITIVA Y DE LA POTESTAD DE EJECUTAR" /
        "LAS PENAS Y MEDIDAS DE SEGURIDAD": a capitals line right below the heading of a container
        that holds nothing yet continues that heading."""
        top = self._top()
        if top is None or top.cls != "container" or top.n_children or top.heading is None \
                or self.prev_handler not in ("container", "heading-of-opened-node", "container-heading-continued") \
                or not (is_title_line(ln.text) or (ln.text.isupper() and len(ln.text) < 200)):
            return False
        top.heading = f"{top.heading} {ln.text.strip()}"
        self._add_span(self.stack[-1], ln.s, ln.e)
        return True

    def title_block(self, ln: Line) -> bool:
        """An all-capitals title ends the open provisions: the next notice or translation begins;
        not when the next unit continues the open one's numbering ("Artículo 151" / "PROCESOS
        CONSTITUCIONALES" / "Artículo 151-A": a stray banner inside the same statute)."""
        if self.stack and is_title_line(ln.text) and not (ln.nxt is not None and self._numbered_kind(ln.nxt)) \
                and not self._numbering_continues():
            self.stack.clear()
            self._push(Node("block", "hcontainer", "hcontainer", None, ln.text.strip()), None)
            self._add_span(self.stack[-1], ln.s, ln.e)
            return True
        return False

    def _numbering_continues(self) -> bool:
        """Does the next numbered line (a few lines on) carry the open section's or article's number
        or one just after it?"""
        k = self._structural_index()
        cur = self.nodes[self.stack[k]] if k >= 0 else None
        a = arabic_value(cur.num) if cur is not None and cur.cls in ("section", "article") and cur.num else None
        if a is None:
            return False
        for s, e in self.all_lines[self.line_no + 1:self.line_no + 12]:
            head = self.text[s:min(e, s + 200)]
            m = self.pat.article.match(head) or self.pat.section_kw.match(head) or BARE_SEC.match(head)
            if m:
                b = arabic_value(m.group("num"))
                return b is not None and a <= b <= a + 3
        return False

    def body_line(self, ln: Line) -> bool:
        self._body(ln.s, ln.e)
        return True

    # ---- dispatcher ------------------------------------------------------------------------
    def _line(self, s: int, e: int, line: str, nxt: str | None, inline: bool = False) -> str:
        """Offer the line to each handler in turn; the name of the one that took it."""
        self.cur_nxt = nxt
        ln = Line(s, e, line, nxt, inline)
        for name, handler in (INLINE_HANDLERS if inline else LINE_HANDLERS):
            if handler(self, ln):
                return name
        return ""

    def _numbering_scheme(self, text: str, lines: list[tuple[int, int]]) -> None:
        """What numbers this document's units, read from the sequence as a whole: articles when
        article lines follow each other in sequence (a lone "Article 679 du Code criminel" note
        above section 20 does not make an Act of articles); "§" when at least three lines open a
        § unit, so a bare "1." there is a list item, never a section."""
        values: list[tuple[str, int] | None] = []
        signs = 0
        for s, e in lines[:20000]:
            head = text[s:min(e, s + 60)]
            if self._article_start(head):
                m = self.pat.article.match(head)
                values.append(sequence_key(m.group("num")) if m else None)
            if head[:1] == "§" and self.pat.section_kw.match(head) or self.pat.section_after.match(head):
                signs += 1
        seen: set[tuple[str, int]] = set()
        in_sequence = 0
        for v in values:  # 11, 12, 13 or 227-22, 227-23, 227-24: each follows its sibling
            if v is None or (v[0], v[1] - 1) in seen or v[1] == 1:
                in_sequence += 1
            if v is not None:
                seen.add(v)
        self.has_articles = bool(values) and (len(values) <= 3 or in_sequence >= max(2, len(values) // 2))
        self.sign_sections = signs >= 3
        self._container_ranks(text, lines)

    def _container_ranks(self, text: str, lines: list[tuple[int, int]]) -> None:
        """Ranks of the container kinds as this document nests them (see ``ranks``)."""
        events: list[str | None] = []
        for s, e in lines[:20000]:
            head = text[s:min(e, s + 200)]
            kind = next((spec["kind"] for spec, rx in self.pat.containers
                         if (starts_capital(head) or spec.get("number_first")) and rx.match(head)
                         and not (spec.get("only_with_articles") and not self.has_articles)), None)
            if kind is None and (self._article_start(head) or self.pat.section_kw.match(head) or BARE_SEC.match(head)):
                kind = ""
            events.append(kind)
        defaults = {spec["kind"]: spec["rank"] for spec, _ in self.pat.containers}
        self.ranks = document_ranks(defaults, cascade_votes(events))

    def _article_start(self, head: str) -> bool:
        """Does this line open an article ("Article 5", "Art. 5", "5. člen", "第五条")?"""
        pat = self.pat
        return bool((pat.article.match(head) and starts_capital(head))
                    or (pat.article_after is not None and pat.article_after.match(head))
                    or any(rx.match(head) for rx in pat.article_extra))

    def _toc_line(self, s: int, e: int, first: bool) -> None:
        if self.pending:
            self._flush_pending_as_body()
        if first:
            self._pop_to_containers()
            idx = self._push(Node("toc", "toc", "toc", None, self.text[s:e].strip()), self._parent())
        else:
            idx = self.stack[-1]
        self._add_span(idx, s, e)

    def run(self) -> list[Node]:
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
        lines, furniture, after_break = split_furniture(text, lines, self._keyword_line)
        self._numbering_scheme(text, lines)
        toc = toc_ranges(text, lines, self.pat)
        toc_i = 0
        self.all_lines = lines
        for i, (s, e) in enumerate(lines):
            self.line_no = i
            line = text[s:e]
            while toc_i < len(toc) and toc[toc_i][1] <= i:
                toc_i += 1
            if toc_i < len(toc) and toc[toc_i][0] <= i < toc[toc_i][1]:
                self._toc_line(s, e, first=(i == toc[toc_i][0]))
                self.prev_tail = ""
                continue
            if self.stack and self.nodes[self.stack[-1]].cls == "toc":
                self.stack.pop()  # the contents end: nothing after them is part of them
            nxt = None
            self.nxt2 = None
            if i + 2 < len(lines):
                ns, ne = lines[i + 2]
                self.nxt2 = text[ns:min(ne, ns + 400)]
            if i + 1 < len(lines):
                ns, ne = lines[i + 1]
                nxt = text[ns:min(ne, ns + 400)]
            # a page break between two lines is no blank line: the text runs on across it
            self.blank_before = i > 0 and text.count("\n", lines[i - 1][1], s) >= 2 and i not in after_break
            taken_by = self._line(s, e, line, nxt)
            if taken_by == "repeated-container":
                continue  # a running header: the text runs on across it as across a page break
            # a heading line ends nothing mid-sentence: the next line cannot be its wrapped tail
            self.prev_tail = "" if taken_by in HEADING_HANDLERS else text[max(s, e - 20):e]
            self.prev_line = line
            self.prev_handler = taken_by
        if self.pending:
            self._flush_pending_as_body()
        attach_furniture(self.nodes, sorted(furniture + self.repeated))
        return self.nodes

    def _keyword_line(self, line: str) -> bool:
        """Does the line open a unit by keyword (Part, Article, Section, §)?"""
        return self._article_start(line) or bool(self.pat.section_kw.match(line) and starts_capital(line)) \
            or bool(self.pat.section_after.match(line)) \
            or any((starts_capital(line) or spec.get("number_first")) and rx.match(line) for spec, rx in self.pat.containers)


Handler = Callable[[LineMachine, Line], bool]

# Precedence, first match wins. Keyword lines before bare numbers before enumerators before text.
LINE_HANDLERS: list[tuple[str, Handler]] = [
    ("repeated-container", LineMachine.repeated_container_line),
    ("container", LineMachine.container_line),
    ("article", LineMachine.article_line),
    ("section-keyword", LineMachine.section_keyword_line),
    ("hanging", LineMachine.hanging_line),
    ("numbered-article-heading", LineMachine.numbered_article_heading),
    ("bare-section", LineMachine.bare_section_line),
    ("enumerator", LineMachine.enumerator_line),
    ("bare-arabic-in-article", LineMachine.bare_arabic_in_article),
    ("dash", LineMachine.dash_line),
    ("definition", LineMachine.definition_line),
    ("heading-of-opened-node", LineMachine.heading_of_opened_node),
    ("heading-below-number", LineMachine.heading_below_number),
    ("heading-above-number", LineMachine.heading_above_number),
    ("flush-pending", LineMachine.flush_pending),
    ("container-heading-continued", LineMachine.container_heading_continued),
    ("title-block", LineMachine.title_block),
    ("body", LineMachine.body_line),
]
HEADING_HANDLERS = {"container", "numbered-article-heading", "heading-of-opened-node", "heading-below-number",
                    "container-heading-continued", "title-block"}
# The rest of a line after a section, article or enumerator number.
INLINE_HANDLERS: list[tuple[str, Handler]] = [
    ("paragraph-sign", LineMachine.inline_paragraph_sign),
    ("enumerator", LineMachine.enumerator_line),
    ("bare-arabic-in-article", LineMachine.bare_arabic_in_article),
    ("dash", LineMachine.dash_line),
    ("rest", LineMachine.inline_rest),
]
