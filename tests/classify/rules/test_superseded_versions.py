"""Rules 1.6.0: a consolidation that prints an article's successive versions keeps only the one in
force (the last not marked superseded). Statutory-style sentences written for this test."""
from __future__ import annotations

from pipeline.benchmarks import load_benchmark
from pipeline.classify.inputs import Node, classify_items
from pipeline.classify.rules import RulesClassifier

OLD = "El que distribuya pornografía infantil será castigado con prisión de dos a cuatro años."
NEW = "El que distribuya o posea pornografía infantil será castigado con prisión de cuatro a ocho años."


def _conducts(nodes: list[Node]) -> list[set[str]]:
    items = classify_items(nodes, "es")
    return [{lab.id for lab in labs} for labs in RulesClassifier("default").label(items, load_benchmark("default"))]


def test_only_the_last_version_of_an_article_counts():
    got = _conducts([Node("chp_XI__art_183-A", None, "article", OLD),
                     Node("chp_XI__art_183-A_2", None, "article", NEW)])
    assert got == [set(), {"csam_distribution", "csam_possession"}]


def test_a_current_version_printed_before_marked_old_versions_counts():
    got = _conducts([Node("art_219A", None, "article", NEW),
                     Node("art_219A_2", None, "article", "LEGISLACIÓN ANTERIOR\n" + OLD)])
    assert got == [{"csam_distribution", "csam_possession"}, set()]


def test_numbers_that_restart_in_each_chapter_are_different_sections():
    got = _conducts([Node("chp_4__sec_4", None, "section", OLD),
                     Node("chp_6__sec_4", None, "section", NEW)])
    assert got == [{"csam_distribution"}, {"csam_distribution", "csam_possession"}]
