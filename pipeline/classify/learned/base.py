"""Training entry points and the model store shared by the learned classifiers.

Why one module: the linear and transformer models differ only in how they turn text
into probabilities. Loading the annotated corpus, versioning (data hash +
hyper-parameters + code version), saving weights under ``models/trained/`` (gitignored),
finding the latest trained model, clause-level evidence and coverage judging are the
same for both, so they live here once.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.classify import CONDUCT_IDS, ClassifyItem, ConductClassifier, ConductLabel, Evidence

from pipeline.resources import ANNOTATIONS_DIR, TRAINED_DIR  # noqa: E402,F401


# -- data -------------------------------------------------------------------------------
def item_from_gold(g) -> ClassifyItem:
    """A gold item (evaluation.gold.GoldItem or a dict with the same fields) as classifier input."""
    get = (lambda k, d=None: g.get(k, d)) if isinstance(g, dict) else (lambda k, d=None: getattr(g, k, d))
    return ClassifyItem(text=get("text", "") or "", context=get("context", "") or "",
                        heading=get("heading"), lang=get("lang"), kind=get("kind"),
                        detail=get("detail", "") or "", before=get("before", "") or "", after=get("after", "") or "",
                        glossary=get("glossary", "") or "")


def labels_from_gold(g) -> dict[str, str]:
    labels = g.get("labels", {}) if isinstance(g, dict) else getattr(g, "labels", {})
    return {c: v for c, v in (labels or {}).items() if c in CONDUCT_IDS and v in ("full", "partial")}


def load_training_data(root: str | Path = ANNOTATIONS_DIR, include_synthetic: bool = True):
    """Adjudicated gold + (optionally) synthetic sentences, as (gold items, ClassifyItems, labels)."""
    try:
        from evaluation.gold import load_gold, load_synthetic
    except ImportError as exc:  # the gold loader is written by another engineer
        raise RuntimeError("evaluation.gold is not available yet: no annotated corpus to train on") from exc
    gold = list(load_gold(root=str(root), annotator="adjudicated", include_synthetic=False))
    if include_synthetic:
        gold += list(load_synthetic())
    return gold, [item_from_gold(g) for g in gold], [labels_from_gold(g) for g in gold]


# -- reviewed labels (the learning loop) ------------------------------------------------
@dataclass
class ReviewedItem:
    """A provision's current human-reviewed labels, shaped like a gold item so the
    training and CV code can use it as one (``item_from_gold``/``labels_from_gold``)."""

    text_hash: str
    labels: dict[str, str]
    text: str
    context: str
    jurisdiction: str
    statute: str
    eid: str
    heading: str | None = None
    kind: str | None = None
    lang: str | None = None
    section_eid: str | None = None
    synthetic: bool = False


def load_reviews(url: str) -> list[ReviewedItem]:
    """Current reviewed labels in the store at ``url``, one per text hash.

    Labels come from ``pipeline.review.interop.reviewed_labels`` (latest decision in
    force; undone decisions dropped; model suggestions, imported or not, never count).
    Text, context (ancestors' own text, outermost first, as the gold builds it) and the
    statute's jurisdiction come from the store, for reviewed provisions not in the gold.
    """
    from pipeline.review.interop import reviewed_labels
    from pipeline.store.queries import provisions_with_text

    final = reviewed_labels(url)
    if not final:
        return []
    out: dict[str, ReviewedItem] = {}
    rows, trees = provisions_with_text(url, list(final))
    for p, st in rows:
        if p.text_hash in out:
            continue
        tree = trees[st.id]
        ctx, anc = [], tree.get(p.parent_eid) if p.parent_eid else None
        while anc is not None and len(ctx) < 32:
            ctx.append(anc.text or "")
            anc = tree.get(anc.parent_eid) if anc.parent_eid else None
        labs = {d["id"]: d.get("coverage", "full") for d in final[p.text_hash] or []}
        out[p.text_hash] = ReviewedItem(
            text_hash=p.text_hash, labels={c: v for c, v in labs.items() if c in CONDUCT_IDS
                                           and v in ("full", "partial")},
            text=p.text, context="\n".join(reversed(ctx)), jurisdiction=st.jurisdiction or "?",
            statute=st.path or st.name, eid=p.eid, heading=p.heading, kind=p.kind, lang=st.lang,
            section_eid=p.eid)
    return sorted(out.values(), key=lambda r: r.text_hash)


def reviews_hash(reviews: list[ReviewedItem]) -> str:
    """Digest of the reviewed labels: part of a model's version, so new reviews mean a new version."""
    rows = sorted(json.dumps([r.text_hash, sorted(r.labels.items())]) for r in reviews)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@dataclass
class ReviewMerge:
    rows: list  # gold rows with reviewed labels applied, then reviewed provisions not in the gold
    overridden: int = 0  # gold rows whose text hash was reviewed
    changed: int = 0  # ... of which the reviewed labels differ from the annotations
    added: int = 0  # reviewed provisions with no gold row


def apply_reviews(rows: list, reviews: list[ReviewedItem]) -> ReviewMerge:
    """Reviews override the annotations of every row with the same text hash; the rest are added."""
    import dataclasses

    by_hash = {r.text_hash: r for r in reviews}
    used: set[str] = set()
    merged = ReviewMerge(rows=[])
    for g in rows:
        h = g.get("text_hash") if isinstance(g, dict) else getattr(g, "text_hash", None)
        r = by_hash.get(h) if h else None
        if r is None:
            merged.rows.append(g)
            continue
        used.add(h)
        merged.overridden += 1
        if labels_from_gold(g) != r.labels:
            merged.changed += 1
        if isinstance(g, dict):
            merged.rows.append({**g, "labels": dict(r.labels)})
        elif dataclasses.is_dataclass(g):
            merged.rows.append(dataclasses.replace(g, labels=dict(r.labels)))
        else:
            merged.rows.append(r)
    for r in reviews:
        if r.text_hash not in used:
            merged.rows.append(r)
            merged.added += 1
    return merged


def data_hash(items: list[ClassifyItem], labels: list[dict[str, str]]) -> str:
    """Order-independent hash of the training data (texts, context and labels)."""
    rows = sorted(json.dumps([it.context, it.text, it.kind, sorted(lab.items())], ensure_ascii=False)
                  for it, lab in zip(items, labels))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def make_version(code_version: str, dhash: str, params: dict[str, Any]) -> str:
    """``<code version>+<10 hex>``: changes with the code, the data or any hyper-parameter."""
    key = json.dumps({"data": dhash, "params": params}, sort_keys=True, default=str)
    return f"{code_version}+{hashlib.sha256(key.encode()).hexdigest()[:10]}"


# -- evidence ---------------------------------------------------------------------------
_CLAUSE_END = re.compile(r"[;:.]\s+|\n+|\s(?=\(\w{1,4}\)\s)|\s(?=\w{1,3}\)\s)")


def clauses(text: str) -> list[tuple[int, int]]:
    """Split a provision into clause spans (sentences, list limbs), offsets into ``text``."""
    spans, pos = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((pos, m.start() + (1 if text[m.start()] in ";:." else 0)))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3:
            out.append((s, e))
    return out or ([(0, len(text))] if text.strip() else [])


def best_clause(item: ClassifyItem, conduct: str, score_items) -> Evidence | None:
    """The clause whose own score for ``conduct`` is highest (ties: the earliest).

    ``score_items(list[ClassifyItem]) -> array (n, n_conducts)``. Each clause is scored
    with the provision's context so a limb "(b) distributes it;" keeps its chapeau.
    """
    spans = clauses(item.text)
    if not spans:
        return None
    j = CONDUCT_IDS.index(conduct)
    if len(spans) == 1:
        s, e = spans[0]
    else:
        probes = [ClassifyItem(text=item.text[s:e], context=item.context, heading=item.heading,
                               lang=item.lang, kind=item.kind) for s, e in spans]
        scores = np.asarray(score_items(probes))[:, j]
        s, e = spans[int(np.argmax(scores))]
    return Evidence(start=s, end=e, text=item.text[s:e])


# -- coverage ---------------------------------------------------------------------------
def judge_coverage(item: ClassifyItem, conduct: str, benchmark, learned: str, mode: str = "judge_or_learned"
                   ) -> tuple[str, str | None, Evidence | None]:
    """(coverage, partial condition, act evidence) relative to ``benchmark``.

    ``judge``: pipeline.classify.judge decides (benchmark-relative conditions from the YAML files).
    ``learned``: the model's own partial head decides (reflects the benchmark the gold
    was annotated against). ``judge_or_learned``: the judge when it finds the act cue in
    the text (so it actually read the limb), else the learned head.
    """
    if mode != "learned" and benchmark is not None and not isinstance(benchmark, str):
        try:
            from pipeline.classify.judge import judge_item
        except ImportError:  # judge not in this checkout: the learned head decides
            judge_item = None
        try:
            j = judge_item(item, conduct, benchmark) if judge_item is not None else None
        except Exception as exc:  # a judge/benchmark bug must not lose the label itself
            _warn_once(f"coverage judge failed ({type(exc).__name__}: {exc}); using the learned coverage")
            j = None
        if j is not None:
            if mode == "judge" or j.evidence is not None:
                return j.coverage, j.because, j.evidence
    because = "learned: partial coverage (condition not located)" if learned == "partial" else None
    return learned, because, None


_WARNED: set[str] = set()


def _warn_once(msg: str) -> None:
    if msg not in _WARNED:
        _WARNED.add(msg)
        logging.getLogger(__name__).warning("lexbench: warning: %s", msg)


# -- base class -------------------------------------------------------------------------
class LearnedClassifier(ConductClassifier):
    """Shared ``label``/``explain``/save/load for models trained from the gold corpus."""

    code_version = "0"
    threshold = 0.5
    coverage_mode = "judge_or_learned"

    def __init__(self) -> None:
        self.version = f"{self.code_version}+untrained"
        self.meta: dict[str, Any] = {}

    # subclasses: fit, predict_proba, predict_partial (n, n_conducts) P(partial | covered)
    def predict_partial(self, items: list[ClassifyItem]) -> np.ndarray:
        return np.zeros((len(items), len(CONDUCT_IDS)))

    def planned_version(self, items: list[ClassifyItem], labels: list[dict[str, str]]) -> str:
        """The version ``fit(items, labels)`` will produce (lets set-up skip an unchanged retrain)."""
        return make_version(self.code_version, data_hash(items, labels), {**self.params, "seed": self.seed})

    def predict_both(self, items: list[ClassifyItem]) -> tuple[np.ndarray, np.ndarray]:
        """(P(conduct covered), P(partial | covered)); models that get both in one pass override."""
        return np.asarray(self.predict_proba(items)), np.asarray(self.predict_partial(items))

    def explain(self, item: ClassifyItem, conduct: str) -> Evidence | None:
        return best_clause(item, conduct, self.predict_proba)

    def label(self, items: list[ClassifyItem], benchmark) -> list[list[ConductLabel]]:
        if not items:
            return []
        proba, partial = self.predict_both(items)
        return self.label_from(items, benchmark, proba, partial, self.threshold)

    def label_from(self, items: list[ClassifyItem], benchmark, proba: np.ndarray, partial: np.ndarray,
                   threshold: float) -> list[list[ConductLabel]]:
        """Labels from probabilities already computed (a subclass may combine them with others)."""
        out = []
        for i, item in enumerate(items):
            labs = []
            for j, conduct in enumerate(CONDUCT_IDS):
                if proba[i, j] < threshold:
                    continue
                learned = "partial" if partial[i, j] >= 0.5 else "full"
                cov, because, ev = judge_coverage(item, conduct, benchmark, learned, self.coverage_mode)
                if ev is None or not (0 <= ev.start < ev.end <= len(item.text)):
                    ev = self.explain(item, conduct)
                labs.append(ConductLabel(id=conduct, score=round(float(proba[i, j]), 4), coverage=cov,
                                         evidence=ev, because=because))
            out.append(labs)
        return out


# -- store ------------------------------------------------------------------------------
def latest_pointer(name: str, trained_dir: Path = TRAINED_DIR) -> Path:
    return trained_dir / f"{name}.latest.json"


def write_latest(name: str, weights: Path, meta: dict, trained_dir: Path = TRAINED_DIR) -> None:
    trained_dir.mkdir(parents=True, exist_ok=True)
    (trained_dir / f"{weights.name}.meta.json").write_text(json.dumps(meta, indent=2, default=str))
    latest_pointer(name, trained_dir).write_text(json.dumps({"weights": weights.name, **meta}, indent=2,
                                                            default=str))


def read_latest(name: str, trained_dir: Path = TRAINED_DIR) -> dict | None:
    p = latest_pointer(name, trained_dir)
    if not p.is_file():
        return None
    meta = json.loads(p.read_text())
    if not (trained_dir / meta.get("weights", "")).exists():
        return None
    return meta


@dataclass
class TrainResult:
    name: str
    version: str
    path: str
    seconds: float
    n_items: int
    skipped: bool = False
    reviews: dict | None = None  # counts when trained with a review store


def train(name: str, seed: int = 0, root: str | Path = ANNOTATIONS_DIR,
          trained_dir: Path = TRAINED_DIR, if_changed: bool = False, db_url: str | None = None,
          **params) -> TrainResult:
    """Fit model ``name`` on gold + synthetic annotations and save it as the latest.

    With ``db_url``, reviewed labels in that store override the annotations for the
    same provision text hash and reviewed provisions missing from the gold are added
    (jurisdiction from their statute); the reviews' digest joins the version.
    With ``if_changed``, an existing latest model with the same version (same code,
    data, reviews, hyper-parameters and seed) is kept and nothing is trained.
    """
    from pipeline.classify import get_classifier

    gold, items, labels = load_training_data(root)
    if not items:
        raise RuntimeError(f"no annotations found under {root}")
    merge = None
    if db_url:
        reviews = load_reviews(db_url)
        merge = apply_reviews(gold, reviews)
        gold = merge.rows
        items, labels = [item_from_gold(g) for g in gold], [labels_from_gold(g) for g in gold]
    clf = get_classifier(name, trained=False, seed=seed, **params)
    planned = clf.planned_version(items, labels)
    if merge is not None and reviews:
        rhash = reviews_hash(reviews)
        planned = f"{planned}.r{hashlib.sha256((planned + rhash).encode()).hexdigest()[:8]}"
    review_counts = ({"reviews": len(reviews), "overridden": merge.overridden, "changed": merge.changed,
                      "added": merge.added} if merge is not None else None)
    if if_changed:
        latest = read_latest(name, trained_dir)
        if latest and latest.get("version") == planned:
            return TrainResult(name=name, version=latest["version"], path=str(trained_dir / latest["weights"]),
                               seconds=0.0, n_items=len(items), skipped=True, reviews=review_counts)
    t0 = time.perf_counter()
    import inspect

    if "groups" in inspect.signature(clf.fit).parameters:
        clf.fit(items, labels, groups=[getattr(g, "jurisdiction", None) or "?" for g in gold])
    else:
        clf.fit(items, labels)
    secs = time.perf_counter() - t0
    if review_counts is not None and reviews:
        clf.version = planned  # same data + different reviews (e.g. confirmations) is still a new version
        clf.meta = {**(clf.meta or {}), "reviews": {**review_counts, "hash": rhash, "db": _safe_url(db_url)}}
    path = clf.save(trained_dir)
    return TrainResult(name=name, version=clf.version, path=str(path), seconds=secs, n_items=len(items),
                       reviews=review_counts)


def _safe_url(url: str) -> str:
    """The store URL without its password (it goes into the model's metadata)."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
