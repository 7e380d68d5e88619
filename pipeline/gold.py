"""The gold corpus as provisions: what every model is trained on and scored against.

Reads: ``annotations/`` (gold/, first/, second/, synthetic/, FILES*.tsv) and the statutes they
name under ``corpora/``. Gives: ``GoldItem``s (``load_gold``, ``load_synthetic``) and, for training,
``load_training_data`` (ClassifyItems + labels). Agreement and summaries live in ``evaluation.gold``.

WHY anchors and not eids: the segmenter changes (eids change with it), but the words of
a statute do not. Each gold line carries a verbatim ``anchor`` from the provision's own
text; at load time the statute is extracted and segmented with the *current* pipeline
and the line is linked to the provision whose own spans contain the anchor. Every other
provision of a completely annotated file (``FILES.tsv``) is a negative.

Layout (see annotations/GUIDELINES.md §6):
  annotations/gold/     adjudicated gold (starts as annotator A1's work)
  annotations/first/    A1's original lines, frozen before adjudication (for kappa)
  annotations/second/   annotator A2's lines (same format)
  annotations/synthetic/*.jsonl  written sentences: training only, never evaluation
"""
from __future__ import annotations

import csv
import json
import logging
import sys
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.blind import blind_paths
from pipeline.classify.inputs import ClassifyItem, Node, classify_items, section_of
from pipeline.extract import extract
from pipeline.records import CONDUCT_IDS, COVERAGE_VALUES, Provision, text_hash
from pipeline.resources import ANNOTATIONS_DIR
from pipeline.segment import segment

log = logging.getLogger(__name__)


ANNOTATOR_DIRS = {"adjudicated": "gold", "A1": "first", "A2": "second"}
ROLES = ("offence", "obligation", "extension", "repealed")
MIN_ANCHOR = 25


@dataclass
class GoldItem:
    statute: str
    doc: str
    jurisdiction: str
    lang: str
    eid: str
    section_eid: str  # eid of the enclosing top-level section/article (or the item itself)
    kind: str
    heading: str | None
    text: str
    context: str  # ancestors' own text, outermost first (pipeline/classify/inputs.py)
    text_hash: str
    labels: dict[str, str]  # conduct id -> "full" | "partial" (empty = no conduct)
    because: dict[str, str | None]
    synthetic: bool = False
    annotator: str = "adjudicated"
    detail: str = ""  # sub-provisions and cumulative fellow elements (pipeline/classify/inputs.py)
    before: str = ""  # preceding siblings (pipeline/classify/inputs.py)
    after: str = ""  # the next sibling (pipeline/classify/inputs.py)
    glossary: str = ""  # the statute's definitions (pipeline/classify/inputs.py)
    references: str = ""  # sections of the statute the provision names by number (pipeline/classify/inputs.py)
    later_versions: str = ""  # later sections with the same number (pipeline/classify/inputs.py)


class GoldFormatError(ValueError):
    """A gold line breaks the schema (GUIDELINES.md §6)."""


@dataclass
class LinkReport:
    """What happened to each gold line of one load: loud, so nobody trains on a silent gap."""

    linked: int = 0
    unlinked: list[str] = field(default_factory=list)  # anchor or scope missing or repeated: a data error
    straddled: list[str] = field(default_factory=list)  # linked by majority overlap only
    # the words are there once, but today's segmenter cannot place them in one provision inside
    # the scope: a segmentation failure, measured by evaluation.segmentation, not a data error
    missegmented: list[str] = field(default_factory=list)
    repealed: list[str] = field(default_factory=list)  # statutes left out: no longer in force


# -- schema ------------------------------------------------------------------------------
def validate_line(row: dict, where: str = "") -> None:
    """Raise GoldFormatError unless ``row`` is a well-formed gold line."""
    def bad(msg: str) -> None:
        raise GoldFormatError(f"{where}: {msg}")

    for key in ("statute", "jurisdiction", "lang", "ref", "anchor", "labels", "role", "annotator",
                "guideline_version"):
        if key not in row:
            bad(f"missing field {key!r}")
    if not isinstance(row["anchor"], str) or len(row["anchor"]) < MIN_ANCHOR:
        bad(f"anchor shorter than {MIN_ANCHOR} characters")
    if row["role"] not in ROLES:
        bad(f"role {row['role']!r} not in {ROLES}")
    if not isinstance(row["labels"], list):
        bad("labels must be a list")
    if row["role"] == "repealed" and row["labels"]:
        bad("a repealed provision carries no labels")
    seen = set()
    for lab in row["labels"]:
        validate_label(lab, bad)
        if lab["id"] in seen:
            bad(f"conduct {lab['id']} labelled twice")
        seen.add(lab["id"])


