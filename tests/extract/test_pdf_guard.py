"""Hostile PDFs are refused inside extraction, with their own error kind, in bounded memory."""
from __future__ import annotations

import resource
import time
import zlib
from pathlib import Path

import pytest

from pipeline import errors
from pipeline.extract import extract
from pipeline.extract.pdf.garbled import check_text, letter_share
from pipeline.extract.pdf.guard import StreamBudget, check_streams
from tests import pdf_factory as F


def one_page_pdf(content: bytes, compress: bool = True) -> bytes:
    """A minimal one-page PDF (Helvetica) whose page content stream is ``content``."""
    body = zlib.compress(content, 9) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + filt + b"/Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def text_ops_bomb(n_ops: int = 400_000) -> bytes:
    return one_page_pdf(b"BT /F1 1 Tf 10 10 Td " + b"(aaaa) Tj " * n_ops + b"ET")


def spaces_bomb(mib: int) -> bytes:
    """A content stream of ``mib`` MiB of spaces, then real text (compressed without holding it)."""
    c = zlib.compressobj(9)
    parts = [c.compress(b" " * (1 << 20)) for _ in range(mib)]
    parts.append(c.compress(b"BT /F1 12 Tf 72 700 Td (Section 1. A person commits an offence.) Tj ET"))
    parts.append(c.flush())
    body = b"".join(parts)
    pdf = one_page_pdf(b"", compress=True)
    return pdf.replace(zlib.compress(b"", 9), body).replace(b"/Length 8 ", b"/Length %d " % len(body))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_text_operator_bomb_is_refused_before_any_pdf_library_reads_it(tmp_path: Path):
    data = text_ops_bomb()
    assert len(data) < 60_000  # tiny on disk
    p = tmp_path / "bomb.pdf"
    p.write_bytes(data)
    before = peak_rss_mib()
    t0 = time.perf_counter()
    with pytest.raises(errors.ContentBomb) as exc:
        extract(p)
    assert time.perf_counter() - t0 < 5
    assert peak_rss_mib() - before < 200  # the guard inflates in 1 MiB steps
    assert exc.value.kind == "content_bomb" and "text-show operators" in exc.value.line()
    assert "\n" not in exc.value.line()


def test_a_stream_of_spaces_is_refused_as_a_bomb_not_as_missing_text(tmp_path: Path):
    p = tmp_path / "spaces.pdf"
    p.write_bytes(spaces_bomb(70))
    with pytest.raises(errors.ContentBomb, match="inflates to more than 64 MiB"):
        extract(p)


def test_the_budget_is_configurable_and_ordinary_pdfs_pass(tmp_path: Path):
    ordinary = F.statute_pdf(n_pages=3)
    check_streams("ok.pdf", ordinary)  # no error
    check_streams("small.pdf", text_ops_bomb(1000))
    with pytest.raises(errors.ContentBomb):
        check_streams("small.pdf", text_ops_bomb(1000), StreamBudget(max_text_ops=500))
    p = tmp_path / "ok.pdf"
    p.write_bytes(ordinary)
    assert "Offences" in extract(p).text


def test_a_text_layer_of_glyph_codes_is_reported_not_silently_empty(tmp_path: Path):
    glyphs = "".join(chr(0x21 + (i * 7) % 30) for i in range(600))  # punctuation and digits only
    with pytest.raises(errors.GarbledText, match="are letters"):
        check_text("x.pdf", glyphs)
    check_text("y.pdf", "Section 1. A person who possesses child sexual abuse material commits an offence. " * 5)
    assert letter_share("abc 123") == 0.5
    p = tmp_path / "garbled.pdf"
    p.write_bytes(one_page_pdf(b"BT /F1 12 Tf 72 700 Td (" + b"#%&*+ 0123 =<>? " * 30 + b") Tj ET"))
    with pytest.raises(errors.GarbledText):
        extract(p)
