"""``train``: fit a learned model on the gold corpus (and reviewed labels) and save it as the latest.

Reads: ``annotations/`` (``pipeline.gold``) and, with ``db_url``, the review store's reviewed labels
(``pipeline.reviewed``). Writes: weights + metadata under ``models/trained/`` (``registry``).
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.classify.learned.registry import read_latest, trained_dir
from pipeline.gold import blind_statutes, item_from_gold, labels_from_gold, load_training_data
from pipeline.resources import ANNOTATIONS_DIR
from pipeline.reviewed import apply_reviews, load_reviews, reviews_hash


@dataclass
class TrainResult:
    name: str
    version: str
    path: str
    seconds: float
    n_items: int
    skipped: bool = False
    reviews: dict | None = None  # counts when trained with a review store
    blind_left_out: int = 0  # gold items of the blind statutes (corpora/BLIND.tsv) not trained on


def train(name: str, seed: int = 0, root: str | Path = ANNOTATIONS_DIR, folder: Path | None = None,
          if_changed: bool = False, db_url: str | None = None, include_blind: bool = False,
          **params) -> TrainResult:
    """Fit model ``name`` on the development gold + synthetic annotations and save it as the latest.

    The blind statutes (``corpora/BLIND.tsv`` beside ``root``) are left out unless
    ``include_blind``: a shipped model trained on them would make the blind score a memory test.

    With ``db_url``, reviewed labels in that store override the annotations for the
    same provision text hash and reviewed provisions missing from the gold are added
    (jurisdiction from their statute); the reviews' digest joins the version.
    With ``if_changed``, an existing latest model with the same version (same code,
    data, reviews, hyper-parameters and seed) is kept and nothing is trained.
    """
    from pipeline.classify import new_classifier

    folder = trained_dir(folder)
    gold, items, labels = load_training_data(root)
    if not items:
        raise RuntimeError(f"no annotations found under {root}")
    held = 0
    if not include_blind:
        gold, held = _development_only(gold, blind_statutes(Path(root).resolve().parent))
        items, labels = [item_from_gold(g) for g in gold], [labels_from_gold(g) for g in gold]
    merge = reviews = None
    if db_url:
        reviews = load_reviews(db_url)
        merge = apply_reviews(gold, reviews)
        gold = merge.rows
        items, labels = [item_from_gold(g) for g in gold], [labels_from_gold(g) for g in gold]
    clf = new_classifier(name, seed=seed, **params)
    planned = clf.planned_version(items, labels)
    if reviews:
        rhash = reviews_hash(reviews)
        planned = f"{planned}.r{hashlib.sha256((planned + rhash).encode()).hexdigest()[:8]}"
    review_counts = ({"reviews": len(reviews), "overridden": merge.overridden, "changed": merge.changed,
                      "added": merge.added} if merge is not None else None)
    if if_changed:
        latest = read_latest(name, folder)
        if latest and latest.get("version") == planned:
            return TrainResult(name=name, version=latest["version"], path=str(folder / latest["weights"]),
                               seconds=0.0, n_items=len(items), skipped=True, reviews=review_counts,
                               blind_left_out=held)
    t0 = time.perf_counter()
    clf.fit(items, labels, groups=[getattr(g, "jurisdiction", None) or "?" for g in gold])
    secs = time.perf_counter() - t0
    if reviews:
        clf.version = planned  # same data + different reviews (e.g. confirmations) is still a new version
        clf.meta_ = {**(clf.meta_ or {}), "reviews": {**review_counts, "hash": rhash, "db": _safe_url(db_url)}}
    path = clf.save(folder)
    return TrainResult(name=name, version=clf.version, path=str(path), seconds=secs, n_items=len(items),
                       reviews=review_counts, blind_left_out=held)


def _development_only(gold: list, blind: set[str]) -> tuple[list, int]:
    """(the gold rows not of a blind statute, how many were left out)."""
    keep = [g for g in gold if getattr(g, "statute", None) not in blind]
    return keep, len(gold) - len(keep)


def _safe_url(url: str) -> str:
    """The store URL without its password (it goes into the model's metadata)."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
