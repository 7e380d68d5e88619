"""Bulk writes of one statute version's provisions and predictions (SQLAlchemy Core executemany).

Reads: the statute's stored provision rows and their predictions. Writes: ``provisions`` (rows
re-used, renamed, retired, deleted or inserted as ``save.save_document`` decides) and
``predictions``, inside the caller's transaction. A few statements per statute instead of one ORM
object per row: the same rows and values the ORM wrote, at a fraction of the cost.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from pipeline.store.schema import Prediction, ProvisionRow, Review

_PROV = ProvisionRow.__table__
_PRED = Prediction.__table__
_CHUNK = 500  # ids per IN (...) list
_KEY = ("conduct", "model_name", "model_version", "benchmark_id", "benchmark_version")
_EVIDENCE = ("evidence_start", "evidence_end", "evidence_text")


def _chunks(ids: list[int]):
    for k in range(0, len(ids), _CHUNK):
        yield ids[k:k + _CHUNK]


def _by_id(table):
    """UPDATE of the row whose id is the ``_id`` parameter; the SET clause is the other parameters."""
    return update(table).where(table.c.id == bindparam("_id"))


def _reviewed(s: Session, ids: list[int]) -> set[int]:
    """Which of the provision rows ``ids`` carry at least one review."""
    out: set[int] = set()
    for part in _chunks(ids):
        out.update(s.scalars(select(Review.provision_id).where(Review.provision_id.in_(part)).distinct()))
    return out


def _set_eids(s: Session, changes: list[dict]) -> None:
    """``changes``: ``{"_id", "eid", "active"}`` each, one UPDATE statement for all."""
    if changes:
        s.execute(_by_id(_PROV), changes)


def _free_eids(s: Session, matched: list, rows, leftovers: list) -> None:
    """Free every eid that changes hands before any row takes its new one (unique per statute):
    matched rows whose eid changes move to ``~moving~<id>``; unmatched rows are deleted, or
    retired (inactive, ``~retired~<id>~<eid>``) when reviewed."""
    changes = [{"_id": p.id, "eid": f"~moving~{p.id}", "active": p.active}
               for p, r in zip(matched, rows) if p is not None and p.eid != r.eid]
    reviewed = _reviewed(s, [p.id for p in leftovers])
    changes += [{"_id": p.id, "eid": f"~retired~{p.id}~{p.eid}"[:512], "active": False}
                for p in leftovers if p.id in reviewed and (p.active or not p.eid.startswith("~retired~"))]
    _set_eids(s, changes)
    gone = [p.id for p in leftovers if p.id not in reviewed]
    for part in _chunks(gone):
        s.execute(delete(_PROV).where(_PROV.c.id.in_(part)))


def _values(statute_id: int, i: int, r) -> dict:
    return {"statute_id": statute_id, "eid": r.eid, "active": True, "ordinal": i, "kind": r.kind, "num": r.num,
            "heading": r.heading, "text": r.text, "text_hash": r.text_hash, "start": r.start, "end": r.end,
            "page": r.page, "parent_eid": r.parent, "depth": r.depth, "terms": [t.__dict__ | {} for t in r.terms]}


def place_provisions(s: Session, statute_id: int, rows, match_rows: Callable) -> list[int]:
    """Write ``rows`` as the statute's active provisions; returns each row's provision id.

    ``match_rows(existing, rows)`` says which stored row each new row continues (it keeps its id,
    so its reviews and predictions); the others are inserted."""
    cols = (_PROV.c.id, _PROV.c.eid, _PROV.c.text_hash, _PROV.c.ordinal, _PROV.c.active)
    existing = list(s.execute(select(*cols).where(_PROV.c.statute_id == statute_id)))
    matched = match_rows(existing, rows)
    matched_ids = {p.id for p in matched if p is not None}
    _free_eids(s, matched, rows, [p for p in existing if p.id not in matched_ids])
    updates, inserts = [], []
    for i, (p, r) in enumerate(zip(matched, rows)):
        v = _values(statute_id, i, r)
        if p is None:
            inserts.append(v)
        else:
            del v["statute_id"]
            updates.append(v | {"_id": p.id})
    if updates:
        s.execute(_by_id(_PROV), updates)
    if inserts:
        s.execute(insert(_PROV), inserts)
    by_eid = {}
    if inserts:  # eids are unique per statute: they give the new rows' ids
        new = {v["eid"] for v in inserts}
        by_eid = {eid: pid for pid, eid in s.execute(select(_PROV.c.id, _PROV.c.eid)
                                                    .where(_PROV.c.statute_id == statute_id)) if eid in new}
    return [p.id if p is not None else by_eid[r.eid] for p, r in zip(matched, rows)]


def _wanted(ids: list[int], rows, run_id: int | None) -> dict[tuple, dict]:
    """One entry per (provision, conduct, model, benchmark) key; a label repeated for the same
    key overwrites the values, and its evidence only when it has some (as successive ORM edits did)."""
    out: dict[tuple, dict] = {}
    for pid, r in zip(ids, rows):
        for lab in r.conducts:
            key = (pid, lab.id, r.model.name, r.model.version, r.benchmark.id, r.benchmark.version)
            v = out.setdefault(key, {})
            v.update(run_id=run_id, score=lab.score, coverage=lab.coverage, because=lab.because)
            if lab.evidence is not None:
                v.update(evidence_start=lab.evidence.start, evidence_end=lab.evidence.end,
                         evidence_text=lab.evidence.text)
    return out


def write_predictions(s: Session, ids: list[int], rows, run_id: int | None) -> None:
    """Insert each label's prediction, or update the stored one with the same key (other stored
    predictions of these provisions are left as they are)."""
    wanted = _wanted(ids, rows, run_id)
    if not wanted:
        return
    have: dict[tuple, int] = {}
    cols = [_PRED.c.id, _PRED.c.provision_id] + [_PRED.c[k] for k in _KEY]
    for part in _chunks(sorted({k[0] for k in wanted})):
        for row in s.execute(select(*cols).where(_PRED.c.provision_id.in_(part))):
            have[tuple(row[1:])] = row[0]
    inserts, plain, with_evidence = [], [], []
    for key, v in wanted.items():
        pid = have.get(key)
        if pid is None:
            inserts.append({"provision_id": key[0], **dict(zip(_KEY, key[1:])), **dict.fromkeys(_EVIDENCE), **v})
        else:
            (with_evidence if "evidence_start" in v else plain).append(v | {"_id": pid})
    for group in (plain, with_evidence):  # one key set per executemany
        if group:
            s.execute(_by_id(_PRED), group)
    if inserts:
        s.execute(insert(_PRED), inserts)
