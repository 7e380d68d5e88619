"""Precision/recall of the terminology flagger on the labelled sentence corpus.

Corpus: ``tests/data/terms/<split>.jsonl``, one statutory-style sentence per line:
``{"id", "lang", "split", "text", "flags": [{"text", "severity", "legal_term_retained"}],
"exempt": [surface strings], "kind"}``. Each sentence is scanned as a document of its
own. A predicted flag matches a gold flag when their spans overlap (one-to-one); the
same surface string listed twice means its first and second occurrences. Severity,
``legal_term_retained`` and exempt recall are reported beside P/R, not folded into them.

Wire-up: ``lexbench evaluate --terms`` should call ``main(argv)`` (or ``evaluate()``).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.records import Document, TermFlag
from pipeline.terminology import TermFlagger

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "terms"
TARGET_P, TARGET_R = 0.99, 0.98


@dataclass
class LangScore:
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    severity_ok: int = 0
    retained_ok: int = 0
    exempt_gold: int = 0
    exempt_found: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict:
        return {"sentences": self.sentences, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "severity_agreement": round(self.severity_ok / self.tp, 4) if self.tp else None,
                "retained_agreement": round(self.retained_ok / self.tp, 4) if self.tp else None,
                "exempt_recall": round(self.exempt_found / self.exempt_gold, 4) if self.exempt_gold else None}


def read_corpus(paths: list[Path]) -> list[dict]:
    rows = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def locate(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Gold surface strings -> spans (n-th listing of a string = its n-th occurrence)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for s in surfaces:
        pos = -1
        for _ in range(seen[s] + 1):
            pos = text.find(s, pos + 1)
            if pos < 0:
                raise ValueError(f"gold span {s!r} not found in {text!r}")
        seen[s] += 1
        out.append((pos, pos + len(s)))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_sentence(row: dict, flags: list[TermFlag], exempt: list[TermFlag], sc: LangScore) -> None:
    gold = row.get("flags", [])
    gspans = locate(row["text"], [g["text"] for g in gold])
    used = set()
    for g, gs in zip(gold, gspans):
        match = next((i for i, f in enumerate(flags) if i not in used and _overlaps(gs, (f.start, f.end))), None)
        if match is None:
            sc.fn += 1
            sc.errors.append({"id": row["id"], "type": "fn", "gold": g["text"], "text": row["text"],
                              "exempt_as": [e.exempt_reason for e in exempt if _overlaps(gs, (e.start, e.end))]})
            continue
        used.add(match)
        f = flags[match]
        sc.tp += 1
        sc.severity_ok += f.severity == g["severity"]
        sc.retained_ok += f.legal_term_retained == bool(g.get("legal_term_retained"))
        if f.severity != g["severity"] or f.legal_term_retained != bool(g.get("legal_term_retained")):
            sc.errors.append({"id": row["id"], "type": "severity", "gold": g, "got": [f.severity, f.legal_term_retained],
                              "text": row["text"]})
    for i, f in enumerate(flags):
        if i not in used:
            sc.fp += 1
            sc.errors.append({"id": row["id"], "type": "fp", "got": f.text, "rule": f.rule, "text": row["text"]})
    for es in locate(row["text"], row.get("exempt", [])):
        sc.exempt_gold += 1
        if any(_overlaps(es, (e.start, e.end)) for e in exempt):
            sc.exempt_found += 1
        else:
            sc.errors.append({"id": row["id"], "type": "exempt_missed", "gold": row["text"][es[0]:es[1]],
                              "text": row["text"]})


def evaluate(splits: list[str] | None = None, data_dir: Path = DATA_DIR, rules: str | None = None,
             flagger: TermFlagger | None = None) -> dict[str, LangScore]:
    """Scores per language over the given corpus splits (default: dev and heldout)."""
    splits = splits or ["dev", "heldout", "challenge"]
    rows = read_corpus([data_dir / f"{s}.jsonl" for s in splits])
    flagger = flagger or TermFlagger.load(rules)
    scores: dict[str, LangScore] = defaultdict(LangScore)
    for row in rows:
        doc = Document(path=row["id"], name=row["id"], sha256="", text=row["text"], kind="text", lang=row["lang"])
        flags, exempt = flagger.flag(doc)
        sc = scores[row["lang"]]
        sc.sentences += 1
        score_sentence(row, flags, exempt, sc)
    return dict(scores)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="lexbench evaluate --terms", description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", choices=["dev", "heldout", "challenge"],
                    help="corpus split(s); repeatable; default: each split separately")
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--rules", help="terminology rule id or YAML path")
    ap.add_argument("--errors", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help=f"exit 1 below P {TARGET_P} / R {TARGET_R}")
    args = ap.parse_args([] if argv is None else argv)  # None: called by `lexbench evaluate --terms`
    flagger = TermFlagger.load(args.rules)
    groups = [[s] for s in args.split] if args.split else [["dev"], ["heldout"], ["challenge"],
                                                           ["dev", "heldout", "challenge"]]
    report, ok = {}, True
    for g in groups:
        scores = evaluate(g, args.data, flagger=flagger)
        name = "+".join(g)
        report[name] = {lang: s.as_dict() for lang, s in sorted(scores.items())}
        for lang, s in sorted(scores.items()):
            ok &= s.precision >= TARGET_P and s.recall >= TARGET_R
            if not args.json:
                d = s.as_dict()
                print(f"{name:22} {lang}  n={d['sentences']:3}  P={d['precision']:.3f}  R={d['recall']:.3f}  "
                      f"tp={s.tp} fp={s.fp} fn={s.fn}  severity={d['severity_agreement']}  "
                      f"retained={d['retained_agreement']}  exempt_recall={d['exempt_recall']}")
            if args.errors:
                for e in s.errors:
                    print("   ", json.dumps(e, ensure_ascii=False))
    if args.json:
        print(json.dumps({"rules": f"{flagger.ruleset.id}@{flagger.ruleset.version}", "scores": report}, indent=2))
    return 0 if (ok or not args.check) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
