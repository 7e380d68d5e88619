"""Enumerators: ``(1)``, ``(a)``, ``(i)``, ``a)``, ``1.``, ``II –``, dashes.

WHY styles and not depths: each open level remembers its numbering style and last value; a new
enumerator closes levels until it finds its own style (a sibling) or nests under the deepest open
node. Whether ``(i)`` is a letter or a roman numeral is decided by the open levels.
"""
from __future__ import annotations

import re

from pipeline.segment.numbering import alpha_value, arabic_value, roman_value
from pipeline.segment.patterns import DOT_ARABIC, ENUMS, HEAD_DELIM, heading_like
from pipeline.segment.sections import StructureHandling
from pipeline.segment.state import Node


class EnumHandling(StructureHandling):
    """Open enumerated levels below sections and articles."""

    def _starts_enum(self, line: str) -> bool:
        return any(rx.match(line) for _, rx in ENUMS[:3]) or bool(DOT_ARABIC.match(line))

    def _resolve_style(self, base: str, tok: str) -> tuple[str, int | None]:
        """Letter or roman? Decided by the open levels: ``(i)`` after ``(h)`` is a letter."""
        if base == "dash":
            return "dash", None
        if base == "word-arabic" and not tok[:1].isdigit():
            return base, 1  # "Parágrafo único": the sole (so first) paragraph
        if base in ("paren-arabic", "close-arabic", "dot-arabic", "bare-arabic", "para-sign", "word-arabic",
                    "ord-arabic"):
            return base, arabic_value(tok)
        if base.startswith("dotted"):
            return base, arabic_value(tok)
        if base == "dash-roman":
            return base, roman_value(tok)
        roman_style = base + "-roman"
        tok = tok.split(".", 1)[0]  # "(b.1)" inserted after "(b)" sits at b's place in the series
        rv = roman_value(tok)
        av = alpha_value(tok)
        if rv is None:
            return base, av
        if av is None:
            return roman_style, rv
        if rv == 1 and self._next_is_two(base):
            return roman_style, 1  # "(h) ..." / "(A) means" / "(i) ..." / "(ii) ...": the sequence says roman
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

    def _next_is_two(self, base: str) -> bool:
        """Is the next line "(ii)" in the same brackets? Then an "(i)" is roman one, whatever "(h)" is open."""
        nxt = self.cur_nxt
        m = next((rx.match(nxt) for name, rx in ENUMS if name == base), None) if nxt else None
        return bool(m) and m.group(1).lower() == "ii"

    def _find_style_in_sequence(self, style: str, value: int | None) -> int | None:
        """The open level a new enumerator continues: the deepest of its style, unless a higher
        one of the same style is the one it follows in sequence (siblings are consecutive:
        "3." after a list "1. 2. 3." inside item "2." is item 2's sibling)."""
        k = self._find_style(style)
        if value is None or style == "dash":
            return k
        if k is None:  # "4. ... a) b) / beschäftigt ... ist;" closed item 4: "5." continues its list
            for j in range(len(self.stack) - 1, max(self._structural_index(), 0) - 1, -1):
                c = self._last_enum_child(self.stack[j])
                if c is not None and self.nodes[c].style == style and self.nodes[c].value == value - 1:
                    del self.stack[j + 1:]
                    self.stack.append(c)
                    return j + 1
            return None
        last = self.nodes[self.stack[k]].value
        if last is not None and last + 1 == value:
            return k
        for j in range(k - 1, self._structural_index(), -1):
            n = self.nodes[self.stack[j]]
            if n.cls == "enum" and n.style == style and n.value is not None and n.value + 1 == value:
                return j
        # a note between items closed the list ("3. ..." / "Amended by ..." / "4. ..."): reopen it
        c = self._last_enum_child(self.stack[k])
        if c is not None and self.nodes[c].style == style and self.nodes[c].value == value - 1 \
                and last is not None and last + 1 != value:
            del self.stack[k + 1:]
            self.stack.append(c)
            return k + 1
        return k

    def _last_enum_child(self, owner: int) -> int | None:
        """The last enumerator printed directly under ``owner`` (None if its last child is another kind)."""
        for j in range(len(self.nodes) - 1, owner, -1):
            if self.nodes[j].parent == owner:
                return j if self.nodes[j].cls == "enum" else None
        return None

    def _earlier_in_series(self, style: str, value: int) -> bool:
        """Was the item before this one in its series ("c." before "d.") printed in the open unit?"""
        si = self._structural_index()
        stop = self.stack[si] if si >= 0 else -1
        for j in range(len(self.nodes) - 1, stop, -1):
            n = self.nodes[j]
            if n.cls == "enum" and n.style == style and n.value == value - 1:
                return True
        return False

    def _restarts_under(self, k: int, style: str, value: int | None) -> bool:
        """A "1." right after a same-style item whose own line announces a list ("may:") and that
        holds nothing yet opens a list inside that item, not a new series. (A chapeau printed as
        a separate unnumbered line after the item belongs to the article, not to the item.)"""
        n = self.nodes[self.stack[k]]
        return value == 1 and style != "dash" and k == len(self.stack) - 1 and n.n_children == 0 \
            and n.body_spans == 0 and n.intro and n.value is not None and n.value >= 1

    def _enum(self, base: str, tok: str, s: int, e: int, tok_end: int, line: str, nxt: str | None) -> bool:
        style, value = self._resolve_style(base, tok)
        if value is None and style != "dash":
            return False  # "NOTE. ..." or "(USA)" is no enumerator
        if base == "paren-arabic" and value is not None and value >= 1000 and not self._earlier_in_series(style, value):
            return False  # "(1998) Section was ruled unconstitutional": a year, not item 1998
        first = value == 1 or style == "dash"
        k = self._find_style_in_sequence(style, value)
        if k is None and base in ("dot-upper", "dot-lower") and value is not None and value >= 4 \
                and not self._earlier_in_series(style, value):
            return False  # "L. 31/1961, 1. gr.", "S. 12 of the Act": an abbreviation, no list opens at L
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
        if style in ("para-sign", "word-arabic") and k is None:
            del self.stack[self._structural_index() + 1:]  # "§ 1º", "Parágrafo único" belong to the article itself
        elif k is not None and self._restarts_under(k, style, value):
            del self.stack[k + 1:]  # "2. The court may:" then "1. ...": a list inside item 2
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
        heading, hspan = self._take_heading(cross=False) if self.pending else (None, None)
        node = Node("enum", "enum", "", tok if style == "dash" else line[:tok_end].strip().rstrip(" -–—"), heading,
                     style=style, value=value)
        if style == "dash":
            node.num = None
        elif style == "word-arabic":
            node.num = tok  # "Stk. 2." is subdivision 2
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
        d = HEAD_DELIM.search(rest[:200])
        if d and d.start() > 0 and heading_like(rest[:d.start()].strip() + "x", 120) and node.heading is None:
            node.heading = rest[:d.start()].strip()
        self._add_span(idx, s, e)
        return True
