"""PDF extraction: reading order, boilerplate, de-hyphenation, pages, no text lost, errors."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from pipeline import errors
from pipeline.extract import Limits, extract
from pipeline.extract.pdf import compose, extract_pdf
from pipeline.extract.normalize import normalise
from pipeline.extract.pdf.boilerplate import BoilerplateFinder, is_page_number
from pipeline.extract.pdf.dehyphen import dehyphenate, undo
from pipeline.extract.pdf.layout import build_rows, reading_order, row_text
from pipeline.extract.pdf.words import Word
from pipeline.records import Document
from tests import pdf_factory as F
from tests.conftest import CORPORA

ZA_PDFS = sorted((CORPORA / "structured" / "za-by-laws").glob("*.pdf"))


def _doc(tmp_path: Path, name: str, data: bytes, **limits) -> Document:
    p = tmp_path / name
    p.write_bytes(data)
    return extract(p, Limits(**limits))


@pytest.fixture(params=["pdfium", "pdfplumber"])
def reader(request, monkeypatch):
    monkeypatch.setenv("LEXBENCH_PDF_READER", request.param)
    return request.param


# -- reading order -------------------------------------------------------------------

def test_two_column_page_is_read_column_by_column_with_full_width_headings_in_place(tmp_path, reader):
    doc = _doc(tmp_path, "gazette.pdf", F.gazette_pdf(1))
    assert doc.meta["pdf_reader"] == reader
    t = doc.text
    order = [F.GAZETTE_TITLE, "1. Definitions.", "the municipal council of the city", "regulation of stands",
             "3. Obstruction.", "free movement of pedestrians", "by-law of 1998 is repealed",
             F.MIDDLE_HEADING, "6. Fees.", "advance and are not refundable", "7.", "Review. The council must review"]
    pos = [t.find(s) for s in order]
    assert -1 not in pos, [s for s, i in zip(order, pos) if i < 0]
    assert pos == sorted(pos), t
    # the naive row-by-row order interleaves the columns; make sure we are not doing that
    assert "'council' means 3. Obstruction" not in t.replace("\n", " ")


def test_layout_unit_full_width_row_splits_column_blocks():
    def w(x0, x1, top, text):
        return Word(x0, x1, top, top + 10, text)

    words = [w(50, 500, 10, "TITLE-SPANNING-BOTH")]
    for i in range(4):
        words += [w(50, 240, 30 + 12 * i, f"L{i}"), w(300, 500, 30 + 12 * i, f"R{i}")]
    words.append(w(50, 500, 90, "MIDDLE-HEADING"))
    for i in range(3):
        words += [w(50, 240, 110 + 12 * i, f"l{i}"), w(300, 500, 110 + 12 * i, f"r{i}")]
    got = [row_text(r.words) for r in reading_order(build_rows(words))]
    assert got == ["TITLE-SPANNING-BOTH", "L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3",
                   "MIDDLE-HEADING", "l0", "l1", "l2", "r0", "r1", "r2"]


def test_layout_unit_single_column_with_wide_word_gaps_is_not_split():
    # justified text with one wide gap on two lines only: not a gutter (needs 3 consecutive rows)
    words = []
    for i in range(6):
        gap = 20 if i in (1, 2) else 3
        words += [Word(50, 250, 10 + 12 * i, 20 + 12 * i, f"a{i}"), Word(250 + gap, 500, 10 + 12 * i, 20 + 12 * i, f"b{i}")]
    got = [row_text(r.words) for r in reading_order(build_rows(words))]
    assert got == [f"a{i} b{i}" for i in range(6)]


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_sideways_text_is_read_in_order(tmp_path, angle):
    doc = _doc(tmp_path, "landscape.pdf", F.rotated_pdf(angle))
    assert doc.text.splitlines() == F.ROTATED_LINES


# -- running headers, footers, page numbers ------------------------------------------

def test_running_header_footer_and_page_numbers_removed_by_repetition(tmp_path, reader):
    doc = _doc(tmp_path, "statute.pdf", F.statute_pdf(4))
    assert F.HEADER not in doc.text and F.FOOTER_LEFT not in doc.text and "Page 2 of 4" not in doc.text
    by_page = {}
    for page, text in doc.removed:
        by_page.setdefault(page, []).append(text)
    assert sorted(by_page) == [1, 2, 3, 4]
    for page, texts in by_page.items():
        assert F.HEADER in texts
        assert any(f"Page {page} of 4" in t for t in texts)
        assert len(texts) == 2  # nothing else was taken from the page


def test_gazette_running_header_and_lone_page_number_removed(tmp_path):
    doc = _doc(tmp_path, "gazette.pdf", F.gazette_pdf(3))
    assert sorted(doc.removed) == [(1, "1"), (1, "PROVINCIAL GAZETTE 7767 - 1041"), (2, "2"),
                                   (2, "PROVINCIAL GAZETTE 7767 - 1042"), (3, "3"),
                                   (3, "PROVINCIAL GAZETTE 7767 - 1043")]


def _finder(pages):
    f = BoilerplateFinder()
    for n, rows in enumerate(pages, 1):
        f.add_page(n, [(i, y, y + 10, t) for i, (y, t) in enumerate(sorted(rows))], 800.0)
    return f.decide()


def test_boilerplate_odd_even_headers_digits_and_position():
    pages = []
    for n in range(1, 11):
        head = f"{1000 + n} Provincial Gazette 6767" if n % 2 else f"9 July 2010 Gazette {1000 + n}"
        body = [(100 + 15 * i, f"clause {chr(65 + n)}{chr(65 + i)} text") for i in range(8)]
        pages.append([(30, head)] + body + [(760, f"- {n} -")])
    drop = _finder(pages)
    for n in range(1, 11):
        assert set(drop[n]) == {0, 9}, (n, drop[n])  # odd/even header and page number, no body row


def test_boilerplate_same_text_at_different_heights_is_kept():
    pages = []
    for n in range(1, 7):
        y = 30 if n % 2 else 100 * n  # odd pages: a running header; even pages: body text
        pages.append([(y, "CHAPTER 3"), (450, f"text {chr(65 + n)}"), (470, f"more {chr(70 + n)}"),
                      (490, f"end {chr(75 + n)}"), (510, f"x {chr(80 + n)}")])
    drop = _finder(pages)
    assert all(0 in drop[n] for n in range(1, 7, 2))
    assert all(0 not in drop.get(n, {}) for n in range(2, 7, 2))


def test_boilerplate_rare_top_line_kept():
    pages = [[(30, "CHAPTER 2" if n == 3 else f"para {chr(65 + n)} text"), (60, f"row {chr(75 + n)}"),
              (90, f"row2 {chr(80 + n)}"), (120, f"r3 {chr(85 + n)}"), (150, f"r4 {chr(66 + n)}")]
             for n in range(1, 11)]
    assert not _finder(pages)


@pytest.mark.parametrize("text,expected", [
    ("7", True), ("- 7 -", True), ("Page 7 of 30", True), ("Bladsy 12", True), ("page 3", True),
    ("(2)", False), ("2.", True), ("Section 7", False), ("7 July 2010", False), ("", False)])
def test_page_number_pattern(text, expected):
    assert is_page_number(text) is expected


# -- de-hyphenation --------------------------------------------------------------------

def test_dehyphenation_rule():
    src = ("the regu-\nlation of self-\nregulation and self-regulation; Anti-\nTerrorism; from 13:30-\n16:30;"
           " imprison\u00ad\nment; (a)-\n(b)")
    out, _, edits = dehyphenate(src)
    assert "the regulation of self-regulation and self-regulation;" in out
    assert "Anti-\nTerrorism" in out and "13:30-\n16:30" in out and "imprisonment" in out and "(a)-\n(b)" in out
    assert undo(out, edits) == src


def test_dehyphenation_offset_map_points_back_to_layout_text():
    src = "The regu-\nlation of \ufb01les and self-\nregulation, self-regulation.\n"
    mid, d_map, _ = dehyphenate(src)
    text, n_map = normalise(mid)
    doc = Document(path="x", name="x", sha256="", text=text, kind="pdf", offset_map=compose(n_map, d_map))
    for word in ("lation", "of", "files", "regulation,", "self-regulation."):
        i = text.rindex(word)
        j = doc.source_offset(i)
        assert src[j] == word[0] or (word == "files" and src[j] == "\ufb01"), word
    assert doc.source_offset(text.index("regulation") + 4) == src.index("lation")


def test_dehyphenation_in_pdf(tmp_path, reader):
    doc = _doc(tmp_path, "statute.pdf", F.statute_pdf(2))
    t = doc.text
    assert "The\nregulation of permits" in t or "The regulation of permits" in t
    assert "imprisonment for a period" in t and "such imprisonment" in t
    assert "self-regulation of service providers" in t  # real hyphen kept (the Act also writes it unbroken)
    assert "Anti-\nTerrorism matters" in t and "13:30-\n16:30" in t  # upper-case / digit: untouched
    assert "impri-" not in t and "regu-" not in t


# -- pages --------------------------------------------------------------------------

def test_page_of_every_offset(tmp_path, reader):
    n = 5
    doc = _doc(tmp_path, "statute.pdf", F.statute_pdf(n, labels=True))
    assert doc.n_pages == n and len(doc.page_starts) == n and doc.page_starts[0] == 0
    assert doc.page_starts == sorted(doc.page_starts)
    for k in range(1, n + 1):
        i = doc.text.index(f"Division {F.PAGE_LABELS[k - 1]}")
        assert doc.page_at(i) == k
        end = doc.page_starts[k] if k < n else len(doc.text)
        assert {doc.page_at(o) for o in range(doc.page_starts[k - 1], end)} == {k}


# -- no body text lost ---------------------------------------------------------------

def _nonspace(text: str) -> Counter:
    return Counter(c for c in normalise(text)[0] if not c.isspace())


@pytest.mark.parametrize("make", [lambda: F.statute_pdf(4), lambda: F.gazette_pdf(3)], ids=["statute", "gazette"])
def test_no_body_words_lost_on_generated_pdfs(tmp_path, make, reader):
    data = make()
    doc = _doc(tmp_path, "g.pdf", data)
    path = tmp_path / "g.pdf"
    raw = Counter()
    with pdfplumber.open(path) as plumb:
        for page in plumb.pages:
            raw.update(normalise(w["text"])[0] for w in page.extract_words())
    removed = Counter(w for _, t in doc.removed for w in normalise(t)[0].split())
    restored = undo(doc.text, [(o, r) for o, r in doc.meta["dehyphenated"]])
    assert Counter(restored.split()) == raw - removed
    assert not (removed - raw)  # what we removed was really there


@pytest.mark.parametrize("pdf", ZA_PDFS, ids=lambda p: p.name)
def test_no_body_text_lost_and_pages_right_on_gazettes(pdf):
    """Per page, every printed character (pdfplumber's chars) is in that page's slice of
    the output (``page_starts``) or in that page's removed boilerplate, and nothing else is.
    Characters, not words: these gazettes are set so tightly that where one word ends is
    a reader's guess (pdfplumber reads 'CITYOFCAPETOWN')."""
    doc = extract_pdf(pdf, pdf.read_bytes(), Limits())
    hyphens: dict[int, Counter] = {}
    for off, rem in doc.meta["dehyphenated"]:  # the join's hyphen belongs to the page it was printed on
        hyphens.setdefault(doc.page_at(max(off - 1, 0)), Counter()).update(c for c in rem if not c.isspace())
    with pdfplumber.open(pdf) as plumb:
        assert doc.n_pages == len(plumb.pages) == len(doc.page_starts)
        for k, page in enumerate(plumb.pages, 1):
            raw = _nonspace("".join(ch["text"] for ch in page.chars))
            removed = _nonspace("".join(t for p, t in doc.removed if p == k))
            end = doc.page_starts[k] if k < doc.n_pages else len(doc.text)
            assert {doc.page_at(o) for o in range(doc.page_starts[k - 1], end)} <= {k}
            out = _nonspace(doc.text[doc.page_starts[k - 1]:end]) + hyphens.get(k, Counter())
            assert not (removed - raw), k
            assert out == raw - removed, (k, (raw - removed) - out, out - (raw - removed))


def test_gazette_boilerplate_found(tmp_path):
    removed = {}
    for pdf in ZA_PDFS:
        doc = extract_pdf(pdf, pdf.read_bytes(), Limits())
        removed[pdf.name] = doc.removed
        assert "Provincial Gazette 6" not in doc.text and "Provinsiale Koerant 6" not in doc.text
        assert "for Promulgation" not in doc.text
    # each of the later pages of each gazette lost at least its running header
    for name, rem in removed.items():
        assert len({p for p, _ in rem}) >= 8, name


# -- errors ----------------------------------------------------------------------------

def _err(tmp_path, name, data, **limits):
    with pytest.raises(errors.LexbenchError) as info:
        _doc(tmp_path, name, data, **limits)
    line = info.value.line()
    assert "\n" not in line and str(tmp_path / name) in line
    return info.value


def test_encrypted_pdf_with_password(tmp_path):
    e = _err(tmp_path, "locked.pdf", F.encrypted_pdf("secret"))
    assert isinstance(e, errors.EncryptedPdf) and "decrypt" in e.line()


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path, reader):
    doc = _doc(tmp_path, "open.pdf", F.encrypted_pdf(""))
    assert "Sealed Records Act 2024" in doc.text


