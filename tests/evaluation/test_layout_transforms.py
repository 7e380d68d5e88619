"""Layout transforms of the robustness evaluation keep the truth and move its lines with the text."""
from __future__ import annotations

import pytest

from evaluation.layouts import TRANSFORMS, render

TEXT = "\n".join([
    "PART 1",
    "Preliminary",
    "",
    "1. Short title.—This Act may be cited as the Protection of Minors Act and shall come into force on a day "
    "the Minister appoints by notice in the Gazette.",
    "",
    "Interpretation",
    "2. In this Act—",
    "(a) \"child\" means a person under the age of eighteen years; and",
    "(b) \"image\" includes a drawing.",
    "",
    "PART 2",
    "Offences",
    "",
    "3.",
    "Offence of grooming",
    "(1) A person who arranges to meet a child commits an offence.",
])
UNITS = [
    {"kind": "part", "num": "1", "heading": "Preliminary", "parent": None, "line": 1},
    {"kind": "section", "num": "1", "heading": "Short title", "parent": 0, "line": 4},
    {"kind": "section", "num": "2", "heading": "Interpretation", "parent": 0, "line": 7},
    {"kind": "paragraph", "num": "a", "heading": None, "parent": 2, "line": 8},
    {"kind": "paragraph", "num": "b", "heading": None, "parent": 2, "line": 9},
    {"kind": "part", "num": "2", "heading": "Offences", "parent": None, "line": 11},
    {"kind": "section", "num": "3", "heading": "Offence of grooming", "parent": 5, "line": 14},
    {"kind": "subsection", "num": "1", "heading": None, "parent": 6, "line": 16},
]


def _lines_ok(text: str, units: list[dict]) -> None:
    """Every unit's mapped line holds its number (so the truth still points at the right place)."""
    lines = text.replace("\r\n", "\n").split("\n")
    for u in units:
        assert u["line"] is not None, u
        assert u["num"] in lines[u["line"] - 1], (u, lines[u["line"] - 1])


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_every_layout_keeps_numbers_and_maps_lines(name):
    text, units = render("x.txt", TEXT, UNITS, name)
    assert [(u["kind"], u["num"], u["parent"]) for u in units] == [(u["kind"], u["num"], u["parent"]) for u in UNITS]
    _lines_ok(text, units)
    assert render("x.txt", TEXT, UNITS, name) == (text, units)  # deterministic


def test_wrap_breaks_long_lines_at_words():
    text, _ = render("x.txt", TEXT, UNITS, "wrap")
    assert max(len(x) for x in text.split("\n")) <= 72
    assert text.split() == TEXT.split()


def test_marginal_note_styles():
    above, units = render("x.txt", TEXT, UNITS, "note-above")
    lines = above.split("\n")
    i = units[1]["line"] - 1
    assert lines[i - 1] == "Short title" and lines[i].startswith("1. This Act")
    inline, units = render("x.txt", TEXT, UNITS, "note-inline")
    assert "2. Interpretation.—In this Act—" in inline.split("\n")
    assert "Offence of grooming" not in inline.split("\n")
    below, units = render("x.txt", TEXT, UNITS, "note-below")
    lines = below.split("\n")
    i = units[1]["line"] - 1
    assert lines[i:i + 2] == ["1.", "Short title"]


def test_page_furniture_inserts_headers_without_touching_text():
    long = "\n".join(f"Line {k} of the text." for k in range(200))
    text, _ = render("y.txt", long, [], "page-furniture")
    added = [x for x in text.split("\n") if x not in long.split("\n")]
    assert len(added) >= 3 * 3 and any(x.startswith("Page ") for x in added)
    assert [x for x in text.split("\n") if x.startswith("Line ")] == long.split("\n")


def test_upper_containers_and_markdown():
    up, _ = render("x.txt", TEXT, UNITS, "upper-containers")
    assert "OFFENCES" in up.split("\n") and "Offence of grooming" in up.split("\n")
    md, _ = render("x.txt", TEXT, UNITS, "markdown")
    assert "## PART 2" in md.split("\n") and any(x.startswith("**2.** In this Act") for x in md.split("\n"))


def test_robustness_scores_each_layout_against_the_same_truth(tmp_path):
    import json

    from evaluation.robustness import markdown, score_layouts, summarise
    from evaluation.segmentation import Item

    text_path = tmp_path / "x-act-en.txt"
    text_path.write_text(TEXT, encoding="utf-8")
    truth = tmp_path / "x-act-en.structure.json"
    truth.write_text(json.dumps({"schema": "lexbench.structure/1", "text": text_path.name, "units": UNITS}),
                     encoding="utf-8")
    item = Item("acts/xx/x-act-en.txt", text_path, truth, "XX", "en", "common-law-commonwealth")
    layouts = ["normal", "page-furniture", "note-above"]
    scores = score_layouts(item, layouts)
    assert set(scores) == set(layouts)
    assert scores["normal"][0].expected == 3 and scores["normal"][0].f1 == 1.0
    table = summarise([(item, scores)], layouts)
    assert table["normal"]["section"]["f1"] == 1.0 and "common-law-commonwealth" in table["note-above"]["by_tradition"]
    assert "| page-furniture |" in markdown(table, {"files": 1, "commit": "abc", "dirty": False})
