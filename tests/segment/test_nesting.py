"""Container ranks as the document nests them, hard-wrapped subsections, notes inside articles
(statutory-style texts written for these tests)."""
from __future__ import annotations

from collections import Counter

from pipeline.segment.ranks import cascade_votes, document_ranks
from tests.segment.test_traditions import _tree

DEFAULTS = {"book": 0, "part": 1, "title": 2, "chapter": 3, "division": 5}


def _ids(text: str) -> list[str]:
    return [x.eid for x in _tree(text).values() if x.num]


def test_cascades_vote_for_the_order_the_document_nests_its_containers():
    events = ["division", "title", "", None, "", "title", "", "division", "title", ""]
    assert cascade_votes(events) == Counter({("division", "title"): 2})
    ranks = document_ranks(DEFAULTS, cascade_votes(events))
    assert ranks["division"] < ranks["title"] < ranks["chapter"] and ranks["part"] < ranks["division"]


def test_default_order_stays_without_contrary_cascades():
    assert document_ranks(DEFAULTS, Counter({("title", "chapter"): 3})) == DEFAULTS
    tie = Counter({("division", "title"): 1, ("title", "division"): 1})
    assert document_ranks(DEFAULTS, tie) == DEFAULTS


def test_german_titel_inside_abschnitt():
    text = ("Erster Abschnitt - Das Gesetz\n\nErster Titel - Geltung\n\n§ 1 Keine Strafe ohne Gesetz\n\n"
            "Eine Tat kann nur bestraft werden, wenn die Strafbarkeit bestimmt war.\n\n"
            "§ 2 Zeit der Tat\n\nDie Strafe bestimmt sich nach dem Gesetz zur Zeit der Tat.\n\n"
            "Zweiter Titel - Sprachgebrauch\n\n§ 3 Begriffe\n\nIm Sinne dieses Gesetzes ist Amtsträger, wer ...\n\n"
            "Zweiter Abschnitt - Die Tat\n\nErster Titel - Begehen\n\n§ 4 Vorsatz\n\nStrafbar ist vorsätzliches Handeln.\n")
    ids = _ids(text)
    assert "dvs_Erster__title_Erster__sec_1" in ids and "dvs_Erster__title_Zweiter__sec_3" in ids
    assert "dvs_Zweiter__title_Erster__sec_4" in ids


def test_spanish_titulo_still_holds_capitulo():
    text = ("TÍTULO PRIMERO\nDelitos contra la libertad\nCAPÍTULO I\nDe la trata\nArtículo 1. El que capte.\n"
            "CAPÍTULO II\nDe la explotación\nArtículo 2. El que explote.\nTÍTULO SEGUNDO\nDelitos varios\n"
            "CAPÍTULO I\nDel abuso\nArtículo 3. El que abuse.\n")
    ids = _ids(text)
    assert "title_PRIMERO__chp_II__art_2" in ids and "title_SEGUNDO__chp_I__art_3" in ids


def test_a_hard_wrapped_subsection_ending_in_a_comma_keeps_its_list():
    text = ("§ 57 Aussetzung des Strafrestes\n\n(1) Das Gericht setzt die Vollstreckung aus, wenn\n\n"
            "1.  zwei Drittel der Strafe verbüßt sind,\n\n2.  die verurteilte Person einwilligt.\n\n"
            "Bei der Entscheidung sind die Umstände zu berücksichtigen.\n\n"
            "(2) Schon nach Verbüßung der Hälfte einer zeitigen Freiheitsstrafe,\n"
            "mindestens jedoch von sechs Monaten, kann das Gericht die\n"
            "Vollstreckung des Restes zur Bewährung aussetzen, wenn\n\n"
            "1.  die verurteilte Person erstmals eine Freiheitsstrafe verbüßt oder\n\n"
            "2.  besondere Umstände vorliegen.\n\n§ 58 Gesamtstrafe\n\nDie Gesamtstrafe wird gebildet.\n\n"
            "§ 59 Verwarnung\n\nDas Gericht kann verwarnen.\n")
    tree = _tree(text)
    assert "sec_57__subsec_2__para_1" in tree and "sec_57__subsec_2__para_2" in tree
    assert tree["sec_57__subsec_2__para_1"].heading is None  # the wrapped line is no heading


