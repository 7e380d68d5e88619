"""Lexicon 1.11.0 / rules 1.8.0: what a grooming or extortion hit needs besides its object.

Grooming is contact with a child *for a sexual purpose*; enticing a child away from a guardian
is abduction. Extortion *obtains* something by a threat: a threat with no demand, or extortion
named only as the purpose of another act (a kidnapping), is not it. Every sentence here is
statutory-style wording written for these tests; each case has a control.
"""
from __future__ import annotations

import pytest

from pipeline.benchmarks import BenchmarkError, load_benchmark, load_lexicon
from pipeline.classify import get_classifier
from pipeline.classify.inputs import ClassifyItem
from pipeline.resources import BENCHMARK_DIR


def conducts(text: str, lang: str = "en", context: str = "", detail: str = "") -> set[str]:
    rules = get_classifier("rules")
    item = ClassifyItem(text=text, lang=lang, context=context, detail=detail)
    return {lab.id for lab in rules.label([item], load_benchmark("default"))[0]}


@pytest.mark.parametrize("text,lang", [
    ("A person who induces a young person to leave a place of custody commits an offence.", "en"),
    ("Any person who persuades a child to abandon the home of his parents commits an offence.", "en"),
    ("El que induzca a un menor a abandonar el hogar de sus padres será castigado con prisión.", "es"),
])
def test_contact_with_a_child_without_a_sexual_purpose_is_not_grooming(text, lang):
    assert "grooming" not in conducts(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("A person who persuades a child to engage in sexual activity with him commits an offence.", "en"),
    ("El que contacte con un menor de dieciséis años con fines sexuales será castigado con prisión.", "es"),
    ("Quiconque fait des propositions sexuelles à un mineur est puni de deux ans d'emprisonnement.", "fr"),
])
def test_contact_with_a_child_for_a_sexual_purpose_is_grooming(text, lang):
    assert "grooming" in conducts(text, lang)


def test_the_sexual_purpose_may_be_in_the_heading_or_the_sub_provisions():
    text = "(1) A person commits an offence if he intentionally communicates with a child."
    assert "grooming" not in conducts(text)
    assert "grooming" in conducts(text, context="Sexual communication with a child")
    assert "grooming" in conducts(text, detail="(a) for the purpose of obtaining sexual gratification")


def test_a_purpose_offence_named_only_by_number_is_left_to_the_judge():
    text = ("A person who communicates with a child for the purpose of facilitating the commission of an "
            "offence under section 12 commits an offence.")
    assert "grooming" in conducts(text)


def test_enticing_a_child_out_of_a_guardians_custody_is_abduction_not_grooming():
    abduction = ("A person who entices a child out of the custody of the lawful guardian for the purpose of "
                 "sexual intercourse commits an offence.")
    assert "grooming" not in conducts(abduction)
    grooming = "A person who entices a child for the purpose of sexual intercourse commits an offence."
    assert "grooming" in conducts(grooming)


def test_a_threat_to_publish_with_no_demand_is_not_extortion():
    plain = "A person who threatens to publish an intimate image of another person commits an offence."
    assert "sexual_extortion" not in conducts(plain)
    demand = ("A person who threatens to publish an intimate image of another person unless that person "
              "sends further images commits an offence.")
    assert "sexual_extortion" in conducts(demand)
    pt = "Quem ameaçar divulgar imagem íntima de criança para obter nova imagem será punido com reclusão."
    assert "sexual_extortion" in conducts(pt, "pt")


def test_extortion_named_as_the_purpose_of_a_kidnapping_is_not_extortion():
    kidnap = "Any person who kidnaps another person for the purpose of extortion commits an offence."
    assert "sexual_extortion" not in conducts(kidnap)
    threat = ("Any person who threatens another person with the publication of an image for the purpose of "
              "extortion commits an offence.")
    assert "sexual_extortion" in conducts(threat)
    sv = "Den som för bort ett barn med uppsåt att öva utpressning döms för människorov till fängelse."
    assert "sexual_extortion" not in conducts(sv, "sv")


def test_a_required_group_must_exist_in_the_lexicon(tmp_path):
    text = (BENCHMARK_DIR / "_lexicon.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "_lexicon.yaml"
    bad.write_text(text.replace("requires: [sexual]", "requires: [no_such_group]"), encoding="utf-8")
    with pytest.raises(BenchmarkError, match="no_such_group"):
        load_lexicon(bad)
