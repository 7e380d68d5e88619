"""Numbering read as sequences, and Markdown number markup (texts written for these tests)."""
from __future__ import annotations

from tests.segment.test_traditions import _tree


def _paths(text: str) -> list[str]:
    return [x.eid for x in _tree(text).values() if x.num]


def test_a_list_restarting_at_1_after_a_chapeau_nests_and_the_next_paragraph_follows_its_sibling():
    text = ("Article 9\n1. A citizen may be surrendered.\n2. A person is not surrendered if:\n"
            "1. the act is no offence;\n2. the act was done at home;\n3. the person was tried.\n"
            "3. The court decides on the surrender.\n")
    assert _paths(text) == ["art_9", "art_9__para_1", "art_9__para_2", "art_9__para_2__para_1",
                            "art_9__para_2__para_2", "art_9__para_2__para_3", "art_9__para_3"]


def test_a_note_between_items_does_not_end_the_list():
    text = ("Article 4\n1. The court may refuse if:\n1. the act is no offence;\n2. the act was done at home.\n"
            "Amended by Act No. 12.\n3. the person was tried.\n2. The refusal is reasoned.\n")
    ids = _paths(text)
    assert "art_4__para_1__para_3" in ids and "art_4__para_2" in ids and "art_4__para_3" not in ids


def test_inserted_item_2a_sits_between_2_and_3():
    text = "§ 64\n(1) Es gelten:\n1. Diebstahl,\n2. Raub,\n2a. Erpressung,\n3. Betrug.\n"
    assert _paths(text)[-4:] == ["sec_64__subsec_1__para_1", "sec_64__subsec_1__para_2",
                                 "sec_64__subsec_1__para_2a", "sec_64__subsec_1__para_3"]


def test_mexican_roman_fractions_with_dot_dash():
    text = "Artículo 37.- La semilibertad comprende:\nI.- Salida de fin de semana;\nII.- Salida diurna.\n"
    assert [x.num for x in _tree(text).values()] == ["37", "I.", "II."]


def test_a_label_printed_twice_is_one_number_line():
    p = _tree("38.1. pants. 38. 1 pants. Probācijas uzraudzība\n(1) Probācijas uzraudzība ir sods.\n")
    assert list(p) == ["art_38.1", "art_38.1__para_1"] and p["art_38.1"].heading == "Probācijas uzraudzība"


def test_markdown_code_span_and_escaped_numbers():
    md = ("# Gesetz\n\n## Abschnitt 1\n\n### § 20a Verfall\n\n> `(1)` Der Verfall ist ausgeschlossen:\n>\n"
          ">> `1.` gegenüber Dritten,\n>\n>> `2.` bei Sicherheit.\n\n> `(2)` Vom Verfall ist abzusehen.\n\n"
          "**2 straipsnis. Nuostatos**\n\n1\\. Asmuo atsako.\n\n2\\. Niekas nebaudžiamas du kartus.\n")
    ids = _paths(md)
    assert "dvs_1__sec_20a__subsec_1__para_2" in ids and "dvs_1__sec_20a__subsec_2" in ids
    assert ids[-2:] == ["dvs_1__art_2__para_1", "dvs_1__art_2__para_2"]


def test_canadian_inserted_paragraphs_and_parts():
    text = ("PART 1.1\nRegistration\n11.11 (1) The following persons are not eligible:\n  (a) a listed person;\n"
            "  (b) a sanctioned person;\n  (b.1) a person under a prohibition;\n  (c) a convicted person.\n"
            "(2) The Centre decides.\n")
    ids = _paths(text)
    assert ids[0] == "part_1.1" and "part_1.1__sec_11.11__subsec_1__para_b.1" in ids
    assert "part_1.1__sec_11.11__subsec_1__para_c" in ids and "part_1.1__sec_11.11__subsec_2" in ids


def test_spent_section_ranges_keep_the_sequence():
    text = ("198 (1) The Board may make rules.\n(2) Rules are published.\n199 to 203 [Amendments]\n"
            "204 [Repealed, 1995, c. 42, s. 61]\n205 (1) The Act comes into force on a day fixed by order.\n")
    assert [x.num for x in _tree(text).values() if x.kind == "section"] == ["198", "199 to 203", "204", "205"]


def test_a_repealed_nordic_section_in_lower_case_is_still_a_section():
    text = "6 § För brott döms till fängelse.\n\n7 § har upphävts genom lag (1988:942).\n\n8 § Förverkande får ske.\n"
    assert [x.num for x in _tree(text).values() if x.kind == "section"] == ["6", "7", "8"]


def test_ordinal_numbered_items():
    text = "ART. 494.\nSufrirán la pena de multa:\n1.° El que provocare desorden.\n2.° El que ensuciare playas.\n"
    assert _paths(text) == ["art_494", "art_494__para_1", "art_494__para_2"]


def test_an_item_after_the_wrap_up_of_a_sub_list_continues_its_list():
    text = ("§ 11 Begriffe\n(1) Im Sinne dieses Gesetzes ist\n1. Richter:\nwer Richter ist;\n"
            "2. Verpflichteter:\nwer, ohne Amtsträger zu sein,\na) bei einer Behörde oder\nb) bei einem Verband\n"
            "beschäftigt ist;\n3. rechtswidrige Tat:\nnur eine solche Tat.\n(2) Vorsätzlich ist eine Tat.\n")
    ids = _paths(text)
    assert "sec_11__subsec_1__para_3" in ids and "sec_11__para_3" not in ids and "sec_11__subsec_2" in ids


def test_an_abbreviation_is_no_list_item():
    text = "1. gr.\nEigi skal refsa manni.\nL. 31/1961, 1. gr.\n\n2. gr.\nHafi refsilöggjöf breyst.\n"
    assert _paths(text) == ["art_1", "art_2"]
