"""Layouts that real prints use, applied to a development text whose structure truth is known.

WHY: the segmenter is tuned on the development files as they happen to be laid out, and loses on
unseen statutes laid out otherwise (hard-wrapped official prints, marginal notes above the
number, page headers between lines). Re-rendering a development file in another layout keeps its
truth (the same numbers, the same nesting; line numbers mapped), so each layout's cost is
measured without reading a blind file (``evaluation.robustness``).

A text is a list of lines; each transform returns new lines and, for each new line, the index of
the old line it comes from (``None`` for inserted lines). Every transform is deterministic.
"""
from __future__ import annotations

import re
import textwrap
import zlib
from dataclasses import dataclass
from typing import Callable

SECTION_KINDS = ("section", "article", "rule", "regulation")
CONTAINER_KINDS = ("part", "chapter", "title", "book", "division", "subdivision", "subchapter", "section_group")


@dataclass
class Text:
    """The lines of a file, its truth units (dicts of ``lexbench.structure/1``) and a seed."""

    lines: list[str]
    units: list[dict]
    seed: int
    markdown: bool = False
    name: str = "statute-en.txt"


Rendered = tuple[list[str], list["int | None"]]


def seed_of(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def _identity(t: Text) -> Rendered:
    return list(t.lines), list(range(len(t.lines)))


def _units_at(t: Text, kinds: tuple[str, ...]) -> dict[int, dict]:
    """Line index (0-based) -> the first unit of those kinds that starts on it."""
    out: dict[int, dict] = {}
    for u in t.units:
        if u.get("kind") in kinds and u.get("line") and 0 < u["line"] <= len(t.lines):
            out.setdefault(u["line"] - 1, u)
    return out


def _next_text(lines: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


def _split_number(line: str, num: str) -> tuple[str, str] | None:
    """``"12. Offences.—Whoever"`` -> (``"12."``, ``"Offences.—Whoever"``): the printed number
    (with its keyword and separator) and the rest of the line; None if the number is not there."""
    stripped = line.lstrip()
    k = stripped.find(num, 0, 40)
    if k < 0 or not num:
        return None
    m = _number_first(stripped)
    if m and num in m.group(0):  # "1. člen", "第一条", "5 §": the unit word follows the number
        return stripped[:m.end()].rstrip(), stripped[m.end():].strip()
    end = k + len(num)
    m = re.match(r"[.:º°]*(?:\s*[.:\-–—]+(?=\s))?", stripped[end:])
    end += m.end() if m else 0
    return stripped[:end].rstrip(), stripped[end:].strip()


def _number_first(line: str) -> re.Match | None:
    from pipeline.segment.patterns import load_patterns

    pat = load_patterns()
    for rx in [pat.article_after, pat.section_after, *pat.article_extra]:
        m = rx.match(line) if rx is not None else None
        if m:
            return m
    return None


def _heading_place(t: Text, i: int, unit: dict) -> tuple[str, int | None, str] | None:
    """Where a section's heading is printed: ``above`` (line index), ``inline`` or ``below``."""
    head = (unit.get("heading") or "").strip()
    if not head or len(head) > 150:
        return None
    for place, step in (("above", -1), ("below", 1)):
        j = _next_text(t.lines, i, step)
        if j is not None and t.lines[j].strip().strip("*#_ ").rstrip(".") == head.rstrip("."):
            return place, j, head
    parts = _split_number(t.lines[i], unit["num"])
    if parts and parts[1].startswith(head):
        # the printed heading runs to its delimiter: "Bigamy — penalty. — 1. A married ..."
        full = re.match(r"(.{1,200}?)\.\s*[—–]\s*", parts[1])
        return "inline", None, full.group(1) if full else head
    return None


def _restyle_headings(t: Text, style: str) -> Rendered:
    """Print every section heading in one style: ``above`` (marginal note on its own line above
    the number), ``inline`` (``N. Heading.—text``) or ``below`` (heading on its own line below)."""
    secs = _units_at(t, SECTION_KINDS)
    drop: set[int] = set()
    new_at: dict[int, list[str]] = {}
    for i, u in secs.items():
        place = _heading_place(t, i, u)
        parts = _split_number(t.lines[i], u["num"])
        if place is None or parts is None:
            continue
        where, j, head = place
        number, rest = parts
        if where == "inline":
            rest = rest[len(head):].lstrip(" .:-–—")
        elif j is not None:
            drop.add(j)
        head = head.rstrip(".")
        if style == "above":
            new_at[i] = [head, f"{number} {rest}".rstrip()]
        elif style == "inline":
            new_at[i] = [f"{number} {head}.—{rest}" if rest else f"{number} {head}"]
        else:
            new_at[i] = [number, head] + ([rest] if rest else [])
    lines: list[str] = []
    origin: list[int | None] = []
    for i, line in enumerate(t.lines):
        if i in drop and i not in new_at:
            continue
        for k, ln in enumerate(new_at.get(i, [line])):
            lines.append(ln)
            # the line with the number keeps the unit's origin
            origin.append(i if (style != "above" or k == 1 or i not in new_at) else None)
    return lines, origin


def _hard_wrap(t: Text) -> Rendered:
    """Every line longer than a width of 60-72 columns (per file) wrapped at word boundaries."""
    width = 60 + t.seed % 13
    lines: list[str] = []
    origin: list[int | None] = []
    for i, line in enumerate(t.lines):
        lead = line[:len(line) - len(line.lstrip())]
        parts = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False,
                              initial_indent="", subsequent_indent=lead) if len(line) > width else [line]
        for k, p in enumerate(parts or [line]):
            lines.append(p)
            origin.append(i if k == 0 else None)
    return lines, origin


def _upper_containers(t: Text) -> Rendered:
    """Container lines (and a heading line right below them) in capitals: ``PART II`` / ``OFFENCES``."""
    lines = list(t.lines)
    for i, u in _units_at(t, CONTAINER_KINDS).items():
        lines[i] = lines[i].upper()
        j = _next_text(lines, i, 1)
        head = (u.get("heading") or "").strip()
        if j is not None and head and lines[j].strip().rstrip(".") == head.rstrip("."):
            lines[j] = lines[j].upper()
    return lines, list(range(len(lines)))


def _page_furniture(t: Text) -> Rendered:
    """A page break every 40-55 lines, wherever it falls (mid-sentence too): page number, blank,
    running header in capitals (the statute's first line) and the page's number on the right."""
    first = next((ln.strip().strip("#* ") for ln in t.lines if ln.strip()), "")
    # the statute's title: its first line when that is no numbered unit, else its file name
    title = (first if first and not re.search(r"\d", first) else
             " ".join(re.sub(r"[-_.]+", " ", t.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]).split()[:-1]))[:60].upper()
    every = 40 + t.seed % 16
    lines: list[str] = []
    origin: list[int | None] = []
    page = 1
    for i, line in enumerate(t.lines):
        if i and i % every == 0:
            page += 1
            block = [f"- {page - 1} -", "", title, f"Page {page}"] if page % 2 else \
                [f"{page - 1}", "", f"{title}  {page}"]
            lines.extend(block)
            origin.extend([None] * len(block))
        lines.append(line)
        origin.append(i)
    return lines, origin


