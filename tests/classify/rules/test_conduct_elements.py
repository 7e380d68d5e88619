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


# -- lexicon 1.11.0: wording of unseen laws -------------------------------------------------------
@pytest.mark.parametrize("text,lang", [
    ("Wer einen anderen mit Gewalt oder durch Drohung zu einer Handlung, Duldung oder Unterlassung nötigt, "
     "wird mit Freiheitsstrafe bis zu drei Jahren bestraft.", "de"),
    ("Commet une infraction quiconque incite une personne par intimidation, menaces ou violence à accomplir "
     "quelque chose.", "fr"),
    ("Constranger alguém, mediante violência ou grave ameaça, ou depois de lhe haver reduzido, por qualquer "
     "outro meio, a capacidade de resistência, a não fazer o que a lei permite: Pena - detenção.", "pt"),
])
def test_general_coercion_in_other_languages_is_general_extortion(text, lang):
    rules = get_classifier("rules")
    (labs,) = rules.label([ClassifyItem(text=text, lang=lang)], load_benchmark("default"))
    got = {lab.id: lab for lab in labs}
    assert "sexual_extortion" in got and got["sexual_extortion"].coverage == "partial"
    assert "sexual_extortion" not in conducts("Wer einen anderen beleidigt, wird mit Geldstrafe bestraft.", "de")


def test_exposing_for_sale_is_offering_not_making_available():
    sale = ("Vender ou expor à venda fotografia ou vídeo que contenha cena de sexo explícito envolvendo criança: "
            "Pena - reclusão.")
    got = conducts(sale, "pt")
    assert "csam_offering" in got and "csam_making_available" not in got
    shown = "Exibir fotografia ou vídeo que contenha cena de sexo explícito envolvendo criança: Pena - reclusão."
    assert "csam_making_available" in conducts(shown, "pt")


def test_a_generic_depiction_under_a_heading_that_names_csam_is_csam():
    heading = "§ 12 Kindesmissbrauchsmaterial"
    text = "(1) Wer eine Abbildung nach Absatz 4 einem anderen anbietet, wird mit Freiheitsstrafe bestraft."
    assert "csam_offering" in conducts(text, "de", context=heading)
    assert "csam_offering" not in conducts(text, "de", context="§ 12 Urheberrecht")


@pytest.mark.parametrize("text,lang", [
    ("Tko djetetu mlađem od petnaest godina proda ili prikaže slike pornografskog sadržaja, kaznit će se "
     "kaznom zatvora do tri godine.", "hr"),
    ("Quien vendiere o exhibiere material pornográfico entre personas menores de edad será castigado con "
     "prisión de seis meses a un año.", "es"),
])
def test_material_shown_to_a_child_is_exposure_not_csam(text, lang):
    assert not {"csam_making_available", "csam_distribution"} & conducts(text, lang)


def test_the_depicted_child_still_makes_the_material_csam():
    text = "Tko proda ili prikaže slike djeteta pornografskog sadržaja, kaznit će se kaznom zatvora do tri godine."
    assert "csam_distribution" in conducts(text, "hr")


@pytest.mark.parametrize("text,lang", [
    ("Wer eine sexuelle Handlung an einem Kind live überträgt, wird mit Freiheitsstrafe bestraft.", "de"),
    ("Chiunque trasmette in diretta immagini di atti sessuali con minori è punito con la reclusione.", "it"),
    ("Quiconque retransmet en direct l'image d'un mineur se livrant à des actes sexuels est puni.", "fr"),
    ("El que difunda en streaming imágenes de un menor realizando actos sexuales será castigado con prisión.",
     "es"),
])
def test_live_wording_in_several_languages(text, lang):
    assert "live_streaming" in conducts(text, lang)


def test_recorded_material_sent_later_is_not_live():
    text = "Wer eine Abbildung einer sexuellen Handlung an einem Kind versendet, wird mit Freiheitsstrafe bestraft."
    assert "live_streaming" not in conducts(text, "de")


def test_illustrations_of_a_penal_code_punish_nothing():
    context = ("383. Whoever intentionally puts any person in fear of any injury, and thereby induces the person "
               "to deliver any property, commits extortion.\nIllustrations")
    text = "(a) A threatens to publish a libel concerning Z unless Z gives him money. A has committed extortion."
    assert not conducts(text, context=context)
    assert "sexual_extortion" in conducts(context.split("\n")[0] + " and shall be punished with imprisonment.")


def test_a_superseded_marker_in_the_heading_line_above_the_article_counts():
    text = ("El que filme o venda material pornográfico en el que participen menores de edad incurrirá en "
            "prisión de diez a catorce años.")
    assert not conducts(text, "es", context="LEGISLACIÓN ANTERIOR\nArtículo 218.")
    assert "csam_distribution" in conducts(text, "es", context="Capítulo IV\nArtículo 218.")
    # a marker further up belongs to an earlier block, not to this article
    far = "LEGISLACIÓN ANTERIOR\n" + "Texto de otro artículo anterior. " * 6 + "\nArtículo 218."
    assert "csam_distribution" in conducts(text, "es", context=far)


