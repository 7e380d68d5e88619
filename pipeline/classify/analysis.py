"""One provision analysed: its context and own text tokenised, with every cue match and its structure.

Reads: a provision's own text, its context (ancestors), detail, siblings and the statute's glossary
(see ``inputs.classify_items``) and a ``Benchmark``. Gives: ``Analysis``, which the rules read to find
(act, object) hits and the judge reads to decide full or partial coverage. Both read a provision once.

Callers ask an ``Analysis`` through its query methods (``get``, ``spans``, ``lower``, ``is_punct``,
``conduct_objects``, ``token_span`` ...) and its per-token arrays (``in_text``, ``clause``,
``sentence``, ``texts``); the token boundaries (``classify.tokens``) and the matcher stay inside.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from unicodedata import category

import numpy as np

from pipeline.benchmarks import ROLE_NAMES, Benchmark
from pipeline.classify.definitions import defined_verbs
from pipeline.classify.lexicon import defined_material, lexicon_matcher
from pipeline.records import Evidence

DETERMINERS = {"a", "an", "the", "any", "such", "un", "une", "des", "le", "la", "les", "l'", "d'", "de",
               "du", "een", "het", "ein", "eine", "einen", "einem", "il", "lo", "uno", "una"}
RECIPIENT = {"to", "à", "aan", "an", "a", "among", "amongst", "entre", "tra", "fra", "unter", "for"}  # "for": "pornographic for minors"
MODALS = {"shall", "must", "may", "will", "should"}
HEADING_MAX_TOKENS = 15
MARKER_REACH = 80  # characters above the provision whose "superseded" marker is its own
HEADING_REACH = 300  # characters of context just above the provision read as its heading
ROMANCE_ARTICLES = {"un", "una", "unos", "unas", "el", "la", "los", "las", "um", "uma", "o", "os", "as"}
PERSON_NOUNS = {"person", "persons", "persona", "personas", "pessoa", "pessoas", "personne", "personnes", "persone"}
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


# -- one provision, analysed -----------------------------------------------------------------
class Analysis:
    """A provision's context + own text, tokenised, with every lexicon match and its structure.

    ``context`` and ``text`` are analysed as one string so a paragraph can take its verb or
    its offence status from its chapeau; ``in_text`` tells which tokens are the provision's own.
    """

    def __init__(self, text: str, bench: Benchmark, context: str = "", lang: str | None = None,
                 detail: str = "", before: str = "", glossary: str = "", after: str = "", references: str = ""):
        self.text, self.context, self.bench, self.lang = text, context or "", bench, lang
        self.offset = len(self.context) + 1 if self.context else 0
        full = (self.context + "\n" + text) if self.context else text
        self._lm = lexicon_matcher(bench, lang)
        self.dtext = full.replace("\u2019", "'").replace("\u2018", "'")
        idx, ends = self._lm.tok.spans(self.dtext)
        self.full = full
        self.n = len(idx)
        self._idx, self._len = idx, [e - s for s, e in zip(idx, ends)]
        self.texts = [self.dtext[s:e] for s, e in zip(idx, ends)]
        self._space = [t.isspace() for t in self.texts]
        self.matches: dict[str, list[Match]] = {}
        pos = 0
        for line in self.dtext.split("\n"):  # per line, cached: ancestors repeat in every child
            for key, cs, ce in self._lm.line_matches(line):
                s, e = bisect_left(idx, pos + cs), bisect_left(ends, pos + ce)  # cue edges on token edges
                if s < self.n and idx[s] == pos + cs and e < self.n and ends[e] == pos + ce:
                    self.matches.setdefault(key, []).append(Match(key, s, e + 1))
            pos += len(line) + 1
        if glossary:
            self._add_defined_material(defined_material(self._lm, glossary))
            self._add_defined_verbs(defined_verbs(self._lm, glossary))
        for v in self.matches.values():
            v.sort(key=lambda m: (m.start, -m.end))
        # groups named in the sub-provisions / cumulative fellow elements (inputs.classify_items):
        # they may qualify an object of this provision, never add an act
        self.detail_groups = self._groups(detail)
        # groups named in the sections the provision refers to by number: what "an offence under
        # section 12" is (inputs.classify_items); "" when none was found in the statute
        self.references = references or ""
        self.reference_groups = self._groups(self.references)
        # read only when needed (most provisions never ask): preceding siblings hold the antecedent
        # of "such material"; the next sibling can state the penalty of an offence defined here
        self._before, self._after, self.glossary = before, after, glossary
        self._structure()

    def _add_defined_material(self, terms: tuple[tuple[str, ...], ...]) -> None:
        """Each use of a term the statute defines as CSAM counts as a strong material noun."""
        if not terms:
            return
        low = [t.lower() for t in self.texts]
        found = self.matches.setdefault("g:material_strong", [])
        have = {(m.start, m.end) for m in found}
        for term in terms:
            k = len(term)
            for i in range(self.n - k + 1):
                if low[i] == term[0] and tuple(low[i:i + k]) == term and (i, i + k) not in have:
                    found.append(Match("g:material_strong", i, i + k))

    def _add_defined_verbs(self, verbs: dict[str, frozenset[str]]) -> None:
        """Each use of a verb the statute defines to include other acts counts as those acts."""
        for i, text in enumerate(self.texts):
            word = text.lower()
            for stem, keys in verbs.items():
                if word.startswith(stem) and len(word) - len(stem) <= 4:
                    for key in keys:
                        self.matches.setdefault(key, []).append(Match(key, i, i + 1))

    # structure: lines, clauses, sentences, headings ---------------------------------
    def _groups(self, text: str) -> set[str]:
        return {key for line in (text or "").split("\n") for key, _, _ in self._lm.line_matches(line)
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
        n, dtext, texts = self.n, self.dtext, self.texts
        idx = np.array(self._idx, dtype=np.int64)
        self.in_text = [x >= self.offset for x in self._idx]
        # a token's line = newlines before it (non-space tokens never contain one)
        newlines = np.frombuffer(dtext.encode("utf-32-le"), dtype=np.uint32) == 10
        before = np.concatenate(([0], np.cumsum(newlines)))
        line_arr = before[idx] if n else np.zeros(0, dtype=np.int64)
        self.line = line = line_arr.tolist()
        self.lines: dict[int, list[int]] = {}
        for i, space in enumerate(self._space):
            if not space:
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
        return texts[nxt].istitle() or self._space[nxt] or not texts[nxt][0].isalnum()

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

    # queries -------------------------------------------------------------------------
    @property
    def conduct_objects(self) -> dict[str, str]:
        """conduct id -> the object its act needs ("material", "child", "child_or_material",
        "child_or_sexual" or "none"), for every conduct of the lexicon (not only the benchmark's)."""
        return self._lm.objects

    def element_present(self, group: str, tok: int) -> bool:
        """Is a ``group`` cue an element of the offence whose act is at ``tok``: in the act's
        sentence, in the chapeau or heading above the provision, in its sub-provisions, or in the
        section its purpose refers to by number?"""
        key = f"g:{group}"
        if key in self.detail_groups or key in self.reference_groups:
            return True
        return any(not self.in_text[m.start] or self.sentence[m.start] == self.sentence[tok] for m in self.get(key))

    def in_sentence(self, group: str, tok: int) -> bool:
        """Is a ``group`` cue in the sentence of token ``tok``?"""
        return any(self.sentence[m.start] == self.sentence[tok] for m in self.get(f"g:{group}"))

    def missing_element(self, conduct: str, tok: int) -> bool:
        """Does a hit of ``conduct`` at ``tok`` lack what the lexicon says the conduct needs besides
        its object (``requires``: grooming a sexual purpose, extortion a demand), or stand in a
        sentence that makes it another offence (``blocked_by``: enticing a child out of custody)?"""
        needs = self._lm.requires.get(conduct, ())
        if needs and not any(self.element_present(g, tok) for g in needs):
            # a purpose named only by number that the statute does not resolve: the judge says so
            return bool(self.references) or not self.in_sentence("offence_reference", tok)
        # each blocker is a group, or a list of groups that must all be in the sentence
        return any(all(self.in_sentence(g, tok) for g in ([b] if isinstance(b, str) else b))
                   for b in self._lm.blocked_by.get(conduct, ()))

    def lower(self, tok: int) -> str:
        """Token ``tok`` lowercased."""
        return self.texts[tok].lower()

    def is_punct(self, tok: int) -> bool:
        """Every character a punctuation mark (spaCy's ``is_punct``)."""
        return all(category(c).startswith("P") for c in self.texts[tok])

    def is_space(self, tok: int) -> bool:
        return self._space[tok]

    def token_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens overlapping the character span [start, end) of the provision's own text."""
        s, e = start + self.offset, end + self.offset
        toks = [i for i, (x, ln) in enumerate(zip(self._idx, self._len)) if x < e and x + ln > s]
        return (toks[0], toks[-1] + 1) if toks else None

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
        return self._idx[start_tok], self._idx[end_tok - 1] + self._len[end_tok - 1]

    def text_evidence(self, start_tok: int, end_tok: int) -> Evidence | None:
        """Evidence relative to the provision's own text (clipped to it); None if outside it."""
        toks = [i for i in range(start_tok, end_tok) if self.in_text[i]]
        if not toks:
            return None
        s, e = self.char_span(toks[0], toks[-1] + 1)
        s, e = s - self.offset, e - self.offset
        return Evidence(start=s, end=e, text=self.text[s:e])

    def _recipient(self, tok: int) -> bool:
        """Is the child at ``tok`` the one the material is shown, sold or given to ("to a child",
        "entre menores", a child noun in the dative, "djetetu", "osebi, mlajši ...")? Then the
        offence is exposure, and the child does not make a depiction CSAM."""
        if self.spans("g:child_recipient").starting(tok - 3, tok):
            return True
        i = tok - 1
        while i >= 0 and (self.texts[i].lower() in DETERMINERS or self.texts[i].lower() in PERSON_NOUNS):
            if self.texts[i].lower() == "a" and (self.texts[i + 1].lower() in ROMANCE_ARTICLES
                                                 or (self.lang or "en")[:2] in ("es", "pt", "it", "ca")):
                return True  # "entrega a un menor", "vende a menores": the Romance "a" of a recipient
            i -= 1
        return i >= 0 and self.texts[i].lower() in RECIPIENT

    def has_offence_marker(self) -> bool:
        return any(self.get(k) for k in ("g:offence", "g:actor", "g:mens_rea")) \
            or "g:offence" in self._groups(self._after)

    def offence_reference(self, act: Match, reach: int = 40) -> Match | None:
        """A purpose that names its offence by number after ``act`` in its sentence ("for the
        purpose of facilitating the commission of an offence under section 12"), or None."""
        for m in self.spans("g:offence_reference").starting(act.end, act.end + reach):
            if self.sentence[m.start] == self.sentence[act.start]:
                return m
        return None

    def sexual_in_sentence(self, tok: int) -> bool:
        return any(self.sentence[m.start] == self.sentence[tok] for m in self.get("g:sexual"))

    later_versions = ""  # set by the rules (ClassifyItem.later_versions)

    def superseded(self) -> bool:
        """Is the provision a superseded version of itself: its own text says so ("LEGISLACIÓN
        ANTERIOR", "Vigente desde: ... y hasta el: ..."; its ancestors are not asked: a consolidation's
        marker can leak into the next, current, article's context), or a later section of the statute
        has the same number and is not itself marked superseded (a consolidation printing successive
        versions of an article, the one in force last)?"""
        if any(self.in_text[m.start] or self._idx[m.start] >= self.offset - MARKER_REACH for m in self.get("g:superseded")):
            return True  # in its own text, or in the heading line right above its number ("LEGISLACIÓN
            # ANTERIOR | Artículo 218."), not further up where it can belong to an earlier block
        return any(line.strip() and "g:superseded" not in self._groups(line)
                   for line in self.later_versions.split("\n"))

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
        for i, text in enumerate(self.texts):
            if text.isalpha():  # (never a space)
                lines_first.setdefault(self.line[i], []).append(i)
        for role in ROLE_NAMES:
            hits = []
            for m in self.get(f"rs:{role}"):
                firsts = lines_first.get(self.line[m.start], [])
                if m.start in firsts[:3]:
                    hits.append(("line", m.start))
            hits += [("sent", m.start) for m in self.get(f"ra:{role}")]
            for rx in self._lm.role_regex.get(role, []):
                for ln, toks in self.lines.items():
                    s = self._idx[toks[0]]
                    e = self._idx[toks[-1]] + self._len[toks[-1]]
                    if rx.search(self.full[s:e]):
                        hits.append(("line", toks[0]))
            for how, tok in hits:
                if not self.in_text[tok]:
                    if role in self._lm.text_only_roles:
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
        # "material pornographic for minors", "harmful to minors": a standard of what minors may see
        # (exposure), naming neither a depicted child nor a sexual depiction of one
        standard = Spans(self.get("g:for_minors"))
        sexual = [m for m in self.get("g:sexual") if not standard.covering(m.start)]
        # "shows ... to a person under 16": a recipient child makes it exposure, not CSAM
        every_child = self.get("g:child")
        given_to = [c for c in every_child if self._recipient(c.start)]  # "entre personas menores de edad"
        child = [c for c in every_child if not any(r.start <= c.start < r.end for r in given_to)
                 and not standard.covering(c.start)]

        def near(m: Match, others: Spans, w: int = 60) -> bool:
            return any(self.sentence[o.start] == self.sentence[m.start] for o in others.starting(m.start - w, m.start + w))

        child_sp, sexual_sp = Spans(child), Spans(sexual)
        # "any visual depiction, if— (A) ... a minor engaging in sexually explicit conduct"
        below = "g:material_strong" in self.detail_groups or {"g:child", "g:sexual"} <= self.detail_groups
        # "§ 207a — Child sexual abuse material | (1) Whoever offers a depiction under subsection 4": the
        # heading just above names the material the provision's generic noun stands for
        below = below or any(not self.in_text[m.start] and self._idx[m.start] >= self.offset - HEADING_REACH
                             for m in strong)
        weak = [m for m in self.get("g:material_weak")
                if (below and self.in_text[m.start]) or (near(m, child_sp) and near(m, sexual_sp))]
        out = strong + weak
        # an antecedent in a preceding sibling: CSAM named there, or a depiction of a child in a sexual context
        before = self._groups(self._before) if not out else set()
        if out or "g:material_strong" in before or {"g:child", "g:sexual"} <= before:
            out += self.get("g:material_anaphor")
        return sorted(out, key=lambda m: m.start)
