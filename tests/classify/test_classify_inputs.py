"""What the classifier sees of a provision split over several nodes (pipeline/classify/inputs.py).

The statutes below were written for these tests in common drafting styles; they are not
quoted from any statute.
"""
from __future__ import annotations

import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.classify import get_classifier
from pipeline.classify.inputs import Node, classify_items, cumulative, is_section, section_of
from pipeline.records import Document
from pipeline.segment import segment


def _items(text: str, lang: str = "en"):
    doc = Document(path="mem.txt", name="mem.txt", sha256="0", text=text, kind="text", lang=lang)
    provs = segment(doc)
    nodes = [Node(p.eid, p.parent, p.kind, p.own_text(doc.text), p.heading) for p in provs]
    return {p.eid: item for p, item in zip(provs, classify_items(nodes, lang))}


@pytest.fixture(scope="module")
def rules():
    return get_classifier("rules"), load_benchmark("default")


def _labels(rules, item):
    clf, bench = rules
    return {lab.id: lab.coverage for lab in clf.label([item], bench)[0]}


def test_cumulative_lists_are_told_from_alternatives():
    assert cumulative(["(a) A produces material; and", "(b) the material is indecent."])
    assert cumulative(["a) il produit un document, et", "b) le document représente un mineur."])
    assert not cumulative(["(a) produces material; or", "(b) distributes material; and", "(c) x"])
    assert not cumulative(["(a) produces material;", "(b) distributes material."])


ELEMENTS = """12. Producing prohibited material
(1) A person commits an offence if—
(a) the person intentionally produces material; and
(b) the material is child sexual abuse material.
(2) A person commits an offence if—
(a) the person intentionally produces material; or
(b) the person knowingly keeps a record of sales.
"""


def test_a_cumulative_element_completes_the_object(rules):
    items = _items(ELEMENTS)
    a = items["sec_12__subsec_1__para_a"]
    assert "child sexual abuse material" in a.detail
    assert _labels(rules, a) == {"csam_production": "full"}
    # the same act with an alternative limb beside it: nothing says what the material is
    alt = items["sec_12__subsec_2__para_a"]
    assert alt.detail == ""
    assert _labels(rules, alt) == {}


BELOW = """20. Transport of depictions
(a) Any person who knowingly transports or ships by any means any visual depiction, if—
(1) the producing of such visual depiction involves the use of a minor engaging in sexually explicit conduct; and
(2) such visual depiction is of such conduct,
shall be punished as provided in subsection (b).
"""


def test_a_sub_provision_qualifies_a_generic_depiction(rules):
    items = _items(BELOW)
    top = items["sec_20__subsec_a"]
    assert "minor engaging in sexually explicit conduct" in top.detail
    assert _labels(rules, top) == {"csam_transmission": "full"}
    # the sub-paragraph refers back to the depiction: it punishes nothing by itself
    assert _labels(rules, items["sec_20__subsec_a__para_1"]) == {}


def test_detail_never_supplies_an_act(rules):
    items = _items("""5. Offences
(1) A person who, knowingly, commits an offence if the person—
(a) distributes child sexual abuse material; and
(b) is over 18.
""")
    chapeau = items["sec_5__subsec_1"]
    assert "distributes" in chapeau.detail
    assert _labels(rules, chapeau) == {}
    assert _labels(rules, items["sec_5__subsec_1__para_a"]) == {"csam_distribution": "full"}


GROOMING = """30. Communicating with a child for a sexual purpose
(1) A commits an offence if—
(a) for the purpose of obtaining sexual gratification, A intentionally communicates with another person (B),
(b) the communication is sexual, and
(c) B is under 18 and A does not reasonably believe that B is 18 or over.
"""


def test_a_victim_named_in_a_fellow_element(rules):
    items = _items(GROOMING)
    assert _labels(rules, items["sec_30__subsec_1__para_a"]) == {"grooming": "full"}


def test_penalty_wording_at_the_end_of_an_offence_sentence(rules):
    items = _items("""40. Depictions
(a) In General.—Any person who knowingly distributes child sexual abuse material shall be subject to the \
penalties provided in section 41, including the penalties provided for cases involving a prior conviction.
""")
    assert _labels(rules, items["sec_40__para_a"]) == {"csam_distribution": "full"}
    items = _items("""41. Penalties
(a) A person who has a prior conviction for distributing child sexual abuse material shall be imprisoned.
""")
    assert _labels(rules, items["sec_41__para_a"]) == {}


def test_a_qualifier_opening_the_next_alternative_is_that_limbs(rules):
    items = _items("""Artikel 9
Met gevangenisstraf wordt gestraft degene die kinderpornografie verspreidt, in bezit heeft of zich door \
middel van een geautomatiseerd werk de toegang daartoe verschaft.
""", lang="nl")
    labs = _labels(rules, items["art_9"])
    assert labs["csam_possession"] == "full" and labs["csam_distribution"] == "full"
    assert "csam_access" in labs


