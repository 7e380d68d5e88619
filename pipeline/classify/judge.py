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

``Analysis`` (the tokenised provision with all lexicon matches) is also used by
``classify_rules`` so both read the provision once.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from pipeline.nlp import import_spacy

spacy = import_spacy()  # before any spacy.* import: without thinc's torch import (pipeline/nlp.py)
from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_TITLE, LENGTH, LOWER  # noqa: E402
from spacy.matcher import Matcher  # noqa: E402

from pipeline.benchmarks import ROLE_NAMES, Benchmark, CueToken, cue_patterns, cue_tokens
from pipeline.records import Evidence

SPACY_LANGS = {"en", "fr", "nl", "de", "it", "es", "pt", "el"}
DETERMINERS = {"a", "an", "the", "any", "such", "un", "une", "des", "le", "la", "les", "l'", "d'", "de",
               "du", "een", "het", "ein", "eine", "einen", "einem", "il", "lo", "uno", "una"}
RECIPIENT = {"to", "à", "aan", "an", "a"}
MODALS = {"shall", "must", "may", "will", "should"}
HEADING_MAX_TOKENS = 15
DISJUNCTIONS = {"or", "ou", "of", "oder", "o", "ovvero", "oppure"}
LIST_JOINERS = DISJUNCTIONS | {"and", "et", "en", "und", "e", "y"}  # "(a) ...; and" ends a list item, not a heading


@dataclass
class Match:
    key: str
    start: int  # token index in the analysed doc
    end: int


