"""The open-provision stack that every line handler reads and changes.

A ``Node`` is one provision being built (its own text spans, number, numbering style); the
stack holds the indices of the open ones, outermost first. Depth is bounded by the number of
distinct numbering styles (and by ``MAX_DEPTH`` for degenerate input), so each line costs
O(depth).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.segment.patterns import Patterns, INTRO_END

MAX_DEPTH = 200  # safety net; real statutes stay below 12


@dataclass
class Node:
    cls: str  # preface | container | section | article | enum | def | hanging | crossheading | alinea
    kind: str
    element: str
    num: str | None
    heading: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    parent: int | None = None
    style: str | None = None  # numbering style of an enumerator
    value: int | None = None
    rank: float = 99  # containers only
    last_text: str = ""  # tail of the last own line: decides where continuation text goes
    body_spans: int = 0  # own lines that are body text (alinéa candidates)
    intro: bool = False  # own text before any child ends like a list chapeau ("who—", ":")
    n_children: int = 0


class StackState:
    """The nodes made so far, the open stack and the look-around a handler may consult."""

    def __init__(self, text: str, pat: Patterns):
        self.text = text
        self.pat = pat
        self.nodes: list[Node] = []
        self.stack: list[int] = []
        self.pending: list[tuple[int, int]] = []  # candidate heading lines awaiting a number
        self.repeated: list[tuple[int, int]] = []  # an open container's line printed again (running header)
        self.last_section_value: int | None = None
        self.last_section_num: str | None = None  # printed number of the last section ("568.010")
        self.has_articles = False  # the document's units are articles (lines.py decides)
        self.sign_sections = False  # ... or "§" units, so bare numbers are list items
        self.ranks: dict[str, float] = {}  # container kind -> rank, as this document nests them (ranks.py)
        self.nxt2: str | None = None
        self.prev_tail = ""  # last characters of the previous line
        self.prev_line = ""  # the previous line, whole
        self.prev_handler = ""  # the line handler that took the previous line
        self.all_lines: list[tuple[int, int]] = []  # (start, end) of every non-blank line
        self.line_no = 0  # index of the line being read in all_lines
        self.blank_before = False  # an empty line separates this line from the previous one
        self.cur_nxt: str | None = None
        self.heading_next_for: int | None = None
        self.dotted_parent: int | None = None  # section divided into "2.1", "2.2" ...  # node whose heading is the next line

    def _new(self, node: Node, parent: int | None) -> int:
        node.parent = parent
        if parent is not None:
            self.nodes[parent].n_children += 1
        self.nodes.append(node)
        return len(self.nodes) - 1

    def _top(self) -> Node | None:
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
            n.intro = bool(INTRO_END.search(n.last_text))
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

    def _push(self, node: Node, parent: int | None) -> int:
        if len(self.stack) >= MAX_DEPTH:  # degenerate input: keep siblings at max depth
            self.stack.pop()
            parent = self._parent()
        idx = self._new(node, parent)
        self.stack.append(idx)
        return idx

    def _find_style(self, style: str) -> int | None:
        for k in range(len(self.stack) - 1, -1, -1):
            n = self.nodes[self.stack[k]]
            if n.cls in ("section", "article", "container"):
                return None
            if n.cls == "enum" and n.style == style:
                return k
        return None
