"""Segmentation scored against structure truth: every corpus text/PDF with a ``.structure.json``
(corpora/acts/<jur>/, format ``lexbench.structure/1``) and the za-by-laws gazette/AKN pairs.

WHY two levels: a section lost loses every section-level label, so the *section level*
(section/article/rule/regulation units, matched by number as a multiset: a section found twice,
say from a table of contents, is a false positive) is the headline; *all levels* matches every
numbered unit by its number path: from its section (``3/1/a``) inside a section, else its
chain of container numbers (``c:I/2``), so the nesting is checked at every level. A naive
baseline (a regex for ``N.`` / ``Article N`` / ``Art. N`` / ``§ N`` at the start of a line) is
scored beside it: the segmenter has to beat it, per tradition.

Blind split: corpora/BLIND.tsv lists files kept for a one-off final score (plus any file whose
country scripts/corpus/blind_split.py marks blind and that is not listed yet). By default
(``--exclude-blind``) those files are neither segmented nor read; ``--only-blind`` scores them
alone; ``--all`` scores everything.

Usage: ``python -m evaluation.segmentation [--exclude-blind | --only-blind | --all] [--worst N]
[--no-save] [PATH ...]``; writes evaluation/results/segmentation{,-blind,-all}.{json,md}.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import blind as blind_split
from evaluation.segmentation_scores import SectionScore, markdown, score, summarise

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
PAIRS_DIR = CORPORA / "structured" / "za-by-laws"
RESULTS = ROOT / "evaluation" / "results"
SECTION_KINDS = ("section", "article", "rule", "regulation")
CONTAINER_KINDS = ("part", "chapter", "title", "book", "division", "subdivision", "subchapter", "section_group")


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUFFIX = r"(?:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|novies|nonies|decies)"


def _norm(num: str) -> str:
    return num.strip().strip("§").strip().rstrip(".").strip("()").strip().lower()


def norm_num(num: str) -> str:
    """Printed number -> comparable key: ``§ 5.`` ``(5)`` ``5º`` ``5.º`` -> ``5``; ``1er``/``premier``
    -> ``1``; ``128 bis``/``128-bis``/``128bis`` -> ``128bis``; ``L. 39-1``/``L.39-1`` -> ``l39-1``;
    ``36^1``/``36<sup>1</sup>`` -> ``36¹``."""
    t = re.sub(r"(?:<sup>\(?|\^)(\d+)(?:\)?</sup>)?", lambda m: m.group(1).translate(_SUPERSCRIPT), _norm(num))
    t = re.sub(r"^([a-z]{1,2})\.?\s*(?=\d)", r"\1", t)  # French code books: "L. 39-1" = "L.39-1" = "L39-1"
    t = re.sub(r"\.?\s*[º°ª]", "", t).strip().rstrip(".").strip()
    if t in ("premier", "première", "primero", "primeiro", "único", "unico", "única"):
        return "1" if t.startswith("prem") or t.startswith("prim") else "único"
    t = re.sub(r"^(\d+)\s*(?:er|re|ère)$", r"\1", t)
    t = t.replace("条の", "の")
    t = re.sub(r"[\s\-]+(" + _SUFFIX + r")\b", r"\1", t)
    return re.sub(r"\s+", "", t)


# ---- the truth ---------------------------------------------------------------------------

@dataclass
class Unit:
    kind: str
    num: str
    parent: int | None


def section_numbers(units: list[Unit]) -> list[str]:
    """Section-level units: a section/article/rule/regulation that holds no other such unit
    (a civil-law "Section 2" grouping articles is a container, not a section)."""
    holds = [False] * len(units)
    for u in units:
        if u.kind in SECTION_KINDS and u.parent is not None:
            holds[u.parent] = True
    return [norm_num(u.num) for i, u in enumerate(units) if u.kind in SECTION_KINDS and not holds[i]]


def _section_level(units: list[Unit]) -> list[bool]:
    holds = [False] * len(units)
    for u in units:
        if u.kind in SECTION_KINDS and u.parent is not None:
            holds[u.parent] = True
    return [u.kind in SECTION_KINDS and not holds[i] for i, u in enumerate(units)]


def unit_paths(units: list[Unit]) -> list[str]:
    """Number path of every unit. Inside a section-level unit the path starts at it
    (``12/1/a``); above it, the chain of container numbers (``c:II/3``).

    WHY two namespaces: sources disagree on containers (one flattens Parts away, another keeps
    "Allgemeiner Teil" above "Erster Abschnitt"), so a full root path would fail every unit of a
    file for one container convention. Containers are still scored, by their own chain."""
    level = _section_level(units)
    paths: list[str] = []
    inside: list[bool] = []
    for i, u in enumerate(units):
        own = norm_num(u.num)
        p = u.parent
        if level[i]:
            paths.append(own)
            inside.append(True)
        elif p is not None and inside[p]:
            paths.append(f"{paths[p]}/{own}")
            inside.append(True)
        else:
            paths.append(f"{paths[p]}/{own}" if p is not None else f"c:{own}")
            inside.append(False)
    return paths


def within_truth_depth(found: list[str], expected: list[str]) -> list[str]:
    """Found paths at the depths the truth annotates. A truth that stops at the section level
    ("structure truth = articles only" in the manifest) says nothing about the paragraphs below:
    they are neither confirmed nor wrong, so they are not scored. Likewise containers, when the
    truth holds none at all ("articles only")."""
    inner = [p.count("/") for p in expected if not p.startswith("c:")]
    depth = max(inner, default=0)
    containers = any(p.startswith("c:") for p in expected)
    return [p for p in found if (containers if p.startswith("c:") else p.count("/") <= depth)]


def structure_units(path: Path) -> list[Unit]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Unit(u["kind"], str(u["num"]), u.get("parent")) for u in data["units"]]


def akn_units(xml_path: str | Path) -> list[Unit]:
    """Every element with a ``<num>`` in an Akoma Ntoso document, nested as in the XML."""
    units: list[Unit] = []
    stack = [(ET.parse(str(xml_path)).getroot(), None)]
    while stack:
        el, parent = stack.pop()
        tag = el.tag.rsplit("}", 1)[-1]
        num = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "num"), None)
        if num is not None and (num.text or "").strip() and tag not in ("num", "heading"):
            units.append(Unit(tag, num.text.strip(), parent))
            parent = len(units) - 1
        for child in reversed(list(el)):
            stack.append((child, parent))
    return units


def akn_sections(xml_path: str | Path) -> list[str]:
    """Printed numbers of every ``<section>`` in the body (AKN 2.0 ``id`` or 3.0 ``eId`` alike)."""
    return [_norm(u.num) for u in akn_units(xml_path) if u.kind == "section"]


def akn_language(xml_path: str | Path) -> str | None:
    """ISO 639-1 code of the AKN expression (``<FRBRlanguage language="eng"/>`` -> ``en``)."""
    for el in ET.parse(str(xml_path)).iter():
        if el.tag.rsplit("}", 1)[-1] == "FRBRlanguage":
            return _ISO3.get(el.get("language", ""), el.get("language"))
    return None


_ISO3 = {"eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "nld": "nl", "dut": "nl",
         "ita": "it", "spa": "es", "por": "pt", "afr": "af", "ces": "cs"}


# ---- the corpus and its blind split --------------------------------------------------------

@dataclass
class Item:
    rel: str  # path relative to corpora/
    path: Path
    truth: Path
    jurisdiction: str = ""
    language: str = ""
    tradition: str = "unknown"
    fmt: str = "text"
    meta: dict = field(default_factory=dict)


def _manifest() -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for tsv in [CORPORA / "MANIFEST.tsv", *sorted((CORPORA / "manifests").glob("*.tsv"))]:
        if tsv.exists():
            with tsv.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh, delimiter="\t"):
                    if r.get("path"):
                        rows[r["path"]] = r
    return rows


def blind_paths() -> set[str]:
    """Paths (relative to corpora/) of the blind split (``pipeline.blind``: BLIND.tsv plus files of
    countries the rule marks blind that landed after the list was written)."""
    return blind_split.blind_paths(CORPORA)


def is_blind(rel: str, blind: set[str]) -> bool:
    return rel in blind or str(Path(rel).with_suffix(".structure.json")) in blind


def corpus_items() -> list[Item]:
    """Every text/PDF with structure truth under corpora/acts/ (order: path)."""
    manifest = _manifest()
    items = []
    for truth in sorted((CORPORA / "acts").glob("*/*.structure.json")):
        try:
            text_name = json.loads(truth.read_text(encoding="utf-8")).get("text")
        except (OSError, ValueError):
            continue
        path = truth.with_name(text_name or "")
        if not text_name or not path.exists():
            continue
        rel = str(path.relative_to(CORPORA))
        row = manifest.get(rel, {})
        fmt = {".pdf": "pdf", ".md": "markdown"}.get(path.suffix.lower(), "text")
        items.append(Item(rel, path, truth, row.get("jurisdiction") or truth.parent.name.upper(),
                          row.get("language", ""), row.get("tradition") or "unknown", fmt, row))
    return items


def pair_items() -> list[Item]:
    """The za-by-laws gazette PDFs with their hand-made AKN (bilingual and trilingual prints)."""
    return [Item(str(p.relative_to(CORPORA)), p, x, "ZA", akn_language(x) or "", "common-law-commonwealth", "pdf")
            for p, x in default_pairs()]


def default_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for pdf in sorted(PAIRS_DIR.glob("*-source-enacted.pdf")):
        xml = pdf.with_name(pdf.name.replace("-source-enacted.pdf", "-main.akn.xml"))
        if xml.exists():
            pairs.append((pdf, xml))
    return pairs


# ---- what the segmenter (and the baseline) find ---------------------------------------------

def _found(provs, text: str, lang: str) -> tuple[list[str], list[str]]:
    """Section numbers and number paths of our tree. In a print of the same law in several
    languages, only the sections in the truth's language count (the truth holds one)."""
    from pipeline.extract.language import detect_language

    by_eid = {p.eid: p for p in provs}
    keep = None
    sections = [p for p in provs if p.kind in ("section", "article") and p.num]
    if lang and len(sections) >= 4:
        langs = {p.eid: detect_language(text[p.start:p.end]) for p in sections}
        counts = Counter(v for v in langs.values() if v != "und")
        # several languages, the truth's among them (a language the detector does not know is never filtered)
        if counts[lang] >= 0.1 * len(sections) and sum(1 for c in counts.values() if c >= 0.1 * len(sections)) >= 2:
            keep = {e for e, v in langs.items() if v in (lang, "und")}
    secs, paths = [], []
    for p in provs:
        if not p.num:
            continue
        chain, cur, top_sec = [], p, None
        while cur is not None:
            if cur.num:
                chain.append(norm_num(cur.num))
            if cur.kind in ("section", "article"):
                top_sec = cur.eid
                break
            cur = by_eid.get(cur.parent) if cur.parent else None
        if keep is not None and (top_sec is None or top_sec not in keep):
            continue
        paths.append(("" if top_sec else "c:") + "/".join(reversed(chain)))
        if p.kind in ("section", "article"):
            secs.append(norm_num(p.num))
    return secs, paths


