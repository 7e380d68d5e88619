"""Unnumbered lines: body text, wrap-ups after lists, definitions, headings waiting for a number."""
from __future__ import annotations

from pipeline.segment.patterns import DOT_ARABIC, ENUMS, LIST_END
from pipeline.segment.state import Node, StackState


class BodyHandling(StackState):
    """Where a line without a number of its own goes."""

    # ---- pending headings: lines that may be the heading of the next numbered node --------
    def _flush_pending_as_body(self) -> None:
        pend, self.pending = self.pending, []
        for s, e in pend:
            self._body(s, e)

    def _take_heading(self, cross: bool = True) -> tuple[str | None, tuple[int, int] | None]:
        """Last pending line becomes the heading of the next node; earlier ones are cross-headings
        (``cross``), or, above an enumerator, text of the open provision: notes printed inside an
        article ("Straipsnio dalies pakeitimai:" / "Nr. 2015-03-19 ...") above its "2." do not end it."""
        if not self.pending:
            return None, None
        pend, self.pending = self.pending, []
        for s, e in pend[:-1]:
            if cross:
                self._crossheading(s, e)
            else:
                self._body(s, e)
        s, e = pend[-1]
        return self.text[s:e].strip(), (s, e)

    def _crossheading(self, s: int, e: int) -> None:
        if not self.nodes:
            self._body(s, e)  # still in the preface
            return
        self._pop_to_containers()
        idx = self._new(Node("crossheading", "crossheading", "crossHeading", None, self.text[s:e].strip()),
                        self._parent())
        self._add_span(idx, s, e)

    # ---- body text and definitions ---------------------------------------------------------
    def _body(self, s: int, e: int) -> None:
        """Unnumbered text: own text of the open node, or the wrap-up of a list's owner."""
        if not self.stack:
            if self.nodes and self.nodes[-1].cls == "preface" and self.nodes[-1].parent is None:
                self._add_span(len(self.nodes) - 1, s, e)
                return
            if not self.nodes:
                idx = self._new(Node("preface", "preface", "preface", None, None), None)
                self._add_span(idx, s, e)
                return
            idx = self._new(Node("preface", "preface", "nn", None, None), None)  # stray root text
            self._add_span(idx, s, e)
            return
        # Lower-case continuation after a list ("shall be fined ..."), or a new sentence after a
        # list whose last item closed with a full stop, wraps up the list's owner.
        top = self.nodes[self.stack[-1]]
        tail = top.last_text.rstrip()
        if top.cls in ("enum", "def") and not self.text[s:s + 1].isupper() and (
                tail[-1:].isalnum() or (tail.endswith(",") and (self._next_is_sibling_of(top)
                                                                 or self._next_opens_a_list()
                                                                 or self._first_item(self.stack[-1])))):
            self._add_span(self.stack[-1], s, e, body=True)  # a line wrapped mid-sentence (PDF)
            return
        lower = self.text[s:s + 1].islower()
        if lower or (top.cls == "enum" and top.last_text.rstrip().endswith(".") and self.text[s:s + 1].isupper()):
            for k in range(len(self.stack) - 1, -1, -1):
                n = self.nodes[self.stack[k]]
                if n.cls in ("section", "article", "container"):
                    break
                # the list's owner announced it ("who—"), or, for a lower-case run-on, owns the list just ended
                if n.n_children and (n.intro or (lower and k == len(self.stack) - 2 and not top.intro)):
                    del self.stack[k + 1:]
                    self._add_span(self.stack[-1], s, e, body=True)
                    return
        # A list item that ended with ';' / '; or' is closed: the text belongs to its owner.
        while len(self.stack) > 1:
            top = self.nodes[self.stack[-1]]
            if top.cls in ("enum", "def") and LIST_END.search(top.last_text) and self._ends_like_a_list(self.stack[-1]):
                self.stack.pop()
            else:
                break
        self._add_span(self.stack[-1], s, e, body=True)

    def _ends_like_a_list(self, idx: int) -> bool:
        """Is enumerator ``idx``, whose line ends in ',' or ';', an item of a list? So when its owner
        is an item itself, or its previous sibling ended alike, or it is the first item.
        "(2) Schon nach ... Freiheitsstrafe," right under a section, after a "(1)" that did not end
        so, is a hard-wrapped subsection: the text below it is still its own."""
        node = self.nodes[idx]
        if node.cls != "enum" or node.parent is None:
            return True
        owner = self.nodes[node.parent]
        if owner.cls not in ("section", "article", "container"):
            return True
        # the previous sibling says more than the owner's chapeau: a hard-wrapped heading
        # ("... division. —" / "1. A person ...") ends like a chapeau without announcing a list
        for j in range(idx - 1, node.parent, -1):
            prev = self.nodes[j]
            if prev.parent == node.parent:
                return prev.cls != "enum" or bool(LIST_END.search(prev.last_text))
        return True

    def _first_item(self, idx: int) -> bool:
        """Is enumerator ``idx`` the first item of its list, with nothing below it yet? A lower-case
        line after it, its line ending in ',', continues it (hard-wrapped): no list of one item
        has a wrap-up."""
        node = self.nodes[idx]
        if node.cls != "enum" or node.n_children or node.parent is None:
            return False
        return not any(self.nodes[j].parent == node.parent and self.nodes[j].cls == "enum"
                       for j in range(idx - 1, node.parent, -1))

    def _next_opens_a_list(self) -> bool:
        """Does the next line open a list in a style no open level has? Then this line, after an
        item that ended with ',', is that item's chapeau wrapped ("... erforderlich sind," / "um" /
        "a) ..."), not a wrap-up of the list that holds the item."""
        nxt = self.cur_nxt
        if not nxt:
            return False
        open_styles = {(self.nodes[i].style or "").replace("-roman", "") for i in self.stack}
        for name, rx in ENUMS:
            if rx.match(nxt):
                return name not in open_styles
        return bool(DOT_ARABIC.match(nxt)) and "dot-arabic" not in open_styles

    def _next_is_sibling_of(self, top: Node) -> bool:
        """Does the next line continue top's list? Then a line ending in ',' was wrapped, not a wrap-up."""
        nxt = self.cur_nxt
        if not nxt or top.style is None:
            return False
        base = top.style.replace("-roman", "")
        for name, rx in ENUMS:
            if rx.match(nxt):
                return name == base
        return bool(DOT_ARABIC.match(nxt)) and base == "dot-arabic"

    def _definition(self, s: int, e: int, term: str) -> None:
        # sibling of an open definition, else child of the open node
        for k in range(len(self.stack) - 1, -1, -1):
            cls = self.nodes[self.stack[k]].cls
            if cls == "def":
                del self.stack[k:]
                break
            if cls != "enum":
                break
        node = Node("def", "definition", "def", None, None)
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