def test_material_sold_or_shown_to_a_child_in_spanish_is_exposure():
    to_child = ("El que muestra, vende o entrega a un menor de dieciocho años objetos, libros o imágenes de "
                "carácter obsceno será reprimido con pena privativa de libertad.")
    assert not {"csam_distribution", "csam_making_available"} & conducts(to_child, "es")
    of_child = ("El que vende imágenes de carácter obsceno de un menor de dieciocho años será reprimido con pena "
                "privativa de libertad.")
    assert "csam_distribution" in conducts(of_child, "es")


def test_inducing_a_child_to_send_images_of_himself_is_grooming_not_distribution():
    chapeau = "Será sancionado con la misma pena el que determinare a una persona menor de catorce años a enviar:"
    item = "a) Fotografías de connotación sexual de sí mismo o de otro niño."
    got = conducts(item, "es", context=chapeau)
    assert "grooming" in got and "csam_transmission" not in got
    assert conducts("A person who sends an indecent image of a child to another person commits an offence.") \
        == {"csam_transmission"}


def test_a_sexual_act_obtained_by_force_or_threat_is_rape_not_extortion():
    rape = "A person who by force or threats compels another person to engage in sexual intercourse commits rape."
    assert "sexual_extortion" not in conducts(rape)
    de = ("Wer eine Person mit Gewalt oder durch gefährliche Drohung zur Vornahme einer geschlechtlichen Handlung "
          "nötigt, ist mit Freiheitsstrafe zu bestrafen.")
    assert "sexual_extortion" not in conducts(de, "de")
    # sexual blackmail (a threat of exposure, no force) stays extortion
    blackmail = ("A person who, by threatening to publish an intimate image, compels a child to perform a sexual "
                 "act commits an offence.")
    assert "sexual_extortion" in conducts(blackmail)


def test_a_kidnapping_to_coerce_a_third_person_is_not_extortion():
    kidnap = ("Wer einen anderen entführt, um einen Dritten zu einer Handlung, Duldung oder Unterlassung zu nötigen, "
              "ist mit Freiheitsstrafe zu bestrafen.")
    assert "sexual_extortion" not in conducts(kidnap, "de")


def test_commits_the_offense_of_and_prohibitions_mark_an_offence():
    assert "grooming" in conducts("A person commits the offense of sexual solicitation if he solicits a child to "
                                  "engage in sexual conduct.")
    assert "csam_distribution" in conducts("(1) A person shall not - distribute any matter which visually depicts "
                                           "a child engaged in sexually explicit conduct.")
    # the marker alone adds no conduct
    assert not conducts("No person shall operate a cinema without a licence.")


def test_material_pornographic_for_minors_is_exposure_wording():
    text = ("(1) Furnishes any material pornographic for minors, knowing that the person to whom it is furnished "
            "is a minor, commits an offence.")
    assert not {"csam_distribution", "csam_making_available"} & conducts(text)
    assert "csam_distribution" in conducts("(1) Furnishes any pornographic material depicting a minor commits an "
                                           "offence.")


def test_offences_named_in_a_list_of_prior_convictions_are_not_acts():
    item = "(1) Violating section 12, possession of child pornography; or section 13, promoting child pornography;"
    assert not conducts(item, context="1. Any person who has been found guilty of:")
    repeat = ("(1) Any person who, having been convicted of an offence under this section, again distributes child "
              "pornography commits an offence.")
    assert "csam_distribution" in conducts(repeat)


@pytest.mark.parametrize("text,lang,conduct", [
    ("Wer im Internet wissentlich auf kinderpornographische Inhalte zugreift, wird bestraft.", "de", "csam_access"),
    ("Wer einen kinderpornographischen Inhalt bezieht, wird bestraft.", "de", "csam_procuring"),
    ("Wer einen kinderpornographischen Inhalt liefert, wird bestraft.", "de", "csam_distribution"),
    ("Quiconque aura facilité l'accès à de la pornographie enfantine est puni.", "fr", "csam_making_available"),
    ("Est puni celui qui confectionne une image pédopornographique.", "fr", "csam_production"),
])
def test_verbs_of_unseen_drafting(text, lang, conduct):
    assert conduct in conducts(text, lang)


def test_the_material_produced_as_the_caput_says_is_the_caputs_material():
    caput = ("Art. 9. Simular a participação de criança em cena de sexo explícito por meio de montagem de "
             "fotografia: Pena - reclusão.")
    text = "Parágrafo único. Incorre nas mesmas penas quem vende o material produzido na forma do caput."
    assert "csam_distribution" in conducts(text, "pt", context=caput)
    assert "csam_distribution" not in conducts(text, "pt", context="Art. 9. Falsificar documento: Pena - reclusão.")


def test_procuration_by_false_pretences_is_not_grooming():
    text = ("Any person who by false pretences induces any girl under eighteen to have unlawful carnal connexion "
            "with any man commits an offence.")
    assert "grooming" not in conducts(text)


def test_matter_that_may_corrupt_children_is_an_obscenity_standard_not_csam():
    text = "Any person who publishes any obscene picture likely to corrupt the morals of children commits an offence."
    assert "csam_making_available" not in conducts(text)
    csam = "Any person who publishes any obscene picture of a child commits an offence."
    assert "csam_making_available" in conducts(csam)


def test_putting_in_fear_in_order_to_extort_is_the_threat_of_an_extortion():
    text = ("Whoever, in order to the committing of extortion, puts any person in fear of any injury, shall be "
            "punished with imprisonment.")
    assert "sexual_extortion" in conducts(text)
