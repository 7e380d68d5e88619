"""PDF extraction: words -> reading order -> boilerplate removed -> de-hyphenated text.

Pages are read one at a time (``pdf_words``), reduced to lines in reading order
(``pdf_layout``) and dropped; only the line texts and the few rows at each page's top
and bottom are kept until the end, when repeated headers/footers are decided
(``pdf_boilerplate``), line-end hyphenation is undone (``pdf_dehyphen``) and the text
is normalised (``normalize``).

The "source" of a PDF ``Document``'s ``offset_map`` is the layout text before
de-hyphenation and normalisation: the lines in reading order, one ``\\n`` after each,
boilerplate rows left out. ``meta["dehyphenated"]`` lists the joins as
``[offset in Document.text, removed string]`` so tests and reviewers can undo them.

Readers: pypdfium2 (fast; pdfplumber's own dependency) by default; pdfplumber's
pdfminer when pdfium cannot open the file (its lenient parser recovers many broken
files) or when ``LEXBENCH_PDF_READER=pdfplumber`` is set.
"""
from __future__ import annotations

import bisect
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors
from pipeline.files import sha256_bytes
from pipeline.extract.normalize import normalise
from pipeline.extract.pdf.boilerplate import BoilerplateFinder
from pipeline.extract.pdf.dehyphen import dehyphenate
from pipeline.extract.pdf.garbled import check_text
from pipeline.extract.pdf.guard import StreamBudget, check_streams
from pipeline.extract.pdf.layout import build_rows, reading_order, row_text
from pipeline.extract.pdf.words import PageWords, open_pdfium, pdfium_pages, pdfplumber_pages
from pipeline.records import Document

READER_ENV = "LEXBENCH_PDF_READER"


@dataclass
class _Page:
    number: int
    lines: list[tuple[int, str]]  # (physical row id, text) in reading order
    error: str | None = None


@dataclass
class _Collected:
    pages: list[_Page] = field(default_factory=list)
    finder: BoilerplateFinder = field(default_factory=BoilerplateFinder)
    n_words: int = 0
    reader: str = "pdfium"


def extract_pdf(p: Path, data: bytes, limits) -> Document:
    """Read a PDF into a ``Document``; every failure is a one-line ``LexbenchError``."""
    shown = os.fsencode(p).decode("utf-8", errors="replace")  # error lines must encode as UTF-8
    try:
        return _extract(p, shown, data, limits)
    except errors.LexbenchError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pdf libraries raise many unrelated types on broken files
        raise errors.CorruptPdf(shown, f"cannot parse PDF ({type(exc).__name__}: {exc})".replace("\n", " ")) from None


def _extract(p: Path, shown: str, data: bytes, limits) -> Document:
    timeout = getattr(limits, "timeout_s", 600.0)
    deadline = time.monotonic() + timeout if timeout else float("inf")  # 0 = no limit (annotate --timeout)
    check_streams(shown, data, getattr(limits, "streams", None) or StreamBudget())
    reader = os.environ.get(READER_ENV, "pdfium").lower()
    col, why = None, ""
    if reader != "pdfplumber":
        col, why = _collect_pdfium(shown, data, limits, deadline)
    if col is None:
        col = _collect_pdfplumber(shown, data, limits, deadline, why)
    if col.n_words == 0:
        if all(pg.error for pg in col.pages):
            raise errors.CorruptPdf(shown, f"no page could be read ({col.pages[0].error if col.pages else 'no pages'})")
        raise errors.NoTextLayer(shown, f"no text layer on any of its {len(col.pages)} page(s) (image-only PDF)")
    doc = _assemble(p, col, sha256_bytes(data))
    check_text(shown, doc.text)
    return doc


def _check_pages(p: str, n: int, limits) -> None:
    if n > limits.max_pages:
        raise errors.TooLarge(p, f"{n} pages exceeds the limit of {limits.max_pages}")
    if n == 0:
        raise errors.CorruptPdf(p, "the PDF has no pages")


