"""Layouts of real prints the line machine must read like the plain text: page furniture between
lines, hard-wrapped items, a list that goes on after a wrapped item (statutory-style texts
written for these tests)."""
from __future__ import annotations

from pipeline.segment.furniture import page_furniture
from tests.segment.test_traditions import _tree

BODY = [
    "PART 1",
    "PRELIMINARY",
    "1. This Act may be cited as the Protection of Minors Act.",
    "2. In this Act—",
    "(a) \"child\" means a person under the age of eighteen years;",
    "(b) \"image\" includes a drawing, photograph or film;",
    "(c) \"Minister\" means the Minister responsible for justice.",
    "PART 2",
    "OFFENCES",
]
for _k in range(3, 40):
    BODY += [f"{_k}. (1) A person who arranges to meet a child for the purpose of abusing that",
             "child commits an offence.",
             f"(2) A person convicted of an offence under subsection (1) is liable to imprisonment",
             "for a term not exceeding ten years."]


def _with_pages(lines: list[str], every: int = 23) -> str:
    out = []
    page = 1
    for i, line in enumerate(lines):
        if i and i % every == 0:
            page += 1
            out += [f"- {page - 1} -", "PROTECTION OF MINORS ACT", f"Page {page}"]
        out.append(line)
    return "\n".join(out)


def _shape(tree: dict) -> list[tuple[str, str | None]]:
    return [(p.eid, p.num) for p in tree.values()]


def test_page_furniture_leaves_the_tree_as_without_it():
    plain = _tree("\n".join(BODY))
    paged_text = _with_pages(BODY)
    paged = _tree(paged_text)
    assert _shape(paged) == _shape(plain)
    # breaks fall mid-sentence ("... abusing that" / page / "child commits") and before PART 2's
    # capitals: the wrapped tail stays in its subsection, no header opens a container
    assert not any(p.kind == "hcontainer" for p in paged.values())
    assert "Page 2" in paged_text and any("Page 2" in paged_text[a:b] for p in paged.values() for a, b in p.own_spans)