def validate_label(lab: dict, bad) -> None:
    if not isinstance(lab, dict) or set(lab) - {"id", "coverage", "because"}:
        bad(f"label {lab!r} must have exactly id, coverage, because")
    if lab.get("id") not in CONDUCT_IDS:
        bad(f"unknown conduct id {lab.get('id')!r}")
    if lab.get("coverage") not in COVERAGE_VALUES:
        bad(f"coverage {lab.get('coverage')!r} not in {COVERAGE_VALUES}")
    because = lab.get("because")
    if lab["coverage"] == "partial" and not (isinstance(because, str) and because.strip()):
        bad(f"partial {lab['id']} needs a 'because'")
    if lab["coverage"] == "full" and because not in (None, ""):
        bad(f"full {lab['id']} must not have a 'because'")


def read_lines(gold_dir: Path) -> dict[str, list[dict]]:
    """statute -> validated lines, for every JSONL under ``gold_dir``."""
    out: dict[str, list[dict]] = {}
    for path in sorted(gold_dir.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    row = json.loads(raw)
                except ValueError as exc:
                    raise GoldFormatError(f"{where}: not JSON ({exc})") from None
                validate_line(row, where)
                out.setdefault(row["statute"], []).append(row)
    return out


def listings(gold_dir: Path) -> dict[str, dict]:
    """file -> its row in ``FILES.tsv`` or any ``FILES-<annotator batch>.tsv`` beside it.

    Several listings let annotators work in parallel without editing one shared file. A row
    may carry ``scope_start``/``scope_end`` (verbatim anchors): then only the provisions that
    start between them were read (a chapter of a whole code) and only they give negatives.
    A file may be listed more than once (a later batch reads another chapter of the same
    code): the row then carries every scope read, in ``scopes``, and the file's scope is
    their union.
    """
    out: dict[str, dict] = {}
    for listing in sorted(gold_dir.glob("FILES*.tsv")):
        with listing.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r.get("file"):
                    scope = (r.get("scope_start") or "", r.get("scope_end") or "")
                    if r["file"] in out:
                        out[r["file"]]["scopes"].append(scope)
                    else:
                        out[r["file"]] = {**r, "scopes": [scope]}
    return out


def completed_files(gold_dir: Path, lines: dict[str, list[dict]]) -> list[str]:
    """Statutes listed in FILES*.tsv (only those are complete, so only they give negatives)."""
    if not any(gold_dir.glob("FILES*.tsv")):
        warnings.warn(f"{gold_dir / 'FILES.tsv'} missing: treating every statute with a JSONL as complete",
                      stacklevel=3)
        return sorted(lines)
    files = list(listings(gold_dir))
    orphans = sorted(set(lines) - set(files))
    if orphans:
        warnings.warn(f"{len(orphans)} statute(s) have gold lines but are not in {gold_dir}/FILES*.tsv: "
                      f"{orphans[:5]}", stacklevel=3)
    return files


def _one_scope(text: str, first: str, last: str) -> tuple[int, int] | str:
    start, end = 0, len(text)
    if first:
        if text.count(first) != 1:
            return f"scope_start found {text.count(first)} times"
        start = text.index(first)
    if last:
        if text.count(last) != 1:
            return f"scope_end found {text.count(last)} times"
        end = text.index(last) + len(last)
    return (start, end) if start < end else "scope_end before scope_start"


class Scope(tuple):
    """The character ranges of a file that were read (one per listing row); ``pos in scope``."""

    def __contains__(self, pos) -> bool:
        return any(s <= pos < e for s, e in self)


def scope_range(text: str, listing: dict | None) -> Scope | str:
    """Character ranges of the annotated scope of a file, or the reason one cannot be found."""
    listing = listing or {}
    pairs = listing.get("scopes") or [(listing.get("scope_start") or "", listing.get("scope_end") or "")]
    ranges = []
    for first, last in pairs:
        r = _one_scope(text, first, last)
        if isinstance(r, str):
            return r
        ranges.append(r)
    return Scope(sorted(ranges))


# -- linking -----------------------------------------------------------------------------
@lru_cache(maxsize=256)
def _parse(path: str, mtime: float):
    doc = extract(path)
    return doc, segment(doc)


def parse_statute(path: Path):
    """Extract + segment once per file version per process (the segmenter can be slow)."""
    return _parse(str(path), path.stat().st_mtime)


def link_anchor(text: str, provisions: list[Provision], anchor: str) -> tuple[Provision | None, str]:
    """The provision whose own spans contain ``anchor``; ('', reason) when it cannot be linked."""
    n = text.count(anchor)
    if n != 1:
        return None, f"anchor found {n} times"
    start = text.index(anchor)
    end = start + len(anchor)
    best, best_overlap = None, 0
    for p in provisions:
        overlap = 0
        for s, e in p.own_spans:
            if s <= start and end <= e:
                return p, ""
            overlap += max(0, min(e, end) - max(s, start))
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    if best is not None and best_overlap >= 0.6 * len(anchor):
        return best, "straddle"
    return None, "anchor not inside one provision's own text"


def _merge(labels: dict, because: dict, row: dict) -> None:
    """Two lines on one provision: union; full beats partial."""
    for lab in row["labels"]:
        cid, cov = lab["id"], lab["coverage"]
        if labels.get(cid) == "full":
            continue
        if cov == "full" or cid not in labels:
            labels[cid], because[cid] = cov, lab.get("because") or None


def _manifest(repo: Path) -> dict[str, dict]:
    """corpora/MANIFEST.tsv and the collection batches' corpora/manifests/*.tsv, by statute path."""
    out: dict[str, dict] = {}
    corpora = repo / "corpora"
    for m in [corpora / "MANIFEST.tsv", *sorted((corpora / "manifests").glob("*.tsv"))]:
        if m.is_file():
            with m.open(encoding="utf-8") as fh:
                out.update({f"corpora/{r['path']}": r for r in csv.DictReader(fh, delimiter="\t")})
    return out


def items_for_statute(repo: Path, statute: str, rows: list[dict], annotator: str,
                      report: LinkReport, manifest: dict[str, dict], listing: dict | None = None) -> list[GoldItem]:
    path = repo / statute
    doc, provisions = parse_statute(path)
    scope = scope_range(doc.text, listing)
    if isinstance(scope, str):
        report.unlinked.append(f"{statute}: {scope}")
        return []
    by_eid = {p.eid: p for p in provisions}
    labels: dict[str, dict] = {p.eid: {} for p in provisions}
    because: dict[str, dict] = {p.eid: {} for p in provisions}
    for row in rows:
        p, why = link_anchor(doc.text, provisions, row["anchor"])
        tag = f"{statute} {row.get('ref')}: {row['anchor'][:60]!r}"
        if p is None:
            (report.missegmented if why.startswith("anchor not inside") else report.unlinked).append(f"{tag}: {why}")
            continue
        if p.start not in scope:
            # the segmenter merged the labelled words into a node that starts before the scope
            report.missegmented.append(f"{tag}: linked to {p.eid}, which starts outside the annotated scope")
            continue
        if why == "straddle":
            report.straddled.append(tag)
        report.linked += 1
        _merge(labels[p.eid], because[p.eid], row)
    meta = manifest.get(statute, {})
    juris = (rows[0]["jurisdiction"] if rows else None) or meta.get("jurisdiction") or "??"
    lang = (rows[0]["lang"] if rows else None) or meta.get("language") or doc.lang or "und"
    out = []
    owns = [p.own_text(doc.text) for p in provisions]
    items = classify_items([Node(p.eid, p.parent, p.kind, own, p.heading) for p, own in zip(provisions, owns)], lang)
    for p, own, item in zip(provisions, owns, items):
        if not own.strip():
            continue  # pure containers: nothing to classify
        if p.start not in scope:
            continue  # outside the part of the file that was read
        out.append(GoldItem(
            statute=statute, doc=doc.name, jurisdiction=juris, lang=lang, eid=p.eid,
            section_eid=section_of(p, lambda q: by_eid.get(q.parent)), kind=p.kind, heading=p.heading, text=own,
            context=item.context, detail=item.detail, before=item.before, after=item.after,
            glossary=item.glossary, references=item.references, later_versions=item.later_versions,
            text_hash=text_hash(own),
            labels=labels[p.eid], because=because[p.eid], annotator=annotator))
    if not out and provisions:
        # the segmenter put no provision start inside the part that was read: say so, never silently
        report.missegmented.append(f"{statute} (scope): no provision starts inside the annotated scope")
    return out


def _repo_of(root: Path) -> Path:
    """Statute paths ('corpora/...') are relative to the folder holding ``annotations/``."""
    return root.resolve().parent


def load_gold(root: str = "annotations", annotator: str = "adjudicated",
              include_synthetic: bool = False, *, strict: bool = False,
              report: LinkReport | None = None, include_repealed: bool = False) -> list[GoldItem]:
    """Every provision of every completely annotated statute, labelled or negative.

    ``strict=True`` raises on any unlinked anchor; otherwise unlinked anchors are logged,
    warned and printed to stderr (they are never dropped silently).

    A statute whose every line has role ``repealed`` (known from its source, not from its
    words) is linked and checked but left out unless ``include_repealed``: its text reads as
    live offences, so as "no conduct" it would teach a model, and score it, on a fact the text
    does not contain. Whether a law is in force is statute metadata, not classification.
    """
    root_p = Path(root)
    sub = ANNOTATOR_DIRS.get(annotator, annotator)
    gold_dir = root_p / sub
    if annotator == "A1" and not gold_dir.is_dir():
        gold_dir = root_p / "gold"  # before adjudication, gold is A1's work
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"no annotations for {annotator!r} at {gold_dir}")
    lines = read_lines(gold_dir)
    files = completed_files(gold_dir, lines)
    listed = listings(gold_dir)
    repo, manifest = _repo_of(root_p), _manifest(_repo_of(root_p))
    report = report if report is not None else LinkReport()
    items: list[GoldItem] = []
    for statute in files:
        rows = lines.get(statute, [])
        found = items_for_statute(repo, statute, rows, annotator, report, manifest, listed.get(statute))
        if rows and all(r["role"] == "repealed" for r in rows) and not include_repealed:
            report.repealed.append(statute)
            continue
        items.extend(found)
    if report.unlinked:
        msg = f"{len(report.unlinked)} gold anchor(s) could not be linked:\n  " + "\n  ".join(report.unlinked)
        if strict:
            raise GoldFormatError(msg)
        log.error(msg)
        print(f"lexbench gold: {msg}", file=sys.stderr)
        warnings.warn(msg, stacklevel=2)
    if report.missegmented:
        msg = (f"{len(report.missegmented)} gold line(s) not placed by today's segmenter (left out):\n  "
               + "\n  ".join(report.missegmented))
        log.warning(msg)
        print(f"lexbench gold: {msg}", file=sys.stderr)
    if include_synthetic:
        items.extend(load_synthetic(root))
    return items


