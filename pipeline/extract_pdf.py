"""PDF extraction (first cut: pdfplumber text per page; to be replaced by the layout-aware reader)."""
from __future__ import annotations

import io
from pathlib import Path

from . import errors
from .normalize import normalise, to_normalised
from .records import Document


def extract_pdf(p: Path, data: bytes, limits) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from .extract import sha256_bytes

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise errors.EncryptedPdf(str(p), "the PDF is encrypted with a password") from None
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise errors.CorruptPdf(str(p), f"cannot parse PDF ({type(exc).__name__})") from None
    parts, starts, n = [], [], 0
    with pdf:
        if len(pdf.pages) > limits.max_pages:
            raise errors.TooLarge(str(p), f"{len(pdf.pages)} pages exceeds the limit of {limits.max_pages}")
        for page in pdf.pages:
            t = (page.extract_text() or "") + "\n"
            starts.append(n)
            parts.append(t)
            n += len(t)
    raw = "".join(parts)
    if not raw.strip():
        raise errors.NoTextLayer(str(p), "no text layer (image-only PDF)")
    text, offset_map = normalise(raw)
    doc = Document(path=str(p), name=p.name, sha256=sha256_bytes(data), text=text, kind="pdf",
                   offset_map=offset_map, n_pages=len(starts))
    # page starts are in raw offsets; convert through the inverse map
    doc.page_starts = [to_normalised(offset_map, s) for s in starts]
    return doc
