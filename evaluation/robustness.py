"""Layout robustness of the segmenter, measured on development files only.

Each development text with structure truth (never a blind file: the split is that of
``evaluation.segmentation --exclude-blind``; PDFs are left out, their layout is the PDF's) is
re-rendered in the layouts of ``evaluation.layouts`` (hard-wrapped, marginal notes above / inline
/ below the number, capitals containers, page headers and numbers, blank lines removed or
doubled, indentation, Markdown, CRLF) with its truth kept, and scored like the plain file:
section-level and all-levels F1 per layout, overall and per drafting tradition.

Usage: ``python -m evaluation.robustness [--sample N] [--transforms a,b] [-j N] [--no-save]
[--dump DIR] [PATH ...]``; writes evaluation/results/robustness.{json,md}. On all 470 texts and
13 layouts it runs ~13 times as long as the plain evaluation; ``--sample`` takes N files spread
over the traditions (the same N files every time).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.extract import decode
from evaluation.layouts import TRANSFORMS, render
from evaluation.segmentation import RESULTS, Item, Unit, _commit, score_item, select
from evaluation.segmentation_scores import SectionScore


def _items(paths: list[str], sample: int | None) -> list[Item]:
    items = [i for i in select("dev", paths) if i.fmt != "pdf" and i.truth.suffix == ".json"]
    if not sample or sample >= len(items):
        return items
    by_trad: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        by_trad[i.tradition].append(i)
    picked: list[Item] = []
    queues = [sorted(v, key=lambda i: i.rel) for _, v in sorted(by_trad.items())]
    strides = [max(1, len(q) * len(queues) // sample) for q in queues]
    pos = [0] * len(queues)
    while len(picked) < sample and any(p < len(q) for p, q in zip(pos, queues)):
        for k, q in enumerate(queues):
            if pos[k] < len(q) and len(picked) < sample:
                picked.append(q[pos[k]])
                pos[k] += strides[k]
    return sorted(picked, key=lambda i: i.rel)


def score_layouts(item: Item, transforms: list[str], dump: str | None = None) -> dict[str, tuple]:
    """(section, all-levels, error) scores of one file in each layout."""
    truth = json.loads(item.truth.read_text(encoding="utf-8"))
    text = decode(item.path.read_bytes())[0]
    out = {}
    with tempfile.TemporaryDirectory(prefix="lexbench-layout-") as tmp:
        for tr in transforms:
            new_text, units = render(item.rel, text, truth["units"], tr, item.fmt == "markdown")
            path = Path(tmp) / item.path.name
            path.write_bytes(new_text.encode("utf-8"))
            if dump:
                d = Path(dump) / tr / Path(item.rel).parent
                d.mkdir(parents=True, exist_ok=True)
                (d / item.path.name).write_bytes(new_text.encode("utf-8"))
                (d / item.truth.name).write_text(json.dumps({**truth, "units": units}, ensure_ascii=False),
                                                 encoding="utf-8")
            r = score_item(item, path, [Unit(u["kind"], str(u["num"]), u.get("parent")) for u in units])
            out[tr] = (r.section, r.levels, r.error)
    return out


def _job(args: tuple) -> tuple[Item, dict]:
    item, transforms, dump = args
    return item, score_layouts(item, transforms, dump)


def _total(scores: list[SectionScore]) -> dict:
    s = SectionScore("", sum(x.expected for x in scores), sum(x.found for x in scores),
                     sum(x.matched for x in scores))
    return {"expected": s.expected, "f1": round(s.f1, 4), "precision": round(s.precision, 4),
            "recall": round(s.recall, 4)}


def summarise(results: list[tuple[Item, dict]], transforms: list[str]) -> dict:
    table: dict = {}
    for tr in transforms:
        rows = [(i, r[tr]) for i, r in results]
        trads: dict[str, list] = defaultdict(list)
        for i, sc in rows:
            trads[i.tradition].append(sc)
        worst = sorted(rows, key=lambda x: (x[1][0].f1 + x[1][1].f1, x[0].rel))[:8]
        table[tr] = {"section": _total([sc[0] for _, sc in rows]), "all_levels": _total([sc[1] for _, sc in rows]),
                     "errors": sum(1 for _, sc in rows if sc[2]),
                     "by_tradition": {k: {"files": len(v), "section": _total([x[0] for x in v])["f1"],
                                          "all_levels": _total([x[1] for x in v])["f1"]} for k, v in sorted(trads.items())},
                     "worst": [{"file": i.rel, "section": round(sc[0].f1, 3), "all_levels": round(sc[1].f1, 3)}
                               for i, sc in worst]}
    return table


def markdown(table: dict, meta: dict) -> str:
    trads = sorted({t for v in table.values() for t in v["by_tradition"]})
    out = [f"# Segmentation layout robustness ({meta['files']} development texts, commit {meta['commit'][:10]}"
           f"{' + changes' if meta['dirty'] else ''})", "",
           "| layout | section F1 | all levels F1 | all-levels R | " + " | ".join(trads) + " |",
           "|---|---:|---:|---:|" + "---:|" * len(trads)]
    for tr, v in table.items():
        cells = [f"{v['by_tradition'][t]['section']:.3f} / {v['by_tradition'][t]['all_levels']:.3f}"
                 if t in v["by_tradition"] else "" for t in trads]
        out.append(f"| {tr} | {v['section']['f1']:.3f} | {v['all_levels']['f1']:.3f} | "
                   f"{v['all_levels']['recall']:.3f} | " + " | ".join(cells) + " |")
    out += ["", "Per tradition: section / all levels. Worst files per layout (section, all levels):", ""]
    for tr, v in table.items():
        if tr != "normal":
            out.append(f"- {tr}: " + ", ".join(f"{w['file']} ({w['section']:.2f}, {w['all_levels']:.2f})"
                                               for w in v["worst"][:4]))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.robustness", description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=None, help="N files spread over the traditions")
    ap.add_argument("--transforms", default=",".join(TRANSFORMS), help="comma-separated layouts")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--dump", help="write the re-rendered texts and truths under this folder")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args(argv)
    transforms = [t for t in args.transforms.split(",") if t]
    unknown = [t for t in transforms if t not in TRANSFORMS]
    if unknown:
        ap.error(f"unknown layouts: {', '.join(unknown)} (known: {', '.join(TRANSFORMS)})")
    t0 = time.perf_counter()
    items = _items(args.paths, args.sample)
    jobs = [(i, transforms, args.dump) for i in items]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as ex:
            results = list(ex.map(_job, jobs, chunksize=1))
    else:
        results = [_job(j) for j in jobs]
    sha, dirty = _commit()
    meta = {"files": len(results), "sample": args.sample, "commit": sha, "dirty": dirty,
            "seconds": round(time.perf_counter() - t0, 1)}
    table = summarise(results, transforms)
    text = markdown(table, meta)
    print(text)
    if not args.no_save and not args.paths and results:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = "robustness" if not args.sample else f"robustness-sample{args.sample}"
        (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "layouts": table}, indent=1,
                                                         ensure_ascii=False) + "\n", encoding="utf-8")
        (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