def test_an_anaphor_finds_its_antecedent_in_a_preceding_alinea(rules):
    items = _items("""Article 5
Le fait de fixer ou d'enregistrer une image pédopornographique en vue de sa diffusion est puni de cinq ans \
d'emprisonnement.
Est puni des mêmes peines le fait d'offrir ou de diffuser une telle image, par quelque moyen que ce soit.
Le présent article entre en vigueur le premier janvier.
""", lang="fr")
    second = next(it for it in items.values() if it.text.startswith("Est puni"))
    assert "image pédopornographique" in second.before
    assert _labels(rules, second) == {"csam_offering": "full", "csam_distribution": "full"}
    # without its antecedent "une telle image" is nothing
    alone = type(second)(text=second.text, context=second.context, lang="fr")
    assert _labels(rules, alone) == {}


PERFORMANCE = """Article 2
For the purposes of this Law:
(a) "child" means any person below the age of 18 years;
(b) "pornographic performance" means a live exhibition aimed at an audience, including by means of \
information and communication technology, of a child engaged in sexually explicit conduct.
Article 4
(1) Any person who causes a child to participate in pornographic performances shall be punished by \
imprisonment of up to five years.
"""


def test_a_performance_is_live_streaming_only_where_the_statute_makes_it_live(rules):
    items = _items(PERFORMANCE)
    offence = items["art_4__para_1"]
    assert "live exhibition" in offence.glossary and "below the age of 18" in offence.glossary
    assert "live_streaming" in _labels(rules, offence)
    # the same offence in a statute that does not define the performance as live or by ICT
    plain = _items(PERFORMANCE.replace("a live exhibition aimed at an audience, including by means of "
                                       "information and communication technology, of", "an exhibition of"))
    assert plain["art_4__para_1"].glossary and "live_streaming" not in _labels(rules, plain["art_4__para_1"])
    # or in the provision itself
    said = type(offence)(text="(1) Any person who causes a child to participate in pornographic performances "
                              "streamed in real time shall be punished.")
    assert "live_streaming" in _labels(rules, said)


def test_a_penalty_stated_in_the_next_paragraph_makes_the_conduct_an_offence(rules):
    items = _items("""Art. 10. Oferecer ou distribuir, por qualquer meio, material de abuso sexual de criança ou adolescente:
Pena – reclusão, de 2 (dois) a 5 (cinco) anos, e multa.
Art. 11. Armazenar o registro dos acessos dos usuários pelo prazo de um ano:
Art. 12. Possuir material de abuso sexual de criança ou adolescente.
""", lang="pt")
    offer = next(it for it in items.values() if it.text.startswith("Oferecer"))
    assert offer.after.startswith("Pena")
    assert _labels(rules, offer) == {"csam_offering": "full", "csam_distribution": "full"}
    # the same wording with no penalty anywhere near it is not (yet) an offence
    possess = next(it for it in items.values() if "Possuir" in it.text)
    assert not possess.after and _labels(rules, possess) == {}


def test_a_very_long_flat_list_stays_linear():
    """20,000 siblings: each item's view of its neighbours is bounded, not the whole list."""
    import time

    n = 20_000
    nodes = [Node("s", None, "section", "1. Offences")] + [
        Node(f"s_{i}", "s", "paragraph", f"({i}) distributes child sexual abuse material; and") for i in range(n)]
    t0 = time.process_time()
    items = classify_items(nodes, "en")
    assert time.process_time() - t0 < 10
    assert all(len(it.before) <= 2_000 and len(it.detail) <= 2_000 for it in items)
    assert items[5].after.startswith("(5)") and items[5].before.startswith("(3)")


def test_material_described_in_another_paragraph(rules):
    items = _items("""Section 9
(a) A person who uses a child in any film or photograph of sexual activity commits an offence.
(b) A person who knowingly possesses the material referred to in paragraph (a) commits an offence.
""")
    assert _labels(rules, items["sec_9__para_b"]) == {"csam_possession": "full"}
    alone = type(items["sec_9__para_b"])(text=items["sec_9__para_b"].text)
    assert _labels(rules, alone) == {}


@pytest.mark.parametrize("text,lang,expected", [
    # an adjective between the material noun and the reference ("il materiale pornografico di cui")
    ("Art. 5.\nChiunque, utilizzando minori di anni diciotto, produce materiale pornografico è punito con la reclusione.\n"
     "Chiunque distribuisce il materiale pornografico di cui al primo comma è punito con la reclusione.\n",
     "it", {"csam_distribution": "full"}),
    ("Artículo 7.\n1. El que utilizare a menores de edad para elaborar material pornográfico será castigado.\n"
     "2. El que distribuyere el material pornográfico a que se refiere el apartado anterior será castigado.\n",
     "es", {"csam_distribution": "full"}),
    ("Article 8\nEst puni quiconque fixe l'image d'un mineur présentant un caractère pornographique.\n"
     "Est puni quiconque diffuse le matériel pornographique visé à l'alinéa précédent.\n",
     "fr", {"csam_distribution": "full"}),
    ("Art. 9. § 1er. Quiconque aura diffusé des films ou photos qui représentent des actes sexuels impliquant des "
     "mineurs sera puni.\n§ 2. Quiconque aura sciemment possédé les films, photos ou autres supports visés au § 1er "
     "sera puni.\n", "fr", {"csam_possession": "full"}),
])
def test_material_named_by_a_reference_with_a_qualifier(rules, text, lang, expected):
    items = list(_items(text, lang=lang).values())
    last = items[-1]
    assert _labels(rules, last) == expected, (last.text, _labels(rules, last))
    assert _labels(rules, type(last)(text=last.text)) == {}  # without its antecedent it is not CSAM


