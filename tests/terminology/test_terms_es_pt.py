"""Spanish and Portuguese terminology rules (lower confidence) of models/terminology/luxembourg-2016.yaml.

Sentences written for these tests in statutory or explanatory style; none is quoted from a statute.
Checked through the public flagger API (``TermFlagger.flag``), as pipeline/annotate.py uses it.
"""
from __future__ import annotations

import pytest

from pipeline import terminology as T
from pipeline.terminology import rules as R
from pipeline.records import Document


@pytest.fixture(scope="module")
def flagger() -> T.TermFlagger:
    return T.TermFlagger.load()


def run(flagger, text, lang):
    doc = Document(path="t.txt", name="t.txt", sha256="x", text=text, kind="text", lang=lang,
                   page_starts=[], n_pages=0)
    return flagger.flag(doc)


def test_es_pt_are_declared_lower_confidence_languages():
    rs = R.load_ruleset()
    assert {"es", "pt"} <= set(rs.languages)
    major, minor, _ = (int(x) for x in rs.version.split("."))
    assert (major, minor) >= (1, 2)
    for lang in ("es", "pt"):
        rules = rs.rules_for(lang)
        assert len(rules) >= 8, lang
        for r in rules:
            assert r.confidence == "low" and r.reason and r.replacement and r.guideline, r.id
            assert R.LOW_CONFIDENCE_NOTE.strip() in r.reason


@pytest.mark.parametrize("text,lang,term,rule,severity,replacement_part", [
    ("Quien distribuya pornografía infantil será castigado con prisión de uno a cinco años.", "es",
     "pornografía infantil", "es.pornografia_infantil", "replace_unless_legal_term", "material de abuso sexual"),
    ("El que produzca material pornográfico infantil será sancionado.", "es", "material pornográfico infantil",
     "es.pornografia_infantil", "replace_unless_legal_term", "material de abuso sexual"),
    ("Se agrava la pena cuando el material pedopornográfico se difunda por internet.", "es", "pedopornográfico",
     "es.pornografia_infantil", "replace_unless_legal_term", "material de abuso sexual"),
    ("El que genere pornografía infantil virtual será castigado.", "es", "pornografía infantil virtual",
     "es.pornografia_infantil_virtual", "must_replace", "generado"),
    ("El que promueva la prostitución infantil será castigado con prisión.", "es", "prostitución infantil",
     "es.prostitucion_infantil", "replace_unless_legal_term", "explotación sexual de niños"),
    ("El que facilite la prostitución de menores de edad será castigado.", "es", "prostitución de menores de edad",
     "es.prostitucion_infantil", "replace_unless_legal_term", "explotación sexual"),
    ("Los albergues atenderán a las niñas prostituidas.", "es", "niñas prostituidas", "es.nino_prostituido",
     "must_replace", "víctima de explotación sexual"),
    ("Las autoridades combatirán el turismo sexual infantil.", "es", "turismo sexual infantil",
     "es.turismo_sexual", "must_replace", "viajes y turismo"),
    ("Quem divulgar pornografia infantil é punido com pena de prisão de um a cinco anos.", "pt",
     "pornografia infantil", "pt.pornografia_infantil", "replace_unless_legal_term",
     "material de abuso sexual de crianças"),
    ("O material pedopornográfico apreendido será destruído.", "pt", "pedopornográfico",
     "pt.pornografia_infantil", "replace_unless_legal_term", "material de abuso sexual"),
    ("Quem explorar a prostituição infantil é punido com pena de prisão.", "pt", "prostituição infantil",
     "pt.prostituicao_infantil", "replace_unless_legal_term", "exploração sexual de crianças"),
    ("Os serviços sociais acolhem as crianças prostituídas.", "pt", "crianças prostituídas",
     "pt.crianca_prostituida", "must_replace", "vítima de exploração sexual"),
    ("O Estado combate o turismo sexual envolvendo crianças.", "pt", "turismo sexual envolvendo crianças",
     "pt.turismo_sexual", "must_replace", "viagens e turismo"),
])
def test_positive_terms(flagger, text, lang, term, rule, severity, replacement_part):
    flags, _ = run(flagger, text, lang)
    assert [(f.text, f.rule, f.severity) for f in flags] == [(term, rule, severity)]
    f = flags[0]
    assert text[f.start:f.end] == f.text and f.lang == lang
    assert any(replacement_part in r for r in f.replacement)
    assert "lower confidence" in f.reason


@pytest.mark.parametrize("text,lang", [
    # the recommended terms themselves, and look-alikes
    ("Quien distribuya material de abuso sexual infantil será castigado con prisión.", "es"),
    ("El que exhiba material pornográfico entre adultos en lugar público será sancionado.", "es"),
    ("La prostitución de personas adultas no constituye delito.", "es"),
    ("Quem distribuir material de abuso sexual de crianças é punido com pena de prisão.", "pt"),
    ("A pornografia entre adultos não é punível.", "pt"),
    ("A exploração sexual de crianças e adolescentes é crime.", "pt"),
])
def test_look_alikes_are_not_flagged(flagger, text, lang):
    assert run(flagger, text, lang) == ([], [])


