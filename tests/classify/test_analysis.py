"""Analysis: one provision read once, asked through its query API."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.benchmarks import load_benchmark
from pipeline.classify.analysis import Analysis
from pipeline.classify.judge import judge

RULES = Path(__file__).resolve().parents[2] / "pipeline" / "classify" / "rules"


def test_queries_answer_for_tokens_of_the_provision():
    bench = load_benchmark("default")
    an = Analysis("Any person who Distributes child sexual abuse material, commits an offence.", bench,
                  context="Part 2 Offences", lang="en")
    first = an.in_text.index(True)
    assert an.texts[first] == "Any" and an.lower(first) == "any"
    comma = an.texts.index(",")
    assert an.is_punct(comma) and not an.is_punct(first) and not an.is_space(first)
    assert an.conduct_objects["csam_distribution"] == "material"
    # "Distributes" in the provision's own text (offsets relative to it, not to context + text)
    start = an.text.index("Distributes")
    s, e = an.token_span(start, start + len("Distributes"))
    assert e - s == 1 and an.texts[s] == "Distributes"
    assert an.text_evidence(s, e).text == "Distributes"
    assert an.token_span(0, 0) is None


def test_judge_anchors_on_the_span_it_is_given():
    bench = load_benchmark("coe-2012")
    text = "A person who possesses child sexual abuse material with intent to distribute it commits an offence."
    j = judge(text, "csam_possession", bench, lang="en", anchor=(13, 22))
    assert (j.evidence.text, j.coverage, j.because) == ("possesses", "partial", "intent to distribute")
    plain = judge("A person who possesses child sexual abuse material commits an offence.", "csam_possession",
                  bench, lang="en")  # no anchor: the first act cue in the text
    assert (plain.evidence.text, plain.coverage, plain.because) == ("possesses", "full", None)


def test_hit_finding_asks_the_analysis_and_never_reaches_into_it():
    for path in RULES.glob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not re.search(r"\ban\.(doc|_doc|lm|_lm)\b", src), path.name
