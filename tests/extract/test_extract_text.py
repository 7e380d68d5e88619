"""Text statutes: encodings, normalisation and the offset map back to the source."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import errors
from pipeline.extract import decode, extract
from pipeline.extract.normalize import normalise, to_normalised
from pipeline.records import Document

SAMPLE = "Article 1\r\nQuiconque « diffuse » l’image d’un mineur… ﬁxée\u00a0ici.\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_decodes_common_encodings(tmp_path, encoding):
    text = "Article 1\nQuiconque diffuse l’image d’un mineur est puni.\n"
    if encoding == "cp1252":
        text = text.replace("’", "'") + "Protégé – « é »\n"
    f = tmp_path / f"statute-{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    doc = extract(f)
    assert "Quiconque diffuse l'image d'un mineur est puni." in doc.text
    if encoding == "cp1252":
        assert "Protégé – « é »" in doc.text
    assert doc.lang == "fr"


def test_normalisation_keeps_every_visible_character_and_maps_back():
    text, omap = normalise(SAMPLE)
    doc = Document(path="x", name="x", sha256="", text=text, kind="text", offset_map=omap)
    assert "\r" not in text and "fixée ici." in text and "l'image" in text
    # every normalised character maps to a source character that normalises to it
    for i, ch in enumerate(text):
        src = SAMPLE[doc.source_offset(i)]
        assert normalise(src)[0] in (ch, "fi", "\n") or ch in "fi'\" \n"
    # words survive unchanged apart from the canonical forms
    assert text.split() == normalise(" ".join(SAMPLE.split()))[0].split()


def test_offsets_map_back_to_the_same_word():
    text, omap = normalise(SAMPLE)
    doc = Document(path="x", name="x", sha256="", text=text, kind="text", offset_map=omap)
    i = text.index("mineur")
    j = doc.source_offset(i)
    assert SAMPLE[j:j + 6] == "mineur"
    assert to_normalised(omap, j) == i


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_normaliser_never_raises_and_offsets_stay_in_source(s):
    text, omap = normalise(s)
    doc = Document(path="x", name="x", sha256="", text=text, kind="text", offset_map=omap)
    prev = -1
    for i in range(len(text)):
        j = doc.source_offset(i)
        assert 0 <= j < len(s)
        assert j >= prev  # monotone
        prev = j
    assert doc.source_offset(len(text)) <= len(s)


@pytest.mark.parametrize("content,error", [
    (b"", errors.EmptyInput),
    (b"  \n\t \r\n", errors.EmptyInput),
    (bytes(range(256)) * 64, errors.BinaryInput),
    (b"PK\x03\x04" + b"\x00" * 100, errors.UnsupportedFormat),
])
def test_unusable_text_files_raise_one_line_errors(tmp_path, content, error):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(error) as exc:
        extract(f)
    line = str(exc.value)
    assert "\n" not in line and str(f) in line and exc.value.kind in line


def test_control_characters_are_dropped_not_fatal(tmp_path):
    f = tmp_path / "ctl.txt"
    f.write_bytes(b"Section 1\x00 Any person who\x07 possesses\x1b material.\n")
    doc = extract(f)
    assert doc.text == "Section 1 Any person who possesses material.\n"


def test_utf16_without_bom_is_detected():
    raw = "Section 2. Offences\n".encode("utf-16-le")
    text, enc = decode(raw)
    assert text.startswith("Section 2") and enc == "utf-16-le"
