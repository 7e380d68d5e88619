"""What must hold on statutes the rules were not written against: line breaks, newest terms."""
from __future__ import annotations

from pipeline.benchmarks import load_benchmark
from pipeline.classify import get_classifier
from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.unwrap import source_offsets, unwrap, unwrap_with_offsets
from evaluation.blind import fold72

# statutory-style sentences written for these tests
OFFENCE = ("A person who knowingly makes available, distributes or possesses child sexual abuse material "
           "by any means commits an offence and is liable on conviction to imprisonment for ten years.")


def test_wraps_inside_sentences_become_one_space_and_offsets_map_back():
    text = "A person who possesses child sexual abuse \n  material commits an offence under section\n12 of this Act."
    out, src = unwrap_with_offsets(text)
    assert out == "A person who possesses child sexual abuse material commits an offence under section 12 of this Act."
    for word in ("material", "section 12", "possesses child sexual abuse material"):
        i = out.index(word)
        s, e = source_offsets(i, i + len(word), src)
        assert " ".join(text[s:e].split()) == word


def test_structure_breaks_are_kept():
    text = ("Offences relating to material\nA person who—\n(a) makes an image; or\n(b) distributes it;\n"
            "commits an offence.\n12. Penalties\nSection 13 applies.")
    assert unwrap(text) == text


def test_labels_do_not_depend_on_where_lines_break():
    bench = load_benchmark("default")
    rules = get_classifier("rules")
    flat = rules.label([ClassifyItem(text=OFFENCE, lang="en")], bench)[0]
    folded_text = fold72(OFFENCE.replace("child sexual abuse material", "child sexual abuse\nmaterial"))
    folded = rules.label([ClassifyItem(text=folded_text, lang="en")], bench)[0]
    assert {(l.id, l.coverage) for l in flat} == {(l.id, l.coverage) for l in folded}
    assert {"csam_making_available", "csam_distribution", "csam_possession"} <= {l.id for l in folded}
    for lab in folded:  # evidence is the source's own span, line breaks included
        assert folded_text[lab.evidence.start:lab.evidence.end] == lab.evidence.text


def test_the_newest_official_terms_name_the_material():
    """Lexicon 1.4.0: French 'abus pédosexuels', German 'Kindesmissbrauchsmaterial' (sentences written for this test)."""
    bench = load_benchmark("default")
    rules = get_classifier("rules")
    cases = [("Est puni le fait de diffuser du matériel d'abus et d'exploitation pédosexuels.", "fr",
              "csam_distribution"),
             ("Wer Kindesmissbrauchsmaterial verbreitet, wird bestraft.", "de", "csam_distribution"),
             ("Wer bildliches sexualbezogenes Kindesmissbrauchsmaterial herstellt, wird bestraft.", "de",
              "csam_production")]
    for text, lang, conduct in cases:
        assert conduct in {l.id for l in rules.label([ClassifyItem(text=text, lang=lang)], bench)[0]}, text


def test_a_child_defined_below_18_in_the_definitions_makes_the_offence_partial():
    from pipeline.classify.definitions import defined_child_age

    assert defined_child_age('"child" means a person under the age of sixteen years;') == 16
    assert defined_child_age("« enfant » désigne toute personne âgée de moins de 15 ans") == 15
    assert defined_child_age("In this Act, child means a person under the age of 18 years.") is None
    bench = load_benchmark("default")
    rules = get_classifier("rules")
    text = "A person who possesses an indecent photograph of a child commits an offence."
    narrowed = rules.label([ClassifyItem(text=text, lang="en",
                                         glossary='"child" means a person under the age of sixteen years;')], bench)[0]
    plain = rules.label([ClassifyItem(text=text, lang="en")], bench)[0]
    assert [(l.id, l.coverage, l.because) for l in narrowed] == [("csam_possession", "partial", "victim under 16")]
    assert [(l.id, l.coverage) for l in plain] == [("csam_possession", "full")]


def test_a_concession_lifts_the_condition_it_names():
    """'whether or not a meeting takes place' removes the meeting condition; a real meeting keeps it."""
    bench = load_benchmark("default")
    rules = get_classifier("rules")
    lifted = [("A person who communicates with a child for the purpose of engaging in sexual activity with the "
               "child commits an offence, whether or not a meeting takes place.", "en"),
              ("Est puni le fait pour un majeur de faire des propositions sexuelles à un mineur, sans qu'il soit "
               "nécessaire qu'une rencontre ait lieu.", "fr")]
    for text, lang in lifted:
        assert [(l.id, l.coverage) for l in rules.label([ClassifyItem(text=text, lang=lang)], bench)[0]] == \
            [("grooming", "full")], text
    kept = "A person who communicates with a child for a sexual purpose and meets the child commits an offence."
    assert [l.coverage for l in rules.label([ClassifyItem(text=kept, lang="en")], bench)[0]] == ["partial"]


def test_a_verb_the_definitions_widen_adds_the_acts_it_includes():
    bench = load_benchmark("default")
    rules = get_classifier("rules")
    text = "A person who publishes an indecent photograph of a child commits an offence."
    gloss = '"publish" includes distribute, transmit and offer;'
    widened = {l.id for l in rules.label([ClassifyItem(text=text, lang="en", glossary=gloss)], bench)[0]}
    plain = {l.id for l in rules.label([ClassifyItem(text=text, lang="en")], bench)[0]}
    assert {"csam_distribution", "csam_transmission", "csam_offering"} <= widened
    assert not {"csam_distribution", "csam_transmission"} & plain
    unrelated = '"premises" includes any land or building;'
    assert {l.id for l in rules.label([ClassifyItem(text=text, lang="en", glossary=unrelated)], bench)[0]} == plain
