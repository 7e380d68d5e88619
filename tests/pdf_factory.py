"""Small generator of test PDFs (fpdf2): layouts whose right reading is known.

All text is neutral statutory-style prose written for these tests. A ``"-\\n"`` inside
a paragraph forces a line break right after that hyphen, so tests control exactly
which words are hyphenated at line ends.
"""
from __future__ import annotations

import io
import textwrap

from fpdf import FPDF

HEADER = "OFFICIAL GAZETTE OF TESTLAND - CONSOLIDATED ACTS"
FOOTER_LEFT = "Testland Consolidated Statutes, Volume 3"

SECTIONS = [
    ("1. Definitions", "In this Act, unless the context otherwise indicates, 'authorised officer' means a person appointed "
     "under section 6 of this Act, and 'premises' includes any building, vehicle or vessel used for the purposes of trade."),
    ("2. Application", "This Act applies to every person within the territory and to every citizen outside it, subject to the "
     "limitations set out in the schedules, and it binds the State in all its branches."),
    ("3. Permits", "No person may operate a broadcasting service without a permit issued under this Act. The regu-\nlation "
     "of permits is a function of the authority, which must keep a register of every permit granted, varied or revoked."),
    ("4. Offences", "A person who contravenes section 3 commits an offence and is liable on conviction to a fine or to impri-\n"
     "sonment for a period not exceeding two years, or to both such fine and such impri-\nsonment."),
    ("5. Compound terms", "The authority may publish a code of practice for self-\nregulation of service providers; self-regulation "
     "does not limit the powers of the authority under this Act and the code must be laid before Parliament."),
    ("6. Officers", "The Minister may appoint authorised officers. An authorised officer may enter any premises at a reasonable "
     "hour to inspect records kept under this Act and may make copies of such records."),
    ("7. Anti-\nTerrorism matters", "Nothing in this Act affects the powers conferred by the Anti-Terrorism Act 2019 or the "
     "hours of business fixed between 08:00 and 13:30-\n16:30 on weekdays."),
    ("8. Short title", "This Act may be cited as the Criminal Procedure (Testland) Act 2024 and comes into operation on a date "
     "fixed by the Minister by notice in the Gazette."),
]


def _lines(paragraph: str, width: int) -> list[str]:
    out: list[str] = []
    for hard in paragraph.split("\n"):
        out.extend(textwrap.wrap(hard, width=width, break_long_words=False, break_on_hyphens=False) or [""])
    return out


PAGE_LABELS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett"]


def page_label(page: int) -> str:
    """A name unique to each page up to 1000 ("Alpha", ..., "BravoAlpha", ...), no digits."""
    k, out = page - 1, PAGE_LABELS[(page - 1) % 10]
    while k >= 10:
        k //= 10
        out = PAGE_LABELS[k % 10] + out
    return out


