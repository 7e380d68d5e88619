"""Reading order of one PDF page from word boxes: rows, column gutters, blocks.

Why not a fixed two-column split: statute PDFs mix layouts on one page (a gazette
page holds two-column notices, then a full-width by-law; a title spans both columns).
So columns are found *locally* from the word positions:

1. Words are grouped into physical rows by vertical position.
2. A gutter is an x position that falls inside a wide horizontal gap (>= ~1 em) in
   at least ``MIN_SPLIT`` consecutive rows with no word crossing it in between,
   and leaves at least 20% of the region's width on each side.
3. Rows that cross the gutter (full-width headings, titles) are emitted in place;
   each maximal run of rows between them is read column by column (left part of
   every row, then right part), recursively, so three columns also work.

RTL rows (Hebrew/Arabic letters dominate) are read right to left.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from statistics import median
from typing import NamedTuple

from pipeline.extract.pdf.words import Word

MIN_SPLIT = 3  # rows that must share a gutter before it counts as a column break
GAP_EM = 0.8  # a gutter gap is at least this many word heights wide
MIN_SIDE = 0.2  # each side of a gutter keeps at least this share of the region width
MAX_DEPTH = 4


class Row(NamedTuple):
    rid: int  # index of the physical row on the page (top to bottom)
    words: list[Word]  # left to right (right to left for RTL rows)


def _is_rtl(words: list[Word]) -> bool:
    rtl = ltr = 0
    for w in words:
        ch = w.text[0]
        if ord(ch) < 0x0590:
            ltr += 1
            continue
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            rtl += 1
        elif b == "L":
            ltr += 1
    return rtl > ltr


def build_rows(words: list[Word]) -> list[Row]:
    """Group words into rows: a word joins the current row when its vertical middle is
    within 35% of the row's height from the row's middle."""
    if not words:
        return []
    ws = sorted(words, key=lambda w: w.top + w.bottom)
    rows: list[list[Word]] = []
    cur = [ws[0]]
    mid = (ws[0].top + ws[0].bottom) / 2
    tol = max(ws[0].bottom - ws[0].top, 1.0) * 0.35
    for w in ws[1:]:
        m = (w.top + w.bottom) / 2
        if m - mid <= tol:
            cur.append(w)
        else:
            rows.append(cur)
            cur = [w]
            mid = m
            tol = max(w.bottom - w.top, 1.0) * 0.35
    rows.append(cur)
    out = []
    for i, r in enumerate(rows):
        r.sort(key=lambda w: w.x0)
        if any(ord(w.text[0]) >= 0x0590 for w in r) and _is_rtl(r):
            r.reverse()
        out.append(Row(i, r))
    return out


def row_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _gaps(rows: list[Row], min_gap: float) -> list[tuple[float, float, int]]:
    out = []
    for i, r in enumerate(rows):
        ws = sorted(r.words, key=lambda w: w.x0)
        right = ws[0].x1
        for w in ws[1:]:
            if w.x0 - right >= min_gap:
                out.append((right, w.x0, i))
            right = max(right, w.x1)
    return out


def find_gutter(rows: list[Row]) -> float | None:
    """The x of the strongest column gutter among ``rows``, or None."""
    if len(rows) < MIN_SPLIT:
        return None
    heights = [w.bottom - w.top for r in rows for w in r.words]
    min_gap = max(GAP_EM * median(heights), 3.0)
    gaps = _gaps(rows, min_gap)
    if len(gaps) < MIN_SPLIT:
        return None
    x_lo = min(w.x0 for r in rows for w in r.words)
    x_hi = max(w.x1 for r in rows for w in r.words)
    side = MIN_SIDE * (x_hi - x_lo)
    best, best_score = None, 0
    tried: set[int] = set()
    index = []  # per row: word starts, sorted, and the furthest right end reached so far
    for r in rows:
        ws = sorted(r.words, key=lambda w: w.x0)
        reach, m = [], float("-inf")
        for w in ws:
            m = max(m, w.x1)
            reach.append(m)
        index.append(([w.x0 for w in ws], reach))
    starts = sorted(a for a, _, _ in gaps)
    ends = sorted(b for _, b, _ in gaps)
    for a, b, _ in gaps:
        c = (a + b) / 2
        key = round(c / 2)
        if key in tried or c - x_lo < side or x_hi - c < side:
            continue
        tried.add(key)
        # cheap count of gaps around c first (dense tables offer hundreds of candidates)
        if bisect_left(starts, c) - bisect_right(ends, c) < MIN_SPLIT:
            continue
        split_rows = {i for ga, gb, i in gaps if ga < c < gb}
        if len(split_rows) < MIN_SPLIT:
            continue
        # longest run of non-crossing rows, counted in split rows
        score = run = 0
        for i, (x0s, reach) in enumerate(index):
            k = bisect_left(x0s, c) - 1  # last word starting left of c
            if k >= 0 and reach[k] > c:  # some word starting left of c ends right of it
                run = 0
            elif i in split_rows:
                run += 1
                score = max(score, run)
        if score > best_score:
            mids = sorted((ga + gb) / 2 for ga, gb, i in gaps if ga < c < gb)
            best, best_score = mids[len(mids) // 2], score
    return best if best_score >= MIN_SPLIT else None


def reading_order(rows: list[Row], depth: int = 0) -> list[Row]:
    """Rows (or row parts) in reading order; each keeps the id of its physical row."""
    if depth >= MAX_DEPTH or len(rows) < MIN_SPLIT:
        return rows
    c = find_gutter(rows)
    if c is None:
        return rows
    out: list[Row] = []
    run: list[Row] = []

    def flush() -> None:
        if not run:
            return
        split = sum(1 for r in run if any(w.x1 <= c for w in r.words) and any(w.x0 >= c for w in r.words))
        if split >= MIN_SPLIT:
            left = [Row(r.rid, ws) for r in run if (ws := [w for w in r.words if w.x0 + w.x1 < 2 * c])]
            right = [Row(r.rid, ws) for r in run if (ws := [w for w in r.words if w.x0 + w.x1 >= 2 * c])]
            first, second = (right, left) if _is_rtl([w for r in run for w in r.words]) else (left, right)
            out.extend(reading_order(first, depth + 1))
            out.extend(reading_order(second, depth + 1))
        elif len(run) < len(rows):
            out.extend(reading_order(list(run), depth + 1))
        else:
            out.extend(run)
        run.clear()

    for r in rows:
        if any(w.x0 < c < w.x1 for w in r.words):
            flush()
            out.append(r)
        else:
            run.append(r)
    flush()
    return out
