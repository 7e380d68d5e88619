"""Segmentation: expected section numbers on real statutes, drafting-style fixtures, tree invariants."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract
from pipeline.segment.numbering import alpha_value, clean_num, roman_value
from pipeline.records import Document, Provision
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = yaml.safe_load((ROOT / "tests" / "data" / "segment_expected.yaml").read_text(encoding="utf-8"))
STYLES = ROOT / "tests" / "data" / "styles"
STRUCTURAL = ("section", "article")


def _doc(text: str) -> Document:
    return Document(path="mem.txt", name="mem.txt", sha256="0", text=text, kind="text")


def check_invariants(text: str, provs: list[Provision]) -> None:
    """Own spans never overlap and cover every non-blank character; nodes nest; ids unique."""
    by_eid: dict[str, Provision] = {}
    spans = []
    for p in provs:
        assert p.eid not in by_eid, f"duplicate eid {p.eid}"
        if p.parent is not None:
            assert p.parent in by_eid, f"{p.eid}: parent {p.parent} not before child (pre-order)"
            par = by_eid[p.parent]
            assert par.start <= p.start and p.end <= par.end, f"{p.eid} outside {par.eid}"
            assert p.depth == par.depth + 1
            assert p.eid.startswith(par.eid + "__")
        else:
            assert p.depth == 0
        by_eid[p.eid] = p
        for s, e in p.own_spans:
            assert p.start <= s < e <= p.end, (p.eid, s, e, p.start, p.end)
            spans.append((s, e))
    spans.sort()
    covered_to = 0
    for s, e in spans:
        assert s >= covered_to, f"overlapping own spans at {s}"
        assert text[covered_to:s].strip() == "" or text[covered_to:s].isspace() or not text[covered_to:s], \
            f"uncovered text {text[covered_to:s][:40]!r}"
        covered_to = e
    assert not text[covered_to:].strip(), f"uncovered tail {text[covered_to:][:40]!r}"


def _segment_file(path: Path) -> tuple[Document, list[Provision]]:
    doc = extract(path)
    return doc, segment(doc)


# ---- (1) expected numbers on real statutes ---------------------------------------------

def test_expectations_cover_enough_jurisdictions():
    files = [k for k in EXPECTED if (ROOT / k).exists()]
    assert len(files) >= 20
    assert len({Path(k).parts[1] for k in files}) >= 8


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_sections(rel):
    spec = EXPECTED[rel]
    doc, provs = _segment_file(ROOT / rel)
    found = [p.num for p in provs if p.kind in STRUCTURAL]
    assert found == [str(x) for x in spec["sections"]]
    eids = {p.eid for p in provs}
    for eid in spec.get("eids", []):
        assert eid in eids, f"{eid} missing; have {sorted(eids)[:60]}"
    for kind, num in spec.get("containers", []):
        assert any(p.kind == kind and p.num == str(num) for p in provs), (kind, num)
    by_eid = {p.eid: p for p in provs}
    for eid, heading in spec.get("headings", {}).items():
        assert by_eid[eid].heading == heading


# ---- (2) every corpus file: no error, invariants hold -----------------------------------

def _corpus() -> list[Path]:
    """Every corpus text, Markdown file and PDF except the blind split (never segmented here)."""
    from evaluation.segmentation import blind_paths, is_blind

    blind = blind_paths()
    corpora = ROOT / "corpora"
    return sorted(p for p in corpora.rglob("*") if p.suffix.lower() in (".txt", ".pdf", ".md")
                  and p.name != "README.md" and p.is_file() and not is_blind(str(p.relative_to(corpora)), blind))


CORPUS = _corpus()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_invariants(path):
    doc, provs = _segment_file(path)
    assert provs
    check_invariants(doc.text, provs)
    assert [p.eid for p in segment(doc)] == [p.eid for p in provs]  # deterministic


# ---- drafting styles not in the corpora (fixtures written for these tests) -------------

def _eids(name: str) -> dict[str, Provision]:
    doc, provs = _segment_file(STYLES / name)
    check_invariants(doc.text, provs)
    return {p.eid: p for p in provs}


def test_indian_style_sections_and_explanations():
    p = _eids("in-style-it-act.txt")
    assert [x.num for x in p.values() if x.kind == "section"] == ["66C", "67B", "67C"]
    assert p["chp_XI__sec_67B"].heading == "Punishment for unauthorised interference with data"
    assert p["chp_XI__sec_67B__explanation_1"].kind == "explanation"
    assert p["chp_XI__sec_67C__explanation_2"].parent == "chp_XI__sec_67C"
    assert "chp_XI__sec_67B__para_c" in p and "chp_XI__sec_67C__subsec_2" in p


def test_indian_continuation_after_list_belongs_to_section():
    doc = extract(STYLES / "in-style-it-act.txt")
    provs = {x.eid: x for x in segment(doc)}
    assert "shall be punished on first conviction" in provs["chp_XI__sec_67B"].own_text(doc.text)
    assert "shall be punished" not in provs["chp_XI__sec_67B__para_c"].own_text(doc.text)


def test_malaysian_bill_parts_toc_and_illustrations():
    p = _eids("my-style-computer-crimes-bill.txt")
    sections = [x.eid for x in p.values() if x.kind == "section"]
    assert sections == ["part_I__sec_1", "part_I__sec_2", "part_II__sec_3", "part_II__sec_4"]  # TOC not doubled
    assert p["part_II__sec_3__illustration_1"].kind == "illustration"
    assert "part_II__sec_3__illustration_1__para_b" in p
    assert p["part_II__sec_3"].heading == "Unauthorized access to computer material"
    assert "part_I__sec_2__def_computer" in p


def test_french_code_articles_and_alineas():
    p = _eids("fr-style-code-penal-extrait.txt")
    assert [x.num for x in p.values() if x.kind == "article"] == ["313-1", "323-1", "323-3-1"]
    assert "book_III__title_II__chp_III__art_323-1__al_2" in p
    assert p["book_III__title_II__chp_III__art_323-1__al_1"].kind == "alinea"
    assert p["book_III__title_Ier__chp_III"].kind == "chapter"


# ---- numbering context ------------------------------------------------------------------

def _tree(text: str) -> dict[str, Provision]:
    provs = segment(_doc(text))
    check_invariants(text, provs)
    return {p.eid: p for p in provs}


def test_letter_i_after_h_is_a_letter():
    p = _tree("1 Offences\n(1) A person who—\n(g) one;\n(h) two;\n(i) three;\n(j) four.\n")
    assert {"sec_1__subsec_1__para_h", "sec_1__subsec_1__para_i", "sec_1__subsec_1__para_j"} <= set(p)


def test_roman_i_after_a_is_roman():
    p = _tree("1 Offences\n(1) A person who—\n(a) does—\n(i) one; or\n(ii) two; and\n(b) three.\n")
    assert "sec_1__subsec_1__para_a__subpara_ii" in p
    assert "sec_1__subsec_1__para_b" in p


def test_roman_ii_after_h_repairs_preceding_i():
    p = _tree("1 Offences\n(1) A person who—\n(g) one;\n(h) two, if—\n(i) three; or\n(ii) four;\n(j) five.\n")
    assert "sec_1__subsec_1__para_h__subpara_i" in p
    assert "sec_1__subsec_1__para_h__subpara_ii" in p
    assert "sec_1__subsec_1__para_j" in p


def test_canadian_marginal_notes_before_number():
    p = _tree("Definitions\n1\n(1) The following definitions apply.\nOffence\n2 Every person who steals is guilty.\n")
    assert p["sec_1"].heading == "Definitions" and p["sec_2"].heading == "Offence"


def test_german_paragraph_numbers():
    p = _tree("§ 202a Ausspähen von Daten\n(1) Wer unbefugt\n1. Daten verschafft,\n2. Daten weitergibt,\n"
              "wird bestraft.\n(2) Daten im Sinne des Absatzes 1 sind nur solche.\n")
    assert {"sec_202a__subsec_1__para_1", "sec_202a__subsec_1__para_2", "sec_202a__subsec_2"} <= set(p)
    assert "wird bestraft" in p["sec_202a__subsec_1"].own_text(
        "§ 202a Ausspähen von Daten\n(1) Wer unbefugt\n1. Daten verschafft,\n2. Daten weitergibt,\n"
        "wird bestraft.\n(2) Daten im Sinne des Absatzes 1 sind nur solche.\n")


def test_duplicates_get_suffix_and_preface():
    p = _tree("A TEST ACT\nBe it enacted:\n1 Theft\n(a) one.\nMore text.\n(a) two.\n")
    assert "preface" in p and p["sec_1"].heading == "Theft"
    assert "sec_1__para_a" in p and "sec_1__para_a_2" in p


def test_numbering_helpers():
    assert roman_value("iv") == 4 and roman_value("xix") == 19 and roman_value("iiii") is None
    assert alpha_value("h") == 8 and alpha_value("aa") == 27
    assert clean_num("§ 2252A.") == "2252A" and clean_num("(4.1)") == "4.1" and clean_num("474.22") == "474.22"


# ---- invariants on arbitrary text and performance ---------------------------------------

TOKENS = ["(1)", "(a)", "(i)", "(ii)", "(A)", "1.", "a)", "–", "§ 5.", "Article 3", "Art. 2", "PART II",
          "CHAPTER 1", "12", "474.22", "67B.", "Explanation.—", "ILLUSTRATIONS", "\"term\" means", "Definitions",
          "text", "shall be fined;", "who—", "\n", "\n", "\n", " ", "\t", "\u00a0", "x.", "CONTENTS", "…"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=60))
def test_invariants_on_arbitrary_text(parts):
    text = " ".join(parts)
    check_invariants(text, segment(_doc(text)))


def test_deep_nesting_and_long_input_are_linear():
    styles = ["(1)", "(a)", "(i)", "(A)", "(I)", "1.", "a)", "i)", "a.", "A)", "1)", "–"]
    text = "\n".join(f"{styles[k % len(styles)]} text {k}" for k in range(10000))
    t = time.perf_counter()
    provs = segment(_doc(text))
    assert time.perf_counter() - t < 20
    assert len(provs) == 10000 and max(p.depth for p in provs) < 50
    big = "word " * 10_000_000  # 50 MB on one line
    t = time.perf_counter()
    provs = segment(_doc(big))
    assert time.perf_counter() - t < 20
    assert len(provs) == 1 and provs[0].eid == "preface"


# ---- (3) section-level agreement with Akoma Ntoso on the gazette PDFs --------------------

def test_akn_section_agreement_floor():
    """Measured (2026-11): same-language F1 1.00 / 0.96 / 1.00; all-sections F1 0.53 / 0.51 / 1.00
    (the Cape Town gazettes also print the by-law in Afrikaans and isiXhosa). Floors leave a margin
    for changes in PDF extraction."""
    from evaluation.segmentation import akn_sections, default_pairs, evaluate

    pairs = default_pairs()
    assert len(pairs) == 3 and all(akn_sections(x) for _, x in pairs)
    same = evaluate(pairs, same_language=True)
    assert all(s.f1 >= 0.85 for s in same), [(s.name, s.f1) for s in same]
    assert sum(s.f1 for s in same) / len(same) >= 0.9
    every = evaluate(pairs)
    assert all(s.recall >= 0.85 for s in every), [(s.name, s.recall) for s in every]
    assert all(s.f1 >= 0.45 for s in every), [(s.name, s.f1) for s in every]


def test_akn_all_numbered_nodes_floor():
    """Every numbered node below a section, matched by number path (measured F1 1.00 / 0.89 / 0.92)."""
    from evaluation.segmentation import evaluate_paths

    scores = evaluate_paths()
    assert all(s.f1 >= 0.8 for s in scores), [(s.name, s.f1) for s in scores]


def test_section_score_counts_duplicates_as_false_positives():
    from evaluation.segmentation import score

    s = score(["1", "2", "3"], ["1", "2", "2", "4"])
    assert (s.matched, s.found, s.expected) == (2, 4, 3)
    assert abs(s.precision - 0.5) < 1e-9 and abs(s.recall - 2 / 3) < 1e-9


def test_us_code_continuation_text_goes_to_list_owner():
    doc = extract(ROOT / "corpora" / "us" / "18-usc-2252A.txt")
    p = {x.eid: x for x in segment(doc)}
    assert "shall be punished as provided in subsection (b)" in p["sec_2252A__subsec_a"].own_text(doc.text)
    assert "No affirmative defense under subsection (c)(2)" in p["sec_2252A__subsec_c"].own_text(doc.text)
    assert "No affirmative defense" not in p["sec_2252A__subsec_c__para_2"].own_text(doc.text)


def test_definitions_are_siblings_after_nested_items():
    text = ("1. Definitions\nIn this By-law—\n''organ of state'' means—\n(a) any department; or\n(b) any other institution—\n"
            "(i) exercising a power; or\n(ii) exercising a public power;\n''owner'' means the registered owner;\n"
            "\"person\" includes a company.\n2. Theft\nA person who steals data commits an offence.\n")
    p = _tree(text)
    assert {"sec_1__def_organ_of_state__para_b__subpara_ii", "sec_1__def_owner", "sec_1__def_person", "sec_2"} <= set(p)
    assert p["sec_1__def_owner"].parent == "sec_1"


def test_pdf_line_wraps_do_not_open_provisions():
    text = ("3. Offences\n(1) A person who damages a computer referred to in section\n16 commits an offence.\n"
            "(2) The fine for an offence in terms of subsection\n(1) must not exceed the prescribed amount and\n"
            "may be imposed twice.\n4. Penalties\nAny person convicted is liable to a fine.\n")
    p = _tree(text)
    assert [x.num for x in p.values() if x.kind == "section"] == ["3", "4"]
    assert "sec_3__subsec_1_2" not in p
    assert "may be imposed twice" in p["sec_3__subsec_2"].own_text(text)


def test_table_of_contents_is_not_doubled():
    text = ("TABLE OF CONTENTS\nCHAPTER 1\nGENERAL\n1. Definitions\n2. Theft of data\n3. Fraud\n"
            "CHAPTER 1\nGENERAL\nDefinitions\n1. In this Act, \"data\" means information in a computer.\n"
            "Theft of data\n2. A person who takes data without consent commits an offence.\n"
            "Fraud\n3. A person who deceives another for gain commits an offence.\n")
    p = _tree(text)
    assert [x.eid for x in p.values() if x.kind == "section"] == ["chp_1__sec_1", "chp_1__sec_2", "chp_1__sec_3"]
    assert p["chp_1__sec_2"].heading == "Theft of data" and "toc_1" in p


@pytest.mark.parametrize("text,expected", [
    # Brazilian: article, incisos "I –", paragraphs "§ 1º"
    ("Art. 155-A. Subtrair, para si ou para outrem, dado informático alheio:\nI – mediante fraude;\nII – com abuso de "
     "confiança.\n§ 1º A pena aumenta-se de um terço.\n§ 2º Aplica-se a mesma pena a quem oferece o dado.\n",
     ["art_155-A__item_II", "art_155-A__para_1", "art_155-A__para_2"]),
    # Spanish: article with numbered paragraphs and letters
    ("Artículo 234.\n1. El que, con ánimo de lucro, tomare las cosas muebles ajenas será castigado.\n"
     "a) con la pena de prisión;\nb) con multa.\n2. Se impondrá la pena en su mitad superior.\n",
     ["art_234__para_1__list_b", "art_234__para_2"]),
    # Belgian: "§ 1er." on the article's line, further paragraphs "§ 2."
    ("Art. 383bis. § 1er. Quiconque aura copié des données sera puni.\n§ 2. Quiconque aura effacé des données "
     "visées au § 1er sera puni.\n", ["art_383bis__para_1", "art_383bis__para_2"]),
    # Indonesian: BAB container, Pasal, ayat
    ("BAB VII\nKETENTUAN PIDANA\nPasal 30\n(1) Setiap orang dengan sengaja mengakses komputer milik orang lain.\n"
     "(2) Setiap orang dengan sengaja mengambil data elektronik.\n", ["chp_VII__art_30__para_2"]),
    # Chinese: 第N条
    ("第二百六十四条 盗窃公私财物，数额较大的，处三年以下有期徒刑。\n第二百六十六条 诈骗公私财物，数额较大的，处三年以下有期徒刑。\n",
     ["art_二百六十四", "art_二百六十六"]),
])
def test_more_drafting_styles(text, expected):
    p = _tree(text)
    for eid in expected:
        assert eid in p, (eid, sorted(p))


def test_portuguese_dash_numbered_paragraphs_and_heading_below_the_article():
    text = ("Código de Teste\nArtigo 10.º\nFurto de dados\n1 - Quem:\na) Subtrair dados alheios;\n"
            "b) Copiar dados alheios;\né punido com pena de prisão até três anos.\n"
            "2 - A tentativa é punível.\nArtigo 11.º\nDano informático\nQuem apagar dados alheios é punido.\n")
    p = _tree(text)
    assert {"art_10__para_1__list_b", "art_10__para_2", "art_11"} <= set(p), sorted(p)
    assert p["art_10__para_1"].num == "1" and p["art_10__para_2"].num == "2"
    # the heading is the line below the bare article number; the title above it is not
    assert p["art_10"].heading == "Furto de dados" and p["art_11"].heading == "Dano informático"
    assert p["art_10__para_1"].heading is None


def test_title_above_a_section_with_its_own_heading_is_not_its_heading():
    text = ("THE DATA OFFENCES ACT\n\n12B. Punishment for copying data.—Whoever,—\n(a) copies data; or\n"
            "(b) deletes data,\nshall be punished with a fine.\n")
    p = _tree(text)
    assert p["sec_12B"].heading == "Punishment for copying data"
    assert "THE DATA OFFENCES ACT" not in (p["sec_12B"].heading or "")


@pytest.mark.parametrize("title", ["Code pénal (extrait)", "Ley Orgánica 10/1995", "Crimes Act 1958",
                                   "Strafgesetzbuch (Auszug)"])
def test_a_statute_title_on_the_opening_line_is_not_the_first_article_heading(title):
    p = _tree(f"{title}\nArticle 12\nLe fait de copier des données sans droit est puni d'une amende.\n")
    assert p["art_12"].heading is None and title in p["preface"].own_text(
        f"{title}\nArticle 12\nLe fait de copier des données sans droit est puni d'une amende.\n")
    # an opening line that names no statute is still the first provision's heading
    q = _tree("Copying data\nArticle 12\nLe fait de copier des données sans droit est puni d'une amende.\n")
    assert q["art_12"].heading == "Copying data"


def test_marginal_note_ending_with_a_full_stop():
    text = ("DATA PROTECTION ACT\n\nUnlawful copying of data.\n6.—(1) Any person who copies data shall be guilty of "
            "an offence.\n(2) Subsection (1) does not apply to a backup.\nInterference with a computer.\n"
            "7.—(1) A person who damages a computer shall be guilty of an offence.\n")
    p = _tree(text)
    assert p["sec_6"].heading == "Unlawful copying of data."
    assert p["sec_7"].heading == "Interference with a computer."
    assert "Interference" not in p["sec_6__subsec_2"].own_text(text)
    # a wrapped sentence tail above a section number stays body text
    q = _tree("5.—(1) A person who damages data held by a public body under the Data\nProtection Act.\n"
              "6.—(1) A person who copies data commits an offence.\n")
    assert q["sec_6"].heading is None and "Protection Act." in q["sec_5__subsec_1"].own_text(
        "5.—(1) A person who damages data held by a public body under the Data\nProtection Act.\n"
        "6.—(1) A person who copies data commits an offence.\n")


@pytest.mark.parametrize("txt,xml", [
    ("ca/ca-mandatory-reporting-act-I-20.7-en-2025-10.txt", "structured/ca/I-20.7-en-2025-10.xml"),
    ("ca/ca-mandatory-reporting-act-I-20.7-en-2025-07-old-terminology.txt", "structured/ca/I-20.7-en-2025-07.xml"),
    ("ca/ca-loi-declaration-obligatoire-I-20.7-fr-2025-10.txt", "structured/ca/I-20.7-fr-2025-10.xml"),
    ("ca/ca-loi-declaration-obligatoire-I-20.7-fr-2025-07-ancienne-terminologie.txt", "structured/ca/I-20.7-fr-2025-07.xml"),
])
def test_canadian_numbering_tree_matches_justice_xml(txt, xml):
    from evaluation.segmentation import found_labels, justice_labels

    assert found_labels(ROOT / "corpora" / txt) == justice_labels(ROOT / "corpora" / xml)


def test_dash_after_section_number_and_uk_sections_without_subsections():
    p = _tree("PART III—OFFENCES\nFraud by computer\n376EA.—(1) Any person who dishonestly "
              "uses a computer commits an offence.\n(2) A person guilty is liable to a fine.\n3.—(1) A person who "
              "damages data commits an offence.\n(2) In this section—\n“data” means information;\n")
    assert {"part_III__sec_376EA__subsec_2", "part_III__sec_3__subsec_2__def_data"} <= set(p)
    assert p["part_III"].heading == "OFFENCES" and p["part_III__sec_376EA"].heading == "Fraud by computer"
    q = _tree("1 Short title\nThis Act may be cited as the Data Theft Act 2020.\n2 Interpretation\nIn this Act—\n"
              "“data” means information held in a computer;\n3 Theft of data\n(1) A person who takes data commits an "
              "offence.\n")
    assert [x.eid for x in q.values() if x.kind == "section"] == ["sec_1", "sec_2", "sec_3"]
    assert q["sec_1"].heading == "Short title" and "sec_2__def_data" in q
