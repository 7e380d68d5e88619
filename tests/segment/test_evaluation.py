"""The segmentation score: number normalisation, section level, paths, and the blind split kept apart."""
from __future__ import annotations

import csv

from evaluation.segmentation import (CORPORA, Unit, baseline_sections, blind_paths, is_blind, norm_num,
                                     section_numbers, select, unit_paths)


def test_printed_numbers_compare_by_their_value():
    assert norm_num("§ 5.") == norm_num("(5)") == norm_num("5º") == norm_num("5.º") == "5"
    assert norm_num("1er") == norm_num("premier") == "1"
    assert norm_num("128 bis") == norm_num("128-bis") == norm_num("128bis") == "128bis"
    assert norm_num("32<sup>1</sup>") == norm_num("32¹") == norm_num("32^1")
    assert norm_num("L. 39-1") == norm_num("L.39-1") == norm_num("L39-1") != norm_num("R. 39-1")


def test_section_level_skips_groupings_and_paths_start_at_the_section():
    units = [Unit("title", "I", None), Unit("section", "1", 0), Unit("article", "5", 1),
             Unit("paragraph", "1", 2), Unit("point", "a", 3), Unit("section", "6", 0), Unit("subsection", "2", 5)]
    assert section_numbers(units) == ["5", "6"]  # "Section 1" holds articles: a container
    assert unit_paths(units) == ["c:i", "c:i/1", "5", "5/1", "5/1/a", "6", "6/2"]


def test_baseline_finds_only_line_initial_numbers():
    assert baseline_sections("1. Title\nsee section 2. of the Act\nArticle 3\n§ 4 Text\nArt. 5 x\n") == \
        ["1", "3", "4", "5"]


def test_dev_split_holds_no_blind_file():
    blind = blind_paths()
    with (CORPORA / "BLIND.tsv").open(encoding="utf-8", newline="") as fh:
        listed = [r["path"] for r in csv.DictReader(fh, delimiter="\t")]
    assert listed and all(is_blind(p, blind) for p in listed)
    dev = select("dev", [])
    assert dev and not any(is_blind(i.rel, blind) for i in dev)
    assert {i.rel for i in select("blind", [])} <= blind | {str(p) for p in blind}


def test_levels_below_a_flat_truth_are_not_scored():
    from evaluation.segmentation import within_truth_depth
    flat = ["c:i", "5", "6"]
    assert within_truth_depth(["c:i", "5", "5/1", "5/1/a", "6"], flat) == ["c:i", "5", "6"]
    deep = ["5", "5/1", "5/1/a"]
    assert within_truth_depth(["5", "5/1", "5/1/a", "5/1/a/i"], deep) == ["5", "5/1", "5/1/a"]
    assert within_truth_depth(["c:ii", "5", "5/1"], ["5", "5/1"]) == ["5", "5/1"]  # no containers in the truth
