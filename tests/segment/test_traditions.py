"""Drafting traditions the segmenter must read without rules for one file (texts written for these tests)."""
from __future__ import annotations

import pytest

from pipeline.records import Document, Provision
from pipeline.segment import segment
from pipeline.segment.markup import blank_markup, is_markdown
from tests.segment.test_segment import check_invariants


def _tree(text: str) -> dict[str, Provision]:
    provs = segment(Document(path="mem.txt", name="mem.txt", sha256="0", text=text, kind="text"))
    check_invariants(text, provs)
    return {p.eid: p for p in provs}


def _sections(p: dict[str, Provision]) -> list[str]:
    return [x.num for x in p.values() if x.kind in ("section", "article")]


def test_heading_on_the_number_line_with_the_body_below():
    p = _tree("CHAPTER 1\nGeneral provisions\n1. Definitions\nIn this By-law—\n\"data\" means information;\n"
              "2. Application\nThis By-law applies to every person.\n")
    assert [x.eid for x in p.values() if x.kind == "section"] == ["chp_1__sec_1", "chp_1__sec_2"]
    assert p["chp_1__sec_1"].heading == "Definitions" and "chp_1__sec_1__def_data" in p


def test_heading_dash_whoever_sections_and_explanations_never_hold_sections():
    p = _tree("66. Cheating by computer.—Whoever cheats by means of a computer shall be punished.\n"
              "Explanation.—A computer includes a phone\n"
              "67. Copying data.—Whoever copies data shall be punished.\n"
              "Explanation 1.—Data includes a program.\nExplanation 2.—Copying includes printing.\n"
              "68. Deleting data.—(1) Whoever deletes data shall be punished.\n(2) Whoever alters data likewise.\n")
    assert _sections(p) == ["66", "67", "68"]
    assert p["sec_66"].heading == "Cheating by computer" and p["sec_67__explanation_2"].parent == "sec_67"
    assert all(x.parent is None for x in p.values() if x.kind == "section")


@pytest.mark.parametrize("text,expected", [
    ("Art. 1er\nLa présente loi s'applique à tout traitement.\nArt. 2\nToute personne est protégée.\n", ["1er", "2"]),
    ("Article premier\nLa présente loi s'applique.\nArticle 2\nElle entre en vigueur.\n", ["premier", "2"]),
    ("ARTÍCULO 128.- El que produjere imágenes será reprimido.\nARTÍCULO 128 bis.- El que facilitare el "
     "acceso será reprimido.\n", ["128", "128 bis"]),
    ("§ 207\nWer Daten verändert, wird bestraft.\n§ 208\nWer Daten löscht, wird bestraft.\n", ["207", "208"]),
    ("Artigo 10.º\nFurto de dados\nQuem subtrair dados é punido.\nArtigo 11.º\nQuem apagar dados é punido.\n",
     ["10", "11"]),
])
def test_article_and_paragraph_sign_forms(text, expected):
    assert _sections(_tree(text)) == expected


@pytest.mark.parametrize("text,sections,containers", [
    # Nordic: the number before the sign, chapters "N kap." / "N luku"
    ("1 kap. Om brott\n\n1 § Brott är en gärning som är beskriven i lag.\n\n2 § En gärning är brott endast "
     "då den begås uppsåtligen.\n\n2 kap. Om tillämpning\n\n1 § Svensk domstol är behörig.\n",
     ["1", "2", "1"], [("chapter", "1"), ("chapter", "2")]),
    # Slovenian / Icelandic: the number before the article word
    ("Prvo poglavje\nSPLOŠNE DOLOČBE\nPredmet zakona\n1. člen\nTa zakon določa pravice.\nMediji\n2. člen\n"
     "Mediji so časopisi.\n", ["1", "2"], [("chapter", "Prvo")]),
    ("I. kafli. Almenn ákvæði.\n1. gr.\nMarkmið laga þessara er að vernda börn.\n2. gr.\nLögin taka til allra.\n",
     ["1", "2"], [("chapter", "I")]),
    # Japanese: 第N章 is a chapter, 第N条の二 an inserted article
    ("第一章 通則\n第一条 この法律は、すべての者に適用する。\n第一条の二 この法律は、船舶にも適用する。\n第二章 刑\n"
     "第二条 刑は、法律で定める。\n", ["一", "一条の二", "二"], [("chapter", "一"), ("chapter", "二")]),
])
def test_number_first_traditions(text, sections, containers):
    p = _tree(text)
    assert _sections(p) == sections
    for kind, num in containers:
        assert any(x.kind == kind and x.num == num for x in p.values()), (kind, num, sorted(p))


