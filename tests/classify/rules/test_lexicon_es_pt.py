"""Spanish and Portuguese (and Italian/Dutch/German offence-marker) cues of the rule classifier.

Every sentence below was written for these tests in the style of a criminal code or a treaty
(domain.md §4 style); none is quoted from a statute. They check behaviour through the public
classifier API: the conduct labels and full/partial coverage under the ``default`` benchmark
(the strictest union of coe-2012 and ecpat-2022), and under ``coe-2012`` where that differs.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.classify import ClassifyItem, get_classifier

# (name, lang, context, text, expected under default, overrides under coe-2012)
CASES = [
    # ------------------------------------------------------------------ Spanish, positives
    ("es_production", "es", "",
     "Artículo 10. Será castigado con la pena de prisión de uno a cinco años el que produjere, por cualquier "
     "medio, material de abuso sexual infantil.",
     {"csam_production": "full"}, {}),
    ("es_using_child_is_production", "es", "",
     "Artículo 11. Quien utilice a un menor de edad para elaborar cualquier clase de material pornográfico "
     "será sancionado con prisión de cinco a nueve años.",
     {"csam_production": "full"}, {}),
    ("es_offer_make_available", "es", "",
     "Artículo 12. El que ofrezca o ponga a disposición de terceros pornografía infantil será castigado con "
     "prisión de uno a cuatro años.",
     {"csam_offering": "full", "csam_making_available": "full"}, {}),
    ("es_exhibit_facilitate_access", "es", "",
     "Artículo 12 bis. Quien exhiba o facilite el acceso a material de abuso sexual infantil será penado con "
     "prisión de uno a cuatro años.",
     {"csam_making_available": "full"}, {}),
    ("es_distribution", "es", "",
     "Artículo 13. Quien difunda, distribuya o venda material de abuso sexual infantil será sancionado con "
     "pena de prisión de dos a seis años.",
     {"csam_distribution": "full"}, {}),
    ("es_transmission", "es", "",
     "Artículo 14. Será penado con prisión de uno a tres años quien transmita o envíe a otra persona, por "
     "cualquier medio, pornografía infantil.",
     {"csam_transmission": "full"}, {}),
    ("es_procuring", "es", "",
     "Artículo 15. Será castigado con prisión de seis meses a dos años el que adquiera para sí o para un "
     "tercero pornografía infantil.",
     {"csam_procuring": "full"}, {}),
    ("es_possession_own_use", "es", "",
     "Artículo 16. Quien posea o tenga en su poder, para su propio uso, material de abuso sexual infantil "
     "será castigado con prisión de tres meses a un año.",
     {"csam_possession": "full"}, {}),
    ("es_access", "es", "",
     "Artículo 18. La misma pena se impondrá a quien acceda a sabiendas a pornografía infantil por medio de "
     "las tecnologías de la información y la comunicación.",
     {"csam_access": "full"}, {}),
    ("es_grooming_meeting", "es", "",
     "Artículo 19. El que, a través de internet o de cualquier otra tecnología de la información y la "
     "comunicación, contacte con un menor de dieciocho años y le proponga concertar un encuentro con el fin "
     "de cometer un delito contra su libertad sexual, siempre que la propuesta se acompañe de actos "
     "materiales encaminados al acercamiento, será castigado con prisión de uno a tres años.",
     {"grooming": "partial"}, {"grooming": "full"}),
    ("es_live_streaming", "es", "",
     "Artículo 20. Será castigado con prisión de cinco a nueve años quien utilice a menores de edad en "
     "espectáculos exhibicionistas o pornográficos, incluida su emisión en directo por cualquier medio.",
     {"live_streaming": "full"}, {}),
    ("es_sexual_extortion", "es", "",
     "Artículo 21. El que amenace con difundir imágenes de contenido sexual de un menor para obtener de él "
     "nuevas imágenes o actos de naturaleza sexual será castigado con prisión de dos a seis años.",
     {"sexual_extortion": "full"}, {}),
    # ------------------------------------------------------------------ Spanish, partial coverage
    ("es_possession_with_purpose", "es", "",
     "Artículo 17. El que posea pornografía infantil con el fin de distribuirla será castigado con prisión "
     "de uno a tres años.",
     {"csam_possession": "partial"}, {"csam_possession": "partial"}),
    ("es_access_habitual", "es", "",
     "Artículo 18 bis. Quien acceda habitualmente a material de abuso sexual infantil será castigado con "
     "prisión de seis meses a dos años.",
     {"csam_access": "partial"}, {"csam_access": "partial"}),
    ("es_age_sixteen", "es", "",
     "Artículo 25. El que produzca material pornográfico en el que aparezcan menores de dieciséis años será "
     "castigado con prisión de dos a cinco años.",
     {"csam_production": "partial"}, {"csam_production": "partial"}),
    ("es_computer_system_only", "es", "",
     "Artículo 26. Quien distribuya pornografía infantil a través de un sistema informático será sancionado "
     "con prisión de uno a tres años.",
     {"csam_distribution": "partial"}, {"csam_distribution": "full"}),
    ("es_general_extortion", "es", "",
     "Artículo 27. El que, con amenaza de revelar hechos de la vida privada de otro, le obligue a entregarle "
     "dinero será castigado con prisión de uno a cinco años.",
     {"sexual_extortion": "partial"}, {}),
    # ------------------------------------------------------------------ Spanish, negatives
    ("es_definition", "es", "",
     "Artículo 2. A los efectos de esta ley, se entiende por pornografía infantil toda representación, por "
     "cualquier medio, de un menor de edad dedicado a actividades sexuales explícitas, y por distribución "
     "toda entrega o difusión de dicho material.",
     {}, {}),
    ("es_penalty_only", "es", "",
     "Las penas previstas en el artículo anterior se impondrán en su mitad superior cuando el material de "
     "abuso sexual infantil haya sido distribuido a través de internet.",
     {}, {}),
    ("es_procuring_a_child_is_not_material", "es", "",
     "Artículo 23. El que procure a un menor de edad con fines de explotación sexual será castigado con "
     "prisión de dos a cinco años.",
     {}, {}),
    ("es_defence", "es", "",
     "No será punible la posesión de material de abuso sexual infantil por las autoridades encargadas de su "
     "investigación.",
     {}, {}),
    ("es_repealed", "es", "", "Artículo 24. (Derogado) Difusión de pornografía infantil.", {}, {}),
    ("es_heading", "es", "", "Capítulo V De los delitos relativos a la pornografía infantil", {}, {}),
    ("es_no_offence_marker", "es", "",
     "La autoridad competente promoverá campañas de prevención sobre la difusión de material de abuso sexual "
     "infantil en los centros educativos.",
     {}, {}),
    # ------------------------------------------------------------------ Portuguese, positives
    ("pt_production", "pt", "",
     "Art. 30. Quem produzir, filmar ou registrar, por qualquer meio, material pornográfico que envolva "
     "criança ou adolescente será punido com pena de reclusão de quatro a oito anos.",
     {"csam_production": "full"}, {}),
    ("pt_production_infinitive_style", "pt", "",
     "Art. 31. Fotografar ou filmar criança ou adolescente em cena de sexo explícito: Pena – reclusão, de "
     "dois a seis anos, e multa.",
     {"csam_production": "full"}, {}),
    ("pt_offer_make_available", "pt", "",
     "Art. 32. Oferecer ou disponibilizar, por qualquer meio, material de abuso sexual infantil: Pena – "
     "reclusão, de três a seis anos, e multa.",
     {"csam_offering": "full", "csam_making_available": "full"}, {}),
    ("pt_distribution", "pt", "",
     "Art. 33. Quem distribuir, divulgar ou trocar fotografia ou vídeo que contenha cena de sexo explícito "
     "envolvendo criança será punido com reclusão de três a seis anos.",
     {"csam_distribution": "full"}, {}),
    ("pt_transmission", "pt", "",
     "Art. 34. Transmitir ou enviar a terceiros, por qualquer meio, material de abuso sexual de crianças: "
     "Pena – reclusão, de dois a cinco anos.",
     {"csam_transmission": "full"}, {}),
    ("pt_procuring", "pt", "",
     "Art. 35. Adquirir ou obter, para si ou para outrem, material de abuso sexual infantil: Pena – "
     "reclusão, de um a quatro anos, e multa.",
     {"csam_procuring": "full"}, {}),
    ("pt_possession", "pt", "",
     "Art. 36. Quem possuir ou armazenar imagens de sexo explícito envolvendo criança ou adolescente será "
     "punido com reclusão de um a quatro anos.",
     {"csam_possession": "full"}, {}),
    ("pt_access", "pt", "",
     "Artigo 38.º Quem, intencionalmente, aceder ou acessar, através de qualquer meio, a material de abuso "
     "sexual de crianças é punido com pena de prisão até dois anos.",
     {"csam_access": "full"}, {}),
    ("pt_grooming_any_means", "pt", "",
     "Art. 39. Quem, por qualquer meio, aliciar ou assediar criança ou adolescente com o fim de com ela "
     "praticar ato libidinoso será punido com reclusão de um a três anos.",
     {"grooming": "full"}, {}),
    ("pt_live_streaming", "pt", "",
     "Art. 40. Quem utilizar criança ou adolescente em espetáculo pornográfico exibido ao vivo por qualquer "
     "meio é punido com pena de prisão de três a dez anos.",
     {"live_streaming": "full"}, {}),
    ("pt_sexual_extortion", "pt", "",
     "Art. 41. Quem ameaçar divulgar imagens íntimas de criança ou adolescente para dela obter novas imagens "
     "de conteúdo sexual é punido com pena de prisão de dois a oito anos.",
     {"sexual_extortion": "full"}, {}),
    # ------------------------------------------------------------------ Portuguese, partial coverage
    ("pt_possession_with_purpose", "pt", "",
     "Artigo 37.º Quem detiver material pornográfico envolvendo menores com o propósito de o distribuir ou "
     "vender é punido com pena de prisão de um a cinco anos.",
     {"csam_possession": "partial"}, {"csam_possession": "partial"}),
    ("pt_production_for_gain", "pt", "",
     "Artigo 43.º Quem produzir material pornográfico envolvendo menor com fins lucrativos é punido com pena "
     "de prisão de um a cinco anos.",
     {"csam_production": "partial"}, {"csam_production": "full"}),
    ("pt_age_sixteen", "pt", "",
     "Artigo 44.º Quem fotografar ou filmar menor de 16 anos em cena de sexo explícito é punido com pena de "
     "prisão de um a cinco anos.",
     {"csam_production": "partial"}, {"csam_production": "partial"}),
    ("pt_grooming_ict_only", "pt", "",
     "Art. 45. Quem, por meio de tecnologia de informação e comunicação, aliciar criança ou adolescente com o "
     "fim de com ela praticar ato libidinoso será punido com reclusão de um a três anos.",
     {"grooming": "partial"}, {"grooming": "full"}),
    # ------------------------------------------------------------------ Portuguese, negatives
    ("pt_definition", "pt", "",
     "Art. 2.º Para efeitos da presente lei, considera-se material de abuso sexual de crianças qualquer "
     "representação de criança em atividades sexuais explícitas, e distribuição a sua divulgação por "
     "qualquer meio.",
     {}, {}),
    ("pt_penalty_only", "pt", "",
     "Parágrafo único. A pena é aumentada de metade se o material de abuso sexual infantil for distribuído "
     "pela internet.",
     {}, {}),
    ("pt_defence", "pt", "",
     "Não constitui crime a posse de material de abuso sexual infantil pelas autoridades no exercício de "
     "funções de investigação.",
     {}, {}),
    ("pt_repealed", "pt", "", "Art. 46. (Revogado pela Lei n.º 10/2020.) Divulgação de pornografia infantil.",
     {}, {}),
    ("pt_procuring_a_child_is_not_material", "pt", "",
     "Art. 47. Quem obtiver ou oferecer criança para fins de exploração sexual é punido com pena de prisão de "
     "dois a seis anos.",
     {}, {}),
    # ------------------------------------------------------------------ IT / NL / DE offence markers
    ("it_treaty_reati_penali", "it",
     "1. Ogni Parte adotta le misure legislative necessarie per qualificare come reati penali i seguenti "
     "comportamenti intenzionali:",
     "c. diffondere o trasmettere materiale pedopornografico;",
     {"csam_distribution": "full", "csam_transmission": "full"}, {}),
    ("it_perseguire_penalmente", "it",
     "1. Gli Stati membri adottano le misure necessarie affinché siano perseguite penalmente le seguenti "
     "condotte:",
     "b. la detenzione di pornografia minorile;",
     {"csam_possession": "full"}, {}),
    ("nl_strafrecht", "nl",
     "1. Iedere Staat waarborgt dat zijn strafrecht van toepassing is op de volgende gedragingen:",
     "c. het verspreiden of doorzenden van kinderpornografie;",
     {"csam_distribution": "full", "csam_transmission": "full"}, {}),
    ("de_unter_strafe", "de",
     "1. Jede Vertragspartei trifft die erforderlichen Maßnahmen, um folgende Handlungen unter Strafe zu "
     "stellen:",
     "c. das Verbreiten kinderpornografischer Inhalte;",
     {"csam_distribution": "full"}, {}),
    ("it_heading_is_not_an_offence", "it", "Articolo 20 - Reati relativi alla pornografia infantile",
     "3. Le Parti potranno riservarsi il diritto di non applicare il paragrafo 1 alla produzione di materiale "
     "pornografico costituito esclusivamente di immagini simulate.",
     {}, {}),
]


@pytest.fixture(scope="module")
def clf():
    return get_classifier("rules")


@pytest.fixture(scope="module")
def benches():
    return {b: load_benchmark(b) for b in ("default", "coe-2012")}


def _labels(clf, bench, lang, context, text):
    (labs,) = clf.label([ClassifyItem(text=text, context=context, lang=lang)], bench)
    return labs


@pytest.mark.parametrize("name,lang,context,text,expected,coe", CASES, ids=[c[0] for c in CASES])
def test_case(clf, benches, name, lang, context, text, expected, coe):
    labs = _labels(clf, benches["default"], lang, context, text)
    assert {lab.id: lab.coverage for lab in labs} == expected
    for lab in labs:
        assert lab.evidence is not None and text[lab.evidence.start:lab.evidence.end] == lab.evidence.text
        assert (lab.coverage == "partial") == bool(lab.because)
    coe_bench = benches["coe-2012"]
    want = {k: v for k, v in {**expected, **coe}.items() if k in coe_bench.conducts}
    got = {lab.id: lab.coverage for lab in _labels(clf, coe_bench, lang, context, text)}
    assert got == want


def test_every_conduct_has_an_es_and_a_pt_positive(benches):
    """The cases above reach every conduct of the default benchmark in both languages."""
    for lang in ("es", "pt"):
        reached = {cid for _, lg, _, _, exp, _ in CASES if lg == lang for cid in exp}
        assert set(benches["default"].conduct_ids) <= reached, (lang, set(benches["default"].conduct_ids) - reached)


def test_language_tag_does_not_matter(clf, benches):
    """Cues apply whatever the detected language: a Spanish provision tagged 'en' or 'xx' (a wrong
    language guess) gets the same labels."""
    _, _, context, text, expected, _ = next(c for c in CASES if c[0] == "es_distribution")
    for lang in ("en", "xx", "pt"):
        assert {lab.id: lab.coverage for lab in _labels(clf, benches["default"], lang, context, text)} == expected


def test_lexicon_version_and_header():
    bench = load_benchmark("default")
    major, minor, _ = (int(x) for x in bench.lexicon_version.split("."))
    assert (major, minor) >= (1, 2)
    src = Path(bench.path).parent.joinpath("_lexicon.yaml").read_text(encoding="utf-8")
    assert "es, pt" in src.split("kind: lexicon")[0]  # the header names the languages


# English provisions with words that are also ES/PT cue words, or begin like them ("grave", "public",
# "poses", "vendor", "registration", "no person"): the ES/PT cues must not add or remove a conduct.
FALSE_FRIENDS = [
    ("8. A person who possesses child sexual abuse material commits an offence where the possession poses a "
     "grave risk to the public.", {"csam_possession": "full"}),
    ("9. A person who distributes child sexual abuse material commits an offence, and the registration of a "
     "vendor is no excuse.", {"csam_distribution": "full"}),
    ("10. A person who facilitates the publication of a public notice on a grave matter commits an offence.", {}),
]


@pytest.mark.parametrize("text,expected", FALSE_FRIENDS)
def test_english_false_friends(clf, benches, text, expected):
    got = {lab.id: lab.coverage for lab in _labels(clf, benches["default"], "en", "", text)}
    assert got == expected

# Other drafting styles (present indicative, "Al que ... se le impondrá", "Incorre nas mesmas penas quem",
# Portuguese-Portugal "Quem utilizar menor em ..."), also written for these tests: labels under default.
# (lang, context, text, expected)
DRAFTING_VARIANTS = [
    ("es", "",
     "Artículo 5. El que produce, distribuye, exhibe u ofrece por cualquier medio representaciones de "
     "personas menores de dieciocho años dedicadas a actividades sexuales explícitas será reprimido con "
     "prisión de tres a seis años.",
     {"csam_production": "full", "csam_distribution": "full", "csam_making_available": "full", "csam_offering": "full"}),
    ("es", "",
     "Artículo 6. El que posee o almacena material pornográfico en cuya elaboración hayan sido utilizados "
     "menores de edad incurrirá en prisión de uno a tres años.",
     {"csam_possession": "full"}),
    ("es", "",
     "Artículo 7. Al que fije, imprima o grabe imágenes de personas menores de dieciocho años en "
     "actividades sexuales explícitas se le impondrá pena de siete a doce años de prisión.",
     {"csam_production": "full"}),
    ("es", "",
     "Artículo 8. Quien maliciosamente adquiera, descargue o trasmita material de abuso sexual infantil "
     "será sancionado con presidio menor.",
     {"csam_procuring": "full", "csam_transmission": "full", "csam_access": "partial"}),
    ("es", "",
     "Artículo 9. La persona que por medio de cualquier sistema informático contacte con un menor de "
     "catorce años para obtener imágenes de contenido sexual será castigada con prisión de seis meses a "
     "dos años.",
     {"grooming": "partial"}),
    ("es", "",
     "Artículo 10. El que realice actos sexuales con una persona menor de catorce años será castigado con "
     "prisión de ocho a doce años.",
     {}),
    ("es", "",
     "Artículo 11. Se entenderá por material de abuso sexual infantil toda representación visual de un "
     "menor en actividades sexuales explícitas.",
     {}),
    ("es", "",
     "Artículo 13. Quien tiene en su poder material de abuso sexual infantil será castigado con prisión de"
     " uno a tres años.",
     {"csam_possession": "full"}),
    ("es", "",
     "Artículo 14. Quien organice o realice espectáculos en vivo de carácter sexual en los que participen "
     "menores de edad será sancionado con prisión de seis a diez años.",
     # an in-person live show is the Lanzarote Art. 21 conduct, not live streaming (GUIDELINES §5
     # rule 2; the development gold reads "espectáculos en vivo" so): lexicon 1.6.0
     {}),
    ("pt", "",
     "Art. 50. Incorre nas mesmas penas quem agencia, facilita ou recruta a participação de criança ou "
     "adolescente em cena de sexo explícito ou pornográfica.",
     {"csam_production": "full"}),
    ("pt", "",
     "Art. 51. Quem possui ou armazena fotografia ou vídeo com cena de sexo explícito envolvendo criança é"
     " punido com reclusão de um a quatro anos.",
     {"csam_possession": "full"}),
    ("pt", "",
     "Artigo 52.º Quem utilizar menor em fotografia, filme ou gravação pornográficos é punido com pena de "
     "prisão de um a cinco anos.",
     {"csam_production": "full"}),
    ("pt", "",
     "Artigo 53.º Quem adquirir ou detiver materiais pornográficos envolvendo menores com o propósito de "
     "os divulgar é punido com pena de prisão até cinco anos.",
     {"csam_procuring": "full", "csam_possession": "partial"}),
    ("pt", "",
     "Art. 54. Considera-se pornografia infantil toda representação de criança em atividades sexuais "
     "explícitas.",
     {}),
    ("pt", "",
     "Art. 55. Quem acessa, de forma reiterada, material de abuso sexual infantil é punido com pena de "
     "prisão de seis meses a dois anos.",
     {"csam_access": "partial"}),
    ("pt", "",
     "Art. 56. Quem ameaça publicar fotografias íntimas de adolescente para dele obter dinheiro é punido "
     "com pena de prisão de dois a seis anos.",
     {"sexual_extortion": "full"}),
    ("pt", "",
     "Art. 57. Quem, por meio da internet, propõe um encontro a criança com o fim de com ela praticar ato "
     "sexual, seguido de atos materiais conducentes ao encontro, é punido com pena de prisão até três "
     "anos.",
     {"grooming": "partial"}),
    ("pt", "",
     "Art. 58. A pena é aumentada de um terço se o agente comete o crime no exercício de cargo público.",
     {}),
    ("pt", "",
     "Art. 59. Quem pratica ato libidinoso com menor de catorze anos é punido com reclusão de oito a "
     "quinze anos.",
     {}),
    # it / de
    ("it", "",
     "Articolo 7. Chiunque impiega minori in spettacoli pornografici trasmessi in diretta è punito con la "
     "reclusione da sei a dodici anni.",
     {"live_streaming": "full"}),
    ("it", "",
     "Articolo 8. Chiunque minaccia di diffondere immagini sessualmente esplicite di un minore per ottenerne "
     "altre è punito con la reclusione da due a sei anni.",
     {"sexual_extortion": "full"}),
    ("de", "",
     "§ 9. Mit Freiheitsstrafe von drei Monaten bis zu fünf Jahren wird bestraft, wer auf ein Kind mittels "
     "Inhalten einwirkt, um es zu sexuellen Handlungen zu bringen.",
     {"grooming": "full"}),
]


@pytest.mark.parametrize("lang,context,text,expected", DRAFTING_VARIANTS,
                         ids=[f"{v[0]}_{i}" for i, v in enumerate(DRAFTING_VARIANTS)])
def test_drafting_variants(clf, benches, lang, context, text, expected):
    got = {lab.id: lab.coverage for lab in _labels(clf, benches["default"], lang, context, text)}
    assert got == expected


def test_a_purpose_of_soliciting_is_not_an_act_of_its_own():
    from pipeline.benchmarks import load_benchmark
    from pipeline.classify import ClassifyItem, get_classifier

    text = ("El que contacta con un menor de catorce años para solicitar u obtener de él material pornográfico, "
            "o para proponerle llevar a cabo cualquier acto de connotación sexual, será reprimido con pena "
            "privativa de libertad.")
    (labs,) = get_classifier("rules").label([ClassifyItem(text=text, lang="es")], load_benchmark("default"))
    assert {lab.id for lab in labs} == {"grooming"}
