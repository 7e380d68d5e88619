"""Page furniture: running headers, footers and page numbers that a print repeats on every page.

WHY: text taken from a printed statute carries, every 40-60 lines, a page number ("- 12 -",
"Page 12 of 80", "12") and a running header ("CRIMINAL CODE ACT", "Laws of Ruritania  12"),
wherever the page broke: between sections, mid-list, mid-sentence. Read as lines of the statute,
a capitals header closes the open Part, a page number opens a section, and the line after the
break no longer continues the sentence the page cut. They are found by what makes them
furniture, not by their words: the same line shape (digits aside) recurs down the document,
its number counts pages (rises from one occurrence to the next, far apart), or it stands right
beside such a line. The line machine skips them; their text stays with the line above.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import Callable

_DIGITS = re.compile(r"\d+")
_NUMBER_ONLY = re.compile(r"[-–—]?\s*#\s*[-–—]?")  # "12", "- 12 -"; not "(5)", an item alone on its line
_DASHED = re.compile(r"[-–—]\s*#\s*[-–—]")
MIN_REPEATS = 3  # a shape on three pages at least
MIN_GAP = 5  # page furniture recurs pages apart, not line after line
NEAR = 2  # a header and its page number stand within two lines of each other
MAX_SHARE = 4  # at most one line in four
# list items: "(#) text #", "#. text", "a) text", "– text"
_ITEM = re.compile(r"\(?[#a-zA-Z]{1,5}[.)]\s|[-–—•·▪●]\s+[^\W\d]")


def _shape(line: str) -> str:
    return " ".join(_DIGITS.sub("#", line).split())


def _counts_pages(values: list[list[int]], positions: list[int], keyword: bool = False) -> bool:
    """Some number of the line rises from each occurrence to the next, which stand apart. On a
    keyword line ("CHAPTER 110 — ...  12") the unit's own number stays and a later one counts."""
    if any(b - a < MIN_GAP for a, b in zip(positions, positions[1:])):
        return False
    width = min(len(v) for v in values)
    if keyword and (width < 2 or len({v[0] for v in values}) > 1):
        return False  # "Article 5" ... "Article 9": units in sequence, not pages
    # a page counter steps by one or two (a header on every page, or on every other one)
    return any(all(0 < b[k] - a[k] <= 2 for a, b in zip(values, values[1:])) for k in range(int(keyword), width))


def _numbered_furniture(shapes: list[str], texts: list[str], structural: Callable[[str], bool]) -> set[int]:
    """Lines whose shape recurs with a page counter: "- 12 -", "Page 12 of 80", "ACT NO. 5  12"."""
    by_shape: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(shapes):
        if "#" in sh and len(sh) <= 100:
            by_shape[sh].append(i)
    out: set[int] = set()
    for sh, idx in by_shape.items():
        letters = sum(c.isalpha() for c in sh)
        if len(idx) < MIN_REPEATS or (letters < 2 and not _DASHED.fullmatch(sh)) or _ITEM.match(sh):
            continue
        keyword = structural(texts[idx[0]])
        if keyword and not sh.endswith("#"):
            continue  # "Artículo 211 bis 2.- Al que ...": units; a header ends with its page number
        if _counts_pages([[int(d) for d in _DIGITS.findall(texts[i])] for i in idx], idx, keyword):
            out.update(idx)
    return out


def _near(i: int, marked: set[int]) -> bool:
    return any(j in marked for j in range(i - NEAR, i + NEAR + 1) if j != i)