class Spans:
    """Matches in start order, with bisect lookups of those starting in a token range.

    WHY: the rules only look at cues within a few dozen tokens of an act; scanning every match
    for every act made a long provision (a whole act on one line, 10,000 cues) quadratic.
    ``items`` keeps the order it was given when that order is by start (callers that take the
    first hit rely on it); otherwise a stably sorted copy (callers only ask "is there one").
    """

    __slots__ = ("items", "starts", "maxlen")

    def __init__(self, items: list[Match]):
        starts = [m.start for m in items]
        if any(a > b for a, b in zip(starts, starts[1:])):
            items = sorted(items, key=lambda m: m.start)
            starts = [m.start for m in items]
        self.items, self.starts = items, starts
        self.maxlen = max((m.end - m.start for m in items), default=0)

    def starting(self, lo: int, hi: int) -> list[Match]:
        """The matches whose start is in [lo, hi], in order."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]

    def covering(self, tok: int) -> list[Match]:
        """The matches that contain token ``tok``."""
        return [m for m in self.starting(tok - self.maxlen + 1, tok) if m.end > tok]


@dataclass
class Judgement:
    coverage: str  # "full" | "partial"
    because: str | None = None
    evidence: Evidence | None = None
    conditions: list[str] = field(default_factory=list)  # condition ids found


# -- the compiled lexicon -----------------------------------------------------------------
@lru_cache(maxsize=None)
def blank_nlp(lang: str):
    """The tokenizer-only pipeline of a language, loaded once per process (French alone takes
    seconds to build its tokenizer exceptions) and shared by every benchmark's matcher.

    Em and en dashes always split: statutes glue them to words ("In General.—Any person",
    "that—"), which would hide the actor or the act inside one token."""
    nlp = spacy.blank(lang)
    infixes = list(nlp.Defaults.infixes or []) + [r"[\u2014\u2013]"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def spacy_lang(lang: str | None) -> str:
    code = (lang or "en").split("-")[0].lower()
    return code if code in SPACY_LANGS else "xx"


class LexiconMatcher:
    """All cues of one benchmark (groups, roles, conducts, conditions), compiled once.

    WHY not a spaCy Matcher: prefix cues (``distribut*``) become REGEX predicates that the
    Matcher evaluates for every token and pattern, which took ~95% of classification time.
    Here each distinct word is tested once against every cue word position (``CueToken``) and
    the answer, a set of position ids, is cached per word; patterns are then followed from the
    tokens whose ids start them. Results equal the Matcher's with ``greedy="LONGEST"``: all
    (start, end) pairs of a key, longest first (earlier start on ties), overlapping ones dropped.
    Raw spaCy token-pattern cues (lists) still go through a Matcher for their key.
    """

    WORD_CACHE_MAX = 200_000
    LINE_CACHE_MAX = 20_000

    def __init__(self, bench: Benchmark, lang: str):
        self.nlp = blank_nlp(spacy_lang(lang))
        self._cache: dict[str, tuple] = {}
        self._cues: dict[str, list] = {}
        lex = bench.lexicon
        for name, cues in lex["groups"].items():
            self._add(f"g:{name}", cues)
        for role, spec in lex["roles"].items():
            self._add(f"rs:{role}", spec.get("start") or [])
            self._add(f"ra:{role}", spec.get("anywhere") or [])
        self.role_regex = {role: [re.compile(rx, re.I) for rx in spec.get("regex") or []]
                           for role, spec in lex["roles"].items()}
        self.text_only_roles = {r for r, s in lex["roles"].items() if s.get("text_only")}
        # act cues of every lexicon conduct, so that e.g. a threat to distribute is read as
        # extortion (and not distribution) even under a benchmark without sexual_extortion
        self.objects = {cid: spec["object"] for cid, spec in lex["conducts"].items()}
        for cid, spec in lex["conducts"].items():
            extra = bench.conducts[cid].cues[len(spec["cues"]):] if cid in bench.conducts else []
            self._add(f"c:{cid}", list(spec["cues"]) + extra)
        for cid, spec in bench.conducts.items():
            for cond in spec.partial:
                self._add(f"k:{cid}:{cond.id}", cond.cues)
                self._add(f"u:{cid}:{cond.id}", cond.unless)
        self._compile()

    def _add(self, key: str, cues: list) -> None:
        if cues:
            self._cues.setdefault(key, []).extend(cues)

    def _compile(self) -> None:
        positions: dict[CueToken, int] = {}
        self.keys: list[str] = []
        self._first: dict[int, list[tuple[int, tuple[int, ...]]]] = {}  # position id -> (key, rest)
        self._matcher = None
        for key, cues in self._cues.items():
            compiled = [cue_tokens(c) for c in cues]
            if any(c is None for c in compiled):  # a raw token pattern: the whole key to spaCy
                if self._matcher is None:
                    self._matcher = Matcher(self.nlp.vocab)
                self._matcher.add(key, [p for c in cues for p in cue_patterns(c)], greedy="LONGEST")
                continue
            k = len(self.keys)
            self.keys.append(key)
            for seq in compiled:  # word -> position id >= 0, gap ~N -> -(N + 1)
                ids = tuple(positions.setdefault(el, len(positions)) if isinstance(el, CueToken) else -el - 1
                            for el in seq)
                self._first.setdefault(ids[0], []).append((k, ids[1:]))
        self._exact: dict[str, list[int]] = {}
        self._prefixes: dict[str, list[tuple[str, int]]] = {}  # first letter -> (prefix, id)
        self._any: list[int] = []  # a bare "*": every token
        for pos, pid in positions.items():
            for w in pos.exact:
                self._exact.setdefault(w, []).append(pid)
            for p in pos.prefixes:
                if p:
                    self._prefixes.setdefault(p[0], []).append((p, pid))
                else:
                    self._any.append(pid)
        self._words: dict[str, frozenset] = {}
        self._words_by_hash: dict[int, frozenset] = {}  # spaCy's LOWER hash -> word_positions

    def word_positions(self, lower: str) -> frozenset:
        """Ids of the cue word positions a token with this lowercase form fills (memoised)."""
        hit = self._words.get(lower)
        if hit is None:
            ids = set(self._exact.get(lower, ()))
            ids.update(self._any)
            if lower:
                ids.update(pid for p, pid in self._prefixes.get(lower[0], ()) if lower.startswith(p))
            hit = frozenset(ids)
            if len(self._words) >= self.WORD_CACHE_MAX:
                self._words.clear()
            self._words[lower] = hit
        return hit

    def line_matches(self, line: str) -> tuple[tuple[str, int, int], ...]:
        """(key, start char, end char) of every cue in one line; memoised (bounded)."""
        hit = self._cache.get(line)
        if hit is None:
            if not line.strip():
                return ()
            doc = self.nlp.make_doc(line)
            found = self._match(doc)
            if found:
                idx, length = doc.to_array([IDX, LENGTH]).T.tolist()
                hit = tuple((key, idx[s], idx[e - 1] + length[e - 1]) for key, s, e in found)
            else:
                hit = ()
            if len(self._cache) >= self.LINE_CACHE_MAX:
                self._cache.clear()
            self._cache[line] = hit
        return hit

    def _match(self, doc) -> list[tuple[str, int, int]]:
        n = len(doc)
        words, strings = self._words_by_hash, doc.vocab.strings
        at = []
        for h in doc.to_array(LOWER).tolist() if n else ():
            pos = words.get(h)
            if pos is None:
                pos = words[h] = self.word_positions(strings[h])
                if len(words) >= self.WORD_CACHE_MAX:
                    words.clear()
            at.append(pos)
        pairs: dict[int, set[tuple[int, int]]] = {}
        first = self._first
        for i in range(n):
            for pid in at[i]:
                for k, rest in first.get(pid, ()):
                    for e in _ends(rest, at, i + 1, n):
                        pairs.setdefault(k, set()).add((i, e))
        out = []
        for k in sorted(pairs):
            taken = bytearray(n)
            for s, e in sorted(pairs[k], key=lambda x: (x[1] - x[0], -x[0]), reverse=True):
                if not any(taken[s:e]):
                    out.append((self.keys[k], s, e))
                    taken[s:e] = b"\x01" * (e - s)
        if self._matcher is not None:
            out += [(self.nlp.vocab.strings[k], s, e) for k, s, e in self._matcher(doc)]
        return out


def _ends(rest: tuple[int, ...], at: list[frozenset], pos: int, n: int) -> set[int] | tuple[int, ...]:
    """Every end token index of a pattern whose first word matched just before ``pos``."""
    if not rest:
        return (pos,)
    frontier = {pos}
    for el in rest:
        if el >= 0:
            frontier = {p + 1 for p in frontier if p < n and el in at[p]}
        else:
            frontier = {p + g for p in frontier for g in range(-el) if p + g <= n}
        if not frontier:
            break
    return frontier


_MATCHERS: dict[tuple[str, str], LexiconMatcher] = {}
_MATCHERS_MAX = 16


def lexicon_matcher(bench: Benchmark, lang: str | None) -> LexiconMatcher:
    """One compiled matcher per (benchmark content, spaCy language) per process. Keyed by the
    benchmark files' content hash, not their path: an edited YAML gets a fresh matcher; a
    Benchmark built or altered in code (no or a copied fingerprint) is compared by content."""
    key = (bench.fingerprint or f"object:{id(bench)}", spacy_lang(lang))
    lm = _MATCHERS.get(key)
    if lm is not None and lm.bench is not bench and not (
            lm.bench.conducts == bench.conducts and lm.bench.lexicon == bench.lexicon):
        lm = None
    if lm is None:
        lm = LexiconMatcher(bench, key[1])
        lm.bench = bench  # also keeps id(bench) from being reused while cached
        _MATCHERS.pop(key, None)
        if len(_MATCHERS) >= _MATCHERS_MAX:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = lm
    return lm


# -- terms the statute defines as CSAM --------------------------------------------------------
_ACRONYM = re.compile(r"(?:\bor\s+|\(\s*[\"“‘']?)([A-Z]{2,8})[\"”’']?\s*\)?\s*$")


@lru_cache(maxsize=256)
def defined_material(lm: "LexiconMatcher", glossary: str) -> tuple[tuple[str, ...], ...]:
    """Lowercased token sequences of the terms the statute's glossary defines as CSAM.

    WHY: drafters name the material once ("'prohibited material' means any representation of
    a child engaged in sexual activity"; "Child sexual abuse or exploitation material or
    CSAEM refers to ...") and then use only the defined term, which names no child. A term
    counts when its definition names CSAM outright, or a depiction of a child in a sexual
    context; an acronym given with it ("... or CSAEM", "(CSAM)") counts too."""
    terms: set[tuple[str, ...]] = set()
    for block in glossary.split("\n"):
        block = block.strip()
        if not block:
            continue
        found = lm.line_matches(block)
        starts = [cs for key, cs, _ in found if key == "g:defines"]
        if not starts:
            continue
        verb = min(starts)
        groups = {key for key, cs, _ in found if key.startswith("g:") and cs > verb}
        if "g:material_strong" not in groups and not {"g:material_weak", "g:child", "g:sexual"} <= groups:
            continue
        head = re.sub(r"^\W{0,3}(?:[\w.]{1,6}[.)]\s*)?", "", block[:verb]).strip(" \t,:;\"“”‘’«»„'")
        head = re.sub(r"\s*,?\s*(?:shall|is|are|has|have)$", "", head, flags=re.I).strip(" ,\"“”‘’«»„'")
        if not head or len(head) > 80 or len(head.split()) > 10:
            continue
        acronym = _ACRONYM.search(head)
        if acronym:
            terms.add((acronym.group(1).lower(),))
            head = head[:acronym.start()].strip(" ,\"“”‘’«»„'")
        words = tuple(t.lower_ for t in lm.nlp.make_doc(head) if not t.is_space)
        if words and any(len(w) > 2 for w in words):
            terms.add(words)
    return tuple(sorted(terms))


# -- one provision, analysed -----------------------------------------------------------------
class Analysis:
    """A provision's context + own text, tokenised, with every lexicon match and its structure.

    ``context`` and ``text`` are analysed as one string so a paragraph can take its verb or
    its offence status from its chapeau; ``in_text`` tells which tokens are the provision's own.
    """

    def __init__(self, text: str, bench: Benchmark, context: str = "", lang: str | None = None,
                 detail: str = "", before: str = "", glossary: str = "", after: str = ""):
        self.text, self.context, self.bench = text, context or "", bench
        self.offset = len(self.context) + 1 if self.context else 0
        full = (self.context + "\n" + text) if self.context else text
        self.lm = lexicon_matcher(bench, lang)
        self.dtext = full.replace("\u2019", "'").replace("\u2018", "'")  # == doc.text, which spaCy rebuilds per call
        self.doc = self.lm.nlp.make_doc(self.dtext)
        self.full = full
        self.n = len(self.doc)
        # token offsets, lengths and spaces read once as arrays: a Token object per access
        # was most of the cost once the matcher stopped being
        arr = self.doc.to_array([IDX, LENGTH, IS_SPACE, IS_ALPHA, IS_TITLE]).reshape(self.n, 5)
        self._arr = arr
        self._idx, self._len, self._space = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()
        idx, ends = self._idx, (arr[:, 0] + arr[:, 1]).tolist()
        self.matches: dict[str, list[Match]] = {}
        pos = 0
        for line in self.dtext.split("\n"):  # per line, cached: ancestors repeat in every child
            for key, cs, ce in self.lm.line_matches(line):
                s, e = bisect_left(idx, pos + cs), bisect_left(ends, pos + ce)  # cue edges on token edges
                if s < self.n and idx[s] == pos + cs and e < self.n and ends[e] == pos + ce:
                    self.matches.setdefault(key, []).append(Match(key, s, e + 1))
            pos += len(line) + 1
        if glossary:
            self._add_defined_material(defined_material(self.lm, glossary))
        for v in self.matches.values():
            v.sort(key=lambda m: (m.start, -m.end))
        # groups named in the sub-provisions / cumulative fellow elements (classify_input.py):
        # they may qualify an object of this provision, never add an act
        self.detail_groups = self._groups(detail)
        # read only when needed (most provisions never ask): preceding siblings hold the antecedent
        # of "such material"; the next sibling can state the penalty of an offence defined here
        self._before, self._after, self.glossary = before, after, glossary
        self._structure()

    def _add_defined_material(self, terms: tuple[tuple[str, ...], ...]) -> None:
        """Each use of a term the statute defines as CSAM counts as a strong material noun."""
        if not terms:
            return
        low = [self.dtext[x:x + ln].lower() for x, ln in zip(self._idx, self._len)]
        found = self.matches.setdefault("g:material_strong", [])
        have = {(m.start, m.end) for m in found}
        for term in terms:
            k = len(term)
            for i in range(self.n - k + 1):
                if low[i] == term[0] and tuple(low[i:i + k]) == term and (i, i + k) not in have:
                    found.append(Match("g:material_strong", i, i + k))

    # structure: lines, clauses, sentences, headings ---------------------------------
    def _groups(self, text: str) -> set[str]:
        return {key for line in (text or "").split("\n") for key, _, _ in self.lm.line_matches(line)
                if key.startswith("g:")}

    def live_performance(self) -> bool:
        """Is a pornographic performance here live or by ICT: said in the provision, its chapeau
        or its sub-provisions, or in the statute's own definition of the performance?"""
        if self.get("g:live") or "g:live" in self.detail_groups:
            return True
        return any({"g:performance", "g:live"} <= self._groups(block) for block in self.glossary.split("\n") if block)

    def _structure(self) -> None:
        """Lines, sentences and clauses per token. WHY arrays and events: a paragraph carries
        its ancestors' text (up to 20,000 characters), so this runs over thousands of tokens per
        provision; only line changes and ';' '.' '!' '?' tokens can move a counter."""
        n, dtext, arr = self.n, self.dtext, self._arr
        idx, length, space = self._idx, self._len, self._space
        self.texts = texts = [dtext[x:x + ln] for x, ln in zip(idx, length)]
        self.in_text = (arr[:, 0] >= self.offset).tolist()
        # a token's line = newlines before it (non-space tokens never contain one)
        newlines = np.frombuffer(dtext.encode("utf-32-le"), dtype=np.uint32) == 10
        before = np.concatenate(([0], np.cumsum(newlines)))
        line_arr = before[arr[:, 0]] if n else np.zeros(0, dtype=np.int64)
        self.line = line = line_arr.tolist()
        self.lines: dict[int, list[int]] = {}
        for i in np.flatnonzero(arr[:, 2] == 0).tolist():
            self.lines.setdefault(line[i], []).append(i)
        changes = (np.flatnonzero(line_arr[1:] != line_arr[:-1]) + 1).tolist() if n else []
        marks = [i for i, t in enumerate(texts) if t in (";", ".", "!", "?")]
        self.sentence, self.clause = [0] * n, [0] * n
        sent = clause = 0
        last = 0
        events = sorted([(i, 0) for i in changes] + [(i, 1) for i in marks])
        for i, kind in events:  # (token, 0 = new line before it, 1 = punctuation)
            if kind == 0:
                self._fill(last, i, sent, clause)
                last = i
                if self._is_heading_line(line[i - 1]):
                    sent, clause = sent + 1, clause + 1
                if self._is_heading_line(line[i]):
                    sent, clause = sent + 1, clause + 1
            else:
                self._fill(last, i + 1, sent, clause)
                last = i + 1
                if texts[i] == ";":
                    clause += 1
                elif self._ends_sentence(i):
                    sent, clause = sent + 1, clause + 1
        self._fill(last, n, sent, clause)

    def _fill(self, a: int, b: int, sent: int, clause: int) -> None:
        if b > a:
            self.sentence[a:b] = [sent] * (b - a)
            self.clause[a:b] = [clause] * (b - a)

    def _ends_sentence(self, i: int) -> bool:
        texts = self.texts
        if i + 1 >= self.n:
            return True
        prev, nxt = texts[i - 1] if i else "", i + 1
        if prev.isdigit() or (len(prev) == 1 and prev.isalpha()) or prev.lower() in {"s", "art", "ss", "no", "sec"}:
            return False
        # (spaCy's whitespace_ is " " or "", never a newline: that test of the old code was always False)
        return bool(self._arr[nxt, 4]) or bool(self._space[nxt]) or not texts[nxt][0].isalnum()

    def line_tokens(self, line: int) -> list[int]:
        return self.lines.get(line, [])

    @property
    def _heading_lines(self) -> set[int]:
        if not hasattr(self, "_hl"):
            self._hl = set()
            markers = Spans([m for k in ("g:offence", "g:actor", "g:mens_rea") for m in self.matches.get(k, [])])
            for ln, toks in self.lines.items():
                if not toks or len(toks) > HEADING_MAX_TOKENS:
                    continue
                last = self.texts[toks[-1]]
                if last[-1:] in ".;:,—–-" or last.lower() in {"who", "that", "qui", "que"} | LIST_JOINERS:
                    continue
                if markers.starting(toks[0], toks[-1]):
                    continue
                self._hl.add(ln)
        return self._hl

    def _is_heading_line(self, line: int) -> bool:
        return line in self._heading_lines

    # helpers -------------------------------------------------------------------------
    def get(self, key: str) -> list[Match]:
        return self.matches.get(key, [])

    def spans(self, key: str) -> Spans:
        """``get(key)`` indexed by start (cached)."""
        cache = self.__dict__.setdefault("_spans", {})
        sp = cache.get(key)
        if sp is None:
            sp = cache[key] = Spans(self.get(key))
        return sp

    def _ranges(self, per_token: list[int]) -> dict[int, range]:
        """value -> the tokens that have it; ``line`` and ``sentence`` never decrease."""
        out: dict[int, range] = {}
        i, n = 0, self.n
        while i < n:
            j = i
            while j < n and per_token[j] == per_token[i]:
                j += 1
            out[per_token[i]] = range(i, j)
            i = j
        return out

    def char_span(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        return self.doc[start_tok].idx, self.doc[end_tok - 1].idx + len(self.doc[end_tok - 1].text)

    def text_evidence(self, start_tok: int, end_tok: int) -> Evidence | None:
        """Evidence relative to the provision's own text (clipped to it); None if outside it."""
        toks = [i for i in range(start_tok, end_tok) if self.in_text[i]]
        if not toks:
            return None
        s, e = self.char_span(toks[0], toks[-1] + 1)
        s, e = s - self.offset, e - self.offset
        return Evidence(start=s, end=e, text=self.text[s:e])

    def _recipient(self, tok: int) -> bool:
        i = tok - 1
        while i >= 0 and self.doc[i].lower_ in DETERMINERS:
            i -= 1
        return i >= 0 and self.doc[i].lower_ in RECIPIENT

    def has_offence_marker(self) -> bool:
        return any(self.get(k) for k in ("g:offence", "g:actor", "g:mens_rea")) \
            or "g:offence" in self._groups(self._after)

    def aggravation_sentences(self) -> set[int]:
        if not hasattr(self, "_aggr"):
            self._aggr = {self.sentence[m.start] for m in self.get("g:aggravation")}
        return self._aggr

    # roles: which tokens can never carry a conduct -------------------------------------
    def excluded_tokens(self) -> tuple[set[int], bool]:
        """(token indices in a non-offence role, whole item excluded because an ancestor is)."""
        excluded: set[int] = set()
        line_ranges, sent_ranges = self._ranges(self.line), None
        lines_first = {}
        for i in np.flatnonzero((self._arr[:, 2] == 0) & (self._arr[:, 3] != 0)).tolist():
            lines_first.setdefault(self.line[i], []).append(i)
        for role in ROLE_NAMES:
            hits = []
            for m in self.get(f"rs:{role}"):
                firsts = lines_first.get(self.line[m.start], [])
                if m.start in firsts[:3]:
                    hits.append(("line", m.start))
            hits += [("sent", m.start) for m in self.get(f"ra:{role}")]
            for rx in self.lm.role_regex.get(role, []):
                for ln, toks in self.lines.items():
                    s = self._idx[toks[0]]
                    e = self._idx[toks[-1]] + self._len[toks[-1]]
                    if rx.search(self.full[s:e]):
                        hits.append(("line", toks[0]))
            for how, tok in hits:
                if not self.in_text[tok]:
                    if role in self.lm.text_only_roles:
                        continue
                    return set(range(self.n)), True
                if how == "line":
                    excluded.update(line_ranges[self.line[tok]])
                else:
                    if sent_ranges is None:
                        sent_ranges = self._ranges(self.sentence)
                    excluded.update(self._role_reach(tok, sent_ranges[self.sentence[tok]]))
        for ln in self._heading_lines:
            excluded.update(line_ranges.get(ln, ()))
        return excluded, False

    def _role_reach(self, tok: int, sentence: range) -> range:
        """The tokens a role cue found inside a sentence takes out. "Any person who knowingly
        produces ..., shall be subject to the penalties ..., including ... a prior conviction":
        when an actor opens the sentence before the cue's comma-delimited phrase, only that
        phrase and the rest of the sentence go; otherwise the whole sentence."""
        start = tok
        while start > sentence.start and self.texts[start - 1] not in (",", ";"):
            start -= 1
        actors = self.spans("g:actor").starting(sentence.start, start - 1)
        return range(start, sentence.stop) if actors else sentence

    # objects -------------------------------------------------------------------------
    def material_spans(self) -> list[Match]:
        """Strong material nouns, weak ones qualified by a nearby child and sexual noun, anaphors."""
        strong = list(self.get("g:material_strong"))
        sexual = self.get("g:sexual")
        # "shows ... to a person under 16": a recipient child makes it exposure, not CSAM
        child = [c for c in self.get("g:child") if not self._recipient(c.start)]

        def near(m: Match, others: Spans, w: int = 60) -> bool:
            return any(self.sentence[o.start] == self.sentence[m.start] for o in others.starting(m.start - w, m.start + w))

        child_sp, sexual_sp = Spans(child), Spans(sexual)
        # "any visual depiction, if— (A) ... a minor engaging in sexually explicit conduct"
        below = "g:material_strong" in self.detail_groups or {"g:child", "g:sexual"} <= self.detail_groups
        weak = [m for m in self.get("g:material_weak")
                if (below and self.in_text[m.start]) or (near(m, child_sp) and near(m, sexual_sp))]
        out = strong + weak
        # an antecedent in a preceding sibling: CSAM named there, or a depiction of a child in a sexual context
        before = self._groups(self._before) if not out else set()
        if out or "g:material_strong" in before or {"g:child", "g:sexual"} <= before:
            out += self.get("g:material_anaphor")
        return sorted(out, key=lambda m: m.start)


# -- the judgement ---------------------------------------------------------------------------
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
        if any(in_scope(u) for u in _candidates(an.spans(f"u:{conduct}:{cond.id}"), cond.window, anchor)):
            continue
        out.append((cond.id, cond.because, first))
    return out


def _candidates(sp: Spans, window: int | None, anchor: tuple[int, int] | None) -> list[Match]:
    """The matches that can be within ``window`` tokens of ``anchor`` (all of them without one)."""
    if window is None or anchor is None:
        return sp.items
    a, b = anchor
    return sp.starting(a - window - sp.maxlen, b + window)


def judge_analysis(an: Analysis, conduct: str, anchor: tuple[int, int] | None = None) -> Judgement:
    found = conditions_found(an, conduct, anchor)
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
        s, e = anchor[0] + an.offset, anchor[1] + an.offset
        toks = [t.i for t in an.doc if t.idx < e and t.idx + len(t.text) > s]
        tok_anchor = (toks[0], toks[-1] + 1) if toks else None
    else:
        cues = [m for m in an.get(f"c:{conduct}") if an.in_text[m.start]]
        tok_anchor = (cues[0].start, cues[0].end) if cues else None
    return judge_analysis(an, conduct, tok_anchor)


def judge_item(item, conduct: str, benchmark: Benchmark, anchor: tuple[int, int] | None = None) -> Judgement:
    """``judge`` for a ``classify.ClassifyItem``."""
    return judge(item.text, conduct, benchmark, context=item.context, lang=item.lang, anchor=anchor)
