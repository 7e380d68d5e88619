"""Offences by reference (rules 1.5.0, lexicon 1.7.0): "for the purpose of facilitating the commission
of an offence under section N" is a sexual purpose when section N of the same statute is a sexual
offence, no sexual purpose when it is not, and an unresolved reference is said in ``because``.
Statutory-style sentences written for these tests."""
from __future__ import annotations

from pipeline.benchmarks import load_benchmark
from pipeline.classify.inputs import Node, classify_items
from pipeline.classify.rules import RulesClassifier

SEXUAL = Node("sec_12", None, "section", "A person who engages in sexual activity with a person under the age of "
              "eighteen years commits an offence.", "Sexual activity with a young person")
THEFT = Node("sec_14", None, "section", "A person who dishonestly appropriates property belonging to another "
             "commits an offence.", "Theft")


def _grooming(text: str, *others: Node):
    nodes = [*others, Node("sec_20", None, "section", text, "Communication")]
    item = classify_items(nodes, "en")[-1]
    labels = RulesClassifier("default").label([item], load_benchmark("default"))[0]
    return item, next((lab for lab in labels if lab.id == "grooming"), None)


def test_the_referenced_section_is_read():
    item, _ = _grooming("A person who communicates with another person for the purpose of facilitating the "
                        "commission of an offence under section 12 or 14 commits an offence.", SEXUAL, THEFT)
    assert item.references.splitlines()[0].startswith("12: Sexual activity with a young person")
    assert item.references.splitlines()[1].startswith("14: Theft")


def test_a_referenced_sexual_offence_is_a_sexual_purpose():
    text = ("A person who communicates with another person for the purpose of facilitating the commission of an "
            "offence under section 12 commits an offence.")
    _, lab = _grooming(text, SEXUAL, THEFT)
    assert lab is not None
    _, control = _grooming(text.replace("section 12", "section 14"), SEXUAL, THEFT)
    assert control is None  # another person, and a purpose that is theft: no grooming


def test_a_referenced_offence_that_is_not_sexual_is_no_sexual_purpose():
    _, lab = _grooming("A person who communicates with a child for the purpose of facilitating the commission of "
                       "an offence under section 14 commits an offence.", SEXUAL, THEFT)
    assert lab is None


def test_an_unresolved_reference_is_said_in_because():
    _, lab = _grooming("A person who communicates with a child for the purpose of facilitating the commission of "
                       "an offence under section 40 commits an offence.", THEFT)
    assert lab is not None and lab.coverage == "partial"
    assert "offence by reference" in lab.because
    _, named = _grooming("A person who communicates with a child for the purpose of facilitating the commission of "
                         "a sexual offence under section 40 commits an offence.", THEFT)
    assert named is not None and "offence by reference" not in (named.because or "")


def test_french_reference_to_an_article():
    nodes = [Node("art_518", None, "article", "Est puni quiconque commet une atteinte sexuelle sur un mineur.",
                  "Atteintes sexuelles"),
             Node("art_519", None, "article", "Quiconque propose une rencontre à une personne, dans le but de "
                  "commettre à son encontre une des infractions visées à l'article 518, est puni.", None)]
    item = classify_items(nodes, "fr")[-1]
    assert item.references.startswith("518: Atteintes sexuelles")
    labels = RulesClassifier("default").label([item], load_benchmark("default"))[0]
    assert "grooming" in {lab.id for lab in labels}