def _companions(shapes: list[str], texts: list[str], marked: set[int]) -> set[int]:
    """Beside page counters: a header that recurs word for word ("CRIMINAL CODE"), and bare
    page numbers ("12") that rise from page to page."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(shapes):
        if sh and len(sh) <= 100 and not _NUMBER_ONLY.fullmatch(sh):
            by_text[" ".join(texts[i].split())].append(i)
    out: set[int] = set()
    for idx in by_text.values():
        # the same line again and again beside page numbers: a running header, even "CHAPTER 110"
        # (one chapter is not opened on every page)
        beside = [i for i in idx if _near(i, marked)]
        if len(beside) >= MIN_REPEATS and 4 * len(beside) >= 3 * len(idx):  # not a line the text repeats
            out.update(beside)
    bare = [i for i, sh in enumerate(shapes) if _NUMBER_ONLY.fullmatch(sh) and _near(i, marked | out)]
    if len(bare) >= MIN_REPEATS and _counts_pages([[int(d) for d in _DIGITS.findall(texts[i])] for i in bare], bare):
        out.update(bare)
    return out


def _bare_counters(shapes: list[str], texts: list[str]) -> set[int]:
    """A header recurring word for word beside a bare page number ("12" / "CRIMINAL CODE")."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(shapes):
        if sh and len(sh) <= 100 and sum(c.isalpha() for c in sh) >= 4:
            by_text[" ".join(texts[i].split())].append(i)
    out: set[int] = set()
    for idx in by_text.values():  # the same line word for word: even "CHAPTER 5" is no new chapter
        if len(idx) < MIN_REPEATS:
            continue
        pairs = []
        for i in idx:
            j = next((j for j in range(i - NEAR, i + NEAR + 1) if 0 <= j < len(shapes) and j != i
                      and _NUMBER_ONLY.fullmatch(shapes[j])), None)
            if j is not None:
                pairs.append((i, j))
        counters = [[int(_DIGITS.search(texts[j]).group())] for _, j in pairs]
        if len(pairs) >= MIN_REPEATS and 4 * len(pairs) >= 3 * len(idx) \
                and _counts_pages(counters, [j for _, j in pairs]):
            out.update(i for pair in pairs for i in pair)
    return out


def page_furniture(texts: list[str], structural: Callable[[str], bool]) -> set[int]:
    """Indices of the furniture lines among ``texts`` (stripped lines, blank ones left out).
    ``structural(line)`` says whether a line opens a unit by keyword (never furniture)."""
    shapes = [_shape(t) for t in texts]
    marked = _numbered_furniture(shapes, texts, structural)
    marked |= _bare_counters(shapes, texts)
    if marked:
        marked |= _companions(shapes, texts, marked)
    # pages hold text: furniture is a few lines a page, never most of the document
    return marked if len(marked) * MAX_SHARE <= len(texts) else set()


def split_furniture(text: str, lines: list[tuple[int, int]], structural: Callable[[str], bool]) \
        -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[int]]:
    """The statute's lines (spans into ``text``), its furniture lines apart, and the indices of
    the statute lines that follow a page break with no blank line on either side of it (no
    paragraph ended there: the text runs on across the break)."""
    marked = page_furniture([text[s:e] if e - s <= 120 else "" for s, e in lines], structural)
    if not marked:
        return lines, [], set()
    kept: list[tuple[int, int]] = []
    after: set[int] = set()
    for k, x in enumerate(lines):
        if k in marked:
            continue
        if k and k - 1 in marked:
            first = k - 1
            while first - 1 in marked:
                first -= 1
            # the text's own blank line, printed before the page break or after it
            if not (first and text.count("\n", lines[first - 1][1], lines[first][0]) >= 2
                    or text.count("\n", lines[k - 1][1], x[0]) >= 2):
                after.add(len(kept))
        kept.append(x)
    return kept, [x for k, x in enumerate(lines) if k in marked], after


def attach_furniture(nodes: list, furniture: list[tuple[int, int]]) -> None:
    """Furniture text joins the span of the text printed before it (the page it ends); before
    any text, the first span."""
    ends = sorted((e, k, j) for k, n in enumerate(nodes) for j, (_, e) in enumerate(n.spans))
    if not ends:
        return
    for fs, fe in furniture:
        at = bisect_left(ends, (fs,)) - 1
        _, k, j = ends[max(at, 0)]
        s, e = nodes[k].spans[j]
        nodes[k].spans[j] = (min(s, fs), max(e, fe))
        ends[max(at, 0)] = (max(e, fe), k, j)
