"""Terminology flags: outdated CSEA wording and its Luxembourg Guidelines replacement.

The rules are data (``models/terminology/<id>.yaml``); this module only compiles them
and decides, from the context of each match, whether it is the drafter's own wording
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

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pipeline.resources import TERMINOLOGY_DIR, load_yaml
from pipeline.records import Document, TermFlag

RULES_DIR = TERMINOLOGY_DIR
DEFAULT_RULES = "luxembourg-2016"
SEVERITIES = ("must_replace", "replace_unless_legal_term", "use_with_care")
SPANS_KEY = "lexbench_terms"
EXEMPT_KEY = "lexbench_terms_exempt"
# Texts longer than this are scanned in pieces cut at paragraph breaks (spaCy memory).
CHUNK_CHARS = 200_000
QUOTATION = "quotation of legal or third-party text"
LOW_CONFIDENCE_NOTE = " [lower confidence: rule not checked against the Guidelines in this language]"
_WINDOW = 600  # max characters looked at on each side of a match for its sentence

_JOIN = r"[\s\-\u2010\u2011\u00ad]*"
_ABBREV = {"art", "arts", "s", "ss", "no", "nos", "para", "paras", "al", "cf", "e.g", "i.e", "p", "pp",
           "sec", "subs", "ch", "c", "par", "mr", "mrs", "dr", "st", "v", "vs", "inc", "ltd", "co"}


# ---------------------------------------------------------------- rule data
def compile_pattern(src: str, case_sensitive: bool = False, bounded: bool = True) -> re.Pattern:
    """YAML pattern syntax -> regex: ' ' = any whitespace run, '~' = optional joiner."""
    out, i, in_class = [], 0, False
    while i < len(src):
        ch = src[i]
        if ch == "\\" and i + 1 < len(src):
            out.append(src[i:i + 2])
            i += 2
            continue
        if in_class:  # inside [...]: a space is one whitespace character
            in_class = ch != "]"
            out.append(r"\s" if ch == " " else ch)
        else:
            in_class = ch == "["
            out.append(r"\s+" if ch == " " else _JOIN if ch == "~" else ch)
        i += 1
    body = "".join(out)
    if bounded:
        body = rf"(?<![\w])(?:{body})(?![\w])"
    flags = re.UNICODE | (0 if case_sensitive else re.IGNORECASE)
    return re.compile(body, flags)


@dataclass
class Rule:
    id: str
    lang: str
    severity: str
    patterns: list[re.Pattern]
    replacement: list[str]
    reason: str
    guideline: str
    requires: re.Pattern | None = None
    ignore_near: re.Pattern | None = None
    only_if: re.Pattern | None = None
    only_if_reason: str | None = None
    unless: list[tuple[re.Pattern, str]] = field(default_factory=list)
    exempt_phrases: list[tuple[re.Pattern, str]] = field(default_factory=list)
    statute_exempt: str | None = None
    clinical_exempt: bool = False
    legal_formula: bool = False
    confidence: str = "normal"


@dataclass
class Title:
    name: str
    pattern: re.Pattern
    heading: bool = False


@dataclass
class RuleSet:
    id: str
    version: str
    languages: list[str]
    rules: list[Rule]
    titles: list[Title]
    ctx: dict[str, re.Pattern]
    quote_pairs: list[str]
    raw: dict[str, Any]

    def rules_for(self, lang: str) -> list[Rule]:
        return [r for r in self.rules if r.lang == lang]


def _ctx_regex(value: str | None, ctx: dict[str, re.Pattern]) -> re.Pattern | None:
    """A context key is either the name of a shared cue (``child``) or a regex."""
    if not value:
        return None
    if value in ctx:
        return ctx[value]
    return re.compile(value, re.IGNORECASE | re.UNICODE)


def parse_ruleset(raw: dict[str, Any]) -> RuleSet:
    """Validate and compile a rule file; a bad file fails here, not mid-batch."""
    for key in ("id", "version", "rules"):
        if key not in raw:
            raise ValueError(f"terminology rules: missing '{key}'")
    c = raw.get("context", {})
    ctx: dict[str, re.Pattern] = {}
    for name, src in c.items():
        if name == "quote_pairs":
            continue
        flags = re.UNICODE | re.IGNORECASE
        ctx[name] = re.compile(src, flags)
    rules, seen = [], set()
    for r in raw["rules"]:
        rid = r["id"]
        if rid in seen:
            raise ValueError(f"terminology rules: duplicate id {rid}")
        seen.add(rid)
        if r["severity"] not in SEVERITIES:
            raise ValueError(f"terminology rule {rid}: bad severity {r['severity']!r}")
        for key in ("reason", "replacement", "patterns", "lang"):
            if not r.get(key):
                raise ValueError(f"terminology rule {rid}: missing '{key}'")
        cs = bool(r.get("case_sensitive"))
        rules.append(Rule(
            id=rid, lang=r["lang"], severity=r["severity"],
            patterns=[compile_pattern(p, cs) for p in r["patterns"]],
            replacement=list(r["replacement"]), guideline=r.get("guideline", ""),
            reason=r["reason"].strip() + (LOW_CONFIDENCE_NOTE if r.get("min_confidence") == "low" else ""),
            requires=_ctx_regex(r.get("requires"), ctx), ignore_near=_ctx_regex(r.get("ignore_near"), ctx),
            only_if=_ctx_regex(r.get("only_if"), ctx), only_if_reason=r.get("only_if_reason"),
            unless=[(_ctx_regex(u["pattern"], ctx), u["reason"]) for u in r.get("unless", [])],
            exempt_phrases=[(compile_pattern(u["pattern"]), u["reason"]) for u in r.get("exempt_phrases", [])],
            statute_exempt=r.get("statute_exempt"), clinical_exempt=bool(r.get("clinical_exempt")),
            legal_formula=bool(r.get("legal_formula")), confidence=r.get("min_confidence", "normal")))
    titles = [Title(t["name"], compile_pattern(t["pattern"], bool(t.get("case_sensitive"))), bool(t.get("heading")))
              for t in raw.get("titles", [])]
    return RuleSet(id=str(raw["id"]), version=str(raw["version"]),
                   languages=list(raw.get("languages") or sorted({r.lang for r in rules})),
                   rules=rules, titles=titles, ctx=ctx, quote_pairs=list(c.get("quote_pairs", ['""'])),
                   raw=copy.deepcopy(raw))


def rules_path(rules: str | Path | None = None) -> Path:
    """A rule-set id (``luxembourg-2016``) or a path to a YAML file."""
    rules = rules or DEFAULT_RULES
    p = Path(rules)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    cand = RULES_DIR / f"{rules}.yaml"
    if not cand.is_file():
        raise FileNotFoundError(f"no terminology rules '{rules}' (looked for {cand})")
    return cand


def load_ruleset(rules: str | Path | None = None) -> RuleSet:
    """The compiled rule file, parsed and compiled once per process (per file version)."""
    path = rules_path(rules)
    st = path.stat()
    return _compiled(str(path.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def _compiled(path: str, size: int, mtime_ns: int) -> RuleSet:
    return parse_ruleset(load_yaml(path))


# ---------------------------------------------------------------- scanning
@dataclass
class Hit:
    """One match and the decision taken on it (offsets into the scanned text)."""

    start: int
    end: int
    text: str
    rule: Rule
    exempt_reason: str | None = None
    defined: bool = False  # this occurrence is the statute's definition of the term
    retained: bool = False  # legal_term_retained

    @property
    def severity(self) -> str:
        return "replace_unless_legal_term" if self.retained else self.rule.severity

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule.id,
                "severity": self.severity, "replacement": list(self.rule.replacement),
                "reason": self.rule.reason, "guideline": self.rule.guideline, "lang": self.rule.lang,
                "legal_term_retained": self.retained, "defined": self.defined,
                "exempt_reason": self.exempt_reason, "confidence": self.rule.confidence}


def _is_boundary(text: str, i: int) -> bool:
    """Is the [.!?] at ``i`` a sentence end (not 'art.', 's.', 'C.P.', '1.')?"""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    if text[i] == "." and (word in _ABBREV or len(word) == 1 or "." in word or (i > 0 and text[i - 1].isdigit())):
        return False
    k = i + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    return k >= len(text) or text[k] == "\n" or not text[k].islower()


_HARD_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:\(?[0-9]{1,3}[A-Za-z]?[.)]\s|\([a-zA-Z]{1,5}\)|[a-z]{1,3}\)|"
                         r"Article\b|Art\.|ARTICLE\b|Section\b|SECTION\b|§))")


def sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list item / heading line) around ``text[start:end]``."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    ws = lo
    for m in _HARD_BREAK.finditer(text, lo, start):
        ws = m.end()
    base = ws  # offsets below are relative to the slice taken here, not to a moved ``ws``
    for m in re.finditer(r"[.!?](?=\s)", text[base:start]):
        if _is_boundary(text, base + m.start()):
            ws = base + m.end()
    we = hi
    m = _HARD_BREAK.search(text, end, hi)
    if m:
        we = m.start()
    for m in re.finditer(r"[.!?](?=\s|$)", text[end:we]):
        if _is_boundary(text, end + m.start()):
            we = end + m.end()
            break
    return ws, we


def quote_spans(text: str, lo: int, hi: int, pairs: Iterable[str]) -> list[tuple[int, int]]:
    """Content spans of quotations in ``text[lo:hi]`` (straight ' only around words)."""
    seg, out = text[lo:hi], []
    for pair in pairs:
        op, cl = pair[0], pair[1]
        if op == cl:
            pos = [i for i, ch in enumerate(seg) if ch == op]
            out += [(lo + a + 1, lo + b) for a, b in zip(pos[::2], pos[1::2])]
        else:
            out += [(lo + m.start() + 1, lo + m.end() - 1)
                    for m in re.finditer(re.escape(op) + r"[^" + re.escape(cl) + r"]{0,400}" + re.escape(cl), seg)]
    out += [(lo + m.start() + 1, lo + m.end() - 1) for m in re.finditer(r"(?<![\w])'[^'\n]{1,300}'(?![\w])", seg)]
    return out


def is_statutory(text: str, rs: RuleSet) -> bool:
    """Statutory register: a legal term of a statute is fine there (use_with_care rules)."""
    sample = text[:20000]
    cue = rs.ctx.get("statute")
    if cue is None or len(sample) < 300:  # too short to judge: lexbench's inputs are statutes
        return True
    n = len(cue.findall(sample))
    return n >= max(1, len(sample) // 3000)


def _title_spans(text: str, rs: RuleSet) -> list[tuple[int, int, str]]:
    out = []
    for t in rs.titles:
        for m in t.pattern.finditer(text):
            if t.heading:
                before = text[max(0, m.start() - 40):m.start()]
                quoted = re.search(r"[«“\"‘']\s*$", before) is not None
                heading = re.search(r"(?:\bArticle|\bArt\.?|\bARTICLE|\bArticolo|\bArtikel|\bArtículo)\s*\d+[\w.]*\s*[-–—:.]?\s*$", before) is not None
                if not (quoted or heading):
                    continue
            out.append((m.start(), m.end(), t.name))
    return out


_LEFT_BOUND = r"(?<![\w])"  # how compile_pattern bounds a pattern on the left
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=None)
def _unbounded_left(pat: re.Pattern) -> re.Pattern | None:
    """``pat`` without its leading ``(?<![\\w])``: a pattern that starts with a lookbehind
    cannot use the regex engine's literal-prefix search, and is ~3x slower to scan."""
    if not pat.pattern.startswith(_LEFT_BOUND + "(?:"):
        return None
    return re.compile(pat.pattern[len(_LEFT_BOUND):], pat.flags)


def _spans(pat: re.Pattern, text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in pat.finditer(text)]``, faster: the left bound is checked per match of the
    unbounded twin; a match failing it resumes one character later, exactly as ``finditer`` would."""
    twin = _unbounded_left(pat)
    if twin is None:
        return [m.span() for m in pat.finditer(text)]
    out: list[tuple[int, int]] = []
    search, word, pos, n = twin.search, _WORD_CHAR.match, 0, len(text)
    while pos <= n:
        m = search(text, pos)
        if m is None:
            break
        s, e = m.span()
        if s and word(text, s - 1):
            pos = s + 1
            continue
        out.append((s, e))
        pos = e if e > s else s + 1
    return out


def scan(text: str, lang: str, rs: RuleSet) -> list[Hit]:
    """All matches of ``lang``'s rules in ``text``, each with its context decision."""
    rules = rs.rules_for(lang)
    if not rules:
        return []
    cands: list[tuple[int, int, Rule, str | None]] = []
    for rule in rules:
        for pat in rule.patterns:
            cands += [(s, e, rule, None) for s, e in _spans(pat, text)]
        for pat, why in rule.exempt_phrases:
            cands += [(s, e, rule, why) for s, e in _spans(pat, text)]
    if not cands:
        return []
    # Longest match wins ("virtual child pornography" over "child pornography").
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept, last_end = [], -1
    for c in cands:
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
    titles = _title_spans(text, rs)
    statutory = is_statutory(text, rs)
    hits = []
    for start, end, rule, fixed in kept:
        hit = Hit(start, end, text[start:end], rule)
        if fixed:
            hit.exempt_reason = fixed
            hits.append(hit)
            continue
        if _decide(hit, text, rs, titles, statutory):
            hits.append(hit)
    join = rs.ctx.get("definition_join")
    if join is not None:  # "X or Y means ...": X is defined too
        for a, b in zip(reversed(hits[:-1]), reversed(hits[1:])):
            if b.defined and a.exempt_reason in (None, QUOTATION) and join.search(text[a.end:b.start]):
                a.defined = a.retained = True
                a.exempt_reason = None
    propagate_definitions(hits)
    return hits


def _decide(hit: Hit, text: str, rs: RuleSet, titles, statutory: bool) -> bool:
    """Set the exemption / legal-term status of ``hit``; False = not a term use at all."""
    rule, start, end = hit.rule, hit.start, hit.end
    ws, we = sentence_window(text, start, end)
    sent = text[ws:we]
    if rule.requires is not None and not rule.requires.search(sent):
        return False
    if rule.ignore_near is not None and rule.ignore_near.search(text[max(0, start - 25):end + 10]):
        return False
    for ts, te, name in titles:
        if ts <= start and end <= te:
            hit.exempt_reason = f"official title: {name}"
            return True
    if rule.statute_exempt and statutory:
        hit.exempt_reason = rule.statute_exempt
        return True
    ctx = rs.ctx
    after, before = text[end:end + 100], text[max(0, start - 60):start]
    if ("definition_after" in ctx and ctx["definition_after"].search(after)) or \
            ("definition_before" in ctx and ctx["definition_before"].search(before)) or _glossary_entry(text, start, end):
        hit.defined = hit.retained = True
        return True
    if ("meta_before" in ctx and ctx["meta_before"].search(before)) or \
            ("meta_after" in ctx and ctx["meta_after"].search(text[end:we])):
        hit.exempt_reason = "meta-linguistic mention of the term (not its use)"
        return True
    if any(qs <= start and end <= qe for qs, qe in quote_spans(text, ws, we, rs.quote_pairs)):
        hit.exempt_reason = QUOTATION
        return True
    if rule.clinical_exempt and "clinical" in ctx and ctx["clinical"].search(sent):
        hit.exempt_reason = "clinical/medical context (the Guidelines accept the clinical term)"
        return True
    for pat, why in rule.unless:
        if pat.search(sent):
            hit.exempt_reason = why
            return True
    if rule.only_if is not None and not rule.only_if.search(sent):
        hit.exempt_reason = rule.only_if_reason or "outside the context the Guidelines object to"
        return True
    if rule.legal_formula and statutory:
        hit.retained = True
    return True


_ENTRY_PREFIX = re.compile(r"\s*(?:\(?[0-9A-Za-z]{1,4}[.)]\s*)?"
                           r"(?:(?:[«“\"‘'][^:\n”\"»’']{1,60}[”\"»’']|\w+(?:[ -]\w+){0,3})"
                           r"\s*(?:,|or|ou|o|of|oder|and|et|e|en|und|/)\s*)?[«“\"‘']?\s*")
_ENTRY_COLON = re.compile(r"\s*[”\"»’']?\s*:")


def _glossary_entry(text: str, start: int, end: int) -> bool:
    """'(c) child pornography: any representation ...' -- a definitions-list entry."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_ENTRY_PREFIX.fullmatch(text, line_start, start) and _ENTRY_COLON.match(text, end))


def propagate_definitions(hits: list[Hit]) -> None:
    """Once a statute defines a term, every other use of it is the legislator's term too."""
    defined = {h.rule.id for h in hits if h.defined}
    for h in hits:
        if h.rule.id in defined and h.exempt_reason is None:
            h.retained = True


# ---------------------------------------------------------------- pipeline entry point
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
