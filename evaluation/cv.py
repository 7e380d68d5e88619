"""Leave-one-jurisdiction-out (LOJO) and grouped k-fold cross-validation of a conduct classifier.

Why LOJO: the tool is judged on countries it has never seen; provisions of one country
share drafting habits (and often whole sentences), so a random split would reward
memorising a country's style. Each fold trains on every other jurisdiction plus all
synthetic sentences and tests on the held-out jurisdiction's gold provisions only.
Synthetic items are never evaluated.

Grouped k-fold (``groups=k``): the same idea with k folds of WHOLE jurisdictions, stratified so
that each fold holds positives of every conduct the gold has in enough jurisdictions
(``grouped_splits``). A learned model is fitted k times instead of once per jurisdiction
(59 on the development gold), so it is the protocol for models whose fit takes minutes; with
a fifth of the countries unseen at once it is also a little harsher than LOJO.

Reviewed labels (``reviews``, the learning loop) only ever enter TRAINING folds and
never change a test label: in the fold holding out jurisdiction J, reviews of J's
statutes and reviews whose text is one of J's test provisions are left out, the rest
override the annotations of training rows with the same text hash or are added as
training rows. So "before vs after corrections" compares two models on the same
held-out gold.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

from pipeline.classify.learned.folds import grouped_splits
from pipeline.gold import item_from_gold, labels_from_gold
from pipeline.reviewed import apply_reviews

from pipeline.coverage.matrix import roll_up

from .metrics import score


def _get(g, k, d=None):
    return g.get(k, d) if isinstance(g, dict) else getattr(g, k, d)


def jurisdiction_of(g) -> str:
    return _get(g, "jurisdiction") or "?"


def lojo_splits(jurisdictions: list[str], synthetic: list[bool] | None = None
                ) -> Iterator[tuple[str, list[int], list[int]]]:
    """(held-out jurisdiction, train indices, test indices) per jurisdiction.

    Synthetic items (``synthetic[i]``) are always in train and never in test; a
    jurisdiction with only synthetic items gets no fold.
    """
    synthetic = synthetic or [False] * len(jurisdictions)
    held = sorted({j for j, syn in zip(jurisdictions, synthetic) if not syn})
    for h in held:
        test = [i for i, (j, syn) in enumerate(zip(jurisdictions, synthetic)) if j == h and not syn]
        train = [i for i, (j, syn) in enumerate(zip(jurisdictions, synthetic)) if syn or j != h]
        yield h, train, test


def section_key(g) -> str:
    """The section a provision rolls up to: its statute + section eid (itself if none)."""
    doc = _get(g, "statute") or _get(g, "doc") or ""
    return f"{doc}#{_get(g, 'section_eid') or _get(g, 'eid')}"


@dataclass
class CVResult:
    model: str
    folds: list[dict] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)  # per evaluated provision
    pred: list[dict] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    langs: list[str | None] = field(default_factory=list)  # per evaluated provision
    seconds: float = 0.0

    def provision_scores(self):
        return score(self.gold, self.pred)

    def section_scores(self):
        g = roll_up(self.keys, self.gold)  # the coverage report's own roll-up rule
        p = roll_up(self.keys, self.pred)
        ks = sorted(g)
        return score([g[k] for k in ks], [p[k] for k in ks])


def _hash(g) -> str | None:
    return _get(g, "text_hash")


def cross_validate(make_model: Callable[[], object], gold: list, synthetic: list, benchmark,
                   model_name: str = "?", progress: Callable[[str], None] | None = None,
                   reviews: list | None = None, train_exclude: set[str] | None = None,
                   folds: list[str] | None = None, groups: int | None = None) -> CVResult:
    """LOJO over ``gold`` (non-synthetic items); ``synthetic`` items join every training fold.
    With ``groups=k``: ``k`` stratified folds of whole jurisdictions instead (``grouped_splits``).

    ``reviews``: ``pipeline.reviewed.ReviewedItem`` list used in training folds only (see the
    module docstring). ``train_exclude``: text hashes never trained on (a simulated
    not-yet-annotated pool; they are still tested). ``folds``: evaluate only these
    held-out jurisdictions (a faster, partial evaluation; with ``groups``, fold numbers "1".."k").
    """
    rows = list(gold) + list(synthetic)
    syn = [False] * len(gold) + [True] * len(synthetic)
    jur = [jurisdiction_of(g) for g in rows]
    items = [item_from_gold(g) for g in rows]
    labels = [labels_from_gold(g) for g in rows]
    exclude = train_exclude or set()
    res = CVResult(model=model_name)
    t_all = time.perf_counter()
    splits = lojo_splits(jur, syn) if not groups else grouped_splits(jur, labels, groups, syn)
    for held, train_idx, test_idx in splits:
        if folds is not None and held not in folds and held.split(":")[0].lstrip("g") not in folds:
            continue
        t0 = time.perf_counter()
        clf = make_model()
        train_idx = [i for i in train_idx if _hash(rows[i]) not in exclude]
        tr_items, tr_labels = [items[i] for i in train_idx], [labels[i] for i in train_idx]
        tr_jur = [jur[i] for i in train_idx]
        n_rev = None
        if reviews:
            test_hashes = {_hash(rows[i]) for i in test_idx}
            usable = [r for r in reviews if jurisdiction_of(r) != held and _hash(r) not in test_hashes]
            merged = apply_reviews([rows[i] for i in train_idx], usable)
            tr_items = [item_from_gold(g) for g in merged.rows]
            tr_labels = [labels_from_gold(g) for g in merged.rows]
            tr_jur = [jurisdiction_of(g) for g in merged.rows]
            n_rev = {"reviews_used": len(usable), "overridden": merged.overridden, "changed": merged.changed,
                     "added": merged.added}
        clf.fit(tr_items, tr_labels, groups=tr_jur)
        t_fit = time.perf_counter() - t0
        test_items = [items[i] for i in test_idx]
        predicted = clf.label(test_items, benchmark)
        for i, labs in zip(test_idx, predicted):
            res.gold.append(labels[i])
            res.pred.append({lab.id: lab.coverage for lab in labs})
            res.keys.append(section_key(rows[i]))
            res.langs.append(items[i].lang)
        version = str(getattr(clf, "version", "?"))
        res.versions.append(version)
        fold = {"jurisdiction": held, "n_train": len(tr_items), "n_test": len(test_idx),
                "fit_seconds": round(t_fit, 2),
                "seconds": round(time.perf_counter() - t0, 2), "model_version": version}
        if n_rev is not None:
            fold["reviews"] = n_rev
        res.folds.append(fold)
        if progress:
            progress(f"fold {held}: {len(test_idx)} test / {len(tr_items)} train, "
                     f"{time.perf_counter() - t0:.1f}s")
    res.seconds = time.perf_counter() - t_all
    return res