def load_synthetic(root: str = "annotations") -> list[GoldItem]:
    """Annotator-written sentences: training augmentation only, flagged ``synthetic=True``."""
    items = []
    for path in sorted((Path(root) / "synthetic").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                row = json.loads(raw)
                where = f"{path}:{n}"
                if row.get("synthetic") is not True or not str(row.get("text", "")).strip():
                    raise GoldFormatError(f"{where}: synthetic lines need text and synthetic: true")
                labels, because = {}, {}
                for lab in row.get("labels", []):
                    validate_label(lab, lambda m: (_ for _ in ()).throw(GoldFormatError(f"{where}: {m}")))
                    labels[lab["id"]], because[lab["id"]] = lab["coverage"], lab.get("because") or None
                eid = f"syn_{path.stem}_{n}"
                items.append(GoldItem(
                    statute=f"synthetic/{path.name}", doc=path.name, jurisdiction="SYNTHETIC",
                    lang=row.get("lang", "und"), eid=eid, section_eid=eid, kind="synthetic", heading=None,
                    text=row["text"], context=row.get("context", ""), text_hash=text_hash(row["text"]),
                    labels=labels, because=because, synthetic=True, annotator=row.get("annotator", "?")))
    return items


# -- as classifier input ---------------------------------------------------------------------
def item_from_gold(g) -> ClassifyItem:
    """A gold item (``GoldItem``, a reviewed item or a dict with the same fields) as classifier input."""
    get = (lambda k, d=None: g.get(k, d)) if isinstance(g, dict) else (lambda k, d=None: getattr(g, k, d))
    return ClassifyItem(text=get("text", "") or "", context=get("context", "") or "",
                        heading=get("heading"), lang=get("lang"), kind=get("kind"),
                        detail=get("detail", "") or "", before=get("before", "") or "", after=get("after", "") or "",
                        glossary=get("glossary", "") or "", references=get("references", "") or "",
                        later_versions=get("later_versions", "") or "")


def labels_from_gold(g) -> dict[str, str]:
    labels = g.get("labels", {}) if isinstance(g, dict) else getattr(g, "labels", {})
    return {c: v for c, v in (labels or {}).items() if c in CONDUCT_IDS and v in ("full", "partial")}


def blind_statutes(repo: str | Path) -> set[str]:
    """Statute paths (``corpora/...``) of the locked blind split (``pipeline.blind``).

    WHY here: training (``pipeline.classify.learned.training``) must leave them out, and the
    pipeline never imports ``evaluation`` (whose ``blind.blind_files`` is this function)."""
    return {f"corpora/{p}" for p in blind_paths(Path(repo) / "corpora")}


def load_training_data(root: str | Path = ANNOTATIONS_DIR, include_synthetic: bool = True):
    """Adjudicated gold + (optionally) synthetic sentences, as (gold items, ClassifyItems, labels)."""
    gold = list(load_gold(root=str(root), annotator="adjudicated", include_synthetic=False))
    if include_synthetic:
        gold += list(load_synthetic(root))
    return gold, [item_from_gold(g) for g in gold], [labels_from_gold(g) for g in gold]
