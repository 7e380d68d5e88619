"""Lexicon 1.6.0 / rules 1.4.0: general mechanisms found by the error analysis on development gold.

Every sentence here is statutory-style wording written for these tests (none is quoted from a
statute). Each case has a control: the same mechanism must not fire where the law differs.
"""
from __future__ import annotations

import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.classify import get_classifier
from pipeline.classify.inputs import ClassifyItem


def conducts(text: str, lang: str) -> set[str]:
    rules = get_classifier("rules")
    return {lab.id for lab in rules.label([ClassifyItem(text=text, lang=lang)], load_benchmark("default"))[0]}


def test_a_superseded_version_punishes_nothing_today():
    current = "El que distribuya pornografía infantil será castigado con prisión de dos a cinco años."
    assert "csam_distribution" in conducts(current, "es")
    assert not conducts("LEGISLACIÓN ANTERIOR\n" + current, "es")
    assert not conducts("Vigente desde: 01/02/2001 y hasta el: 03/04/2005\n" + current, "es")


def test_blackmail_named_as_the_means_of_another_offence_is_not_extortion():
    means = ("A person who recruits or transports a child through the use of force, fraud, deception or "
             "blackmail for forced labour commits an offence.")
    assert "sexual_extortion" not in conducts(means, "en")
    offence = ("A person who threatens to distribute an intimate image of a child in order to obtain further "
               "sexual images from the child commits an offence.")
    assert "sexual_extortion" in conducts(offence, "en")


def test_threatening_public_health_is_not_a_threat_to_publish():
    text = "A person who commits an offence under this section which threatens public health is liable to a fine."
    assert "sexual_extortion" not in conducts(text, "en")
    # a threat to publish with a demand (a plain threat is no extortion: GUIDELINES rule 7, lexicon 1.11.0)
    assert "sexual_extortion" in conducts("Quiconque menace de publier une image sexuelle d'un mineur afin "
                                          "d'obtenir de lui d'autres images est puni.", "fr")


def test_carnal_access_is_intercourse_not_access_to_material():
    assert "csam_access" not in conducts(
        "El que tiene acceso carnal con un menor de catorce años será castigado con prisión.", "es")
    assert "csam_access" in conducts("El que acceda a pornografía infantil será castigado con prisión.", "es")


def test_ensuring_access_to_material_is_making_it_available():
    got = conducts("Incorre na mesma pena quem assegura, por qualquer meio, o acesso a pornografia infantil.", "pt")
    assert "csam_making_available" in got and "csam_access" not in got


def test_a_live_show_is_live_streaming_only_when_transmitted():
    show = "El que realice espectáculos en vivo de carácter pornográfico en que participen menores será castigado con prisión."
    assert "live_streaming" not in conducts(show, "es")
    streamed = ("El que transmita en vivo un espectáculo pornográfico en que participen menores será "
                "castigado con prisión.")
    assert "live_streaming" in conducts(streamed, "es")
    watched = ("El que usando dispositivos técnicos transmitiere la imagen de una acción sexual de un menor de "
               "dieciocho años que permitiere a otros presenciarla será castigado con prisión.")
    assert "live_streaming" in conducts(watched, "es")


@pytest.mark.parametrize("text,lang", [
    # (grooming needs a sexual purpose since lexicon 1.11.0)
    ("Wer einer unmündigen Person im Wege einer Telekommunikation ein persönliches Treffen vorschlägt, "
     "um an ihr eine sexuelle Handlung vorzunehmen, wird mit Freiheitsstrafe bis zu zwei Jahren bestraft.", "de"),
    ("El que contacte a un menor de dieciocho años por medios tecnológicos con fines sexuales será castigado "
     "con prisión.", "es"),
    ("El que incite a un menor de dieciséis años a la práctica de actos sexuales será castigado con prisión.", "es"),
    ("A person who proposes, through information and communication technologies, to meet a child for sexual "
     "activity commits an offence.", "en"),
])
def test_grooming_wording_in_several_languages(text, lang):
    assert "grooming" in conducts(text, lang)


def test_harassing_an_adult_for_sexual_ends_is_not_grooming():
    assert "grooming" not in conducts("A quien asedie a una persona con fines sexuales se le aplicará prisión.", "es")
    assert "grooming" not in conducts(
        "El que mediante engaño practica el acto sexual con una persona será reprimido con prisión.", "es")


def test_german_retrieval_of_material_is_access():
    assert "csam_access" in conducts(
        "Wer es unternimmt, einen kinderpornographischen Inhalt abzurufen, wird mit Freiheitsstrafe bestraft.", "de")


