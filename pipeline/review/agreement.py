"""Agreement between reviewers: Cohen's kappa per conduct, unanimity and conflicts.

Each reviewer's latest decision in force counts once per provision. For a conduct,
every pair of reviewers who both reviewed a provision gives one (yes/no, yes/no)
observation, the reviewer with the smaller id as rater A; kappa is computed over the
pooled observations. Unanimous provisions need no adjudication; the others are listed
with each distinct label set and who chose it (Prodigy's review view).
"""
from __future__ import annotations

from itertools import combinations

from pipeline.records import CONDUCT_IDS
from pipeline.store.queries import active_reviews, all_reviews, provision_eids, usernames
from pipeline.store.schema import Review


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    """Kappa for binary ratings; None when undefined (no pairs, or both raters constant and equal)."""
    n = len(pairs)
    if n == 0:
        return None
    po = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def label_key(labels: list[dict]) -> tuple:
    return tuple(sorted((d["id"], d.get("coverage", "full")) for d in labels))


def per_reviewer_decisions(url: str) -> dict[int, dict[int, Review]]:
    """provision id -> user id -> that user's decision in force."""
    by_prov: dict[int, list[Review]] = {}
    for r in all_reviews(url):
        by_prov.setdefault(r.provision_id, []).append(r)
    out = {}
    for pid, revs in by_prov.items():
        latest: dict[int, Review] = {}
        for r in active_reviews(revs):
            latest[r.user_id] = r
        if latest:
            out[pid] = latest
    return out


def agreement_report(url: str) -> dict:
    decisions = per_reviewer_decisions(url)
    users, eids = usernames(url), provision_eids(url, list(decisions))
    pairs: dict[str, list[tuple[bool, bool]]] = {c: [] for c in CONDUCT_IDS}
    multi = unanimous = 0
    conflicts = []
    for pid, by_user in sorted(decisions.items()):
        if len(by_user) < 2:
            continue
        multi += 1
        sets = {uid: {d["id"] for d in r.labels} for uid, r in by_user.items()}
        for ua, ub in combinations(sorted(sets), 2):
            for c in CONDUCT_IDS:
                pairs[c].append((c in sets[ua], c in sets[ub]))
        versions: dict[tuple, list[str]] = {}
        for uid, r in by_user.items():
            versions.setdefault(label_key(r.labels), []).append(users.get(uid, str(uid)))
        if len(versions) == 1:
            unanimous += 1
        else:
            conflicts.append({"provision_id": pid, "eid": eids.get(pid, str(pid)), "versions": [
                {"labels": [{"id": i, "coverage": c} for i, c in k],
                 "labels_text": ", ".join(f"{i} ({c})" for i, c in k) or "no conduct", "reviewers": sorted(v)}
                for k, v in sorted(versions.items(), key=lambda kv: -len(kv[1]))]})
    per = []
    for c in CONDUCT_IDS:
        ps = pairs[c]
        per.append({"conduct": c, "n": len(ps), "observed": (sum(a == b for a, b in ps) / len(ps)) if ps else None,
                    "kappa": cohen_kappa(ps)})
    return {"n_multi": multi, "n_unanimous": unanimous, "conflicts": conflicts, "per_conduct": per}
