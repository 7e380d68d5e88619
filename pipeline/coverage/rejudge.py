"""Which conducts each stored provision covers under two benchmarks, and how fully.

Reads: a store ``Snapshot`` and a classifier. Writes: nothing. Stored predictions answer
where they can; the model runs only for conducts the store was never asked about; every
found conduct is then judged (full/partial) with the same ``judge`` under each benchmark.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.classify import ClassifyItem
from pipeline.coverage.snapshot import Found, Prov, Snapshot
from pipeline.records import CONDUCT_IDS


@dataclass
class Work:
    """What the run cost: the proof that --if-changed with no change did nothing."""

    classifier_calls: int = 0
    classified_items: int = 0
    rejudged_labels: int = 0
    seconds: dict = field(default_factory=dict)


def _items(snap: Snapshot) -> dict[int, ClassifyItem]:
    """Each stored provision as the classifier saw it in annotate (same builder, per statute)."""
    from pipeline.classify.inputs import Node, classify_items

    by_statute: dict[int, list[Prov]] = {}
    for p in snap.provisions:
        by_statute.setdefault(p.statute_id, []).append(p)
    out = {}
    for sid, provs in by_statute.items():
        items = classify_items([Node(p.eid, p.parent, p.kind, p.text) for p in provs], snap.statutes[sid].lang)
        out.update({p.id: item for p, item in zip(provs, items)})
    return out


def _bench_for_key(key: tuple[str, str]) -> Benchmark | None:
    try:
        return load_benchmark(f"{key[0]}@{key[1]}")
    except Exception:  # an ad-hoc YAML path, a version no longer shipped: the store cannot say
        return None


def _known_conducts(keys: set, wanted: list[Benchmark]) -> set[str]:
    """Conducts the stored predictions were asked about with the same cues as ``wanted`` use."""
    known: set[str] = set()
    for key in keys:
        b = _bench_for_key(key)
        if b is None:
            continue
        for cid in b.conduct_ids:
            if all(w.conducts[cid].cues == b.conducts[cid].cues for w in wanted if cid in w.conducts):
                known.add(cid)
    return known


def collect_found(snap: Snapshot, clf, old: Benchmark, new: Benchmark, work: Work, log) -> list[Found]:
    """Stored predictions of this model version, plus the model's answer where the store has none."""
    model_name, model_version = clf.name, str(clf.version)
    provs_by_id = {p.id: p for p in snap.provisions}
    mine = [p for p in snap.preds if p[2] == model_name and p[3] == model_version and p[0] in provs_by_id]
    all_keys = {(p[4], p[5]) for p in mine}
    keys_by_statute: dict[int, set] = {}
    other_model: set[int] = set()
    for p in snap.preds:
        if p[0] not in provs_by_id:
            continue
        sid = provs_by_id[p[0]].statute_id
        if p[2] == model_name and p[3] == model_version:
            keys_by_statute.setdefault(sid, set()).add((p[4], p[5]))
        else:
            other_model.add(sid)
    wanted = [c for c in CONDUCT_IDS if c in old.conducts or c in new.conducts]
    found = [Found(provs_by_id[p[0]], p[1], p[6] or "", "stored", p[7]) for p in mine if p[1] in wanted]
    # a statute with no prediction of this model: annotated with this model and found nothing
    # (then the store's benchmark keys for the model apply), unless another model labelled it
    need: dict[int, list[str]] = {}
    for sid in snap.statutes:
        keys = keys_by_statute.get(sid)
        if keys is None:
            keys = set() if sid in other_model else all_keys
        known = _known_conducts(keys, [old, new])
        missing = [c for c in wanted if c not in known]
        if missing:
            need[sid] = missing
            found = [f for f in found if not (f.prov.statute_id == sid and f.conduct in missing)]
    if need:
        found += reclassify(snap, clf, need, old, new, work, log)
    return found


def reclassify(snap: Snapshot, clf, need: dict[int, list[str]], old: Benchmark, new: Benchmark,
               work: Work, log) -> list[Found]:
    t0 = time.perf_counter()
    by_id = _items(snap)
    out: list[Found] = []
    groups: dict[tuple, list[int]] = {}
    for sid, missing in need.items():
        groups.setdefault(tuple(missing), []).append(sid)
    for missing, sids in groups.items():
        provs = [p for p in snap.provisions if p.statute_id in sids and p.text.strip()]
        if not provs:
            continue
        items = [by_id[p.id] for p in provs]
        for bench in (new, old):
            asked = [c for c in missing if c in bench.conducts]
            if not asked:
                continue
            labels = clf.label(items, bench)
            work.classifier_calls += 1
            work.classified_items += len(items)
            for p, labs in zip(provs, labels):
                out += [Found(p, lab.id, lab.evidence.text if lab.evidence else "", "reclassified", lab.score)
                        for lab in labs if lab.id in asked]
            missing = tuple(c for c in missing if c not in asked)
        if log:
            log(f"re-classified {len(items)} provisions of {len(sids)} statutes for {', '.join(missing) or 'needed conducts'}")
    work.seconds["classify"] = round(time.perf_counter() - t0, 3)
    return out


def rejudge(found: list[Found], snap: Snapshot, bench: Benchmark, work: Work) -> dict[tuple[int, str], dict]:
    """(provision id, conduct) -> {coverage, because, span} under ``bench``, same procedure for every side."""
    from pipeline.classify.judge import judge

    by_id = _items(snap)
    out = {}
    for f in found:
        if f.conduct not in bench.conducts or (f.prov.id, f.conduct) in out:
            continue
        anchor = None
        if f.evidence:
            i = f.prov.text.find(f.evidence)
            if i >= 0:
                anchor = (i, i + len(f.evidence))
        j = judge(f.prov.text, f.conduct, bench, context=by_id[f.prov.id].context,
                  lang=snap.statutes[f.prov.statute_id].lang, anchor=anchor)
        span = f.evidence or (j.evidence.text if j.evidence else "")
        out[(f.prov.id, f.conduct)] = {"coverage": j.coverage, "because": j.because, "span": span,
                                       "source": f.source}
        work.rejudged_labels += 1
    return out
