"""Segmentation scores and their report: multiset P/R/F1, micro-averaged per source format and
tradition, the worst files, Markdown (used by ``evaluation.segmentation``)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

@dataclass
class SectionScore:
    name: str
    expected: int
    found: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"expected": self.expected, "found": self.found, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def score(expected: list[str], found: list[str], name: str = "") -> SectionScore:
    """Multiset agreement: each expected number can be matched once."""
    matched = sum((Counter(expected) & Counter(found)).values())
    return SectionScore(name, len(expected), len(found), matched)


def _sum(scores: list[SectionScore], name: str) -> SectionScore:
    return SectionScore(name, sum(s.expected for s in scores), sum(s.found for s in scores),
                        sum(s.matched for s in scores))


def summarise(results: list[Any], worst: int = 20) -> dict:
    """Micro-averaged P/R/F1 overall, per source format and per tradition; the worst Acts."""
    def group(key) -> dict:
        out = {}
        for k in sorted({key(r) for r in results}):
            rs = [r for r in results if key(r) == k]
            out[k] = {"files": len(rs), "section": _sum([r.section for r in rs], k).as_dict(),
                      "all_levels": _sum([r.levels for r in rs], k).as_dict(),
                      "baseline_section": _sum([r.baseline for r in rs], k).as_dict(),
                      "macro_section_f1": round(sum(r.section.f1 for r in rs) / len(rs), 4)}
        return out

    ranked = sorted(results, key=lambda r: (r.section.f1, r.levels.f1, r.item.rel))
    return {
        "overall": group(lambda r: "all")["all"] if results else {},
        "by_format": group(lambda r: r.item.fmt),
        "by_tradition": group(lambda r: r.item.tradition),
        "worst": [{"path": r.item.rel, "tradition": r.item.tradition, "format": r.item.fmt,
                   "section": r.section.as_dict(), "all_levels": r.levels.as_dict(),
                   "baseline_f1": round(r.baseline.f1, 4), "error": r.error} for r in ranked[:worst]],
        "files": {r.item.rel: {"section": r.section.as_dict(), "all_levels": r.levels.as_dict(),
                               "baseline_f1": round(r.baseline.f1, 4), "seconds": round(r.seconds, 3),
                               "error": r.error} for r in results},
    }


def _row(name: str, g: dict) -> str:
    s, a, b = g["section"], g["all_levels"], g["baseline_section"]
    return (f"| {name} | {g['files']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
            f"{a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} | {b['f1']:.3f} |")


def markdown(summary: dict, meta: dict) -> str:
    head = ("| group | files | sec P | sec R | sec F1 | all P | all R | all F1 | baseline sec F1 |\n"
            "|---|---|---|---|---|---|---|---|---|")
    lines = [f"# Segmentation against structure truth ({meta['split']})", "",
             f"commit `{meta['commit']}`{' (uncommitted changes)' if meta['dirty'] else ''}, "
             f"{meta['files']} files, {meta['seconds']:.0f} s. Section level: section/article/rule/regulation "
             "units matched by number (multiset). All levels: every numbered unit matched by its number path "
             "(from its section inside a section, else its chain of container numbers). "
             "Baseline: a regex for `N.` / `Article N` / `Art. N` / `§ N` at the start of a line.", "",
             head, _row("**all**", summary["overall"]), "", "## By source format", "", head]
    lines += [_row(k, g) for k, g in summary["by_format"].items()]
    lines += ["", "## By drafting tradition", "", head]
    lines += [_row(k, g) for k, g in summary["by_tradition"].items()]
    lines += ["", f"## Worst {len(summary['worst'])} files", "",
              "| file | tradition | sec F1 (P/R) | all F1 | baseline sec F1 | error |", "|---|---|---|---|---|---|"]
    for w in summary["worst"]:
        s = w["section"]
        lines.append(f"| {w['path']} | {w['tradition']} | {s['f1']:.3f} ({s['precision']:.2f}/{s['recall']:.2f}) | "
                     f"{w['all_levels']['f1']:.3f} | {w['baseline_f1']:.3f} | {w['error'] or ''} |")
    return "\n".join(lines) + "\n"
