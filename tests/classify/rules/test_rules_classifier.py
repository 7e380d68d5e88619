"""Rule classifier and coverage judge on statutory-style sentences and on real provisions.

The synthetic sentences below were written for these tests (domain.md §4 style); they are
not quoted from any statute. Each gives the expected labels under ecpat-2022 and, where the
benchmarks disagree, under coe-2012.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.classify import ClassifyItem, get_classifier
from pipeline.classify.rules import RulesClassifier
from pipeline.classify.judge import judge, judge_item
from pipeline.records import CONDUCT_IDS

# (name, lang, context, text, expected under ecpat-2022, overrides under coe-2012)
CASES = [
    ("possession_with_intent", "en", "",
     "7. A person who keeps child sexual abuse material in his or her possession for the purpose of selling or "
     "distributing it commits an offence and is liable to imprisonment for five years.",
     {"csam_possession": "partial"}, {}),
    ("possession_plain", "en", "",
     "8. Any person who knowingly possesses child sexual abuse material commits an offence.",
     {"csam_possession": "full"}, {}),
    ("download_or_store", "en", "",
     "9. A person who knowingly downloads child sexual abuse material, or stores it on any device, commits an offence.",
     {"csam_procuring": "full", "csam_possession": "full", "csam_access": "partial"}, {}),
    ("access_full", "en", "",
     "10. Whoever intentionally gains access to child sexual abuse material through information and communication "
     "technologies, whether or not a copy is kept, shall be punished by imprisonment for up to two years.",
     {"csam_access": "full"}, {}),
    ("purpose_verbs_no_distribution", "en", "",
     "11. A person who photographs a child in sexually explicit conduct with intent to distribute the photographs "
     "commits an offence.",
     {"csam_production": "partial"}, {"csam_production": "full"}),
    ("definitions_give_nothing", "en", "",
     "2. In this Part, \"distribute\" includes to transmit, share, offer or make available child sexual abuse "
     "material by any means, and \"possess\" includes having control of material stored online.",
     {}, {}),
    ("quoted_definition_line", "en", "",
     "\u201cchild pornography\u201d means any visual depiction of a minor engaging in sexually explicit conduct, "
     "whether produced, distributed or possessed.",
     {}, {}),
    ("penalty_only", "en", "",
     "12. A person guilty of an offence under section 8 is liable on conviction to imprisonment for a term not "
     "exceeding ten years for the possession of child sexual abuse material.",
     {}, {}),
    ("defence", "en", "",
     "13. It is a defence to a charge of possessing child sexual abuse material under section 8 that the person "
     "deleted it as soon as practicable after receiving it.",
     {}, {}),
    ("repealed", "en", "", "14. [Repealed by Act No. 3 of 2020 (distribution of child pornography).]", {}, {}),
    ("jurisdiction_clause", "en", "",
     "15. This Part applies to any act of distributing child sexual abuse material committed outside the "
     "Republic by a citizen.",
     {}, {}),
    ("negated", "en", "",
     "16. A service provider who does not distribute child sexual abuse material and merely stores data for a "
     "customer is not liable for an offence under this section.",
     {}, {}),
    ("prohibition_is_not_negation", "en", "",
     "17. No person shall distribute or transmit child sexual abuse material, and a person who does so commits "
     "an offence.",
     {"csam_distribution": "full", "csam_transmission": "full"}, {}),
    ("using_child_is_production", "en", "",
     "18. Any person who uses, induces or coerces a minor to take part in sexually explicit conduct for the "
     "purpose of producing a visual depiction of that conduct commits an offence.",
     {"csam_production": "full"}, {}),
    ("procuring_a_child_is_not_material", "en", "",
     "19. A person who procures a child for prostitution commits an offence.", {}, {}),
    ("offer_make_available", "en", "",
     "20. Any person who offers or makes available child sexual abuse material by any means commits an offence.",
     {"csam_offering": "full", "csam_making_available": "full"}, {}),
    ("age_sixteen", "en", "",
     "21. A person who makes or distributes an indecent photograph of a person under the age of sixteen years "
     "commits an offence.",
     {"csam_production": "partial", "csam_distribution": "partial"},
     {"csam_production": "partial", "csam_distribution": "partial"}),
    ("computer_system_only", "en", "",
     "22. Whoever distributes child pornography through a computer system shall be punished with imprisonment.",
     {"csam_distribution": "partial"}, {"csam_distribution": "full"}),
    ("grooming_material_acts", "en", "",
     "23. An adult who, through information and communication technologies, proposes to meet a child for the "
     "purpose of engaging in sexual activity with the child, where the proposal is followed by material acts "
     "leading to a meeting, commits an offence.",
     {"grooming": "partial"}, {"grooming": "full"}),
    ("grooming_no_meeting", "en", "",
     "24. A person who, by means of electronic communication, solicits a child for sexual purposes commits an "
     "offence.",
     {"grooming": "partial"}, {"grooming": "full"}),  # ICT-only: a gap for ECPAT (online and offline)
    ("sextortion_specific", "en", "",
     "25. A person who threatens to share a sexual image of a child in order to compel the child to send further "
     "images commits an offence.",
     {"sexual_extortion": "full"}, {}),
    ("extortion_general", "en", "",
     "26. Whoever, by threatening to expose any matter concerning another person, obtains money or other property "
     "from that person commits the offence of extortion.",
     {"sexual_extortion": "partial"}, {}),
    ("live_streaming_as_transmission", "en", "",
     "27. A person who transmits child sexual abuse material, including by live streaming, commits an offence.",
     {"csam_transmission": "full", "live_streaming": "partial"}, {"csam_transmission": "full"}),
    ("grooming_befriending_offline", "en", "",
     "29. An adult who, in person or by any means, befriends a child with the intention of facilitating the sexual "
     "abuse of the child commits an offence.",
     {"grooming": "full"}, {}),
    ("live_streaming_viewer", "en", "",
     "30. A person who, by means of information and communication technology, knowingly attends or views a live "
     "transmission of the sexual abuse of a child commits an offence.",
     {"live_streaming": "full"}, {}),
    ("unlawful_chapeau_defined_acronym", "en",
     "Sec. 4. Prohibited Acts. – It shall be unlawful for any person to commit the following acts:",
     "(d) To knowingly possess any form of CSAEM;",
     {"csam_possession": "full"}, {}),
    ("advertisement_content_is_offered_not_done", "en", "",
     "31. A person who publishes or causes to be published any advertisement likely to be understood as conveying "
     "that the advertiser distributes or shows child sexual abuse material commits an offence.",
     {"csam_offering": "full"}, {}),
    ("advertisement_content_in_a_list_item", "en",
     "(1) Any person who knowingly makes or publishes any notice or advertisement seeking or offering\u2014",
     "(A) to receive, exchange, buy, produce or distribute child sexual abuse material, shall be punished.",
     {"csam_offering": "full"}, {}),  # the item completes the chapeau's advertising; its verbs are content
    ("aggravation_not_element", "en", "",
     "28. Any person who possesses child sexual abuse material commits an offence. The penalty is doubled where "
     "the material is possessed with intent to distribute it.",
     {"csam_possession": "full"}, {}),
    ("chapeau_context", "en", "(b) Any person who\u2014",
     "(3) knowingly receives or distributes any child pornography;",
     {"csam_procuring": "full", "csam_distribution": "full"}, {}),
    ("heading_only", "en", "", "Possession of child sexual abuse material", {}, {}),
    ("condition_refers_back", "en", "(4) Any person who knowingly sends any visual depiction, if\u2014",
     "(B) the producing of such visual depiction involves the use of a minor engaging in sexually explicit "
     "conduct; and", {}, {}),
    ("demonstrative_refers_back", "en", "",
     "(c) the person engages in that production or supply of child sexual abuse material with the intention "
     "that it be used by another person.", {}, {}),
    ("fr_detention", "fr", "",
     "Article 5. \u2014 Le fait de d\u00e9tenir du mat\u00e9riel p\u00e9dopornographique est puni de deux ans "
     "d'emprisonnement.",
     {"csam_possession": "full"}, {}),
    ("fr_diffusion_purpose", "fr", "",
     "Article 6. \u2014 Le fait, en vue de sa diffusion, d'enregistrer l'image d'un mineur lorsque cette image "
     "pr\u00e9sente un caract\u00e8re pornographique est puni de cinq ans d'emprisonnement.",
     {"csam_production": "partial"}, {"csam_production": "full"}),
    ("fr_consultation_habituelle", "fr", "",
     "Article 7. \u2014 Le fait de consulter habituellement des images p\u00e9dopornographiques est puni de deux "
     "ans d'emprisonnement.",
     {"csam_access": "partial"}, {}),
    ("fr_definition", "fr", "",
     "Article 1er. \u2014 Au sens de la pr\u00e9sente loi, on entend par diffusion de pornographie enfantine "
     "toute mise \u00e0 disposition par quelque moyen que ce soit.",
     {}, {}),
    ("fr_grooming", "fr", "",
     "Article 8. \u2014 Le fait pour un majeur de faire des propositions sexuelles \u00e0 un mineur en utilisant "
     "un moyen de communication \u00e9lectronique est puni de deux ans d'emprisonnement.",
     {"grooming": "partial"}, {"grooming": "full"}),
    ("fr_exposure_not_csam", "fr", "",
     "Article 9. \u2014 Le fait de diffuser un message \u00e0 caract\u00e8re violent susceptible d'\u00eatre vu "
     "par un mineur est puni de trois ans d'emprisonnement.",
     {}, {}),
    ("nl_bezit", "nl", "",
     "Artikel 3. Met gevangenisstraf wordt gestraft hij die kinderpornografie verspreidt of in bezit heeft.",
     {"csam_distribution": "full", "csam_possession": "full"}, {}),
]


@pytest.fixture(scope="module")
def clf():
    return get_classifier("rules")


@pytest.fixture(scope="module")
def benches():
    return {b: load_benchmark(b) for b in ("coe-2012", "ecpat-2022", "default")}


def _labels(clf, bench, lang, context, text):
    (labs,) = clf.label([ClassifyItem(text=text, context=context, lang=lang)], bench)
    return labs


@pytest.mark.parametrize("name,lang,context,text,expected,coe", CASES, ids=[c[0] for c in CASES])
def test_case(clf, benches, name, lang, context, text, expected, coe):
    labs = _labels(clf, benches["ecpat-2022"], lang, context, text)
    assert {lab.id: lab.coverage for lab in labs} == expected
    for lab in labs:
        assert 0 < lab.score <= 1
        assert lab.evidence is not None and text[lab.evidence.start:lab.evidence.end] == lab.evidence.text
        assert lab.evidence.text.strip()
        assert (lab.coverage == "partial") == bool(lab.because)
    coe_bench = benches["coe-2012"]
    want = {k: v for k, v in {**expected, **coe}.items() if k in coe_bench.conducts}
    got = {lab.id: lab.coverage for lab in _labels(clf, coe_bench, lang, context, text)}
    assert got == want


def test_precision_recall_on_cases(clf, benches, capsys):
    """Micro precision/recall of conduct presence and coverage agreement over CASES (printed)."""
    tp = fp = fn = agree = 0
    for _, lang, context, text, expected, _coe in CASES:
        got = {lab.id: lab.coverage for lab in _labels(clf, benches["ecpat-2022"], lang, context, text)}
        tp += len(set(got) & set(expected))
        fp += len(set(got) - set(expected))
        fn += len(set(expected) - set(got))
        agree += sum(1 for c in set(got) & set(expected) if got[c] == expected[c])
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    with capsys.disabled():
        print(f"\nrules on {len(CASES)} synthetic cases: P={precision:.3f} R={recall:.3f} "
              f"coverage agreement={agree / max(tp, 1):.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_same_sentence_full_under_one_benchmark_partial_under_another(benches):
    text = ("9.(1)(a) Producing child pornography for the purpose of its distribution through a computer system "
            "shall be a criminal offence.")
    coe = judge(text, "csam_production", benches["coe-2012"])
    ecpat = judge(text, "csam_production", benches["ecpat-2022"])
    assert coe.coverage == "full" and coe.because is None
    assert ecpat.coverage == "partial"
    assert "production only for distribution" in ecpat.because
    assert "only via a computer system" in ecpat.because


def test_judge_api_for_learned_classifiers(benches):
    text = "A person who has child sexual abuse material in his possession with intent to sell it commits an offence."
    j = judge(text, "csam_possession", benches["default"])
    assert (j.coverage, j.because) == ("partial", "intent to distribute")
    assert j.evidence is not None and text[j.evidence.start:j.evidence.end] == j.evidence.text
    assert "possession" in j.evidence.text
    # an explicit anchor (char span found by another model) works too
    start = text.index("has child")
    j2 = judge(text, "csam_possession", benches["default"], anchor=(start, start + 3))
    assert j2.coverage == "partial"
    # an aggravation is not an element
    agg = ("A person who possesses child sexual abuse material commits an offence. "
           "The penalty is increased where it is possessed with intent to distribute.")
    assert judge(agg, "csam_possession", benches["default"]).coverage == "full"
    item = ClassifyItem(text="(2) knowingly possesses any child pornography;", context="(a) Any person who\u2014")
    assert judge_item(item, "csam_possession", benches["coe-2012"]).coverage == "full"


def test_interface_and_registry(clf, benches):
    assert isinstance(get_classifier("default"), RulesClassifier)
    assert isinstance(clf, RulesClassifier)
    assert clf.fit([], []) is clf
    items = [ClassifyItem(text=CASES[1][3]), ClassifyItem(text="Nothing to see here.")]
    proba = clf.predict_proba(items)
    assert proba.shape == (2, len(CONDUCT_IDS))
    assert proba[0, CONDUCT_IDS.index("csam_possession")] > 0.5 and np.all(proba[1] == 0)
    ev = clf.explain(items[0], "csam_possession")
    assert ev is not None and "possesses" in ev.text
    assert clf.explain(items[1], "csam_possession") is None
    assert "lex" in clf.version  # lexicon changes invalidate cached outputs


# -- real provisions from corpora/ -------------------------------------------------------------
def _para(path, startswith):
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        if block.strip().startswith(startswith):
            return block.strip()
    raise AssertionError(f"{startswith!r} not in {path}")


def test_us_2252A_a5B_possession(clf, benches, corpora):
    path = corpora / "us" / "18-usc-2252A.txt"
    ctx = "\n".join([_para(path, "(a) Any person who"), _para(path, "(5) either")])
    text = _para(path, "(B) knowingly possesses")
    labs = {lab.id: lab for lab in clf.label([ClassifyItem(text=text, context=ctx, lang="en")],
                                             benches["coe-2012"])[0]}
    assert labs["csam_possession"].coverage == "full"
    assert labs["csam_access"].coverage == "full"
    assert "possesses" in labs["csam_possession"].evidence.text
    # the (4)(B) limb is possession only with intent to sell
    text4 = _para(path, "(B) knowingly sells or possesses with the intent to sell")
    ctx4 = "\n".join([_para(path, "(a) Any person who"), _para(path, "(4) either")])
    labs4 = {lab.id: lab for lab in clf.label([ClassifyItem(text=text4, context=ctx4, lang="en")],
                                              benches["coe-2012"])[0]}
    assert labs4["csam_possession"].coverage == "partial"
    assert labs4["csam_possession"].because == "intent to distribute"
    # penalty subsection (b)(1) names conducts only in a prior-conviction clause
    pen = _para(path, "(1) Whoever violates, or attempts or conspires to violate, paragraph (1)")
    assert clf.label([ClassifyItem(text=pen, lang="en")], benches["default"])[0] == []


def test_gb_cja_1988_s160(clf, benches, corpora):
    path = corpora / "gb" / "gb-criminal-justice-act-1988-s160.txt"
    offence = _para(path, "(1) Subject to section 160A")
    labs = clf.label([ClassifyItem(text=offence, context="160 Possession of indecent photograph of child",
                                   lang="en")], benches["default"])[0]
    assert [(lab.id, lab.coverage) for lab in labs] == [("csam_possession", "full")]
    defence = _para(path, "(2) Where a person is charged")
    branch = _para(path, "(a) that he had a legitimate reason")
    assert clf.label([ClassifyItem(text=branch, context=defence, lang="en")], benches["default"])[0] == []
    heading = ClassifyItem(text="160 Possession of indecent photograph of child", lang="en")
    assert clf.label([heading], benches["default"])[0] == []


def test_mr_article_19_possession_fr(clf, benches, corpora):
    (path,) = (corpora / "fr-africa-mr").glob("*.txt")
    text = _para(path, "Sera puni des mêmes peines prévues à l'article 17 ci-dessus, quiconque aura "
                       "intentionnellement, possédé")
    coe = clf.label([ClassifyItem(text=text, context="Article 19", lang="fr")], benches["coe-2012"])[0]
    ecpat = clf.label([ClassifyItem(text=text, context="Article 19", lang="fr")], benches["ecpat-2022"])[0]
    assert [(lab.id, lab.coverage) for lab in coe] == [("csam_possession", "full")]
    assert [(lab.id, lab.coverage, lab.because) for lab in ecpat] == [
        ("csam_possession", "partial", "only via a computer system")]


def test_fast_cue_matcher_equals_spacy_matcher(benches):
    """The compiled cue matcher must give exactly what the spaCy Matcher with greedy LONGEST gives."""
    from spacy.matcher import Matcher

    from pipeline.benchmarks import cue_patterns
    from pipeline.classify.lexicon import lexicon_matcher

    lines = [line for _, _, ctx, text, _, _ in CASES for line in (ctx + "\n" + text).split("\n") if line.strip()]
    lines.append("offers, offers or makes makes available available child child pornography pornography")
    for name, bench in benches.items():
        lm = lexicon_matcher(bench, "en")
        ref = Matcher(lm.nlp.vocab)
        for key, cues in lm._cues.items():
            ref.add(key, [p for c in cues for p in cue_patterns(c)], greedy="LONGEST")
        for line in lines:
            doc = lm.nlp.make_doc(line)
            expected = sorted((lm.nlp.vocab.strings[k], s, e) for k, s, e in ref(doc))
            assert sorted(lm._match([t.lower_ for t in doc], line)) == expected, (name, line)


def test_long_provision_is_not_quadratic(clf, benches):
    """A whole act on one line (thousands of cues) is analysed in about linear time."""
    import time

    s = ("A person who knowingly distributes, transmits, offers or makes available child sexual abuse material, "
         "or who possesses an indecent photograph of a child with intent to distribute it, commits an offence; ")
    t = time.process_time()
    labels = clf.label([ClassifyItem(text=s * 1500, context="Part 1 Offences")], benches["ecpat-2022"])[0]
    assert time.process_time() - t < 30  # ~1.5 s here; the quadratic version needed minutes
    assert {"csam_distribution", "csam_possession"} <= {lab.id for lab in labels}


def test_edited_lexicon_reaches_a_running_classifier(tmp_path):
    """Matchers are cached by the benchmark files' content, so a cue added to the lexicon counts."""
    import yaml

    from pipeline.benchmarks import BENCHMARK_DIR

    lex = yaml.safe_load((BENCHMARK_DIR / "_lexicon.yaml").read_text(encoding="utf-8"))
    (tmp_path / "_lexicon.yaml").write_text(yaml.safe_dump(lex, allow_unicode=True), encoding="utf-8")
    (tmp_path / "b.yaml").write_text((BENCHMARK_DIR / "ecpat-2022.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    item = ClassifyItem(text="A person who zorbles child sexual abuse material commits an offence.", lang="en")
    clf = RulesClassifier(str(tmp_path / "b.yaml"))
    assert "csam_distribution" not in {lab.id for lab in clf.label([item])[0]}
    lex["conducts"]["csam_distribution"]["cues"].append("zorble*")
    (tmp_path / "_lexicon.yaml").write_text(yaml.safe_dump(lex, allow_unicode=True) + "\n# edited\n", encoding="utf-8")
    clf = RulesClassifier(str(tmp_path / "b.yaml"))
    assert "csam_distribution" in {lab.id for lab in clf.label([item])[0]}