def test_notes_inside_an_article_do_not_end_it():
    text = ("1 straipsnis. Taikymas\n\n1. Kodeksas taikomas visiems.\n\nStraipsnio dalies pakeitimai:\n\n"
            "Nr. XII-1, 2015-03-19, paskelbta TAR 2015-03-23\n\nNr. XII-2, 2024-04-25, paskelbta TAR 2024-05-02\n\n"
            "2. Niekas nebaudžiamas du kartus.\n\n2 straipsnis. Galiojimas\n\n1. Kodeksas galioja.\n\n"
            "3 straipsnis. Laikas\n\n1. Veika įvertinama pagal įstatymą.\n")
    ids = _ids(text)
    assert "art_1__para_2" in ids and not [i for i in ids if i.startswith("subsec") or i.startswith("para")]


def test_a_container_heading_over_two_capitals_lines_keeps_the_container_open():
    text = ("LIBRO PRIMERO\nDISPOSICIONES GENERALES\nTÍTULO QUINTO\nEXTINCIÓN DE LA PRETENSIÓN PUNITIVA Y DE LA POTESTAD\n"
            "DE EJECUTAR LAS PENAS\nCAPÍTULO I\nREGLAS GENERALES\nArtículo 92. Causas de extinción\n"
            "La pretensión punitiva se extingue por:\nI. Cumplimiento de la pena;\nII. Muerte del imputado.\n"
            "Artículo 93. Efectos\nLa extinción no afecta la reparación.\n")
    tree = _tree(text)
    assert "book_PRIMERO__title_QUINTO__chp_I__art_92__item_II" in tree
    assert tree["book_PRIMERO__title_QUINTO"].heading.endswith("DE EJECUTAR LAS PENAS")


def test_a_wrapped_chapeau_after_an_item_ending_in_a_comma_opens_that_items_list():
    text = ("§ 10 Auskunft\n\n(1) Auskunft darf verlangt werden, sofern\n\n"
            "1.  Anhaltspunkte für eine Straftat vorliegen und die Daten erforderlich sind,\num\n\n"
            "    a)  die zuständige Behörde zu ermitteln, oder\n\n    b)  ein Ersuchen zu beantworten,\n\n"
            "2.  die Daten nicht anders erlangt werden können.\n\n§ 11 Löschung\n\nDie Daten werden gelöscht.\n\n"
            "§ 12 Kosten\n\nKosten werden nicht erhoben.\n")
    ids = _ids(text)
    assert "sec_10__subsec_1__para_1__list_a" in ids or "sec_10__subsec_1__para_1__subpara_a" in ids, ids
    assert "sec_10__subsec_1__para_2" in ids


def test_compound_spanish_ordinals_number_containers():
    text = ("TÍTULO DÉCIMO\nDelitos patrimoniales\nArtículo 200. El que robe.\nTÍTULO DÉCIMO PRIMERO\n"
            "Delitos contra la fe pública\nArtículo 201. El que falsifique.\nTITULO VIGESIMOTERCERO\nDelitos varios\n"
            "Artículo 202. El que abuse.\n")
    ids = _ids(text)
    assert "title_DÉCIMO-PRIMERO__art_201" in ids and "title_VIGESIMOTERCERO__art_202" in ids


def test_paragrafo_unico_is_the_articles_sole_paragraph():
    text = ("Art. 4º É dever da família assegurar os direitos.\n\nParágrafo único. A garantia compreende:\n\n"
            "a) primazia de receber proteção;\n\nb) precedência de atendimento.\n\n"
            "Art. 5º Nenhuma criança será objeto de negligência:\n\nI - a primeira hipótese;\n\nII - a segunda hipótese.\n\n"
            "Parágrafo único. O disposto neste artigo aplica-se a todos.\n\nArt. 6º Na interpretação desta Lei.\n")
    ids = _ids(text)
    assert "art_4__para_único__list_b" in ids and "art_5__para_único" in ids and "art_5__item_II" in ids


def test_a_chapeau_ending_in_section_after_a_blank_line_still_opens_its_list():
    text = ("§ 2426. Repeat offenders\n\n(a) Maximum term.\n\nThe maximum term is doubled.\n\n(b) Definitions.\n\n"
            "In this section\n\n(1) the term “prior conviction” means a conviction for an offence\n\n"
            "(A) under this chapter; or\n\n(B) under State law;\n\n(2) the term “State” means a State.\n\n"
            "§ 2427. Forfeitures\n\nProperty is forfeited.\n\n§ 2428. Rules\n\nRules apply.\n")
    ids = _ids(text)
    assert "sec_2426__subsec_b__para_1__subpara_A" in ids and "sec_2426__subsec_b__para_2" in ids


def test_a_year_in_brackets_is_no_enumerator():
    text = ("566.025. Evidence of other crimes. — Evidence is admissible.\n(L. 1994 S.B. 693)\n"
            "(1998) Section was ruled unconstitutional.\n(2007) Section as amended still violates the constitution.\n"
            "566.030. Rape. — 1. A person commits rape.\n")
    ids = _ids(text)
    assert not [i for i in ids if "1998" in i or "2007" in i]


