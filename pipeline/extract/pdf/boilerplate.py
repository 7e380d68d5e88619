"""Running headers, footers and page numbers: found by repetition, not by margins.

A fixed margin cuts body text on pages with a tight layout and keeps headers set
lower than usual. Instead, the outermost ``BAND_ROWS`` rows at the top and bottom
of every page are candidates; a candidate is boilerplate when the same text (case,
spacing and digits ignored, so "Page 3" = "Page 4" and "Gazette 6767 1093" =
"Gazette 6767 1095") sits at about the same height on at least
``max(2, REPEAT_SHARE * pages)`` pages (one-word rows, which also end paragraphs by
chance: ``max(3, SHORT_SHARE * pages)``). Odd/even alternating headers each reach that
share on their own. A lone page number ("7", "- 7 -", "Page 7 of 30", "Bladsy 7")
as the very first or last row of a page is removed even without repetition. Removal
works inwards from the page edge: a repeated row with a kept row between it and the
edge is body text.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

BAND_ROWS = 4
REPEAT_SHARE = 0.3
SHORT_SHARE = 0.5
Y_TOLERANCE = 0.04  # of the page height: a running header sits at about the same height

_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014.|]*(?:(?:page|p\.|pg\.?|bladsy|pagina|página|seite|s\.|side|sida|stran|страница)\s*)?"
    r"\d{1,5}(?:\s*(?:of|/|van|de|sur|di|von|из)\s*\d{1,5})?[\s\-\u2013\u2014.|]*$",
    re.IGNORECASE,
)


def row_key(text: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", text.lower()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


@dataclass
class BandRow:
    page: int
    rid: int
    where: str  # "top" | "bottom"
    y: float
    text: str
    depth: int  # rows between this one and the page edge
    page_height: float = 792.0

    @property
    def outermost(self) -> bool:
        return self.depth == 0


@dataclass
class BoilerplateFinder:
    """Collects band rows page by page, then decides which rows to drop."""

    rows: list[BandRow] = field(default_factory=list)
    pages_with_text: int = 0

    def add_page(self, page: int, rows: list[tuple[int, float, float, str]], height: float = 792.0) -> None:
        """``rows``: (rid, top, bottom, text) of every physical row, top to bottom."""
        if not rows:
            return
        self.pages_with_text += 1
        n = len(rows)
        top_ids = range(min(BAND_ROWS, n))
        bottom_ids = range(max(n - BAND_ROWS, 0), n)
        for k in top_ids:
            rid, y0, _, text = rows[k]
            self.rows.append(BandRow(page, rid, "top", y0, text, k, height))
        for k in bottom_ids:
            if k in top_ids and n <= BAND_ROWS:  # tiny page: a row is top or bottom, not both
                continue
            rid, _, y1, text = rows[k]
            self.rows.append(BandRow(page, rid, "bottom", y1, text, n - 1 - k, height))

    def decide(self) -> dict[int, dict[int, str]]:
        """page -> {rid: text} of the rows to remove."""
        need = max(2, math.ceil(REPEAT_SHARE * self.pages_with_text))
        # a one-word row ("Gazette.", "Manager") also ends many a paragraph by chance
        need_short = max(3, math.ceil(SHORT_SHARE * self.pages_with_text))
        groups: dict[tuple[str, str], list[BandRow]] = defaultdict(list)
        for r in self.rows:
            key = row_key(r.text)
            if key:
                groups[(r.where, key)].append(r)
        drop: dict[int, dict[int, str]] = defaultdict(dict)
        for (_, key), members in groups.items():
            k = need_short if len(_LETTERS.findall(members[0].text)) <= 1 else need
            if len({m.page for m in members}) < k:
                continue
            # cluster by height: the same words at another height are body text
            members.sort(key=lambda m: m.y)
            cluster = [members[0]]
            for m in members[1:] + [None]:
                if m is not None and m.y - cluster[-1].y <= Y_TOLERANCE * m.page_height:
                    cluster.append(m)
                    continue
                if len({c.page for c in cluster}) >= k:
                    for c in cluster:
                        drop[c.page][c.rid] = c.text
                if m is not None:
                    cluster = [m]
        for r in self.rows:
            if r.outermost and is_page_number(r.text):
                drop[r.page][r.rid] = r.text
        # running heads stack from the page edge inwards: a repeated row with body text
        # between it and the edge is body text itself
        out: dict[int, dict[int, str]] = defaultdict(dict)
        for where in ("top", "bottom"):
            by_page: dict[int, list[BandRow]] = defaultdict(list)
            for r in self.rows:
                if r.where == where:
                    by_page[r.page].append(r)
            for page, rows in by_page.items():
                for r in sorted(rows, key=lambda r: r.depth):
                    if r.rid not in drop.get(page, {}):
                        break
                    out[page][r.rid] = r.text
        return out