@pytest.mark.parametrize("text,lang,conduct", [
    # Czech and Croatian (lexicon 1.8.0): sentences written for this test
    ("Kdo přechovává pornografické dílo, které zobrazuje dítě, bude potrestán odnětím svobody.", "cs",
     "csam_possession"),
    ("Kdo vyrobí nebo nabídne dětskou pornografii, bude potrestán.", "cs", "csam_production"),
    ("Kdo vyrobí nebo nabídne dětskou pornografii, bude potrestán.", "cs", "csam_offering"),
    ("Kdo navrhne setkání dítěti mladšímu patnácti let v úmyslu spáchat sexuálně motivovaný trestný čin, "
     "bude potrestán.", "cs", "grooming"),
    ("Tko posjeduje ili distribuira dječju pornografiju, kaznit će se kaznom zatvora.", "hr", "csam_possession"),
    ("Tko posjeduje ili distribuira dječju pornografiju, kaznit će se kaznom zatvora.", "hr", "csam_distribution"),
    ("Tko svjesno pristupa dječjoj pornografiji, kaznit će se kaznom zatvora.", "hr", "csam_access"),
])
def test_czech_and_croatian_cues(text, lang, conduct):
    assert conduct in conducts(text, lang)


def test_czech_offence_needs_a_child_or_material():
    assert not conducts("Kdo přechovává cizí věc, bude potrestán odnětím svobody.", "cs")


def _labels(text: str, lang: str) -> dict:
    rules = get_classifier("rules")
    return {lab.id: (lab.coverage, lab.because) for lab in
            rules.label([ClassifyItem(text=text, lang=lang)], load_benchmark("default"))[0]}


@pytest.mark.parametrize("text,lang", [
    ("A person who makes an unwarranted demand with a menace commits an offence.", "en"),
    ("Every person commits an offence who induces, by intimidation or threat, any person to do anything.", "en"),
    ("El que con violencia constriña a otro a hacer, tolerar u omitir alguna cosa será castigado con prisión.", "es"),
    ("Constranger alguém, mediante violência ou grave ameaça, a fazer o que a lei não manda: Pena - detenção.", "pt"),
])
def test_general_coercion_is_general_extortion_only(text, lang):
    """Lexicon 1.8.0: menaces and coercion to do anything are extortion, partial: no sexual aim."""
    got = _labels(text, lang)
    assert got.get("sexual_extortion", (None, None))[0] == "partial", got
    assert "general extortion" in got["sexual_extortion"][1]


def test_coercion_of_a_government_is_not_extortion_of_a_person():
    text = ("A person who uses a device with the intent to compel a government or an international organisation "
            "to do or to abstain from doing any act commits an offence.")
    assert "sexual_extortion" not in _labels(text, "en")


@pytest.mark.parametrize("text,lang,conduct", [
    # Danish, Swedish, Polish, Slovene (lexicon 1.9.0): sentences written for this test
    ("Den, der udbreder seksuelt materiale af en person under 18 år, straffes med fængsel.", "da",
     "csam_distribution"),
    ("Den som innehar sexuellt material av ett barn döms till fängelse.", "sv", "csam_possession"),
    ("Den som föreslår en träff med ett barn under femton år i sexuellt syfte döms till fängelse.", "sv", "grooming"),
    ("Kto rozpowszechnia treści pornograficzne z udziałem małoletniego, podlega karze pozbawienia wolności.", "pl",
     "csam_distribution"),
    ("Kdor poseduje pornografsko gradivo, ki vključuje mladoletne osebe, se kaznuje z zaporom.", "sl",
     "csam_possession"),
])
def test_nordic_polish_slovene_cues(text, lang, conduct):
    assert conduct in conducts(text, lang)


def test_nordic_coercion_is_general_extortion_only():
    got = _labels("Den som med våld tvingar någon att göra, tåla eller underlåta något döms till fängelse.", "sv")
    assert got.get("sexual_extortion", (None, None))[0] == "partial", got


def test_a_verb_defined_by_its_infinitives_widens_too():
    """Rules 1.7.0: '"Promote", to manufacture, sell, ...' (no "means") defines what "promotes" includes."""
    from pipeline.classify.inputs import Node, classify_items

    nodes = [Node("sec_1", None, "section", "Definitions"),
             Node("sec_1__subsec_1", "sec_1", "subsection",
                  '(1) "Promote", to manufacture, sell, distribute, exhibit or advertise, by any means;'),
             Node("sec_2", None, "section", "A person commits an offence if the person promotes child pornography.")]
    items = classify_items(nodes, "en")
    assert "Promote" in items[-1].glossary
    got = {lab.id for lab in get_classifier("rules").label([items[-1]], load_benchmark("default"))[0]}
    assert {"csam_production", "csam_distribution", "csam_offering"} <= got
    items[-1].glossary = ""
    assert not {lab.id for lab in get_classifier("rules").label([items[-1]], load_benchmark("default"))[0]}


def test_swedish_list_of_acts_and_its_exception():
    """Lexicon 1.10.0 (sentences written for this test)."""
    assert "csam_production" in conducts("Den som skildrar barn i pornografisk bild döms till fängelse.", "sv")
    assert "csam_access" in conducts("Den som betraktar en pornografisk bild av barn döms till fängelse.", "sv")
    assert not conducts("Förbudet gäller inte den som framställer en pornografisk bild av barn, om skillnaden "
                        "i ålder är ringa.", "sv")
