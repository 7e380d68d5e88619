"""Structural lines: containers (Part, Chapter ...), sections and articles, hanging nodes.

WHY a bare number needs a verdict: ``12`` at the start of a line is a section in one Act and the
wrapped tail of "section\n12" in another; ``_bare_section`` weighs the numbering sequence, the
line above and the line below.
"""
from __future__ import annotations

import re

from pipeline.segment.body import BodyHandling
from pipeline.segment.numbering import arabic_value, clean_num, sequence_key
from pipeline.segment.patterns import (BARE_SEC, DASH, DATE_REST, ENUMS, FIRST_ITEM, HEAD_DELIM, INTRO_END, LEADER,
                                       NUM_PREFIX, WRAPPED, heading_like, is_title_line, starts_capital)
from pipeline.segment.state import Node


class StructureHandling(BodyHandling):
    """Open containers, sections, articles, explanations."""

    def _container(self, spec: dict, m: re.Match, s: int, e: int, line: str, nxt: str | None) -> bool:
        rest = line[m.end():].strip()
        if spec.get("alone") and rest and not m.group("sep").strip() and not line.isupper():
            return False  # "Schedule I offence" is a marginal note, "SCHEDULE I" a schedule
        heading = None
        heading_next = False
        if rest:
            if not (heading_like(rest, 200) or rest.isupper() or spec.get("number_first")) and not m.group("sep").strip():
                return False  # "Part 2 of this Act applies..." is a sentence, not a heading
            heading = rest
        elif nxt is not None and (heading_like(nxt, 200) or (nxt.isupper() and len(nxt) < 250)) \
                and not self._numbered_kind(nxt):
            heading_next = True
        self.pending and self._flush_pending_as_body()
        rank = self.ranks.get(spec["kind"], spec["rank"])
        # close open containers of equal or lower rank, and all sections below them
        while self.stack:
            n = self.nodes[self.stack[-1]]
            if n.cls == "container" and n.rank < rank:
                break
            self.stack.pop()
        if spec.get("restarts_numbering"):
            self.last_section_value = 0  # a schedule numbers its items afresh: "1" is next in sequence
        node = Node("container", spec["kind"], spec["element"], m.group("num"), heading, rank=rank)
        idx = self._push(node, self._parent())
        self._add_span(idx, s, e)
        return "heading_next" if heading_next else True

    def repeated_container_line(self, ln) -> bool:
        """"TÍTULO II" while Título II is open and holds text: a running header printed again on a
        new page, not a second Title II (a container is never opened by a page header)."""
        if self.pending or not self.stack:
            return False
        for spec, rx in self.pat.containers:
            m = rx.match(ln.head)
            if m and m.group("num") and (starts_capital(ln.text) or spec.get("number_first")):
                open_same = any(self.nodes[k].cls == "container" and self.nodes[k].kind == spec["kind"]
                                and (self.nodes[k].num or "").lower() == m.group("num").lower()
                                and self.nodes[k].n_children for k in self.stack)
                if open_same and self.nodes[self.stack[-1]].cls != "container":
                    self.repeated.append((ln.s, ln.e))
                    return True
                return False
        return False

    def _numbered_kind(self, line: str) -> bool:
        """Cheap test: does this line start with any number or keyword we know?"""
        pat = self.pat
        if BARE_SEC.match(line) or DASH.match(line) or pat.article.match(line) or pat.section_kw.match(line) \
                or pat.section_after.match(line) or (pat.article_after is not None and pat.article_after.match(line)) \
                or any(rx.match(line) for rx in pat.article_extra):
            return True
        return any(rx.match(line) for _, rx in ENUMS)

    def _marginal_note(self, line: str, nxt: str) -> bool:
        """"Possession of child sexual abuse material." above "6.—(1) Any person ...": Irish and
        older Commonwealth Acts end a section's marginal note with a full stop. Only a short,
        stand-alone line (the line above ended a sentence or was a title) directly above a
        numbered section counts, so the wrapped tail of a sentence is not taken for one."""
        if self.has_articles or not line.endswith(".") or line.endswith("..") or len(line.split()) > 12:
            return False
        above = self.prev_tail.rstrip()
        standalone = not above or above[-1:] in ".;:)" or is_title_line(above) or above.isupper()
        return standalone and heading_like(line[:-1], 120) and bool(BARE_SEC.match(nxt))

    def _section_like(self, cls: str, num: str, s: int, e: int, line: str, num_end: int, nxt: str | None,
                      strong: bool) -> bool:
        """Open a section or article. ``num_end`` = offset in ``line`` after number and separator.

        A weak bare number (``strong`` False) followed by prose is accepted only as the next
        section in sequence; a refusal returns False and changes nothing."""
        num_end += self._label_printed_again(num, line[num_end:])
        rest = line[num_end:]
        if self._repeats_open_number(num, s, e, line, num_end, nxt):
            return True
        demote = self._pending_is_crossheading(rest, nxt)
        has_heading = bool(self.pending) and not demote
        own_heading, body_off = self._own_heading(cls, rest, num_end, nxt, has_heading)
        if cls == "section" and not strong and not has_heading and own_heading is None \
                and body_off is not None and not rest.strip().startswith("("):
            v = arabic_value(num)
            if self.last_section_value is None or v is None or not (
                    self.last_section_value < v <= self.last_section_value + 3):
                return False
        if demote:
            pend, self.pending = self.pending, []  # the lines above are a title or cross-heading
            for ps, pe in pend:
                self._crossheading(ps, pe)
        heading, hspan = self._take_heading()
        self._pop_to_containers()
        spec_kind, element = ("article", "art") if cls == "article" else ("section", "sec")
        node = Node(cls, spec_kind, element, num, heading or own_heading)
        idx = self._push(node, self._parent())
        if hspan:
            self._add_span(idx, *hspan)
        if cls == "section":  # a range "199 to 203" ends at 203
            self.last_section_value = arabic_value(re.split(r"\s(?:to|and|à|et)\s", num)[-1])
            self.last_section_num = num
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

    def _label_printed_again(self, num: str, rest: str) -> int:
        """"38.1. pants. 38. 1 pants. Probācijas ...": the same label printed again right after the
        number (a converted superscript) is part of the number line; its length, else 0."""
        digits = re.sub(r"\D", "", num)
        if not digits or not rest.lstrip()[:1].isdigit():
            return 0
        words = self.pat.unit_words
        m = re.match(r"\s*" + r"[\s.]{0,2}".join(digits) + rf"\.?\s*(?i:{words})(?![\w])\.?\s*", rest)
        return m.end() if m else 0

    def _repeats_open_number(self, num: str, s: int, e: int, line: str, num_end: int, nxt: str | None) -> bool:
        """"#### Artículo 268" then "ART. 268. Derogado.": a number printed again right below
        itself (a converted heading above the official text, or the same line printed twice)
        continues the same unit."""
        top = self._top()
        twice = line == self.prev_line
        if top is None or top.cls not in ("section", "article") or top.n_children or (top.body_spans and not twice) \
                or top.num is None or clean_num(top.num).lower() != clean_num(num).lower() or self.pending:
            return False
        idx = self.stack[-1]
        self._add_span(idx, s, s + num_end)
        rest = line[num_end:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            self._line(s + num_end + lead, e, rest.strip(), nxt, inline=True)
        return True

    def _pending_is_crossheading(self, rest: str, nxt: str | None) -> bool:
        """Are the lines waiting above this number a title or cross-heading, not its heading?
        So when the number's line has its own heading, or one follows, or the document opens
        with the statute's title."""
        if not self.pending:
            return False
        nxt_cont = nxt is not None and nxt[:1].islower()  # the line runs on: its rest is prose
        d = HEAD_DELIM.search(rest[:400])
        own_line_heading = (not nxt_cont and len(rest.strip()) <= 100 and not d
                            and heading_like(NUM_PREFIX.sub("", rest.strip(), count=1), 250)) \
            or (d is not None and d.start() > 0 and heading_like(rest[:d.start()].strip() + "x", 250))
        # a bare number whose heading follows it ("Artigo 10.º" / "Materiais ...", "Section 5" / "Offences")
        heading_follows = not rest.strip() and nxt is not None and not self._numbered_kind(nxt) \
            and (heading_like(nxt, 200) or (nxt.startswith("(") and nxt.endswith(")") and len(nxt) < 200))
        # the document's opening line names the statute ("Código Penal", "Crimes Act 1958")
        opening_title = not self.nodes and bool(self.pat.statute_title.search(self.text[slice(*self.pending[-1])]))
        return own_line_heading or heading_follows or opening_title

    def _own_heading(self, cls: str, rest: str, num_end: int, nxt: str | None,
                     has_heading: bool) -> tuple[str | None, int | None]:
        """The heading printed on the number's own line, and where its body starts on that line
        (None: the whole line is number and heading)."""
        stripped = rest.strip()
        if not stripped:
            return None, None
        if (stripped[0] == "(" and cls == "section" and re.match(r"\(\w{1,4}\)", stripped)) \
                or (cls == "article" and re.match(r"§\s*\d", stripped)):
            return None, num_end  # "24. (1) A person" / "Art. 383bis. § 1er. Quiconque" -> on the same line
        if has_heading:
            return None, num_end
        nxt_cont = nxt is not None and nxt[:1].islower()
        d = HEAD_DELIM.search(rest[:400])
        if d and d.start() > 0 and heading_like(rest[:d.start()].strip() + "x", 250):
            return rest[:d.start()].strip(), num_end + d.end()
        if not nxt_cont and (
                (heading_like(NUM_PREFIX.sub("", stripped, count=1), 250)
                 or (stripped[0].isupper() and stripped.endswith(".") and len(stripped) <= 150 and nxt is not None
                     and self._starts_enum(nxt)))
                and not INTRO_END.search(stripped)):
            return stripped, None
        if stripped.startswith("(") and stripped.endswith(")") and len(stripped) < 200:
            return stripped, None
        return None, num_end

    def _bare_section(self, m: re.Match, line: str, nxt: str | None) -> bool | None:
        """Is a line starting with a bare number a section? None = no; True = sure; False = only in sequence."""
        num, dot = m.group("num"), m.group("dot")
        rest = line[m.end():].strip()
        if LEADER.search(line[-200:]):
            return None  # table-of-contents line "12. Offences ........ 7"
        v = arabic_value(num)
        last = self.last_section_value
        succ = (last is not None and v is not None and last < v <= last + 3) or self._follows_in_series(num)
        first_ok = last is None and v is not None and v <= 3
        nxt_enum = nxt is not None and self._starts_enum(nxt)
        top = self._top()
        under_enum = top is not None and top.cls in ("enum", "def")
        if DATE_REST.match(rest):
            return None  # "24 June 2005"
        if v is not None and last is not None and v < last and top is not None and top.cls == "section" \
                and not top.n_children and "." not in num:
            return None  # "1." opening section 568.040: no section numbers backwards, it divides that section
        d = HEAD_DELIM.search(rest[:200])
        if dot and d and d.start() > 0 and heading_like(rest[:d.start()].strip() + "x", 200) \
                and (last is None or v is None or v > last):
            return True  # "66. Punishment for cheating.—Whoever ...": a section with its heading
        if self.blank_before and last is not None and v == last + 1 and (not rest or heading_like(rest, 200)):
            return True  # "33. Warrant of apprehension" after a blank line: the next section, whatever came before
        if not self.pending and not self.blank_before and WRAPPED.search(self.prev_tail):
            return None  # "... contemplated in section\n16": a wrapped line, not a new section
        # a marginal note before the number (Canada) counts only for a plausible next number:
        # gazettes put notice numbers and dates under headings too
        nxt_leader = nxt is not None and bool(LEADER.search(nxt[-200:]))
        pend_ok = bool(self.pending) and (succ or (last is None and not nxt_leader and (v or 0) < 1000))
        if dot and "." not in num and not num[-1].isalpha():
            if self._find_style("dot-arabic") is not None:
                return None  # "2." next to an open "1." list
            if under_enum and not rest.startswith("(") and not succ and not pend_ok \
                    and not (first_ok and heading_like(rest, 120)):
                return None  # German "1." Nummer under "(1)"
        if not rest:
            # "568.010." / "Bigamy — penalty" / "1. A married ...": the number, its heading below, its text
            heading_below = nxt is not None and heading_like(nxt, 200) and not self._numbered_kind(nxt) \
                and self.nxt2 is not None and self._numbered_kind(self.nxt2)
            return True if (pend_ok or succ or nxt_enum or heading_below or (first_ok and nxt is not None
                                                                             and not self._numbered_kind(nxt))) else None
        if rest.startswith("(") or (rest.startswith("[") and (succ or first_ok)):
            return True  # "24 (1) A person", "204 [Repealed, 1995, c. 42, s. 61]" in sequence
        if "." in num or num[-1].isalpha():
            # "568.010. 1. A married person ...": the section's first subsection on its line
            return True if rest[:1].isupper() or rest[:1] in "\"“'[" or FIRST_ITEM.match(rest) else None
        if pend_ok or HEAD_DELIM.match(line[m.end():m.end() + 400]) \
                or re.match(r"[.:]\s*[—–]", line[m.end() - 1:m.end() + 4]):
            return True
        if nxt_leader:
            return None
        if heading_like(rest, 200) or (rest.endswith(".") and len(rest) <= 150 and rest[:1].isupper() and nxt_enum):
            return True if (nxt_enum or succ or first_ok) else None
        return False if succ else None

    def _follows_in_series(self, num: str) -> bool:
        """"568.020" after "568.010", "474.23" after "474.22": the next number of the open
        section's series (same stem, a higher place; series may skip numbers)."""
        a = sequence_key(self.last_section_num) if self.last_section_num and "." in self.last_section_num else None
        b = sequence_key(num) if "." in num else None
        return a is not None and b is not None and bool(a[0]) and a[0] == b[0] and a[1] < b[1] <= a[1] + 100

    def _list_ended_at(self, value: int) -> bool:
        """Is the open section's or article's last enumerator a "N." item numbered ``value``?
        ("5. ... felony." / "6. (1) If ...": the list goes on, whatever closed item 5)."""
        k = self._structural_index()
        if k < 0 or self.nodes[self.stack[k]].cls == "container":
            return False
        owner = self.stack[k]
        for j in range(len(self.nodes) - 1, owner, -1):
            n = self.nodes[j]
            if n.parent == owner and n.cls == "enum":
                return n.style == "dot-arabic" and n.value == value
        return False

    def _hanging(self, spec: dict, m: re.Match, s: int, e: int) -> None:
        if self.pending:
            self._flush_pending_as_body()
        # Explanations and illustrations qualify the whole section or article
        si = self._structural_index()
        while len(self.stack) > max(si + 1, 0):
            self.stack.pop()
        num = m.group("num") if "num" in m.groupdict() else None
        node = Node("hanging", spec["kind"], spec["element"], num, None)
        idx = self._push(node, self._parent())
        self._add_span(idx, s, e)
