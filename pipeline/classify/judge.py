"""Coverage judgement shared by every conduct classifier: full or partial, relative to a benchmark.

A classifier decides *that* a provision covers a conduct; whether the coverage is full or
only partial depends on the benchmark (possession "with intent to distribute" is partial
under coe-2012 but the same text may be full under another profile). Keeping this in one
place means the rules, linear and transformer models all report the same ``because``.

Public API::

    j = judge(text, "csam_possession", benchmark, context=item.context, lang=item.lang)
    j.coverage   # "full" | "partial"
    j.because    # "intent to distribute" (None when full)
    j.evidence   # Evidence of the act cue (or condition cue) inside ``text``, or None

Reads: a provision (own text, context, language) and a ``Benchmark``; or an ``Analysis`` the
rules already made (``judge_analysis``), so a provision is read once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.benchmarks import Benchmark
from pipeline.classify.analysis import DISJUNCTIONS, Analysis, Match, Spans
from pipeline.classify.definitions import defined_child_age
from pipeline.records import Evidence


@dataclass
class Judgement:
    coverage: str  # "full" | "partial"
    because: str | None = None
    evidence: Evidence | None = None
    conditions: list[str] = field(default_factory=list)  # condition ids found


def conditions_found(an: Analysis, conduct: str, anchor: tuple[int, int] | None) -> list[tuple[str, str, Match]]:
    """(condition id, because, cue match) for each partial condition of ``conduct`` that applies.

    ``anchor`` is the act cue's token span; without one, "near" conditions look at the whole
    provision text. Qualifiers in a sentence that raises the penalty are aggravations and ignored.
    """
    spec = an.bench.conducts.get(conduct)
    if spec is None:
        return []
    aggr = an.aggravation_sentences()
    out = []
    for cond in spec.partial:
        def in_scope(m: Match) -> bool:
            if cond.window is None or anchor is None:
                return cond.window is None or an.in_text[m.start]
            a, b = anchor
            if an.clause[m.start] != an.clause[a]:
                return False
            if cond.window == 0:
                return m.start < b and m.end > a
            if m.start >= b and any(an.texts[i].lower() in DISJUNCTIONS for i in range(max(b, m.start - 2), m.start)):
                return False  # "..., in bezit heeft of zich door middel van een geautomatiseerd werk ... verschaft":
                # a qualifier that opens the next alternative limb is that limb's
            return m.end > a - cond.window and m.start < b + cond.window

        first = next((m for m in _candidates(an.spans(f"k:{conduct}:{cond.id}"), cond.window, anchor)
                      if in_scope(m) and an.sentence[m.start] not in aggr), None)
        if first is None:
            continue
        # an "unless" cue lifts the condition anywhere in the qualifier's sentence: concessions
        # ("..., whether or not a meeting takes place") sit in a clause of their own
        if any(an.sentence[u.start] == an.sentence[first.start] for u in an.spans(f"u:{conduct}:{cond.id}").items):
            continue
        out.append((cond.id, cond.because, first))
    return out


def defined_age(an: Analysis, conduct: str) -> list[tuple[str, str, Match]]:
    """The statute's own definition of a child below 18 (``definitions``), when the provision names
    a child without an age of its own: the benchmark's age condition, read from the glossary."""
    spec = an.bench.conducts.get(conduct)
    cond = next((c for c in spec.partial if c.id == "age_below_18"), None) if spec else None
    if cond is None or not an.glossary:
        return []
    age = defined_child_age(an.glossary)
    if age is None or any(an.in_text[m.start] for m in an.get(f"k:{conduct}:{cond.id}")):
        return []
    child = an.get("g:child")  # in the provision or its chapeau
    return [(cond.id, f"victim under {age}", child[0])] if child else []


def unresolved_reference(an: Analysis, conduct: str, anchor: tuple[int, int] | None) -> list[tuple[str, str, Match]]:
    """A sexual purpose named only by number ("an offence under section 12") that the statute's own
    sections do not resolve (``inputs.classify_items`` found no such section): the coverage rests on
    a reference the rules could not read, and ``because`` says so."""
    if anchor is None or an.conduct_objects.get(conduct) != "child_or_sexual" or an.references:
        return []
    act = Match(f"c:{conduct}", anchor[0], anchor[1])
    ref = an.offence_reference(act)
    if ref is None or an.sexual_in_sentence(anchor[0]):
        return []
    return [("offence_by_reference", "purpose offence by reference not found in the statute", ref)]


def _candidates(sp: Spans, window: int | None, anchor: tuple[int, int] | None) -> list[Match]:
    """The matches that can be within ``window`` tokens of ``anchor`` (all of them without one)."""
    if window is None or anchor is None:
        return sp.items
    a, b = anchor
    return sp.starting(a - window - sp.maxlen, b + window)


def judge_analysis(an: Analysis, conduct: str, anchor: tuple[int, int] | None = None) -> Judgement:
    found = conditions_found(an, conduct, anchor) + defined_age(an, conduct) + unresolved_reference(an, conduct, anchor)
    evidence = an.text_evidence(*anchor) if anchor else None
    if not found:
        return Judgement("full", None, evidence, [])
    if evidence is None:
        evidence = an.text_evidence(found[0][2].start, found[0][2].end)
    because = "; ".join(dict.fromkeys(b for _, b, _ in found))
    return Judgement("partial", because, evidence, [c for c, _, _ in found])


def judge(text: str, conduct: str, benchmark: Benchmark, *, context: str = "", lang: str | None = None,
          anchor: tuple[int, int] | None = None) -> Judgement:
    """Full or partial coverage of ``conduct`` by a provision, relative to ``benchmark``.

    ``anchor`` is an optional (start, end) character span in ``text`` where the classifier
    saw the act; otherwise the first act cue of the conduct in ``text`` is used.
    """
    an = Analysis(text, benchmark, context=context, lang=lang)
    tok_anchor = None
    if anchor is not None:
        tok_anchor = an.token_span(*anchor)
    else:
        cues = [m for m in an.get(f"c:{conduct}") if an.in_text[m.start]]
        tok_anchor = (cues[0].start, cues[0].end) if cues else None
    return judge_analysis(an, conduct, tok_anchor)


def judge_item(item, conduct: str, benchmark: Benchmark, anchor: tuple[int, int] | None = None) -> Judgement:
    """``judge`` for a ``classify.ClassifyItem``."""
    return judge(item.text, conduct, benchmark, context=item.context, lang=item.lang, anchor=anchor)
