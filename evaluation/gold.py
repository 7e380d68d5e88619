"""Agreement and summaries of the gold corpus (the loader itself is ``pipeline.gold``).

Re-exports the loader's names so the evaluation code reads them from one module.
"""
from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path

from pipeline.gold import (  # noqa: F401  (re-exported)
    ANNOTATOR_DIRS, MIN_ANCHOR, ROLES, GoldFormatError, GoldItem, LinkReport, completed_files,
    items_for_statute, link_anchor, listings, load_gold, load_synthetic, parse_statute, read_lines,
    scope_range, validate_label, validate_line)
from pipeline.records import CONDUCT_IDS


# -- inter-annotator agreement --------------------------------------------------------------
def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa of two equal-length label sequences; None when chance agreement is 1."""
    if len(a) != len(b):
        raise ValueError("sequences differ in length")
    n = len(a)
    if n == 0:
        return None
    po = sum(x == y for x, y in zip(a, b)) / n
    cats = set(a) | set(b)
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def _files_listed(d: Path) -> set[str]:
    return set(listings(d)) if d.is_dir() else set()


def paired_items(root: str = "annotations") -> list[tuple[GoldItem, GoldItem]]:
    """(A1, A2) items for the same provision, over the statutes both annotated completely."""
    a1 = load_gold(root, "A1", include_repealed=True)
    a2 = load_gold(root, "A2", include_repealed=True)
    a1_dir = Path(root) / ("first" if (Path(root) / "first").is_dir() else "gold")
    shared = _files_listed(a1_dir) & _files_listed(Path(root) / "second")
    idx2 = {(i.statute, i.eid): i for i in a2 if i.statute in shared}
    return [(i, idx2[(i.statute, i.eid)]) for i in a1 if (i.statute, i.eid) in idx2]


def kappa_report(root: str = "annotations") -> dict:
    """Per-conduct Cohen's kappa between A1 and A2 (presence; and full/partial where both label)."""
    pairs = paired_items(root)
    per: dict[str, dict] = {}
    all_a, all_b = [], []
    for cid in CONDUCT_IDS:
        pa = [cid in x.labels for x, _ in pairs]
        pb = [cid in y.labels for _, y in pairs]
        all_a += pa
        all_b += pb
        both = [(x.labels[cid], y.labels[cid]) for x, y in pairs if cid in x.labels and cid in y.labels]
        per[cid] = {
            "n_a1": sum(pa), "n_a2": sum(pb), "n_both": len(both),
            "presence_kappa": cohen_kappa(pa, pb),
            "presence_agreement": (sum(x == y for x, y in zip(pa, pb)) / len(pa)) if pa else None,
            "coverage_kappa": cohen_kappa([c for c, _ in both], [d for _, d in both]),
            "coverage_agreement": (sum(c == d for c, d in both) / len(both)) if both else None,
        }
    return {"statutes": sorted({x.statute for x, _ in pairs}), "n_provisions": len(pairs),
            "per_conduct": per,
            "overall": {"presence_kappa": cohen_kappa(all_a, all_b),
                        "presence_agreement": (sum(x == y for x, y in zip(all_a, all_b)) / len(all_a))
                        if all_a else None}}


def disagreements(root: str = "annotations") -> list[dict]:
    """Provisions where A1 and A2 differ in any conduct or coverage (input to adjudication)."""
    out = []
    for x, y in paired_items(root):
        if x.labels != y.labels:
            out.append({"statute": x.statute, "eid": x.eid, "text": x.text,
                        "A1": dict(x.labels), "A2": dict(y.labels),
                        "A1_because": dict(x.because), "A2_because": dict(y.because)})
    return out