def statute_pdf(n_pages: int = 3, header: bool = True, footer: bool = True, sections=SECTIONS,
                labels: bool = False) -> bytes:
    """One column, running header, footer with 'Page N of M', body sections cycling.
    ``labels`` starts each page's body with a line naming it ("Division Alpha" ...),
    so tests can check the page of an offset."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    lh = 13.0
    body_top, body_bottom = 80.0, 760.0
    k = 0
    for page in range(1, n_pages + 1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=8)
            pdf.text(72, 40, HEADER)
            pdf.set_font("Helvetica", size=10)
        y = body_top
        if labels:
            pdf.set_font("Helvetica", "B", 10)
            pdf.text(72, y, f"Division {page_label(page)}")
            y += lh
        while y < body_bottom - 3 * lh:
            if k < len(sections):
                head, body = sections[k]
            else:  # repeats, in a page-dependent order and marked: a real statute prints no body line twice
                head, body = sections[(k * 7 + page * 3) % len(sections)]
                head, body = f"{head} (Division {page_label(page)})", f"{body} (Division {page_label(page)}.)"
            k += 1
            for line in head.split("\n"):
                pdf.set_font("Helvetica", "B", 10)
                pdf.text(72, y, line)
                y += lh
            pdf.set_font("Helvetica", size=10)
            for line in _lines(body, 88):
                if y > body_bottom:
                    break
                pdf.text(72, y, line)
                y += lh
            y += lh / 2
        if footer:
            pdf.set_font("Helvetica", size=8)
            pdf.text(72, 810, FOOTER_LEFT)
            pdf.text(480, 810, f"Page {page} of {n_pages}")
    return bytes(pdf.output())


GAZETTE_TITLE = "PROVINCIAL NOTICE 12 OF 2024: BY-LAW ON PUBLIC ROADS AND STREET TRADING"
LEFT_COLUMN = ("1. Definitions. In this by-law 'council' means the municipal council of the city and 'street' means "
               "any road, lane or square open to the public. 2. Trading. No person may trade on a street without a "
               "licence issued by the council, and every licence must be displayed at the stand. The regu-\nlation "
               "of stands is a matter for the council.")
RIGHT_COLUMN = ("3. Obstruction. A trader may not obstruct the free movement of pedestrians or vehicles, and the council "
                "may remove any goods left on a street after trading hours. 4. Penalties. A person who contravenes this "
                "by-law commits an offence and is liable to a fine. 5. Repeal. The by-law of 1998 is repealed.")
MIDDLE_HEADING = "SCHEDULE OF FEES PAYABLE UNDER THIS BY-LAW FOR EVERY CLASS OF LICENCE ISSUED BY THE COUNCIL"
LOWER_LEFT = "6. Fees. The fees in the schedule are payable in advance and are not refundable if a licence is cancelled."
LOWER_RIGHT = "7. Review. The council must review the fees every year and publish the new fees in the Provincial Gazette."


PAGE_NOTES = [
    "Notice is given that the council adopted the following by-law at its ordinary meeting.",
    "Comments on this notice may be lodged in writing with the municipal manager.",
    "The by-law takes effect on the date of its publication in the Provincial Gazette.",
    "Copies of this notice are available for inspection at the municipal offices.",
]


def gazette_pdf(n_pages: int = 2) -> bytes:
    """Two columns under a full-width title, a full-width heading, two more columns;
    a running header and a page number on every page."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    lh = 11.0
    x_left, x_right, col_chars = 50.0, 310.0, 48
    for page in range(1, n_pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=7)
        pdf.text(50, 30, f"PROVINCIAL GAZETTE 7767 - {page + 1040}")
        pdf.set_font("Helvetica", "B", 10)
        pdf.text(50, 70, GAZETTE_TITLE if page == 1 else f"{GAZETTE_TITLE} (continued, part {chr(64 + page)})")
        pdf.set_font("Times", size=9)
        y0 = 95.0
        ys = []
        left, right = (LEFT_COLUMN, RIGHT_COLUMN) if page % 2 else (RIGHT_COLUMN, LEFT_COLUMN)
        if page > 2:  # vary the body so only the running header repeats across pages
            left, right = PAGE_NOTES[page % len(PAGE_NOTES)] + " " + left, right + " " + PAGE_NOTES[page % 3]
        for x, text in ((x_left, left), (x_right, right)):
            y = y0
            for line in _lines(text, col_chars):
                pdf.text(x, y, line)
                y += lh
            ys.append(y)
        y = max(ys) + lh
        pdf.set_font("Helvetica", "B", 9)
        pdf.text(50, y, MIDDLE_HEADING)
        pdf.set_font("Times", size=9)
        y += 2 * lh
        lower = (LOWER_LEFT + " " + PAGE_NOTES[page % 4], PAGE_NOTES[(page + 1) % 4] + " " + LOWER_RIGHT)
        for x, text in ((x_left, lower[0]), (x_right, lower[1])):
            yy = y
            for line in _lines(text, col_chars):
                pdf.text(x, yy, line)
                yy += lh
        pdf.set_font("Helvetica", size=8)
        pdf.text(290, 820, str(page))
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """Encrypted statute; ``user_password=""`` gives one any reader opens without a password."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_encryption(owner_password="owner-pass", user_password=user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 100, "1. Short title. This Act may be cited as the Sealed Records Act 2024.")
    pdf.text(72, 120, "2. Commencement. This Act comes into operation on publication.")
    return bytes(pdf.output())


def image_only_pdf(n_pages: int = 2) -> bytes:
    """Scanned-style PDF: a picture per page and no text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (300, 400), "white")
    draw = ImageDraw.Draw(img)
    for i in range(20):
        draw.line((20, 20 + 18 * i, 280, 20 + 18 * i), fill="black", width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF(format="A4", unit="pt")
    for _ in range(n_pages):
        pdf.add_page()
        buf.seek(0)
        pdf.image(buf, x=50, y=50, w=450)
    return bytes(pdf.output())


def corrupt_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf body\n%%EOF\n"


def truncated_pdf() -> bytes:
    data = statute_pdf(2)
    return data[: len(data) // 3]


ROTATED_LINES = [
    "SCHEDULE 2: TABLE OF PENALTIES SET SIDEWAYS ON THE PAGE",
    "First line of the schedule, read before the second line.",
    "Second line of the schedule, read before the third line.",
    "Third line of the schedule, which ends the schedule.",
]


def rotated_pdf(angle: int = 90) -> bytes:
    """A portrait page whose text is set sideways (``angle`` degrees counter-clockwise)."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for i, line in enumerate(ROTATED_LINES):
        if angle == 90:  # reads upwards; the next line is to the right
            x, y = 100 + 16 * i, 700
        elif angle == 270:  # reads downwards; the next line is to the left
            x, y = 400 - 16 * i, 100
        else:  # upside down; the next line is higher up
            x, y = 500, 700 - 16 * i
        with pdf.rotation(angle, x, y):
            pdf.text(x, y, line)
    return bytes(pdf.output())