def test_image_only_pdf(tmp_path, reader):
    e = _err(tmp_path, "scan.pdf", F.image_only_pdf())
    assert isinstance(e, errors.NoTextLayer) and "OCR" in e.line()


@pytest.mark.parametrize("data", [F.corrupt_pdf(), F.truncated_pdf(), b"%PDF-1.4\n" + b"\x00" * 50],
                         ids=["garbage", "truncated", "nul"])
def test_corrupt_and_truncated_pdf(tmp_path, data):
    e = _err(tmp_path, "broken.pdf", data)
    assert isinstance(e, errors.CorruptPdf)


def test_broken_xref_is_recovered(tmp_path):
    data = F.statute_pdf(2)
    data = data[: data.rfind(b"startxref")] + b"startxref\n999999\n%%EOF\n"
    doc = _doc(tmp_path, "xref.pdf", data)
    assert doc.n_pages == 2 and "regulation of permits" in doc.text.replace("\n", " ")


def test_too_many_pages(tmp_path, reader):
    e = _err(tmp_path, "long.pdf", F.statute_pdf(3), max_pages=2)
    assert isinstance(e, errors.TooLarge)


def test_annotate_batch_with_bad_and_good_pdf(tmp_path, cli, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.pdf").write_bytes(F.statute_pdf(2, labels=True))
    (src / "locked.pdf").write_bytes(F.encrypted_pdf("secret"))
    out = tmp_path / "out"
    code = cli("annotate", src, "--out", out, "--quiet", "--no-db")
    assert code == 1
    rows = [json.loads(line) for line in (out / "good.pdf.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and {r["page"] for r in rows} <= {1, 2} and any(r["page"] == 2 for r in rows)
    assert not (out / "locked.pdf.jsonl").exists()
    errs = [json.loads(line) for line in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["file"]).name, e["kind"]) for e in errs] == [("locked.pdf", "encrypted_pdf")]
    assert "locked.pdf" in capsys.readouterr().err


def test_timeout_zero_means_no_limit(tmp_path, reader):
    """``annotate --timeout 0`` ("no limit") read every PDF as timed out at its first page."""
    doc = _doc(tmp_path, "gazette.pdf", F.gazette_pdf(1), timeout_s=0)
    assert F.GAZETTE_TITLE in doc.text
    with pytest.raises(errors.Timeout):
        _doc(tmp_path, "gazette.pdf", F.gazette_pdf(1), timeout_s=1e-9)