def _fmt(v) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def kappa_markdown(report: dict) -> str:
    """The kappa report as a Markdown table (n/a = no variation, kappa undefined)."""
    lines = [f"Double-annotated statutes: {len(report['statutes'])}; provisions: {report['n_provisions']}",
             "",
             "| conduct | A1 | A2 | both | presence kappa | presence agreement | coverage kappa | coverage agreement |",
             "|---|---|---|---|---|---|---|---|"]
    for cid, r in report["per_conduct"].items():
        lines.append(f"| {cid} | {r['n_a1']} | {r['n_a2']} | {r['n_both']} | {_fmt(r['presence_kappa'])} | "
                     f"{_fmt(r['presence_agreement'])} | {_fmt(r['coverage_kappa'])} | {_fmt(r['coverage_agreement'])} |")
    o = report["overall"]
    lines.append(f"| **all (micro)** | | | | {_fmt(o['presence_kappa'])} | {_fmt(o['presence_agreement'])} | | |")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=4)
def _because_map(root: str) -> dict[str, str]:
    path = Path(root) / "BECAUSE_MAP.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {r["because"]: r["condition"] for r in csv.DictReader(fh, delimiter="\t")}


def because_conditions(because: str | None, root: str = "annotations") -> set[str]:
    """Gold 'because' text ('a; b') -> benchmark lexicon condition ids (annotations/BECAUSE_MAP.tsv).

    WHY: annotators write readable reasons; the rule engine names conditions. This map lets
    an evaluation compare the reason for 'partial', not only the word. Unknown -> 'other'.
    """
    if not because:
        return set()
    m = _because_map(str(Path(root).resolve()))
    return {m.get(part.strip(), "other") for part in because.split(";") if part.strip()}


def summary(items: list[GoldItem]) -> dict:
    """Counts for reports: statutes, provisions, labels per conduct and per jurisdiction."""
    per_conduct = {c: {"full": 0, "partial": 0} for c in CONDUCT_IDS}
    per_juris: dict[str, dict] = {}
    for i in items:
        j = per_juris.setdefault(i.jurisdiction, {"statutes": set(), "provisions": 0, "labelled": 0, "labels": 0})
        j["statutes"].add(i.statute)
        j["provisions"] += 1
        j["labelled"] += bool(i.labels)
        j["labels"] += len(i.labels)
        for cid, cov in i.labels.items():
            per_conduct[cid][cov] += 1
    for j in per_juris.values():
        j["statutes"] = len(j["statutes"])
    return {"statutes": len({i.statute for i in items}), "provisions": len(items),
            "labelled_provisions": sum(1 for i in items if i.labels),
            "labels": sum(len(i.labels) for i in items),
            "sections": len({(i.statute, i.section_eid) for i in items}),
            "labelled_sections": len({(i.statute, i.section_eid) for i in items if i.labels}),
            "jurisdictions_with_labels": sorted(k for k, v in per_juris.items() if v["labelled"]),
            "per_conduct": per_conduct, "per_jurisdiction": dict(sorted(per_juris.items()))}


def summary_markdown(s: dict) -> str:
    out = [f"Statutes {s['statutes']}, provisions {s['provisions']} ({s['labelled_provisions']} labelled, "
           f"{s['labels']} labels), sections {s['sections']} ({s['labelled_sections']} labelled); "
           f"jurisdictions with a labelled provision: {len(s['jurisdictions_with_labels'])}", "",
           "| conduct | full | partial |", "|---|---|---|"]
    out += [f"| {c} | {v['full']} | {v['partial']} |" for c, v in s["per_conduct"].items()]
    out += ["", "| jurisdiction | statutes | provisions | labelled | labels |", "|---|---|---|---|---|"]
    out += [f"| {k} | {v['statutes']} | {v['provisions']} | {v['labelled']} | {v['labels']} |"
            for k, v in s["per_jurisdiction"].items()]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # python -m evaluation.gold [root] [--kappa]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    r = args[0] if args else "annotations"
    rep = LinkReport()
    gold = load_gold(r, report=rep)
    print(f"{rep.linked} lines linked, {len(rep.unlinked)} unlinked, {len(rep.straddled)} straddled, "
          f"{len(rep.missegmented)} not placed by the segmenter\n")
    print(summary_markdown(summary(gold)))
    if "--kappa" in sys.argv:
        print(kappa_markdown(kappa_report(r)))
