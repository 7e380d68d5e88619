"""Word sources for PDF layout analysis: one page at a time, words with boxes.

Layout analysis (``pdf_layout``) only needs each word's text and box, so the two
readers here reduce a page to that and drop it at once (streaming: no page objects
are kept, memory stays flat on a 300-page statute).

* ``pdfium_pages`` (default): pypdfium2, the renderer pdfplumber itself depends on.
  Its text page gives the characters in content order with word spaces and line
  breaks already inferred, so we ask for boxes only at the first and last character
  of each word (two C calls per word, not one per character): ~100+ pages/s.
* ``pdfplumber_pages``: pdfplumber/pdfminer ``extract_words``; the documented,
  layout-aware path and the fallback when pdfium cannot open a damaged file
  (pdfminer's lenient parser can often still recover pages).

Coordinates: points, origin top-left of the page, y grows downwards.
"""
from __future__ import annotations

import ctypes
import io
import math
import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple


class Word(NamedTuple):
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class PageWords:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    error: str | None = None  # set when this page could not be read (its text is then empty)


# pdfium joins a word hyphenated across lines itself and marks the break with U+FFFE;
# we split it back (as "head-" / "tail") so the layout sees two lines and our own
# de-hyphenation rule decides, the same as for every other reader.
_WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")


def open_pdfium(data: bytes):
    """Open with pdfium; an empty user password is tried automatically by pdfium."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def pdfium_pages(pdf, first: int = 0) -> Iterator[PageWords]:
    """Yield the words of each page of an open ``pypdfium2.PdfDocument``."""
    import pypdfium2.raw as R

    rect = R.FS_RECTF()
    prect = ctypes.byref(rect)
    loose = R.FPDFText_GetLooseCharBox
    for i in range(first, len(pdf)):
        try:
            page = pdf[i]
        except Exception as exc:  # a broken page object: report, keep going
            yield PageWords(i + 1, 0.0, 0.0, [], error=f"{type(exc).__name__}: {exc}")
            continue
        try:
            height = page.get_height()
            width = page.get_width()
            tp = page.get_textpage()
            try:
                raw = tp.raw
                n = R.FPDFText_CountChars(raw)
                text = tp.get_text_range(0, n) if n > 0 else ""
                if len(text) != n:  # surrogate pairs etc.: fall back to one code point per char
                    text = "".join(chr(R.FPDFText_GetUnicode(raw, k)) for k in range(n))
                words: list[Word] = []
                append = words.append
                for m in _WORD.finditer(text):
                    a, b = m.span()
                    b -= 1
                    if not loose(raw, a, prect):
                        continue
                    x0, x1, top, bot = rect.left, rect.right, rect.top, rect.bottom
                    if b != a and loose(raw, b, prect):
                        # min/max: right-to-left scripts put the first glyph on the right
                        # (conditionals, not min()/max() calls: this loop runs once per word)
                        l1, r1, t1, b1 = rect.left, rect.right, rect.top, rect.bottom
                        if l1 < x0:
                            x0 = l1
                        if r1 > x1:
                            x1 = r1
                        if t1 > top:
                            top = t1
                        if b1 < bot:
                            bot = b1
                    wt = m.group()
                    if wt[-1] == "\ufffe":
                        wt = wt[:-1] + "-"
                    append(Word(x0, x1, height - top, height - bot, wt))
                quarter = _dominant_quarter(R, raw, text, words)
            finally:
                tp.close()
            if quarter:
                words, width, height = _unrotate(words, quarter, width, height)
            yield PageWords(i + 1, width, height, words)
        finally:
            page.close()


def _dominant_quarter(R, raw, text: str, words: list[Word]) -> int:
    """0-3: how many quarter turns (clockwise, as pdfium measures) most text on the page is rotated.
    Landscape tables and schedules are often set sideways on a portrait page."""
    if not words:
        return 0
    starts = [m.start() for m in _WORD.finditer(text)]
    step = max(len(starts) // 25, 1)
    votes = [0, 0, 0, 0]
    for a in starts[::step]:
        ang = R.FPDFText_GetCharAngle(raw, a)
        if ang >= 0:
            votes[round(ang / (math.pi / 2)) % 4] += 1
    return max(range(4), key=lambda q: (votes[q], q == 0))


def _unrotate(words: list[Word], q: int, w: float, h: float) -> tuple[list[Word], float, float]:
    """Turn word boxes so that text rotated by ``q`` clockwise quarter turns reads left to right."""
    if q == 3:  # reads bottom to top
        return [Word(h - b.bottom, h - b.top, b.x0, b.x1, b.text) for b in words], h, w
    if q == 1:  # reads top to bottom
        return [Word(b.top, b.bottom, w - b.x1, w - b.x0, b.text) for b in words], h, w
    return [Word(w - b.x1, w - b.x0, h - b.bottom, h - b.top, b.text) for b in words], w, h  # upside down


def pdfplumber_pages(data: bytes, max_pages: int | None = None) -> Iterator[PageWords | int]:
    """Yield the page count first, then the words of each page (pdfplumber/pdfminer).

    ``x_tolerance=1.5`` rather than the default 3: gazettes set type so tightly that
    the default glues whole lines into one word.
    """
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = len(pdf.pages)
        yield n
        if max_pages is not None and n > max_pages:
            return
        for i, page in enumerate(pdf.pages):
            try:
                ws = page.extract_words(x_tolerance=1.5, keep_blank_chars=False, use_text_flow=True)
                words = [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in ws]
                yield PageWords(i + 1, float(page.width), float(page.height), words)
            except Exception as exc:
                yield PageWords(i + 1, float(page.width), float(page.height), [],
                                error=f"{type(exc).__name__}: {exc}")
            finally:
                page.flush_cache()
                page.close()
