#!/usr/bin/env python3
"""Generate the bad-input corpus for the robustness tests (issue 8).

Gazettes publish whatever their web server hands out; this writes one small example
of each way a statute file can be broken, so tests can prove that ``annotate`` gives
a specific one-line error (or processes the file) and never a traceback. Everything is
generated (nothing binary lives in git); the 50 MB file only with ``--big``.

    python scripts/make_bad_inputs.py OUT_DIR [--big]

``EXPECTED`` says, per file, which outcomes are acceptable: an error kind from
``pipeline.errors`` or ``"ok"`` (annotated, with the listed words in the output).
"""
from __future__ import annotations

import argparse
import io
import random
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path

# Statutory-style sentences written for these tests (no real statute is copied).
STATUTE = """PART I
PRELIMINARY

1. Short title
This Act may be cited as the Online Safety of Children Act {n}.

2. Interpretation
In this Act, unless the context otherwise requires, "child" means a person under the age of eighteen years.

PART II
OFFENCES

3. Production of child sexual abuse material
(1) A person who knowingly produces child sexual abuse material commits an offence.
(2) A person who commits an offence under subsection (1) is liable on conviction to imprisonment for a term not exceeding {years} years.

4. Possession
A person who possesses child sexual abuse material commits an offence and is liable to a fine not exceeding {fine} units.
"""

# file name -> acceptable outcomes (error kinds or "ok"); "words" must appear in the output if ok.
EXPECTED: dict[str, dict] = {
    "zero_bytes.txt": {"kinds": {"empty_input"}},
    "zero_bytes.pdf": {"kinds": {"empty_input"}},
    "whitespace_only.txt": {"kinds": {"empty_input"}},
    "zero_pages.pdf": {"kinds": {"no_text_layer", "empty_input", "corrupt_pdf"}},
    "blank_page.pdf": {"kinds": {"no_text_layer"}},
    "truncated.pdf": {"kinds": {"corrupt_pdf", "ok"}},
    "broken_xref.pdf": {"kinds": {"ok", "corrupt_pdf"}, "words": ["possesses"]},
    "encrypted_user_password.pdf": {"kinds": {"encrypted_pdf"}},
    "encrypted_empty_user_password.pdf": {"kinds": {"ok"}, "words": ["possesses"]},
    "image_only.pdf": {"kinds": {"no_text_layer"}},
    "pages_5000_empty.pdf": {"kinds": {"too_large", "no_text_layer"}},
    "random_bytes.pdf": {"kinds": {"corrupt_pdf"}},
    "zip_archive.pdf": {"kinds": {"unsupported_format"}},
    "pdf_header_only.pdf": {"kinds": {"corrupt_pdf"}},
    "utf16_bom.txt": {"kinds": {"ok"}, "words": ["Pénal", "l'image", "« à caractère", "§ 3"]},
    "utf16le_no_bom.txt": {"kinds": {"ok"}, "words": ["Pénal", "possesses"]},
    "windows1252.txt": {"kinds": {"ok"}, "words": ["Pénal", "l'image", "« à caractère", "§ 3", "€"]},
    "binary_named.txt": {"kinds": {"binary_input"}},
    "nested_10000.txt": {"kinds": {"ok", "too_deep"}},
    "nul_and_control.txt": {"kinds": {"ok"}, "words": ["possesses", "imprisonment"]},
    "html_js.txt": {"kinds": {"ok"}, "words": ["<script>alert('x')</script>", "<img src=x onerror="]},
}
BIG = {"single_line_50mb.txt": {"kinds": {"ok", "too_large", "timeout"}}}


def statute(n: int = 1) -> str:
    return STATUTE.format(n=2000 + n % 100, years=5 + n % 20, fine=100 * (n + 1))


# -- a tiny PDF writer: exact control over pages, xref and breakage -------------------
def raw_pdf(objects: list[bytes], root: int = 1, xref: bool = True) -> bytes:
    """Serialise numbered objects (1-based) with a correct xref table unless told not to."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, start))
    return out.getvalue()


def pdf_pages(n_pages: int) -> bytes:
    """``n_pages`` blank pages sharing one empty content stream: 5,000 pages in ~200 KB."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n_pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages,
            b"<< /Length 0 >>\nstream\n\nendstream"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n_pages
    return raw_pdf(objs)


