"""Grouped folds of whole jurisdictions, stratified by conduct: the one split rule shared by the
learned models' inner cross-validation (thresholds, calibration) and ``evaluation.cv``'s grouped k-fold.

Why stratified: with 59 development jurisdictions and a few conducts present in under ten of
them (live streaming), plain group k-fold can leave a fold with no positive of a conduct, and a
threshold or calibration chosen there says nothing about it.
"""
from __future__ import annotations

from typing import Iterator


def grouped_splits(jurisdictions: list[str], labels: list[dict], k: int = 5,
                   synthetic: list[bool] | None = None) -> Iterator[tuple[str, list[int], list[int]]]:
    """(fold name, train indices, test indices) for ``k`` folds of whole jurisdictions.

    Stratified greedily: jurisdictions are placed rarest-conduct-heavy first, each into the fold
    where the conducts it has positives of are least represented so far (relative to their
    total), ties to the smaller fold; deterministic. Synthetic items are always in train.
    The fold name lists its jurisdictions (``g1:AD+AT+...``).
    """
    synthetic = synthetic or [False] * len(jurisdictions)
    pos: dict[str, dict[str, int]] = {}
    size: dict[str, int] = {}
    for j, lab, syn in zip(jurisdictions, labels, synthetic):
        if syn:
            continue
        size[j] = size.get(j, 0) + 1
        row = pos.setdefault(j, {})
        for c in lab:
            row[c] = row.get(c, 0) + 1
    total = {c: sum(r.get(c, 0) for r in pos.values()) for c in {c for r in pos.values() for c in r}}
    weight = {j: sum(n / total[c] for c, n in r.items()) for j, r in pos.items()}
    k = max(1, min(k, len(size)))
    fold_pos = [dict.fromkeys(total, 0.0) for _ in range(k)]
    fold_size, members = [0] * k, [[] for _ in range(k)]
    for j in sorted(size, key=lambda j: (-weight[j], -size[j], j)):
        def cost(f: int) -> tuple:
            return (sum(fold_pos[f][c] + n / total[c] for c, n in pos[j].items()), fold_size[f], f)
        f = min(range(k), key=cost)
        members[f].append(j)
        fold_size[f] += size[j]
        for c, n in pos[j].items():
            fold_pos[f][c] += n / total[c]
    for f, held in enumerate(members):
        held_set = set(held)
        test = [i for i, (j, syn) in enumerate(zip(jurisdictions, synthetic)) if j in held_set and not syn]
        train = [i for i, (j, syn) in enumerate(zip(jurisdictions, synthetic)) if syn or j not in held_set]
        yield f"g{f + 1}:" + "+".join(sorted(held)), train, test