_BASELINE = re.compile(r"^\s*(?:(?:Article|Art\.?|Artículo|Artigo|Articolo|Artikel|§)\s*(\d+[A-Za-z]*)"
                       r"|(\d+[A-Z]?)\.(?:\s|$))", re.M)


def baseline_sections(text: str) -> list[str]:
    """The naive floor: ``N.``, ``Article N``, ``Art. N`` or ``§ N`` at the start of a line."""
    return [norm_num(m.group(1) or m.group(2)) for m in _BASELINE.finditer(text)]


@dataclass
class Result:
    item: Item
    section: SectionScore
    levels: SectionScore
    baseline: SectionScore
    seconds: float
    error: str | None = None


def score_item(item: Item, path: Path | None = None, units: list[Unit] | None = None) -> Result:
    """Score one item; ``path`` and ``units`` stand in for its file and truth (a re-rendered copy,
    see ``evaluation.robustness``)."""
    from pipeline.extract import extract
    from pipeline.segment import segment

    if units is None:
        units = akn_units(item.truth) if item.truth.suffix == ".xml" else structure_units(item.truth)
    exp_secs, exp_paths = section_numbers(units), unit_paths(units)
    t = time.perf_counter()
    try:
        doc = extract(path or item.path)
        provs = segment(doc)
    except Exception as exc:  # noqa: BLE001 - a crash scores zero and is listed
        return Result(item, score(exp_secs, [], item.rel), score(exp_paths, [], item.rel),
                      score(exp_secs, [], item.rel), time.perf_counter() - t, f"{type(exc).__name__}: {exc}")
    secs, paths = _found(provs, doc.text, item.language)
    paths = within_truth_depth(paths, exp_paths)
    return Result(item, score(exp_secs, secs, item.rel), score(exp_paths, paths, item.rel),
                  score(exp_secs, baseline_sections(doc.text), item.rel), time.perf_counter() - t)


