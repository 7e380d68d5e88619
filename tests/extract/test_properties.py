"""Property-based tests (Hypothesis) for the text normaliser and text extraction (issue 8):
arbitrary Unicode never raises, offsets always map back into the source, nothing
visible is dropped, and arbitrary bytes give a Document or a LexbenchError, nothing else.
(The segmenter and terminology matcher have their own property tests.)
"""
from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import errors
from pipeline.extract import extract
from pipeline.extract.normalize import _REPLACEMENTS, is_mostly_binary, normalise, to_normalised
from pipeline.records import Document

# Text built from what statutes and broken files contain: letters, the characters the
# normaliser rewrites, controls, surrogates (from undecodable names), any code point.
SPECIAL = list(_REPLACEMENTS) + ["\r\n", "\x00", "\ud800", "\udcff", "§", "é", "\u0301", "\U0001F600"]
texts = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(SPECIAL),
                           st.characters(min_codepoint=0, max_codepoint=0x10FFFF)), max_size=60).map("".join)
PROPS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference(s: str) -> str:
    """The same normalisation without offsets: one character (or CRLF) at a time."""
    out, i = [], 0
    while i < len(s):
        if s.startswith("\r\n", i):
            out.append("\n")
            i += 2
        else:
            out.append(_REPLACEMENTS.get(s[i], s[i]))
            i += 1
    return "".join(out)


@given(texts)
@PROPS
@example("a\r\n\r\nb")
@example("\ufb03x\x00\u00ad")
@example("\r")
def test_normalise_matches_reference_and_offsets_map_into_source(s):
    text, omap = normalise(s)
    assert text == reference(s)  # nothing visible dropped, nothing invented
    doc = Document(path="x", name="x", sha256="", text=text, kind="text", offset_map=omap)
    prev = -1
    for i, ch in enumerate(text):
        j = doc.source_offset(i)
        assert 0 <= j < len(s) and j >= prev  # inside the source, in order
        prev = j
        # the source character there is this one, or a sequence normalised to include it
        src = "\r\n" if s.startswith("\r\n", j) else s[j]
        assert ch == src or ch in _REPLACEMENTS.get(src, "")
        assert doc.source_offset(to_normalised(omap, j)) == j  # the inverse lands on the same source char
    assert doc.source_offset(len(text)) == len(s)  # the end maps to the end


@given(texts)
@PROPS
def test_normalise_is_idempotent_and_leaves_no_control_characters(s):
    text, _ = normalise(s)
    assert normalise(text)[0] == text
    assert "\r" not in text and "\t" not in text
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    is_mostly_binary(text)  # never raises
    is_mostly_binary(text, single_byte=True)


@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ""]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extract_on_arbitrary_bytes_gives_a_document_or_a_clear_error(tmp_path_factory, data, suffix):
    f = tmp_path_factory.mktemp("fuzz") / f"statute{suffix}"
    f.write_bytes(data)
    try:
        doc = extract(f)
    except errors.LexbenchError as exc:
        assert str(exc).startswith(str(f) + ": ") and "\n" not in str(exc)
        return
    assert doc.text.strip() and "\x00" not in doc.text
    for i in range(0, len(doc.text), max(1, len(doc.text) // 50)):
        assert 0 <= doc.source_offset(i)


@given(st.binary(max_size=2000))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extract_on_arbitrary_bytes_after_a_pdf_header_never_raises_anything_else(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("fuzzpdf") / "statute.pdf"
    f.write_bytes(b"%PDF-1.4\n" + data)
    try:
        extract(f)
    except errors.LexbenchError as exc:
        assert "\n" not in str(exc)


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_are_binary_but_text_with_stray_controls_is_text(tmp_path_factory, seed):
    rng = random.Random(seed)
    d = tmp_path_factory.mktemp("seed")
    noise = d / "noise.txt"
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(2048)))
    try:
        extract(noise)
        raise AssertionError("random bytes were taken for a statute")
    except (errors.BinaryInput, errors.CorruptPdf, errors.UnsupportedFormat):
        pass
    words = "A person who knowingly possesses or distributes such material commits an offence".split()
    body = " ".join(rng.choice(words) for _ in range(300))
    rate = rng.uniform(0, 0.15)
    dirty = "".join(ch + (rng.choice("\x00\x01\x07\x1b\x7f") if rng.random() < rate else "") for ch in body)
    f = d / "dirty.txt"
    f.write_bytes(dirty.encode("utf-8"))
    doc = extract(f)
    assert doc.text.split() == body.split()


# -- terminology matcher ----------------------------------------------------------------------
_TERMS_ALPHABET = st.sampled_from([
    "child pornography", "Child-Pornographic", "pornographie enfantine", "pédo-pornographie", "CP",
    "Code pénal", "paedophile", "age of consent", '"child pornography" means', "« pornographie juvénile »",
    "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child "
    "prostitution and child pornography", "prostitution", "\n", " ", "—", "(a)", "Article 3", "\u00a0", "\x00"])


@given(st.lists(st.one_of(_TERMS_ALPHABET, st.text(max_size=20)), max_size=25), st.sampled_from(["en", "fr", None]))
@settings(max_examples=150, deadline=None)
def test_term_flagger_never_raises_and_offsets_point_at_the_flagged_text(parts, lang):
    text, omap = normalise("".join(parts))
    doc = Document(path="x", name="x", sha256="0", text=text, kind="text", offset_map=omap, lang=lang)
    flags, exempt = _FLAGGER.flag(doc)
    for f in flags + exempt:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert f.reason and f.severity and f.rule
    for f in exempt:
        assert f.exempt_reason


_FLAGGER = None


def setup_module(module):
    from pipeline.terminology import TermFlagger

    module._FLAGGER = TermFlagger.load()
