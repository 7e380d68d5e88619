"""HTML and DOCX statutes: the text a reader sees, not the markup; other formats refused in one line."""
from __future__ import annotations

import io
import zipfile

import pytest

from pipeline import errors
from pipeline.extract import extract
from pipeline.segment import segment

HTML = """<!DOCTYPE html>
<html><head><title>Site title</title><meta charset="utf-8">
<style>p { color: red }</style><script>var s = "1. Hidden offence";</script></head>
<body><nav><a href="/">Home</a> | <a href="/acts">Acts</a></nav>
<h1>Protection of Children (Model) Act 2020</h1>
<h2>1. Indecent images of children</h2>
<p>(1) A person who <b>knowingly</b> possesses an indecent photograph
   of a child commits an offence.</p>
<p>(2) A person who distributes such a photograph&nbsp;commits an offence.<br>(3) Attempts are punishable.</p>
<table><tr><td>Penalty</td><td>10 years</td></tr></table>
</body></html>
"""

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _para(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def make_docx(paragraphs: list[str], numbering: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{''.join(paragraphs)}</w:body></w:document>")
        if numbering:
            zf.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


NUMBERING = f"""<w:numbering {W}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


@pytest.mark.parametrize("name", ["act.html", "act.htm", "act"])
def test_html_gives_the_dom_text_one_block_per_line(tmp_path, name):
    f = tmp_path / name
    f.write_text(HTML, encoding="utf-8")
    doc = extract(f)
    assert doc.kind == "html" and doc.lang == "en"
    lines = doc.text.splitlines()
    assert lines[:3] == ["Protection of Children (Model) Act 2020", "1. Indecent images of children",
                         "(1) A person who knowingly possesses an indecent photograph of a child commits an offence."]
    assert "(2) A person who distributes such a photograph commits an offence." in lines
    assert "(3) Attempts are punishable." in lines  # <br> ends a line
    assert "<" not in doc.text and "Hidden offence" not in doc.text and "color" not in doc.text
    assert "Home" not in doc.text and "Site title" not in doc.text
    kinds = {p.kind for p in segment(doc)}
    assert "subsection" in kinds or "paragraph" in kinds


def test_html_declared_charset_is_honoured(tmp_path):
    f = tmp_path / "loi.html"
    f.write_bytes("<html><head><meta charset='iso-8859-2'></head><body><p>Art. 1. Kto rozpowszechnia "
                  "treści pornograficzne z udziałem małoletniego, podlega karze.</p></body></html>"
                  .encode("iso-8859-2"))
    assert "udziałem małoletniego" in extract(f).text


def test_text_with_angle_brackets_is_still_text(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("1. Offence\nA person who sends <an image> to a child commits an offence.\n", encoding="utf-8")
    doc = extract(f)
    assert doc.kind == "text" and "<an image>" in doc.text


def test_docx_paragraphs_and_word_list_numbers(tmp_path):
    f = tmp_path / "act.docx"
    f.write_bytes(make_docx([
        _para("1. Child sexual abuse material"),
        _para("A person who produces child sexual abuse material commits an offence.", (7, 0)),
        _para("A person who distributes it commits an offence if—", (7, 0)),
        _para("the material depicts a child;", (7, 1)),
        _para("the person knows its nature.", (7, 1)),
        _para("Attempts are punishable.", (7, 0)),
    ], NUMBERING))
    doc = extract(f)
    assert doc.kind == "docx"
    assert doc.text.splitlines() == [
        "1. Child sexual abuse material",
        "(1) A person who produces child sexual abuse material commits an offence.",
        "(2) A person who distributes it commits an offence if—",
        "(a) the material depicts a child;", "(b) the person knows its nature.",
        "(3) Attempts are punishable."]
    assert any(p.num == "(b)" for p in segment(doc))


def test_zip_that_is_not_docx_and_hostile_docx_are_one_line_errors(tmp_path):
    epub = tmp_path / "book.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
    epub.write_bytes(buf.getvalue())
    with pytest.raises(errors.UnsupportedFormat, match="not DOCX"):
        extract(epub)
    dtd = tmp_path / "dtd.docx"
    dtd.write_bytes(_with_document(
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document ' + W.encode() + b'><w:body/></w:document>'))
    with pytest.raises(errors.UnsupportedFormat, match="DTD") as exc:
        extract(dtd)
    assert "\n" not in exc.value.line()


def _with_document(xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


@pytest.mark.parametrize("data,why", [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word"),
                                      (b"{\\rtf1\\ansi Section 1}", "RTF")])
def test_legacy_word_and_rtf_are_refused_with_a_reason(tmp_path, data, why):
    f = tmp_path / "statute.doc"
    f.write_bytes(data)
    with pytest.raises(errors.UnsupportedFormat, match=why):
        extract(f)