# ---- old entry points kept for the gazette tests --------------------------------------------

def found_sections(path: str | Path, lang: str | None = None) -> list[str]:
    """Section numbers the segmenter finds; with ``lang``, only sections written in that language."""
    from pipeline.extract import extract
    from pipeline.extract.language import detect_language
    from pipeline.segment import segment

    doc = extract(path)
    return [_norm(p.num) for p in segment(doc) if p.kind == "section" and p.num
            and (lang is None or detect_language(doc.text[p.start:p.end]) == lang)]


def evaluate(pairs: list[tuple[Path, Path]] | None = None, same_language: bool = False) -> list[SectionScore]:
    """za-by-laws pairs: all sections found (default), or only those in the AKN expression's language."""
    return [score(akn_sections(x), found_sections(p, akn_language(x) if same_language else None), p.name)
            for p, x in (pairs or default_pairs())]


def akn_paths(xml_path: str | Path) -> list[str]:
    """Number paths of every numbered node inside a section: ``3/(1)/(a)``."""
    units = akn_units(xml_path)
    out, inside = [], [None] * len(units)
    for i, u in enumerate(units):
        base = inside[u.parent] if u.parent is not None else None
        if base is None and u.kind != "section":
            continue
        inside[i] = (base + "/" if base else "") + _norm(u.num)
        out.append(inside[i])
    return out


