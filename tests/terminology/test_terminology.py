"""Terminology engine: rule data, context decisions, offsets, spaCy component, corpus scores."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from pipeline import terminology as T
from pipeline.terminology import component as C, rules as R, scanner as scanning
from pipeline.records import Document

ROOT = Path(__file__).resolve().parents[2]
TERMS_DATA = ROOT / "tests" / "data" / "terms"


@pytest.fixture(scope="module")
def flagger() -> T.TermFlagger:
    return T.TermFlagger.load()


def mkdoc(text: str, lang: str = "en", page_starts: list[int] | None = None) -> Document:
    return Document(path="t.txt", name="t.txt", sha256="x", text=text, kind="text", lang=lang,
                    page_starts=page_starts or [], n_pages=len(page_starts or []))


def run(flagger, text, lang="en", **kw):
    return flagger.flag(mkdoc(text, lang), **kw)


# ------------------------------------------------------------------ rule data
def test_rule_file_is_versioned_and_complete():
    rs = R.load_ruleset()
    assert rs.id == "luxembourg-2016" and rs.version
    assert {"en", "fr"} <= set(rs.languages)
    for r in rs.rules:
        assert r.severity in R.SEVERITIES
        assert r.reason and r.replacement and r.guideline and r.patterns, r.id
    assert {r.severity for r in rs.rules} == set(R.SEVERITIES)


def test_bad_rule_file_fails_at_load(tmp_path):
    raw = copy.deepcopy(R.load_ruleset().raw)  # the loaded rule set is shared (cached per process)
    raw["rules"][0]["severity"] = "sometimes"
    with pytest.raises(ValueError, match="bad severity"):
        R.parse_ruleset(raw)


def test_pattern_variants_spacing_hyphenation_case():
    pat = R.compile_pattern("child~pornography")
    for s in ("child pornography", "child-pornography", "childpornography", "child\npornography", "CHILD PORNOGRAPHY"):
        assert pat.search(f"x {s} y"), s
    assert not pat.search("grandchild pornographyx")


# ------------------------------------------------------------------ flags and offsets
def test_flag_fields_offsets_and_page(flagger):
    text = "Preamble.\n\nA person who distributes child pornography commits an offence."
    doc = mkdoc(text, page_starts=[0, 11])
    flags, exempt = flagger.flag(doc)
    assert not exempt and len(flags) == 1
    f = flags[0]
    assert text[f.start:f.end] == f.text == "child pornography"
    assert f.page == 2 and f.lang == "en" and f.rule == "en.child_pornography"
    assert f.severity == "replace_unless_legal_term" and not f.legal_term_retained
    assert "child sexual abuse material" in f.replacement and f.reason


@pytest.mark.parametrize("text,lang,term,severity", [
    ("A person who accesses child porn commits an offence.", "en", "child porn", "must_replace"),
    ("A person who creates virtual child pornography is guilty.", "en", "virtual child pornography", "must_replace"),
    ("Shelters shall be provided for child prostitutes.", "en", "child prostitutes", "must_replace"),
    ("Whoever causes the prostitution of a minor shall be punished.", "en", "prostitution of a minor",
     "replace_unless_legal_term"),
    ("Est puni quiconque diffuse des images pédopornographiques.", "fr", "pédopornographiques",
     "replace_unless_legal_term"),
    ("La pédo-pornographie en ligne est signalée.", "fr", "pédo-pornographie", "replace_unless_legal_term"),
    ("Quiconque importe de la pornographie infantile est puni.", "fr", "pornographie infantile", "must_replace"),
    ("Le tourisme sexuel impliquant des enfants est poursuivi.", "fr", "tourisme sexuel impliquant des enfants",
     "must_replace"),
])
def test_positive_terms(flagger, text, lang, term, severity):
    flags, _ = run(flagger, text, lang)
    assert [(f.text, f.severity) for f in flags] == [(term, severity)]


@pytest.mark.parametrize("text,lang", [
    ("A person who displays pornography in a public place commits an offence.", "en"),
    ("Whoever lives on the earnings of prostitution of another adult shall be punished.", "en"),
    ("Child abuse includes physical injury, neglect and emotional harm.", "en"),
    ("A person who produces child sexual abuse material commits an offence.", "en"),
    ("Le fait de fabriquer un message à caractère pornographique est puni.", "fr"),
    ("Le proxénétisme est puni de sept ans d'emprisonnement.", "fr"),
])
def test_look_alikes_are_not_flagged(flagger, text, lang):
    assert run(flagger, text, lang) == ([], [])


def test_cp_is_code_penal_in_french_and_only_slang_in_english(flagger):
    for text in ("Les peines de l'article 227-23 CP s'appliquent aux images.", "Voir le C.P. et le CPP.",
                 "Le CP réprime la diffusion de pornographie enfantine."):
        flags, _ = run(flagger, text, "fr")
        assert all(f.text != "CP" for f in flags)
    assert run(flagger, "The Child Protection (CP) Unit shall receive referrals.")[0] == []
    flags, _ = run(flagger, "The accused admitted trading CP files online.")
    assert [f.text for f in flags] == ["CP"]


# ------------------------------------------------------------------ context exemptions
@pytest.mark.parametrize("text,lang,reason_part", [
    ("Having regard to the Optional Protocol to the Convention on the Rights of the Child on the sale of "
     "children, child prostitution and child pornography, Parliament enacts:", "en", "official title"),
    ("This Act transposes Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of "
     "children and child pornography.", "en", "official title"),
    ("Vu le Protocole facultatif concernant la vente d'enfants, la prostitution des enfants et la "
     "pornographie mettant en scène des enfants.", "fr", "official title"),
    ("The term \"child pornography\" should be avoided.", "en", "meta-linguistic"),
    ("References in any enactment to child prostitution shall be construed as references to sexual "
     "exploitation of children.", "en", "meta-linguistic"),
    ("The witness said the defendant called it \u201ckiddie porn\u201d.", "en", "quotation"),
    ("The offender shall be assessed for pedophilic disorder by a psychiatrist.", "en", "clinical"),
    ("Le traitement thérapeutique de la pédophilie est pris en charge.", "fr", "clinical"),
    ("Sexual activity with a person below the age of consent is an offence.", "en", "age of consent"),
    ("L'atteinte sexuelle sur un mineur n'ayant pas atteint la majorité sexuelle est punie.", "fr",
     "majorité sexuelle"),
    ("It is an offence to take any indecent photograph of a child.", "en", "UK statutes"),
])
def test_exempt_uses_are_reported_with_reason(flagger, text, lang, reason_part):
    flags, exempt = run(flagger, text, lang)
    assert flags == []
    assert exempt and all(reason_part in e.exempt_reason for e in exempt)
    assert all(text[e.start:e.end] == e.text for e in exempt)


def test_budapest_heading_exempt_only_as_article_heading(flagger):
    treaty = "Article 9\n\nOffences related to child pornography\n\n1. Each Party shall criminalise it."
    flags, exempt = run(flagger, treaty)
    assert flags == [] and "Budapest" in exempt[0].exempt_reason
    national = "Section 2: Des infractions se rapportant à la pornographie enfantine\n\nArticle 17\n\nQuiconque..."
    flags, exempt = run(flagger, national, "fr")
    assert [f.text for f in flags] == ["pornographie enfantine"] and exempt == []


def test_defined_term_is_retained_and_propagates_to_other_uses(flagger):
    text = ("(1) A person who possesses child pornography commits an offence.\n\n"
            "(2) In this section, \"child pornography\" means any representation of a child engaged in "
            "explicit sexual activity.")
    flags, exempt = run(flagger, text)
    assert len(flags) == 2 and exempt == []
    assert all(f.legal_term_retained and f.severity == "replace_unless_legal_term" for f in flags)
    # without the definition the same use is the drafter's wording, not a retained legal term
    flags, _ = run(flagger, text.split("\n\n")[0])
    assert not flags[0].legal_term_retained


def test_defined_term_upgrades_must_replace_rule_to_legal_term(flagger):
    flags, _ = run(flagger, "La pornographie infantile désigne toute représentation d'un mineur.", "fr")
    assert flags[0].legal_term_retained and flags[0].severity == "replace_unless_legal_term"


def test_use_with_care_only_in_described_context(flagger):
    flags, exempt = run(flagger, "This section does not apply to sexting between two persons of similar age.")
    assert flags == [] and exempt
    flags, _ = run(flagger, "An adult who engages in sexting with a child commits an offence.")
    assert [f.severity for f in flags] == ["use_with_care"]
    flags, exempt = run(flagger, "The consent of the child to the exploitation shall be irrelevant.")
    assert flags == [] and "protective" in exempt[0].exempt_reason


def test_language_selection(flagger):
    text = "A person who produces child pornography commits an offence."
    assert run(flagger, text, "fr") == ([], [])  # French rules on English text: nothing
    assert len(flagger.flag(mkdoc(text, "fr"), lang="en")[0]) == 1  # explicit --lang wins
    assert flagger.flag(mkdoc(text, "el")) == ([], [])  # uncovered language: no guessing


def test_long_documents_are_chunked_without_losing_offsets(flagger, monkeypatch):
    monkeypatch.setattr(T, "CHUNK_CHARS", 300)
    para = "A person who possesses child pornography commits an offence.\n\n"
    text = "filler text line.\n\n" * 40 + para * 10
    flags, _ = flagger.flag(mkdoc(text))
    assert len(flags) == 10
    assert all(text[f.start:f.end] == "child pornography" for f in flags)


# ------------------------------------------------------------------ spaCy component
def test_spacy_component_spans_serialisation_and_scorer(tmp_path):
    nlp = T.build_nlp("en")
    assert "lexbench_terms" in nlp.pipe_names
    text = "A person who offers child pornography or child porn commits an offence."
    doc = nlp(text)
    got = [(s.text, s.label_) for s in doc.spans[C.SPANS_KEY]]
    assert got == [("child pornography", "replace_unless_legal_term"), ("child porn", "must_replace")]
    assert doc.spans[C.SPANS_KEY][0]._.lexbench_term["reason"]
    nlp.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    doc2 = nlp2(text)
    assert [(s.text, s.label_) for s in doc2.spans[C.SPANS_KEY]] == got
    nlp3 = T.build_nlp("en")
    nlp3.get_pipe("lexbench_terms").from_bytes(nlp.get_pipe("lexbench_terms").to_bytes())
    doc3 = nlp3(text)
    assert [(s.text, s.label_) for s in doc3.spans[C.SPANS_KEY]] == got
    ref = nlp.make_doc(text)
    ref.spans[C.SPANS_KEY] = [ref.char_span(20, 37, label="replace_unless_legal_term")]
    scores = nlp.evaluate([Example(nlp.make_doc(text), ref)])
    assert scores["lexbench_terms_r"] == 1.0 and scores["lexbench_terms_p"] == 0.5


# ------------------------------------------------------------------ labelled corpus
def test_corpus_is_large_enough_and_well_formed():
    from evaluation.terms import locate, read_corpus

    rows = read_corpus(sorted(TERMS_DATA.glob("*.jsonl")))
    assert len(rows) >= 150
    by_lang = {lang: [r for r in rows if r["lang"] == lang] for lang in ("en", "fr")}
    for lang, rs in by_lang.items():
        kinds = {r["kind"] for r in rs}
        assert kinds == {"positive", "exempt", "lookalike"}, lang
        assert any(r["split"] == "heldout" for r in rs)
    for r in rows:
        locate(r["text"], [g["text"] for g in r["flags"]] + r["exempt"])  # raises if a gold span is missing


def test_corpus_precision_recall_per_language(flagger):
    from evaluation.terms import TARGET_P, TARGET_R, evaluate

    scores = evaluate(["dev", "heldout", "challenge"], flagger=flagger)
    assert set(scores) == {"en", "fr"}
    for lang, s in scores.items():
        assert s.precision >= TARGET_P and s.recall >= TARGET_R, (lang, s.as_dict(), s.errors[:5])


def test_evaluate_main_reports_both_splits(capsys):
    from evaluation.terms import main

    assert main(["--json", "--check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"dev", "heldout"} <= set(out["scores"]) and out["rules"].startswith("luxembourg-2016@")


# ------------------------------------------------------------------ CLI and real statutes
def test_terms_cli_prints_flags_with_context(cli, capsys, corpora):
    path = corpora / "coe" / "coe-ets185-budapest-art9-en.txt"
    assert cli("terms", path, "--exempt") == 0
    out = capsys.readouterr().out
    assert "[[child pornography]]" in out and "legal_term_retained" in out and "official title" in out
    assert cli("terms", "/nonexistent/file.txt") == 2


def test_every_flag_on_real_statutes_is_explained(flagger, corpora):
    from pipeline.extract import extract

    paths = ["ca/ca-mandatory-reporting-act-I-20.7-en-2025-07-old-terminology.txt",
             "ca/ca-mandatory-reporting-act-I-20.7-en-2025-10.txt",
             "un/un-opsc-2000-arts1-3-en.txt",
             "ca/ca-loi-declaration-obligatoire-I-20.7-fr-2025-07-ancienne-terminologie.txt"]
    counts = {}
    for rel in paths:
        doc = extract(corpora / rel)
        flags, exempt = flagger.flag(doc)
        for f in flags + exempt:
            assert f.reason and f.replacement and doc.text[f.start:f.end] == f.text
        assert all(e.exempt_reason for e in exempt)
        counts[rel] = (len(flags), len(exempt))
    old, new = counts[paths[0]], counts[paths[1]]
    assert old[0] > 5 and new[0] == 0  # the 2025 amendment removed the outdated term
    assert counts[paths[2]][1] >= 2  # OPSC's own title is exempt
    assert counts[paths[3]][0] > 5


def test_glossary_entries_with_colon_are_definitions(flagger):
    flags, _ = run(flagger, "Definitions\n(c) child pornography: any representation of a child.\n"
                            "(d) A person who offers child pornography commits an offence.")
    assert len(flags) == 2 and all(f.legal_term_retained for f in flags)
    flags, _ = run(flagger, "(b) a person who possesses child pornography or child porn: x")
    assert flags and not any(f.legal_term_retained for f in flags)


def test_lower_confidence_languages_are_marked(flagger):
    flags, _ = run(flagger, "Met gevangenisstraf wordt gestraft hij die kinderpornografie verspreidt.", "nl")
    assert [f.text for f in flags] == ["kinderpornografie"] and "lower confidence" in flags[0].reason
    flags, exempt = run(flagger, 'c) "pornografia minorile" o "materiale pedopornografico": il materiale', "it")
    assert len(flags) == 2 and all(f.legal_term_retained for f in flags) and exempt == []
    en_flags, _ = run(flagger, "A person who possesses child pornography commits an offence.")
    assert "lower confidence" not in en_flags[0].reason


def test_sentence_window_after_several_sentence_ends():
    """Two sentence ends before a term: the window is the term's own sentence (a moved start
    once shifted every later boundary, took in the previous sentence or ran past the text)."""
    from pipeline.terminology.scanner import sentence_window

    def window(text, term):
        s = text.index(term)
        ws, we = sentence_window(text, s, s + len(term))
        return text[ws:we].strip()

    text = "Definitions apply here. Terms are explicit here. A person who distributes child pornography commits an offence."
    assert window(text, "child pornography") == "A person who distributes child pornography commits an offence."
    text = ("Artículo 2. Se entiende por material las representaciones explícitas.\n"
            "Artículo 3. Quien difunda pornografía infantil será castigado.")
    assert window(text, "pornografía infantil") == "Artículo 3. Quien difunda pornografía infantil será castigado."


def test_fast_scan_spans_equal_finditer_spans():
    """The left-unbounded twin scan returns exactly what ``finditer`` returns, including
    matches that start inside a rejected one ('xchild porn child porn')."""
    rs = R.load_ruleset()
    text = ("xchild porn child porn _child-porn child\u00adporn 1CP CP. kiddy porn; KIDDIE-PORNOGRAPHY "
            "pédopornographie enfants prostitués xsale of children, child prostitution and child pornography "
            "the Sale of Children, Child Prostitution and Child Pornography Protection Child Pornography Act 1996 " * 3)
    pats = [p for r in rs.rules for p in r.patterns] + [p for r in rs.rules for p, _ in r.exempt_phrases]
    pats += [t.pattern for t in rs.titles]  # titles are scanned the same way
    found = 0
    for p in pats:
        want = [m.span() for m in p.finditer(text)]
        assert scanning._spans(p, text) == want, p.pattern
        found += len(want)
    assert found >= 10


def test_rules_compile_per_language_on_first_use():
    """A statute has one language: scanning English text never compiles the French rules."""
    raw = copy.deepcopy(R.load_ruleset().raw)
    next(r for r in raw["rules"] if r["lang"] == "fr")["patterns"] = ["(unbalanced"]
    rs = R.parse_ruleset(raw)  # validates keys, compiles nothing
    hits = scanning.scan("1. A person who makes child pornography commits an offence.", "en", rs)
    assert [h.text for h in hits] == ["child pornography"]
    with pytest.raises(re.error):
        rs.rules_for("fr")
