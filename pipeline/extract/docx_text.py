"""DOCX statutes: the paragraphs of ``word/document.xml``, with the standard library only.

Reads: the DOCX bytes (a ZIP archive). Writes: nothing; ``docx_to_text`` returns one line per
paragraph (table cells are paragraphs too), tabs and line breaks kept, and the list numbers
Word generates (``w:numPr``, defined in ``word/numbering.xml``) written out as the text shows
them, so ``(a)`` and ``1.`` reach the segmenter. Deleted revisions (``w:delText``) are dropped.
A document whose XML declares a DTD, or which unpacks beyond ``max_bytes``, is refused.
"""
from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxError(ValueError):
    """Not a usable DOCX: the message says why in a few words."""


def _part(zf: zipfile.ZipFile, name: str, max_bytes: int) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > max_bytes:
        raise DocxError(f"{name} unpacks to {info.file_size} bytes (limit {max_bytes})")
    with zf.open(info) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocxError(f"{name} unpacks to more than {max_bytes} bytes")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise DocxError(f"{name} declares a DTD, which Word never writes")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocxError(f"{name} is not well-formed XML ({exc})") from None


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def docx_to_text(data: bytes, max_bytes: int) -> str:
    """The document's paragraphs, one per line."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocxError(f"not a ZIP archive ({exc})") from None
    with zf:
        body = _part(zf, "word/document.xml", max_bytes)
        if body is None:
            raise DocxError("no word/document.xml: not a Word document")
        numbering = _Numbering(_part(zf, "word/numbering.xml", max_bytes))
    lines = []
    for p in body.iter(f"{W}p"):
        lines.append(numbering.label(p) + _runs_text(p))
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def _runs_text(p: ET.Element) -> str:
    out = []
    for el in p.iter():
        if el.tag == f"{W}t" and el.text:
            out.append(el.text)
        elif el.tag == f"{W}tab":
            out.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return "".join(out)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:  # Word: a..z, then aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS = {"decimal": str, "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
           "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
           "decimalZero": lambda n: f"{n:02d}"}


class _Numbering:
    """Word's automatic list numbers: ``numId`` -> abstract definition -> per level format,
    text pattern (``(%1)``) and start; counters restart below the level that advanced."""

    def __init__(self, root: ET.Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract = {}
        for a in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                fmt, text, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                    int(start.get(f"{W}val", "1")) if start is not None else 1)
            abstract[a.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, p: ET.Element) -> str:
        ppr = p.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        num_id = num_id_el.get(f"{W}val") if num_id_el is not None else None
        ilvl = int(ilvl_el.get(f"{W}val", "0")) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, pattern, _ = levels[ilvl]
        if fmt in ("bullet", "none") or not pattern:
            return ""
        text = pattern
        for k in range(ilvl + 1):
            kfmt, _, kstart = levels.get(k, ("decimal", "", 1))
            value = counters.get(k, kstart)
            text = text.replace(f"%{k + 1}", FORMATS.get(kfmt, str)(value))
        return text + " "