def text_pdf_raw(lines: list[str]) -> bytes:
    """One page of Helvetica text, hand-written so the xref can be broken on purpose."""
    ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + esc.encode("latin-1", "replace") + b") '")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                    b"/Resources << /Font << /F1 5 0 R >> >> >>",
                    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def broken_xref(data: bytes) -> bytes:
    """Every xref offset and the startxref pointer made wrong (readers must rebuild it)."""
    data = re.sub(rb"\d{10} 00000 n", b"0000000999 00000 n", data)
    return data[: data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n"


def fpdf_doc(text: str | None, encrypt: tuple[str, str] | None = None, image: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if encrypt:
        pdf.set_encryption(owner_password=encrypt[0], user_password=encrypt[1])
    if text:
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    if image:
        pdf.image(io.BytesIO(png_gray(200, 60)), x=20, y=20, w=170)
    return bytes(pdf.output())


def png_gray(w: int, h: int) -> bytes:
    """A small greyscale PNG with stripes (stands in for a scanned page)."""
    rows = b"".join(b"\x00" + bytes(((x // 7 + y // 5) % 2) * 255 for x in range(w)) for y in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


FR_CP1252 = ("Code Pénal — Article 227-23\n\n§ 3. Le fait de détenir l'image d'un mineur « à caractère "
             "pornographique » est puni d'une amende de 75 000 €.\n")


def nested(n: int) -> str:
    """One section with ``n`` sub-paragraphs, each opening a level below the previous one
    (the labels cycle through the usual styles, so a naive stack grows ``n`` deep)."""
    styles = [lambda i: f"({chr(97 + i % 26)})", lambda i: f"({'i' * (1 + i % 3)})",
              lambda i: f"({chr(65 + i % 26)})", lambda i: f"({1 + i % 9})"]
    lines = ["5. Offences in relation to children", "A person commits an offence if the person—"]
    for i in range(n):
        lines.append(" " * min(i, 40) + styles[i % 4](i // 4) + " knowingly possesses material, where—")
    lines.append("is liable to imprisonment for a term not exceeding 10 years.")
    return "\n".join(lines) + "\n"


def make(out: str | Path, big: bool = False) -> dict[str, dict]:
    """Write the corpus to ``out`` and return the expectations for the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(8)
    body = statute(3)
    files: dict[str, bytes] = {
        "zero_bytes.txt": b"",
        "zero_bytes.pdf": b"",
        "whitespace_only.txt": b" \n\t\r\n  \n",
        "zero_pages.pdf": raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        "blank_page.pdf": fpdf_doc(None),
        "truncated.pdf": (lambda d: d[: len(d) // 2])(fpdf_doc(body)),
        "broken_xref.pdf": broken_xref(text_pdf_raw(body.splitlines())),
        "encrypted_user_password.pdf": fpdf_doc(body, encrypt=("owner-secret", "user-secret")),
        "encrypted_empty_user_password.pdf": fpdf_doc(body, encrypt=("owner-secret", "")),
        "image_only.pdf": fpdf_doc(None, image=True),
        "pages_5000_empty.pdf": pdf_pages(5000),
        "random_bytes.pdf": bytes(rng.randrange(256) for _ in range(4096)),
        "pdf_header_only.pdf": b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(2048)),
        "utf16_bom.txt": (FR_CP1252 + body).encode("utf-16"),
        "utf16le_no_bom.txt": (FR_CP1252 + body).encode("utf-16-le"),
        "windows1252.txt": (FR_CP1252 + body).encode("cp1252"),
        "binary_named.txt": bytes(rng.randrange(256) for _ in range(8192)),
        "nested_10000.txt": nested(10_000).encode(),
        "nul_and_control.txt": "".join(ch + ("\x00" if i % 17 == 0 else "\x07" if i % 29 == 0 else "\x1b"
                                             if i % 31 == 0 else "") for i, ch in enumerate(body)).encode(),
        "html_js.txt": body.replace(
            "commits an offence.", "commits an offence.<script>alert('x')</script>").replace(
            "Short title", "Short title <img src=x onerror=\"alert(1)\">").encode(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + body + "</w:document>")
    files["zip_archive.pdf"] = buf.getvalue()
    for name, data in files.items():
        (out / name).write_bytes(data)
    expected = dict(EXPECTED)
    if big:
        with (out / "single_line_50mb.txt").open("w", encoding="utf-8") as fh:
            sentence = " ".join(body.split()) + " "
            chunk = sentence * (1_000_000 // len(sentence) + 1)
            for _ in range(50):
                fh.write(chunk[:1_000_000])
        expected.update(BIG)
    return expected


def good(out: str | Path, n: int) -> list[Path]:
    """``n`` small well-formed statutes (different numbers, so different hashes)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = out / f"statute_{i:04d}.txt"
        p.write_text(statute(i).replace("Act ", f"Act No. {i} ", 1), encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--big", action="store_true", help="also write the 50 MB single-line text")
    args = ap.parse_args(argv)
    expected = make(args.out, big=args.big)
    for name, exp in sorted(expected.items()):
        print(f"{name}\t{'|'.join(sorted(exp['kinds']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
