"""Stage 1: a statute file in, a ``Document`` out.

Reads: a statute file: text (any common encoding), PDF, HTML (the text of its DOM:
``html_text``) or DOCX (its paragraphs: ``docx_text``). Writes: nothing; returns a ``Document``.
The format is sniffed from the bytes, not the file name: gazettes are published with whatever
extension the web server chose. Legacy Word, RTF and other ZIP archives are refused with a
one-line error.
"""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline import errors
from pipeline.files import display_path, sha256_bytes
from pipeline.extract.akn import extract_akn, is_akn
from pipeline.extract.docx_text import DocxError, docx_to_text, is_docx
from pipeline.extract.html_text import declared_charset, html_to_text, looks_like_html
from pipeline.extract.language import detect_language
from pipeline.extract.normalize import is_mostly_binary, normalise
from pipeline.records import Document


@dataclass
class Limits:
    """Safety limits for unattended batches; all configurable from the CLI."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 3000
    timeout_s: float = 600.0
    # One provision longer than this means the structure was not recognised (e.g. a
    # 50 MB single line); classifiers are not built for it (spaCy stops at 1,000,000).
    max_provision_chars: int = 1_000_000
    # what a PDF's compressed streams may expand to (pipeline/extract/pdf/guard.py); None = defaults
    streams: object = None


def extract(path: str | os.PathLike, limits: Limits | None = None, lang: str | None = None) -> Document:
    """Read one statute. Raises a ``LexbenchError`` subclass for anything unusable."""
    limits = limits or Limits()
    p = Path(path)
    shown = display_path(p)
    try:
        st = p.stat()
    except OSError as exc:
        raise errors.Unreadable(shown, f"cannot read file ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise errors.UnsupportedFormat(shown, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        # a FIFO would block forever, /dev/zero never ends: read only regular files
        raise errors.UnsupportedFormat(shown, "is not a regular file (device, pipe or socket)",
                                       "copy the statute into a regular file")
    if st.st_size > limits.max_bytes:
        raise errors.TooLarge(shown, f"{st.st_size} bytes exceeds the limit of {limits.max_bytes}")
    try:
        with p.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)  # the file may grow while we read it
    except OSError as exc:
        raise errors.Unreadable(shown, f"cannot read file ({exc.strerror})") from None
    if len(data) > limits.max_bytes:
        raise errors.TooLarge(shown, f"more than {limits.max_bytes} bytes (limit)")
    if not data.strip():
        raise errors.EmptyInput(shown, "zero bytes" if not data else "only whitespace")
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        from pipeline.extract.pdf import extract_pdf

        doc = extract_pdf(p, data, limits)
    elif head.startswith(b"PK\x03\x04"):
        doc = extract_docx(p, data, limits)
    elif is_akn(data):
        doc = extract_akn(p, data)
    elif p.suffix.lower() == ".pdf":
        raise errors.CorruptPdf(shown, "named .pdf but has no PDF header")
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise errors.UnsupportedFormat(shown, "is a legacy Word (.doc) or other OLE file", "save it as DOCX, PDF or text")
    elif head.startswith(b"{\\rtf"):
        raise errors.UnsupportedFormat(shown, "is RTF, which is not read", "save it as DOCX, PDF or text")
    elif looks_like_html(data, p.suffix.lower()):
        doc = extract_html(p, data)
    else:
        doc = extract_text(p, data)
    doc.lang = lang or doc.lang or detect_language(doc.text)
    # names that are not valid UTF-8 cannot go into JSON or the database as they are
    doc.path, doc.name = display_path(doc.path), display_path(doc.name)
    return doc


def decode(data: bytes) -> tuple[str, str]:
    """Decode statute bytes: BOMs first, then UTF-16 without BOM, UTF-8, Windows-1252."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    sample = data[:4096]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / len(sample[0::2])
        odd_nul = sample[1::2].count(0) / len(sample[1::2])
        if odd_nul > 0.3 and even_nul < 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def extract_text(p: Path, data: bytes) -> Document:
    raw, encoding = decode(data)
    if is_mostly_binary(raw, single_byte=encoding in ("cp1252", "latin-1")):
        raise errors.BinaryInput(display_path(p), "content is binary, not text")
    return _document(p, data, raw, "text", encoding)


def extract_html(p: Path, data: bytes) -> Document:
    """An HTML statute: the text of its DOM (offsets index that text, not the HTML source)."""
    charset = None if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
        else declared_charset(data)
    raw, encoding = (data.decode(charset, errors="replace"), charset) if charset else decode(data)
    return _document(p, data, html_to_text(raw), "html", encoding)


def extract_docx(p: Path, data: bytes, limits: Limits) -> Document:
    """A DOCX statute: its paragraphs (offsets index that text); another ZIP is refused."""
    if not is_docx(data):
        raise errors.UnsupportedFormat(display_path(p), "is a ZIP archive (e.g. .epub, .odt), not DOCX, a text "
                                       "or PDF", "unzip it or export it to DOCX, PDF or text")
    try:
        text = docx_to_text(data, limits.max_bytes)
    except DocxError as exc:
        raise errors.UnsupportedFormat(display_path(p), f"is an unreadable DOCX: {exc}",
                                       "open and save it again in Word, or export it to PDF") from None
    return _document(p, data, text, "docx", "utf-8")


def _document(p: Path, data: bytes, raw: str, kind: str, encoding: str | None) -> Document:
    text, offset_map = normalise(raw)
    if not text.strip():
        raise errors.EmptyInput(display_path(p), "no visible text after decoding")
    return Document(path=str(p), name=p.name, sha256=sha256_bytes(data), text=text, kind=kind,
                    encoding=encoding, offset_map=offset_map)