def test_running_header_that_names_a_chapter_is_furniture():
    lines = ["CHAPTER 5 — OFFENCES AGAINST CHILDREN"] + BODY[7:]
    out = []
    for i, line in enumerate(lines):
        if i and i % 20 == 0:
            out += [str(i // 20), "CHAPTER 5 — OFFENCES AGAINST CHILDREN"]
        out.append(line)
    tree = _tree("\n".join(out))
    assert [p.eid for p in tree.values() if p.kind == "chapter"] == ["chp_5"]
    assert _shape(tree) == _shape(_tree("\n".join(lines)))


def test_numbered_lines_in_sequence_are_never_furniture():
    lines = []
    for k in range(1, 12):
        lines += [f"Article {k}", "Whoever abuses a child shall be punished.", "", "", "", ""]
    texts = [x for x in lines if x]
    keyword = lambda s: s.startswith("Article")  # noqa: E731
    assert page_furniture(texts, keyword) == set()
    same = [f"Artículo 211 bis {k}.- Al que sin autorización modifique información" if j == 0 else f"texto {k} {j}"
            for k in range(1, 8) for j in range(6)]
    assert page_furniture(same, lambda s: s.startswith("Artículo")) == set()
    items = [f"({k}) text {k}" if j == 0 else "more text" for k in range(1, 30) for j in range(6)]
    assert page_furniture(items, lambda s: False) == set()


def test_first_item_wrapped_at_a_comma_keeps_its_own_list():
    text = ("2251. Sexual exploitation of children\n\n"
            "(d)\n\n"
            "(1) Any person who, in a circumstance described in paragraph (2),\n"
            "knowingly makes, prints, or publishes, or causes to be made, printed,\n"
            "or published, any notice or advertisement seeking or offering\n\n"
            "(A) to receive any visual depiction of a minor; or\n\n"
            "(B) participation in any act of sexually explicit conduct with a minor;\n"
            "shall be punished as provided under subsection (e).\n\n"
            "(2) The circumstance referred to in paragraph (1) is that the notice is mailed.\n")
    ids = [p.eid for p in _tree(text).values() if p.num]
    assert "sec_2251__subsec_d__para_1__subpara_A" in ids and "sec_2251__subsec_d__para_2" in ids


def test_list_goes_on_after_an_item_wrapped_at_a_comma_under_a_wrapped_heading():
    text = ("568.040. Criminal nonsupport, penalty — payment of support as a condition of\n"
            "parole. —\n"
            "1. A person commits the offense of nonsupport if he or she fails to provide support.\n"
            "2. The offense of criminal nonsupport is a class A misdemeanor,\n"
            "unless the total arrearage is in excess of twelve monthly payments, in\n"
            "which case it is a class E felony.\n"
            "3. (1) If at any time an offender is placed on probation, payment may be ordered.\n"
            "(2) If the offender fails to pay, probation may be revoked.\n"
            "568.045. Endangering the welfare of a child. — 1. A person commits the offense.\n")
    tree = _tree(text)
    assert [p.num for p in tree.values() if p.kind == "section"] == ["568.040", "568.045"]
    assert "sec_568.040__subsec_3__para_2" in tree
    assert "which case" in text[tree["sec_568.040__subsec_2"].start:tree["sec_568.040__subsec_2"].end]


MO_SECTIONS = [("568.010", "Bigamy — penalty", "A married person commits the offense of bigamy if he or she:"),
               ("568.020", "Incest — penalty", "A person commits the offense of incest if he or she marries:"),
               ("568.030", "Abandonment of a child — penalty", "A person commits the offense of abandonment if:")]


def _mo(style: str) -> str:
    out = []
    for num, head, text in MO_SECTIONS:
        if style == "above":
            out += [head, f"{num}. 1. {text}"]
        else:
            out += [f"{num}.", head, f"1. {text}"]
        out += ["(1) Purports to marry another; or", "(2) Cohabits with another person.",
                "2. The offense is a class A misdemeanor.", "(L. 1977 S.B. 60)", ""]
    return "\n".join(out)


def test_marginal_note_above_a_dotted_section_number_with_its_first_subsection():
    tree = _tree(_mo("above"))
    assert [(p.num, p.heading) for p in tree.values() if p.kind == "section"] == [(n, h) for n, h, _ in MO_SECTIONS]
    assert "sec_568.020__subsec_1__para_2" in tree and "sec_568.030__subsec_2" in tree


def test_heading_below_a_number_alone_on_its_line():
    tree = _tree(_mo("below"))
    assert [(p.num, p.heading) for p in tree.values() if p.kind == "section"] == [(n, h) for n, h, _ in MO_SECTIONS]
    assert "sec_568.010__subsec_1__para_1" in tree and "sec_568.030__subsec_2" in tree


def test_dotted_section_numbers_follow_in_their_series():
    text = ("568.010. A married person who marries another commits the offense of bigamy.\n"
            "568.020.\n"
            "A person who marries an ancestor or descendant commits the offense of incest.\n"
            "568.030.\n"
            "A person who leaves a child with purpose to abandon the child commits an offense.\n")
    assert [p.num for p in _tree(text).values() if p.kind == "section"] == ["568.010", "568.020", "568.030"]


def test_open_container_printed_again_is_a_running_header():
    text = ("LIVRO II\nTÍTULO II\nDas Medidas de Proteção\n"
            "Art. 100. Na aplicação das medidas levar-se-ão em conta as necessidades pedagógicas, preferindo-se\n"
            "TÍTULO II\n"
            "aquelas que visem ao fortalecimento dos vínculos familiares.\n"
            "Art. 101. Verificada qualquer das hipóteses, a autoridade poderá determinar as medidas.\n"
            "LIVRO III\nTÍTULO II\nDos Crimes\nArt. 225. Este Capítulo dispõe sobre crimes praticados contra a criança.\n")
    tree = _tree(text)
    assert [p.eid for p in tree.values() if p.kind == "title"] == ["book_II__title_II", "book_III__title_II"]
    assert [p.eid for p in tree.values() if p.kind == "article"] == [
        "book_II__title_II__art_100", "book_II__title_II__art_101", "book_III__title_II__art_225"]
    art = tree["book_II__title_II__art_100"]
    assert "fortalecimento" in text[art.start:art.end]


def test_article_keyword_wrapped_onto_a_new_line_is_a_reference():
    text = ("Artículo 253.- Son actos que afectan gravemente al consumo nacional los siguientes:\n"
            "I.- El acaparamiento de artículos de consumo necesario;\n"
            "II.- La destrucción indebida de materias primas.\n"
            "Artículo 254.- Se aplicarán igualmente las sanciones del\n"
            "Artículo 253:\n"
            "I.- Por destrucción indebida de productos agrícolas;\n"
            "II.- Por suspender la producción de artículos de consumo.\n"
            "Artículo 255.- Se impondrá prisión a quien obstruya el acceso.\n")
    tree = _tree(text)
    assert [p.num for p in tree.values() if p.kind == "article"] == ["253", "254", "255"]
    assert "art_254__list_I" in tree or any(e.startswith("art_254__") for e in tree)
