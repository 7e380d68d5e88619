"""Terminology flags: outdated CSEA wording and its Luxembourg Guidelines replacement.

The rules are data (``models/terminology/<id>.yaml``); ``rules`` compiles them and
``scanner`` decides, from the context of each match, whether it is the drafter's own wording
(a flag), the statute's own defined legal term (a flag with ``legal_term_retained``),
or a use the Guidelines do not object to (an official title, a quotation, a mention of
the word itself, a clinical or fixed legal phrase: reported under ``terms_exempt``).

Reads: a ``Document`` and the rule file. Writes: ``TermFlag``s (``TermFlagger.flag``). Matching
works on characters, so the scan needs no tokenizer and no spaCy; all offsets are character
offsets into the text it was given, i.e. ``Document.text``. The same rules also run as a spaCy
pipeline component (``lexbench_terms``, ``build_nlp``, in ``component.py``) to be saved/loaded
with a spaCy pipeline and scored with spaCy's scorer.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.records import Document, TermFlag
from pipeline.terminology.rules import load_ruleset, rules_path
from pipeline.terminology.scanner import scan

# Texts longer than this are scanned in pieces cut at paragraph breaks (spaCy memory).
CHUNK_CHARS = 200_000


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut at paragraph (else line) breaks so a sentence is never split in two."""
    out, pos = [], 0
    while len(text) - pos > size:
        cut = text.rfind("\n\n", pos + size // 2, pos + size)
        if cut < 0:
            cut = text.rfind("\n", pos + size // 2, pos + size)
        if cut < 0:
            cut = pos + size
        out.append((pos, text[pos:cut]))
        pos = cut
    out.append((pos, text[pos:]))
    return out


def _norm_lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def build_nlp(lang: str, rules: str | Path | None = None):
    """A blank spaCy pipeline with the ``lexbench_terms`` component (imports spaCy)."""
    from pipeline.terminology.component import build_nlp as build

    return build(lang, rules)


class TermFlagger:
    """What ``pipeline.annotate`` calls: ``flag(doc) -> (flags, exempt)``."""

    def __init__(self, rules: str | Path | None = None):
        self.rules = str(rules_path(rules))
        self.ruleset = load_ruleset(self.rules)
        self._nlp: dict = {}

    @classmethod
    def load(cls, rules: str | Path | None = None) -> "TermFlagger":
        return cls(rules)

    @property
    def languages(self) -> list[str]:
        return self.ruleset.languages

    def nlp(self, lang: str):
        """The spaCy pipeline for ``lang`` (same flags as ``flag``; for spaCy users)."""
        if lang not in self._nlp:
            self._nlp[lang] = build_nlp(lang, self.rules)
        return self._nlp[lang]

    def flag(self, doc: Document, lang: str | None = None) -> tuple[list[TermFlag], list[TermFlag]]:
        """Flags and exempt uses for the document's language (``lang`` overrides it)."""
        lang = _norm_lang(lang or doc.lang)
        if lang not in self.ruleset.languages or not doc.text:
            return [], []
        records = []
        for off, chunk in _chunks(doc.text):
            # the spaCy component's order: flags, then exempt uses (matching needs no tokens)
            hits = scan(chunk, lang, self.ruleset)
            for h in [h for h in hits if not h.exempt_reason] + [h for h in hits if h.exempt_reason]:
                d = h.as_dict()
                d["start"] += off
                d["end"] += off
                records.append(d)
        defined = {d["rule"] for d in records if d["defined"]}
        flags, exempt = [], []
        for d in sorted(records, key=lambda d: d["start"]):
            retained = d["legal_term_retained"] or (d["rule"] in defined and not d["exempt_reason"])
            tf = TermFlag(text=d["text"], start=d["start"], end=d["end"], replacement=list(d["replacement"]),
                          severity="replace_unless_legal_term" if retained else d["severity"], rule=d["rule"],
                          reason=d["reason"], lang=d["lang"], page=doc.page_at(d["start"]),
                          legal_term_retained=retained, exempt_reason=d["exempt_reason"])
            (exempt if d["exempt_reason"] else flags).append(tf)
        return flags, exempt
