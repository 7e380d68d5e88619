"""Terminology rule data: the rule file (``models/terminology/<id>.yaml``) compiled into a ``RuleSet``.

Reads: the rule file. Writes: nothing (a validated ``RuleSet``, cached per file version; its regexes are compiled on
first use, per language).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from pipeline.resources import TERMINOLOGY_DIR, load_yaml

RULES_DIR = TERMINOLOGY_DIR
DEFAULT_RULES = "luxembourg-2016"
SEVERITIES = ("must_replace", "replace_unless_legal_term", "use_with_care")
LOW_CONFIDENCE_NOTE = " [lower confidence: rule not checked against the Guidelines in this language]"

_JOIN = r"[\s\-\u2010\u2011\u00ad]*"


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


class LazyPatterns(Mapping):
    """Named regexes (the shared context cues), each compiled the first time it is looked up."""

    def __init__(self, sources: dict[str, str]):
        self._sources = sources
        self._compiled: dict[str, re.Pattern] = {}

    def __getitem__(self, name: str) -> re.Pattern:
        pat = self._compiled.get(name)
        if pat is None:
            pat = self._compiled[name] = re.compile(self._sources[name], re.UNICODE | re.IGNORECASE)
        return pat

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@dataclass
class RuleSet:
    """A validated rule file. Its regexes are compiled on first use, one language's rules at a
    time (a statute has one language: the other languages' rules are never compiled)."""

    id: str
    version: str
    languages: list[str]
    ctx: LazyPatterns
    quote_pairs: list[str]
    raw: dict[str, Any]
    _by_lang: dict[str, list[Rule]] = field(default_factory=dict, repr=False)
    _titles: list[Title] | None = field(default=None, repr=False)

    def rules_for(self, lang: str) -> list[Rule]:
        """``lang``'s rules in file order (compiled on the first call for ``lang``)."""
        rules = self._by_lang.get(lang)
        if rules is None:
            rules = self._by_lang[lang] = [_compile_rule(r, self.ctx) for r in self.raw["rules"] if r["lang"] == lang]
        return rules

    @property
    def rules(self) -> list[Rule]:
        """Every rule in file order (compiles every language)."""
        langs = list(dict.fromkeys(r["lang"] for r in self.raw["rules"]))
        order = {r["id"]: i for i, r in enumerate(self.raw["rules"])}
        return sorted((r for lang in langs for r in self.rules_for(lang)), key=lambda r: order[r.id])

    @property
    def titles(self) -> list[Title]:
        if self._titles is None:
            self._titles = [Title(t["name"], compile_pattern(t["pattern"], bool(t.get("case_sensitive"))),
                                  bool(t.get("heading"))) for t in self.raw.get("titles", [])]
        return self._titles


def _ctx_regex(value: str | None, ctx: LazyPatterns) -> re.Pattern | None:
    """A context key is either the name of a shared cue (``child``) or a regex."""
    if not value:
        return None
    if value in ctx:
        return ctx[value]
    return re.compile(value, re.IGNORECASE | re.UNICODE)


def _validate_rule(r: dict[str, Any], seen: set[str]) -> None:
    rid = r["id"]
    if rid in seen:
        raise ValueError(f"terminology rules: duplicate id {rid}")
    seen.add(rid)
    if r["severity"] not in SEVERITIES:
        raise ValueError(f"terminology rule {rid}: bad severity {r['severity']!r}")
    for key in ("reason", "replacement", "patterns", "lang"):
        if not r.get(key):
            raise ValueError(f"terminology rule {rid}: missing '{key}'")


def _compile_rule(r: dict[str, Any], ctx: LazyPatterns) -> Rule:
    cs = bool(r.get("case_sensitive"))
    return Rule(
        id=r["id"], lang=r["lang"], severity=r["severity"],
        patterns=[compile_pattern(p, cs) for p in r["patterns"]],
        replacement=list(r["replacement"]), guideline=r.get("guideline", ""),
        reason=r["reason"].strip() + (LOW_CONFIDENCE_NOTE if r.get("min_confidence") == "low" else ""),
        requires=_ctx_regex(r.get("requires"), ctx), ignore_near=_ctx_regex(r.get("ignore_near"), ctx),
        only_if=_ctx_regex(r.get("only_if"), ctx), only_if_reason=r.get("only_if_reason"),
        unless=[(_ctx_regex(u["pattern"], ctx), u["reason"]) for u in r.get("unless", [])],
        exempt_phrases=[(compile_pattern(u["pattern"]), u["reason"]) for u in r.get("exempt_phrases", [])],
        statute_exempt=r.get("statute_exempt"), clinical_exempt=bool(r.get("clinical_exempt")),
        legal_formula=bool(r.get("legal_formula")), confidence=r.get("min_confidence", "normal"))


def parse_ruleset(raw: dict[str, Any]) -> RuleSet:
    """Validate a rule file: a missing key, a duplicate id or a bad severity fails here, not
    mid-batch. Regexes compile on first use (``rules_for``); the shipped file's are all
    compiled by its tests."""
    for key in ("id", "version", "rules"):
        if key not in raw:
            raise ValueError(f"terminology rules: missing '{key}'")
    c = raw.get("context", {})
    seen: set[str] = set()
    for r in raw["rules"]:
        _validate_rule(r, seen)
    raw = copy.deepcopy(raw)
    return RuleSet(id=str(raw["id"]), version=str(raw["version"]),
                   languages=list(raw.get("languages") or sorted({r["lang"] for r in raw["rules"]})),
                   ctx=LazyPatterns({k: v for k, v in c.items() if k != "quote_pairs"}),
                   quote_pairs=list(c.get("quote_pairs", ['""'])), raw=raw)


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