DEFINED_TERM = """Sec. 2. Definitions. – In this Act:
(a) "prohibited material" means any film, image or representation of a child engaged in sexual activity;
(b) "child" means a person under the age of 18 years.
Sec. 3. Offences. – It shall be unlawful for any person to commit the following acts:
(a) To knowingly possess any prohibited material;
(b) To offer or distribute any prohibited material;
(c) To possess any prohibited substance.
"""


def test_a_term_the_statute_defines_as_csam_is_read_as_csam(rules):
    items = _items(DEFINED_TERM)
    assert "prohibited material" in items["sec_3__para_a"].glossary
    assert _labels(rules, items["sec_3__para_a"]) == {"csam_possession": "full"}
    assert set(_labels(rules, items["sec_3__para_b"])) == {"csam_offering", "csam_distribution"}
    assert _labels(rules, items["sec_3__para_c"]) == {}
    # the definition itself gets no conduct; without the glossary the term names no child
    assert _labels(rules, items["sec_2__para_a"]) == {}
    bare = type(items["sec_3__para_a"])(text=items["sec_3__para_a"].text, context=items["sec_3__para_a"].context)
    assert _labels(rules, bare) == {}
    # a term defined as something else is not CSAM
    other = _items(DEFINED_TERM.replace("of a child engaged in sexual activity", "of a protected animal"))
    assert _labels(rules, other["sec_3__para_a"]) == {}


def test_an_unquoted_definition_with_an_acronym():
    from pipeline.benchmarks import load_benchmark
    from pipeline.classify.lexicon import defined_material, lexicon_matcher

    lm = lexicon_matcher(load_benchmark("default"), "en")
    glossary = ("(a) Online sexual material of a child or OSMC refers to any representation of a child engaged "
                "in explicit sexual activities;\n\n“data” means any representation of facts;")
    assert defined_material(lm, glossary) == (("online", "sexual", "material", "of", "a", "child"), ("osmc",))
    items = _items("Sec. 1. Definitions. – As used in this Act:\n" + glossary.split("\n")[0] + "\n"
                   "Sec. 2. Offence. – Any person who distributes any OSMC commits an offence.\n")
    assert "OSMC" in items["sec_2"].glossary


# -- the one section rule ------------------------------------------------------------------------
def _tree(*nodes: tuple[str, str | None, str]) -> tuple[dict, callable]:
    by = {eid: Node(eid, parent, kind, "") for eid, parent, kind in nodes}
    return by, lambda n: by.get(n.parent)


def test_section_of_is_the_outermost_section_with_containers_skipped():
    by, up = _tree(("part_1", None, "part"), ("part_1__sec_3", "part_1", "section"),
                   ("part_1__sec_3__subsec_1", "part_1__sec_3", "subsection"),
                   ("part_1__sec_3__subsec_1__para_a", "part_1__sec_3__subsec_1", "paragraph"))
    assert section_of(by["part_1__sec_3__subsec_1__para_a"], up) == "part_1__sec_3"
    assert section_of(by["part_1__sec_3"], up) == "part_1__sec_3"
    assert section_of(by["part_1"], up) == "part_1"  # a container alone is its own section


def test_a_group_of_articles_named_sec_is_a_container_not_the_section():
    # "Section 2: Des infractions se rapportant à la pornographie ..." holding Articles 17-20
    by, up = _tree(("sec_2", None, "section_group"), ("sec_2__art_17", "sec_2", "article"),
                   ("sec_2__art_17__al_1", "sec_2__art_17", "alinea"))
    assert section_of(by["sec_2__art_17__al_1"], up) == "sec_2__art_17"


def test_without_a_section_the_outermost_non_container_counts():
    by, up = _tree(("chp_1", None, "chapter"), ("chp_1__para_1", "chp_1", "paragraph"),
                   ("chp_1__para_1__pt_a", "chp_1__para_1", "point"))
    assert section_of(by["chp_1__para_1__pt_a"], up) == "chp_1__para_1"
    assert is_section(Node("x", None, "Article", "")) and not is_section(Node("x", None, "part", ""))


def test_section_of_survives_a_parent_loop():
    by, up = _tree(("a", "b", "paragraph"), ("b", "a", "paragraph"))
    assert section_of(by["a"], up) == "b"