def test_danish_stk_subdivisions_and_lettered_sections():
    p = _tree("§ 7. Under dansk straffemyndighed hører handlinger i udlandet.\nStk. 2. Det gælder også på skibe.\n"
              "§ 7 a. Under dansk straffemyndighed hører også forsøg.\n")
    assert _sections(p) == ["7", "7 a"]
    assert "sec_7__subsec_2" in p and "sec_7-a" in p


def test_markdown_markup_is_read_through_and_still_covered():
    text = ("# Ley de prueba\n\n## TÍTULO I\n\n##### Artículo 1°\n\nObjeto. La ley protege datos.\n\n"
            "**Artículo 2º.***Definiciones*. Para esta ley:\n\n- a) dato es información;\n\n- b) sistema es un "
            "equipo.\n\n> **Artículo 3.** Vigencia. Rige desde su publicación.\n")
    assert is_markdown(text) and len(blank_markup(text)) == len(text)
    p = _tree(text)
    assert _sections(p) == ["1°", "2º", "3"]
    assert "title_I__art_2__list_b" in p and p["title_I__art_1"].num == "1°"


def test_uncued_contents_list_is_not_doubled():
    text = ("Article 1. Objecte\nArticle 2. Definicions\nArticle 3. Àmbit\n\nCapítol primer. Disposicions\n"
            "Article 1. Objecte\nAquesta Llei protegeix les dades de les persones.\nArticle 2. Definicions\n"
            "Als efectes d'aquesta Llei s'entén per dada qualsevol informació.\nArticle 3. Àmbit\n"
            "Aquesta Llei s'aplica a tot el territori.\n")
    p = _tree(text)
    assert _sections(p) == ["1", "2", "3"] and "toc_1" in p


def test_same_number_printed_below_itself_is_one_article():
    p = _tree("#### Artículo 268\n\nART. 268. Derogado.\n\n#### Artículo 269\n\nART. 269. El que robare será "
              "castigado.\n")
    assert _sections(p) == ["268", "269"]


def test_sequence_after_blank_line_beats_a_glued_crossheading():
    text = ("32. Procedure after arrest\n(1) No person shall be detained longer than is reasonable. B – With warrant\n\n"
            "33. Warrant of apprehension\n(1) Any judicial officer may issue a warrant.\n\n"
            "34. Execution of warrants\nEvery peace officer shall execute every warrant.\n")
    assert _sections(_tree(text)) == ["32", "33", "34"]


def test_article_keyword_in_a_marginal_note_is_not_an_article():
    p = _tree("Application du Code criminel\n19 La partie XVI du Code criminel s'applique.\n\n"
              "Article 679 du Code criminel\n20 Pour décider de la mise en liberté, l'article 679 s'applique.\n")
    assert _sections(p) == ["19", "20"] and p["sec_20"].heading == "Article 679 du Code criminel"


def test_dotted_subdivisions_of_a_heading_only_section_and_inserted_sections():
    p = _tree("1. Short title\nThis By-law is the Animals By-law.\n\n2. Interpretation\n2.1 In this By-law a cat "
              "is a cat.\n2.2 A dog is a dog.\n3. Keeping of animals\nNo person may keep a pig.\n")
    assert _sections(p) == ["1", "2", "3"] and "sec_2__subsec_2.2" in p
    q = _tree("Purpose\n3 The purpose of this Act is to protect data.\n\nPrinciples\n3.1 The principles are fairness.\n\n"
              "4 The Minister administers this Act.\n")
    assert _sections(q) == ["3", "3.1", "4"]


def test_sign_documents_have_no_bare_number_sections():
    p = _tree("§ 1\nTento zákon upravuje odpovědnost.\n§ 2\nPřestupek je čin.\n§ 3\nZrušují se:\n"
              "1. Zákon č. 200/1990 Sb., o přestupcích.\n2. Zákon č. 165/1990 Sb.\n")
    assert _sections(p) == ["1", "2", "3"]
