"""pipeline/classify/tokens.py: the rules' tokenizer splits exactly as spaCy's blank tokenizer,
from shipped settings, and the default annotate path never imports spaCy."""
from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.classify.tokens import LANGS, Tokenizer, phrase_rules, tokenizer, tokenizer_lang
from pipeline.resources import MODELS_DIR

ROOT = Path(__file__).resolve().parents[2]
needs_spacy = pytest.mark.skipif(importlib.util.find_spec("spacy") is None,
                                 reason="spaCy is not installed: nothing to compare the tokenizer with")

# Statutory-style sentences written for this test: elisions, hyphens, dashes, abbreviations,
# numbering, quotes, URLs, odd whitespace, special cases that span affix splits.
SENTENCES = {
    "en": ["A person who—(a) knowingly distributes child sexual abuse material; or (b) doesn't report it, "
           "commits an offence (s. 12(1)(a), Cap. 4.01) at 10 a.m. (a.m.) e.g. 'the Minister's' "
           "order—see http://example.org/act?x=1 and info@example.org.",
           "  Section 3A.\u2014(1) In this Act\u2013\n\n\"child\" means a person under 18 years;\tU.S.A. "
           "can't won't, 5km, $100, 50%, 1st-degree, self-generated, (iii)\xa0the 'child's' image's ."],
    "fr": ["L'auteur d'une infraction—c.-à-d. celui qui produit (art. 227-23) des images d'enfants—est puni; "
           "aujourd'hui, peut-être, est-ce qu'il y a-t-il « pédopornographie » ?",
           "Art. L. 39-1. – Quiconque, sur le réseau Internet, diffuse l'image d'un mineur…\n"
           "   1° à titre onéreux ; 2° M. le Procureur (Cf. p. 12)."],
    "nl": ["Artikel 240b.—Met gevangenisstraf wordt gestraft hij die een afbeelding—of een gegevensdrager, "
           "bevattende een afbeelding—verspreidt, o.a. m.b.t. kinderen t.o.v. 's nachts, d.w.z. z.g. 't."],
    "de": ["§ 184b Abs. 1 Nr. 2 StGB: Wer kinderpornographische Inhalte verbreitet—z.B. über das Internet—, "
           "wird bestraft (vgl. u.a. Art. 3 Buchst. a)."],
    "it": ["Art. 600-ter c.p. — Chiunque, utilizzando minori di anni diciotto, realizza esibizioni "
           "pornografiche è punito; all'art. 1, dell'ordinamento, l'utilizzo."],
    "es": ["Artículo 189.1.a) — El que captare o utilizare a menores de edad (EE. UU., Ee. Uu.) con fines "
           "exhibicionistas o pornográficos, será castigado; art. 2º, núm. 3, Sr. D. Juan."],
    "pt": ["Art. 241-A. Oferecer, trocar, disponibilizar, transmitir—por qualquer meio—fotografia ou vídeo "
           "de criança, nº 2, al. b), Sr.ª Dr. José, dá-lo-á."],
    "el": ["Άρθρο 348Α.—Όποιος κατέχει υλικό πορνογραφίας ανηλίκων (Αγ. Γρ., Μ. Ασία) τιμωρείται, κ.λπ. π.χ."],
    "xx": ["Článek 192 — Kdo přechovává pornografické dílo, které zobrazuje dítě, bude potrestán; "
           "§ 2 odst. 1 písm. a) 1.1.2020 (čl. 3) :) ^_^"],
}


def _spacy_spans(lang: str, text: str) -> list[tuple[int, int]]:
    from pipeline.nlp import blank_tokenizer

    return [(t.idx, t.idx + len(t.text)) for t in blank_tokenizer(lang).make_doc(text)]


@needs_spacy
@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_splits_like_spacy(lang):
    tok = tokenizer(lang)
    for text in SENTENCES[lang] + [s for other in ("en", "fr") for s in SENTENCES[other]]:
        starts, ends = tok.spans(text)
        assert list(zip(starts, ends)) == _spacy_spans(lang, text), (lang, text)


@needs_spacy
def test_second_pass_rejoins_special_cases_like_spacy():
    """Special cases that the affix pass splits ("(a.m.)", "'s") are re-joined as spaCy does."""
    tok = tokenizer("en")
    assert tok.phrases  # the English settings have such cases
    for text in ["(a.m.)", "'s", "x 's (:) 'S .a.m. (e.g.)", ":-) :) (:-)"]:
        starts, ends = tok.spans(text)
        assert list(zip(starts, ends)) == _spacy_spans("en", text), text


@needs_spacy
@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(LANGS | {"xx"}))
def test_shipped_settings_are_those_of_the_installed_spacy(lang):
    """models/tokenizers/<lang>.json.gz == what scripts/tokenizer_data.py writes now."""
    from pipeline.nlp import tokenizer_settings

    with gzip.open(MODELS_DIR / "tokenizers" / f"{lang}.json.gz", "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)
    want = tokenizer_settings(lang)
    assert {k: v for k, v in shipped.items() if k != "phrases"} == json.loads(json.dumps(want)), \
        "spaCy changed: run scripts/tokenizer_data.py"
    assert shipped["phrases"] == phrase_rules(tokenizer(lang))


def test_whitespace_and_offsets_without_spacy():
    """What the rules rely on whatever spaCy does: offsets into the text, one space after a word
    belongs to it, other whitespace is a token, em dashes split, elisions stay whole in French."""
    en = tokenizer("en")
    text = " A  person\n who—knowingly "
    starts, ends = en.spans(text)
    assert [text[s:e] for s, e in zip(starts, ends)] == [" ", "A", " ", "person", "\n ", "who", "—", "knowingly"]
    text = "aujourd'hui l'enfant"
    starts, ends = tokenizer("fr").spans(text)
    assert [text[s:e] for s, e in zip(starts, ends)] == ["aujourd'hui", "l'", "enfant"]
    assert tokenizer_lang("fr-CA") == "fr" and tokenizer_lang("cs") == "xx" and tokenizer_lang(None) == "en"
    assert isinstance(en, Tokenizer) and tokenizer("en-GB") is en


def test_annotate_does_not_import_spacy(tmp_path):
    """The default annotate path (rules classifier, terminology, store) runs without spaCy."""
    statute = tmp_path / "act.txt"
    statute.write_text("1. A person who knowingly distributes child pornography commits an offence.\n",
                       encoding="utf-8")
    code = ("import sys\nfrom pipeline.cli import main\nrc = main(['annotate', sys.argv[1], '--out', sys.argv[2], '-q'])\n"
            "assert rc in (0, None), rc\n"
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'thinc'))))\n")
    out = subprocess.run([sys.executable, "-c", code, str(statute), str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "csam_distribution" in (tmp_path / "out" / "act.txt.jsonl").read_text(encoding="utf-8")
