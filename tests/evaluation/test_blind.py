"""The blind-split harness: split by BLIND.tsv, fit on development only, hard-wrap probe, matrix."""
from __future__ import annotations

from pathlib import Path

from evaluation.baseline import KeywordBaseline
from evaluation.blind import (blind_files, coverage_matrix, evaluate_blind, fold72, matrix_agreement,
                              split_blind)
from evaluation.gold import GoldItem


def item(statute, jur, text, labels, lang="en", eid="sec_1"):
    return GoldItem(statute=statute, doc=Path(statute).name, jurisdiction=jur, lang=lang, eid=eid,
                    section_eid=eid, kind="section", heading=None, text=text, context="", text_hash=text,
                    labels=labels, because={c: None for c in labels})


def test_fold72_breaks_long_lines_at_spaces_only():
    text = "A person who " + "knowingly " * 12 + "possesses child sexual abuse material commits an offence."
    folded = fold72(text)
    assert all(len(line) <= 72 for line in folded.split("\n"))
    assert folded.replace("\n", "") == text  # only line breaks were inserted, after spaces
    assert fold72("short line\nanother") == "short line\nanother"


def test_blind_files_and_split(tmp_path: Path):
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "BLIND.tsv").write_text("path\tjurisdiction\nacts/zz/a.txt\tZZ\n", encoding="utf-8")
    blind = blind_files(tmp_path)
    assert blind == {"corpora/acts/zz/a.txt"}
    a = item("corpora/acts/zz/a.txt", "ZZ", "x", {})
    b = item("corpora/acts/yy/b.txt", "YY", "y", {})
    assert split_blind([a, b], blind) == ([b], [a])


def test_matrix_rolls_up_a_jurisdiction_full_over_partial():
    items = [item("s", "ZZ", "t1", {}, eid="sec_1"), item("s", "ZZ", "t2", {}, eid="sec_2")]
    cells = coverage_matrix(items, [{"csam_possession": "partial"}, {"csam_possession": "full"}])
    assert cells == {("ZZ", "csam_possession"): "full"}
    agree = matrix_agreement(items, [{"csam_possession": "full"}, {}], [{"csam_possession": "partial"}, {}],
                             ["csam_possession", "grooming"])
    assert agree == 0.5  # possession full vs partial disagrees, grooming none vs none agrees


def test_evaluate_blind_scores_the_blind_items_and_the_wrapped_probe():
    text = ("Any person who possesses child sexual abuse material or distributes child sexual abuse "
            "material to another person commits an offence and is liable to imprisonment.")
    blind = [item("corpora/acts/zz/a.txt", "ZZ", text, {"csam_possession": "full", "csam_distribution": "full"}),
             item("corpora/acts/zz/a.txt", "ZZ", "A person who steals a bicycle commits an offence.", {}, eid="sec_2")]
    rep = evaluate_blind(KeywordBaseline, [], [], blind, benchmark=None)
    assert rep["n_provisions"] == 2 and rep["jurisdictions"] == ["ZZ"]
    assert rep["section"]["per_conduct"]["csam_possession"]["tp"] == 1
    assert rep["model_version"] == "naive-1"
    assert set(rep["section_by_language"]) == {"en"}
    assert "hard_wrapped" in rep and rep["hard_wrapped"]["n_provisions"] == 2


def test_blind_markdown_prints_lojo_blind_and_the_gap():
    from evaluation.blind import blind_markdown, blind_report

    class B:
        id, version = "default", "1.0.0"
    text = "Any person who possesses child sexual abuse material commits an offence."
    blind = [item("corpora/acts/zz/a.txt", "ZZ", text, {"csam_possession": "full"})]
    row = blind_report("keywords", evaluate_blind(KeywordBaseline, [], [], blind, benchmark=None), B())
    md = blind_markdown([row], {"keywords": {"section": {"macro_f1": 0.5}}})
    assert "| keywords | 0.500 | 1.000 | -0.500 |" in md
    assert "csam_possession | 1 | 1.000 | 1.000 | 1.000" in md


def test_blind_scores_each_round_apart():
    from evaluation.blind import blind_markdown, blind_report

    class B:
        id, version = "default", "1.0.0"
    hit = "Any person who possesses child sexual abuse material commits an offence."
    miss = "A person who keeps such things commits an offence."  # gold says possession; keywords miss it
    blind = [item("corpora/acts/zz/a.txt", "ZZ", hit, {"csam_possession": "full"}),
             item("corpora/acts/yy/b.txt", "YY", miss, {"csam_possession": "full"})]
    rounds = {"corpora/acts/zz/a.txt": "s5", "corpora/acts/yy/b.txt": "s6"}
    rep = evaluate_blind(KeywordBaseline, [], [], blind, benchmark=None, rounds=rounds)
    by = rep["section_by_round"]
    assert by["s5"]["macro_f1"] == 1.0 and by["s6"]["macro_f1"] == 0.0
    assert by["s5"]["jurisdictions"] == ["ZZ"] and by["s6"]["jurisdictions"] == ["YY"]
    md = blind_markdown([blind_report("keywords", rep, B())], {})
    assert "## By round the statutes' gold was first scored" in md
    assert "| keywords | 1.000 | 0.000 |" in md
    assert evaluate_blind(KeywordBaseline, [], [], blind, benchmark=None)["section_by_round"] == {}
