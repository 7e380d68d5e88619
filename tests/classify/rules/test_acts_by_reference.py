"""Rules 1.9.0 / lexicon 1.18.0: acts by reference ("does any act mentioned in section 123(1)").

Every sentence is statutory-style wording written for these tests (none is quoted from a statute).
"""
from __future__ import annotations

from pipeline.benchmarks import load_benchmark
from pipeline.classify import get_classifier
from pipeline.classify.inputs import Node, classify_items


def _labels(nodes, lang="en"):
    items = classify_items(nodes, lang)
    rules = get_classifier("rules")
    return [{lab.id: lab for lab in labs} for labs in rules.label(items, load_benchmark("default"))]


LISTING = Node("sec_123", None, "section", "123 (1) Every person commits an offence who makes child sexual abuse "
                                           "material or who distributes child sexual abuse material.")


def test_an_offence_by_reference_to_another_sections_acts_has_those_acts():
    ref = Node("sec_124", None, "section", "124 (1) Every person commits an offence who does any act mentioned in "
                                           "section 123(1), knowing that it is unlawful.")
    got = _labels([LISTING, ref])[1]
    assert {"csam_production", "csam_distribution"} <= set(got), got
    ev = got["csam_distribution"].evidence
    assert ev is not None and ref.text[ev.start:ev.end] == ev.text and "mentioned" in ev.text


def test_any_of_the_acts_in_an_earlier_subsection():
    nodes = [Node("sec_5", None, "section", "5. Child pornography"),
             Node("sec_5__subsec_1", "sec_5", "subsection", "(1) A person who possesses child pornography commits an "
                                                              "offence."),
             Node("sec_5__subsec_2", "sec_5", "subsection", "(2) A person who does any of the acts referred to in "
                                                              "subsection (1) for gain is liable to imprisonment for "
                                                              "ten years.")]
    assert "csam_possession" in _labels(nodes)[2]


def test_no_borrowing_without_an_offence_or_when_the_provision_names_its_own_acts():
    defence = Node("sec_125", None, "section", "125 Nothing in section 123 makes it an offence for a police officer "
                                               "to do any act mentioned in section 123(1) in the course of duty.")
    assert not _labels([LISTING, defence])[1]
    plain = Node("sec_126", None, "section", "126 A court may order the forfeiture of anything used to do any act "
                                             "mentioned in section 123(1).")
    assert not _labels([LISTING, plain])[1]
    own = Node("sec_127", None, "section", "127 Every person commits an offence who possesses child sexual abuse "
                                           "material or does any act mentioned in section 123(1).")
    assert set(_labels([LISTING, own])[1]) == {"csam_possession"}