def test_a_wrap_up_after_a_sub_list_returns_to_the_item_that_owns_it():
    text = ("42 (1) A court shall consider the report.\n(2) The court shall impose one of the following sanctions:\n"
            "  (a) a reprimand;\n  (b) an order in respect of the person\n    (i) for a specified period that must not exceed\n"
            "      (A) two years, or\n      (B) three years for murder,\n"
            "    and that commits the person to custody; or\n    (ii) is for a period of ten years;\n"
            "  (c) any other condition.\n(3) The court gives reasons.\n43 The order takes effect at once.\n")
    ids = _ids(text)
    assert "sec_42__subsec_2__para_b__subpara_ii" in ids and "sec_42__subsec_2__para_c" in ids
    assert "sec_42__subsec_3" in ids


def test_a_schedule_numbers_its_items_afresh():
    text = ("233 Review\n(1) A committee shall review this Act.\nSchedule I offence\n"
            "234 (1) An offence listed in Schedule I is a serious offence.\n"
            "Coming into force\n235 This Act comes into force on a day fixed by order.\n\nSCHEDULE I\n"
            "(Subsections 107(1) and 129(1))\n\n1 An offence under any of the following provisions of the Code:\n"
            "  (a) sections 46 and 47 (high treason);\n  (a.01) section 75 (piratical acts);\n"
            "  (b) subsection 85(1) (using firearm).\n2 An offence under section 5 of the Act.\n")
    ids = _ids(text)
    assert "sec_234" in ids and "sec_235" in ids  # "Schedule I offence" is a marginal note
    assert "att_I__sec_1__para_a.01" in ids and "att_I__sec_2" in ids


def test_text_below_a_headed_item_stays_in_that_item():
    text = ("§ 2258A. Reporting requirements\n\n(a) Duty to report.\n\n(1) In general.\n\n(A) Duty.\n\n"
            "In order to reduce the proliferation of abuse material, a provider\n\n(i) shall report the facts; and\n\n"
            "(ii) may report other facts.\n\n(B) Actions described.\n\nThe actions are the following.\n\n"
            "§ 2258B. Limited liability\n\nNo claim arises.\n\n§ 2258C. Use of information\n\nThe information is used.\n")
    ids = _ids(text)
    assert "sec_2258A__subsec_a__para_1__subpara_A__clause_ii" in ids and "sec_2258A__subsec_a__para_1__subpara_B" in ids


def test_i_followed_by_ii_is_roman_even_after_an_open_h():
    text = ("§ 2257. Record keeping\n\n(g) The Attorney General shall issue regulations.\n\n(h) In this section\n\n"
            "(1) the term “actual conduct” means conduct;\n\n(2) the term “produces”\n\n(A) means\n\n"
            "(i) actually filming or photographing a depiction;\n\n(ii) digitizing an image; and\n\n"
            "(B) does not include processing.\n\n(i) Whoever violates this section shall be imprisoned.\n\n"
            "§ 2258. Failure to report\n\nA person who fails to report is fined.\n")
    ids = _ids(text)
    assert "sec_2257__subsec_h__para_2__subpara_A__clause_ii" in ids and "sec_2257__subsec_h__para_2__subpara_B" in ids
    assert "sec_2257__subsec_i" in ids


def test_a_capitals_banner_between_articles_in_sequence_does_not_end_the_chapter():
    text = ("TITULO IV\nDELITOS CONTRA LA LIBERTAD\nCAPITULO I\nVIOLACION DE LA LIBERTAD PERSONAL\n"
            "Artículo 151.- El que, mediante amenaza, obliga a otro a hacer lo que la ley no manda.\n"
            "PROCESOS CONSTITUCIONALES\n\"\nArtículo 151-A.- Acoso\nEl que vigila a una persona será reprimido.\n"
            "Artículo 152.- El que priva a otro de su libertad será reprimido.\n")
    ids = _ids(text)
    assert "title_IV__chp_I__art_151-A" in ids and "title_IV__chp_I__art_152" in ids


def test_a_capitals_title_before_a_new_numbering_still_opens_a_block():
    text = ("1. Short title\nThis by-law is the Streets By-law.\n2. Offences\nNo person may obstruct a street.\n"
            "STAD KAAPSTAD\nDie Raad het die volgende verordening aangeneem.\n1. Kort titel\n"
            "Hierdie verordening is die Straatverordening.\n")
    tree = _tree(text)
    assert any(p.kind == "hcontainer" for p in tree.values())
