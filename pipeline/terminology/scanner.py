"""Scanning text for outdated terms: each match becomes a flag, a retained legal term, or an
exempt use (an official title, a quotation, a mention of the word, a clinical or fixed phrase).

Reads: text and a ``RuleSet``. Writes: nothing (``Hit``s with character offsets into the text).
Matching works on characters: no tokenizer and no spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from pipeline.terminology.rules import Rule, RuleSet

QUOTATION = "quotation of legal or third-party text"
_WINDOW = 600  # max characters looked at on each side of a match for its sentence
_ABBREV = {"art", "arts", "s", "ss", "no", "nos", "para", "paras", "al", "cf", "e.g", "i.e", "p", "pp",
           "sec", "subs", "ch", "c", "par", "mr", "mrs", "dr", "st", "v", "vs", "inc", "ltd", "co"}


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
        for start, end in _spans(t.pattern, text):
            if t.heading:
                before = text[max(0, start - 40):start]
                quoted = re.search(r"[«“\"‘']\s*$", before) is not None
                heading = re.search(r"(?:\bArticle|\bArt\.?|\bARTICLE|\bArticolo|\bArtikel|\bArtículo)\s*\d+[\w.]*\s*[-–—:.]?\s*$", before) is not None
                if not (quoted or heading):
                    continue
            out.append((start, end, t.name))
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