@pytest.mark.parametrize("text,lang,reason_part", [
    ("Visto el Protocolo facultativo de la Convención sobre los Derechos del Niño relativo a la venta de "
     "niños, la prostitución infantil y la utilización de niños en la pornografía, se dicta la presente ley.",
     "es", "official title"),
    ("Esta ley incorpora la Directiva 2011/93/UE relativa a la lucha contra los abusos sexuales y la "
     "explotación sexual de los menores y la pornografía infantil.", "es", "official title"),
    ("Tendo em conta o Protocolo Facultativo à Convenção sobre os Direitos da Criança relativo à venda de "
     "crianças, prostituição infantil e pornografia infantil, é aprovada a presente lei.", "pt",
     "official title"),
    ("A presente lei transpõe a Diretiva 2011/93/UE relativa à luta contra o abuso sexual e a exploração "
     "sexual de crianças e a pornografia infantil.", "pt", "official title"),
    ("El término «pornografía infantil» debe evitarse en los documentos oficiales.", "es", "meta-linguistic"),
    ("A expressão «pornografia infantil» é substituída por «material de abuso sexual de crianças».", "pt",
     "meta-linguistic"),
    ("El tratamiento psiquiátrico de la pedofilia será cubierto por el servicio de salud.", "es", "clinical"),
    ("O tratamento clínico da pedofilia é assegurado pelo serviço de saúde.", "pt", "clinical"),
    ("Es delito el acto sexual con persona menor de la edad de consentimiento sexual.", "es",
     "edad de consentimiento"),
    ("É crime o ato sexual com pessoa abaixo da idade de consentimento.", "pt", "idade de consentimento"),
])
def test_exempt_uses_are_reported_with_reason(flagger, text, lang, reason_part):
    flags, exempt = run(flagger, text, lang)
    assert flags == []
    assert exempt and all(reason_part in e.exempt_reason for e in exempt)
    assert all(text[e.start:e.end] == e.text for e in exempt)


def test_budapest_heading_es_exempt_only_as_article_heading(flagger):
    heading = "Artículo 9 Delitos relacionados con la pornografía infantil\n\n1. Cada Parte adoptará las medidas."
    flags, exempt = run(flagger, heading, "es")
    assert flags == [] and "Budapest" in exempt[0].exempt_reason
    national = "Capítulo V\n\nDelitos relacionados con la pornografía infantil\n\nArtículo 17. Quien..."
    flags, _ = run(flagger, national, "es")
    assert [f.text for f in flags] == ["pornografía infantil"]


def test_definition_in_statute_is_legal_term_retained(flagger):
    text = ("Artículo 2. A los efectos de esta ley, pornografía infantil significa toda representación de un "
            "menor de edad dedicado a actividades sexuales explícitas.\n\nArtículo 3. Quien difunda pornografía "
            "infantil será castigado con prisión de uno a cinco años.")
    flags, _ = run(flagger, text, "es")
    assert len(flags) == 2 and all(f.legal_term_retained for f in flags)
    assert all(f.severity == "replace_unless_legal_term" for f in flags)


def test_consent_protective_clause_is_exempt_and_consent_framing_is_flagged(flagger):
    flags, exempt = run(flagger, "El consentimiento del menor es irrelevante a efectos de este artículo.", "es")
    assert flags == [] and exempt and "protectora" in exempt[0].exempt_reason
    flags, _ = run(flagger, "La pena se reduce si consta el consentimiento de la víctima menor.", "es")
    assert [f.rule for f in flags] == ["es.consentimiento"]
    flags, exempt = run(flagger, "O consentimento da criança é irrelevante para efeitos deste artigo.", "pt")
    assert flags == [] and exempt


def test_sexting_only_between_adult_and_child(flagger):
    flags, exempt = run(flagger, "El programa escolar explica los riesgos del sexting entre adolescentes.", "es")
    assert flags == [] and exempt
    flags, _ = run(flagger, "El adulto que practique sexting con un menor será castigado.", "es")
    assert [f.rule for f in flags] == ["es.sexting"]


def test_rules_are_selected_by_language(flagger):
    text = "Quien distribuya pornografía infantil será castigado."
    assert run(flagger, text, "en") == ([], [])  # English rules on Spanish text: nothing
    assert run(flagger, text, "fr") == ([], [])
    # Portuguese spelling without accent is read by the Portuguese rules only
    flags, _ = run(flagger, "Quem divulgar pornografia infantil é punido.", "pt")
    assert [f.rule for f in flags] == ["pt.pornografia_infantil"]
    flags, _ = run(flagger, "Quem divulgar pornografia infantil é punido.", "it")
    assert flags == []  # Italian "pornografia infantile" is a different word