def _collect_pdfium(p: str, data: bytes, limits, deadline: float) -> tuple[_Collected | None, str]:
    """Read with pdfium; (None, reason) when pdfium cannot open the file (try pdfminer then)."""
    import pypdfium2 as pdfium

    try:
        pdf = open_pdfium(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise errors.EncryptedPdf(p, "encrypted with a password") from None
        return None, str(exc).replace("Failed to load document ", "").strip(" ().")
    try:
        _check_pages(p, len(pdf), limits)
        col = _Collected(reader="pdfium")
        for pw in pdfium_pages(pdf):
            _add_page(p, col, pw, deadline)
        return col, ""
    finally:
        pdf.close()


def _collect_pdfplumber(p: str, data: bytes, limits, deadline: float, why: str = "") -> _Collected:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    col = _Collected(reader="pdfplumber")
    try:
        it = pdfplumber_pages(data, limits.max_pages)
        n = next(it)
        _check_pages(p, n, limits)
        for pw in it:
            _add_page(p, col, pw, deadline)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise errors.EncryptedPdf(p, "encrypted with a password") from None
    except errors.LexbenchError:
        raise
    except Exception as exc:
        if not col.pages or col.n_words == 0:
            detail = f"{why}; pdfminer: {type(exc).__name__}" if why else type(exc).__name__
            raise errors.CorruptPdf(p, f"cannot parse PDF ({detail})") from None
        # keep the pages recovered before the damage; the rest is reported in meta
        col.pages.append(_Page(len(col.pages) + 1, [], error=f"stopped: {type(exc).__name__}"))
    return col


def _add_page(p: str, col: _Collected, pw: PageWords, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise errors.Timeout(p, f"PDF extraction exceeded the time limit at page {pw.number}")
    rows = build_rows(pw.words)
    col.n_words += len(pw.words)
    col.finder.add_page(pw.number, [(r.rid, min(w.top for w in r.words),
                                     max(w.bottom for w in r.words), row_text(r.words)) for r in rows],
                          pw.height)
    ordered = reading_order(rows)
    col.pages.append(_Page(pw.number, [(r.rid, row_text(r.words)) for r in ordered], pw.error))


def _assemble(p: Path, col: _Collected, sha: str) -> Document:
    drop = col.finder.decide()
    parts: list[str] = []
    starts: list[int] = []
    removed: list[tuple[int, str]] = []
    n = 0
    for pg in col.pages:
        starts.append(n)
        gone = drop.get(pg.number, {})
        for rid, text in pg.lines:
            if rid in gone:
                continue
            parts.append(text)
            parts.append("\n")
            n += len(text) + 1
        removed.extend((pg.number, t) for _, t in sorted(gone.items()))
    layout = "".join(parts)
    dehyph, d_map, edits = dehyphenate(layout)
    text, n_map = normalise(dehyph)
    offset_map = compose(n_map, d_map)
    inv = _Inverse(offset_map)
    page_starts = [inv(s) for s in starts]
    d_inv = _Inverse(n_map)
    meta = {
        "pdf_reader": col.reader,
        "dehyphenated": [[d_inv(off), normalise(rem)[0]] for off, rem in edits],
    }
    bad = [(pg.number, pg.error) for pg in col.pages if pg.error]
    if bad:
        meta["page_errors"] = bad
    return Document(path=str(p), name=p.name, sha256=sha, text=text, kind="pdf", offset_map=offset_map,
                    page_starts=page_starts, n_pages=len(col.pages), removed=removed, meta=meta)


def _eval(bps: list[tuple[int, int]], keys: list[int], x: int) -> int:
    i = max(bisect.bisect_right(keys, x) - 1, 0)
    a, b = bps[i]
    return b + (x - a)


def compose(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Breakpoints of x -> inner(outer(x)) for two piecewise-linear offset maps
    (``outer``: final -> middle, ``inner``: middle -> source)."""
    if len(inner) <= 1 and inner[0] == (0, 0):
        return list(outer)
    ok = [a for a, _ in outer]
    ik = [a for a, _ in inner]
    inv_outer = _Inverse(outer)
    xs = set(ok)
    xs.update(inv_outer(m) for m in ik)
    out: list[tuple[int, int]] = []
    last_delta = None
    for x in sorted(xs):
        src = _eval(inner, ik, _eval(outer, ok, x))
        if src - x != last_delta:
            out.append((x, src))
            last_delta = src - x
    if not out or out[0][0] != 0:
        out.insert(0, (0, _eval(inner, ik, _eval(outer, ok, 0))))
    return out


class _Inverse:
    """Source offset -> first target offset at or after it, for one offset map."""

    def __init__(self, bps: list[tuple[int, int]]):
        self.bps = bps
        self.srcs = [s for _, s in bps]

    def __call__(self, src: int) -> int:
        i = max(bisect.bisect_right(self.srcs, src) - 1, 0)
        norm, s = self.bps[i]
        out = norm + (src - s)
        if i + 1 < len(self.bps):
            out = min(out, self.bps[i + 1][0])
        return out
