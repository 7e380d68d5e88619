"""Terminology rule data: the rule file (``models/terminology/<id>.yaml``) compiled into a ``RuleSet``.

Reads: the rule file. Writes: nothing (a compiled ``RuleSet``, cached per file version).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

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
