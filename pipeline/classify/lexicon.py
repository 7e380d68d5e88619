"""The benchmark's cues compiled once per (benchmark, language): which cue matches where in a line.

Reads: a ``Benchmark`` (its lexicon groups, roles, conduct act cues and partial conditions).
Gives: ``lexicon_matcher(bench, lang).line_matches(line)`` -> (key, start char, end char) per cue,
with keys ``g:<group>``, ``rs:``/``ra:<role>``, ``c:<conduct>``, ``k:``/``u:<conduct>:<condition>``;
and ``defined_material``: the terms a statute's glossary defines as CSAM.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.benchmarks import Benchmark, CueToken, cue_patterns, cue_tokens
from pipeline.classify.tokens import tokenizer, tokenizer_lang


class LexiconMatcher:
    """All cues of one benchmark (groups, roles, conducts, conditions), compiled once.

    WHY not a spaCy Matcher: prefix cues (``distribut*``) become REGEX predicates that the
    Matcher evaluates for every token and pattern, which took ~95% of classification time.
    Here each distinct word is tested once against every cue word position (``CueToken``) and
    the answer, a set of position ids, is cached per word; patterns are then followed from the
    tokens whose ids start them. Results equal the Matcher's with ``greedy="LONGEST"``: all
    (start, end) pairs of a key, longest first (earlier start on ties), overlapping ones dropped.
    Raw spaCy token-pattern cues (lists) still go through a spaCy Matcher for their key (spaCy
    is imported only then); words are split by ``classify.tokens``, as spaCy splits them.
    """

    WORD_CACHE_MAX = 200_000
    LINE_CACHE_MAX = 20_000

    def __init__(self, bench: Benchmark, lang: str):
        self.lang = tokenizer_lang(lang)
        self.tok = tokenizer(self.lang)
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
        # what a hit of the conduct needs beside its object (a group in its sentence or chapeau), and
        # what rules it out (a group in its sentence): benchmarks.load_lexicon checks the group names
        self.requires = {cid: tuple(spec.get("requires") or ()) for cid, spec in lex["conducts"].items()}
        self.blocked_by = {cid: tuple(b if isinstance(b, str) else tuple(b) for b in spec.get("blocked_by") or ())
                           for cid, spec in lex["conducts"].items()}
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
        # position id -> (key, rest, rest has no gap)
        self._first: dict[int, list[tuple[int, tuple[int, ...], bool]]] = {}
        self._matcher = None
        for key, cues in self._cues.items():
            compiled = [cue_tokens(c) for c in cues]
            if any(c is None for c in compiled):  # a raw token pattern: the whole key to spaCy
                if self._matcher is None:
                    vocab = self.nlp.vocab  # spaCy imported by pipeline.nlp (without torch) first
                    from spacy.matcher import Matcher

                    self._matcher = Matcher(vocab)
                self._matcher.add(key, [p for c in cues for p in cue_patterns(c)], greedy="LONGEST")
                continue
            k = len(self.keys)
            self.keys.append(key)
            for seq in compiled:  # word -> position id >= 0, gap ~N -> -(N + 1)
                ids = tuple(positions.setdefault(el, len(positions)) if isinstance(el, CueToken) else -el - 1
                            for el in seq)
                self._first.setdefault(ids[0], []).append((k, ids[1:], min(ids[1:], default=0) >= 0))
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

    @property
    def nlp(self):
        """spaCy's tokenizer of the language (``pipeline.nlp.blank_tokenizer``), for raw token patterns."""
        from pipeline.nlp import blank_tokenizer

        return blank_tokenizer(self.lang)

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
            starts, ends = self.tok.spans(line)
            found = self._match([line[s:e].lower() for s, e in zip(starts, ends)], line)
            hit = tuple((key, starts[s], ends[e - 1]) for key, s, e in found)
            if len(self._cache) >= self.LINE_CACHE_MAX:
                self._cache.clear()
            self._cache[line] = hit
        return hit

    def _match(self, lowers: list[str], line: str) -> list[tuple[str, int, int]]:
        """(key, start token, end token) of every cue in one line's lower-case tokens."""
        n = len(lowers)
        words, positions = self._words, self.word_positions
        at = []
        for w in lowers:
            pos = words.get(w)
            at.append(positions(w) if pos is None else pos)
        pairs: dict[int, set[tuple[int, int]]] = {}
        first = self._first
        for i in range(n):
            for pid in at[i]:
                for k, rest, plain in first.get(pid, ()):
                    if plain:  # consecutive words (most cues): one path to follow
                        p = i + 1
                        for el in rest:
                            if p < n and el in at[p]:
                                p += 1
                            else:
                                break
                        else:
                            pairs.setdefault(k, set()).add((i, p))
                        continue
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
            out += [(self.nlp.vocab.strings[k], s, e) for k, s, e in self._matcher(self.nlp.make_doc(line))]
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
    key = (bench.fingerprint or f"object:{id(bench)}", tokenizer_lang(lang))
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
        starts, ends = lm.tok.spans(head)
        words = tuple(w for w in (head[s:e].lower() for s, e in zip(starts, ends)) if not w.isspace())
        if words and any(len(w) > 2 for w in words):
            terms.add(words)
    return tuple(sorted(terms))