def found_paths(path: str | Path, lang: str | None = None) -> list[str]:
    """Our number paths below sections, for sections in ``lang`` (all sections if None)."""
    from pipeline.extract import extract
    from pipeline.extract.language import detect_language
    from pipeline.segment import segment

    doc = extract(path)
    provs = segment(doc)
    by_eid = {p.eid: p for p in provs}
    out = []
    for p in provs:
        if not p.num:
            continue
        chain, cur = [], p
        while cur is not None and cur.kind != "section":
            if cur.num:
                chain.append(_norm(cur.num))
            cur = by_eid.get(cur.parent) if cur.parent else None
        if cur is None or (lang is not None and detect_language(doc.text[cur.start:cur.end]) != lang):
            continue
        chain.append(_norm(cur.num or ""))
        out.append("/".join(reversed(chain)))
    return out


def evaluate_paths(pairs: list[tuple[Path, Path]] | None = None) -> list[SectionScore]:
    """Every numbered node below a section (same-language sections), matched by its number path."""
    return [score(akn_paths(x), found_paths(p, akn_language(x)), p.name) for p, x in (pairs or default_pairs())]


def justice_labels(xml_path: str | Path) -> list[str]:
    """Pre-order ``<Label>`` numbers of a Justice Laws (Canada) XML act: sections and their parts."""
    out = []
    body = ET.parse(str(xml_path)).getroot().find("Body")
    for el in (body.iter() if body is not None else ()):
        label = "".join(el.itertext()).replace("*", "").strip() if el.tag == "Label" else ""
        if label:  # "<Label><FootnoteRef>*</FootnoteRef>13</Label>" -> "13"
            out.append(label)
    return out


def found_labels(path: str | Path) -> list[str]:
    """Pre-order printed numbers of numbered nodes (sections and enumerated levels) we find."""
    from pipeline.extract import extract
    from pipeline.segment import segment

    return [p.num.strip() for p in segment(extract(path)) if p.num and p.kind not in CONTAINER_KINDS]


def _commit() -> tuple[str, bool]:
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "pipeline", "models/segmentation"],
                                    cwd=ROOT, capture_output=True, text=True).stdout.strip())
        return sha or "unknown", dirty
    except OSError:
        return "unknown", False


def select(split: str, paths: list[str]) -> list[Item]:
    """The items of a split: ``dev`` (not blind), ``blind`` or ``all``; ``paths`` narrow it."""
    items = corpus_items() + pair_items()
    blind = blind_paths()
    if split == "dev":
        items = [i for i in items if not is_blind(i.rel, blind)]
    elif split == "blind":
        items = [i for i in items if is_blind(i.rel, blind)]
    if paths:
        wanted = {str(Path(p).resolve()) for p in paths}
        items = [i for i in items if str(i.path.resolve()) in wanted]
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evaluation.segmentation", description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--exclude-blind", dest="split", action="store_const", const="dev",
                   help="score every structured file except the blind split (default)")
    g.add_argument("--only-blind", dest="split", action="store_const", const="blind",
                   help="score the blind split alone (once, at the end)")
    g.add_argument("--all", dest="split", action="store_const", const="all", help="score every structured file")
    ap.add_argument("--worst", type=int, default=20)
    ap.add_argument("--no-save", action="store_true", help="print only")
    ap.add_argument("paths", nargs="*", help="only these files (must have structure truth)")
    args = ap.parse_args(argv)
    split = args.split or "dev"
    t = time.perf_counter()
    results = [score_item(i) for i in select(split, args.paths)]
    summary = summarise(results, args.worst)
    sha, dirty = _commit()
    meta = {"split": split, "commit": sha, "dirty": dirty, "files": len(results),
            "seconds": time.perf_counter() - t}
    text = markdown(summary, meta) if results else "no files\n"
    print(text)
    if not args.no_save and not args.paths and results:
        stem = {"dev": "segmentation", "blind": "segmentation-blind", "all": "segmentation-all"}[split]
        RESULTS.mkdir(parents=True, exist_ok=True)
        meta["seconds"] = round(meta["seconds"], 1)
        (RESULTS / f"{stem}.json").write_text(json.dumps({"meta": meta, **summary}, indent=1, ensure_ascii=False)
                                              + "\n", encoding="utf-8")
        (RESULTS / f"{stem}.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
