"""HTML statutes: the text a browser shows, not the tags.

Reads: the decoded HTML source. Writes: nothing; ``html_to_text`` returns plain text in which
block elements (paragraphs, headings, list items, table rows, ``<br>``) end lines, table cells
are separated by a tab, and scripts, styles, navigation and the ``<head>`` are dropped. Whitespace inside a
block collapses to one space as a browser renders it, except in ``<pre>``.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
          "h6", "header", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary",
          "table", "tbody", "tfoot", "thead", "tr", "ul"}
CELLS = {"td", "th"}
DROPPED = {"script", "style", "head", "nav", "noscript", "template", "svg", "math", "iframe", "object", "button",
           "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.dropped = 0  # depth inside script/style/head...
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropped += 1
        elif tag == "br":
            self.newline(force=True)
        elif tag in BLOCKS:
            self.newline()
            self.pre += tag == "pre"
        elif tag in CELLS and self.current and "".join(self.current).strip():
            self.current.append("\t")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.newline(force=True)
        elif tag in BLOCKS:
            self.newline()

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropped = max(self.dropped - 1, 0)
        elif tag in BLOCKS:
            self.newline()
            self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data):
        if self.dropped:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.newline(force=True)
                self.current.append(part)
        else:
            self.current.append(_SPACES.sub(" ", data))

    def newline(self, force: bool = False) -> None:
        line = "".join(self.current)
        line = line if self.pre else " ".join(line.split(" ")).strip(" ")
        if line.strip() or force:
            self.lines.append(line.rstrip())
        self.current = []


def html_to_text(source: str) -> str:
    """The visible text of an HTML document, one block per line."""
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    parser.newline()
    text = "\n".join(parser.lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def looks_like_html(data: bytes, suffix: str) -> bool:
    """Sniffed from the bytes: a doctype or ``<html>`` at the start, or an HTML file name on a
    file that starts with a tag."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith(b"<?xml") and b"<html" in head:
        return True
    return suffix in (".html", ".htm", ".xhtml") and head.startswith(b"<")


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or http-equiv content type) the page declares, if Python knows it."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
