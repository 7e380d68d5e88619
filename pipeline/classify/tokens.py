"""Words of a line, split exactly as spaCy's blank tokenizer splits them, without spaCy.

Reads: ``models/tokenizers/<lang>.json.gz`` (spaCy's prefix, suffix and infix patterns, token and
URL matches and special cases for that language, written by ``scripts/tokenizer_data.py`` from
``pipeline.nlp.tokenizer_settings``). Gives: ``tokenizer(lang).spans(text)`` -> (token starts,
token ends), character offsets into ``text``.

WHY not spaCy itself: the rules only need word boundaries and lower-case forms, yet importing
spaCy and building a blank pipeline was about half of a one-line statute's start-up, and making
a ``Doc`` per provision most of classification time. This is spaCy's algorithm
(``spacy/tokenizer.pyx``: whitespace split, affixes, special cases, token and URL matches,
infixes, then the special cases that span affix splits) over the same patterns, with a cache per
whitespace-separated chunk; tests/classify/test_tokens.py compares it with spaCy.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache

LANGS = {"en", "fr", "nl", "de", "it", "es", "pt", "el"}  # others: spaCy's multi-language "xx"
_CHUNKS = re.compile(r"\S+|\s+")  # \s is str.isspace(), spaCy's whitespace test


def tokenizer_lang(lang: str | None) -> str:
    code = (lang or "en").split("-")[0].lower()
    return code if code in LANGS else "xx"


class Tokenizer:
    """One language's tokenizer (see the module docstring). ``spans`` is all callers need."""

    LINES_MAX = 20_000  # distinct lines remembered (a 300-page statute has ~13,000)
    CHUNKS_MAX = 100_000  # distinct words remembered

    def __init__(self, settings: dict):
        def compiled(key):
            spec = settings.get(key)
            return re.compile(spec[0], spec[1]) if spec else None

        self.prefix, self.suffix, self.infix = compiled("prefix"), compiled("suffix"), compiled("infix")
        self.token_match, self.url_match = compiled("token_match"), compiled("url_match")
        self.rules: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in settings["rules"].items()}
        # special cases whose own text splits on an affix, infix or space (spaCy's _special_matcher):
        # first token -> token sequences, to re-join after the affix pass
        self.phrases: dict[str, set[tuple[str, ...]]] = {}
        for text, toks in (settings.get("phrases") or {}).items():
            if len(toks) == 1 and self.rules[text] == (text,):
                continue  # " ", "\n": re-applying changes nothing, and only blocks its own token
            self.phrases.setdefault(toks[0], set()).add(tuple(toks))
        # the same, by their first two tokens: "(" and ":" start many, and are everywhere
        self._singles = {first for first, seqs in self.phrases.items() if any(len(q) == 1 for q in seqs)}
        self._pairs: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for seqs in self.phrases.values():
            for q in seqs:
                if len(q) > 1:
                    self._pairs.setdefault(q[:2], []).append(q)
        self._chunks: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}
        self._lines: dict[str, tuple[int, int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}

    # -- the whole text ----------------------------------------------------------------------
    def spans(self, text: str) -> tuple[list[int], list[int]]:
        """(starts, ends) of every token of ``text``; whitespace other than one space after a
        word is a token too, as in spaCy.

        WHY per line: a provision is analysed with its ancestors' lines, which repeat in every
        sibling; a line's words split the same wherever it stands, only the whitespace around
        it (trailing blanks, the newline, the next line's indent: one run) depends on neighbours."""
        starts: list[int] = []
        ends: list[int] = []
        cands: list[int] = []  # tokens that can start a special case of the second pass
        lines, pos, run, after_word = self._lines, 0, 0, False  # run: start of the pending whitespace
        for line in text.split("\n"):
            hit = lines.get(line)
            if hit is None:
                hit = self._line(line)
                if len(lines) >= self.LINES_MAX:
                    lines.clear()
                lines[line] = hit
            lead, trail, ls, le, lc = hit
            if lead < 0:  # all whitespace: the run goes on
                pos += len(line) + 1
                continue
            self._whitespace(text, run, pos + lead, after_word, starts, ends, cands)
            if lc:
                cands.extend(len(starts) + c for c in lc)
            starts.extend([pos + x for x in ls])
            ends.extend([pos + x for x in le])
            after_word, run = True, pos + len(line) - trail
            pos += len(line) + 1
        self._whitespace(text, run, len(text), after_word, starts, ends, cands)
        if cands:
            self._join_phrases(text, starts, ends, cands)
        return starts, ends

    def _whitespace(self, text: str, a: int, b: int, after_word: bool, starts, ends, cands) -> None:
        """The whitespace run [a, b): its first space belongs to the word before it."""
        if a < b and after_word and text[a] == " ":
            a += 1
        if a < b:
            cs, ce, cc = self._chunk(text[a:b])
            cands.extend(len(starts) + c for c in cc)
            starts.extend([a + x for x in cs])
            ends.extend([a + x for x in ce])

    def _line(self, line: str) -> tuple[int, int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """(leading blanks or -1 if the line is all whitespace, trailing blanks, token starts and
        ends of what lies between, candidates of the second pass), offsets within the line."""
        core = line.strip()
        if not core:
            return -1, 0, (), (), ()
        lead = len(line) - len(line.lstrip())
        starts: list[int] = []
        ends: list[int] = []
        cands: list[int] = []
        if "  " not in core and core.isprintable():  # words one space apart (no other whitespace)
            pairs = []
            pos = lead
            for word in core.split(" "):
                pairs.append((word, pos))
                pos += len(word) + 1
        else:
            pairs = [(m.group(), m.start() + lead) for m in _CHUNKS.finditer(core)]
        chunk_of = self._chunk
        for chunk, pos in pairs:
            if chunk[0].isspace():
                if chunk[0] == " ":  # the one space after a word belongs to it
                    chunk, pos = chunk[1:], pos + 1
                if not chunk:
                    continue
            cs, ce, cc = chunk_of(chunk)
            if cc:
                cands.extend(len(starts) + c for c in cc)
            if len(cs) == 1:
                starts.append(pos + cs[0])
                ends.append(pos + ce[0])
            else:
                starts.extend([pos + x for x in cs])
                ends.extend([pos + x for x in ce])
        return lead, len(line) - lead - len(core), tuple(starts), tuple(ends), tuple(cands)

    def _chunk(self, chunk: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """A chunk's token starts and ends, and which of its tokens can start a special case of
        the second pass (memoised)."""
        hit = self._chunks.get(chunk)
        if hit is None:
            pieces = self.pieces(chunk, True)
            starts, ends, pos = [], [], 0
            for p in pieces:
                starts.append(pos)
                pos += len(p)
                ends.append(pos)
            hit = (tuple(starts), tuple(ends), tuple(i for i, p in enumerate(pieces) if p in self.phrases))
            if len(self._chunks) >= self.CHUNKS_MAX:
                self._chunks.clear()
            self._chunks[chunk] = hit
        return hit

    # -- one chunk (spaCy's _tokenize: _split_affixes + _attach_tokens) ------------------------
    def pieces(self, string: str, specials: bool) -> list[str]:
        """The token texts of one whitespace-free (or all-whitespace) chunk."""
        rules = self.rules if specials else {}
        if string in rules:
            return list(rules[string])
        prefixes: list[str] = []
        suffixes: list[str] = []
        token_match, last = self.token_match, 0
        while string and len(string) != last:
            if (token_match and token_match.match(string)) or string in rules:
                break
            last = len(string)
            pre_len = self._affix_len(self.prefix, string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in rules:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._affix_len(self.suffix, string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in rules:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        out = prefixes
        if string:
            if string in rules:
                out.extend(rules[string])
            elif (token_match and token_match.match(string)) or (self.url_match and self.url_match.match(string)):
                out.append(string)
            else:
                out.extend(self._infixes(string))
        out.extend(reversed(suffixes))
        return out

    @staticmethod
    def _affix_len(pattern, string: str) -> int:
        if pattern is None:
            return 0
        m = pattern.search(string)
        return m.end() - m.start() if m is not None else 0

    def _infixes(self, string: str) -> list[str]:
        matches = list(self.infix.finditer(string)) if self.infix is not None else []
        if not matches:
            return [string]
        out, start = [], 0
        for m in matches:
            a, b = m.start(), m.end()
            if a == 0:  # an infix at the very start does not split
                continue
            if a != start:
                out.append(string[start:a])
            if a != b:
                out.append(string[a:b])
            start = b
        if string[start:]:
            out.append(string[start:])
        return out

    # -- the second pass (spaCy's _apply_special_cases) -----------------------------------------
    def _join_phrases(self, text: str, starts: list[int], ends: list[int], cands: list[int]) -> None:
        """Special cases split by the affix pass ("(a.m.)" style) put back, longest first."""
        n, singles, pairs = len(starts), self._singles, self._pairs
        found = set()
        for i in cands:
            first = text[starts[i]:ends[i]]
            if first in singles:
                found.add((i, i + 1))
            if i + 1 < n:
                for seq in pairs.get((first, text[starts[i + 1]:ends[i + 1]]), ()):
                    k = len(seq)
                    if i + k <= n and all(text[starts[i + j]:ends[i + j]] == seq[j] for j in range(2, k)):
                        found.add((i, i + k))
        if not found:
            return
        seen = bytearray(n)
        kept = []
        for s, e in sorted(found, key=lambda x: (x[0] - x[1], x[0])):
            if not seen[s] and not seen[e - 1]:
                kept.append((s, e))
            seen[s:e] = b"\x01" * (e - s)
        for s, e in sorted(kept, reverse=True):  # from the end: earlier indices stay valid
            rule = self.rules.get(text[starts[s]:ends[e - 1]])
            if not rule:
                continue
            pos, new_s, new_e = starts[s], [], []
            for piece in rule:
                new_s.append(pos)
                pos += len(piece)
                new_e.append(pos)
            starts[s:e], ends[s:e] = new_s, new_e


def phrase_rules(tok: Tokenizer) -> dict[str, list[str]]:
    """The special cases spaCy re-applies after the affix pass, with their affix-pass tokens:
    those whose text has a prefix, suffix or infix match or a space (spaCy's faster_heuristics)."""
    out = {}
    for text in tok.rules:
        if (tok._affix_len(tok.prefix, text) or tok._affix_len(tok.suffix, text)
                or (tok.infix is not None and list(tok.infix.finditer(text))) or " " in text):
            plain = Tokenizer.__new__(Tokenizer)
            plain.__dict__.update(tok.__dict__, rules={}, phrases={}, _chunks={}, _lines={})
            starts, ends = plain.spans(text)
            out[text] = [text[s:e] for s, e in zip(starts, ends)]
    return out


def tokenizer(lang: str | None) -> Tokenizer:
    """The tokenizer of a language (``tokenizer_lang``), loaded once per process."""
    return _load(tokenizer_lang(lang))


@lru_cache(maxsize=None)
def _load(code: str) -> Tokenizer:
    """Its regular expressions come from the compiled-regex cache (French's token match is 1.4 MB)."""
    from pipeline.nlp import regex_cache
    from pipeline.resources import MODELS_DIR

    with gzip.open(MODELS_DIR / "tokenizers" / f"{code}.json.gz", "rt", encoding="utf-8") as fh:
        settings = json.load(fh)
    with regex_cache(f"tokenizer-{settings['spacy']}-{code}"):
        return Tokenizer(settings)
