"""Writing an annotated statute version and the run that produced it.

Reads: ``Document`` and ``AnnotatedProvision`` records from annotate. Writes: ``statutes``,
``provisions`` (rows re-used across re-segmentations, matched by text hash then eid, so reviews
survive), ``predictions`` and ``runs``, each call one transaction.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.manifest import StatuteMeta, statute_meta_for
from pipeline.store.bulk import place_provisions, write_predictions
from pipeline.store.engine import session_scope, transact
from pipeline.store.schema import ProvisionRow, Run, Statute, utcnow


def get_statute(session: Session, sha256: str) -> Statute | None:
    return session.scalar(select(Statute).where(Statute.sha256 == sha256))


def match_rows(existing: list[ProvisionRow], new_rows) -> list[ProvisionRow | None]:
    """For each new row, the existing row it continues (same text hash first, then same eid).

    Each existing row is used at most once; unmatched new rows get None. Matching by
    text first lets a renumbered provision keep its reviews; matching by eid next keeps
    a provision whose wording was corrected.
    """
    by_hash: dict[str, list[ProvisionRow]] = {}
    for p in sorted(existing, key=lambda p: p.ordinal):
        by_hash.setdefault(p.text_hash, []).append(p)
    used: set[int] = set()
    out: list[ProvisionRow | None] = [None] * len(new_rows)
    # exact (hash, eid) pairs first so identical duplicates keep their own rows
    for i, r in enumerate(new_rows):
        for p in by_hash.get(r.text_hash, []):
            if p.id not in used and p.eid == r.eid:
                out[i] = p
                used.add(p.id)
                break
    for i, r in enumerate(new_rows):
        if out[i] is None:
            for p in by_hash.get(r.text_hash, []):
                if p.id not in used:
                    out[i] = p
                    used.add(p.id)
                    break
    by_eid = {p.eid: p for p in existing}
    for i, r in enumerate(new_rows):
        if out[i] is None:
            p = by_eid.get(r.eid)
            if p is not None and p.id not in used:
                out[i] = p
                used.add(p.id)
    return out


def _set_meta(st: Statute, meta: StatuteMeta) -> None:
    """Title, citation, version date, in force and act key; a field the source lacks is kept."""
    for key, value in meta.as_dict().items():
        if value is not None:
            setattr(st, key, value)


def save_document(url: str, doc, rows, jurisdiction: str | None = None, run_id: int | None = None,
                  meta: StatuteMeta | None = None) -> int:
    """Store one annotated statute version in one transaction; idempotent per sha256.

    Re-annotating the same statute re-uses its provision rows (matched by text hash,
    then eid) so reviews survive a re-segmentation; rows no longer produced are deleted,
    or kept inactive if reviewed. Predictions are unique per (provision, conduct, model,
    benchmark) version. ``meta`` (title, citation, version date, in force, act) defaults to the
    statute file's MANIFEST.tsv row. Retried as a whole if SQLite reports a lock. Provisions and
    predictions are written with bulk statements (``bulk``), not one ORM object per row.
    """
    def work(s: Session) -> int:
        st = get_statute(s, doc.sha256)
        if st is None:
            st = Statute(sha256=doc.sha256, name=doc.name, path=doc.path, kind=doc.kind)
            s.add(st)
        st.jurisdiction = jurisdiction or st.jurisdiction
        _set_meta(st, meta if meta is not None else statute_meta_for(doc.path))
        st.lang, st.n_pages, st.path = doc.lang, doc.n_pages, doc.path
        s.flush()
        ids = place_provisions(s, st.id, rows, match_rows)
        write_predictions(s, ids, rows, run_id)
        return st.id

    return transact(url, work)


def refresh_statute(url: str, sha256: str, path: str, jurisdiction: str | None = None,
                    meta: StatuteMeta | None = None) -> bool | None:
    """Bring a stored statute version's metadata up to date (a new jurisdiction, a moved file, an
    edited MANIFEST.tsv row: title, citation, version date, in force, act) without touching its
    provisions, predictions or reviews. ``meta`` defaults to the file's manifest row, as in
    ``save_document``. None when this version is not stored; else whether anything changed."""
    meta = meta if meta is not None else statute_meta_for(path)
    fields = ("jurisdiction", "path", *meta.as_dict())

    def work(s: Session) -> bool | None:
        st = get_statute(s, sha256)
        if st is None:
            return None
        before = [getattr(st, f) for f in fields]
        st.jurisdiction, st.path = jurisdiction or st.jurisdiction, path or st.path
        _set_meta(st, meta)
        return [getattr(st, f) for f in fields] != before

    return transact(url, work)


def start_run(url: str, command: str, model, benchmark, git_commit: str | None) -> int:
    """Record the start of a batch; predictions written by it point at this row."""
    with session_scope(url) as s:
        run = Run(command=command, model_name=model.name, model_version=model.version,
                  benchmark_id=benchmark.id, benchmark_version=benchmark.version, git_commit=git_commit)
        s.add(run)
        s.flush()
        return run.id


def finish_run(url: str, run_id: int, stats: dict) -> None:
    with session_scope(url) as s:
        run = s.get(Run, run_id)
        run.finished, run.stats = utcnow(), stats