def _no_blanks(t: Text) -> Rendered:
    keep = [i for i, ln in enumerate(t.lines) if ln.strip()]
    return [t.lines[i] for i in keep], keep


def _double_blanks(t: Text) -> Rendered:
    lines: list[str] = []
    origin: list[int | None] = []
    for i, line in enumerate(t.lines):
        lines.append(line)
        origin.append(i)
        if line.strip():
            lines.append("")
            origin.append(None)
    return lines, origin


def _depths(t: Text) -> dict[int, int]:
    depth: list[int] = []
    for u in t.units:
        p = u.get("parent")
        depth.append(depth[p] + 1 if isinstance(p, int) and 0 <= p < len(depth) else 0)
    out: dict[int, int] = {}
    for u, d in zip(t.units, depth):
        if u.get("line"):
            out.setdefault(u["line"] - 1, d)
    return out


def _indent(t: Text) -> Rendered:
    """Leading indentation by nesting depth (four spaces a level; text lines as their unit)."""
    at = _depths(t)
    lines, d = [], 0
    for i, line in enumerate(t.lines):
        d = at.get(i, d)
        lines.append(" " * (4 * d + 2) + line.lstrip() if line.strip() else line)
    return lines, list(range(len(lines)))


def _markdown(t: Text) -> Rendered:
    """Markdown decoration: ``## PART I`` containers, ``**12.** text`` section numbers."""
    lines = list(t.lines)
    if t.markdown:
        return lines, list(range(len(lines)))
    for i, u in _units_at(t, CONTAINER_KINDS).items():
        lines[i] = "## " + lines[i].strip()
    for i, u in _units_at(t, SECTION_KINDS).items():
        parts = _split_number(lines[i], u["num"])
        if parts:
            lines[i] = f"**{parts[0]}** {parts[1]}".rstrip()
    return lines, list(range(len(lines)))


TRANSFORMS: dict[str, Callable[[Text], Rendered]] = {
    "normal": _identity,
    "wrap": _hard_wrap,
    "note-above": lambda t: _restyle_headings(t, "above"),
    "note-inline": lambda t: _restyle_headings(t, "inline"),
    "note-below": lambda t: _restyle_headings(t, "below"),
    "upper-containers": _upper_containers,
    "page-furniture": _page_furniture,
    "no-blanks": _no_blanks,
    "double-blanks": _double_blanks,
    "indent": _indent,
    "markdown": _markdown,
    "crlf": _identity,  # the line ending is applied when the text is written
    "wrap+pages": lambda t: _then(t, _hard_wrap, _page_furniture),
}


def _then(t: Text, first: Callable[[Text], Rendered], second: Callable[[Text], Rendered]) -> Rendered:
    """Two transforms in a row; origins point at the original lines."""
    lines, origin = first(t)
    lines2, origin2 = second(Text(lines, _mapped(t, origin), t.seed, t.markdown, t.name))
    return lines2, [origin[o] if o is not None else None for o in origin2]


def _mapped(t: Text, origin: list[int | None]) -> list[dict]:
    """The truth units with their line numbers mapped through ``origin``."""
    first: dict[int, int] = {}
    for new, old in enumerate(origin):
        if old is not None:
            first.setdefault(old, new)
    out = []
    for u in t.units:
        v = dict(u)
        if u.get("line"):
            new = first.get(u["line"] - 1)
            v["line"] = new + 1 if new is not None else None
        out.append(v)
    return out


def render(name: str, text: str, units: list[dict], transform: str, markdown: bool = False) -> tuple[str, list[dict]]:
    """The text of one file in layout ``transform`` and its truth units with mapped lines."""
    t = Text(text.split("\n"), units, seed_of(name), markdown, name)
    lines, origin = TRANSFORMS[transform](t)
    out = "\n".join(lines)
    if transform == "crlf":
        out = out.replace("\n", "\r\n")
    return out, _mapped(t, origin)
