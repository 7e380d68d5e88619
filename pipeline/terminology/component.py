"""The terminology rules as a spaCy pipeline component (``lexbench_terms``).

Reads: a rule file (``pipeline.terminology.load_ruleset``). Writes: ``doc.spans['lexbench_terms']``
and ``doc.spans['lexbench_terms_exempt']``. ``TermFlagger.flag`` scans text without spaCy;
this module is for spaCy users (save/load with a pipeline, spaCy's scorer) and imports spaCy.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import srsly
import yaml

from pipeline.nlp import import_spacy

import_spacy()  # before any spacy.* import: without thinc's torch import (pipeline/nlp.py)
from spacy.language import Language  # noqa: E402
from spacy.scorer import Scorer  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

from pipeline.terminology.rules import DEFAULT_RULES, load_ruleset, parse_ruleset  # noqa: E402
from pipeline.terminology.scanner import scan  # noqa: E402

SPANS_KEY = "lexbench_terms"  # doc.spans key of the flags
EXEMPT_KEY = "lexbench_terms_exempt"  # doc.spans key of the exempt uses

if not Span.has_extension("lexbench_term"):
    Span.set_extension("lexbench_term", default=None)


class TermComponent:
    """spaCy component: sets ``doc.spans['lexbench_terms']`` and ``['lexbench_terms_exempt']``.

    Span labels are severities; ``span._.lexbench_term`` holds the full decision with
    exact character offsets (token-aligned spans may be a little wider).
    """

    def __init__(self, nlp: Language, name: str, rules: str = DEFAULT_RULES, lang: str | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.ruleset = load_ruleset(rules)

    def __call__(self, doc: Doc) -> Doc:
        hits = scan(doc.text, self.lang, self.ruleset)
        flags, exempt = [], []
        for h in hits:
            span = doc.char_span(h.start, h.end, label=h.severity, alignment_mode="expand")
            if span is None:
                continue
            span._.lexbench_term = h.as_dict()
            (exempt if h.exempt_reason else flags).append(span)
        doc.spans[SPANS_KEY] = flags
        doc.spans[EXEMPT_KEY] = exempt
        return doc

    def score(self, examples, **kwargs) -> dict[str, Any]:
        return score_terms(examples)

    # -- serialisation: the rule file travels with the pipeline ----------------
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"lang": self.lang, "rules": self.ruleset.raw})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "TermComponent":
        msg = srsly.msgpack_loads(data)
        self.lang, self.ruleset = msg["lang"], parse_ruleset(msg["rules"])
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "rules.yaml").open("w", encoding="utf-8") as fh:
            yaml.safe_dump(self.ruleset.raw, fh, allow_unicode=True, sort_keys=False)
        srsly.write_json(path / "cfg.json", {"lang": self.lang, "rules_id": self.ruleset.id,
                                             "rules_version": self.ruleset.version})

    def from_disk(self, path, *, exclude=tuple()) -> "TermComponent":
        path = Path(path)
        self.lang = srsly.read_json(path / "cfg.json")["lang"]
        self.ruleset = load_ruleset(path / "rules.yaml")
        return self


def score_terms(examples, **kwargs) -> dict[str, Any]:
    """spaCy span P/R/F of the flags (exact token spans, labelled by severity)."""
    return Scorer.score_spans(examples, SPANS_KEY, getter=lambda doc, attr: doc.spans.get(attr, []),
                              has_annotation=lambda doc: SPANS_KEY in doc.spans, allow_overlap=True)


@Language.factory("lexbench_terms", default_config={"rules": DEFAULT_RULES, "lang": None},
                  assigns=["doc.spans"],
                  default_score_weights={f"{SPANS_KEY}_f": 1.0, f"{SPANS_KEY}_p": 0.0, f"{SPANS_KEY}_r": 0.0})
def make_term_component(nlp: Language, name: str, rules: str, lang: str | None) -> TermComponent:
    return TermComponent(nlp, name, rules=rules, lang=lang)


def build_nlp(lang: str, rules: str | Path | None = None) -> Language:
    """A blank spaCy pipeline (no downloaded model) with the terminology component."""
    import spacy

    # Matching works on characters, tokens only carry the spans: the multilingual
    # tokenizer is enough for French and builds in 0.2 s instead of 11 s for "fr".
    nlp = spacy.blank("en" if lang == "en" else "xx")
    nlp.add_pipe("lexbench_terms", config={"rules": str(rules or DEFAULT_RULES), "lang": lang})
    return nlp


